/**
 * What the benchmarks share when they report: the description of the machine a run was taken on,
 * a plain-text table, and the raw results file under bench/results/ (git-ignored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';

/** The machine a run was taken on, as written in every bench/results/*.json. */
export interface Machine {
  node: string;
  os: string;
  cpus: number;
  cpuModel: string | undefined;
  memoryGiB: number;
  /** 1, 5 and 15 minute load averages before the run: figures taken on a busy machine are noisy. */
  loadAverageBefore: number[];
}

/** Describes this machine; `loadAverageBefore` is read by the caller before its run starts. */
export function describeMachine(loadAverageBefore: number[]): Machine {
  return {
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageBefore,
  };
}

/** Rows under a header, the first column left-aligned and the others right-aligned. */
export function formatTable(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)];
}

/** Writes the raw results as indented JSON, creating the directory if needed. */
export function writeResults(file: string, results: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** Nearest-rank percentile of ascending `sorted` values (p in 0–100); `undefined` when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
