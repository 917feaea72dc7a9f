/**
 * Conversations and routing: who may say what in which conversation, and which agent is offered
 * which contact. Transport-agnostic — the socket edges call these methods and deliver what the
 * `Notifier` is given.
 *
 * Invariants:
 * - Every state change is written to the store before anyone is notified, so a restart at any
 *   point resumes from the store alone (offers left open are withdrawn on start-up and re-routed).
 * - Routing decisions run one at a time (`#serial`): a contact is never offered to two agents at
 *   once, and an agent never gets more contacts than its capacity (held + offered).
 * - Queue order is arrival order per skill; an agent is offered contacts only on skills it holds,
 *   longest idle first; an agent who declined (or let expire) a contact is not offered it again
 *   for `refusalCooldownMs`, after which it may be (a contact must not wait for ever because the
 *   only agent on duty declined it once).
 * - Customers can only reach conversations of their own visitor identity; agents only those they
 *   hold or are offered. Anything else is `conversation_not_found`, never a leak.
 */
import type {
  AgentConversation,
  AgentHello,
  AgentProfile,
  ChatMessage,
  CustomerConversation,
  ReceiptSignal,
  SkillChannel,
} from '../../src/protocol/index.js';
import { checkId, checkMessageText, checkName, checkNote, checkSeq, isRecord } from '../../src/core/validators.js';
import { PROTOCOL_VERSION } from '../../src/protocol/index.js';
import { ParleyError, must } from '../errors.js';
import { hashToken, newToken } from '../auth/passwords.js';
import { newId, now, type ConversationRow, type MessageRow, type PocRow, type Store, type UserRow } from '../store/store.js';
import { toAgentConversation, toChatMessage, toCustomerConversation, toOffer } from './views.js';

/** Where the service sends what parties must hear; implemented by the socket layer. */
export interface Notifier {
  /** To every customer connection following this conversation. */
  customer(conversationId: string, event: 'message', payload: ChatMessage): void;
  customer(conversationId: string, event: 'conversation', payload: CustomerConversation): void;
  customer(conversationId: string, event: 'typing', payload: { conversationId: string; typing: boolean; name: string | null }): void;
  customer(conversationId: string, event: 'receipt', payload: ReceiptSignal): void;
  /** To every connection of one agent. */
  agent(agentId: string, event: string, payload: unknown): void;
  /** Agents with at least one open connection. */
  onlineAgents(): string[];
}

export interface RoutingOptions {
  /** How long an agent has to accept an offer. */
  offerTimeoutMs: number;
  /** How long a declined or expired contact is not re-offered to the same agent. */
  refusalCooldownMs: number;
}

export const DEFAULT_ROUTING: RoutingOptions = { offerTimeoutMs: 30_000, refusalCooldownMs: 30_000 };

/** A customer's identity for one connection. */
export interface Visitor {
  id: string;
  tenantId: string;
  poc: PocRow;
}

/** A payload must be a plain object; anything else is `invalid_payload`. */
function record(payload: unknown): Record<string, unknown> {
  if (!isRecord(payload)) throw new ParleyError('invalid_payload', 'expected an object');
  return payload;
}

/**
 * A re-send must be the message stored under its client id: a client id reused for another text
 * (or by the other party) is refused rather than answered with a message the sender never wrote.
 */
function sameMessage(stored: MessageRow, sent: { author: string; text: string }): MessageRow {
  if (stored.author !== sent.author || stored.text !== sent.text) {
    throw new ParleyError('client_id_conflict', 'this client id was already used for another message', 'clientId');
  }
  return stored;
}

export class ContactCenter {
  readonly #store: Store;
  readonly #notify: Notifier;
  readonly #options: RoutingOptions;
  #chain: Promise<unknown> = Promise.resolve();
  /** Last queue position told to each waiting conversation, to send only changes. */
  readonly #toldPosition = new Map<string, number>();

  constructor(store: Store, notifier: Notifier, options: Partial<RoutingOptions> = {}) {
    this.#store = store;
    this.#notify = notifier;
    this.#options = { ...DEFAULT_ROUTING, ...options };
  }

  /** Runs routing-state changes one after another. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  // --- Customers ------------------------------------------------------------------------------

  /**
   * Checks a chat POC for a new customer connection: it must exist, be a chat POC and be active.
   * The errors name the reason so the widget can tell the website owner.
   */
  async chatPoc(pocId: unknown): Promise<PocRow> {
    const id = checkId(pocId, 'poc');
    if (!id.ok) throw new ParleyError('poc_not_found', 'poc must be a point-of-contact id', 'poc');
    const poc = await this.#store.getPoc(id.value);
    if (!poc) throw new ParleyError('poc_not_found', `no point of contact "${id.value}"`, 'poc');
    if (poc.channel !== 'chat') throw new ParleyError('poc_wrong_channel', `point of contact "${poc.id}" is not a chat point of contact`, 'poc');
    if (!poc.active) throw new ParleyError('poc_inactive', `point of contact "${poc.id}" is deactivated`, 'poc');
    return poc;
  }

  /** Finds the visitor behind a token, or creates one; the token is only ever stored hashed. */
  async identify(poc: PocRow, token: unknown): Promise<{ visitor: Visitor; token: string }> {
    if (typeof token === 'string' && token.length >= 16 && token.length <= 128) {
      const found = await this.#store.findVisitor(hashToken(token));
      if (found && found.tenant_id === poc.tenant_id) return { visitor: { id: found.id, tenantId: found.tenant_id, poc }, token };
    }
    const fresh = newToken(16);
    const id = await this.#store.createVisitor(poc.tenant_id, poc.id, hashToken(fresh));
    return { visitor: { id, tenantId: poc.tenant_id, poc }, token: fresh };
  }

  /** The visitor's current conversation on this POC: open, or ended less than an hour ago. */
  async currentConversation(visitor: Visitor): Promise<CustomerConversation | null> {
    const row = await this.#store.latestConversation(visitor.id, visitor.poc.id);
    if (!row) return null;
    const recent = row.status === 'queued' || row.status === 'active' || Date.now() - Date.parse(row.ended_at ?? row.created_at) < 3_600_000;
    return recent ? this.#customerView(row) : null;
  }

  /**
   * Opens a conversation with an optional first message. A visitor with an open conversation on
   * this POC gets that one back (the message is added to it), so a retried start never opens two.
   */
  async start(visitor: Visitor, payload: unknown): Promise<{ conversation: CustomerConversation; messages: ChatMessage[] }> {
    const body = record(payload);
    const name = must(checkName(body.name));
    const hasText = body.text !== undefined && body.text !== null;
    const text = hasText ? must(checkMessageText(body.text)) : null;
    const clientId = hasText ? must(checkId(body.clientId, 'clientId')) : null;
    // Re-check the POC: it may have been deactivated since the connection opened.
    const poc = await this.chatPoc(visitor.poc.id);

    const result = await this.#serial(async () => {
      const open = await this.#store.latestConversation(visitor.id, poc.id);
      // A start re-sent after its answer was lost: the conversation it opened, even if over since.
      const stored = open && clientId ? await this.#store.findMessage(open.id, clientId) : undefined;
      if (open && stored) return { row: open, messages: [toChatMessage(sameMessage(stored, { author: 'customer', text: text! }))], created: false };
      if (open && (open.status === 'queued' || open.status === 'active')) {
        const messages = text && clientId ? [await this.#append(open, { clientId, author: 'customer', authorName: open.customer_name, text })] : [];
        return { row: open, messages, created: false };
      }
      const { conversation, messages } = await this.#store.createConversation(
        { tenantId: poc.tenant_id, pocId: poc.id, skillId: poc.skill_id, visitorId: visitor.id, customerName: name },
        text && clientId ? { clientId, author: 'customer', authorName: name, text } : null,
      );
      return { row: conversation, messages: messages.map(toChatMessage), created: true };
    });
    if (result.created) void this.dispatch();
    const row = (await this.#store.getConversation(result.row.id))!;
    const view = await this.#customerView(row);
    if (view.queuePosition !== null) this.#toldPosition.set(row.id, view.queuePosition);
    return { conversation: view, messages: result.messages };
  }

  /** Stores a customer message (once per client id) and delivers it. */
  async customerSend(visitor: Visitor, payload: unknown): Promise<ChatMessage> {
    const body = record(payload);
    const row = await this.#customerConversation(visitor, body.conversationId);
    return this.#send(row, ['queued', 'active'], body, 'customer', row.customer_name);
  }

  async customerResume(visitor: Visitor, payload: unknown): Promise<{ conversation: CustomerConversation; messages: ChatMessage[] }> {
    const body = record(payload);
    const row = await this.#customerConversation(visitor, body.conversationId);
    const afterSeq = must(checkSeq(body.afterSeq, 'afterSeq'));
    const messages = await this.#store.messagesAfter(row.id, afterSeq);
    return { conversation: await this.#customerView(row), messages: messages.map(toChatMessage) };
  }

  async customerTyping(visitor: Visitor, payload: unknown): Promise<void> {
    if (!isRecord(payload) || typeof payload.typing !== 'boolean') return;
    const row = await this.#customerConversation(visitor, payload.conversationId);
    if (row.status === 'active' && row.agent_id) {
      this.#notify.agent(row.agent_id, 'typing', { conversationId: row.id, typing: payload.typing });
    }
  }

  /** The customer's screen received or showed messages up to a seq; the agent is told. */
  async customerReceipt(visitor: Visitor, payload: unknown): Promise<void> {
    const body = record(payload);
    const row = await this.#customerConversation(visitor, body.conversationId);
    const moved = await this.#raiseReceipts(row, 'customer', body);
    if (moved?.agent_id) {
      this.#notify.agent(moved.agent_id, 'receipt', { conversationId: row.id, delivered: moved.customer_delivered_seq, read: moved.customer_read_seq });
    }
  }

  /** The customer leaves: a waiting chat closes, a chat with an agent goes to wrap-up. */
  async customerEnd(visitor: Visitor, payload: unknown): Promise<CustomerConversation> {
    const body = record(payload);
    const row = await this.#customerConversation(visitor, body.conversationId);
    const ended = await this.#serial(() => this.#end(row.id, 'customer'));
    return this.#customerView(ended ?? row);
  }

  // --- Agents ---------------------------------------------------------------------------------

  async agentHello(agent: UserRow): Promise<AgentHello> {
    const [state, held, offers, dispositions] = await Promise.all([
      this.#store.agentState(agent.id),
      this.#store.heldBy(agent.id),
      this.#store.pendingOffers({ agentId: agent.id }),
      this.#store.dispositions(agent.tenant_id),
    ]);
    const names = await this.#store.pocNames(held.map((c) => c.poc_id));
    return {
      protocol: PROTOCOL_VERSION,
      agent: this.#agentProfile(agent, state.available),
      conversations: held.map((c) => toAgentConversation(c, names.get(c.poc_id) ?? '')),
      offers: (await Promise.all(offers.map((o) => this.#offerView(o.id)))).filter((o) => o !== null),
      dispositions,
    };
  }

  async setPresence(agent: UserRow, payload: unknown): Promise<AgentProfile> {
    if (!isRecord(payload) || typeof payload.available !== 'boolean') {
      throw new ParleyError('invalid_field', 'available must be true or false', 'available');
    }
    const available = payload.available;
    await this.#serial(async () => {
      await this.#store.setAgentAvailable(agent.id, available);
      // Going unavailable hands back the contacts offered but not yet accepted.
      if (!available) for (const offer of await this.#store.pendingOffers({ agentId: agent.id })) await this.#closeOffer(offer.id, 'withdrawn');
    });
    const profile = this.#agentProfile(agent, available);
    this.#notify.agent(agent.id, 'agent', profile);
    void this.dispatch();
    return profile;
  }

  async accept(agent: UserRow, payload: unknown): Promise<{ conversation: AgentConversation; messages: ChatMessage[] }> {
    const body = record(payload);
    const offerId = must(checkId(body.offerId, 'offerId'));
    const row = await this.#serial(async () => {
      const offer = await this.#store.getOffer(offerId);
      if (!offer || offer.agent_id !== agent.id || offer.status !== 'pending') {
        throw new ParleyError('offer_not_found', 'this offer is no longer open', 'offerId');
      }
      return this.#store.transaction(async (trx) => {
        await this.#store.resolveOffer(offer.id, 'accepted', trx);
        const accepted = await this.#store.transition(offer.conversation_id, ['queued'], { status: 'active', agent_id: agent.id, accepted_at: now() }, trx);
        if (!accepted) throw new ParleyError('offer_not_found', 'the customer has left', 'offerId');
        await this.#store.touchAgentIdle(agent.id, trx);
        return accepted;
      });
    });
    this.#toldPosition.delete(row.id);
    const joined = await this.#append(row, {
      clientId: `joined-${newId()}`,
      author: 'system',
      authorName: null,
      text: '',
      event: { type: 'agent-joined', name: agent.display_name },
    }, { skipAgent: true });
    this.#notify.customer(row.id, 'conversation', await this.#customerView(row));
    void this.#tellQueuePositions();
    const messages = (await this.#store.messagesAfter(row.id, 0)).map(toChatMessage);
    return { conversation: await this.#agentView(row), messages: messages.some((m) => m.id === joined.id) ? messages : [...messages, joined] };
  }

  async decline(agent: UserRow, payload: unknown): Promise<void> {
    const body = record(payload);
    const offerId = must(checkId(body.offerId, 'offerId'));
    await this.#serial(async () => {
      const offer = await this.#store.getOffer(offerId);
      if (!offer || offer.agent_id !== agent.id || offer.status !== 'pending') {
        throw new ParleyError('offer_not_found', 'this offer is no longer open', 'offerId');
      }
      await this.#closeOffer(offer.id, 'declined');
    });
    void this.dispatch();
  }

  async agentSend(agent: UserRow, payload: unknown): Promise<ChatMessage> {
    const body = record(payload);
    const row = await this.#agentConversation(agent, body.conversationId);
    return this.#send(row, ['active'], body, 'agent', agent.display_name);
  }

  async agentResume(agent: UserRow, payload: unknown): Promise<{ conversation: AgentConversation; messages: ChatMessage[] }> {
    const body = record(payload);
    const row = await this.#agentConversation(agent, body.conversationId);
    const afterSeq = must(checkSeq(body.afterSeq, 'afterSeq'));
    const messages = await this.#store.messagesAfter(row.id, afterSeq);
    return { conversation: await this.#agentView(row), messages: messages.map(toChatMessage) };
  }

  async agentTyping(agent: UserRow, payload: unknown): Promise<void> {
    if (!isRecord(payload) || typeof payload.typing !== 'boolean') return;
    const row = await this.#agentConversation(agent, payload.conversationId);
    if (row.status === 'active') {
      this.#notify.customer(row.id, 'typing', { conversationId: row.id, typing: payload.typing, name: agent.display_name });
    }
  }

  /** The agent's screen received or showed messages up to a seq; the customer is told. */
  async agentReceipt(agent: UserRow, payload: unknown): Promise<void> {
    const body = record(payload);
    const row = await this.#agentConversation(agent, body.conversationId);
    const moved = await this.#raiseReceipts(row, 'agent', body);
    if (moved) this.#notify.customer(row.id, 'receipt', { conversationId: row.id, delivered: moved.agent_delivered_seq, read: moved.agent_read_seq });
  }

  /** Ends the chat if still open, and closes it with the disposition (after-contact work done). */
  async agentEnd(agent: UserRow, payload: unknown): Promise<AgentConversation> {
    const body = record(payload);
    const row = await this.#agentConversation(agent, body.conversationId);
    const code = typeof body.disposition === 'string' ? body.disposition : '';
    const known = await this.#store.dispositions(agent.tenant_id);
    if (!known.some((d) => d.code === code)) throw new ParleyError('invalid_field', 'choose one of the disposition codes', 'disposition');
    const note = must(checkNote(body.note));
    const closed = await this.#serial(async () => {
      if (row.status === 'active') await this.#end(row.id, 'agent');
      const done = await this.#store.transition(row.id, ['wrapup'], { status: 'closed', closed_at: now(), disposition: code, note });
      if (!done) throw new ParleyError('conversation_ended', 'this conversation is already closed');
      await this.#store.touchAgentIdle(agent.id);
      return done;
    });
    void this.dispatch();
    return this.#agentView(closed);
  }

  /** The agent's last connection closed: contacts offered to them go to someone else. */
  async agentGone(agentId: string): Promise<void> {
    await this.#serial(async () => {
      for (const offer of await this.#store.pendingOffers({ agentId })) await this.#closeOffer(offer.id, 'withdrawn');
    });
    void this.dispatch();
  }

  // --- Routing --------------------------------------------------------------------------------

  /**
   * Offers each waiting contact, oldest first, to the longest-idle eligible agent. Safe to call
   * any time; calls are serialised.
   */
  dispatch(): Promise<void> {
    return this.#serial(async () => {
      const online = this.#notify.onlineAgents();
      for (const conversation of await this.#store.queued()) {
        if ((await this.#store.pendingOffers({ conversationId: conversation.id })).length > 0) continue;
        const eligible = await this.#store.eligibleAgents(conversation.skill_id, online);
        if (eligible.length === 0) continue;
        const since = new Date(Date.now() - this.#options.refusalCooldownMs).toISOString();
        const refused = await this.#store.refusedBy(conversation.id, since);
        const agentId = eligible.find((a) => !refused.has(a));
        if (!agentId) continue;
        const offer = await this.#store.createOffer(conversation.id, agentId, this.#options.offerTimeoutMs);
        const view = await this.#offerView(offer.id);
        if (view) this.#notify.agent(agentId, 'offer', view);
      }
    }).then(() => this.#tellQueuePositions());
  }

  /** Periodic housekeeping: expire unanswered offers, then route again. */
  async sweep(): Promise<void> {
    await this.#serial(async () => {
      for (const offer of await this.#store.pendingOffers({ expiredBefore: now() })) await this.#closeOffer(offer.id, 'expired');
    });
    await this.dispatch();
  }

  /** Called once at start-up: nobody is connected yet, so open offers are void. */
  async recover(): Promise<void> {
    await this.#store.withdrawAllPendingOffers();
  }

  // --- Internals ------------------------------------------------------------------------------

  /**
   * Stores a message once per client id while the conversation is in one of the `open` statuses.
   * Once it is not, only a re-send of a message stored before is answered (with the original).
   */
  async #send(
    row: ConversationRow,
    open: readonly string[],
    body: Record<string, unknown>,
    author: 'customer' | 'agent',
    authorName: string | null,
  ): Promise<ChatMessage> {
    const clientId = must(checkId(body.clientId, 'clientId'));
    const text = must(checkMessageText(body.text));
    if (!open.includes(row.status)) {
      const existing = await this.#store.findMessage(row.id, clientId);
      if (existing) return toChatMessage(sameMessage(existing, { author, text }));
      throw new ParleyError('conversation_ended', 'this conversation has ended');
    }
    return this.#append(row, { clientId, author, authorName, text });
  }

  async #append(
    row: ConversationRow,
    input: Parameters<Store['appendMessage']>[1],
    options: { skipAgent?: boolean } = {},
  ): Promise<ChatMessage> {
    const { message, duplicate } = await this.#store.appendMessage(row.id, input);
    if (duplicate) sameMessage(message, input);
    const view = toChatMessage(message);
    if (!duplicate) {
      this.#notify.customer(row.id, 'message', view);
      const current = (await this.#store.getConversation(row.id))!;
      if (current.agent_id && !options.skipAgent) this.#notify.agent(current.agent_id, 'message', view);
    }
    return view;
  }

  /**
   * Validates receipt marks (whole numbers, at most the conversation's last seq: a screen cannot
   * have received what was never stored) and raises the stored ones. Null when nothing moved.
   */
  async #raiseReceipts(row: ConversationRow, side: 'customer' | 'agent', body: Record<string, unknown>): Promise<ConversationRow | null> {
    const mark = (field: 'delivered' | 'read'): number => {
      if (body[field] === undefined) return 0;
      const value = must(checkSeq(body[field], field));
      if (value > row.last_seq) throw new ParleyError('invalid_field', `${field} is beyond the last message (${row.last_seq})`, field);
      return value;
    };
    const delivered = mark('delivered');
    const read = mark('read');
    if (delivered === 0 && read === 0) return null;
    return this.#store.raiseReceipts(row.id, side, delivered, read);
  }

  /** Moves an open conversation to wrap-up (agent held it) or closed (still waiting). */
  async #end(conversationId: string, by: 'customer' | 'agent' | 'system'): Promise<ConversationRow | null> {
    const row = await this.#store.getConversation(conversationId);
    if (!row || (row.status !== 'queued' && row.status !== 'active')) return null;
    const at = now();
    const next = row.status === 'active'
      ? await this.#store.transition(row.id, ['active'], { status: 'wrapup', ended_at: at, ended_by: by })
      : await this.#store.transition(row.id, ['queued'], { status: 'closed', ended_at: at, ended_by: by, closed_at: at });
    if (!next) return null;
    for (const offer of await this.#store.pendingOffers({ conversationId })) await this.#closeOffer(offer.id, 'withdrawn');
    this.#toldPosition.delete(row.id);
    await this.#append(next, { clientId: `ended-${newId()}`, author: 'system', authorName: null, text: '', event: { type: 'ended', by } });
    this.#notify.customer(row.id, 'conversation', await this.#customerView(next));
    if (next.agent_id) this.#notify.agent(next.agent_id, 'conversation', await this.#agentView(next));
    void this.#tellQueuePositions();
    return next;
  }

  async #closeOffer(offerId: string, status: 'declined' | 'expired' | 'withdrawn'): Promise<void> {
    const offer = await this.#store.getOffer(offerId);
    if (offer && (await this.#store.resolveOffer(offerId, status))) {
      this.#notify.agent(offer.agent_id, 'offer:gone', { offerId, reason: status });
    }
  }

  /** Tells each waiting customer their place in their skill's queue, when it changed. */
  async #tellQueuePositions(): Promise<void> {
    const bySkill = new Map<string, number>();
    for (const row of await this.#store.queued()) {
      const position = (bySkill.get(row.skill_id) ?? 0) + 1;
      bySkill.set(row.skill_id, position);
      if (this.#toldPosition.get(row.id) === position) continue;
      this.#toldPosition.set(row.id, position);
      this.#notify.customer(row.id, 'conversation', toCustomerConversation(row, position, null));
    }
  }

  async #customerConversation(visitor: Visitor, conversationId: unknown): Promise<ConversationRow> {
    const id = must(checkId(conversationId, 'conversationId'));
    const row = await this.#store.getConversation(id);
    if (!row || row.visitor_id !== visitor.id) throw new ParleyError('conversation_not_found', 'no such conversation', 'conversationId');
    return row;
  }

  async #agentConversation(agent: UserRow, conversationId: unknown): Promise<ConversationRow> {
    const id = must(checkId(conversationId, 'conversationId'));
    const row = await this.#store.getConversation(id);
    if (!row || row.agent_id !== agent.id) throw new ParleyError('conversation_not_found', 'no such conversation', 'conversationId');
    return row;
  }

  async #customerView(row: ConversationRow): Promise<CustomerConversation> {
    let position: number | null = null;
    if (row.status === 'queued') {
      const queue = await this.#store.queued();
      position = queue.filter((c) => c.skill_id === row.skill_id).findIndex((c) => c.id === row.id) + 1 || null;
    }
    const agent = row.agent_id ? await this.#store.getUser(row.agent_id) : undefined;
    return toCustomerConversation(row, position, agent?.display_name ?? null);
  }

  async #agentView(row: ConversationRow): Promise<AgentConversation> {
    const names = await this.#store.pocNames([row.poc_id]);
    return toAgentConversation(row, names.get(row.poc_id) ?? '');
  }

  async #offerView(offerId: string) {
    const offer = await this.#store.getOffer(offerId);
    if (!offer) return null;
    const conversation = (await this.#store.getConversation(offer.conversation_id))!;
    const [names, skill, preview] = await Promise.all([
      this.#store.pocNames([conversation.poc_id]),
      this.#store.getSkill(conversation.skill_id),
      this.#store.firstCustomerText(conversation.id),
    ]);
    return toOffer(offer, conversation, names.get(conversation.poc_id) ?? '', (skill?.channel ?? 'chat') as SkillChannel, preview);
  }

  #agentProfile(agent: UserRow, available: boolean): AgentProfile {
    return { id: agent.id, username: agent.username, displayName: agent.display_name, available, capacity: agent.capacity };
  }
}
