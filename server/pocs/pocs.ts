/**
 * Points of contact, administered: create, change, activate and deactivate, for all four
 * channels, each change recorded in the audit history in its own transaction.
 *
 * Rules (SPEC §1, seeds 000/001/003):
 * - Chat and work-item POCs get a system-made id (128 random bits, URL-safe) and a profile of
 *   their own (a copy of another POC's, or the default); email POCs are bound to a mailbox, phone
 *   POCs to a DNIS the tenant has provisioned; an address serves one POC only.
 * - Every POC has exactly one skill, of the channel its own routes to (`POC_SKILL_CHANNEL`), and
 *   one script, both of its tenant. The channel never changes.
 * - A POC still assigned to an active skill cannot be deactivated. The way out is one step:
 *   deactivate with `retireTo`, an inactive skill of the right channel (or `new`, which makes one),
 *   and the POC moves there and is deactivated in one transaction.
 * - Deactivating a chat POC takes effect at once (`onDeactivated`): its open chats end politely
 *   and its widgets are told it is offline.
 * - Another tenant's POC, skill or script reads exactly as one that does not exist.
 */
import { randomBytes } from 'node:crypto';
import { checkAdminName, checkBoolean, checkDnis, checkMailbox, checkOrigins, checkPocChannel, checkRef } from '../../src/core/admin-rules.js';
import { DEFAULT_PROFILE } from '../../src/core/profile.js';
import { POC_SKILL_CHANNEL, type AdminPoc, type DeactivationWayOut, type PocChannel } from '../../src/protocol/index.js';
import { requirePermission, type Actor } from '../auth/permissions.js';
import { must, objectBody, ParleyError } from '../errors.js';
import type { PocRow, SkillRow, Store } from '../store/store.js';
import { newId, now } from '../store/store.js';
import { diff, recordAudit, type Via } from '../store/audit.js';

export type { Via } from '../store/audit.js';

const ID_PREFIX: Record<PocChannel, string> = { chat: 'chat-', email: 'email-', phone: 'phone-', workitem: 'wi-' };
const HAS_PROFILE: readonly PocChannel[] = ['chat', 'workitem'];
/** What a POC patch may hold. */
const PATCH_KEYS = ['name', 'channel', 'skillId', 'scriptId', 'address', 'allowedOrigins', 'active'] as const;
const CREATE_KEYS = [...PATCH_KEYS, 'copyProfileFrom'] as const;

export function toAdminPoc(row: PocRow): AdminPoc {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel as PocChannel,
    skillId: row.skill_id,
    scriptId: row.script_id,
    profileId: row.chat_profile_id,
    address: row.address,
    active: row.active === 1,
    allowedOrigins: readOrigins(row.allowed_origins),
    createdAt: row.created_at,
    // Undefined for a row built before it is stored (a new POC has none).
    identity: { enabled: typeof row.identity_secret === 'string' },
  };
}

export function readOrigins(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
}

/** The POC's settings as the audit history names them: skill and script by name and id. */
type Recorded = Record<string, unknown>;

export interface PocAdminOptions {
  /** Called after a chat or work-item POC's deactivation is committed (end its chats, tell its widgets). */
  onDeactivated?: (poc: PocRow) => Promise<void>;
  /** Called after a POC's activation is committed. */
  onActivated?: (poc: PocRow) => Promise<void>;
}

export class PocAdmin {
  readonly #store: Store;
  readonly #options: PocAdminOptions;

  constructor(store: Store, options: PocAdminOptions = {}) {
    this.#store = store;
    this.#options = options;
  }

  /** The tenant's POCs by name, optionally filtered by channel, state and text in the name, id or address. */
  async list(actor: Actor, filter: { channel?: unknown; active?: unknown; q?: unknown } = {}): Promise<AdminPoc[]> {
    requirePermission(actor, 'poc.view');
    let query = this.#store.db.selectFrom('pocs').selectAll().where('tenant_id', '=', actor.tenantId);
    if (filter.channel !== undefined && filter.channel !== '') query = query.where('channel', '=', must(checkPocChannel(filter.channel)));
    if (filter.active === 'true' || filter.active === true) query = query.where('active', '=', 1);
    if (filter.active === 'false' || filter.active === false) query = query.where('active', '=', 0);
    const rows = await query.orderBy('name').orderBy('id').execute();
    const q = typeof filter.q === 'string' ? filter.q.trim().toLowerCase() : '';
    return rows.filter((r) => !q || [r.name, r.id, r.address ?? ''].some((v) => v.toLowerCase().includes(q))).map(toAdminPoc);
  }

  async get(actor: Actor, id: string): Promise<AdminPoc> {
    requirePermission(actor, 'poc.view');
    return toAdminPoc(await this.#poc(actor, id));
  }

  /** Validates and creates a POC with its profile and its audit entries, in one transaction. */
  async create(actor: Actor, input: unknown, via?: Via): Promise<AdminPoc> {
    requirePermission(actor, 'poc.create');
    const body = objectBody(input, CREATE_KEYS);
    const name = must(checkAdminName(body.name));
    const channel = must(checkPocChannel(body.channel));
    const skill = await this.#skill(actor, body.skillId, channel);
    const script = await this.#script(actor, body.scriptId);
    const address = await this.#address(actor, channel, body.address, null);
    const allowedOrigins = this.#origins(channel, body.allowedOrigins);
    const active = body.active === undefined ? true : must(checkBoolean(body.active, 'active'));
    const profile = HAS_PROFILE.includes(channel) ? await this.#profileToCopy(actor, channel, body.copyProfileFrom) : null;
    const id = `${ID_PREFIX[channel]}${randomBytes(16).toString('base64url')}`;
    const at = now();
    const row = await this.#store.transaction(async (trx) => {
      let profileId: string | null = null;
      if (profile !== null) {
        profileId = newId('cp_');
        await trx.insertInto('chat_profiles').values({ id: profileId, tenant_id: actor.tenantId, name, profile, updated_at: at, updated_by: actor.name }).execute();
      }
      const values = {
        id,
        tenant_id: actor.tenantId,
        name,
        channel,
        skill_id: skill.id,
        script_id: script.id,
        chat_profile_id: profileId,
        address,
        active: active ? 1 : 0,
        allowed_origins: JSON.stringify(allowedOrigins),
        created_at: at,
      };
      await trx.insertInto('pocs').values(values).execute().catch(rethrowTaken);
      const created = values as PocRow;
      await recordAudit(trx, actor, { entity: 'poc', id, action: 'create' }, diff({}, this.#recorded(created, skill.name, script.name)), via);
      return created;
    });
    return toAdminPoc(row);
  }

  /**
   * Validates and applies a patch: any of name, skillId, scriptId, address, allowedOrigins, and
   * `active` (which needs `poc.deactivate` and follows the deactivation rule). `changed` lists
   * what changed; nothing changed records nothing.
   */
  async update(actor: Actor, id: string, patch: unknown, via?: Via): Promise<{ poc: AdminPoc; changed: string[] }> {
    requirePermission(actor, 'poc.edit');
    const body = objectBody(patch, PATCH_KEYS);
    const poc = await this.#poc(actor, id);
    const channel = poc.channel as PocChannel;
    if (body.channel !== undefined && body.channel !== channel) {
      throw new ParleyError('invalid_field', `the channel of a point of contact cannot change (this one is ${channel}); create a new one instead`, 'channel');
    }
    const next: Partial<PocRow> = {};
    if (body.name !== undefined) next.name = must(checkAdminName(body.name));
    const skill = body.skillId !== undefined ? await this.#skill(actor, body.skillId, channel) : await this.#skillRow(poc.skill_id);
    if (body.skillId !== undefined) next.skill_id = skill.id;
    const script = body.scriptId !== undefined ? await this.#script(actor, body.scriptId) : await this.#store.getScript(poc.script_id);
    if (body.scriptId !== undefined) next.script_id = script!.id;
    if (body.address !== undefined) next.address = await this.#address(actor, channel, body.address, poc.id);
    if (body.allowedOrigins !== undefined) next.allowed_origins = JSON.stringify(this.#origins(channel, body.allowedOrigins));
    if (body.active !== undefined) {
      const active = must(checkBoolean(body.active, 'active'));
      if (active !== (poc.active === 1)) {
        requirePermission(actor, 'poc.deactivate');
        if (!active && skill.active === 1) throw await this.#stillAssigned(poc, skill);
        next.active = active ? 1 : 0;
      }
    }
    const oldSkill = await this.#skillRow(poc.skill_id);
    const oldScript = await this.#store.getScript(poc.script_id);
    const after = { ...poc, ...next } as PocRow;
    const changes = diff(this.#recorded(poc, oldSkill.name, oldScript?.name ?? ''), this.#recorded(after, skill.name, script?.name ?? ''));
    if (changes.length === 0) return { poc: toAdminPoc(poc), changed: [] };
    await this.#store.transaction(async (trx) => {
      await trx.updateTable('pocs').set(next).where('id', '=', poc.id).execute().catch(rethrowTaken);
      const activeChange = changes.filter((c) => c.field === 'active');
      const others = changes.filter((c) => c.field !== 'active');
      await recordAudit(trx, actor, { entity: 'poc', id: poc.id, action: 'update' }, others, via);
      await recordAudit(trx, actor, { entity: 'poc', id: poc.id, action: after.active === 1 ? 'activate' : 'deactivate' }, activeChange, via);
    });
    await this.#afterActiveChange(poc, after);
    return { poc: toAdminPoc(after), changed: changes.map((c) => c.field) };
  }

  async activate(actor: Actor, id: string): Promise<AdminPoc> {
    requirePermission(actor, 'poc.deactivate');
    const poc = await this.#poc(actor, id);
    if (poc.active === 1) return toAdminPoc(poc);
    await this.#store.transaction(async (trx) => {
      await trx.updateTable('pocs').set({ active: 1 }).where('id', '=', poc.id).execute();
      await recordAudit(trx, actor, { entity: 'poc', id: poc.id, action: 'activate' }, [{ field: 'active', from: 'no', to: 'yes' }]);
    });
    const after = { ...poc, active: 1 };
    await this.#afterActiveChange(poc, after);
    return toAdminPoc(after);
  }

  /**
   * Deactivates a POC. Still assigned to an active skill: refused with `poc_skill_active` and the
   * way out, unless `retireTo` names an inactive skill of the POC's channel (or is `new`, which
   * makes one and needs `skill.edit`): then the POC moves there and is deactivated, one transaction.
   */
  async deactivate(actor: Actor, id: string, request: unknown): Promise<AdminPoc> {
    requirePermission(actor, 'poc.deactivate');
    const body = objectBody(request ?? {}, ['retireTo']);
    const poc = await this.#poc(actor, id);
    if (poc.active === 0) return toAdminPoc(poc);
    const skill = await this.#skillRow(poc.skill_id);
    const channel = poc.channel as PocChannel;
    let target: SkillRow | null = null;
    if (skill.active === 1) {
      if (body.retireTo === undefined || body.retireTo === null || body.retireTo === '') throw await this.#stillAssigned(poc, skill);
      requirePermission(actor, 'poc.edit');
      if (body.retireTo !== 'new') {
        target = await this.#skill(actor, body.retireTo, channel, 'retireTo');
        if (target.active === 1) throw new ParleyError('invalid_field', `the skill "${target.name}" is active; choose an inactive skill to move the point of contact to`, 'retireTo');
      }
    }
    const script = await this.#store.getScript(poc.script_id);
    const at = now();
    const makeSkill = skill.active === 1 && target === null;
    if (makeSkill) requirePermission(actor, 'skill.edit');
    // Outside the transaction: the store has one connection, which the transaction holds.
    const parkingName = makeSkill ? await this.#newSkillName(actor.tenantId, channel) : '';
    const after = await this.#store.transaction(async (trx) => {
      if (makeSkill) {
        target = { id: newId('sk_'), tenant_id: actor.tenantId, name: parkingName, channel: POC_SKILL_CHANNEL[channel], active: 0, created_at: at };
        await trx.insertInto('skills').values(target).execute();
        await recordAudit(trx, actor, { entity: 'skill', id: target.id, action: 'create' }, diff({}, { name: target.name, channel: target.channel, active: 'no' }));
      }
      const next: Partial<PocRow> = { active: 0, ...(target ? { skill_id: target.id } : {}) };
      await trx.updateTable('pocs').set(next).where('id', '=', poc.id).execute();
      const moved = { ...poc, ...next } as PocRow;
      const changes = diff(this.#recorded(poc, skill.name, script?.name ?? ''), this.#recorded(moved, target?.name ?? skill.name, script?.name ?? ''));
      await recordAudit(trx, actor, { entity: 'poc', id: poc.id, action: 'update' }, changes.filter((c) => c.field !== 'active'));
      await recordAudit(trx, actor, { entity: 'poc', id: poc.id, action: 'deactivate' }, changes.filter((c) => c.field === 'active'));
      return moved;
    });
    await this.#afterActiveChange(poc, after);
    return toAdminPoc(after);
  }

  async #afterActiveChange(before: PocRow, after: PocRow): Promise<void> {
    if (before.active === 1 && after.active === 0) await this.#options.onDeactivated?.(after);
    if (before.active === 0 && after.active === 1) await this.#options.onActivated?.(after);
  }

  /** The refusal of the deactivation rule, with the way out. */
  async #stillAssigned(poc: PocRow, skill: SkillRow): Promise<ParleyError> {
    const channel = POC_SKILL_CHANNEL[poc.channel as PocChannel];
    const inactive = (await this.#store.allTenantSkills(poc.tenant_id)).filter((s) => s.channel === channel && s.active === 0);
    const error = new ParleyError(
      'poc_skill_active',
      `the point of contact cannot be deactivated because it is still assigned to an active skill ("${skill.name}"); move it to an inactive skill first, or deactivate with retireTo to do both in one step`,
      'skillId',
    );
    const wayOut: DeactivationWayOut = {
      skill: { id: skill.id, name: skill.name },
      inactiveSkills: inactive.map((s) => ({ id: s.id, name: s.name })),
      newSkillName: await this.#newSkillName(poc.tenant_id, poc.channel as PocChannel),
    };
    error.wayOut = wayOut;
    return error;
  }

  /**
   * A name for the inactive skill the way out makes for retired POCs of a channel, that no skill
   * of the tenant has yet (names are unique per tenant): "Retired chat points of contact", then
   * "… (2)", "… (3)".
   */
  async #newSkillName(tenantId: string, channel: PocChannel): Promise<string> {
    const base = `Retired ${channel === 'workitem' ? 'work-item' : channel === 'phone' ? 'inbound phone' : channel} points of contact`;
    const taken = new Set((await this.#store.allTenantSkills(tenantId)).map((s) => s.name.toLowerCase()));
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base} (${n})`;
    return name;
  }

  /**
   * Makes a new identity secret for a chat POC (replacing any, so identities signed with the old
   * one are refused from now on) and answers it: the only time it is shown. The audit history
   * records that it changed, never its value.
   */
  async createIdentitySecret(actor: Actor, id: string): Promise<{ secret: string }> {
    requirePermission(actor, 'poc.edit');
    const poc = await this.#poc(actor, id);
    if (poc.channel !== 'chat') throw new ParleyError('invalid_field', 'only chat points of contact take verified identities', 'id');
    // 256 random bits: the HS256 key the website owner signs identities with.
    const secret = randomBytes(32).toString('base64url');
    await this.#store.transaction(async (trx) => {
      await trx.updateTable('pocs').set({ identity_secret: secret }).where('id', '=', poc.id).execute();
      await recordAudit(trx, actor, { entity: 'poc', id: poc.id, action: 'update' }, [{ field: 'identitySecret', from: poc.identity_secret ? 'set' : 'none', to: 'new secret' }]);
    });
    return { secret };
  }

  /** Removes a POC's identity secret: it takes no identities any more. Nothing to remove: no change. */
  async deleteIdentitySecret(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'poc.edit');
    const poc = await this.#poc(actor, id);
    if (!poc.identity_secret) return;
    await this.#store.transaction(async (trx) => {
      await trx.updateTable('pocs').set({ identity_secret: null }).where('id', '=', poc.id).execute();
      await recordAudit(trx, actor, { entity: 'poc', id: poc.id, action: 'update' }, [{ field: 'identitySecret', from: 'set', to: 'none' }]);
    });
  }

  /** What the audit history records of a POC. */
  #recorded(row: PocRow, skillName: string, scriptName: string): Recorded {
    return {
      name: row.name,
      channel: row.channel,
      skill: `${skillName} (${row.skill_id})`,
      script: `${scriptName} (${row.script_id})`,
      address: row.address,
      allowedOrigins: readOrigins(row.allowed_origins).join(' ') || null,
      active: row.active === 1 ? 'yes' : 'no',
    };
  }


  async #poc(actor: Actor, id: string): Promise<PocRow> {
    const poc = typeof id === 'string' && id.length <= 128 ? await this.#store.getPoc(id) : undefined;
    if (!poc || poc.tenant_id !== actor.tenantId) throw new ParleyError('poc_not_found', `no point of contact "${String(id).slice(0, 80)}"`, 'id');
    return poc;
  }

  async #skillRow(id: string): Promise<SkillRow> {
    const skill = await this.#store.getSkill(id);
    if (!skill) throw new Error(`point of contact refers to a missing skill ${id}`);
    return skill;
  }

  /** A skill of the actor's tenant that a POC of `channel` may be assigned to. */
  async #skill(actor: Actor, value: unknown, channel: PocChannel, field = 'skillId'): Promise<SkillRow> {
    const id = must(checkRef(value, field));
    const skill = await this.#store.getSkill(id);
    if (!skill || skill.tenant_id !== actor.tenantId) throw new ParleyError('invalid_field', `no skill "${id.slice(0, 80)}"`, field);
    const wanted = POC_SKILL_CHANNEL[channel];
    if (skill.channel !== wanted) {
      throw new ParleyError('invalid_field', `the skill "${skill.name}" routes ${skill.channel}; a ${channel} point of contact needs a ${wanted} skill`, field);
    }
    return skill;
  }

  async #script(actor: Actor, value: unknown) {
    const id = must(checkRef(value, 'scriptId'));
    const script = await this.#store.getScript(id);
    if (!script || script.tenant_id !== actor.tenantId) throw new ParleyError('invalid_field', `no script "${id.slice(0, 80)}"`, 'scriptId');
    return script;
  }

  /** The address a POC of `channel` is bound to: a free mailbox, a provisioned and free DNIS, or none. */
  async #address(actor: Actor, channel: PocChannel, value: unknown, selfId: string | null): Promise<string | null> {
    if (channel === 'chat' || channel === 'workitem') {
      if (value === undefined || value === null || value === '') return null;
      throw new ParleyError('invalid_field', `a ${channel === 'chat' ? 'chat' : 'work-item'} point of contact has no address: the system assigns its identifier`, 'address');
    }
    let address: string;
    if (channel === 'email') {
      address = must(checkMailbox(value, 'address'));
    } else {
      address = must(checkDnis(value, 'address'));
      const provisioned = await this.#store.db.selectFrom('dnis').select('tenant_id').where('number', '=', address).executeTakeFirst();
      if (!provisioned || provisioned.tenant_id !== actor.tenantId) {
        throw new ParleyError('invalid_field', `the number ${address} is not provisioned; an inbound number must be provisioned (Phone numbers) before a point of contact can use it`, 'address');
      }
    }
    const taken = await this.#store.db.selectFrom('pocs').select(['id', 'name', 'tenant_id']).where('channel', '=', channel).where('address', '=', address).executeTakeFirst();
    if (taken && taken.id !== selfId) {
      const whose = taken.tenant_id === actor.tenantId ? ` ("${taken.name}")` : '';
      throw new ParleyError('already_exists', `${address} is already the address of another point of contact${whose}`, 'address');
    }
    return address;
  }

  #origins(channel: PocChannel, value: unknown): string[] {
    if (value === undefined || value === null) return [];
    if (channel === 'email' || channel === 'phone') {
      if (Array.isArray(value) && value.length === 0) return [];
      throw new ParleyError('invalid_field', 'only chat and work-item points of contact have allowed website origins', 'allowedOrigins');
    }
    return must(checkOrigins(value, 'allowedOrigins'));
  }

  /** The profile document a new chat or work-item POC starts with. */
  async #profileToCopy(actor: Actor, channel: PocChannel, from: unknown): Promise<string> {
    if (from === undefined || from === null || from === '') return JSON.stringify(DEFAULT_PROFILE);
    const id = must(checkRef(from, 'copyProfileFrom'));
    const source = await this.#store.getPoc(id);
    if (!source || source.tenant_id !== actor.tenantId || !source.chat_profile_id) throw new ParleyError('invalid_field', `no point of contact "${id.slice(0, 80)}" with a profile to copy`, 'copyProfileFrom');
    if (source.channel !== channel) throw new ParleyError('invalid_field', `"${source.name}" is a ${source.channel} point of contact; copy the profile of a ${channel} one`, 'copyProfileFrom');
    const row = await this.#store.getChatProfile(source.chat_profile_id);
    return row?.profile ?? JSON.stringify(DEFAULT_PROFILE);
  }
}

/** A unique-index violation on the address is the race of two creations: answered as taken. */
function rethrowTaken(err: unknown): never {
  if (err instanceof Error && /UNIQUE constraint failed: pocs\.channel, pocs\.address|pocs_address_unique/.test(err.message)) {
    throw new ParleyError('already_exists', 'this address is already the address of another point of contact', 'address');
  }
  throw err;
}
