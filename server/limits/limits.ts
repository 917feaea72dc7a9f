/**
 * The rate limits on what the public can do (docs/operations.md, "Rate limits"): connections,
 * conversation starts, messages and other chat events, elevation requests and work items, each
 * per client IP address and, where a visitor is known, per visitor.
 *
 * A refusal is `rate_limited` with `retryAfter` in seconds: HTTP 429 with `Retry-After`, a socket
 * acknowledgement `{ ok: false, error }`, or a refused handshake whose `connect_error` carries
 * the error. Nothing is counted for a refused hit, and a refusal happens before anything is
 * stored, so an accepted message is never lost to a limit: a refused one stays in the sender's
 * outbox and is sent again after `retryAfter`.
 *
 * The defaults let a fast typist with several tabs open never meet a limit, while a script
 * does within seconds.
 */
import type { Namespace } from 'socket.io';
import { ParleyError } from '../errors.js';
import { handshakeRefusal } from '../sockets/handle.js';
import { addressKey, DEFAULT_MAX_KEYS, handshakeAddress, RateLimiter, type RateLimit } from './limiter.js';

export { addressKey, handshakeAddress, type RateLimit } from './limiter.js';

/** Each limit, or `false` for none (e.g. a per-IP limit behind a proxy that hides addresses). */
export interface LimitOptions {
  /** Customer-namespace handshakes per IP (reconnect storms of many tabs must still pass). */
  connectionsPerIp: RateLimit | false;
  /** Conversations started per visitor. */
  conversationStartsPerVisitor: RateLimit | false;
  /** Conversations started per IP, all its visitors together. */
  conversationStartsPerIp: RateLimit | false;
  /** Messages sent per visitor (every tab together). */
  messagesPerVisitor: RateLimit | false;
  /** Messages sent per IP, all its visitors together. */
  messagesPerIp: RateLimit | false;
  /** Other chat events per visitor: typing, read receipts, resumes, ending a conversation. */
  eventsPerVisitor: RateLimit | false;
  /** The same events per IP, all its visitors together (new visitors bring no fresh allowance). */
  eventsPerIp: RateLimit | false;
  /** Elevation requests per IP (on top of the per-number, per-visitor and per-POC ones). */
  elevationsPerIp: RateLimit | false;
  /** Work items filed per IP (public form, chat "leave a message" and API keys alike). */
  workItemsPerIp: RateLimit | false;
  /** Addresses or visitors each limit remembers at most; the least recently seen go first. */
  maxKeys: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** docs/operations.md lists these; `startParley({ limits })` changes any of them. */
export const DEFAULT_LIMITS: Readonly<LimitOptions> = {
  connectionsPerIp: { max: 30, windowMs: MINUTE },
  conversationStartsPerVisitor: { max: 10, windowMs: HOUR },
  conversationStartsPerIp: { max: 30, windowMs: HOUR },
  messagesPerVisitor: { max: 30, windowMs: 10 * SECOND },
  messagesPerIp: { max: 120, windowMs: 10 * SECOND },
  eventsPerVisitor: { max: 200, windowMs: 10 * SECOND },
  eventsPerIp: { max: 800, windowMs: 10 * SECOND },
  elevationsPerIp: { max: 10, windowMs: HOUR },
  workItemsPerIp: { max: 20, windowMs: HOUR },
  maxKeys: DEFAULT_MAX_KEYS,
};

/** Every limit off: for fuzzing and benchmarks that must reach what lies behind the limits. */
export const NO_LIMITS: Readonly<Partial<LimitOptions>> = {
  connectionsPerIp: false,
  conversationStartsPerVisitor: false,
  conversationStartsPerIp: false,
  messagesPerVisitor: false,
  messagesPerIp: false,
  eventsPerVisitor: false,
  eventsPerIp: false,
  elevationsPerIp: false,
  workItemsPerIp: false,
};

/**
 * The defaults with every `max` multiplied by `factor`: for test servers and benchmarks whose
 * many quick connections from one loopback address are not what they measure.
 */
export function scaledLimits(factor: number): LimitOptions {
  const scale = (limit: RateLimit | false): RateLimit | false => (limit ? { max: limit.max * factor, windowMs: limit.windowMs } : false);
  return {
    connectionsPerIp: scale(DEFAULT_LIMITS.connectionsPerIp),
    conversationStartsPerVisitor: scale(DEFAULT_LIMITS.conversationStartsPerVisitor),
    conversationStartsPerIp: scale(DEFAULT_LIMITS.conversationStartsPerIp),
    messagesPerVisitor: scale(DEFAULT_LIMITS.messagesPerVisitor),
    messagesPerIp: scale(DEFAULT_LIMITS.messagesPerIp),
    eventsPerVisitor: scale(DEFAULT_LIMITS.eventsPerVisitor),
    eventsPerIp: scale(DEFAULT_LIMITS.eventsPerIp),
    elevationsPerIp: scale(DEFAULT_LIMITS.elevationsPerIp),
    workItemsPerIp: scale(DEFAULT_LIMITS.workItemsPerIp),
    maxKeys: DEFAULT_LIMITS.maxKeys,
  };
}

type Name = Exclude<keyof LimitOptions, 'maxKeys'>;

/** What each limit's refusal says it limited (English, for developers and logs). */
const WHAT: Record<Name, string> = {
  connectionsPerIp: 'connections from this address',
  conversationStartsPerVisitor: 'conversations started',
  conversationStartsPerIp: 'conversations started from this address',
  messagesPerVisitor: 'messages sent',
  messagesPerIp: 'messages sent from this address',
  eventsPerVisitor: 'chat events sent',
  eventsPerIp: 'chat events sent from this address',
  elevationsPerIp: 'requests from this address',
  workItemsPerIp: 'work items sent from this address',
};

/** The limiters of one server; every check throws `rate_limited` or counts the hit. */
export class ClientLimits {
  readonly #limiters = new Map<Name, RateLimiter>();

  constructor(options: Partial<LimitOptions> = {}, now?: () => number) {
    const merged: LimitOptions = { ...DEFAULT_LIMITS, ...options };
    for (const name of Object.keys(WHAT) as Name[]) {
      const limit = merged[name];
      if (limit) this.#limiters.set(name, new RateLimiter(limit, { maxKeys: merged.maxKeys, now }));
    }
  }

  /** A customer-namespace handshake from `ip`. */
  connection(ip: string): void {
    this.#take([['connectionsPerIp', ip]]);
  }

  /** A conversation start by `visitorId` from `ip`. */
  conversationStart(visitorId: string, ip: string): void {
    this.#take([
      ['conversationStartsPerVisitor', visitorId],
      ['conversationStartsPerIp', ip],
    ]);
  }

  /** A message sent by `visitorId` from `ip`. */
  message(visitorId: string, ip: string): void {
    this.#take([
      ['messagesPerVisitor', visitorId],
      ['messagesPerIp', ip],
    ]);
  }

  /** Any other chat event of `visitorId` from `ip` (typing, receipt, resume, end). */
  event(visitorId: string, ip: string): void {
    this.#take([
      ['eventsPerVisitor', visitorId],
      ['eventsPerIp', ip],
    ]);
  }

  /** An elevation request from `ip`. */
  elevation(ip: string): void {
    this.#take([['elevationsPerIp', ip]]);
  }

  /** A work item filed from `ip`. */
  workItem(ip: string): void {
    this.#take([['workItemsPerIp', ip]]);
  }

  /**
   * Counts one hit on every limit named, or on none: when any would refuse, nothing is counted
   * and the longest wait is thrown, so a visitor refused by the IP limit keeps its own allowance.
   */
  #take(hits: [Name, string][]): void {
    let wait = 0;
    let refusedBy: Name | null = null;
    for (const [name, key] of hits) {
      const ms = this.#limiters.get(name)?.wait(key) ?? 0;
      if (ms > wait) [wait, refusedBy] = [ms, name];
    }
    if (refusedBy) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      throw new ParleyError('rate_limited', `too many ${WHAT[refusedBy]}; try again in ${seconds} s`, undefined, seconds);
    }
    for (const [name, key] of hits) this.#limiters.get(name)?.hit(key);
  }
}

/**
 * The customer-namespace middleware that limits handshakes per client address. Registered
 * before the handshake's own checks, so a refused connection costs no database work.
 */
export function limitConnections(limits: ClientLimits, trustProxy = false): Parameters<Namespace['use']>[0] {
  return (socket, next) => {
    try {
      limits.connection(addressKey(handshakeAddress(socket.handshake, trustProxy)));
      next();
    } catch (err) {
      next(handshakeRefusal(err as ParleyError));
    }
  };
}
