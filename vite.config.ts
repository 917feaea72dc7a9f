/**
 * Browser builds, one per mode (scripts/build.mjs runs them all):
 * - `embed`: dist/parley.js — the script-tag bundle, self-contained, runs as a classic or module script.
 * - `console`: dist/console.js — the agent console page's bundle.
 * - `studio`: dist/studio.js — the chat-profile studio page's bundle.
 * - `admin`: dist/admin.js — the administration pages' bundle.
 * - `esm`: dist/esm/index.js — the npm build; dependencies stay external so apps dedupe them.
 */
import { defineConfig, type UserConfig } from 'vite';

const external = [/^lit(\/|$)/, /^@lit\//, 'dompurify', /^socket\.io-client/, /^@floating-ui\//];

const targets: Record<string, UserConfig['build']> = {
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
  if (!build) throw new Error(`vite.config.ts: unknown build mode "${mode}" (embed, console, studio, admin or esm)`);
  return {
    publicDir: false,
    logLevel: 'warn',
    esbuild: { legalComments: 'none' },
    build: { ...build, target: 'es2021', minify: true, sourcemap: false, copyPublicDir: false, reportCompressedSize: false },
  };
});
