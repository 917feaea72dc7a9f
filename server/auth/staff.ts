/**
 * Staff (agent and administrator) sessions: sign-in checks the scrypt hash and issues a random
 * 256-bit token in an HttpOnly, SameSite=Strict cookie; only the token's SHA-256 is stored.
 */
import { checkName } from '../../src/core/validators.js';
import type { StaffUser } from '../../src/protocol/index.js';
import { ParleyError } from '../errors.js';
import type { Store, UserRow } from '../store/store.js';
import { hashToken, newToken, verifyPassword } from './passwords.js';

export const STAFF_COOKIE = 'parley_staff';
/** Staff sessions last 12 hours (a working day and some). */
export const STAFF_SESSION_MS = 12 * 3_600_000;

export function toStaffUser(user: UserRow): StaffUser {
  return { id: user.id, username: user.username, displayName: user.display_name, role: user.role as StaffUser['role'] };
}

export class StaffAuth {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Checks credentials; returns the user and a new session token, or throws `invalid_credentials`. */
  async signIn(body: unknown): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const username = checkName(record.username, 'username');
    if (!username.ok || !username.value) throw new ParleyError('invalid_field', 'username is required', 'username');
    if (typeof record.password !== 'string' || record.password === '') throw new ParleyError('invalid_field', 'password is required', 'password');
    if (record.password.length > 1024) throw new ParleyError('invalid_field', 'password is too long', 'password');
    const user = await this.#store.getUserByUsername(username.value);
    // Hash even for unknown users so the answer takes as long either way.
    const valid = await verifyPassword(record.password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA');
    if (!user || !valid) throw new ParleyError('invalid_credentials', 'wrong username or password');
    const token = newToken(32);
    const expiresAt = new Date(Date.now() + STAFF_SESSION_MS);
    await this.#store.createStaffSession(user.id, hashToken(token), expiresAt.toISOString());
    return { user, token, expiresAt };
  }

  /** The user behind a session token, if the session is valid. */
  async userFor(token: string | undefined): Promise<UserRow | undefined> {
    if (!token || token.length > 128) return undefined;
    return this.#store.userForSession(hashToken(token));
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.#store.deleteStaffSession(hashToken(token));
  }
}
