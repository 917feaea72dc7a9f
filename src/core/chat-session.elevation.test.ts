/**
 * ChatSession's elevation requests in Node against the real server: a request needs no open
 * chat, waits for a connection that is down, is asked again with the same request id when its
 * answer is lost, and the visitor's requests come back in the hello of a later page and in the
 * `elevation` events of other tabs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_IDS, NAMESPACES, type ElevationRequest } from '../protocol/index.js';
import { countRows, startTestServer, until, type TestServer } from '../../test/helpers/server.js';
import { ChatSession, mergeElevations, type KeyValueStorage } from './chat-session.js';
import { SocketLink, type Link, type SocketLinkOptions } from './link.js';

/** One browser profile's localStorage, shared by its tabs. */
function sharedStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** Each test uses its own numbers: the server limits requests per destination. */
let nextNumber = 10;
const mobile = (): string => `06 12 34 56 ${String(nextNumber++).padStart(2, '0')}`;

const callback = (extra: Partial<ElevationRequest> = {}): ElevationRequest => ({
  requestId: crypto.randomUUID(),
  kind: 'callback',
  phone: mobile(),
  country: 'FR',
  consent: true,
  ...extra,
});

describe('ChatSession elevation requests', () => {
  let server: TestServer;
  const sessions: ChatSession[] = [];

  function tab(storage: KeyValueStorage = sharedStorage(), createLink?: (o: SocketLinkOptions) => Link): ChatSession {
    const session = new ChatSession({
      server: server.url,
      poc: DEMO_IDS.chatPoc,
      storage,
      socketOptions: { transports: ['websocket'], forceNew: true, extraHeaders: { origin: server.url } },
      backoff: { minMs: 50, maxMs: 500 },
      ackTimeoutMs: 2000,
      elevationTimeoutMs: 8000,
      ...(createLink ? { createLink } : {}),
    });
    sessions.push(session);
    return session;
  }

  const rowsOf = (requestId: string) => countRows(server.store, 'conversations', { request_id: requestId });

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const session of sessions) session.close();
    await server.dispose();
  });

  test('without a chat and without connecting first: the request connects, and is held with its reference', async () => {
    const session = tab();
    assert.equal(session.state.connection, 'idle');
    const request = callback();
    const reply = await session.requestElevation(request);
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.match(reply.elevation.reference, /^CB-[0-9A-Z]{6}$/);
    assert.equal(reply.elevation.destination, '+33612345610');
    assert.equal(reply.elevation.status, 'requested');
    assert.equal(reply.elevation.conversationId, null);
    assert.equal(session.state.connection, 'connected');
    assert.deepEqual(session.state.elevations.map((e) => e.id), [reply.elevation.id]);
    assert.equal(session.state.conversation, null, 'no chat was opened for it');
    assert.equal(await rowsOf(request.requestId), 1);
  });

  test('a later page of the same visitor gets its requests in the hello; another tab hears of a new one', async () => {
    const storage = sharedStorage();
    const first = tab(storage);
    const made = await first.requestElevation(callback());
    assert.ok(made.ok);
    first.close();

    const reloaded = tab(storage);
    await reloaded.connect();
    await until(reloaded, (s) => s.elevations.length === 1, 5000, 'the hello lists the request');
    assert.equal(reloaded.state.elevations[0].reference, made.elevation.reference);

    const other = tab(storage);
    await other.connect();
    const email = await other.requestElevation({ requestId: crypto.randomUUID(), kind: 'email', email: 'ann@example.com', subject: 'My order', message: 'Where is it?' });
    assert.ok(email.ok, JSON.stringify(email));
    assert.match(email.elevation.reference, /^EM-/);
    await until(reloaded, (s) => s.elevations.length === 2, 5000, 'the other tab’s request arrives as an event');
    assert.deepEqual(reloaded.state.elevations.map((e) => e.kind), ['callback', 'email']);
  });

  test('a double submit is one request: the second call joins the first, a later repeat gets the same answer', async () => {
    const session = tab();
    await session.connect();
    const request = callback();
    const [a, b] = await Promise.all([session.requestElevation(request), session.requestElevation({ ...request })]);
    assert.ok(a.ok && b.ok);
    assert.equal(a.elevation.id, b.elevation.id);
    const again = await session.requestElevation({ ...request });
    assert.ok(again.ok);
    assert.equal(again.elevation.reference, a.elevation.reference);
    assert.equal(await rowsOf(request.requestId), 1);
    assert.equal(session.state.elevations.length, 1);
  });

  test('a request made while the connection is down waits for it and is sent once', async () => {
    const session = tab();
    await session.connect();
    server.io.of(NAMESPACES.customer).disconnectSockets(true);
    await until(session, (s) => s.connection === 'reconnecting', 5000, 'the drop noticed');
    const request = callback();
    const reply = await session.requestElevation(request);
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(session.state.connection, 'connected');
    assert.equal(await rowsOf(request.requestId), 1);
  });

  test('an answer lost on the way back: asked again with the same request id, and the server made one', async () => {
    // The real link, whose first elevation answer is dropped after the server made the request,
    // as a connection cut at that moment would; the link then reconnects as SocketLink does on a
    // missing answer. The rest is real.
    let dropped = 0;
    const asked: string[] = [];
    const lossy = (options: SocketLinkOptions): Link => {
      const link = new SocketLink(options);
      const ask = link.ask.bind(link);
      link.ask = async <R>(event: string, payload: unknown, timeoutMs: number): Promise<R> => {
        const reply = await ask<R>(event, payload, timeoutMs);
        if (event !== 'elevation:request') return reply;
        asked.push((payload as ElevationRequest).requestId);
        if (dropped++ > 0) return reply;
        link.close();
        link.open();
        return { ok: false, error: { code: 'internal_error', message: 'no answer from the server' } } as R;
      };
      return link;
    };
    const session = tab(sharedStorage(), lossy);
    await session.connect();
    const request = callback();
    const reply = await session.requestElevation(request);
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(asked.length, 2, 'asked twice');
    assert.deepEqual(new Set(asked), new Set([request.requestId]), 'with the same request id');
    assert.equal(await rowsOf(request.requestId), 1);
  });

  test('refusals name their field and are not retried: premium-rate number, no consent, not a mobile for texts', async () => {
    const session = tab();
    await session.connect();
    const premium = await session.requestElevation(callback({ phone: '08 99 12 34 56' }));
    assert.ok(!premium.ok);
    assert.equal(premium.error.code, 'invalid_field');
    assert.equal(premium.error.field, 'phone');
    const consent = await session.requestElevation(callback({ consent: false }));
    assert.ok(!consent.ok);
    assert.equal(consent.error.field, 'consent');
    const landline = await session.requestElevation({ requestId: crypto.randomUUID(), kind: 'sms', phone: '01 40 00 00 00', country: 'FR', consent: true });
    assert.ok(!landline.ok);
    assert.equal(landline.error.field, 'phone');
    assert.equal(session.state.elevations.length, 0);
  });

  test('"stop waiting" from a queued chat: the chat notes the request and ends', async () => {
    const session = tab();
    await session.connect();
    session.send('Is anyone there?');
    await until(session, (s) => s.conversation?.status === 'queued' && s.pending.length === 0, 5000, 'queued');
    const conversationId = session.state.conversation!.id;
    const reply = await session.requestElevation(callback({ conversationId, stopWaiting: true }));
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(reply.elevation.conversationId, conversationId);
    const state = await until(session, (s) => s.conversation?.status === 'ended' && s.messages.some((m) => m.event?.type === 'elevated'), 5000, 'ended, with the note');
    const note = state.messages.find((m) => m.event?.type === 'elevated')!;
    assert.deepEqual(note.event, { type: 'elevated', kind: 'callback', reference: reply.elevation.reference, by: 'customer' });
  });

  test('a request naming a chat that ended meanwhile still goes through', async () => {
    const session = tab();
    await session.connect();
    session.send('Short chat');
    await until(session, (s) => s.conversation !== null && s.pending.length === 0, 5000, 'stored');
    const conversationId = session.state.conversation!.id;
    await session.end();
    const request = callback({ conversationId, stopWaiting: true });
    const reply = await session.requestElevation(request);
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(await rowsOf(request.requestId), 1);
  });

  test('a request still waiting for a connection is answered with an error when the session closes', async () => {
    const session = tab();
    await session.connect();
    server.io.of(NAMESPACES.customer).disconnectSockets(true);
    await until(session, (s) => s.connection === 'reconnecting', 5000, 'the drop noticed');
    const pending = session.requestElevation(callback());
    session.close();
    const reply = await pending;
    assert.ok(!reply.ok);
    assert.equal(reply.error.code, 'internal_error');
  });

  test('mergeElevations keeps one per id, never lets a status go back, and orders by creation', () => {
    const base = { kind: 'callback' as const, reference: 'CB-AAAAAA', destination: '+33612345678', destinationDisplay: '+33 6 12 34 56 78', window: null, conversationId: null };
    const a = { ...base, id: 'a', status: 'in-progress' as const, createdAt: '2030-01-01T10:00:00.000Z' };
    const b = { ...base, id: 'b', status: 'requested' as const, createdAt: '2030-01-01T09:00:00.000Z' };
    const merged = mergeElevations([a], [b, { ...a, status: 'requested' }]);
    assert.deepEqual(merged.map((e) => [e.id, e.status]), [['b', 'requested'], ['a', 'in-progress']]);
    assert.deepEqual(mergeElevations(merged, [{ ...a, status: 'done' }]).map((e) => e.status), ['requested', 'done']);
  });
});
