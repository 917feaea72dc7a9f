/**
 * What points of contact refer to, administered: skills, scripts and the registry of provisioned
 * inbound numbers (DNIS). Every change is recorded in the audit history in its own transaction.
 *
 * Rules: a skill's channel is fixed once made; a skill may be deactivated while POCs use it (the
 * answer says how many active ones stop being routed); a script's configuration is checked whole
 * by core/admin-rules.ts and routing reads it at each contact, so a change applies at once; a
 * number may be released only while no POC uses it. Another tenant's records read as missing.
 */
import { checkAdminName, checkBoolean, checkDnis, checkScriptConfig, checkSkillChannel } from '../../src/core/admin-rules.js';
import { isRecord } from '../../src/core/validators.js';
import {
  CLOSED_BEHAVIOURS,
  LONG_WAIT_BEHAVIOURS,
  type AdminDnis,
  type AdminScript,
  type AdminSkill,
  type ScriptConfigInput,
  type SkillChannel,
} from '../../src/protocol/index.js';
import { requirePermission, type Actor } from '../auth/permissions.js';
import { must, objectBody, ParleyError } from '../errors.js';
import { newId, now, type SkillRow, type Store } from '../store/store.js';
import { diff, recordAudit } from '../store/audit.js';

const DEFAULT_SCRIPT: ScriptConfigInput = {
  timeZone: 'UTC',
  hours: [],
  greeting: '',
  priority: 5,
  longWaitSeconds: null,
  whenClosed: 'offline-message',
  whenLongWait: 'none',
};

/** A stored script config read leniently: each valid key kept, the others defaulted. */
export function readScriptConfig(json: string): ScriptConfigInput {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  const config: ScriptConfigInput = { ...DEFAULT_SCRIPT };
  if (!isRecord(raw)) return config;
  for (const key of Object.keys(DEFAULT_SCRIPT) as (keyof ScriptConfigInput)[]) {
    if (!(key in raw)) continue;
    const checked = checkScriptConfig({ [key]: raw[key] }, true);
    if (checked.ok) Object.assign(config, checked.value);
  }
  // Stores made before the admin pages wrote "always open" as a 00:00–24:00 row every day.
  if (config.hours.length === 1 && config.hours[0].days.length === 7 && config.hours[0].open === '00:00' && config.hours[0].close === '24:00') config.hours = [];
  if (!(CLOSED_BEHAVIOURS as readonly string[]).includes(config.whenClosed)) config.whenClosed = 'offline-message';
  if (!(LONG_WAIT_BEHAVIOURS as readonly string[]).includes(config.whenLongWait)) config.whenLongWait = 'none';
  return config;
}


export class CatalogAdmin {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  // --- Skills -----------------------------------------------------------------------------------

  async skills(actor: Actor): Promise<AdminSkill[]> {
    requirePermission(actor, 'poc.view');
    return this.#skills(actor);
  }

  /** The tenant's skills with their POC counts (the caller has checked the permission). */
  async #skills(actor: Actor): Promise<AdminSkill[]> {
    const [skills, counts] = await Promise.all([
      this.#store.allTenantSkills(actor.tenantId),
      this.#store.db
        .selectFrom('pocs')
        .select(['skill_id', 'active'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', actor.tenantId)
        .groupBy(['skill_id', 'active'])
        .execute(),
    ]);
    return skills.map((s) => {
      const of = counts.filter((c) => c.skill_id === s.id);
      return this.#skillView(s, of.reduce((n, c) => n + Number(c.n), 0), Number(of.find((c) => c.active === 1)?.n ?? 0));
    });
  }

  async createSkill(actor: Actor, input: unknown): Promise<AdminSkill> {
    requirePermission(actor, 'skill.edit');
    const b = objectBody(input, ['name', 'channel', 'active']);
    const name = must(checkAdminName(b.name));
    const channel = must(checkSkillChannel(b.channel));
    const active = b.active === undefined ? true : must(checkBoolean(b.active, 'active'));
    await this.#nameFree('skills', actor, name, null);
    const row: SkillRow = { id: newId('sk_'), tenant_id: actor.tenantId, name, channel, active: active ? 1 : 0, created_at: now() };
    await this.#store.transaction(async (trx) => {
      await trx.insertInto('skills').values(row).execute();
      await recordAudit(trx, actor, { entity: 'skill', id: row.id, action: 'create' }, diff({}, { name, channel, active: active ? 'yes' : 'no' }));
    });
    return this.#skillView(row, 0, 0);
  }

  async updateSkill(actor: Actor, id: string, input: unknown): Promise<AdminSkill> {
    requirePermission(actor, 'skill.edit');
    const b = objectBody(input, ['name', 'channel', 'active']);
    const skill = await this.#store.getSkill(id);
    if (!skill || skill.tenant_id !== actor.tenantId) throw new ParleyError('not_found', `no skill "${String(id).slice(0, 80)}"`, 'id');
    if (b.channel !== undefined && b.channel !== skill.channel) throw new ParleyError('invalid_field', `the channel of a skill cannot change (this one is ${skill.channel}); create a new skill instead`, 'channel');
    const next = { ...skill };
    if (b.name !== undefined) next.name = must(checkAdminName(b.name));
    if (b.name !== undefined) await this.#nameFree('skills', actor, next.name, skill.id);
    if (b.active !== undefined) next.active = must(checkBoolean(b.active, 'active')) ? 1 : 0;
    const changes = diff({ name: skill.name, active: skill.active === 1 ? 'yes' : 'no' }, { name: next.name, active: next.active === 1 ? 'yes' : 'no' });
    if (changes.length) {
      await this.#store.transaction(async (trx) => {
        await trx.updateTable('skills').set({ name: next.name, active: next.active }).where('id', '=', skill.id).execute();
        const action = next.active === skill.active ? 'update' : next.active === 1 ? 'activate' : 'deactivate';
        await recordAudit(trx, actor, { entity: 'skill', id: skill.id, action }, changes);
      });
    }
    return (await this.#skills(actor)).find((s) => s.id === skill.id)!;
  }

  #skillView(s: SkillRow, pocCount: number, activePocCount: number): AdminSkill {
    return { id: s.id, name: s.name, channel: s.channel as SkillChannel, active: s.active === 1, pocCount, activePocCount, createdAt: s.created_at };
  }

  // --- Scripts ----------------------------------------------------------------------------------

  async scripts(actor: Actor): Promise<AdminScript[]> {
    requirePermission(actor, 'poc.view');
    return this.#scripts(actor);
  }

  /** The tenant's scripts with their POC counts (the caller has checked the permission). */
  async #scripts(actor: Actor): Promise<AdminScript[]> {
    const [rows, counts] = await Promise.all([
      this.#store.db.selectFrom('scripts').selectAll().where('tenant_id', '=', actor.tenantId).orderBy('name').orderBy('id').execute(),
      this.#store.db
        .selectFrom('pocs')
        .select('script_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', actor.tenantId)
        .groupBy('script_id')
        .execute(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      ...readScriptConfig(r.config),
      pocCount: Number(counts.find((c) => c.script_id === r.id)?.n ?? 0),
      createdAt: r.created_at,
    }));
  }

  async createScript(actor: Actor, input: unknown): Promise<AdminScript> {
    requirePermission(actor, 'script.edit');
    const b = objectBody(input, ['name', ...Object.keys(DEFAULT_SCRIPT)]);
    const name = must(checkAdminName(b.name));
    const { name: _name, ...rest } = b;
    const config = { ...DEFAULT_SCRIPT, ...must(checkScriptConfig({ ...DEFAULT_SCRIPT, ...rest })) };
    await this.#nameFree('scripts', actor, name, null);
    const id = newId('sc_');
    await this.#store.transaction(async (trx) => {
      await trx.insertInto('scripts').values({ id, tenant_id: actor.tenantId, name, config: JSON.stringify(config), created_at: now() }).execute();
      await recordAudit(trx, actor, { entity: 'script', id, action: 'create' }, diff({}, { name, ...config }));
    });
    return (await this.#scripts(actor)).find((s) => s.id === id)!;
  }

  async updateScript(actor: Actor, id: string, input: unknown): Promise<AdminScript> {
    requirePermission(actor, 'script.edit');
    const b = objectBody(input, ['name', ...Object.keys(DEFAULT_SCRIPT)]);
    const row = await this.#store.getScript(id);
    if (!row || row.tenant_id !== actor.tenantId) throw new ParleyError('not_found', `no script "${String(id).slice(0, 80)}"`, 'id');
    const before = { name: row.name, ...readScriptConfig(row.config) };
    const { name, ...rest } = b;
    const after = { ...before, ...must(checkScriptConfig(rest, true)) };
    if (name !== undefined) {
      after.name = must(checkAdminName(name));
      await this.#nameFree('scripts', actor, after.name, row.id);
    }
    const changes = diff(before, after);
    if (changes.length) {
      const { name: newName, ...config } = after;
      await this.#store.transaction(async (trx) => {
        await trx.updateTable('scripts').set({ name: newName, config: JSON.stringify(config) }).where('id', '=', row.id).execute();
        await recordAudit(trx, actor, { entity: 'script', id: row.id, action: 'update' }, changes);
      });
    }
    return (await this.#scripts(actor)).find((s) => s.id === row.id)!;
  }

  // --- Phone numbers ------------------------------------------------------------------------------

  async numbers(actor: Actor): Promise<AdminDnis[]> {
    requirePermission(actor, 'poc.view');
    const rows = await this.#store.db
      .selectFrom('dnis')
      .leftJoin('pocs', (join) => join.onRef('pocs.address', '=', 'dnis.number').on('pocs.channel', '=', 'phone'))
      .select(['dnis.number', 'dnis.label', 'dnis.created_at', 'pocs.id as poc_id'])
      .where('dnis.tenant_id', '=', actor.tenantId)
      .orderBy('dnis.number')
      .execute();
    return rows.map((r) => ({ number: r.number, label: r.label, pocId: r.poc_id ?? null, createdAt: r.created_at }));
  }

  async addNumber(actor: Actor, input: unknown): Promise<AdminDnis> {
    requirePermission(actor, 'dnis.manage');
    const b = objectBody(input, ['number', 'label']);
    const number = must(checkDnis(b.number));
    const label = b.label === undefined || b.label === '' ? '' : must(checkAdminName(b.label, 'label'));
    const taken = await this.#store.db.selectFrom('dnis').select('tenant_id').where('number', '=', number).executeTakeFirst();
    if (taken) throw new ParleyError('already_exists', `${number} is already provisioned`, 'number');
    const at = now();
    await this.#store.transaction(async (trx) => {
      await trx
        .insertInto('dnis')
        .values({ number, tenant_id: actor.tenantId, label, created_at: at })
        .execute()
        .catch((err: unknown) => {
          // Two registrations of one number at once both pass the check above: the key decides.
          if (err instanceof Error && /UNIQUE constraint failed: dnis\.number/.test(err.message)) throw new ParleyError('already_exists', `${number} is already provisioned`, 'number');
          throw err;
        });
      await recordAudit(trx, actor, { entity: 'dnis', id: number, action: 'create' }, diff({}, { number, label: label || null }));
    });
    return { number, label, pocId: null, createdAt: at };
  }

  async releaseNumber(actor: Actor, value: string): Promise<void> {
    requirePermission(actor, 'dnis.manage');
    const checked = checkDnis(value);
    const number = checked.ok ? checked.value : value;
    const row = await this.#store.db.selectFrom('dnis').selectAll().where('number', '=', number).executeTakeFirst();
    if (!row || row.tenant_id !== actor.tenantId) throw new ParleyError('not_found', `no provisioned number "${String(value).slice(0, 40)}"`, 'number');
    const user = await this.#store.db.selectFrom('pocs').select('name').where('channel', '=', 'phone').where('address', '=', number).executeTakeFirst();
    if (user) throw new ParleyError('in_use', `${number} is the number of the point of contact "${user.name}"; change or remove that point of contact first`, 'number');
    await this.#store.transaction(async (trx) => {
      await trx.deleteFrom('dnis').where('number', '=', number).execute();
      await recordAudit(trx, actor, { entity: 'dnis', id: number, action: 'update' }, [{ field: 'provisioned', from: 'yes', to: 'no' }]);
    });
  }

  /** Names are unique per tenant among skills, and among scripts: people pick them from lists by name. */
  async #nameFree(table: 'skills' | 'scripts', actor: Actor, name: string, selfId: string | null): Promise<void> {
    const rows = await this.#store.db.selectFrom(table).select(['id', 'name']).where('tenant_id', '=', actor.tenantId).execute();
    if (rows.some((r) => r.id !== selfId && r.name.toLowerCase() === name.toLowerCase())) {
      throw new ParleyError('already_exists', `a ${table === 'skills' ? 'skill' : 'script'} named "${name}" already exists`, 'name');
    }
  }
}
