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
import { checkMessageText, isRecord, type Checked } from './validators.js';

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = (field: string, message: string): Checked<never> => ({ ok: false, error: { code: 'invalid_field', field, message } });

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// Bidi controls and invisible characters: they disguise text and count for nothing.
const INVISIBLE = '\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF';
const HAS_INVISIBLE = new RegExp(`[${INVISIBLE}]`);
const ALL_INVISIBLE = new RegExp(`[${INVISIBLE}]`, 'g');

/** Calling code of each region, e.g. `FR` → `33`. Pure, so a bundle that never reads it drops the table. */
export const COUNTRY_CALLING_CODES: ReadonlyMap<string, string> = /* @__PURE__ */ (() =>
  new Map(CALLING_CODES.split(' ').map((entry) => [entry.slice(0, 2), entry.slice(2)])))();

/** A region code the phone fields know (ISO 3166-1 alpha-2, upper case). */
export function checkCountry(value: unknown, field = 'country'): Checked<string> {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return COUNTRY_CALLING_CODES.has(code) ? ok(code) : fail(field, `${field} must be a country code such as FR or US`);
}

/** A phone number as typed, checked for plausibility: what both browser and server agree on. */
export interface PlausiblePhone {
  /** Digits only, without `+` or `00`. */
  digits: string;
  /** Typed with `+` or `00`: the country field does not apply. */
  international: boolean;
}

/**
 * Plausibility of a typed phone number: digits with spaces, dots, dashes, slashes or brackets,
 * optionally led by `+` or `00`; 4 to 15 digits (E.164 allows 15 with the country code). A
 * national number also needs a known `country`.
 */
export function checkPhoneInput(value: unknown, country: unknown, field = 'phone'): Checked<PlausiblePhone> {
  const phone = checkPhoneDigits(value, field);
  if (phone.ok && !phone.value.international && !checkCountry(country).ok) return fail('country', 'choose the country of this number, or type it with its + code');
  return phone;
}

/**
 * The same plausibility without a country: a national number is taken as typed. For forms that
 * keep a number for a person to read (a work item's phone field), not for a call or a text.
 */
export function checkPhoneDigits(value: unknown, field = 'phone'): Checked<PlausiblePhone> {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, `${field} is required`);
  const typed = value.trim();
  if (typed.length > LIMITS.phoneInputMaxLength) return fail(field, `${field} is longer than ${LIMITS.phoneInputMaxLength} characters`);
  // Spaces only (no tabs or line breaks: a number is one line).
  if (!/^(\+|00)?[\d \u00A0().\-/]+$/.test(typed)) return fail(field, `${field} may hold only digits, spaces and + ( ) . - /`);
  const international = typed.startsWith('+') || typed.startsWith('00');
  const all = typed.replace(/\D/g, '');
  const digits = typed.startsWith('00') ? all.slice(2) : all;
  if (digits.length < 4 || digits.length > 15) return fail(field, `${field} must have between 4 and 15 digits`);
  return ok({ digits, international });
}

// Letters of the scripts a domain label must not mix (the homoglyph tricks: Cyrillic "а" in
// "pаypal", Greek "ο" in "gοοgle"). Digits and hyphens belong to no script.
const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u, /\p{Script=Cherokee}/u];

function mixesScripts(label: string): boolean {
  return SCRIPTS.filter((script) => script.test(label)).length > 1;
}

/** The ASCII (punycode) form of a domain, via the URL parser every runtime has; null if invalid. */
function asciiDomain(domain: string): string | null {
  try {
    const host = new URL(`http://${domain}/`).hostname;
    return host === '' || host.includes('%') ? null : host;
  } catch {
    return null;
  }
}

/**
 * An email address the server can send to: one line; at most 254 characters (RFC 5321); an ASCII
 * dot-atom local part of at most 64; a domain of at least two labels, each letters, digits and
 * hyphens once converted to ASCII. An internationalised domain is accepted and returned in its
 * ASCII form (what SMTP sends, and what agents see, so a look-alike cannot pass for the real
 * one); a label that mixes alphabets (Latin with Cyrillic or Greek…) is refused as a likely
 * look-alike. Quoted local parts and IP-literal domains are refused: no customer needs them and
 * they are where header and routing tricks live.
 */
export function checkEmailAddress(value: unknown, field = 'email'): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') return fail(field, `${field} is required`);
  const address = value.trim().normalize('NFC');
  if (CONTROL.test(address) || HAS_INVISIBLE.test(address)) return fail(field, `${field} must be one line without control characters`);
  if (address.length > LIMITS.emailMaxLength) return fail(field, `${field} is longer than ${LIMITS.emailMaxLength} characters`);
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return fail(field, `${field} must look like name@example.com`);
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase().replace(/\.$/, '');
  // Only a host name: URL syntax would make the URL parser below cut the domain short.
  if (/[\s/\\?#:@%[\]]/.test(domain)) return fail(field, `${field} must look like name@example.com`);
  if (local.length > 64) return fail(field, `the part before @ in ${field} is longer than 64 characters`);
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) {
    return fail(field, `${field} must look like name@example.com`);
  }
  if (domain.split('.').some(mixesScripts)) return fail(field, `the domain of ${field} mixes alphabets, as look-alike addresses do`);
  const ascii = /^[\x20-\x7e]*$/.test(domain) ? domain : asciiDomain(domain);
  const labels = ascii?.split('.') ?? [];
  const labelOk = (label: string) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label);
  if (!ascii || labels.length < 2 || !labels.every(labelOk) || /^\d+$/.test(labels[labels.length - 1])) {
    return fail(field, `${field} must look like name@example.com`);
  }
  const normalised = `${local}@${ascii}`;
  if (normalised.length > LIMITS.emailMaxLength) return fail(field, `${field} is longer than ${LIMITS.emailMaxLength} characters`);
  return ok(normalised);
}

/** An email subject: one line (a line break would start a new mail header), 1–200 characters. */
export function checkSubject(value: unknown, field = 'subject'): Checked<string> {
  if (typeof value !== 'string') return fail(field, `${field} is required`);
  if (CONTROL.test(value)) return fail(field, `${field} must be one line`);
  const subject = value.replace(ALL_INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (subject === '') return fail(field, `${field} is required`);
  if (subject.length > LIMITS.subjectMaxLength) return fail(field, `${field} is longer than ${LIMITS.subjectMaxLength} characters`);
  return ok(subject);
}

/** Consent to be called or texted: must be `true`. */
export function checkConsent(value: unknown, field = 'consent'): Checked<true> {
  return value === true ? ok(true) : fail(field, 'the customer must agree to be contacted');
}

/** An optional callback window: absent or null is "as soon as possible"; else two instants in order. */
export function checkWindow(value: unknown, field = 'window'): Checked<TimeWindow | null> {
  if (value === undefined || value === null) return ok(null);
  if (!isRecord(value) || typeof value.from !== 'string' || typeof value.to !== 'string') {
    return fail(field, `${field} must be { from, to } or null`);
  }
  const from = Date.parse(value.from);
  const to = Date.parse(value.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return fail(field, `${field} must run from one time to a later one`);
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
