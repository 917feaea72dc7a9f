/**
 * A link is how a session talks to the server: acknowledged requests, fire-and-forget signals,
 * server events, and the state of the connection. `SocketLink` is one socket.io connection with
 * Parley's own reconnection; `TabLink` (tab-link.ts) shares one such connection between every tab
 * of a visitor.
 *
 * Invariants:
 * - `ask` never throws and never hangs: a lost connection or a missing answer becomes an
 *   `internal_error` reply, so the session retries (with the same client id) when it wants.
 * - After any drop the link reconnects by itself with capped exponential backoff and jitter,
 *   telling when the next attempt is due; it retries at once when the browser comes back online
 *   or the page becomes visible. Only a refusal whose code is fatal stops it.
 * - An answer that does not come within the timeout counts as a dead connection: the link drops
 *   it and reconnects, instead of waiting for the heartbeat to notice.
 */
import { io, type Socket } from 'socket.io-client';
import type { ErrorCode, ProtocolError } from '../protocol/index.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';

export { backoffDelay, type BackoffOptions };

export type LinkConnection =
  /** `open()` not called yet, or `close()` called. */
  | 'idle'
  | 'connecting'
  | 'connected'
  /** Lost the connection; the next attempt is due at `nextRetryAt`. */
  | 'reconnecting'
  /** The browser says it has no network; retried as soon as it has. */
  | 'offline'
  /** The server refused with a fatal code; nothing will be retried. */
  | 'refused';

export interface LinkState {
  connection: LinkConnection;
  /** Epoch milliseconds of the next connection attempt while reconnecting, else null. */
  nextRetryAt: number | null;
  /** Why the server refused the connection, when it did (while reconnecting: a rate limit). */
  error: ProtocolError | null;
}

/** A server event and its payload. */
export type LinkListener = (event: string, payload: unknown) => void;

export interface Link {
  readonly state: LinkState;
  /** Opens the connection (idempotent). */
  open(): void;
  /** Closes it for good; `state.connection` becomes `idle`. */
  close(): void;
  /** Sends and waits for the acknowledgement, at most `timeoutMs`. */
  ask<R>(event: string, payload: unknown, timeoutMs: number): Promise<R>;
  /** Sends without acknowledgement; dropped when not connected. */
  signal(event: string, payload: unknown): void;
  /** Every server event; returns the unsubscribe function. */
  onEvent(listener: LinkListener): () => void;
  /** Every state change; returns the unsubscribe function. */
  onState(listener: (state: LinkState) => void): () => void;
}

export interface SocketLinkOptions {
  /** Full URL of the namespace. */
  url: string;
  /** Handshake `auth`, read again before every attempt (the token may have changed). */
  auth?: () => object;
  /** Refusal codes after which retrying cannot help. */
  fatal: readonly ErrorCode[];
  backoff?: BackoffOptions;
  /** Extra socket.io-client options (tests pin transports or pass cookies). */
  socketOptions?: Record<string, unknown>;
  /** What the page knows of the network; none in Node. The widget passes `browserNetwork()`. */
  network?: NetworkWatch;
}

/**
 * The host environment's view of the network, kept out of core (which touches no DOM): whether
 * it is offline now, and a way to hear when it comes back online, goes offline, or the page
 * becomes visible again (a sleeping tab's timers ran late: retry at once).
 */
export interface NetworkWatch {
  offline(): boolean;
  /** Starts listening; returns the function that stops. */
  watch(on: { online(): void; offline(): void; visible(): void }): () => void;
}

type RefusalData = { code?: string; message?: string; retryAfter?: number };
type AnySocket = Socket<Record<string, (...args: never[]) => void>, Record<string, (...args: never[]) => void>>;

/**
 * What every link does alike: hold its state, and tell its listeners of server events and state
 * changes. Subclasses call `emit` and `setState`.
 */
export abstract class LinkBase {
  #state: LinkState = { connection: 'idle', nextRetryAt: null, error: null };
  readonly #events = new Set<LinkListener>();
  readonly #states = new Set<(state: LinkState) => void>();

  get state(): LinkState {
    return this.#state;
  }

  /** Every server event; returns the unsubscribe function. */
  onEvent(listener: LinkListener): () => void {
    this.#events.add(listener);
    return () => this.#events.delete(listener);
  }

  /** Every state change; returns the unsubscribe function. */
  onState(listener: (state: LinkState) => void): () => void {
    this.#states.add(listener);
    return () => this.#states.delete(listener);
  }

  protected emit(event: string, payload: unknown): void {
    for (const listener of this.#events) listener(event, payload);
  }

  protected setState(state: LinkState): void {
    this.#state = state;
    for (const listener of this.#states) listener(state);
  }
}

/** One socket.io connection, reconnected by Parley (socket.io's own reconnection is off). */
export class SocketLink extends LinkBase implements Link {
  readonly #options: SocketLinkOptions;
  #socket: AnySocket | null = null;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopWatching: (() => void) | null = null;

  constructor(options: SocketLinkOptions) {
    super();
    this.#options = options;
  }

  open(): void {
    if (this.#socket) return;
    const socket = io(this.#options.url, {
      transports: ['websocket', 'polling'],
      reconnection: false,
      ...(this.#options.auth ? { auth: (cb: (data: object) => void) => cb(this.#options.auth!()) } : {}),
      ...this.#options.socketOptions,
    }) as unknown as AnySocket;
    this.#socket = socket;
    this.setState({ connection: 'connecting', nextRetryAt: null, error: null });

    socket.onAny((event: string, payload: unknown) => {
      this.emit(event, payload);
    });
    socket.on('connect', () => {
      this.#attempt = 0;
      this.setState({ connection: 'connected', nextRetryAt: null, error: null });
    });
    socket.on('disconnect', (reason: string) => {
      if (reason === 'io client disconnect' || this.#socket !== socket) return;
      this.#scheduleRetry();
    });
    socket.on('connect_error', (err: Error & { data?: RefusalData }) => {
      const code = err.data?.code as ErrorCode | undefined;
      if (code && this.#options.fatal.includes(code)) {
        this.#stopTimer();
        socket.disconnect();
        this.setState({ connection: 'refused', nextRetryAt: null, error: { code, message: err.data?.message ?? err.message } });
        return;
      }
      if (code === 'rate_limited') {
        // Too many connections from this network: the next attempt waits as long as the server
        // asked, and the state says why (the widget shows it with the countdown).
        const retryAfter = Math.max(1, Number(err.data?.retryAfter) || 1);
        this.#scheduleRetry(false, retryAfter * 1000, { code, message: err.data?.message ?? err.message, retryAfter });
        return;
      }
      this.#scheduleRetry();
    });

    this.#stopWatching =
      this.#options.network?.watch({
        online: () => this.#retryNow(),
        offline: () => {
          if (this.state.connection !== 'connected' && this.state.connection !== 'refused') this.setState({ ...this.state, connection: 'offline', nextRetryAt: null });
        },
        visible: () => this.#retryNow(),
      }) ?? null;
  }

  close(): void {
    this.#stopTimer();
    this.#stopWatching?.();
    this.#stopWatching = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.disconnect();
    this.setState({ connection: 'idle', nextRetryAt: null, error: null });
  }

  async ask<R>(event: string, payload: unknown, timeoutMs: number): Promise<R> {
    const socket = this.#socket;
    if (!socket?.connected) return { ok: false, error: { code: 'internal_error', message: 'not connected' } } as R;
    try {
      const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> };
      return (await timed.emitWithAck(event, payload)) as R;
    } catch {
      // No answer in time: the connection is as good as dead (a silent cut, a lost frame).
      // Reconnect now; the caller re-sends with the same client id.
      if (this.#socket === socket && socket.connected) {
        socket.disconnect();
        this.#scheduleRetry(true);
      }
      return { ok: false, error: { code: 'internal_error', message: 'no answer from the server' } } as R;
    }
  }

  signal(event: string, payload: unknown): void {
    if (this.#socket?.connected) this.#socket.emit(event, payload as never);
  }

  // -------------------------------------------------------------------------------------------

  #scheduleRetry(immediately = false, atLeastMs = 0, why: ProtocolError | null = null): void {
    if (!this.#socket || this.#timer) return;
    const delay = immediately ? 0 : Math.max(atLeastMs, backoffDelay(this.#attempt, this.#options.backoff));
    this.#attempt += 1;
    const offline = this.#options.network?.offline() ?? false;
    this.setState({ connection: offline ? 'offline' : 'reconnecting', nextRetryAt: offline ? null : Date.now() + delay, error: why });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#socket && !this.#socket.connected) this.#socket.connect();
    }, delay);
  }

  #retryNow(): void {
    if (!this.#timer || !this.#socket) return;
    this.#stopTimer();
    this.setState({ ...this.state, connection: 'reconnecting', nextRetryAt: Date.now() });
    this.#socket.connect();
  }

  #stopTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
