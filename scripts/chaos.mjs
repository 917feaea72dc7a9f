// `npm run test:chaos`: the fault-injection suite (test/chaos) in its long form — more messages,
// longer faults, repeated — then one table: per scenario, messages attempted, acknowledged,
// stored, shown exactly once on each screen, lost, duplicated, out of order, and the time taken.
// `node scripts/chaos.mjs --short` runs the short form (what `npm test` runs); `--repeat N` runs
// the suite N times (rows add up). Other arguments pick test files:
// `npm run test:chaos -- --repeat 3 test/chaos/reload.test.ts`.
// Exits non-zero when a test failed or a scenario lost, doubled or reordered anything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const form = args.includes('--short') ? 'short' : 'long';
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Math.max(1, Number(args[repeatAt + 1]) || 1) : 1;
const picked = args.filter((a, i) => !a.startsWith('--') && i !== repeatAt + 1);
const files = picked.length
  ? picked
  : readdirSync('test/chaos')
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => join('test/chaos', f));

const dir = mkdtempSync(join(tmpdir(), 'parley-chaos-results-'));
const resultsFile = join(dir, 'results.jsonl');
const started = Date.now();
let status = 0;
for (let round = 1; round <= repeat; round++) {
  console.log(`chaos suite, ${form} form: ${files.length} files${repeat > 1 ? `, run ${round} of ${repeat}` : ''}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
    stdio: 'inherit',
    env: { ...process.env, CHAOS: form, CHAOS_RESULTS: resultsFile },
  });
  status ||= run.status ?? 1;
}

/** One row per scenario: repeated runs add up. */
const rows = [];
const lines = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean) : [];
for (const r of lines.map((line) => JSON.parse(line))) {
  const row = rows.find((x) => x.scenario === r.scenario);
  if (!row) {
    rows.push({ ...r, shownOnce: { ...r.shownOnce } });
    continue;
  }
  for (const k of ['attempted', 'acknowledged', 'stored', 'lost', 'duplicated', 'outOfOrder', 'seconds']) row[k] += r[k];
  for (const [screen, n] of Object.entries(r.shownOnce)) row.shownOnce[screen] = (row.shownOnce[screen] ?? 0) + n;
}
rmSync(dir, { recursive: true, force: true });

/** The table, with columns sized to their content. */
function table(results) {
  const head = ['scenario', 'attempted', 'acknowledged', 'stored', 'shown once (per screen)', 'lost', 'duplicated', 'out of order', 'time'];
  const body = results.map((r) => [
    r.scenario,
    String(r.attempted),
    String(r.acknowledged),
    String(r.stored),
    Object.entries(r.shownOnce)
      .map(([screen, n]) => `${screen} ${n}/${r.attempted}`)
      .join(', '),
    String(r.lost),
    String(r.duplicated),
    String(r.outOfOrder),
    `${r.seconds.toFixed(1)} s`,
  ]);
  const total = (k) => results.reduce((n, r) => n + r[k], 0);
  body.push(['total', ...['attempted', 'acknowledged', 'stored'].map((k) => String(total(k))), '', ...['lost', 'duplicated', 'outOfOrder'].map((k) => String(total(k))), `${total('seconds').toFixed(1)} s`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const left = new Set([0, 4]);
  const line = (cells) => cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(head), rule, ...body.slice(0, -1).map(line), rule, line(body[body.length - 1])].join('\n');
}

console.log(`\nChaos results (${form} form, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (rows.length) console.log(table(rows));
else console.log('no scenario reported its counts');
const bad = rows.filter((r) => (r.lost || r.duplicated || r.outOfOrder || r.acknowledged !== r.attempted));
if (bad.length) console.log(`\nScenarios with losses, duplicates, reordering or unacknowledged texts: ${bad.map((r) => r.scenario).join(', ')}`);
process.exit(status || (bad.length ? 1 : 0));
