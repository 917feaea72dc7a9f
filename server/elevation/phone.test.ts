/**
 * The server's full phone check, with libphonenumber-js's complete metadata (no fake): what a
 * callback may dial and where a text may go. Real numbering plans decide here, so the examples are
 * numbers of the kinds the plans define (mobile, fixed line, premium-rate, shared-cost, short
 * codes); the property runs the library's own example mobiles of every region, altered at random.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { ParleyError } from '../errors.js';
import { normalisePhone, type NormalisedPhone } from './phone.js';

const E164 = /^\+[1-9]\d{3,14}$/;

/** The error `normalisePhone` throws, failing the test if it returns instead. */
function refusal(typed: unknown, country: unknown, purpose: 'callback' | 'sms', field?: string): ParleyError {
  try {
    const accepted = normalisePhone(typed, country, purpose, field);
    assert.fail(`expected ${JSON.stringify(typed)} (${String(country)}, ${purpose}) to be refused, got ${JSON.stringify(accepted)}`);
  } catch (error) {
    if (!(error instanceof ParleyError)) throw error;
    assert.equal(error.code, 'invalid_field');
    return error;
  }
}

describe('normalisePhone: numbers that are accepted', () => {
  const cases: [typed: string, country: string | null, expected: NormalisedPhone][] = [
    ['06 12 34 56 78', 'FR', { e164: '+33612345678', display: '+33 6 12 34 56 78' }],
    ['+33 6 12 34 56 78', null, { e164: '+33612345678', display: '+33 6 12 34 56 78' }],
    ['0033 6 12 34 56 78', null, { e164: '+33612345678', display: '+33 6 12 34 56 78' }],
    ['07.81.23.45.67', 'fr', { e164: '+33781234567', display: '+33 7 81 23 45 67' }],
    ['07400 123456', 'GB', { e164: '+447400123456', display: '+44 7400 123456' }],
    ['+44 (7400) 123-456', 'US', { e164: '+447400123456', display: '+44 7400 123456' }],
    ['(201) 555-0123', 'US', { e164: '+12015550123', display: '+1 201 555 0123' }],
    ['+1 201 555 0123', null, { e164: '+12015550123', display: '+1 201 555 0123' }],
  ];

  test('French, UK and US mobiles come back in E.164 with an international display, for callbacks and texts', () => {
    for (const [typed, country, expected] of cases) {
      for (const purpose of ['callback', 'sms'] as const) {
        assert.deepEqual(normalisePhone(typed, country, purpose), expected, `${typed} (${country}, ${purpose})`);
      }
    }
  });

  test('a national number keeps a leading 0 where the plan does (Italy), unlike the browser guess', () => {
    assert.deepEqual(normalisePhone('06 1234 5678', 'IT', 'callback'), { e164: '+390612345678', display: '+39 06 1234 5678' });
  });

  test('fixed lines and toll-free numbers can be called back', () => {
    assert.equal(normalisePhone('01 42 68 53 00', 'FR', 'callback').e164, '+33142685300');
    assert.equal(normalisePhone('020 3456 7890', 'GB', 'callback').e164, '+442034567890');
    assert.equal(normalisePhone('+1 800 555 0123', null, 'callback').e164, '+18005550123');
  });
});

describe('normalisePhone: numbers that cost the customer or reach no one', () => {
  test('premium-rate numbers are refused for callbacks and texts (+33 899, +1 900, +44 909, +34 803)', () => {
    const premium: [string, string | null][] = [
      ['+33 8 99 12 34 56', null],
      ['08 99 12 34 56', 'FR'],
      ['+1 900 234 5678', null],
      ['1-900-555-0123', 'US'],
      ['+44 909 876 5432', null],
      ['+34 803 123 456', null],
    ];
    for (const [typed, country] of premium) {
      for (const purpose of ['callback', 'sms'] as const) {
        const error = refusal(typed, country, purpose);
        assert.equal(error.field, 'phone');
        assert.match(error.message, /premium-rate/, typed);
      }
    }
  });

  test('shared-cost numbers are refused (+33 810, +33 821, +41 840, +34 902)', () => {
    for (const typed of ['+33 8 10 12 34 56', '+33 8 21 12 34 56', '+41 840 123 456', '+34 902 123 456']) {
      const error = refusal(typed, null, 'callback');
      assert.equal(error.field, 'phone', typed);
      assert.match(error.message, /premium-rate or service/, typed);
    }
  });

  test('UAN and pager numbers are refused (+32 78, +44 76)', () => {
    assert.equal(refusal('+32 78 15 12 34', null, 'callback').field, 'phone');
    assert.equal(refusal('+44 7640 123456', null, 'callback').field, 'phone');
  });

  test('short codes and emergency numbers are refused: 3615, 112, 911, 5-digit SMS codes', () => {
    const short: [string, string][] = [
      ['3615', 'FR'],
      ['36 15', 'FR'],
      ['112', 'FR'],
      ['112', 'GB'],
      ['911', 'US'],
      ['999', 'GB'],
      ['36179', 'FR'],
      ['38888', 'FR'],
      ['72404', 'US'],
      ['61212', 'GB'],
      ['81010', 'GB'],
    ];
    for (const [typed, country] of short) {
      for (const purpose of ['callback', 'sms'] as const) {
        assert.equal(refusal(typed, country, purpose).field, 'phone', `${typed} (${country}, ${purpose})`);
      }
    }
    // Typed with a +, the digits are read as a calling code and a number, which does not exist.
    for (const typed of ['+3615', '+33 3615', '+1 911', '+33 112']) assert.equal(refusal(typed, null, 'callback').field, 'phone', typed);
  });

  test('numbers that match no plan are refused: an unassigned code, a plan\'s wrong length', () => {
    for (const typed of ['+999 1234 5678', '+0612345678', '+33 6 12 34 56', '+33 6 12 34 56 78 9', '+1 201 555 01']) {
      assert.equal(refusal(typed, null, 'callback').field, 'phone', typed);
    }
  });
});

describe('normalisePhone: texts go to mobiles only', () => {
  test('a fixed line cannot receive a text, a mobile can', () => {
    for (const [fixed, mobile, country] of [
      ['01 42 68 53 00', '06 12 34 56 78', 'FR'],
      ['020 3456 7890', '07400 123456', 'GB'],
    ]) {
      const error = refusal(fixed, country, 'sms');
      assert.equal(error.field, 'phone');
      assert.match(error.message, /mobile/);
      assert.match(normalisePhone(mobile, country, 'sms').e164, E164);
    }
  });

  test('a VoIP number (+33 9) can be called back but not texted', () => {
    assert.equal(normalisePhone('09 70 12 34 56', 'FR', 'callback').e164, '+33970123456');
    assert.match(refusal('09 70 12 34 56', 'FR', 'sms').message, /mobile/);
  });

  test('US numbers, where the plan does not tell mobiles from fixed lines, can be texted', () => {
    assert.equal(normalisePhone('+1 650 253 0000', null, 'sms').e164, '+16502530000');
  });
});

describe('normalisePhone: fields', () => {
  test('the plausibility check runs first: a national number without a known country names country', () => {
    for (const country of [null, undefined, '', 'ZZ']) assert.equal(refusal('06 12 34 56 78', country, 'sms').field, 'country');
  });

  test('a number in another country\'s plan is invalid there, and named on the field asked for', () => {
    // A French mobile typed nationally but with the US chosen.
    const error = refusal('06 12 34 56 78', 'US', 'callback', 'mobile');
    assert.equal(error.field, 'mobile');
    assert.match(error.message, /US/);
  });

  test('junk is refused on its field, never with another error type', () => {
    for (const typed of [undefined, null, 42, {}, '', 'call me', '+33 6 12 34 56 78 ext 2', '\u0000']) {
      assert.equal(refusal(typed, 'FR', 'sms', 'mobile').field, 'mobile', JSON.stringify(typed));
    }
  });
});

describe('normalisePhone: whatever is typed', () => {
  // Every region with an example mobile in the library's metadata.
  const regions = getCountries().filter((c) => getExampleNumber(c, examples));
  const digitChars = '0123456789';

  /** An example mobile of a region, typed in one of several ways, with some digits changed. */
  const typedNumber = fc
    .tuple(
      fc.constantFrom(...regions),
      fc.constantFrom('national', 'international', '00', 'digits'),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...digitChars)), { maxLength: 3 }),
      fc.constantFrom(' ', '-', '.', '', '/'),
    )
    .map(([region, style, changes, separator]) => {
      const example = getExampleNumber(region, examples)!;
      let text = style === 'national' ? example.formatNational() : style === 'digits' ? example.nationalNumber : example.formatInternational();
      if (style === '00') text = text.replace(/^\+/, '00');
      text = text.replace(/ /g, separator);
      // Change some digits near the end, where the subscriber number is.
      const chars = [...text];
      const digitAt = chars.flatMap((c, i) => (/\d/.test(c) ? [i] : []));
      for (const [at, digit] of changes) chars[digitAt[digitAt.length - 1 - (at % Math.min(4, digitAt.length))]] = digit;
      return { typed: chars.join(''), country: region as CountryCode | string };
    });
  const anything = fc.record({
    typed: fc.oneof(fc.stringMatching(/^(\+|00)?[\d ().\-/]{1,30}$/), fc.string({ unit: 'binary', maxLength: 40 })),
    country: fc.oneof(fc.constantFrom(...getCountries()), fc.constantFrom('ZZ', '', 'fr')),
  });

  test('an accepted number is E.164, displayed with the same digits, and of a type its purpose allows', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: typedNumber }, { weight: 1, arbitrary: anything }), fc.constantFrom<'callback' | 'sms'>('callback', 'sms'), ({ typed, country }, purpose) => {
        let phone: NormalisedPhone;
        try {
          phone = normalisePhone(typed, country, purpose);
        } catch (error) {
          assert.ok(error instanceof ParleyError, `not a ParleyError: ${String(error)}`);
          assert.equal(error.code, 'invalid_field');
          assert.ok(error.field === 'phone' || error.field === 'country', error.field);
          return;
        }
        accepted += 1;
        assert.match(phone.e164, E164);
        assert.ok(phone.display.startsWith('+'), phone.display);
        assert.equal(phone.display.replace(/\D/g, ''), phone.e164.slice(1), 'display and E.164 differ');
        const type = parsePhoneNumber(phone.e164).getType();
        assert.ok(!['PREMIUM_RATE', 'SHARED_COST', 'VOICEMAIL', 'UAN', 'PAGER'].includes(type ?? ''), `${phone.e164} is ${type}`);
        if (purpose === 'sms') assert.ok(type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE', `${phone.e164} is ${type}`);
      }),
      { numRuns: 500, seed: Number(process.env.FC_SEED) || 20_250_601 },
    );
    assert.ok(accepted > 100, `only ${accepted} of 500 accepted: the property tested little`);
  });
});
