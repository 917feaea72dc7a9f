/**
 * Ordering of a conversation's messages. Invariant: the list returned holds each server id once
 * and is sorted by `seq`, whatever order and however many times messages arrive (live events,
 * acks and resume replies overlap after a reconnect).
 */
import type { ChatMessage } from '../protocol/index.js';

/** Merges `incoming` into `current`, dropping duplicates by id, sorted by seq. */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
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
