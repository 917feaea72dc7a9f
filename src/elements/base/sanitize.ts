/**
 * The one place where another party's HTML becomes DOM (SPEC §6).
 *
 * Agent messages may carry a little formatting; everything goes through DOMPurify with a strict
 * allow-list, links are forced to open safely, and only http(s), mailto and tel URLs survive. The
 * result is a DocumentFragment, inserted as a node: no innerHTML sink is used by Parley itself,
 * which keeps the widget working under Trusted Types.
 */
import DOMPurify, { type Config } from 'dompurify';

const ALLOWED_TAGS = ['a', 'b', 'strong', 'i', 'em', 'u', 's', 'p', 'br', 'ul', 'ol', 'li', 'code', 'pre', 'blockquote'];
const ALLOWED_ATTR = ['href', 'title'];
/** Only these URL schemes survive; relative URLs are dropped too (they would point at the host page). */
const SAFE_URL = /^(?:https?:|mailto:|tel:)/i;

/**
 * The Trusted Types policy Parley's sanitiser parses with. Website owners enforcing Trusted Types
 * list this name in their `trusted-types` directive (README, "Content-Security-Policy").
 */
const SANITIZER_POLICY_NAME = 'parley-sanitizer';

type HtmlPolicy = NonNullable<Config['TRUSTED_TYPES_POLICY']>;
type TrustedTypesFactory = { createPolicy(name: string, rules: { createHTML(s: string): string; createScriptURL(s: string): string }): HtmlPolicy };

let purifier: ReturnType<typeof DOMPurify> | null = null;
/** `undefined` until first asked for; `null` where Trusted Types are absent or the name is refused. */
let htmlPolicy: HtmlPolicy | null | undefined;

/** No allowed attribute takes a script URL; should one ever reach DOMPurify, it drops it. */
function refuseScriptUrl(): never {
  throw new TypeError('Parley does not accept script URLs in messages');
}

/**
 * Our own named policy instead of DOMPurify's default `dompurify`: a host page that runs its own
 * DOMPurify already owns that name, and creating it twice is refused unless the page allows
 * duplicates. The policy only lets DOMPurify hand the untrusted string to its inert parser; what
 * comes out is the sanitised fragment, never the string.
 */
function getHtmlPolicy(): HtmlPolicy | null {
  if (htmlPolicy !== undefined) return htmlPolicy;
  const factory = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  try {
    htmlPolicy = factory ? factory.createPolicy(SANITIZER_POLICY_NAME, { createHTML: (s) => s, createScriptURL: refuseScriptUrl }) : null;
  } catch {
    // The page's `trusted-types` directive does not list our name; without enforcement the plain
    // string still parses, with it the browser reports the violation to the page.
    htmlPolicy = null;
  }
  return htmlPolicy;
}

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  // A private instance: hooks added here never leak into a DOMPurify the host page uses.
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href === null || !SAFE_URL.test(href.trim())) {
      node.removeAttribute('href');
      return;
    }
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  return purifier;
}

/**
 * Sanitises agent-authored HTML into a fragment safe to insert. Plain text stays text. On a page
 * whose Trusted Types policy refuses our policy name, the browser blocks the parse: the message
 * then shows as plain text (markup and all) rather than not at all.
 */
export function sanitizeAgentHtml(html: string): DocumentFragment {
  let clean: DocumentFragment | null = null;
  try {
    clean = getPurifier().sanitize(html, {
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOWED_URI_REGEXP: SAFE_URL,
      ALLOW_DATA_ATTR: false,
      RETURN_DOM_FRAGMENT: true,
      TRUSTED_TYPES_POLICY: getHtmlPolicy(),
    });
  } catch {
    clean = null;
  }
  if (clean instanceof DocumentFragment) return clean;
  const text = document.createDocumentFragment();
  text.append(html);
  return text;
}
