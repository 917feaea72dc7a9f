/**
 * The rate limits on a real server (small limits passed as options): connections, conversation
 * starts, messages, elevation requests and work items are refused with `rate_limited` and a
 * `retryAfter` once over, per IP and per visitor; the window frees again; one flooding visitor
 * does not limit another; and nothing accepted is lost.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { NO_LIMITS, type LimitOptions } from '../limits/limits.js';
import { API_PREFIX, DEMO_IDS, PROTOCOL_VERSION, type ProtocolError } from '../../src/protocol/index.js';
import { ask, connectCustomer, countRows, handshake, rawCustomerSocket, sleep, startTestServer, until, type TestServer } from '../../test/helpers/server.js';
import type { ChatSession } from '../../src/core/chat-session.js';

type Reply = { ok: true; [key: string]: unknown } | { ok: false; error: ProtocolError };

describe('rate limits', () => {
  let server: TestServer | null = null;
  const sockets: Socket[] = [];
  const sessions: ChatSession[] = [];

  async function start(limits: Partial<LimitOptions>): Promise<TestServer> {
    server = await startTestServer({ limits: { ...NO_LIMITS, ...limits } });
    return server;
  }

  /** A raw customer connection that said hello: a new visitor unless `visitorToken` is given. */
  async function visitor(visitorToken?: string): Promise<{ socket: Socket; token: string }> {
    const socket = rawCustomerSocket(server!.url, { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc, ...(visitorToken ? { visitorToken } : {}) });
    sockets.push(socket);
    const outcome = await handshake(socket);
    assert.ok(outcome.ok, `handshake refused: ${JSON.stringify(outcome)}`);
    return { socket, token: outcome.hello.visitorToken };
  }

  /** Starts a conversation; returns its id. */
  async function startChat(socket: Socket): Promise<string> {
    const reply = await ask(socket, 'conversation:start', { text: 'hello', clientId: randomUUID() });
    assert.ok(reply.ok, JSON.stringify(reply));
    return reply.conversation.id as string;
  }

  const send = (socket: Socket, conversationId: string, clientId = randomUUID()): Promise<Reply> =>
    ask<Reply>(socket, 'message:send', { conversationId, clientId, text: `message ${clientId}` });

  function assertLimited(reply: Reply): number {
    assert.equal(reply.ok, false, 'expected a refusal');
    const error = (reply as { error: ProtocolError }).error;
    assert.equal(error.code, 'rate_limited');
    assert.ok(Number.isInteger(error.retryAfter) && error.retryAfter! >= 1, `retryAfter ${error.retryAfter}`);
    return error.retryAfter!;
  }

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const s of sessions.splice(0)) s.close();
    await server?.dispose();
    server = null;
  });

  test('connections per IP: the handshake over the limit is refused with rate_limited and retryAfter, and passes once the window frees', async () => {
    await start({ connectionsPerIp: { max: 3, windowMs: 1000 } });
    for (let i = 0; i < 3; i++) await visitor();
    const refused = rawCustomerSocket(server!.url, { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc });
    sockets.push(refused);
    const outcome = await handshake(refused);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.ok === false && outcome.code, 'rate_limited');
    const retryAfter = (outcome as { data: { retryAfter?: number } }).data.retryAfter;
    assert.equal(retryAfter, 1);
    await sleep(retryAfter! * 1000);
    await visitor();
  });

  test('behind a trusted proxy, connections count per forwarded address; without trustProxy the header is ignored', async () => {
    let forged = 0;
    const from = (address: string) => {
      // What the client wrote first is ignored: the proxy's own entry (the last) is the address.
      const socket = rawCustomerSocket(server!.url, { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc }, { extraHeaders: { 'x-forwarded-for': `10.9.9.${++forged}, ${address}` } });
      sockets.push(socket);
      return handshake(socket);
    };
    server = await startTestServer({ trustProxy: true, limits: { ...NO_LIMITS, connectionsPerIp: { max: 2, windowMs: 60_000 } } });
    assert.ok((await from('203.0.113.7')).ok);
    assert.ok((await from('203.0.113.7')).ok);
    assert.equal((await from('203.0.113.7')).ok, false, 'the third connection of one forwarded address is refused');
    assert.ok((await from('198.51.100.9')).ok, 'another client behind the same proxy is not');
    await server.dispose();

    server = await startTestServer({ limits: { ...NO_LIMITS, connectionsPerIp: { max: 2, windowMs: 60_000 } } });
    assert.ok((await from('203.0.113.1')).ok);
    assert.ok((await from('203.0.113.2')).ok);
    assert.equal((await from('203.0.113.3')).ok, false, 'a forged header does not buy a fresh allowance');
  });

  test('messages per visitor: the visitor over the limit is refused, another visitor is not, and every accepted message is stored', async () => {
    const srv = await start({ messagesPerVisitor: { max: 5, windowMs: 2000 } });
    const flooder = await visitor();
    const chat = await startChat(flooder.socket);
    const replies = await Promise.all(Array.from({ length: 20 }, () => send(flooder.socket, chat)));
    const accepted = replies.filter((r) => r.ok).length;
    assert.equal(accepted, 5);
    for (const r of replies.filter((r) => !r.ok)) assertLimited(r);
    // The opening message plus exactly the accepted ones are stored.
    assert.equal(await countRows(srv.store, 'messages', { conversation_id: chat, author: 'customer' }), 1 + accepted);

    const other = await visitor();
    const otherChat = await startChat(other.socket);
    assert.equal((await send(other.socket, otherChat)).ok, true, 'another visitor is not limited');

    // A second tab of the same visitor shares its allowance.
    const secondTab = await visitor(flooder.token);
    assertLimited(await send(secondTab.socket, chat));
  });

  test('messages per visitor: the window frees again after retryAfter, and a refused message sent again is stored once', async () => {
    const srv = await start({ messagesPerVisitor: { max: 2, windowMs: 1000 } });
    const { socket } = await visitor();
    const chat = await startChat(socket);
    assert.equal((await send(socket, chat)).ok, true);
    assert.equal((await send(socket, chat)).ok, true);
    const clientId = randomUUID();
    const retryAfter = assertLimited(await send(socket, chat, clientId));
    await sleep(retryAfter * 1000);
    assert.equal((await send(socket, chat, clientId)).ok, true);
    assert.equal(await countRows(srv.store, 'messages', { conversation_id: chat, client_id: clientId }), 1);
  });

  test('messages per IP: visitors of one address share it', async () => {
    await start({ messagesPerIp: { max: 4, windowMs: 60_000 } });
    const a = await visitor();
    const b = await visitor();
    const chatA = await startChat(a.socket);
    const chatB = await startChat(b.socket);
    for (let i = 0; i < 2; i++) assert.equal((await send(a.socket, chatA)).ok, true);
    for (let i = 0; i < 2; i++) assert.equal((await send(b.socket, chatB)).ok, true);
    assertLimited(await send(a.socket, chatA));
    assertLimited(await send(b.socket, chatB));
  });

  test('conversation starts per visitor and per IP', async () => {
    const srv = await start({ conversationStartsPerVisitor: { max: 2, windowMs: 60_000 }, conversationStartsPerIp: { max: 3, windowMs: 60_000 } });
    const a = await visitor();
    const end = async (socket: Socket, conversationId: string) => assert.ok((await ask(socket, 'conversation:end', { conversationId })).ok);
    await end(a.socket, await startChat(a.socket));
    await end(a.socket, await startChat(a.socket));
    const clientId = randomUUID();
    assertLimited(await ask<Reply>(a.socket, 'conversation:start', { text: 'third', clientId }));
    assert.equal(await countRows(srv.store, 'messages', { client_id: clientId }), 0, 'a refused start stores nothing');
    const b = await visitor();
    await end(b.socket, await startChat(b.socket));
    // Three starts from this address: a fourth visitor is refused by the IP limit.
    const c = await visitor();
    assertLimited(await ask<Reply>(c.socket, 'conversation:start', { text: 'hi', clientId: randomUUID() }));
  });

  test('elevation requests per IP, whoever asks', async () => {
    await start({ elevationsPerIp: { max: 2, windowMs: 60_000 } });
    let n = 20;
    const request = () => ({ requestId: randomUUID(), kind: 'callback', phone: `06 12 34 56 ${n++}`, country: 'FR', consent: true });
    for (let i = 0; i < 2; i++) {
      const { socket } = await visitor();
      const reply = await ask<Reply>(socket, 'elevation:request', request());
      assert.ok(reply.ok, JSON.stringify(reply));
    }
    const { socket } = await visitor();
    assertLimited(await ask<Reply>(socket, 'elevation:request', request()));
  });

  test('typing, receipts and other events per visitor are bounded too', async () => {
    await start({ eventsPerVisitor: { max: 3, windowMs: 60_000 } });
    const { socket } = await visitor();
    const chat = await startChat(socket);
    const replies = await Promise.all(Array.from({ length: 5 }, () => ask<Reply>(socket, 'conversation:resume', { conversationId: chat, afterSeq: 0 })));
    assert.equal(replies.filter((r) => r.ok).length, 3);
    for (const r of replies.filter((r) => !r.ok)) assertLimited(r);
  });

  test('other events per IP: fresh visitors of one address bring no fresh allowance', async () => {
    await start({ eventsPerIp: { max: 4, windowMs: 60_000 } });
    const replies: Reply[] = [];
    for (let i = 0; i < 3; i++) {
      const { socket } = await visitor();
      const chat = await startChat(socket);
      for (let j = 0; j < 2; j++) replies.push(await ask<Reply>(socket, 'conversation:resume', { conversationId: chat, afterSeq: 0 }));
    }
    assert.equal(replies.filter((r) => r.ok).length, 4);
    for (const r of replies.filter((r) => !r.ok)) assertLimited(r);
  });

  test('work items per IP: 429 with Retry-After before the body is read, then accepted once the window frees', async () => {
    const srv = await start({ workItemsPerIp: { max: 2, windowMs: 1000 } });
    const url = `${srv.url}${API_PREFIX}/pocs/${DEMO_IDS.workitemPoc}/work-items`;
    const answers = { name: 'Marie Curie', email: 'marie@example.com', order: 'A-1234', reason: 'Damaged', purchased: '2026-10-02', details: 'Bent pole.' };
    // The demo form is served by the server itself: its own origin is allowed.
    const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(srv.url).origin }, body });
    assert.equal((await post(JSON.stringify(answers))).status, 201);
    assert.equal((await post(JSON.stringify(answers))).status, 201);
    // Not even parsed: malformed JSON is answered with the limit, not a 400.
    const refused = await post('{ not json');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '1');
    const body = (await refused.json()) as { error: ProtocolError };
    assert.equal(body.error.code, 'rate_limited');
    assert.equal(body.error.retryAfter, 1);
    await sleep(1000);
    assert.equal((await post(JSON.stringify(answers))).status, 201);
  });

  test('a customer over the message limit loses nothing: refused texts wait in the outbox, show why, and go out after retryAfter', async () => {
    const srv = await start({ messagesPerVisitor: { max: 3, windowMs: 1500 } });
    const customer = await connectCustomer(srv.url);
    sessions.push(customer);
    const texts = Array.from({ length: 8 }, (_, i) => `text ${i + 1}`);
    for (const text of texts) customer.send(text);
    const limited = await until(customer, (s) => s.pending.some((p) => p.error?.code === 'rate_limited'), 5000, 'a refusal shown');
    const shown = limited.pending.find((p) => p.error?.code === 'rate_limited')!;
    assert.equal(shown.status, 'sending', 'a rate-limited text is not failed: it is sent again by itself');
    assert.ok(shown.error!.retryAfter! >= 1);
    const done = await until(customer, (s) => s.pending.length === 0 && s.messages.filter((m) => m.author === 'customer').length === texts.length, 15_000, 'all sent');
    assert.deepEqual(
      done.messages.filter((m) => m.author === 'customer').map((m) => m.text),
      texts,
    );
    assert.equal(await countRows(srv.store, 'messages', { conversation_id: done.conversation!.id, author: 'customer' }), texts.length);
  });

  test('a customer refused for too many connections says why, waits retryAfter, then connects by itself', async () => {
    const srv = await start({ connectionsPerIp: { max: 1, windowMs: 2000 } });
    await visitor(); // uses this address's one connection
    const customer = await connectCustomer(srv.url);
    sessions.push(customer);
    const waiting = await until(customer, (s) => s.connection === 'reconnecting' && s.error?.code === 'rate_limited', 5000, 'told it is limited');
    assert.ok(waiting.nextRetryAt! - Date.now() >= 1000, 'the next attempt waits as long as the server asked');
    await until(customer, (s) => s.connection === 'connected', 8000, 'connected after the wait');
  });
});
