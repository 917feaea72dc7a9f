/**
 * Each chat and work-item POC's origin allow-list, on HTTP (CORS) and on the WebSocket handshake,
 * against a real server: allowed origins pass; wrong, missing and look-alike origins are refused
 * with `origin_not_allowed`; the server's own origin and the deployment-wide `widgetOrigins`
 * pass; a change made through the admin API applies to the next request without a restart.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { io, type Socket } from 'socket.io-client';
import { ChatSession } from '../../src/core/chat-session.js';
import { API_PREFIX, DEMO_IDS, NAMESPACES, PROTOCOL_VERSION, type ProtocolError } from '../../src/protocol/index.js';
import { hashToken } from '../auth/passwords.js';
import { handshake, signIn, staffHeaders, startTestServer, until, type HandshakeOutcome, type TestServer } from '../../test/helpers/server.js';

/** On the demo chat and work-item POCs' lists. */
const SHOP = 'https://shop.example';
/** The deployment-wide origin the server is started with. */
const COMPANY = 'https://company.example';
/** On the sales chat POC's list only: it passes the server-wide check, not the demo chat's. */
const OTHER_SHOP = 'https://other-shop.example';
/** Origins that resemble SHOP and must never pass for it. */
const LOOK_ALIKES = [
  'https://shop.example.evil.com',
  'https://evil-shop.example',
  'https://shop.example.com',
  'https://www.shop.example',
  'https://shop.exampl',
  'http://shop.example',
  'https://shop.example:8443',
  'null',
  'https://shop.example@evil.example',
];

const WORK_ITEM = {
  name: 'Marie Curie',
  email: 'marie@example.com',
  order: 'A-1234',
  reason: 'Damaged',
  purchased: '2026-10-02',
  details: 'The tent pole arrived bent.',
};

describe('origin allow-lists', () => {
  let server: TestServer;
  let admin: string;
  const sockets: Socket[] = [];
  const sessions: ChatSession[] = [];

  const api = (path: string) => `${server.url}${API_PREFIX}${path}`;
  const profile = (poc: string, headers: Record<string, string> = {}) => fetch(api(`/pocs/${poc}/profile`), { headers });
  const availability = (headers: Record<string, string> = {}) => fetch(api(`/pocs/${DEMO_IDS.chatPoc}/availability`), { headers });
  const intake = (headers: Record<string, string> = {}) =>
    fetch(api(`/pocs/${DEMO_IDS.workitemPoc}/work-items`), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(WORK_ITEM) });

  async function setOrigins(poc: string, allowedOrigins: string[]): Promise<void> {
    const res = await fetch(api(`/admin/pocs/${poc}`), {
      method: 'PATCH',
      headers: staffHeaders(admin, { 'content-type': 'application/json', origin: server.url }),
      body: JSON.stringify({ allowedOrigins }),
    });
    assert.equal(res.status, 200, await res.text());
  }

  /** Checks a refusal: 403, the code naming Origin, and nothing a browser would let the page read. */
  async function refusedOrigin(res: Response, what: string): Promise<ProtocolError> {
    assert.equal(res.status, 403, `${what}: status`);
    assert.equal(res.headers.get('access-control-allow-origin'), null, `${what}: no ACAO`);
    const { error } = (await res.json()) as { error: ProtocolError };
    assert.equal(error.code, 'origin_not_allowed', what);
    assert.equal(error.field, 'Origin', what);
    return error;
  }

  /** A customer handshake with socket.io-client from Node, sending `origin` (none when undefined). */
  function customerSocket(origin: string | undefined, poc: string = DEMO_IDS.chatPoc, transport: 'websocket' | 'polling' = 'websocket'): Socket {
    const socket = io(new URL(NAMESPACES.customer, server.url).toString(), {
      transports: [transport],
      reconnection: false,
      forceNew: true,
      auth: { protocol: PROTOCOL_VERSION, poc },
      ...(origin === undefined ? {} : { extraHeaders: { origin } }),
    });
    sockets.push(socket);
    return socket;
  }

  async function connects(origin: string | undefined, poc?: string): Promise<HandshakeOutcome> {
    const socket = customerSocket(origin, poc);
    try {
      return await handshake(socket);
    } finally {
      socket.disconnect();
    }
  }

  /** A WebSocket upgrade request by hand: the status line and body the server answers. */
  function rawUpgrade(headers: Record<string, string>): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${server.url}/socket.io/?EIO=4&transport=websocket`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64'), ...headers },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, body: '' });
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  before(async () => {
    server = await startTestServer({ widgetOrigins: [COMPANY] });
    admin = await signIn(server.url, 'admin');
    await setOrigins(DEMO_IDS.chatPoc, [SHOP]);
    await setOrigins(DEMO_IDS.workitemPoc, [SHOP]);
    await setOrigins(DEMO_IDS.salesChatPoc, [OTHER_SHOP]);
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const session of sessions) session.close();
    await server.dispose();
  });

  describe('HTTP', () => {
    test('an allowed origin reads the profile, the availability and the work-item form by name, never *', async () => {
      for (const [what, res] of [
        ['chat profile', await profile(DEMO_IDS.chatPoc, { origin: SHOP })],
        ['availability', await availability({ origin: SHOP })],
        ['work-item form', await profile(DEMO_IDS.workitemPoc, { origin: SHOP })],
      ] as const) {
        assert.equal(res.status, 200, what);
        assert.equal(res.headers.get('access-control-allow-origin'), SHOP, what);
        assert.match(res.headers.get('vary') ?? '', /Origin/, what);
        assert.equal(res.headers.get('access-control-allow-credentials'), null, what);
      }
      const filed = await intake({ origin: SHOP });
      assert.equal(filed.status, 201);
      assert.equal(filed.headers.get('access-control-allow-origin'), SHOP);
    });

    test('a wrong origin is refused on every POC route with origin_not_allowed naming the origin and the POC', async () => {
      const evil = 'https://evil.example';
      const error = await refusedOrigin(await profile(DEMO_IDS.chatPoc, { origin: evil }), 'chat profile');
      assert.match(error.message, /https:\/\/evil\.example/);
      assert.ok(error.message.includes(DEMO_IDS.chatPoc), error.message);
      await refusedOrigin(await availability({ origin: evil }), 'availability');
      await refusedOrigin(await profile(DEMO_IDS.workitemPoc, { origin: evil }), 'work-item form');
      const before = await server.store.db.selectFrom('conversations').select('id').where('poc_id', '=', DEMO_IDS.workitemPoc).execute();
      await refusedOrigin(await intake({ origin: evil }), 'intake');
      const after = await server.store.db.selectFrom('conversations').select('id').where('poc_id', '=', DEMO_IDS.workitemPoc).execute();
      assert.equal(after.length, before.length, 'nothing filed');
      // One POC's origin is not another's.
      await refusedOrigin(await profile(DEMO_IDS.chatPoc, { origin: OTHER_SHOP }), 'another POC\'s origin');
    });

    test('a percent-encoded path reaching the same routes is judged the same', async () => {
      const evil = 'https://evil.example';
      const spelled = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
      const encoded = [
        `/%61pi/v1/pocs/${DEMO_IDS.chatPoc}/profile`,
        `${API_PREFIX}/pocs/${DEMO_IDS.chatPoc}/%70rofile`,
        `${API_PREFIX}/pocs/${DEMO_IDS.chatPoc}/%61vailability`,
      ];
      for (const path of encoded) await refusedOrigin(await spelled(path, { headers: { origin: evil } }), path);
      const before = await server.store.db.selectFrom('conversations').select('id').where('poc_id', '=', DEMO_IDS.workitemPoc).execute();
      const post = { method: 'POST', headers: { 'content-type': 'application/json', origin: evil }, body: JSON.stringify(WORK_ITEM) };
      await refusedOrigin(await spelled(`${API_PREFIX}/pocs/${DEMO_IDS.workitemPoc}/%77ork-items`, post), 'encoded intake');
      await refusedOrigin(await spelled(`/%61pi/v1/pocs/${DEMO_IDS.workitemPoc}/work-items`, post), 'encoded prefix intake');
      const after = await server.store.db.selectFrom('conversations').select('id').where('poc_id', '=', DEMO_IDS.workitemPoc).execute();
      assert.equal(after.length, before.length, 'nothing filed');
      // A preflight of an encoded path is no wildcard either.
      const preflight = await spelled(`${API_PREFIX}/pocs/${DEMO_IDS.workitemPoc}/%77ork-items`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST' } });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.notEqual(preflight.status, 204);
    });

    test('look-alike origins are refused: whole origins are compared, never prefixes or suffixes', async () => {
      for (const origin of LOOK_ALIKES) {
        await refusedOrigin(await profile(DEMO_IDS.chatPoc, { origin }), `profile from ${origin}`);
        await refusedOrigin(await intake({ origin }), `intake from ${origin}`);
      }
    });

    test('the same origin spelled with capitals or its default port is the same origin', async () => {
      for (const origin of ['HTTPS://Shop.Example', 'https://shop.example:443']) {
        assert.equal((await profile(DEMO_IDS.chatPoc, { origin })).status, 200, origin);
      }
    });

    test('no Origin: a read is answered, an intake is refused unless same-origin or made with an API key', async () => {
      const read = await profile(DEMO_IDS.chatPoc);
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('access-control-allow-origin'), null);
      assert.equal((await availability()).status, 200);

      const error = await refusedOrigin(await intake(), 'intake without Origin');
      assert.match(error.message, /without an Origin/);
      assert.equal((await intake({ 'sec-fetch-site': 'same-origin' })).status, 201);
      await refusedOrigin(await intake({ 'sec-fetch-site': 'cross-site' }), 'cross-site intake without Origin');

      const key = 'origins-key-0123456789abcdefghij';
      await server.store.createApiKey(DEMO_IDS.tenant, 'Origins CRM', hashToken(key));
      assert.equal((await intake({ authorization: `Bearer ${key}` })).status, 201);
    });

    test("the server's own origin and the deployment-wide origins pass", async () => {
      for (const origin of [server.url, COMPANY]) {
        const res = await profile(DEMO_IDS.chatPoc, { origin });
        assert.equal(res.status, 200, origin);
        assert.equal(res.headers.get('access-control-allow-origin'), origin);
        assert.equal((await intake({ origin })).status, 201, origin);
      }
    });

    test('a preflight is answered only for an allowed origin', async () => {
      const ask = (origin: string) =>
        fetch(api(`/pocs/${DEMO_IDS.workitemPoc}/work-items`), {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
        });
      const allowed = await ask(SHOP);
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);
      assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
      await refusedOrigin(await ask('https://evil.example'), 'preflight from a wrong origin');
      await refusedOrigin(await ask('https://shop.example.evil.com'), 'preflight from a look-alike');
    });

    test("an unknown POC's 404 stays readable, so a typo in the page shows as such", async () => {
      const res = await profile('no-such-poc', { origin: 'https://anywhere.example' });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://anywhere.example');
      assert.equal(((await res.json()) as { error: ProtocolError }).error.code, 'poc_not_found');
    });
  });

  describe('WebSocket handshake', () => {
    test('an allowed origin connects (socket.io-client from Node)', async () => {
      const outcome = await connects(SHOP);
      assert.ok(outcome.ok, JSON.stringify(outcome));
    });

    test("the server's own origin and the deployment-wide origins connect", async () => {
      for (const origin of [server.url, COMPANY]) assert.ok((await connects(origin)).ok, origin);
    });

    test('an origin no POC allows is refused before the upgrade', async () => {
      const raw = await rawUpgrade({ origin: 'https://evil.example' });
      assert.notEqual(raw.status, 101);
      assert.match(raw.body, /^origin_not_allowed: .*https:\/\/evil\.example/);
      // With polling, the refusal is a readable 403.
      const polled = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example' } });
      assert.equal(polled.status, 403);
      assert.match(((await polled.json()) as { message: string }).message, /^origin_not_allowed/);
      const outcome = await connects('https://evil.example');
      assert.equal(outcome.ok, false);
      // The allowed origin passes the same raw handshake.
      assert.equal((await rawUpgrade({ origin: SHOP })).status, 101);
    });

    test('look-alike origins are refused', async () => {
      for (const origin of LOOK_ALIKES) {
        const raw = await rawUpgrade({ origin });
        assert.notEqual(raw.status, 101, origin);
        assert.match(raw.body, /^origin_not_allowed/, origin);
        assert.equal((await connects(origin)).ok, false, origin);
      }
    });

    test('a missing Origin is refused unless the browser says same-origin', async () => {
      const raw = await rawUpgrade({});
      assert.notEqual(raw.status, 101);
      assert.match(raw.body, /^origin_not_allowed: a request without an Origin header/);
      assert.equal((await connects(undefined)).ok, false);
      assert.equal((await rawUpgrade({ 'sec-fetch-site': 'same-origin' })).status, 101);
    });

    test("an origin another POC allows is refused on this POC with origin_not_allowed in the connect_error data", async () => {
      assert.ok((await connects(OTHER_SHOP, DEMO_IDS.salesChatPoc)).ok, 'on its own POC');
      const outcome = await connects(OTHER_SHOP, DEMO_IDS.chatPoc);
      assert.ok(!outcome.ok);
      assert.equal(outcome.code, 'origin_not_allowed');
      assert.equal(outcome.data?.field, 'Origin');
      assert.ok(outcome.data?.message?.includes(OTHER_SHOP) && outcome.data.message.includes(DEMO_IDS.chatPoc), outcome.data?.message);
    });

    test('the chat session stops retrying on origin_not_allowed and says the connection is refused', async () => {
      const session = new ChatSession({
        server: server.url,
        poc: DEMO_IDS.chatPoc,
        socketOptions: { transports: ['websocket'], forceNew: true, extraHeaders: { origin: OTHER_SHOP } },
        backoff: { minMs: 20, maxMs: 50 },
      });
      sessions.push(session);
      await session.connect();
      const state = await until(session, (s) => s.connection === 'refused', 5000, 'refused');
      assert.equal(state.error?.code, 'origin_not_allowed');
      assert.equal(state.nextRetryAt, null);
    });
  });

  describe('changes through the admin API', () => {
    const NEW = 'https://new-shop.example';

    test('an origin added works at once, on HTTP and on the socket; removed, it stops for new requests', async () => {
      await refusedOrigin(await profile(DEMO_IDS.chatPoc, { origin: NEW }), 'before it is added');
      assert.equal((await connects(NEW)).ok, false);

      await setOrigins(DEMO_IDS.chatPoc, [SHOP, NEW]);
      assert.equal((await profile(DEMO_IDS.chatPoc, { origin: NEW })).headers.get('access-control-allow-origin'), NEW);
      const kept = customerSocket(NEW);
      assert.ok((await handshake(kept)).ok, 'connects once added');

      await setOrigins(DEMO_IDS.chatPoc, [SHOP]);
      await refusedOrigin(await profile(DEMO_IDS.chatPoc, { origin: NEW }), 'after it is removed');
      assert.equal((await connects(NEW)).ok, false);
      assert.notEqual((await rawUpgrade({ origin: NEW })).status, 101);
      assert.equal((await profile(DEMO_IDS.chatPoc, { origin: SHOP })).status, 200, 'the rest of the list still works');
    });

    test('an empty list leaves only the server itself and the deployment-wide origins', async () => {
      await setOrigins(DEMO_IDS.workitemPoc, []);
      try {
        await refusedOrigin(await profile(DEMO_IDS.workitemPoc, { origin: SHOP }), 'empty list');
        assert.equal((await profile(DEMO_IDS.workitemPoc, { origin: server.url })).status, 200);
        assert.equal((await profile(DEMO_IDS.workitemPoc, { origin: COMPANY })).status, 200);
      } finally {
        await setOrigins(DEMO_IDS.workitemPoc, [SHOP]);
      }
    });
  });
});
