/**
 * The chat-profile validator (schema version 2): every field parsed, bad fields replaced by their
 * default and reported at their own path, unknown fields refused, contrast checked, version 1
 * documents upgraded. Hostile and random input is in profile.property.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatProfile, PreChatField, ProfileIssue } from '../protocol/index.js';
import { contrastRatio } from './contrast.js';
import {
  DEFAULT_PROFILE,
  MIN_CONTRAST,
  TEXT_LIMITS,
  blockingIssues,
  contrastIssues,
  fieldLabel,
  httpsUrl,
  localizedTexts,
  profileChanges,
  readProfile,
  validateProfile,
} from './profile.js';

/** A complete, valid profile that differs from the default in every field. */
const GOOD: ChatProfile = {
  version: 2,
  theme: {
    mode: 'dark',
    light: { brand: '#0b6b63', onBrand: '#ffffff', surface: '#fbfcfc', text: '#1b1f23' },
    dark: { brand: '#5cc8bb', onBrand: '#0a1f1d', surface: '#151b1a', text: '#e4eceb' },
    font: 'serif',
    radius: 4,
    density: 'compact',
    panelWidth: 320,
    panelHeight: 480,
    zIndex: 1000,
  },
  launcher: { position: 'bottom-left', offsetX: 0, offsetY: 200, icon: { url: 'https://cdn.example.com/icon.svg' }, shape: 'square' },
  header: { logoUrl: 'https://cdn.example.com/logo.png', agentAvatarUrl: 'https://cdn.example.com/agent.png' },
  texts: {
    title: 'Acme Support',
    subtitle: 'Fast answers',
    greeting: 'Hi there!\nHow can we help?',
    placeholder: 'Type here',
    offlineMessage: 'We are closed.\nBack at 9.',
    launcherLabel: 'Help',
  },
  translations: { fr: { title: 'Assistance Acme', greeting: 'Bonjour' } },
  defaultLocale: 'fr',
  preChat: {
    enabled: true,
    fields: [
      { id: 'name', type: 'name', label: 'Your name', labels: { fr: 'Votre nom' }, required: true, options: [] },
      { id: 'topic', type: 'select', label: 'Topic', labels: {}, required: false, options: ['Orders', 'Returns'] },
    ],
  },
  elevations: {
    callback: { enabled: true, skillId: 'voice-main' },
    email: { enabled: true, skillId: 'email_main' },
    sms: { enabled: false, skillId: null },
    afterRequest: 'continue',
  },
  offline: { behaviour: 'leave-message', workItemPoc: 'returns-form' },
  workItem: {
    fields: [
      { id: 'order', type: 'text', label: 'Order number', labels: { fr: 'Numéro de commande' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'photos', type: 'file', label: 'Photos', labels: {}, required: false, options: [], accept: ['image/jpeg', 'image/png'], maxFiles: 4, maxFileBytes: 2_000_000 },
    ],
  },
  sounds: true,
  transcriptDownload: false,
  allowLowContrast: true,
};

/** GOOD with one change made by `edit`, as a loose document. */
function with_(edit: (p: Record<string, any>) => void): Record<string, any> {
  const doc = structuredClone(GOOD) as Record<string, any>;
  edit(doc);
  return doc;
}

const fields = (issues: ProfileIssue[]) => issues.map((i) => i.field).sort();

describe('validateProfile: whole documents', () => {
  test('DEFAULT_PROFILE is valid, and an empty document or undefined gives it', () => {
    assert.deepEqual(validateProfile(DEFAULT_PROFILE), { profile: DEFAULT_PROFILE, issues: [] });
    assert.deepEqual(validateProfile({}), { profile: DEFAULT_PROFILE, issues: [] });
    assert.deepEqual(validateProfile(undefined), { profile: DEFAULT_PROFILE, issues: [] });
  });

  test('a complete valid profile comes back equal, with no issue', () => {
    assert.deepEqual(validateProfile(GOOD), { profile: GOOD, issues: [] });
  });

  test('the result is built from fresh objects, never the input', () => {
    const doc = structuredClone(GOOD);
    const { profile } = validateProfile(doc);
    assert.notEqual(profile.theme, doc.theme);
    assert.notEqual(profile.preChat.fields, doc.preChat.fields);
    profile.theme.light.brand = '#000000';
    assert.equal(doc.theme.light.brand, '#0b6b63');
  });

  test('a document that is not an object gives the default profile and one issue at "profile"', () => {
    for (const raw of [null, 'profile', 42, ['title'], true]) {
      const { profile, issues } = validateProfile(raw);
      assert.deepEqual(profile, DEFAULT_PROFILE, JSON.stringify(raw));
      assert.deepEqual(issues.map((i) => [i.field, i.code]), [['profile', 'invalid_value']]);
    }
  });

  test('a group that is not an object is reported and takes its defaults', () => {
    const { profile, issues } = validateProfile(with_((p) => ((p.theme = 'dark'), (p.launcher = null), (p.texts = ['Hi']))));
    assert.deepEqual(fields(issues), ['launcher', 'texts', 'theme']);
    assert.deepEqual(profile.theme, DEFAULT_PROFILE.theme);
    assert.deepEqual(profile.launcher, DEFAULT_PROFILE.launcher);
    assert.deepEqual(profile.texts, DEFAULT_PROFILE.texts);
    assert.equal(profile.header.logoUrl, GOOD.header.logoUrl, 'the other groups are kept');
  });

  test('another version is reported; the result is always version 2', () => {
    const { profile, issues } = validateProfile(with_((p) => (p.version = 3)));
    assert.equal(profile.version, 2);
    assert.deepEqual(fields(issues), ['version']);
  });
});

describe('validateProfile: work-item fields', () => {
  test('a field id every object has (constructor, __proto__, toString) is refused: answers are keyed by id', () => {
    for (const bad of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const { profile, issues } = validateProfile({ workItem: { fields: [{ id: bad, type: 'text', label: 'X' }, { id: 'ok', type: 'text', label: 'Y' }] } });
      assert.deepEqual(profile.workItem.fields.map((f) => f.id), ['ok'], bad);
      assert.ok(issues.some((i) => i.field === 'workItem.fields.0.id'), bad);
    }
  });
});

describe('validateProfile: unknown fields', () => {
  test('are reported at their own path at every level and never passed through', () => {
    const doc = with_((p) => {
      p.css = 'body{display:none}';
      p.theme.shadow = '0 0 0 red';
      p.theme.light.link = '#000000';
      p.launcher.onclick = 'alert(1)';
      p.texts.footer = 'x';
      p.translations.fr.footer = 'x';
      p.preChat.fields[0].pattern = '.*';
      p.preChat.fields[0].labels.de = 'Name';
      p.elevations.voice = { enabled: true, skillId: 'x' };
      p.elevations.sms.priority = 1;
      p.offline.url = 'https://example.com';
    });
    const { profile, issues } = validateProfile(doc);
    assert.deepEqual(fields(issues), [
      'css',
      'elevations.sms.priority',
      'elevations.voice',
      'launcher.onclick',
      'offline.url',
      'preChat.fields.0.labels.de',
      'preChat.fields.0.pattern',
      'texts.footer',
      'theme.light.link',
      'theme.shadow',
      'translations.fr.footer',
    ]);
    assert.ok(issues.every((i) => i.code === 'unknown_field' && i.message.includes(i.field)));
    assert.deepEqual(profile, GOOD, 'the known fields are all kept');
    assert.ok(!JSON.stringify(profile).includes('alert'));
  });

  test('an unknown locale in translations is an unknown field', () => {
    const { profile, issues } = validateProfile(with_((p) => (p.translations = { de: { title: 'Hallo' }, 'fr-CA': {} })));
    assert.deepEqual(fields(issues), ['translations.de', 'translations.fr-CA']);
    assert.deepEqual(profile.translations, {});
  });

  test('__proto__ and constructor keys are reported and change no prototype', () => {
    const doc = JSON.parse(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"theme":{"__proto__":{"mode":"light"},"light":{"constructor":"#000"}},"texts":{"__proto__":{"title":"x"}}}',
    ) as unknown;
    const { profile, issues } = validateProfile(doc);
    assert.deepEqual(fields(issues), ['__proto__', 'constructor', 'texts.__proto__', 'theme.__proto__', 'theme.light.constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(profile), Object.prototype);
    assert.deepEqual(profile, DEFAULT_PROFILE);
  });
});

describe('validateProfile: colours', () => {
  test('#rgb and #rrggbb in any case, stored as lower-case #rrggbb', () => {
    const { profile, issues } = validateProfile({ theme: { light: { brand: '#1A5FB4', onBrand: '#FFF', surface: ' #ffffff ', text: '#000' } } });
    assert.deepEqual(profile.theme.light, { brand: '#1a5fb4', onBrand: '#ffffff', surface: '#ffffff', text: '#000000' });
    assert.deepEqual(issues, []);
  });

  test('anything else is refused at its field and replaced by the default', () => {
    for (const bad of ['red', '#12345', '#1234567', '#ggg', 'rgb(0,0,0)', 'var(--x)', '#fff;}', '#fff\n}', 'transparent', '', 0x1a5fb4, null, ['#fff'], { hex: '#fff' }]) {
      const { profile, issues } = validateProfile({ theme: { dark: { surface: bad } } });
      assert.equal(profile.theme.dark.surface, DEFAULT_PROFILE.theme.dark.surface, String(bad));
      assert.deepEqual(issues.map((i) => [i.field, i.code]), [['theme.dark.surface', 'invalid_value']], String(bad));
    }
  });
});

describe('validateProfile: numbers and choices', () => {
  const ranges: [string, string, number, number][] = [
    ['theme', 'radius', 0, 32],
    ['theme', 'panelWidth', 300, 600],
    ['theme', 'panelHeight', 400, 900],
    ['theme', 'zIndex', 0, 2147483647],
    ['launcher', 'offsetX', 0, 200],
    ['launcher', 'offsetY', 0, 200],
  ];
  for (const [group, key, min, max] of ranges) {
    test(`${group}.${key}: whole numbers from ${min} to ${max}`, () => {
      for (const ok of [min, max, Math.round((min + max) / 2)]) {
        const { profile, issues } = validateProfile({ [group]: { [key]: ok } });
        assert.equal((profile as any)[group][key], ok);
        assert.deepEqual(issues, []);
      }
      for (const bad of [min - 1, max + 1, min + 0.5, NaN, Infinity, -Infinity, String(min), null, true]) {
        const { profile, issues } = validateProfile({ [group]: { [key]: bad } });
        assert.equal((profile as any)[group][key], (DEFAULT_PROFILE as any)[group][key], String(bad));
        assert.deepEqual(fields(issues), [`${group}.${key}`], String(bad));
      }
    });
  }

  test('choices come from their fixed lists, case included', () => {
    const bad = {
      theme: { mode: 'Dark', font: 'Comic Sans MS', density: 'tight' },
      launcher: { position: 'top-right', shape: 'star', icon: 'chat.svg' },
      defaultLocale: 'de',
      offline: { behaviour: 'redirect' },
    };
    const { profile, issues } = validateProfile(bad);
    assert.deepEqual(fields(issues), ['defaultLocale', 'launcher.icon', 'launcher.position', 'launcher.shape', 'offline.behaviour', 'theme.density', 'theme.font', 'theme.mode']);
    assert.deepEqual(profile, DEFAULT_PROFILE);
  });

  test('booleans are true or false, nothing truthy', () => {
    const { profile, issues } = validateProfile({ sounds: 'true', transcriptDownload: 0, allowLowContrast: 1, preChat: { enabled: 'yes' } });
    assert.deepEqual(fields(issues), ['allowLowContrast', 'preChat.enabled', 'sounds', 'transcriptDownload']);
    assert.deepEqual(profile, DEFAULT_PROFILE);
  });
});

describe('validateProfile: images', () => {
  test('https: URLs are kept, normalised', () => {
    assert.equal(httpsUrl('https://CDN.example.com/a b.png'), 'https://cdn.example.com/a%20b.png');
    assert.equal(httpsUrl('  https://cdn.example.com/logo.png  '), 'https://cdn.example.com/logo.png');
  });

  test('other schemes, credentials, relative and overlong URLs are refused', () => {
    const bad = [
      'http://cdn.example.com/logo.png',
      'javascript:alert(1)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'data:image/png;base64,iVBORw0KGgo=',
      'blob:https://example.com/1',
      'file:///etc/passwd',
      '//cdn.example.com/logo.png',
      '/logo.png',
      'https://user:secret@cdn.example.com/logo.png',
      'https://',
      `https://cdn.example.com/${'a'.repeat(2048)}`,
      // Short enough as written, over the bound once percent-encoded.
      `https://cdn.example.com/${'é'.repeat(1000)}`,
      42,
    ];
    for (const url of bad) {
      assert.equal(httpsUrl(url), undefined, String(url));
      const { profile, issues } = validateProfile({ header: { logoUrl: url }, launcher: { icon: { url } } });
      assert.equal(profile.header.logoUrl, null);
      assert.equal(profile.launcher.icon, 'chat');
      assert.deepEqual(fields(issues), ['header.logoUrl', 'launcher.icon'], String(url));
    }
  });

  test('null or an empty string mean no image', () => {
    const { profile, issues } = validateProfile({ header: { logoUrl: '', agentAvatarUrl: null } });
    assert.deepEqual(profile.header, { logoUrl: null, agentAvatarUrl: null });
    assert.deepEqual(issues, []);
  });

  test('an image icon is exactly { url }', () => {
    for (const icon of [{ url: 'https://x.example/i.png', alt: 'x' }, {}, { src: 'https://x.example/i.png' }, ['https://x.example/i.png']]) {
      assert.deepEqual(fields(validateProfile({ launcher: { icon } }).issues), ['launcher.icon'], JSON.stringify(icon));
    }
  });
});

describe('validateProfile: texts', () => {
  for (const [key, limit] of Object.entries(TEXT_LIMITS)) {
    test(`texts.${key}: at most ${limit} characters`, () => {
      const ok = validateProfile({ texts: { [key]: 'x'.repeat(limit) } });
      assert.equal((ok.profile.texts as any)[key], 'x'.repeat(limit));
      assert.deepEqual(ok.issues, []);
      const long = validateProfile({ texts: { [key]: 'x'.repeat(limit + 1) }, translations: { fr: { [key]: 'x'.repeat(limit + 1) } } });
      assert.equal((long.profile.texts as any)[key], (DEFAULT_PROFILE.texts as any)[key]);
      assert.deepEqual(long.profile.translations, { fr: {} });
      assert.deepEqual(fields(long.issues), [`texts.${key}`, `translations.fr.${key}`]);
    });
  }

  test('control and bidi-override characters are removed, not counted', () => {
    const { profile, issues } = validateProfile({ texts: { title: 'Acme\u0000\u202E Help\u0007', launcherLabel: `${'x'.repeat(40)}\u0000` } });
    assert.equal(profile.texts.title, 'Acme Help');
    assert.equal(profile.texts.launcherLabel, 'x'.repeat(40));
    assert.deepEqual(issues, []);
  });

  test('short texts are one line; greeting and offline message keep their line breaks', () => {
    const { profile } = validateProfile({ texts: { title: 'A\nB\r\n\tC', greeting: '  Hi\r\nthere\n\n', offlineMessage: 'Closed\nnow' } });
    assert.equal(profile.texts.title, 'A B C');
    assert.equal(profile.texts.greeting, 'Hi\nthere');
    assert.equal(profile.texts.offlineMessage, 'Closed\nnow');
  });

  test('the title must not be blank; other texts and translations may be empty', () => {
    const { profile, issues } = validateProfile({ texts: { title: ' \n ', subtitle: '' }, translations: { fr: { title: '' } } });
    assert.equal(profile.texts.title, DEFAULT_PROFILE.texts.title);
    assert.deepEqual(profile.translations, { fr: { title: '' } });
    assert.deepEqual(fields(issues), ['texts.title']);
  });

  test('markup is plain text: kept as written, to be shown as text', () => {
    const { profile, issues } = validateProfile({ texts: { title: '<b>Acme</b> & co' } });
    assert.equal(profile.texts.title, '<b>Acme</b> & co');
    assert.deepEqual(issues, []);
  });

  test('texts that are not strings are refused', () => {
    const { issues } = validateProfile({ texts: { title: 42, greeting: { html: '<b>' } }, translations: { fr: 'Bonjour', en: { subtitle: ['x'] } } });
    assert.deepEqual(fields(issues), ['texts.greeting', 'texts.title', 'translations.en.subtitle', 'translations.fr']);
  });
});

describe('validateProfile: pre-chat fields', () => {
  const field = (f: Record<string, unknown>) => validateProfile({ preChat: { enabled: true, fields: [f] } });

  test('a field gets its defaults: not required, no labels, no options', () => {
    const { profile, issues } = field({ id: 'email', type: 'email', label: 'Email' });
    assert.deepEqual(profile.preChat.fields, [{ id: 'email', type: 'email', label: 'Email', labels: {}, required: false, options: [] }]);
    assert.deepEqual(issues, []);
  });

  test('a field without a usable id, type or label is dropped and reported', () => {
    for (const [f, at] of [
      [{ type: 'text', label: 'A' }, 'id'],
      [{ id: 'a b', type: 'text', label: 'A' }, 'id'],
      [{ id: 'x'.repeat(41), type: 'text', label: 'A' }, 'id'],
      [{ id: 'a', type: 'date', label: 'A' }, 'type'],
      [{ id: 'a', type: 'text', label: ' ' }, 'label'],
      [{ id: 'a', type: 'text', label: 'l'.repeat(81) }, 'label'],
    ] as const) {
      const { profile, issues } = field(f);
      assert.deepEqual(profile.preChat.fields, [], JSON.stringify(f));
      assert.deepEqual(fields(issues), [`preChat.fields.0.${at}`], JSON.stringify(f));
    }
  });

  test('a select needs its choices; without them it is dropped', () => {
    const { profile, issues } = field({ id: 'topic', type: 'select', label: 'Topic' });
    assert.deepEqual(profile.preChat.fields, []);
    assert.deepEqual(fields(issues), ['preChat.fields.0.options']);
  });

  test('choices of another type are dropped; bad choices are reported', () => {
    assert.deepEqual(field({ id: 'a', type: 'text', label: 'A', options: ['x'] }).profile.preChat.fields[0].options, []);
    for (const options of ['x', [''], ['x', 3], Array.from({ length: 21 }, (_, i) => `o${i}`)]) {
      // Reported twice: the list is bad, and the select is left without choices.
      assert.deepEqual(fields(field({ id: 'a', type: 'select', label: 'A', options }).issues), ['preChat.fields.0.options', 'preChat.fields.0.options'], JSON.stringify(options));
    }
  });

  test('per-locale labels: known locales, 1–80 characters', () => {
    const { profile, issues } = field({ id: 'a', type: 'text', label: 'Name', labels: { fr: 'Nom', en: '' } });
    assert.deepEqual(profile.preChat.fields[0].labels, { fr: 'Nom' });
    assert.deepEqual(fields(issues), ['preChat.fields.0.labels.en']);
  });

  test('ids are unique: a repeated id is dropped and reported', () => {
    const { profile, issues } = validateProfile({
      preChat: { fields: [{ id: 'a', type: 'text', label: 'A' }, { id: 'a', type: 'email', label: 'B' }, { id: 'b', type: 'checkbox', label: 'C' }] },
    });
    assert.deepEqual(profile.preChat.fields.map((f) => f.id), ['a', 'b']);
    assert.deepEqual(fields(issues), ['preChat.fields.1.id']);
  });

  test('at most ten fields', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ id: `f${i}`, type: 'text', label: 'F' }));
    const { profile, issues } = validateProfile({ preChat: { fields: many } });
    assert.deepEqual(profile.preChat.fields, []);
    assert.deepEqual(fields(issues), ['preChat.fields']);
    assert.equal(validateProfile({ preChat: { fields: many.slice(0, 10) } }).profile.preChat.fields.length, 10);
  });
});

describe('validateProfile: elevations', () => {
  test('an enabled elevation names its skill; without one it is reported and not offered', () => {
    const { profile, issues } = validateProfile({ elevations: { callback: { enabled: true }, sms: { enabled: true, skillId: null }, email: { enabled: true, skillId: 'mail' } } });
    assert.deepEqual(profile.elevations, {
      callback: { enabled: false, skillId: null },
      email: { enabled: true, skillId: 'mail' },
      sms: { enabled: false, skillId: null },
      afterRequest: 'continue',
    });
    assert.deepEqual(fields(issues), ['elevations.callback.skillId', 'elevations.sms.skillId']);
  });

  test('a skill id is an id; a disabled elevation may keep one', () => {
    const { profile, issues } = validateProfile({ elevations: { email: { enabled: false, skillId: 'mail' }, sms: { skillId: '../admin' } } });
    assert.equal(profile.elevations.email.skillId, 'mail');
    assert.equal(profile.elevations.sms.skillId, null);
    assert.deepEqual(fields(issues), ['elevations.sms.skillId']);
  });

  test('only the elevations the matrix allows from chat exist', () => {
    assert.deepEqual(fields(validateProfile({ elevations: { voice: {}, workitem: {} } }).issues), ['elevations.voice', 'elevations.workitem']);
  });
});

describe('contrast', () => {
  test('pairs under 4.5:1 are reported in each palette, at the foreground colour', () => {
    const issues = contrastIssues(
      validateProfile({ theme: { light: { brand: '#ffff00', onBrand: '#ffffff' }, dark: { surface: '#000000', text: '#222222' } } }).profile,
    );
    assert.deepEqual(issues.map((i) => [i.field, i.code]), [['theme.light.onBrand', 'low_contrast'], ['theme.dark.text', 'low_contrast']]);
    assert.match(issues[0].message, /theme\.light\.onBrand on theme\.light\.brand has a contrast of 1\.07:1, under 4\.5:1/);
  });

  test('4.5:1 is enough: #767676 on white passes, #777777 does not', () => {
    assert.ok(contrastRatio('#767676', '#ffffff') >= MIN_CONTRAST);
    assert.deepEqual(validateProfile({ theme: { light: { text: '#767676' } } }).issues, []);
    assert.deepEqual(fields(validateProfile({ theme: { light: { text: '#777777' } } }).issues), ['theme.light.text']);
  });

  test('validateProfile reports contrast after the other issues, computed on the repaired profile', () => {
    const { issues } = validateProfile({ theme: { light: { brand: 'nope', onBrand: '#1a5fb4' } } });
    assert.deepEqual(issues.map((i) => [i.field, i.code]), [['theme.light.brand', 'invalid_value'], ['theme.light.onBrand', 'low_contrast']]);
  });

  test('allowLowContrast lets low contrast through blockingIssues, and nothing else', () => {
    const doc = { theme: { light: { text: '#ffffff' } }, sounds: 'loud' };
    const strict = validateProfile(doc);
    assert.deepEqual(fields(blockingIssues(strict.profile, strict.issues)), ['sounds', 'theme.light.text']);
    const allowed = validateProfile({ ...doc, allowLowContrast: true });
    assert.deepEqual(fields(allowed.issues), ['sounds', 'theme.light.text'], 'still reported, for the studio to warn');
    assert.deepEqual(fields(blockingIssues(allowed.profile, allowed.issues)), ['sounds']);
  });
});

describe('readProfile (the widget on load)', () => {
  test('keeps the good fields, defaults the bad ones and names them; low contrast is not a problem here', () => {
    const { profile, problems } = readProfile(with_((p) => ((p.theme.radius = 'big'), (p.texts.title = 42), (p.theme.light.text = '#fbfcfb'), (p.extra = 1))));
    assert.deepEqual(problems.sort(), ['extra', 'texts.title', 'theme.radius']);
    assert.equal(profile.theme.radius, DEFAULT_PROFILE.theme.radius);
    assert.equal(profile.texts.title, DEFAULT_PROFILE.texts.title);
    assert.equal(profile.theme.light.text, '#fbfcfb');
    assert.equal(profile.theme.panelWidth, GOOD.theme.panelWidth);
  });
});

describe('localizedTexts and fieldLabel', () => {
  test('a translation wins over the base text; regional tags and case use their language', () => {
    for (const locale of ['fr', 'fr-CA', 'FR-fr']) {
      assert.deepEqual(localizedTexts(GOOD, locale), { ...GOOD.texts, title: 'Assistance Acme', greeting: 'Bonjour' }, locale);
    }
  });

  test('texts missing or empty in the translation, and other locales, get the base texts', () => {
    const profile = validateProfile(with_((p) => (p.translations.fr.subtitle = ''))).profile;
    assert.equal(localizedTexts(profile, 'fr').subtitle, GOOD.texts.subtitle);
    for (const locale of ['en', 'de', '', 'constructor', '__proto__', 'toString']) assert.deepEqual(localizedTexts(GOOD, locale), GOOD.texts, locale);
  });

  test('a field label in the locale, else the base label', () => {
    const f: PreChatField = GOOD.preChat.fields[0];
    assert.equal(fieldLabel(f, 'fr-BE'), 'Votre nom');
    assert.equal(fieldLabel(f, 'en'), 'Your name');
    assert.equal(fieldLabel(f, 'constructor'), 'Your name');
  });
});

describe('profileChanges', () => {
  test('no change between equal profiles', () => {
    assert.deepEqual(profileChanges(GOOD, structuredClone(GOOD)), []);
  });

  test('lists each changed leaf with its old and new value', () => {
    const after = with_((p) => {
      p.theme.light.brand = '#000000';
      p.launcher.icon = 'help';
      p.translations.fr.title = 'Aide';
      p.translations.en = { subtitle: 'Quick' };
      p.preChat.fields = [];
      p.sounds = false;
    }) as ChatProfile;
    assert.deepEqual(profileChanges(GOOD, after), [
      { field: 'theme.light.brand', from: '#0b6b63', to: '#000000' },
      { field: 'launcher.icon', from: { url: 'https://cdn.example.com/icon.svg' }, to: 'help' },
      { field: 'translations.fr.title', from: 'Assistance Acme', to: 'Aide' },
      { field: 'translations.en.subtitle', from: null, to: 'Quick' },
      { field: 'preChat.fields', from: GOOD.preChat.fields, to: [] },
      { field: 'sounds', from: true, to: false },
    ]);
  });

  test('adding an empty translation is no change', () => {
    assert.deepEqual(profileChanges(DEFAULT_PROFILE, { ...DEFAULT_PROFILE, translations: { fr: {} } }), []);
  });
});

describe('version 1 documents', () => {
  const v1 = {
    version: 1,
    title: 'Acme Support',
    subtitle: 'Fast answers',
    greeting: 'Hi there',
    brandColor: '#FFD400',
    locale: 'fr',
    texts: { fr: { title: 'Assistance Acme', greeting: 'Bonjour' }, en: { subtitle: 'Quick answers' } },
  };

  test('are upgraded: title, subtitle, greeting, brand colour, locale and per-locale texts', () => {
    const { profile, issues } = validateProfile(v1);
    assert.deepEqual(issues, []);
    assert.equal(profile.version, 2);
    assert.deepEqual(profile.texts, { ...DEFAULT_PROFILE.texts, title: 'Acme Support', subtitle: 'Fast answers', greeting: 'Hi there' });
    assert.equal(profile.theme.mode, 'light');
    assert.deepEqual(profile.theme.light, { ...DEFAULT_PROFILE.theme.light, brand: '#ffd400', onBrand: '#111111' });
    assert.equal(profile.defaultLocale, 'fr');
    assert.deepEqual(profile.translations, { fr: { title: 'Assistance Acme', greeting: 'Bonjour' }, en: { subtitle: 'Quick answers' } });
    assert.deepEqual(localizedTexts(profile, 'fr').title, 'Assistance Acme');
  });

  test('without a version field, a brandColor marks a version 1 document', () => {
    const { version: _v, ...unversioned } = v1;
    assert.deepEqual(validateProfile(unversioned), validateProfile(v1));
  });

  test('the text on the brand colour reads at AA, whatever the brand', () => {
    for (const brand of ['#000000', '#ffffff', '#777777', '#767676', '#e91e63', '#00bcd4', '#8bc34a', '#ff9800']) {
      const { profile, issues } = validateProfile({ version: 1, brandColor: brand });
      assert.ok(contrastRatio(profile.theme.light.onBrand, brand) >= MIN_CONTRAST, brand);
      assert.deepEqual(issues, [], brand);
    }
  });

  test('bad version 1 values are reported at their version 2 field', () => {
    const { profile, issues } = validateProfile({ version: 1, title: 'x'.repeat(61), brandColor: 'red;}', texts: { fr: { greeting: 42 } } });
    assert.equal(profile.theme.light.brand, DEFAULT_PROFILE.theme.light.brand);
    assert.deepEqual(fields(issues), ['texts.title', 'translations.fr.greeting']);
  });
});
