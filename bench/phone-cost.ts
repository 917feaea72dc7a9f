/**
 * Phone-check bundle cost: what checking a phone number in the browser adds to the widget, in
 * bytes a visitor downloads. Each candidate is a small entry point that a form would need (check
 * a typed number against a chosen country), bundled for the browser with esbuild the way the
 * widget is built (ESM, minified, target es2021, tree-shaken, no legal comments), then gzipped at
 * level 9 (what scripts/build.mjs reports for the widget bundles).
 *
 *   min     libphonenumber-js/min     parsePhoneNumberWithError(text, country).isValid()
 *   mobile  libphonenumber-js/mobile  the same, with the metadata that tells mobiles apart
 *   max     libphonenumber-js/max     the same, with the complete metadata (what the server uses)
 *   own     src/core/elevation.ts     checkPhoneInput + COUNTRY_CALLING_CODES (the
 *                                     plausibility check and calling-code table the widget ships)
 *
 * "metadata" is the part of the minified output that comes from libphonenumber-js's metadata JSON
 * (esbuild's metafile), or from the generated calling-code table for "own". Sizes are exact and do
 * not depend on the machine; they change with the library version and esbuild's minifier, both
 * printed above the table.
 *
 * Reproduce:
 *   npm run bench:phone
 *   npm run bench:phone -- --json
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: tsx bench/phone-cost.ts [--json]');
  process.exit(0);
}

const root = new URL('..', import.meta.url).pathname;

/** An entry point checking a number with one of libphonenumber-js's metadata sets. */
const library = (subpath: string) => `
import { parsePhoneNumberWithError } from 'libphonenumber-js/${subpath}';
export function check(text, country) {
  try {
    return parsePhoneNumberWithError(text, country).isValid();
  } catch {
    return false;
  }
}
`;

const candidates: { name: string; what: string; source: string; metadata: RegExp }[] = [
  { name: 'min', what: 'libphonenumber-js/min', source: library('min'), metadata: /metadata\.[a-z]+\.json/ },
  { name: 'mobile', what: 'libphonenumber-js/mobile', source: library('mobile'), metadata: /metadata\.[a-z]+\.json/ },
  { name: 'max', what: 'libphonenumber-js/max', source: library('max'), metadata: /metadata\.[a-z]+\.json/ },
  {
    name: 'own',
    what: 'checkPhoneInput + table',
    source: `
import { COUNTRY_CALLING_CODES, checkPhoneInput } from './src/core/elevation.ts';
export function check(text, country) {
  return checkPhoneInput(text, country);
}
export const countries = COUNTRY_CALLING_CODES;
`,
    metadata: /calling-codes\.ts$/,
  },
];

interface Row {
  name: string;
  what: string;
  minified: number;
  gzip: number;
  metadata: number;
}

async function measure(candidate: (typeof candidates)[number]): Promise<Row> {
  const result = await build({
    stdin: { contents: candidate.source, resolveDir: root, sourcefile: `${candidate.name}-entry.js`, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2021',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const metadata = Object.entries(inputs)
    .filter(([path]) => candidate.metadata.test(path))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  // A check that were tree-shaken away would measure nothing.
  const text = new TextDecoder().decode(output);
  if (!/export\s*\{/.test(text)) throw new Error(`${candidate.name}: the entry exports nothing`);
  return { name: candidate.name, what: candidate.what, minified: output.length, gzip: gzipSync(output, { level: 9 }).length, metadata };
}

const rows: Row[] = [];
for (const candidate of candidates) rows.push(await measure(candidate));

const require = createRequire(import.meta.url);
const libraryVersion = (JSON.parse(readFileSync(require.resolve('libphonenumber-js/package.json'), 'utf8')) as { version: string }).version;

if (args.json) {
  console.log(JSON.stringify({ libphonenumber: libraryVersion, esbuild: esbuildVersion, node: process.version, rows }, null, 2));
} else {
  const own = rows.find((r) => r.name === 'own')!;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`Phone check in the browser: libphonenumber-js ${libraryVersion}, esbuild ${esbuildVersion} (ESM, minified, es2021), gzip -9`);
  console.log('');
  const header = ['entry', 'what', 'minified', 'of which metadata', 'gzip -9', 'gzip bytes', '× own'];
  const lines = rows.map((r) => [r.name, r.what, kb(r.minified), kb(r.metadata), kb(r.gzip), String(r.gzip), `${(r.gzip / own.gzip).toFixed(1)}×`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(format(l));
}
