import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { build, type Plugin } from 'vite';
import { plainDynamicImports } from './plain-dynamic-imports.js';

/** An app with one dynamic import, built as the widget is (ES modules, module preloading off). */
const dir = mkdtempSync(join(tmpdir(), 'parley-dynamic-imports-'));
writeFileSync(join(dir, 'entry.js'), "export const load = () => import('./lazy.js');\n");
writeFileSync(join(dir, 'lazy.js'), "export const answer = 42;\n");
after(() => rmSync(dir, { recursive: true, force: true }));

/** Builds the app into `out` with `plugins`, and returns the entry chunk's code. */
async function builtEntry(out: string, plugins: Plugin[]): Promise<string> {
  await build({
    configFile: false,
    root: dir,
    logLevel: 'silent',
    plugins,
    build: {
      outDir: join(dir, out),
      minify: false,
      modulePreload: false,
      rollupOptions: { input: { entry: join(dir, 'entry.js') }, preserveEntrySignatures: 'strict', output: { format: 'es', entryFileNames: '[name].js' } },
    },
  });
  return readFileSync(join(dir, out, 'entry.js'), 'utf8');
}

describe('plainDynamicImports', () => {
  it('leaves the preload helper out, and the dynamic import still loads its chunk', async () => {
    const published = await builtEntry('published', []);
    const ours = await builtEntry('ours', [plainDynamicImports()]);
    // Without the plugin the helper is there, with module preloading off: the check below can fail.
    assert.match(published, /vite:preloadError/);
    assert.doesNotMatch(ours, /vite:preloadError|modulepreload|createElement/);
    assert.ok(ours.length < published.length - 500, `ours ${ours.length} B, published ${published.length} B`);
    // The built app still loads its lazy chunk.
    const entry = (await import(pathToFileURL(join(dir, 'ours', 'entry.js')).href)) as { load(): Promise<{ answer: number }> };
    assert.equal((await entry.load()).answer, 42);
  });
});
