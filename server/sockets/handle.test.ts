/**
 * The socket handler wrapper and the shutdown drain: handlers' work is counted, `idle()` waits
 * for it (bounded), and a server closing with a message on its way acknowledges and keeps it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_IDS, NAMESPACES } from '../../src/protocol/index.js';
import { ask, handshake, rawCustomerSocket, sleep, startTestServer } from '../../test/helpers/server.js';
import { Store } from '../store/store.js';
import { InFlight } from './handle.js';

describe('InFlight', () => {
  test('idle() resolves when the last tracked work settles, rejected work included', async () => {
    const inflight = new InFlight();
    let release!: () => void;
    let fail!: (e: Error) => void;
    void inflight.track(new Promise<void>((r) => (release = r)));
    void inflight.track(new Promise<void>((_, j) => (fail = j))).catch(() => undefined);
    assert.equal(inflight.count, 2);
    let idle = false;
    const waiting = inflight.idle(5000).then(() => (idle = true));
    release();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(idle, false, 'one is still running');
    fail(new Error('refused'));
    await waiting;
    assert.equal(inflight.count, 0);
  });

  test('idle() gives up after its timeout', async () => {
    const inflight = new InFlight();
    void inflight.track(new Promise(() => undefined));
    const started = Date.now();
    await inflight.idle(50);
    assert.ok(Date.now() - started >= 45);
    assert.equal(inflight.count, 1);
  });
});

describe('closing the server', () => {
  test('texts sent just before close are acknowledged and stored; the store reopens with them', async () => {
    const server = await startTestServer();
    const socket = rawCustomerSocket(server.url, { protocol: 1, poc: DEMO_IDS.chatPoc });
    assert.equal((await handshake(socket)).ok, true);
    const started = await ask(socket, 'conversation:start', { text: 'first', clientId: 'drain-0' });
    assert.ok(started.ok);
    const conversationId = started.conversation.id as string;
    // Close from inside the server the moment the 5th text arrives: the later ones and those
    // still being stored are in flight while the shutdown starts.
    const serverSide = [...server.io.of(NAMESPACES.customer).sockets.values()][0];
    let arrived = 0;
    let closing: Promise<void> | null = null;
    serverSide.use((_packet, next) => {
      arrived += 1;
      if (arrived === 5) closing = server.close();
      next();
    });
    const sends = Array.from({ length: 20 }, (_, i) => ask(socket, 'message:send', { conversationId, clientId: `drain-${i + 1}`, text: `line ${i + 1}` }));
    for (let waited = 0; !closing && waited < 5000; waited += 20) await sleep(20);
    const replies = await Promise.all(sends.map((p) => p.catch((e: Error) => ({ ok: "no answer: " + e.message }))));
    assert.ok(closing, 'the close started while texts were arriving');
    await closing;
    socket.disconnect();
    const acknowledged = replies.filter((r) => (r as { ok: unknown }).ok === true).length;
    const store = await Store.open(server.dataDir);
    try {
      const stored = await store.messagesAfter(conversationId, 0);
      // Every acknowledged text is stored; none is stored twice.
      assert.ok(acknowledged >= 5, `the texts in flight when the close began were acknowledged (${acknowledged})`);
      assert.ok(stored.length >= acknowledged + 1, `${stored.length} stored, ${acknowledged} acknowledged`);
      assert.equal(new Set(stored.map((m) => m.client_id)).size, stored.length);
      for (const r of replies) {
        if ((r as { ok: unknown }).ok === true) assert.ok(stored.some((m) => m.id === (r as { message: { id: string } }).message.id));
      }
    } finally {
      await store.close();
      await server.dispose();
    }
  });
});
