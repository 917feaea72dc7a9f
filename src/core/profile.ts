/**
 * Chat profiles: the one validator (SPEC §6, docs/chat-profile.md), used by the server on save and
 * by the widget and studio on load.
 *
 * Invariants:
 * - `validateProfile` never throws and always returns a complete profile: each field that is
 *   missing, unknown or invalid is replaced by its default and reported as an issue, never passed
 *   through. The server refuses to save while an issue remains; the widget uses the result as is.
 * - Values are parsed, not pasted: colours are `#rrggbb`, sizes are integers in a range, images
 *   are `https:` URLs, choices come from fixed lists, texts are cleaned and bounded. Nothing in a
 *   validated profile can break out of a CSS declaration or an attribute.
 * - Only own, known keys are read and the result is built from fresh objects, so `__proto__` or
 *   `constructor` keys are inert, and input of any depth is visited only as deep as the schema.
 */
import {
  ATTACHMENT_TYPES,
  LAUNCHER_ICONS,
  LIMITS,
  PRECHAT_FIELD_TYPES,
  PROFILE_FONTS,
  PROFILE_LOCALES,
  type ChatProfile,
  type PreChatField,
  type ProfileIssue,
  type ProfileLocale,
  type ProfilePalette,
  type ProfileTexts,
  type WorkItemField,
  WORK_ITEM_FIELD_TYPES,
} from '../protocol/index.js';
import { contrastRatio } from './contrast.js';
import { cleanText, isRecord } from './validators.js';

export const DEFAULT_PROFILE: ChatProfile = {
  version: 2,
  theme: {
    mode: 'auto',
    light: { brand: '#1a5fb4', onBrand: '#ffffff', surface: '#ffffff', text: '#1f2328' },
    dark: { brand: '#62a0ea', onBrand: '#0b1a2c', surface: '#1e1f22', text: '#e8eaed' },
    font: 'system',
    radius: 12,
    density: 'comfortable',
    panelWidth: 380,
    panelHeight: 600,
    zIndex: 2147483000,
  },
  launcher: { position: 'bottom-right', offsetX: 20, offsetY: 20, icon: 'chat', shape: 'circle' },
  header: { logoUrl: null, agentAvatarUrl: null },
  texts: {
    title: 'Chat with us',
    subtitle: '',
    greeting: 'Hello! How can we help?',
    placeholder: '',
    offlineMessage: '',
    launcherLabel: '',
  },
  translations: {},
  defaultLocale: 'en',
  preChat: { enabled: false, fields: [] },
  elevations: {
    callback: { enabled: false, skillId: null },
    email: { enabled: false, skillId: null },
    sms: { enabled: false, skillId: null },
    afterRequest: 'continue',
  },
  offline: { behaviour: 'message', workItemPoc: null },
  workItem: {
    fields: [
      { id: 'name', type: 'name', label: 'Your name', labels: { fr: 'Votre nom' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'email', type: 'email', label: 'Email', labels: { fr: 'E-mail' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'message', type: 'textarea', label: 'Your message', labels: { fr: 'Votre message' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
    ],
  },
  sounds: false,
  transcriptDownload: true,
  allowLowContrast: false,
};

/** Longest text per field, in characters. */
export const TEXT_LIMITS: Readonly<Record<keyof ProfileTexts, number>> = {
  title: 60,
  subtitle: 120,
  greeting: 500,
  placeholder: 80,
  offlineMessage: 500,
  launcherLabel: 40,
};

/** Ranges of the whole-number settings (inclusive), read by the validator and the studio's form. */
export const NUMBER_RANGES = {
  'theme.radius': [0, 32],
  'theme.panelWidth': [300, 600],
  'theme.panelHeight': [400, 900],
  'theme.zIndex': [0, 2147483647],
  'launcher.offsetX': [0, 200],
  'launcher.offsetY': [0, 200],
} as const satisfies Record<string, readonly [number, number]>;
export type NumberPath = keyof typeof NUMBER_RANGES;

/** Minimum contrast ratio (WCAG 2.2 AA, normal text). */
export const MIN_CONTRAST = 4.5;

const MAX_FIELDS = 10;
/** What a new file field takes unless the profile says otherwise (the studio starts from it too). */
export const FILE_FIELD_DEFAULTS: Readonly<Pick<WorkItemField, 'accept' | 'maxFiles' | 'maxFileBytes'>> = {
  accept: ['image/png', 'image/jpeg', 'application/pdf'],
  maxFiles: 3,
  maxFileBytes: 5 * 1024 * 1024,
};
/** Smallest size limit of a file field. */
export const MIN_FILE_BYTES = 1024;
const MAX_OPTIONS = 20;
const MAX_URL = 2048;

// ---------------------------------------------------------------------------------------------
// Field parsers: each returns the parsed value, or `undefined` for "invalid".

function hexColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return `#${hex.toLowerCase()}`;
}

function integer(min: number, max: number) {
  return (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

function oneOf<T extends string>(choices: readonly T[]) {
  return (value: unknown): T | undefined => (typeof value === 'string' && (choices as readonly string[]).includes(value) ? (value as T) : undefined);
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** An `https:` URL without credentials, at most 2 048 characters; returned normalised. */
export function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL) return undefined;
  try {
    const url = new URL(value.trim());
    // The bound applies to the normalised form too: percent-encoding can triple a URL's length,
    // and a value accepted once must be accepted again when the saved profile is read back.
    if (url.protocol !== 'https:' || url.username || url.password || url.href.length > MAX_URL) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

function nullableUrl(value: unknown): string | null | undefined {
  return value === null || value === '' ? null : httpsUrl(value);
}

function text(max: number, required: boolean) {
  return (value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    const t = cleanText(value).replace(/[\t\n]+/g, max > 200 ? '$&' : ' ').trim();
    if (t.length > max || (required && t === '')) return undefined;
    return t;
  };
}

/** A point-of-contact id (the protocol's id rule). */
function pocId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
}

/**
 * A form field's id: letters, digits, `-`, `_`. Not a name every object has (`constructor`,
 * `__proto__`, `toString`…): answers are keyed by id, and form parsers refuse those keys.
 */
function id(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(value) && !(value in Object.prototype) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// The walk

class Reader {
  readonly issues: ProfileIssue[] = [];

  invalid(field: string, message: string): void {
    this.issues.push({ field, code: 'invalid_value', message });
  }

  /** The record at `path`, reporting its unknown keys; null (reported) when not an object. */
  record(value: unknown, path: string, known: readonly string[]): Record<string, unknown> | null {
    if (value === undefined) return {};
    if (!isRecord(value)) {
      this.invalid(path || 'profile', `${path || 'the profile'} must be an object`);
      return null;
    }
    // Own keys only, on an object without a prototype: `src.theme` must not find a `theme` that a
    // polluted Object.prototype (or a crafted prototype chain) supplies.
    const own: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        const at = path ? `${path}.${key}` : key;
        this.issues.push({ field: at, code: 'unknown_field', message: `${at} is not a chat-profile field` });
      } else {
        own[key] = value[key];
      }
    }
    return own;
  }

  /** A whole-number setting within its `NUMBER_RANGES` bounds, or the default (with an issue). */
  number(src: Record<string, unknown> | null, key: string, path: NumberPath, fallback: number, pixels = false): number {
    const [min, max] = NUMBER_RANGES[path];
    return this.field(src, key, path, integer(min, max), fallback, `must be a whole number${pixels ? ' of pixels' : ''} from ${min} to ${max}`);
  }

  /** `parse(src[key])`, or the default (with an issue) when present but invalid. */
  field<T>(src: Record<string, unknown> | null, key: string, path: string, parse: (v: unknown) => T | undefined, fallback: T, hint: string): T {
    if (!src || !Object.prototype.hasOwnProperty.call(src, key)) return fallback;
    const parsed = parse(src[key]);
    if (parsed === undefined) {
      this.invalid(path, `${path} ${hint}`);
      return fallback;
    }
    return parsed;
  }
}

const PALETTE_KEYS = ['brand', 'onBrand', 'surface', 'text'] as const;
const TEXT_KEYS = Object.keys(TEXT_LIMITS) as (keyof ProfileTexts)[];

function readPalette(r: Reader, value: unknown, path: string, fallback: ProfilePalette): ProfilePalette {
  const src = r.record(value, path, PALETTE_KEYS);
  const out = { ...fallback };
  for (const key of PALETTE_KEYS) out[key] = r.field(src, key, `${path}.${key}`, hexColor, fallback[key], 'must be a colour like #1a5fb4');
  return out;
}

function readTexts(r: Reader, value: unknown, path: string, fallback: ProfileTexts | null): Partial<ProfileTexts> {
  const src = r.record(value, path, TEXT_KEYS);
  const out: Partial<ProfileTexts> = {};
  for (const key of TEXT_KEYS) {
    const required = key === 'title' && fallback !== null;
    const parse = text(TEXT_LIMITS[key], required);
    const hint = `must be text of at most ${TEXT_LIMITS[key]} characters${required ? ', not empty' : ''}`;
    if (fallback) out[key] = r.field(src, key, `${path}.${key}`, parse, fallback[key], hint);
    else if (src && Object.prototype.hasOwnProperty.call(src, key)) {
      const parsed = parse(src[key]);
      if (parsed === undefined) r.invalid(`${path}.${key}`, `${path}.${key} ${hint}`);
      else out[key] = parsed;
    }
  }
  return out;
}

function readField(r: Reader, value: unknown, path: string): PreChatField | null;
function readField(r: Reader, value: unknown, path: string, form: 'workItem'): WorkItemField | null;
/**
 * One form field: a pre-chat field, or (`form` = `workItem`) a work-item field, which has more
 * types and, for files, the accepted types and size limits.
 */
function readField(r: Reader, value: unknown, path: string, form: 'preChat' | 'workItem' = 'preChat'): PreChatField | WorkItemField | null {
  const types: readonly string[] = form === 'workItem' ? WORK_ITEM_FIELD_TYPES : PRECHAT_FIELD_TYPES;
  const keys = ['id', 'type', 'label', 'labels', 'required', 'options'];
  const src = r.record(value, path, form === 'workItem' ? [...keys, 'accept', 'maxFiles', 'maxFileBytes'] : keys);
  if (!src) return null;
  const fieldId = id(src.id);
  const type = oneOf(types)(src.type);
  const label = text(80, true)(src.label);
  if (!fieldId) r.invalid(`${path}.id`, `${path}.id must be 1–40 letters, digits, - or _, and not a name such as constructor or toString`);
  if (!type) r.invalid(`${path}.type`, `${path}.type must be one of ${types.join(', ')}`);
  if (label === undefined) r.invalid(`${path}.label`, `${path}.label must be text of 1–80 characters`);
  const labelsSrc = r.record(src.labels, `${path}.labels`, PROFILE_LOCALES);
  const labels: PreChatField['labels'] = {};
  for (const locale of PROFILE_LOCALES) {
    if (!labelsSrc || !Object.prototype.hasOwnProperty.call(labelsSrc, locale)) continue;
    const l = text(80, true)(labelsSrc[locale]);
    if (l === undefined) r.invalid(`${path}.labels.${locale}`, `${path}.labels.${locale} must be text of 1–80 characters`);
    else labels[locale] = l;
  }
  const required = r.field(src, 'required', `${path}.required`, bool, false, 'must be true or false');
  let options: string[] = [];
  if (src.options !== undefined) {
    const list = Array.isArray(src.options) ? src.options : null;
    const parsed = list && list.length <= MAX_OPTIONS ? list.map((o) => text(80, true)(o)) : null;
    if (!parsed || parsed.some((o) => o === undefined)) r.invalid(`${path}.options`, `${path}.options must be at most ${MAX_OPTIONS} texts of 1–80 characters`);
    else options = parsed as string[];
  }
  if (type === 'select' && options.length === 0) r.invalid(`${path}.options`, `${path}.options must list the choices of a select field`);
  // A select without choices could not be answered: dropped, like any other unusable field.
  if (!fieldId || !type || label === undefined || (type === 'select' && options.length === 0)) return null;
  const field = { id: fieldId, type, label, labels, required, options: type === 'select' ? options : [] };
  if (form === 'preChat') return field as PreChatField;
  const file = type === 'file';
  let accept: WorkItemField['accept'] = [];
  if (file) {
    const list = src.accept === undefined ? FILE_FIELD_DEFAULTS.accept : src.accept;
    const parsed = Array.isArray(list) && list.length > 0 ? list.map(oneOf(ATTACHMENT_TYPES)) : null;
    if (!parsed || parsed.some((t) => t === undefined)) {
      r.invalid(`${path}.accept`, `${path}.accept must list one or more of ${ATTACHMENT_TYPES.join(', ')}`);
      return null;
    }
    accept = [...new Set(parsed as WorkItemField['accept'])];
  } else if (
    // A complete field has them all; on another type they must be the empty values.
    !(src.accept === undefined || (Array.isArray(src.accept) && src.accept.length === 0)) ||
    ![undefined, 0].includes(src.maxFiles as number) ||
    ![undefined, 0].includes(src.maxFileBytes as number)
  ) {
    r.invalid(path, `${path}: accept, maxFiles and maxFileBytes apply to file fields only`);
  }
  return {
    ...field,
    type: type as WorkItemField['type'],
    accept,
    maxFiles: file ? r.field(src, 'maxFiles', `${path}.maxFiles`, integer(1, LIMITS.attachmentMaxFiles), FILE_FIELD_DEFAULTS.maxFiles, `must be a whole number from 1 to ${LIMITS.attachmentMaxFiles}`) : 0,
    maxFileBytes: file
      ? r.field(src, 'maxFileBytes', `${path}.maxFileBytes`, integer(MIN_FILE_BYTES, LIMITS.attachmentMaxBytes), FILE_FIELD_DEFAULTS.maxFileBytes, `must be a whole number of bytes from ${MIN_FILE_BYTES} to ${LIMITS.attachmentMaxBytes}`)
      : 0,
  };
}

/** A list of form fields at `path`, without repeated ids. */
function readFields(r: Reader, list: unknown, path: string, max: number, form: 'preChat' | 'workItem'): (PreChatField | WorkItemField)[] {
  const fields: (PreChatField | WorkItemField)[] = [];
  if (list === undefined) return fields;
  if (!Array.isArray(list) || list.length > max) {
    r.invalid(path, `${path} must be a list of at most ${max} fields`);
    return fields;
  }
  list.forEach((f, i) => {
    const field = form === 'workItem' ? readField(r, f, `${path}.${i}`, 'workItem') : readField(r, f, `${path}.${i}`);
    if (!field) return;
    if (fields.some((x) => x.id === field.id)) r.invalid(`${path}.${i}.id`, `${path}.${i}.id repeats "${field.id}"`);
    else fields.push(field);
  });
  return fields;
}

/**
 * Validates a chat-profile document (schema version 2; version 1 documents are upgraded first).
 * Returns a complete profile — defaults in place of every bad field — and every issue found:
 * unknown fields, invalid values and colour pairs under 4.5:1 (`low_contrast`).
 */
export function validateProfile(input: unknown): { profile: ChatProfile; issues: ProfileIssue[] } {
  const r = new Reader();
  const d = DEFAULT_PROFILE;
  const own = isRecord(input) ? ownProps(input) : null;
  const doc = own && (own.version === 1 || (own.version === undefined && 'brandColor' in own)) ? upgradeV1(own) : input;
  const root = r.record(doc, '', [
    'version', 'theme', 'launcher', 'header', 'texts', 'translations', 'defaultLocale', 'preChat',
    'elevations', 'offline', 'workItem', 'sounds', 'transcriptDownload', 'allowLowContrast',
  ]);
  if (root && root.version !== undefined && root.version !== 2) r.invalid('version', 'version must be 2');

  const themeSrc = r.record(root?.theme, 'theme', ['mode', 'light', 'dark', 'font', 'radius', 'density', 'panelWidth', 'panelHeight', 'zIndex']);
  const theme: ChatProfile['theme'] = {
    mode: r.field(themeSrc, 'mode', 'theme.mode', oneOf(['light', 'dark', 'auto'] as const), d.theme.mode, 'must be light, dark or auto'),
    light: readPalette(r, themeSrc?.light, 'theme.light', d.theme.light),
    dark: readPalette(r, themeSrc?.dark, 'theme.dark', d.theme.dark),
    font: r.field(themeSrc, 'font', 'theme.font', oneOf(PROFILE_FONTS), d.theme.font, `must be one of ${PROFILE_FONTS.join(', ')}`),
    radius: r.number(themeSrc, 'radius', 'theme.radius', d.theme.radius, true),
    density: r.field(themeSrc, 'density', 'theme.density', oneOf(['compact', 'comfortable', 'spacious'] as const), d.theme.density, 'must be compact, comfortable or spacious'),
    panelWidth: r.number(themeSrc, 'panelWidth', 'theme.panelWidth', d.theme.panelWidth, true),
    panelHeight: r.number(themeSrc, 'panelHeight', 'theme.panelHeight', d.theme.panelHeight, true),
    zIndex: r.number(themeSrc, 'zIndex', 'theme.zIndex', d.theme.zIndex),
  };

  const launcherSrc = r.record(root?.launcher, 'launcher', ['position', 'offsetX', 'offsetY', 'icon', 'shape']);
  const icon = (value: unknown): ChatProfile['launcher']['icon'] | undefined => {
    const preset = oneOf(LAUNCHER_ICONS)(value);
    if (preset) return preset;
    if (isRecord(value) && Object.keys(value).length === 1 && Object.prototype.hasOwnProperty.call(value, 'url')) {
      const url = httpsUrl(value.url);
      if (url) return { url };
    }
    return undefined;
  };
  const launcher: ChatProfile['launcher'] = {
    position: r.field(launcherSrc, 'position', 'launcher.position', oneOf(['bottom-right', 'bottom-left'] as const), d.launcher.position, 'must be bottom-right or bottom-left'),
    offsetX: r.number(launcherSrc, 'offsetX', 'launcher.offsetX', d.launcher.offsetX, true),
    offsetY: r.number(launcherSrc, 'offsetY', 'launcher.offsetY', d.launcher.offsetY, true),
    icon: r.field(launcherSrc, 'icon', 'launcher.icon', icon, d.launcher.icon, `must be one of ${LAUNCHER_ICONS.join(', ')} or { "url": "https://…" }`),
    shape: r.field(launcherSrc, 'shape', 'launcher.shape', oneOf(['circle', 'rounded', 'square'] as const), d.launcher.shape, 'must be circle, rounded or square'),
  };

  const headerSrc = r.record(root?.header, 'header', ['logoUrl', 'agentAvatarUrl']);
  const header: ChatProfile['header'] = {
    logoUrl: r.field(headerSrc, 'logoUrl', 'header.logoUrl', nullableUrl, d.header.logoUrl, 'must be an https: image URL or null'),
    agentAvatarUrl: r.field(headerSrc, 'agentAvatarUrl', 'header.agentAvatarUrl', nullableUrl, d.header.agentAvatarUrl, 'must be an https: image URL or null'),
  };

  const texts = readTexts(r, root?.texts, 'texts', d.texts) as ProfileTexts;
  const translationsSrc = r.record(root?.translations, 'translations', PROFILE_LOCALES);
  const translations: ChatProfile['translations'] = {};
  for (const locale of PROFILE_LOCALES) {
    if (!translationsSrc || !Object.prototype.hasOwnProperty.call(translationsSrc, locale)) continue;
    translations[locale] = readTexts(r, translationsSrc[locale], `translations.${locale}`, null);
  }

  const preChatSrc = r.record(root?.preChat, 'preChat', ['enabled', 'fields']);
  const fields = readFields(r, preChatSrc?.fields, 'preChat.fields', MAX_FIELDS, 'preChat') as PreChatField[];
  const preChat = { enabled: r.field(preChatSrc, 'enabled', 'preChat.enabled', bool, d.preChat.enabled, 'must be true or false'), fields };

  const workItemSrc = r.record(root?.workItem, 'workItem', ['fields']);
  const workItemFields = workItemSrc && workItemSrc.fields !== undefined
    ? (readFields(r, workItemSrc.fields, 'workItem.fields', LIMITS.workItemMaxFields, 'workItem') as WorkItemField[])
    : d.workItem.fields;
  if (workItemFields.length === 0) r.invalid('workItem.fields', 'workItem.fields must have at least one field');

  const elevationsSrc = r.record(root?.elevations, 'elevations', ['callback', 'email', 'sms', 'afterRequest']);
  const elevation = (key: 'callback' | 'email' | 'sms'): ChatProfile['elevations'][typeof key] => {
    const src = r.record(elevationsSrc?.[key], `elevations.${key}`, ['enabled', 'skillId']);
    return {
      enabled: r.field(src, 'enabled', `elevations.${key}.enabled`, bool, false, 'must be true or false'),
      skillId: r.field(src, 'skillId', `elevations.${key}.skillId`, (v) => (v === null ? null : id(v)), null, 'must be a skill id or null'),
    };
  };
  const elevations: ChatProfile['elevations'] = {
    callback: elevation('callback'),
    email: elevation('email'),
    sms: elevation('sms'),
    afterRequest: r.field(elevationsSrc, 'afterRequest', 'elevations.afterRequest', oneOf(['continue', 'end'] as const), d.elevations.afterRequest, 'must be continue or end'),
  };
  for (const key of ['callback', 'email', 'sms'] as const) {
    if (elevations[key].enabled && !elevations[key].skillId) {
      r.invalid(`elevations.${key}.skillId`, `elevations.${key}.skillId must name the skill an enabled elevation routes to`);
      // An elevation with nowhere to route is not offered (the default), rather than shown and failing.
      elevations[key].enabled = false;
    }
  }

  const offlineSrc = r.record(root?.offline, 'offline', ['behaviour', 'workItemPoc']);
  const profile: ChatProfile = {
    version: 2,
    theme,
    launcher,
    header,
    texts,
    translations,
    defaultLocale: r.field(root, 'defaultLocale', 'defaultLocale', oneOf(PROFILE_LOCALES), d.defaultLocale, `must be one of ${PROFILE_LOCALES.join(', ')}`),
    preChat,
    elevations,
    offline: {
      behaviour: r.field(offlineSrc, 'behaviour', 'offline.behaviour', oneOf(['hide', 'message', 'leave-message'] as const), d.offline.behaviour, 'must be hide, message or leave-message'),
      workItemPoc: r.field(offlineSrc, 'workItemPoc', 'offline.workItemPoc', (v) => (v === null ? null : pocId(v)), null, 'must be a work-item point-of-contact id or null'),
    },
    workItem: { fields: workItemFields.length > 0 ? workItemFields : d.workItem.fields },
    sounds: r.field(root, 'sounds', 'sounds', bool, d.sounds, 'must be true or false'),
    transcriptDownload: r.field(root, 'transcriptDownload', 'transcriptDownload', bool, d.transcriptDownload, 'must be true or false'),
    allowLowContrast: r.field(root, 'allowLowContrast', 'allowLowContrast', bool, d.allowLowContrast, 'must be true or false'),
  };
  if (profile.offline.behaviour === 'leave-message' && !profile.offline.workItemPoc) {
    r.invalid('offline.workItemPoc', 'offline.workItemPoc must name the work-item point of contact that messages are left on');
    // Nowhere to file a message: the closed chat shows its message instead of a form that fails.
    profile.offline.behaviour = 'message';
  }
  return { profile, issues: [...r.issues, ...contrastIssues(profile)] };
}

/** Colour pairs under 4.5:1 in either palette: text on brand, text on surface. */
export function contrastIssues(profile: ChatProfile): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  for (const mode of ['light', 'dark'] as const) {
    const p = profile.theme[mode];
    const pairs = [
      ['onBrand', p.onBrand, 'brand', p.brand],
      ['text', p.text, 'surface', p.surface],
    ] as const;
    for (const [fgName, fg, bgName, bg] of pairs) {
      const ratio = contrastRatio(fg, bg);
      if (ratio < MIN_CONTRAST) {
        issues.push({
          field: `theme.${mode}.${fgName}`,
          code: 'low_contrast',
          message: `theme.${mode}.${fgName} on theme.${mode}.${bgName} has a contrast of ${ratio.toFixed(2)}:1, under ${MIN_CONTRAST}:1`,
        });
      }
    }
  }
  return issues;
}

/** The issues that stop a save: all of them, except low contrast when the override is set. */
export function blockingIssues(profile: ChatProfile, issues: readonly ProfileIssue[]): ProfileIssue[] {
  return issues.filter((i) => i.code !== 'low_contrast' || !profile.allowLowContrast);
}

/** Reads a stored or received profile, keeping defaults for bad fields (for display). */
export function readProfile(raw: unknown): { profile: ChatProfile; problems: string[] } {
  const { profile, issues } = validateProfile(raw);
  return { profile, problems: issues.filter((i) => i.code !== 'low_contrast').map((i) => i.field) };
}

export { localizedTexts } from './profile-texts.js';

/** A pre-chat field's label in one locale. */
export function fieldLabel(field: PreChatField, locale: string): string {
  const base = locale.toLowerCase().split('-')[0] as ProfileLocale;
  return (Object.prototype.hasOwnProperty.call(field.labels, base) ? field.labels[base] : undefined) ?? field.label;
}

/** Own enumerable properties only, on an object without a prototype: nothing inherited is read. */
function ownProps(value: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, value);
}

/** Version 1 profiles (title, subtitle, greeting, brandColor, locale, texts) as version 2; `v1` holds own keys only. */
function upgradeV1(v1: Record<string, unknown>): Record<string, unknown> {
  const brand = hexColor(v1.brandColor) ?? DEFAULT_PROFILE.theme.light.brand;
  // White or near-black, whichever reads better; pure black when neither reaches AA (mid greys
  // such as #777777), since white or black always reaches 4.58:1 on any colour.
  const dark = contrastRatio(brand, '#111111') >= MIN_CONTRAST ? '#111111' : '#000000';
  const onBrand = contrastRatio(brand, '#ffffff') >= contrastRatio(brand, dark) ? '#ffffff' : dark;
  const translations: Record<string, unknown> = {};
  if (isRecord(v1.texts)) {
    const texts = ownProps(v1.texts);
    for (const locale of PROFILE_LOCALES) {
      const t = isRecord(texts[locale]) ? ownProps(texts[locale]) : null;
      if (t) translations[locale] = { ...(t.title !== undefined ? { title: t.title } : {}), ...(t.subtitle !== undefined ? { subtitle: t.subtitle } : {}), ...(t.greeting !== undefined ? { greeting: t.greeting } : {}) };
    }
  }
  return {
    version: 2,
    theme: { light: { ...DEFAULT_PROFILE.theme.light, brand, onBrand }, mode: 'light' },
    texts: {
      ...DEFAULT_PROFILE.texts,
      ...(v1.title !== undefined ? { title: v1.title } : {}),
      ...(v1.subtitle !== undefined ? { subtitle: v1.subtitle } : {}),
      ...(v1.greeting !== undefined ? { greeting: v1.greeting } : {}),
    },
    translations,
    ...(v1.locale === 'fr' || v1.locale === 'en' ? { defaultLocale: v1.locale } : {}),
  };
}

/** One changed leaf between two profiles, for the audit history. */
export interface ProfileChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The leaves that differ between two profiles (dotted paths, arrays compared whole). */
export function profileChanges(before: ChatProfile, after: ChatProfile): ProfileChange[] {
  const changes: ProfileChange[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    // An absent subtree (a translation added or removed) compares as an empty one, so each text
    // is a change of its own and an added empty translation is no change at all.
    if ((isRecord(a) || a === undefined) && (isRecord(b) || b === undefined) && (a !== undefined || b !== undefined)) {
      const [x, y] = [a ?? {}, b ?? {}] as Record<string, unknown>[];
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[key], y[key], path ? `${path}.${key}` : key);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      changes.push({ field: path, from: a ?? null, to: b ?? null });
    }
  };
  walk(before, after, '');
  return changes;
}
