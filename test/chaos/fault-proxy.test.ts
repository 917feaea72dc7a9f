/**
 * The fault proxy itself (proxy.ts), against a loopback echo server: what each mode does to the
 * bytes, per direction, so the scenarios' faults are the ones their names say.
 */
import assert from 'node:assert/strict';
import net, { type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import './exit.js';
import { FaultProxy } from './proxy.js';

/** What a client connection received, and how it ended. */
function client(port: number): { socket: Socket; received: () => string; ended: Promise<'end' | 'reset' | 'close'> } {
  const socket = net.connect({ port, host: '127.0.0.1' });
  let data = '';
  socket.on('data', (d) => (data += d.toString()));
  const ended = new Promise<'end' | 'reset' | 'close'>((resolve) => {
    socket.on('end', () => resolve('end'));
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNRESET' ? 'reset' : 'close'));
    socket.on('close', () => resolve('close'));
  });
  return { socket, received: () => data, ended };
}

describe('fault proxy', () => {
  let echo: Server;
  let proxy: FaultProxy;
  /** What the echo server received, in total. */
  let upstream = '';
  before(async () => {
    // Echoes each chunk back prefixed, and ends when the client sends "bye".
    echo = net.createServer((s) => {
      s.on('data', (d) => {
        upstream += d.toString();
        s.write(`echo:${d.toString()}`);
        if (d.toString().includes('bye')) s.end();
      });
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
    const address = echo.address();
    proxy = await new FaultProxy({ port: typeof address === 'object' && address ? address.port : 0 }).listen();
  });
  after(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  test('pass forwards both ways, and the FIN', async () => {
    proxy.heal();
    const c = client(proxy.port);
    c.socket.write('hello bye');
    assert.equal(await c.ended, 'end');
    assert.equal(c.received(), 'echo:hello bye');
  });

  test('delay holds each chunk, in order', async () => {
    proxy.heal().set('up', { kind: 'delay', ms: 200 });
    const c = client(proxy.port);
    const started = Date.now();
    c.socket.write('a');
    await sleep(20);
    c.socket.write('b bye');
    await c.ended;
    assert.ok(Date.now() - started >= 200, 'late by the delay');
    assert.equal(c.received(), 'echo:aecho:b bye');
  });

  test('throttle spaces the bytes out', async () => {
    proxy.heal().set('down', { kind: 'throttle', bytesPerSecond: 2000 });
    const c = client(proxy.port);
    const started = Date.now();
    c.socket.write(`${'x'.repeat(600)} bye`);
    await c.ended;
    assert.ok(Date.now() - started >= 250, `~300 ms for 609 bytes at 2 kB/s (took ${Date.now() - started} ms)`);
    assert.equal(c.received().length, 609);
  });

  test('blackhole swallows bytes and the FIN, and the connection stays silent after healing', async () => {
    proxy.heal().set('down', { kind: 'blackhole' });
    upstream = '';
    const c = client(proxy.port);
    c.socket.write('lost bye');
    const outcome = await Promise.race([c.ended, sleep(300).then(() => 'silent' as const)]);
    assert.equal(outcome, 'silent', 'no data, no FIN, no reset');
    assert.equal(upstream, 'lost bye', 'the other direction passed');
    proxy.heal();
    c.socket.write('more');
    await sleep(100);
    assert.equal(c.received(), '', 'a connection that lost bytes stays silent');
    proxy.heal({ resetBroken: true });
    assert.equal(await c.ended, 'reset', 'resetBroken resets it');
    // A new connection passes again.
    const fresh = client(proxy.port);
    fresh.socket.write('back bye');
    assert.equal(await fresh.ended, 'end');
    assert.equal(fresh.received(), 'echo:back bye');
  });

  test('reset sends RST; refuse resets new connections at once', async () => {
    proxy.heal();
    const c = client(proxy.port);
    c.socket.write('hi');
    await sleep(50);
    proxy.resetAll();
    assert.equal(await c.ended, 'reset');

    proxy.set('up', { kind: 'reset' });
    const d = client(proxy.port);
    d.socket.write('hi');
    assert.equal(await d.ended, 'reset', 'the first byte up resets');

    proxy.heal().refuse(true);
    const e = client(proxy.port);
    assert.equal(await e.ended, 'reset');
    proxy.heal();
  });
});
