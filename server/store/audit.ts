/**
 * The audit history: one row per changed field of every admin change (create, update, activation,
 * deactivation, profile save, bulk row), with who, when, from what to what, and where from.
 *
 * Invariants:
 * - Entries are written in the transaction of the change they describe: a change that rolls back
 *   leaves no entry, and no change is committed without its entries.
 * - Values are stored as text: strings as they are, lists and other values as JSON, absent as null.
 * - Reading is paged by the entry id (which grows with time), newest first, so a page costs the
 *   same at entry 100 000 as at entry 10; the filters use the (entity, entity_id, …) indexes.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { ADMIN_LIMITS, AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditPage } from '../../src/protocol/index.js';
import type { Actor } from '../auth/permissions.js';
import { ParleyError } from '../errors.js';
import type { Database } from './schema.js';
import { now } from './store.js';

export type AuditEntity = 'poc' | 'skill' | 'script' | 'dnis' | 'user' | 'role' | 'token';

/** Where a change came from. */
export interface Via {
  via: AuditEntry['via'];
  jobId?: string | null;
}

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

type Db = Kysely<Database> | Transaction<Database>;

const asText = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value));

/** The fields of `after` that differ from `before` (compared as their stored text), in `after`'s key order. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  return Object.keys(after)
    .filter((field) => asText(before[field]) !== asText(after[field]))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
}

/** Records `changes` of one entity in `db` (the change's own transaction). */
export async function recordAudit(
  db: Db,
  actor: Actor,
  target: { entity: AuditEntity; id: string; action: AuditAction },
  changes: readonly Change[],
  via: Via = { via: actor.kind === 'token' ? 'api' : 'admin' },
): Promise<void> {
  if (changes.length === 0) return;
  const at = now();
  await db
    .insertInto('audit_entries')
    .values(
      changes.map((c) => ({
        tenant_id: actor.tenantId,
        entity: target.entity,
        entity_id: target.id,
        action: target.action,
        field: c.field,
        old_value: asText(c.from),
        new_value: asText(c.to),
        actor_id: actor.id,
        actor_name: actor.name,
        via: via.via,
        job_id: via.jobId ?? null,
        at,
      })),
    )
    .execute();
}

/** A date (`2026-11-21`: the whole day, UTC) or an instant, as the bound of a range; null if neither. */
function bound(value: unknown, end: boolean, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new ParleyError('invalid_field', `${field} must be a date`, field);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!Number.isFinite(Date.parse(`${value}T00:00:00Z`))) throw new ParleyError('invalid_field', `${field} must be a date like 2026-11-21`, field);
    return end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  }
  const at = Date.parse(value);
  if (!Number.isFinite(at)) throw new ParleyError('invalid_field', `${field} must be a date like 2026-11-21 or an ISO instant`, field);
  return new Date(at).toISOString();
}

const text = (value: unknown, field: string, max = 200): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > max) throw new ParleyError('invalid_field', `${field} must be text of at most ${max} characters`, field);
  return value;
};

/** `LIKE` pattern for "contains", with the wildcards of the text itself escaped. */
const contains = (value: string): string => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A page of one entity's history (of the caller's tenant: checked before), newest first, with the query's filters (all optional, combined):
 * `actor` (name contains), `field` (exact), `action`, `from`/`to` (dates or instants, inclusive),
 * `q` (text in the field, either value or the actor), `limit`, `before` (the previous page's `next`).
 */
export async function auditPage(db: Db, entity: AuditEntity, entityId: string, query: Record<string, unknown>): Promise<AuditPage> {
  const actor = text(query.actor, 'actor');
  const field = text(query.field, 'field');
  const q = text(query.q, 'q');
  const action = query.action === undefined || query.action === '' ? null : query.action;
  if (action !== null && !(AUDIT_ACTIONS as readonly unknown[]).includes(action)) {
    throw new ParleyError('invalid_field', `action must be one of ${AUDIT_ACTIONS.join(', ')}`, 'action');
  }
  const from = bound(query.from, false, 'from');
  const to = bound(query.to, true, 'to');
  const limit = query.limit === undefined || query.limit === '' ? ADMIN_LIMITS.auditPageSize : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > ADMIN_LIMITS.auditPageMax) {
    throw new ParleyError('invalid_field', `limit must be a whole number from 1 to ${ADMIN_LIMITS.auditPageMax}`, 'limit');
  }
  const before = query.before === undefined || query.before === '' ? null : Number(query.before);
  if (before !== null && (!Number.isSafeInteger(before) || before < 1)) throw new ParleyError('invalid_field', 'before must be the next cursor of a page', 'before');

  // Ids are unique across tenants and the caller has checked the entity is the actor's tenant's,
  // so the (entity, entity_id, …) indexes alone answer: a count reads the index, never the rows.
  let base = db.selectFrom('audit_entries').where('entity', '=', entity).where('entity_id', '=', entityId);
  if (actor) base = base.where(sql<boolean>`lower(actor_name) like lower(${contains(actor)}) escape '\\'`);
  if (field) base = base.where('field', '=', field);
  if (action) base = base.where('action', '=', action as AuditAction);
  if (from) base = base.where('at', '>=', from);
  if (to) base = base.where('at', '<=', to);
  if (q) {
    const pattern = contains(q);
    // One pass over one string per entry: the field, both values and the actor, joined by a line
    // break (bound, so both SQL dialects read it alike).
    const nl = '\n';
    base = base.where(
      sql<boolean>`lower(field || ${nl} || coalesce(old_value, '') || ${nl} || coalesce(new_value, '') || ${nl} || actor_name) like lower(${pattern}) escape '\\'`,
    );
  }
  const [rows, count, fields] = await Promise.all([
    (before === null ? base : base.where('id', '<', before)).selectAll().orderBy('id', 'desc').limit(limit + 1).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    // The distinct fields by skipping through the (entity, entity_id, field) index: one lookup per
    // field instead of a pass over every entry.
    sql<{ field: string }>`with recursive f(field) as (
        select min(field) from audit_entries where entity = ${entity} and entity_id = ${entityId}
        union all
        select (select min(field) from audit_entries where entity = ${entity} and entity_id = ${entityId} and field > f.field) from f where f.field is not null
      ) select field from f where field is not null`
      .execute(db)
      .then((r) => r.rows),
  ]);
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_name,
      action: r.action as AuditAction,
      field: r.field,
      from: r.old_value,
      to: r.new_value,
      via: r.via as AuditEntry['via'],
      jobId: r.job_id,
    })),
    total: Number(count?.n ?? 0),
    next: rows.length > limit ? page[page.length - 1].id : null,
    fields: fields.map((f) => f.field),
  };
}
