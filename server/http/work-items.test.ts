/**
 * Work-item intake against a real server, SQLite file, SMTP server and data directory: what is
 * accepted is stored once, with its files under their sniffed types; what is refused gets a 4xx
 * naming every refused field and leaves nothing behind; agents get work items as offers, download
 * their files only as attachments, reply by email and complete them.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API_PREFIX, DEMO_IDS, type Offer, type PocAvailability, type ProtocolError, type PublicChatProfile, type WorkItemReceipt } from '../../src/protocol/index.js';
import { FaultProxy } from '../../test/chaos/proxy.js';
import { connectAgent, signIn, sleep, startTestServer, until, type TestServer } from '../../test/helpers/server.js';
import { mailHeaders, smtpSink, type SmtpSink } from '../../test/helpers/smtp.js';
import { hashToken } from '../auth/passwords.js';

/** The smallest valid PNG (1×1, transparent). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** A minimal PDF document. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** The start of a Windows executable. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);

const VALID = {
  name: 'Marie Curie',
  email: 'marie@example.com',
  order: 'A-1234',
  reason: 'Damaged',
  purchased: '2026-10-02',
  details: 'The tent pole arrived bent.\nPhotos attached.',
};

type ErrorBody = { error: ProtocolError };

describe('work-item intake', () => {
  let server: TestServer;
  let sink: SmtpSink;
  const intakeUrl = (poc: string = DEMO_IDS.workitemPoc, base?: string) => `${base ?? server.url}${API_PREFIX}/pocs/${poc}/work-items`;

  /** Posts answers (and files) as multipart/form-data, the way the element does. */
  function postForm(answers: Record<string, string>, files: { field: string; name: string; bytes: Buffer; type?: string }[] = [], headers: Record<string, string> = {}, base?: string, signal?: AbortSignal) {
    const form = new FormData();
    for (const [key, value] of Object.entries(answers)) form.append(key, value);
    for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
    // As the server's own page posts it: a browser always sends the Origin of a POST.
    return fetch(intakeUrl(DEMO_IDS.workitemPoc, base), { method: 'POST', body: form, headers: { origin: new URL(base ?? server.url).origin, ...headers }, signal });
  }

  const postJson = (body: unknown, headers: Record<string, string> = {}, poc?: string) =>
    fetch(intakeUrl(poc), { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  async function refused(res: Response, status: number, code: string): Promise<ProtocolError> {
    assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${await res.clone().text()}`);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.code, code);
    assert.ok(body.error.message.length > 0);
    return body.error;
  }

  const workItems = () => server.store.db.selectFrom('conversations').selectAll().where('channel', '=', 'workitem').execute();
  const storedFiles = () => readdirSync(join(server.dataDir, 'attachments')).filter((f) => f !== 'tmp');
  const stagedFiles = () => readdirSync(join(server.dataDir, 'attachments', 'tmp'));

  before(async () => {
    sink = await smtpSink();
    server = await startTestServer({ smtp: { url: sink.url, from: 'Acme Support <support@acme.example>' } });
  });
  after(async () => {
    await server.dispose();
    await sink.close();
  });

  describe('public reads', () => {
    test('the profile route serves a work-item POC with its form fields', async () => {
      const res = await fetch(`${server.url}${API_PREFIX}/pocs/${DEMO_IDS.workitemPoc}/profile`);
      assert.equal(res.status, 200);
      const body = (await res.json()) as PublicChatProfile;
      assert.equal(body.poc.channel, 'workitem');
      assert.deepEqual(body.profile.workItem.fields.map((f) => f.id), ['name', 'email', 'order', 'reason', 'purchased', 'details', 'photos', 'phone']);
      assert.equal(body.profile.workItem.fields.find((f) => f.id === 'photos')?.maxFiles, 3);
    });

    test('a chat is staffed only while an agent holding its skill is signed in and available', async () => {
      const staffed = async () => ((await (await fetch(`${server.url}${API_PREFIX}/pocs/${DEMO_IDS.chatPoc}/availability`)).json()) as PocAvailability).staffed;
      assert.equal(await staffed(), false);
      const agent = await connectAgent(server.url, 'agent1');
      try {
        assert.equal(await staffed(), false, 'signed in but not available');
        await agent.setAvailable(true);
        assert.equal(await staffed(), true);
        await agent.setAvailable(false);
        assert.equal(await staffed(), false);
      } finally {
        agent.close();
      }
    });
  });

  describe('accepted submissions', () => {
    test('a JSON submission is stored once as a queued work item on the POC skill, with a WI- reference', async () => {
      const res = await postJson(VALID, { 'idempotency-key': 'json-1' });
      assert.equal(res.status, 201);
      const receipt = (await res.json()) as WorkItemReceipt;
      assert.match(receipt.reference, /^WI-[0-9A-Z]{6}$/);
      const row = await server.store.getConversation(receipt.id);
      assert.ok(row);
      assert.equal(row.channel, 'workitem');
      assert.equal(row.status, 'queued');
      assert.equal(row.skill_id, 'demo-skill-workitem');
      assert.equal(row.customer_name, 'Marie Curie');
      const stored = JSON.parse(row.work_item!) as { source: string; replyTo: string; fields: { id: string; value: unknown }[] };
      assert.equal(stored.source, 'web');
      assert.equal(stored.replyTo, 'marie@example.com');
      assert.equal(stored.fields.find((f) => f.id === 'details')?.value, VALID.details);
      assert.equal(stored.fields.find((f) => f.id === 'phone')?.value, null);
    });

    test('multipart with files stores each under the type sniffed from its content', async () => {
      const before = storedFiles().length;
      const res = await postForm(VALID, [
        // The browser's claims are wrong on purpose: the content decides.
        { field: 'photos', name: 'pole.png', bytes: PNG, type: 'application/octet-stream' },
        { field: 'photos', name: 'réçu (1)\u202Efdp.pdf', bytes: PDF, type: 'image/png' },
      ], { 'idempotency-key': 'form-1' });
      assert.equal(res.status, 201);
      const { id } = (await res.json()) as WorkItemReceipt;
      const files = (await server.store.attachmentsOf([id])).get(id) ?? [];
      assert.deepEqual(files.map((f) => [f.name, f.type, f.size, f.field_id]), [
        ['pole.png', 'image/png', PNG.length, 'photos'],
        // A bidirectional override, which would make the name read backwards, is not kept.
        ['réçu (1)fdp.pdf', 'application/pdf', PDF.length, 'photos'],
      ]);
      assert.equal(storedFiles().length, before + 2);
      assert.deepEqual(stagedFiles(), []);
    });
  });

  describe('idempotency', () => {
    test('the same key twice answers the first receipt with 200 and creates nothing', async () => {
      const first = await postForm(VALID, [], { 'idempotency-key': 'twice-1' });
      assert.equal(first.status, 201);
      const count = (await workItems()).length;
      const again = await postForm({ ...VALID, details: 'a retry' }, [], { 'idempotency-key': 'twice-1' });
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await again.json(), await first.json());
      assert.equal((await workItems()).length, count);
    });

    test('a double click sent as concurrent requests with files creates one item and keeps one set of files', async () => {
      const count = (await workItems()).length;
      const filesBefore = storedFiles().length;
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => postForm(VALID, [{ field: 'photos', name: 'a.png', bytes: PNG }], { 'idempotency-key': 'burst-1' })),
      );
      const receipts = await Promise.all(answers.map((r) => r.json() as Promise<WorkItemReceipt>));
      assert.equal(new Set(receipts.map((r) => r.id)).size, 1);
      assert.deepEqual(answers.map((r) => r.status).sort(), [200, 200, 200, 200, 201]);
      assert.equal((await workItems()).length, count + 1);
      assert.equal(storedFiles().length, filesBefore + 1);
      assert.deepEqual(stagedFiles(), []);
    });

    test('a response lost on the way back: the retry with the same key gets the item that was stored', async () => {
      const proxy = await new FaultProxy({ port: server.port }).listen();
      try {
        const count = (await workItems()).length;
        proxy.set('down', { kind: 'blackhole' });
        await assert.rejects(postForm(VALID, [], { 'idempotency-key': 'dropped-1' }, proxy.url, AbortSignal.timeout(1500)));
        // The request reached the server, which stored the item; only its answer was lost.
        for (let i = 0; i < 50 && (await workItems()).length === count; i++) await sleep(20);
        assert.equal((await workItems()).length, count + 1);
        proxy.set('down', { kind: 'pass' });
        const retry = await postForm(VALID, [], { 'idempotency-key': 'dropped-1' }, proxy.url);
        assert.equal(retry.status, 200);
        const receipt = (await retry.json()) as WorkItemReceipt;
        assert.equal((await server.store.findByRequestId(`wi:${DEMO_IDS.workitemPoc}:public:dropped-1`))?.id, receipt.id);
        assert.equal((await workItems()).length, count + 1);
      } finally {
        await proxy.close();
      }
    });

    test('a retry whose first answer was lost gets its item even after the POC was deactivated', async () => {
      const first = (await (await postJson(VALID, { 'idempotency-key': 'before-off' })).json()) as WorkItemReceipt;
      await server.store.db.updateTable('pocs').set({ active: 0 }).where('id', '=', DEMO_IDS.workitemPoc).execute();
      try {
        const again = await postJson(VALID, { 'idempotency-key': 'before-off' });
        assert.equal(again.status, 200);
        assert.deepEqual(await again.json(), first);
        // A new key is a new item: refused while the POC is off.
        await refused(await postJson(VALID, { 'idempotency-key': 'after-off' }), 410, 'poc_inactive');
      } finally {
        await server.store.db.updateTable('pocs').set({ active: 1 }).where('id', '=', DEMO_IDS.workitemPoc).execute();
      }
    });

    test('keys are per source: the public form cannot replay an API client\'s key to read its receipt', async () => {
      const key = 'scope-key-0123456789abcdefghijkl';
      await server.store.createApiKey(DEMO_IDS.tenant, 'scope-test', hashToken(key));
      const api = (await (await postJson(VALID, { authorization: `Bearer ${key}`, 'idempotency-key': 'crm-4711' })).json()) as WorkItemReceipt;
      const visitors = (await server.store.db.selectFrom('visitors').select('id').execute()).length;
      const anonymous = await postJson(VALID, { 'idempotency-key': 'crm-4711' });
      assert.equal(anonymous.status, 201, 'a new item of its own, not the API client\'s');
      assert.notEqual(((await anonymous.json()) as WorkItemReceipt).reference, api.reference);
      // Each item made one anonymous visitor; a replay makes none.
      assert.equal((await server.store.db.selectFrom('visitors').select('id').execute()).length, visitors + 1);
      assert.equal((await postJson(VALID, { 'idempotency-key': 'crm-4711' })).status, 200);
      assert.equal((await server.store.db.selectFrom('visitors').select('id').execute()).length, visitors + 1);
    });

    test('a malformed Idempotency-Key is refused, naming the header', async () => {
      const error = await refused(await postJson(VALID, { 'idempotency-key': 'not a key!' }), 400, 'invalid_field');
      assert.equal(error.field, 'Idempotency-Key');
    });
  });

  describe('refused submissions leave nothing behind', () => {
    test('every invalid field is reported, in form order, with the first as the error field', async () => {
      const count = (await workItems()).length;
      const error = await refused(await postJson({ name: '', email: 'not-an-address', reason: 'Stolen', purchased: '2026-02-30', details: 'x' }), 400, 'invalid_field');
      assert.deepEqual(error.fields?.map((f) => f.field), ['name', 'email', 'order', 'reason', 'purchased']);
      assert.equal(error.field, 'name');
      assert.equal((await workItems()).length, count);
    });

    test('an unknown field and a file sent as text are refused by name', async () => {
      const error = await refused(await postJson({ ...VALID, coupon: 'FREE', photos: 'x.png' }), 400, 'invalid_field');
      assert.deepEqual(error.fields?.map((f) => f.field).sort(), ['coupon', 'photos']);
    });

    test('an oversized attachment answers 413 naming the file, and no file or row is kept', async () => {
      const count = (await workItems()).length;
      const filesBefore = storedFiles().length;
      const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
      const error = await refused(await postForm(VALID, [{ field: 'photos', name: 'ok.png', bytes: PNG }, { field: 'photos', name: 'huge.png', bytes: big }]), 413, 'attachment_too_large');
      assert.equal(error.field, 'photos.1');
      assert.equal((await workItems()).length, count);
      assert.equal(storedFiles().length, filesBefore);
      assert.deepEqual(stagedFiles(), []);
    });

    test('a file whose content is not its claimed type answers 415 (an executable named .pdf; text where images and PDF are accepted)', async () => {
      const exe = await refused(await postForm(VALID, [{ field: 'photos', name: 'invoice.pdf', bytes: EXE, type: 'application/pdf' }]), 415, 'attachment_type');
      assert.equal(exe.field, 'photos.0');
      const text = await refused(await postForm(VALID, [{ field: 'photos', name: 'notes.png', bytes: Buffer.from('just some text\n'), type: 'image/png' }]), 415, 'attachment_type');
      assert.equal(text.field, 'photos.0');
      assert.deepEqual(stagedFiles(), []);
    });

    test('too many files, a file on a text field and an empty file are refused', async () => {
      const many = Array.from({ length: 4 }, (_, i) => ({ field: 'photos', name: `p${i}.png`, bytes: PNG }));
      assert.equal((await refused(await postForm(VALID, many), 400, 'invalid_field')).field, 'photos');
      const onText = await refused(await postForm(VALID, [{ field: 'details', name: 'd.png', bytes: PNG }]), 400, 'invalid_field');
      assert.ok(onText.fields?.some((f) => f.field === 'details'));
      assert.equal((await refused(await postForm(VALID, [{ field: 'photos', name: 'empty.png', bytes: Buffer.alloc(0) }]), 400, 'invalid_field')).field, 'photos.0');
      assert.deepEqual(stagedFiles(), []);
    });

    test('a body cut short in the middle of a file leaves no file behind', async () => {
      const head = '--B\r\nContent-Disposition: form-data; name="photos"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n';
      for (let i = 0; i < 3; i++) {
        const res = await fetch(intakeUrl(), {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=B', origin: server.url },
          body: Buffer.concat([Buffer.from(head), PNG, Buffer.alloc(1024 * 1024, 7)]),
        });
        assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      }
      assert.deepEqual(stagedFiles(), []);
    });

    test('a required answer made only of invisible characters is left empty; an over-long text part is refused', async () => {
      const error = await refused(await postJson({ ...VALID, order: '\u202E', details: '\u0001\u0002 ' }), 400, 'invalid_field');
      assert.deepEqual(error.fields?.map((f) => f.field), ['order', 'details']);
      const long = await refused(await postForm({ ...VALID, details: 'x'.repeat(70 * 1024) }), 400, 'invalid_field');
      assert.equal(long.field, 'details');
    });

    test('malformed bodies get a 4xx JSON answer, never a 500', async () => {
      await refused(await postJson('{"name": '), 400, 'invalid_payload');
      await refused(await postJson('[1,2]'), 400, 'invalid_payload');
      await refused(await postJson('null'), 400, 'invalid_payload');
      await refused(await fetch(intakeUrl(), { method: 'POST', headers: { 'content-type': 'text/plain', origin: server.url }, body: 'hello' }), 400, 'invalid_payload');
      await refused(await fetch(intakeUrl(), { method: 'POST', headers: { 'content-type': 'application/xml', origin: server.url }, body: '<a/>' }), 415, 'unsupported_media_type');
      const broken = await fetch(intakeUrl(), {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz', origin: server.url },
        body: '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nMarie\r\n--xy',
      });
      assert.ok(broken.status >= 400 && broken.status < 500, `status ${broken.status}`);
      const dup = await postForm({ ...VALID }, [], {});
      assert.equal(dup.status, 201);
      const form = new FormData();
      for (const [k, v] of Object.entries(VALID)) form.append(k, v);
      form.append('order', 'B-2');
      const twice = await refused(await fetch(intakeUrl(), { method: 'POST', body: form, headers: { origin: server.url } }), 400, 'invalid_field');
      assert.equal(twice.field, 'order');
      assert.deepEqual(stagedFiles(), []);
    });

    test('unknown, non-work-item and deactivated POCs are refused', async () => {
      await refused(await postJson(VALID, {}, 'no-such-poc'), 404, 'poc_not_found');
      await refused(await postJson(VALID, {}, '../etc'), 404, 'not_found');
      await refused(await postJson(VALID, {}, DEMO_IDS.chatPoc), 400, 'poc_wrong_channel');
      await server.store.db.updateTable('pocs').set({ active: 0 }).where('id', '=', DEMO_IDS.workitemPoc).execute();
      try {
        await refused(await postJson(VALID), 410, 'poc_inactive');
      } finally {
        await server.store.db.updateTable('pocs').set({ active: 1 }).where('id', '=', DEMO_IDS.workitemPoc).execute();
      }
    });
  });

  describe('server to server with an API key', () => {
    test('a valid key files an item from source api; a wrong or revoked key is refused, never taken as anonymous', async () => {
      const key = 'test-key-0123456789abcdefghijkl';
      const row = await server.store.createApiKey(DEMO_IDS.tenant, 'CRM', hashToken(key));
      const res = await postJson(VALID, { authorization: `Bearer ${key}` });
      assert.equal(res.status, 201);
      const { id } = (await res.json()) as WorkItemReceipt;
      assert.equal(JSON.parse((await server.store.getConversation(id))!.work_item!).source, 'api');
      assert.ok((await server.store.apiKeys(DEMO_IDS.tenant)).find((k) => k.id === row.id)?.last_used_at);
      assert.equal((await refused(await postJson(VALID, { authorization: 'Bearer wrong-key-0123456789abcdef' }), 401, 'not_authenticated')).field, 'Authorization');
      await refused(await postJson(VALID, { authorization: 'Basic abc' }), 401, 'not_authenticated');
      assert.equal(await server.store.revokeApiKey(DEMO_IDS.tenant, 'CRM'), 1);
      await refused(await postJson(VALID, { authorization: `Bearer ${key}` }), 401, 'not_authenticated');
    });
  });

  describe('agents', () => {
    test('a work item reaches an agent as an offer with its answers and files; the agent downloads them, replies by email and completes it', async () => {
      // Earlier tests left work items queued: start from an empty queue so the offer is this one.
      await server.store.db.updateTable('conversations').set({ status: 'closed', closed_at: new Date().toISOString() }).where('channel', '=', 'workitem').execute();
      const agent = await connectAgent(server.url, 'agent1');
      const other = await signIn(server.url, 'agent2');
      try {
        const res = await postForm({ ...VALID, name: 'Zoë <b>bold</b>' }, [{ field: 'photos', name: 'pole "1".png', bytes: PNG }], { 'idempotency-key': 'agent-1' });
        const { id, reference } = (await res.json()) as WorkItemReceipt;
        await agent.setAvailable(true);
        const state = await until(agent, (s) => s.offers.some((o) => o.conversationId === id), 5000, 'the work-item offer');
        const offer = state.offers.find((o) => o.conversationId === id) as Offer;
        assert.equal(offer.channel, 'workitem');
        assert.equal(offer.customerName, 'Zoë <b>bold</b>');
        assert.equal(offer.preview, VALID.details);
        assert.equal(offer.workItem?.reference, reference);
        assert.equal(offer.workItem?.title, 'Return an item');
        assert.equal(offer.workItem?.replyTo, 'marie@example.com');
        assert.equal(offer.workItem?.fields.find((f) => f.id === 'reason')?.value, 'Damaged');
        const [file] = offer.workItem!.attachments;
        assert.deepEqual([file.name, file.type, file.size], ['pole "1".png', 'image/png', PNG.length]);

        // Download: only as an attachment, only for an agent who may see the work item.
        const cookie = await signIn(server.url, 'agent1');
        const download = await fetch(`${server.url}${file.url}`, { headers: { cookie } });
        assert.equal(download.status, 200);
        assert.equal(download.headers.get('content-type'), 'image/png');
        assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(download.headers.get('content-disposition'), `attachment; filename="pole _1_.png"; filename*=UTF-8''pole%20%221%22.png`);
        assert.match(download.headers.get('content-security-policy') ?? '', /sandbox/);
        assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);
        assert.equal((await fetch(`${server.url}${file.url}`)).status, 401);
        assert.equal((await fetch(`${server.url}${file.url}`, { headers: { cookie: other } })).status, 404);
        assert.equal((await fetch(`${server.url}${API_PREFIX}/agent/attachments/a_nope`, { headers: { cookie } })).status, 404);

        assert.equal(await agent.accept(offer.id), null);
        const held = await until(agent, (s) => s.threads.some((t) => t.conversation.id === id), 5000, 'the held work item');
        assert.equal(held.threads.find((t) => t.conversation.id === id)?.conversation.workItem?.attachments.length, 1);

        const sent = agent.send(id, 'We are sending a new pole today.');
        assert.equal(typeof sent, 'string');
        await until(agent, (s) => s.threads.find((t) => t.conversation.id === id)?.messages.some((m) => m.clientId === sent && m.seq > 0) ?? false, 5000, 'the stored reply');
        const mail = sink.mails.at(-1)!;
        assert.deepEqual(mail.to, ['marie@example.com']);
        assert.equal(mailHeaders(mail.raw).get('subject'), `Return an item [${reference}]`);
        assert.match(mail.raw, /We are sending a new pole today\./);

        assert.equal(await agent.end(id, 'resolved', 'pole shipped'), null);
        const closed = await server.store.getConversation(id);
        assert.equal(closed?.status, 'closed');
        assert.equal(closed?.disposition, 'resolved');
        assert.ok((await server.store.getSession(closed!.session_id))?.completed_at);
      } finally {
        agent.close();
      }
    });

    test('a work item without an email answer takes no reply', async () => {
      // The returns form requires an email; a form without one is filed through the store's profile.
      const agent = await connectAgent(server.url, 'agent2');
      try {
        const res = await postJson(VALID, { 'idempotency-key': 'noreply-1' });
        const { id } = (await res.json()) as WorkItemReceipt;
        await server.store.db
          .updateTable('conversations')
          .set({ work_item: JSON.stringify({ ...JSON.parse((await server.store.getConversation(id))!.work_item!), replyTo: null }) })
          .where('id', '=', id)
          .execute();
        await agent.setAvailable(true);
        const state = await until(agent, (s) => s.offers.some((o) => o.conversationId === id), 8000, 'the offer');
        assert.equal(await agent.accept(state.offers.find((o) => o.conversationId === id)!.id), null);
        await until(agent, (s) => s.threads.some((t) => t.conversation.id === id), 5000, 'the held work item');
        agent.send(id, 'hello?');
        const failed = await until(agent, (s) => s.threads.find((t) => t.conversation.id === id)?.pending.some((p) => p.error) ?? false, 5000, 'the refusal');
        const pending = failed.threads.find((t) => t.conversation.id === id)!.pending[0];
        assert.equal(pending.error?.code, 'invalid_field');
      } finally {
        agent.close();
      }
    });
  });
});
