/**
 * The counting of the chaos scenarios (count.ts), on made-up stores and screens: a clean run
 * counts clean, and each kind of damage — a text lost, stored twice, shown twice, shown out of
 * order, stored out of its sender's order, stuck in an outbox — is counted as such. This is
 * what makes the scenarios' "0 lost, 0 duplicated, 0 out of order" able to fail.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { count, type Attempt, type ScreenView, type StoredRow } from './count.js';

const C = 'c_conversation';
const attempts: Attempt[] = [
  { text: 'hello', by: 'customer', tab: 'tab1' },
  { text: 'hi there', by: 'agent', tab: null },
  { text: 'my order', by: 'customer', tab: 'tab1' },
];
/** The store of a clean run: the three texts and a system message. */
const conversation: StoredRow[] = [
  { conversation_id: C, seq: 1, client_id: 'k1', author: 'customer', text: 'hello' },
  { conversation_id: C, seq: 2, client_id: 'joined', author: 'system', text: '' },
  { conversation_id: C, seq: 3, client_id: 'k2', author: 'agent', text: 'hi there' },
  { conversation_id: C, seq: 4, client_id: 'k3', author: 'customer', text: 'my order' },
];
const stored = conversation.filter((r) => r.author !== 'system');
const screen = (name: string, rows: StoredRow[] = conversation): ScreenView => ({
  name,
  rows: rows.map((r) => ({ seq: r.seq, clientId: r.client_id, status: null, text: r.text })),
  outbox: [],
});

describe('chaos counting', () => {
  test('a clean run counts clean', () => {
    const { counts, problems } = count({ attempts, stored, conversation, views: [screen('tab1'), screen('agent')] });
    assert.deepEqual(problems, []);
    assert.deepEqual(counts, { attempted: 3, acknowledged: 3, stored: 3, shownOnce: { tab1: 3, agent: 3 }, lost: 0, duplicated: 0, outOfOrder: 0 });
  });

  test('a text never stored is lost, and so is one a screen does not show', () => {
    const notStored = count({ attempts, stored: stored.slice(0, 2), conversation: conversation.slice(0, 3), views: [screen('tab1', conversation.slice(0, 3))] });
    assert.equal(notStored.counts.lost, 1);
    assert.equal(notStored.counts.stored, 2);
    const notShown = count({ attempts, stored, conversation, views: [screen('tab1'), screen('agent', conversation.slice(0, 3))] });
    assert.equal(notShown.counts.lost, 1);
    assert.equal(notShown.counts.shownOnce.agent, 2);
    assert.match(notShown.problems.join('\n'), /agent does not show "my order"/);
  });

  test('a text stored twice (another conversation) or shown twice is duplicated', () => {
    const again: StoredRow = { conversation_id: 'c_other', seq: 1, client_id: 'k9', author: 'customer', text: 'hello' };
    assert.equal(count({ attempts, stored: [...stored, again], conversation, views: [screen('tab1')] }).counts.duplicated, 1);
    const twice = screen('tab1', [...conversation, conversation[3]]);
    const shownTwice = count({ attempts, stored, conversation, views: [twice] });
    assert.equal(shownTwice.counts.duplicated, 1);
    assert.equal(shownTwice.counts.lost, 0);
    const alsoPending = screen('tab1');
    alsoPending.rows.push({ seq: null, clientId: 'k3', status: 'sending', text: 'my order' });
    assert.equal(count({ attempts, stored, conversation, views: [alsoPending] }).counts.duplicated, 1);
  });

  test('a screen out of seq order, or a sender stored out of its order, is out of order', () => {
    const swapped = screen('tab1', [conversation[0], conversation[1], conversation[3], conversation[2]]);
    assert.equal(count({ attempts, stored, conversation, views: [swapped] }).counts.outOfOrder, 1);
    // "my order" written after "hello" but stored before it.
    const reordered: StoredRow[] = [
      { ...conversation[0], seq: 4 },
      conversation[1],
      conversation[2],
      { ...conversation[3], seq: 1 },
    ].sort((a, b) => a.seq - b.seq);
    const result = count({ attempts, stored: reordered.filter((r) => r.author !== 'system'), conversation: reordered, views: [screen('tab1', reordered)] });
    assert.equal(result.counts.outOfOrder, 1);
    assert.match(result.problems.join('\n'), /before an earlier text of tab1/);
  });

  test('a text still in an outbox is not acknowledged; shown only as pending is lost', () => {
    const pending = screen('tab1', conversation.slice(0, 3));
    pending.rows.push({ seq: null, clientId: 'k3', status: 'sending', text: 'my order' });
    pending.outbox.push({ clientId: 'k3', text: 'my order', conversationId: C, status: 'sending', attempts: 1, error: null });
    const { counts, problems } = count({ attempts, stored: stored.slice(0, 2), conversation: conversation.slice(0, 3), views: [pending] });
    assert.equal(counts.acknowledged, 2);
    assert.equal(counts.lost, 1);
    assert.match(problems.join('\n'), /only as pending/);
  });

  test('a screen missing a system message, or showing a row under another text, is a problem', () => {
    const noSystem = count({ attempts, stored, conversation, views: [screen('tab1', conversation.filter((r) => r.author !== 'system'))] });
    assert.deepEqual(noSystem.counts.lost, 0);
    assert.match(noSystem.problems.join('\n'), /missing 2/);
    const wrong = screen('tab1');
    wrong.rows[2] = { ...wrong.rows[2], text: 'something else' };
    assert.ok(count({ attempts, stored, conversation, views: [wrong] }).problems.some((p) => p.includes('stored as "hi there"')));
  });
});
