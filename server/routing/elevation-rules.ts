/**
 * Rules around customer elevation requests that are not routing: the references customers quote,
 * and the rate limits that keep the callback and SMS forms from being used to harass a number or
 * run up a bill.
 *
 * Rate limits count the requests stored in the database (not memory), so they hold across
 * restarts and across several servers sharing one database. A repeat of a request (same
 * `requestId`) is answered before limits are counted and never counts twice.
 */
import { randomInt } from 'node:crypto';
import type { ElevationKind } from '../../src/protocol/index.js';
import { ParleyError } from '../errors.js';
import type { Store } from '../store/store.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

/** docs/elevation.md lists these defaults; `startParley({ elevationLimits })` changes them. */
export interface ElevationLimits {
  /** Requests to one phone number or email address, from any visitor of any POC. */
  perDestination: RateLimit;
  /** Requests by one visitor (one browser). */
  perVisitor: RateLimit;
  /** Requests made through one POC, all visitors together. */
  perPoc: RateLimit;
}

export const DEFAULT_ELEVATION_LIMITS: ElevationLimits = {
  perDestination: { max: 3, windowMs: 60 * 60_000 },
  perVisitor: { max: 5, windowMs: 60 * 60_000 },
  perPoc: { max: 60, windowMs: 10 * 60_000 },
};

/**
 * Throws `rate_limited` (with `retryAfter` in seconds) when a new request would exceed a limit.
 * The per-destination refusal names the field of the destination, so the form shows it there.
 */
export async function enforceLimits(
  store: Store,
  limits: ElevationLimits,
  request: { destination: string; destinationField: string; visitorId: string; pocId: string },
  at = Date.now(),
): Promise<void> {
  const checks: { limit: RateLimit; filter: Parameters<Store['customerElevationsSince']>[0]; field?: string; what: string }[] = [
    { limit: limits.perDestination, filter: { destination: request.destination }, field: request.destinationField, what: 'this number or address' },
    { limit: limits.perVisitor, filter: { visitorId: request.visitorId }, what: 'you' },
    { limit: limits.perPoc, filter: { pocId: request.pocId }, what: 'this chat' },
  ];
  for (const { limit, filter, field, what } of checks) {
    const since = new Date(at - limit.windowMs).toISOString();
    const recent = await store.customerElevationsSince(filter, since);
    if (recent.length < limit.max) continue;
    // The oldest request that counts leaves the window first (with a limit of 0, nothing does).
    const oldest = limit.max > 0 ? Date.parse(recent[recent.length - limit.max].created_at) : at;
    const retryAfter = Math.max(1, Math.ceil((oldest + limit.windowMs - at) / 1000));
    throw new ParleyError('rate_limited', `too many requests for ${what}; try again in ${retryAfter} s`, field, retryAfter);
  }
}

const PREFIX: Record<ElevationKind | 'workitem', string> = { callback: 'CB', email: 'EM', sms: 'SM', workitem: 'WI' };
// Crockford's base 32 without I, L, O and U: nothing to misread when a customer reads it out.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh reference such as `CB-7K3M9Q` or `WI-…` (30 bits; the store refuses a repeat, and one is drawn again). */
export function newReference(kind: ElevationKind | 'workitem'): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${PREFIX[kind]}-${code}`;
}
