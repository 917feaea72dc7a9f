/**
 * The studio's draft: the chat-profile document exactly as the marketer typed it, before the
 * validator. Controls read and write it by dotted path (`theme.light.brand`, `preChat.fields.2`),
 * so that a value the validator refuses stays on screen, next to its error, instead of being
 * replaced by the default the validated profile holds.
 *
 * Invariant: the draft is plain JSON data (what `JSON.parse` or a control produced) and is never
 * mutated: `setIn` copies the objects along the path and shares the rest, so Lit sees a new value
 * and an old reference stays a faithful snapshot (undo, dirty check). Only own properties are
 * read, so a `__proto__` or `constructor` key from an imported file is plain data here too.
 */

export type Draft = Record<string, unknown>;

const own = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** The value at `path`, or `undefined` when any step is missing or not a container. */
export function getIn(doc: unknown, path: string): unknown {
  let value = doc;
  for (const key of path.split('.')) value = own(value, key);
  return value;
}

/**
 * A copy of `doc` with `value` at `path` (`undefined` removes the key). Steps that are missing or
 * not objects become objects; a numeric step into an array keeps it an array.
 */
export function setIn<T>(doc: T, path: string, value: unknown): T {
  const [key, ...rest] = path.split('.');
  const current = own(doc, key);
  const next = rest.length ? setIn(typeof current === 'object' && current !== null ? current : {}, rest.join('.'), value) : value;
  if (Array.isArray(doc)) {
    const copy = [...doc];
    copy[Number(key)] = next;
    return copy as T;
  }
  const copy: Record<string, unknown> = typeof doc === 'object' && doc !== null ? { ...(doc as Record<string, unknown>) } : {};
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy as T;
}

/** A deep copy of JSON data (a saved profile becomes the new draft). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Whether two drafts hold the same data (key order included: drafts only ever diverge by edits). */
export function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    // Too deep to serialise (a hostile import): certainly not the saved profile.
    return false;
  }
}
