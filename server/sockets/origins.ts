/**
 * The origin checks of socket.io connections (server/pocs/origins.ts says which origins a POC
 * allows), in two steps:
 * 1. `allowRequest` refuses, before the WebSocket upgrade, a handshake whose Origin no active chat
 *    POC, staff origin or deployment-wide origin allows — or that has none and is not same-origin.
 *    The browser sees only a failed connection; the reason is in the 400/403 body.
 * 2. The customer namespace middleware checks the one POC the handshake names, and refuses with
 *    `origin_not_allowed` in the `connect_error` data: the widget stops retrying and the website
 *    owner reads in the console which origin and which POC.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';
import { isRecord } from '../../src/core/validators.js';
import { ParleyError } from '../errors.js';
import type { OriginPolicy } from '../pocs/origins.js';
import type { Store } from '../store/store.js';
import { handshakeRefusal } from './handle.js';

type Next = (err?: Error) => void;

/** The `allowRequest` option of the socket.io server: step 1. */
export function handshakeOriginCheck(policy: OriginPolicy, onError: (err: unknown) => void) {
  return (req: IncomingMessage, callback: (message: string | null, success: boolean) => void): void => {
    policy.checkHandshake(req.headers).then(
      (verdict) => (verdict.allowed ? callback(null, true) : callback(`${verdict.error.code}: ${verdict.error.message}`, false)),
      (err: unknown) => {
        onError(err);
        callback('internal_error: something went wrong on the server', false);
      },
    );
  };
}

/**
 * The customer namespace middleware: step 2. A handshake naming no POC, or one that does not
 * exist, goes on: the next middleware refuses it with the precise code (`poc_not_found`…).
 */
export function customerOriginCheck(policy: OriginPolicy, store: Store, onError: (err: unknown) => void) {
  return (socket: Socket, next: Next): void => {
    const auth: unknown = socket.handshake.auth;
    const pocId = isRecord(auth) ? auth.poc : undefined;
    if (typeof pocId !== 'string' || pocId === '' || pocId.length > 128) return next();
    store.getPoc(pocId).then(
      (poc) => {
        const verdict = poc ? policy.checkPoc(poc, socket.handshake.headers, { kind: 'write' }) : null;
        if (!verdict || verdict.allowed) return next();
        next(handshakeRefusal(verdict.error));
      },
      (err: unknown) => {
        onError(err);
        next(handshakeRefusal(new ParleyError('internal_error', 'something went wrong on the server')));
      },
    );
  };
}
