/**
 * The HTTP API against a real server: every client mistake is a 4xx with a JSON body naming the
 * problem, never a 500; staff sign-in uses an HttpOnly, SameSite=Strict session cookie.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_PROFILE } from '../../src/core/profile.js';
import { API_PREFIX, DEMO_IDS, PERMISSIONS, type ChatProfile } from '../../src/protocol/index.js';
import { signIn, staffHeaders, startTestServer, TEST_PASSWORD, type TestServer } from '../../test/helpers/server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

describe('HTTP API', () => {
  let server: TestServer;
  const api = (path: string) => `${server.url}${API_PREFIX}${path}`;

  const login = (body: string, contentType = 'application/json') =>
    fetch(api('/auth/login'), { method: 'POST', headers: { 'content-type': contentType }, body });

  /** Asserts a JSON error answer and returns its error. */
  /** `/auth/me` for nobody: 200 with `user: null` (asking who you are is not an error). */
  async function signedOut(res: Response): Promise<void> {
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { user: null });
  }

  async function jsonError(res: Response, status: number, code: string): Promise<ErrorBody['error']> {
    assert.equal(res.status, status);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await res.json()) as ErrorBody;
    assert.equal(body.error.code, code);
    assert.equal(typeof body.error.message, 'string');
    assert.ok(body.error.message.length > 0);
    return body.error;
  }

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  describe('health and unknown routes', () => {
    test('GET /healthz answers 200 {status: ok}', async () => {
      const res = await fetch(`${server.url}/healthz`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok' });
    });

    test('unknown routes answer 404 JSON not_found', async () => {
      for (const path of ['/nope', `${API_PREFIX}/nope`, `${API_PREFIX}/pocs`]) {
        await jsonError(await fetch(`${server.url}${path}`), 404, 'not_found');
      }
      await jsonError(await fetch(`${server.url}/healthz`, { method: 'DELETE' }), 404, 'not_found');
    });
  });

  describe('public profile lookup', () => {
    test('the demo chat POC answers 200 with its POC and profile', async () => {
      const res = await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'public, no-cache');
      assert.match(res.headers.get('etag') ?? '', /^"[\w-]+"$/);
      const body = (await res.json()) as { poc: Record<string, unknown>; profile: ChatProfile };
      assert.deepEqual(body.poc, { id: DEMO_IDS.chatPoc, channel: 'chat', name: 'Website chat' });
      assert.equal(body.profile.version, 2);
      assert.equal(body.profile.texts.title, 'Acme Support');
      assert.equal(body.profile.texts.greeting, 'Hi! How can we help you today?');
      assert.equal(body.profile.theme.light.brand, '#1a5fb4');
      assert.equal(body.profile.translations.fr?.title, 'Assistance Acme');
    });

    test('an allowed website reads it by name (never CORS *), without credentials', async () => {
      const own = new URL(api('')).origin;
      const res = await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`), { headers: { origin: own } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), own);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    });

    test('an unknown POC is 404 poc_not_found', async () => {
      await jsonError(await fetch(api('/pocs/no-such-poc/profile')), 404, 'poc_not_found');
    });

    test('a malformed POC id is 404 poc_not_found, not 500', async () => {
      for (const id of ['..%2F..%2Fetc%2Fpasswd', 'a%20b', 'x'.repeat(65), '%00', '%F0%9F%92%A9']) {
        await jsonError(await fetch(api(`/pocs/${id}/profile`)), 404, 'poc_not_found');
      }
    });

    test('the email and phone POCs are 400 poc_wrong_channel', async () => {
      const error = await jsonError(await fetch(api(`/pocs/${DEMO_IDS.emailPoc}/profile`)), 400, 'poc_wrong_channel');
      assert.equal(error.field, 'poc');
      await jsonError(await fetch(api(`/pocs/${DEMO_IDS.phonePoc}/profile`)), 400, 'poc_wrong_channel');
    });

    test('a deactivated POC is 410 poc_inactive', async () => {
      await server.store.db.updateTable('pocs').set({ active: 0 }).where('id', '=', DEMO_IDS.chatPoc).execute();
      try {
        await jsonError(await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`)), 410, 'poc_inactive');
      } finally {
        await server.store.db.updateTable('pocs').set({ active: 1 }).where('id', '=', DEMO_IDS.chatPoc).execute();
      }
      assert.equal((await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`))).status, 200);
    });

    test('a hostile or corrupt stored profile is served with safe defaults', async () => {
      const row = await server.store.getChatProfile(DEMO_IDS.chatProfile);
      assert.ok(row);
      const setProfile = (profile: string) =>
        server.store.db.updateTable('chat_profiles').set({ profile }).where('id', '=', DEMO_IDS.chatProfile).execute();
      try {
        const stored = JSON.parse(row.profile) as ChatProfile;
        stored.theme.light.brand = 'red;}</style><img src=x onerror=alert(1)>';
        await setProfile(JSON.stringify(stored));
        let res = await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`));
        assert.equal(res.status, 200);
        let body = (await res.json()) as { profile: ChatProfile };
        assert.equal(body.profile.theme.light.brand, DEFAULT_PROFILE.theme.light.brand);
        assert.equal(body.profile.texts.title, 'Acme Support');

        await setProfile('{ not json');
        res = await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`));
        assert.equal(res.status, 200);
        body = (await res.json()) as { profile: ChatProfile };
        assert.equal(body.profile.texts.title, DEFAULT_PROFILE.texts.title);
      } finally {
        await setProfile(row.profile);
      }
    });
  });

  describe('staff sign-in', () => {
    test('a correct sign-in sets an HttpOnly, SameSite=Strict session cookie', async () => {
      const res = await login(JSON.stringify({ username: 'agent1', password: TEST_PASSWORD }));
      assert.equal(res.status, 200);
      const body = (await res.json()) as { user: Record<string, unknown> };
      assert.deepEqual(body.user, { id: 'demo-user-agent1', username: 'agent1', displayName: 'Alex Martin', role: 'agent', permissions: ['contacts.answer'] });
      const cookie = res.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^parley_staff=[A-Za-z0-9_-]{43};/);
      assert.match(cookie, /;\s*HttpOnly/i);
      assert.match(cookie, /;\s*SameSite=Strict/i);
      assert.match(cookie, /;\s*Path=\//i);
      assert.doesNotMatch(cookie, /;\s*Secure/i, 'plain http here');
    });

    test('each sign-in gets its own token, stored only as a hash', async () => {
      const a = await signIn(server.url, 'agent2');
      const b = await signIn(server.url, 'agent2');
      assert.notEqual(a, b);
      const stored = await server.store.db.selectFrom('staff_sessions').select('token_hash').execute();
      for (const cookie of [a, b]) {
        const token = cookie.split('=')[1];
        assert.ok(!stored.some((s) => s.token_hash === token), 'the raw token is not in the database');
      }
    });

    test('a wrong password or unknown user is 401 invalid_credentials, without a cookie', async () => {
      for (const body of [{ username: 'agent1', password: 'wrong' }, { username: 'nobody', password: TEST_PASSWORD }]) {
        const res = await login(JSON.stringify(body));
        assert.equal(res.headers.get('set-cookie'), null);
        const error = await jsonError(res, 401, 'invalid_credentials');
        assert.equal(error.field, undefined, 'does not say which of the two was wrong');
      }
    });

    test('a missing field is 400 naming that field', async () => {
      let error = await jsonError(await login(JSON.stringify({ password: TEST_PASSWORD })), 400, 'invalid_field');
      assert.equal(error.field, 'username');
      error = await jsonError(await login(JSON.stringify({ username: 'agent1' })), 400, 'invalid_field');
      assert.equal(error.field, 'password');
      error = await jsonError(await login(JSON.stringify({ username: 'agent1', password: 42 })), 400, 'invalid_field');
      assert.equal(error.field, 'password');
      error = await jsonError(await login(JSON.stringify({ username: ['agent1'], password: TEST_PASSWORD })), 400, 'invalid_field');
      assert.equal(error.field, 'username');
    });

    test('a malformed JSON body is 400 JSON, not 500', async () => {
      await jsonError(await login('{"username": "agent1", "password":'), 400, 'invalid_payload');
      await jsonError(await login('null'), 400, 'invalid_field');
      await jsonError(await login('[1, 2]'), 400, 'invalid_field');
      await jsonError(await login('"agent1"'), 400, 'invalid_field');
    });

    test('an empty JSON body and a wrong content type are 4xx JSON', async () => {
      const empty = await login('');
      assert.ok(empty.status >= 400 && empty.status < 500, `status ${empty.status}`);
      assert.ok(((await empty.json()) as ErrorBody).error.code);
      await jsonError(await login('<user>agent1</user>', 'application/xml'), 415, 'unsupported_media_type');
      // Fastify reads text/plain as a string: it is then an invalid sign-in, still a 400.
      await jsonError(await login('username=agent1', 'text/plain'), 400, 'invalid_field');
    });

    test('a body over 64 kB is 413 JSON', async () => {
      const res = await login(JSON.stringify({ username: 'agent1', password: 'x'.repeat(70 * 1024) }));
      await jsonError(res, 413, 'payload_too_large');
    });

    test('a __proto__ key in a body does not pollute Object.prototype', async () => {
      const res = await login('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "username": "agent1", "password": "wrong"}');
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    test('/auth/me knows the signed-in user and nobody else', async () => {
      await signedOut(await fetch(api('/auth/me')));
      await signedOut(await fetch(api('/auth/me'), { headers: { cookie: 'parley_staff=forged-token' } }));
      const cookie = await signIn(server.url, 'admin');
      const res = await fetch(api('/auth/me'), { headers: { cookie } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { user: Record<string, unknown> };
      assert.deepEqual(body.user, { id: 'demo-user-admin', username: 'admin', displayName: 'Demo Administrator', role: 'admin', permissions: PERMISSIONS.filter((p) => p !== 'contacts.answer') });
      assert.ok(!JSON.stringify(body).includes('scrypt'));
    });

    test('logout invalidates the session and clears the cookie', async () => {
      const cookie = await signIn(server.url, 'agent1');
      const other = await signIn(server.url, 'agent1');
      const res = await fetch(api('/auth/logout'), { method: 'POST', headers: staffHeaders(cookie) });
      assert.equal(res.status, 204);
      assert.match(res.headers.get('set-cookie') ?? '', /^parley_staff=;/);
      await signedOut(await fetch(api('/auth/me'), { headers: { cookie } }));
      assert.notEqual(((await (await fetch(api('/auth/me'), { headers: { cookie: other } })).json()) as { user: unknown }).user, null, 'other sessions stay valid');
    });

    test('an expired session is refused', async () => {
      const cookie = await signIn(server.url, 'agent2');
      await server.store.db.updateTable('staff_sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
      await signedOut(await fetch(api('/auth/me'), { headers: { cookie } }));
    });

    test('the staff API does not answer CORS to a foreign origin', async () => {
      const res = await fetch(api('/auth/login'), { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    });
  });

  describe('pages', () => {
    // The HTML pages come from demo/index.html and server/pages/agent.html; a page is tested once
    // its file exists in the repository.
    if (existsSync(join(ROOT, 'demo', 'index.html'))) {
      test('/ serves the demo website as HTML', async () => {
        const res = await fetch(`${server.url}/`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.match(await res.text(), /^<!doctype html>/i);
      });

      test('the demo page is served only at /, under the policy; its folder serves assets, not the page again', async () => {
        assert.match((await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '', /require-trusted-types-for 'script'/);
        assert.equal((await fetch(`${server.url}/demo/index.html`)).status, 404);
        const css = await fetch(`${server.url}/demo/site.css`);
        assert.equal(css.status, 200);
        assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
      });
    }

    if (existsSync(join(ROOT, 'server', 'pages', 'agent.html'))) {
      test('/agent serves the agent console as HTML under a strict CSP', async () => {
        const res = await fetch(`${server.url}/agent`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        const csp = res.headers.get('content-security-policy') ?? '';
        assert.match(csp, /script-src 'self'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.match(await res.text(), /^<!doctype html>/i);
      });
    }
  });
});
