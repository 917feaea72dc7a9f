/**
 * WCAG 2.2 relative luminance and contrast ratio, checked against values the WCAG definitions
 * give and against reference pairs commonly used to calibrate checkers.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contrastRatio, luminance } from './contrast.js';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

describe('luminance', () => {
  test('black is 0, white is 1, each primary its coefficient', () => {
    assert.equal(luminance('#000000'), 0);
    assert.equal(round(luminance('#ffffff'), 10), 1);
    assert.equal(round(luminance('#ff0000'), 4), 0.2126);
    assert.equal(round(luminance('#00ff00'), 4), 0.7152);
    assert.equal(round(luminance('#0000ff'), 4), 0.0722);
  });

  test('uses the linear segment at the bottom of the sRGB curve', () => {
    // 10/255 ≈ 0.0392 is under the 0.04045 threshold: c / 12.92.
    assert.equal(luminance('#0a0a0a'), 10 / 255 / 12.92);
    // Mid grey #808080: ((128/255 + 0.055) / 1.055) ^ 2.4 ≈ 0.2159.
    assert.equal(round(luminance('#808080'), 4), 0.2159);
  });

  test('is case-insensitive', () => {
    assert.equal(luminance('#1A5FB4'), luminance('#1a5fb4'));
  });
});

describe('contrastRatio', () => {
  test('spans 1 (same colour) to 21 (black on white), whatever the order', () => {
    assert.equal(contrastRatio('#123456', '#123456'), 1);
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#000000'), 21);
    assert.equal(contrastRatio('#e91e63', '#1a5fb4'), contrastRatio('#1a5fb4', '#e91e63'));
  });

  test('reference pairs', () => {
    const pairs: [string, string, number][] = [
      ['#767676', '#ffffff', 4.54], // the lightest grey that passes AA on white
      ['#777777', '#ffffff', 4.48],
      ['#595959', '#ffffff', 7.0], // the lightest grey that passes AAA on white
      ['#1a5fb4', '#ffffff', 6.29],
      ['#ff0000', '#ffffff', 4.0],
      ['#0000ff', '#ffffff', 8.59],
      ['#ffff00', '#000000', 19.56],
    ];
    for (const [a, b, expected] of pairs) assert.equal(round(contrastRatio(a, b)), expected, `${a} on ${b}`);
  });

  test('is always between 1 and 21', () => {
    // A grid of 4 096 colours (every channel in steps of 17), each against black, white and a neighbour.
    const grid = Array.from({ length: 4096 }, (_, i) => `#${[i >> 8, (i >> 4) & 15, i & 15].map((c) => (c * 17).toString(16).padStart(2, '0')).join('')}`);
    grid.forEach((c, i) => {
      for (const other of ['#000000', '#ffffff', grid[(i * 7919) % grid.length]]) {
        const r = contrastRatio(c, other);
        assert.ok(r >= 1 && r <= 21, `${c} on ${other}: ${r}`);
      }
    });
  });
});
