/**
 * Network faults between the widget (and the agent bot) and the server, from the TCP fault proxy
 * (proxy.ts): latency, a slow link, a silent cut and its repair, connection resets, and a silent
 * cut in one direction only. Every fault is applied to both proxies (customer and agent) while
 * both sides keep talking; the counts must come out whole.
 */
import { after, before, describe, test } from 'node:test';
import { LONG, pick, Scenario, sleep, World } from './harness.js';
import type { Direction } from './proxy.js';

const TIMEOUT = pick(60_000, 300_000);

describe('chaos: network faults (TCP proxy)', () => {
  let world: World;
  before(async () => {
    world = await World.start();
  });
  after(async () => {
    await world?.close();
  });

  test('delay: every byte late, both ways', { timeout: TIMEOUT }, async () => {
    const s = new Scenario(world, 'proxy delay');
    await s.begin(await s.tab());
    // Under the 1 s the server waits for a pong: a slow link, not a dead one.
    for (const p of world.proxies) p.set('both', { kind: 'delay', ms: pick(150, 400) });
    await s.talk(pick(4, 20), { gapMs: pick(100, 200) });
    for (const p of world.proxies) p.heal();
    await s.finish();
  });

  test('throttle: a slow link, both ways', { timeout: TIMEOUT }, async () => {
    const s = new Scenario(world, 'proxy throttle');
    await s.begin(await s.tab());
    for (const p of world.proxies) p.set('both', { kind: 'throttle', bytesPerSecond: pick(8_000, 3_000) });
    await s.talk(pick(4, 15), { gapMs: pick(100, 200), padTo: pick(200, 800) });
    for (const p of world.proxies) p.heal();
    await s.finish();
  });

  test('blackhole, then the network comes back', { timeout: TIMEOUT }, async () => {
    const s = new Scenario(world, 'proxy blackhole');
    await s.begin(await s.tab());
    for (let cycle = 0; cycle < pick(1, 3); cycle++) {
      await s.talk(pick(2, 4), { gapMs: 100 });
      for (const p of world.proxies) p.set('both', { kind: 'blackhole' });
      // Texts written into the silence: the connection looks open for a while.
      await s.talk(pick(3, 6), { gapMs: pick(300, 600) });
      await sleep(pick(1_000, 5_000));
      // Short form: the dead flows answer with RST once the network is back (quick). Long form:
      // they stay silent and each side must find out by its own timeouts.
      for (const p of world.proxies) p.heal({ resetBroken: !LONG });
    }
    await s.talk(pick(2, 4), { gapMs: 100 });
    await s.finish();
  });

  test('reset: connections reset mid-conversation', { timeout: TIMEOUT }, async () => {
    const s = new Scenario(world, 'proxy reset');
    await s.begin(await s.tab());
    const every = pick(3, 4);
    await s.talk(pick(6, 24), {
      gapMs: pick(80, 150),
      during: (i) => {
        if (i > 0 && i % every === 0) for (const p of world.proxies) p.resetAll();
      },
    });
    await s.finish();
  });

  for (const [direction, label] of [
    ['down', 'server → client'],
    ['up', 'client → server'],
  ] as [Direction, string][]) {
    test(`one direction: blackhole ${label} only, the other passes`, { timeout: TIMEOUT }, async () => {
      const s = new Scenario(world, `proxy one-way ${direction}`);
      await s.begin(await s.tab());
      for (let cycle = 0; cycle < pick(1, 2); cycle++) {
        await s.talk(pick(2, 3), { gapMs: 100 });
        for (const p of world.proxies) p.set(direction, { kind: 'blackhole' });
        await s.talk(pick(3, 6), { gapMs: pick(300, 600) });
        await sleep(pick(1_000, 4_000));
        for (const p of world.proxies) p.heal({ resetBroken: !LONG });
      }
      await s.talk(pick(2, 3), { gapMs: 100 });
      await s.finish();
    });
  }
});
