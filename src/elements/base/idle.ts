/** How long a browser without `requestIdleCallback` (Safari) waits instead. */
const IDLE_FALLBACK_MS = 300;

/** Runs `work` when the browser is next idle (at the latest after 2 s), for prefetching. */
export function whenIdle(work: () => void): void {
  if (typeof globalThis.requestIdleCallback === 'function') globalThis.requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, IDLE_FALLBACK_MS);
}
