/**
 * The server dies mid-conversation: SIGKILL (nothing drained, nothing flushed beyond what SQLite
 * committed) and SIGTERM (drain: what is being stored is stored and acknowledged), then starts
 * again on the same port and data directory. Both sides keep writing while it is down; texts in
 * flight both ways at the moment it dies must come out stored once and shown once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pick, Scenario, sleep, World } from './harness.js';

const TIMEOUT = pick(60_000, 300_000);

describe('chaos: server restarts (child process)', () => {
  let world: World;
  before(async () => {
    world = await World.start();
  });
  after(async () => {
    await world?.close();
  });

  async function restarts(name: string, die: () => Promise<void>): Promise<void> {
    const s = new Scenario(world, name);
    const tab = await s.tab();
    await s.begin(tab);
    const inFlight: number[] = [];
    for (let cycle = 0; cycle < pick(1, 3); cycle++) {
      await s.talk(2, { gapMs: 50 });
      // In flight both ways: with 100 ms of latency each way, the agent's burst and the
      // customer's text are on the wire (or stored, their answers on the way back) when the
      // server goes down.
      for (const p of world.proxies) p.set('both', { kind: 'delay', ms: 100 });
      for (let i = 0; i < pick(2, 4); i++) s.agent();
      await s.customer(tab, undefined, { wait: false });
      await sleep(120);
      await die();
      for (const p of world.proxies) p.heal();
      inFlight.push(s.attempts.filter((a) => s.storedCount(a.text) === 0).length);
      // Both sides keep writing while the server is down.
      await s.talk(pick(2, 4), { gapMs: pick(150, 400) });
      await sleep(pick(300, 3_000));
      await world.server.start();
    }
    await s.talk(2, { gapMs: 100 });
    await s.finish({ notes: () => [`texts not stored when the server went down, per cycle: ${inFlight.join(', ')}`] });
  }

  test('SIGKILL mid-conversation, restart on the same port', { timeout: TIMEOUT }, async () => {
    await restarts('server SIGKILL', () => world.server.kill());
  });

  test('SIGTERM (drain) mid-conversation, restart on the same port', { timeout: TIMEOUT }, async () => {
    await restarts('server SIGTERM', async () => {
      const code = await world.server.stop();
      assert.equal(code, 0, 'the server drained and exited cleanly on SIGTERM');
    });
  });
});
