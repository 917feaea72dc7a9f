/**
 * Visitor identity over the real customer namespace: tokens are 128 random bits stored hashed,
 * bound to the POC that issued them, expiring after a time without use; a website owner's signed
 * identity (HS256 JWT with the POC's identity secret) makes a visitor that customer on every
 * device, and nothing else does. Real server, real SQLite file, real sockets.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import type { Socket } from 'socket.io-client';
import { API_PREFIX, DEMO_IDS, type AdminPoc, type AuditPage, type CustomerHello } from '../../src/protocol/index.js';
import type { AgentSession } from '../../src/core/agent-session.js';
import { ask, connectAgent, handshake, rawCustomerSocket, signIn, sleep, staffHeaders, startTestServer, until, type TestServer } from '../../test/helpers/server.js';

const CHAT = DEMO_IDS.chatPoc;
const SALES = DEMO_IDS.salesChatPoc;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const nowS = () => Math.floor(Date.now() / 1000);

/** A JWT as the website owner's server would sign it (jose, HS256 with the secret's UTF-8 bytes). */
function sign(secret: string, claims: Record<string, unknown> = { sub: 'customer-42' }, options: { alg?: string; iat?: number; exp?: number | null } = {}): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256' }).setIssuedAt(options.iat ?? nowS());
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? nowS() + 600);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** An unsigned token (`alg: none`), which no library used as documented would accept. */
function unsigned(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

describe('visitor identity', () => {
  let server: TestServer;
  let admin: string;
  const open: Socket[] = [];

  const api = (path: string) => `${server.url}${API_PREFIX}/admin${path}`;
  const call = (method: string, path: string, cookie = admin) => fetch(api(path), { method, headers: staffHeaders(cookie) });

  /** Connects a raw customer socket and waits for its hello (or its refusal). */
  async function connect(auth: Record<string, unknown>) {
    const socket = rawCustomerSocket(server.url, { protocol: 1, ...auth });
    open.push(socket);
    return { socket, outcome: await handshake(socket) };
  }
  async function hello(auth: Record<string, unknown>): Promise<{ socket: Socket; hello: CustomerHello }> {
    const { socket, outcome } = await connect(auth);
    assert.ok(outcome.ok, `refused: ${JSON.stringify(outcome)}`);
    return { socket, hello: outcome.hello };
  }
  async function refusal(auth: Record<string, unknown>): Promise<{ code?: string; message?: string; field?: string }> {
    const { outcome } = await connect(auth);
    assert.equal(outcome.ok, false, 'expected the handshake to be refused');
    return outcome.ok ? {} : (outcome.data ?? {});
  }
  const visitorOf = (token: string) => server.store.findVisitor(sha256(token));
  async function newSecret(poc: string): Promise<string> {
    const res = await call('POST', `/pocs/${poc}/identity-secret`);
    const text = await res.text();
    assert.equal(res.status, 201, text);
    return (JSON.parse(text) as { secret: string }).secret;
  }

  before(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, 'admin');
  });
  after(async () => {
    for (const socket of open) socket.disconnect();
    await server.dispose();
  });

  describe('tokens', () => {
    test('are at least 128 random bits, base64url, and stored only as their hash', async () => {
      const { hello: first } = await hello({ poc: CHAT });
      const { hello: second } = await hello({ poc: CHAT });
      for (const token of [first.visitorToken, second.visitorToken]) {
        assert.match(token, /^[A-Za-z0-9_-]+$/);
        assert.ok(Buffer.from(token, 'base64url').length >= 16, `${token} holds fewer than 128 bits`);
      }
      assert.notEqual(first.visitorToken, second.visitorToken);
      const row = await visitorOf(first.visitorToken);
      assert.ok(row, 'the visitor is found by the hash of its token');
      assert.ok(!Object.values(row).includes(first.visitorToken), 'the token itself is stored nowhere in the row');
      assert.ok(row.expires_at && Date.parse(row.expires_at) > Date.now() + 29 * 24 * 3_600_000, 'valid for 30 days by default');
    });

    test('are bound to their POC: another chat POC of the same tenant makes a new visitor; the old token still works on its own', async () => {
      const { socket, hello: onChat } = await hello({ poc: CHAT });
      const started = await ask(socket, 'conversation:start', { text: 'Is my order shipped?', clientId: 'identity-bound-1' });
      assert.equal(started.ok, true, JSON.stringify(started));

      const { socket: elsewhere, hello: onSales } = await hello({ poc: SALES, visitorToken: onChat.visitorToken });
      assert.notEqual(onSales.visitorToken, onChat.visitorToken);
      assert.equal(onSales.conversation, null);
      assert.notEqual((await visitorOf(onSales.visitorToken))!.id, (await visitorOf(onChat.visitorToken))!.id);
      const resumed = await ask(elsewhere, 'conversation:resume', { conversationId: started.conversation.id, afterSeq: 0 });
      assert.equal(resumed.error?.code, 'conversation_not_found');

      const { hello: back } = await hello({ poc: CHAT, visitorToken: onChat.visitorToken });
      assert.equal(back.visitorToken, onChat.visitorToken);
      assert.equal(back.conversation?.id, started.conversation.id);
    });
  });

  describe('expiry', () => {
    let short: TestServer;
    before(async () => {
      short = await startTestServer({ visitorTokenTtlMs: 1500 });
    });
    after(async () => short.dispose());

    const shortHello = async (auth: Record<string, unknown>) => {
      const socket = rawCustomerSocket(short.url, { protocol: 1, poc: CHAT, ...auth });
      open.push(socket);
      const outcome = await handshake(socket);
      assert.ok(outcome.ok);
      return { socket, hello: outcome.hello };
    };

    test('a token in use slides its expiry forward', async () => {
      const { hello: first } = await shortHello({});
      // Used every second, past the first expiry (1.5 s): still the same visitor.
      for (let i = 0; i < 3; i++) {
        await sleep(900);
        const { hello: again } = await shortHello({ visitorToken: first.visitorToken });
        assert.equal(again.visitorToken, first.visitorToken, `use ${i + 1} was refused`);
      }
    });

    test('an expired token gives a new visitor, and its chat cannot be resumed with it', async () => {
      const { socket, hello: first } = await shortHello({});
      const started = await ask(socket, 'conversation:start', { text: 'Hello before expiry', clientId: 'identity-expiry-1' });
      assert.equal(started.ok, true, JSON.stringify(started));
      socket.disconnect();
      await sleep(1800);
      const { socket: later, hello: next } = await shortHello({ visitorToken: first.visitorToken });
      assert.notEqual(next.visitorToken, first.visitorToken);
      assert.equal(next.conversation, null);
      const resumed = await ask(later, 'conversation:resume', { conversationId: started.conversation.id, afterSeq: 0 });
      assert.equal(resumed.error?.code, 'conversation_not_found');
    });
  });

  describe('verified identity', () => {
    let secret: string;
    let agent: AgentSession;
    before(async () => {
      secret = await newSecret(CHAT);
      agent = await connectAgent(server.url, 'agent1');
      await agent.setAvailable(true);
    });
    after(() => agent.close());

    test('a signed identity is that customer on every device, and the agent sees it verified', async () => {
      const { socket, hello: laptop } = await hello({ poc: CHAT, identity: await sign(secret, { sub: 'customer-42', name: 'Ada Lovelace' }) });
      const started = await ask(socket, 'conversation:start', { text: 'Where is my parcel?', clientId: 'identity-verified-1' });
      assert.equal(started.ok, true, JSON.stringify(started));
      assert.equal((await visitorOf(laptop.visitorToken))!.verified_id, 'customer-42');

      // Another device, no token: the same visitor, with a token of its own, and the chat resumes.
      const { hello: phone } = await hello({ poc: CHAT, identity: await sign(secret, { sub: 'customer-42' }) });
      assert.notEqual(phone.visitorToken, laptop.visitorToken);
      assert.equal((await visitorOf(phone.visitorToken))!.verified_id, 'customer-42');
      assert.equal(phone.conversation?.id, started.conversation.id);
      // Its own token with the identity again: kept.
      const { hello: phoneAgain } = await hello({ poc: CHAT, visitorToken: phone.visitorToken, identity: await sign(secret, { sub: 'customer-42' }) });
      assert.equal(phoneAgain.visitorToken, phone.visitorToken);

      const conversationId = started.conversation.id as string;
      await until(agent, (s) => s.offers.some((o) => o.conversationId === conversationId), 5000, 'offered');
      assert.equal(await agent.accept(agent.state.offers.find((o) => o.conversationId === conversationId)!.id), null);
      const thread = await until(agent, () => agent.thread(conversationId) !== undefined, 5000, 'held').then(() => agent.thread(conversationId)!);
      assert.equal(thread.conversation.verifiedId, 'customer-42');
      // No name given at the start: the identity's name is the customer's.
      assert.equal(thread.conversation.customerName, 'Ada Lovelace');
    });

    test('an anonymous visitor is not verified', async () => {
      const { socket, hello: anonymous } = await hello({ poc: CHAT });
      const started = await ask(socket, 'conversation:start', { text: 'Just browsing', clientId: 'identity-anonymous-1' });
      assert.equal(started.ok, true);
      assert.equal((await visitorOf(anonymous.visitorToken))!.verified_id, null);
      await until(agent, (s) => s.offers.some((o) => o.conversationId === started.conversation.id), 5000, 'offered');
      assert.equal(await agent.accept(agent.state.offers.find((o) => o.conversationId === started.conversation.id)!.id), null);
      await until(agent, () => agent.thread(started.conversation.id) !== undefined, 5000, 'held');
      assert.equal(agent.thread(started.conversation.id)!.conversation.verifiedId, null);
    });

    test("a verified visitor's token without a valid identity gives a new anonymous visitor", async () => {
      const { socket, hello: verified } = await hello({ poc: CHAT, identity: await sign(secret, { sub: 'customer-77' }) });
      const started = await ask(socket, 'conversation:start', { text: 'My account question', clientId: 'identity-inherit-1' });
      assert.equal(started.ok, true);

      const { socket: thief, hello: stolen } = await hello({ poc: CHAT, visitorToken: verified.visitorToken });
      assert.notEqual(stolen.visitorToken, verified.visitorToken);
      assert.equal(stolen.conversation, null);
      assert.equal((await visitorOf(stolen.visitorToken))!.verified_id, null);
      const resumed = await ask(thief, 'conversation:resume', { conversationId: started.conversation.id, afterSeq: 0 });
      assert.equal(resumed.error?.code, 'conversation_not_found');
      // Nor does another customer's identity inherit it.
      const { hello: other } = await hello({ poc: CHAT, visitorToken: verified.visitorToken, identity: await sign(secret, { sub: 'customer-78' }) });
      assert.equal((await visitorOf(other.visitorToken))!.verified_id, 'customer-78');
      assert.equal(other.conversation, null);
    });

    test("a reconnect after the page's identity expired keeps the chat of that customer's own visitor token, and no one else's", async () => {
      const expired = (sub: string) => sign(secret, { sub }, { iat: nowS() - 1200, exp: nowS() - 600 });
      const { socket, hello: first } = await hello({ poc: CHAT, identity: await sign(secret, { sub: 'customer-90' }) });
      const started = await ask(socket, 'conversation:start', { text: 'Still there?', clientId: 'identity-renew-1' });
      assert.equal(started.ok, true);
      // The widget hands the same (now expired) identity over again with its token: same visitor, same chat.
      const { hello: again } = await hello({ poc: CHAT, visitorToken: first.visitorToken, identity: await expired('customer-90') });
      assert.equal(again.visitorToken, first.visitorToken);
      assert.equal(again.conversation?.id, started.conversation.id);
      // An expired identity is no way in without that customer's own token…
      assert.equal((await refusal({ poc: CHAT, identity: await expired('customer-90') })).code, 'identity_invalid');
      // …nor with it for another customer.
      assert.equal((await refusal({ poc: CHAT, visitorToken: first.visitorToken, identity: await expired('customer-91') })).code, 'identity_invalid');
    });

    test('identities that do not verify are refused with identity_invalid, each saying why', async () => {
      const salesSecret = await newSecret(SALES);
      const cases: [string, string | Promise<string>, RegExp][] = [
        ['a bad signature', sign(`${secret}x`), /signature/],
        ['an expired token', sign(secret, { sub: 'c' }, { iat: nowS() - 1200, exp: nowS() - 600 }), /expired/],
        ['alg none', unsigned({ sub: 'customer-42', iat: nowS(), exp: nowS() + 600 }), /HS256|not a valid/],
        ['another HMAC algorithm', sign(secret, { sub: 'customer-42' }, { alg: 'HS512' }), /HS256/],
        ["another POC's secret", sign(salesSecret), /signature/],
        ['no sub', sign(secret, { name: 'Nobody' }), /sub/],
        ['no exp', sign(secret, { sub: 'c' }, { exp: null }), /exp/],
        ['a lifetime over an hour', sign(secret, { sub: 'c' }, { exp: nowS() + 7200 }), /too long/],
        ['not a JWT', 'hello', /not a valid/],
        ['not a string', 42 as unknown as string, /string/],
      ];
      for (const [what, token, reason] of cases) {
        const error = await refusal({ poc: CHAT, identity: await token });
        assert.equal(error.code, 'identity_invalid', `${what}: ${JSON.stringify(error)}`);
        assert.equal(error.field, 'identity');
        assert.match(error.message ?? '', reason, what);
      }
    });

    test('a POC without an identity secret refuses every identity, saying so', async () => {
      const res = await call('DELETE', `/pocs/${SALES}/identity-secret`);
      assert.equal(res.status, 204);
      const none = await refusal({ poc: SALES, identity: await sign(secret) });
      assert.equal(none.code, 'identity_invalid');
      assert.match(none.message ?? '', /no identity secret/);
      // Without an identity, the POC works as before.
      await hello({ poc: SALES });
    });
  });

  describe('admin endpoints', () => {
    test('need poc.edit', async () => {
      for (const username of ['marketer', 'agent2']) {
        const cookie = await signIn(server.url, username);
        const res = await call('POST', `/pocs/${CHAT}/identity-secret`, cookie);
        assert.equal(res.status, 403, `${username}: ${await res.text()}`);
        assert.equal((await call('DELETE', `/pocs/${CHAT}/identity-secret`, cookie)).status, 403);
      }
    });

    test('show the secret once, never in the POC view, and audit the change without it', async () => {
      const secret = await newSecret(SALES);
      assert.ok(Buffer.from(secret, 'base64url').length >= 32, 'a 256-bit key');
      const again = await newSecret(SALES);
      assert.notEqual(again, secret, 'each call makes a new secret');
      const view = await (await call('GET', `/pocs/${SALES}`)).text();
      assert.deepEqual((JSON.parse(view) as { poc: AdminPoc }).poc.identity, { enabled: true });
      const list = await (await call('GET', '/pocs')).text();
      const audit = await (await call('GET', `/pocs/${SALES}/audit?field=identitySecret`)).text();
      for (const text of [view, list, audit]) {
        assert.ok(!text.includes(secret) && !text.includes(again), 'the secret is never shown again');
      }
      const entries = (JSON.parse(audit) as AuditPage).entries;
      assert.ok(entries.length >= 2);
      assert.deepEqual(
        entries.slice(0, 2).map((e) => [e.action, e.field, e.from, e.to, e.actor]),
        [
          ['update', 'identitySecret', 'set', 'new secret', 'Demo Administrator'],
          ['update', 'identitySecret', entries[1].from, 'new secret', 'Demo Administrator'],
        ],
      );
      // The old secret no longer verifies; the new one does.
      assert.equal((await refusal({ poc: SALES, identity: await sign(secret) })).code, 'identity_invalid');
      await hello({ poc: SALES, identity: await sign(again) });

      assert.equal((await call('DELETE', `/pocs/${SALES}/identity-secret`)).status, 204);
      const after = JSON.parse(await (await call('GET', `/pocs/${SALES}`)).text()) as { poc: AdminPoc };
      assert.deepEqual(after.poc.identity, { enabled: false });
      const removed = (JSON.parse(await (await call('GET', `/pocs/${SALES}/audit?field=identitySecret`)).text()) as AuditPage).entries[0];
      assert.deepEqual([removed.from, removed.to], ['set', 'none']);
    });

    test('only chat POCs take one', async () => {
      const res = await call('POST', `/pocs/${DEMO_IDS.emailPoc}/identity-secret`);
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: { field: string } }).error.field, 'id');
    });
  });
});
