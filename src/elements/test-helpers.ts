// Helpers of the element tests that drive whole apps (console, studio, sign-in): queries through
// shadow roots by what a person (or a screen reader) perceives, and signing in through the form.
// Test code only: left out of the build and of custom-elements.json.
import { expect, waitUntil } from '@open-wc/testing';
import { AgentSession } from '../core/agent-session.js';
import { rememberCsrfToken, signOut } from '../core/staff-auth.js';
import type { ChatMessage } from '../protocol/index.js';

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

/** Cuts and restores the wire under the page's socket.io connections; see `cutWire`. */
export interface WireCutter {
  /** Closes every open WebSocket that joined `namespace` (`NAMESPACES.customer`…), and refuses its reconnections until `mend`. */
  cut(namespace: string): void;
  /** Lets connections to `namespace` through again (the sessions reconnect on their own schedule). */
  mend(namespace: string): void;
  /** Puts WebSocket back as it was. */
  restore(): void;
}

/**
 * Real connection losses for element tests. The server, socket.io and the sessions' reconnection
 * are the real ones; only the wire is cut: `WebSocket.prototype.send` is wrapped (prototype methods
 * are looked up on each call, so sockets opened before this still go through it), each socket is
 * tagged with the socket.io namespaces it joins (the CONNECT packet, `40/v1/customer,{…}`), and while
 * a namespace is cut, a socket that tries to join it is closed instead, as a network failure would.
 * Call it before the connection to watch is opened, and `restore()` after the test.
 */
export function cutWire(): WireCutter {
  const send = WebSocket.prototype.send;
  const joined = new Map<WebSocket, Set<string>>();
  const cut = new Set<string>();
  WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    // An engine.io message (4) carrying a socket.io CONNECT (0) to a namespace.
    const connect = typeof data === 'string' ? /^40(\/[^,{]*)?/.exec(data) : null;
    if (connect) {
      const namespace = connect[1] ?? '/';
      if (cut.has(namespace)) return void this.close();
      joined.set(this, (joined.get(this) ?? new Set()).add(namespace));
    }
    return send.call(this, data);
  };
  return {
    cut(namespace) {
      cut.add(namespace);
      for (const [socket, namespaces] of joined) {
        if (namespaces.has(namespace) && socket.readyState === WebSocket.OPEN) socket.close();
      }
    },
    mend(namespace) {
      cut.delete(namespace);
    },
    restore() {
      WebSocket.prototype.send = send;
      cut.clear();
    },
  };
}

/**
 * What the page says of the network and of its own visibility, for the widget and the console:
 * `navigator.onLine` and `document.visibilityState` are overridden on the instances (the
 * prototypes' getters come back on `restore`), with the events a browser would fire. Headless
 * Chromium has no network switch nor a way to hide a tab from the page.
 */
export function fakePage(): { offline(on: boolean): void; hidden(on: boolean): void; restore(): void } {
  const set = (target: object, name: string, value: unknown) => Object.defineProperty(target, name, { configurable: true, get: () => value });
  return {
    offline(on) {
      set(navigator, 'onLine', !on);
      window.dispatchEvent(new Event(on ? 'offline' : 'online'));
    },
    hidden(on) {
      set(document, 'visibilityState', on ? 'hidden' : 'visible');
      set(document, 'hidden', on);
      document.dispatchEvent(new Event('visibilitychange'));
    },
    restore() {
      delete (navigator as { onLine?: boolean }).onLine;
      delete (document as { visibilityState?: string }).visibilityState;
      delete (document as { hidden?: boolean }).hidden;
    },
  };
}

/**
 * A signed-in, available demo agent (agent2) driven through the real agent session, on its own
 * connection (`forceNew`): cutting the widget's wire must not cut the agent's.
 */
export async function demoAgent(server: string): Promise<AgentSession> {
  const res = await fetch(`${server}/api/v1/auth/login`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent2', password: TEST_PASSWORD }),
  });
  expect(res.status, 'agent sign-in').to.equal(200);
  rememberCsrfToken(server, ((await res.json()) as { csrfToken?: string }).csrfToken);
  const agent = new AgentSession({ server, socketOptions: { transports: ['websocket'], forceNew: true } });
  await agent.connect();
  expect(agent.state.connection).to.equal('connected');
  expect(await agent.setAvailable(true)).to.equal(null);
  return agent;
}

/**
 * Leaves the demo desk as a console test found it: the agent's offers declined, the conversations
 * it holds closed (with the first disposition), the agent unavailable, and signed out.
 */
export async function releaseDesk(session: AgentSession | null | undefined, server: string): Promise<void> {
  if (session) {
    for (const offer of session.state.offers) await session.decline(offer.id);
    const disposition = session.state.dispositions[0]?.code ?? 'resolved';
    for (const thread of session.state.threads) await session.end(thread.conversation.id, disposition, '');
    if (session.state.agent?.available) await session.setAvailable(false);
  }
  await staffSignOut(server);
}

/** Signs the page's staff session out (with its CSRF token, as the apps do). */
export async function staffSignOut(server: string): Promise<void> {
  expect(await signOut(server), 'signed out').to.equal(true);
}

/** Has the agent accept this conversation, declining any other contact offered meanwhile. */
export async function acceptConversation(agent: AgentSession, conversationId: string): Promise<void> {
  await waitUntil(
    async () => {
      for (const offer of agent.state.offers) {
        if (offer.conversationId === conversationId) return (await agent.accept(offer.id)) === null;
        await agent.decline(offer.id);
      }
      return false;
    },
    'the agent is offered the conversation and accepts it',
    { timeout: 10000, interval: 100 },
  );
}

/**
 * Resolves with the customer's stored message once `<parley-chat>` announces it
 * (`parley-message`). Listen before sending, so the announcement cannot be missed.
 */
export function storedCustomerMessage(el: HTMLElement, text: string): Promise<ChatMessage> {
  return new Promise<ChatMessage>((resolve) => {
    const listener = (e: Event): void => {
      const { detail } = e as CustomEvent<ChatMessage>;
      if (detail.author === 'customer' && detail.text === text) {
        el.removeEventListener('parley-message', listener);
        resolve(detail);
      }
    };
    el.addEventListener('parley-message', listener);
  });
}

// Helpers of the console parts' own tests, with their imports (hoisted like any import).
import { emulateMedia } from '@web/test-runner-commands';
import type { ElevationDetails, WorkItemDetails } from '../protocol/index.js';

/** Checks each element with axe in the light scheme, then in the dark one; the page is light again after. */
export async function expectAccessibleInBothSchemes(...elements: Element[]): Promise<void> {
  for (const el of elements) await expect(el).to.be.accessible();
  try {
    await emulateMedia({ colorScheme: 'dark' });
    for (const el of elements) await expect(el).to.be.accessible();
  } finally {
    await emulateMedia({ colorScheme: 'light' });
  }
}

/** A customer's callback request asked from chat `chat-1`, as offers and interactions carry it; `patch` changes any part. */
export function callbackRequest(patch: Partial<ElevationDetails> = {}): ElevationDetails {
  return {
    kind: 'callback',
    reference: 'CB-7K3M9Q',
    by: 'customer',
    fromConversationId: 'chat-1',
    fromChannel: 'chat',
    destination: '+33612345678',
    destinationDisplay: '+33 6 12 34 56 78',
    subject: null,
    window: null,
    consent: true,
    ...patch,
  };
}

/**
 * A returns form filed on the website, as offers and interactions carry it: every kind of answer
 * (a date, two checkboxes, a long text, one left empty), two photos and a file field left empty;
 * `patch` changes any part.
 */
export function returnsWorkItem(patch: Partial<WorkItemDetails> = {}): WorkItemDetails {
  return {
    reference: 'WI-7K3M9Q',
    title: 'Return a product',
    source: 'web',
    fields: [
      { id: 'name', type: 'name', label: 'Your name', value: 'Marie Curie' },
      { id: 'email', type: 'email', label: 'Email', value: 'marie@example.com' },
      { id: 'order', type: 'text', label: 'Order number', value: 'A-1042' },
      { id: 'reason', type: 'select', label: 'Reason', value: 'Damaged' },
      { id: 'details', type: 'textarea', label: 'What happened?', value: 'The box was crushed.\nThe lamp is broken.' },
      { id: 'bought', type: 'date', label: 'Date of purchase', value: '2025-01-14' },
      { id: 'refund', type: 'checkbox', label: 'Refund rather than exchange', value: true },
      { id: 'news', type: 'checkbox', label: 'Send me news', value: false },
      { id: 'phone', type: 'phone', label: 'Phone', value: null },
      { id: 'photos', type: 'file', label: 'Photos', value: null },
      { id: 'receipt', type: 'file', label: 'Receipt', value: null },
    ],
    attachments: [
      { id: 'att-1', fieldId: 'photos', name: 'box.png', type: 'image/png', size: 245_000, url: '/api/v1/work-items/wi-1/attachments/att-1' },
      { id: 'att-2', fieldId: 'photos', name: 'lamp.pdf', type: 'application/pdf', size: 1_200_000, url: '/api/v1/work-items/wi-1/attachments/att-2' },
    ],
    replyTo: 'marie@example.com',
    ...patch,
  };
}

/**
 * The tags of what matches `selector` under `node`: `[]` when nothing does. Assert on this rather
 * than on the element itself: a failed assertion then names what was found, and never has chai
 * walk a live element.
 */
export const matches = (node: ParentNode, selector: string): string[] => [...node.querySelectorAll(selector)].map((n) => n.tagName.toLowerCase());
