/**
 * The store: every read and write of Parley's data, and the only place with SQL in it.
 *
 * Invariants:
 * - Queries are built with Kysely and stay within what SQLite and PostgreSQL both run, so the
 *   scale-out configuration swaps the dialect, not the code. The few on the path of every message
 *   (a message stored, its conversation looked up) are compiled by Kysely but run on SQLite's
 *   connection directly (statements.ts, `direct`); with another dialect they would run through
 *   Kysely as the others do.
 * - A message is committed before anyone is told of it; per conversation, `seq` is allocated in
 *   the same transaction as the insert, and (conversation, client id) is unique, so a re-sent
 *   message is found and returned instead of stored twice.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { ConversationEvent } from '../../src/protocol/index.js';
import { migrations } from './migrations.js';
import { Checkpointer } from './checkpointer.js';
import { cachingDatabase, reusable, type Reusable } from './statements.js';
import type {
  ApiKeyTable,
  AttachmentTable,
  ChatProfileTable,
  ConversationTable,
  Database,
  MessageTable,
  OfferTable,
  PocTable,
  SkillTable,
  UserTable,
  VisitorTable,
} from './schema.js';

export type PocRow = Selectable<PocTable>;
export type SkillRow = Selectable<SkillTable>;
export type UserRow = Selectable<UserTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type MessageRow = Selectable<MessageTable>;
export type OfferRow = Selectable<OfferTable>;
export type ChatProfileRow = Selectable<ChatProfileTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type VisitorRow = Selectable<VisitorTable>;

/**
 * Random bytes for ids, drawn from the operating system 4 KiB at a time: one system call for 256
 * ids instead of one each (every message stored takes one).
 */
const idBytes = { pool: Buffer.alloc(0), used: 0 };

/** A new random id: 128 bits, URL-safe, optionally prefixed for readability in logs. */
export function newId(prefix = ''): string {
  if (idBytes.used + 16 > idBytes.pool.length) {
    idBytes.pool = randomBytes(4096);
    idBytes.used = 0;
  }
  const id = idBytes.pool.toString('base64url', idBytes.used, idBytes.used + 16);
  idBytes.used += 16;
  return prefix + id;
}

export const now = (): string => new Date().toISOString();

/** A script config's priority, 1 (lowest) to 10; 5 when it has none or it is not valid. */
function scriptPriority(config: string): number {
  try {
    const p: unknown = (JSON.parse(config) as { priority?: unknown }).priority;
    return typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 10 ? p : 5;
  } catch {
    return 5;
  }
}

export interface NewMessage {
  clientId: string;
  author: 'customer' | 'agent' | 'system';
  authorName: string | null;
  text: string;
  event?: ConversationEvent;
}

type Db = Kysely<Database> | Transaction<Database>;

/** A message stored (or found stored under its client id), and who held its conversation then. */
export interface Appended {
  message: MessageRow;
  duplicate: boolean;
  /** The agent holding the conversation when the message was stored; null for a duplicate. */
  agentId: string | null;
}

/** A message for a conversation that does not exist: refused before anything is written. */
class NoConversation extends Error {
  constructor(conversationId: string) {
    super(`no conversation ${conversationId}`);
  }
}

/** WAL pages (4 KiB) beyond which the server's own connection checkpoints: the WAL stays below about 40 MiB. */
export const WAL_CHECKPOINT_PAGES = 10_000;

const SENDING_COLUMNS = ['id', 'visitor_id', 'channel', 'status', 'agent_id', 'customer_name'] as const satisfies readonly (keyof ConversationRow)[];
/** What sending a message reads of its conversation (`Store.conversationToSendIn`). */
export type SendingConversation = Pick<ConversationRow, (typeof SENDING_COLUMNS)[number]>;

// The queries of every message stored, built and compiled once (statements.ts).
const conversationById = reusable<'id', ConversationRow>((db, value) => db.selectFrom('conversations').selectAll().where('id', '=', value('id')));
const sendingConversationById = reusable<'id', SendingConversation>((db, value) => db.selectFrom('conversations').select(SENDING_COLUMNS).where('id', '=', value('id')));
const messageByClientId = reusable<'conversationId' | 'clientId', MessageRow>((db, value) =>
  db.selectFrom('messages').selectAll().where('conversation_id', '=', value('conversationId')).where('client_id', '=', value('clientId')),
);
const nextSeq = reusable<'id', { last_seq: number; agent_id: string | null }>((db, value) =>
  db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', value('id'))
    .returning(['last_seq', 'agent_id']),
);
const MESSAGE_COLUMNS = ['id', 'conversation_id', 'seq', 'client_id', 'author', 'author_name', 'text', 'event', 'sent_at'] as const satisfies readonly (keyof MessageRow)[];
const insertMessage = reusable<keyof MessageRow, never>((db, value) =>
  db.insertInto('messages').values(Object.fromEntries(MESSAGE_COLUMNS.map((c) => [c, value(c)])) as never),
);

export class Store {
  readonly db: Kysely<Database>;
  /** SQLite's connection under `db`, for the queries of each message stored (statements.ts, `direct`). */
  readonly #sqlite: SQLite.Database;
  /** Runs a function at once in a transaction of better-sqlite3's: committed if it returns, rolled back if it throws. */
  readonly #transactNow: <T>(fn: () => T) => T;
  readonly #checkpointer: Checkpointer;
  /** Messages to store on the next turn of the event loop (`appendMessage`). */
  readonly #appends: { conversationId: string; input: NewMessage; resolve: (value: Appended) => void; reject: (error: unknown) => void }[] = [];

  private constructor(db: Kysely<Database>, sqlite: SQLite.Database, checkpointer: Checkpointer) {
    this.db = db;
    this.#sqlite = sqlite;
    this.#transactNow = sqlite.transaction((fn: () => unknown) => fn()) as <T>(fn: () => T) => T;
    this.#checkpointer = checkpointer;
  }

  /**
   * Opens (creating if needed) `parley.sqlite` in `dataDir` and applies pending migrations.
   *
   * Journal mode WAL. With `synchronous = NORMAL` (the default) a commit survives the process
   * being killed at any point (SIGKILL included); only an operating-system crash or power loss
   * may lose the last commits before the WAL is synced. `FULL` syncs the WAL on every commit, so
   * an acknowledged message survives power loss too, at the cost of one fsync per message.
   * docs/operations.md says the same. `checkpointIntervalMs`: how often the checkpointing thread
   * runs (CHECKPOINT_INTERVAL_MS, checkpointer.ts).
   */
  static async open(dataDir: string, options: { synchronous?: 'normal' | 'full'; checkpointIntervalMs?: number } = {}): Promise<Store> {
    mkdirSync(dataDir, { recursive: true });
    const database = new SQLite(join(dataDir, 'parley.sqlite'));
    database.pragma('journal_mode = WAL');
    database.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    // The WAL is copied into the database by a thread of its own (checkpointer.ts), off the event
    // loop; this connection does it only when the WAL outgrows WAL_CHECKPOINT_PAGES (SQLite's
    // default is 1 000), should that thread fall behind or fail.
    database.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingDatabase(database) }) });
    const { error } = await new Migrator({ db, provider: migrations }).migrateToLatest();
    if (error) throw error;
    return new Store(db, database, new Checkpointer(database.name, { intervalMs: options.checkpointIntervalMs }));
  }

  async close(): Promise<void> {
    await this.#checkpointer.stop();
    await this.db.destroy();
  }

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  async ping(): Promise<boolean> {
    const row = await sql<{ one: number }>`select 1 as one`.execute(this.db);
    return row.rows[0]?.one === 1;
  }

  // --- Points of contact, skills, profiles ----------------------------------------------------

  getPoc(id: string, db: Db = this.db): Promise<PocRow | undefined> {
    return db.selectFrom('pocs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getSkill(id: string): Promise<SkillRow | undefined> {
    return this.db.selectFrom('skills').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getChatProfile(id: string): Promise<ChatProfileRow | undefined> {
    return this.db.selectFrom('chat_profiles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** POCs of a tenant that have a profile (chat and work-item POCs), by name. */
  profilePocs(tenantId: string, channels: readonly string[] = ['chat', 'workitem']): Promise<PocRow[]> {
    return this.db.selectFrom('pocs').selectAll().where('tenant_id', '=', tenantId).where('channel', 'in', [...channels]).orderBy('name').orderBy('id').execute();
  }

  /**
   * Saves a chat profile document and records the revision (who, when, which fields changed) in
   * one transaction, with whatever else `alongside` writes (the POC's audit entries).
   */
  async saveChatProfile(
    profileId: string,
    document: string,
    actor: { id: string; name: string },
    changes: unknown[],
    alongside?: (trx: Transaction<Database>) => Promise<void>,
  ): Promise<ChatProfileRow> {
    return this.transaction(async (trx) => {
      await alongside?.(trx);
      const at = now();
      await trx.updateTable('chat_profiles').set({ profile: document, updated_at: at, updated_by: actor.name }).where('id', '=', profileId).execute();
      await trx
        .insertInto('profile_revisions')
        .values({ id: newId('r_'), profile_id: profileId, actor_id: actor.id, actor_name: actor.name, at, changes: JSON.stringify(changes) })
        .execute();
      return (await trx.selectFrom('chat_profiles').selectAll().where('id', '=', profileId).executeTakeFirst())!;
    });
  }

  /** The latest revisions of a chat profile, newest first. */
  profileRevisions(profileId: string, limit = 50) {
    return this.db.selectFrom('profile_revisions').selectAll().where('profile_id', '=', profileId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Names of POCs by id, for offers and conversation lists. */
  async pocNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('pocs').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // --- Staff ----------------------------------------------------------------------------------

  getUserByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  getUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async createStaffSession(userId: string, tokenHash: string, expiresAt: string): Promise<void> {
    await this.db.insertInto('staff_sessions').values({ token_hash: tokenHash, user_id: userId, created_at: now(), expires_at: expiresAt }).execute();
  }

  /** The user behind an unexpired staff session. */
  async userForSession(tokenHash: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('staff_sessions')
      .innerJoin('users', 'users.id', 'staff_sessions.user_id')
      .selectAll('users')
      .where('staff_sessions.token_hash', '=', tokenHash)
      .where('staff_sessions.expires_at', '>', now())
      .executeTakeFirst();
  }

  async deleteStaffSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
  }

  // --- Agents ---------------------------------------------------------------------------------

  async agentState(userId: string): Promise<{ available: boolean; idleSince: string }> {
    const row = await this.db.selectFrom('agent_state').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row ? { available: row.available === 1, idleSince: row.idle_since } : { available: false, idleSince: now() };
  }

  async setAgentAvailable(userId: string, available: boolean): Promise<void> {
    const at = now();
    await this.db
      .insertInto('agent_state')
      .values({ user_id: userId, available: available ? 1 : 0, idle_since: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ available: available ? 1 : 0, idle_since: at }))
      .execute();
  }

  /** Marks the agent as free from now (after a chat closes), for longest-idle-first routing. */
  async touchAgentIdle(userId: string, db: Db = this.db): Promise<void> {
    await db.updateTable('agent_state').set({ idle_since: now() }).where('user_id', '=', userId).execute();
  }

  async agentSkillIds(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('agent_skills').select('skill_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.skill_id);
  }

  /**
   * Agents who may take a contact on `skillId`, whatever their load: among `onlineAgentIds`,
   * active, available and holding the (active) skill; longest idle first, then by id. Routing
   * keeps their loads itself (routing/agent-load.ts).
   */
  async availableAgents(skillId: string, onlineAgentIds: readonly string[]): Promise<{ id: string; capacity: number }[]> {
    if (onlineAgentIds.length === 0) return [];
    return this.db
      .selectFrom('users')
      .innerJoin('agent_state', 'agent_state.user_id', 'users.id')
      .innerJoin('agent_skills', 'agent_skills.user_id', 'users.id')
      .innerJoin('skills', 'skills.id', 'agent_skills.skill_id')
      .select(['users.id', 'users.capacity'])
      .where('users.id', 'in', [...onlineAgentIds])
      .where('users.active', '=', 1)
      .where('agent_state.available', '=', 1)
      .where('agent_skills.skill_id', '=', skillId)
      .where('skills.active', '=', 1)
      .orderBy('agent_state.idle_since', 'asc')
      .orderBy('users.id', 'asc')
      .execute();
  }

  /**
   * Contacts per agent: conversations held (active or in wrap-up) plus pending offers. Agents
   * with none are left out; ordered by agent id.
   */
  async agentLoads(): Promise<Map<string, number>> {
    const held = await this.db
      .selectFrom('conversations')
      .select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['active', 'wrapup'])
      .where('agent_id', 'is not', null)
      .groupBy('agent_id')
      .execute();
    const offered = await this.db
      .selectFrom('offers')
      .select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'pending')
      .groupBy('agent_id')
      .execute();
    const loads = new Map<string, number>();
    for (const row of [...held, ...offered]) loads.set(row.agent_id!, (loads.get(row.agent_id!) ?? 0) + Number(row.n));
    return new Map([...loads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Whether one of `onlineAgentIds` is available and holds the (active) skill, busy or not. */
  async anyoneOnDuty(skillId: string, onlineAgentIds: readonly string[]): Promise<boolean> {
    if (onlineAgentIds.length === 0) return false;
    const row = await this.db
      .selectFrom('agent_state')
      .innerJoin('agent_skills', 'agent_skills.user_id', 'agent_state.user_id')
      .innerJoin('skills', 'skills.id', 'agent_skills.skill_id')
      .select('agent_state.user_id')
      .where('agent_state.user_id', 'in', [...onlineAgentIds])
      .where('agent_state.available', '=', 1)
      .where('agent_skills.skill_id', '=', skillId)
      .where('skills.active', '=', 1)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async dispositions(tenantId: string): Promise<{ code: string; label: string }[]> {
    return this.db
      .selectFrom('dispositions')
      .select(['code', 'label'])
      .where('tenant_id', '=', tenantId)
      .orderBy('position')
      .execute();
  }

  // --- Visitors -------------------------------------------------------------------------------

  /** The visitor holding the token of this hash, whatever its POC or expiry (the caller checks both). */
  findVisitor(tokenHash: string): Promise<VisitorRow | undefined> {
    return this.db.selectFrom('visitors').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** The visitor of a POC the website owner identified as `verifiedId`, if it came before. */
  findVerifiedVisitor(pocId: string, verifiedId: string): Promise<VisitorRow | undefined> {
    return this.db.selectFrom('visitors').selectAll().where('poc_id', '=', pocId).where('verified_id', '=', verifiedId).executeTakeFirst();
  }

  /**
   * Creates a visitor; `expiresAt` is when its token stops being accepted (null: never accepted),
   * `verifiedId` the website owner's id for a verified visitor (unique per POC).
   */
  async createVisitor(tenantId: string, pocId: string, tokenHash: string, more: { expiresAt?: string | null; verifiedId?: string | null } = {}): Promise<string> {
    const id = newId('v_');
    await this.db
      .insertInto('visitors')
      .values({ id, tenant_id: tenantId, poc_id: pocId, token_hash: tokenHash, created_at: now(), expires_at: more.expiresAt ?? null, verified_id: more.verifiedId ?? null })
      .execute();
    return id;
  }

  /** Gives a visitor a new token (the old one stops working) valid until `expiresAt`. */
  async replaceVisitorToken(visitorId: string, tokenHash: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('visitors').set({ token_hash: tokenHash, expires_at: expiresAt }).where('id', '=', visitorId).execute();
  }

  /** The website owner's ids of those of these visitors that are verified, by visitor id. */
  async verifiedIds(visitorIds: readonly string[]): Promise<Map<string, string>> {
    if (visitorIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('visitors').select(['id', 'verified_id']).where('id', 'in', [...new Set(visitorIds)]).where('verified_id', 'is not', null).execute();
    return new Map(rows.map((r) => [r.id, r.verified_id!]));
  }

  /** Pushes a visitor token's expiry forward (it was just used). */
  async extendVisitor(visitorId: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('visitors').set({ expires_at: expiresAt }).where('id', '=', visitorId).execute();
  }

  // --- Conversations and messages -------------------------------------------------------------

  /**
   * A conversation by id. Read at once when no transaction is open on SQLite's connection
   * (statements.ts, `direct`): it then reads what is committed, as the same query through Kysely
   * would.
   */
  async getConversation(id: string, db: Db = this.db): Promise<ConversationRow | undefined> {
    return this.#first(conversationById, { id }, db);
  }

  /**
   * The columns of a conversation that sending a message in it reads (every message sent looks
   * its conversation up first), read as `getConversation` reads. A whole row, 30 columns, costs
   * about 3.4 kB of garbage to read; these six, about 0.3 kB.
   */
  async conversationToSendIn(id: string): Promise<SendingConversation | undefined> {
    return this.#first(sendingConversationById, { id });
  }

  /**
   * The first row of a hot-path read: at once on SQLite's connection when the store's own
   * connection is asked and no transaction is open on it (it then reads what is committed, as the
   * same query through Kysely would), else through `db` (a transaction's reads stay in it).
   */
  async #first<Names extends string, Row>(query: Reusable<Names, Row>, values: Record<Names, unknown>, db: Db = this.db): Promise<Row | undefined> {
    if (db === this.db && !this.#sqlite.inTransaction) return this.#direct(query, values)[0];
    return (await query.run(db, values)).rows[0];
  }

  /** Runs `query` at once on SQLite's connection (statements.ts, `direct`). */
  #direct<Names extends string, Row>(query: Reusable<Names, Row>, values: Record<Names, unknown>): Row[] {
    return query.direct(this.db, this.#sqlite, values);
  }

  /** The visitor's most recent chat on a POC. */
  latestConversation(visitorId: string, pocId: string): Promise<ConversationRow | undefined> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('poc_id', '=', pocId)
      .where('channel', '=', 'chat')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Creates a queued chat in a new session, with its first message when given, in one transaction. */
  createConversation(
    input: { tenantId: string; pocId: string; skillId: string; visitorId: string; customerName: string | null },
    first: NewMessage | null,
  ): Promise<{ conversation: ConversationRow; messages: MessageRow[] }> {
    return this.createInteraction({ ...input, sessionId: null, channel: 'chat' }, first);
  }

  /**
   * Creates an interaction — queued, or already held when `agentId` is given — in the session
   * `sessionId`, or in a new session of the visitor when that is null; with its first message
   * when given; all in one transaction.
   */
  async createInteraction(
    input: {
      tenantId: string;
      pocId: string;
      skillId: string;
      /** Null: a visitor of its own, made in the same transaction, whose token nobody holds (a web form's). */
      visitorId: string | null;
      customerName: string | null;
      sessionId: string | null;
      channel: string;
      elevation?: string | null;
      reference?: string | null;
      elevatedBy?: 'customer' | 'agent' | null;
      requestId?: string | null;
      destination?: string | null;
      agentId?: string | null;
      /** JSON `StoredWorkItem` of a work item. */
      workItem?: string | null;
      /** A work item's files, already in the data directory under their ids. */
      attachments?: Omit<AttachmentRow, 'conversation_id' | 'created_at'>[];
    },
    first: NewMessage | null,
  ): Promise<{ conversation: ConversationRow; messages: MessageRow[] }> {
    return this.transaction(async (trx) => {
      const at = now();
      const id = newId('c_');
      let visitorId = input.visitorId;
      if (visitorId === null) {
        visitorId = newId('v_');
        // A random value where a token's hash would be: unique, and no token hashes to it.
        await trx.insertInto('visitors').values({ id: visitorId, tenant_id: input.tenantId, poc_id: input.pocId, token_hash: newId('none_'), created_at: at }).execute();
      }
      let sessionId = input.sessionId;
      if (sessionId === null) {
        sessionId = newId('s_');
        await trx.insertInto('sessions').values({ id: sessionId, tenant_id: input.tenantId, visitor_id: visitorId, created_at: at, completed_at: null }).execute();
      } else {
        // A new interaction reopens a session that was complete.
        await trx.updateTable('sessions').set({ completed_at: null }).where('id', '=', sessionId).execute();
      }
      const held = input.agentId ? { status: 'active', agent_id: input.agentId, accepted_at: at } : { status: 'queued', agent_id: null, accepted_at: null };
      await trx
        .insertInto('conversations')
        .values({
          id,
          tenant_id: input.tenantId,
          session_id: sessionId,
          channel: input.channel,
          elevation: input.elevation ?? null,
          reference: input.reference ?? null,
          elevated_by: input.elevatedBy ?? null,
          request_id: input.requestId ?? null,
          destination: input.destination ?? null,
          poc_id: input.pocId,
          skill_id: input.skillId,
          visitor_id: visitorId,
          customer_name: input.customerName,
          ...held,
          last_seq: 0,
          created_at: at,
          enqueued_at: at,
          ended_at: null,
          ended_by: null,
          closed_at: null,
          disposition: null,
          note: null,
          work_item: input.workItem ?? null,
        })
        .execute();
      if (input.attachments?.length) {
        await trx.insertInto('attachments').values(input.attachments.map((a) => ({ ...a, conversation_id: id, created_at: at }))).execute();
      }
      const messages = first ? [(await this.appendMessage(id, first, trx)).message] : [];
      const conversation = (await this.getConversation(id, trx))!;
      return { conversation, messages };
    });
  }

  // --- Sessions and elevations ----------------------------------------------------------------

  getSession(id: string) {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The interactions of a session, oldest first. */
  sessionInteractions(sessionId: string): Promise<ConversationRow[]> {
    return this.db.selectFrom('conversations').selectAll().where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute();
  }

  /**
   * Marks a session complete (every interaction in it closed) or not complete (one is open), if
   * it is not so already. Returns the session row after the change.
   */
  async settleSession(sessionId: string, complete: boolean) {
    await this.db
      .updateTable('sessions')
      .set({ completed_at: complete ? now() : null })
      .where('id', '=', sessionId)
      .where('completed_at', complete ? 'is' : 'is not', null)
      .execute();
    return this.getSession(sessionId);
  }

  /** Marks complete every session whose interactions are all closed (start-up repair). */
  async settleOpenSessions(): Promise<number> {
    const result = await this.db
      .updateTable('sessions')
      .set({ completed_at: now() })
      .where('completed_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('conversations').select('id').whereRef('conversations.session_id', '=', 'sessions.id').where('status', '!=', 'closed'))))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The interaction a request created, by its idempotency key. */
  findByRequestId(requestId: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom('conversations').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  }

  /** Whether an elevation reference is taken. */
  async referenceTaken(reference: string): Promise<boolean> {
    return (await this.db.selectFrom('conversations').select('id').where('reference', '=', reference).executeTakeFirst()) !== undefined;
  }

  /**
   * Customer-made elevation requests since `since`, matching one filter, oldest first: what the
   * rate limits count.
   */
  customerElevationsSince(filter: { destination?: string; pocId?: string; visitorId?: string }, since: string): Promise<{ created_at: string }[]> {
    let q = this.db
      .selectFrom('conversations')
      .select('created_at')
      .where('elevated_by', '=', 'customer')
      .where('created_at', '>', since);
    if (filter.destination) q = q.where('destination', '=', filter.destination);
    if (filter.pocId) q = q.where('poc_id', '=', filter.pocId);
    if (filter.visitorId) q = q.where('visitor_id', '=', filter.visitorId);
    return q.orderBy('created_at').execute();
  }

  /** A visitor's elevated interactions on a POC since `since`, oldest first. */
  visitorElevations(visitorId: string, pocId: string, since: string): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('poc_id', '=', pocId)
      .where('elevation', 'is not', null)
      .where('created_at', '>', since)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** Seconds waited (enqueued → accepted) by the last `limit` answered contacts of a skill. */
  async recentWaits(skillId: string, limit = 20): Promise<number[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(['enqueued_at', 'accepted_at'])
      .where('skill_id', '=', skillId)
      .where('accepted_at', 'is not', null)
      .orderBy('accepted_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => Math.max(0, (Date.parse(r.accepted_at!) - Date.parse(r.enqueued_at)) / 1000));
  }

  getScript(id: string) {
    return this.db.selectFrom('scripts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // --- Work items ------------------------------------------------------------------------------

  /** The files of work items, in the order they were attached, for each conversation id. */
  async attachmentsOf(conversationIds: readonly string[]): Promise<Map<string, AttachmentRow[]>> {
    const byConversation = new Map<string, AttachmentRow[]>();
    if (conversationIds.length === 0) return byConversation;
    const rows = await this.db
      .selectFrom('attachments')
      .selectAll()
      .where('conversation_id', 'in', [...new Set(conversationIds)])
      .orderBy('conversation_id')
      .orderBy('position')
      .execute();
    for (const row of rows) byConversation.set(row.conversation_id, [...(byConversation.get(row.conversation_id) ?? []), row]);
    return byConversation;
  }

  getAttachment(id: string): Promise<AttachmentRow | undefined> {
    return this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every attachment id, to find files in the data directory that no row names (start-up tidy). */
  async attachmentIds(): Promise<Set<string>> {
    return new Set((await this.db.selectFrom('attachments').select('id').execute()).map((r) => r.id));
  }

  /** A new key; by default one that files work items only (what the command line makes). */
  async createApiKey(
    tenantId: string,
    name: string,
    keyHash: string,
    options: { permissions?: readonly string[]; createdBy?: string | null } = {},
    db: Db = this.db,
  ): Promise<ApiKeyRow> {
    const row: ApiKeyRow = {
      id: newId('k_'),
      tenant_id: tenantId,
      name,
      key_hash: keyHash,
      created_at: now(),
      last_used_at: null,
      revoked_at: null,
      permissions: JSON.stringify(options.permissions ?? ['workitem.file']),
      created_by: options.createdBy ?? null,
    };
    await db.insertInto('api_keys').values(row).execute();
    return row;
  }

  /** The unrevoked key with this hash. */
  findApiKey(keyHash: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
  }

  async touchApiKey(id: string): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: now() }).where('id', '=', id).execute();
  }

  /** Revokes a key by id or name within a tenant; returns how many keys were revoked. */
  async revokeApiKey(tenantId: string, idOrName: string): Promise<number> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: now() })
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  apiKeys(tenantId: string): Promise<ApiKeyRow[]> {
    return this.db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute();
  }

  // --- Outbound email and texts ---------------------------------------------------------------

  findOutbound(conversationId: string, clientId: string) {
    return this.db.selectFrom('outbound_messages').selectAll().where('conversation_id', '=', conversationId).where('client_id', '=', clientId).executeTakeFirst();
  }

  /** Records an email or text about to be sent (status `sending`), or returns the one recorded. */
  async recordOutbound(input: { conversationId: string; clientId: string; channel: string; connector: string; destination: string; subject: string | null; body: string }) {
    const existing = await this.findOutbound(input.conversationId, input.clientId);
    if (existing) return existing;
    const row = {
      id: newId('ob_'),
      conversation_id: input.conversationId,
      client_id: input.clientId,
      channel: input.channel,
      connector: input.connector,
      destination: input.destination,
      subject: input.subject,
      body: input.body,
      status: 'sending',
      provider_id: null,
      error: null,
      created_at: now(),
      sent_at: null,
    };
    // Two sends of one client id at once: the unique (conversation, client id) lets one insert.
    const inserted = await this.db.insertInto('outbound_messages').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? row : (await this.findOutbound(input.conversationId, input.clientId))!;
  }

  async settleOutbound(id: string, result: { status: 'sent' | 'recorded' | 'failed'; providerId?: string | null; error?: string | null }): Promise<void> {
    await this.db
      .updateTable('outbound_messages')
      .set({ status: result.status, provider_id: result.providerId ?? null, error: result.error ?? null, sent_at: result.status === 'failed' ? null : now() })
      .where('id', '=', id)
      .execute();
  }

  /** Outbound messages, newest first (for tests, operators and the recording SMS connector). */
  outbound(filter: { channel?: string; conversationId?: string } = {}) {
    let q = this.db.selectFrom('outbound_messages').selectAll();
    if (filter.channel) q = q.where('channel', '=', filter.channel);
    if (filter.conversationId) q = q.where('conversation_id', '=', filter.conversationId);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  }

  /**
   * Stores a message with the next sequence number, or returns the one already stored under the
   * same client id (`duplicate: true`). With `trx`, at once inside it (on SQLite's connection,
   * which `trx` holds). Otherwise the messages asked for in one turn of the event loop are stored
   * together, in asking order, in one transaction (one commit for all: the commit, not the insert,
   * is what a message costs), and each promise settles once that transaction is committed.
   */
  async appendMessage(conversationId: string, input: NewMessage, trx?: Transaction<Database>): Promise<Appended> {
    if (trx) return this.#append(conversationId, input);
    return new Promise((resolve, reject) => {
      this.#appends.push({ conversationId, input, resolve, reject });
      if (this.#appends.length === 1) setImmediate(() => void this.#storeAppends());
    });
  }

  /** Stores the messages waiting in `#appends` in one transaction and settles their promises. */
  async #storeAppends(): Promise<void> {
    const batch = this.#appends.splice(0);
    try {
      // With no transaction open on SQLite's connection, the batch's is begun, written and
      // committed within this turn of the event loop, so no other query can come between its
      // statements (the store holds the connection from one turn to the next only inside a
      // transaction); otherwise it waits, in a transaction of Kysely's, for that one to end.
      const outcomes = this.#sqlite.inTransaction ? await this.transaction(async () => this.#appendAll(batch)) : this.#transactNow(() => this.#appendAll(batch));
      outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.value) : batch[i].reject(outcome.error)));
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  /** Stores a batch of messages, inside a transaction the caller holds; an exception rolls it all back. */
  #appendAll(batch: readonly { conversationId: string; input: NewMessage }[]): ({ ok: true; value: Appended } | { ok: false; error: unknown })[] {
    const settled: ({ ok: true; value: Appended } | { ok: false; error: unknown })[] = [];
    for (const { conversationId, input } of batch) {
      try {
        settled.push({ ok: true, value: this.#append(conversationId, input) });
      } catch (error) {
        // Refused before anything was written (no such conversation): the others go on.
        // Anything else rolls the whole transaction back, and every message fails.
        if (!(error instanceof NoConversation)) throw error;
        settled.push({ ok: false, error });
      }
    }
    return settled;
  }

  /**
   * Stores one message at once, on SQLite's connection (statements.ts, `direct`): only inside a
   * transaction that holds it.
   */
  #append(conversationId: string, input: NewMessage): Appended {
    const existing = this.#direct(messageByClientId, { conversationId, clientId: input.clientId })[0];
    if (existing) return { message: existing, duplicate: true, agentId: null };
    const numbered = this.#direct(nextSeq, { id: conversationId })[0];
    if (!numbered) throw new NoConversation(conversationId);
    const seq = numbered.last_seq;
    const message: MessageRow = {
      id: newId('m_'),
      conversation_id: conversationId,
      seq,
      client_id: input.clientId,
      author: input.author,
      author_name: input.authorName,
      text: input.text,
      event: input.event ? JSON.stringify(input.event) : null,
      sent_at: now(),
    };
    this.#direct(insertMessage, message);
    // Who holds the conversation as the message is stored (read in the same transaction): the
    // agent to tell, without reading the conversation again.
    return { message, duplicate: false, agentId: numbered.agent_id };
  }

  /**
   * Raises one side's receipt marks (never lowers them; `read` also raises `delivered`). Returns
   * the row after the change, or null when nothing moved.
   */
  async raiseReceipts(conversationId: string, side: 'customer' | 'agent', delivered: number, read: number): Promise<ConversationRow | null> {
    const d = side === 'customer' ? 'customer_delivered_seq' : 'agent_delivered_seq';
    const r = side === 'customer' ? 'customer_read_seq' : 'agent_read_seq';
    const mark = Math.max(delivered, read);
    const row = await this.db
      .updateTable('conversations')
      .set({ [d]: sql`max(${sql.ref(d)}, ${mark})`, [r]: sql`max(${sql.ref(r)}, ${read})` })
      .where('id', '=', conversationId)
      .where((eb) => eb.or([eb(d, '<', mark), eb(r, '<', read)]))
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  /** The message stored under a client id in a conversation, if any. */
  async findMessage(conversationId: string, clientId: string, db: Db = this.db): Promise<MessageRow | undefined> {
    return (await messageByClientId.run(db, { conversationId, clientId })).rows[0];
  }

  /** Messages after `afterSeq`, in order, at most `limit`. */
  messagesAfter(conversationId: string, afterSeq: number, limit = 1000): Promise<MessageRow[]> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** The first customer message of a conversation (an offer's preview). */
  async firstCustomerText(conversationId: string): Promise<string> {
    const row = await this.db
      .selectFrom('messages')
      .select('text')
      .where('conversation_id', '=', conversationId)
      .where('author', '=', 'customer')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    return row?.text ?? '';
  }

  async updateConversation(id: string, patch: Updateable<ConversationTable>, db: Db = this.db): Promise<ConversationRow> {
    await db.updateTable('conversations').set(patch).where('id', '=', id).execute();
    return (await this.getConversation(id, db))!;
  }

  /** Moves a conversation from one status to another only if it is still in `from`. */
  async transition(id: string, from: readonly string[], patch: Updateable<ConversationTable>, db: Db = this.db): Promise<ConversationRow | null> {
    const result = await db.updateTable('conversations').set(patch).where('id', '=', id).where('status', 'in', [...from]).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    return (await this.getConversation(id, db))!;
  }

  /**
   * Waiting conversations in queue order: by their POC's script priority (10 first), then oldest
   * first. The priority is read from the script's JSON here rather than in SQL, so the query
   * stays the same on SQLite and PostgreSQL.
   */
  async queued(): Promise<ConversationRow[]> {
    const rows = await this.db.selectFrom('conversations').selectAll().where('status', '=', 'queued').orderBy('enqueued_at').orderBy('id').execute();
    if (rows.length < 2) return rows;
    const scripts = await this.db
      .selectFrom('pocs')
      .innerJoin('scripts', 'scripts.id', 'pocs.script_id')
      .select(['pocs.id', 'scripts.config'])
      .where('pocs.id', 'in', [...new Set(rows.map((r) => r.poc_id))])
      .execute();
    const priority = new Map(scripts.map((s) => [s.id, scriptPriority(s.config)]));
    // Array#sort is stable: equal priorities keep the oldest-first order.
    return rows.sort((a, b) => (priority.get(b.poc_id) ?? 5) - (priority.get(a.poc_id) ?? 5));
  }

  heldBy(agentId: string): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where('agent_id', '=', agentId)
      .where('status', 'in', ['active', 'wrapup'])
      .orderBy('accepted_at')
      .execute();
  }

  // --- Offers ---------------------------------------------------------------------------------

  async createOffer(conversationId: string, agentId: string, ttlMs: number): Promise<OfferRow> {
    return (await this.createOffers([{ conversationId, agentId }], ttlMs))[0];
  }

  /** Pending offers, each open for `ttlMs`, all in one transaction (one routing pass's decisions). */
  async createOffers(decisions: readonly { conversationId: string; agentId: string }[], ttlMs: number): Promise<OfferRow[]> {
    const offeredAt = new Date();
    const offers = decisions.map(({ conversationId, agentId }): OfferRow => ({
      id: newId('o_'),
      conversation_id: conversationId,
      agent_id: agentId,
      status: 'pending',
      offered_at: offeredAt.toISOString(),
      expires_at: new Date(offeredAt.getTime() + ttlMs).toISOString(),
      resolved_at: null,
    }));
    if (offers.length === 0) return offers;
    // A few hundred rows per statement at most: SQLite limits the values one statement binds.
    await this.transaction(async (trx) => {
      for (let i = 0; i < offers.length; i += 100) await trx.insertInto('offers').values(offers.slice(i, i + 100)).execute();
    });
    return offers;
  }

  getOffer(id: string, db: Db = this.db): Promise<OfferRow | undefined> {
    return db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Closes a pending offer with `status`; false when it was no longer pending. */
  async resolveOffer(id: string, status: 'accepted' | 'declined' | 'expired' | 'withdrawn', db: Db = this.db): Promise<boolean> {
    const result = await db
      .updateTable('offers')
      .set({ status, resolved_at: now() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  pendingOffers(filter: { conversationId?: string; agentId?: string; expiredBefore?: string } = {}): Promise<OfferRow[]> {
    let q = this.db.selectFrom('offers').selectAll().where('status', '=', 'pending');
    if (filter.conversationId) q = q.where('conversation_id', '=', filter.conversationId);
    if (filter.agentId) q = q.where('agent_id', '=', filter.agentId);
    if (filter.expiredBefore) q = q.where('expires_at', '<=', filter.expiredBefore);
    return q.orderBy('offered_at').execute();
  }

  /** Agents who declined or let expire an offer of this conversation since `since`. */
  async refusedBy(conversationId: string, since: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('offers')
      .select('agent_id')
      .where('conversation_id', '=', conversationId)
      .where('status', 'in', ['declined', 'expired'])
      .where('resolved_at', '>', since)
      .execute();
    return new Set(rows.map((r) => r.agent_id));
  }

  /**
   * On start-up no agent is connected: offers left open by the last run are void. They are marked
   * `withdrawn`, not `expired`: the agent did not let them lapse, so it must not count as a refusal
   * (`refusedBy`) that keeps the contact away from that agent for the cool-down.
   */
  async withdrawAllPendingOffers(): Promise<number> {
    const result = await this.db.updateTable('offers').set({ status: 'withdrawn', resolved_at: now() }).where('status', '=', 'pending').executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Every skill of a tenant, deactivated ones included, by channel, name and id: what the studio
   * lists and checks a profile's elevations against, and (active ones) what agents elevate to.
   */
  allTenantSkills(tenantId: string): Promise<SkillRow[]> {
    return this.db.selectFrom('skills').selectAll().where('tenant_id', '=', tenantId).orderBy('channel').orderBy('name').orderBy('id').execute();
  }
}
