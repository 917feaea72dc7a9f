/**
 * Locale choice and translation: a missing French string must show English, never a key or
 * `undefined`; placeholders are filled from params.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { consoleCatalogue } from './catalogues/console.js';
import { signInCatalogue } from './catalogues/sign-in.js';
import { widgetCatalogue } from './catalogues/widget.js';
import { localesOf, plural, resolveLocale, translator, type Catalogue } from './i18n.js';

type Key = 'greet' | 'count' | 'onlyEnglish';

const catalogue: Catalogue<Key> = {
  en: { greet: 'Hello {name}', count: '{count} of {max}', onlyEnglish: 'Only in English' },
  fr: { greet: 'Bonjour {name}', count: '{count} sur {max}' },
};

describe('resolveLocale', () => {
  test('a regional tag matches its base language', () => {
    assert.equal(resolveLocale(['fr-CA'], ['en', 'fr']), 'fr');
  });

  test('an exact match is case-insensitive and returns the available spelling', () => {
    assert.equal(resolveLocale(['PT-br'], ['en', 'pt-BR', 'pt']), 'pt-BR');
  });

  test('preferences are tried in order; the first one available wins', () => {
    assert.equal(resolveLocale(['de-DE', 'fr-FR', 'en'], ['en', 'fr']), 'fr');
  });

  test('falls back to English when nothing matches, skipping empty entries', () => {
    assert.equal(resolveLocale(['de', 'ja-JP'], ['en', 'fr']), 'en');
    assert.equal(resolveLocale([null, undefined, ''], ['en', 'fr']), 'en');
    assert.equal(resolveLocale([], ['en', 'fr']), 'en');
  });
});

describe('plural', () => {
  test('follows each language’s rules: French counts 0 and 1 as singular, English only 1', () => {
    const pick = (locale: string, count: number) => plural(locale, count, 'one', 'other');
    assert.deepEqual([0, 1, 2].map((n) => pick('en', n)), ['other', 'one', 'other']);
    assert.deepEqual([0, 1, 2].map((n) => pick('fr', n)), ['one', 'one', 'other']);
  });
});

describe('translator', () => {
  test('translates into the chosen locale and fills placeholders', () => {
    const t = translator(catalogue, 'fr');
    assert.equal(t('greet', { name: 'Ana' }), 'Bonjour Ana');
    assert.equal(t('count', { count: 3, max: 10 }), '3 sur 10');
  });

  test('a key missing in French falls back to the English string', () => {
    assert.equal(translator(catalogue, 'fr')('onlyEnglish'), 'Only in English');
  });

  test('an unknown locale speaks English', () => {
    assert.equal(translator(catalogue, 'xx')('greet', { name: 'Bo' }), 'Hello Bo');
  });

  test('placeholders without a param are left visible, not replaced with undefined', () => {
    assert.equal(translator(catalogue, 'en')('count', { count: 1 }), '1 of {max}');
  });

  test('params are inserted as given, once (no re-expansion of braces in values)', () => {
    assert.equal(translator(catalogue, 'en')('greet', { name: '{name}<b>' }), 'Hello {name}<b>');
  });

  test('inherited object keys are not treated as params', () => {
    assert.equal(translator({ en: { k: 'x {constructor} y' } }, 'en')('k', {}), 'x {constructor} y');
  });
});

describe('shipped catalogues', () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  for (const [name, cat] of [['widget', widgetCatalogue], ['console', consoleCatalogue], ['sign-in', signInCatalogue]] as const) {
    test(`${name}: speaks English and French`, () => {
      assert.deepEqual(localesOf(cat as Catalogue<string>).sort(), ['en', 'fr']);
    });

    test(`${name}: every French string uses the same placeholders as its English one`, () => {
      const en = cat.en as Record<string, string>;
      const fr = (cat.fr ?? {}) as Record<string, string>;
      for (const [key, text] of Object.entries(fr)) {
        assert.ok(key in en, `French key ${key} has no English entry`);
        assert.deepEqual(placeholders(text), placeholders(en[key]), `placeholders of ${key}`);
      }
    });
  }
});
