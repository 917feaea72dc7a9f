/**
 * The browser side of the widget benchmark (bench/widget.ts): a website owner's page on its own
 * origin embedding Parley with the documented script tag, a cold and throttled Chromium tab on
 * it, and the probe that records what Parley costs the page.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** The website owner's page: a tiny HTTP server on its own loopback port. */
export interface HostPage {
  /** `http://localhost:<port>`: another site than the Parley server on 127.0.0.1. */
  origin: string;
  url: string;
  /** Sets the script tag's server and POC (known once the Parley server listens). */
  embed(server: string, poc: string): void;
  close(): Promise<void>;
}

/**
 * An ordinary page — header, navigation, an article, a footer — with no script of its own but
 * Parley's tag, as docs/widget.md documents it, at the end of the body. Every layout shift on it is
 * therefore Parley's. Long tasks mostly are, not always: the same page without the tag, loaded
 * cold at 4× slowdown, once showed a 74 ms task of its own (1 of 7 loads, 2026-11-22), the
 * browser's own first parse and layout. Hence two counts: every long task on the page, and the
 * long tasks of Parley's scripts as the long animation frames attribute them (bench/widget-figures.ts).
 */
function hostHtml(server: string, poc: string): string {
  const paragraph =
    'Our bikes are built to last: steel frames, hand-built wheels and parts you can service at home. ' +
    'Order before noon and we ship the same day; every bike comes with two years of free check-ups.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cycles Martin — city and touring bikes</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #222; }
  header, footer { background: #1d3557; color: #fff; padding: 16px 32px; }
  nav a { color: #fff; margin-right: 16px; }
  main { max-width: 760px; margin: 0 auto; padding: 24px 32px; }
  .product { border: 1px solid #ccc; border-radius: 8px; padding: 16px; margin: 16px 0; }
</style>
</head>
<body>
<header><h1>Cycles Martin</h1><nav><a href="#city">City</a><a href="#touring">Touring</a><a href="#service">Service</a></nav></header>
<main>
  <h2 id="city">City bikes</h2>
  ${Array.from({ length: 4 }, (_, i) => `<p>${paragraph}</p><div class="product"><h3>Model ${i + 1}</h3><p>From ${499 + i * 100} €. Sizes S, M and L.</p></div>`).join('\n  ')}
  <h2 id="touring">Touring bikes</h2>
  ${Array.from({ length: 4 }, () => `<p>${paragraph}</p>`).join('\n  ')}
  <h2 id="service">Service</h2>
  <p>${paragraph}</p>
</main>
<footer><p>Cycles Martin, 12 rue des Vélos, Lyon</p></footer>
<script src="${server}/parley.js" data-poc="${poc}" async></script>
</body>
</html>
`;
}

/** Starts the host page server on a free port of 127.0.0.1, addressed as `localhost`. */
export async function startHostPage(): Promise<HostPage> {
  let html = '';
  const http = createServer((req, res) => {
    if (req.url !== '/') {
      // The browser asks for /favicon.ico: no content, rather than an error in the console.
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(http.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/`,
    embed(server, poc) {
      html = hostHtml(server, poc);
    },
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

/**
 * Installed in the page before any of its scripts (a string: functions handed to the browser must
 * not carry the compiler's helpers). `window.__parleyBench` records long tasks, long animation
 * frames with their scripts, layout shifts and the first pointerdown (capturing,
 * `performance.now()`) from the start of navigation, and offers
 * waits that need no polling from outside: a User Timing mark, a message row on screen, a scroll
 * from the bottom of the transcript to its top in animation frames.
 */
const PROBE = String.raw`(() => {
  if (window !== window.top || window.__parleyBench) return;
  const bench = { longTasks: [], shifts: [], clickAt: null, unsupported: [] };
  // A browser without an entry type does not throw on observe(), it only warns: ask it first.
  const observe = (type, keep) => {
    if (!PerformanceObserver.supportedEntryTypes.includes(type)) {
      bench.unsupported.push(type);
      return null;
    }
    const observer = new PerformanceObserver((list) => list.getEntries().forEach(keep));
    observer.observe({ type, buffered: true });
    return observer;
  };
  observe('longtask', (e) => bench.longTasks.push({ start: e.startTime, duration: e.duration }));
  // Long animation frames with the scripts that ran in them (only those of 5 ms or more: the API
  // names no shorter one), kept as plain objects until the benchmark takes them.
  bench.longFrames = [];
  const keepFrame = (e) => bench.longFrames.push({
    start: e.startTime,
    duration: e.duration,
    blockingDuration: e.blockingDuration,
    renderStart: e.renderStart,
    styleAndLayoutStart: e.styleAndLayoutStart,
    scripts: e.scripts.map((s) => ({
      sourceURL: s.sourceURL,
      sourceFunctionName: s.sourceFunctionName,
      invoker: s.invoker,
      invokerType: s.invokerType,
      start: s.startTime,
      executionStart: s.executionStart,
      duration: s.duration,
      forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
    })),
  });
  let frameObserver = observe('long-animation-frame', keepFrame);
  /**
   * The long frames so far, the last ones not yet delivered included; stops recording, so that
   * what the page keeps afterwards (the heap read later) does not grow with every slow frame.
   */
  bench.takeLongFrames = () => {
    if (frameObserver) {
      frameObserver.takeRecords().forEach(keepFrame);
      frameObserver.disconnect();
      frameObserver = null;
    }
    const frames = bench.longFrames;
    bench.longFrames = [];
    return frames;
  };
  observe('layout-shift', (e) => bench.shifts.push({ start: e.startTime, value: e.value, hadRecentInput: e.hadRecentInput }));
  addEventListener('pointerdown', () => { if (bench.clickAt === null) bench.clickAt = performance.now(); }, { capture: true });

  bench.mark = (name) => {
    const entry = performance.getEntriesByName(name, 'mark')[0];
    return entry ? entry.startTime : null;
  };
  bench.waitMark = (name) => new Promise((resolve) => {
    const seen = bench.mark(name);
    if (seen !== null) return resolve(seen);
    const observer = new PerformanceObserver((list) => {
      const entry = list.getEntries().find((e) => e.name === name);
      if (entry) {
        observer.disconnect();
        resolve(entry.startTime);
      }
    });
    observer.observe({ type: 'mark' });
  });

  // The widget's parts live in (possibly nested) open shadow roots.
  const deepQuery = (root, selector) => {
    const found = root.querySelector(selector);
    if (found) return found;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot && deepQuery(el.shadowRoot, selector);
      if (inner) return inner;
    }
    return null;
  };
  const deepQueryAll = (root, selector, out) => {
    out.push(...root.querySelectorAll(selector));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepQueryAll(el.shadowRoot, selector, out);
    return out;
  };
  let list = null;
  const listRoot = () => {
    if (!list || !list.isConnected) list = deepQuery(document, 'parley-message-list');
    return list && (list.shadowRoot || list);
  };
  const logOf = (root) => root.querySelector('[role="log"]') || deepQuery(root, '[role="log"]') || list;
  /** Message rows in the DOM (each stored message has its sequence number on its row). */
  bench.rowCount = () => {
    const root = listRoot();
    return root ? new Set(deepQueryAll(root, '[data-seq]', []).map((row) => row.getAttribute('data-seq'))).size : 0;
  };
  /** The element that scrolls the transcript: the log, or whatever scrolls inside the list. */
  const scroller = () => {
    const root = listRoot();
    if (!root) return null;
    const log = logOf(root);
    const scrolls = (el) => el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(el).overflowY);
    return log && scrolls(log) ? log : deepQueryAll(root, '*', []).find(scrolls) || log;
  };
  const onScreen = (el, box) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > Math.max(0, box.top) && r.top < Math.min(innerHeight, box.bottom);
  };
  /**
   * Resolves with the start time of the first animation frame in which the row of message 'seq'
   * is inside the transcript's visible box, or null after 'timeoutMs'. One querySelector a frame;
   * a search through nested shadow roots only every tenth frame, should rows live deeper.
   */
  bench.waitRowOnScreen = (seq, timeoutMs) => new Promise((resolve) => {
    const selector = '[data-seq="' + seq + '"]';
    const started = performance.now();
    let frame = 0;
    const check = (t) => {
      frame += 1;
      const root = listRoot();
      const row = root && (root.querySelector(selector) || (frame % 10 === 0 ? deepQuery(root, selector) : null));
      if (row && onScreen(row, logOf(root).getBoundingClientRect())) return resolve(t);
      if (performance.now() - started > timeoutMs) return resolve(null);
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  /**
   * Scrolls the transcript from the bottom to the top, 'step' pixels an animation frame (as a
   * wheel turned steadily would), and resolves with the duration of every frame that scrolled.
   * The top counts as reached once it stays there for 'settleFrames' frames (a list that loads
   * or reveals older rows at the top moves it away again); gives up after 'maxMs'.
   */
  bench.scrollToTop = (step, maxMs, settleFrames) => new Promise((resolve) => {
    let el = scroller();
    if (!el) return resolve(null);
    el.scrollTop = el.scrollHeight;
    const from = el.scrollTop;
    const frames = [];
    const started = performance.now();
    let last = null;
    let scrolled = false;
    let atTop = 0;
    const tick = (t) => {
      if (scrolled && last !== null) frames.push(t - last);
      last = t;
      if (!el.isConnected) el = scroller();
      atTop = el.scrollTop <= 0 ? atTop + 1 : 0;
      const reachedTop = atTop >= settleFrames;
      if (reachedTop || t - started > maxMs) return resolve({ frames, reachedTop, ms: t - started, scrollHeight: el.scrollHeight, from, to: el.scrollTop, topSeq: topSeqOnScreen() });
      scrolled = atTop === 0;
      if (scrolled) el.scrollBy({ top: -step, behavior: 'instant' });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  /**
   * The sequence number of the topmost message on screen: how far up the history a scroll got
   * (its pixels say little, a windowed list adding and dropping rows as it goes). 0 when none is.
   */
  const topSeqOnScreen = () => {
    const root = listRoot();
    if (!root) return 0;
    const box = logOf(root).getBoundingClientRect();
    const seqs = deepQueryAll(root, '[data-seq]', []).filter((row) => onScreen(row, box)).map((row) => Number(row.getAttribute('data-seq')));
    return seqs.length ? Math.min(...seqs) : 0;
  };
  /** Where the row of message 'seq' is, for the message of a run that never saw it on screen. */
  bench.describeRow = (seq) => {
    const root = listRoot();
    if (!root) return 'no message list in the page';
    const row = deepQuery(root, '[data-seq="' + seq + '"]');
    const log = logOf(root);
    const el = scroller();
    const where = (r) => Math.round(r.top) + '–' + Math.round(r.bottom);
    return 'rows in the DOM ' + bench.rowCount() + ', row ' + seq + (row ? ' at ' + where(row.getBoundingClientRect()) : ' absent') +
      ', transcript box ' + where(log.getBoundingClientRect()) +
      (el ? ', scrollTop ' + Math.round(el.scrollTop) + ' of ' + el.scrollHeight + ' (client ' + el.clientHeight + ')' : '');
  };
  /** Resource Timing of the scripts loaded from 'origin' (what the tag loaded, whatever the path). */
  bench.scripts = (origin) => performance.getEntriesByType('resource')
    .filter((e) => e.name.startsWith(origin + '/') && (e.initiatorType === 'script' || /\.m?js$/.test(new URL(e.name).pathname)))
    .map((e) => ({ url: e.name, startTime: e.startTime, responseEnd: e.responseEnd }));
  window.__parleyBench = bench;
})();`;

/** A script the page loaded from the Parley server, with its sizes as the network saw them. */
export interface ScriptLoad {
  url: string;
  /** Bytes on the wire, headers included (CDP `Network.loadingFinished`). */
  transferBytes: number;
  /** Body bytes as sent (compressed if the server compressed it). */
  encodedBodyBytes: number;
  /** The body gzipped at level 9 (as `npm run build` reports bundles), or as sent if gzipped. */
  gzipBytes: number;
  /** The response's Content-Encoding, if any. */
  contentEncoding: string | null;
}

/**
 * Sizes of the scripts from `origin`, taken from the DevTools protocol: Resource Timing shows no
 * size for a cross-origin script without `Timing-Allow-Origin`, which is how a website loads Parley.
 */
export class ScriptSizes {
  readonly #cdp: CDPSession;
  readonly #pending = new Map<string, { url: string; headerBytes: number; contentEncoding: string | null }>();
  readonly #done: Promise<ScriptLoad | null>[] = [];

  constructor(cdp: CDPSession, origin: string) {
    this.#cdp = cdp;
    cdp.on('Network.responseReceived', (e) => {
      const url = e.response.url;
      if (!url.startsWith(`${origin}/`) || (e.type !== 'Script' && !/\.m?js$/.test(new URL(url).pathname))) return;
      const encoding = Object.entries(e.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1];
      this.#pending.set(e.requestId, { url, headerBytes: e.response.encodedDataLength, contentEncoding: encoding ? String(encoding) : null });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const started = this.#pending.get(e.requestId);
      if (!started) return;
      this.#pending.delete(e.requestId);
      this.#done.push(this.#measure(e.requestId, started, e.encodedDataLength));
    });
  }

  async #measure(requestId: string, started: { url: string; headerBytes: number; contentEncoding: string | null }, transferBytes: number): Promise<ScriptLoad | null> {
    const response = await this.#cdp.send('Network.getResponseBody', { requestId }).catch(() => null);
    if (!response) return null;
    const body = Buffer.from(response.body, response.base64Encoded ? 'base64' : 'utf8');
    const encodedBodyBytes = started.contentEncoding ? transferBytes - started.headerBytes : body.length;
    const gzipBytes = started.contentEncoding === 'gzip' ? encodedBodyBytes : gzipSync(body, { level: 9 }).length;
    return { url: started.url, transferBytes, encodedBodyBytes, gzipBytes, contentEncoding: started.contentEncoding };
  }

  /** Every script loaded so far. */
  async loads(): Promise<ScriptLoad[]> {
    return (await Promise.all(this.#done)).filter((s): s is ScriptLoad => s !== null);
  }
}

/** A fresh, cold and throttled tab with the probe installed, not yet navigated. */
export interface BenchTab {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  scripts: ScriptSizes;
}

/**
 * Opens a tab in a fresh browser context (no cache, no storage but `localStorage` given for the
 * host page), with the HTTP cache disabled and cleared and the CPU slowed down `cpuThrottling`
 * times (DevTools' "4× slowdown": a mid-range phone), recording the scripts from `serverOrigin`.
 */
export async function openTab(browser: Browser, options: { host: HostPage; serverOrigin: string; cpuThrottling: number; localStorage?: Record<string, string> }): Promise<BenchTab> {
  const localStorage = Object.entries(options.localStorage ?? {}).map(([name, value]) => ({ name, value }));
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...(localStorage.length > 0 ? { storageState: { cookies: [], origins: [{ origin: options.host.origin, localStorage }] } } : {}),
  });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottling });
  const scripts = new ScriptSizes(cdp, options.serverOrigin);
  return { context, page, cdp, scripts };
}

/** JS heap in use after a full garbage collection, in bytes (CDP HeapProfiler + Runtime). */
export async function heapUsedAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * A script entry point that ran in a long animation frame (PerformanceScriptTiming): times are
 * page times in ms; `duration` runs from `start` (compilation included, for a script element)
 * to the end, forced style and layout included.
 */
export interface FrameScript {
  /** The script's URL (before redirects), '' when the browser names none. */
  sourceURL: string;
  sourceFunctionName: string;
  /** What called it: `BUTTON.onclick`, `Promise.then`, the script's URL… */
  invoker: string;
  /** `classic-script`, `module-script`, `event-listener`, `user-callback`, `resolve-promise`, `reject-promise`. */
  invokerType: string;
  start: number;
  executionStart: number;
  duration: number;
  /** Style and layout the script forced while it ran (part of `duration`). */
  forcedStyleAndLayoutDuration: number;
}

/**
 * An animation frame over 50 ms (PerformanceLongAnimationFrameTiming): its tasks, then rendering
 * from `renderStart` (0 when it did not render), style and layout from `styleAndLayoutStart`.
 */
export interface LongFrame {
  start: number;
  duration: number;
  /** What of it blocked input: each task's time over 50 ms, the rendering counted with the longest task. */
  blockingDuration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: FrameScript[];
}

/** What `window.__parleyBench` offers to the benchmark. */
export interface Probe {
  longTasks: { start: number; duration: number }[];
  takeLongFrames(): LongFrame[];
  shifts: { start: number; value: number; hadRecentInput: boolean }[];
  clickAt: number | null;
  unsupported: string[];
  mark(name: string): number | null;
  waitMark(name: string): Promise<number>;
  rowCount(): number;
  waitRowOnScreen(seq: number, timeoutMs: number): Promise<number | null>;
  describeRow(seq: number): string;
  /** `from` and `to`: the scroll position at the start and at the end. */
  scrollToTop(step: number, maxMs: number, settleFrames: number): Promise<{ frames: number[]; reachedTop: boolean; ms: number; scrollHeight: number; from: number; to: number; topSeq: number } | null>;
  scripts(origin: string): { url: string; startTime: number; responseEnd: number }[];
}

declare global {
  interface Window {
    __parleyBench: Probe;
  }
}
