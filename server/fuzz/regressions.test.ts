/**
 * Counterexamples the fuzz suites found, kept as fixed cases:
 * - requests refused before Fastify's routes and error handler run (by Node's HTTP parser or by
 *   the router) used to be answered in another error shape than `{ error: { code, message } }`;
 * - a multipart upload refused at its first bad part left the rest of its body unread, and the
 *   next request on that keep-alive connection hung until the server's timeouts cut it.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { API_PREFIX } from '../../src/protocol/index.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../test/helpers/server.js';

/** Sends a GET with `headers` through node:http (fetch refuses some of what is tried here). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function assertNamedError(answer: { status: number; type: string; body: string }, status: number, code: string): void {
  assert.equal(answer.status, status, answer.body);
  assert.match(answer.type, /^application\/json/);
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
}

describe('fuzz regressions: errors refused before the routes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.dispose();
  });

  /** An API token that may upload bulk files. */
  async function bulkToken(): Promise<string> {
    const login = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const made = await fetch(`${server.url}${API_PREFIX}/admin/tokens`, {
      method: 'POST',
      headers: { cookie, 'x-parley-csrf': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Bulk uploads ${Math.random()}`, permissions: ['poc.view', 'poc.create', 'poc.edit'] }),
    });
    assert.equal(made.status, 201, await made.clone().text());
    return ((await made.json()) as { secret: string }).secret;
  }

  test('headers over the size limit: 431 payload_too_large in the usual shape', async () => {
    // Shrunk from a query string of 9 000 emoji (about 108 KB once percent-encoded).
    const answer = await rawGet(`${server.url}${API_PREFIX}/studio/skills?__proto__=${'%F0%9F%98%80'.repeat(9000)}`, {});
    assertNamedError(answer, 431, 'payload_too_large');
    const header = await rawGet(`${server.url}/healthz`, { 'x-filler': 'a'.repeat(20_000) });
    assertNamedError(header, 431, 'payload_too_large');
  });

  test('a path that is not validly percent-encoded: 400 invalid_payload', async () => {
    for (const path of [`${API_PREFIX}/admin/dnis/%`, '/%', `${API_PREFIX}/pocs/%E0%A4%A/profile`]) {
      const res = await fetch(`${server.url}${path}`, { method: path === '/%' ? 'GET' : 'DELETE' });
      assertNamedError({ status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() }, 400, 'invalid_payload');
    }
  });

  test('a path parameter over the router limit: 414 invalid_field', async () => {
    const res = await fetch(`${server.url}${API_PREFIX}/admin/skills/${'a'.repeat(200)}`, { method: 'PATCH' });
    assertNamedError({ status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() }, 414, 'invalid_field');
  });

  test('a multipart upload refused at its first part does not stall the next request on its connection', async () => {
    const secret = await bulkToken();

    // One keep-alive connection for both requests, as a browser or fetch would reuse it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const boundary = 'fuzzboundary';
    // Shrunk: a file under an unknown field name, larger than what the socket buffers hold.
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="nx"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.alloc(300_000, 'x'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const send = (method: string, path: string, headers: Record<string, string>, payload?: Buffer) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${server.url}${path}`, { method, agent, headers: { authorization: `Bearer ${secret}`, ...headers } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.setTimeout(5000, () => req.destroy(new Error(`${method} ${path}: no answer within 5 s`)));
        req.on('error', reject);
        req.end(payload);
      });
    try {
      const refused = await send('POST', `${API_PREFIX}/admin/bulk/jobs`, { 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
      assertNamedError({ status: refused.status, type: 'application/json', body: refused.body }, 400, 'invalid_field');
      const next = await send('GET', `${API_PREFIX}/admin/bulk/jobs`, {});
      assert.equal(next.status, 200, next.body);
    } finally {
      agent.destroy();
    }
  });

  test('the server still answers after each of these', async () => {
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });
});
