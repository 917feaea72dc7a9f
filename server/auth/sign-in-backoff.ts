/**
 * Backoff after failed sign-ins, so passwords cannot be guessed at speed. Failures are counted
 * per (username, client IP) and per client IP:
 * - after `freeFailures` failures of one username from one IP, each further attempt from there
 *   waits `baseDelayMs`, then twice as long, and so on up to `maxDelayMs`;
 * - an IP trying many usernames (password spraying) is slowed down the same way after
 *   `ipFreeFailures` failures in all.
 * There is deliberately no counter per username alone: an attacker could then lock a person out
 * from anywhere; here they only slow down their own IP, and the person still signs in from theirs.
 *
 * During a wait, sign-in is refused with `rate_limited` before the password is checked, so
 * guessing does not go on. A success clears the (username, IP) counter, not the IP's (else one
 * valid account of an attacker's would reset it between guesses): only its own attempt is taken
 * back there. A counter is forgotten once
 * `windowMs` pass after its wait without a new failure.
 *
 * The counters live in this server process's memory: a restart forgets them, and several server
 * processes behind a load balancer each count their own (docs/operations.md).
 */
import { ParleyError } from '../errors.js';

export interface SignInBackoffOptions {
  /** Failures of one username from one IP before waits begin. Default 5. */
  freeFailures: number;
  /** Failures from one IP, all usernames together, before waits begin. Default 50. */
  ipFreeFailures: number;
  /** First wait. Default 1 s; each further failure doubles it. */
  baseDelayMs: number;
  /** Longest wait. Default 15 minutes. */
  maxDelayMs: number;
  /** How long a counter is kept after its last failure's wait. Default 15 minutes. */
  windowMs: number;
  /** Most counters kept; the oldest are dropped beyond. Default 50,000. */
  maxEntries: number;
}

export const DEFAULT_SIGN_IN_BACKOFF: SignInBackoffOptions = {
  freeFailures: 5,
  ipFreeFailures: 50,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
  maxEntries: 50_000,
};

interface Counter {
  failures: number;
  lastFailureAt: number;
  /** Until when attempts are refused (0: no wait). */
  blockedUntil: number;
}

export class SignInBackoff {
  readonly #options: SignInBackoffOptions;
  readonly #now: () => number;
  readonly #counters = new Map<string, Counter>();

  constructor(options: Partial<SignInBackoffOptions> = {}, now: () => number = Date.now) {
    this.#options = { ...DEFAULT_SIGN_IN_BACKOFF, ...options };
    this.#now = now;
  }

  /**
   * Starts an attempt of `username` from `ip`: throws `rate_limited` (with the seconds to wait)
   * while either must wait, else counts the attempt as failed until `succeeded` says otherwise.
   * Counting up front means attempts sent all at once cannot all slip in before the first fails.
   */
  begin(username: string, ip: string): void {
    const now = this.#now();
    const until = Math.max(this.#live(pairKey(username, ip), now)?.blockedUntil ?? 0, this.#live(ipKey(ip), now)?.blockedUntil ?? 0);
    if (until > now) {
      const seconds = Math.ceil((until - now) / 1000);
      throw new ParleyError('rate_limited', `too many failed sign-ins; try again in ${seconds} s`, undefined, seconds);
    }
    this.#count(pairKey(username, ip), this.#options.freeFailures, now);
    this.#count(ipKey(ip), this.#options.ipFreeFailures, now);
  }

  /** The attempt begun had the right password: `username`'s counter from `ip` starts again from zero. */
  succeeded(username: string, ip: string): void {
    this.#counters.delete(pairKey(username, ip));
    const perIp = this.#counters.get(ipKey(ip));
    if (!perIp) return;
    perIp.failures -= 1;
    if (perIp.failures <= 0) this.#counters.delete(ipKey(ip));
    else if (perIp.failures < this.#options.ipFreeFailures) perIp.blockedUntil = 0;
  }

  #count(key: string, free: number, now: number): void {
    const counter = this.#live(key, now) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 };
    counter.failures += 1;
    counter.lastFailureAt = now;
    const over = counter.failures - free;
    if (over >= 0) counter.blockedUntil = now + Math.min(this.#options.baseDelayMs * 2 ** Math.min(over, 40), this.#options.maxDelayMs);
    // Re-inserted so the Map's order is least recently failed first, for eviction.
    this.#counters.delete(key);
    this.#counters.set(key, counter);
    this.#evict();
  }

  /** The counter of `key`, unless it has been quiet long enough to be forgotten. */
  #live(key: string, now: number): Counter | undefined {
    const counter = this.#counters.get(key);
    if (counter && now - Math.max(counter.blockedUntil, counter.lastFailureAt) >= this.#options.windowMs) {
      this.#counters.delete(key);
      return undefined;
    }
    return counter;
  }

  /** Keeps memory bounded under a flood of usernames or addresses: the oldest counters go first. */
  #evict(): void {
    for (const key of this.#counters.keys()) {
      if (this.#counters.size <= this.#options.maxEntries) return;
      this.#counters.delete(key);
    }
  }
}

const pairKey = (username: string, ip: string) => `user:${username.toLowerCase()}\u0000${ip}`;
const ipKey = (ip: string) => `ip:${ip}`;
