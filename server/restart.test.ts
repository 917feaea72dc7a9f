/**
 * Server restarts (SPEC §5): with the data directory kept, conversations survive; agent and
 * customer sessions reconnect by themselves to the same address, see the whole history once and
 * in order, and what they wrote while the server was down is delivered once. Offers left open by
 * the previous run are void on start and the contacts are offered again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgentSession } from '../src/core/agent-session.js';
import type { ChatSession } from '../src/core/chat-session.js';
import { Store } from './store/store.js';
import { connectAgent, connectCustomer, startTestServer, until, type TestServer } from '../test/helpers/server.js';

/** Messages of the agent's thread for one conversation. */
const threadMessages = (agent: AgentSession, id: string) => agent.thread(id)?.messages ?? [];

describe('restart', () => {
  test('an active conversation survives a restart, with its history once and in order', async () => {
    const first = await startTestServer();
    let second: TestServer | undefined;
    const sessions: { close(): void }[] = [];
    try {
      const agent = await connectAgent(first.url, 'agent1');
      const customer = await connectCustomer(first.url);
      sessions.push(agent, customer);
      assert.equal(await agent.setAvailable(true), null);

      customer.send('before 1 (customer)');
      const offered = await until(agent, (s) => s.offers.length === 1, 5000, 'offer');
      assert.equal(await agent.accept(offered.offers[0].id), null);
      const id = offered.offers[0].conversationId;
      agent.send(id, 'before 3 (agent)');
      await until(customer, (s) => s.messages.length === 3, 5000, 'agent text reached the customer');
      customer.send('before 4 (customer)');
      await until(agent, () => threadMessages(agent, id).length === 4, 5000, 'customer text reached the agent');

      await first.close();
      await until(customer, (s) => s.connection === 'reconnecting', 5000, 'customer notices the outage');
      await until(agent, (s) => s.connection === 'reconnecting', 5000, 'agent notices the outage');

      // Written while the server is down: kept pending, delivered after the restart.
      customer.send('during the outage (customer)');
      agent.send(id, 'during the outage (agent)');
      assert.equal(customer.state.pending.length, 1);

      second = await startTestServer({ dataDir: first.dataDir, port: first.port });
      assert.equal(second.url, first.url);
      await until(customer, (s) => s.connection === 'connected' && s.pending.length === 0 && s.messages.length === 6, 10_000, 'customer caught up');
      await until(agent, (s) => s.connection === 'connected' && threadMessages(agent, id).length === 6 && s.threads[0].pending.length === 0, 10_000, 'agent caught up');

      const seen = customer.state.messages;
      assert.deepEqual(seen.map((m) => m.seq), [1, 2, 3, 4, 5, 6]);
      assert.equal(new Set(seen.map((m) => m.id)).size, 6);
      assert.deepEqual(threadMessages(agent, id).map((m) => m.id), seen.map((m) => m.id));
      assert.deepEqual(seen.slice(0, 4).map((m) => m.text), ['before 1 (customer)', '', 'before 3 (agent)', 'before 4 (customer)']);
      assert.deepEqual(seen.slice(4).map((m) => m.text).sort(), ['during the outage (agent)', 'during the outage (customer)']);
      assert.equal(customer.state.conversation?.status, 'active');
      assert.equal(agent.thread(id)?.conversation.status, 'active');

      customer.send('after (customer)');
      await until(agent, () => threadMessages(agent, id).at(-1)?.text === 'after (customer)', 5000, 'customer → agent after restart');
      agent.send(id, 'after (agent)');
      await until(customer, (s) => s.messages.at(-1)?.text === 'after (agent)', 5000, 'agent → customer after restart');
      assert.deepEqual(customer.state.messages.map((m) => m.seq), [1, 2, 3, 4, 5, 6, 7, 8]);
      await until(agent, () => threadMessages(agent, id).length === 8, 5000, 'agent has 8');
      assert.deepEqual(threadMessages(agent, id).map((m) => m.id), customer.state.messages.map((m) => m.id));

      const stored = await second.store.messagesAfter(id, 0);
      assert.equal(stored.length, 8, 'every message stored once');
      assert.equal(new Set(stored.map((m) => m.client_id)).size, 8);
    } finally {
      for (const session of sessions) session.close();
      await first.close();
      await (second ?? first).dispose();
    }
  });

  test('offers left open by the previous run are void on start, and the contact is offered again', async () => {
    const first = await startTestServer();
    let second: TestServer | undefined;
    const sessions: { close(): void }[] = [];
    try {
      const agent: AgentSession = await connectAgent(first.url, 'agent1');
      const customer: ChatSession = await connectCustomer(first.url);
      sessions.push(agent, customer);
      assert.equal(await agent.setAvailable(true), null);
      customer.send('waiting through a crash');
      const { offers } = await until(agent, (s) => s.offers.length === 1, 5000, 'offer');
      const old = offers[0];
      await first.close();

      // A graceful close may already withdraw the offer when the agent disconnects; a crash
      // (or a kill) does not. Put the row back as a crash leaves it.
      const store = await Store.open(first.dataDir);
      await store.db.updateTable('offers').set({ status: 'pending', resolved_at: null }).where('id', '=', old.id).execute();
      await store.close();

      second = await startTestServer({ dataDir: first.dataDir, port: first.port });
      assert.notEqual((await second.store.getOffer(old.id))?.status, 'pending', 'the old offer is void once the server is up');

      const state = await until(agent, (s) => s.connection === 'connected' && s.offers.some((o) => o.conversationId === old.conversationId && o.id !== old.id), 5000, 'a new offer after the restart');
      assert.ok(!state.offers.some((o) => o.id === old.id));
      assert.equal(customer.state.conversation?.status, 'queued');
      const fresh = state.offers.find((o) => o.conversationId === old.conversationId)!;
      assert.equal(await agent.accept(fresh.id), null);
      await until(customer, (s) => s.conversation?.status === 'active', 5000, 'the customer is served');
    } finally {
      for (const session of sessions) session.close();
      await first.close();
      await (second ?? first).dispose();
    }
  });
});
