/**
 * Full phone-number validation for elevations, with libphonenumber-js's complete metadata (the
 * browser only checks plausibility: src/core/contact-checks.ts and src/core/elevation.ts). Decides what a callback may dial and
 * where a text may go.
 */
import { parsePhoneNumberWithError, type NumberType } from 'libphonenumber-js/max';
import { checkPhoneInput } from '../../src/core/elevation.js';
import { must, ParleyError } from '../errors.js';

/**
 * Number types never called back or texted: they cost the caller money (premium-rate, shared-cost,
 * and personal numbers, which forward anywhere at the caller's expense) or reach no person.
 */
const REFUSED: ReadonlySet<NumberType> = new Set(['PREMIUM_RATE', 'SHARED_COST', 'VOICEMAIL', 'UAN', 'PAGER', 'PERSONAL_NUMBER']);
/** Types a text message can reach. */
const TEXTABLE: ReadonlySet<NumberType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

export interface NormalisedPhone {
  /** E.164, e.g. `+33612345678`. */
  e164: string;
  /** International format for people, e.g. `+33 6 12 34 56 78`. */
  display: string;
}

/**
 * Normalises a typed number to E.164, or throws `invalid_field` naming `phone` (or `country`):
 * the number must exist in the numbering plan (short codes and emergency numbers do not), must not
 * be premium-rate, shared-cost, voicemail access, UAN or pager, and for SMS must be a mobile.
 */
export function normalisePhone(typed: unknown, country: unknown, purpose: 'callback' | 'sms', field = 'phone'): NormalisedPhone {
  const plausible = must(checkPhoneInput(typed, country, field));
  const text = plausible.international ? `+${plausible.digits}` : String(typed);
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(text, plausible.international ? undefined : (String(country).trim().toUpperCase() as never));
  } catch {
    throw new ParleyError('invalid_field', `${field} is not a phone number`, field);
  }
  if (!parsed.isValid()) throw new ParleyError('invalid_field', `${field} is not a valid number${parsed.country ? ` in ${parsed.country}` : ''}`, field);
  const type = parsed.getType();
  if (type && REFUSED.has(type)) throw new ParleyError('invalid_field', `${field} is a premium-rate or service number, which cannot be used`, field);
  if (purpose === 'sms' && !(type && TEXTABLE.has(type))) throw new ParleyError('invalid_field', `${field} must be a mobile number to receive texts`, field);
  return { e164: parsed.number, display: parsed.formatInternational() };
}
