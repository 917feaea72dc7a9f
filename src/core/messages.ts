/**
 * Ordering of a conversation's messages. Invariant: the list returned holds each server id once
 * and is sorted by `seq`, whatever order and however many times messages arrive (live events,
 * acks and resume replies overlap after a reconnect).
 */
import type { ChatMessage, Receipts } from '../protocol/index.js';

/**
 * Merges `incoming` into `current`, dropping duplicates by id, sorted by seq. The common case —
 * new messages after the last one held — appends without rebuilding the list: a seq names one
 * message of a conversation, so a seq above the last held cannot be a duplicate.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const last = lastSeq(current);
  if (incoming.every((m, i) => m.seq > last && (i === 0 || m.seq > incoming[i - 1].seq))) {
    return [...current, ...incoming];
  }
  const byId = new Map<string, ChatMessage>();
  for (const m of current) byId.set(m.id, m);
  let changed = false;
  for (const m of incoming) {
    if (!byId.has(m.id)) {
      byId.set(m.id, m);
      changed = true;
    }
  }
  if (!changed) return current as ChatMessage[];
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** Highest seq in an ordered list, 0 when empty. */
export function lastSeq(messages: readonly ChatMessage[]): number {
  return messages.length ? messages[messages.length - 1].seq : 0;
}

/**
 * Highest seq up to which the list holds every message (seqs start at 1 and have no holes). A
 * message arriving above `contiguousSeq + 1` reveals a gap to fill from the server.
 */
export function contiguousSeq(messages: readonly ChatMessage[]): number {
  // Sorted, one message per seq, seqs from 1: no hole exactly when the last seq is the count.
  if (messages.length === 0 || messages[messages.length - 1].seq === messages.length) return lastSeq(messages);
  let seq = 0;
  for (const m of messages) {
    if (m.seq === seq + 1) seq = m.seq;
    else if (m.seq > seq + 1) break;
  }
  return seq;
}

/** What the sender sees of a stored message, from the other side's receipts. */
export type DeliveryStatus = 'sent' | 'delivered' | 'read';

export function deliveryStatus(message: ChatMessage, receipts: Receipts | undefined): DeliveryStatus {
  if (!receipts) return 'sent';
  if (message.seq <= receipts.read) return 'read';
  if (message.seq <= receipts.delivered) return 'delivered';
  return 'sent';
}

/** The higher of two receipt marks, field by field (marks only grow; events may cross). */
export function maxReceipts(a: Receipts | undefined, b: Receipts): Receipts {
  if (!a) return b;
  return { delivered: Math.max(a.delivered, b.delivered), read: Math.max(a.read, b.read) };
}
