/**
 * Table types of the store. Column names are snake_case as in SQL; every timestamp is an ISO 8601
 * string in UTC (sortable as text on SQLite and PostgreSQL alike), every boolean an integer 0/1.
 */
import type { Generated } from 'kysely';

export interface TenantTable {
  id: string;
  name: string;
  created_at: string;
}

export interface SkillTable {
  id: string;
  tenant_id: string;
  name: string;
  channel: string;
  active: number;
  created_at: string;
}

export interface ScriptTable {
  id: string;
  tenant_id: string;
  name: string;
  /** JSON: business hours with time zone, greeting, priority, closed and long-wait behaviour. */
  config: string;
  created_at: string;
}

export interface ChatProfileTable {
  id: string;
  tenant_id: string;
  name: string;
  /** JSON document following the chat-profile schema (`ChatProfile`). */
  profile: string;
  updated_at: string;
  /** Display name of who saved it last (null for the seed). */
  updated_by: string | null;
}

export interface ProfileRevisionTable {
  id: string;
  profile_id: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
  /** JSON array of `{ field, from, to }`. */
  changes: string;
}

export interface PocTable {
  id: string;
  tenant_id: string;
  name: string;
  channel: string;
  skill_id: string;
  script_id: string;
  chat_profile_id: string | null;
  /** Email address for email POCs, DNIS for phone POCs. */
  address: string | null;
  active: number;
  /** JSON array of allowed website origins (server/pocs/origins.ts); empty: only Parley's own pages and the deployment-wide origins. */
  allowed_origins: string;
  created_at: string;
  /** HS256 key the website owner signs visitors' identities with; null: identities are refused. Never shown again after it is made. */
  identity_secret: string | null;
}

export interface UserTable {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  /** A built-in role id (`admin`, `marketer`, `agent`) or one of the tenant's `roles`. */
  role: string;
  password_hash: string;
  capacity: number;
  created_at: string;
  /** 0: disabled, cannot sign in. */
  active: Generated<number>;
}

/** A role an administrator made (the built-in ones are in server/auth/permissions.ts). */
export interface RoleTable {
  tenant_id: string;
  id: string;
  name: string;
  /** JSON array of `Permission`. */
  permissions: string;
  created_at: string;
}

/** A provisioned inbound phone number (E.164); a phone POC may only use one of these. */
export interface DnisTable {
  number: string;
  tenant_id: string;
  label: string;
  created_at: string;
}

/** One changed field of one admin change: who, when, from what to what. */
export interface AuditEntryTable {
  id: Generated<number>;
  tenant_id: string;
  entity: string;
  entity_id: string;
  action: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  actor_id: string | null;
  actor_name: string;
  via: string;
  job_id: string | null;
  at: string;
}

export interface BulkJobTable {
  id: string;
  tenant_id: string;
  actor_id: string | null;
  actor_name: string;
  file_name: string;
  format: string;
  mode: string;
  status: string;
  total: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  skipped: Generated<number>;
  failed: Generated<number>;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface BulkJobRowTable {
  job_id: string;
  row: number;
  outcome: string;
  poc_id: string | null;
  column_name: string | null;
  reason: string | null;
}

export interface AgentSkillTable {
  user_id: string;
  skill_id: string;
}

export interface StaffSessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AgentStateTable {
  user_id: string;
  available: number;
  /** When the agent last became free; the longest idle agent is offered first. */
  idle_since: string;
}

export interface DispositionTable {
  tenant_id: string;
  code: string;
  label: string;
  position: number;
}

export interface VisitorTable {
  id: string;
  tenant_id: string;
  poc_id: string;
  token_hash: string;
  created_at: string;
  /** When the token stops being accepted; pushed forward as it is used. Null: never accepted (a web form's visitor). */
  expires_at: string | null;
  /** The website owner's id for this customer, from a signed identity (docs/widget.md); null: anonymous. */
  verified_id: string | null;
}

export interface SessionTable {
  id: string;
  tenant_id: string;
  visitor_id: string;
  created_at: string;
  /** Set when the last of its interactions closed (wrap-up and disposition done). */
  completed_at: string | null;
}

/**
 * One interaction of a session: a chat, or the callback (voice), email or SMS interaction an
 * elevation created. Only chats carry customer messages; an email or SMS interaction's messages
 * are what the agent sent out (and, for an email request, the customer's message).
 */
export interface ConversationTable {
  id: string;
  tenant_id: string;
  session_id: string;
  /** `chat`, `voice`, `email` or `sms`. */
  channel: Generated<string>;
  /** JSON `ElevationDetails` for an interaction an elevation created, else null. */
  elevation: string | null;
  /** The reference the customer was given (`CB-7K3M9Q`), for elevations. */
  reference: string | null;
  /** `customer` or `agent` for elevations: who asked. */
  elevated_by: string | null;
  /** Idempotency key of the request that created it. */
  request_id: string | null;
  /** Normalised number or address an elevation contacts. */
  destination: string | null;
  poc_id: string;
  skill_id: string;
  visitor_id: string;
  customer_name: string | null;
  /** queued → active → wrapup → closed (queued may go straight to closed). */
  status: string;
  agent_id: string | null;
  last_seq: number;
  /** Receipts (see `Receipts` in the protocol): each side's delivered and read marks. */
  customer_delivered_seq: Generated<number>;
  customer_read_seq: Generated<number>;
  agent_delivered_seq: Generated<number>;
  agent_read_seq: Generated<number>;
  created_at: string;
  enqueued_at: string;
  accepted_at: string | null;
  ended_at: string | null;
  ended_by: string | null;
  closed_at: string | null;
  disposition: string | null;
  note: string | null;
  /** JSON `StoredWorkItem` for a work item, else null. */
  work_item: string | null;
}

/** A work item's answers as stored: the form's title then, where it came from, every answer. */
export interface StoredWorkItem {
  title: string;
  source: 'web' | 'chat' | 'api';
  fields: { id: string; type: string; label: string; value: string | boolean | null }[];
  replyTo: string | null;
}

/** A file attached to a work item; its bytes are `attachments/<id>` in the data directory. */
export interface AttachmentTable {
  id: string;
  conversation_id: string;
  /** The file field it was attached to, and its place among all the item's files. */
  field_id: string;
  position: number;
  /** As the customer's device named it; shown, never used as a path. */
  name: string;
  /** Decided from the content (one of `ATTACHMENT_TYPES`). */
  type: string;
  size: number;
  sha256: string;
  created_at: string;
}

/** An API token (`Authorization: Bearer …`): files work items, or automates admin calls, as its permissions say; stored hashed. */
export interface ApiKeyTable {
  id: string;
  tenant_id: string;
  name: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** JSON array of `Permission`. */
  permissions: Generated<string>;
  /** Display name of who made it (null for keys made on the command line). */
  created_by: string | null;
}

export interface MessageTable {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string;
  author: string;
  author_name: string | null;
  text: string;
  /** JSON of the system event, for system messages. */
  event: string | null;
  sent_at: string;
}

export interface OfferTable {
  id: string;
  conversation_id: string;
  agent_id: string;
  /** pending → accepted | declined | expired | withdrawn */
  status: string;
  offered_at: string;
  expires_at: string;
  resolved_at: string | null;
}

/** Every email or text sent out through a connector (the embedded SMS connector only records). */
export interface OutboundMessageTable {
  id: string;
  conversation_id: string;
  /** The agent message's client id: a re-send finds the same row and is not sent twice. */
  client_id: string;
  channel: string;
  connector: string;
  destination: string;
  subject: string | null;
  body: string;
  /** sending → sent | recorded | failed */
  status: string;
  provider_id: string | null;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface MigrationRow {
  id: Generated<number>;
  name: string;
  applied_at: string;
}

export interface Database {
  tenants: TenantTable;
  skills: SkillTable;
  scripts: ScriptTable;
  chat_profiles: ChatProfileTable;
  pocs: PocTable;
  users: UserTable;
  agent_skills: AgentSkillTable;
  staff_sessions: StaffSessionTable;
  agent_state: AgentStateTable;
  dispositions: DispositionTable;
  visitors: VisitorTable;
  sessions: SessionTable;
  conversations: ConversationTable;
  outbound_messages: OutboundMessageTable;
  messages: MessageTable;
  offers: OfferTable;
  profile_revisions: ProfileRevisionTable;
  attachments: AttachmentTable;
  api_keys: ApiKeyTable;
  roles: RoleTable;
  dnis: DnisTable;
  audit_entries: AuditEntryTable;
  bulk_jobs: BulkJobTable;
  bulk_job_rows: BulkJobRowTable;
}
