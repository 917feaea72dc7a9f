/**
 * WebSocket frame faults inside the browser (Playwright's `routeWebSocket`, frames.ts): frames
 * duplicated and dropped in both directions on a connection that otherwise stays up, and a lost
 * acknowledgement (the server stored the text; the widget never hears so and must find out).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { authorOf, FrameTap, isLiveMessage, isSend, isSendAck, textOf } from './frames.js';
import { pick, Scenario, World } from './harness.js';

const TIMEOUT = pick(60_000, 300_000);

// The scenarios here wait out the widget's 8 s answer timeout and its 30 s sync:
// they run side by side, each with its own visitor and conversation.
describe('chaos: WebSocket frames (routeWebSocket)', { concurrency: true }, () => {
  let world: World;
  before(async () => {
    world = await World.start();
  });
  after(async () => {
    await world?.close();
  });

  test('frames duplicated and dropped, both directions', { timeout: TIMEOUT }, async () => {
    const tap = new FrameTap();
    const s = new Scenario(world, 'frames dup+drop');
    const tab = await s.tab({ frames: tap });
    await s.begin(tab);
    tap
      // Dropped: one (long: three) of the page's texts on its way up — the widget hears no
      // answer, gives the connection up after 8 s and sends again; every third live agent
      // message on its way down — the next one shows a gap, which the widget fills.
      .rule({ direction: 'up', action: 'drop', match: isSend, times: pick(1, 3), every: 3 })
      .rule({ direction: 'down', action: 'drop', match: (f) => isLiveMessage(f) && authorOf(f) === 'agent', every: 3 })
      // Duplicated: every other text sent, every other acknowledgement and live message.
      .rule({ direction: 'up', action: 'duplicate', match: isSend, every: 2 })
      .rule({ direction: 'down', action: 'duplicate', match: (f) => isSendAck(f) || isLiveMessage(f), every: 2 });
    await s.talk(pick(6, 24), { gapMs: pick(100, 150) });
    // The faults stay on until the texts held back by a dropped one went out again (8 s).
    await s.awaitOrNote('every text so far is stored', () => s.attempts.every((a) => s.storedCount(a.text) > 0), 30_000);
    // The last live frames of the chaos may be among the dropped: one more exchange with clean
    // frames shows the gap (the widget's own sync would too, but only every 30 s).
    tap.clear();
    await s.talk(1);
    const c = tap.counts;
    await s.finish({
      notes: () => [`frames up: ${c.up.dropped} dropped, ${c.up.duplicated} doubled; down: ${c.down.dropped} dropped, ${c.down.duplicated} doubled; ${tap.connections} connections`],
    });
    assert.ok(c.up.dropped > 0 && c.down.dropped > 0 && c.up.duplicated > 0 && c.down.duplicated > 0, 'frames were dropped and doubled both ways');
  });

  test('lost acknowledgement: stored, but the widget never hears so', { timeout: TIMEOUT }, async () => {
    const tap = new FrameTap();
    const s = new Scenario(world, 'lost ack');
    const tab = await s.tab({ frames: tap });
    await s.begin(tab);
    await s.talk(1);
    const targets: string[] = [];
    for (let i = 0; i < pick(1, 3); i++) {
      const target = s.text('tab1 says (ack lost)');
      targets.push(target);
      // The acknowledgement and the live echo both go missing: nothing tells the widget.
      tap.rule({ direction: 'down', action: 'drop', match: (f) => (isSendAck(f) || isLiveMessage(f)) && textOf(f) === target });
      await s.customer(tab, target);
      await s.awaitOrNote(`"${target}" is stored`, () => s.storedCount(target) > 0);
      // The conversation goes on meanwhile; the texts after it wait their turn in the outbox.
      await s.talk(2, { gapMs: 100 });
    }
    // How the widget found out: it sent the text again (the server answered with the stored
    // copy), or learned it from the history it resumes after reconnecting.
    await s.finish({
      timeoutMs: pick(30_000, 60_000),
      notes: () => [`texts whose ack was lost were sent ${targets.map((t) => tap.sends(t)).join(', ')} time(s)`],
    });
    assert.ok(targets.every((t) => tap.sends(t) >= 1), 'every target went out');
  });

  test('a lost last frame is caught by the periodic sync (30 s)', { timeout: TIMEOUT }, async () => {
    const tap = new FrameTap();
    const s = new Scenario(world, 'frames last lost');
    const tab = await s.tab({ frames: tap });
    await s.begin(tab);
    await s.talk(2);
    const last = s.text('agent says (last, frame lost)');
    tap.rule({ direction: 'down', action: 'drop', match: (f) => isLiveMessage(f) && textOf(f) === last });
    s.agent(last);
    await s.finish({ timeoutMs: 45_000 });
  });
});
