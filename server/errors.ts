/**
 * The one error type the server's logic throws for anything a client did wrong. The HTTP and
 * socket edges turn it into a 4xx JSON body or a `{ ok: false, error }` ack; any other exception
 * is a bug, logged, and answered with `internal_error` without crashing the process.
 */
import type { ErrorCode, ProtocolError } from '../src/protocol/index.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_payload: 400,
  invalid_field: 400,
  message_empty: 400,
  message_too_long: 400,
  poc_wrong_channel: 400,
  unsupported_protocol: 400,
  not_authenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  poc_not_found: 404,
  not_found: 404,
  conversation_not_found: 404,
  offer_not_found: 404,
  conversation_ended: 409,
  conversation_open: 409,
  capacity_reached: 409,
  poc_inactive: 410,
  elevation_unavailable: 409,
  rate_limited: 429,
  delivery_failed: 502,
  internal_error: 500,
};

export class ParleyError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Seconds until a retry can succeed (`rate_limited`). */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, field?: string, retryAfter?: number) {
    super(message);
    this.name = 'ParleyError';
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  /** HTTP status for this error. */
  get status(): number {
    return STATUS[this.code] ?? 400;
  }

  toJSON(): ProtocolError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }

  static from(error: ProtocolError): ParleyError {
    return new ParleyError(error.code, error.message, error.field);
  }
}

/** Unwraps a validator result, throwing its error. */
export function must<T>(checked: { ok: true; value: T } | { ok: false; error: ProtocolError }): T {
  if (!checked.ok) throw ParleyError.from(checked.error);
  return checked.value;
}
