/**
 * The size check of the browser bundles, run at the end of `npm run build` (so in CI): prints
 * every budget line, writes them to dist/sizes.json (docs/performance.md is generated from it),
 * and exits 1 when a line is over its limit, which fails the build.
 *
 * Sizes are gzip level 9, in bytes, summed over the files of a line (each file is fetched on its
 * own). The lines follow what a visitor's browser fetches, read from the widget build's manifest:
 * - loader: dist/parley.js, what every page with the script tag loads;
 * - chat, first open: the loader, the chat's code and what it imports, and the transport it
 *   imports when it connects (socket.io and the session), not its forms;
 * - chat, everything: all the chat can ever load, its forms included (work-item form for "leave a
 *   message" too);
 * - work-item form alone: the form's code and what it imports, without the loader;
 * - each other bundle (console, studio, admin, npm build) with the chunks it imports statically,
 *   for the record.
 *
 * `target` is the budget the widget aims at; `limit` is what fails the build today: the target
 * where it is met, else the size reached, so that no change can make a line bigger unnoticed.
 * When a line meets its target, its limit becomes the target.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { closure, type Manifest } from './chunks.js';

const KB = 1024;

export interface SizeLine {
  name: string;
  files: string[];
  raw: number;
  gzip: number;
  /** The budget aimed at (gzip bytes), or null when the line is only recorded. */
  budgetGzip: number | null;
  /** What fails the build (gzip bytes), or null. */
  limitGzip: number | null;
  /** Whether the line meets its budget. */
  ok: boolean;
  /** Whether the line is within its limit (else the build fails). */
  withinLimit: boolean;
}

/** Files (as paths from the project root) reached from `roots`: see {@link closure}. */
export function distFiles(manifest: Manifest, roots: string[], dynamic: (key: string) => boolean): string[] {
  return closure(manifest, roots, dynamic).map((file) => `dist/parley/${file}`);
}

/** A static `import … from "./x.js"` or `import "./x.js"` of a built ES module (not `import()`). */
const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/**
 * `entry` and the files it imports statically, recursively, each once (paths like `entry`'s):
 * what a page that loads `entry` fetches before it runs. For the bundles the build splits without
 * a manifest (console, studio, admin, npm), whose entries import shared chunks.
 */
export function staticClosure(entry: string, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): string[] {
  const files = [entry];
  for (let i = 0; i < files.length; i++) {
    for (const [, spec] of read(files[i]).matchAll(STATIC_IMPORT)) {
      const file = posix.join(posix.dirname(files[i]), spec);
      if (!files.includes(file)) files.push(file);
    }
  }
  return files;
}

/** The transport: what the chat imports once it connects. */
const TRANSPORT = /src\/core\/(chat-session|tab-link)\.ts$/;

function line(name: string, files: string[], budget: number | null, limit: number | null): SizeLine {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const ceiling = budget === null ? limit : limit === null ? budget : Math.max(budget, limit);
  return { name, files, raw, gzip, budgetGzip: budget, limitGzip: ceiling, ok: budget === null || gzip <= budget, withinLimit: ceiling === null || gzip <= ceiling };
}

/**
 * The limits of lines over their target: the size reached when this was last set, rounded up to
 * the next kB. Lower one (never raise it) when a change makes its line smaller.
 */
const REACHED = { chatFirstOpen: 68 * KB, chatEverything: 101 * KB, workItem: 32 * KB };

export function sizeLines(manifest: Manifest): SizeLine[] {
  const loader = 'dist/parley.js';
  const chat = 'src/widget/chat.ts';
  const workItem = 'src/widget/work-item.ts';
  return [
    line('loader', [loader], 10 * KB, null),
    line('chat, first open', [loader, ...distFiles(manifest, [chat], (key) => TRANSPORT.test(key))], 45 * KB, REACHED.chatFirstOpen),
    line('chat, everything', [loader, ...distFiles(manifest, [chat], () => true)], 45 * KB, REACHED.chatEverything),
    line('work-item form alone', distFiles(manifest, [workItem], () => false), 20 * KB, REACHED.workItem),
    ...['dist/console.js', 'dist/studio.js', 'dist/admin.js', 'dist/esm/index.js'].map((file) => line(file, staticClosure(file), null, null)),
  ];
}

function main(): void {
  const manifest = JSON.parse(readFileSync('dist/parley/.vite/manifest.json', 'utf8')) as Manifest;
  const lines = sizeLines(manifest);
  writeFileSync('dist/sizes.json', `${JSON.stringify({ entries: lines }, null, 2)}\n`);
  const kb = (n: number) => `${(n / KB).toFixed(1)} kB`;
  console.log('\nBundle sizes (gzip level 9; target / limit that fails the build):');
  for (const l of lines) {
    const budget = l.budgetGzip === null ? '' : `target ${kb(l.budgetGzip)}${l.gzip <= l.budgetGzip ? ' met' : ' MISSED'}`;
    const limit = l.limitGzip !== null && l.limitGzip !== l.budgetGzip ? `, limit ${kb(l.limitGzip)}` : '';
    console.log(`  ${l.name.padEnd(22)} ${kb(l.raw).padStart(9)} raw  ${kb(l.gzip).padStart(8)} gzip  ${String(l.files.length).padStart(2)} file(s)  ${budget}${limit}${l.withinLimit ? '' : '  OVER THE LIMIT'}`);
  }
  const over = lines.filter((l) => !l.withinLimit);
  if (over.length) {
    console.error(`\nSize check failed: ${over.map((l) => l.name).join(', ')} over the limit (scripts/size-check.ts).`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
