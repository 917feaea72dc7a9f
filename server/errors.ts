/**
 * The one error type the server's logic throws for anything a client did wrong. The HTTP and
 * socket edges turn it into a 4xx JSON body or a `{ ok: false, error }` ack; any other exception
 * is a bug, logged, and answered with `internal_error` without crashing the process.
 */
import type { DeactivationWayOut, ErrorCode, FieldError, ProtocolError } from '../src/protocol/index.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_payload: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_field: 400,
  message_empty: 400,
  message_too_long: 400,
  poc_wrong_channel: 400,
  unsupported_protocol: 400,
  not_authenticated: 401,
  invalid_credentials: 401,
  identity_invalid: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  csrf_failed: 403,
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
  attachment_too_large: 413,
  attachment_type: 415,
  poc_skill_active: 409,
  already_exists: 409,
  in_use: 409,
  internal_error: 500,
};

export class ParleyError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Seconds until a retry can succeed (`rate_limited`). */
  readonly retryAfter: number | undefined;
  /** Every refused field, when a whole form was checked. */
  fields: FieldError[] | undefined;
  /** With `poc_skill_active`: how to deactivate anyway. */
  wayOut: DeactivationWayOut | undefined;

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
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.wayOut ? { wayOut: this.wayOut } : {}),
    };
  }

  /** A form's refusal: the first field's code, message and field (hence the status), and all of them. */
  static ofFields(errors: readonly FieldError[]): ParleyError {
    const [first] = errors;
    const error = new ParleyError(first.code, errors.length > 1 ? `${first.message} (and ${errors.length - 1} more)` : first.message, first.field);
    error.fields = [...errors];
    return error;
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

/**
 * A JSON object body holding only `keys`: anything else is `invalid_payload`, and an unknown key
 * is `invalid_field` naming it (admin bodies refuse what they do not know rather than drop it).
 */
export function objectBody(input: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ParleyError('invalid_payload', 'the body must be a JSON object');
  const unknown = Object.keys(input).find((k) => !keys.includes(k));
  if (unknown !== undefined) throw new ParleyError('invalid_field', `unknown field "${unknown.slice(0, 40)}"`, unknown.slice(0, 40));
  return input as Record<string, unknown>;
}
