/**
 * The browser bundles as the server sends them (needs `npm run build`, which `npm test` runs
 * first): compressed when the browser accepts it, and the widget's content-hashed chunks cached
 * for good while the loader, whose name never changes, is revalidated.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** The raw answer to a GET (Node's fetch would decompress it). */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('the browser bundles, as sent', () => {
  let server: TestServer;
  const chunk = readdirSync(join(DIST, 'parley')).find((f) => /^chat-[\w-]{8}\.js$/.test(f))!;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  test('are sent in Brotli or gzip when the browser accepts it, as they are otherwise; the same bytes each way', async () => {
    for (const path of ['parley.js', `parley/${chunk}`]) {
      const file = readFileSync(join(DIST, path));
      const br = await raw(`${server.url}/${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(br.status, 200, path);
      assert.equal(br.headers['content-encoding'], 'br', path);
      assert.match(String(br.headers['content-type']), /javascript/, path);
      assert.match(String(br.headers.vary), /accept-encoding/i, path);
      assert.ok(br.body.length < file.length / 2, `${path}: ${br.body.length} bytes sent for ${file.length}`);
      assert.deepEqual(brotliDecompressSync(br.body), file, path);

      const gz = await raw(`${server.url}/${path}`, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip', path);
      assert.deepEqual(gunzipSync(gz.body), file, path);

      const plain = await raw(`${server.url}/${path}`, {});
      assert.equal(plain.headers['content-encoding'], undefined, path);
      assert.deepEqual(plain.body, file, path);
      // Loaded by other websites' pages, in every encoding.
      for (const answer of [br, gz, plain]) assert.equal(answer.headers['access-control-allow-origin'], '*', path);
    }
  });

  test("the widget's chunks are cached for good, the loader is revalidated", async () => {
    for (const encoding of ['br', '']) {
      const headers: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
      const chunkAnswer = await raw(`${server.url}/parley/${chunk}`, headers);
      assert.equal(chunkAnswer.headers['cache-control'], 'public, max-age=31536000, immutable', encoding);
      const loader = await raw(`${server.url}/parley.js`, headers);
      assert.match(String(loader.headers['cache-control']), /max-age=0/, encoding);
    }
  });
});
