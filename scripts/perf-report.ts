/**
 * `npm run bench:report`: rewrites the generated blocks of docs/performance.md (between
 * `<!-- generated:NAME:start -->` and `<!-- generated:NAME:end -->`) and the charts
 * docs/images/perf-*.svg from the benchmarks' JSON results, so that no figure in the document is
 * typed by hand. The prose around the blocks is kept as it is.
 *
 * Each input is optional: when its file is missing, its block is left as it is and a line on
 * stderr says so. A file that exists but cannot be read as results stops the report before
 * anything is written. The same files always give byte-identical output.
 *
 * Usage:
 *   npm run bench:report
 *   npm run bench:report -- --widget /tmp/widget.json     # another file for one input
 * Options: --widget, --sizes, --server, --flood, --flood-no-limits (a results file each),
 * --doc (the document), --images (the chart folder).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { replaceBlock } from '../bench/report/markdown.js';
import { renderFlood, renderServer, renderSizes, renderWidget, type Section } from '../bench/report/sections.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const DOC = option('--doc', 'docs/performance.md');
const IMAGES = option('--images', 'docs/images');

/** Each block of the document: the results it is made from and the command that writes them. */
const INPUTS: { block: string; file: string; command: string; render: (results: never, source: string) => Section }[] = [
  { block: 'widget', file: option('--widget', 'bench/results/widget.json'), command: 'npm run bench:widget', render: renderWidget },
  { block: 'sizes', file: option('--sizes', 'dist/sizes.json'), command: 'npm run build', render: renderSizes },
  { block: 'server', file: option('--server', 'bench/results/server.json'), command: 'npm run bench:server', render: renderServer },
  { block: 'flood', file: option('--flood', 'bench/results/flood.json'), command: 'npm run bench:flood', render: renderFlood },
  { block: 'flood-no-limits', file: option('--flood-no-limits', 'bench/results/flood-no-limits.json'), command: 'npm run bench:flood -- --no-limits', render: renderFlood },
];

/** How a block names its source: relative to the repository when the file is in it. */
const sourceName = (file: string) => (relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file));

function main(): number {
  if (!existsSync(DOC)) {
    process.stderr.write(`${DOC} not found: run from the repository's root\n`);
    return 1;
  }
  let doc = readFileSync(DOC, 'utf8');
  const before = doc;
  const charts: Record<string, string> = {};
  for (const input of INPUTS) {
    if (!existsSync(input.file)) {
      process.stderr.write(`${input.block}: ${input.file} not found (${input.command} writes it); its section is left as it is\n`);
      continue;
    }
    let section: Section;
    try {
      section = input.render(JSON.parse(readFileSync(input.file, 'utf8')) as never, sourceName(input.file));
      doc = replaceBlock(doc, input.block, section.markdown);
    } catch (err) {
      process.stderr.write(`${input.block}: ${input.file} could not be rendered: ${err instanceof Error ? err.message : String(err)}\nNothing was written.\n`);
      return 1;
    }
    Object.assign(charts, section.charts);
    process.stderr.write(`${input.block}: from ${input.file}${Object.keys(section.charts).length ? `, charts ${Object.keys(section.charts).join(', ')}` : ''}\n`);
  }
  mkdirSync(IMAGES, { recursive: true });
  for (const [name, svg] of Object.entries(charts)) writeFileSync(join(IMAGES, name), svg);
  if (doc !== before) writeFileSync(DOC, doc);
  process.stderr.write(`${DOC}: ${doc === before ? 'unchanged' : 'updated'}\n`);
  return 0;
}

process.exit(main());
