/**
 * Text pieces of the performance report: number and date formats, Markdown tables, the machine
 * line, and the generated blocks of docs/performance.md. Everything here is a pure function of its
 * arguments (no clock, no locale), so the same benchmark results always give the same bytes.
 */

/** The machine a benchmark ran on, as the benchmarks write it into their JSON (every field optional). */
export interface Machine {
  cpuModel?: string;
  cpus?: number;
  memoryGiB?: number;
  node?: string;
  chromium?: string;
  os?: string;
  loadAverageBefore?: number[];
}

/**
 * A number with `digits` decimals and a space between groups of three digits (1 000, 12 345.6), as
 * the rest of the documentation writes them. `toLocaleString` is avoided: its output depends on
 * the machine's locale. Missing or non-finite values give "—".
 */
export function formatNumber(value: number | undefined | null, digits = 0): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : whole;
  // -0.0 after rounding is written 0.0.
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '−' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** `a / b` written ×1.23 (×45.6, ×1 234 when larger), or "—" when either side is missing or b is 0. */
export function formatRatio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  const ratio = a / b;
  // Two significant decimals where they matter (×1.22); none on ×4 555, where they would be noise.
  return `×${formatNumber(ratio, Math.abs(ratio) < 10 ? 2 : Math.abs(ratio) < 100 ? 1 : 0)}`;
}

/** An ISO timestamp written `2026-11-21 21:32 UTC`; anything else is returned as it is. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return 'an unknown date';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** One sentence naming the machine: CPU, cores, memory, OS, Node, Chromium, load before the run. */
export function machineSentence(machine: Machine | undefined): string {
  if (!machine) return 'an unrecorded machine';
  const parts = [
    machine.cpuModel?.trim(),
    machine.cpus === undefined ? undefined : `${machine.cpus} CPU${machine.cpus === 1 ? '' : 's'}`,
    machine.memoryGiB === undefined ? undefined : `${machine.memoryGiB} GiB`,
    machine.os,
    machine.node === undefined ? undefined : `Node ${machine.node.replace(/^v/, '')}`,
    machine.chromium === undefined ? undefined : `Chromium ${machine.chromium}`,
    machine.loadAverageBefore === undefined ? undefined : `load average before the run ${machine.loadAverageBefore.map((l) => formatNumber(l, 2)).join(' / ')}`,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(', ') : 'an unrecorded machine';
}

/** The first line of every generated block: when, where and from which file the figures come. */
export function runHeader(source: string, started: string | undefined, machine: Machine | undefined): string {
  return `Run of ${formatDate(started)} on ${machineSentence(machine)} (\`${source}\`).`;
}

/** A cell's text, safe inside a Markdown table row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * A GitHub Markdown table. `align` gives each column's alignment ('l' or 'r'; left by default):
 * numbers are right-aligned so their digits line up.
 */
export function markdownTable(head: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${head.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

/** The markers around a generated block named `name` in docs/performance.md. */
export const blockMarkers = (name: string) => ({ start: `<!-- generated:${name}:start -->`, end: `<!-- generated:${name}:end -->` });

/**
 * `doc` with the block `name` holding `content` instead of what it held; everything outside the
 * markers is kept byte for byte. Throws when the markers are missing or out of order, so that a
 * section cannot silently stop being updated.
 */
export function replaceBlock(doc: string, name: string, content: string): string {
  const { start, end } = blockMarkers(name);
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`docs/performance.md has no ${start} … ${end} block`);
  if (doc.indexOf(start, from + 1) !== -1) throw new Error(`docs/performance.md has ${start} twice`);
  return `${doc.slice(0, from + start.length)}\n${content.trim()}\n${doc.slice(to)}`;
}
