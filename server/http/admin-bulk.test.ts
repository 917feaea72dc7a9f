/**
 * Bulk files of points of contact against a real server and a real SQLite store: export, edit,
 * upload "modified rows only", and the audit history shows exactly the edits; every refusal of a
 * bad file happens before a job exists, with the right status and a message naming the problem;
 * failed rows are reported with row, column and reason; progress moves on a large file; only the
 * permissions the docs name get in, and another tenant's jobs do not exist.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { API_PREFIX, BULK_COLUMNS, DEMO_IDS, type AuditPage, type BulkJob, type BulkJobDetail } from '../../src/protocol/index.js';
import { hashPassword } from '../auth/passwords.js';
import { xlsxBomb } from '../../test/fixtures/bulk/zip.js';
import { signIn, staffHeaders, startTestServer, TEST_PASSWORD, type TestServer } from '../../test/helpers/server.js';

const HEADER = BULK_COLUMNS.join(',');
type ErrorBody = { error: { code: string; message: string; field?: string } };

describe('bulk files API', () => {
  let server: TestServer;
  let admin: string;
  const api = (path: string) => `${server.url}${API_PREFIX}/admin${path}`;

  const upload = (cookie: string, file: Buffer | string, name: string, mode: string | null = 'all') => {
    const form = new FormData();
    if (mode !== null) form.append('mode', mode);
    form.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), name);
    return fetch(api('/bulk/jobs'), { method: 'POST', headers: staffHeaders(cookie), body: form });
  };
  const started = async (res: Response): Promise<BulkJob> => {
    const body = (await res.json()) as { job: BulkJob } & ErrorBody;
    assert.equal(res.status, 202, JSON.stringify(body));
    return body.job;
  };
  const detail = async (id: string, cookie = admin): Promise<BulkJobDetail> => (await (await fetch(api(`/bulk/jobs/${id}`), { headers: { cookie } })).json()) as BulkJobDetail;
  /** Polls the job until it ends; returns it with every `processed` value seen on the way. */
  async function finished(id: string, intervalMs = 50): Promise<{ detail: BulkJobDetail; seen: number[] }> {
    const seen: number[] = [];
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      const d = await detail(id);
      seen.push(d.job.processed);
      if (d.job.status === 'done' || d.job.status === 'failed') return { detail: d, seen };
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    throw new Error(`job ${id} did not finish`);
  }
  const exported = async (format: 'csv' | 'xlsx') => {
    const res = await fetch(api(`/bulk/export?format=${format}`), { headers: { cookie: admin } });
    assert.equal(res.status, 200);
    return Buffer.from(await res.arrayBuffer());
  };
  const jobCount = async () => ((await (await fetch(api('/bulk/jobs'), { headers: { cookie: admin } })).json()) as { jobs: BulkJob[] }).jobs.length;
  const audit = async (pocId: string) => (await (await fetch(api(`/pocs/${pocId}/audit`), { headers: { cookie: admin } })).json()) as AuditPage;

  before(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, 'admin');
  });
  after(() => server.dispose());

  test('downloads: template and export as CSV and XLSX, as attachments, nosniff', async () => {
    for (const [path, format, type] of [
      ['/bulk/template?format=csv', 'csv', 'text/csv; charset=utf-8'],
      ['/bulk/template?format=xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['/bulk/export?format=csv', 'csv', 'text/csv; charset=utf-8'],
      ['/bulk/export', 'csv', 'text/csv; charset=utf-8'],
    ] as const) {
      const res = await fetch(api(path), { headers: { cookie: admin } });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type);
      assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`^attachment; filename="points-of-contact-[\\w-]+\\.${format}"$`));
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      await res.arrayBuffer();
    }
    const template = (await (await fetch(api('/bulk/template?format=csv'), { headers: { cookie: admin } })).text()).replace(/^\uFEFF/, '');
    assert.equal(template, `${HEADER}\r\n`);
    const csv = (await exported('csv')).toString('utf8');
    assert.ok(csv.startsWith('\uFEFF'));
    assert.match(csv, new RegExp(`\\r\\n,${DEMO_IDS.emailPoc},Support mailbox,email,Email support,Standard hours,support@acme\\.example,,yes\\r\\n`));
    assert.equal((await fetch(api('/bulk/export?format=pdf'), { headers: { cookie: admin } })).status, 400);
  });

  test('the round trip: export CSV, edit two rows, mark them, upload "modified rows only": 2 updated, the rest skipped, the audit shows exactly that', async () => {
    const skill = (await (
      await fetch(api('/skills'), { method: 'POST', headers: staffHeaders(admin, { 'content-type': 'application/json' }), body: JSON.stringify({ name: 'Email escalations', channel: 'email' }) })
    ).json()) as { skill: { id: string } };
    assert.ok(skill.skill?.id);
    const table = parse((await exported('csv')).toString('utf8'), { bom: true }) as string[][];
    const col = (c: (typeof BULK_COLUMNS)[number]) => table[0].indexOf(c);
    const chat = table.find((r) => r[col('ID')] === DEMO_IDS.chatPoc)!;
    const email = table.find((r) => r[col('ID')] === DEMO_IDS.emailPoc)!;
    chat[col('Name')] = 'Website chat (new)';
    chat[col('Modified row')] = 'x';
    email[col('Skill')] = 'email ESCALATIONS';
    email[col('Modified row')] = 'Yes';
    // An edited but unmarked row is skipped.
    table.find((r) => r[col('ID')] === DEMO_IDS.phonePoc)![col('Name')] = 'Not applied';

    const job = await started(await upload(admin, '\uFEFF' + stringify(table), 'points-of-contact.csv', 'modified'));
    assert.equal(job.mode, 'modified');
    assert.equal(job.total, table.length - 1);
    const { detail: done } = await finished(job.id);
    assert.equal(done.job.status, 'done');
    assert.deepEqual(
      { updated: done.job.updated, skipped: done.job.skipped, created: done.job.created, failed: done.job.failed, unchanged: done.job.unchanged, processed: done.job.processed },
      { updated: 2, skipped: table.length - 3, created: 0, failed: 0, unchanged: 0, processed: table.length - 1 },
    );
    assert.deepEqual(done.failures, []);

    const chatAudit = (await audit(DEMO_IDS.chatPoc)).entries.filter((e) => e.jobId === job.id);
    assert.deepEqual(
      chatAudit.map((e) => ({ field: e.field, from: e.from, to: e.to, via: e.via, action: e.action, actor: e.actor })),
      [{ field: 'name', from: 'Website chat', to: 'Website chat (new)', via: 'bulk', action: 'update', actor: 'Demo Administrator' }],
    );
    const emailAudit = (await audit(DEMO_IDS.emailPoc)).entries.filter((e) => e.jobId === job.id);
    assert.equal(emailAudit.length, 1);
    assert.equal(emailAudit[0].field, 'skill');
    assert.match(emailAudit[0].from ?? '', /^Email support/);
    assert.equal(emailAudit[0].to, `Email escalations (${skill.skill.id})`);
    const all = await server.store.db.selectFrom('audit_entries').select('entity_id').where('job_id', '=', job.id).execute();
    assert.equal(all.length, 2, 'no other change was recorded');
    const phone = await server.store.getPoc(DEMO_IDS.phonePoc);
    assert.equal(phone?.name, 'Support line', 'the unmarked row was not applied');
  });

  test('XLSX round trip: export, edit a cell in Excel terms, mark it, upload', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported('xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const at = (c: (typeof BULK_COLUMNS)[number]) => header.indexOf(c) + 1;
    let edited = 0;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(at('ID')).value === DEMO_IDS.salesChatPoc) {
        row.getCell(at('Allowed origins')).value = 'https://shop.example https://www.shop.example';
        row.getCell(at('Modified row')).value = true;
        edited += 1;
      }
    });
    assert.equal(edited, 1);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const job = await started(await upload(admin, file, 'Points of contact.XLSX', 'modified'));
    assert.equal(job.format, 'xlsx');
    const { detail: done } = await finished(job.id);
    assert.equal(done.job.updated, 1, JSON.stringify(done));
    assert.equal(done.job.failed, 0);
    assert.deepEqual((await server.store.getPoc(DEMO_IDS.salesChatPoc))?.allowed_origins, JSON.stringify(['https://shop.example', 'https://www.shop.example']));

    // Uploaded again unchanged, with every row applied: nothing changes.
    const again = await started(await upload(admin, await exported('xlsx'), 'again.xlsx', 'all'));
    const { detail: same } = await finished(again.id);
    assert.equal(same.job.unchanged, same.job.total, JSON.stringify(same));
  });

  test('failed rows are reported with their number, column and reason; the other rows are applied', async () => {
    const rows = [
      HEADER,
      ',,New chat,chat,Chat support,Standard hours,,https://new.example,yes',
      ',,Bad skill,chat,No such skill,Standard hours,,,yes',
      '',
      ',,Bad channel,fax,Chat support,Standard hours,,,yes',
      `,does-not-exist,Ghost,chat,Chat support,Standard hours,,,yes`,
      ',,Mailbox without address,email,Email support,Standard hours,,,yes',
      `,${DEMO_IDS.chatPoc},Website chat (new),email,Chat support,Standard hours,,,yes`,
      `,${DEMO_IDS.workitemPoc},Returns form,workitem,Work items,Standard hours,,,no`,
      ',,New form,Work item,Work items,Standard hours,,not an origin,yes',
      ',,=HYPERLINK("x"),chat,Chat support,Standard hours,,,yes',
    ];
    const job = await started(await upload(admin, rows.join('\r\n'), 'new.csv'));
    assert.equal(job.total, 9, 'the blank line is no row');
    const { detail: done } = await finished(job.id);
    assert.equal(done.job.status, 'done');
    assert.equal(done.job.created, 2, JSON.stringify(done));
    const failures = done.failures.map((f) => ({ row: f.row, column: f.column }));
    assert.deepEqual(failures, [
      { row: 3, column: 'Skill' },
      { row: 5, column: 'Channel' },
      { row: 6, column: 'ID' },
      { row: 7, column: 'Address' },
      { row: 8, column: 'Channel' },
      { row: 9, column: 'Active' },
      { row: 10, column: 'Allowed origins' },
    ]);
    assert.match(done.failures[0].reason ?? '', /no skill named "No such skill"/);
    assert.match(done.failures[5].reason ?? '', /still assigned to an active skill/);
    assert.ok(done.failures.every((f) => f.outcome === 'failed' && f.reason));

    const report = await fetch(api(`/bulk/jobs/${job.id}/report?format=csv`), { headers: { cookie: admin } });
    assert.equal(report.status, 200);
    assert.equal(report.headers.get('x-content-type-options'), 'nosniff');
    assert.match(report.headers.get('content-disposition') ?? '', /^attachment; filename="bulk-report-/);
    const lines = parse((await report.text()).replace(/^\uFEFF/, '')) as string[][];
    assert.deepEqual(lines[0], ['Row', 'Outcome', 'Point of contact id', 'Column', 'Reason']);
    assert.deepEqual(lines.slice(1).map((l) => l[0]), ['2', '3', '5', '6', '7', '8', '9', '10', '11'], 'every data row, in order');
    assert.equal(lines[1][1], 'created');
    assert.match(lines[1][2], /^chat-/);
    assert.deepEqual(lines[2].slice(1, 4), ['failed', '', 'Skill']);
    const created = await server.store.getPoc(lines[9][2]);
    assert.equal(created?.name, '=HYPERLINK("x")', 'a formula-like name is stored as text');

    const xlsxReport = await fetch(api(`/bulk/jobs/${job.id}/report?format=xlsx`), { headers: { cookie: admin } });
    assert.equal(xlsxReport.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsxReport.arrayBuffer()) as ArrayBuffer);
    assert.equal(workbook.worksheets[0].rowCount, 10);
  });

  test('bad files are refused before a job exists, naming the problem', async () => {
    const jobs = await jobCount();
    const refuse = async (res: Response, status: number, code: string, message: RegExp) => {
      const body = (await res.json()) as ErrorBody;
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(body.error.code, code);
      assert.match(body.error.message, message);
    };
    await refuse(await upload(admin, 'Name,Chanel\nA,chat\n', 'x.csv'), 400, 'invalid_field', /missing columns "ID", "Channel", .*unknown column "Chanel"/);
    await refuse(await upload(admin, Buffer.from(`${HEADER}\n,,\xc9quipe,chat,S,T,,,yes\n`, 'latin1'), 'x.csv'), 400, 'invalid_payload', /^the file is not UTF-8 text; save it as CSV UTF-8$/);
    await refuse(await upload(admin, '', 'x.csv'), 400, 'invalid_payload', /empty/);
    await refuse(await upload(admin, `${HEADER}\n`, 'x.csv'), 400, 'invalid_payload', /no data rows/);
    await refuse(await upload(admin, `${HEADER}\n,,A,chat,S,T,,,yes\n`, 'x.xlsx'), 415, 'unsupported_media_type', /named \.xlsx but is text/);
    await refuse(await upload(admin, `${HEADER}\n`, 'x.txt'), 415, 'unsupported_media_type', /\.csv or \.xlsx/);
    await refuse(await upload(admin, `${HEADER}\n,,A,chat,S,T,,,yes\n`, 'x.csv', null), 400, 'invalid_field', /mode is required/);
    await refuse(await upload(admin, `${HEADER}\n,,A,chat,S,T,,,yes\n`, 'x.csv', 'some'), 400, 'invalid_field', /mode must be/);
    await refuse(await upload(admin, 'Name,ID,Channel,Skill,Script,Address,Allowed origins,Active\nA,,chat,S,T,,,yes\n', 'x.csv', 'modified'), 400, 'invalid_field', /needs the "Modified row" column/);
    const json = await fetch(api('/bulk/jobs'), { method: 'POST', headers: staffHeaders(admin, { 'content-type': 'application/json' }), body: '{}' });
    assert.equal(json.status, 415);
    assert.equal(await jobCount(), jobs, 'no job was created');
  });

  test('a 50 MB upload is answered 413 while it is still being sent, without the server reading it all', async () => {
    const boundary = 'parleyboundary';
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="mode"\r\n\r\nall\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.csv"\r\ncontent-type: text/csv\r\n\r\n${HEADER}\r\n`);
    const chunk = Buffer.from(',,A,chat,S,T,,,yes\r\n'.repeat(3000));
    const total = 50 * 1024 * 1024;
    const result = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const { port } = new URL(server.url);
      // Chunked: no Content-Length, so only counting the stream can catch it.
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `${API_PREFIX}/admin/bulk/jobs`, headers: staffHeaders(admin, { 'content-type': `multipart/form-data; boundary=${boundary}` }) });
      req.on('response', (res) => {
        answered = true;
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        // The client stops sending and closes its body properly, as a browser does on an early answer.
        res.on('end', () => {
          req.end(`\r\n--${boundary}--\r\n`);
          resolve({ status: res.statusCode ?? 0, body, sent });
        });
      });
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end(`\r\n--${boundary}--\r\n`);
      };
      req.write(head);
      pump();
    });
    assert.equal(result.status, 413, result.body);
    assert.equal((JSON.parse(result.body) as ErrorBody).error.code, 'payload_too_large');
    assert.ok(result.sent < 20 * 1024 * 1024, `the answer came after ${result.sent} of ${total} bytes`);
  });

  test('an XLSX zip bomb is refused by the guard, without the server expanding it', async () => {
    const bomb = await xlsxBomb(200);
    const rss = process.memoryUsage().rss;
    const res = await upload(admin, bomb, 'bomb.xlsx');
    const body = (await res.json()) as ErrorBody;
    assert.equal(res.status, 400);
    assert.match(body.error.message, /would expand to more than 100 MB/);
    assert.ok(process.memoryUsage().rss - rss < 64 * 1024 * 1024, `memory grew by ${(process.memoryUsage().rss - rss) >> 20} MB`);
  });

  test('progress is visible while a 10 000-row file is applied', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const kind = i % 2 === 0 ? 'chat,Chat support' : 'workitem,Work items';
      return `,,Bulk ${i},${kind},Standard hours,,,yes`;
    });
    const job = await started(await upload(admin, `${HEADER}\n${rows.join('\n')}\n`, 'ten-thousand.csv'));
    assert.equal(job.total, 10_000);
    const { detail: done, seen } = await finished(job.id, 25);
    assert.equal(done.job.status, 'done');
    assert.equal(done.job.created, 10_000);
    assert.ok(seen.some((p) => p > 0 && p < 10_000), `progress seen: ${[...new Set(seen)].join(', ')}`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], 'progress never goes back');
    const jobs = ((await (await fetch(api('/bulk/jobs'), { headers: { cookie: admin } })).json()) as { jobs: BulkJob[] }).jobs;
    assert.equal(jobs[0].id, job.id, 'newest first');
  });

  test('permissions: no session 401, agents cannot download, marketers cannot upload', async () => {
    const file = `${HEADER}\n,,A,chat,Chat support,Standard hours,,,yes\n`;
    const reads = ['/bulk/template?format=csv', '/bulk/export?format=xlsx', '/bulk/jobs', '/bulk/jobs/x', '/bulk/jobs/x/report?format=csv'];
    for (const path of reads) assert.equal((await fetch(api(path))).status, 401, path);
    assert.equal((await upload('', file, 'a.csv')).status, 401);
    const agent = await signIn(server.url, 'agent1');
    for (const path of reads) {
      const res = await fetch(api(path), { headers: { cookie: agent } });
      assert.equal(res.status, 403, path);
      assert.match(((await res.json()) as ErrorBody).error.message, /poc\.view/);
    }
    const marketer = await signIn(server.url, 'marketer');
    for (const path of reads.slice(0, 3)) assert.equal((await fetch(api(path), { headers: { cookie: marketer } })).status, 200, path);
    const refused = await upload(marketer, file, 'a.csv');
    assert.equal(refused.status, 403);
    assert.match(((await refused.json()) as ErrorBody).error.message, /poc\.create and poc\.edit/);
  });

  test("another tenant's jobs do not exist for it", async () => {
    const at = new Date().toISOString();
    await server.store.db.insertInto('tenants').values({ id: 'globex', name: 'Globex', created_at: at }).execute();
    await server.store.db
      .insertInto('users')
      .values({ id: 'globex-admin', tenant_id: 'globex', username: 'globex-admin', display_name: 'Globex admin', role: 'admin', password_hash: await hashPassword(TEST_PASSWORD), capacity: 1, created_at: at })
      .execute();
    const globex = await signIn(server.url, 'globex-admin');
    const [ours] = ((await (await fetch(api('/bulk/jobs'), { headers: { cookie: admin } })).json()) as { jobs: BulkJob[] }).jobs;
    for (const path of [`/bulk/jobs/${ours.id}`, `/bulk/jobs/${ours.id}/report?format=csv`, '/bulk/jobs/no-such-job']) {
      const res = await fetch(api(path), { headers: { cookie: globex } });
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as ErrorBody).error.code, 'not_found');
    }
    assert.deepEqual(((await (await fetch(api('/bulk/jobs'), { headers: { cookie: globex } })).json()) as { jobs: BulkJob[] }).jobs, []);
    // Its export holds none of the demo tenant's POCs.
    const csv = await (await fetch(api('/bulk/export?format=csv'), { headers: { cookie: globex } })).text();
    assert.equal(csv.replace(/^\uFEFF/, ''), `${HEADER}\r\n`);
  });

  test('the OpenAPI document lists the bulk routes under the bulk tag', async () => {
    const doc = (await (await fetch(`${server.url}${API_PREFIX}/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> };
    for (const [path, method] of [
      ['/api/v1/admin/bulk/template', 'get'],
      ['/api/v1/admin/bulk/export', 'get'],
      ['/api/v1/admin/bulk/jobs', 'post'],
      ['/api/v1/admin/bulk/jobs', 'get'],
      ['/api/v1/admin/bulk/jobs/{id}', 'get'],
      ['/api/v1/admin/bulk/jobs/{id}/report', 'get'],
    ]) {
      assert.deepEqual(doc.paths[path]?.[method]?.tags, ['bulk'], `${method} ${path}`);
      assert.ok(doc.paths[path][method].summary);
    }
  });
});

describe('bulk jobs across a restart', () => {
  test('a job left running by a stopped server is marked failed on the next start', async () => {
    const first = await startTestServer();
    const at = new Date().toISOString();
    await first.store.db
      .insertInto('bulk_jobs')
      .values({ id: 'bj_left', tenant_id: DEMO_IDS.tenant, actor_id: null, actor_name: 'Demo Administrator', file_name: 'x.csv', format: 'csv', mode: 'all', status: 'running', total: 10, error: null, started_at: at, finished_at: null })
      .execute();
    await first.close();
    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const cookie = await signIn(second.url, 'admin');
      const { job } = (await (await fetch(`${second.url}${API_PREFIX}/admin/bulk/jobs/bj_left`, { headers: { cookie } })).json()) as BulkJobDetail;
      assert.equal(job.status, 'failed');
      assert.equal(job.error, 'the server stopped while the file was processed');
      assert.ok(job.finishedAt);
    } finally {
      await second.dispose();
    }
  });
});
