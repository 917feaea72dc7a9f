/**
 * The customer namespace against a real server, driven by raw socket.io clients so that payloads
 * the widget would never send can be sent: the server refuses them with a named error, stores
 * nothing, never crashes, and keeps answering.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { LIMITS, DEMO_IDS, PROTOCOL_VERSION, type ChatMessage, type CustomerConversation } from '../../src/protocol/index.js';
import { hashToken } from '../auth/passwords.js';
import {
  ask,
  connectCustomer,
  countRows,
  handshake,
  nextEvent,
  rawCustomerSocket,
  sleep,
  startTestServer,
  until,
  type TestServer,
} from '../../test/helpers/server.js';

type StartReply = { ok: true; conversation: CustomerConversation; messages: ChatMessage[] } | { ok: false; error: { code: string; field?: string } };
type SendReply = { ok: true; message: ChatMessage } | { ok: false; error: { code: string; field?: string } };

const auth = (extra: Record<string, unknown> = {}) => ({ protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc, ...extra });

describe('customer namespace', () => {
  let server: TestServer;
  const sockets: Socket[] = [];

  /** A raw customer socket, closed after the suite. */
  function open(handshakeAuth: unknown): Socket {
    const socket = rawCustomerSocket(server.url, handshakeAuth);
    sockets.push(socket);
    return socket;
  }

  /** A connected raw customer, with the visitor token the server handed out. */
  async function customer(extra: Record<string, unknown> = {}) {
    const socket = open(auth(extra));
    const outcome = await handshake(socket);
    if (!outcome.ok) assert.fail(`handshake refused: ${outcome.code}`);
    return { socket, hello: outcome.hello };
  }

  /** A customer with a queued conversation holding one message. */
  async function withConversation() {
    const c = await customer();
    const reply = (await ask(c.socket, 'conversation:start', { text: 'first', clientId: 'first-1' })) as StartReply;
    assert.ok(reply.ok, JSON.stringify(reply));
    return { ...c, conversation: reply.conversation };
  }

  /** Proves the server still serves: a fresh connection gets a hello, and /healthz answers. */
  async function assertServerAlive() {
    const { hello } = await customer();
    assert.equal(hello.protocol, PROTOCOL_VERSION);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  }

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  describe('handshake', () => {
    test('an unknown POC is refused with poc_not_found', async () => {
      const outcome = await handshake(open(auth({ poc: 'no-such-poc' })));
      assert.equal(outcome.ok, false);
      assert.equal(!outcome.ok && outcome.code, 'poc_not_found');
    });

    test('another protocol version is refused with unsupported_protocol', async () => {
      for (const protocol of [PROTOCOL_VERSION + 1, 0, '1', undefined]) {
        const outcome = await handshake(open(auth({ protocol })));
        assert.equal(!outcome.ok && outcome.code, 'unsupported_protocol', `protocol ${String(protocol)}`);
      }
    });

    test('an email POC is refused with poc_wrong_channel, a malformed POC id with poc_not_found', async () => {
      const wrong = await handshake(open(auth({ poc: DEMO_IDS.emailPoc })));
      assert.equal(!wrong.ok && wrong.code, 'poc_wrong_channel');
      for (const poc of [{ $ne: null }, ['x'], '../x', 'x'.repeat(1000), null]) {
        const outcome = await handshake(open(auth({ poc })));
        assert.equal(!outcome.ok && outcome.code, 'poc_not_found', JSON.stringify(poc));
      }
    });

    test('a deactivated POC is refused with poc_inactive, and the ChatSession stops retrying', async () => {
      await server.store.db.updateTable('pocs').set({ active: 0 }).where('id', '=', DEMO_IDS.chatPoc).execute();
      try {
        const outcome = await handshake(open(auth()));
        assert.equal(!outcome.ok && outcome.code, 'poc_inactive');
        const session = await connectCustomer(server.url);
        try {
          assert.equal(session.state.connection, 'refused');
          assert.equal(session.state.error?.code, 'poc_inactive');
        } finally {
          session.close();
        }
      } finally {
        await server.store.db.updateTable('pocs').set({ active: 1 }).where('id', '=', DEMO_IDS.chatPoc).execute();
      }
    });

    test('hello carries a fresh random visitor token, stored only hashed', async () => {
      const a = await customer();
      const b = await customer();
      assert.equal(a.hello.conversation, null);
      assert.match(a.hello.visitorToken, /^[A-Za-z0-9_-]{22,}$/);
      assert.notEqual(a.hello.visitorToken, b.hello.visitorToken);
      assert.equal(await countRows(server.store, 'visitors', { token_hash: a.hello.visitorToken }), 0);
      assert.equal(await countRows(server.store, 'visitors', { token_hash: hashToken(a.hello.visitorToken) }), 1);
    });

    test('reconnecting with the token returns the same open conversation', async () => {
      const first = await withConversation();
      first.socket.disconnect();
      const again = await customer({ visitorToken: first.hello.visitorToken });
      assert.equal(again.hello.visitorToken, first.hello.visitorToken);
      assert.equal(again.hello.conversation?.id, first.conversation.id);
      assert.equal(again.hello.conversation?.status, 'queued');
      assert.equal(again.hello.conversation?.lastSeq, 1);
      const resumed = await ask(again.socket, 'conversation:resume', { conversationId: first.conversation.id, afterSeq: 0 });
      assert.equal(resumed.ok, true);
      assert.deepEqual(resumed.messages.map((m: ChatMessage) => m.clientId), ['first-1']);
    });

    test('an unknown or malformed visitor token gets a new identity, not an error', async () => {
      for (const visitorToken of ['A'.repeat(22), 'short', { token: 'x' }, 'x'.repeat(10_000)]) {
        const { hello } = await customer({ visitorToken });
        assert.notEqual(hello.visitorToken, visitorToken);
        assert.equal(hello.conversation, null);
      }
    });
  });

  describe('conversations belong to their visitor', () => {
    test("another visitor's conversation id is conversation_not_found for every action", async () => {
      const owner = await withConversation();
      const intruder = await customer();
      const id = owner.conversation.id;
      for (const [event, payload] of [
        ['message:send', { conversationId: id, clientId: 'intrude-1', text: 'hi' }],
        ['conversation:resume', { conversationId: id, afterSeq: 0 }],
        ['conversation:end', { conversationId: id }],
      ] as const) {
        const reply = await ask(intruder.socket, event, payload);
        assert.equal(reply.ok, false, event);
        assert.equal(reply.error.code, 'conversation_not_found', event);
      }
      const forged = await ask(intruder.socket, 'message:send', { conversationId: 'c_forgedForgedForged12', clientId: 'x1', text: 'hi' });
      assert.equal(forged.error.code, 'conversation_not_found');
      assert.equal(await countRows(server.store, 'messages', { conversation_id: id }), 1);
      assert.equal((await server.store.getConversation(id))?.status, 'queued');
    });

    test("a visitor does not receive another conversation's messages", async () => {
      const a = await withConversation();
      const b = await withConversation();
      let leaked = false;
      b.socket.on('message', (m: ChatMessage) => {
        if (m.conversationId === a.conversation.id) leaked = true;
      });
      const sent = await ask(a.socket, 'message:send', { conversationId: a.conversation.id, clientId: 'a-2', text: 'private' });
      assert.equal(sent.ok, true);
      await sleep(150);
      assert.equal(leaked, false);
    });
  });

  describe('messages', () => {
    test('empty and whitespace messages are message_empty on field text, nothing stored', async () => {
      const c = await withConversation();
      for (const text of ['', '   ', '\n\r\n\t', '\u0000']) {
        const reply = (await ask(c.socket, 'message:send', { conversationId: c.conversation.id, clientId: `e-${text.length}`, text })) as SendReply;
        assert.equal(reply.ok, false);
        assert.equal(!reply.ok && reply.error.code, 'message_empty');
        assert.equal(!reply.ok && reply.error.field, 'text');
      }
      assert.equal(await countRows(server.store, 'messages', { conversation_id: c.conversation.id }), 1);
      assert.equal((await server.store.getConversation(c.conversation.id))?.last_seq, 1);
    });

    test('a message one character over the limit is message_too_long on field text, nothing stored', async () => {
      const c = await withConversation();
      const reply = (await ask(c.socket, 'message:send', { conversationId: c.conversation.id, clientId: 'long-1', text: 'x'.repeat(LIMITS.messageMaxLength + 1) })) as SendReply;
      assert.equal(!reply.ok && reply.error.code, 'message_too_long');
      assert.equal(!reply.ok && reply.error.field, 'text');
      assert.equal(await countRows(server.store, 'messages', { conversation_id: c.conversation.id }), 1);
      const max = (await ask(c.socket, 'message:send', { conversationId: c.conversation.id, clientId: 'long-2', text: 'x'.repeat(LIMITS.messageMaxLength) })) as SendReply;
      assert.equal(max.ok, true);
      assert.equal(max.ok && max.message.seq, 2);
    });

    test('an invalid first message opens no conversation', async () => {
      const c = await customer();
      const before = await countRows(server.store, 'conversations');
      for (const payload of [
        { text: 'x'.repeat(LIMITS.messageMaxLength + 1), clientId: 's1' },
        { text: '  ', clientId: 's2' },
        { text: 'hello', clientId: 'bad id with spaces' },
        { text: 'hello' },
        { name: 'n'.repeat(LIMITS.nameMaxLength + 1), text: 'hello', clientId: 's3' },
      ]) {
        const reply = (await ask(c.socket, 'conversation:start', payload)) as StartReply;
        assert.equal(reply.ok, false, JSON.stringify(payload).slice(0, 80));
      }
      assert.equal(await countRows(server.store, 'conversations'), before);
    });

    test('stored text is cleaned: control characters stripped, CRLF normalised', async () => {
      const c = await withConversation();
      const reply = (await ask(c.socket, 'message:send', { conversationId: c.conversation.id, clientId: 'clean-1', text: 'a\u0000b\r\nc\u202E' })) as SendReply;
      assert.equal(reply.ok && reply.message.text, 'ab\nc');
      const row = await server.store.findMessage(c.conversation.id, 'clean-1');
      assert.equal(row?.text, 'ab\nc');
    });

    test('re-sending the same client id stores once and returns the same seq', async () => {
      const c = await withConversation();
      const payload = { conversationId: c.conversation.id, clientId: 'resend-1', text: 'once' };
      const first = (await ask(c.socket, 'message:send', payload)) as SendReply;
      const second = (await ask(c.socket, 'message:send', payload)) as SendReply;
      assert.ok(first.ok && second.ok);
      assert.equal(first.message.seq, 2);
      assert.deepEqual(second.message, first.message);
      assert.equal(await countRows(server.store, 'messages', { conversation_id: c.conversation.id, client_id: 'resend-1' }), 1);
      assert.equal((await server.store.getConversation(c.conversation.id))?.last_seq, 2);
    });

    test('a client id reused for another text is refused, and the stored message stays as it was', async () => {
      const c = await withConversation();
      const payload = { conversationId: c.conversation.id, clientId: 'reuse-1', text: 'original' };
      const first = (await ask(c.socket, 'message:send', payload)) as SendReply;
      assert.ok(first.ok);
      const other = (await ask(c.socket, 'message:send', { ...payload, text: 'edited on retry' })) as SendReply;
      assert.ok(!other.ok);
      assert.equal(other.error.code, 'client_id_conflict');
      assert.equal(other.error.field, 'clientId');
      const restart = (await ask(c.socket, 'conversation:start', { text: 'another', clientId: 'reuse-1' })) as StartReply;
      assert.ok(!restart.ok && restart.error.code === 'client_id_conflict');
      const stored = await server.store.findMessage(c.conversation.id, 'reuse-1');
      assert.equal(stored?.text, 'original');
      assert.equal(await countRows(server.store, 'messages', { conversation_id: c.conversation.id, client_id: 'reuse-1' }), 1);
    });

    test('a repeated conversation:start adds to the open conversation instead of opening another', async () => {
      const c = await withConversation();
      const again = (await ask(c.socket, 'conversation:start', { text: 'second', clientId: 'second-1' })) as StartReply;
      assert.ok(again.ok);
      assert.equal(again.conversation.id, c.conversation.id);
      assert.deepEqual(again.messages.map((m) => m.seq), [2]);
      const retried = (await ask(c.socket, 'conversation:start', { text: 'first', clientId: 'first-1' })) as StartReply;
      assert.ok(retried.ok);
      assert.equal(retried.messages[0].seq, 1, 'a retried start returns the stored first message');
      assert.equal(await countRows(server.store, 'conversations', { visitor_id: (await server.store.getConversation(c.conversation.id))!.visitor_id }), 1);
    });

    test('the sender receives its own stored message as an event too (other tabs see it)', async () => {
      const c = await withConversation();
      const tab2 = await customer({ visitorToken: c.hello.visitorToken });
      assert.equal(tab2.hello.conversation?.id, c.conversation.id);
      const seen = nextEvent<ChatMessage>(tab2.socket, 'message');
      await ask(c.socket, 'message:send', { conversationId: c.conversation.id, clientId: 'tab-1', text: 'from tab 1' });
      assert.equal((await seen).clientId, 'tab-1');
    });
  });

  describe('malformed input never crashes the server', () => {
    test('payloads of the wrong shape are refused with an error ack', async () => {
      const c = await withConversation();
      const proto = JSON.parse('{"__proto__": {"polluted": "yes"}, "conversationId": {"__proto__": {"polluted": "yes"}}, "clientId": "p1", "text": "hi"}') as unknown;
      const bad: unknown[] = [null, 42, 'text', true, [], [1, 2, 3], {}, { conversationId: 42 }, { conversationId: [c.conversation.id] }, proto];
      for (const event of ['message:send', 'conversation:start', 'conversation:resume', 'conversation:end']) {
        for (const payload of bad) {
          if (event === 'conversation:start' && payload !== null && typeof payload === 'object' && !Array.isArray(payload)) continue;
          const reply = await ask(c.socket, event, payload);
          assert.equal(reply.ok, false, `${event} ${JSON.stringify(payload)}`);
          assert.match(reply.error.code, /^(invalid_payload|invalid_field|conversation_not_found)$/, `${event} ${JSON.stringify(payload)}`);
        }
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
      assert.equal(await countRows(server.store, 'messages', { conversation_id: c.conversation.id }), 1);
    });

    test('events without arguments, with only a callback, or with extra arguments are answered', async () => {
      const c = await withConversation();
      const onlyAck = await ask(c.socket, 'message:send');
      assert.equal(onlyAck.error.code, 'invalid_payload');
      const extra = await ask(c.socket, 'message:send', { conversationId: c.conversation.id, clientId: 'extra-1', text: 'hi' }, 'extra', 42);
      assert.equal(extra.ok, true);
    });

    test('a missing ack callback is tolerated, and the message is still stored once', async () => {
      const c = await withConversation();
      const payload = { conversationId: c.conversation.id, clientId: 'noack-1', text: 'fire and forget' };
      const delivered = nextEvent<ChatMessage>(c.socket, 'message');
      c.socket.emit('message:send', payload);
      c.socket.emit('message:send', null);
      c.socket.emit('conversation:start');
      c.socket.emit('typing', { conversationId: 'nope', typing: 'yes' });
      c.socket.emit('typing', 'garbage');
      c.socket.emit('no-such-event', { a: 1 });
      assert.equal((await delivered).clientId, 'noack-1');
      const again = await ask(c.socket, 'message:send', payload);
      assert.equal(again.ok, true);
      assert.equal(again.message.seq, 2);
      assert.equal(await countRows(server.store, 'messages', { conversation_id: c.conversation.id }), 2);
    });

    test('huge strings are refused as values and as ids', async () => {
      const c = await withConversation();
      const big = 'x'.repeat(50_000);
      const text = await ask(c.socket, 'message:send', { conversationId: c.conversation.id, clientId: 'huge-1', text: big });
      assert.equal(text.error.code, 'message_too_long');
      const id = await ask(c.socket, 'message:send', { conversationId: big, clientId: 'huge-2', text: 'hi' });
      assert.equal(id.error.code, 'invalid_field');
      assert.equal(id.error.field, 'conversationId');
      const clientId = await ask(c.socket, 'message:send', { conversationId: c.conversation.id, clientId: big, text: 'hi' });
      assert.equal(clientId.error.field, 'clientId');
      const seq = await ask(c.socket, 'conversation:resume', { conversationId: c.conversation.id, afterSeq: 1e300 });
      assert.equal(seq.error.field, 'afterSeq');
    });

    test('a frame over the size limit closes only that connection', async () => {
      const c = await customer();
      const closed = nextEvent<string>(c.socket, 'disconnect');
      c.socket.emit('message:send', { conversationId: 'x', clientId: 'y', text: 'x'.repeat(100 * 1024) });
      assert.equal(await closed, 'transport close');
      await assertServerAlive();
    });

    test('malformed socket.io packets close the connection, never the server', async () => {
      const raws = [
        `42${'/v1/customer'},[`,
        `42${'/v1/customer'},{"not":"an array"}`,
        `42${'/v1/customer'},["disconnect"]`,
        `42${'/v1/customer'},[42,{"a":1}]`,
        `4Z`,
        `41${'/v1/customer'},"bye"`,
      ];
      for (const raw of raws) {
        const c = await customer();
        (c.socket.io.engine as unknown as { write(data: string): void }).write(raw);
        // Either the packet is dropped (the socket still answers) or the connection is closed
        // (the ask then fails at once with "socket has been disconnected").
        const reply = await ask(c.socket, 'conversation:resume', { conversationId: 'c_none', afterSeq: 0 }).catch((err: Error) => err);
        if (reply instanceof Error) assert.match(reply.message, /disconnected/, raw);
        else assert.equal(reply.error.code, 'conversation_not_found', raw);
      }
      await assertServerAlive();
    });

    test('after all of the above, the same server still routes a chat end to end', async () => {
      const session = await connectCustomer(server.url);
      try {
        session.send('still there?');
        const state = await until(session, (s) => s.messages.length === 1 && s.pending.length === 0, 5000, 'the message stored');
        assert.equal(state.messages[0].text, 'still there?');
        assert.equal(state.conversation?.status, 'queued');
      } finally {
        session.close();
      }
    });
  });
});
