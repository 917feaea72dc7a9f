import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countryOptions, regionOf } from './countries.js';
import { COUNTRY_CALLING_CODES } from './elevation.js';

describe('countryOptions', () => {
  test('every region with a calling code, once, named in the language and sorted as it reads', () => {
    const fr = countryOptions('fr');
    assert.deepEqual(new Set(fr.map((c) => c.code)), new Set(COUNTRY_CALLING_CODES.keys()));
    assert.equal(fr.length, COUNTRY_CALLING_CODES.size);
    assert.deepEqual(fr.find((c) => c.code === 'DE'), { code: 'DE', name: 'Allemagne', calling: '49' });
    const collator = new Intl.Collator('fr');
    assert.ok(fr.every((c, i) => i === 0 || collator.compare(fr[i - 1].name, c.name) <= 0));
    assert.equal(countryOptions('en').find((c) => c.code === 'DE')?.name, 'Germany');
  });

  test('is built once per locale', () => {
    assert.equal(countryOptions('fr'), countryOptions('fr'));
    assert.notEqual(countryOptions('fr'), countryOptions('en'));
  });
});

describe('regionOf', () => {
  test('an explicit region first, else the one the language implies, else none', () => {
    assert.equal(regionOf(['fr', 'en-CA']), 'CA');
    assert.equal(regionOf(['fr']), 'FR');
    assert.equal(regionOf(['es-419']), '', 'a region without a calling code');
    assert.equal(regionOf(['not a tag', null, undefined]), '');
  });
});
