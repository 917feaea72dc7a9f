/**
 * The generated sections of docs/performance.md, one function per benchmark result file. Each
 * takes the parsed JSON and returns the Markdown of its block (starting with the date and machine
 * of the run) and the SVG charts it refers to, by file name under docs/images/. Pure functions:
 * scripts/perf-report.ts does the reading and writing.
 */
import { percentile } from '../report.js';
import { barChart, type ChartGroup } from './chart.js';
import { formatNumber, formatRatio, markdownTable, runHeader, type Machine } from './markdown.js';

/** A section's Markdown and its charts (file name under docs/images/ → SVG text). */
export interface Section {
  markdown: string;
  charts: Record<string, string>;
}

/** Bytes written in kB of 1 024 bytes, as the build prints bundle sizes. */
const kB = (bytes: number | undefined) => (bytes === undefined ? '—' : `${formatNumber(bytes / 1024, 1)} kB`);
const withUnit = (text: string, unit: string) => (text === '—' ? text : `${text} ${unit}`);

// ---------------------------------------------------------------------------------------------
// Server: bench/results/server.json, written by bench/server.ts.

interface Latency {
  p50: number;
  p90?: number;
  p99: number;
  max: number;
}
interface Phase {
  lost: number;
  ackFailures: number;
  latency: Latency;
  perSecond: number;
  serverCpu: number;
}
/** One server at one size, as bench/server.ts writes it. */
export interface ServerRun {
  server: 'bare' | 'parley';
  conversations: number;
  agents?: number;
  opened?: number;
  openSeconds?: number;
  error?: string;
  memory?: { perConversationKb: number; heapPerConversationKb: number };
  saturation?: Phase;
  fixedRate?: Phase;
}
export interface ServerResults {
  started?: string;
  machine?: Machine;
  settings?: {
    sizes?: number[];
    inFlight?: number;
    saturationMs?: number;
    fixedRateMs?: number;
    targetRate?: number;
    agentCapacity?: number;
    batch?: number;
    targets?: { memoryRatio: number; p99Ms: number };
  };
  runs: ServerRun[];
}

/** The targets bench/server.ts checks when its JSON does not name them. */
const SERVER_TARGETS = { memoryRatio: 2, p99Ms: 50 };
const SERIES = ['bare socket.io relay', 'Parley'];

/** Messages lost or never acknowledged over both phases; undefined when no phase ran. */
const lostOf = (r: ServerRun | undefined) =>
  r?.saturation || r?.fixedRate ? (r.saturation?.lost ?? 0) + (r.fixedRate?.lost ?? 0) + (r.saturation?.ackFailures ?? 0) + (r.fixedRate?.ackFailures ?? 0) : undefined;

/** Sizes in the order the benchmark ran them. */
const sizesOf = (results: ServerResults) => [...new Set([...(results.settings?.sizes ?? []), ...results.runs.map((r) => r.conversations)])];

/** The bare and Parley runs at size `n`. */
const pairAt = (results: ServerResults, n: number) => ({
  bare: results.runs.find((r) => r.server === 'bare' && r.conversations === n),
  parley: results.runs.find((r) => r.server === 'parley' && r.conversations === n),
});

const verdict = (pass: boolean | undefined, detail: string) => `${pass === undefined ? 'not measured' : pass ? 'met' : '**missed**'} (${detail})`;

/** The table of one size: a row per measure, bare beside Parley and their ratio. */
function serverSizeTable(bare: ServerRun | undefined, parley: ServerRun | undefined): string {
  const rate = parley?.fixedRate?.perSecond ?? bare?.fixedRate?.perSecond;
  type Row = [label: string, pick: (r: ServerRun | undefined) => number | undefined, write: (v: number | undefined) => string, ratio: boolean];
  const rows: Row[] = [
    ['Memory per conversation (RSS)', (r) => r?.memory?.perConversationKb, (v) => withUnit(formatNumber(v, 1), 'kB'), true],
    ['V8 heap per conversation', (r) => r?.memory?.heapPerConversationKb, (v) => withUnit(formatNumber(v, 1), 'kB'), true],
    ['Round trips/s at saturation', (r) => r?.saturation?.perSecond, (v) => formatNumber(v, 0), true],
    ['Server CPU at saturation (% of a core)', (r) => r?.saturation?.serverCpu, (v) => withUnit(formatNumber(v, 0), '%'), true],
    [`p50 round trip at ${formatNumber(rate)} msg/s`, (r) => r?.fixedRate?.latency.p50, (v) => withUnit(formatNumber(v, 1), 'ms'), true],
    [`p99 round trip at ${formatNumber(rate)} msg/s`, (r) => r?.fixedRate?.latency.p99, (v) => withUnit(formatNumber(v, 1), 'ms'), true],
    [`Server CPU at ${formatNumber(rate)} msg/s (% of a core)`, (r) => r?.fixedRate?.serverCpu, (v) => withUnit(formatNumber(v, 0), '%'), true],
    ['Messages lost or not acknowledged', lostOf, (v) => formatNumber(v, 0), false],
  ];
  const runCell = (r: ServerRun | undefined, text: string) => (r === undefined ? 'not run' : r.error && text === '—' ? 'not reached' : text);
  return markdownTable(
    ['', 'bare', 'Parley', 'Parley / bare'],
    rows.map(([label, pick, write, ratio]) => [label, runCell(bare, write(pick(bare))), runCell(parley, write(pick(parley))), ratio ? formatRatio(pick(parley), pick(bare)) : '—']),
    ['l', 'r', 'r', 'r'],
  );
}

/** The server block: settings, a table per size, the targets, and two charts. */
export function renderServer(results: ServerResults, source = 'bench/results/server.json'): Section {
  const s = results.settings ?? {};
  const targets = s.targets ?? SERVER_TARGETS;
  const sizes = sizesOf(results);
  const out: string[] = [runHeader(source, results.started, results.machine), ''];
  out.push(
    `Agents hold ${formatNumber(s.agentCapacity)} conversations each; conversations open ${formatNumber(s.batch)} at a time; ` +
      `saturation: ${formatNumber(s.inFlight)} round trips in flight for ${formatNumber((s.saturationMs ?? NaN) / 1000)} s; ` +
      `fixed rate: min(${formatNumber(s.targetRate)}, N) messages a second for ${formatNumber((s.fixedRateMs ?? NaN) / 1000)} s.`,
  );
  for (const n of sizes) {
    const { bare, parley } = pairAt(results, n);
    out.push('', `**${formatNumber(n)} conversations**${parley?.agents ? ` (${formatNumber(parley.agents)} agents)` : ''}`, '', serverSizeTable(bare, parley));
    for (const r of [bare, parley]) {
      if (r?.error) out.push('', `${r.server === 'bare' ? 'The bare relay' : 'Parley'} did not reach ${formatNumber(n)}: ${r.error}.`);
    }
  }

  out.push('', `Targets for Parley: memory per conversation ≤ ${formatNumber(targets.memoryRatio)}× the bare relay's, p99 ≤ ${formatNumber(targets.p99Ms)} ms at the fixed rate, no message lost.`, '');
  const targetRows = sizes.map((n) => {
    const { bare, parley } = pairAt(results, n);
    const mem = parley?.memory && bare?.memory ? parley.memory.perConversationKb / bare.memory.perConversationKb : undefined;
    const p99 = parley?.fixedRate?.latency.p99;
    const lost = lostOf(parley);
    return [
      formatNumber(n),
      verdict(mem === undefined ? undefined : mem <= targets.memoryRatio, mem === undefined ? '—' : `×${formatNumber(mem, 2)}`),
      verdict(p99 === undefined ? undefined : p99 <= targets.p99Ms, withUnit(formatNumber(p99, 1), 'ms')),
      verdict(lost === undefined ? undefined : lost === 0, formatNumber(lost)),
    ];
  });
  out.push(markdownTable(['conversations', 'memory', 'p99', 'no lost message'], targetRows, ['r', 'l', 'l', 'l']));

  const groups = (pick: (r: ServerRun | undefined) => number | undefined): ChartGroup[] =>
    sizes.map((n) => {
      const { bare, parley } = pairAt(results, n);
      return { label: `${formatNumber(n)} conversations`, bars: [{ value: pick(bare) }, { value: pick(parley) }] };
    });
  const charts = {
    'perf-server-memory.svg': barChart({ title: 'Memory per open conversation (server RSS)', unit: 'kB', series: SERIES, groups: groups((r) => r?.memory?.perConversationKb) }),
    'perf-server-p99.svg': barChart({ title: 'p99 round trip at the fixed rate', unit: 'ms', series: SERIES, groups: groups((r) => r?.fixedRate?.latency.p99) }),
  };
  out.push('', '![Memory per conversation, bare relay and Parley, per size](images/perf-server-memory.svg)', '', '![p99 round trip at the fixed rate, bare relay and Parley, per size](images/perf-server-p99.svg)');
  return { markdown: out.join('\n'), charts };
}

// ---------------------------------------------------------------------------------------------
// Widget: bench/results/widget.json, written by bench/widget.ts.

/** One browser measure over every run. */
export interface WidgetMetric {
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number[];
}
export interface WidgetResults {
  started?: string;
  machine?: Machine;
  settings?: Record<string, unknown>;
  metrics: Record<string, WidgetMetric>;
  /** What went wrong in some runs (the benchmark exits 1 then). */
  failures?: string[];
}

/** Readable names of the measures bench/widget.ts takes, in the order the table lists them. */
export const WIDGET_LABELS: Record<string, string> = {
  scriptBytesLauncher: 'Script until the launcher shows',
  scriptGzipLauncher: 'Script until the launcher shows, gzip',
  scriptBytesChat: 'Script until the chat is connected',
  scriptGzipChat: 'Script until the chat is connected, gzip',
  launcherVisibleMs: 'Launcher visible, from script start',
  launcherVisibleFromNavigationMs: 'Launcher visible, from navigation',
  panelReadyMs: 'Chat panel ready, from the click',
  connectedMs: 'Chat connected, from the click',
  parleyLongTasks: "Parley's long tasks, cold load",
  longestParleyScriptMs: "Parley's longest script, cold load",
  parleyLongFrames: "Long frames with Parley's script in them, cold load",
  longestParleyFrameMs: 'Longest of those frames, cold load',
  parleyMsInLongestFrame: "Parley's script time in that frame",
  longTasks: 'Every long task on the page, cold load',
  longestTaskMs: 'Longest task on the page, cold load',
  parleyLongTasksOpen: "Parley's long tasks, opening the chat",
  longestParleyScriptOpenMs: "Parley's longest script, opening the chat",
  parleyLongFramesOpen: "Long frames with Parley's script in them, opening the chat",
  longTasksOpen: 'Every long task on the page, opening the chat',
  longestTaskOpenMs: 'Longest task on the page, opening the chat',
  cls: 'Cumulative layout shift',
  heapMb200: 'JS heap, 200 messages shown',
  history5000RenderMs: '5 000-message history on screen',
  history5000ScrollFrameP95Ms: 'Scrolling that history, p95 frame',
  history5000ScrollLongFrames: 'Scrolling that history, frames > 50 ms',
  history5000DomRows: 'Scrolling that history, rows in the DOM',
  history5000ScrolledMessages: 'Scrolling that history, messages scrolled through',
};

/** A budget: no run of `metric` above `max`, in the metric's own unit. */
export interface WidgetBudget {
  metric: string;
  max: number;
  text: string;
}

/** The widget's budgets, used when widget.json does not carry its own (`settings.budgets`). */
export const WIDGET_BUDGETS: WidgetBudget[] = [
  { metric: 'scriptGzipLauncher', max: 10 * 1024, text: '≤ 10 kB gzipped' },
  { metric: 'scriptGzipChat', max: 45 * 1024, text: '≤ 45 kB gzipped' },
  { metric: 'cls', max: 0, text: 'CLS 0' },
  { metric: 'parleyLongTasks', max: 0, text: 'no long task over 50 ms from Parley' },
];

const isBytes = (unit: string) => /^(b|bytes?)$/i.test(unit);

/**
 * Decimals for every value of a measure, so that a row reads alike: none for counts, 3 for small
 * fractions (CLS), 1 otherwise.
 */
export function metricDigits(metric: WidgetMetric): number {
  const values = [metric.median, metric.min, metric.max, ...metric.runs];
  if (values.every(Number.isInteger)) return 0;
  return values.every((v) => Math.abs(v) < 1) ? 3 : 1;
}

/** A measure's value in its unit: bytes as kB of 1 024, other units after the number. */
export function formatMetric(value: number, unit: string, digits: number): string {
  if (isBytes(unit)) return kB(value);
  const text = formatNumber(value, digits);
  return unit && !/^(count|score)$/i.test(unit) ? `${text} ${unit}` : text;
}

/** A budget is met when every run is within it, not only the median. */
function budgetCell(metric: WidgetMetric, budget: WidgetBudget | undefined): string {
  if (!budget) return '';
  const over = metric.runs.filter((v) => v > budget.max).length;
  return `${budget.text}: ${over === 0 ? 'met' : `**missed** in ${over} of ${metric.runs.length} runs`}`;
}

/** Known measures in the order of WIDGET_LABELS, then any other in alphabetical order. */
const widgetKeys = (metrics: Record<string, WidgetMetric>) => [
  ...Object.keys(WIDGET_LABELS).filter((k) => k in metrics),
  ...Object.keys(metrics).filter((k) => !(k in WIDGET_LABELS)).sort(),
];

/** How the settings of bench/widget.ts read in a sentence; other settings are left to the JSON. */
const WIDGET_SETTINGS: [key: string, write: (v: unknown) => string][] = [
  ['runs', (v) => `${v} runs`],
  ['cpuThrottling', (v) => `CPU slowed ×${v}`],
  ['customerMessages', (v) => `${v} customer messages before the heap is read`],
  ['messageGapMs', (v) => `${v} ms apart`],
  ['historyMessages', (v) => `a returning visitor with ${formatNumber(Number(v))} messages`],
  ['scrollStepPx', (v) => `scrolled ${v} px a frame`],
];

/**
 * What the long-task measures count and what they do not, for results that have them (results
 * taken before the benchmark told Parley's long tasks apart get no such paragraph).
 */
function longWorkProse(results: WidgetResults): string[] {
  if (!('parleyLongTasks' in results.metrics)) return [];
  const long = `${formatNumber(Number(results.settings?.longTaskMs ?? 50))} ms`;
  const settleMs = Number(results.settings?.settleMs ?? NaN);
  const settle = `${formatNumber(settleMs / 1000, Number.isInteger(settleMs / 1000) ? 0 : 1)} s`;
  const phases = Number.isFinite(settleMs)
    ? `in the cold load (from navigation until ${settle} after the launcher shows) and while the chat opens (from the click until ${settle} after it is connected)`
    : 'in the cold load and while the chat opens';
  return [
    '',
    `How long tasks are counted, ${phases}:`,
    '',
    `- **Parley's long tasks**, on which the budget is judged: runs of Parley's scripts over ${long} each, the style and layout they forced included, as Chromium's Long Animation Frames API attributes them. ` +
      "Parley's scripts are the loader `/parley.js` and the chunks under `/parley/` on the Parley server, whatever invoked them: the script element, an event listener, a promise callback, a timer.",
    `- **Long frames with Parley's script in them**: animation frames over ${long} in which a script of Parley's ran (the API names scripts of 5 ms or more), each counted whole, other scripts and the rendering included; ` +
      "the longest is given with Parley's script time in it. This is where Parley's work outside its scripts shows: the style, layout and paint of the frame after them, " +
      "or a task made of several shorter runs of Parley's scripts — neither counts as one of Parley's long tasks.",
    `- **Every long task on the page**: every task over ${long}, whoever ran it, the browser's own parsing and layout of the host page included.`,
    '',
    'The raw results list every long frame of both phases with its scripts (`details[].newVisitor.longFrames`). A script over the threshold that the browser names no URL for is not counted as Parley\'s; the benchmark lists it in its notes.',
  ];
}

/** The widget block: every measure with its spread and budget, and a chart of the timings. */
export function renderWidget(results: WidgetResults, source = 'bench/results/widget.json'): Section {
  const budgets = Array.isArray(results.settings?.budgets) ? (results.settings.budgets as WidgetBudget[]) : WIDGET_BUDGETS;
  const keys = widgetKeys(results.metrics);
  const rows = keys.map((key) => {
    const m = results.metrics[key];
    const write = (v: number) => formatMetric(v, m.unit, metricDigits(m));
    // Every run's value, without the unit the median column already gives.
    const runs = m.runs.map((v) => (isBytes(m.unit) ? formatNumber(v / 1024, 1) : formatNumber(v, metricDigits(m)))).join(', ');
    return [WIDGET_LABELS[key] ?? key, write(m.median), `${write(m.min)} – ${write(m.max)}`, runs, budgetCell(m, budgets.find((b) => b.metric === key))];
  });
  const timings = keys.filter((k) => results.metrics[k].unit === 'ms');
  const out = [runHeader(source, results.started, results.machine)];
  const settings = WIDGET_SETTINGS.filter(([key]) => results.settings?.[key] !== undefined).map(([key, write]) => write(results.settings![key]));
  if (settings.length > 0) out.push('', `Settings: ${settings.join(', ')}.`);
  out.push(...longWorkProse(results));
  out.push('', markdownTable(['measure', 'median', 'min – max', 'every run, in order', 'budget (every run)'], rows, ['l', 'r', 'r', 'l', 'l']));
  if (results.failures && results.failures.length > 0) out.push('', 'Failures during the run:', '', ...results.failures.map((f) => `- ${f}`));
  const charts: Record<string, string> = {};
  if (timings.length > 0) {
    charts['perf-widget.svg'] = barChart({
      title: 'Widget timings: median, whiskers from min to max',
      unit: 'ms',
      series: ['median'],
      groups: timings.map((k) => {
        const m = results.metrics[k];
        return { label: WIDGET_LABELS[k] ?? k, bars: [{ value: m.median, min: m.min, max: m.max }] };
      }),
    });
    out.push('', '![Widget timings, median with min–max whiskers](images/perf-widget.svg)');
  }
  return { markdown: out.join('\n'), charts };
}

// ---------------------------------------------------------------------------------------------
// Bundle sizes: dist/sizes.json, written by the build's size check.

export interface SizeEntry {
  name: string;
  files: string[];
  raw: number;
  gzip: number;
  budgetGzip: number | null;
  /** What fails the build while the budget is missed (the size reached), when set. */
  limitGzip?: number | null;
  ok: boolean;
}
export interface SizesResults {
  started?: string;
  machine?: Machine;
  entries: SizeEntry[];
}

/** The bundle table: raw and gzip size of each bundle against its gzip budget. */
export function renderSizes(results: SizesResults, source = 'dist/sizes.json'): Section {
  const rows = results.entries.map((e) => [
    e.name,
    e.files.length === 1 ? `\`${e.files[0]}\`` : `${e.files.length} files`,
    kB(e.raw),
    kB(e.gzip),
    e.budgetGzip === null ? 'none' : `≤ ${kB(e.budgetGzip)}`,
    e.budgetGzip === null ? '—' : e.ok ? 'yes' : '**no**',
    e.limitGzip && e.limitGzip !== e.budgetGzip ? kB(e.limitGzip) : '—',
  ]);
  // Sizes depend on the source, not on the machine: the file only names a date if the check wrote one.
  const head = results.started ? runHeader(source, results.started, results.machine) : `From the last build's size check (\`${source}\`).`;
  return {
    markdown: [head, '', markdownTable(['bundle', 'files', 'raw', 'gzip', 'gzip budget', 'within budget', 'build fails above'], rows, ['l', 'l', 'r', 'r', 'r', 'l', 'r'])].join('\n'),
    charts: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Flood: bench/results/flood.json (and flood-no-limits.json), written by bench/flood.ts.

export interface FloodTally {
  ok: number;
  limited: number;
  other: number;
}
export interface FloodResults {
  started?: string;
  machine?: Machine;
  settings: { messages: number; intervalMs: number; limits: 'default' | 'off' };
  /** Every round trip of the normal chat, in ms, per phase. */
  roundTripsMs: { quiet: number[]; flooded: number[] };
  flood: { seconds: number; tallies: Record<'connections' | 'messages' | 'starts' | 'workItems', FloodTally> };
  /** Resident set size of the server process before the flood and at its end. */
  serverRssKb: { before: number; end: number };
}

const FLOOD_NAMES: [keyof FloodResults['flood']['tallies'], string][] = [
  ['connections', 'connections'],
  ['messages', 'messages'],
  ['starts', 'conversation starts'],
  ['workItems', 'work items'],
];

/** One flood run: the normal chat's round trips quiet and flooded, what the floods got, the server's memory. */
export function renderFlood(results: FloodResults, source = 'bench/results/flood.json'): Section {
  const { settings, roundTripsMs, flood, serverRssKb } = results;
  const quiet = [...roundTripsMs.quiet].sort((a, b) => a - b);
  const flooded = [...roundTripsMs.flooded].sort((a, b) => a - b);
  const ms = (v: number | undefined) => withUnit(formatNumber(v, 1), 'ms');
  const latencyRow = (name: string, t: number[]) => [name, ms(percentile(t, 50)), ms(percentile(t, 95)), ms(percentile(t, 99)), ms(t[t.length - 1])];
  const seconds = flood.seconds;
  const tallyRow = (name: string, t: FloodTally) => [name, formatNumber(t.ok), formatNumber(t.limited), formatNumber(t.other), `${formatNumber((t.ok + t.limited + t.other) / seconds)}/s`];
  const tallies = FLOOD_NAMES.map(([key]) => flood.tallies[key]);
  const total = tallies.reduce((sum, t) => ({ ok: sum.ok + t.ok, limited: sum.limited + t.limited, other: sum.other + t.other }), { ok: 0, limited: 0, other: 0 });
  const mb = (kb: number) => `${formatNumber(kb / 1024)} MB`;

  const out = [
    runHeader(source, results.started, results.machine),
    '',
    `Limits ${settings.limits === 'off' ? 'off' : 'as deployed'}; ${formatNumber(settings.messages)} round trips per phase, one every ${formatNumber(settings.intervalMs)} ms; percentiles nearest-rank.`,
    '',
    markdownTable(
      [`normal chat${settings.limits === 'off' ? ', limits off' : ''}, send → agent receives → ack`, 'p50', 'p95', 'p99', 'max'],
      [latencyRow('quiet', quiet), latencyRow('during the flood', flooded)],
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `During the flood the normal chat's p50 was ${formatRatio(percentile(flooded, 50), percentile(quiet, 50))} and its p99 ${formatRatio(percentile(flooded, 99), percentile(quiet, 99))} of the quiet figures.`,
    '',
    markdownTable(
      [`flood, over ${formatNumber(seconds)} s`, 'accepted', 'refused (`rate_limited`)', 'other outcome', 'requests'],
      [...FLOOD_NAMES.map(([key, name]) => tallyRow(name, flood.tallies[key])), tallyRow('all floods', total)],
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Resident set size of the server process: ${mb(serverRssKb.before)} before the flood, ${mb(serverRssKb.end)} at its end.`,
  ];
  return { markdown: out.join('\n'), charts: {} };
}
