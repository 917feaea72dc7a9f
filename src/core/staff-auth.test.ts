/**
 * The staff session calls against the real server: each expected failure is a typed result (not
 * an exception), the session cookie set by `signIn` is the one `currentUser`, `checkSession` and
 * `signOut` see, and `checkSession` applies an app's roles.
 */
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../test/helpers/server.js';
import { adminCall } from './admin-api.js';
import { checkSession, csrfToken, currentUser, mayUse, rememberCsrfToken, signIn, signOut, staffFetch } from './staff-auth.js';
import type { StaffUser } from '../protocol/index.js';

/**
 * Node's fetch keeps no cookies and the session is a cookie, so this stands in for the browser's
 * cookie jar: it sends back the cookie of the last `set-cookie` answer. Requests and server are real.
 */
function useCookieJar(): () => void {
  const realFetch = globalThis.fetch;
  let cookie = '';
  globalThis.fetch = async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await realFetch(input, { ...init, headers });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return response;
  };
  return () => {
    globalThis.fetch = realFetch;
  };
}

/** An origin nothing listens on: a port the system just handed out, closed again. */
async function deadOrigin(): Promise<string> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('staff-auth', () => {
  let server: TestServer;
  let restoreFetch: (() => void) | null = null;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());
  afterEach(() => {
    restoreFetch?.();
    restoreFetch = null;
  });

  test('signIn returns the user and their role', async () => {
    const agent = await signIn(server.url, 'agent1', TEST_PASSWORD);
    assert.ok(agent.ok);
    assert.equal(agent.user.username, 'agent1');
    assert.equal(agent.user.role, 'agent');
    assert.equal(agent.user.displayName, 'Alex Martin');

    const marketer = await signIn(server.url, 'marketer', TEST_PASSWORD);
    assert.ok(marketer.ok);
    assert.equal(marketer.user.role, 'marketer');
  });

  test('a wrong password or an unknown user is invalid_credentials', async () => {
    assert.deepEqual(await signIn(server.url, 'agent1', 'not-the-password'), { ok: false, reason: 'invalid_credentials' });
    assert.deepEqual(await signIn(server.url, 'nobody-here', TEST_PASSWORD), { ok: false, reason: 'invalid_credentials' });
  });

  test('an empty field is missing_field, naming the field', async () => {
    assert.deepEqual(await signIn(server.url, 'agent1', ''), { ok: false, reason: 'missing_field', field: 'password' });
    assert.deepEqual(await signIn(server.url, '', TEST_PASSWORD), { ok: false, reason: 'missing_field', field: 'username' });
  });

  test('currentUser is null without a session, not a failure', async () => {
    assert.deepEqual(await currentUser(server.url), { ok: true, user: null });
  });

  test('the session signIn opens is the one currentUser reads and signOut ends', async () => {
    restoreFetch = useCookieJar();
    const signedIn = await signIn(server.url, 'marketer', TEST_PASSWORD);
    assert.ok(signedIn.ok);
    const me = await currentUser(server.url);
    assert.ok(me.ok);
    assert.deepEqual(me.user, signedIn.user);

    assert.equal(await signOut(server.url), true);
    assert.deepEqual(await currentUser(server.url), { ok: true, user: null });
  });

  test('checkSession lets in a holder of the app\'s permission, refuses others, and is quiet for nobody', async () => {
    assert.deepEqual(await checkSession(server.url, 'contacts.answer'), { user: null, problem: null });
    restoreFetch = useCookieJar();
    const agent = await signIn(server.url, 'agent1', TEST_PASSWORD);
    assert.ok(agent.ok);
    assert.deepEqual(await checkSession(server.url, 'contacts.answer'), { user: agent.user });
    assert.deepEqual(await checkSession(server.url, null), { user: agent.user });
    assert.deepEqual(await checkSession(server.url, 'profile.edit'), { user: null, problem: 'refused' });
    // Refused is not signed out: the agent's session is still there.
    assert.deepEqual(await currentUser(server.url), { ok: true, user: agent.user });
    assert.deepEqual(await checkSession(await deadOrigin(), 'contacts.answer'), { user: null, problem: 'unreachable' });
  });

  test('the CSRF token of the sign-in is kept and sent on changes; signing out forgets it', async () => {
    restoreFetch = useCookieJar();
    assert.ok((await signIn(server.url, 'admin', TEST_PASSWORD)).ok);
    const token = csrfToken(server.url);
    assert.match(token ?? '', /^[A-Za-z0-9_-]{43}$/);
    const created = await adminCall<{ skill: { name: string } }>(server.url, 'skills', { method: 'POST', body: { name: 'Kept token', channel: 'chat' } });
    assert.ok(created.ok, JSON.stringify(created));
    // The same call without the token is what another site could send: refused.
    const forged = await fetch(new URL('/api/v1/admin/skills', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Forged', channel: 'chat' }) });
    assert.equal(forged.status, 403);
    assert.equal(await signOut(server.url), true);
    assert.equal(csrfToken(server.url), undefined);
    assert.deepEqual(await currentUser(server.url), { ok: true, user: null });
  });

  test('a reloaded page gets the token from me; a stale token is fetched again once and the call retried', async () => {
    restoreFetch = useCookieJar();
    assert.ok((await signIn(server.url, 'admin', TEST_PASSWORD)).ok);
    const token = csrfToken(server.url);
    rememberCsrfToken(server.url, null);
    assert.deepEqual((await currentUser(server.url)).ok, true);
    assert.equal(csrfToken(server.url), token, 'me gives the same token');

    rememberCsrfToken(server.url, 'stale-token-of-an-older-session-0000000000');
    const retried = await adminCall(server.url, 'skills', { method: 'POST', body: { name: 'After a renewal', channel: 'chat' } });
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.equal(csrfToken(server.url), token);
    // A GET needs no token and triggers no retry.
    rememberCsrfToken(server.url, null);
    assert.equal((await staffFetch(server.url, new URL('/api/v1/admin/skills', server.url).toString())).status, 200);
    assert.equal(csrfToken(server.url), undefined);
  });

  test('too many failed sign-ins say how long to wait', async () => {
    const waiting = await startTestServer({ signInBackoff: { freeFailures: 1, baseDelayMs: 5000 } });
    try {
      assert.deepEqual(await signIn(waiting.url, 'agent1', 'not-the-password'), { ok: false, reason: 'invalid_credentials' });
      assert.deepEqual(await signIn(waiting.url, 'agent1', TEST_PASSWORD), { ok: false, reason: 'too_many_attempts', retryAfter: 5 });
    } finally {
      await waiting.dispose();
    }
  });

  test('mayUse: the permission is held, or any staff member when none is needed', () => {
    const marketer = { id: 'u', username: 'm', displayName: 'M', role: 'marketer', permissions: ['poc.view', 'profile.edit'] } satisfies StaffUser;
    assert.equal(mayUse(marketer, 'profile.edit'), true);
    assert.equal(mayUse(marketer, 'contacts.answer'), false);
    assert.equal(mayUse(marketer, null), true);
  });

  test('signOut without a session still succeeds', async () => {
    assert.equal(await signOut(server.url), true);
  });

  test('a server that does not answer is unreachable, for every call', async () => {
    const origin = await deadOrigin();
    assert.deepEqual(await signIn(origin, 'agent1', TEST_PASSWORD), { ok: false, reason: 'unreachable' });
    assert.deepEqual(await currentUser(origin), { ok: false, reason: 'unreachable' });
    assert.equal(await signOut(origin), false);
  });

  describe('answers the Parley server never gives on purpose', () => {
    // A proxy in front of Parley may rate-limit or fail; the real server does neither on demand,
    // so this loopback HTTP server answers with the status the test asks for.
    let proxy: Server;
    let origin = '';
    let answer: { status: number; type: string; body: string } = { status: 500, type: 'text/html', body: '' };

    before(async () => {
      proxy = createHttpServer((_req, res) => {
        res.writeHead(answer.status, { 'content-type': answer.type });
        res.end(answer.body);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    after(() => new Promise((resolve) => proxy.close(resolve)));

    test('429 is too_many_attempts', async () => {
      answer = { status: 429, type: 'text/plain', body: 'slow down' };
      assert.deepEqual(await signIn(origin, 'agent1', TEST_PASSWORD), { ok: false, reason: 'too_many_attempts' });
    });

    test('a 5xx or an HTML page is failed, not an exception', async () => {
      answer = { status: 502, type: 'text/html', body: '<h1>Bad gateway</h1>' };
      assert.deepEqual(await signIn(origin, 'agent1', TEST_PASSWORD), { ok: false, reason: 'failed' });
      assert.deepEqual(await currentUser(origin), { ok: false, reason: 'failed' });
      assert.deepEqual(await checkSession(origin, 'contacts.answer'), { user: null, problem: null });
      assert.equal(await signOut(origin), false);

      answer = { status: 200, type: 'text/html', body: '<!doctype html><p>Welcome</p>' };
      assert.deepEqual(await signIn(origin, 'agent1', TEST_PASSWORD), { ok: false, reason: 'failed' });
      assert.deepEqual(await currentUser(origin), { ok: false, reason: 'failed' });
    });

    test('a 200 whose user is not a staff user is failed', async () => {
      answer = { status: 200, type: 'application/json', body: JSON.stringify({ user: { name: 'x' } }) };
      assert.deepEqual(await signIn(origin, 'agent1', TEST_PASSWORD), { ok: false, reason: 'failed' });
      assert.deepEqual(await currentUser(origin), { ok: false, reason: 'failed' });
    });
  });
});
