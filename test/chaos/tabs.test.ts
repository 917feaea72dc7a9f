/**
 * Two tabs of one visitor (one browser context: shared localStorage, one sessionStorage outbox
 * per tab) write at the same moments while the agent answers; at the end both tabs show the same
 * messages, in the same (seq) order, once each. Whether each tab keeps its own connection or the
 * tabs share one, the counts must be the same.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LONG, pick, Scenario, sleep, World } from './harness.js';

const TIMEOUT = pick(60_000, 300_000);

describe('chaos: two tabs of one visitor', () => {
  let world: World;
  before(async () => {
    world = await World.start();
  });
  after(async () => {
    await world?.close();
  });

  test('two tabs both sending, same messages in the same order', { timeout: TIMEOUT }, async () => {
    const s = new Scenario(world, 'two tabs');
    const tab1 = await s.tab();
    await s.begin(tab1);
    const tab2 = await s.tab({ context: tab1.page.context() });
    const rounds = pick(4, 20);
    for (let i = 0; i < rounds; i++) {
      // Long form: the connections are reset now and then as well.
      if (LONG && i > 0 && i % 5 === 0) for (const p of world.proxies) p.resetAll();
      s.agent();
      // Both tabs write at the same moment.
      await Promise.all([s.customer(tab1), s.customer(tab2)]);
      if (LONG) await sleep(200);
    }
    const result = await s.finish();
    assert.equal(Object.keys(result.shownOnce).length, 3, 'two tabs and the agent were counted');
  });
});
