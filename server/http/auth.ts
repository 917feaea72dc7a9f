/** Staff sign-in: `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/auth/me`. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../../src/protocol/index.js';
import { STAFF_COOKIE, type StaffAuth } from '../auth/staff.js';

export function authRoutes(app: FastifyInstance, auth: StaffAuth): void {
  const secure = (request: FastifyRequest) => request.protocol === 'https';

  app.post(`${API_PREFIX}/auth/login`, async (request, reply) => {
    const { user, token, expiresAt } = await auth.signIn(request.body);
    reply.setCookie(STAFF_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(request),
      expires: expiresAt,
    });
    return { user: await auth.staffUser(user) };
  });

  app.post(`${API_PREFIX}/auth/logout`, async (request, reply) => {
    await auth.signOut(request.cookies[STAFF_COOKIE]);
    reply.clearCookie(STAFF_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  // Who is signed in: `{ user: null }` when nobody is. Asking is not an error, so a signed-out
  // console shows no failed request.
  app.get(`${API_PREFIX}/auth/me`, async (request) => {
    const user = await auth.userFor(request.cookies[STAFF_COOKIE]);
    return { user: user ? await auth.staffUser(user) : null };
  });
}
