/**
 * An in-memory rate limiter: one token bucket per key (an IP address, a visitor id).
 *
 * Each bucket holds up to `max` tokens and refills at `max` per `windowMs`, continuously: a
 * limit of 30 per 10 s lets a burst of 30 through at once, then one every third of a second.
 * A hit is O(1): one Map look-up, arithmetic, and moving the key to the end of the Map's order.
 *
 * Memory is bounded whatever the traffic:
 * - A bucket that has refilled completely holds no information (it is the same as no bucket),
 *   so a few of the least recently used are dropped on every hit once they are full again.
 * - At most `maxKeys` buckets are kept; beyond that the least recently used is dropped. A flood
 *   of distinct keys (spoofed or rotated addresses) then only forgets old buckets, which lets
 *   those keys start afresh: the per-key limit weakens under such a flood, memory never grows.
 *
 * In memory, so each server process counts for itself and a restart forgets: these limits bound
 * floods, they are not quotas (the elevation limits that protect phone numbers and bills are
 * counted in the database, routing/elevation-rules.ts).
 */

/** `max` hits per `windowMs`, refilled continuously. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Keys kept at most, by default: about 100 bytes each, so some 10 MB per limiter. */
export const DEFAULT_MAX_KEYS = 100_000;

/** Full buckets dropped per hit at most: enough to keep up with any rate of new keys, O(1). */
const SWEEP_PER_HIT = 2;

interface Bucket {
  tokens: number;
  /** When `tokens` was computed (ms, the limiter's clock). */
  at: number;
}

export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #maxKeys: number;
  readonly #now: () => number;
  /** Map order is least recently used first: a hit deletes and re-inserts its key. */
  readonly #buckets = new Map<string, Bucket>();

  /**
   * @param limit hits allowed per window; `max` must be at least 1 and `windowMs` above 0.
   * @param options `maxKeys` caps the buckets kept; `now` is the clock (tests pass their own).
   */
  constructor(limit: RateLimit, options: { maxKeys?: number; now?: () => number } = {}) {
    if (!(limit.max >= 1) || !(limit.windowMs > 0)) throw new RangeError('a rate limit needs max ≥ 1 and windowMs > 0');
    this.#limit = { max: Math.floor(limit.max), windowMs: limit.windowMs };
    this.#maxKeys = Math.max(1, options.maxKeys ?? DEFAULT_MAX_KEYS);
    this.#now = options.now ?? Date.now;
  }

  /** Buckets held now (for tests and figures). */
  get size(): number {
    return this.#buckets.size;
  }

  /**
   * Milliseconds until `key` may make `cost` more hits; 0 when it may now. Counts nothing.
   */
  wait(key: string, cost = 1): number {
    const tokens = this.#tokens(this.#buckets.get(key), this.#now());
    if (tokens >= cost) return 0;
    return Math.ceil(((cost - tokens) * this.#limit.windowMs) / this.#limit.max);
  }

  /**
   * Counts a hit of `key` if its bucket allows it. Returns 0 when the hit is allowed (and
   * counted), else the milliseconds until it would be (nothing is counted: a refused client
   * does not push its own wait further away).
   */
  hit(key: string, cost = 1): number {
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    const tokens = this.#tokens(bucket, now);
    if (tokens < cost) return Math.ceil(((cost - tokens) * this.#limit.windowMs) / this.#limit.max);
    if (bucket) this.#buckets.delete(key);
    this.#buckets.set(key, { tokens: tokens - cost, at: now });
    this.#sweep(now);
    return 0;
  }

  /** Forgets every bucket. */
  clear(): void {
    this.#buckets.clear();
  }

  #tokens(bucket: Bucket | undefined, now: number): number {
    if (!bucket) return this.#limit.max;
    const refilled = ((now - bucket.at) * this.#limit.max) / this.#limit.windowMs;
    return Math.min(this.#limit.max, bucket.tokens + Math.max(0, refilled));
  }

  /** Drops the oldest buckets: over the cap always, otherwise only those full again. */
  #sweep(now: number): void {
    while (this.#buckets.size > this.#maxKeys) this.#dropOldest();
    for (let i = 0; i < SWEEP_PER_HIT; i++) {
      const oldest = this.#buckets.entries().next();
      if (oldest.done || this.#tokens(oldest.value[1], now) < this.#limit.max) return;
      this.#buckets.delete(oldest.value[0]);
    }
  }

  #dropOldest(): void {
    const oldest = this.#buckets.keys().next();
    if (!oldest.done) this.#buckets.delete(oldest.value);
  }
}

/**
 * The client address of a socket.io handshake, read as Fastify's `request.ip` reads it for HTTP
 * (`trustProxy` is one hop): behind the trusted proxy, the last address of `X-Forwarded-For` —
 * the one that proxy appended; those before it are the client's own word. Otherwise the TCP peer.
 */
export function handshakeAddress(handshake: { address: string; headers: Record<string, string | string[] | undefined> }, trustProxy: boolean): string {
  const forwarded = handshake.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',').pop()?.trim();
  return trustProxy && last ? last : handshake.address;
}

/**
 * The key of a client address: IPv4 as is (an IPv4-mapped IPv6 address as its IPv4 form), IPv6
 * by its /64 prefix — one subscriber usually holds a whole /64, so counting single IPv6
 * addresses would let one client rotate through billions of them.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address.split('%')[0]);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address, without leading zeros; null if it is not one. */
function expandIpv6(address: string): string[] | null {
  const halves = address.toLowerCase().split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
