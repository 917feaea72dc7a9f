/**
 * CORS for the HTTP API. The public API (profile lookup) is readable from any website — the
 * widget runs on other people's pages — without credentials. The staff API (`/api/v1/auth/*`)
 * answers cross-origin only to the configured staff origins, with credentials.
 */
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../src/protocol/index.js';

export function installCors(app: FastifyInstance, staffOrigins: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !request.url.startsWith(API_PREFIX)) return;
    const staff = request.url.startsWith(`${API_PREFIX}/auth`);
    if (staff) {
      if (!staffOrigins.includes(origin)) return;
      reply.header('Access-Control-Allow-Origin', origin).header('Access-Control-Allow-Credentials', 'true').header('Vary', 'Origin');
    } else {
      reply.header('Access-Control-Allow-Origin', '*');
    }
    if (request.method === 'OPTIONS') {
      reply
        .header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
        .header('Access-Control-Allow-Headers', 'Content-Type')
        .header('Access-Control-Max-Age', '600')
        .code(204)
        .send();
    }
  });
}
