/**
 * The script-tag entry, built to `dist/parley.js` (SPEC §3):
 *
 *   <script src="https://chat.example.com/parley.js" data-poc="POC_ID" async></script>
 *
 * defines the Parley elements and, when its tag carries `data-poc`, appends one
 * `<parley-chat poc server>` to the page (`data-server` overrides the server, which is otherwise
 * the script's own origin; `data-locale` sets the language). A tag with `data-work-item-poc`
 * inserts one `<parley-work-item poc server locale>` right after itself, inline, where the website
 * owner put the tag:
 *
 *   <script src="https://chat.example.com/parley.js" data-work-item-poc="POC_ID"></script>
 *
 * A tag may carry both. Without either it only defines the elements, for pages that place
 * `<parley-chat>` or `<parley-work-item>` by hand.
 *
 * The same file must work as a classic script (async or not) and as `type="module"`; it has no
 * runtime exports so that one bundle serves both. Loading it twice is harmless: tags already
 * defined are skipped, a chat is never inserted twice for one POC, nor a form twice for one tag.
 *
 * The only global it sets is the documented `window.Parley` namespace.
 */
import { defineParleyElements } from './define.js';
import { PARLEY_VERSION } from './elements/base/parley-element.js';

/** `window.Parley`: what a page can read about the Parley build it loaded. */
export interface ParleyNamespace {
  /** Version of the Parley build that loaded first. */
  readonly version: string;
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

function insertChat(script: HTMLScriptElement): void {
  const poc = script.dataset.poc?.trim();
  if (!poc || hasChatFor(poc)) return;
  const chat = document.createElement('parley-chat');
  chat.setAttribute('poc', poc);
  chat.setAttribute('server', serverOf(script));
  const locale = script.dataset.locale?.trim();
  if (locale) chat.setAttribute('locale', locale);
  chat.setAttribute(EMBED_MARK, '');
  document.body.append(chat);
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
}

function main(): void {
  defineParleyElements();
  window.Parley ??= Object.freeze({ version: PARLEY_VERSION });
  const chats = embedScripts('data-poc');
  const forms = embedScripts('data-work-item-poc');
  if (chats.length === 0 && forms.length === 0) return;
  const insertAll = (): void => {
    chats.forEach(insertChat);
    forms.forEach(insertForm);
  };
  // A classic script in <head> runs before <body> exists.
  if (document.body) insertAll();
  else document.addEventListener('DOMContentLoaded', insertAll, { once: true });
}

main();
