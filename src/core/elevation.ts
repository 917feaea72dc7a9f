/**
 * Validation of elevation requests ("call me back", "email me", "text me"), shared by the widget's
 * and the console's forms and by the server, which runs the same checks first and then validates
 * phone numbers fully with libphonenumber-js (server/elevation/phone.ts).
 *
 * Invariants:
 * - Every check takes `unknown`, never throws, and names the field it refuses, so a form can put
 *   the server's answer next to the right input.
 * - Nothing here lets a line break into a one-line field: subjects, addresses and numbers that
 *   carry CR, LF or other control characters are refused, never silently joined (they end up in
 *   email headers and connector requests).
 * - Phone numbers: the browser-side rule is plausibility only (characters, digit count, a known
 *   country). Whether a number exists, and is not premium-rate or a short code, is decided on the
 *   server; the widget shows that answer at the field like its own.
 */
import { LIMITS, type ElevationKind, type ProtocolError, type TimeWindow } from '../protocol/index.js';
import { CALLING_CODES } from './calling-codes.js';
import { ALL_INVISIBLE, checkEmailAddress, checkPhoneDigits, CONTROL, type PlausiblePhone } from './contact-checks.js';
import { checkMessageText, invalid, isRecord, ok, type Checked } from './validators.js';

// The email and phone-digit checks live in contact-checks.ts, which the work-item form imports
// without the rest of this module; they are re-exported here for the elevation forms and the server.
export { checkEmailAddress, checkPhoneDigits, type PlausiblePhone } from './contact-checks.js';

/** Calling code of each region, e.g. `FR` → `33`. Pure, so a bundle that never reads it drops the table. */
export const COUNTRY_CALLING_CODES: ReadonlyMap<string, string> = /* @__PURE__ */ (() =>
  new Map(CALLING_CODES.split(' ').map((entry) => [entry.slice(0, 2), entry.slice(2)])))();

/** A region code the phone fields know (ISO 3166-1 alpha-2, upper case). */
export function checkCountry(value: unknown, field = 'country'): Checked<string> {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return COUNTRY_CALLING_CODES.has(code) ? ok(code) : invalid(field, `${field} must be a country code such as FR or US`);
}

/**
 * A phone number to call or text: plausible (`checkPhoneDigits`), and a national number also
 * needs a known `country`.
 */
export function checkPhoneInput(value: unknown, country: unknown, field = 'phone'): Checked<PlausiblePhone> {
  const phone = checkPhoneDigits(value, field);
  if (phone.ok && !phone.value.international && !checkCountry(country).ok) return invalid('country', 'choose the country of this number, or type it with its + code');
  return phone;
}

/** An email subject: one line (a line break would start a new mail header), 1–200 characters. */
export function checkSubject(value: unknown, field = 'subject'): Checked<string> {
  if (typeof value !== 'string') return invalid(field, `${field} is required`);
  if (CONTROL.test(value)) return invalid(field, `${field} must be one line`);
  const subject = value.replace(ALL_INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (subject === '') return invalid(field, `${field} is required`);
  if (subject.length > LIMITS.subjectMaxLength) return invalid(field, `${field} is longer than ${LIMITS.subjectMaxLength} characters`);
  return ok(subject);
}

/** Consent to be called or texted: must be `true`. */
export function checkConsent(value: unknown, field = 'consent'): Checked<true> {
  return value === true ? ok(true) : invalid(field, 'the customer must agree to be contacted');
}

/** An optional callback window: absent or null is "as soon as possible"; else two instants in order. */
export function checkWindow(value: unknown, field = 'window'): Checked<TimeWindow | null> {
  if (value === undefined || value === null) return ok(null);
  if (!isRecord(value) || typeof value.from !== 'string' || typeof value.to !== 'string') {
    return invalid(field, `${field} must be { from, to } or null`);
  }
  const from = Date.parse(value.from);
  const to = Date.parse(value.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return invalid(field, `${field} must run from one time to a later one`);
  return ok({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
}

/** The fields each elevation kind asks for, in form order. */
export const ELEVATION_FIELDS: Readonly<Record<ElevationKind, readonly string[]>> = {
  callback: ['country', 'phone', 'window', 'consent'],
  email: ['email', 'subject', 'message'],
  sms: ['country', 'phone', 'consent'],
};

/** What a customer's form holds, before checking. */
export interface ElevationFormValues {
  phone?: unknown;
  country?: unknown;
  window?: unknown;
  consent?: unknown;
  email?: unknown;
  subject?: unknown;
  message?: unknown;
}

/** The checked request fields of one kind (phone still as typed: the server normalises it). */
export type CheckedElevation =
  | { kind: 'callback'; phone: string; country: string | null; window: TimeWindow | null; consent: true }
  | { kind: 'email'; email: string; subject: string; message: string }
  | { kind: 'sms'; phone: string; country: string | null; consent: true };

/**
 * Checks every field of a customer's elevation form and returns all the problems at once (the
 * forms show each at its field; the server answers with the first).
 */
export function checkElevationForm(kind: ElevationKind, values: ElevationFormValues): { ok: true; value: CheckedElevation } | { ok: false; errors: ProtocolError[] } {
  const errors: ProtocolError[] = [];
  const take = <T>(checked: Checked<T>): T | undefined => {
    if (checked.ok) return checked.value;
    if (!errors.some((e) => e.field === checked.error.field)) errors.push(checked.error);
    return undefined;
  };
  if (kind === 'email') {
    const email = take(checkEmailAddress(values.email));
    const subject = take(checkSubject(values.subject));
    // Cleaned like chat text (control characters and bidi overrides removed, CRLF made LF).
    const checkedMessage = checkMessageText(values.message, 'message');
    const message = checkedMessage.ok ? checkedMessage.value.trim() : undefined;
    if (!checkedMessage.ok) {
      const empty = checkedMessage.error.code === 'message_empty' || typeof values.message !== 'string';
      errors.push({ code: 'invalid_field', field: 'message', message: empty ? 'message is required' : checkedMessage.error.message });
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { kind, email: email!, subject: subject!, message: message! } };
  }
  const phone = take(checkPhoneInput(values.phone, values.country));
  const country = phone && !phone.international ? take(checkCountry(values.country)) ?? null : checkCountry(values.country).ok ? String(values.country).trim().toUpperCase() : null;
  const window = kind === 'callback' ? take(checkWindow(values.window)) : null;
  const consent = take(checkConsent(values.consent));
  if (errors.length > 0) return { ok: false, errors };
  const typed = String(values.phone).trim();
  return kind === 'callback'
    ? { ok: true, value: { kind, phone: typed, country, window: window ?? null, consent: consent! } }
    : { ok: true, value: { kind, phone: typed, country, consent: consent! } };
}

/** Whether an elevation kind exists (the value may come off the wire). */
export function isElevationKind(value: unknown): value is ElevationKind {
  return value === 'callback' || value === 'email' || value === 'sms';
}
