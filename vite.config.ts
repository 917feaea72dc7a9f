/**
 * Browser builds, one per mode (scripts/build.mjs runs them all, `widget` before `embed`):
 * - `widget`: dist/parley/*.js — the code the script tag loads on demand: `chat-[hash].js`,
 *   `work-item-[hash].js` and the chunks they share (Lit…), ES modules with content hashes, plus
 *   the build manifest (dist/parley/.vite/manifest.json) the `embed` build reads.
 * - `embed`: dist/parley.js — the script-tag loader, self-contained, runs as a classic or module
 *   script; the chunk names of the `widget` build are baked into it (`__PARLEY_CHUNKS__`).
 * - `console`: dist/console.js — the agent console page's bundle.
 * - `studio`: dist/studio.js — the chat-profile studio page's bundle.
 * - `admin`: dist/admin.js — the administration pages' bundle.
 * - `esm`: dist/esm/index.js — the npm build; dependencies stay external so apps dedupe them.
 */
import { readFileSync } from 'node:fs';
import { defineConfig, type UserConfig } from 'vite';
import { chunkTable } from './scripts/chunks.js';
import { cssLiterals } from './scripts/minify-css-literals.js';
import { plainDynamicImports } from './scripts/plain-dynamic-imports.js';
import { socketTransports } from './scripts/socket-transports.js';

const external = [/^lit(\/|$)/, /^@lit\//, 'dompurify', /^socket\.io-client/];

const targets: Record<string, UserConfig['build']> = {
  widget: {
    outDir: 'dist/parley',
    emptyOutDir: true,
    manifest: true,
    // The loader preloads what each entry imports itself: no helper of Vite's in the chunks.
    modulePreload: false,
    rollupOptions: {
      input: { chat: 'src/widget/chat.ts', 'work-item': 'src/widget/work-item.ts' },
      preserveEntrySignatures: 'allow-extension',
      output: { format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
  embed: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: 'src/embed.ts', formats: ['iife'], name: 'ParleyEmbed', fileName: () => 'parley.js' },
  },
  console: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: 'src/console.ts', formats: ['es'], fileName: () => 'console.js' },
  },
  studio: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: 'src/studio.ts', formats: ['es'], fileName: () => 'studio.js' },
  },
  admin: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: 'src/admin.ts', formats: ['es'], fileName: () => 'admin.js' },
  },
  esm: {
    outDir: 'dist/esm',
    emptyOutDir: true,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
    rollupOptions: { external },
  },
};

export default defineConfig(({ mode }) => {
  const build = targets[mode];
  if (!build) throw new Error(`vite.config.ts: unknown build mode "${mode}" (widget, embed, console, studio, admin or esm)`);
  return {
    publicDir: false,
    // Our CSS lives in template literals, which the minifier keeps as written; engine.io's
    // WebTransport client, which our server never offers, stays out; the widget's dynamic imports
    // stay plain `import()`s (no CSS files, no module preloading: Vite's helper would do nothing).
    plugins: [cssLiterals(), socketTransports(), ...(mode === 'widget' ? [plainDynamicImports()] : [])],
    // The loader learns the chunk names from the widget build that ran just before it.
    define: mode === 'embed' ? { __PARLEY_CHUNKS__: JSON.stringify(chunkTable(JSON.parse(readFileSync('dist/parley/.vite/manifest.json', 'utf8')))) } : {},
    logLevel: 'warn',
    esbuild: { legalComments: 'none' },
    build: { ...build, target: 'es2022', minify: true, sourcemap: false, copyPublicDir: false, reportCompressedSize: false },
  };
});
