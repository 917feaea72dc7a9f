/**
 * Public HTTP API: what a widget reads. Only the websites a POC allows may read it cross-origin
 * (server/http/cors.ts checks the Origin before these handlers run).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, type PocAvailability, type PocChannel, type PublicChatProfile } from '../../src/protocol/index.js';
import type { ContactCenter } from '../routing/contact-center.js';

export function publicRoutes(app: FastifyInstance, center: ContactCenter): void {
  app.get<{ Params: { poc: string } }>(`${API_PREFIX}/pocs/:poc/profile`, async (request, reply) => {
    const poc = await center.profilePoc(request.params.poc);
    const { profile, unreadable } = await center.chatProfile(poc);
    if (unreadable) request.log.warn({ poc: poc.id }, 'stored profile is not valid JSON; using defaults');
    const body: PublicChatProfile = { poc: { id: poc.id, channel: poc.channel as PocChannel, name: poc.name }, profile };
    const json = JSON.stringify(body);
    // Saved changes reach widgets on their next load: browsers and CDNs may keep a copy but must
    // revalidate it each time, which costs a 304 when nothing changed.
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
    reply.header('ETag', etag).header('Cache-Control', 'public, no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(json);
  });

  // Open or closed now, the long-wait threshold and the callback windows: changes with the clock.
  app.get<{ Params: { poc: string } }>(`${API_PREFIX}/pocs/:poc/availability`, async (request, reply) => {
    const body: PocAvailability = await center.availability(request.params.poc);
    return reply.header('Cache-Control', 'no-store').send(body);
  });
}
