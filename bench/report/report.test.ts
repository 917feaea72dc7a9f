/**
 * The performance report: small benchmark results in, the Markdown tables' cells and the SVG
 * bars out (one bar per value, lengths proportional to the values), and the report script run on
 * real files: blocks replaced between their markers, a missing input leaving its block alone, the
 * same input giving the same bytes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { barChart, tickStep } from './chart.js';
import { formatNumber, formatRatio, replaceBlock } from './markdown.js';
import { percentile } from '../report.js';
import { renderFlood, renderServer, renderSizes, renderWidget, type FloodResults, type ServerResults, type WidgetResults } from './sections.js';

/** The rows (cells, trimmed) of the Markdown table whose header row starts with `firstHeader`. */
function table(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${firstHeader} |`));
  assert.ok(start >= 0, `no table starting with "${firstHeader}" in:\n${markdown}`);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i].slice(2, -2).split(' | '));
  return rows;
}
const row = (rows: string[][], label: string) => {
  const found = rows.find((r) => r[0] === label);
  assert.ok(found, `no row "${label}" in ${JSON.stringify(rows)}`);
  return found;
};

/** Every bar of an SVG chart: its length and the text of its tooltip. */
function bars(svg: string): { width: number; title: string }[] {
  return [...svg.matchAll(/<rect class="bar" [^>]*width="([\d.]+)"[^>]*><title>([^<]*)<\/title><\/rect>/g)].map((m) => ({ width: Number(m[1]), title: m[2] }));
}

/** Asserts lengths are value × one common scale (within the 0.01 px rounding of coordinates). */
function assertProportional(widths: number[], values: number[]): void {
  assert.equal(widths.length, values.length, 'one bar per value');
  const largest = values.indexOf(Math.max(...values));
  const scale = widths[largest] / values[largest];
  assert.ok(scale > 0);
  values.forEach((v, i) => assert.ok(Math.abs(widths[i] - v * scale) <= 0.01, `bar ${i}: ${widths[i]} px for ${v}, expected ${v * scale}`));
}

const phase = (p50: number, p99: number, perSecond: number, lost = 0, ackFailures = 0) => ({
  lost,
  ackFailures,
  latency: { p50, p99, max: p99 * 2 },
  perSecond,
  serverCpu: 90,
});

const server: ServerResults = {
  started: '2026-01-02T03:04:05.000Z',
  machine: { cpuModel: 'Test CPU', cpus: 2, memoryGiB: 8, node: 'v20.20.2', loadAverageBefore: [0.1, 0.2, 0.3] },
  settings: { sizes: [1000, 5000], inFlight: 256, saturationMs: 10000, fixedRateMs: 15000, targetRate: 1000, agentCapacity: 100, batch: 50, targets: { memoryRatio: 2, p99Ms: 50 } },
  runs: [
    { server: 'bare', conversations: 1000, agents: 10, memory: { perConversationKb: 20, heapPerConversationKb: 10 }, saturation: phase(30, 80, 6000), fixedRate: phase(1, 8, 1000) },
    { server: 'parley', conversations: 1000, agents: 10, memory: { perConversationKb: 30, heapPerConversationKb: 15 }, saturation: phase(300, 600, 1500), fixedRate: phase(4, 40, 1000, 2, 1) },
    { server: 'bare', conversations: 5000, agents: 50, memory: { perConversationKb: 10, heapPerConversationKb: 5 }, saturation: phase(40, 100, 5000), fixedRate: phase(1, 12, 1000) },
    { server: 'parley', conversations: 5000, agents: 50, error: 'stopped at 4000 open conversations' },
  ],
};

describe('server section', () => {
  const { markdown, charts } = renderServer(server);

  test('starts with the date and machine of the run', () => {
    assert.match(markdown.split('\n')[0], /^Run of 2026-01-02 03:04 UTC on Test CPU, 2 CPUs, 8 GiB, Node 20\.20\.2, load average before the run 0\.10 \/ 0\.20 \/ 0\.30 \(`bench\/results\/server\.json`\)\.$/);
  });

  test('a table per size: bare, Parley and their ratio', () => {
    const [first, second] = markdown.split('**5 000 conversations**');
    const at1000 = table(first, '');
    assert.deepEqual(row(at1000, 'Memory per conversation (RSS)'), ['Memory per conversation (RSS)', '20.0 kB', '30.0 kB', '×1.50']);
    assert.deepEqual(row(at1000, 'Round trips/s at saturation'), ['Round trips/s at saturation', '6 000', '1 500', '×0.25']);
    assert.deepEqual(row(at1000, 'p99 round trip at 1 000 msg/s'), ['p99 round trip at 1 000 msg/s', '8.0 ms', '40.0 ms', '×5.00']);
    // Lost and unacknowledged messages of both phases together.
    assert.deepEqual(row(at1000, 'Messages lost or not acknowledged'), ['Messages lost or not acknowledged', '0', '3', '—']);
    const at5000 = table(second, '');
    assert.deepEqual(row(at5000, 'Memory per conversation (RSS)'), ['Memory per conversation (RSS)', '10.0 kB', 'not reached', '—']);
    assert.match(second, /Parley did not reach 5 000: stopped at 4000 open conversations\./);
  });

  test('the targets, met or missed, per size', () => {
    const rows = table(markdown, 'conversations');
    assert.deepEqual(row(rows, '1 000'), ['1 000', 'met (×1.50)', 'met (40.0 ms)', '**missed** (3)']);
    assert.deepEqual(row(rows, '5 000'), ['5 000', 'not measured (—)', 'not measured (—)', 'not measured (—)']);
  });

  test('charts: one bar per measured value, lengths proportional to the values', () => {
    const memory = bars(charts['perf-server-memory.svg']);
    assertProportional(memory.map((b) => b.width), [20, 30, 10]);
    assert.deepEqual(memory.map((b) => b.title), ['bare socket.io relay, 1 000 conversations: 20.0 kB', 'Parley, 1 000 conversations: 30.0 kB', 'bare socket.io relay, 5 000 conversations: 10.0 kB']);
    assert.match(charts['perf-server-memory.svg'], /Parley: not measured/);
    assertProportional(bars(charts['perf-server-p99.svg']).map((b) => b.width), [8, 40, 12]);
    assert.match(markdown, /!\[[^\]]+\]\(images\/perf-server-memory\.svg\)/);
  });
});

const metric = (unit: string, runs: number[]) => {
  const sorted = [...runs].sort((a, b) => a - b);
  return { unit, median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], runs };
};

const widget: WidgetResults = {
  started: '2026-01-02T04:00:00.000Z',
  machine: { cpuModel: 'Test CPU', cpus: 2, chromium: '131.0', os: 'Linux 6.8' },
  settings: { runs: 3, cpuThrottling: 4 },
  metrics: {
    fancyNewMs: metric('ms', [5, 7, 6]),
    scriptGzipLauncher: metric('bytes', [10240, 10240, 10240]),
    // The median is within budget, one run is not: the budget is missed.
    scriptGzipChat: metric('bytes', [40 * 1024, 40 * 1024, 46 * 1024]),
    launcherVisibleMs: metric('ms', [40, 30.5, 50]),
    cls: metric('score', [0, 0.012, 0]),
    panelReadyMs: metric('ms', [200, 180, 260]),
    parleyLongTasks: metric('count', [0, 1, 0]),
    // Over 0 in every run, yet no budget: the budget is judged on Parley's long tasks alone.
    longTasks: metric('count', [1, 1, 2]),
  },
};

describe('widget section', () => {
  const { markdown, charts } = renderWidget(widget);
  const rows = table(markdown, 'measure');

  test('every measure: readable label, median, min–max, every run, budget on every run', () => {
    assert.match(markdown.split('\n')[0], /^Run of 2026-01-02 04:00 UTC on Test CPU, 2 CPUs, Linux 6\.8, Chromium 131\.0 /);
    assert.match(markdown, /Settings: 3 runs, CPU slowed ×4\./);
    assert.deepEqual(row(rows, 'Script until the launcher shows, gzip'), ['Script until the launcher shows, gzip', '10.0 kB', '10.0 kB – 10.0 kB', '10.0, 10.0, 10.0', '≤ 10 kB gzipped: met']);
    assert.deepEqual(row(rows, 'Script until the chat is connected, gzip'), ['Script until the chat is connected, gzip', '40.0 kB', '40.0 kB – 46.0 kB', '40.0, 40.0, 46.0', '≤ 45 kB gzipped: **missed** in 1 of 3 runs']);
    assert.deepEqual(row(rows, 'Launcher visible, from script start'), ['Launcher visible, from script start', '40.0 ms', '30.5 ms – 50.0 ms', '40.0, 30.5, 50.0', '']);
    assert.deepEqual(row(rows, 'Cumulative layout shift'), ['Cumulative layout shift', '0.000', '0.000 – 0.012', '0.000, 0.012, 0.000', 'CLS 0: **missed** in 1 of 3 runs']);
    // A measure the report does not know keeps its key, after the known ones.
    assert.deepEqual(rows.at(-1), ['fancyNewMs', '6 ms', '5 ms – 7 ms', '5, 7, 6', '']);
  });

  test('chart: one median bar and one whisker per timing, lengths proportional', () => {
    const svg = charts['perf-widget.svg'];
    const timings = bars(svg);
    assert.deepEqual(timings.map((b) => b.title), ['Launcher visible, from script start: 40.0 ms', 'Chat panel ready, from the click: 200.0 ms', 'fancyNewMs: 6.0 ms']);
    assertProportional(timings.map((b) => b.width), [40, 200, 6]);
    const whiskers = [...svg.matchAll(/<path class="whisker" d="M([\d.]+) [\d.]+H([\d.]+)/g)].map((m) => Number(m[2]) - Number(m[1]));
    // Whisker spans (max − min) on the same scale as the bars.
    const scale = timings[1].width / 200;
    assert.deepEqual(whiskers.map((w) => Math.round(w / scale * 10) / 10), [19.5, 80, 2]);
  });
});

describe("widget section: Parley's long tasks", () => {
  test("the budget is judged on Parley's long tasks; every long task on the page is shown beside it, without a budget", () => {
    const rows = table(renderWidget(widget).markdown, 'measure');
    assert.deepEqual(row(rows, "Parley's long tasks, cold load"), ["Parley's long tasks, cold load", '0', '0 – 1', '0, 1, 0', 'no long task over 50 ms from Parley: **missed** in 1 of 3 runs']);
    assert.deepEqual(row(rows, 'Every long task on the page, cold load'), ['Every long task on the page, cold load', '1', '1 – 2', '1, 1, 2', '']);
    const labels = rows.map((r) => r[0]);
    assert.equal(labels.indexOf('Every long task on the page, cold load'), labels.indexOf("Parley's long tasks, cold load") + 1);
  });

  test('what the long-task measures count and do not count is said, with the phases of the run', () => {
    const { markdown } = renderWidget({ ...widget, settings: { ...widget.settings, settleMs: 2000, longTaskMs: 50 } });
    assert.match(markdown, /in the cold load \(from navigation until 2 s after the launcher shows\) and while the chat opens \(from the click until 2 s after it is connected\):/);
    assert.match(markdown, /- \*\*Parley's long tasks\*\*, on which the budget is judged: runs of Parley's scripts over 50 ms each/);
    assert.match(markdown, /- \*\*Long frames with Parley's script in them\*\*: .*the style, layout and paint of the frame after them/);
    assert.match(markdown, /- \*\*Every long task on the page\*\*: every task over 50 ms, whoever ran it/);
    // The prose comes before the table it explains.
    assert.ok(markdown.indexOf("Parley's long tasks**") < markdown.indexOf('| measure |'));
  });

  test('results taken before long tasks were told apart get no such prose', () => {
    const { parleyLongTasks: _, ...older } = widget.metrics;
    const { markdown } = renderWidget({ ...widget, metrics: older });
    assert.doesNotMatch(markdown, /How long tasks are counted/);
    assert.equal(row(table(markdown, 'measure'), 'Every long task on the page, cold load')[4], '');
  });
});

describe('widget section with its own budgets', () => {
  test('the budgets written in widget.json replace the defaults', () => {
    const { markdown } = renderWidget({ ...widget, settings: { budgets: [{ metric: 'panelReadyMs', max: 250, text: '≤ 250 ms' }] }, failures: ['run 2, newVisitor: the chat did not open'] });
    const rows = table(markdown, 'measure');
    assert.equal(row(rows, 'Chat panel ready, from the click')[4], '≤ 250 ms: **missed** in 1 of 3 runs');
    assert.equal(row(rows, 'Script until the chat is connected, gzip')[4], '');
    assert.match(markdown, /Failures during the run:\n\n- run 2, newVisitor: the chat did not open/);
  });
});

describe('sizes section', () => {
  test('each bundle against its gzip budget', () => {
    const { markdown } = renderSizes({
      entries: [
        { name: 'launcher', files: ['dist/parley.js'], raw: 20480, gzip: 9216, budgetGzip: 10240, ok: true },
        { name: 'chat', files: ['dist/a.js', 'dist/b.js'], raw: 153600, gzip: 47104, budgetGzip: 46080, limitGzip: 48128, ok: false },
        { name: 'console', files: ['dist/console.js'], raw: 1024, gzip: 512, budgetGzip: null, ok: true },
      ],
    });
    const rows = table(markdown, 'bundle');
    assert.deepEqual(rows, [
      ['launcher', '`dist/parley.js`', '20.0 kB', '9.0 kB', '≤ 10.0 kB', 'yes', '—'],
      ['chat', '2 files', '150.0 kB', '46.0 kB', '≤ 45.0 kB', '**no**', '47.0 kB'],
      ['console', '`dist/console.js`', '1.0 kB', '0.5 kB', 'none', '—', '—'],
    ]);
  });
});

const flood: FloodResults = {
  started: '2026-01-02T05:00:00.000Z',
  machine: { cpus: 2 },
  settings: { messages: 5, intervalMs: 350, limits: 'default' },
  // Unsorted, as a reader may hand-build them: the report sorts.
  roundTripsMs: { quiet: [5, 1, 4, 2, 3], flooded: [10, 2, 8, 4, 6] },
  flood: {
    seconds: 10,
    tallies: { connections: { ok: 3, limited: 97, other: 0 }, messages: { ok: 10, limited: 980, other: 10 }, starts: { ok: 1, limited: 9, other: 0 }, workItems: { ok: 2, limited: 8, other: 0 } },
  },
  serverRssKb: { before: 204800, end: 215040 },
};

describe('flood section', () => {
  const { markdown } = renderFlood(flood);

  test('percentiles of the normal chat, nearest rank', () => {
    assert.deepEqual(percentile([1, 2, 3, 4, 5], 50), 3);
    const rows = table(markdown, 'normal chat, send → agent receives → ack');
    assert.deepEqual(rows, [
      ['quiet', '3.0 ms', '5.0 ms', '5.0 ms', '5.0 ms'],
      ['during the flood', '6.0 ms', '10.0 ms', '10.0 ms', '10.0 ms'],
    ]);
    assert.match(markdown, /p50 was ×2\.00 and its p99 ×2\.00 of the quiet figures/);
  });

  test('what each flood got, with the total and the rate', () => {
    const rows = table(markdown, 'flood, over 10 s');
    assert.deepEqual(row(rows, 'messages'), ['messages', '10', '980', '10', '100/s']);
    assert.deepEqual(row(rows, 'all floods'), ['all floods', '16', '1 094', '10', '112/s']);
    assert.match(markdown, /200 MB before the flood, 210 MB at its end\./);
  });
});

describe('formats and blocks', () => {
  test('numbers grouped by three, ratios, ticks', () => {
    assert.equal(formatNumber(1234567.891, 1), '1 234 567.9');
    assert.equal(formatNumber(999), '999');
    assert.equal(formatNumber(-0.04, 1), '0.0');
    assert.equal(formatNumber(undefined), '—');
    assert.equal(formatRatio(3, 2), '×1.50');
    assert.equal(formatRatio(3, 0), '—');
    assert.equal(formatRatio(4555, 1), '×4 555');
    assert.equal(tickStep(33), 10);
    assert.equal(tickStep(11645), 5000);
  });

  test('chart text is escaped', () => {
    const svg = barChart({ title: 'a <b> & "c"', unit: 'ms', series: ['x'], groups: [{ label: '<script>', bars: [{ value: 1 }] }] });
    assert.ok(!svg.includes('<script>') && !svg.includes('<b>'));
    assert.match(svg, /&lt;script&gt;/);
    assert.match(svg, /a &lt;b&gt; &amp; &quot;c&quot;/);
  });

  test('a block is replaced between its markers, the rest kept byte for byte', () => {
    const doc = 'intro\n<!-- generated:x:start -->\nold\n<!-- generated:x:end -->\noutro\n';
    const once = replaceBlock(doc, 'x', 'new | table');
    assert.equal(once, 'intro\n<!-- generated:x:start -->\nnew | table\n<!-- generated:x:end -->\noutro\n');
    assert.equal(replaceBlock(once, 'x', 'new | table'), once);
    assert.throws(() => replaceBlock(doc, 'y', 'z'), /generated:y:start/);
  });
});

describe('npm run bench:report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-report-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const doc = join(dir, 'performance.md');
  const images = join(dir, 'images');
  const run = () =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../../scripts/perf-report.ts', import.meta.url)), '--doc', doc, '--images', images, '--server', join(dir, 'server.json'), '--widget', join(dir, 'absent.json'), '--sizes', join(dir, 'absent.json'), '--flood', join(dir, 'absent.json'), '--flood-no-limits', join(dir, 'absent.json')],
      { encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) },
    );

  test('rewrites the blocks from the results, leaves those without results, same bytes twice', () => {
    const markers = ['widget', 'sizes', 'server', 'flood', 'flood-no-limits'].map((b) => `<!-- generated:${b}:start -->\nkept ${b}\n<!-- generated:${b}:end -->`);
    writeFileSync(doc, `# Performance\n\nProse.\n\n${markers.join('\n\nMore prose.\n\n')}\n`);
    writeFileSync(join(dir, 'server.json'), JSON.stringify(server));
    const first = run();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /widget: .*absent\.json not found \(npm run bench:widget writes it\); its section is left as it is/);
    const text = readFileSync(doc, 'utf8');
    assert.match(text, /^# Performance\n\nProse\.\n\n<!-- generated:widget:start -->\nkept widget\n/);
    assert.match(text, /<!-- generated:server:start -->\nRun of 2026-01-02 03:04 UTC/);
    assert.ok(!text.includes('kept server'));
    const svg = readFileSync(join(images, 'perf-server-memory.svg'), 'utf8');
    assertProportional(bars(svg).map((b) => b.width), [20, 30, 10]);

    assert.equal(run().status, 0);
    assert.equal(readFileSync(doc, 'utf8'), text);
    assert.equal(readFileSync(join(images, 'perf-server-memory.svg'), 'utf8'), svg);
  });

  test('a results file that cannot be read stops the report before anything is written', () => {
    const before = readFileSync(doc, 'utf8');
    writeFileSync(join(dir, 'server.json'), '{"runs": 3}');
    const broken = run();
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /server: .*server\.json could not be rendered/);
    assert.equal(readFileSync(doc, 'utf8'), before);
  });
});
