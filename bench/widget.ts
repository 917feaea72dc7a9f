/**
 * Widget benchmark: what does Parley cost the website that embeds it? A benchmark, not a test: it
 * prints figures, and fails (exit 1) only when something failed — the chat did not open, a
 * message was lost, the history never came on screen.
 *
 * Set-up, real parts only:
 *   - the Parley server in its own process (test/chaos/server-process.ts through ServerProcess,
 *     no rate limits: `PARLEY_SETTINGS=no-limits`), serving dist/ (`npm run build` first), on a
 *     fresh SQLite data directory deleted at the end. Before it starts, the store is seeded: the
 *     demo, the host page's origin on the demo chat POC's allowed website origins, and a
 *     returning visitor whose conversation holds `--history` (5 000) messages;
 *   - a website owner's page on another site (http://localhost:<port>, the server being on
 *     127.0.0.1), ordinary content and no script but the documented tag
 *     `<script src="SERVER/parley.js" data-poc="POC" async>` — so every layout shift is Parley's,
 *     and most long tasks, not all: the browser's own first parse and layout of the page can take
 *     one (hence Parley's long tasks told apart, below);
 *   - the demo agent `agent1`, signed in from this process, accepting every offer and answering
 *     every customer message;
 *   - Chromium (scripts/find-chrome.mjs: CHROME_PATH or the system one) driven by playwright-core,
 *     each measured page in a fresh browser context with the HTTP cache disabled and cleared and
 *     the CPU slowed 4× (`Emulation.setCPUThrottlingRate`, a mid-range phone).
 *
 * Each run (default 7, `--quick` 3, `--runs N`) opens two cold pages:
 *   1. a new visitor: from navigation until the launcher shows (User Timing marks the widget
 *      leaves, src/core/perf-marks.ts: script start — `parley:loader-start`, else the end of the
 *      parley.js response — to `parley:launcher-visible`); 2 s later a real mouse click on the
 *      launcher, recorded in the page by a capturing pointerdown listener, to `parley:panel-ready`
 *      and `parley:connected`; long work in two phases, the cold load (from navigation until 2 s
 *      after the launcher shows) and the open (from the click until 2 s after the chat is ready):
 *        - `parleyLongTasks`, `parleyLongTasksOpen`: Parley's long tasks, on which the budget is
 *          judged. The Long Animation Frames API (`long-animation-frame` entries, Chromium ≥ 123)
 *          names the scripts that ran in each frame over 50 ms: their URL, what invoked them
 *          (the script element, an event listener, a promise callback, a timer) and their
 *          duration, forced style and layout included. A long task of Parley's is such a script
 *          entry over 50 ms whose URL is Parley's: the loader /parley.js or a chunk under
 *          /parley/, on the Parley server's origin (bench/widget-figures.ts isParleyScript); with
 *          it, the longest script entry of Parley's (`longestParleyScriptMs`…);
 *        - `parleyLongFrames`, `parleyLongFramesOpen`: the long frames (> 50 ms) in which a script
 *          of Parley's ran at all, counted whole — other scripts, style, layout and paint
 *          included — with the longest one and Parley's script time in it. This is where work
 *          Parley causes outside its scripts shows (a 30 ms script followed by 40 ms of layout
 *          is a 70 ms frame, not a long task of Parley's), and a task made of several shorter
 *          runs of Parley's scripts;
 *        - `longTasks`, `longTasksOpen`: every long task on the page (`longtask` entries over
 *          50 ms), whoever ran it, with the longest.
 *      What it does not cover: a script the API names no URL for is not counted as Parley's (the
 *      notes list any over 50 ms), nor are scripts under 5 ms (the API does not name them); every
 *      long frame of the cold load is in the notes with its scripts and rendering, and every
 *      long frame of both phases in the raw results. Layout shifts without recent input over both
 *      phases (CLS); the JavaScript loaded from the Parley server by the time the launcher shows
 *      and once the chat is connected, until the open has settled 2 s later (any path: a loader
 *      and its chunks), as sent and gzipped at level 9 when the server does not compress (sizes
 *      from the DevTools protocol, times from Resource Timing). Then
 *      `--messages` (100) customer messages typed into the composer, `--gap` (100) ms apart, each
 *      answered by the agent; once the last answer shows, the JS heap in use after a full garbage
 *      collection;
 *   2. the returning visitor (their token in localStorage, as the widget keeps it): from
 *      navigation — the launcher clicked as soon as it shows — until the last of the 5 000
 *      messages is on screen; then the transcript scrolled from the bottom to the top,
 *      `--scroll-step` (400) px each animation frame, for at most `--scroll-seconds` (60): the 95th
 *      percentile of frame durations (nearest rank), frames over 50 ms, and message rows in the
 *      DOM at the end (a scroll stopped before the top is noted with how far it got).
 * Printed: each metric's median, min–max and every run, beside the budgets (launcher script
 * ≤ 10 kB gzipped, all the chat needs ≤ 45 kB gzipped, CLS 0, no long task over 50 ms from Parley
 * in the cold load), judged on every run; then notes, among them every long frame of the cold load
 * with its scripts. The raw figures go to bench/results/widget.json.
 *
 * Reproduce (Linux, Chromium installed or CHROME_PATH set):
 *   npm run build
 *   npm run bench:widget                    # 7 runs
 *   npm run bench:widget -- --quick         # 3 runs
 *   npm run bench:widget -- --runs 11 --messages 100 --history 5000 --scroll-step 400 --out /tmp/widget.json
 * Figures depend on the machine and on what else runs on it: take them on a quiet machine.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { visitorTokenKey } from '../src/core/chat-session.js';
import { DEMO_IDS } from '../src/protocol/index.js';
import { ServerProcess } from '../test/chaos/server-control.js';
import { collectErrors, launchBrowser } from '../test/helpers/browser.js';
import { describeMachine, formatTable, percentile, writeResults } from './report.js';
import { WIDGET_BUDGETS } from './report/sections.js';
import { describeFrame, isParleyScript, LONG_MS, parleyLongWork, scriptsBy, sum, summarize, type ParleyLongWork, type Summary } from './widget-figures.js';
import { heapUsedAfterGc, openTab, startHostPage, type HostPage } from './widget-page.js';
import { AnsweringAgent, QUESTION_PREFIX, seedStore, type ReturningVisitor } from './widget-setup.js';

const HERE = dirname(fileURLToPath(import.meta.url));

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
const RUNS = option('--runs', QUICK ? 3 : 7);
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1] : join(HERE, 'results', 'widget.json');
/** Customer messages in the conversation after which the heap is read (each gets an answer). */
const MESSAGES = option('--messages', 100);
/** Between two customer messages: a fast typist, not a flood. */
const GAP_MS = option('--gap', 100);
const HISTORY = option('--history', 5000);
/** Pixels scrolled each animation frame: a wheel turned briskly. */
const SCROLL_STEP = option('--scroll-step', 400);
const CPU_THROTTLING = 4;
/** How long after the launcher shows (and after the chat is ready) long tasks still count. */
const SETTLE_MS = 2000;
/** How long a step may take before the run counts as failed. */
const STEP_TIMEOUT_MS = 60_000;
const CONVERSATION_TIMEOUT_MS = 180_000;
/**
 * A scroll that has not reached the top by then stops there, and its frames are those measured
 * so far (the report says how far it got): a list that takes seconds a frame would take an hour.
 */
const SCROLL_MAX_MS = option('--scroll-seconds', 60) * 1000;
/** Frames the scroll must stay at the top before it counts as there. */
const SETTLE_FRAMES = 20;
const KB = 1024;

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The metrics of widget.json, in the order they are printed, with their units. */
const METRICS = {
  scriptBytesLauncher: 'bytes',
  scriptGzipLauncher: 'bytes',
  scriptBytesChat: 'bytes',
  scriptGzipChat: 'bytes',
  launcherVisibleMs: 'ms',
  launcherVisibleFromNavigationMs: 'ms',
  panelReadyMs: 'ms',
  connectedMs: 'ms',
  parleyLongTasks: 'count',
  longestParleyScriptMs: 'ms',
  parleyLongFrames: 'count',
  longestParleyFrameMs: 'ms',
  parleyMsInLongestFrame: 'ms',
  longTasks: 'count',
  longestTaskMs: 'ms',
  parleyLongTasksOpen: 'count',
  longestParleyScriptOpenMs: 'ms',
  parleyLongFramesOpen: 'count',
  longTasksOpen: 'count',
  longestTaskOpenMs: 'ms',
  cls: 'score',
  heapMb200: 'MiB',
  history5000RenderMs: 'ms',
  history5000ScrollFrameP95Ms: 'ms',
  history5000ScrollLongFrames: 'count',
  history5000DomRows: 'count',
  history5000ScrolledMessages: 'count',
} as const;
type MetricKey = keyof typeof METRICS;
type Figures = Partial<Record<MetricKey, number>>;

/** What one measured page gives: its figures, the raw detail, and what the reader should know. */
interface RunResult {
  figures: Figures;
  detail: Record<string, unknown>;
  notes?: string[];
}

/** Everything a run needs. */
interface Bench {
  browser: Browser;
  host: HostPage;
  server: string;
  agent: AnsweringAgent;
  visitor: ReturningVisitor;
}

/** Rejects with `what` when `promise` takes longer than `ms`. */
async function within<T>(promise: Promise<T>, what: string, ms = STEP_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const longest = (tasks: { duration: number }[]) => Math.max(0, ...tasks.map((t) => t.duration));

/** The error of a failed run, with what the page logged (a script that did not load, say). */
function withPageErrors(err: unknown, pageErrors: string[]): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(pageErrors.length > 0 ? `${message} (the page logged: ${pageErrors.slice(0, 3).join(' | ')})` : message);
}

/**
 * What the figures alone do not say: every long frame of the cold load (so that a long task on
 * the page is explained, Parley's or not), and scripts over 50 ms the browser named no URL for
 * (they could be Parley's: the figures would not count them).
 */
function longWorkNotes(load: ParleyLongWork, open: ParleyLongWork): string[] {
  const notes = load.frames.map((f) => `cold load: ${describeFrame(f)}`);
  for (const [phase, work] of [['cold load', load], ['opening the chat', open]] as const) {
    if (work.unnamedLongScripts > 0) notes.push(`${phase}: ${work.unnamedLongScripts} script(s) over ${LONG_MS} ms without a URL, not counted as Parley's`);
  }
  return notes;
}

/** Clicks the launcher with the mouse, at its centre, as a visitor would. */
async function clickLauncher(page: import('playwright-core').Page): Promise<void> {
  const launcher = page.locator('parley-chat').getByRole('button', { name: /open chat/i });
  await launcher.waitFor({ timeout: STEP_TIMEOUT_MS });
  const box = await launcher.boundingBox({ timeout: STEP_TIMEOUT_MS });
  if (!box) throw new Error('the launcher has no box on the page');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

const questionOf = (run: number, i: number) => `${QUESTION_PREFIX} ${i} (run ${run}): do you have the touring bike in size L?`;

/** A new visitor: cold load, open, a conversation of MESSAGES questions and answers, heap. */
async function newVisitorRun(bench: Bench, run: number): Promise<RunResult> {
  const tab = await openTab(bench.browser, { host: bench.host, serverOrigin: bench.server, cpuThrottling: CPU_THROTTLING });
  const { page } = tab;
  const errors = collectErrors(page);
  try {
    await page.goto(bench.host.url, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
    const launcherVisible = await within(page.evaluate(() => window.__parleyBench.waitMark('parley:launcher-visible')), 'the launcher did not show');
    await sleep(SETTLE_MS + 200);
    await clickLauncher(page);
    const [panelReady, connected] = await within(
      Promise.all([page.evaluate(() => window.__parleyBench.waitMark('parley:panel-ready')), page.evaluate(() => window.__parleyBench.waitMark('parley:connected'))]),
      'the chat did not open and connect',
    );
    await sleep(SETTLE_MS + 200);
    const probe = await page.evaluate((origin) => {
      const b = window.__parleyBench;
      return {
        longTasks: b.longTasks,
        longFrames: b.takeLongFrames(),
        shifts: b.shifts,
        clickAt: b.clickAt,
        loaderStart: b.mark('parley:loader-start'),
        scripts: b.scripts(origin),
        unsupported: b.unsupported,
      };
    }, bench.server);
    if (probe.unsupported.length > 0) throw new Error(`this Chromium does not report ${probe.unsupported.join(', ')} entries`);
    if (probe.clickAt === null) throw new Error('the click on the launcher never reached the page');
    const clickAt = probe.clickAt;
    const tagScript = probe.scripts.find((s) => new URL(s.url).pathname.endsWith('/parley.js'));
    const scriptStart = probe.loaderStart ?? tagScript?.responseEnd;
    if (scriptStart === undefined) throw new Error('the page shows no parley.js load');
    const loadEnd = launcherVisible + SETTLE_MS;
    const openEnd = Math.max(panelReady, connected) + SETTLE_MS;
    const loadTasks = probe.longTasks.filter((t) => t.start < loadEnd);
    const openTasks = probe.longTasks.filter((t) => t.start >= clickAt && t.start < openEnd);
    const isParley = (url: string) => isParleyScript(url, bench.server);
    const loadWork = parleyLongWork(probe.longFrames, isParley, { from: 0, to: loadEnd });
    const openWork = parleyLongWork(probe.longFrames, isParley, { from: clickAt, to: openEnd });
    const loads = await tab.scripts.loads();
    const launcherScripts = scriptsBy(loads, probe.scripts, launcherVisible);
    // The chat's chunks come in one burst as it opens, some ending just after the connection:
    // everything loaded until the open has settled is what the chat needed.
    const chatScripts = scriptsBy(loads, probe.scripts, openEnd);

    const figures: Figures = {
      scriptBytesLauncher: launcherScripts.bytes,
      scriptGzipLauncher: launcherScripts.gzip,
      scriptBytesChat: chatScripts.bytes,
      scriptGzipChat: chatScripts.gzip,
      launcherVisibleMs: launcherVisible - scriptStart,
      launcherVisibleFromNavigationMs: launcherVisible,
      panelReadyMs: panelReady - clickAt,
      connectedMs: connected - clickAt,
      parleyLongTasks: loadWork.longTasks,
      longestParleyScriptMs: loadWork.longestScriptMs,
      parleyLongFrames: loadWork.longFrames,
      longestParleyFrameMs: loadWork.longestFrameMs,
      parleyMsInLongestFrame: loadWork.parleyMsInLongestFrame,
      longTasks: loadTasks.length,
      longestTaskMs: longest(loadTasks),
      parleyLongTasksOpen: openWork.longTasks,
      longestParleyScriptOpenMs: openWork.longestScriptMs,
      parleyLongFramesOpen: openWork.longFrames,
      longTasksOpen: openTasks.length,
      longestTaskOpenMs: longest(openTasks),
      cls: sum(probe.shifts.filter((s) => !s.hadRecentInput && s.start < openEnd).map((s) => s.value)),
    };

    const composer = page.locator('parley-chat').getByRole('textbox', { name: 'Message' });
    const sentAt = Date.now();
    for (let i = 1; i <= MESSAGES; i++) {
      await composer.fill(questionOf(run, i), { timeout: STEP_TIMEOUT_MS });
      await composer.press('Enter', { timeout: STEP_TIMEOUT_MS });
      await sleep(GAP_MS);
    }
    const lastAnswer = AnsweringAgent.answerTo(questionOf(run, MESSAGES));
    await page
      .locator('parley-chat')
      .getByText(lastAnswer, { exact: true })
      .waitFor({ timeout: CONVERSATION_TIMEOUT_MS })
      .catch(() => {
        throw new Error(`the last answer did not show within ${CONVERSATION_TIMEOUT_MS / 1000} s (the agent answered ${bench.agent.answeredIn(questionOf(run, 1))} of ${MESSAGES})`);
      });
    const answered = bench.agent.answeredIn(questionOf(run, 1));
    if (answered !== MESSAGES) throw new Error(`the agent got ${answered} of the ${MESSAGES} customer messages`);
    const conversationSeconds = (Date.now() - sentAt) / 1000;
    const rows = await page.evaluate(() => window.__parleyBench.rowCount());
    figures.heapMb200 = (await heapUsedAfterGc(tab.cdp)) / 2 ** 20;
    return {
      figures,
      notes: longWorkNotes(loadWork, openWork),
      detail: {
        marks: { scriptStart, scriptStartFrom: probe.loaderStart === null ? 'parley.js responseEnd' : 'parley:loader-start', launcherVisible, clickAt, panelReady, connected },
        scripts: loads.map((l) => ({ ...l, responseEnd: probe.scripts.find((s) => s.url === l.url)?.responseEnd ?? null })),
        longTasks: probe.longTasks,
        longFrames: { coldLoad: loadWork.frames, open: openWork.frames },
        layoutShifts: probe.shifts,
        conversation: { customerMessages: MESSAGES, answered, seconds: conversationSeconds, messageRowsInDom: rows },
        pageErrors: errors,
      },
    };
  } catch (err) {
    throw withPageErrors(err, errors);
  } finally {
    await tab.context.close();
  }
}

/** The returning visitor: their HISTORY messages on screen, then scrolled to the top. */
async function returningVisitorRun(bench: Bench): Promise<RunResult> {
  const token = { [visitorTokenKey(bench.server, DEMO_IDS.chatPoc)]: bench.visitor.token };
  const tab = await openTab(bench.browser, { host: bench.host, serverOrigin: bench.server, cpuThrottling: CPU_THROTTLING, localStorage: token });
  const { page } = tab;
  const errors = collectErrors(page);
  try {
    await page.goto(bench.host.url, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
    const launcherVisible = await within(page.evaluate(() => window.__parleyBench.waitMark('parley:launcher-visible')), 'the launcher did not show');
    await clickLauncher(page);
    const lastOnScreen = await page.evaluate(([seq, ms]) => window.__parleyBench.waitRowOnScreen(seq, ms), [bench.visitor.lastSeq, CONVERSATION_TIMEOUT_MS]);
    if (lastOnScreen === null) {
      const where = await page.evaluate((seq) => window.__parleyBench.describeRow(seq), bench.visitor.lastSeq);
      throw new Error(`message ${bench.visitor.lastSeq} of the history did not come on screen within ${CONVERSATION_TIMEOUT_MS / 1000} s: ${where}`);
    }
    const clickAt = await page.evaluate(() => window.__parleyBench.clickAt);
    await sleep(1000);
    const scroll = await page.evaluate(([step, ms, settle]) => window.__parleyBench.scrollToTop(step, ms, settle), [SCROLL_STEP, SCROLL_MAX_MS, SETTLE_FRAMES]);
    if (!scroll) throw new Error('the transcript has nothing that scrolls');
    const rows = await page.evaluate(() => window.__parleyBench.rowCount());
    const scrolledPx = scroll.from - scroll.to;
    // How far up the scroll got: messages from the last one to the topmost on screen.
    const scrolledMessages = scroll.topSeq > 0 ? bench.visitor.lastSeq - scroll.topSeq + 1 : 0;
    const notes = scroll.reachedTop
      ? []
      : [`the scroll stopped after ${Math.round(scroll.ms / 1000)} s, ${scrolledMessages} of ${HISTORY} messages up from the last one (${scroll.frames.length} frames)`];
    return {
      notes,
      figures: {
        history5000RenderMs: lastOnScreen,
        history5000ScrollFrameP95Ms: percentile([...scroll.frames].sort((a, b) => a - b), 95) ?? NaN,
        history5000ScrollLongFrames: scroll.frames.filter((ms) => ms > LONG_MS).length,
        history5000DomRows: rows,
        history5000ScrolledMessages: scrolledMessages,
      },
      detail: {
        marks: { launcherVisible, clickAt, lastMessageOnScreen: lastOnScreen },
        scroll: {
          reachedTop: scroll.reachedTop,
          ms: scroll.ms,
          scrolledPx,
          topSeq: scroll.topSeq,
          fromPx: scroll.from,
          scrollHeight: scroll.scrollHeight,
          stepPx: SCROLL_STEP,
          frameMs: scroll.frames.map((ms) => Math.round(ms * 10) / 10),
        },
        pageErrors: errors,
      },
    };
  } catch (err) {
    throw withPageErrors(err, errors);
  } finally {
    await tab.context.close();
  }
}

/** A value as printed: bytes in kB (1 024 bytes, as `npm run build` prints bundles). */
function show(unit: string, value: number): string {
  if (unit === 'bytes') return (value / KB).toFixed(1);
  if (unit === 'score') return value.toFixed(3);
  if (unit === 'count') return String(Math.round(value * 10) / 10);
  return value.toFixed(unit === 'MiB' ? 2 : 0);
}

function print(metrics: Partial<Record<MetricKey, Summary>>, notes: string[], failures: string[], heading: string): void {
  const out = [heading, ''];
  const rows = (Object.keys(METRICS) as MetricKey[])
    .filter((key) => metrics[key])
    .map((key) => {
      const m = metrics[key]!;
      const budget = WIDGET_BUDGETS.find((b) => b.metric === key);
      const over = budget ? m.runs.filter((v) => v > budget.max).length : 0;
      const verdict = budget ? `${budget.text}: ${over === 0 ? 'met' : `MISSED in ${over} of ${m.runs.length} runs`}` : '';
      return [key, show(m.unit, m.median), `${show(m.unit, m.min)}–${show(m.unit, m.max)}`, m.unit === 'bytes' ? 'kB' : m.unit, m.runs.map((v) => show(m.unit, v)).join(' '), verdict];
    });
  out.push(...formatTable(['metric', 'median', 'min–max', 'unit', 'runs', 'budget'], rows));
  out.push(`(kB: 1 024 bytes. Script bytes: JavaScript from the Parley server as sent; "Gzip": the same gzipped at level 9 unless the server compressed it.)`);
  out.push(
    `(parleyLongTasks: runs of Parley's scripts over ${LONG_MS} ms; parleyLongFrames: frames over ${LONG_MS} ms in which a script of Parley's ran, counted whole; longTasks: every long task on the page, whoever ran it.)`,
  );
  if (notes.length > 0) {
    out.push('', 'Notes:');
    for (const n of notes) out.push(`  ${n}`);
  }
  if (failures.length > 0) {
    out.push('', 'FAILED:');
    for (const f of failures) out.push(`  ${f}`);
  }
  console.log(out.join('\n'));
}

async function main(): Promise<number> {
  if (!existsSync(join(HERE, '..', 'dist', 'parley.js'))) {
    console.error('dist/parley.js is missing: run `npm run build` first (the server serves dist/).');
    return 1;
  }
  const loadBefore = os.loadavg();
  const started = new Date().toISOString();
  log(`load average before the run: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ${RUNS} runs`);
  const host = await startHostPage();
  const server = new ServerProcess({ env: { PARLEY_SETTINGS: 'no-limits' } });
  let browser: Browser | undefined;
  let agent: AnsweringAgent | undefined;
  const values: Partial<Record<MetricKey, number[]>> = {};
  const details: Record<string, unknown>[] = [];
  const failures: string[] = [];
  const notes: string[] = [];
  try {
    log(`seeding the store (a returning visitor with ${HISTORY} messages)…`);
    const visitor = await seedStore(server.dataDir, host.origin, HISTORY);
    await server.start(60_000);
    host.embed(server.url, DEMO_IDS.chatPoc);
    agent = await AnsweringAgent.start(server.url);
    browser = await launchBrowser();
    const bench: Bench = { browser, host, server: server.url, agent, visitor };
    for (let run = 1; run <= RUNS; run++) {
      const detail: Record<string, unknown> = { run };
      for (const [phase, measure] of [
        ['newVisitor', () => newVisitorRun(bench, run)],
        ['returningVisitor', () => returningVisitorRun(bench)],
      ] as const) {
        log(`run ${run}/${RUNS}: ${phase}…`);
        try {
          const result = await measure();
          for (const [key, value] of Object.entries(result.figures) as [MetricKey, number][]) (values[key] ??= []).push(value);
          detail[phase] = result.detail;
          notes.push(...(result.notes ?? []).map((n) => `run ${run}, ${phase}: ${n}`));
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          failures.push(`run ${run}, ${phase}: ${message}`);
          detail[phase] = { error: message };
          log(`run ${run}, ${phase}: ${message}`);
        }
      }
      details.push(detail);
    }
    failures.push(...agent.errors);

    const metrics: Partial<Record<MetricKey, Summary>> = {};
    for (const key of Object.keys(METRICS) as MetricKey[]) {
      const runs = values[key];
      if (runs?.length) metrics[key] = summarize(METRICS[key], runs);
    }
    const machine = { ...describeMachine(loadBefore), chromium: browser.version() };
    print(
      metrics,
      notes,
      failures,
      `Parley widget benchmark — Chromium ${machine.chromium}, CPU ×${CPU_THROTTLING} slower, cold cache, ${RUNS} runs; ${machine.cpus} CPU (${machine.cpuModel}), Node ${machine.node}, load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
    );
    writeResults(OUT, {
      benchmark: 'widget',
      started,
      finished: new Date().toISOString(),
      machine,
      settings: {
        runs: RUNS,
        quick: QUICK,
        cpuThrottling: CPU_THROTTLING,
        urls: { server: server.url, host: host.url, script: `${server.url}/parley.js` },
        poc: DEMO_IDS.chatPoc,
        customerMessages: MESSAGES,
        messageGapMs: GAP_MS,
        historyMessages: HISTORY,
        scrollStepPx: SCROLL_STEP,
        settleMs: SETTLE_MS,
        longTaskMs: LONG_MS,
        budgets: WIDGET_BUDGETS,
      },
      metrics,
      notes,
      failures,
      details,
    });
    log(`raw results: ${OUT}`);
  } finally {
    agent?.close();
    await browser?.close();
    await server.stop().catch(() => undefined);
    await server.dispose();
    await host.close();
  }
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
