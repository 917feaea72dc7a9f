// Helpers of the element tests that drive whole apps (console, studio, sign-in): queries through
// shadow roots by what a person (or a screen reader) perceives, and signing in through the form.
// Test code only: left out of the build and of custom-elements.json.
import { waitUntil } from '@open-wc/testing';

/** Password of the demo staff on the test server (web-test-runner.config.mjs). */
export const TEST_PASSWORD = 'parley-test';

/** Elements matching `selector` under `root`, open shadow roots included, in tree order. */
export function deepAll<T extends HTMLElement = HTMLElement>(root: Element | ShadowRoot, selector: string, visibleOnly = true): T[] {
  const out: T[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of node.children) {
      if (child.matches(selector)) out.push(child as T);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  walk(root instanceof Element && root.shadowRoot ? root.shadowRoot : root);
  return visibleOnly ? out.filter((el) => el.checkVisibility()) : out;
}

/** The text a person sees (and hidden live regions say), across shadow roots. */
export function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element)) return '';
  if (!node.checkVisibility()) return '';
  const children = node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
  return [...children].map(deepText).join(' ').replace(/\s+/g, ' ');
}

/** The focused element, looked for inside the shadow roots on the way (not a host). */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export const nameOf = (el: HTMLElement) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();

export function buttons(el: Element, name: string | RegExp): HTMLButtonElement[] {
  return deepAll<HTMLButtonElement>(el, 'button').filter((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));
}

export function button(el: Element, name: string | RegExp): HTMLButtonElement {
  const found = buttons(el, name);
  if (found.length !== 1) throw new Error(`expected one button named ${name}, found ${found.length}`);
  return found[0];
}

/** Controls labelled `name` by a visible <label>. */
export function controls<T extends HTMLElement>(el: Element, name: string): T[] {
  return deepAll<HTMLLabelElement>(el, 'label')
    .filter((l) => l.textContent?.replace(/\s+/g, ' ').trim() === name && l.control)
    .map((l) => l.control as unknown as T);
}

export function control<T extends HTMLElement = HTMLInputElement>(el: Element, name: string): T {
  const found = controls<T>(el, name);
  if (found.length !== 1) throw new Error(`expected one control labelled ${name}, found ${found.length}`);
  return found[0];
}

/** What the visible alerts say. */
export const alertText = (el: Element) => deepAll(el, '[role="alert"]').map((r) => deepText(r)).join(' ');
/** What the visible status lines say. */
export const statusText = (el: Element) => deepAll(el, '[role="status"]').map((r) => deepText(r)).join(' ');

/** Waits until `check` returns something truthy without throwing. */
export const until = (check: () => unknown, message: string, timeout = 8000) =>
  waitUntil(
    () => {
      try {
        return Boolean(check());
      } catch {
        return false;
      }
    },
    message,
    { timeout, interval: 25 },
  );

/** The accessible names of the sign-in form's fields and button, per language. */
export const SIGN_IN_NAMES = {
  en: { username: 'Username', password: 'Password', submit: 'Sign in' },
  fr: { username: "Nom d'utilisateur", password: 'Mot de passe', submit: 'Se connecter' },
} as const;

/** Fills the sign-in form under `el` once it shows, and presses its button. */
export async function fillSignIn(el: Element, username: string, password = TEST_PASSWORD, names: { username: string; password: string; submit: string } = SIGN_IN_NAMES.en): Promise<void> {
  await until(() => control(el, names.username), 'the sign-in form');
  control(el, names.username).value = username;
  control(el, names.password).value = password;
  button(el, names.submit).click();
}
