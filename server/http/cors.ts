/**
 * CORS for the HTTP API. The public API (profile lookup) is readable from any website — the
 * widget runs on other people's pages — without credentials. The staff API (`/api/v1/auth/*`,
 * `/api/v1/studio/*`, `/api/v1/agent/*`, `/api/v1/admin/*`) answers cross-origin only to the configured staff origins, with credentials.
 */
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../src/protocol/index.js';

/** Routes for signed-in staff only. */
const STAFF_PREFIXES = [`${API_PREFIX}/auth`, `${API_PREFIX}/studio`, `${API_PREFIX}/agent`, `${API_PREFIX}/admin`];

export function installCors(app: FastifyInstance, staffOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !request.url.startsWith(API_PREFIX)) return;
    const staff = STAFF_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    if (staff) {
      if (!staffOrigins.includes(origin)) return;
      reply.header('Access-Control-Allow-Origin', origin).header('Access-Control-Allow-Credentials', 'true').header('Vary', 'Origin');
    } else {
      reply.header('Access-Control-Allow-Origin', '*').header('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed');
    }
    if (request.method === 'OPTIONS') {
      reply
        .header('Access-Control-Allow-Methods', staff ? 'GET, POST, PUT, PATCH, DELETE, OPTIONS' : 'GET, POST, OPTIONS')
        // Work-item intake: the form's retry key, and whether the chat filed it.
        .header('Access-Control-Allow-Headers', staff ? 'Content-Type, Authorization' : 'Content-Type, Idempotency-Key, X-Parley-Source')
        .header('Access-Control-Max-Age', '600')
        .code(204)
        .send();
    }
  });
}
