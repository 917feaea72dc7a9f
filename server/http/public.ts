/** Public HTTP API: what any website's widget may read. */
import type { FastifyInstance } from 'fastify';
import { readProfile } from '../../src/core/profile.js';
import { API_PREFIX, type PublicChatProfile } from '../../src/protocol/index.js';
import type { ContactCenter } from '../routing/contact-center.js';
import type { Store } from '../store/store.js';

export function publicRoutes(app: FastifyInstance, store: Store, center: ContactCenter): void {
  app.get<{ Params: { poc: string } }>(`${API_PREFIX}/pocs/:poc/profile`, async (request, reply): Promise<PublicChatProfile> => {
    const poc = await center.chatPoc(request.params.poc);
    const row = poc.chat_profile_id ? await store.getChatProfile(poc.chat_profile_id) : undefined;
    let raw: unknown = null;
    try {
      raw = row ? JSON.parse(row.profile) : null;
    } catch {
      request.log.warn({ poc: poc.id }, 'stored chat profile is not valid JSON; using defaults');
    }
    const { profile } = readProfile(raw);
    // Widgets pick up a saved profile on their next load; revalidate every time.
    reply.header('Cache-Control', 'no-cache');
    return { poc: { id: poc.id, channel: 'chat', name: poc.name }, profile };
  });
}
