/** How long a browser without `requestIdleCallback` (Safari) waits instead. */
const IDLE_FALLBACK_MS = 300;

/** Runs `work` when the browser is next idle (at the latest after 2 s), for prefetching. */
export function whenIdle(work: () => void): void {
  if (typeof globalThis.requestIdleCallback === 'function') globalThis.requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, IDLE_FALLBACK_MS);
}

/**
 * Resolves in a task of its own, after the browser has had a turn (input, rendering): what comes
 * after it no longer adds to the task before, which keeps each of them short. A timeout of 0,
 * which browsers run promptly for a page in view.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
