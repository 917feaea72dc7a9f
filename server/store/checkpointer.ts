/**
 * Copies the WAL into the database file from a thread of its own. SQLite's automatic checkpoint
 * runs in the connection that commits, that is on the event loop, and a checkpoint writes
 * thousands of pages and syncs twice: every message and heartbeat waits meanwhile. In WAL mode
 * another connection may checkpoint while the server's connection reads and writes (a PASSIVE
 * checkpoint copies what no reader needs and never blocks), so this thread does it every
 * `intervalMs`; the store keeps a high automatic threshold only as a safety net.
 *
 * Durability does not depend on it: a commit is safe once it is in the WAL (docs/operations.md).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * How often the thread checkpoints. Often enough that the WAL never reaches the threshold at which
 * the server's own connection checkpoints (WAL_CHECKPOINT_PAGES, store.ts) on the event loop —
 * copying thousands of pages and syncing, 10 to 50 ms during which no message moves: each commit
 * appends every page it changed (5 or so per message), so 2 000 messages a second grow the WAL by
 * about 10 000 pages a second, and a thread that came every second came too late. A checkpoint
 * with nothing to copy costs next to nothing.
 */
export const CHECKPOINT_INTERVAL_MS = 250;

// Plain CommonJS run by the worker as it is (no loader): open the file, checkpoint on a timer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** The checkpointing thread of one SQLite file; `stop()` before the store closes. */
export class Checkpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  constructor(file: string, options: { intervalMs?: number; onError?: (message: string) => void } = {}) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS } });
    this.#worker.on('message', (m: { error?: string }) => m.error && options.onError?.(m.error));
    // A failed thread only means the store's own automatic checkpoints take over.
    this.#worker.on('error', (err) => options.onError?.(err.message));
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => resolve()));
    // Never what keeps the process alive.
    this.#worker.unref();
  }

  /** Stops the timer and closes the thread's connection. */
  async stop(): Promise<void> {
    // Waiting for the thread must keep the process alive until it has closed its connection.
    this.#worker.ref();
    this.#worker.postMessage('stop');
    await this.#exited;
  }
}
