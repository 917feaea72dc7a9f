/**
 * The script-tag entry, built to `dist/parley.js` (SPEC §3): a small loader.
 *
 *   <script src="https://chat.example.com/parley.js" data-poc="POC_ID" async></script>
 *
 * appends one `<parley-chat poc server>` to the page (`data-server` overrides the server, which is
 * otherwise the script's own origin; `data-locale` sets the language). A tag with
 * `data-work-item-poc` inserts one `<parley-work-item poc server locale>` right after itself,
 * inline, where the website owner put the tag:
 *
 *   <script src="https://chat.example.com/parley.js" data-work-item-poc="POC_ID"></script>
 *
 * A tag may carry both. Without either it loads and defines every Parley element, for pages that
 * place `<parley-chat>` or `<parley-work-item>` by hand.
 *
 * **Lazy by design.** The loader itself only fetches the POC's public profile and draws the
 * themed launcher (src/loader/launcher.ts). The chat's code (panel, transport, forms) is
 * downloaded when the browser is idle or the pointer nears the launcher (or it takes focus), and
 * runs on the first click; at once for a returning visitor, whose chat reconnects without waiting
 * (a visitor token, or texts not yet sent, in storage). A work-item form is page content: its code
 * loads at once. `window.Parley.load()` loads everything now. The elements are therefore defined
 * asynchronously: code that calls their methods waits for `customElements.whenDefined(…)`.
 *
 * The same file must work as a classic script (async or not) and as `type="module"`; it has no
 * runtime exports so that one bundle serves both. Loading it twice is harmless: a chat is never
 * inserted twice for one POC, nor a form twice for one tag, and the chunks it imports are one
 * module instance per URL (one Lit, one Trusted Types policy of each name).
 *
 * The only global it sets is the documented `window.Parley` namespace.
 */
import { isReturningVisitor } from './core/storage-keys.js';
import { markOnce } from './core/perf-marks.js';
import { prefetch } from './core/prefetch.js';
import { PARLEY_VERSION } from './core/version.js';
import { nextTask, whenIdle } from './elements/base/idle.js';
import { chunkBase, load, preload, type Part } from './loader/chunks.js';
import { drawLauncher } from './loader/launcher.js';
import { API_PREFIX, type ChatProfile } from './protocol/index.js';

markOnce('parley:loader-start');

/** `window.Parley`: what a page can read about, and ask of, the Parley build it loaded. */
export interface ParleyNamespace {
  /** Version of the Parley build that loaded first. */
  readonly version: string;
  /** Loads and defines every Parley element now; resolves once they are defined. */
  load(): Promise<void>;
}

declare global {
  interface Window {
    Parley?: ParleyNamespace;
  }
}

/** Marks the chats and forms this entry inserted (never set by hand). */
const EMBED_MARK = 'data-parley-embed';

/**
 * Set on a script tag once its form is inserted. A symbol from the global registry, so a second
 * copy of the bundle (another version, a module and a classic script) sees the same mark, and
 * the owner's tag gets no visible attribute.
 */
const FORM_INSERTED: unique symbol = Symbol.for('parley.workItemInserted');
type MarkedScript = HTMLScriptElement & { [FORM_INSERTED]?: true };

/** Set on a chat the page placed by hand once it is served, by this copy of the bundle or another. */
const CHAT_SERVED: unique symbol = Symbol.for('parley.chatServed');

/** Within this distance (px) of the launcher, the pointer is taken as heading for it: preload. */
const NEAR_PX = 160;

// Only defined while a classic script runs for the first time, so read it before anything awaits.
// A module script (or a bundler's chunk) sees null here.
const ownScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

/** Whether a script tag loads Parley's embed bundle (its path ends with `parley.js`). */
function isParleyScript(script: HTMLScriptElement): boolean {
  const src = script.getAttribute('src');
  if (!src) return false;
  try {
    return new URL(src, document.baseURI).pathname.endsWith('parley.js');
  } catch {
    return false;
  }
}

/** The loader's own URL: its tag's, or (a module) the first Parley tag's; the chunks sit beside it. */
function loaderUrl(): string {
  const script = ownScript ?? [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find(isParleyScript);
  return script ? new URL(script.getAttribute('src') ?? '', document.baseURI).href : new URL('/parley.js', location.href).href;
}

const base = chunkBase(loaderUrl());

/**
 * The tags whose `data-poc` (`attribute`) this run should honour: its own tag when it is a classic
 * script; for a module, which runs once however many tags load it, every Parley tag carrying it.
 */
function embedScripts(attribute: 'data-poc' | 'data-work-item-poc'): HTMLScriptElement[] {
  if (ownScript) return ownScript.hasAttribute(attribute) ? [ownScript] : [];
  return [...document.querySelectorAll<HTMLScriptElement>(`script[${attribute}][src]`)].filter(isParleyScript);
}

/** The server a tag names: `data-server`, else the origin the script was loaded from. */
function serverOf(script: HTMLScriptElement): string {
  const server = script.dataset.server?.trim();
  if (server) return server;
  try {
    return new URL(script.getAttribute('src') ?? '', document.baseURI).origin;
  } catch {
    return location.origin;
  }
}

function hasChatFor(poc: string): boolean {
  return [...document.querySelectorAll('parley-chat')].some((el) => el.getAttribute('poc') === poc);
}

/** Preloads the chat's code once the pointer comes within NEAR_PX of `button`. */
function preloadWhenNear(button: HTMLButtonElement): void {
  const near = (event: PointerEvent): void => {
    const box = button.getBoundingClientRect();
    const dx = Math.max(box.left - event.clientX, 0, event.clientX - box.right);
    const dy = Math.max(box.top - event.clientY, 0, event.clientY - box.bottom);
    if (Math.hypot(dx, dy) > NEAR_PX) return;
    document.removeEventListener('pointermove', near);
    preload('chat', base);
  };
  document.addEventListener('pointermove', near, { passive: true });
  button.addEventListener('focus', () => preload('chat', base), { once: true });
}

type ChatElement = HTMLElement & { open?: () => void; [CHAT_SERVED]?: true };

/** The first click on the loader's launcher: the chat's code runs, then its panel opens. */
async function openChat(chat: ChatElement, button: HTMLButtonElement): Promise<void> {
  button.setAttribute('aria-busy', 'true');
  try {
    await load('chat', base);
  } catch {
    // Said on the console by load(); a next click tries again.
    button.removeAttribute('aria-busy');
    return;
  }
  await customElements.whenDefined('parley-chat');
  // The chat removes this launcher once its own is on screen: then it can open.
  if (button.isConnected) {
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      chat.addEventListener('parley-ready', done, { once: true });
      chat.addEventListener('parley-error', done, { once: true });
    });
  }
  chat.open?.();
}

/**
 * Serves one chat: a returning visitor's code loads at once; otherwise the profile is fetched (and
 * kept for the chat), the launcher drawn, and the code preloaded when idle or approached. A
 * profile the loader cannot show by itself (an error, a POC hidden while closed) loads the chat
 * at once, which then says or does what it must.
 */
async function serveChat(chat: ChatElement, server: string, poc: string): Promise<void> {
  // Out of the task that ran the script: storage's first read and the fetch then make a task of
  // their own, so that no task of the page's load grows long with Parley's work.
  await nextTask();
  if (isReturningVisitor(server, poc)) return void load('chat', base).catch(() => undefined);
  let profile: ChatProfile | null = null;
  try {
    const response = await prefetch(new URL(`${API_PREFIX}/pocs/${encodeURIComponent(poc)}/profile`, server).href);
    const body = response.ok ? ((await response.json()) as { poc?: { channel?: string }; profile?: ChatProfile }) : null;
    if (body?.poc?.channel === 'chat' && body.profile && body.profile.offline?.behaviour !== 'hide' && !chat.hasAttribute('offline')) profile = body.profile;
  } catch {
    // The chat's own request says what went wrong.
  }
  const button = profile ? drawLauncher(chat, profile, () => void openChat(chat, button!)) : null;
  if (!button) return void load('chat', base).catch(() => undefined);
  markOnce('parley:launcher-visible');
  preloadWhenNear(button);
  whenIdle(() => preload('chat', base));
}

function insertChat(script: HTMLScriptElement): void {
  const poc = script.dataset.poc?.trim();
  if (!poc || hasChatFor(poc)) return;
  const chat = document.createElement('parley-chat');
  const server = serverOf(script);
  chat.setAttribute('poc', poc);
  chat.setAttribute('server', server);
  const locale = script.dataset.locale?.trim();
  if (locale) chat.setAttribute('locale', locale);
  chat.setAttribute(EMBED_MARK, '');
  document.body.append(chat);
  void serveChat(chat, server, poc);
}

/**
 * Inserts the form a tag asks for right after the tag: inline, where the owner placed it. Once
 * per tag, however many times (or copies of) the bundle run. A tag in `<head>` cannot have a
 * form beside it: that one goes at the end of `<body>`, like a chat.
 */
function insertForm(script: MarkedScript): void {
  const poc = script.dataset.workItemPoc?.trim();
  if (!poc || script[FORM_INSERTED]) return;
  script[FORM_INSERTED] = true;
  const form = document.createElement('parley-work-item');
  form.setAttribute('poc', poc);
  form.setAttribute('server', serverOf(script));
  const locale = script.dataset.locale?.trim();
  if (locale) form.setAttribute('locale', locale);
  form.setAttribute(EMBED_MARK, '');
  if (script.parentElement && script.parentElement !== document.head) script.after(form);
  else document.body.append(form);
  // In a task of its own, as serveChat does.
  void nextTask()
    .then(() => load('workItem', base))
    .catch(() => undefined);
}

/** Loads every part: what a tag without `data-poc` or `data-work-item-poc`, or `Parley.load()`, asks for. */
function loadAll(): Promise<void> {
  const parts: Part[] = ['chat', 'workItem'];
  return Promise.all(parts.map((part) => load(part, base))).then(() => undefined);
}

/**
 * Serves the elements the page placed by hand beside the tag's own: their chats get the loader's
 * launcher too (when they name a POC), a form its code at once.
 */
function serveHandPlaced(): void {
  for (const chat of document.querySelectorAll<ChatElement>(`parley-chat:not(:defined):not([${EMBED_MARK}])`)) {
    if (chat[CHAT_SERVED]) continue;
    chat[CHAT_SERVED] = true;
    const poc = chat.getAttribute('poc')?.trim();
    if (poc && !chat.shadowRoot) void serveChat(chat, chat.getAttribute('server') || location.origin, poc);
    else void load('chat', base).catch(() => undefined);
  }
  if (document.querySelector(`parley-work-item:not(:defined):not([${EMBED_MARK}])`)) void load('workItem', base).catch(() => undefined);
}

const TAGS = ['parley-chat', 'parley-work-item'];

/**
 * Serves the elements a page adds later (a single-page app showing its next view), as they come;
 * stops watching once every element is defined, since the browser then upgrades them itself.
 */
function serveLaterElements(): void {
  const observer = new MutationObserver((records) => {
    const undefinedTags = TAGS.filter((tag) => !customElements.get(tag));
    if (undefinedTags.length === 0) return observer.disconnect();
    const selector = undefinedTags.join(',');
    const holdsOne = (node: Node) => node instanceof Element && (node.matches(selector) || node.querySelector(selector) !== null);
    if (records.some((record) => [...record.addedNodes].some(holdsOne))) serveHandPlaced();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

function main(): void {
  window.Parley ??= Object.freeze({ version: PARLEY_VERSION, load: loadAll });
  const chats = embedScripts('data-poc');
  const forms = embedScripts('data-work-item-poc');
  if (chats.length === 0 && forms.length === 0) return void loadAll().catch(() => undefined);
  const insertAll = (): void => {
    chats.forEach(insertChat);
    forms.forEach(insertForm);
    serveHandPlaced();
    serveLaterElements();
  };
  // A classic script in <head> runs before <body> exists.
  if (document.body) insertAll();
  else document.addEventListener('DOMContentLoaded', insertAll, { once: true });
}

main();
