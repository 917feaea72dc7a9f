/**
 * Connections opened together are not pinged together for ever (heartbeat.ts): each gets a ping
 * interval of its own, never longer than the configured one, and the heartbeat still keeps every
 * connection alive.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { DEMO_IDS, PROTOCOL_VERSION } from '../../src/protocol/index.js';
import { rawCustomerSocket, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { HEARTBEAT_SPREAD } from './heartbeat.js';

const INTERVAL_MS = 600;
/** Enough that all of them drawing an interval in the top quarter of the range is out of reach (0.75⁴⁰ ≈ 10⁻⁵). */
const CONNECTIONS = 40;

describe('heartbeats of connections opened together', () => {
  let server: TestServer;
  const sockets: Socket[] = [];

  before(async () => {
    server = await startTestServer({ heartbeat: { intervalMs: INTERVAL_MS, timeoutMs: 1000 } });
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await server.dispose();
  });

  test('each is pinged at an interval of its own, sooner than the configured one for some, and stays connected', async () => {
    const pings = Array.from({ length: CONNECTIONS }, () => [] as number[]);
    const dropped: string[] = [];
    await Promise.all(
      pings.map(async (times) => {
        const socket = rawCustomerSocket(server.url, { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc });
        sockets.push(socket);
        socket.io.on('ping', () => times.push(performance.now()));
        socket.on('disconnect', (reason) => dropped.push(reason));
        await new Promise<void>((resolve, reject) => {
          socket.once('hello', () => resolve());
          socket.once('connect_error', reject);
        });
      }),
    );
    // Three pings each: the second and third come one interval (the connection's own) apart.
    const deadline = performance.now() + 20_000;
    while (pings.some((times) => times.length < 3) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(dropped, [], 'no connection was dropped by the heartbeat');
    assert.ok(pings.every((times) => times.length >= 3), `every connection was pinged three times (${pings.map((t) => t.length).join(', ')})`);
    const periods = pings.map((times) => times[2] - times[1]);
    // engine.io alone pings each of them exactly one configured interval after its last answer.
    const shortest = Math.min(...periods);
    assert.ok(
      shortest < INTERVAL_MS * (1 - HEARTBEAT_SPREAD / 4),
      `some connections are pinged sooner than every ${INTERVAL_MS} ms (shortest interval ${shortest.toFixed(0)} ms)`,
    );
    // Half the lowest interval drawn: far from it, whatever the machine's load does to the timing.
    assert.ok(shortest > (INTERVAL_MS * (1 - HEARTBEAT_SPREAD)) / 2, `no storm of pings (shortest interval ${shortest.toFixed(0)} ms)`);
  });
});
