/**
 * The floods of bench/flood.ts, in a process of their own so that their CPU work does not share
 * an event loop with the server or with the measured chat. Forked by bench/flood.ts with the
 * server's URL as argument: it starts every flood, sends `{ ready: true }` once all of them run,
 * and on the message `'stop'` stops them, sends `{ tallies, seconds }` and exits.
 *
 * Each flood comes from its own loopback address (Linux routes all of 127.0.0.0/8 to the server,
 * so each flood is its own "network"):
 *   - connections (127.0.0.2): handshakes opened and closed in 4 parallel loops;
 *   - messages (127.0.0.3): 4 visitors with an open chat, each keeping 16 `message:send` in flight;
 *   - conversation starts (127.0.0.4): one visitor asking to start chats in 4 parallel loops;
 *   - work items (127.0.0.5): JSON posts to the demo form in 4 parallel loops.
 * It also exports the socket helpers the measured chat uses.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { API_PREFIX, DEMO_IDS, NAMESPACES, PROTOCOL_VERSION } from '../src/protocol/index.js';

export type Reply = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string } };
/** Outcomes of one flood: accepted, refused by a limit (`rate_limited`, 429), anything else. */
export type Tally = { ok: number; limited: number; other: number };
export type FloodTallies = Record<'connections' | 'messages' | 'starts' | 'workItems', Tally>;

export function customerSocket(url: string, localAddress: string): Socket {
  return io(new URL(NAMESPACES.customer, url).toString(), {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    localAddress,
    extraHeaders: { origin: new URL(url).origin },
    auth: { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc },
  } as Record<string, unknown>);
}

/** Resolves ok on the hello, not ok on a refused handshake (`code` tells why). */
export function hello(socket: Socket): Promise<{ ok: boolean; code?: string }> {
  return new Promise((resolve) => {
    socket.once('hello', () => resolve({ ok: true }));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve({ ok: false, code: err.data?.code }));
  });
}

export const ask = (socket: Socket, event: string, payload: unknown): Promise<Reply> =>
  (socket.timeout(30_000).emitWithAck(event, payload) as Promise<Reply>).catch(() => ({ ok: false, error: { code: 'timeout' } }) as Reply);

/** Runs every flood until `stop()`; `stop()` returns the tallies. */
function startFloods(url: string) {
  let running = true;
  const sockets: Socket[] = [];
  const tally = (): Tally => ({ ok: 0, limited: 0, other: 0 });
  const tallies: FloodTallies = { connections: tally(), messages: tally(), starts: tally(), workItems: tally() };
  const kind = (ok: boolean, code?: string): keyof Tally => (ok ? 'ok' : code === 'rate_limited' ? 'limited' : 'other');
  const ofReply = (reply: Reply) => kind(reply.ok, reply.ok ? undefined : reply.error.code);
  const loops: Promise<void>[] = [];
  const times = (n: number, fn: () => Promise<void>) => {
    for (let i = 0; i < n; i++) loops.push(fn());
  };

  times(4, async () => {
    while (running) {
      const socket = customerSocket(url, '127.0.0.2');
      const outcome = await hello(socket);
      tallies.connections[kind(outcome.ok, outcome.code)]++;
      socket.disconnect();
    }
  });

  const ready = (async () => {
    for (let v = 0; v < 4; v++) {
      const socket = customerSocket(url, '127.0.0.3');
      sockets.push(socket);
      if (!(await hello(socket)).ok) throw new Error('a message flooder was refused at connection');
      const start = await ask(socket, 'conversation:start', { text: 'flood', clientId: crypto.randomUUID() });
      if (!start.ok) throw new Error(`a message flooder could not start: ${start.error.code}`);
      const conversationId = (start.conversation as { id: string }).id;
      times(16, async () => {
        while (running) tallies.messages[ofReply(await ask(socket, 'message:send', { conversationId, clientId: crypto.randomUUID(), text: 'spam '.repeat(100) }))]++;
      });
    }
    const starter = customerSocket(url, '127.0.0.4');
    sockets.push(starter);
    if (!(await hello(starter)).ok) throw new Error('the start flooder was refused at connection');
    times(4, async () => {
      while (running) tallies.starts[ofReply(await ask(starter, 'conversation:start', { text: 'flood', clientId: crypto.randomUUID() }))]++;
    });
  })();

  const body = JSON.stringify({ name: 'Flood', email: 'flood@example.com', order: 'A-1234', reason: 'Damaged', purchased: '2026-10-02', details: 'flood' });
  const target = new URL(`${API_PREFIX}/pocs/${DEMO_IDS.workitemPoc}/work-items`, url);
  const post = () =>
    new Promise<number>((resolve) => {
      const headers = { 'content-type': 'application/json', origin: target.origin, 'content-length': Buffer.byteLength(body) };
      const req = http.request(target, { method: 'POST', localAddress: '127.0.0.5', agent: false, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end(body);
    });
  times(4, async () => {
    while (running) {
      const status = await post();
      tallies.workItems[status === 201 ? 'ok' : status === 429 ? 'limited' : 'other']++;
    }
  });

  return {
    ready,
    async stop(): Promise<FloodTallies> {
      running = false;
      await ready.catch(() => undefined);
      await Promise.all(loops);
      for (const s of sockets) s.disconnect();
      return tallies;
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const floods = startFloods(process.argv[2]);
  floods.ready.then(
    () => process.send!({ ready: true }),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    const seconds = (performance.now() - started) / 1000;
    const tallies = await floods.stop();
    process.send!({ tallies, seconds }, () => process.exit(0));
  });
}
