/**
 * Messages written but not yet acknowledged by the server. Each is written to storage
 * (sessionStorage in browsers) before it is sent, so a reload, a crash of the tab or a lost
 * connection never loses it; it leaves the outbox only when the server has acknowledged it.
 *
 * Invariants:
 * - Entries keep the order they were written in; that is the order they are sent in.
 * - At most `LIMITS.outboxMax` entries: storage stays small and bounded.
 * - A storage that refuses writes (quota, private mode) degrades to memory, never to an error.
 */
import { LIMITS, type ProtocolError } from '../protocol/index.js';

/** The part of the Web Storage API the sessions use. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A message the server has not acknowledged yet. */
export interface PendingMessage {
  /** UUID v4 chosen by the client; the server stores one message per client id. */
  clientId: string;
  text: string;
  /** The conversation it was written in, when there was one (agents always have one). */
  conversationId: string | null;
  /**
   * `sending` while the client keeps trying; `failed` after repeated failure or a refusal, with
   * a retry action. A failed message whose error is only a lost connection is still re-sent
   * after every reconnect.
   */
  status: 'sending' | 'failed';
  /** Sends attempted so far. */
  attempts: number;
  error: ProtocolError | null;
}

/** Map-backed storage for Node and for pages without Web Storage. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

function isPending(value: unknown): value is PendingMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.clientId === 'string' &&
    typeof v.text === 'string' &&
    (v.conversationId === null || typeof v.conversationId === 'string') &&
    (v.status === 'sending' || v.status === 'failed') &&
    typeof v.attempts === 'number'
  );
}

export class Outbox {
  readonly #storage: KeyValueStorage;
  readonly #key: string;
  #entries: PendingMessage[];

  /** Reads what a previous page load left under `key`; anything unreadable is dropped. */
  constructor(storage: KeyValueStorage, key: string) {
    this.#storage = storage;
    this.#key = key;
    this.#entries = this.#read();
  }

  get entries(): readonly PendingMessage[] {
    return this.#entries;
  }

  /** Whether another message fits. */
  get full(): boolean {
    return this.#entries.length >= LIMITS.outboxMax;
  }

  add(entry: PendingMessage): void {
    this.#write([...this.#entries, entry]);
  }

  update(clientId: string, patch: Partial<PendingMessage>): void {
    this.#write(this.#entries.map((e) => (e.clientId === clientId ? { ...e, ...patch } : e)));
  }

  /** Drops acknowledged messages; returns whether any was there. */
  remove(clientIds: Iterable<string>): boolean {
    const gone = new Set(clientIds);
    const kept = this.#entries.filter((e) => !gone.has(e.clientId));
    if (kept.length === this.#entries.length) return false;
    this.#write(kept);
    return true;
  }

  /** Re-reads storage (another writer, e.g. a test, changed it). */
  reload(): void {
    this.#entries = this.#read();
  }

  #read(): PendingMessage[] {
    try {
      const parsed: unknown = JSON.parse(this.#storage.getItem(this.#key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isPending).slice(0, LIMITS.outboxMax) : [];
    } catch {
      return [];
    }
  }

  #write(entries: PendingMessage[]): void {
    this.#entries = entries;
    try {
      if (entries.length) this.#storage.setItem(this.#key, JSON.stringify(entries));
      else this.#storage.removeItem(this.#key);
    } catch {
      // Storage full or blocked: the entries stay in memory for this page's life.
    }
  }
}
