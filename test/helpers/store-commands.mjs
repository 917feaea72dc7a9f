// A web-test-runner plugin that lets element tests read what the real server stored, through
// `executeServerCommand` from @web/test-runner-commands: the browser cannot reach the store, and
// some promises are only visible there (an email "sent" is a row in outbound_messages).
// Tests drive the server through its real API and mostly only look here; the writes are a
// script's settings (business hours, long-wait threshold), which have no API before the
// administration pages, and a long earlier history, which would take the API thousands of sends.

/**
 * Commands:
 * - `parley-outbound` `{ conversationId?, channel? }` → the outbound email and text rows,
 *   newest first (Store.outbound).
 * - `parley-script` `{ id, config? }` → returns the script's settings (a JSON string) and, when
 *   `config` is given, stores it in their place; the test puts back what it was given.
 * - `parley-work-items` `{ poc }` → the work items filed on that POC, newest first: `{ id,
 *   reference, requestId, source, fields, attachments: [{ fieldId, name, type, size }] }`.
 * - `parley-history` `{ conversationId, count, agentName }` → stores `count` earlier messages in
 *   the conversation, agent and customer in turn ("Earlier answer N", "Earlier question N"), as
 *   a long-lived chat would hold; returns the last seq. Nobody connected is told: for a visitor
 *   who comes back to a long history.
 *
 * @param {import('../../server/store/store.js').Store} store
 */
export function storeCommands(store) {
  return {
    name: 'parley-store-commands',
    async executeCommand({ command, payload }) {
      if (command === 'parley-outbound') {
        const filter = payload && typeof payload === 'object' ? payload : {};
        return store.outbound({ conversationId: filter.conversationId, channel: filter.channel });
      }
      if (command === 'parley-script') {
        const { id, config } = payload ?? {};
        const previous = await store.getScript(String(id));
        if (!previous) throw new Error(`no script "${id}"`);
        if (typeof config === 'string') await store.db.updateTable('scripts').set({ config }).where('id', '=', previous.id).execute();
        return previous.config;
      }
      if (command === 'parley-work-items') {
        const rows = await store.db
          .selectFrom('conversations')
          .selectAll()
          .where('poc_id', '=', String(payload?.poc))
          .where('channel', '=', 'workitem')
          .orderBy('created_at', 'desc')
          .execute();
        const files = await store.attachmentsOf(rows.map((r) => r.id));
        return rows.map((r) => {
          const item = r.work_item ? JSON.parse(r.work_item) : {};
          return {
            id: r.id,
            reference: r.reference,
            requestId: r.request_id,
            source: item.source ?? null,
            fields: item.fields ?? [],
            attachments: (files.get(r.id) ?? []).map((a) => ({ fieldId: a.field_id, name: a.name, type: a.type, size: a.size })),
          };
        });
      }
      if (command === 'parley-history') {
        const { conversationId, count, agentName } = payload ?? {};
        let lastSeq = 0;
        await store.transaction(async (trx) => {
          for (let i = 1; i <= Number(count); i++) {
            const agent = i % 2 === 1;
            const text = `${agent ? 'Earlier answer' : 'Earlier question'} ${i}`;
            const input = { clientId: `history-${conversationId}-${i}`, author: agent ? 'agent' : 'customer', authorName: agent ? String(agentName) : null, text };
            lastSeq = (await store.appendMessage(String(conversationId), input, trx)).message.seq;
          }
        });
        return lastSeq;
      }
      // Not ours: another plugin may answer.
      return undefined;
    },
  };
}
