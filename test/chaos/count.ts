/**
 * How a chaos scenario is counted, from what the store holds and what every screen shows.
 * Pure: count.test.ts feeds it made-up stores and screens to show that each kind of fault is
 * noticed (the scenarios' assertions can fail).
 *
 * Per attempted text (a customer typed it, or the agent sent it):
 * - acknowledged: it left its sender's outbox (no outbox on any screen still holds it);
 * - stored: the store holds it (at least once);
 * - shown once, per screen: that screen shows it exactly once as a stored row, and not also as
 *   a pending one;
 * - lost: not stored, or not shown on some screen;
 * - duplicated: stored more than once (in any conversation), or shown more than once on a screen.
 * Out of order counts rows that a screen shows after a row with a higher seq, and texts stored
 * before an earlier text of the same sender. Every screen must also show exactly the stored
 * conversation (system messages included); any difference is a problem.
 */
import type { PendingMessage } from '../../src/core/outbox.js';

export interface Attempt {
  text: string;
  by: 'customer' | 'agent';
  /** The tab that typed it (customers). */
  tab: string | null;
}

/** A row of the `messages` table. */
export interface StoredRow {
  conversation_id: string;
  seq: number;
  client_id: string;
  author: string;
  text: string;
}

/** One row a screen shows: a stored message (`seq` set) or a text still being sent. */
export interface ShownRow {
  seq: number | null;
  clientId: string | null;
  status: string | null;
  text: string;
}

/** What one screen shows of the conversation, in display order, and its outbox. */
export interface ScreenView {
  name: string;
  rows: ShownRow[];
  outbox: PendingMessage[];
}

export interface Counts {
  attempted: number;
  acknowledged: number;
  stored: number;
  /** Per screen: attempted texts shown exactly once. */
  shownOnce: Record<string, number>;
  lost: number;
  duplicated: number;
  outOfOrder: number;
}

export interface CountInput {
  attempts: Attempt[];
  /** Every stored row whose text is one of the attempts (any conversation). */
  stored: StoredRow[];
  /** Every stored row of the scenario's conversation, by seq. */
  conversation: StoredRow[];
  views: ScreenView[];
}

export function count({ attempts, stored, conversation, views }: CountInput): { counts: Counts; problems: string[] } {
  const problems: string[] = [];
  const byText = new Map<string, StoredRow[]>();
  for (const r of stored) byText.set(r.text, [...(byText.get(r.text) ?? []), r]);
  const waiting = new Set(views.flatMap((v) => v.outbox.map((p) => p.text)));

  const shownOnce: Record<string, number> = Object.fromEntries(views.map((v) => [v.name, 0]));
  let lost = 0;
  let duplicated = 0;
  let acknowledged = 0;
  let storedCount = 0;
  for (const a of attempts) {
    const rows = byText.get(a.text) ?? [];
    if (rows.length > 0) storedCount += 1;
    if (waiting.has(a.text)) problems.push(`"${a.text}" still in an outbox`);
    else acknowledged += 1;
    let isLost = rows.length === 0;
    let isDuplicated = rows.length > 1;
    if (rows.length === 0) problems.push(`"${a.text}" is not stored`);
    if (rows.length > 1) problems.push(`"${a.text}" is stored ${rows.length} times (${rows.map((r) => `${r.conversation_id.slice(0, 8)}#${r.seq}`).join(', ')})`);
    for (const v of views) {
      const shown = v.rows.filter((r) => r.seq !== null && r.text === a.text).length;
      const pending = v.rows.filter((r) => r.seq === null && r.text === a.text).length;
      if (shown === 1 && pending === 0) shownOnce[v.name] += 1;
      if (shown === 0) {
        isLost = true;
        problems.push(`${v.name} does not show "${a.text}"${pending ? ' (only as pending)' : ''}`);
      } else if (shown + pending > 1) {
        isDuplicated = true;
        problems.push(`${v.name} shows "${a.text}" ${shown} times${pending ? ` and ${pending} times pending` : ''}`);
      }
    }
    if (isLost) lost += 1;
    if (isDuplicated) duplicated += 1;
  }

  // Every screen in seq order, showing exactly the stored conversation, once each.
  let outOfOrder = 0;
  const storedSeqs = conversation.map((r) => r.seq);
  for (const v of views) {
    const seqs = v.rows.filter((r) => r.seq !== null).map((r) => r.seq!);
    let max = 0;
    for (const s of seqs) {
      if (s < max) {
        outOfOrder += 1;
        problems.push(`${v.name} shows seq ${s} after seq ${max}`);
      }
      max = Math.max(max, s);
    }
    if (seqs.join(',') !== storedSeqs.join(',')) {
      const missing = storedSeqs.filter((s) => !seqs.includes(s));
      const extra = seqs.filter((s) => !storedSeqs.includes(s));
      const twice = [...new Set(seqs.filter((s, i) => seqs.indexOf(s) !== i))];
      problems.push(
        `${v.name} shows seqs [${seqs.join(',')}], the store holds [${storedSeqs.join(',')}]` +
          `${missing.length ? ` (missing ${missing.join(',')})` : ''}${extra.length ? ` (not stored: ${extra.join(',')})` : ''}${twice.length ? ` (twice: ${twice.join(',')})` : ''}`,
      );
    }
    // A stored row shown with another text, or under another client id, is not that message.
    for (const row of v.rows.filter((r) => r.seq !== null)) {
      const s = conversation.find((c) => c.seq === row.seq);
      if (s && s.author !== 'system' && (s.client_id !== row.clientId || s.text !== row.text)) {
        problems.push(`${v.name} shows seq ${row.seq} as "${row.text}" (${row.clientId}), stored as "${s.text}" (${s.client_id})`);
      }
    }
  }
  // One sender's texts are stored in the order they were written.
  const senderOf = (a: Attempt) => (a.by === 'agent' ? 'the agent' : (a.tab ?? 'the customer'));
  for (const sender of new Set(attempts.map(senderOf))) {
    let max = 0;
    for (const a of attempts.filter((x) => senderOf(x) === sender)) {
      const row = byText.get(a.text)?.[0];
      if (!row) continue;
      if (row.seq < max) {
        outOfOrder += 1;
        problems.push(`"${a.text}" was stored (seq ${row.seq}) before an earlier text of ${sender} (seq ${max})`);
      }
      max = Math.max(max, row.seq);
    }
  }
  const conversations = new Set(stored.map((r) => r.conversation_id));
  if (conversations.size > 1) problems.push(`the texts were stored in ${conversations.size} conversations`);

  return { counts: { attempted: attempts.length, acknowledged, stored: storedCount, shownOnce, lost, duplicated, outOfOrder }, problems };
}
