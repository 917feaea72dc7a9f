/**
 * Two caches that spare the hot paths (a message stored, a conversation looked up) work that
 * gives the same answer every time:
 * - `cachingDatabase`: Kysely's SQLite driver asks better-sqlite3 to prepare every statement it
 *   runs, and preparing (parsing and planning the SQL) costs more than running a small one. The
 *   wrapper keeps the last `size` prepared statements by their SQL text.
 * - `reusable`: a query built with Kysely and compiled to SQL once, then run again with new
 *   values. The SQL still comes from Kysely's compiler, so it stays whatever the dialect makes.
 *   Run `direct`ly on SQLite's connection, it keeps its own prepared statement (per connection).
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { CompiledQuery, type Compilable, type Kysely, type QueryResult, type SqliteDatabase, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Prepared statements kept: the store runs a few dozen distinct queries; lists of ids vary the rest. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 as Kysely's SQLite dialect uses it, preparing each distinct SQL text once. A
 * statement is only ever run to completion (`all`/`run`) before the next query starts (Kysely
 * holds SQLite's one connection for each query), so one prepared statement can serve them all.
 */
export function cachingDatabase(database: SQLiteDatabase, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Most recently used last: the first key is the one to drop when full.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

type Db = Kysely<Database> | Transaction<Database>;

/** Stands for a value in a query built once; replaced by the value of the same name on each run. */
const PLACEHOLDER = '\u0000parley-value:';

/**
 * A query built and compiled once, run many times with other values:
 *
 *   const byId = reusable<'id', ConversationRow>((db, value) => db.selectFrom('conversations').selectAll().where('id', '=', value('id')));
 *   const rows = (await byId.run(db, { id })).rows;
 *
 * `value(name)` marks where a value goes; it may only stand where Kysely binds a parameter (a
 * compared value, an inserted or updated value), not for a column or table name. Constants written
 * in the query stay as they are.
 */
/** A query made by `reusable`. */
export type Reusable<Names extends string, Row> = ReturnType<typeof reusable<Names, Row>>;

export function reusable<Names extends string, Row>(build: (db: Kysely<Database>, value: (name: Names) => string) => Compilable<Row>) {
  let compiled: { sql: string; query: CompiledQuery['query']; slots: (Names | { constant: unknown })[] } | null = null;
  /** The statement as prepared on each SQLite connection that ran it `direct`ly. */
  const prepared = new WeakMap<SQLiteDatabase, Statement>();
  const compile = (db: Db) => {
    if (!compiled) {
      const { sql, query, parameters } = build(db as Kysely<Database>, (name) => PLACEHOLDER + name).compile();
      const slots = parameters.map((p) => (typeof p === 'string' && p.startsWith(PLACEHOLDER) ? (p.slice(PLACEHOLDER.length) as Names) : { constant: p }));
      compiled = { sql, query, slots };
    }
    return compiled;
  };
  const parametersOf = (slots: (Names | { constant: unknown })[], values: Record<Names, unknown>) =>
    slots.map((slot) => (typeof slot === 'string' ? values[slot] : slot.constant));
  return {
    run(db: Db, values: Record<Names, unknown>): Promise<QueryResult<Row>> {
      const { sql, slots } = compile(db);
      return db.executeQuery<Row>(CompiledQuery.raw(sql, parametersOf(slots, values)) as CompiledQuery<Row>);
    },
    /**
     * Runs the query at once on SQLite's own connection `sqlite` (the one under `db`; `db` only
     * compiles it) and returns its rows (none for a statement that returns none). Only when that
     * connection is the caller's to use: inside a transaction the caller holds, or when no
     * transaction is open on it (`sqlite.inTransaction` false), where a read sees what is committed.
     * Kysely runs every query through a chain of a dozen promises and closures (its connection
     * lock, connection provider, result transform): on the path of each message, that was 40 % of
     * the server's garbage per message (bench/server.ts). SQLite only: another dialect's store
     * runs these queries with `run`.
     */
    direct(db: Db, sqlite: SQLiteDatabase, values: Record<Names, unknown>): Row[] {
      const { sql, slots } = compile(db);
      let statement = prepared.get(sqlite);
      if (!statement) prepared.set(sqlite, (statement = sqlite.prepare(sql)));
      const parameters = parametersOf(slots, values);
      if (statement.reader) return statement.all(parameters) as Row[];
      statement.run(parameters);
      return [];
    },
  };
}
