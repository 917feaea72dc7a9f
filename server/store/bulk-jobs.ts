/**
 * The SQL of bulk jobs: a job row with its counts and progress, and one row per data row of the
 * file with its outcome. Kept beside store.ts, in its style (Kysely, SQLite and PostgreSQL alike).
 *
 * Invariant: a job's counts and the row outcomes they count are written in one transaction, so
 * a poller never sees `processed` ahead of the rows behind it.
 */
import type { Kysely, Selectable } from 'kysely';
import type { BulkColumn, BulkFormat, BulkJob, BulkJobStatus, BulkMode, BulkRowResult } from '../../src/protocol/index.js';
import type { BulkJobRowTable, BulkJobTable, Database } from './schema.js';
import { now } from './store.js';

export type BulkJobRow = Selectable<BulkJobTable>;

export interface BulkCounts {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** Rows inserted per statement (six parameters each, well under SQLite's limit). */
const INSERT_CHUNK = 500;

export function toBulkJob(row: BulkJobRow): BulkJob {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format as BulkFormat,
    mode: row.mode as BulkMode,
    status: row.status as BulkJobStatus,
    actor: row.actor_name,
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    skipped: row.skipped,
    failed: row.failed,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

const toResult = (row: Selectable<BulkJobRowTable>): BulkRowResult => ({
  row: row.row,
  outcome: row.outcome as BulkRowResult['outcome'],
  pocId: row.poc_id,
  column: row.column_name as BulkColumn | null,
  reason: row.reason,
});

export class BulkJobStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async create(job: { id: string; tenantId: string; actorId: string | null; actorName: string; fileName: string; format: BulkFormat; mode: BulkMode; total: number }): Promise<BulkJobRow> {
    const row = {
      id: job.id,
      tenant_id: job.tenantId,
      actor_id: job.actorId,
      actor_name: job.actorName,
      file_name: job.fileName,
      format: job.format,
      mode: job.mode,
      status: 'queued',
      total: job.total,
      error: null,
      started_at: now(),
      finished_at: null,
    };
    await this.#db.insertInto('bulk_jobs').values(row).execute();
    return (await this.get(job.id))!;
  }

  get(id: string): Promise<BulkJobRow | undefined> {
    return this.#db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A tenant's latest jobs, newest first. */
  list(tenantId: string, limit: number): Promise<BulkJobRow[]> {
    return this.#db.selectFrom('bulk_jobs').selectAll().where('tenant_id', '=', tenantId).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async setStatus(id: string, status: BulkJobStatus): Promise<void> {
    await this.#db.updateTable('bulk_jobs').set({ status }).where('id', '=', id).execute();
  }

  /** Records row outcomes and the counts that include them, in one transaction. */
  async progress(id: string, counts: BulkCounts, results: readonly BulkRowResult[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      for (let i = 0; i < results.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('bulk_job_rows')
          .values(results.slice(i, i + INSERT_CHUNK).map((r) => ({ job_id: id, row: r.row, outcome: r.outcome, poc_id: r.pocId, column_name: r.column, reason: r.reason })))
          .execute();
      }
      await trx.updateTable('bulk_jobs').set({ ...counts }).where('id', '=', id).execute();
    });
  }

  async finish(id: string, status: 'done' | 'failed', error: string | null): Promise<void> {
    await this.#db.updateTable('bulk_jobs').set({ status, error, finished_at: now() }).where('id', '=', id).execute();
  }

  /** Marks every job still queued or running as failed with `error`; returns how many. */
  async failUnfinished(error: string): Promise<number> {
    const result = await this.#db.updateTable('bulk_jobs').set({ status: 'failed', error, finished_at: now() }).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** A job's row outcomes by row number; only the failures with `failedOnly`. */
  async results(id: string, failedOnly = false): Promise<BulkRowResult[]> {
    let query = this.#db.selectFrom('bulk_job_rows').selectAll().where('job_id', '=', id);
    if (failedOnly) query = query.where('outcome', '=', 'failed');
    return (await query.orderBy('row').execute()).map(toResult);
  }
}
