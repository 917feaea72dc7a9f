/**
 * The theme presets in themes/: every file is a complete, valid chat profile with an id, a name
 * and a description; colours pass AA (AAA for high-contrast) in both palettes.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { ChatProfile } from '../protocol/index.js';
import { contrastRatio } from './contrast.js';
import { DEFAULT_PROFILE, MIN_CONTRAST, validateProfile } from './profile.js';

interface PresetFile {
  id: string;
  name: string;
  description: string;
  profile: ChatProfile;
}

const dir = new URL('../../themes/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const presets = files.map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as PresetFile) }));
const byId = (id: string) => presets.find((p) => p.id === id)!;

/** The text/background pairs of both palettes, with their contrast ratio. */
const pairs = (p: ChatProfile) =>
  (['light', 'dark'] as const).flatMap((mode) => {
    const c = p.theme[mode];
    return [
      { pair: `${mode} onBrand/brand`, ratio: contrastRatio(c.onBrand, c.brand) },
      { pair: `${mode} text/surface`, ratio: contrastRatio(c.text, c.surface) },
    ];
  });

describe('theme presets', () => {
  test('at least the five documented presets are there', () => {
    for (const id of ['default', 'dark', 'high-contrast', 'compact', 'rounded']) assert.ok(byId(id), id);
  });

  test('each file has only id, name, description and profile; the id is the file name and unique', () => {
    for (const p of presets) {
      assert.deepEqual(Object.keys(p).filter((k) => k !== 'file').sort(), ['description', 'id', 'name', 'profile'], p.file);
      assert.equal(`${p.id}.json`, p.file);
      assert.match(p.id, /^[a-z0-9-]+$/);
      assert.ok(p.name.trim().length > 0 && p.description.trim().length > 0, p.file);
    }
    assert.equal(new Set(presets.map((p) => p.id)).size, presets.length);
    assert.equal(new Set(presets.map((p) => p.name)).size, presets.length);
  });

  test('each profile validates with zero issues and is complete (every field written out)', () => {
    for (const p of presets) {
      const { profile, issues } = validateProfile(p.profile);
      assert.deepEqual(issues, [], p.file);
      assert.deepEqual(profile, p.profile, `${p.file} is not complete or not normalised`);
      assert.equal(p.profile.allowLowContrast, false, `${p.file} must not need the low-contrast override`);
    }
  });

  test('every text/background pair reaches AA (4.5:1) in both palettes', () => {
    for (const p of presets) for (const { pair, ratio } of pairs(p.profile)) assert.ok(ratio >= MIN_CONTRAST, `${p.id} ${pair}: ${ratio.toFixed(2)}`);
  });

  test('high-contrast reaches AAA (7:1) for every pair, and its brand stands out from the surface', () => {
    const hc = byId('high-contrast').profile;
    for (const { pair, ratio } of pairs(hc)) assert.ok(ratio >= 7, `${pair}: ${ratio.toFixed(2)}`);
    for (const mode of ['light', 'dark'] as const) assert.ok(contrastRatio(hc.theme[mode].brand, hc.theme[mode].surface) >= 7, mode);
  });

  test('each preset keeps its promise', () => {
    assert.deepEqual(byId('default').profile, DEFAULT_PROFILE);
    assert.equal(byId('dark').profile.theme.mode, 'dark');
    const compact = byId('compact').profile.theme;
    assert.equal(compact.density, 'compact');
    assert.ok(compact.panelWidth < DEFAULT_PROFILE.theme.panelWidth && compact.panelHeight < DEFAULT_PROFILE.theme.panelHeight);
    assert.ok(compact.radius < DEFAULT_PROFILE.theme.radius);
    const rounded = byId('rounded').profile;
    assert.ok(rounded.theme.radius >= 24);
    assert.equal(rounded.theme.font, 'rounded');
    assert.notEqual(rounded.launcher.shape, 'square');
  });

  test('presets differ from each other in look', () => {
    const looks = presets.map((p) => JSON.stringify([p.profile.theme, p.profile.launcher]));
    assert.equal(new Set(looks).size, presets.length);
  });
});
