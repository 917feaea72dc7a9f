/**
 * Retry delays: doubling from a first delay to a cap, with random jitter so that many clients
 * cut off at once do not all come back at once. Its own module, without a transport, so the
 * controllers that retry HTTP loads use it without pulling in socket.io-client.
 */

export interface BackoffOptions {
  /** First delay. Default 500 ms. */
  minMs?: number;
  /** Longest delay. Default 15 s. */
  maxMs?: number;
  /** Share of each delay drawn at random (±). Default 0.25. */
  jitter?: number;
}

/** Delay before reconnection attempt `attempt` (0 for the first): doubling, capped, jittered. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const min = options.minMs ?? 500;
  const max = options.maxMs ?? 15_000;
  const jitter = options.jitter ?? 0.25;
  const base = Math.min(max, min * 2 ** Math.min(attempt, 30));
  return Math.round(base * (1 - jitter + 2 * jitter * random()));
}
