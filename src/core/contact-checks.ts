/**
 * Checks of the ways to reach a person, as typed in a form: an email address, a phone number's
 * plausibility. Shared by the elevation forms (core/elevation.ts, which re-exports them), the
 * work-item form's email and phone fields, and the server. Apart from the elevation checks so that
 * the work-item form does not carry the calling-code table and the elevation rules.
 *
 * Every check takes `unknown`, never throws, and names the field it refuses; nothing lets a line
 * break into a one-line value.
 */
import { LIMITS } from '../protocol/index.js';
import { invalid, ok, type Checked } from './validators.js';

/** Control characters and line separators: a one-line field refuses them. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// Bidi controls and invisible characters: they disguise text and count for nothing.
const INVISIBLE = '\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF';
const HAS_INVISIBLE = new RegExp(`[${INVISIBLE}]`);
export const ALL_INVISIBLE = new RegExp(`[${INVISIBLE}]`, 'g');

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
 * national number is taken as typed: for forms that keep a number for a person to read (a work
 * item's phone field). A number to call or text also needs its country (`checkPhoneInput`,
 * core/elevation.ts).
 */
export function checkPhoneDigits(value: unknown, field = 'phone'): Checked<PlausiblePhone> {
  if (typeof value !== 'string' || value.trim() === '') return invalid(field, `${field} is required`);
  const typed = value.trim();
  if (typed.length > LIMITS.phoneInputMaxLength) return invalid(field, `${field} is longer than ${LIMITS.phoneInputMaxLength} characters`);
  // Spaces only (no tabs or line breaks: a number is one line).
  if (!/^(\+|00)?[\d \u00A0().\-/]+$/.test(typed)) return invalid(field, `${field} may hold only digits, spaces and + ( ) . - /`);
  const international = typed.startsWith('+') || typed.startsWith('00');
  const all = typed.replace(/\D/g, '');
  const digits = typed.startsWith('00') ? all.slice(2) : all;
  if (digits.length < 4 || digits.length > 15) return invalid(field, `${field} must have between 4 and 15 digits`);
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
  if (typeof value !== 'string' || value.trim() === '') return invalid(field, `${field} is required`);
  const address = value.trim().normalize('NFC');
  if (CONTROL.test(address) || HAS_INVISIBLE.test(address)) return invalid(field, `${field} must be one line without control characters`);
  if (address.length > LIMITS.emailMaxLength) return invalid(field, `${field} is longer than ${LIMITS.emailMaxLength} characters`);
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return invalid(field, `${field} must look like name@example.com`);
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase().replace(/\.$/, '');
  // Only a host name: URL syntax would make the URL parser below cut the domain short.
  if (/[\s/\\?#:@%[\]]/.test(domain)) return invalid(field, `${field} must look like name@example.com`);
  if (local.length > 64) return invalid(field, `the part before @ in ${field} is longer than 64 characters`);
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local)) {
    return invalid(field, `${field} must look like name@example.com`);
  }
  if (domain.split('.').some(mixesScripts)) return invalid(field, `the domain of ${field} mixes alphabets, as look-alike addresses do`);
  const ascii = /^[\x20-\x7e]*$/.test(domain) ? domain : asciiDomain(domain);
  const labels = ascii?.split('.') ?? [];
  const labelOk = (label: string) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label);
  if (!ascii || labels.length < 2 || !labels.every(labelOk) || /^\d+$/.test(labels[labels.length - 1])) {
    return invalid(field, `${field} must look like name@example.com`);
  }
  const normalised = `${local}@${ascii}`;
  if (normalised.length > LIMITS.emailMaxLength) return invalid(field, `${field} is longer than ${LIMITS.emailMaxLength} characters`);
  return ok(normalised);
}
