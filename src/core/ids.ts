/**
 * Client-side ids. Invariant: ids are random (122 bits for UUID v4), so two tabs or two devices
 * never pick the same one; the server deduplicates re-sends on them.
 */

/** A UUID v4, from `crypto.randomUUID` when the context offers it, else `getRandomValues`. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  // randomUUID is missing on insecure (http:) pages; build the same format by hand.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
