/**
 * How many SMS a text costs, for the console's counter under the text-message composer.
 *
 * Invariant: the count follows GSM 03.38 / 3GPP TS 23.040 as carriers bill it. A text written
 * only in the GSM 7-bit alphabet takes 160 characters in one SMS; the characters of its extension
 * table (`{ } [ ] ~ \ | ^ €` and form feed) take two of them. A longer text is split into parts
 * that each give 7 characters to the header joining them (153 each). One character outside the
 * alphabet (most accented capitals, emoji, any non-Latin script) sends the whole text as UCS-2:
 * 70 UTF-16 code units in one SMS, 67 per part. The server's own limit (`LIMITS.smsMaxLength`)
 * counts UTF-16 code units, as `String.length` does; `length` here is that same count.
 */
import { LIMITS } from '../protocol/index.js';
import { checkMessageText, type Checked } from './validators.js';

/** A text message's body: a message text (`checkMessageText`) of at most `LIMITS.smsMaxLength`. */
export function checkSmsText(value: unknown, field = 'text'): Checked<string> {
  const checked = checkMessageText(value, field);
  if (checked.ok && checked.value.length > LIMITS.smsMaxLength) {
    return { ok: false, error: { code: 'message_too_long', field, message: `a text is at most ${LIMITS.smsMaxLength} characters` } };
  }
  return checked;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export interface SmsCount {
  /** `gsm7` when every character is in the GSM alphabet, else `ucs2`. */
  encoding: 'gsm7' | 'ucs2';
  /** UTF-16 code units, what `LIMITS.smsMaxLength` limits. */
  length: number;
  /** Characters as the network counts them: septets (gsm7) or UTF-16 code units (ucs2). */
  units: number;
  /** SMS the text is sent as (0 for an empty text). */
  segments: number;
  /** Units each SMS holds at this length: 160 or 153 (gsm7), 70 or 67 (ucs2). */
  perSegment: number;
  /** Whether the server takes it (at most `LIMITS.smsMaxLength`). */
  withinLimit: boolean;
}

/** Counts the SMS `text` costs. */
export function countSms(text: string): SmsCount {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (BASIC.has(char)) septets += 1;
    else if (EXTENDED.has(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const length = text.length;
  const [units, single, multi] = gsm ? [septets, 160, 153] : [length, 70, 67];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  return {
    encoding: gsm ? 'gsm7' : 'ucs2',
    length,
    units,
    segments,
    perSegment: units <= single ? single : multi,
    withinLimit: length <= LIMITS.smsMaxLength,
  };
}
