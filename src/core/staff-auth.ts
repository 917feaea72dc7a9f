/**
 * The staff session over HTTP (`/api/v1/auth/*`): who is signed in, signing in, signing out. The
 * agent console and the chat-profile studio both go through here.
 *
 * Invariants:
 * - Expected failures (wrong password, a field missing, the server unreachable or answering with
 *   an error) come back as values, never as exceptions, so a caller maps each one to a message
 *   without a try/catch. Only a programming error (a malformed `server`) throws.
 * - Nothing here holds the session: it is the server's httpOnly cookie, sent with every call
 *   (`credentials: 'include'`, since the console or studio may be served from another origin of
 *   the same site).
 * - What is held here, per server, is the session's CSRF token, from the sign-in answer or from
 *   `me` (a reloaded page asks again). `staffFetch` sends it as `X-Parley-CSRF` on every
 *   state-changing call; the server refuses those calls without it (`csrf_failed`), so another
 *   website cannot make them with the cookie.
 * - Who may use which app is the caller's decision (the `permission` it needs): the server signs
 *   in any staff member and checks the permission again on every call that needs one.
 */
import { API_PREFIX, CSRF_HEADER, type Permission, type ProtocolError, type StaffUser } from '../protocol/index.js';

/** Why a sign-in did not go through. */
export type SignInFailure =
  /** Wrong username or password (HTTP 401). */
  | 'invalid_credentials'
  /** A field is empty or too long (HTTP 400 `invalid_field`); `field` says which. */
  | 'missing_field'
  /** Too many failed sign-ins (HTTP 429): `retryAfter` says how many seconds to wait, when known. */
  | 'too_many_attempts'
  /** No answer: offline, DNS, refused connection, CORS. */
  | 'unreachable'
  /** Any other answer (5xx, an unexpected body). */
  | 'failed';

export type SignInResult = { ok: true; user: StaffUser } | { ok: false; reason: SignInFailure; field?: string; retryAfter?: number };

/** `user` is null when nobody is signed in, which is not a failure. */
export type CurrentUserResult = { ok: true; user: StaffUser | null } | { ok: false; reason: 'unreachable' | 'failed' };

function endpoint(server: string, path: string): string {
  return new URL(`${API_PREFIX}/auth/${path}`, server).toString();
}

/** The CSRF token of each server's session, by origin. */
const csrfTokens = new Map<string, string>();

/** The CSRF token of the session on `server`, if known. */
export function csrfToken(server: string): string | undefined {
  return csrfTokens.get(new URL(server).origin);
}

/** Keeps (or, with null, forgets) the CSRF token of the session on `server`. */
export function rememberCsrfToken(server: string, token: string | null | undefined): void {
  const origin = new URL(server).origin;
  if (typeof token === 'string' && token) csrfTokens.set(origin, token);
  else csrfTokens.delete(origin);
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether `response` is the server refusing a call for its CSRF token. */
async function isCsrfRefusal(response: Response): Promise<boolean> {
  if (response.status !== 403) return false;
  const body = (await response.clone().json().catch(() => null)) as { error?: { code?: unknown } } | null;
  return body?.error?.code === 'csrf_failed';
}

/**
 * `fetch` for the staff API of `server` (`url` is on it): with the session cookie, and with the
 * CSRF token on a state-changing method. A `csrf_failed` answer (the session was renewed, in
 * another tab say) fetches the token again from `me` and retries once with it. Rejects like
 * `fetch` when the server cannot be reached. `init.body` must be resendable (a string, FormData).
 */
export async function staffFetch(server: string, url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const send = (token: string | undefined) => {
    const headers = new Headers(init.headers);
    if (token && STATE_CHANGING.has(method)) headers.set(CSRF_HEADER, token);
    return fetch(url, { ...init, credentials: 'include', headers });
  };
  const sent = csrfToken(server);
  const response = await send(sent);
  if (!STATE_CHANGING.has(method) || !(await isCsrfRefusal(response))) return response;
  const me = await currentUser(server);
  const fresh = csrfToken(server);
  if (!me.ok || !me.user || !fresh || fresh === sent) return response;
  return send(fresh);
}

/** The body as JSON, or null when it is not (an HTML error page from a proxy, an empty 204). */
async function json<T>(response: Response): Promise<T | null> {
  return (await response.json().catch(() => null)) as T | null;
}

function isStaffUser(value: unknown): value is StaffUser {
  const user = value as Partial<StaffUser> | null;
  return typeof user?.id === 'string' && typeof user.username === 'string' && typeof user.role === 'string' && Array.isArray(user.permissions);
}

/** Who the session cookie belongs to. `server` is the Parley origin, e.g. `https://parley.example`. */
export async function currentUser(server: string): Promise<CurrentUserResult> {
  const url = endpoint(server, 'me');
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include' });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  const body = await json<{ user?: unknown; csrfToken?: unknown }>(response);
  if (!response.ok || !body || !('user' in body)) return { ok: false, reason: 'failed' };
  rememberCsrfToken(server, body.user === null ? null : (body.csrfToken as string | undefined));
  if (body.user === null) return { ok: true, user: null };
  return isStaffUser(body.user) ? { ok: true, user: body.user } : { ok: false, reason: 'failed' };
}

/** Signs in; on success the server has set the session cookie. */
export async function signIn(server: string, username: string, password: string): Promise<SignInResult> {
  const url = endpoint(server, 'login');
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  const body = await json<{ user?: unknown; csrfToken?: unknown; error?: Partial<ProtocolError> }>(response);
  if (response.ok) {
    if (!isStaffUser(body?.user)) return { ok: false, reason: 'failed' };
    rememberCsrfToken(server, typeof body.csrfToken === 'string' ? body.csrfToken : null);
    return { ok: true, user: body.user };
  }
  const error = body?.error;
  if (response.status === 401 || error?.code === 'invalid_credentials') return { ok: false, reason: 'invalid_credentials' };
  if (response.status === 429) {
    const retryAfter = secondsToWait(error?.retryAfter, response.headers.get('retry-after'));
    return retryAfter === undefined ? { ok: false, reason: 'too_many_attempts' } : { ok: false, reason: 'too_many_attempts', retryAfter };
  }
  if (error?.code === 'invalid_field') {
    return typeof error.field === 'string' ? { ok: false, reason: 'missing_field', field: error.field } : { ok: false, reason: 'missing_field' };
  }
  return { ok: false, reason: 'failed' };
}

/** Seconds to wait from the error body's `retryAfter`, else a `Retry-After: <seconds>` header. */
function secondsToWait(fromBody: unknown, header: string | null): number | undefined {
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) return Math.ceil(fromBody);
  const seconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : NaN;
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * Ends the session on the server. True when the server confirmed; false when it could not be
 * reached, in which case the cookie may outlive the call until the server expires it. Callers
 * treat the user as signed out either way.
 */
export async function signOut(server: string): Promise<boolean> {
  try {
    const response = await staffFetch(server, endpoint(server, 'logout'), { method: 'POST' });
    return response.ok;
  } catch {
    return false;
  } finally {
    rememberCsrfToken(server, null);
  }
}

/** Whether `user` may use an app open to holders of `permission`; null: any staff member. */
export function mayUse(user: StaffUser, permission: Permission | null): boolean {
  return permission === null || user.permissions.includes(permission);
}

/** What a staff app does on load: carry on as `user`, or show the sign-in form saying `problem`. */
export type SessionCheck = { user: StaffUser } | { user: null; problem: 'refused' | 'unreachable' | null };

/**
 * The session check of a staff app open to holders of `permission`. A session without it is
 * `refused` (it is left as it is: signing in as someone else replaces it). A server answering with an error
 * gives no problem to show: the form is shown, and signing in says more.
 */
export async function checkSession(server: string, permission: Permission | null): Promise<SessionCheck> {
  const result = await currentUser(server);
  if (!result.ok) return { user: null, problem: result.reason === 'unreachable' ? 'unreachable' : null };
  if (!result.user) return { user: null, problem: null };
  return mayUse(result.user, permission) ? { user: result.user } : { user: null, problem: 'refused' };
}
