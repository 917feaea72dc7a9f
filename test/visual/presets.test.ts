/**
 * Screenshot comparisons of every theme preset (themes/*.json), light and dark, in Chromium: the
 * real widget in preview mode from the built embed bundle (`npm run build` first), compared with
 * test/visual/baseline/<id>-<scheme>.png within a tolerance, so that a change of look is seen.
 *
 *   node scripts/node-test.mjs test/visual                     compare
 *   UPDATE_BASELINES=1 node scripts/node-test.mjs test/visual  rewrite every baseline
 *
 * A missing baseline fails on CI (`CI` set); elsewhere it is written and the test says so. On a
 * mismatch the actual image and a diff are written to the system temp folder (path in the error).
 * Baselines depend on the machine's fonts: rewrite them, and review the images, when the machine
 * that runs the tests changes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pixelmatch from 'pixelmatch';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { SCHEMES, loadPresets, openStage, renderProfile, type Scheme } from './render-preset.js';

/** Per-pixel colour distance under which two pixels count as equal (pixelmatch's YIQ scale, 0–1). */
const THRESHOLD = 0.1;
/** Largest share of differing pixels still accepted: anti-aliasing and font hinting, not a change of look. */
const MAX_DIFF_RATIO = 0.01;

const BASELINES = new URL('./baseline/', import.meta.url);
const OUTPUT = join(tmpdir(), 'parley-visual');
const update = process.env.UPDATE_BASELINES === '1';
const presets = loadPresets();

interface Comparison {
  differing: number;
  ratio: number;
  diff: PNG;
}

/** Pixels that differ between two PNGs of the same size. */
function compare(a: Buffer, b: Buffer): Comparison {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  assert.deepEqual([y.width, y.height], [x.width, x.height], 'the screenshot size changed');
  const diff = new PNG({ width: x.width, height: x.height });
  const differing = pixelmatch(x.data, y.data, diff.data, x.width, x.height, { threshold: THRESHOLD });
  return { differing, ratio: differing / (x.width * x.height), diff };
}

describe('preset screenshots (Chromium, preview mode)', () => {
  let server: TestServer;
  let browser: Browser;
  const pages = new Map<Scheme, Page>();
  const shots = new Map<string, Buffer>();

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    for (const scheme of SCHEMES) pages.set(scheme, await openStage(browser, server.url, scheme));
  });

  after(async () => {
    await browser?.close();
    await server?.dispose();
  });

  for (const scheme of SCHEMES) {
    for (const preset of presets) {
      const name = `${preset.id}-${scheme}`;
      test(`${preset.id} (${scheme}) looks like its baseline`, async (t) => {
        const actual = await renderProfile(pages.get(scheme)!, preset.profile, scheme);
        shots.set(name, actual);
        const baseline = new URL(`${name}.png`, BASELINES);
        if (update || !existsSync(baseline)) {
          assert.ok(update || !process.env.CI, `no baseline ${name}.png: run UPDATE_BASELINES=1 node scripts/node-test.mjs test/visual and commit it`);
          mkdirSync(BASELINES, { recursive: true });
          writeFileSync(baseline, actual);
          t.diagnostic(`wrote baseline test/visual/baseline/${name}.png`);
          console.log(`wrote baseline test/visual/baseline/${name}.png — review it before committing`);
          return;
        }
        const { differing, ratio, diff } = compare(readFileSync(baseline), actual);
        if (ratio > MAX_DIFF_RATIO) {
          mkdirSync(OUTPUT, { recursive: true });
          writeFileSync(join(OUTPUT, `${name}.actual.png`), actual);
          writeFileSync(join(OUTPUT, `${name}.diff.png`), PNG.sync.write(diff));
          assert.fail(
            `${name}: ${differing} pixels (${(ratio * 100).toFixed(2)} %) differ from the baseline, over ${MAX_DIFF_RATIO * 100} %. ` +
              `See ${join(OUTPUT, `${name}.actual.png`)} and ${name}.diff.png; if the change is meant, run UPDATE_BASELINES=1.`,
          );
        }
      });
    }
  }

  test('a change of look is over the tolerance: every two presets differ by more than it', () => {
    for (const scheme of SCHEMES) {
      const ids = presets.map((p) => `${p.id}-${scheme}`).filter((n) => shots.has(n));
      assert.equal(ids.length, presets.length, 'every preset was rendered');
      for (const [i, a] of ids.entries()) {
        for (const b of ids.slice(i + 1)) {
          const { ratio } = compare(shots.get(a)!, shots.get(b)!);
          assert.ok(ratio > MAX_DIFF_RATIO, `${a} and ${b} differ by only ${(ratio * 100).toFixed(2)} %`);
        }
      }
    }
  });

  test('rendering is stable: the same preset twice gives the same pixels', async () => {
    const again = await renderProfile(pages.get('light')!, presets[0].profile, 'light');
    assert.equal(compare(shots.get(`${presets[0].id}-light`)!, again).differing, 0);
  });
});
