/**
 * The script-tag entry, built to `dist/parley.js` (SPEC §3):
 *
 *   <script src="https://chat.example.com/parley.js" data-poc="POC_ID" async></script>
 *
 * defines the Parley elements and, when its tag carries `data-poc`, appends one
 * `<parley-chat poc server>` to the page (`data-server` overrides the server, which is otherwise
 * the script's own origin; `data-locale` sets the language). Without `data-poc` it only defines
 * the elements, for pages that place `<parley-chat>` by hand.
 *
 * The same file must work as a classic script (async or not) and as `type="module"`; it has no
 * runtime exports so that one bundle serves both. Loading it twice is harmless: tags already
 * defined are skipped, and a chat is never inserted twice for one POC.
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

/** Marks the chats this entry inserted (never set by hand). */
const EMBED_MARK = 'data-parley-embed';

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
 * The tags whose `data-poc` this run should honour: its own tag when it is a classic script; for a
 * module, which runs once however many tags load it, every Parley tag with `data-poc`.
 */
function embedScripts(): HTMLScriptElement[] {
  if (ownScript) return ownScript.dataset.poc ? [ownScript] : [];
  return [...document.querySelectorAll<HTMLScriptElement>('script[data-poc][src]')].filter(isParleyScript);
}

function hasChatFor(poc: string): boolean {
  return [...document.querySelectorAll('parley-chat')].some((el) => el.getAttribute('poc') === poc);
}

function insertChat(script: HTMLScriptElement): void {
  const poc = script.dataset.poc?.trim();
  if (!poc || hasChatFor(poc)) return;
  let server = script.dataset.server?.trim();
  if (!server) {
    try {
      server = new URL(script.getAttribute('src') ?? '', document.baseURI).origin;
    } catch {
      server = location.origin;
    }
  }
  const chat = document.createElement('parley-chat');
  chat.setAttribute('poc', poc);
  chat.setAttribute('server', server);
  const locale = script.dataset.locale?.trim();
  if (locale) chat.setAttribute('locale', locale);
  chat.setAttribute(EMBED_MARK, '');
  document.body.append(chat);
}

function main(): void {
  defineParleyElements();
  window.Parley ??= Object.freeze({ version: PARLEY_VERSION });
  const scripts = embedScripts();
  if (scripts.length === 0) return;
  const insertAll = (): void => scripts.forEach(insertChat);
  // A classic script in <head> runs before <body> exists.
  if (document.body) insertAll();
  else document.addEventListener('DOMContentLoaded', insertAll, { once: true });
}

main();
