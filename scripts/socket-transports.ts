/**
 * A build step that leaves engine.io's WebTransport client out of the browser bundles.
 *
 * engine.io-client's socket imports a table of every transport it knows: WebSocket, HTTP long
 * polling and WebTransport. Parley's server offers WebSocket and long polling only (WebTransport
 * needs HTTP/3), so the client never starts WebTransport, and `src/core/link.ts` asks for
 * `['websocket', 'polling']`. This plugin gives engine.io's socket a table of those two; the
 * rest of engine.io-client is used as published. About 0.5 kB gzipped less in the chat.
 */
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** engine.io-client's socket, the one module that imports the transport table. */
const ENGINE_SOCKET = /[\\/]engine\.io-client[\\/]build[\\/]esm(?:-debug)?[\\/]socket\.js$/;
const TABLE_ID = '\0parley-socket-transports';

/** The transport table engine.io's socket gets in the browser bundles: WebSocket and long polling. */
function transportTable(transportsDir: string): string {
  // The browser files (engine.io-client's package.json maps the `.node.js` ones to these).
  const file = (name: string): string => JSON.stringify(join(transportsDir, name).replaceAll('\\', '/'));
  return [
    `import { WS } from ${file('websocket.js')};`,
    `import { XHR } from ${file('polling-xhr.js')};`,
    'export const transports = { websocket: WS, polling: XHR };',
  ].join('\n');
}

/** The Vite plugin: resolves engine.io socket's `./transports/index.js` to {@link transportTable}. */
export function socketTransports(): Plugin {
  let transportsDir = '';
  return {
    name: 'parley-socket-transports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './transports/index.js' || !importer || !ENGINE_SOCKET.test(importer)) return null;
      transportsDir = join(dirname(importer), 'transports');
      return TABLE_ID;
    },
    load(id) {
      return id === TABLE_ID ? transportTable(transportsDir) : null;
    },
  };
}
