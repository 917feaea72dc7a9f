/**
 * Visitor tokens never reach a URL or a log (SPEC §6). A real server logs everything it would at
 * level `trace` into a capture stream, and records the URL of every HTTP request and WebSocket
 * upgrade it receives, while a visitor goes through a whole visit over the real socket; then
 * neither the token nor its stored hash is anywhere in the captured text.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { API_PREFIX, DEMO_IDS, type ElevationRequest } from '../../src/protocol/index.js';
import { visitorTokenKey, type KeyValueStorage } from '../../src/core/chat-session.js';
import { memoryStorage } from '../../src/core/outbox.js';
import { hashToken } from '../auth/passwords.js';
import { ask, connectCustomer, handshake, rawCustomerSocket, startTestServer, until, type TestServer } from '../../test/helpers/server.js';

describe('visitor tokens stay out of URLs and logs', () => {
  let server: TestServer;
  const logged: string[] = [];
  const urls: string[] = [];

  before(async () => {
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString('utf8'));
        done();
      },
    });
    server = await startTestServer({ logger: { level: 'trace', stream: capture } });
    const seen = (req: IncomingMessage) => void urls.push(req.url ?? '');
    // Before socket.io's and Fastify's own listeners: every request and upgrade, whoever serves it.
    server.app.server.prependListener('request', seen);
    server.app.server.prependListener('upgrade', seen);
  });
  after(async () => server.dispose());

  test('a whole visit leaves neither the token nor its hash in a URL or a log line', async () => {
    const storage: KeyValueStorage = memoryStorage();
    const customer = await connectCustomer(server.url, DEMO_IDS.chatPoc, { storage, socketOptions: { transports: ['polling', 'websocket'], forceNew: true, extraHeaders: { origin: new URL(server.url).origin } } });
    const token = storage.getItem(visitorTokenKey(server.url, DEMO_IDS.chatPoc));
    assert.ok(token, 'the visitor was given a token');
    try {
      // Start, send.
      customer.setName('Marie Curie');
      customer.send('Hello, my parcel is late');
      await until(customer, (s) => s.conversation !== null && s.pending.length === 0, 5000, 'started');
      customer.send('Order A-1234');
      await until(customer, (s) => s.pending.length === 0 && s.messages.length >= 2, 5000, 'sent');
      // An elevation with a phone number.
      const request: ElevationRequest = { requestId: crypto.randomUUID(), kind: 'callback', phone: '06 12 34 56 78', country: 'FR', consent: true };
      const elevation = await customer.requestElevation(request);
      assert.ok(elevation.ok, JSON.stringify(elevation));
    } finally {
      customer.close();
    }

    // Payloads that are refused, on a raw socket carrying the token, and a reconnection with it.
    const raw = rawCustomerSocket(server.url, { protocol: 1, poc: DEMO_IDS.chatPoc, visitorToken: token });
    try {
      const outcome = await handshake(raw);
      assert.ok(outcome.ok && outcome.hello.visitorToken === token, 'the reconnection is the same visitor');
      const refused = await ask(raw, 'message:send', { conversationId: 42, clientId: token, text: { token } });
      assert.equal(refused.ok, false);
      const garbage = await ask(raw, 'elevation:request', { kind: 'callback', phone: token, requestId: token });
      assert.equal(garbage.ok, false);
    } finally {
      raw.disconnect();
    }
    // A handshake that is refused: an unknown POC, with the token.
    const stranger = rawCustomerSocket(server.url, { protocol: 1, poc: 'no-such-poc-for-logs', visitorToken: token });
    assert.equal((await handshake(stranger)).ok, false);
    stranger.disconnect();

    // A work item over HTTP.
    const res = await fetch(`${server.url}${API_PREFIX}/pocs/${DEMO_IDS.workitemPoc}/work-items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(server.url).origin },
      body: JSON.stringify({ name: 'Marie Curie', email: 'marie@example.com', order: 'A-1234', reason: 'Damaged', purchased: '2026-10-02', details: 'Bent pole.' }),
    });
    assert.equal(res.status, 201, await res.text());

    const text = logged.join('');
    // The capture works: the HTTP request is in it (socket events log only failures).
    assert.match(text, /"msg":"incoming request"/);
    assert.match(text, /work-items/);
    assert.ok(urls.some((u) => u.startsWith('/socket.io/')), 'the socket requests were seen');
    assert.ok(urls.some((u) => u.includes('/work-items')), 'the HTTP request was seen');
    for (const secret of [token, hashToken(token)]) {
      assert.equal(text.split(secret).length - 1, 0, 'a log line holds the token or its hash');
      assert.deepEqual(urls.filter((u) => u.includes(secret) || decodeURIComponent(u).includes(secret)), [], 'a URL holds the token or its hash');
    }
  });
});
