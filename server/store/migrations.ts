/**
 * Schema migrations, written with Kysely's schema builder so the same steps run on SQLite (the
 * embedded default) and PostgreSQL. Append new migrations; never edit one that has shipped.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const text = 'text' as const;
const int = 'integer' as const;

const m001_initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('tenants')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('skills')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('channel', text, (c) => c.notNull())
      .addColumn('active', int, (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('scripts')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('config', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('chat_profiles')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('profile', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('pocs')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('channel', text, (c) => c.notNull())
      .addColumn('skill_id', text, (c) => c.notNull().references('skills.id'))
      .addColumn('script_id', text, (c) => c.notNull().references('scripts.id'))
      .addColumn('chat_profile_id', text, (c) => c.references('chat_profiles.id'))
      .addColumn('address', text)
      .addColumn('active', int, (c) => c.notNull().defaultTo(1))
      .addColumn('allowed_origins', text, (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('username', text, (c) => c.notNull().unique())
      .addColumn('display_name', text, (c) => c.notNull())
      .addColumn('role', text, (c) => c.notNull())
      .addColumn('password_hash', text, (c) => c.notNull())
      .addColumn('capacity', int, (c) => c.notNull().defaultTo(3))
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('agent_skills')
      .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
      .addColumn('skill_id', text, (c) => c.notNull().references('skills.id'))
      .addPrimaryKeyConstraint('agent_skills_pk', ['user_id', 'skill_id'])
      .execute();

    await db.schema
      .createTable('staff_sessions')
      .addColumn('token_hash', text, (c) => c.primaryKey())
      .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('expires_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('agent_state')
      .addColumn('user_id', text, (c) => c.primaryKey().references('users.id'))
      .addColumn('available', int, (c) => c.notNull().defaultTo(0))
      .addColumn('idle_since', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('dispositions')
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('code', text, (c) => c.notNull())
      .addColumn('label', text, (c) => c.notNull())
      .addColumn('position', int, (c) => c.notNull())
      .addPrimaryKeyConstraint('dispositions_pk', ['tenant_id', 'code'])
      .execute();

    await db.schema
      .createTable('visitors')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('poc_id', text, (c) => c.notNull().references('pocs.id'))
      .addColumn('token_hash', text, (c) => c.notNull().unique())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('conversations')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('poc_id', text, (c) => c.notNull().references('pocs.id'))
      .addColumn('skill_id', text, (c) => c.notNull().references('skills.id'))
      .addColumn('visitor_id', text, (c) => c.notNull().references('visitors.id'))
      .addColumn('customer_name', text)
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('agent_id', text, (c) => c.references('users.id'))
      .addColumn('last_seq', int, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('enqueued_at', text, (c) => c.notNull())
      .addColumn('accepted_at', text)
      .addColumn('ended_at', text)
      .addColumn('ended_by', text)
      .addColumn('closed_at', text)
      .addColumn('disposition', text)
      .addColumn('note', text)
      .execute();
    await db.schema.createIndex('conversations_status_idx').on('conversations').columns(['status', 'skill_id', 'enqueued_at']).execute();
    await db.schema.createIndex('conversations_visitor_idx').on('conversations').columns(['visitor_id', 'created_at']).execute();
    await db.schema.createIndex('conversations_agent_idx').on('conversations').columns(['agent_id', 'status']).execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('conversation_id', text, (c) => c.notNull().references('conversations.id'))
      .addColumn('seq', int, (c) => c.notNull())
      .addColumn('client_id', text, (c) => c.notNull())
      .addColumn('author', text, (c) => c.notNull())
      .addColumn('author_name', text)
      .addColumn('text', text, (c) => c.notNull())
      .addColumn('event', text)
      .addColumn('sent_at', text, (c) => c.notNull())
      .addUniqueConstraint('messages_seq_unique', ['conversation_id', 'seq'])
      .addUniqueConstraint('messages_client_unique', ['conversation_id', 'client_id'])
      .execute();

    await db.schema
      .createTable('offers')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('conversation_id', text, (c) => c.notNull().references('conversations.id'))
      .addColumn('agent_id', text, (c) => c.notNull().references('users.id'))
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('offered_at', text, (c) => c.notNull())
      .addColumn('expires_at', text, (c) => c.notNull())
      .addColumn('resolved_at', text)
      .execute();
    await db.schema.createIndex('offers_status_idx').on('offers').columns(['status', 'expires_at']).execute();
    await db.schema.createIndex('offers_conversation_idx').on('offers').columns(['conversation_id', 'agent_id']).execute();
  },
};

/** Who changed which chat profile, when, and what (field, from, to), for the POC audit history. */
const m002_profile_revisions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('profile_revisions')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('profile_id', text, (c) => c.notNull().references('chat_profiles.id'))
      .addColumn('actor_id', text, (c) => c.references('users.id'))
      .addColumn('actor_name', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('changes', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('profile_revisions_profile_idx').on('profile_revisions').columns(['profile_id', 'at']).execute();
    await db.schema.alterTable('chat_profiles').addColumn('updated_by', text).execute();
  },
};

/**
 * Read receipts: how far each side of a conversation has received (`delivered`) and shown
 * (`read`) its messages, as sequence numbers that only grow.
 */
const m003_receipts: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['customer_delivered_seq', 'customer_read_seq', 'agent_delivered_seq', 'agent_read_seq']) {
      await db.schema.alterTable('conversations').addColumn(column, 'integer', (c) => c.notNull().defaultTo(0)).execute();
    }
  },
};

/**
 * Omnichannel sessions and elevation. A conversation row is now one *interaction* of a session:
 * the chat, or a callback, email or SMS interaction an elevation created. Existing chats each get
 * a session of their own. Every email or text that leaves through a connector is recorded in
 * `outbound_messages`.
 */
const m004_sessions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sessions')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('visitor_id', text, (c) => c.notNull().references('visitors.id'))
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('completed_at', text)
      .execute();
    await db.schema.alterTable('conversations').addColumn('session_id', text, (c) => c.references('sessions.id')).execute();
    await db.schema.alterTable('conversations').addColumn('channel', text, (c) => c.notNull().defaultTo('chat')).execute();
    /** JSON: the elevation's kind, destination, window, subject, consent, origin (`ElevationDetails`). */
    await db.schema.alterTable('conversations').addColumn('elevation', text).execute();
    await db.schema.alterTable('conversations').addColumn('reference', text).execute();
    /** `customer` or `agent`: who asked for the elevation (rate limits count the customers'). */
    await db.schema.alterTable('conversations').addColumn('elevated_by', text).execute();
    /** The idempotency key of the request that created the interaction. */
    await db.schema.alterTable('conversations').addColumn('request_id', text).execute();
    /** Normalised number or address an elevation contacts, for the per-destination rate limit. */
    await db.schema.alterTable('conversations').addColumn('destination', text).execute();
    await sql`insert into sessions (id, tenant_id, visitor_id, created_at, completed_at)
      select 's_' || id, tenant_id, visitor_id, created_at, closed_at from conversations`.execute(db);
    await sql`update conversations set session_id = 's_' || id`.execute(db);
    await db.schema.createIndex('conversations_session_idx').on('conversations').columns(['session_id']).execute();
    await db.schema.createIndex('conversations_request_unique').on('conversations').column('request_id').unique().execute();
    await db.schema.createIndex('conversations_reference_unique').on('conversations').column('reference').unique().execute();
    await db.schema.createIndex('conversations_destination_idx').on('conversations').columns(['destination', 'created_at']).execute();
    await db.schema.createIndex('conversations_poc_idx').on('conversations').columns(['poc_id', 'created_at']).execute();

    await db.schema
      .createTable('outbound_messages')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('conversation_id', text, (c) => c.notNull().references('conversations.id'))
      .addColumn('client_id', text, (c) => c.notNull())
      .addColumn('channel', text, (c) => c.notNull())
      .addColumn('connector', text, (c) => c.notNull())
      .addColumn('destination', text, (c) => c.notNull())
      .addColumn('subject', text)
      .addColumn('body', text, (c) => c.notNull())
      /** sending → sent | recorded | failed */
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('provider_id', text)
      .addColumn('error', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('sent_at', text)
      .addUniqueConstraint('outbound_client_unique', ['conversation_id', 'client_id'])
      .execute();
  },
};

/**
 * Work items: an interaction with `channel = 'workitem'` carries the form's answers in
 * `work_item` (JSON `StoredWorkItem`); its files are rows of `attachments`, their bytes in the
 * data directory. `api_keys` lets other systems file work items server to server.
 */
const m005_work_items: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('conversations').addColumn('work_item', text).execute();
    await db.schema
      .createTable('attachments')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('conversation_id', text, (c) => c.notNull().references('conversations.id'))
      .addColumn('field_id', text, (c) => c.notNull())
      .addColumn('position', int, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('size', int, (c) => c.notNull())
      .addColumn('sha256', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_conversation_idx').on('attachments').columns(['conversation_id', 'position']).execute();
    await db.schema
      .createTable('api_keys')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('key_hash', text, (c) => c.notNull().unique())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('last_used_at', text)
      .addColumn('revoked_at', text)
      .execute();
  },
};

/**
 * Administration: roles an administrator makes (the built-in ones live in code), accounts that can
 * be disabled, API tokens with permissions, the registry of provisioned phone numbers (DNIS), the
 * audit history of every admin change (one row per changed field), and bulk-file jobs with each
 * row's outcome. An email address or DNIS serves one POC only.
 */
const m006_admin: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('roles')
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('id', text, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      /** JSON array of permissions. */
      .addColumn('permissions', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('roles_pk', ['tenant_id', 'id'])
      .execute();
    await db.schema.alterTable('users').addColumn('active', int, (c) => c.notNull().defaultTo(1)).execute();
    // Keys made before tokens had permissions filed work items, and only that.
    await db.schema.alterTable('api_keys').addColumn('permissions', text, (c) => c.notNull().defaultTo('["workitem.file"]')).execute();
    await db.schema.alterTable('api_keys').addColumn('created_by', text).execute();
    await db.schema
      .createTable('dnis')
      .addColumn('number', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('label', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    // Phone POCs seeded before the registry existed keep their numbers: they are provisioned.
    await sql`insert into dnis (number, tenant_id, label, created_at)
      select address, tenant_id, name, created_at from pocs where channel = 'phone' and address is not null`.execute(db);
    await sql`create unique index pocs_address_unique on pocs (channel, address) where address is not null`.execute(db);
    await db.schema.createIndex('pocs_tenant_idx').on('pocs').columns(['tenant_id', 'name']).execute();

    await db.schema
      .createTable('audit_entries')
      // A growing integer: the order of entries and the cursor of their pages.
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull())
      /** `poc`, `skill`, `script`, `dnis`, `user`, `role` or `token`. */
      .addColumn('entity', text, (c) => c.notNull())
      .addColumn('entity_id', text, (c) => c.notNull())
      .addColumn('action', text, (c) => c.notNull())
      .addColumn('field', text, (c) => c.notNull())
      .addColumn('old_value', text)
      .addColumn('new_value', text)
      .addColumn('actor_id', text)
      .addColumn('actor_name', text, (c) => c.notNull())
      /** `admin`, `bulk`, `studio` or `api`. */
      .addColumn('via', text, (c) => c.notNull())
      .addColumn('job_id', text)
      .addColumn('at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_entity_idx').on('audit_entries').columns(['entity', 'entity_id', 'id']).execute();
    await db.schema.createIndex('audit_entity_field_idx').on('audit_entries').columns(['entity', 'entity_id', 'field', 'id']).execute();
    await db.schema.createIndex('audit_entity_at_idx').on('audit_entries').columns(['entity', 'entity_id', 'at']).execute();

    await db.schema
      .createTable('bulk_jobs')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('actor_id', text)
      .addColumn('actor_name', text, (c) => c.notNull())
      .addColumn('file_name', text, (c) => c.notNull())
      .addColumn('format', text, (c) => c.notNull())
      .addColumn('mode', text, (c) => c.notNull())
      /** queued → running → done | failed */
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('total', int, (c) => c.notNull().defaultTo(0))
      .addColumn('processed', int, (c) => c.notNull().defaultTo(0))
      .addColumn('created', int, (c) => c.notNull().defaultTo(0))
      .addColumn('updated', int, (c) => c.notNull().defaultTo(0))
      .addColumn('unchanged', int, (c) => c.notNull().defaultTo(0))
      .addColumn('skipped', int, (c) => c.notNull().defaultTo(0))
      .addColumn('failed', int, (c) => c.notNull().defaultTo(0))
      .addColumn('error', text)
      .addColumn('started_at', text, (c) => c.notNull())
      .addColumn('finished_at', text)
      .execute();
    await db.schema.createIndex('bulk_jobs_tenant_idx').on('bulk_jobs').columns(['tenant_id', 'started_at']).execute();
    await db.schema
      .createTable('bulk_job_rows')
      .addColumn('job_id', text, (c) => c.notNull().references('bulk_jobs.id'))
      .addColumn('row', int, (c) => c.notNull())
      .addColumn('outcome', text, (c) => c.notNull())
      .addColumn('poc_id', text)
      .addColumn('column_name', text)
      .addColumn('reason', text)
      .addPrimaryKeyConstraint('bulk_job_rows_pk', ['job_id', 'row'])
      .execute();
  },
};

/**
 * Visitor identity: a visitor token expires (`expires_at`, pushed forward as it is used); a
 * visitor may be a customer the website owner vouched for (`verified_id`, the `sub` of the signed
 * identity, one visitor per POC and id); a chat POC may hold the secret those identities are
 * signed with (`identity_secret`, null: the POC takes no identities). Tokens already handed out
 * get the default lifetime from now, so nobody loses a chat on the upgrade.
 */
const m007_visitor_identity: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('visitors').addColumn('expires_at', text).execute();
    await db.schema.alterTable('visitors').addColumn('verified_id', text).execute();
    await db.schema.alterTable('pocs').addColumn('identity_secret', text).execute();
    const expiresAt = new Date(Date.now() + 30 * 24 * 3_600_000).toISOString();
    await sql`update visitors set expires_at = ${expiresAt}`.execute(db);
    await sql`create unique index visitors_verified_unique on visitors (poc_id, verified_id) where verified_id is not null`.execute(db);
  },
};

/**
 * Indexes for what every new customer connection and conversation reads:
 * - a visitor's chats and requests on a POC (`latestConversation`, `visitorElevations`), read on
 *   each connection and each start: SQLite otherwise took the POC's index and went through every
 *   conversation of the POC;
 * - the expected wait a queued customer is told, the mean of a skill's last answered contacts
 *   (`recentWaits`): otherwise each read scanned and sorted every conversation ever held.
 */
const m008_routing_indexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('conversations_visitor_poc_idx').on('conversations').columns(['visitor_id', 'poc_id', 'created_at']).execute();
    await db.schema.createIndex('conversations_accepted_idx').on('conversations').columns(['skill_id', 'accepted_at']).execute();
  },
};

/** All migrations in order; the Migrator applies the ones a database lacks. */
export const migrations: MigrationProvider = {
  async getMigrations() {
    return {
      '001_initial': m001_initial,
      '002_profile_revisions': m002_profile_revisions,
      '003_receipts': m003_receipts,
      '004_sessions': m004_sessions,
      '005_work_items': m005_work_items,
      '006_admin': m006_admin,
      '007_visitor_identity': m007_visitor_identity,
      '008_routing_indexes': m008_routing_indexes,
    };
  },
};
