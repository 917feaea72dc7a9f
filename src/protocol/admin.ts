/**
 * Parley administration API, version 1 (`/api/v1/admin/*`): points of contact, skills, scripts,
 * phone numbers (DNIS), people, roles, API tokens, audit history and bulk files. Part of the wire
 * protocol (re-exported by `./index.ts`), pure data and types like it.
 *
 * Every call is authorised by a permission (`PERMISSIONS`): a staff session cookie carries its
 * role's, an API token (`Authorization: Bearer …`) its own. The OpenAPI document generated from
 * the route schemas is served at `GET /api/v1/openapi.json`; docs/admin.md is the prose.
 */
import type { PocChannel, SkillChannel } from './index.js';

/** What a role or an API token may do. The seeds' "Points of contact – Create" is `poc.create`, and so on. */
export const PERMISSIONS = [
  /** Answer contacts in the agent console. */
  'contacts.answer',
  /** Edit chat profiles and work-item forms (the studio). */
  'profile.edit',
  /** See points of contact, skills, scripts, phone numbers and audit histories; download files. */
  'poc.view',
  /** Create points of contact (one, or by bulk file). */
  'poc.create',
  /** Change points of contact (one, or by bulk file). */
  'poc.edit',
  /** Activate and deactivate points of contact. */
  'poc.deactivate',
  /** Create, rename, activate and deactivate skills. */
  'skill.edit',
  /** Create and change scripts. */
  'script.edit',
  /** Provision and release phone numbers (DNIS) for inbound-phone points of contact. */
  'dnis.manage',
  /** Manage staff accounts and roles. */
  'people.manage',
  /** Create and revoke API tokens. */
  'token.manage',
  /** File work items over the HTTP API (what server-to-server keys are for). */
  'workitem.file',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Limits of the admin inputs, enforced by the server and mirrored by the pages. */
export const ADMIN_LIMITS = {
  nameMaxLength: 100,
  greetingMaxLength: 500,
  /** Website origins per POC allow-list. */
  originsMax: 50,
  /** Hours entries per script. */
  hoursMax: 28,
  /** Shortest password of a staff account. */
  passwordMinLength: 10,
  passwordMaxLength: 1024,
  /** Largest bulk file accepted, in bytes. */
  bulkFileMaxBytes: 10 * 1024 * 1024,
  /** Most data rows in one bulk file. */
  bulkRowsMax: 50_000,
  /** Audit entries per page: default and most. */
  auditPageSize: 50,
  auditPageMax: 200,
} as const;

/** A point of contact as the admin pages see it. */
export interface AdminPoc {
  /** System-generated for chat and work-item POCs (unguessable, URL-safe). */
  id: string;
  name: string;
  channel: PocChannel;
  skillId: string;
  scriptId: string;
  /** Chat and work-item POCs: their profile (edited in the studio); else null. */
  profileId: string | null;
  /** Email POCs: the mailbox; phone POCs: the DNIS in E.164; else null. */
  address: string | null;
  active: boolean;
  /** Chat and work-item POCs: the website origins allowed to use it (`https://shop.example`); empty: any. */
  allowedOrigins: string[];
  createdAt: string;
  /** Chat POCs: whether it has an identity secret, so takes verified identities (the secret itself is never shown again). */
  identity: { enabled: boolean };
}

/**
 * Creating a POC (`POST /admin/pocs`); every field but `channel` may be changed later
 * (`PATCH /admin/pocs/:id` takes any subset of the others).
 */
export interface PocInput {
  name: string;
  channel: PocChannel;
  skillId: string;
  scriptId: string;
  /** Required for email (an address) and phone (a provisioned DNIS) POCs; refused for the others. */
  address?: string | null;
  /** Chat and work-item POCs only. */
  allowedOrigins?: string[];
  /** Default true. */
  active?: boolean;
  /** Chat and work-item POCs: start from a copy of this POC's profile (same channel) instead of the default. */
  copyProfileFrom?: string;
}

/** The skill channel a POC of each channel routes to. */
export const POC_SKILL_CHANNEL: Readonly<Record<PocChannel, SkillChannel>> = {
  chat: 'chat',
  email: 'email',
  phone: 'voice',
  workitem: 'workitem',
};

/**
 * `409 poc_skill_active`: the POC is still assigned to an active skill. The body carries the way
 * out: deactivate with `{ retireTo }` set to one of `inactiveSkills` (or `"new"`, which creates an
 * inactive skill named `newSkillName` on the right channel) moves the POC there and deactivates it
 * in one step.
 */
export interface DeactivationWayOut {
  skill: { id: string; name: string };
  inactiveSkills: { id: string; name: string }[];
  newSkillName: string;
}

/** `POST /admin/pocs/:id/deactivate` body. */
export interface DeactivateRequest {
  /** An inactive skill of the POC's channel to move it to first, or `"new"`. */
  retireTo?: string;
}

export interface AdminSkill {
  id: string;
  name: string;
  channel: SkillChannel;
  active: boolean;
  /** POCs assigned to it, and how many of them are active. */
  pocCount: number;
  activePocCount: number;
  createdAt: string;
}

export interface SkillInput {
  name: string;
  /** Fixed once created. */
  channel: SkillChannel;
  active?: boolean;
}

export const CLOSED_BEHAVIOURS = ['offline-message', 'hide'] as const;
export type ClosedBehaviour = (typeof CLOSED_BEHAVIOURS)[number];
export const LONG_WAIT_BEHAVIOURS = ['none', 'offer-callback'] as const;
export type LongWaitBehaviour = (typeof LONG_WAIT_BEHAVIOURS)[number];

/** Business hours: on these weekdays (0 = Sunday … 6 = Saturday), open from `open` to `close` (`HH:MM`, `24:00` = midnight). */
export interface ScriptHours {
  days: number[];
  open: string;
  close: string;
}

export interface ScriptConfigInput {
  /** IANA time zone, e.g. `Europe/Paris`. */
  timeZone: string;
  /** Empty: always open. */
  hours: ScriptHours[];
  greeting: string;
  /** 1 (lowest) to 10 (highest): the queue serves higher priorities first. */
  priority: number;
  /** Seconds after which a wait counts as long; null: never. */
  longWaitSeconds: number | null;
  whenClosed: ClosedBehaviour;
  whenLongWait: LongWaitBehaviour;
}

export interface AdminScript extends ScriptConfigInput {
  id: string;
  name: string;
  pocCount: number;
  createdAt: string;
}

export interface ScriptInput extends ScriptConfigInput {
  name: string;
}

/** A provisioned inbound number; a phone POC may only use one of these. */
export interface AdminDnis {
  /** E.164, e.g. `+33123456789`. */
  number: string;
  label: string;
  /** The POC using it, if any. */
  pocId: string | null;
  createdAt: string;
}

export interface DnisInput {
  number: string;
  label?: string;
}

export interface AdminRole {
  id: string;
  name: string;
  permissions: Permission[];
  /** Built-in roles (admin, marketer, agent) cannot be changed or deleted. */
  builtIn: boolean;
  userCount: number;
}

export interface RoleInput {
  name: string;
  permissions: Permission[];
}

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  roleId: string;
  active: boolean;
  createdAt: string;
}

export interface UserInput {
  username: string;
  displayName: string;
  roleId: string;
  /** Required on creation; on update, sets a new password (the user's sessions end). */
  password?: string;
  active?: boolean;
}

export interface AdminToken {
  id: string;
  name: string;
  permissions: Permission[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenInput {
  name: string;
  /** A subset of the creator's own permissions. */
  permissions: Permission[];
}

/** `POST /admin/tokens` answer: the secret is shown this once and stored only hashed. */
export interface CreatedToken {
  token: AdminToken;
  secret: string;
}

export const AUDIT_ACTIONS = ['create', 'update', 'activate', 'deactivate', 'profile'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One changed field of one change. */
export interface AuditEntry {
  id: number;
  at: string;
  /** Display name of the person, or `API token "name"`. */
  actor: string;
  action: AuditAction;
  /** `name`, `skill`, `active`…, or a dotted profile path (`theme.light.brand`) for profile saves. */
  field: string;
  /** Values as text (JSON for lists); null where there was none. */
  from: string | null;
  to: string | null;
  /** Where the change came from. */
  via: 'admin' | 'bulk' | 'studio' | 'api';
  /** The bulk job that made it, if any. */
  jobId: string | null;
}

/** `GET /admin/pocs/:id/audit` query: every filter is optional and they combine. */
export interface AuditQuery {
  /** Actor name contains (case-insensitive). */
  actor?: string;
  /** Exact field, e.g. `skill`. */
  field?: string;
  action?: AuditAction;
  /** ISO dates or instants, inclusive; a date alone means the whole day (UTC). */
  from?: string;
  to?: string;
  /** Text found in the field, the old or the new value, or the actor. */
  q?: string;
  /** Page size (default `ADMIN_LIMITS.auditPageSize`). */
  limit?: number;
  /** Cursor: the `next` of the previous page. */
  before?: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** How many entries match the filters, over all pages. */
  total: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: number | null;
  /** The fields and actors found in this POC's history, for the filter menus. */
  fields: string[];
}

// --- Bulk files -------------------------------------------------------------------------------

export const BULK_FORMATS = ['csv', 'xlsx'] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];
/** `all`: every row is applied; `modified`: only rows whose *Modified row* cell is marked. */
export const BULK_MODES = ['all', 'modified'] as const;
export type BulkMode = (typeof BULK_MODES)[number];

/**
 * The bulk file's columns, in order. `ID` is empty for a new POC. `Skill` and `Script` take a name
 * (or an id); `Allowed origins` a space- or comma-separated list; `Active` yes/no. A *Modified
 * row* cell is marked by `yes`, `y`, `x`, `1` or `true` (any case).
 */
export const BULK_COLUMNS = ['Modified row', 'ID', 'Name', 'Channel', 'Skill', 'Script', 'Address', 'Allowed origins', 'Active'] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];

export type BulkJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** What became of one data row (`row` counts the header as row 1, as spreadsheets do). */
export interface BulkRowResult {
  row: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  pocId: string | null;
  /** With `failed`: the column to blame (one of `BULK_COLUMNS`, or null for the row as a whole) and why. */
  column: BulkColumn | null;
  reason: string | null;
}

export interface BulkJob {
  id: string;
  fileName: string;
  format: BulkFormat;
  mode: BulkMode;
  status: BulkJobStatus;
  actor: string;
  /** Data rows in the file, and how many are done so far (progress). */
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  /** Why the whole job failed (`status: 'failed'`), else null. */
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** `GET /admin/bulk/jobs/:id`: the job, and once done its rows that failed (all of them). */
export interface BulkJobDetail {
  job: BulkJob;
  failures: BulkRowResult[];
}
