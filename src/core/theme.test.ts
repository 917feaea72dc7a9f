import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contrastRatio, profileToTokens } from './theme.js';

describe('profileToTokens', () => {
  test('puts white on a dark brand colour and keeps the brand as focus colour', () => {
    assert.deepEqual(profileToTokens({ brandColor: '#1a5fb4' }), {
      '--parley-color-brand': '#1a5fb4',
      '--parley-color-on-brand': '#ffffff',
      '--parley-color-focus': '#1a5fb4',
    });
  });

  test('puts near-black on a light brand colour, and picks a visible focus colour instead of it', () => {
    const tokens = profileToTokens({ brandColor: '#FFD400' });
    assert.equal(tokens['--parley-color-brand'], '#ffd400');
    assert.equal(tokens['--parley-color-on-brand'], '#111111');
    assert.ok(contrastRatio(tokens['--parley-color-focus'], '#ffffff') >= 3);
  });

  test('every text colour it picks reads at AA on its brand colour', () => {
    for (const brand of ['#000000', '#ffffff', '#777777', '#e91e63', '#00bcd4', '#8bc34a', '#3f51b5', '#ff9800']) {
      const tokens = profileToTokens({ brandColor: brand });
      assert.ok(contrastRatio(tokens['--parley-color-on-brand'], brand) >= 4.5, brand);
    }
  });

  test('never lets a value that is not a colour into a declaration', () => {
    const tokens = profileToTokens({ brandColor: 'red;}:host{display:none' });
    assert.equal(tokens['--parley-color-brand'], '#1a5fb4');
  });
});

describe('contrastRatio', () => {
  test('spans 1 (same colour) to 21 (black on white), whatever the order', () => {
    assert.equal(contrastRatio('#123456', '#123456'), 1);
    assert.equal(Math.round(contrastRatio('#000000', '#ffffff') * 100) / 100, 21);
    assert.equal(contrastRatio('#ffffff', '#000000'), contrastRatio('#000000', '#ffffff'));
  });
});
