/**
 * Audit-history search with a large history: one point of contact with N entries (100 000 by
 * default), spread over a year, several actors and fields, as a busy POC's history would be;
 * then each kind of search the admin pages make, through the real HTTP API (`GET
 * /api/v1/admin/pocs/:id/audit`) of a real server on a temporary SQLite store, each repeated and
 * timed end to end (request, query, JSON answer). A second POC with as many entries sits beside it,
 * so the indexes, not a lucky table scan, are what is measured.
 *
 * Prints per search: matching entries, rows on the page, and the median and 95th-percentile time.
 * Figures depend on the machine; docs/admin.md records a run.
 *
 *   npm run bench:audit
 *   npm run bench:audit -- --entries 20000 --runs 50
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startParley } from '../server/app.js';
import { DEMO_IDS } from '../src/protocol/index.js';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
  },
});
const ENTRIES = Number(args.entries);
const RUNS = Number(args.runs);
const PASSWORD = 'bench-password';

const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-audit-'));
const server = await startParley({ dataDir, port: 0, host: '127.0.0.1', logger: false, demoPassword: PASSWORD });
try {
  const url = server.url;
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];

  const ACTORS = ['Demo Administrator', 'Camille Moreau', 'API token "crm-sync"', 'Jordan Lee', 'Morgan Lefèvre'];
  const FIELDS = ['name', 'skill', 'script', 'allowedOrigins', 'active', 'profile.texts.title', 'profile.theme.light.brand', 'profile.texts.greeting'];
  const ACTIONS = ['update', 'update', 'update', 'profile', 'activate', 'deactivate'];
  const start = Date.parse('2025-11-21T00:00:00Z');
  const span = 365 * 24 * 3_600_000;
  const fill = async (pocId: string) => {
    const t0 = performance.now();
    const batch = 500;
    for (let i = 0; i < ENTRIES; i += batch) {
      const rows = [];
      for (let j = i; j < Math.min(ENTRIES, i + batch); j++) {
        const field = FIELDS[j % FIELDS.length];
        rows.push({
          tenant_id: DEMO_IDS.tenant,
          entity: 'poc',
          entity_id: pocId,
          action: ACTIONS[j % ACTIONS.length],
          field,
          old_value: `${field} value ${j - 1}`,
          new_value: j === ENTRIES - 4321 ? 'Winter sale chat' : `${field} value ${j}`,
          actor_id: null,
          actor_name: ACTORS[j % ACTORS.length],
          via: 'admin',
          job_id: null,
          at: new Date(start + Math.floor((j / ENTRIES) * span)).toISOString(),
        });
      }
      await server.store.db.insertInto('audit_entries').values(rows).execute();
    }
    return performance.now() - t0;
  };
  const fillMs = await fill(DEMO_IDS.chatPoc);
  await fill(DEMO_IDS.salesChatPoc);
  console.log(`audit history: ${ENTRIES.toLocaleString('en')} entries on one POC (and as many on another), written in ${(fillMs / 1000).toFixed(1)} s\n`);

  const base = `${url}/api/v1/admin/pocs/${DEMO_IDS.chatPoc}/audit`;
  const ask = async (query: string) => {
    const res = await fetch(`${base}?${query}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${query}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { entries: { id: number }[]; total: number; next: number | null };
  };
  // A cursor deep in the history: the 1000th page of 50.
  let deep = '';
  {
    const first = await ask('limit=200');
    deep = `before=${first.entries[0].id - 50_000}`;
  }
  const searches: [string, string][] = [
    ['first page, no filter', ''],
    ['page 1 000 (cursor)', deep],
    ['field = skill', 'field=skill'],
    ['actor contains "camille"', 'actor=camille'],
    ['action = deactivate', 'action=deactivate'],
    ['one month (date range)', 'from=2026-03-01&to=2026-03-31'],
    ['text "winter sale"', 'q=winter%20sale'],
    ['field + actor + month + text', 'field=name&actor=jordan&from=2026-01-01&to=2026-06-30&q=value%201'],
  ];
  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  console.log(`${'search'.padEnd(32)} ${'matching'.padStart(9)} ${'rows'.padStart(5)} ${'median'.padStart(9)} ${'p95'.padStart(9)}`);
  for (const [label, query] of searches) {
    await ask(query); // warm the statement cache, as a second search on the page would be
    const times: number[] = [];
    let last = { entries: [] as unknown[], total: 0 };
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await ask(query);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(32)} ${last.total.toLocaleString('en').padStart(9)} ${String(last.entries.length).padStart(5)} ${`${pct(times, 50).toFixed(1)} ms`.padStart(9)} ${`${pct(times, 95).toFixed(1)} ms`.padStart(9)}`,
    );
  }
  console.log(`\n${RUNS} runs each, after one warm-up; times are the whole HTTP round trip on loopback.`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
