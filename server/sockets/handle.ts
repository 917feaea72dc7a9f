/**
 * Wraps socket event handlers so that nothing a client sends can crash the server: the payload
 * reaches the logic as `unknown`, a missing or non-function ack is tolerated, a `ParleyError`
 * becomes `{ ok: false, error }`, and any other exception is logged and answered with
 * `internal_error`.
 *
 * Every handler's work is counted in an `InFlight`, so a shutdown can wait for the messages being
 * stored to be stored and acknowledged before it closes the connections (SIGTERM drains).
 */
import type { FastifyBaseLogger } from 'fastify';
import { ParleyError } from '../errors.js';

type Ack = (reply: unknown) => void;
type Listener = (...args: unknown[]) => void;

/** Counts running handlers; `idle()` resolves once none is left. */
export class InFlight {
  #count = 0;
  #waiters: (() => void)[] = [];

  get count(): number {
    return this.#count;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.#count += 1;
    const done = () => {
      this.#count -= 1;
      if (this.#count === 0) for (const wake of this.#waiters.splice(0)) wake();
    };
    work.then(done, done);
    return work;
  }

  /** Resolves when no handler runs any more, or after `timeoutMs` whatever is left. */
  idle(timeoutMs: number): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * A refused socket.io handshake: `next(handshakeRefusal(err))` makes the client's `connect_error`
 * carry `err` as its `data` (`{ code, message, field… }`), which the apps read to decide whether
 * to retry.
 */
export function handshakeRefusal(err: ParleyError): Error {
  const error = new Error(err.message) as Error & { data: unknown };
  error.data = err.toJSON();
  return error;
}

/**
 * Returns the wrapper for one namespace's handlers. `fn` also gets the socket the event came on
 * (the emitter a listener is called on), so that one listener can serve every connection.
 */
export function handlers<S = unknown>(log: FastifyBaseLogger, inflight: InFlight) {
  return (event: string, fn: (payload: unknown, socket: S) => Promise<object | void>): Listener =>
    function (this: S, ...args: unknown[]) {
      const ack = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as Ack) : null;
      const payload = ack && args.length === 1 ? undefined : args[0];
      void inflight.track(
        fn(payload, this).then(
          (result) => ack?.({ ok: true, ...(result ?? {}) }),
          (err: unknown) => {
            if (err instanceof ParleyError) {
              ack?.({ ok: false, error: err.toJSON() });
            } else {
              log.error({ err, event }, 'socket handler failed');
              ack?.({ ok: false, error: { code: 'internal_error', message: 'something went wrong on the server' } });
            }
          },
        ),
      );
    };
}
