/**
 * What the customer and the agent sessions both do with their link: open it and settle once the
 * first attempt is decided, ask and signal only while ready, retry their outbox after a backoff,
 * check open conversations on a timer, and let go of all of it on close.
 *
 * Invariants:
 * - `ready` is true only between the session's `markReady()` (its hello handled: the
 *   conversations are known) and the next time the link leaves `connected`. Outboxes are sent
 *   and signals emitted only while ready.
 * - At most one retry timer and one sync timer run, and `close()` stops both.
 */
import { backoffDelay, type BackoffOptions, type Link, type LinkState } from './link.js';

/** Errors that say nothing about the message itself: it is sent again later by itself. */
export const TRANSIENT_ERRORS: ReadonlySet<string> = new Set(['internal_error', 'server_closing']);

/** After this many unanswered sends a text shows as failed, with a retry action. */
export const FAILED_AFTER_ATTEMPTS = 3;

export interface SessionLinkOptions {
  /** How long an acknowledged request may take before the connection counts as dead. Default 8 s. */
  ackTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** How often `onSync` runs while ready. Default 30 s. */
  syncIntervalMs?: number;
}

export interface SessionLinkHooks {
  /** A server event. */
  onEvent(event: string, payload: unknown): void;
  /** The link's state changed to anything but `connected` (which the session announces itself). */
  onDown(state: LinkState): void;
  /** Time to check open conversations for messages a lost frame hid. */
  onSync(): void;
  /** Time to try the outbox again. */
  onRetry(): void;
}

export class SessionLink {
  readonly #hooks: SessionLinkHooks;
  readonly #options: SessionLinkOptions;
  #link: Link | null = null;
  #unsubscribe: (() => void)[] = [];
  #ready = false;
  #settle: (() => void) | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #syncTimer: ReturnType<typeof setInterval> | null = null;

  constructor(hooks: SessionLinkHooks, options: SessionLinkOptions) {
    this.#hooks = hooks;
    this.#options = options;
  }

  get opened(): boolean {
    return this.#link !== null;
  }

  get ready(): boolean {
    return this.#ready;
  }

  /** The link is connected (the session may be handling its hello). */
  get connected(): boolean {
    return this.#link?.state.connection === 'connected';
  }

  /**
   * Opens `link`. Resolves once the first attempt is decided: the session called `markReady()`,
   * or the link was refused, went offline or is waiting to retry.
   */
  open(link: Link): Promise<void> {
    this.#link = link;
    const settled = new Promise<void>((resolve) => (this.#settle = resolve));
    this.#unsubscribe.push(
      link.onEvent((event, payload) => this.#hooks.onEvent(event, payload)),
      link.onState((state) => this.#handleState(state)),
    );
    link.open();
    this.#handleState(link.state);
    this.#syncTimer = setInterval(() => this.#ready && this.#hooks.onSync(), this.#options.syncIntervalMs ?? 30_000);
    return settled;
  }

  /** The session handled the hello: the outbox may go out. */
  markReady(): void {
    this.#ready = true;
    this.#settleFirst();
  }

  close(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#link?.close();
    this.#link = null;
    this.#ready = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#syncTimer) clearInterval(this.#syncTimer);
    this.#retryTimer = this.#syncTimer = null;
    this.#settleFirst();
  }

  /** Emits with an acknowledgement; a timeout or lost connection becomes an error reply. */
  ask<R>(event: string, payload: unknown): Promise<R> {
    if (!this.#link) return Promise.resolve({ ok: false, error: { code: 'internal_error', message: 'not connected' } } as R);
    return this.#link.ask<R>(event, payload, this.#options.ackTimeoutMs ?? 8_000);
  }

  /** Sends without acknowledgement, only while ready. */
  signal(event: string, payload: unknown): void {
    if (this.#ready) this.#link?.signal(event, payload);
  }

  /**
   * Calls `onRetry` after the backoff for `attempts` failed sends, and not before `atLeastMs`
   * (the server said when it accepts more: a rate limit). Once, however often asked.
   */
  retryLater(attempts: number, atLeastMs = 0): void {
    if (this.#retryTimer) return;
    this.#retryTimer = setTimeout(
      () => {
        this.#retryTimer = null;
        this.#hooks.onRetry();
      },
      Math.max(atLeastMs, backoffDelay(attempts - 1, this.#options.backoff)),
    );
  }

  #handleState(state: LinkState): void {
    if (state.connection === 'connected') return; // the session says when it is ready
    this.#ready = false;
    this.#hooks.onDown(state);
    if (state.connection === 'refused' || state.connection === 'reconnecting' || state.connection === 'offline') this.#settleFirst();
  }

  #settleFirst(): void {
    this.#settle?.();
    this.#settle = null;
  }
}
