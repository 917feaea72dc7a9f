/**
 * Cross-site request forgery protection of the staff API. The session is a cookie, which the
 * browser sends with any request to the server, whichever site made it; so every state-changing
 * call (POST, PUT, PATCH, DELETE) that the session cookie authenticates must also carry
 * `X-Parley-CSRF`, a token bound to the session that only the apps can read (the login answer and
 * `GET /api/v1/auth/me` give it). Another site can neither read it nor set a custom header
 * without a CORS preflight, which the server answers only for the configured staff origins.
 *
 * On top of the token, a state-changing cookie call whose `Origin` is neither the server's own
 * nor a configured staff origin is refused; signing in, which has no session yet, is checked by
 * its `Origin` only ("login CSRF": another site signing a browser in to an account of its own).
 *
 * Exempt: admin calls authenticated by `Authorization: Bearer` (an API token is no ambient
 * credential: the admin API then ignores the cookie entirely), and calls with no session cookie
 * (nothing to forge; the route answers `not_authenticated`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX, CSRF_HEADER } from '../../src/protocol/index.js';
import { ParleyError } from '../errors.js';
import { staffOriginAllowed } from '../sockets/agent.js';
import { STAFF_COOKIE, type StaffAuth } from './staff.js';

/** The staff API: every route a session cookie authenticates. */
const STAFF_PREFIXES = [`${API_PREFIX}/auth`, `${API_PREFIX}/studio`, `${API_PREFIX}/agent`, `${API_PREFIX}/admin`];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOGIN_PATH = `${API_PREFIX}/auth/login`;
/** Where `Authorization: Bearer` replaces the cookie (StaffAuth.actorFor). */
const TOKEN_PREFIX = `${API_PREFIX}/admin`;

/**
 * The CSRF token of a session: SHA-256 of `csrf:` and the session token, base64url. The server
 * derives it from the cookie on each call, so nothing more is stored; it cannot be derived from
 * the stored session hash (SHA-256 of the token alone), nor the session token from it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

/** Whether `sent` is the token of `sessionToken`, compared in constant time. */
export function csrfTokenMatches(sessionToken: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether the request's `Origin` may make staff calls (the agent socket's rule). */
export function originAllowed(request: FastifyRequest, staffOrigins: readonly string[]): boolean {
  return staffOriginAllowed(request.headers.origin, request.headers.host, staffOrigins);
}

/** Whether a routed path (`routedPath`) is on the staff API. */
export const isStaffPath = (path: string) => STAFF_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * The path the request is routed by: the matched route's pattern (the router decodes the URL, so
 * `/api/v1/%61dmin/…` reaches the admin routes and must be judged as such), else, for a path no
 * route matches (a preflight, a 404), the URL's path decoded as the router decodes it.
 */
export function routedPath(request: FastifyRequest): string {
  if (request.routeOptions.url !== undefined) return request.routeOptions.url;
  const raw = request.url.split('?')[0];
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Refuses forged staff calls before their body is read (an `onRequest` hook, after the cookie
 * plugin's). Answers `csrf_failed` (403) naming `X-Parley-CSRF`, or `Origin` for a foreign origin;
 * `not_authenticated` (401) when the cookie is of no valid session anyway.
 */
export function installCsrfProtection(app: FastifyInstance, auth: StaffAuth, staffOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const path = routedPath(request);
    if (!isStaffPath(path)) return;
    if (path === LOGIN_PATH) {
      if (!originAllowed(request, staffOrigins)) throw new ParleyError('csrf_failed', 'signing in from another site is not allowed', 'Origin');
      return;
    }
    const session = request.cookies[STAFF_COOKIE];
    if (!session) return;
    if (request.headers.authorization !== undefined && path.startsWith(TOKEN_PREFIX)) return;
    if (!originAllowed(request, staffOrigins)) throw new ParleyError('csrf_failed', `calls from ${String(request.headers.origin).slice(0, 100)} are not allowed`, 'Origin');
    if (!csrfTokenMatches(session, request.headers[CSRF_HEADER.toLowerCase()])) {
      // A cookie of no valid session (expired, signed out) authenticates nothing: say so, as the
      // route would, rather than ask for a token no session has.
      if (!(await auth.userFor(session))) throw new ParleyError('not_authenticated', 'sign in first');
      throw new ParleyError('csrf_failed', `this call needs the ${CSRF_HEADER} header of the session (from the sign-in answer or GET ${API_PREFIX}/auth/me)`, CSRF_HEADER);
    }
  });
}
