/**
 * Bulk-file benchmark: how fast an uploaded file of points of contact is applied, and whether a
 * poller sees the progress move. Runs the real server (`startParley`, 127.0.0.1, port 0, a
 * temporary data directory deleted at the end), signs in as the demo administrator and uses the
 * HTTP API as the admin pages do. A benchmark, not a test: it prints figures and asserts none.
 *
 * 1. CSV: N new POCs (default 10 000) spread over the four channels — chat, email (a mailbox
 *    each), inbound phone (a DNIS each, provisioned first through the API) and work item —
 *    uploaded with "all rows"; the job is polled every 50 ms until done.
 * 2. XLSX: the same number of new POCs as an XLSX workbook (new names, mailboxes and numbers).
 * 3. Modified rows only: the export of every POC as CSV, with 100 rows renamed and marked,
 *    uploaded with "modified rows only".
 * For each: upload time (request to 202), total time (request to done), rows/s over the total,
 * how many distinct progress values the poller saw, and the process's peak RSS (server and
 * client share this process, so it is an upper bound of the server's).
 *
 * Reproduce: npm run bench:bulk            (or: npm run bench:bulk -- --rows 50000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { startParley } from '../server/app.js';
import { API_PREFIX, BULK_COLUMNS, type BulkJob, type BulkJobDetail } from '../src/protocol/index.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const ROWS = Number(args.rows);
const PASSWORD = 'bench-password';

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
sampler.unref();

const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-bulk-'));
const server = await startParley({ dataDir, port: 0, host: '127.0.0.1', logger: false, demoPassword: PASSWORD });
const api = (path: string) => `${server.url}${API_PREFIX}/admin${path}`;

try {
  const login = await fetch(`${server.url}${API_PREFIX}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];

  /** Provisions `count` inbound numbers through the API, from `first`. */
  async function provision(first: number, count: number): Promise<string[]> {
    const numbers: string[] = [];
    for (let i = 0; i < count; i++) {
      const number = `+3319${String(first + i).padStart(7, '0')}`;
      const res = await fetch(api('/dnis'), { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ number, label: `Bench ${i}` }) });
      if (res.status !== 201) throw new Error(`provisioning ${number}: ${res.status} ${await res.text()}`);
      numbers.push(number);
    }
    return numbers;
  }

  /** N rows of new POCs, a quarter per channel. */
  async function newRows(tag: string, count: number, numberFrom: number): Promise<string[][]> {
    const numbers = await provision(numberFrom, Math.floor(count / 4));
    return Array.from({ length: count }, (_, i) => {
      const kind = i % 4;
      const name = `${tag} ${i}`;
      if (kind === 0) return ['', '', name, 'chat', 'Chat support', 'Standard hours', '', 'https://shop.example', 'yes'];
      if (kind === 1) return ['', '', name, 'email', 'Email support', 'Standard hours', `${tag.toLowerCase()}-${i}@bench.example`, '', 'yes'];
      if (kind === 2) return ['', '', name, 'Inbound phone', 'Callbacks', 'Standard hours', numbers[(i - 2) / 4] ?? '', '', 'yes'];
      return ['', '', name, 'workitem', 'Work items', 'Standard hours', '', '', 'yes'];
    });
  }

  async function run(label: string, file: Buffer, name: string, mode: 'all' | 'modified'): Promise<void> {
    peakRss = process.memoryUsage().rss;
    const form = new FormData();
    form.append('mode', mode);
    form.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), name);
    const t0 = performance.now();
    const res = await fetch(api('/bulk/jobs'), { method: 'POST', headers: { cookie }, body: form });
    const body = (await res.json()) as { job: BulkJob };
    if (res.status !== 202) throw new Error(`${label}: ${res.status} ${JSON.stringify(body)}`);
    const uploaded = performance.now() - t0;
    const seen = new Set<number>();
    let job = body.job;
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      job = ((await (await fetch(api(`/bulk/jobs/${job.id}`), { headers: { cookie } })).json()) as BulkJobDetail).job;
      seen.add(job.processed);
    }
    const total = performance.now() - t0;
    const between = [...seen].filter((p) => p > 0 && p < job.total).length;
    console.log(
      `${label.padEnd(26)} ${String(job.total).padStart(6)} rows  ${(file.length / 1024).toFixed(0).padStart(6)} KB  upload ${uploaded.toFixed(0).padStart(5)} ms  total ${(total / 1000).toFixed(2).padStart(6)} s  ` +
        `${((job.total / total) * 1000).toFixed(0).padStart(5)} rows/s  progress values ${String(seen.size).padStart(3)} (${between} strictly between)  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB  ` +
        `[${job.status}: created ${job.created}, updated ${job.updated}, unchanged ${job.unchanged}, skipped ${job.skipped}, failed ${job.failed}]`,
    );
  }

  console.log(`Parley bulk files, node ${process.version}, ${ROWS} rows`);
  const csvRows = await newRows('Csv', ROWS, 0);
  await run('CSV, all rows', Buffer.from('\uFEFF' + stringify([[...BULK_COLUMNS], ...csvRows])), 'bench.csv', 'all');

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Points of contact');
  sheet.addRow([...BULK_COLUMNS]);
  for (const row of await newRows('Xlsx', ROWS, ROWS)) sheet.addRow(row);
  await run('XLSX, all rows', Buffer.from(await workbook.xlsx.writeBuffer()), 'bench.xlsx', 'all');

  const exported = await (await fetch(api('/bulk/export?format=csv'), { headers: { cookie } })).text();
  const table = parse(exported, { bom: true }) as string[][];
  for (let i = 1; i <= 100 && i < table.length; i++) {
    table[i][BULK_COLUMNS.indexOf('Name')] += ' (renamed)';
    table[i][BULK_COLUMNS.indexOf('Modified row')] = 'x';
  }
  await run('CSV export, 100 marked', Buffer.from('\uFEFF' + stringify(table)), 'export.csv', 'modified');
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
