/**
 * "Typing…" never outlives the connection that said it: when a customer's or an agent's
 * connection drops mid-sentence, the other side is told the typing stopped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgentSession } from '../../src/core/agent-session.js';
import type { ChatSession } from '../../src/core/chat-session.js';
import { connectAgent, connectCustomer, startTestServer, until, type TestServer } from '../../test/helpers/server.js';

describe('typing across a dropped connection', () => {
  let server: TestServer;
  let agent: AgentSession;

  async function liveChat(): Promise<{ customer: ChatSession; conversationId: string }> {
    const customer = await connectCustomer(server.url);
    customer.send('hello');
    const { conversation } = await until(customer, (s) => s.conversation !== null && s.pending.length === 0, 5000, 'started');
    await until(agent, (s) => s.offers.some((o) => o.conversationId === conversation!.id), 5000, 'offered');
    assert.equal(await agent.accept(agent.state.offers.find((o) => o.conversationId === conversation!.id)!.id), null);
    await until(customer, (s) => s.conversation?.status === 'active', 5000, 'accepted');
    return { customer, conversationId: conversation!.id };
  }

  before(async () => {
    server = await startTestServer();
    agent = await connectAgent(server.url, 'agent1');
    await agent.setAvailable(true);
  });
  after(async () => {
    agent.close();
    await server.dispose();
  });

  test('the agent stops seeing the customer typing when the customer connection drops', async () => {
    const { customer, conversationId } = await liveChat();
    try {
      customer.setTyping(true);
      await until(agent, () => agent.thread(conversationId)?.customerTyping === true, 5000, 'typing shown');
    } finally {
      customer.close();
    }
    await until(agent, () => agent.thread(conversationId)?.customerTyping === false, 5000, 'typing cleared');
  });

  test('the customer stops seeing the agent typing when the agent connection drops', async () => {
    const { customer, conversationId } = await liveChat();
    try {
      agent.setTyping(conversationId, true);
      await until(customer, (s) => s.agentTyping, 5000, 'typing shown');
      agent.close();
      await until(customer, (s) => !s.agentTyping, 5000, 'typing cleared');
    } finally {
      customer.close();
    }
  });
});
