/**
 * Agent HTML in the customer widget, with the sanitiser loaded only when it is needed.
 *
 * The sanitiser (sanitize.ts, DOMPurify inside) is about a fifth of the chat's code, and most agent
 * messages are plain text, which HTML parsing would give back unchanged: those become text at
 * once. A message with markup waits for the sanitiser, which the chat also prefetches when the
 * browser is idle with the panel open, so it is usually there before the first such message.
 *
 * Invariants:
 * - Markup never reaches the DOM except through `sanitizeAgentHtml()`; a string is only taken as
 *   text when parsing could not change it (no `<`, no `&`, no NUL, no CR).
 * - The sanitiser's module is imported at most once; a failed import is forgotten, so the next
 *   message tries again, and meanwhile the message shows as plain text (markup and all), as it
 *   does where a page's Trusted Types policy refuses the sanitiser's.
 */
type Sanitizer = typeof import('./sanitize.js');

let sanitizer: Sanitizer | null = null;
let loading: Promise<Sanitizer> | null = null;

/** Text that the HTML parser keeps exactly as it is. */
const PLAIN = /^[^<&\0\r]*$/;

function textFragment(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(text);
  return fragment;
}

/** Loads the sanitiser, once; resolves when it can be used. */
export function loadSanitizer(): Promise<Sanitizer> {
  loading ??= import('./sanitize.js').then(
    (module) => (sanitizer = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Sanitised agent HTML, if it can be had at once (plain text, or the sanitiser is loaded); else `null`. */
export function agentHtmlNow(html: string): DocumentFragment | null {
  if (PLAIN.test(html)) return textFragment(html);
  return sanitizer ? sanitizer.sanitizeAgentHtml(html) : null;
}

/** Sanitised agent HTML, loading the sanitiser first if the text needs it. */
export async function agentHtml(html: string): Promise<DocumentFragment> {
  const now = agentHtmlNow(html);
  if (now) return now;
  try {
    return (await loadSanitizer()).sanitizeAgentHtml(html);
  } catch {
    return textFragment(html);
  }
}
