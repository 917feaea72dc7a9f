/**
 * The delivery promise (SPEC §5) at the session level, in Node against the real server: the
 * outbox survives a reload, a re-send after a lost answer is stored once, gaps are filled page by
 * page, receipts travel both ways and persist, and the connection state tells when the next
 * attempt is due. The fault-injection suite (test/chaos) proves the same through real faults.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { DEMO_IDS, LIMITS, NAMESPACES, type ChatMessage } from '../protocol/index.js';
import { ask, connectAgent, connectCustomer, countRows, rawCustomerSocket, handshake, startTestServer, until, type TestServer } from '../../test/helpers/server.js';
import type { AgentSession } from './agent-session.js';
import { ChatSession, visitorTokenKey } from './chat-session.js';
import { backoffDelay } from './link.js';
import { memoryStorage, type KeyValueStorage } from './outbox.js';

const OUTBOX_KEY = `parley:outbox:${DEMO_IDS.chatPoc}`;

describe('delivery', () => {
  let server: TestServer;
  const open: { close(): void }[] = [];
  let agent: AgentSession;

  /** A customer "tab": its own outbox storage, the browser profile's token storage. */
  async function customer(storage: KeyValueStorage = memoryStorage(), outboxStorage: KeyValueStorage = memoryStorage()): Promise<ChatSession> {
    const session = await connectCustomer(server.url, DEMO_IDS.chatPoc, { storage, outboxStorage });
    open.push(session);
    return session;
  }

  /** A customer whose conversation the agent has accepted. */
  async function liveChat(first = 'hello', storage: KeyValueStorage = memoryStorage()): Promise<{ session: ChatSession; conversationId: string }> {
    const session = await customer(storage);
    session.send(first);
    await until(session, (s) => s.pending.length === 0 && s.conversation !== null, 5000, 'conversation started');
    const conversationId = session.state.conversation!.id;
    await until(agent, (s) => s.offers.some((o) => o.conversationId === conversationId), 5000, 'offer');
    assert.equal(await agent.accept(agent.state.offers.find((o) => o.conversationId === conversationId)!.id), null);
    await until(session, (s) => s.conversation?.status === 'active', 5000, 'accepted');
    return { session, conversationId };
  }

  before(async () => {
    server = await startTestServer();
    agent = await connectAgent(server.url, 'agent1');
    open.push(agent);
    assert.equal(await agent.setAvailable(true), null);
  });
  // Each test leaves the agent's desk empty: offers and held chats count against its capacity.
  afterEach(async () => {
    for (const s of open) if (s instanceof ChatSession) await s.end();
    const code = agent.state.dispositions[0]?.code ?? '';
    for (const t of agent.state.threads) await agent.end(t.conversation.id, code);
    await until(agent, (s) => s.offers.length === 0 && s.threads.length === 0, 5000, 'desk cleared');
  });
  after(async () => {
    for (const s of open) s.close();
    await server.dispose();
  });

  test('a text written before any connection is kept in the outbox storage and sent once after a reload', async () => {
    const storage = memoryStorage();
    const outboxStorage = memoryStorage();
    const first = new ChatSession({ server: server.url, poc: DEMO_IDS.chatPoc, storage, outboxStorage, socketOptions: { extraHeaders: { origin: server.url } } });
    const clientId = first.send('written offline');
    assert.equal(typeof clientId, 'string');
    assert.equal(first.state.pending[0].status, 'sending');
    assert.match(outboxStorage.getItem(OUTBOX_KEY) ?? '', /written offline/, 'in storage before anything was sent');
    first.close(); // the page goes away before the text left

    const reloaded = await customer(storage, outboxStorage);
    assert.deepEqual(reloaded.state.pending.map((p) => p.clientId), [clientId], 'the reloaded page shows it as pending');
    const state = await until(reloaded, (s) => s.pending.length === 0 && s.messages.length === 1, 5000, 'sent after reload');
    assert.equal(state.messages[0].clientId, clientId);
    assert.equal(outboxStorage.getItem(OUTBOX_KEY), null, 'the outbox empties once acknowledged');
    assert.equal(await countRows(server.store, 'messages', { client_id: clientId as string }), 1);
  });

  test('a text stored whose answer was lost (page reloaded before the ack) is stored once and shown once', async () => {
    const storage = memoryStorage();
    const outboxStorage = memoryStorage();
    const session = await customer(storage, outboxStorage);
    session.send('opening line');
    await until(session, (s) => s.pending.length === 0 && s.conversation !== null, 5000, 'conversation');
    const conversationId = session.state.conversation!.id;
    session.close();

    // The server stored the text, but the page never heard the answer: it is still in the outbox.
    const clientId = '4b0c2a56-2f0e-4d8e-9a57-3d2f1c7b9e10';
    const raw = rawCustomerSocket(server.url, { protocol: 1, poc: DEMO_IDS.chatPoc, visitorToken: storage.getItem(visitorTokenKey(server.url, DEMO_IDS.chatPoc)) });
    assert.equal((await handshake(raw)).ok, true);
    const stored = await ask(raw, 'message:send', { conversationId, clientId, text: 'sent, answer lost' });
    assert.ok(stored.ok);
    raw.disconnect();
    outboxStorage.setItem(OUTBOX_KEY, JSON.stringify([{ clientId, text: 'sent, answer lost', conversationId, status: 'sending', attempts: 1, error: null }]));

    const reloaded = await customer(storage, outboxStorage);
    const state = await until(reloaded, (s) => s.pending.length === 0 && s.messages.length === 2, 5000, 'resumed and re-sent');
    assert.deepEqual(state.messages.map((m) => m.clientId).filter((id) => id === clientId), [clientId], 'shown once');
    assert.equal(await countRows(server.store, 'messages', { conversation_id: conversationId, client_id: clientId }), 1, 'stored once');
  });

  test('a history longer than one page is fetched whole, in order, on resume', async () => {
    const storage = memoryStorage();
    const session = await customer(storage);
    session.send('start');
    await until(session, (s) => s.pending.length === 0 && s.conversation !== null, 5000, 'conversation');
    const conversationId = session.state.conversation!.id;
    session.close();
    const total = LIMITS.resumePageSize + 250;
    await server.store.transaction(async (trx) => {
      for (let i = 2; i <= total; i += 1) {
        await server.store.appendMessage(conversationId, { clientId: `bulk-${i}`, author: 'customer', authorName: null, text: `line ${i}` }, trx);
      }
    });
    const reloaded = await customer(storage);
    const state = await until(reloaded, (s) => s.messages.length === total, 10_000, 'every page');
    assert.deepEqual(state.messages.map((m) => m.seq), Array.from({ length: total }, (_, i) => i + 1));
  });

  test('a live message that skips a seq makes the session fetch the one it missed', async () => {
    const { session, conversationId } = await liveChat('gap test');
    const held = session.state.messages.length;
    // Stored without telling anyone: as if its frame had been lost on the way.
    await server.store.appendMessage(conversationId, { clientId: 'silent-1', author: 'agent', authorName: 'Agent', text: 'never pushed' });
    assert.equal(typeof agent.send(conversationId, 'pushed after the silent one'), 'string');
    const state = await until(session, (s) => s.messages.some((m) => m.clientId === 'silent-1') && s.messages.some((m) => m.text === 'pushed after the silent one'), 5000, 'gap filled');
    assert.equal(state.messages.length, held + 2);
    assert.deepEqual(state.messages.map((m) => m.seq), state.messages.map((_, i) => i + 1));
  });

  test('receipts: the agent sees delivered then read; the customer sees the agent read; marks persist', async () => {
    const { session, conversationId } = await liveChat('are you there?');
    const customerSeq = session.state.messages.find((m) => m.text === 'are you there?')!.seq;
    // The agent's console holds the message: delivered to the agent at once.
    await until(session, (s) => (s.conversation?.receipts.delivered ?? 0) >= customerSeq, 5000, 'customer sees delivered');
    assert.ok(session.state.conversation!.receipts.read < customerSeq, 'not read before the agent looked');
    agent.markRead(conversationId);
    await until(session, (s) => (s.conversation?.receipts.read ?? 0) >= customerSeq, 5000, 'customer sees read');

    agent.send(conversationId, 'yes, hello');
    const withReply = await until(session, (s) => s.messages.some((m) => m.text === 'yes, hello'), 5000, 'reply');
    const replySeq = withReply.messages.find((m) => m.text === 'yes, hello')!.seq;
    const thread = () => agent.thread(conversationId)!;
    await until(agent, () => thread().conversation.receipts.delivered >= replySeq, 5000, 'agent sees delivered');
    assert.ok(thread().conversation.receipts.read < replySeq, 'the customer has not looked yet');
    session.markRead();
    await until(agent, () => thread().conversation.receipts.read >= replySeq, 5000, 'agent sees read');

    const row = await server.store.getConversation(conversationId);
    assert.ok(row!.customer_read_seq >= replySeq && row!.agent_read_seq >= customerSeq, 'stored');
  });

  test('receipts beyond the last message, negative or for a conversation not yours are refused', async () => {
    const storage = memoryStorage();
    const { conversationId } = await liveChat('receipt checks', storage);
    const stranger = rawCustomerSocket(server.url, { protocol: 1, poc: DEMO_IDS.chatPoc });
    assert.equal((await handshake(stranger)).ok, true);
    const foreign = await ask(stranger, 'receipt', { conversationId, delivered: 1 });
    assert.equal(foreign.ok, false);
    assert.equal(foreign.error.code, 'conversation_not_found');
    stranger.disconnect();

    const row = (await server.store.getConversation(conversationId))!;
    const visitorToken = storage.getItem(visitorTokenKey(server.url, DEMO_IDS.chatPoc));
    const owner = rawCustomerSocket(server.url, { protocol: 1, poc: DEMO_IDS.chatPoc, visitorToken });
    assert.equal((await handshake(owner)).ok, true);
    for (const [payload, field] of [
      [{ conversationId, delivered: row.last_seq + 1 }, 'delivered'],
      [{ conversationId, read: -1 }, 'read'],
      [{ conversationId, read: 1.5 }, 'read'],
      [{ conversationId, delivered: '3' }, 'delivered'],
    ] as const) {
      const reply = await ask(owner, 'receipt', payload);
      assert.equal(reply.ok, false, JSON.stringify(payload));
      assert.equal(reply.error.field, field);
    }
    const fine = await ask(owner, 'receipt', { conversationId, read: row.last_seq });
    assert.equal(fine.ok, true);
    const after = (await server.store.getConversation(conversationId))!;
    assert.equal(after.customer_read_seq, row.last_seq);
    assert.equal(after.customer_delivered_seq, row.last_seq, 'read raises delivered');
    const lower = await ask(owner, 'receipt', { conversationId, delivered: 1, read: 1 });
    assert.equal(lower.ok, true);
    assert.equal((await server.store.getConversation(conversationId))!.customer_read_seq, row.last_seq, 'marks never go down');
    owner.disconnect();
  });

  test('after a drop the state says reconnecting, with the time of the next attempt, then connected', async () => {
    const session = await customer();
    const states: { connection: string; nextRetryAt: number | null }[] = [];
    const off = session.subscribe((s) => states.push({ connection: s.connection, nextRetryAt: s.nextRetryAt }));
    const dropped = Date.now();
    server.io.of(NAMESPACES.customer).disconnectSockets(true);
    await until(session, (s) => s.connection === 'connected' && states.some((x) => x.connection === 'reconnecting'), 5000, 'back');
    off();
    const reconnecting = states.find((x) => x.connection === 'reconnecting')!;
    assert.ok(reconnecting.nextRetryAt !== null && reconnecting.nextRetryAt >= dropped, 'a due time is given');
    assert.ok(reconnecting.nextRetryAt! <= dropped + 1000, 'first retry within the first backoff step');
    assert.equal(session.state.nextRetryAt, null);
  });

  test('texts written while reconnecting go out in the order written, each once', async () => {
    const { session, conversationId } = await liveChat('order test');
    server.io.of(NAMESPACES.customer).disconnectSockets(true);
    await until(session, (s) => s.connection !== 'connected', 5000, 'dropped');
    const ids = ['one', 'two', 'three', 'four'].map((t) => session.send(t));
    await until(session, (s) => s.connection === 'connected' && s.pending.length === 0, 5000, 'flushed');
    const texts = session.state.messages.filter((m) => ids.includes(m.clientId)).map((m) => m.text);
    assert.deepEqual(texts, ['one', 'two', 'three', 'four']);
    await until(agent, () => ids.every((id) => agent.thread(conversationId)!.messages.some((m: ChatMessage) => m.clientId === id)), 5000, 'agent has them');
    const agentTexts = agent.thread(conversationId)!.messages.filter((m) => ids.includes(m.clientId)).map((m) => m.text);
    assert.deepEqual(agentTexts, texts, 'same order on the other screen');
  });

  test('the outbox is bounded: past the limit, send answers outbox_full and keeps what it holds', async () => {
    const session = new ChatSession({ server: server.url, poc: DEMO_IDS.chatPoc, socketOptions: { extraHeaders: { origin: server.url } } });
    for (let i = 0; i < LIMITS.outboxMax; i += 1) assert.equal(typeof session.send(`queued ${i}`), 'string');
    const refused = session.send('one too many');
    assert.equal(typeof refused, 'object');
    assert.equal((refused as { code: string }).code, 'outbox_full');
    assert.equal(session.state.pending.length, LIMITS.outboxMax);
    session.close();
  });

  test('backoff doubles from the minimum, stays within the jitter, and is capped', () => {
    const at = (attempt: number, r: number) => backoffDelay(attempt, { minMs: 500, maxMs: 15_000, jitter: 0.25 }, () => r);
    assert.equal(at(0, 0.5), 500);
    assert.equal(at(1, 0.5), 1000);
    assert.equal(at(3, 0.5), 4000);
    assert.equal(at(10, 0.5), 15_000);
    assert.equal(at(0, 0), 375);
    assert.equal(at(0, 1), 625);
    assert.equal(at(1000, 1), 18_750);
  });
});
