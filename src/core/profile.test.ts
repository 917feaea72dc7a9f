/**
 * Reading chat profiles: whatever a stored or received profile holds, the widget gets every
 * required field with a safe value, and the fields that fell back to defaults are reported.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PROFILE, localizedTexts, readProfile } from './profile.js';

const good = {
  version: 1,
  title: 'Acme Support',
  subtitle: 'Fast answers',
  greeting: 'Hi there',
  brandColor: '#1A5FB4',
  locale: 'fr',
  texts: { fr: { title: 'Assistance Acme', greeting: 'Bonjour' } },
};

describe('readProfile', () => {
  test('a valid profile passes through with nothing reported', () => {
    const { profile, problems } = readProfile(good);
    assert.deepEqual(problems, []);
    assert.deepEqual(profile, { ...good, brandColor: '#1a5fb4' });
  });

  test('a bad colour falls back to the default and is listed', () => {
    const { profile, problems } = readProfile({ ...good, brandColor: 'not-a-colour' });
    assert.equal(profile.brandColor, DEFAULT_PROFILE.brandColor);
    assert.deepEqual(problems, ['brandColor']);
    assert.equal(profile.title, 'Acme Support');
  });

  test('hostile brand colours that try to leave the CSS declaration are refused', () => {
    const hostile = [
      'red;}</style><img src=x onerror=alert(1)>',
      '#fff;}</style><script>alert(1)</script>',
      '#fff; background: url(https://evil.example/x)',
      'expression(alert(1))',
      'var(--x)',
      '#fff\n}',
      'red',
    ];
    for (const brandColor of hostile) {
      const { profile, problems } = readProfile({ ...good, brandColor });
      assert.equal(profile.brandColor, DEFAULT_PROFILE.brandColor, brandColor);
      assert.ok(problems.includes('brandColor'), brandColor);
      assert.match(profile.brandColor, /^#[0-9a-f]{6}$/);
    }
  });

  test('overlong texts are refused and replaced by defaults', () => {
    const long = 'x'.repeat(501);
    const { profile, problems } = readProfile({ ...good, title: long, greeting: long, subtitle: long });
    assert.equal(profile.title, DEFAULT_PROFILE.title);
    assert.equal(profile.greeting, DEFAULT_PROFILE.greeting);
    assert.equal(profile.subtitle, undefined);
    assert.deepEqual(problems.sort(), ['greeting', 'title']);
  });

  test('a text of exactly 500 characters is kept', () => {
    const { profile } = readProfile({ ...good, title: 't'.repeat(500) });
    assert.equal(profile.title.length, 500);
  });

  test('texts are cleaned of control characters; blank texts fall back', () => {
    const { profile, problems } = readProfile({ ...good, title: 'Acme\u0000\u202E Help', greeting: '  \n ' });
    assert.equal(profile.title, 'Acme Help');
    assert.equal(profile.greeting, DEFAULT_PROFILE.greeting);
    assert.ok(problems.includes('greeting'));
  });

  test('a non-object gives the whole default profile and reports it', () => {
    for (const raw of [null, undefined, 'profile', 42, ['title'], true]) {
      const { profile, problems } = readProfile(raw);
      assert.deepEqual(profile, DEFAULT_PROFILE, JSON.stringify(raw));
      assert.ok(problems.includes('profile'));
    }
  });

  test('fields of the wrong type fall back without throwing', () => {
    const { profile, problems } = readProfile({ title: 42, greeting: { html: '<b>' }, brandColor: ['#fff'] });
    assert.equal(profile.title, DEFAULT_PROFILE.title);
    assert.equal(profile.greeting, DEFAULT_PROFILE.greeting);
    assert.deepEqual(problems.sort(), ['brandColor', 'greeting', 'title']);
  });

  test('unknown fields are not passed through', () => {
    const { profile } = readProfile({ ...good, css: 'body{display:none}', onload: 'alert(1)' });
    assert.ok(!('css' in profile));
    assert.ok(!('onload' in profile));
  });

  test('bad locale tags and malformed per-locale texts are dropped', () => {
    const { profile } = readProfile({
      ...good,
      locale: 'fr"><script>',
      texts: { 'en-GB': { title: 'Acme UK', extra: 'no' }, 'bad locale': { title: 'x' }, de: 'not an object', es: { title: 'x'.repeat(501) } },
    });
    assert.equal(profile.locale, undefined);
    assert.deepEqual(profile.texts, { 'en-GB': { title: 'Acme UK' }, es: {} });
  });

  test('a __proto__ key in per-locale texts does not pollute Object.prototype', () => {
    const raw = JSON.parse('{"title":"T","greeting":"G","brandColor":"#fff","texts":{"__proto__":{"title":"polluted"}}}') as unknown;
    readProfile(raw);
    assert.equal(({} as Record<string, unknown>).title, undefined);
  });
});

describe('localizedTexts', () => {
  const { profile } = readProfile(good);

  test('per-locale overrides win over base texts, regional tags use their language', () => {
    assert.deepEqual(localizedTexts(profile, 'fr-CA'), { title: 'Assistance Acme', greeting: 'Bonjour', subtitle: 'Fast answers' });
  });

  test('a locale without overrides gets the base texts', () => {
    assert.deepEqual(localizedTexts(profile, 'de'), { title: 'Acme Support', greeting: 'Hi there', subtitle: 'Fast answers' });
  });
});
