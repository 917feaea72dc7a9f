/**
 * Wraps a socket event handler so that nothing a client sends can crash the server: the payload
 * reaches the logic as `unknown`, a missing or non-function ack is tolerated, a `ParleyError`
 * becomes `{ ok: false, error }`, and any other exception is logged and answered with
 * `internal_error`.
 */
import type { FastifyBaseLogger } from 'fastify';
import { ParleyError } from '../errors.js';

type Ack = (reply: unknown) => void;

export function handler(
  log: FastifyBaseLogger,
  event: string,
  fn: (payload: unknown) => Promise<object | void>,
): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as Ack) : null;
    const payload = ack && args.length === 1 ? undefined : args[0];
    fn(payload).then(
      (result) => ack?.({ ok: true, ...(result ?? {}) }),
      (err: unknown) => {
        if (err instanceof ParleyError) {
          ack?.({ ok: false, error: err.toJSON() });
        } else {
          log.error({ err, event }, 'socket handler failed');
          ack?.({ ok: false, error: { code: 'internal_error', message: 'something went wrong on the server' } });
        }
      },
    );
  };
}
