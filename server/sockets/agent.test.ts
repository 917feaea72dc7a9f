/**
 * The agent namespace: only signed-in agents, from the server's own origin (or a configured staff
 * origin), reach it; an agent reaches only the conversations it holds; malformed payloads are
 * refused with a named error and the server keeps answering.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { AgentSession } from '../../src/core/agent-session.js';
import type { AgentHello } from '../../src/protocol/index.js';
import { staffOriginAllowed } from './agent.js';
import {
  ask,
  connectAgent,
  connectCustomer,
  nextEvent,
  rawAgentSocket,
  signIn,
  staffHeaders,
  startTestServer,
  until,
  type TestServer,
} from '../../test/helpers/server.js';

type Outcome = { ok: true; hello: AgentHello } | { ok: false; code: string | undefined };

describe('staffOriginAllowed', () => {
  test('no Origin (not a browser), the same host, or a listed origin', () => {
    assert.equal(staffOriginAllowed(undefined, 'chat.example.com', []), true);
    assert.equal(staffOriginAllowed('https://chat.example.com', 'chat.example.com', []), true);
    assert.equal(staffOriginAllowed('https://console.example.com', 'chat.example.com', ['https://console.example.com']), true);
  });

  test('refuses other hosts, other ports and malformed origins', () => {
    assert.equal(staffOriginAllowed('https://evil.example', 'chat.example.com', []), false);
    assert.equal(staffOriginAllowed('https://chat.example.com:8443', 'chat.example.com', []), false);
    assert.equal(staffOriginAllowed('https://chat.example.com.evil.example', 'chat.example.com', []), false);
    assert.equal(staffOriginAllowed('null', 'chat.example.com', []), false);
    assert.equal(staffOriginAllowed('not a url', 'chat.example.com', ['https://console.example.com']), false);
  });
});

describe('agent namespace', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  const sessions: { close(): void }[] = [];

  function connect(headers: Record<string, string>): Promise<Outcome> {
    const socket = rawAgentSocket(server.url, { extraHeaders: headers });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('hello', (hello: AgentHello) => resolve({ ok: true, hello }));
      socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve({ ok: false, code: err.data?.code }));
    });
  }

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const session of sessions) session.close();
    await server.dispose();
  });

  describe('handshake', () => {
    test('without a session cookie: not_authenticated, and the session stops retrying', async () => {
      const outcome = await connect({});
      assert.equal(!outcome.ok && outcome.code, 'not_authenticated');
      const session = new AgentSession({ server: server.url, socketOptions: { transports: ['websocket'], forceNew: true, extraHeaders: { origin: server.url } } });
      sessions.push(session);
      await session.connect();
      assert.equal(session.state.connection, 'unauthorized');
      assert.equal(session.state.error?.code, 'not_authenticated');
    });

    test('a forged cookie or an administrator is not an agent', async () => {
      assert.equal(((await connect({ cookie: 'parley_staff=forged' })) as { code?: string }).code, 'not_authenticated');
      const admin = await signIn(server.url, 'admin');
      assert.equal(((await connect({ cookie: admin })) as { code?: string }).code, 'not_authenticated');
    });

    test('a signed-in agent gets a hello with its profile, desk and dispositions', async () => {
      const cookie = await signIn(server.url, 'agent2');
      const outcome = await connect({ cookie });
      assert.ok(outcome.ok);
      assert.deepEqual(outcome.hello.agent, { id: 'demo-user-agent2', username: 'agent2', displayName: 'Sam Dubois', available: false, capacity: 3 });
      assert.deepEqual(outcome.hello.conversations, []);
      assert.deepEqual(outcome.hello.offers, []);
      assert.equal(outcome.hello.dispositions.length, 5);
    });

    test('a foreign Origin is refused even with a valid cookie; the same origin is accepted', async () => {
      const cookie = await signIn(server.url, 'agent2');
      // Refused before the upgrade: no POC, staff or widget origin allows it (server/sockets/origins.ts).
      const foreign = await connect({ cookie, origin: 'https://evil.example' });
      assert.equal(foreign.ok, false);
      const own = await connect({ cookie, origin: server.url });
      assert.equal(own.ok, true);
    });

    test('after logout the cookie no longer opens a connection', async () => {
      const cookie = await signIn(server.url, 'agent2');
      await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: staffHeaders(cookie) });
      const outcome = await connect({ cookie });
      assert.equal(!outcome.ok && outcome.code, 'not_authenticated');
    });
  });

  describe('events', () => {
    test("another agent's conversation is conversation_not_found", async () => {
      const agent1 = await connectAgent(server.url, 'agent1');
      const customer = await connectCustomer(server.url);
      sessions.push(agent1, customer);
      await agent1.setAvailable(true);
      customer.send('private matter');
      const { offers } = await until(agent1, (s) => s.offers.length === 1, 5000, 'offer');
      assert.equal(await agent1.accept(offers[0].id), null);
      const id = offers[0].conversationId;

      const cookie = await signIn(server.url, 'agent2');
      const outcome = await connect({ cookie });
      assert.ok(outcome.ok);
      const intruder = sockets.at(-1)!;
      for (const [event, payload] of [
        ['conversation:resume', { conversationId: id, afterSeq: 0 }],
        ['message:send', { conversationId: id, clientId: 'intrude-1', text: 'hello' }],
        ['conversation:end', { conversationId: id, disposition: 'resolved' }],
      ] as const) {
        const reply = await ask(intruder, event, payload);
        assert.equal(reply.ok, false, event);
        assert.equal(reply.error.code, 'conversation_not_found', event);
      }
      assert.equal((await server.store.getConversation(id))?.status, 'active');
      assert.equal((await server.store.messagesAfter(id, 0)).length, 2, 'customer text and agent-joined only');
      await agent1.setAvailable(false);
    });

    test('malformed payloads are refused with named errors and the server keeps answering', async () => {
      const cookie = await signIn(server.url, 'agent2');
      const outcome = await connect({ cookie });
      assert.ok(outcome.ok);
      const socket = sockets.at(-1)!;
      const expectError = async (event: string, payload: unknown, code: string, field?: string) => {
        const reply = await ask(socket, event, payload);
        assert.equal(reply.ok, false, `${event} ${JSON.stringify(payload)}`);
        assert.equal(reply.error.code, code, `${event} ${JSON.stringify(payload)}`);
        if (field) assert.equal(reply.error.field, field);
      };
      await expectError('presence:set', { available: 'yes' }, 'invalid_field', 'available');
      await expectError('presence:set', null, 'invalid_field', 'available');
      await expectError('offer:accept', { offerId: { $gt: '' } }, 'invalid_field', 'offerId');
      await expectError('offer:accept', [], 'invalid_payload');
      await expectError('offer:decline', 'o_x', 'invalid_payload');
      await expectError('conversation:resume', { conversationId: 'c_x', afterSeq: -1 }, 'conversation_not_found');
      await expectError('message:send', { conversationId: 'x'.repeat(60_000), clientId: 'a', text: 'b' }, 'invalid_field', 'conversationId');
      await expectError('conversation:end', JSON.parse('{"__proto__": {"polluted": 1}}'), 'invalid_field', 'conversationId');
      socket.emit('typing', { conversationId: 42, typing: true });
      socket.emit('presence:set', { available: true });
      assert.equal(({} as Record<string, unknown>).polluted, undefined);

      // Still answering, and the ack-less presence change above was applied.
      const agent = await nextEvent<{ available: boolean }>(socket, 'agent');
      assert.equal(agent.available, true);
      const reply = await ask(socket, 'presence:set', { available: false });
      assert.equal(reply.ok, true);
      assert.equal(reply.agent.available, false);
    });
  });
});
