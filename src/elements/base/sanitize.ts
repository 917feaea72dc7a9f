/**
 * The one place where another party's HTML becomes DOM (SPEC §6).
 *
 * Agent messages may carry a little formatting; everything goes through DOMPurify with a strict
 * allow-list, links are forced to open safely, and only http(s), mailto and tel URLs survive. The
 * result is a DocumentFragment, inserted as a node: no innerHTML sink is used by Parley itself,
 * which keeps the widget working under Trusted Types.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = ['a', 'b', 'strong', 'i', 'em', 'u', 's', 'p', 'br', 'ul', 'ol', 'li', 'code', 'pre', 'blockquote'];
const ALLOWED_ATTR = ['href', 'title'];
/** Only these URL schemes survive; relative URLs are dropped too (they would point at the host page). */
const SAFE_URL = /^(?:https?:|mailto:|tel:)/i;

let purifier: ReturnType<typeof DOMPurify> | null = null;

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

/** Sanitises agent-authored HTML into a fragment safe to insert. Plain text stays text. */
export function sanitizeAgentHtml(html: string): DocumentFragment {
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URL,
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
}
