/**
 * The arithmetic of the widget benchmark (bench/widget.ts), apart so that it can be tested
 * without a browser: the summary of a metric over runs, the script bytes loaded by a moment, and
 * which long work on the page is Parley's.
 */
import type { FrameScript, LongFrame, ScriptLoad } from './widget-page.js';

/** A long task, a long frame: over 50 ms (the RAIL budget for answering input). */
export const LONG_MS = 50;

/** One metric over every run, as written in bench/results/widget.json. */
export interface Summary {
  unit: string;
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order. */
  runs: number[];
}

export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Median (the mean of the middle two for an even count), min, max and the runs themselves. */
export function summarize(unit: string, runs: number[]): Summary {
  if (runs.length === 0) throw new Error('no run to summarize');
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { unit, median, min: sorted[0], max: sorted[sorted.length - 1], runs };
}

/**
 * Bytes of the scripts whose response had ended by `until` (page time, ms, as Resource Timing's
 * `responseEnd` in `timing`): as sent and gzipped. A script the page has no timing for is not
 * counted: it was not loaded by that page.
 */
export function scriptsBy(loads: ScriptLoad[], timing: { url: string; responseEnd: number }[], until: number): { bytes: number; gzip: number } {
  const ended = new Set(timing.filter((t) => t.responseEnd <= until).map((t) => t.url));
  const counted = loads.filter((l) => ended.has(l.url));
  return { bytes: sum(counted.map((l) => l.encodedBodyBytes)), gzip: sum(counted.map((l) => l.gzipBytes)) };
}

/**
 * Whether a script is Parley's: the loader `/parley.js` or a chunk under `/parley/`, served from
 * the Parley server's origin `serverOrigin`. Anything else — the host page's own scripts, a
 * script the browser does not name (`''`) — is not.
 */
export function isParleyScript(sourceURL: string, serverOrigin: string): boolean {
  if (!URL.canParse(sourceURL)) return false;
  const url = new URL(sourceURL);
  return url.origin === new URL(serverOrigin).origin && (url.pathname === '/parley.js' || url.pathname.startsWith('/parley/'));
}

/** A long frame as reported: its length, and how much of it Parley's scripts and the rest took. */
export interface FrameShare {
  start: number;
  duration: number;
  blockingDuration: number;
  /** Parley's script entries in the frame, added up (forced style and layout included). */
  parleyScriptMs: number;
  /** Every other script entry, named or not, added up. */
  otherScriptMs: number;
  /**
   * From the start of rendering to the frame's end: animation-frame callbacks (also listed as
   * scripts), observers, style, layout and paint, whoever caused them. 0 when it did not render.
   */
  renderMs: number;
  /** From the start of style and layout to the frame's end (part of `renderMs`). */
  styleAndLayoutMs: number;
  parleyScripts: FrameScript[];
  otherScripts: FrameScript[];
}

/** Parley's long work in one phase of a page's life. */
export interface ParleyLongWork {
  /** Script entries of Parley's over 50 ms each: the long tasks Parley's budget is judged on. */
  longTasks: number;
  /** The longest script entry of Parley's, 0 when no long frame held one. */
  longestScriptMs: number;
  /** Long frames in which a script of Parley's ran, however short. */
  longFrames: number;
  /** The longest of those frames (0 when none), and Parley's script time in it. */
  longestFrameMs: number;
  parleyMsInLongestFrame: number;
  /** Script entries the browser named no URL for that ran over 50 ms: they could be anyone's. */
  unnamedLongScripts: number;
  /** Every long frame of the phase, Parley's script in it or not, in page order. */
  frames: FrameShare[];
}

const frameEnd = (f: LongFrame) => f.start + f.duration;

/** One frame's shares: Parley's scripts, the others, and its rendering. */
function shareOf(frame: LongFrame, isParley: (sourceURL: string) => boolean): FrameShare {
  const parleyScripts = frame.scripts.filter((s) => isParley(s.sourceURL));
  const otherScripts = frame.scripts.filter((s) => !isParley(s.sourceURL));
  const since = (t: number) => (t > 0 ? Math.max(0, frameEnd(frame) - t) : 0);
  return {
    start: frame.start,
    duration: frame.duration,
    blockingDuration: frame.blockingDuration,
    parleyScriptMs: sum(parleyScripts.map((s) => s.duration)),
    otherScriptMs: sum(otherScripts.map((s) => s.duration)),
    renderMs: since(frame.renderStart),
    styleAndLayoutMs: since(frame.styleAndLayoutStart),
    parleyScripts,
    otherScripts,
  };
}

/**
 * Parley's long work among the long animation frames `frames` that overlap `window` (page times,
 * ms; `to` excluded): each such frame counts whole, with every script that ran in it, so that
 * nothing of Parley's that touches the phase is left out. Which script is Parley's is
 * `isParley`'s call on its URL.
 */
export function parleyLongWork(frames: LongFrame[], isParley: (sourceURL: string) => boolean, window: { from: number; to: number }): ParleyLongWork {
  const inWindow = frames.filter((f) => f.duration > LONG_MS && f.start < window.to && frameEnd(f) > window.from).sort((a, b) => a.start - b.start);
  const shares = inWindow.map((f) => shareOf(f, isParley));
  const parleyScripts = shares.flatMap((f) => f.parleyScripts);
  const withParley = shares.filter((f) => f.parleyScripts.length > 0);
  const longestFrame = withParley.reduce<FrameShare | undefined>((a, f) => (a === undefined || f.duration > a.duration ? f : a), undefined);
  return {
    longTasks: parleyScripts.filter((s) => s.duration > LONG_MS).length,
    longestScriptMs: Math.max(0, ...parleyScripts.map((s) => s.duration)),
    longFrames: withParley.length,
    longestFrameMs: longestFrame?.duration ?? 0,
    parleyMsInLongestFrame: longestFrame?.parleyScriptMs ?? 0,
    unnamedLongScripts: shares.flatMap((f) => f.otherScripts).filter((s) => s.sourceURL === '' && s.duration > LONG_MS).length,
    frames: shares,
  };
}

/** The last path segment of a script's URL, or "a script without URL". */
const scriptName = (s: FrameScript) => (s.sourceURL ? s.sourceURL.replace(/[?#].*$/, '').split('/').pop() || s.sourceURL : 'a script without URL');

/**
 * One long frame in a sentence, for the benchmark's notes: its length and start, Parley's
 * scripts in it (each with how it was invoked), the other scripts, and the rendering.
 */
export function describeFrame(f: FrameShare): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  const list = (scripts: FrameScript[]) => scripts.map((s) => `${scriptName(s)} ${s.invokerType} ${ms(s.duration)}`).join(', ');
  return [
    `a ${ms(f.duration)} frame at ${ms(f.start)}`,
    `Parley's scripts ${ms(f.parleyScriptMs)}${f.parleyScripts.length > 0 ? ` (${list(f.parleyScripts)})` : ''}`,
    `other scripts ${ms(f.otherScriptMs)}${f.otherScripts.length > 0 ? ` (${list(f.otherScripts)})` : ''}`,
    `rendering ${ms(f.renderMs)}`,
  ].join(', ');
}
