/**
 * ChatSession in Node against the real server (core has no DOM, so it runs here): several tabs
 * of one visitor share the conversation, an ended chat gives way to a new one, invalid texts
 * never leave the session, and a text sent while disconnected is delivered once on reconnect.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_IDS, LIMITS, NAMESPACES } from '../protocol/index.js';
import { countRows, startTestServer, until, type TestServer } from '../../test/helpers/server.js';
import { ChatSession, visitorTokenKey, type KeyValueStorage } from './chat-session.js';

/** One browser profile's localStorage, shared by its tabs. */
function sharedStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('ChatSession', () => {
  let server: TestServer;
  const sessions: ChatSession[] = [];

  async function tab(storage: KeyValueStorage = sharedStorage()): Promise<ChatSession> {
    const session = new ChatSession({
      server: server.url,
      poc: DEMO_IDS.chatPoc,
      storage,
      socketOptions: { transports: ['websocket'], forceNew: true, extraHeaders: { origin: server.url } },
      backoff: { minMs: 50, maxMs: 500 },
    });
    sessions.push(session);
    await session.connect();
    assert.equal(session.state.connection, 'connected');
    return session;
  }

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const session of sessions) session.close();
    await server.dispose();
  });

  test('keeps the visitor token in its storage under the POC and server', async () => {
    const storage = sharedStorage();
    await tab(storage);
    assert.match(storage.getItem(visitorTokenKey(server.url, DEMO_IDS.chatPoc)) ?? '', /^[A-Za-z0-9_-]{22,}$/);
  });

  test('two tabs of one visitor show the same conversation, each message once', async () => {
    const storage = sharedStorage();
    const tab1 = await tab(storage);
    tab1.send('from tab 1');
    await until(tab1, (s) => s.messages.length === 1 && s.pending.length === 0, 5000, 'tab 1 stored');

    const tab2 = await tab(storage);
    await until(tab2, (s) => s.messages.length === 1, 5000, 'tab 2 resumed the conversation');
    assert.equal(tab2.state.conversation?.id, tab1.state.conversation?.id);

    tab2.send('from tab 2');
    await until(tab1, (s) => s.messages.length === 2, 5000, 'tab 1 sees tab 2');
    await until(tab2, (s) => s.messages.length === 2 && s.pending.length === 0, 5000, 'tab 2 stored');
    assert.deepEqual(tab1.state.messages.map((m) => m.id), tab2.state.messages.map((m) => m.id));
    assert.deepEqual(tab1.state.messages.map((m) => m.text), ['from tab 1', 'from tab 2']);
  });

  test('a tab opened before the conversation started follows it too', async () => {
    const storage = sharedStorage();
    const tab1 = await tab(storage);
    const tab2 = await tab(storage);
    tab1.send('started in tab 1');
    await until(tab2, (s) => s.messages.length === 1, 5000, 'tab 2 picked up the new conversation');
    assert.equal(tab2.state.conversation?.id, tab1.state.conversation?.id);
    tab2.send('answered in tab 2');
    await until(tab1, (s) => s.messages.length === 2, 5000, 'tab 1 sees tab 2');
    await until(tab2, (s) => s.messages.length === 2 && s.pending.length === 0, 5000, 'tab 2 stored');
    assert.deepEqual(tab1.state.messages.map((m) => m.id), tab2.state.messages.map((m) => m.id));
    const row = await server.store.getConversation(tab1.state.conversation!.id);
    assert.equal(await countRows(server.store, 'conversations', { visitor_id: row!.visitor_id }), 1, 'tab 2 opened no second chat');
  });

  test('invalid texts are refused locally and nothing is sent', async () => {
    const session = await tab();
    const before = await countRows(server.store, 'conversations');
    assert.equal((session.send('   ') as { code: string }).code, 'message_empty');
    assert.equal((session.send('x'.repeat(LIMITS.messageMaxLength + 1)) as { code: string }).code, 'message_too_long');
    assert.equal(session.state.pending.length, 0);
    assert.equal(session.state.conversation, null);
    assert.equal(await countRows(server.store, 'conversations'), before);
  });

  test('after the chat ended, the next text opens a new conversation starting at seq 1', async () => {
    const session = await tab();
    session.setName('  Ana \n Lima ');
    session.send('first chat');
    await until(session, (s) => s.conversation !== null && s.pending.length === 0, 5000, 'first chat');
    const firstId = session.state.conversation!.id;
    assert.equal((await server.store.getConversation(firstId))?.customer_name, 'Ana Lima');
    await session.end();
    assert.equal(session.state.conversation?.status, 'ended');

    session.send('second chat');
    const state = await until(session, (s) => s.conversation?.id !== firstId && s.messages.length === 1 && s.pending.length === 0, 5000, 'second chat');
    assert.equal(state.conversation?.status, 'queued');
    assert.equal(state.messages[0].seq, 1);
    assert.equal(state.messages[0].text, 'second chat');
  });

  test('a text sent while the server dropped the connection is delivered once after reconnecting', async () => {
    const session = await tab();
    session.send('before the drop');
    await until(session, (s) => s.conversation !== null && s.pending.length === 0, 5000, 'first text');
    const id = session.state.conversation!.id;

    server.io.of(NAMESPACES.customer).disconnectSockets(true);
    await until(session, (s) => s.connection === 'reconnecting', 5000, 'the drop noticed');
    session.send('during the drop');
    await until(session, (s) => s.connection === 'connected' && s.pending.length === 0 && s.messages.length === 2, 5000, 'delivered after reconnect');
    assert.deepEqual(session.state.messages.map((m) => [m.seq, m.text]), [[1, 'before the drop'], [2, 'during the drop']]);
    assert.equal(await countRows(server.store, 'messages', { conversation_id: id }), 2);
  });
});
