/**
 * User Timing marks the widget leaves on the page (`performance.getEntriesByName('parley:…')`),
 * so that a website owner, and `npm run bench:widget`, can see what Parley costs their page:
 * - `parley:loader-start`: the script tag's code starts running;
 * - `parley:launcher-visible`: the themed launcher is rendered;
 * - `parley:panel-ready`: the panel has rendered after the visitor opened it;
 * - `parley:connected`: the chat connection is up for the first time.
 * Each is left at most once per page, by the first chat that gets there.
 */
export type ParleyMark = 'parley:loader-start' | 'parley:launcher-visible' | 'parley:panel-ready' | 'parley:connected';

/** Leaves the mark `name` unless the page has it already (or has no User Timing). */
export function markOnce(name: ParleyMark): void {
  const perf = globalThis.performance;
  if (typeof perf?.mark !== 'function' || perf.getEntriesByName(name, 'mark').length > 0) return;
  perf.mark(name);
}
