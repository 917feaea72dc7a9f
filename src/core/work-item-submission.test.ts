/**
 * The framework-free half of `<parley-work-item>`: drafts in a key-value storage, the intake
 * request, the reading of the server's answers, and the sender's retries.
 *
 * The sender runs over real HTTP: a small `node:http` server plays the unreachable, failing or
 * refusing intake (it answers 503, drops the connection, or refuses with a 4xx), and the real
 * Parley server files the items in the last section. The one stand-in is the browser's network
 * watch (`navigator.onLine` and the `online` event), which Node does not have.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { DEMO_IDS, type WorkItemField } from '../protocol/index.js';
import type { NetworkWatch } from './link.js';
import {
  buildWorkItemRequest,
  DraftStore,
  draftKey,
  parseDraft,
  readWorkItemAnswer,
  refusedField,
  WorkItemSender,
  type KeyValueStorage,
  type WorkItemSendState,
} from './work-item-submission.js';

function mapStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const field = (id: string, type: WorkItemField['type'], extra: Partial<WorkItemField> = {}): WorkItemField => ({
  id,
  type,
  label: id,
  labels: {},
  required: false,
  options: [],
  accept: type === 'file' ? ['image/png', 'application/pdf'] : [],
  maxFiles: type === 'file' ? 3 : 0,
  maxFileBytes: type === 'file' ? 5 * 1024 * 1024 : 0,
  ...extra,
});

const FIELDS: WorkItemField[] = [
  field('name', 'name', { required: true }),
  field('email', 'email'),
  field('reason', 'select', { options: ['Damaged', 'Other'] }),
  field('consent', 'checkbox'),
  field('details', 'textarea'),
  field('photos', 'file'),
];

const png = (name = 'photo.png'): File => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], name, { type: 'image/png' });

// ---------------------------------------------------------------------------------------------

describe('drafts', () => {
  test('one key per server origin and POC; a path or trailing slash on the server does not matter', () => {
    assert.equal(draftKey('https://chat.example.com/', 'poc-1'), draftKey('https://chat.example.com/parley', 'poc-1'));
    assert.notEqual(draftKey('https://chat.example.com', 'poc-1'), draftKey('https://chat.example.com', 'poc-2'));
    assert.notEqual(draftKey('https://chat.example.com', 'poc-1'), draftKey('https://other.example.com', 'poc-1'));
    assert.match(draftKey('https://chat.example.com', 'poc-1'), /^parley:work-item:/);
    // Several forms of one POC on a page: each its own place.
    assert.notEqual(draftKey('https://chat.example.com', 'poc-1', 'chat'), draftKey('https://chat.example.com', 'poc-1'));
    assert.notEqual(draftKey('https://chat.example.com', 'poc-1', '2'), draftKey('https://chat.example.com', 'poc-1', '3'));
  });

  test('a draft written is read back, answers, file names and key alike; clear removes it', () => {
    const storage = mapStorage();
    const store = new DraftStore(storage, 'k');
    const draft = { answers: { name: 'Ada', consent: true }, files: { photos: [{ name: 'a.png', size: 12 }] }, key: 'abc-123' };
    store.write(draft);
    assert.deepEqual(new DraftStore(storage, 'k').read(), draft);
    store.clear();
    assert.equal(storage.map.size, 0);
    assert.deepEqual(store.read(), { answers: {}, files: {}, key: null });
  });

  test('an empty draft removes the entry instead of storing it', () => {
    const storage = mapStorage();
    const store = new DraftStore(storage, 'k');
    store.write({ answers: { name: 'A' }, files: {}, key: null });
    store.write({ answers: {}, files: {}, key: null });
    assert.equal(storage.map.has('k'), false);
  });

  test('a storage that refuses writes, or none at all, keeps the draft in memory', () => {
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    for (const storage of [full, undefined]) {
      const store = new DraftStore(storage, 'k');
      store.write({ answers: { name: 'Ada' }, files: {}, key: null });
      assert.deepEqual(store.read().answers, { name: 'Ada' });
    }
  });

  test('stored drafts are untrusted: bad JSON is ignored, bad entries are dropped one by one', () => {
    assert.equal(parseDraft('{not json'), null);
    assert.equal(parseDraft('[1,2]'), null);
    const draft = parseDraft(
      JSON.stringify({
        answers: { name: 'Ada', age: 42, nested: { a: 1 }, consent: false, long: 'x'.repeat(5000) },
        files: { photos: [{ name: 'a.png', size: 3 }, { name: 5 }, 'b.png'], other: 'nope' },
        key: 'has spaces!',
      }),
    )!;
    assert.deepEqual(draft.answers, { name: 'Ada', consent: false });
    assert.deepEqual(draft.files, { photos: [{ name: 'a.png', size: 3 }] });
    assert.equal(draft.key, null);
    assert.equal(parseDraft(JSON.stringify({ key: 'k_1-A' }))!.key, 'k_1-A');
  });
});

// ---------------------------------------------------------------------------------------------

describe('buildWorkItemRequest', () => {
  test('without files: JSON keyed by field id, empty answers left out, checkboxes as booleans, unknown ids dropped', () => {
    const { url, init } = buildWorkItemRequest({
      server: 'https://chat.example.com',
      poc: 'poc/1',
      fields: FIELDS,
      answers: { name: 'Ada', email: '  ', reason: 'Damaged', stale: 'from an older form', details: 'Broken\nlid' },
      key: 'key-1',
    });
    assert.equal(url, 'https://chat.example.com/api/v1/pocs/poc%2F1/work-items');
    assert.equal(init.method, 'POST');
    assert.equal(init.credentials, 'omit');
    assert.equal(init.headers['idempotency-key'], 'key-1');
    assert.equal(init.headers['content-type'], 'application/json');
    assert.equal(init.headers['x-parley-source'], undefined);
    assert.deepEqual(JSON.parse(init.body as string), { name: 'Ada', reason: 'Damaged', consent: false, details: 'Broken\nlid' });
  });

  test('with files: multipart, text parts and one file part per file, named by field id; from the chat, says so', async () => {
    const { init } = buildWorkItemRequest({
      server: 'https://chat.example.com',
      poc: 'poc-1',
      fields: FIELDS,
      answers: { name: 'Ada', consent: true },
      files: { photos: [png('one.png'), png('two.png')] },
      key: 'key-2',
      source: 'chat',
    });
    assert.equal(init.headers['x-parley-source'], 'chat');
    assert.equal(init.headers['content-type'], undefined, 'the boundary is the browser’s to write');
    // Encoded and parsed back the way a server reads it.
    const encoded = new Request('https://x.example', { method: 'POST', body: init.body });
    const form = await encoded.formData();
    assert.equal(form.get('name'), 'Ada');
    assert.equal(form.get('consent'), 'true');
    const photos = form.getAll('photos') as File[];
    assert.deepEqual(
      photos.map((f) => f.name),
      ['one.png', 'two.png'],
    );
    assert.equal(photos[0].size, 7);
  });
});

// ---------------------------------------------------------------------------------------------

describe('readWorkItemAnswer', () => {
  const receipt = { id: 'c1', reference: 'WI-7K3M9Q', createdAt: '2025-01-01T00:00:00.000Z' };

  test('201 is a new item, 200 the first receipt again', () => {
    assert.deepEqual(readWorkItemAnswer(201, receipt), { kind: 'filed', receipt, replayed: false });
    assert.deepEqual(readWorkItemAnswer(200, receipt), { kind: 'filed', receipt, replayed: true });
  });

  test('a 2xx whose body is not a receipt is asked again, not taken as filed', () => {
    assert.equal(readWorkItemAnswer(201, { id: 'c1' }).kind, 'unreachable');
    assert.equal(readWorkItemAnswer(200, null).kind, 'unreachable');
  });

  test('5xx and 408 may pass: unreachable', () => {
    for (const status of [500, 502, 503, 504, 408]) assert.equal(readWorkItemAnswer(status, null).kind, 'unreachable', String(status));
  });

  test('400 lists every refused field', () => {
    const outcome = readWorkItemAnswer(400, {
      error: {
        code: 'invalid_field',
        message: 'x',
        field: 'name',
        fields: [
          { field: 'name', code: 'invalid_field', message: 'name is required' },
          { field: 'photos.1', code: 'attachment_type', message: 'nope' },
          { field: 7 },
        ],
      },
    });
    assert.equal(outcome.kind, 'refused');
    if (outcome.kind !== 'refused') return;
    assert.deepEqual(
      outcome.error.fields!.map((f) => f.field),
      ['name', 'photos.1'],
    );
  });

  test('413 and 415 name one file by `field` alone: it is listed like the others', () => {
    const outcome = readWorkItemAnswer(415, { error: { code: 'attachment_type', message: 'receipt.pdf is not a PDF', field: 'photos.0' } });
    assert.equal(outcome.kind, 'refused');
    if (outcome.kind !== 'refused') return;
    assert.deepEqual(outcome.error.fields, [{ field: 'photos.0', code: 'attachment_type', message: 'receipt.pdf is not a PDF' }]);
    assert.deepEqual(refusedField(outcome.error.fields![0]), { field: 'photos', index: 0 });
    assert.deepEqual(refusedField({ field: 'name' }), { field: 'name', index: null });
    assert.deepEqual(refusedField({ field: 'my.field.12' }), { field: 'my.field', index: 12 });
  });

  test('429 carries Retry-After; a 4xx without a body is named by its status', () => {
    const limited = readWorkItemAnswer(429, null, '120');
    assert.equal(limited.kind === 'refused' && limited.error.code, 'rate_limited');
    assert.equal(limited.kind === 'refused' && limited.error.retryAfter, 120);
    const gone = readWorkItemAnswer(410, 'not json');
    assert.equal(gone.kind === 'refused' && gone.error.code, 'poc_inactive');
    const missing = readWorkItemAnswer(404, null);
    assert.equal(missing.kind === 'refused' && missing.error.code, 'poc_not_found');
  });
});

// ---------------------------------------------------------------------------------------------

/** A scripted intake: each request is answered by the next behaviour in the list. */
type Behaviour = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop' | 'hang';

async function scriptedServer(): Promise<{ url: string; behaviours: Behaviour[]; requests: { key: string | undefined; body: string }[]; close(): Promise<void> }> {
  const behaviours: Behaviour[] = [];
  const requests: { key: string | undefined; body: string }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push({ key: req.headers['idempotency-key'] as string | undefined, body });
      const next = behaviours.shift() ?? { status: 503 };
      if (next === 'drop') return void req.socket.destroy();
      if (next === 'hang') return;
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.body === undefined ? '' : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    behaviours,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Node has no `navigator.onLine` nor `online` event: this stands in for the browser's. */
function fakeNetwork(offline = false): NetworkWatch & { offlineNow: boolean; goOnline(): void; watchers: number } {
  const listeners = new Set<() => void>();
  const net = {
    offlineNow: offline,
    watchers: 0,
    offline: () => net.offlineNow,
    watch(on: { online(): void }) {
      listeners.add(on.online);
      net.watchers = listeners.size;
      return () => {
        listeners.delete(on.online);
        net.watchers = listeners.size;
      };
    },
    goOnline() {
      net.offlineNow = false;
      for (const l of [...listeners]) l();
    },
  };
  return net;
}

/** Resolves once `predicate` holds for the sender's state (checked on every change). */
function until(states: WorkItemSendState[], predicate: (s: WorkItemSendState) => boolean, what: string, ms = 3000): Promise<WorkItemSendState> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      const hit = states.find(predicate);
      if (hit) return resolve(hit);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}; states: ${states.map((s) => s.status).join(' ')}`));
      setTimeout(check, 5);
    };
    check();
  });
}

describe('WorkItemSender', () => {
  const receipt = { id: 'c1', reference: 'WI-7K3M9Q', createdAt: '2025-01-01T00:00:00.000Z' };
  let intake: Awaited<ReturnType<typeof scriptedServer>>;

  before(async () => {
    intake = await scriptedServer();
  });
  after(() => intake.close());

  function sender(network?: NetworkWatch, retry = { minMs: 20, maxMs: 80, jitter: 0 }, timeoutMs?: number) {
    const states: WorkItemSendState[] = [];
    const s = new WorkItemSender({ fetch: (url, init) => fetch(url, init), network, retry, timeoutMs, onChange: (state) => states.push(state) });
    const build = (answers: Record<string, string> = { name: 'Ada' }) => () =>
      buildWorkItemRequest({ server: intake.url, poc: 'poc-1', fields: FIELDS, answers, key: 'the-key' });
    return { s, states, build };
  }

  test('a second submit while the first is in flight sends nothing more', async () => {
    intake.requests.length = 0;
    intake.behaviours.push({ status: 201, body: receipt });
    const { s, states, build } = sender();
    s.submit(build());
    s.submit(build());
    s.submit(build());
    const done = await until(states, (x) => x.status === 'filed', 'filed');
    assert.deepEqual(done.receipt, receipt);
    assert.equal(intake.requests.length, 1);
    // Filed: nothing more is ever sent.
    s.submit(build());
    assert.equal(intake.requests.length, 1);
  });

  test('a dropped connection, then a 503: waits, retries with backoff under the same key, with what the form holds then', async () => {
    intake.requests.length = 0;
    intake.behaviours.push('drop', { status: 503, body: { error: { code: 'internal_error', message: 'down' } } }, { status: 200, body: receipt });
    const { s, states, build } = sender();
    let answers = { name: 'Ada' };
    const latest = () => build(answers)();
    s.submit(latest);
    const waiting = await until(states, (x) => x.status === 'waiting', 'waiting');
    assert.equal(waiting.offline, false);
    assert.ok(waiting.nextRetryAt === null || waiting.nextRetryAt > Date.now() - 100);
    answers = { name: 'Ada Lovelace' };
    const done = await until(states, (x) => x.status === 'filed', 'filed after two retries');
    assert.equal(done.attempts, 3);
    assert.deepEqual(
      intake.requests.map((r) => r.key),
      ['the-key', 'the-key', 'the-key'],
    );
    assert.equal(JSON.parse(intake.requests[2].body).name, 'Ada Lovelace');
  });

  test('the delays double from the first and stop at the cap', async () => {
    intake.behaviours.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 201, body: receipt });
    const delays: number[] = [];
    const states: WorkItemSendState[] = [];
    const s = new WorkItemSender({
      fetch: (url, init) => fetch(url, init),
      retry: { minMs: 20, maxMs: 60, jitter: 0 },
      onChange: (state) => {
        // The moment a retry is scheduled, its due time is now + the delay.
        if (state.status === 'waiting' && state.nextRetryAt !== null && states.at(-1)?.nextRetryAt !== state.nextRetryAt) delays.push(state.nextRetryAt - Date.now());
        states.push(state);
      },
    });
    s.submit(() => buildWorkItemRequest({ server: intake.url, poc: 'poc-1', fields: FIELDS, answers: {}, key: 'k' }));
    await until(states, (x) => x.status === 'filed', 'filed');
    assert.equal(delays.length, 4);
    [20, 40, 60, 60].forEach((expected, i) => assert.ok(Math.abs(delays[i] - expected) <= 2, `delay ${i}: ${delays[i]} ms, expected ${expected}`));
  });

  test('a 4xx is final: shown, never retried', async () => {
    intake.requests.length = 0;
    intake.behaviours.push({ status: 400, body: { error: { code: 'invalid_field', message: 'bad', fields: [{ field: 'name', code: 'invalid_field', message: 'name is required' }] } } });
    const { s, states, build } = sender();
    s.submit(build());
    const refused = await until(states, (x) => x.status === 'idle' && x.error !== null, 'refused');
    assert.equal(refused.error!.fields![0].field, 'name');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(intake.requests.length, 1);
  });

  test('offline, nothing is sent; back online, it goes at once', async () => {
    intake.requests.length = 0;
    intake.behaviours.push({ status: 201, body: receipt });
    const net = fakeNetwork(true);
    // A long backoff: only the online event can explain a quick send.
    const { s, states, build } = sender(net, { minMs: 60_000, maxMs: 60_000, jitter: 0 });
    s.submit(build());
    const waiting = await until(states, (x) => x.status === 'waiting', 'waiting');
    assert.equal(waiting.offline, true);
    assert.equal(intake.requests.length, 0);
    assert.equal(net.watchers, 1);
    net.goOnline();
    await until(states, (x) => x.status === 'filed', 'filed once online', 1000);
    assert.equal(intake.requests.length, 1);
    assert.equal(net.watchers, 0, 'the online listener is removed once used');
  });

  test('a request without an answer in time counts as lost and is tried again', async () => {
    intake.requests.length = 0;
    intake.behaviours.push('hang', { status: 201, body: receipt });
    const { s, states, build } = sender(undefined, { minMs: 10, maxMs: 10, jitter: 0 }, 100);
    s.submit(build());
    await until(states, (x) => x.status === 'filed', 'filed after the timeout');
    assert.equal(intake.requests.length, 2);
  });

  test('stop() lets no late answer land; resume() tries again', async () => {
    intake.requests.length = 0;
    intake.behaviours.push({ status: 503 }, { status: 201, body: receipt });
    const { s, states, build } = sender(undefined, { minMs: 10_000, maxMs: 10_000, jitter: 0 });
    s.submit(build());
    await until(states, (x) => x.status === 'waiting', 'waiting');
    s.stop();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(intake.requests.length, 1);
    s.resume();
    await until(states, (x) => x.status === 'filed', 'filed after resume');
  });
});

// ---------------------------------------------------------------------------------------------

describe('WorkItemSender against the real server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  const answers = { name: 'Ada Lovelace', email: 'ada@example.com', order: 'A-1042', reason: 'Damaged', details: 'The lid is cracked.' };

  /** fetch as a page of the server itself sends it: with its Origin (Node's fetch sends none). */
  const pageFetch = (url: string, init: RequestInit & { headers: Record<string, string> }) => fetch(url, { ...init, headers: { ...init.headers, origin: server.url } });

  async function returnsFields(): Promise<WorkItemField[]> {
    const res = await fetch(`${server.url}/api/v1/pocs/${DEMO_IDS.workitemPoc}/profile`);
    return ((await res.json()) as { profile: { workItem: { fields: WorkItemField[] } } }).profile.workItem.fields;
  }

  test('the same key twice files one item: the second answer is the first receipt', async () => {
    const fields = await returnsFields();
    const build = () => buildWorkItemRequest({ server: server.url, poc: DEMO_IDS.workitemPoc, fields, answers, key: `k-${Date.now()}` });
    const request = build();
    const receipts = [];
    for (let i = 0; i < 2; i++) {
      const states: WorkItemSendState[] = [];
      const s = new WorkItemSender({ fetch: pageFetch, onChange: (x) => states.push(x) });
      s.submit(() => request);
      receipts.push((await until(states, (x) => x.status === 'filed', 'filed', 5000)).receipt);
    }
    assert.match(receipts[0]!.reference, /^[A-Z]{2}-[A-Z0-9]+$/);
    assert.deepEqual(receipts[1], receipts[0]);
  });

  test('a file whose content is not what its name says is refused at that file', async () => {
    const fields = await returnsFields();
    const fake = new File(['just text, not a PDF'], 'receipt.pdf', { type: 'application/pdf' });
    const states: WorkItemSendState[] = [];
    const s = new WorkItemSender({ fetch: pageFetch, onChange: (x) => states.push(x) });
    s.submit(() => buildWorkItemRequest({ server: server.url, poc: DEMO_IDS.workitemPoc, fields, answers, files: { photos: [fake] }, key: `k-file-${Date.now()}` }));
    const refused = await until(states, (x) => x.status === 'idle' && x.error !== null, 'refused', 5000);
    assert.equal(refused.error!.code, 'attachment_type');
    assert.deepEqual(refusedField(refused.error!.fields![0]), { field: 'photos', index: 0 });
  });
});
