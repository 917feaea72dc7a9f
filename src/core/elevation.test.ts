/**
 * The elevation validators shared by the widget's forms and the server: the exact boundaries of
 * a plausible phone number (E.164's 15 digits, the 4-digit floor, `+` and `00`), the one-line
 * rule that keeps header injection out of email addresses and subjects, address lengths, and the
 * homoglyph rules for internationalised domains. The server's full phone check is tested in
 * server/elevation/phone.test.ts; random and hostile inputs in elevation.property.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { LIMITS } from '../protocol/index.js';
import { CALLING_CODES } from './calling-codes.js';
import {
  COUNTRY_CALLING_CODES,
  checkConsent,
  checkCountry,
  checkElevationForm,
  checkEmailAddress,
  checkPhoneInput,
  checkSubject,
  checkWindow,
} from './elevation.js';

type Refusal = { code: string; field?: string; message: string };

/** Unwraps a successful result, failing the test with the error otherwise. */
function value<T>(checked: { ok: true; value: T } | { ok: false; error: Refusal }): T {
  if (!checked.ok) assert.fail(`expected ok, got ${JSON.stringify(checked.error)}`);
  return checked.value;
}

/** Unwraps a refusal, failing the test if the value was accepted. */
function refusal(checked: { ok: true; value: unknown } | { ok: false; error: Refusal }, input?: unknown): Refusal {
  if (checked.ok) assert.fail(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(checked.value)}`);
  assert.equal(checked.error.code, 'invalid_field');
  return checked.error;
}

// Every character that ends a line somewhere (CR, LF, VT, FF, NEL, LS, PS) and a sample of the
// other C0/C1 controls. Each is one way to start a new header in a mail or a connector request.
const LINE_BREAKS = ['\r\n', '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029'];
const OTHER_CONTROLS = ['\u0000', '\u0007', '\t', '\u001b', '\u007f', '\u0090', '\u009b'];
const BIDI_CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f'];
const show = (s: string) => JSON.stringify(s);

describe('checkPhoneInput: E.164 plausibility', () => {
  test('accepts 15 digits after +, the most E.164 allows', () => {
    assert.deepEqual(value(checkPhoneInput('+123456789012345', undefined)), { digits: '123456789012345', international: true });
  });

  test('refuses 16 digits after +, and 16 after 00', () => {
    assert.equal(refusal(checkPhoneInput('+1234567890123456', undefined)).field, 'phone');
    assert.equal(refusal(checkPhoneInput('001234567890123456', undefined)).field, 'phone');
  });

  test('accepts 4 digits and refuses 3 (112, 911 and other 3-digit codes never pass)', () => {
    assert.deepEqual(value(checkPhoneInput('+1234', undefined)), { digits: '1234', international: true });
    for (const short of ['+123', '112', '911', '1 1 2', '15']) {
      assert.equal(refusal(checkPhoneInput(short, 'FR'), short).field, 'phone', short);
    }
  });

  test('counts digits after the 00 prefix, not the prefix itself', () => {
    assert.deepEqual(value(checkPhoneInput('00123456789012345', undefined)), { digits: '123456789012345', international: true });
    assert.deepEqual(value(checkPhoneInput('00 33 6 12 34 56 78', undefined)), { digits: '33612345678', international: true });
    // "0033" is the prefix and two digits: too short.
    assert.equal(refusal(checkPhoneInput('0033', 'FR')).field, 'phone');
  });

  test('+ and 00 make a number international: the country field does not apply', () => {
    for (const country of [undefined, null, '', 'ZZ', 42]) {
      assert.equal(value(checkPhoneInput('+33 6 12 34 56 78', country)).international, true);
      assert.equal(value(checkPhoneInput('0033 6 12 34 56 78', country)).international, true);
    }
  });

  test('a national number needs a country, refused on field country otherwise', () => {
    for (const country of [undefined, null, '', '  ', 42, {}]) {
      const error = refusal(checkPhoneInput('06 12 34 56 78', country), country);
      assert.equal(error.field, 'country', JSON.stringify(country));
    }
  });

  test('an unknown country is refused; a known one is accepted in any case, trimmed', () => {
    for (const country of ['ZZ', 'XX', 'FRA', 'UK', 'F', '33', 'EU']) {
      assert.equal(refusal(checkPhoneInput('06 12 34 56 78', country), country).field, 'country', country);
    }
    for (const country of ['FR', 'fr', ' Fr ']) {
      assert.deepEqual(value(checkPhoneInput('06 12 34 56 78', country)), { digits: '0612345678', international: false });
    }
  });

  test('allows spaces, dots, dashes, slashes and brackets between digits', () => {
    assert.equal(value(checkPhoneInput('(06) 12.34-56/78', 'FR')).digits, '0612345678');
    assert.equal(value(checkPhoneInput('+1 (201) 555-0123', undefined)).digits, '12015550123');
    assert.equal(value(checkPhoneInput('  +44 7400 123456  ', undefined)).digits, '447400123456');
  });

  test('refuses letters, other symbols, a second + and + in the middle', () => {
    const bad = ['06 12 34 56 7a', '+33 6 12#34 56', '+33*612345678', '++33612345678', '33+612345678', '0612345678;ext=2', 'tel:+33612345678', '+33 6 12 34 56 78,', '٠٦١٢٣٤٥٦٧٨', '０６１２３４５６７８'];
    for (const typed of bad) assert.equal(refusal(checkPhoneInput(typed, 'FR'), typed).field, 'phone', typed);
  });

  test('refuses a missing, blank or non-string number, naming the field asked for', () => {
    for (const typed of [undefined, null, '', '   ', 33612345678, ['+33612345678'], {}]) {
      assert.equal(refusal(checkPhoneInput(typed, 'FR', 'mobile'), typed).field, 'mobile');
    }
  });

  test('refuses more than phoneInputMaxLength characters, even with few digits', () => {
    const padded = `+33 6 12 34 56 78${' '.repeat(LIMITS.phoneInputMaxLength)}9`;
    assert.equal(refusal(checkPhoneInput(padded, undefined)).field, 'phone');
    const exactly = `+1${'-'.repeat(LIMITS.phoneInputMaxLength - 6)}2345`;
    assert.equal(exactly.length, LIMITS.phoneInputMaxLength);
    assert.equal(value(checkPhoneInput(exactly, undefined)).digits, '12345');
  });

  test('refuses line breaks and other control characters inside a number', () => {
    // The module's invariant: a one-line field carrying CR, LF or another control character is
    // refused. checkElevationForm passes the number on as typed, so a break kept here travels on.
    const accepted = [...LINE_BREAKS, ...OTHER_CONTROLS].filter((c) => checkPhoneInput(`+33 6 12${c}34 56 78`, undefined).ok);
    assert.deepEqual(accepted.map(show), [], 'characters accepted inside a number');
  });
});

describe('checkCountry and the calling-code table', () => {
  test('src/core/calling-codes.ts is what scripts/calling-codes.mjs makes from the installed metadata', async () => {
    // A variable specifier: the script is plain JavaScript without type declarations.
    const script = new URL('../../scripts/calling-codes.mjs', import.meta.url).href;
    const { callingCodesSource } = (await import(script)) as { callingCodesSource(): string };
    const committed = readFileSync(new URL('./calling-codes.ts', import.meta.url), 'utf8');
    assert.equal(committed, callingCodesSource(), 'run `node scripts/calling-codes.mjs` to update the table');
  });

  test('the table maps each region once to its calling code', () => {
    const entries = CALLING_CODES.split(' ');
    assert.equal(COUNTRY_CALLING_CODES.size, entries.length, 'no region twice');
    for (const [region, code] of COUNTRY_CALLING_CODES) {
      assert.match(region, /^[A-Z]{2}$/);
      assert.match(code, /^[1-9]\d{0,2}$/, region);
    }
    assert.equal(COUNTRY_CALLING_CODES.get('FR'), '33');
    assert.equal(COUNTRY_CALLING_CODES.get('GB'), '44');
    assert.equal(COUNTRY_CALLING_CODES.get('US'), '1');
    assert.equal(COUNTRY_CALLING_CODES.get('IN'), '91');
    assert.equal(COUNTRY_CALLING_CODES.get('KZ'), '7');
  });

  test('checkCountry accepts a known region in any case and refuses the rest on its field', () => {
    assert.equal(value(checkCountry(' gb ')), 'GB');
    for (const bad of ['ZZ', 'GBR', '', null, 44, undefined, 'constructor', '__proto__']) {
      assert.equal(refusal(checkCountry(bad, 'region'), bad).field, 'region');
    }
  });
});

describe('checkEmailAddress: one line only', () => {
  test('refuses the classic header injection a@b.com\\r\\nBcc: x@y.z', () => {
    assert.equal(refusal(checkEmailAddress('a@b.com\r\nBcc: x@y.z')).field, 'email');
  });

  test('refuses every line break and control character, wherever it stands', () => {
    for (const c of [...LINE_BREAKS, ...OTHER_CONTROLS]) {
      for (const address of [`a@b.com${c}Bcc: x@y.z`, `a${c}@b.com`, `a@b${c}.com`, `${c}a@b.com${c}x`]) {
        assert.equal(refusal(checkEmailAddress(address), address).field, 'email', show(address));
      }
    }
  });

  test('refuses bidi controls, which make an address read differently from what it is', () => {
    for (const c of BIDI_CONTROLS) {
      assert.equal(refusal(checkEmailAddress(`a${c}@b.com`)).field, 'email', show(c));
      assert.equal(refusal(checkEmailAddress(`a@b${c}.com`)).field, 'email', show(c));
    }
  });

  test('a line break around the address is trimmed with the other spaces, never kept', () => {
    // Pasted addresses often end in a newline; trimming it joins nothing, so it is not refused.
    for (const [typed, expected] of [['a@b.com\r\n', 'a@b.com'], ['\na@b.com', 'a@b.com'], ['\ta@b.com\u2028', 'a@b.com']]) {
      assert.equal(value(checkEmailAddress(typed)), expected, show(typed));
    }
  });
});

describe('checkEmailAddress: lengths', () => {
  const domainOf = (length: number) => {
    // Labels of 63 characters joined by dots, ending in ".com", exactly `length` long.
    const labels: string[] = [];
    let rest = length - 4;
    while (rest > 0) {
      const n = Math.min(63, rest);
      labels.push('d'.repeat(n));
      rest -= n + 1;
    }
    const domain = `${labels.join('.')}.com`;
    return domain.length === length ? domain : `${'e'.repeat(length - domain.length)}${domain}`;
  };

  test('accepts exactly 254 characters with a 64-character local part', () => {
    const address = `${'l'.repeat(64)}@${domainOf(254 - 65)}`;
    assert.equal(address.length, LIMITS.emailMaxLength);
    assert.equal(value(checkEmailAddress(address)), address);
  });

  test('refuses 255 characters', () => {
    const address = `${'l'.repeat(64)}@${domainOf(255 - 65)}`;
    assert.equal(address.length, 255);
    assert.equal(refusal(checkEmailAddress(address)).field, 'email');
  });

  test('refuses addresses of 320 characters and more (the old 64 + 1 + 255 maximum)', () => {
    for (const length of [320, 321, 1000, 100_000]) {
      const address = `${'l'.repeat(64)}@${domainOf(length - 65)}`;
      assert.equal(address.length, length);
      assert.equal(refusal(checkEmailAddress(address)).field, 'email', String(length));
    }
  });

  test('refuses a local part of 65 characters and accepts one of 64', () => {
    assert.equal(value(checkEmailAddress(`${'x'.repeat(64)}@b.com`)), `${'x'.repeat(64)}@b.com`);
    const error = refusal(checkEmailAddress(`${'x'.repeat(65)}@b.com`));
    assert.equal(error.field, 'email');
    assert.match(error.message, /64/);
  });

  test('refuses a domain label of 64 characters and accepts one of 63', () => {
    assert.ok(checkEmailAddress(`a@${'b'.repeat(63)}.com`).ok);
    assert.equal(refusal(checkEmailAddress(`a@${'b'.repeat(64)}.com`)).field, 'email');
  });

  test('refuses an internationalised domain that grows past 254 characters in ASCII form', () => {
    // Five labels of 17 scattered Han characters: about 100 characters typed, each label about
    // 56 once in punycode, so the address SMTP would use is longer than 254.
    const han = (seed: number) => Array.from({ length: 17 }, (_, i) => String.fromCodePoint(0x4e00 + ((seed * 7919 + i * 104729) % 20000))).join('');
    const address = `${'l'.repeat(10)}@${[1, 2, 3, 4, 5].map(han).join('.')}.com`;
    assert.ok(address.length <= LIMITS.emailMaxLength, `typed ${address.length}`);
    assert.ok(checkEmailAddress(`l@${han(1)}.com`).ok, 'one such label alone is fine');
    const error = refusal(checkEmailAddress(address));
    assert.equal(error.field, 'email');
    assert.match(error.message, /longer than 254/);
  });
});

describe('checkEmailAddress: shape', () => {
  test('accepts ordinary addresses, lower-casing the domain and dropping its final dot', () => {
    assert.equal(value(checkEmailAddress('  Jo.Smith+chat@Example.COM. ')), 'Jo.Smith+chat@example.com');
    assert.equal(value(checkEmailAddress("o'brien_x{y}@sub.example.co.uk")), "o'brien_x{y}@sub.example.co.uk");
  });

  test('refuses quoted local parts, IP literals, numeric top-level domains and single labels', () => {
    const bad = ['"a b"@example.com', '"a@b"@example.com', 'a@[127.0.0.1]', 'a@[IPv6:::1]', 'a@127.0.0.1', 'a@example.123', 'a@localhost', 'a@example'];
    for (const address of bad) assert.equal(refusal(checkEmailAddress(address), address).field, 'email', address);
  });

  test('refuses broken dot-atoms and broken labels', () => {
    const bad = ['.a@b.com', 'a.@b.com', 'a..b@b.com', 'a b@b.com', 'a@b..com', 'a@-b.com', 'a@b-.com', 'a@b_c.com', 'a@.b.com', '@b.com', 'a@', 'ab.com', 'a@b@c@', 'a(b)@c.com', 'a<b>@c.com', 'jösé@example.com'];
    for (const address of bad) assert.equal(refusal(checkEmailAddress(address), address).field, 'email', address);
  });

  test('refuses URL syntax after an internationalised domain instead of cutting it off', () => {
    // The domain is converted with the URL parser, which stops a host at "/", "\", "?", "#" and ":"
    // and would send to a domain other than the one typed.
    const bad = ['a@good.com/é', 'a@evil.com\\é', 'a@good.com?é', 'a@good.com#é', 'a@é.com:25', 'a@é.com/x'];
    const accepted = bad.filter((address) => checkEmailAddress(address).ok).map((address) => `${address} → ${value(checkEmailAddress(address))}`);
    assert.deepEqual(accepted, [], 'addresses accepted and rewritten');
  });

  test('refuses non-strings, naming the field asked for', () => {
    for (const bad of [undefined, null, 42, {}, ['a@b.com'], true]) {
      assert.equal(refusal(checkEmailAddress(bad, 'replyTo'), bad).field, 'replyTo');
    }
  });
});

describe('checkEmailAddress: look-alike domains', () => {
  test('refuses a label mixing Latin with Cyrillic (pаypal with a Cyrillic а)', () => {
    const error = refusal(checkEmailAddress('jo@p\u0430ypal.com'));
    assert.equal(error.field, 'email');
    assert.match(error.message, /alphabets/);
  });

  test('refuses a label mixing Latin with Greek (gοοgle with Greek ο)', () => {
    assert.equal(refusal(checkEmailAddress('jo@g\u03bf\u03bfgle.com')).field, 'email');
  });

  test('refuses a label mixing Cyrillic with Greek, and Latin with Armenian or Cherokee', () => {
    for (const domain of ['\u0430\u03b2\u0441.com', 'go\u0585gle.com', 'ex\u13aample.com']) {
      assert.equal(refusal(checkEmailAddress(`jo@${domain}`), domain).field, 'email', domain);
    }
  });

  test('an all-Cyrillic look-alike of apple.com comes back in punycode, never as apple.com', () => {
    // а р р ӏ е: Cyrillic letters drawn like "apple".
    const lookalike = 'jo@\u0430\u0440\u0440\u04cf\u0435.com';
    const address = value(checkEmailAddress(lookalike));
    assert.equal(address, 'jo@xn--80ak6aa92e.com');
    assert.notEqual(address, 'jo@apple.com');
    assert.match(address, /^[\x21-\x7e]+$/);
  });

  test('an all-Greek or all-Cyrillic label is accepted in ASCII form, as is Latin with diacritics', () => {
    assert.equal(value(checkEmailAddress('jo@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444')), 'jo@xn--e1afmkfd.xn--p1ai');
    assert.equal(value(checkEmailAddress('jo@M\u00fcnchen.de')), 'jo@xn--mnchen-3ya.de');
    // Decomposed "u" + combining diaeresis is composed (NFC) first: the same address.
    assert.equal(value(checkEmailAddress('jo@mu\u0308nchen.de')), 'jo@xn--mnchen-3ya.de');
    assert.equal(value(checkEmailAddress('jo@\u03b1\u03b2\u03b3.gr')), 'jo@xn--mxacd.gr');
  });

  test('labels of different scripts are fine when each label keeps to one', () => {
    assert.equal(value(checkEmailAddress('jo@\u043f\u0440\u0438\u043c\u0435\u0440.com')), 'jo@xn--e1afmkfd.com');
  });

  test('a punycode domain typed as such is kept as typed (already ASCII, nothing to mistake)', () => {
    assert.equal(value(checkEmailAddress('jo@xn--80ak6aa92e.com')), 'jo@xn--80ak6aa92e.com');
  });
});

describe('checkSubject', () => {
  test('refuses the header injection Hello\\r\\nBcc: x@y.z', () => {
    assert.equal(refusal(checkSubject('Hello\r\nBcc: x@y.z')).field, 'subject');
  });

  test('refuses every line break and control character, leading and trailing ones included', () => {
    for (const c of [...LINE_BREAKS, ...OTHER_CONTROLS]) {
      for (const subject of [`Hello${c}Bcc: x@y.z`, `${c}Hello`, `Hello${c}`]) {
        assert.equal(refusal(checkSubject(subject), subject).field, 'subject', show(subject));
      }
    }
  });

  test('collapses runs of spaces (Unicode ones too) and trims', () => {
    assert.equal(value(checkSubject('  My   order\u00a0\u00a0 #123\u3000 ')), 'My order #123');
  });

  test('removes every bidi control, not only the first', () => {
    for (const c of BIDI_CONTROLS) {
      const subject = value(checkSubject(`${c}Refund${c} for order ${c}42${c}`));
      assert.equal(subject, 'Refund for order 42', show(c));
    }
  });

  test('accepts 200 characters and refuses 201, counted after collapsing spaces', () => {
    assert.equal(value(checkSubject('s'.repeat(LIMITS.subjectMaxLength))).length, LIMITS.subjectMaxLength);
    assert.equal(refusal(checkSubject('s'.repeat(LIMITS.subjectMaxLength + 1))).field, 'subject');
    assert.equal(value(checkSubject(`${'s'.repeat(100)}      ${'s'.repeat(99)}`)).length, LIMITS.subjectMaxLength);
  });

  test('refuses blank and non-string subjects, naming the field asked for', () => {
    for (const bad of ['', '   ', '\u3000', '\u202e', undefined, null, 7, {}]) {
      assert.equal(refusal(checkSubject(bad, 'title'), bad).field, 'title');
    }
  });
});

describe('checkConsent and checkWindow', () => {
  test('consent must be exactly true', () => {
    assert.equal(value(checkConsent(true)), true);
    for (const bad of [false, 'true', 1, 'yes', null, undefined, {}]) assert.equal(refusal(checkConsent(bad), bad).field, 'consent');
  });

  test('an absent window is "as soon as possible"; a window is normalised to ISO instants', () => {
    assert.equal(value(checkWindow(undefined)), null);
    assert.equal(value(checkWindow(null)), null);
    assert.deepEqual(value(checkWindow({ from: '2025-03-31T09:00:00+02:00', to: '2025-03-31T10:00:00+02:00' })), {
      from: '2025-03-31T07:00:00.000Z',
      to: '2025-03-31T08:00:00.000Z',
    });
  });

  test('refuses windows that are empty, reversed, unparseable or not { from, to }', () => {
    const bad = [
      { from: '2025-03-31T09:00:00Z', to: '2025-03-31T09:00:00Z' },
      { from: '2025-03-31T10:00:00Z', to: '2025-03-31T09:00:00Z' },
      { from: 'soon', to: 'later' },
      { from: 1743411600000, to: 1743415200000 },
      { from: '2025-03-31T09:00:00Z' },
      '2025-03-31T09:00:00Z/2025-03-31T10:00:00Z',
      [],
    ];
    for (const window of bad) assert.equal(refusal(checkWindow(window), window).field, 'window', JSON.stringify(window));
  });
});

describe('checkElevationForm', () => {
  const fields = (result: ReturnType<typeof checkElevationForm>) => (result.ok ? [] : result.errors.map((e) => e.field));

  test('email: reports email, subject and message together, in form order', () => {
    assert.deepEqual(fields(checkElevationForm('email', {})), ['email', 'subject', 'message']);
    const hostile = checkElevationForm('email', {
      email: 'a@b.com\r\nBcc: x@y.z',
      subject: 'Hello\r\nBcc: x@y.z',
      message: 'm'.repeat(LIMITS.messageMaxLength + 1),
    });
    assert.deepEqual(fields(hostile), ['email', 'subject', 'message']);
    assert.ok(!hostile.ok && hostile.errors.every((e) => e.code === 'invalid_field'));
  });

  test('callback: reports country, window and consent together when the number is national', () => {
    const result = checkElevationForm('callback', {
      phone: '06 12 34 56 78',
      country: 'XX',
      window: { from: '2025-03-31T10:00:00Z', to: '2025-03-31T09:00:00Z' },
      consent: 'yes',
    });
    assert.deepEqual(fields(result), ['country', 'window', 'consent']);
  });

  test('callback: reports phone, window and consent together, and each field once', () => {
    const result = checkElevationForm('callback', { phone: 'call me', window: 'tomorrow', consent: false });
    assert.deepEqual(fields(result), ['phone', 'window', 'consent']);
    assert.deepEqual(fields(checkElevationForm('callback', {})), ['phone', 'consent']);
    // A national number without a country names "country" once, not twice.
    assert.deepEqual(fields(checkElevationForm('callback', { phone: '0612345678', consent: true })), ['country']);
  });

  test('sms: reports phone and consent, and ignores any window', () => {
    assert.deepEqual(fields(checkElevationForm('sms', { phone: '1', window: 'garbage' })), ['phone', 'consent']);
  });

  test('returns the checked values: email normalised, subject collapsed, message trimmed', () => {
    const result = checkElevationForm('email', { email: ' Jo@Example.COM ', subject: ' Order   42 ', message: '  Where is it?\nThanks  ' });
    assert.deepEqual(result, { ok: true, value: { kind: 'email', email: 'Jo@example.com', subject: 'Order 42', message: 'Where is it?\nThanks' } });
  });

  test('returns a callback with its country upper-cased and its window in ISO form', () => {
    const result = checkElevationForm('callback', {
      phone: ' 06 12 34 56 78 ',
      country: 'fr',
      window: { from: '2025-03-31T09:00:00+02:00', to: '2025-03-31T10:00:00+02:00' },
      consent: true,
    });
    assert.deepEqual(result, {
      ok: true,
      value: { kind: 'callback', phone: '06 12 34 56 78', country: 'FR', window: { from: '2025-03-31T07:00:00.000Z', to: '2025-03-31T08:00:00.000Z' }, consent: true },
    });
  });

  test('an international number ignores an unknown country instead of refusing the form', () => {
    assert.deepEqual(checkElevationForm('sms', { phone: '+44 7400 123456', country: 'ZZ', consent: true }), {
      ok: true,
      value: { kind: 'sms', phone: '+44 7400 123456', country: null, consent: true },
    });
  });

  test('never passes a line break on in the phone it returns', () => {
    const result = checkElevationForm('sms', { phone: '+33 6 12 34\r\n56 78', consent: true });
    assert.ok(!result.ok, `accepted ${JSON.stringify(result.ok && result.value)}`);
    assert.deepEqual(fields(result), ['phone']);
  });
});
