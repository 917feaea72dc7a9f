/**
 * `node --import tsx scripts/theme-screenshots.ts`: writes docs/images/themes/<id>-light.png and
 * <id>-dark.png for every preset in themes/, rendered exactly as the preset screenshot test renders
 * them (test/visual/render-preset.ts): the real widget in preview mode, from the built embed
 * bundle served by a real test server. Run `npm run build` first; needs Chromium.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchBrowser } from '../test/helpers/browser.js';
import { startTestServer } from '../test/helpers/server.js';
import { SCHEMES, loadPresets, renderPresets } from '../test/visual/render-preset.js';

const out = new URL('../docs/images/themes/', import.meta.url);
mkdirSync(out, { recursive: true });

const server = await startTestServer();
const browser = await launchBrowser();
try {
  const presets = loadPresets();
  for (const scheme of SCHEMES) {
    const shots = await renderPresets(browser, server.url, scheme, presets);
    for (const [id, png] of shots) {
      writeFileSync(new URL(`${id}-${scheme}.png`, out), png);
      console.log(`wrote docs/images/themes/${id}-${scheme}.png`);
    }
  }
} finally {
  await browser.close();
  await server.dispose();
}
