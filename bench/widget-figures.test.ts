/**
 * The widget benchmark's arithmetic: a metric's median and spread over runs, which scripts count
 * as loaded by a moment of the page, and which long work is Parley's (bench/widget-figures.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeFrame, isParleyScript, parleyLongWork, scriptsBy, summarize } from './widget-figures.js';
import type { FrameScript, LongFrame, ScriptLoad } from './widget-page.js';

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

const SERVER = 'http://127.0.0.1:4000';
const LOADER = `${SERVER}/parley.js`;
const CHUNK = `${SERVER}/parley/chat-YaHAFu2F.js`;
const HOST_SCRIPT = 'http://localhost:5000/shop.js';

describe('isParleyScript', () => {
  test("the loader and the chunks under /parley/ on the Parley server's origin are Parley's", () => {
    for (const url of [LOADER, `${LOADER}?v=2`, CHUNK, `${SERVER}/parley/deep/link-b.js`]) assert.equal(isParleyScript(url, SERVER), true, url);
  });

  test('the same paths on another origin, other paths, and scripts without a URL are not', () => {
    for (const url of ['http://localhost:5000/parley.js', 'http://127.0.0.1:4001/parley/chat.js', `${SERVER}/parley.json`, `${SERVER}/parleyx/a.js`, `${SERVER}/console.js`, HOST_SCRIPT, '', 'not a URL']) {
      assert.equal(isParleyScript(url, SERVER), false, url);
    }
  });
});

describe('parleyLongWork', () => {
  const isParley = (url: string) => isParleyScript(url, SERVER);
  const run = (sourceURL: string, start: number, duration: number, forcedStyleAndLayoutDuration = 0, invokerType = 'classic-script'): FrameScript => ({
    sourceURL,
    sourceFunctionName: '',
    invoker: sourceURL,
    invokerType,
    start,
    executionStart: start,
    duration,
    forcedStyleAndLayoutDuration,
  });
  /** A frame whose tasks take `scriptsMs` from its start, then renders until its end. */
  const frame = (start: number, duration: number, scripts: FrameScript[], renderAfterMs = duration): LongFrame => ({
    start,
    duration,
    blockingDuration: Math.max(0, duration - 50),
    renderStart: start + renderAfterMs,
    styleAndLayoutStart: start + renderAfterMs,
    scripts,
  });
  const all = { from: 0, to: 10_000 };

  test("a run of Parley's scripts over 50 ms is one of Parley's long tasks; 50 ms, or another site's script, is not", () => {
    const frames = [frame(100, 120, [run(LOADER, 105, 73)]), frame(400, 130, [run(CHUNK, 400, 50, 0, 'module-script'), run(HOST_SCRIPT, 450, 75)])];
    const work = parleyLongWork(frames, isParley, all);
    assert.equal(work.longTasks, 1);
    assert.equal(work.longestScriptMs, 73);
    assert.equal(work.longFrames, 2);
    assert.deepEqual(work.frames.map((f) => [f.parleyScriptMs, f.otherScriptMs]), [[73, 0], [50, 75]]);
  });

  test('forced style and layout counts once: it is part of the duration, not added to it', () => {
    const work = parleyLongWork([frame(0, 120, [run(CHUNK, 0, 45, 10), run(CHUNK, 60, 55, 20)])], isParley, all);
    assert.equal(work.longTasks, 1);
    assert.equal(work.longestScriptMs, 55);
    assert.equal(work.frames[0].parleyScriptMs, 100);
  });

  test("a 30 ms script followed by 40 ms of rendering is no long task of Parley's, yet shows as a 70 ms frame with Parley's 30 ms", () => {
    const work = parleyLongWork([frame(1000, 70, [run(CHUNK, 1000, 30, 0, 'event-listener')], 30)], isParley, all);
    assert.equal(work.longTasks, 0);
    assert.equal(work.longFrames, 1);
    assert.equal(work.longestFrameMs, 70);
    assert.equal(work.parleyMsInLongestFrame, 30);
    assert.equal(work.frames[0].renderMs, 40);
    assert.equal(work.frames[0].styleAndLayoutMs, 40);
  });

  test("several shorter runs of Parley's scripts in one frame add up in its share", () => {
    const work = parleyLongWork([frame(0, 66, [run(CHUNK, 0, 30, 0, 'resolve-promise'), run(LOADER, 31, 30, 0, 'user-callback')])], isParley, all);
    assert.equal(work.longTasks, 0);
    assert.equal(work.parleyMsInLongestFrame, 60);
  });

  test("the longest frame is the longest with Parley's script in it, not a longer one of others", () => {
    const work = parleyLongWork([frame(160, 245, []), frame(450, 125, [run(LOADER, 490, 73)]), frame(700, 90, [run(CHUNK, 700, 20)])], isParley, all);
    assert.equal(work.longFrames, 2);
    assert.equal(work.longestFrameMs, 125);
    assert.equal(work.parleyMsInLongestFrame, 73);
    // Every long frame of the phase is kept, the one without Parley's script too.
    assert.deepEqual(work.frames.map((f) => f.start), [160, 450, 700]);
  });

  test('frames overlapping the window count whole, with every script in them; others do not count', () => {
    const frames = [frame(500, 100, [run(CHUNK, 510, 80)]), frame(950, 100, [run(CHUNK, 955, 60)]), frame(1500, 60, [run(CHUNK, 1500, 55)]), frame(2000, 90, [run(CHUNK, 2000, 85)])];
    const work = parleyLongWork(frames, isParley, { from: 1000, to: 2000 });
    assert.deepEqual(work.frames.map((f) => f.start), [950, 1500]);
    assert.equal(work.longTasks, 2);
    assert.equal(work.longestScriptMs, 60);
  });

  test("a long script the browser names no URL for is not Parley's, and is counted as unnamed", () => {
    const work = parleyLongWork([frame(0, 100, [run('', 0, 80), run('', 85, 10)])], isParley, all);
    assert.equal(work.longTasks, 0);
    assert.equal(work.longFrames, 0);
    assert.equal(work.unnamedLongScripts, 1);
  });

  test('no long frame: zeros, not −Infinity', () => {
    const work = parleyLongWork([frame(0, 50, [run(LOADER, 0, 45)])], isParley, all);
    const zero = { longTasks: 0, longestScriptMs: 0, longFrames: 0, longestFrameMs: 0, parleyMsInLongestFrame: 0, unnamedLongScripts: 0, frames: 0 };
    assert.deepEqual({ ...work, frames: work.frames.length }, zero);
  });

  test('describeFrame names the scripts, how they were invoked, and the rendering', () => {
    const [share] = parleyLongWork([frame(444.6, 124.9, [run(LOADER, 490.7, 73.2), run('', 570, 6)], 122)], isParley, all).frames;
    assert.equal(describeFrame(share), "a 125 ms frame at 445 ms, Parley's scripts 73 ms (parley.js classic-script 73 ms), other scripts 6 ms (a script without URL classic-script 6 ms), rendering 3 ms");
  });
});
