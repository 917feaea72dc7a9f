import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build, type Plugin, type Rollup } from 'vite';
import { socketTransports } from './socket-transports.js';

/** The code a browser build of the chat's link (src/core/link.ts, which imports socket.io-client) gets, with `plugins`. */
async function bundledLink(plugins: Plugin[]): Promise<string> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    plugins,
    build: { write: false, minify: false, lib: { entry: 'src/core/link.ts', formats: ['es'], fileName: 'link' } },
  })) as Rollup.RollupOutput[];
  return result[0].output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

describe('socketTransports', () => {
  it('leaves WebTransport out of the browser bundle, and keeps WebSocket and long polling', async () => {
    const [published, ours] = await Promise.all([bundledLink([]), bundledLink([socketTransports()])]);
    // Without the plugin, engine.io brings its WebTransport client: the check below can fail.
    assert.ok(/new WebTransport\(/.test(published), 'the published table has WebTransport');
    assert.ok(!/new WebTransport\(/.test(ours), 'our table leaves WebTransport out');
    // Both transports the server offers, in their browser versions.
    assert.ok(/new WebSocketCtor\(/.test(ours), 'WebSocket stays');
    assert.ok(/new XMLHttpRequest\(/.test(ours), 'long polling stays');
  });
});
