/**
 * Pure validators shared by the browser forms and the server, which re-checks everything.
 *
 * Invariant: each validator takes `unknown`, never throws, and returns either the cleaned value
 * or a `ProtocolError` naming the field — so the same rule gives the same answer on both sides.
 */
import { LIMITS, type ProtocolError } from '../protocol/index.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/** A value that passed its check. */
export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = (field: string, code: ProtocolError['code'], message: string): Checked<never> => ({
  ok: false,
  error: { code, field, message },
});
/** A refusal of `field` as `invalid_field`, with `message`. */
export const invalid = (field: string, message: string): Checked<never> => fail(field, 'invalid_field', message);

// C0/C1 control characters other than tab and newline, and the bidi overrides that can disguise
// text (U+202A–U+202E, U+2066–U+2069). Removed rather than refused: pasted text often has them.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Strips control characters, normalises line ends to `\n`. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '');
}

/**
 * A message body: a string, not blank, at most `LIMITS.messageMaxLength` UTF-16 units once
 * cleaned. Surrounding blank lines are trimmed; inner spacing is the author's.
 */
export function checkMessageText(value: unknown, field = 'text'): Checked<string> {
  if (typeof value !== 'string') return invalid(field, `${field} must be a string`);
  const text = cleanText(value).replace(/^\s*\n|\n\s*$/g, '').trimEnd();
  if (text.trim() === '') return fail(field, 'message_empty', `${field} must not be empty`);
  if (text.length > LIMITS.messageMaxLength) {
    return fail(field, 'message_too_long', `${field} is longer than ${LIMITS.messageMaxLength} characters`);
  }
  return ok(text);
}

/** An optional display name: absent or blank gives `null`; one line, at most `nameMaxLength`. */
export function checkName(value: unknown, field = 'name'): Checked<string | null> {
  if (value === undefined || value === null) return ok(null);
  if (typeof value !== 'string') return invalid(field, `${field} must be a string`);
  const name = cleanText(value).replace(/\s+/g, ' ').trim();
  if (name === '') return ok(null);
  if (name.length > LIMITS.nameMaxLength) {
    return invalid(field, `${field} is longer than ${LIMITS.nameMaxLength} characters`);
  }
  return ok(name);
}

/** An optional free-text note (wrap-up note): at most `noteMaxLength`. */
export function checkNote(value: unknown, field = 'note'): Checked<string> {
  if (value === undefined || value === null) return ok('');
  if (typeof value !== 'string') return invalid(field, `${field} must be a string`);
  const note = cleanText(value).trim();
  if (note.length > LIMITS.noteMaxLength) {
    return invalid(field, `${field} is longer than ${LIMITS.noteMaxLength} characters`);
  }
  return ok(note);
}

/** An opaque id: a non-empty string of URL-safe characters, at most `idMaxLength`. */
export function checkId(value: unknown, field: string): Checked<string> {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    return invalid(field, `${field} must be an id (1–64 letters, digits, - or _)`);
  }
  return ok(value);
}

/** A sequence number a client holds: an integer from 0 up. */
export function checkSeq(value: unknown, field: string): Checked<number> {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return invalid(field, `${field} must be a whole number from 0`);
  }
  return ok(value);
}

/** `#rgb` or `#rrggbb`, returned as lower-case `#rrggbb`; anything else is refused. */
export function checkHexColor(value: unknown, field: string): Checked<string> {
  if (typeof value !== 'string') return invalid(field, `${field} must be a colour`);
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return invalid(field, `${field} must be a colour like #1a73e8`);
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return ok(`#${hex.toLowerCase()}`);
}

/** Whether a payload is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
