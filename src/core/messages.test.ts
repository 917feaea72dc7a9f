/**
 * Message ordering: live events, acks and resume replies overlap after a reconnect, so the merge
 * must keep each id once and order by seq whatever arrives, in whatever order.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChatMessage } from '../protocol/index.js';
import { contiguousSeq, deliveryStatus, lastSeq, maxReceipts, mergeMessages } from './messages.js';

const msg = (seq: number, id = `m${seq}`, text = `text ${seq}`): ChatMessage => ({
  id,
  conversationId: 'c1',
  seq,
  clientId: `client-${id}`,
  author: 'customer',
  authorName: null,
  text,
  sentAt: '2024-01-01T00:00:00.000Z',
});

const seqs = (list: readonly ChatMessage[]) => list.map((m) => m.seq);

describe('mergeMessages', () => {
  test('sorts out-of-order input by seq', () => {
    assert.deepEqual(seqs(mergeMessages([], [msg(3), msg(1), msg(2)])), [1, 2, 3]);
  });

  test('interleaves new messages into the existing order', () => {
    const merged = mergeMessages([msg(1), msg(4)], [msg(3), msg(2), msg(5)]);
    assert.deepEqual(seqs(merged), [1, 2, 3, 4, 5]);
  });

  test('drops duplicates by id, within the input and against current', () => {
    const merged = mergeMessages([msg(1), msg(2)], [msg(2), msg(3), msg(3), msg(1)]);
    assert.deepEqual(seqs(merged), [1, 2, 3]);
    assert.equal(new Set(merged.map((m) => m.id)).size, merged.length);
  });

  test('keeps the copy already held when a duplicate id arrives again', () => {
    const held = msg(1, 'm1', 'first copy');
    const merged = mergeMessages([held], [msg(1, 'm1', 'second copy'), msg(2)]);
    assert.equal(merged[0], held);
  });

  test('returns the same array when nothing new arrives, so subscribers can skip work', () => {
    const current = [msg(1), msg(2)];
    assert.equal(mergeMessages(current, []), current);
    assert.equal(mergeMessages(current, [msg(2), msg(1)]), current);
  });

  test('does not mutate its inputs', () => {
    const current = [msg(2)];
    const incoming = [msg(3), msg(1)];
    mergeMessages(current, incoming);
    assert.deepEqual(seqs(current), [2]);
    assert.deepEqual(seqs(incoming), [3, 1]);
  });

  test('a resume reply overlapping live events ends with each message once, in order', () => {
    // Live events 5 and 6 arrived before the resume reply 3..6 of the same conversation.
    let list = mergeMessages([msg(1), msg(2)], [msg(6)]);
    list = mergeMessages(list, [msg(5)]);
    list = mergeMessages(list, [msg(3), msg(4), msg(5), msg(6)]);
    assert.deepEqual(seqs(list), [1, 2, 3, 4, 5, 6]);
  });
});

describe('lastSeq', () => {
  test('is 0 for none and the last seq of an ordered list', () => {
    assert.equal(lastSeq([]), 0);
    assert.equal(lastSeq(mergeMessages([], [msg(7), msg(2)])), 7);
  });
});

describe('gaps and receipts', () => {
  test('appending after the last seq keeps earlier entries and adds each new one once', () => {
    const held = [msg(1), msg(2)];
    const merged = mergeMessages(held, [msg(3), msg(4)]);
    assert.deepEqual(seqs(merged), [1, 2, 3, 4]);
    assert.equal(merged[0], held[0]);
    assert.deepEqual(seqs(mergeMessages(merged, [msg(4), msg(3)])), [1, 2, 3, 4], 'a repeat is not appended');
    assert.deepEqual(seqs(mergeMessages(merged, [msg(6), msg(5)])), [1, 2, 3, 4, 5, 6], 'unsorted input still sorts');
  });

  test('contiguousSeq stops before the first hole', () => {
    assert.equal(contiguousSeq([]), 0);
    assert.equal(contiguousSeq([msg(1), msg(2), msg(3)]), 3);
    assert.equal(contiguousSeq([msg(1), msg(2), msg(4), msg(5)]), 2);
    assert.equal(contiguousSeq([msg(2), msg(3)]), 0);
  });

  test('deliveryStatus reads the other side\'s marks', () => {
    const receipts = { delivered: 5, read: 3 };
    assert.equal(deliveryStatus(msg(3), receipts), 'read');
    assert.equal(deliveryStatus(msg(4), receipts), 'delivered');
    assert.equal(deliveryStatus(msg(6), receipts), 'sent');
    assert.equal(deliveryStatus(msg(1), undefined), 'sent');
  });

  test('maxReceipts never lowers a mark (events may cross)', () => {
    assert.deepEqual(maxReceipts({ delivered: 5, read: 2 }, { delivered: 4, read: 3 }), { delivered: 5, read: 3 });
    assert.deepEqual(maxReceipts(undefined, { delivered: 1, read: 0 }), { delivered: 1, read: 0 });
  });
});
