/**
 * The server side of the widget benchmark (bench/widget.ts): the store seeded before the server
 * starts, and the agent who answers from the benchmark process.
 */
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../server/auth/passwords.js';
import { seedDemo } from '../server/store/seed.js';
import { Store } from '../server/store/store.js';
import type { AgentSession } from '../src/core/agent-session.js';
import { DEMO_IDS } from '../src/protocol/index.js';
import { connectAgent, TEST_PASSWORD } from '../test/helpers/server.js';

/** The demo agent who answers; the returning visitor's conversation is held by the other one. */
const ANSWERING_AGENT = { id: 'demo-user-agent1', username: 'agent1' };
const HISTORY_AGENT = { id: 'demo-user-agent2', name: 'Sam Dubois' };
/** Every run opens a conversation of its own and leaves it open: room for all of them. */
const ANSWERING_CAPACITY = 1000;
/** The skill of the demo chat POC's queue. */
const CHAT_SKILL = 'demo-skill-chat';

/** A returning visitor: the token their browser keeps, and their conversation. */
export interface ReturningVisitor {
  token: string;
  conversationId: string;
  /** Sequence number of the last message: the one that must come on screen. */
  lastSeq: number;
}

/**
 * Seeds the demo data in the (not yet running) server's data directory, lets `hostOrigin` use
 * the demo chat POC (its allowed website origins, as an administrator would set them), gives the
 * answering agent room for every run, and stores a returning visitor whose conversation holds
 * `historyMessages` messages, customer and agent in turn.
 */
export async function seedStore(dataDir: string, hostOrigin: string, historyMessages: number): Promise<ReturningVisitor> {
  const store = await Store.open(dataDir);
  try {
    await seedDemo(store, TEST_PASSWORD);
    await store.db.updateTable('pocs').set({ allowed_origins: JSON.stringify([hostOrigin]) }).where('id', '=', DEMO_IDS.chatPoc).execute();
    await store.db.updateTable('users').set({ capacity: ANSWERING_CAPACITY }).where('id', '=', ANSWERING_AGENT.id).execute();

    const token = newToken(16);
    const tenantId = DEMO_IDS.tenant;
    const pocId = DEMO_IDS.chatPoc;
    const expiresAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const visitorId = await store.createVisitor(tenantId, pocId, hashToken(token), { expiresAt });
    // Held by an agent who never connects, so that the answering agent is never offered it.
    const { conversation } = await store.createInteraction(
      { tenantId, pocId, skillId: CHAT_SKILL, visitorId, customerName: 'Returning visitor', sessionId: null, channel: 'chat', agentId: HISTORY_AGENT.id },
      null,
    );
    let lastSeq = 0;
    await store.transaction(async (trx) => {
      for (let i = 1; i <= historyMessages; i++) {
        const customer = i % 2 === 1;
        const { message } = await store.appendMessage(
          conversation.id,
          {
            clientId: randomUUID(),
            author: customer ? 'customer' : 'agent',
            authorName: customer ? 'Returning visitor' : HISTORY_AGENT.name,
            text: `${customer ? 'Question' : 'Answer'} ${i} of an earlier conversation: is the blue bike still available in size M?`,
          },
          trx,
        );
        lastSeq = message.seq;
      }
    });
    return { token, conversationId: conversation.id, lastSeq };
  } finally {
    await store.close();
  }
}

/** What the customer writes in the benchmark's conversations, so the agent knows what to answer. */
export const QUESTION_PREFIX = 'Question';

/**
 * The answering agent, signed in from the benchmark process: available, accepting every offer,
 * and answering each customer message that starts with QUESTION_PREFIX (`Answer to <question>`).
 */
export class AnsweringAgent {
  readonly #session: AgentSession;
  readonly #accepting = new Set<string>();
  readonly #answered = new Set<string>();
  /** Answers the session refused (each is a lost message for the benchmark). */
  readonly errors: string[] = [];

  private constructor(session: AgentSession) {
    this.#session = session;
  }

  static async start(url: string): Promise<AnsweringAgent> {
    const session = await connectAgent(url, ANSWERING_AGENT.username);
    const refused = await session.setAvailable(true);
    if (refused) throw new Error(`the agent could not go available: ${refused.message}`);
    const agent = new AnsweringAgent(session);
    session.subscribe(() => agent.#react());
    agent.#react();
    return agent;
  }

  /** The answer the agent gives to `question`. */
  static answerTo(question: string): string {
    return `Answer to ${question}`;
  }

  /** Questions the agent has answered in the conversation where the customer wrote `firstText`. */
  answeredIn(firstText: string): number {
    const thread = this.#session.state.threads.find((t) => t.messages.some((m) => m.text === firstText));
    return thread ? thread.messages.filter((m) => m.author === 'customer' && this.#answered.has(m.id)).length : 0;
  }

  #react(): void {
    const state = this.#session.state;
    if (state.connection !== 'connected') return;
    for (const offer of state.offers) {
      if (this.#accepting.has(offer.id)) continue;
      this.#accepting.add(offer.id);
      void this.#session.accept(offer.id).then((err) => {
        if (err) this.#accepting.delete(offer.id); // offered again later: try again
      });
    }
    for (const thread of state.threads) {
      for (const m of thread.messages) {
        if (m.author !== 'customer' || !m.text.startsWith(QUESTION_PREFIX) || this.#answered.has(m.id)) continue;
        this.#answered.add(m.id);
        const sent = this.#session.send(thread.conversation.id, AnsweringAgent.answerTo(m.text));
        if (typeof sent !== 'string') this.errors.push(`the agent could not answer "${m.text}": ${sent.message}`);
      }
    }
  }

  close(): void {
    this.#session.close();
  }
}
