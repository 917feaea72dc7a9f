/**
 * The widget benchmark's arithmetic: a metric's median and spread over runs, and which scripts
 * count as loaded by a moment of the page (bench/widget-figures.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scriptsBy, summarize } from './widget-figures.js';
import type { ScriptLoad } from './widget-page.js';

describe('summarize', () => {
  test('an odd number of runs: the middle value, the extremes, and the runs in their order', () => {
    assert.deepEqual(summarize('ms', [30, 10, 20]), { unit: 'ms', median: 20, min: 10, max: 30, runs: [30, 10, 20] });
  });

  test('an even number of runs: the mean of the middle two', () => {
    assert.equal(summarize('count', [4, 1, 3, 2]).median, 2.5);
  });

  test('no run at all is refused rather than summarized as NaN', () => {
    assert.throws(() => summarize('ms', []), /no run/);
  });
});

describe('scriptsBy', () => {
  const load = (url: string, encodedBodyBytes: number, gzipBytes: number): ScriptLoad => ({ url, transferBytes: encodedBodyBytes + 300, encodedBodyBytes, gzipBytes, contentEncoding: null });
  const loads = [load('http://s/parley.js', 15_000, 6_000), load('http://s/parley/chat-a.js', 150_000, 48_000), load('http://s/parley/link-b.js', 44_000, 13_000)];
  const timing = [
    { url: 'http://s/parley.js', responseEnd: 700 },
    { url: 'http://s/parley/chat-a.js', responseEnd: 1_100 },
    { url: 'http://s/parley/link-b.js', responseEnd: 4_600 },
  ];

  test('counts the scripts whose response ended by then, as sent and gzipped', () => {
    assert.deepEqual(scriptsBy(loads, timing, 1_000), { bytes: 15_000, gzip: 6_000 });
    assert.deepEqual(scriptsBy(loads, timing, 1_100), { bytes: 165_000, gzip: 54_000 });
    assert.deepEqual(scriptsBy(loads, timing, 5_000), { bytes: 209_000, gzip: 67_000 });
  });

  test('a script the page has no timing for is not counted', () => {
    assert.deepEqual(scriptsBy(loads, timing.slice(0, 1), 5_000), { bytes: 15_000, gzip: 6_000 });
  });
});
