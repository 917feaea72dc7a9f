/**
 * Staff (agent and administrator) sessions: sign-in checks the scrypt hash and issues a random
 * 256-bit token in an HttpOnly, SameSite=Strict cookie; only the token's SHA-256 is stored. Failed
 * sign-ins slow further attempts down (sign-in-backoff.ts); state-changing calls made with the
 * cookie also need the session's CSRF token (csrf.ts).
 * Admin calls are made by an `Actor`: the person behind the session cookie, or an API token
 * (`Authorization: Bearer …`) with the permissions it was given. A disabled account signs in no
 * more and its sessions stop counting.
 */
import type { FastifyRequest } from 'fastify';
import { checkName } from '../../src/core/validators.js';
import type { Permission, StaffUser } from '../../src/protocol/index.js';
import { ParleyError } from '../errors.js';
import type { Store, UserRow } from '../store/store.js';
import { hashToken, newToken, verifyPassword } from './passwords.js';
import { builtInRole, readPermissions, type Actor } from './permissions.js';
import { SignInBackoff, type SignInBackoffOptions } from './sign-in-backoff.js';

export const STAFF_COOKIE = 'parley_staff';
/** Staff sessions last 12 hours (a working day and some). */
export const STAFF_SESSION_MS = 12 * 3_600_000;

/** What a user's role allows: a built-in role's permissions, or the tenant's role row's. */
export async function permissionsOf(store: Store, user: UserRow): Promise<Permission[]> {
  const builtIn = builtInRole(user.role);
  if (builtIn) return [...builtIn.permissions];
  const row = await store.db.selectFrom('roles').select('permissions').where('tenant_id', '=', user.tenant_id).where('id', '=', user.role).executeTakeFirst();
  return readPermissions(row?.permissions);
}

export function toStaffUser(user: UserRow, permissions: readonly Permission[]): StaffUser {
  return { id: user.id, username: user.username, displayName: user.display_name, role: user.role, permissions: [...permissions] };
}

/** The API token in an `Authorization: Bearer …` header, if it has the shape of one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(request.headers.authorization ?? '')?.[1];
}

export class StaffAuth {
  readonly #store: Store;
  readonly #backoff: SignInBackoff;

  constructor(store: Store, options: { backoff?: Partial<SignInBackoffOptions> } = {}) {
    this.#store = store;
    this.#backoff = new SignInBackoff(options.backoff);
  }

  /**
   * Checks credentials of a sign-in from `ip`; returns the user and a new session token, or throws
   * `invalid_credentials`, or `rate_limited` (without looking at the password) while too many
   * failures make this username, or this IP, wait.
   */
  async signIn(body: unknown, ip: string): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const username = checkName(record.username, 'username');
    if (!username.ok || !username.value) throw new ParleyError('invalid_field', 'username is required', 'username');
    if (typeof record.password !== 'string' || record.password === '') throw new ParleyError('invalid_field', 'password is required', 'password');
    if (record.password.length > 1024) throw new ParleyError('invalid_field', 'password is too long', 'password');
    this.#backoff.begin(username.value, ip);
    const user = await this.#store.getUserByUsername(username.value);
    // Hash even for unknown users so the answer takes as long either way.
    const valid = await verifyPassword(record.password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
    if (!user || !valid) throw new ParleyError('invalid_credentials', 'wrong username or password');
    this.#backoff.succeeded(username.value, ip);
    if (user.active !== 1) throw new ParleyError('forbidden', 'this account is disabled; ask an administrator');
    const token = newToken(32);
    const expiresAt = new Date(Date.now() + STAFF_SESSION_MS);
    await this.#store.createStaffSession(user.id, hashToken(token), expiresAt.toISOString());
    return { user, token, expiresAt };
  }

  /** The user behind a session token, if the session is valid and the account active. */
  async userFor(token: string | undefined): Promise<UserRow | undefined> {
    if (!token || token.length > 128) return undefined;
    const user = await this.#store.userForSession(hashToken(token));
    return user?.active === 1 ? user : undefined;
  }

  /** The signed-in user as the apps see them, with their permissions. */
  async staffUser(user: UserRow): Promise<StaffUser> {
    return toStaffUser(user, await permissionsOf(this.#store, user));
  }

  /**
   * Who makes an admin call: the API token of an `Authorization: Bearer` header (a header that is
   * there but wrong is refused, never passed over for the cookie), else the session cookie's user.
   * Throws `not_authenticated` when there is neither.
   */
  async actorFor(request: FastifyRequest): Promise<Actor> {
    if (request.headers.authorization !== undefined) {
      const secret = bearerToken(request);
      const key = secret ? await this.#store.findApiKey(hashToken(secret)) : undefined;
      if (!key || key.revoked_at) throw new ParleyError('not_authenticated', 'the API token is not valid (Authorization: Bearer <token>)', 'Authorization');
      await this.#store.touchApiKey(key.id);
      return { id: key.id, name: `API token "${key.name}"`, tenantId: key.tenant_id, kind: 'token', permissions: readPermissions(key.permissions) };
    }
    const user = await this.userFor(request.cookies[STAFF_COOKIE]);
    if (!user) throw new ParleyError('not_authenticated', 'sign in first');
    return { id: user.id, name: user.display_name, tenantId: user.tenant_id, kind: 'user', permissions: await permissionsOf(this.#store, user) };
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.#store.deleteStaffSession(hashToken(token));
  }
}
