/**
 * Renders a chat profile the way customers see it, for the preset screenshot test and for
 * scripts/theme-screenshots.ts: the real embed bundle (`/parley.js` from a real test server) in
 * Chromium, `<parley-chat preview>` with the panel open on its sample conversation, in a fixed
 * viewport, with the clock, time zone, language and motion pinned so that two runs on one machine
 * give the same pixels. Fonts are the machine's.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { ChatProfile } from '../../src/protocol/index.js';

export type Scheme = 'light' | 'dark';
export const SCHEMES: readonly Scheme[] = ['light', 'dark'];

/** Wide enough for the floating panel (the preview goes full screen at 480 px and under). */
export const VIEWPORT = { width: 720, height: 820 };
/** The sample conversation's times are relative to now: freeze now. */
const FIXED_NOW = new Date('2025-06-02T09:30:00Z');
/** Page background behind the widget, per scheme, so the panel's edge and shadow show. */
const BACKDROP: Record<Scheme, string> = { light: '#e8eaed', dark: '#2b2d31' };

export interface Preset {
  id: string;
  name: string;
  description: string;
  profile: ChatProfile;
}

/** Every preset in themes/, by file name. */
export function loadPresets(): Preset[] {
  const dir = new URL('../../themes/', import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Preset);
}

/** A page with the embed bundle loaded and an empty stage filling the viewport. */
export async function openStage(browser: Browser, serverUrl: string, scheme: Scheme): Promise<Page> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: scheme,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(FIXED_NOW);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.setContent(
    `<!doctype html><html lang="en"><head><meta charset="utf-8">
     <style>html, body { margin: 0; height: 100%; background: ${BACKDROP[scheme]}; } #stage { position: fixed; inset: 0; }</style>
     <script src="${serverUrl}/parley.js"></script></head><body><div id="stage"></div></body></html>`,
  );
  await page.waitForFunction(() => customElements.get('parley-chat') !== undefined, undefined, { timeout: 10_000 });
  if (errors.length) throw new Error(`the embed bundle failed to load: ${errors.join('; ')}`);
  return page;
}

/** Shows `profile` in the stage in `scheme` and returns a PNG of the viewport. */
export async function renderProfile(page: Page, profile: ChatProfile, scheme: Scheme): Promise<Buffer> {
  await page.evaluate(
    async ({ profile, scheme }) => {
      const stage = document.getElementById('stage')!;
      const el = document.createElement('parley-chat') as HTMLElement & { profile: unknown; updateComplete: Promise<unknown> };
      el.setAttribute('preview', '');
      el.setAttribute('color-scheme', scheme);
      el.profile = profile;
      stage.replaceChildren(el);
      await el.updateComplete;
      await document.fonts.ready;
      // Two frames: the first lays out, the second paints what the first measured.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    },
    { profile, scheme },
  );
  await page.getByRole('dialog').first().waitFor({ state: 'visible', timeout: 10_000 });
  // Nothing has focus, so no caret blinks and no focus ring depends on timing.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
}

/** Opens a stage for `scheme`, renders every preset in it, closes it. */
export async function renderPresets(browser: Browser, serverUrl: string, scheme: Scheme, presets = loadPresets()): Promise<Map<string, Buffer>> {
  const page = await openStage(browser, serverUrl, scheme);
  try {
    const shots = new Map<string, Buffer>();
    for (const preset of presets) shots.set(preset.id, await renderProfile(page, preset.profile, scheme));
    return shots;
  } finally {
    await page.context().close();
  }
}
