/**
 * Routing against a real server, with real agent and customer sessions: queue order and
 * positions, longest-idle-first offers, capacity, declines, expiry, withdrawals, the end of a
 * chat and its wrap-up. Each test starts its own server: routing state is the thing under test.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { describe, test, type TestContext } from 'node:test';
import type { AgentSession } from '../../src/core/agent-session.js';
import type { ChatSession } from '../../src/core/chat-session.js';
import type { Offer } from '../../src/protocol/index.js';
import type { RoutingOptions } from './contact-center.js';
import { connectAgent, connectCustomer, sleep, startTestServer, until, type TestServer } from '../../test/helpers/server.js';

/** A bound long enough for several routing sweeps (200 ms each in tests) to have happened. */
const QUIET_MS = 600;

interface Env {
  server: TestServer;
  agent(username: 'agent1' | 'agent2', available?: boolean): Promise<AgentSession>;
  /** A customer whose first message is stored (the conversation is queued). */
  customer(text: string): Promise<ChatSession>;
}

/** A fresh server for one test, closed with every session after it. */
async function setup(t: TestContext, routing: Partial<RoutingOptions> = {}): Promise<Env> {
  const server = await startTestServer({ routing });
  const sessions: { close(): void }[] = [];
  t.after(async () => {
    for (const session of sessions) session.close();
    await server.dispose();
  });
  return {
    server,
    async agent(username, available = true) {
      const agent = await connectAgent(server.url, username);
      sessions.push(agent);
      assert.equal(agent.state.connection, 'connected');
      if (available) assert.equal(await agent.setAvailable(true), null);
      return agent;
    },
    async customer(text) {
      const customer = await connectCustomer(server.url);
      sessions.push(customer);
      customer.send(text);
      await until(customer, (s) => s.conversation !== null && s.pending.length === 0, 5000, `"${text}" stored`);
      return customer;
    },
  };
}

const conversationOf = (customer: ChatSession) => customer.state.conversation!.id;

/** Waits for `agent` to hold an offer of the customer's conversation. */
async function offerFor(agent: AgentSession, customer: ChatSession, what = 'an offer'): Promise<Offer> {
  const id = conversationOf(customer);
  const state = await until(agent, (s) => s.offers.some((o) => o.conversationId === id), 5000, what);
  return state.offers.find((o) => o.conversationId === id)!;
}

const offerStatus = async (server: TestServer, offerId: string) => (await server.store.getOffer(offerId))?.status;

/** Accepts the offer of `customer`'s chat and waits until the customer sees the agent. */
async function acceptChat(agent: AgentSession, customer: ChatSession): Promise<void> {
  const offer = await offerFor(agent, customer);
  assert.equal(await agent.accept(offer.id), null);
  await until(customer, (s) => s.conversation?.status === 'active', 5000, 'the customer sees the chat active');
}

describe('routing', () => {
  test('waiting customers are told positions 1, 2, 3, updated when the first is taken', async (t) => {
    const env = await setup(t);
    const c1 = await env.customer('first');
    const c2 = await env.customer('second');
    const c3 = await env.customer('third');
    await until(c1, (s) => s.conversation?.queuePosition === 1, 5000, 'c1 at 1');
    await until(c2, (s) => s.conversation?.queuePosition === 2, 5000, 'c2 at 2');
    await until(c3, (s) => s.conversation?.queuePosition === 3, 5000, 'c3 at 3');
    assert.ok([c1, c2, c3].every((c) => c.state.conversation?.status === 'queued'));

    const agent = await env.agent('agent1');
    await acceptChat(agent, c1);
    assert.equal(c1.state.conversation?.queuePosition, null);
    assert.equal(c1.state.conversation?.agentName, 'Alex Martin');
    await until(c2, (s) => s.conversation?.queuePosition === 1, 5000, 'c2 moved to 1');
    await until(c3, (s) => s.conversation?.queuePosition === 2, 5000, 'c3 moved to 2');
  });

  test('the oldest waiting contact is offered first', async (t) => {
    const env = await setup(t);
    const c1 = await env.customer('first');
    const c2 = await env.customer('second');
    await env.server.store.db.updateTable('users').set({ capacity: 1 }).where('id', '=', 'demo-user-agent1').execute();
    const agent = await env.agent('agent1');
    await offerFor(agent, c1, 'the oldest contact offered');
    await sleep(QUIET_MS);
    assert.deepEqual(agent.state.offers.map((o) => o.conversationId), [conversationOf(c1)]);
    assert.equal(c2.state.conversation?.status, 'queued');
  });

  test('fewest contacts first, then longest idle: idle since going available, accepting, closing', async (t) => {
    const env = await setup(t);
    const agent1 = await env.agent('agent1', false);
    const agent2 = await env.agent('agent2', false);
    // agent2 goes available first, so it has been idle longer (user id order would pick agent1).
    await agent2.setAvailable(true);
    await sleep(10);
    await agent1.setAvailable(true);

    const c1 = await env.customer('one');
    await offerFor(agent2, c1, 'c1 offered to agent2');
    assert.equal(agent1.state.offers.length, 0, 'one agent at a time per contact');
    await acceptChat(agent2, c1);

    // Accepting refreshed agent2's idle time: agent1 is now the longest idle.
    const c2 = await env.customer('two');
    await offerFor(agent1, c2, 'c2 offered to agent1');
    assert.equal(agent2.state.offers.length, 0);
    await acceptChat(agent1, c2);

    // agent2 closes c1 after agent1 accepted c2: agent1 has been "idle" longer, but it holds a chat
    // and agent2 holds none, so the free agent is offered first.
    assert.equal(await agent2.end(conversationOf(c1), 'resolved'), null);
    const c3 = await env.customer('three');
    await offerFor(agent2, c3, 'c3 offered to agent2, who holds no chat');
    assert.equal(agent1.state.offers.length, 0);
    await acceptChat(agent2, c3);

    // Both hold one chat now; agent1 accepted c2 before agent2 accepted c3, so agent1 is next.
    const c4 = await env.customer('four');
    await offerFor(agent1, c4, 'c4 offered to agent1, idle longer at equal load');
    assert.equal(agent2.state.offers.length, 0);
  });

  test('capacity is respected: a second contact waits until the first is wrapped up', async (t) => {
    const env = await setup(t);
    await env.server.store.db.updateTable('users').set({ capacity: 1 }).where('id', '=', 'demo-user-agent1').execute();
    const agent = await env.agent('agent1');
    const c1 = await env.customer('first');
    await acceptChat(agent, c1);

    const c2 = await env.customer('second');
    await sleep(QUIET_MS);
    assert.equal(agent.state.offers.length, 0, 'no offer beyond capacity');
    assert.equal(c2.state.conversation?.status, 'queued');
    assert.equal(c2.state.conversation?.queuePosition, 1);

    assert.equal(await agent.end(conversationOf(c1), 'resolved'), null);
    await offerFor(agent, c2, 'c2 offered once c1 is closed');
  });

  test('an offer being considered counts against capacity', async (t) => {
    const env = await setup(t);
    await env.server.store.db.updateTable('users').set({ capacity: 1 }).where('id', '=', 'demo-user-agent1').execute();
    const agent = await env.agent('agent1');
    const c1 = await env.customer('first');
    await offerFor(agent, c1);
    await env.customer('second');
    await sleep(QUIET_MS);
    assert.equal(agent.state.offers.length, 1);
  });

  test('a declined contact goes to the next agent and not back to the one who declined', async (t) => {
    const env = await setup(t);
    const agent1 = await env.agent('agent1', false);
    const agent2 = await env.agent('agent2', false);
    await agent1.setAvailable(true);
    await sleep(10);
    await agent2.setAvailable(true);
    const c1 = await env.customer('hello');
    const first = await offerFor(agent1, c1, 'offered to agent1');
    assert.equal(await agent1.decline(first.id), null);
    assert.equal(agent1.state.offers.length, 0);
    const second = await offerFor(agent2, c1, 'offered to agent2 after the decline');
    assert.notEqual(second.id, first.id);
    assert.equal(await offerStatus(env.server, first.id), 'declined');

    assert.equal(await agent2.decline(second.id), null);
    await sleep(QUIET_MS);
    assert.equal(agent1.state.offers.length, 0, 'not re-offered within the refusal cool-down');
    assert.equal(agent2.state.offers.length, 0);
    assert.equal(c1.state.conversation?.status, 'queued');
  });

  test('after the refusal cool-down, the only agent on duty is offered the contact again', async (t) => {
    const env = await setup(t, { refusalCooldownMs: 400 });
    const agent = await env.agent('agent1');
    const c1 = await env.customer('hello');
    const first = await offerFor(agent, c1);
    assert.equal(await agent.decline(first.id), null);
    const again = await until(agent, (s) => s.offers.some((o) => o.conversationId === conversationOf(c1) && o.id !== first.id), 5000, 'a new offer');
    assert.equal(again.offers.length, 1);
  });

  test('declining or accepting an offer that is not yours is offer_not_found', async (t) => {
    const env = await setup(t);
    const agent1 = await env.agent('agent1');
    const agent2 = await env.agent('agent2', false);
    const c1 = await env.customer('hello');
    const offer = await offerFor(agent1, c1);
    assert.equal((await agent2.accept(offer.id))?.code, 'offer_not_found');
    assert.equal((await agent2.decline(offer.id))?.code, 'offer_not_found');
    assert.equal((await agent2.accept('o_doesNotExist'))?.code, 'offer_not_found');
    assert.equal(await offerStatus(env.server, offer.id), 'pending');
    assert.equal(await agent1.accept(offer.id), null);
    assert.equal((await agent1.accept(offer.id))?.code, 'offer_not_found', 'an offer is accepted once');
  });

  test('an unanswered offer expires and moves to the other agent', async (t) => {
    const env = await setup(t, { offerTimeoutMs: 300, refusalCooldownMs: 60_000 });
    const agent1 = await env.agent('agent1', false);
    const agent2 = await env.agent('agent2', false);
    await agent1.setAvailable(true);
    await sleep(10);
    await agent2.setAvailable(true);
    // Listen before the contact arrives: the offer lives only 300 ms.
    const offered = until(agent1, (s) => s.offers.length > 0, 5000, 'offered to agent1');
    const c1 = await env.customer('anyone?');
    const first = (await offered).offers[0];
    assert.equal(first.conversationId, conversationOf(c1));
    assert.ok(Date.parse(first.expiresAt) - Date.parse(first.offeredAt) === 300);

    const second = await offerFor(agent2, c1, 'moved to agent2 after expiry');
    await until(agent1, (s) => s.offers.length === 0, 5000, 'agent1 told the offer is gone');
    assert.equal(await offerStatus(env.server, first.id), 'expired');
    assert.equal((await agent1.accept(first.id))?.code, 'offer_not_found');

    // agent2 lets it expire too; both are in their cool-down, so the customer keeps waiting.
    await until(agent2, (s) => !s.offers.some((o) => o.id === second.id), 5000, 'second offer expired');
    await sleep(QUIET_MS);
    assert.equal(agent1.state.offers.length + agent2.state.offers.length, 0);
    assert.equal((await env.server.store.getConversation(conversationOf(c1)))?.status, 'queued');
  });

  test('an agent going unavailable withdraws its pending offers', async (t) => {
    const env = await setup(t);
    const agent1 = await env.agent('agent1');
    const agent2 = await env.agent('agent2', false);
    const c1 = await env.customer('hello');
    const offer = await offerFor(agent1, c1);
    assert.equal(await agent2.setAvailable(true), null);
    assert.equal(agent2.state.offers.length, 0);

    assert.equal(await agent1.setAvailable(false), null);
    assert.equal(agent1.state.agent?.available, false);
    await until(agent1, (s) => s.offers.length === 0, 5000, 'offer withdrawn from agent1');
    assert.equal(await offerStatus(env.server, offer.id), 'withdrawn');
    await offerFor(agent2, c1, 're-offered to agent2');
  });

  test("an agent's last connection closing withdraws its pending offers", async (t) => {
    const env = await setup(t);
    const agent1 = await env.agent('agent1');
    const agent2 = await env.agent('agent2', false);
    const c1 = await env.customer('hello');
    const offer = await offerFor(agent1, c1);
    await agent2.setAvailable(true);
    agent1.close();
    await offerFor(agent2, c1, 're-offered to agent2');
    assert.equal(await offerStatus(env.server, offer.id), 'withdrawn');
  });

  test('a customer leaving while queued withdraws the offer and closes the conversation', async (t) => {
    const env = await setup(t);
    const agent = await env.agent('agent1');
    const c1 = await env.customer('never mind');
    const offer = await offerFor(agent, c1);
    await c1.end();
    assert.equal(c1.state.conversation?.status, 'ended');
    await until(agent, (s) => s.offers.length === 0, 5000, 'offer:gone reached the agent');
    assert.equal(await offerStatus(env.server, offer.id), 'withdrawn');
    const row = await env.server.store.getConversation(conversationOf(c1));
    assert.equal(row?.status, 'closed');
    assert.equal(row?.ended_by, 'customer');
    assert.equal((await agent.accept(offer.id))?.code, 'offer_not_found');
    const ended = await until(c1, (s) => s.messages.some((m) => m.event?.type === 'ended'), 5000, 'ended event');
    assert.deepEqual(ended.messages.at(-1)?.event, { type: 'ended', by: 'customer' });
  });

  test('a customer ending an active chat puts it in wrap-up; the agent completes it with a disposition', async (t) => {
    const env = await setup(t);
    const agent = await env.agent('agent1');
    const c1 = await env.customer('help please');
    await acceptChat(agent, c1);
    const id = conversationOf(c1);

    await c1.end();
    assert.equal(c1.state.conversation?.status, 'ended');
    const wrap = await until(agent, (s) => s.threads[0]?.conversation.status === 'wrapup', 5000, 'thread in wrap-up');
    assert.equal(wrap.threads[0].conversation.endedBy, 'customer');
    await until(agent, (s) => s.threads[0]?.messages.at(-1)?.event?.type === 'ended', 5000, 'the agent sees the ended event');

    // Nothing more can be said in a chat that is over.
    const clientId = agent.send(id, 'are you there?');
    assert.equal(typeof clientId, 'string');
    const failed = await until(agent, (s) => s.threads[0]?.pending[0]?.status === 'failed', 5000, 'send refused');
    assert.equal(failed.threads[0].pending[0].error?.code, 'conversation_ended');

    const unknown = await agent.end(id, 'not-a-disposition');
    assert.equal(unknown?.code, 'invalid_field');
    assert.equal(unknown?.field, 'disposition');
    assert.equal((await agent.end(id, 'resolved', 'n'.repeat(2001)))?.field, 'note');
    assert.equal(agent.thread(id)?.conversation.status, 'wrapup', 'still awaiting its disposition');

    assert.deepEqual(agent.state.dispositions.map((d) => d.code), ['resolved', 'follow-up', 'escalated', 'no-response', 'spam']);
    assert.equal(await agent.end(id, 'follow-up', 'Call back Tuesday'), null);
    assert.equal(agent.thread(id), undefined, 'a closed chat leaves the desk');
    const row = await env.server.store.getConversation(id);
    assert.equal(row?.status, 'closed');
    assert.equal(row?.disposition, 'follow-up');
    assert.equal(row?.note, 'Call back Tuesday');
    assert.ok(row?.closed_at);
    assert.equal((await agent.end(id, 'resolved'))?.code, 'conversation_ended', 'closed once');
  });

  test('an agent end with an unknown disposition changes nothing; a valid one ends and closes', async (t) => {
    const env = await setup(t);
    const agent = await env.agent('agent1');
    const c1 = await env.customer('hi');
    await acceptChat(agent, c1);
    const id = conversationOf(c1);

    for (const disposition of ['nope', '', 42, null]) {
      const error = await agent.end(id, disposition as string);
      assert.equal(error?.code, 'invalid_field');
      assert.equal(error?.field, 'disposition');
    }
    await sleep(100);
    assert.equal(c1.state.conversation?.status, 'active');
    assert.equal((await env.server.store.getConversation(id))?.status, 'active');

    assert.equal(await agent.end(id, 'resolved'), null);
    const ended = await until(c1, (s) => s.conversation?.status === 'ended', 5000, 'customer sees the end');
    assert.deepEqual(ended.messages.at(-1)?.event, { type: 'ended', by: 'agent' });
    const row = await env.server.store.getConversation(id);
    assert.equal(row?.status, 'closed');
    assert.equal(row?.ended_by, 'agent');
  });

  test('both sides see the same transcript, system messages included, in seq order', async (t) => {
    const env = await setup(t);
    const agent = await env.agent('agent1');
    const c1 = await env.customer('hello');
    await acceptChat(agent, c1);
    const id = conversationOf(c1);

    assert.equal(typeof agent.send(id, 'Hi, I am <b>Alex</b>'), 'string');
    await until(c1, (s) => s.messages.length === 3, 5000, 'agent text reaches the customer');
    c1.send('thanks');
    await until(agent, (s) => s.threads.find((th) => th.conversation.id === id)?.messages.length === 4, 5000, 'customer text reaches the agent');
    await until(c1, (s) => s.messages.length === 4 && s.pending.length === 0, 5000, 'customer has 4');

    const customerView = c1.state.messages;
    const agentView = agent.thread(id)!.messages;
    assert.deepEqual(agentView.map((m) => m.id), customerView.map((m) => m.id));
    assert.deepEqual(customerView.map((m) => m.seq), [1, 2, 3, 4]);
    assert.deepEqual(customerView.map((m) => m.author), ['customer', 'system', 'agent', 'customer']);
    assert.deepEqual(customerView[1].event, { type: 'agent-joined', name: 'Alex Martin' });
    assert.equal(customerView[2].authorName, 'Alex Martin');
    assert.equal(customerView[2].text, 'Hi, I am <b>Alex</b>');

    assert.equal(await agent.end(id, 'resolved'), null);
    const ended = await until(c1, (s) => s.messages.length === 5, 5000, 'ended event');
    assert.deepEqual(ended.messages.map((m) => m.seq), [1, 2, 3, 4, 5]);
    assert.deepEqual(ended.messages[4].event, { type: 'ended', by: 'agent' });
    const stored = await env.server.store.messagesAfter(id, 0);
    assert.deepEqual(stored.map((m) => m.id), ended.messages.map((m) => m.id));
  });

  test('typing signals reach the other side', async (t) => {
    const env = await setup(t);
    const agent = await env.agent('agent1');
    const c1 = await env.customer('hello');
    const id = conversationOf(c1);
    await acceptChat(agent, c1);
    c1.setTyping(true);
    await until(agent, (s) => s.threads[0]?.customerTyping === true, 5000, 'agent sees customer typing');
    c1.setTyping(false);
    await until(agent, (s) => s.threads[0]?.customerTyping === false, 5000, 'agent sees customer stop');

    agent.setTyping(id, true);
    await until(c1, (s) => s.agentTyping, 5000, 'customer sees agent typing');
    agent.send(id, 'Here is the answer');
    await until(c1, (s) => !s.agentTyping && s.messages.at(-1)?.author === 'agent', 5000, 'a message ends typing');
  });
});

describe('closing', () => {
  test('settled() waits for routing work asked for and not begun, and for the changes queued behind it', async (t) => {
    const env = await setup(t);
    await env.agent('agent1');
    await env.customer('waiting');
    const center = env.server.center;
    const done: string[] = [];
    // A pass asked for begins on the next turn; the sweep queues behind whatever is running.
    void center.dispatch().then(() => done.push('dispatch'));
    void center.sweep().then(() => done.push('sweep'));
    assert.deepEqual(done, []);
    await center.settled();
    assert.deepEqual(done.sort(), ['dispatch', 'sweep']);
  });
});

describe('load index', () => {
  /**
   * Routing's in-memory loads must say what the store says once the change under way has settled
   * (routing passes and sweeps run in the background): compared until equal, for a few seconds at
   * most — a load counted wrong stays wrong, and fails.
   */
  async function sameAsStore(server: TestServer, when: string): Promise<void> {
    let memory = server.center.agentLoads();
    let stored = await server.store.agentLoads();
    for (let tries = 0; tries < 40 && !isDeepStrictEqual(memory, stored); tries += 1) {
      await sleep(50);
      await server.center.dispatch();
      memory = server.center.agentLoads();
      stored = await server.store.agentLoads();
    }
    assert.deepEqual(memory, stored, when);
  }

  test('stays equal to the store across offers, declines, expiry, acceptance, wrap-up, disconnection and capacity changes', async (t) => {
    const env = await setup(t, { offerTimeoutMs: 400, refusalCooldownMs: 60_000 });
    const { server } = env;
    const agent1 = await env.agent('agent1');
    const agent2 = await env.agent('agent2', false);
    await sameAsStore(server, 'nobody has anything');

    const c1 = await env.customer('one');
    const first = await offerFor(agent1, c1);
    await sameAsStore(server, 'an offer');
    assert.equal(server.center.agentLoads().get('demo-user-agent1'), 1);

    assert.equal(await agent1.decline(first.id), null);
    await sameAsStore(server, 'a decline');
    // agent2 on duty just long enough to let c1's offer expire (c1 then waits: both refused it).
    const offered = until(agent2, (s) => s.offers.some((o) => o.conversationId === conversationOf(c1)), 5000, 'c1 offered to agent2');
    await agent2.setAvailable(true);
    const second = (await offered).offers[0];
    await until(agent2, (s) => !s.offers.some((o) => o.id === second.id), 5000, 'the offer to agent2 expired');
    assert.equal(await offerStatus(server, second.id), 'expired');
    await agent2.setAvailable(false);
    await sameAsStore(server, 'an expiry');
    assert.deepEqual(server.center.agentLoads(), new Map());

    const c2 = await env.customer('two');
    await acceptChat(agent1, c2);
    await sameAsStore(server, 'an acceptance');
    assert.deepEqual(server.center.agentLoads(), new Map([['demo-user-agent1', 1]]));

    await c2.end();
    await until(agent1, (s) => s.threads.find((th) => th.conversation.id === conversationOf(c2))?.conversation.status === 'wrapup', 5000, 'c2 in wrap-up');
    await sameAsStore(server, 'wrap-up still counts');
    assert.deepEqual(server.center.agentLoads(), new Map([['demo-user-agent1', 1]]));
    assert.equal(await agent1.end(conversationOf(c2), 'resolved'), null);
    await sameAsStore(server, 'closed after wrap-up');
    assert.deepEqual(server.center.agentLoads(), new Map());

    // Capacity lives in the store: lowered to what the agent holds, no more offers.
    await server.store.db.updateTable('users').set({ capacity: 1 }).where('id', '=', 'demo-user-agent1').execute();
    const c3 = await env.customer('three');
    await acceptChat(agent1, c3);
    const c4 = await env.customer('four');
    await sleep(QUIET_MS);
    assert.equal(agent1.state.offers.length, 0, 'no offer beyond the new capacity');
    await sameAsStore(server, 'at capacity');
    await server.store.db.updateTable('users').set({ capacity: 3 }).where('id', '=', 'demo-user-agent1').execute();
    const fourth = await offerFor(agent1, c4, 'offered once the capacity is raised');
    await sameAsStore(server, 'after the capacity is raised');

    agent1.close();
    for (let waited = 0; (await offerStatus(server, fourth.id)) === 'pending' && waited < 5000; waited += 50) await sleep(50);
    assert.equal(await offerStatus(server, fourth.id), 'withdrawn');
    await sameAsStore(server, 'a disconnection withdraws the offer; the held chat stays counted');
    assert.equal(server.center.agentLoads().get('demo-user-agent1'), 1);

    // Start-up builds the index from the store: open offers are withdrawn, held chats counted.
    await server.center.recover();
    await sameAsStore(server, 'rebuilt');
    assert.deepEqual(server.center.agentLoads(), new Map([['demo-user-agent1', 1]]));
  });

  test('contacts waiting together are offered in fewer passes than offers; each offered once, no agent beyond capacity', async (t) => {
    const env = await setup(t);
    const { server } = env;
    await server.store.db.updateTable('users').set({ capacity: 4 }).where('id', 'in', ['demo-user-agent1', 'demo-user-agent2']).execute();
    const agent1 = await env.agent('agent1', false);
    const agent2 = await env.agent('agent2', false);
    // Nobody is available: all ten wait.
    const customers = await Promise.all(Array.from({ length: 10 }, (_, i) => env.customer(`burst ${i}`)));
    // Every routing pass asked for from here on (asks made while one waits to begin share it).
    const passes = new Set<Promise<void>>();
    const dispatch = server.center.dispatch.bind(server.center);
    server.center.dispatch = () => {
      const pass = dispatch();
      passes.add(pass);
      return pass;
    };
    await Promise.all([agent1.setAvailable(true), agent2.setAvailable(true)]);
    await until(agent1, (s) => s.offers.length === 4, 5000, 'agent1 full');
    await until(agent2, (s) => s.offers.length === 4, 5000, 'agent2 full');
    // Each agent going available asks for a pass, which decides every contact it can take (the
    // test server's sweep, every 200 ms, asks too): fewer passes than offers, never one each.
    assert.ok(passes.size >= 1 && passes.size < 8, `${passes.size} passes for 8 offers`);
    await sleep(QUIET_MS);
    const offered = [...agent1.state.offers, ...agent2.state.offers].map((o) => o.conversationId);
    assert.equal(new Set(offered).size, 8, 'eight different contacts offered');
    assert.deepEqual((await server.store.pendingOffers()).length, 8, 'no contact offered twice');
    const waiting = customers.filter((c) => !offered.includes(conversationOf(c)));
    assert.equal(waiting.length, 2);
    for (const customer of waiting) assert.equal(customer.state.conversation?.status, 'queued');
    await sameAsStore(server, 'after the burst');
    assert.deepEqual(server.center.agentLoads(), new Map([['demo-user-agent1', 4], ['demo-user-agent2', 4]]));
  });
});
