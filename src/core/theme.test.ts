/**
 * Profile → `--parley-*` tokens → CSS: every value comes from a parsed field, the palette follows
 * the mode, and a bad field yields its default token, never its text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatProfile } from '../protocol/index.js';
import { contrastRatio } from './contrast.js';
import { DEFAULT_PROFILE } from './profile.js';
import { FONT_STACKS, profileToTokens, tokensToCss } from './theme.js';

const profile = (edit: (p: ChatProfile) => void): ChatProfile => {
  const p = structuredClone(DEFAULT_PROFILE);
  edit(p);
  return p;
};

/** Tokens derived from each palette rather than copied from it. */
const DERIVED = ['--parley-color-surface-alt', '--parley-color-muted', '--parley-color-border', '--parley-color-error', '--parley-color-scheme'];

describe('profileToTokens', () => {
  test('the default profile gives the documented tokens', () => {
    const tokens = profileToTokens(DEFAULT_PROFILE);
    const primary = (set: Record<string, string>) =>
      Object.fromEntries(Object.entries(set).filter(([k]) => !DERIVED.includes(k)));
    assert.deepEqual({ ...tokens, light: primary(tokens.light), dark: primary(tokens.dark) }, {
      mode: 'auto',
      common: {
        '--parley-font-family': FONT_STACKS.system,
        '--parley-radius': '12px',
        '--parley-spacing': '8px',
        '--parley-panel-width': '380px',
        '--parley-panel-height': '600px',
        '--parley-z-index': '2147483000',
        '--parley-launcher-offset-x': '20px',
        '--parley-launcher-offset-y': '20px',
      },
      light: {
        '--parley-color-brand': '#1a5fb4',
        '--parley-color-on-brand': '#ffffff',
        '--parley-color-surface': '#ffffff',
        '--parley-color-text': '#1f2328',
        '--parley-color-focus': '#1a5fb4',
      },
      dark: {
        '--parley-color-brand': '#62a0ea',
        '--parley-color-on-brand': '#0b1a2c',
        '--parley-color-surface': '#1e1f22',
        '--parley-color-text': '#e8eaed',
        '--parley-color-focus': '#62a0ea',
      },
    });
  });

  test('sizes are whole pixels from the profile', () => {
    const t = profileToTokens(profile((p) => Object.assign(p.theme, { radius: 0, panelWidth: 600, panelHeight: 400, zIndex: 0 }))).common;
    assert.equal(t['--parley-radius'], '0px');
    assert.equal(t['--parley-panel-width'], '600px');
    assert.equal(t['--parley-panel-height'], '400px');
    assert.equal(t['--parley-z-index'], '0');
  });

  test('density sets the spacing unit', () => {
    const spacing = (density: ChatProfile['theme']['density']) => profileToTokens(profile((p) => (p.theme.density = density))).common['--parley-spacing'];
    assert.deepEqual([spacing('compact'), spacing('comfortable'), spacing('spacious')], ['6px', '8px', '11px']);
  });

  test('each font choice maps to its fixed stack', () => {
    for (const [font, stack] of Object.entries(FONT_STACKS)) {
      assert.equal(profileToTokens(profile((p) => (p.theme.font = font as ChatProfile['theme']['font']))).common['--parley-font-family'], stack);
    }
  });

  test('the focus colour is the brand when it shows on the surface (3:1), else the text colour', () => {
    const pale = profileToTokens(profile((p) => (p.theme.light = { brand: '#ffd400', onBrand: '#111111', surface: '#ffffff', text: '#1f2328' })));
    assert.equal(pale.light['--parley-color-focus'], '#1f2328');
    for (const palette of [pale.light, pale.dark, profileToTokens(DEFAULT_PROFILE).light]) {
      assert.ok(contrastRatio(palette['--parley-color-focus'], palette['--parley-color-surface']) >= 3);
    }
  });

  test('validates its input: a bad field yields the default token, never its text', () => {
    const tokens = profileToTokens({ theme: { light: { brand: 'red;}:host{display:none' }, radius: '12px; color: red', font: 'x, url(https://e.example)' } });
    assert.equal(tokens.light['--parley-color-brand'], '#1a5fb4');
    assert.equal(tokens.common['--parley-radius'], '12px');
    assert.equal(tokens.common['--parley-font-family'], FONT_STACKS.system);
    assert.deepEqual(profileToTokens('not a profile'), profileToTokens(DEFAULT_PROFILE));
  });

  test('texts, images and behaviour do not reach the tokens', () => {
    const busy = profile((p) => {
      p.texts.title = 'red;}</style>';
      p.header.logoUrl = 'https://cdn.example.com/logo.png';
      p.preChat.enabled = true;
      p.sounds = true;
    });
    assert.deepEqual(profileToTokens(busy), profileToTokens(DEFAULT_PROFILE));
  });
});

describe('tokensToCss', () => {
  test('light mode: one rule with the light palette', () => {
    const css = tokensToCss(profileToTokens(profile((p) => (p.theme.mode = 'light'))), ':host');
    assert.ok(css.startsWith(':host { --parley-font-family: '));
    assert.ok(css.includes('--parley-color-brand: #1a5fb4;'));
    assert.ok(!css.includes('#62a0ea'));
    assert.ok(!css.includes('@media'));
  });

  test('dark mode: one rule with the dark palette', () => {
    const css = tokensToCss(profileToTokens(profile((p) => (p.theme.mode = 'dark'))), ':host');
    assert.ok(css.includes('--parley-color-brand: #62a0ea;'));
    assert.ok(!css.includes('#1a5fb4'));
    assert.ok(!css.includes('@media'));
  });

  test('auto mode: light by default, dark under prefers-color-scheme: dark', () => {
    const css = tokensToCss(profileToTokens(DEFAULT_PROFILE), '.w');
    const [main, media] = css.split(' @media (prefers-color-scheme: dark) ');
    assert.ok(main.includes('--parley-color-brand: #1a5fb4;'));
    assert.ok(media.startsWith('{ .w { --parley-color-brand: #62a0ea; --parley-color-on-brand: #0b1a2c; --parley-color-surface: #1e1f22; --parley-color-text: #e8eaed; --parley-color-focus: #62a0ea; '), media);
    assert.ok(media.endsWith('} }'));
  });

  test('every declaration is a --parley- property with a value', () => {
    const css = tokensToCss(profileToTokens(DEFAULT_PROFILE), ':host');
    const declarations = css.replace(/^[^{]*\{|\}[^]*$/g, '').split(';').map((d) => d.trim()).filter(Boolean);
    assert.equal(declarations.length, 8 + 5 + DERIVED.length);
    for (const d of declarations) assert.match(d, /^--parley-[a-z-]+: \S/);
  });
});

describe('derived colours', () => {
  const texts = (set: Record<string, string>) => [
    ['muted', set['--parley-color-muted'], set['--parley-color-surface']],
    ['error', set['--parley-color-error'], set['--parley-color-surface']],
    ['text on agent bubbles', set['--parley-color-text'], set['--parley-color-surface-alt']],
  ];

  test('keep AA (4.5:1 text, 3:1 borders) on the default palettes', () => {
    const tokens = profileToTokens(DEFAULT_PROFILE);
    for (const set of [tokens.light, tokens.dark]) {
      for (const [name, fg, bg] of texts(set)) assert.ok(contrastRatio(fg, bg) >= 4.5, `${name}: ${fg} on ${bg}`);
      assert.ok(contrastRatio(set['--parley-color-border'], set['--parley-color-surface']) >= 3, 'border');
      assert.notEqual(set['--parley-color-muted'], set['--parley-color-text'], 'muted differs from text');
    }
  });

  test('keep AAA (7:1) when the palette itself reaches it', () => {
    const aaa = structuredClone(DEFAULT_PROFILE);
    aaa.theme.light = { brand: '#00205b', onBrand: '#ffffff', surface: '#ffffff', text: '#000000' };
    aaa.theme.dark = { brand: '#ffd54f', onBrand: '#000000', surface: '#000000', text: '#ffffff' };
    const tokens = profileToTokens(aaa);
    for (const set of [tokens.light, tokens.dark]) {
      for (const [name, fg, bg] of texts(set)) assert.ok(contrastRatio(fg, bg) >= 7, `${name}: ${fg} on ${bg}`);
    }
  });
});
