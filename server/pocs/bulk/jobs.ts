/**
 * Bulk jobs: an uploaded file of POCs applied row by row in the background, with progress a
 * poller can watch and a report of every row's outcome.
 *
 * Invariants:
 * - A file that cannot be read (format, encoding, columns, size) is refused before any job
 *   exists; once a job exists, every data row gets exactly one outcome.
 * - Each row is applied through `PocAdmin` — the same rules, permissions and audit entries as a
 *   change made by hand, in its own transaction — so a failing row changes nothing and stops
 *   nothing; the failure is recorded with its row number, column and reason.
 * - Progress and row outcomes are saved together at least every `progressRows` rows or
 *   `progressMs` milliseconds. The loop gives the event loop a turn every few milliseconds (the
 *   SQLite driver never does), so the server keeps answering while a file is applied.
 * - One tenant's jobs run one at a time, in the order they were started. A job that throws
 *   unexpectedly ends `failed` with the error's message; nothing escapes to crash the server.
 * - Jobs left `queued` or `running` by a server that stopped are marked failed by `recover()`
 *   on the next start; `close()` stops the running ones the same way.
 */
import { BULK_FORMATS, BULK_MODES, type BulkFormat, type BulkJob, type BulkJobDetail, type BulkMode, type BulkRowResult, type AdminPoc } from '../../../src/protocol/index.js';
import { requirePermission, type Actor } from '../../auth/permissions.js';
import { ParleyError } from '../../errors.js';
import { BulkJobStore, toBulkJob, type BulkCounts } from '../../store/bulk-jobs.js';
import { newId, type Store } from '../../store/store.js';
import type { CatalogAdmin } from '../catalog.js';
import type { PocAdmin } from '../pocs.js';
import { readBulkFile, type BulkRow, type BulkSheet } from './read.js';
import { columnOf, isMarked, RowError, RowMapper } from './rows.js';
import { writeReport } from './write.js';

export const STOPPED_MESSAGE = 'the server stopped while the file was processed';

export interface BulkJobsOptions {
  /** Save progress at least every this many rows. Default 200. */
  progressRows?: number;
  /** …and at least this often, in milliseconds. Default 250. */
  progressMs?: number;
  /** Where unexpected failures are logged. */
  log?: { error(obj: unknown, msg?: string): void };
}

export interface BulkUpload {
  fileName: string;
  format: BulkFormat;
  mode: BulkMode;
  buffer: Buffer;
}

/** Jobs listed by `list()`. */
const LIST_SIZE = 50;
/** How long the loop may run before it lets the event loop serve others. */
const SLICE_MS = 10;

class Stopped extends Error {}

export class BulkJobs {
  readonly #store: BulkJobStore;
  readonly #pocs: PocAdmin;
  readonly #catalog: CatalogAdmin;
  readonly #options: Required<Omit<BulkJobsOptions, 'log'>> & Pick<BulkJobsOptions, 'log'>;
  /** Per tenant, the end of its last queued job. */
  readonly #queues = new Map<string, Promise<void>>();
  readonly #running = new Set<Promise<void>>();
  #stopping = false;

  constructor(store: Store, pocs: PocAdmin, catalog: CatalogAdmin, options: BulkJobsOptions = {}) {
    this.#store = new BulkJobStore(store.db);
    this.#pocs = pocs;
    this.#catalog = catalog;
    this.#options = { progressRows: options.progressRows ?? 200, progressMs: options.progressMs ?? 250, log: options.log };
  }

  /** Marks the jobs a stopped server left unfinished as failed. Call once at start-up. */
  recover(): Promise<number> {
    return this.#store.failUnfinished(STOPPED_MESSAGE);
  }

  /**
   * Reads and checks the file (refusing a bad one with a 4xx `ParleyError`), then creates the job
   * and queues it behind the tenant's others. Resolves with the job as created (`queued`).
   */
  async start(actor: Actor, upload: BulkUpload): Promise<BulkJob> {
    requirePermission(actor, 'poc.create', 'poc.edit');
    if (this.#stopping) throw new ParleyError('server_closing', 'the server is restarting; retry shortly');
    if (!(BULK_FORMATS as readonly string[]).includes(upload.format)) throw new ParleyError('invalid_field', `format must be one of ${BULK_FORMATS.join(', ')}`, 'format');
    if (!(BULK_MODES as readonly string[]).includes(upload.mode)) throw new ParleyError('invalid_field', `mode must be one of ${BULK_MODES.join(', ')}`, 'mode');
    const sheet = await readBulkFile(upload.buffer, upload.format);
    if (upload.mode === 'modified' && !sheet.columns.includes('Modified row')) {
      throw new ParleyError('invalid_field', 'with "modified rows only" the file needs the "Modified row" column, marked on the rows to apply; or upload with "all rows"', 'mode');
    }
    const row = await this.#store.create({
      id: newId('bj_'),
      tenantId: actor.tenantId,
      actorId: actor.id,
      actorName: actor.name,
      fileName: upload.fileName.slice(0, 255),
      format: upload.format,
      mode: upload.mode,
      total: sheet.rows.length,
    });
    const previous = this.#queues.get(actor.tenantId) ?? Promise.resolve();
    const run = previous.then(() => this.#run(row.id, actor, upload.mode, sheet));
    this.#queues.set(actor.tenantId, run);
    this.#running.add(run);
    void run.finally(() => {
      this.#running.delete(run);
      if (this.#queues.get(actor.tenantId) === run) this.#queues.delete(actor.tenantId);
    });
    return toBulkJob(row);
  }

  /** The tenant's latest jobs, newest first. */
  async list(actor: Actor): Promise<BulkJob[]> {
    requirePermission(actor, 'poc.view');
    return (await this.#store.list(actor.tenantId, LIST_SIZE)).map(toBulkJob);
  }

  /** A job and its failed rows so far. Another tenant's job reads as missing. */
  async detail(actor: Actor, id: string): Promise<BulkJobDetail> {
    requirePermission(actor, 'poc.view');
    const job = await this.#job(actor, id);
    return { job, failures: await this.#store.results(job.id, true) };
  }

  /** The report of every row's outcome, as a file. */
  async report(actor: Actor, id: string, format: BulkFormat): Promise<{ job: BulkJob; file: Buffer }> {
    requirePermission(actor, 'poc.view');
    const job = await this.#job(actor, id);
    return { job, file: await writeReport(format, await this.#store.results(job.id)) };
  }

  /** Resolves when no job is running (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.allSettled([...this.#running]);
  }

  /** Stops the running and queued jobs (each ends `failed`, saying the server stopped) and waits for them. */
  async close(): Promise<void> {
    this.#stopping = true;
    await this.idle();
  }

  async #job(actor: Actor, id: string): Promise<BulkJob> {
    const row = typeof id === 'string' && id.length <= 64 ? await this.#store.get(id) : undefined;
    if (!row || row.tenant_id !== actor.tenantId) throw new ParleyError('not_found', `no bulk job "${String(id).slice(0, 64)}"`, 'id');
    return toBulkJob(row);
  }

  async #run(jobId: string, actor: Actor, mode: BulkMode, sheet: BulkSheet): Promise<void> {
    try {
      if (this.#stopping) throw new Stopped(STOPPED_MESSAGE);
      await this.#store.setStatus(jobId, 'running');
      await this.#apply(jobId, actor, mode, sheet);
      await this.#store.finish(jobId, 'done', null);
    } catch (err) {
      if (!(err instanceof Stopped)) this.#options.log?.error({ err, jobId }, 'bulk job failed');
      const message = err instanceof Stopped || err instanceof ParleyError ? err.message : `the job stopped on an unexpected error: ${(err as Error)?.message ?? String(err)}`;
      await this.#store.finish(jobId, 'failed', message.slice(0, 500)).catch((e: unknown) => this.#options.log?.error({ err: e, jobId }, 'could not record the failure of a bulk job'));
    }
  }

  async #apply(jobId: string, actor: Actor, mode: BulkMode, sheet: BulkSheet): Promise<void> {
    // Names are resolved against the catalogue as it is when the job starts. Reading it is part of
    // applying the file, which the uploader may do; it needs no poc.view of its own.
    const reader: Actor = { ...actor, permissions: [...new Set([...actor.permissions, 'poc.view' as const])] };
    const [skills, scripts, pocs] = await Promise.all([this.#catalog.skills(reader), this.#catalog.scripts(reader), this.#pocs.list(reader)]);
    const mapper = new RowMapper({ skills, scripts });
    const byId = new Map(pocs.map((p) => [p.id, p]));
    const via = { via: 'bulk' as const, jobId };

    const counts: BulkCounts = { processed: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
    let pending: BulkRowResult[] = [];
    let savedAt = Date.now();
    let sliceAt = Date.now();
    const save = async () => {
      await this.#store.progress(jobId, counts, pending);
      pending = [];
      savedAt = Date.now();
    };

    for (const row of sheet.rows) {
      if (this.#stopping) {
        await save();
        throw new Stopped(STOPPED_MESSAGE);
      }
      const result = mode === 'modified' && !isMarked(row.cells['Modified row'])
        ? { row: row.row, outcome: 'skipped' as const, pocId: row.cells.ID || null, column: null, reason: null }
        : await this.#applyRow(row, actor, mapper, byId, via);
      counts[result.outcome] += 1;
      counts.processed += 1;
      pending.push(result);
      if (pending.length >= this.#options.progressRows || Date.now() - savedAt >= this.#options.progressMs) await save();
      if (Date.now() - sliceAt >= SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceAt = Date.now();
      }
    }
    await save();
  }

  /** Applies one row; a refusal is the row's outcome, never the job's end. */
  async #applyRow(row: BulkRow, actor: Actor, mapper: RowMapper, byId: Map<string, AdminPoc>, via: { via: 'bulk'; jobId: string }): Promise<BulkRowResult> {
    const id = row.cells.ID;
    try {
      if (id === '') {
        const poc = await this.#pocs.create(actor, mapper.toInput(row.cells), via);
        byId.set(poc.id, poc);
        return { row: row.row, outcome: 'created', pocId: poc.id, column: null, reason: null };
      }
      const current = byId.get(id);
      if (!current) throw new RowError('ID', `no point of contact "${id.slice(0, 80)}"; leave ID empty to create a new one`);
      const patch = mapper.toPatch(row.cells, current);
      if (Object.keys(patch).length === 0) return { row: row.row, outcome: 'unchanged', pocId: id, column: null, reason: null };
      const { poc, changed } = await this.#pocs.update(actor, id, patch, via);
      byId.set(poc.id, poc);
      return { row: row.row, outcome: changed.length ? 'updated' : 'unchanged', pocId: id, column: null, reason: null };
    } catch (err) {
      const pocId = id || null;
      if (err instanceof RowError) return { row: row.row, outcome: 'failed', pocId, column: err.column, reason: err.message };
      if (err instanceof ParleyError) return { row: row.row, outcome: 'failed', pocId, ...columnOf(err) };
      // A bug or a storage failure on one row: reported on that row, logged, and the file goes on.
      this.#options.log?.error({ err, row: row.row }, 'bulk row failed unexpectedly');
      return { row: row.row, outcome: 'failed', pocId, column: null, reason: 'the server could not apply this row; try it again' };
    }
  }
}
