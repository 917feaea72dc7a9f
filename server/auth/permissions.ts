/**
 * Roles and what they allow. The three built-in roles live here, not in the database, so they
 * cannot drift or be edited into a lock-out; the roles an administrator makes are rows of `roles`
 * (per tenant). A user's `role` column holds a role id of either kind.
 */
import { PERMISSIONS, type Permission } from '../../src/protocol/index.js';
import { ParleyError } from '../errors.js';

export interface BuiltInRole {
  id: string;
  name: string;
  permissions: readonly Permission[];
}

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  // Administrators manage everything but do not take contacts (they hold no skills).
  { id: 'admin', name: 'Administrator', permissions: PERMISSIONS.filter((p) => p !== 'contacts.answer') },
  { id: 'marketer', name: 'Marketer', permissions: ['poc.view', 'profile.edit'] },
  { id: 'agent', name: 'Agent', permissions: ['contacts.answer'] },
];

export const builtInRole = (id: string): BuiltInRole | undefined => BUILT_IN_ROLES.find((r) => r.id === id);

export const isPermission = (value: unknown): value is Permission => typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);

/** Reads a stored permission list (JSON), keeping the known ones in `PERMISSIONS` order. */
export function readPermissions(json: string | null | undefined): Permission[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  const held = new Set(Array.isArray(parsed) ? parsed.filter(isPermission) : []);
  return PERMISSIONS.filter((p) => held.has(p));
}

/** Who makes a change: a signed-in person or an API token, with what they may do. */
export interface Actor {
  /** The user's id, or the token's. */
  id: string;
  /** As the audit history shows it: the display name, or `API token "name"`. */
  name: string;
  tenantId: string;
  kind: 'user' | 'token';
  permissions: readonly Permission[];
}

/** Throws `forbidden` unless the actor holds every one of `needed`; the message names what is missing. */
export function requirePermission(actor: Actor, ...needed: Permission[]): void {
  const missing = needed.filter((p) => !actor.permissions.includes(p));
  if (missing.length) throw new ParleyError('forbidden', `this needs the permission ${missing.join(' and ')}`);
}
