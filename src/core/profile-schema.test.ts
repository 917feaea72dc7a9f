/**
 * docs/chat-profile.schema.json against the validator: the documented schema and the code cannot
 * drift apart. The schema's fields and defaults are compared with DEFAULT_PROFILE, its ranges and
 * lists with the constants, and a small checker of the keywords the schema uses (written here so
 * that the project needs no JSON Schema library) must agree with `validateProfile` on the presets
 * and on a table of bad documents.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  ATTACHMENT_TYPES,
  LAUNCHER_ICONS,
  LIMITS,
  PRECHAT_FIELD_TYPES,
  PROFILE_FONTS,
  PROFILE_LOCALES,
  WORK_ITEM_FIELD_TYPES,
  type ChatProfile,
} from '../protocol/index.js';
import { DEFAULT_PROFILE, TEXT_LIMITS, validateProfile } from './profile.js';

type Schema = { [key: string]: unknown };
const root = JSON.parse(readFileSync(new URL('../../docs/chat-profile.schema.json', import.meta.url), 'utf8')) as Schema;

/** Follows a local `$ref`, merging the referring node's own keywords (description, default) over it. */
function resolve(node: Schema): Schema {
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref.replace(/^#\//, '').split('/').reduce<Schema>((s, k) => s[k] as Schema, root);
  const { $ref: _ref, ...rest } = node;
  return { ...resolve(target), ...rest };
}

/** Every property path the schema names, with the node there (array items as `[]`). */
function schemaPaths(node: Schema, path = '', out = new Map<string, Schema>()): Map<string, Schema> {
  const s = resolve(node);
  for (const branch of (s.oneOf as Schema[] | undefined) ?? []) schemaPaths(branch, path, out);
  if (s.items) schemaPaths(s.items as Schema, `${path}[]`, out);
  for (const [key, child] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) {
    const at = path ? `${path}.${key}` : key;
    if (!out.has(at) || out.get(at)!.default === undefined) out.set(at, resolve(child));
    schemaPaths(child, at, out);
  }
  return out;
}

/** Leaf paths of a value: records are walked, anything else (arrays, null, an empty record) is a leaf. */
function leafPaths(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length) {
    for (const [k, v] of Object.entries(value)) leafPaths(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, value);
  return out;
}

/** Every path in a value, inner ones included, array elements as `[]`. */
function allPaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allPaths(v, `${path}[]`, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      out.add(at);
      allPaths(v, at, out);
    }
  }
  return out;
}

/**
 * The keywords this schema uses, and nothing more: type, const, enum, properties, required,
 * additionalProperties (false), items, minItems, maxItems, minimum, maximum, minLength, maxLength
 * (in code points, as JSON Schema counts), pattern, oneOf, if/then/else, $ref. Returns the paths of
 * the errors found.
 */
function check(node: Schema, value: unknown, path = 'profile'): string[] {
  const s = resolve(node);
  const errors: string[] = [];
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if (s.type !== undefined) {
    const types = ([] as unknown[]).concat(s.type);
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return [`${path}: type`];
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) errors.push(`${path}: const`);
  if (s.enum && !(s.enum as unknown[]).includes(value)) errors.push(`${path}: enum`);
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) errors.push(`${path}: minimum`);
    if (typeof s.maximum === 'number' && value > s.maximum) errors.push(`${path}: maximum`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) errors.push(`${path}: minLength`);
    if (typeof s.maxLength === 'number' && length > s.maxLength) errors.push(`${path}: maxLength`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) errors.push(`${path}: pattern`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) errors.push(`${path}: minItems`);
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) errors.push(`${path}: maxItems`);
    if (s.items) value.forEach((v, i) => errors.push(...check(s.items as Schema, v, `${path}.${i}`)));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const key of (s.required as string[] | undefined) ?? []) if (!Object.hasOwn(record, key)) errors.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(record)) {
      if (Object.hasOwn(props, key)) errors.push(...check(props[key], v, `${path}.${key}`));
      else if (s.additionalProperties === false) errors.push(`${path}.${key}: additionalProperties`);
    }
  }
  if (s.oneOf && (s.oneOf as Schema[]).filter((b) => check(b, value, path).length === 0).length !== 1) errors.push(`${path}: oneOf`);
  if (s.if) {
    const branch = check(s.if as Schema, value, path).length === 0 ? s.then : s.else;
    if (branch) errors.push(...check(branch as Schema, value, path));
  }
  return errors;
}

/**
 * A profile that uses every optional branch of the schema: translations, a select field, an image
 * icon, left messages filed on a work-item POC, and a form with a select and a file field.
 */
const FULL: ChatProfile = {
  ...structuredClone(DEFAULT_PROFILE),
  launcher: { ...DEFAULT_PROFILE.launcher, icon: { url: 'https://cdn.example.com/icon.svg' } },
  header: { logoUrl: 'https://cdn.example.com/logo.png', agentAvatarUrl: 'https://cdn.example.com/agent.png' },
  translations: {
    en: { title: 'Chat', subtitle: 'Sub', greeting: 'Hi', placeholder: 'Type', offlineMessage: 'Closed', launcherLabel: 'Help' },
    fr: { title: 'Discuter', subtitle: 'Sous-titre', greeting: 'Bonjour', placeholder: 'Écrivez', offlineMessage: 'Fermé', launcherLabel: 'Aide' },
  },
  preChat: {
    enabled: true,
    fields: [{ id: 'topic', type: 'select', label: 'Topic', labels: { en: 'Topic', fr: 'Sujet' }, required: true, options: ['Orders', 'Returns'] }],
  },
  elevations: {
    callback: { enabled: true, skillId: 'voice-main' },
    email: { enabled: false, skillId: null },
    sms: { enabled: false, skillId: null },
    afterRequest: 'end',
  },
  offline: { behaviour: 'leave-message', workItemPoc: 'returns-form' },
  workItem: {
    fields: [
      { id: 'reason', type: 'select', label: 'Reason', labels: { en: 'Reason', fr: 'Motif' }, required: true, options: ['Damaged', 'Other'], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'photos', type: 'file', label: 'Photos', labels: {}, required: false, options: [], accept: ['image/png', 'application/pdf'], maxFiles: 4, maxFileBytes: 2_000_000 },
    ],
  },
};

const paths = schemaPaths(root);
const presets = readdirSync(new URL('../../themes/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(new URL(`../../themes/${f}`, import.meta.url), 'utf8')) as { profile: unknown }) }));

describe('chat-profile JSON Schema', () => {
  test('is draft 2020-12 and refuses additional properties on every object', () => {
    assert.equal(root.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const objects: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const s = node as Schema;
      if (s.properties || s.type === 'object') {
        objects.push(where);
        assert.equal(s.additionalProperties, false, `${where} must set additionalProperties: false`);
      }
      for (const [k, v] of Object.entries(s)) if (k !== 'if' && k !== 'then' && k !== 'else' && k !== 'properties') visit(v, `${where}/${k}`);
      for (const [k, v] of Object.entries((s.properties as Schema | undefined) ?? {})) visit(v, `${where}/properties/${k}`);
    };
    visit(root, '#');
    assert.ok(objects.length >= 15, `found ${objects.length} object schemas`);
  });

  test('the properties that carry a default are exactly the leaves of DEFAULT_PROFILE, with the same values', () => {
    const withDefault = [...paths].filter(([, s]) => 'default' in s).map(([p]) => p).sort();
    const leaves = leafPaths(DEFAULT_PROFILE);
    assert.deepEqual(withDefault, [...leaves.keys()].sort());
    for (const [path, value] of leaves) assert.deepEqual(paths.get(path)!.default, value, path);
  });

  test('every property path of the schema is a path of a complete profile, and the other way round', () => {
    assert.deepEqual(validateProfile(FULL).issues, []);
    assert.deepEqual([...paths.keys()].sort(), [...allPaths(FULL)].sort());
  });

  test('lists and ranges are the validator’s', () => {
    const node = (p: string) => paths.get(p)!;
    assert.deepEqual(node('theme.font').enum, [...PROFILE_FONTS]);
    assert.deepEqual((resolve((node('launcher.icon').oneOf as Schema[])[0]).enum), [...LAUNCHER_ICONS]);
    assert.deepEqual(node('preChat.fields[].type').enum, [...PRECHAT_FIELD_TYPES]);
    assert.deepEqual(node('workItem.fields[].type').enum, [...WORK_ITEM_FIELD_TYPES]);
    assert.deepEqual(resolve(node('workItem.fields[].accept').items as Schema).enum, [...ATTACHMENT_TYPES]);
    assert.equal(node('workItem.fields').maxItems, LIMITS.workItemMaxFields);
    assert.equal(node('workItem.fields[].maxFiles').maximum, LIMITS.attachmentMaxFiles);
    assert.equal(node('workItem.fields[].maxFileBytes').maximum, LIMITS.attachmentMaxBytes);
    assert.deepEqual(Object.keys(node('workItem.fields[].labels').properties as Schema), [...PROFILE_LOCALES]);
    assert.deepEqual(node('defaultLocale').enum, [...PROFILE_LOCALES]);
    assert.deepEqual(Object.keys(node('translations').properties as Schema), [...PROFILE_LOCALES]);
    assert.deepEqual(Object.keys(node('preChat.fields[].labels').properties as Schema), [...PROFILE_LOCALES]);
    for (const [key, limit] of Object.entries(TEXT_LIMITS)) {
      assert.equal(node(`texts.${key}`).maxLength, limit, `texts.${key}`);
      assert.equal(node(`translations.fr.${key}`).maxLength, limit, `translations.fr.${key}`);
    }
    // Each integer bound is where the validator starts refusing (a form field's, below).
    for (const [path, s] of paths) {
      if (s.type !== 'integer' || path.includes('[]')) continue;
      const at = (v: number) => {
        const doc = structuredClone(DEFAULT_PROFILE) as unknown as Record<string, Record<string, unknown>>;
        const [group, key] = path.split('.');
        doc[group][key] = v;
        return validateProfile(doc).issues.filter((i) => i.field === path).length;
      };
      const [min, max] = [s.minimum as number, s.maximum as number];
      assert.deepEqual([at(min - 1), at(min), at(max), at(max + 1), at(min + 0.5)], [1, 0, 0, 1, 1], path);
    }
  });

  test('a file field’s bounds are where the validator starts refusing', () => {
    const fileThen = (resolve({ $ref: '#/$defs/workItemField' }).then as Schema).properties as Record<string, Schema>;
    const with_ = (edit: Partial<ChatProfile['workItem']['fields'][number]>) => {
      const doc = structuredClone(FULL);
      Object.assign(doc.workItem.fields[1], edit);
      return { schema: check(root, doc).length, validator: validateProfile(doc).issues.length };
    };
    const [minFiles, maxFiles] = [fileThen.maxFiles.minimum as number, paths.get('workItem.fields[].maxFiles')!.maximum as number];
    const [minBytes, maxBytes] = [fileThen.maxFileBytes.minimum as number, paths.get('workItem.fields[].maxFileBytes')!.maximum as number];
    for (const [edit, refused] of [
      [{ maxFiles: minFiles - 1 }, 1],
      [{ maxFiles: minFiles }, 0],
      [{ maxFiles: maxFiles }, 0],
      [{ maxFiles: maxFiles + 1 }, 1],
      [{ maxFileBytes: minBytes - 1 }, 1],
      [{ maxFileBytes: minBytes }, 0],
      [{ maxFileBytes: maxBytes }, 0],
      [{ maxFileBytes: maxBytes + 1 }, 1],
    ] as const) {
      const found = with_(edit);
      assert.deepEqual([Math.sign(found.schema), Math.sign(found.validator)], [refused, refused], JSON.stringify(edit));
    }
  });

  test('DEFAULT_PROFILE, the complete profile and every preset conform to the schema', () => {
    assert.deepEqual(check(root, DEFAULT_PROFILE), []);
    assert.deepEqual(check(root, FULL), []);
    assert.ok(presets.length >= 5);
    for (const preset of presets) assert.deepEqual(check(root, preset.profile), [], preset.file);
  });

  test('the schema and the validator refuse the same bad documents', () => {
    const bad: [string, (p: Record<string, any>) => void][] = [
      ['unknown root field', (p) => (p.css = 'body{}')],
      ['unknown nested field', (p) => (p.theme.light.link = '#000000')],
      ['version 3', (p) => (p.version = 3)],
      ['colour word', (p) => (p.theme.light.brand = 'red')],
      ['colour with CSS after it', (p) => (p.theme.dark.text = '#fff;}')],
      ['radius over 32', (p) => (p.theme.radius = 33)],
      ['fractional panel width', (p) => (p.theme.panelWidth = 380.5)],
      ['numeric string', (p) => (p.launcher.offsetX = '20')],
      ['unknown font', (p) => (p.theme.font = 'Comic Sans MS')],
      ['http logo', (p) => (p.header.logoUrl = 'http://example.com/logo.png')],
      ['javascript icon', (p) => (p.launcher.icon = { url: 'javascript:alert(1)' })],
      ['icon with extra key', (p) => (p.launcher.icon = { url: 'https://example.com/i.png', size: 3 })],
      ['title too long', (p) => (p.texts.title = 't'.repeat(61))],
      ['blank title', (p) => (p.texts.title = '   ')],
      ['launcher label too long', (p) => (p.translations = { fr: { launcherLabel: 'l'.repeat(41) } })],
      ['unknown locale', (p) => (p.translations = { de: { title: 'Hallo' } })],
      ['select without options', (p) => (p.preChat.fields = [{ id: 'a', type: 'select', label: 'A' }])],
      ['field id with a space', (p) => (p.preChat.fields = [{ id: 'a b', type: 'text', label: 'A' }])],
      ['eleven fields', (p) => (p.preChat.fields = Array.from({ length: 11 }, (_, i) => ({ id: `f${i}`, type: 'text', label: 'F' })))],
      ['enabled elevation without skill', (p) => (p.elevations.sms = { enabled: true, skillId: null })],
      ['offline behaviour', (p) => (p.offline.behaviour = 'redirect')],
      ['leave-message without a work-item POC', (p) => (p.offline = { behaviour: 'leave-message', workItemPoc: null })],
      ['work-item POC that is no id', (p) => (p.offline.workItemPoc = 'no spaces allowed')],
      ['form without fields', (p) => (p.workItem.fields = [])],
      ['form of 21 fields', (p) => (p.workItem.fields = Array.from({ length: 21 }, (_, i) => ({ id: `f${i}`, type: 'text', label: 'F' })))],
      ['unknown work-item field type', (p) => (p.workItem.fields = [{ id: 'sig', type: 'signature', label: 'Sign' }])],
      ['work-item select without options', (p) => (p.workItem.fields = [{ id: 'a', type: 'select', label: 'A' }])],
      ['file type not offered', (p) => (p.workItem.fields = [{ id: 'f', type: 'file', label: 'F', accept: ['application/x-msdownload'] }])],
      ['file field accepting nothing', (p) => (p.workItem.fields = [{ id: 'f', type: 'file', label: 'F', accept: [] }])],
      ['file over 10 MiB', (p) => (p.workItem.fields = [{ id: 'f', type: 'file', label: 'F', maxFileBytes: 50_000_000 }])],
      ['file settings on a text field', (p) => (p.workItem.fields = [{ id: 't', type: 'text', label: 'T', maxFiles: 3 }])],
      ['unknown work-item field setting', (p) => (p.workItem.fields = [{ id: 't', type: 'text', label: 'T', pattern: '.*' }])],
      ['boolean as string', (p) => (p.sounds = 'true')],
    ];
    for (const [name, edit] of bad) {
      const doc = structuredClone(DEFAULT_PROFILE) as unknown as Record<string, any>;
      edit(doc);
      assert.notDeepEqual(check(root, doc), [], `schema accepts: ${name}`);
      assert.notDeepEqual(validateProfile(doc).issues, [], `validator accepts: ${name}`);
    }
  });

  test('the example document in docs/chat-profile.md is valid for both', () => {
    const page = readFileSync(new URL('../../docs/chat-profile.md', import.meta.url), 'utf8');
    const example = JSON.parse(/```json\n([^]*?)\n```/.exec(page)![1]) as unknown;
    assert.deepEqual(check(root, example), []);
    assert.deepEqual(validateProfile(example), { profile: example, issues: [] });
  });

  test('partial documents are valid for both: missing fields take their defaults', () => {
    const doc = { version: 2, theme: { mode: 'dark' }, texts: { title: 'Help' } };
    assert.deepEqual(check(root, doc), []);
    const { profile, issues } = validateProfile(doc);
    assert.deepEqual(issues, []);
    assert.equal(profile.texts.greeting, DEFAULT_PROFILE.texts.greeting);
  });
});
