/**
 * The build's size check (scripts/size-check.ts) adds up what a browser fetches: these check the
 * walk over the widget build's manifest, on a small hand-made one, and the walk over the static
 * imports of the other bundles, on hand-made modules.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distFiles, staticClosure } from '../scripts/size-check.js';

const manifest = {
  'src/widget/chat.ts': { file: 'chat-1.js', isEntry: true, imports: ['_lit.js'], dynamicImports: ['src/core/chat-session.ts', 'src/elements/form.ts'] },
  '_lit.js': { file: 'lit-2.js' },
  'src/core/chat-session.ts': { file: 'session-3.js', imports: ['_lit.js', '_io.js'] },
  '_io.js': { file: 'io-4.js' },
  'src/elements/form.ts': { file: 'form-5.js', imports: ['_lit.js'] },
};

test('static imports are always followed, each file counted once', () => {
  assert.deepEqual(distFiles(manifest, ['src/widget/chat.ts'], () => false), ['dist/parley/chat-1.js', 'dist/parley/lit-2.js']);
});

test('dynamic imports are followed only where asked, with what they import', () => {
  const transport = distFiles(manifest, ['src/widget/chat.ts'], (key) => key === 'src/core/chat-session.ts');
  assert.deepEqual(transport, ['dist/parley/chat-1.js', 'dist/parley/lit-2.js', 'dist/parley/session-3.js', 'dist/parley/io-4.js']);
  assert.equal(distFiles(manifest, ['src/widget/chat.ts'], () => true).length, 5);
});

test('the other bundles: static imports of the built files, minified or not, each once; import() left out', () => {
  const files: Record<string, string> = {
    'dist/studio.js': 'import { t as e } from "./runtime-1.js";\nimport{a as t,b as n}from"./forms-2.js";\nimport "./side-3.js";\nconst lazy = () => import("./lazy-4.js");',
    'dist/runtime-1.js': 'export const t = 1;',
    'dist/forms-2.js': 'import{t}from"./runtime-1.js";export{t as a,t as b};',
    'dist/side-3.js': 'import * as all from "./esm/nested-5.js";',
    'dist/esm/nested-5.js': 'export {};',
    'dist/lazy-4.js': 'export {};',
  };
  assert.deepEqual(staticClosure('dist/studio.js', (file) => files[file]), ['dist/studio.js', 'dist/runtime-1.js', 'dist/forms-2.js', 'dist/side-3.js', 'dist/esm/nested-5.js']);
});
