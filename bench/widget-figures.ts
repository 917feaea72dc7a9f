/**
 * The arithmetic of the widget benchmark (bench/widget.ts), apart so that it can be tested
 * without a browser: the summary of a metric over runs, and the script bytes loaded by a moment.
 */
import type { ScriptLoad } from './widget-page.js';

/** One metric over every run, as written in bench/results/widget.json. */
export interface Summary {
  unit: string;
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order. */
  runs: number[];
}

export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Median (the mean of the middle two for an even count), min, max and the runs themselves. */
export function summarize(unit: string, runs: number[]): Summary {
  if (runs.length === 0) throw new Error('no run to summarize');
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { unit, median, min: sorted[0], max: sorted[sorted.length - 1], runs };
}

/**
 * Bytes of the scripts whose response had ended by `until` (page time, ms, as Resource Timing's
 * `responseEnd` in `timing`): as sent and gzipped. A script the page has no timing for is not
 * counted: it was not loaded by that page.
 */
export function scriptsBy(loads: ScriptLoad[], timing: { url: string; responseEnd: number }[], until: number): { bytes: number; gzip: number } {
  const ended = new Set(timing.filter((t) => t.responseEnd <= until).map((t) => t.url));
  const counted = loads.filter((l) => ended.has(l.url));
  return { bytes: sum(counted.map((l) => l.encodedBodyBytes)), gzip: sum(counted.map((l) => l.gzipBytes)) };
}
