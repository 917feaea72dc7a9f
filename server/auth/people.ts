/**
 * Staff accounts, roles and API tokens, administered (`people.manage`, `token.manage`).
 *
 * Rules:
 * - Nobody grants more than they hold: a role may only carry permissions its maker holds, an
 *   account may only be given a role whose permissions its maker holds, a token only permissions
 *   its maker holds. The exception is answering contacts, a job rather than a power: whoever
 *   manages people may make agents. Tokens never answer contacts.
 * - Nobody locks themselves out: you cannot change your own role or disable your own account.
 * - Passwords are stored as scrypt hashes (passwords.ts); a new password or a disabled account
 *   ends the account's sessions. Token secrets are shown once and stored as SHA-256.
 * - Built-in roles (permissions.ts) cannot be changed or deleted; a role in use cannot be deleted.
 */
import { checkAdminName, checkBoolean, checkNewPassword, checkPermissions, checkRef, checkUsername } from '../../src/core/admin-rules.js';
import type { AdminRole, AdminToken, AdminUser, CreatedToken, Permission } from '../../src/protocol/index.js';
import { must, objectBody, ParleyError } from '../errors.js';
import { diff, recordAudit } from '../store/audit.js';
import { newId, now, type Store, type UserRow } from '../store/store.js';
import { hashPassword, hashToken, newToken } from './passwords.js';
import { BUILT_IN_ROLES, builtInRole, readPermissions, requirePermission, type Actor } from './permissions.js';


/**
 * Permissions that are a job rather than a power over others: whoever manages people may give
 * them without holding them (an administrator makes agent accounts without being an agent).
 */
const JOB_PERMISSIONS: readonly Permission[] = ['contacts.answer'];

/** Refuses to hand out permissions the actor does not hold (but for the job ones, to people managers). */
function withinOwn(actor: Actor, permissions: readonly Permission[], field: string): void {
  const managesPeople = actor.permissions.includes('people.manage');
  const beyond = permissions.filter((p) => !actor.permissions.includes(p) && !(managesPeople && JOB_PERMISSIONS.includes(p)));
  if (beyond.length) throw new ParleyError('forbidden', `you cannot grant permissions you do not hold: ${beyond.join(', ')}`, field);
}

export class PeopleAdmin {
  readonly #store: Store;
  /** Called when an account's access changed (disabled, new password, other role): close its live connections. */
  readonly #onSessionsEnded: (userId: string) => void;

  constructor(store: Store, options: { onSessionsEnded?: (userId: string) => void } = {}) {
    this.#store = store;
    this.#onSessionsEnded = options.onSessionsEnded ?? (() => {});
  }

  // --- Roles ------------------------------------------------------------------------------------

  async roles(actor: Actor): Promise<AdminRole[]> {
    requirePermission(actor, 'people.manage');
    const [rows, users] = await Promise.all([
      this.#store.db.selectFrom('roles').selectAll().where('tenant_id', '=', actor.tenantId).orderBy('name').execute(),
      this.#store.db.selectFrom('users').select('role').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', actor.tenantId).groupBy('role').execute(),
    ]);
    const count = (id: string) => Number(users.find((u) => u.role === id)?.n ?? 0);
    return [
      ...BUILT_IN_ROLES.map((r) => ({ id: r.id, name: r.name, permissions: [...r.permissions], builtIn: true, userCount: count(r.id) })),
      ...rows.map((r) => ({ id: r.id, name: r.name, permissions: readPermissions(r.permissions), builtIn: false, userCount: count(r.id) })),
    ];
  }

  async createRole(actor: Actor, input: unknown): Promise<AdminRole> {
    requirePermission(actor, 'people.manage');
    const b = objectBody(input, ['name', 'permissions']);
    const name = must(checkAdminName(b.name));
    const permissions = must(checkPermissions(b.permissions));
    withinOwn(actor, permissions, 'permissions');
    await this.#roleNameFree(actor, name, null);
    const id = newId('role_');
    await this.#store.transaction(async (trx) => {
      await trx.insertInto('roles').values({ tenant_id: actor.tenantId, id, name, permissions: JSON.stringify(permissions), created_at: now() }).execute();
      await recordAudit(trx, actor, { entity: 'role', id, action: 'create' }, diff({}, { name, permissions: permissions.join(' ') }));
    });
    return { id, name, permissions, builtIn: false, userCount: 0 };
  }

  async updateRole(actor: Actor, id: string, input: unknown): Promise<AdminRole> {
    requirePermission(actor, 'people.manage');
    const b = objectBody(input, ['name', 'permissions']);
    const row = await this.#role(actor, id);
    // Changing a role changes what its holders may do: only someone who holds all of it may.
    withinOwn(actor, readPermissions(row.permissions), 'id');
    const before = { name: row.name, permissions: readPermissions(row.permissions).join(' ') };
    const after = { ...before };
    if (b.name !== undefined) {
      after.name = must(checkAdminName(b.name));
      await this.#roleNameFree(actor, after.name, row.id);
    }
    if (b.permissions !== undefined) {
      const permissions = must(checkPermissions(b.permissions));
      withinOwn(actor, permissions, 'permissions');
      after.permissions = permissions.join(' ');
    }
    const changes = diff(before, after);
    if (changes.length) {
      await this.#store.transaction(async (trx) => {
        await trx
          .updateTable('roles')
          .set({ name: after.name, permissions: JSON.stringify(after.permissions ? after.permissions.split(' ') : []) })
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', row.id)
          .execute();
        await recordAudit(trx, actor, { entity: 'role', id: row.id, action: 'update' }, changes);
      });
    }
    return (await this.roles(actor)).find((r) => r.id === row.id)!;
  }

  async deleteRole(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'people.manage');
    const row = await this.#role(actor, id);
    withinOwn(actor, readPermissions(row.permissions), 'id');
    const used = await this.#store.db.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('role', '=', row.id).limit(1).executeTakeFirst();
    if (used) throw new ParleyError('in_use', `the role "${row.name}" is still given to accounts; give them another role first`, 'id');
    await this.#store.transaction(async (trx) => {
      await trx.deleteFrom('roles').where('tenant_id', '=', actor.tenantId).where('id', '=', row.id).execute();
      await recordAudit(trx, actor, { entity: 'role', id: row.id, action: 'update' }, [{ field: 'deleted', from: row.name, to: null }]);
    });
  }

  async #role(actor: Actor, id: string) {
    if (builtInRole(id)) throw new ParleyError('forbidden', 'built-in roles cannot be changed; make a new role instead', 'id');
    const row = await this.#store.db.selectFrom('roles').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', String(id).slice(0, 128)).executeTakeFirst();
    if (!row) throw new ParleyError('not_found', `no role "${String(id).slice(0, 80)}"`, 'id');
    return row;
  }

  async #roleNameFree(actor: Actor, name: string, selfId: string | null): Promise<void> {
    const all = await this.roles(actor);
    if (all.some((r) => r.id !== selfId && r.name.toLowerCase() === name.toLowerCase())) throw new ParleyError('already_exists', `a role named "${name}" already exists`, 'name');
  }

  /** The permissions of a role id of the actor's tenant, or `invalid_field` on `roleId`. */
  async #rolePermissions(actor: Actor, value: unknown): Promise<{ id: string; permissions: Permission[] }> {
    const id = must(checkRef(value, 'roleId'));
    const builtIn = builtInRole(id);
    if (builtIn) return { id, permissions: [...builtIn.permissions] };
    const row = await this.#store.db.selectFrom('roles').select('permissions').where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new ParleyError('invalid_field', `no role "${id.slice(0, 80)}"`, 'roleId');
    return { id, permissions: readPermissions(row.permissions) };
  }

  // --- Accounts ---------------------------------------------------------------------------------

  async users(actor: Actor): Promise<AdminUser[]> {
    requirePermission(actor, 'people.manage');
    const rows = await this.#store.db.selectFrom('users').selectAll().where('tenant_id', '=', actor.tenantId).orderBy('username').execute();
    return rows.map(toAdminUser);
  }

  async createUser(actor: Actor, input: unknown): Promise<AdminUser> {
    requirePermission(actor, 'people.manage');
    const b = objectBody(input, ['username', 'displayName', 'roleId', 'password', 'active']);
    const username = must(checkUsername(b.username));
    const displayName = must(checkAdminName(b.displayName, 'displayName'));
    const role = await this.#rolePermissions(actor, b.roleId);
    withinOwn(actor, role.permissions, 'roleId');
    const password = must(checkNewPassword(b.password));
    const active = b.active === undefined ? true : must(checkBoolean(b.active, 'active'));
    if (await this.#store.getUserByUsername(username)) throw new ParleyError('already_exists', `the username "${username}" is taken`, 'username');
    const row = {
      id: newId('u_'),
      tenant_id: actor.tenantId,
      username,
      display_name: displayName,
      role: role.id,
      password_hash: await hashPassword(password),
      capacity: 3,
      created_at: now(),
      active: active ? 1 : 0,
    };
    await this.#store.transaction(async (trx) => {
      // Two creations of one name at once both pass the check above: the unique index decides.
      await trx
        .insertInto('users')
        .values(row)
        .execute()
        .catch((err: unknown) => {
          if (err instanceof Error && /UNIQUE constraint failed: users\.username/.test(err.message)) {
            throw new ParleyError('already_exists', `the username "${username}" is taken`, 'username');
          }
          throw err;
        });
      await recordAudit(trx, actor, { entity: 'user', id: row.id, action: 'create' }, diff({}, { username, displayName, role: role.id, active: active ? 'yes' : 'no' }));
    });
    return toAdminUser(row);
  }

  async updateUser(actor: Actor, id: string, input: unknown): Promise<AdminUser> {
    requirePermission(actor, 'people.manage');
    const b = objectBody(input, ['username', 'displayName', 'roleId', 'password', 'active']);
    const user = await this.#store.getUser(String(id).slice(0, 128));
    if (!user || user.tenant_id !== actor.tenantId) throw new ParleyError('not_found', `no account "${String(id).slice(0, 80)}"`, 'id');
    const self = actor.kind === 'user' && actor.id === user.id;
    // Changing an account (its password above all) is as good as holding what it holds: only
    // someone who holds all of that may touch it.
    if (!self) withinOwn(actor, (await this.#rolePermissions(actor, user.role).catch(() => ({ permissions: [] as Permission[] }))).permissions, 'id');
    const next = { ...user };
    if (b.username !== undefined && must(checkUsername(b.username)) !== user.username) {
      throw new ParleyError('invalid_field', 'a username cannot change; make a new account instead', 'username');
    }
    if (b.displayName !== undefined) next.display_name = must(checkAdminName(b.displayName, 'displayName'));
    if (b.roleId !== undefined && b.roleId !== user.role) {
      if (self) throw new ParleyError('forbidden', 'you cannot change your own role', 'roleId');
      const role = await this.#rolePermissions(actor, b.roleId);
      withinOwn(actor, role.permissions, 'roleId');
      next.role = role.id;
    }
    if (b.active !== undefined) {
      next.active = must(checkBoolean(b.active, 'active')) ? 1 : 0;
      if (self && next.active === 0) throw new ParleyError('forbidden', 'you cannot disable your own account', 'active');
    }
    const password = b.password === undefined ? null : must(checkNewPassword(b.password));
    const changes = diff(
      { displayName: user.display_name, role: user.role, active: user.active === 1 ? 'yes' : 'no' },
      { displayName: next.display_name, role: next.role, active: next.active === 1 ? 'yes' : 'no' },
    );
    if (password !== null) changes.push({ field: 'password', from: null, to: '(changed)' });
    if (changes.length) {
      const hash = password !== null ? await hashPassword(password) : user.password_hash;
      await this.#store.transaction(async (trx) => {
        await trx.updateTable('users').set({ display_name: next.display_name, role: next.role, active: next.active, password_hash: hash }).where('id', '=', user.id).execute();
        // A new password or a disabled account: the sessions opened before end now.
        if (password !== null || next.active === 0) await trx.deleteFrom('staff_sessions').where('user_id', '=', user.id).execute();
        await recordAudit(trx, actor, { entity: 'user', id: user.id, action: 'update' }, changes);
      });
      // Its open connections close too (another role is checked again when they reconnect): an
      // agent's console that may no longer answer contacts stops taking chats.
      if (password !== null || next.active === 0 || next.role !== user.role) this.#onSessionsEnded(user.id);
    }
    return toAdminUser({ ...next });
  }

  // --- API tokens -------------------------------------------------------------------------------

  async tokens(actor: Actor): Promise<AdminToken[]> {
    requirePermission(actor, 'token.manage');
    return (await this.#store.apiKeys(actor.tenantId)).map(toAdminToken);
  }

  async createToken(actor: Actor, input: unknown): Promise<CreatedToken> {
    requirePermission(actor, 'token.manage');
    const b = objectBody(input, ['name', 'permissions']);
    const name = must(checkAdminName(b.name));
    const permissions = must(checkPermissions(b.permissions));
    if (permissions.length === 0) throw new ParleyError('invalid_field', 'a token needs at least one permission', 'permissions');
    if (permissions.includes('contacts.answer')) throw new ParleyError('invalid_field', 'contacts are answered by people in the agent console, not by tokens', 'permissions');
    withinOwn(actor, permissions, 'permissions');
    // 256 random bits, prefixed so a leaked one is recognisable in logs and vaults.
    const secret = `pt_${newToken(32)}`;
    const row = await this.#store.transaction(async (trx) => {
      const key = await this.#store.createApiKey(actor.tenantId, name, hashToken(secret), { permissions, createdBy: actor.name }, trx);
      await recordAudit(trx, actor, { entity: 'token', id: key.id, action: 'create' }, diff({}, { name, permissions: permissions.join(' ') }));
      return key;
    });
    return { token: toAdminToken(row), secret };
  }

  async revokeToken(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'token.manage');
    const row = (await this.#store.apiKeys(actor.tenantId)).find((k) => k.id === id);
    if (!row) throw new ParleyError('not_found', `no API token "${String(id).slice(0, 80)}"`, 'id');
    if (row.revoked_at) return;
    await this.#store.transaction(async (trx) => {
      await trx.updateTable('api_keys').set({ revoked_at: now() }).where('id', '=', row.id).execute();
      await recordAudit(trx, actor, { entity: 'token', id: row.id, action: 'deactivate' }, [{ field: 'revoked', from: 'no', to: 'yes' }]);
    });
  }
}

function toAdminUser(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'created_at'> & { active: number }): AdminUser {
  return { id: row.id, username: row.username, displayName: row.display_name, roleId: row.role, active: row.active === 1, createdAt: row.created_at };
}

function toAdminToken(row: { id: string; name: string; permissions: string; created_by: string | null; created_at: string; last_used_at: string | null; revoked_at: string | null }): AdminToken {
  return {
    id: row.id,
    name: row.name,
    permissions: readPermissions(row.permissions),
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
