/**
 * CORS for the HTTP API.
 * - The public routes of a point of contact (`/api/v1/pocs/:poc/profile`, `…/availability`,
 *   `…/work-items`) answer cross-origin only to the POC's allowed origins (pocs/origins.ts), by
 *   name, without credentials. A refused origin gets 403 `origin_not_allowed` and no
 *   `Access-Control-Allow-Origin`, so its page cannot read the answer; a work-item POST without an
 *   Origin is refused unless it is same-origin or carries an API key.
 * - The staff API (`/api/v1/auth/*`, `/api/v1/studio/*`, `/api/v1/agent/*`, `/api/v1/admin/*`)
 *   answers cross-origin only to the configured staff origins, with credentials.
 * - The rest of the public API (the OpenAPI document) is readable from anywhere.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX, CSRF_HEADER } from '../../src/protocol/index.js';
import { isStaffPath, routedPath } from '../auth/csrf.js';
import type { OriginPolicy } from '../pocs/origins.js';
import type { Store } from '../store/store.js';

/** The public routes of one POC (server/http/public.ts, server/http/work-items.ts), by pattern. */
const POC_ROUTES = new Set(['profile', 'availability', 'work-items'].map((leaf) => `${API_PREFIX}/pocs/:poc/${leaf}`));
/** The same for a request no route matched (a preflight): group 1 is the POC id. */
const POC_PATH = new RegExp(`^${API_PREFIX}/pocs/([^/]+)/(?:profile|availability|work-items)$`);

/** Headers a widget may read on a public answer: when to retry, and whether an intake was a replay. */
const EXPOSED = 'Retry-After, Idempotent-Replayed';

export interface CorsOptions {
  /** Origins, other than the server's own, of the staff pages. */
  staffOrigins: readonly string[];
  origins: OriginPolicy;
  store: Store;
}

export function installCors(app: FastifyInstance, options: CorsOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    // Judged by the path the router reads (it decodes `%61pi`), never by the raw URL.
    const path = routedPath(request);
    if (!path.startsWith(`${API_PREFIX}/`)) return;
    const pocId = pocOf(request, path);
    if (pocId !== null) return pocCors(request, reply, pocId, options);
    const origin = request.headers.origin;
    if (!origin) return;
    const staff = isStaffPath(path);
    if (staff) {
      if (!options.staffOrigins.includes(origin)) return;
      reply.header('Access-Control-Allow-Origin', origin).header('Access-Control-Allow-Credentials', 'true').header('Vary', 'Origin');
    } else {
      reply.header('Access-Control-Allow-Origin', '*').header('Access-Control-Expose-Headers', EXPOSED);
    }
    if (request.method === 'OPTIONS') {
      reply
        .header('Access-Control-Allow-Methods', staff ? 'GET, POST, PUT, PATCH, DELETE, OPTIONS' : 'GET, POST, OPTIONS')
        .header('Access-Control-Allow-Headers', staff ? `Content-Type, Authorization, ${CSRF_HEADER}` : 'Content-Type')
        .header('Access-Control-Max-Age', '600')
        .code(204)
        .send();
    }
  });
}

/**
 * A POC route: the POC's allow-list decides. A POC id that names nothing has no list to keep: the
 * route's 404 stays readable from anywhere, so a website owner's typo shows as such.
 */
async function pocCors(request: FastifyRequest, reply: FastifyReply, pocId: string, options: CorsOptions): Promise<void> {
  // The answer differs by Origin: a shared cache must not hand one site's answer to another.
  reply.header('Vary', 'Origin');
  const origin = request.headers.origin;
  const preflight = request.method === 'OPTIONS';
  if (preflight && !origin) return;
  const poc = pocId.length <= 128 ? await options.store.getPoc(pocId) : undefined;
  if (!poc) {
    if (origin) reply.header('Access-Control-Allow-Origin', origin).header('Access-Control-Expose-Headers', EXPOSED);
  } else {
    const writes = request.method !== 'GET' && request.method !== 'HEAD';
    // A server-to-server intake authenticates with its API key (the route checks it) and has no Origin.
    const verdict = options.origins.checkPoc(poc, request.headers, writes ? { kind: 'write', alsoWithout: request.headers.authorization !== undefined } : { kind: 'read' });
    if (!verdict.allowed) throw verdict.error;
    if (verdict.origin !== null && origin) reply.header('Access-Control-Allow-Origin', origin).header('Access-Control-Expose-Headers', EXPOSED);
  }
  if (preflight) {
    reply
      .header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
      // Work-item intake: the form's retry key, and whether the chat filed it.
      .header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key, X-Parley-Source')
      .header('Access-Control-Max-Age', '600')
      .code(204)
      .send();
  }
}

/** The POC id of a request to a public POC route, or null for any other request. */
function pocOf(request: FastifyRequest, path: string): string | null {
  if (request.routeOptions.url !== undefined) {
    return POC_ROUTES.has(request.routeOptions.url) ? String((request.params as { poc?: unknown }).poc) : null;
  }
  const match = POC_PATH.exec(path);
  return match ? match[1] : null;
}
