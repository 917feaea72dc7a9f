/**
 * Shared fast-check arbitraries for the fuzz suites: JSON-ish values a hostile client could put on
 * the wire, and "near-valid" variants of a valid payload with one part mutated.
 *
 * Invariant: every object these produce carries its hostile keys (`__proto__`, `constructor`…) as
 * OWN enumerable properties, exactly as `JSON.parse` of a wire payload would — an object literal
 * `{ __proto__: x }` would set the prototype instead, and test nothing.
 *
 * Sizes are bounded so a run stays fast, but the large ones exceed every server limit: the longest
 * text field (4 000 code units), the longest id (64), the socket and HTTP body limits (64 KiB).
 *
 * Run counts: `FUZZ_RUNS` (default per property, see `fuzzRuns`) raises them for a longer local
 * run, `FUZZ_SEED` replays a failure with the seed fast-check printed.
 */
import fc from 'fast-check';

/** Keys that mean something to JavaScript objects, tried wherever a key can go. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'] as const;

/**
 * Property names the payloads try to plant on `Object.prototype`; the suites check that none of
 * them is readable on a fresh object afterwards.
 */
export const POLLUTION_PROBES = ['polluted', 'isAdmin', 'ok', 'role', 'permissions'] as const;

/** Run count of one property: `FUZZ_RUNS` when set (a longer local run), else `fallback`. */
export function fuzzRuns(fallback: number): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

/** fast-check parameters shared by the suites: run count, and the seed to replay when given. */
export function fuzzParameters(fallbackRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED);
  return { numRuns: fuzzRuns(fallbackRuns), ...(Number.isInteger(seed) ? { seed } : {}) };
}

/** An object with `entries` as own enumerable properties, `__proto__` included. */
export function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Payloads written as a wire payload is: `__proto__` and `constructor.prototype` planting a probe. */
export const pollutionPayloads: readonly unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes","role":"admin"}}}'),
  JSON.parse('{"__proto__":{"__proto__":{"polluted":"yes"}}}'),
  JSON.parse('[{"__proto__":{"ok":true}},{"constructor":{"prototype":{"permissions":["all"]}}}]'),
  JSON.parse('{"prototype":{"polluted":"yes"},"toString":"x","valueOf":1,"hasOwnProperty":null}'),
];

/** Numbers a parser gets wrong: -0, the extremes, the unsafe integers, NaN and the infinities. */
const awkwardNumber = fc.oneof(
  fc.constantFrom(-0, 0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -(2 ** 53), 2 ** 31, -1, 1.5, Number.NaN, Infinity, -Infinity),
  fc.integer(),
  fc.double(),
);

/** Strings that look like something else: numbers, booleans, ids, paths, markup, keys. */
const awkwardString = fc.constantFrom(
  '',
  ' ',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '9007199254740993',
  '123456789012345678901234567890',
  '0x10',
  ' 1 ',
  'true',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  '\uFEFF',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  '${7*7}',
  '%s%s%s%n',
  'a'.repeat(65),
  'Z'.repeat(4001),
);

/** A string of `length` copies of one character: cheap to build, long enough to break limits. */
const longString = fc
  .record({ char: fc.constantFrom('a', 'é', '😀', '\u0000', ' ', '<'), length: fc.constantFrom(63, 64, 65, 80, 81, 200, 1025, 2001, 4000, 4001, 10_000, 70_000) })
  .map(({ char, length }) => char.repeat(length).slice(0, length));

/** Any string: short random ones in every unit, the awkward ones and the long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 4, arbitrary: awkwardString },
  { weight: 1, arbitrary: longString },
);

/** A key of a payload object: the hostile ones often, any string otherwise. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/**
 * Gives a large value a short description for fast-check's reports: printing it element by
 * element would be slow, and a deep one would overflow the stack.
 */
function described<T extends object>(value: T, description: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => description, enumerable: false });
  return value;
}

/** Arrays far larger than any list the server takes, built without generating each element. */
const hugeArray = fc
  .record({ length: fc.constantFrom(51, 1001, 10_000, 40_000), item: fc.constantFrom<unknown>(0, 'x', null, {}, []) })
  .map(({ length, item }) => described(new Array<unknown>(length).fill(item), `new Array(${length}).fill(${JSON.stringify(item)})`));

/** Nesting deeper than any payload is meant to be (arrays or objects, as JSON can carry). */
const deepValue = fc.record({ depth: fc.constantFrom(32, 100, 1000), kind: fc.constantFrom('array', 'object') }).map(({ depth, kind }) => {
  let value: object = ['bottom'];
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : ownObject([['a', value]]);
  return described(value, `${kind} nested ${depth} deep`);
});

/** Any JSON-ish value, hostile keys and all; `undefined` too (JSON drops it, a socket keeps it out). */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; leaf: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom<unknown>(null, undefined, true, false),
    awkwardNumber,
    hostileString,
    fc.bigInt().map((n) => n.toString()),
  ),
  object: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 5 }).map(ownObject),
  array: fc.array(tie('value'), { maxLength: 5 }),
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: tie('leaf') },
    { weight: 2, arbitrary: tie('object') },
    { weight: 1, arbitrary: tie('array') },
    { weight: 1, arbitrary: fc.constantFrom(...pollutionPayloads) },
    { weight: 1, arbitrary: hugeArray },
    { weight: 1, arbitrary: deepValue },
  ),
})).value;

/** A deep copy through JSON, keeping own `__proto__` keys as own keys (JSON.parse does). */
const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** One change to a valid payload. */
type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; key: string; value: unknown }
  | { kind: 'whole'; value: unknown };

/** Every key path of `value` (objects only, arrays by index), parents before children. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => [[...prefix, key], ...paths((value as Record<string, unknown>)[key], [...prefix, key])]);
}

function apply(valid: unknown, mutation: Mutation): unknown {
  if (mutation.kind === 'whole') return mutation.value;
  const result = copy(valid);
  if (typeof result !== 'object' || result === null) return result;
  if (mutation.kind === 'add') {
    Object.defineProperty(result, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
    return result;
  }
  const all = paths(result);
  if (all.length === 0) return result;
  const path = all[mutation.at % all.length];
  let parent = result as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (mutation.kind === 'delete') delete parent[last];
  else Object.defineProperty(parent, last, { value: mutation.value, enumerable: true, writable: true, configurable: true });
  return result;
}

/**
 * Near-valid variants of `valid`: one field replaced by a hostile value or removed, one hostile
 * key added, sometimes the valid payload itself or something else entirely. These reach the
 * checks behind the first one, which random JSON rarely does.
 */
export function nearValid(valid: unknown): fc.Arbitrary<unknown> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), key: hostileKey, value: hostileValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: hostileValue }) },
  );
  return fc.oneof({ weight: 1, arbitrary: fc.constant(valid).map(copy) }, { weight: 9, arbitrary: mutation.map((m) => apply(valid, m)) });
}

/** A payload for an event or body: near-valid variants of one of `valids` most of the time. */
export function payloadFor(valids: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...valids).chain(nearValid) }, { weight: 1, arbitrary: hostileValue });
}

/** `encodeURIComponent`, except that a lone surrogate (which cannot be encoded) becomes U+FFFD. */
export function percentEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}
