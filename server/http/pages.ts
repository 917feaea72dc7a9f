/**
 * Pages and bundles: the demo website (`/`), the agent console (`/agent`), the chat-profile
 * studio (`/studio`), the administration pages (`/admin`), the embed bundle (`/parley.js`) and the
 * pages' bundles, plus `/healthz`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';

/**
 * The Trusted Types policies Parley's bundles create: Lit's template policy (`lit-html`) and the
 * sanitiser's own (`parley-sanitizer`, src/elements/base/sanitize.ts). Nothing else may create one.
 */
export const TRUSTED_TYPES_POLICIES = ['lit-html', 'parley-sanitizer'] as const;

/**
 * Content-Security-Policy of Parley's own pages: nothing inline, nothing from elsewhere, every
 * DOM sink that could run script takes only values from the policies above. Profile images may
 * come from any `https:` address (and `data:` for the page icon).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: https:",
  "require-trusted-types-for 'script'",
  `trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`,
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The widget's content-hashed chunks (dist/parley/, vite.config.ts), compressed copies included. */
const WIDGET_CHUNK = /[\\/]parley[\\/][\w-]+-[\w-]{8}\.js(\.br|\.gz)?$/;

export async function pageRoutes(app: FastifyInstance, store: Store, dirs: { dist: string; demo: string; pages: string }): Promise<void> {
  await app.register(fastifyStatic, {
    root: dirs.dist,
    prefix: '/',
    index: false,
    // The build writes a Brotli and a gzip copy of each bundle (scripts/build.mjs): sent to
    // browsers that accept them, so pages download the compressed size.
    preCompressed: true,
    // Bundles change with each build: let browsers revalidate rather than cache blindly...
    cacheControl: true,
    maxAge: 0,
    setHeaders: (res, path) => {
      res.header('X-Content-Type-Options', 'nosniff');
      // The embed bundle is loaded cross-origin by other websites.
      if (/\.js(\.br|\.gz)?$/.test(path)) res.header('Access-Control-Allow-Origin', '*');
      // ...except the widget's chunks, named by their content's hash: a name never changes content.
      if (WIDGET_CHUNK.test(path)) res.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  // The demo site's assets; its page itself is `/`, served with the policy, never as a raw file.
  await app.register(fastifyStatic, { root: dirs.demo, prefix: '/demo/', decorateReply: false, index: false, allowedPath: (path) => !path.endsWith('.html') });
  await app.register(fastifyStatic, { root: dirs.pages, prefix: '/pages/', decorateReply: false, index: false, allowedPath: (path) => path.endsWith('.css') });

  const page = (file: string, csp: string | null) => async (_req: unknown, reply: import('fastify').FastifyReply) => {
    const html = await readFile(file, 'utf8');
    reply.header('Content-Type', 'text/html; charset=utf-8').header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer');
    if (csp) reply.header('Content-Security-Policy', csp);
    return reply.send(html);
  };
  // The demo website runs under the same strict policy: the widget needs nothing inline.
  app.get('/', page(join(dirs.demo, 'index.html'), PAGE_CSP));
  app.get('/agent', page(join(dirs.pages, 'agent.html'), PAGE_CSP));
  app.get('/studio', page(join(dirs.pages, 'studio.html'), PAGE_CSP));
  app.get('/admin', page(join(dirs.pages, 'admin.html'), PAGE_CSP));

  app.get('/healthz', async (_req, reply) => {
    const ok = await store.ping().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable' });
  });
}
