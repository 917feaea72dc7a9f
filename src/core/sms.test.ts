import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LIMITS } from '../protocol/index.js';
import { countSms } from './sms.js';

describe('countSms', () => {
  test('an empty text costs nothing', () => {
    assert.deepEqual(countSms(''), { encoding: 'gsm7', length: 0, units: 0, segments: 0, perSegment: 160, withinLimit: true });
  });

  test('160 GSM characters fit one SMS; one more splits it into parts of 153', () => {
    assert.equal(countSms('a'.repeat(160)).segments, 1);
    const over = countSms('a'.repeat(161));
    assert.equal(over.segments, 2);
    assert.equal(over.perSegment, 153);
    assert.equal(countSms('a'.repeat(306)).segments, 2);
    assert.equal(countSms('a'.repeat(307)).segments, 3);
  });

  test('French accents of the GSM alphabet stay 7-bit; the extension table counts twice', () => {
    const accented = countSms('Ça coûte 5 € à Noël');
    // "Ç", "à" are in the basic set; "û" and "ë" are not: the text goes as UCS-2.
    assert.equal(accented.encoding, 'ucs2');
    const basic = countSms('Voilà, réglé: 5 €');
    assert.equal(basic.encoding, 'gsm7');
    assert.equal(basic.units, basic.length + 1, '€ takes two septets');
    assert.equal(countSms('{}'.repeat(40)).segments, 1, '80 characters, 160 septets');
    assert.equal(countSms('{}'.repeat(40) + '[').segments, 2);
  });

  test('one character outside the alphabet sends the text as UCS-2: 70, then 67 per part', () => {
    assert.equal(countSms('é'.repeat(70)).encoding, 'gsm7');
    assert.equal(countSms('Ω'.repeat(160)).segments, 1, 'Greek capitals of the GSM set stay 7-bit');
    assert.equal(countSms('ж'.repeat(70)).segments, 1);
    assert.equal(countSms('ж'.repeat(71)).segments, 2);
    const emoji = countSms('👍');
    assert.equal(emoji.encoding, 'ucs2');
    assert.equal(emoji.units, 2, 'an emoji is two UTF-16 code units');
  });

  test('the limit is the server’s, in UTF-16 code units', () => {
    assert.equal(countSms('a'.repeat(LIMITS.smsMaxLength)).withinLimit, true);
    assert.equal(countSms('a'.repeat(LIMITS.smsMaxLength + 1)).withinLimit, false);
  });
});
