/**
 * Staff sign-in: `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/auth/me`.
 * The login and `me` answers carry `csrfToken`, which the apps send back as `X-Parley-CSRF` on
 * every state-changing call (server/auth/csrf.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { API_PREFIX } from '../../src/protocol/index.js';
import { csrfTokenFor } from '../auth/csrf.js';
import { STAFF_COOKIE, type StaffAuth } from '../auth/staff.js';
import { addressKey } from '../limits/limiter.js';

export function authRoutes(app: FastifyInstance, auth: StaffAuth): void {
  /**
   * The session cookie's flags: unreadable by scripts, never sent by another site's requests, and
   * `Secure` when the request came over https (directly, or through a trusted proxy that says so:
   * ParleyOptions.trustProxy).
   */
  const cookieFlags = (request: FastifyRequest): CookieSerializeOptions => ({
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
  });

  app.post(`${API_PREFIX}/auth/login`, async (request, reply) => {
    // IPv6 by its /64: one client holds a whole /64 and could otherwise rotate through fresh counters.
    const { user, token, expiresAt } = await auth.signIn(request.body, addressKey(request.ip));
    reply.setCookie(STAFF_COOKIE, token, { ...cookieFlags(request), expires: expiresAt });
    return { user: await auth.staffUser(user), csrfToken: csrfTokenFor(token) };
  });

  app.post(`${API_PREFIX}/auth/logout`, async (request, reply) => {
    await auth.signOut(request.cookies[STAFF_COOKIE]);
    reply.clearCookie(STAFF_COOKIE, cookieFlags(request));
    return reply.code(204).send();
  });

  // Who is signed in: `{ user: null }` when nobody is. Asking is not an error, so a signed-out
  // console shows no failed request. A page reloaded gets the CSRF token again here.
  app.get(`${API_PREFIX}/auth/me`, async (request) => {
    const token = request.cookies[STAFF_COOKIE];
    const user = await auth.userFor(token);
    return user && token ? { user: await auth.staffUser(user), csrfToken: csrfTokenFor(token) } : { user: null };
  });
}
