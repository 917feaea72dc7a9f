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
  ChatProfile,
  CustomerConversation,
  CustomerElevation,
  ElevationDetails,
  ElevationKind,
  PocAvailability,
  ReceiptSignal,
  SessionInteraction,
  SessionView,
  SkillChannel,
} from '../../src/protocol/index.js';
import { checkEmailAddress, checkElevationForm, checkSubject, isElevationKind } from '../../src/core/elevation.js';
import { checkSmsText } from '../../src/core/sms.js';
import { readProfile } from '../../src/core/profile.js';
import { checkId, checkMessageText, checkName, checkNote, checkSeq, isRecord } from '../../src/core/validators.js';
import { ELEVATION_CHANNEL, PROTOCOL_VERSION, canElevate, elevationFirstMessageId } from '../../src/protocol/index.js';
import { ParleyError, must } from '../errors.js';
import { hashToken, newToken } from '../auth/passwords.js';
import { recordingConnector, type EmailConnector, type SmsConnector } from '../connectors/index.js';
import { normalisePhone } from '../elevation/phone.js';
import { newId, now, type ConversationRow, type MessageRow, type OfferRow, type PocRow, type SkillRow, type Store, type UserRow, type VisitorRow } from '../store/store.js';
import { verifyIdentity, type VerifiedIdentity } from './identity.js';
import { AgentLoads } from './agent-load.js';
import { DEFAULT_ELEVATION_LIMITS, enforceLimits, newReference, type ElevationLimits } from './elevation-rules.js';
import { availability, readScript, windowAllowed } from './script.js';
import {
  elevationOf,
  toAgentConversation,
  toChatMessage,
  toCustomerConversation,
  toCustomerElevation,
  toOffer,
  toSessionInteraction,
  workItemOf,
} from './views.js';

/** Where the service sends what parties must hear; implemented by the socket layer. */
export interface Notifier {
  /** To every customer connection following this conversation. */
  customer(conversationId: string, event: 'message', payload: ChatMessage): void;
  customer(conversationId: string, event: 'conversation', payload: CustomerConversation): void;
  customer(conversationId: string, event: 'typing', payload: { conversationId: string; typing: boolean; name: string | null }): void;
  customer(conversationId: string, event: 'receipt', payload: ReceiptSignal): void;
  /** To every connection of one visitor (all their tabs). */
  visitor(visitorId: string, event: 'elevation', payload: CustomerElevation): void;
  /** To every customer connection on one chat POC (its widgets on every page). */
  poc(pocId: string, event: 'availability', payload: PocAvailability): void;
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

/** Where elevated interactions' email and texts go, and how often customers may ask. */
export interface ElevationOptions {
  limits?: Partial<ElevationLimits>;
  /** Default: the recording connector (stores, sends nothing). */
  email?: EmailConnector;
  /** Default: the recording connector (stores, sends nothing). */
  sms?: SmsConnector;
}

/** How visitors are known again (docs/operations.md, "Visitor tokens"). */
export interface VisitorOptions {
  /**
   * How long a visitor token stays valid after its last use (sliding). Default 30 days; after
   * that the browser that held it is a new visitor and its old chats cannot be resumed with it.
   */
  tokenTtlMs?: number;
}

export const DEFAULT_VISITOR_TOKEN_TTL_MS = 30 * 24 * 3_600_000;

/** A token's expiry is written again only when it would move by more than this (at most one write a minute). */
const EXTEND_STEP_MS = 60_000;

/** Without an estimate from recent answers, each place in the queue counts for this long. */
const DEFAULT_WAIT_PER_PLACE_S = 60;

/** A customer's identity for one connection. */
export interface Visitor {
  id: string;
  tenantId: string;
  /**
   * The chat POC the visitor connected to. Its id only: a connection holds its Visitor for as
   * long as it is open, and the POC's row (name, origins, secret…) is read again when needed.
   */
  pocId: string;
  /** The website owner's id for the customer when this connection carried a valid signed identity; else null. */
  verifiedId: string | null;
  /** The name that identity gave, if any: the conversation's customer name when the customer gives none. */
  verifiedName: string | null;
}

/** What a deactivated chat POC's availability says: closed, with no opening in sight. */
const CLOSED_FOR_GOOD: PocAvailability = { open: false, nextOpenAt: null, timeZone: 'UTC', longWaitSeconds: null, callbackWindows: [], staffed: false, whenClosed: 'offline-message' };

/** The POC itself when it is active, else `poc_inactive` (410). */
export function requireActive(poc: PocRow): PocRow {
  if (!poc.active) throw new ParleyError('poc_inactive', `point of contact "${poc.id}" is deactivated`, 'poc');
  return poc;
}

/** Where an agent's email or text in an interaction goes. */
interface ReplyTarget {
  channel: 'email' | 'sms';
  destination: string;
  subject: string | null;
  reference: string;
}

/**
 * An email or SMS interaction replies to the address or number the elevation named; a work item
 * by email to its form's email answer (a work item without one takes no reply).
 */
function replyTarget(row: ConversationRow): ReplyTarget {
  if (row.channel === 'workitem') {
    const item = workItemOf(row, []);
    if (!item?.replyTo) throw new ParleyError('invalid_field', 'this work item has no email address to reply to', 'text');
    return { channel: 'email', destination: item.replyTo, subject: `${item.title} [${item.reference}]`, reference: item.reference };
  }
  const details = elevationOf(row)!;
  const channel = row.channel === 'email' ? 'email' : 'sms';
  return { channel, destination: details.destination, subject: channel === 'email' ? `${details.subject ?? 'Your request'} [${details.reference}]` : null, reference: details.reference };
}

/** Resolves on the next turn of the event loop, after the I/O callbacks of this one. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A payload must be a plain object; anything else is `invalid_payload`. */
function record(payload: unknown): Record<string, unknown> {
  if (!isRecord(payload)) throw new ParleyError('invalid_payload', 'expected an object');
  return payload;
}

/** Client ids the server gives its own messages (system events, request texts). */
const RESERVED_CLIENT_ID = /^(elevated|ended|joined|request)-/;

/** A client id a customer or agent may use: an id, not one of the server's own. */
function checkClientId(value: unknown): string {
  const clientId = must(checkId(value, 'clientId'));
  if (RESERVED_CLIENT_ID.test(clientId)) throw new ParleyError('invalid_field', 'clientId must not start with elevated-, ended-, joined- or request-', 'clientId');
  return clientId;
}

/**
 * The form of a destination the per-destination rate limit counts: a number as is (E.164), an
 * address lower-cased and without a `+tag`, so `Victim+1@Example.com` counts as `victim@example.com`.
 */
function rateKey(destination: string): string {
  if (!destination.includes('@')) return destination;
  const at = destination.lastIndexOf('@');
  return `${destination.slice(0, at).replace(/\+.*$/, '')}@${destination.slice(at + 1)}`.toLowerCase();
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

/** The conversation, if it is one of the visitor's chats; anything else is `conversation_not_found`. */
function customersChat<Row extends Pick<ConversationRow, 'visitor_id' | 'channel'>>(visitor: Visitor, row: Row | undefined): Row {
  // Customers reach their chats only; their requests are reported through `elevation` events.
  if (!row || row.visitor_id !== visitor.id || row.channel !== 'chat') throw new ParleyError('conversation_not_found', 'no such conversation', 'conversationId');
  return row;
}

/** The conversation, if the agent holds it; anything else is `conversation_not_found`. */
function agentsConversation<Row extends Pick<ConversationRow, 'agent_id'>>(agent: UserRow, row: Row | undefined): Row {
  if (!row || row.agent_id !== agent.id) throw new ParleyError('conversation_not_found', 'no such conversation', 'conversationId');
  return row;
}

export class ContactCenter {
  readonly #store: Store;
  readonly #notify: Notifier;
  readonly #options: RoutingOptions;
  #chain: Promise<unknown> = Promise.resolve();
  /** Last queue position told to each waiting conversation, to send only changes. */
  readonly #toldPosition = new Map<string, number>();
  readonly #limits: ElevationLimits;
  readonly #email: EmailConnector;
  readonly #sms: SmsConnector;
  /** Connector sends under way, by outbound record id: a re-send meanwhile waits for the same one. */
  readonly #sending = new Map<string, Promise<void>>();
  readonly #tokenTtlMs: number;
  /** Contacts per agent (agent-load.ts): rebuilt from the store by `recover()`, kept by every change here. */
  #loads = new AgentLoads();
  /** A routing pass asked for and not begun yet: later asks share it (see `dispatch`). */
  #dispatchWaiting: Promise<void> | null = null;
  /** The same for telling queue positions. */
  #positionsWaiting: Promise<void> | null = null;
  #positionsRunning: Promise<void> = Promise.resolve();

  constructor(store: Store, notifier: Notifier, options: Partial<RoutingOptions> = {}, elevation: ElevationOptions = {}, visitors: VisitorOptions = {}) {
    this.#store = store;
    this.#notify = notifier;
    this.#options = { ...DEFAULT_ROUTING, ...options };
    this.#limits = { ...DEFAULT_ELEVATION_LIMITS, ...elevation.limits };
    this.#email = elevation.email ?? recordingConnector;
    this.#sms = elevation.sms ?? recordingConnector;
    this.#tokenTtlMs = visitors.tokenTtlMs ?? DEFAULT_VISITOR_TOKEN_TTL_MS;
  }

  /**
   * Resolves once no routing work is queued or running: no change in `#serial`, no routing pass
   * or queue-position pass asked for, no connector send. Closing the server waits for it before
   * it closes the store, since a customer's disconnect or the last sweep can still be under way.
   */
  async settled(): Promise<void> {
    for (;;) {
      const chain = this.#chain;
      const positions = this.#positionsRunning;
      const dispatching = this.#dispatchWaiting;
      const sends = [...this.#sending.values()];
      await Promise.allSettled([chain, positions, dispatching, ...sends]);
      await nextTurn();
      if (chain === this.#chain && positions === this.#positionsRunning && !this.#dispatchWaiting && this.#sending.size === 0) return;
    }
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
    return this.#pocOf(pocId, ['chat']);
  }

  /**
   * Checks a work-item POC for an intake or its form: it must exist, take work items and be active.
   */
  async workItemPoc(pocId: unknown, options: { evenInactive?: boolean } = {}): Promise<PocRow> {
    return this.#pocOf(pocId, ['workitem'], options.evenInactive);
  }

  /** A POC whose profile the public API serves: an active chat or work-item POC. */
  async profilePoc(pocId: unknown): Promise<PocRow> {
    return this.#pocOf(pocId, ['chat', 'workitem']);
  }

  async #pocOf(pocId: unknown, channels: readonly string[], evenInactive = false): Promise<PocRow> {
    const id = checkId(pocId, 'poc');
    if (!id.ok) throw new ParleyError('poc_not_found', 'poc must be a point-of-contact id', 'poc');
    const poc = await this.#store.getPoc(id.value);
    if (!poc) throw new ParleyError('poc_not_found', `no point of contact "${id.value}"`, 'poc');
    if (!channels.includes(poc.channel)) {
      throw new ParleyError('poc_wrong_channel', `point of contact "${poc.id}" is not a ${channels.join(' or ')} point of contact`, 'poc');
    }
    return evenInactive ? poc : requireActive(poc);
  }

  /**
   * Finds the visitor behind a token, or creates one; with a signed `identity`, the POC's visitor
   * of that customer id. Tokens are 128 random bits, only ever stored hashed, and accepted only
   * on the POC that issued them, until they expire (`tokenTtlMs` after their last use); a token
   * of a verified visitor is accepted only with a valid identity for that same customer. Any
   * token not accepted gets a new visitor and token: nothing tells whose token it was. An
   * identity that does not verify is refused (`identity_invalid`), never ignored.
   */
  async identify(poc: PocRow, token: unknown, identity?: unknown): Promise<{ visitor: Visitor; token: string }> {
    const held = await this.#visitorOfToken(poc, token);
    const verified = identity === undefined || identity === null ? null : await verifyIdentity(poc.identity_secret, identity, Date.now(), held?.verified_id ?? null);
    if (verified) return this.#verifiedVisitor(poc, verified, held, token as string);
    if (held && held.verified_id === null) {
      await this.#extendToken(held);
      return { visitor: this.#visitorView(poc, held.id, null), token: token as string };
    }
    const fresh = newToken(16);
    const id = await this.#store.createVisitor(poc.tenant_id, poc.id, hashToken(fresh), { expiresAt: this.#tokenExpiry() });
    return { visitor: this.#visitorView(poc, id, null), token: fresh };
  }

  /** The visitor a presented token belongs to, if it is this POC's and has not expired. */
  async #visitorOfToken(poc: PocRow, token: unknown): Promise<VisitorRow | null> {
    if (typeof token !== 'string' || token.length < 16 || token.length > 128) return null;
    const found = await this.#store.findVisitor(hashToken(token));
    if (!found || found.poc_id !== poc.id) return null;
    if (found.expires_at === null || Date.parse(found.expires_at) <= Date.now()) return null;
    return found;
  }

  /**
   * The POC's visitor of a verified customer, found or made. The token presented is kept when it
   * is already that visitor's; otherwise the visitor gets a new one (a visitor holds one token, so
   * another device's copy stops working, which costs nothing: that device signs in with its
   * identity again).
   */
  async #verifiedVisitor(poc: PocRow, identity: VerifiedIdentity, held: VisitorRow | null, token: string): Promise<{ visitor: Visitor; token: string }> {
    if (held && held.verified_id === identity.id) {
      await this.#extendToken(held);
      return { visitor: this.#visitorView(poc, held.id, identity), token };
    }
    const fresh = newToken(16);
    const expiresAt = this.#tokenExpiry();
    let known = await this.#store.findVerifiedVisitor(poc.id, identity.id);
    if (!known) {
      try {
        const id = await this.#store.createVisitor(poc.tenant_id, poc.id, hashToken(fresh), { expiresAt, verifiedId: identity.id });
        return { visitor: this.#visitorView(poc, id, identity), token: fresh };
      } catch (err) {
        // Two devices of a new customer at once: the other one made the visitor; use it.
        known = await this.#store.findVerifiedVisitor(poc.id, identity.id);
        if (!known) throw err;
      }
    }
    await this.#store.replaceVisitorToken(known.id, hashToken(fresh), expiresAt);
    return { visitor: this.#visitorView(poc, known.id, identity), token: fresh };
  }

  #visitorView(poc: PocRow, id: string, identity: VerifiedIdentity | null): Visitor {
    return { id, tenantId: poc.tenant_id, pocId: poc.id, verifiedId: identity?.id ?? null, verifiedName: identity?.name ?? null };
  }

  #tokenExpiry(): string {
    return new Date(Date.now() + this.#tokenTtlMs).toISOString();
  }

  /** Slides a used token's expiry forward; skipped while it would move by less than a minute (or a tenth of the lifetime). */
  async #extendToken(row: VisitorRow): Promise<void> {
    const next = Date.now() + this.#tokenTtlMs;
    if (row.expires_at !== null && next - Date.parse(row.expires_at) < Math.min(EXTEND_STEP_MS, this.#tokenTtlMs / 10)) return;
    await this.#store.extendVisitor(row.id, new Date(next).toISOString());
  }

  /** The visitor's current conversation on this POC: open, or ended less than an hour ago. */
  async currentConversation(visitor: Visitor): Promise<CustomerConversation | null> {
    const row = await this.#store.latestConversation(visitor.id, visitor.pocId);
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
    const name = must(checkName(body.name)) ?? visitor.verifiedName;
    const hasText = body.text !== undefined && body.text !== null;
    const text = hasText ? must(checkMessageText(body.text)) : null;
    const clientId = hasText ? checkClientId(body.clientId) : null;
    // Re-check the POC: it may have been deactivated since the connection opened.
    const poc = await this.chatPoc(visitor.pocId);

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
    const row = (await this.#store.getConversation(result.row.id))!;
    const view = await this.#customerView(row);
    if (view.queuePosition !== null) this.#toldPosition.set(row.id, view.queuePosition);
    // Routed once the answer is ready: the caller makes the customer's connections follow the
    // conversation as soon as this returns, before an agent's acceptance can be told to them.
    if (result.created) void this.dispatch();
    return { conversation: view, messages: result.messages };
  }

  /** Stores a customer message (once per client id) and delivers it. */
  async customerSend(visitor: Visitor, payload: unknown): Promise<ChatMessage> {
    const body = record(payload);
    const id = must(checkId(body.conversationId, 'conversationId'));
    const row = customersChat(visitor, await this.#store.conversationToSendIn(id));
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
    const [state, held, offers, dispositions, skills] = await Promise.all([
      this.#store.agentState(agent.id),
      this.#store.heldBy(agent.id),
      this.#store.pendingOffers({ agentId: agent.id }),
      this.#store.dispositions(agent.tenant_id),
      this.#store.allTenantSkills(agent.tenant_id),
    ]);
    const names = await this.#store.pocNames(held.map((c) => c.poc_id));
    const files = await this.#store.attachmentsOf(held.filter((c) => c.work_item).map((c) => c.id));
    const verified = await this.#store.verifiedIds(held.map((c) => c.visitor_id));
    return {
      protocol: PROTOCOL_VERSION,
      agent: this.#agentProfile(agent, state.available),
      conversations: held.map((c) => toAgentConversation(c, names.get(c.poc_id) ?? '', files.get(c.id), verified.get(c.visitor_id) ?? null)),
      offers: (await Promise.all(offers.map((o) => this.#offerView(o.id)))).filter((o) => o !== null),
      dispositions,
      skills: skills.filter((k) => k.active === 1).map((k) => ({ id: k.id, name: k.name, channel: k.channel as SkillChannel })),
      connectors: { email: this.#email.name, sms: this.#sms.name },
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
        // The agent's load does not change: the contact offered is now held.
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
    if (row.channel === 'chat') this.#notify.customer(row.id, 'conversation', await this.#customerView(row));
    await this.#interactionChanged(row);
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

  /**
   * Stores an agent's message. In a chat the customer sees it; in an email or SMS interaction it
   * goes out through the connector first (docs/elevation.md); a callback carries no messages.
   */
  async agentSend(agent: UserRow, payload: unknown): Promise<ChatMessage> {
    const body = record(payload);
    const id = must(checkId(body.conversationId, 'conversationId'));
    const row = agentsConversation(agent, await this.#store.conversationToSendIn(id));
    if (row.channel === 'email' || row.channel === 'sms' || row.channel === 'workitem') {
      // An interaction out of chat replies through a connector, which needs the whole row.
      return this.#sendOutbound(agent, await this.#agentConversation(agent, id), body);
    }
    if (row.channel !== 'chat') throw new ParleyError('invalid_field', 'a callback carries no messages; write a wrap-up note instead', 'text');
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
      this.#loads.add(agent.id, -1);
      await this.#store.touchAgentIdle(agent.id);
      return done;
    });
    await this.#interactionChanged(closed);
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

  // --- Elevation and sessions (docs/elevation.md) --------------------------------------------

  /** What the widget may offer now, by the POC's script: open or closed, long wait, callback windows. */
  async availability(pocId: unknown): Promise<PocAvailability> {
    const poc = await this.#pocOf(pocId, ['chat'], true);
    // A deactivated POC is closed for good: its widgets show the offline state, not an error.
    if (poc.active !== 1) return CLOSED_FOR_GOOD;
    const [script, staffed] = await Promise.all([this.#script(poc), this.#store.anyoneOnDuty(poc.skill_id, this.#notify.onlineAgents())]);
    return { ...availability(script, Date.now()), staffed };
  }

  /**
   * A chat POC was deactivated (its row already says so): each of its chats still waiting or
   * under way ends, with the system's polite "the chat was closed" (the agent goes to wrap-up as
   * after any end), and every widget connected on it is told the POC is closed.
   */
  async pocDeactivated(pocId: string): Promise<number> {
    const open = await this.#store.db
      .selectFrom('conversations')
      .select('id')
      .where('poc_id', '=', pocId)
      .where('channel', '=', 'chat')
      .where('status', 'in', ['queued', 'active'])
      .execute();
    for (const { id } of open) await this.#end(id, 'system');
    this.#notify.poc(pocId, 'availability', CLOSED_FOR_GOOD);
    return open.length;
  }

  /** A chat POC was activated again: its connected widgets get its availability at once. */
  async pocActivated(pocId: string): Promise<void> {
    this.#notify.poc(pocId, 'availability', await this.availability(pocId));
  }

  /** The visitor's own requests on their POC from the last 24 hours (for the widget's hello). */
  async customerElevations(visitor: Visitor): Promise<CustomerElevation[]> {
    const since = new Date(Date.now() - 24 * 3_600_000).toISOString();
    const rows = await this.#store.visitorElevations(visitor.id, visitor.pocId, since);
    return rows.filter((r) => r.elevated_by === 'customer').map(toCustomerElevation);
  }

  /**
   * A customer asks to be called back, emailed or texted. Checks, in order: the kind is offered by
   * the profile and routes to a usable skill; the fields (the same rules as the widget's form, then
   * libphonenumber-js for numbers); the callback window against the script's hours; the rate
   * limits. Creates the interaction in the chat's session (or a new one when there is no chat),
   * queued on the profile's skill, and notes it in the chat. A repeat of `requestId` returns the
   * first answer and creates nothing.
   */
  async requestElevation(visitor: Visitor, payload: unknown): Promise<CustomerElevation> {
    const body = record(payload);
    const requestId = must(checkId(body.requestId, 'requestId'));
    const stopWaiting = body.stopWaiting === true;
    const repeat = await this.#repeatOf(requestId, { visitorId: visitor.id, kind: body.kind });
    if (repeat) return this.#followUpRequest(repeat, stopWaiting);
    if (!isElevationKind(body.kind)) throw new ParleyError('invalid_field', 'kind must be callback, email or sms', 'kind');
    const kind = body.kind;
    const poc = await this.chatPoc(visitor.pocId);
    const offered = (await this.chatProfile(poc)).profile.elevations;
    if (!offered[kind].enabled || !offered[kind].skillId) throw new ParleyError('elevation_unavailable', `this chat does not offer ${kind} requests`, 'kind');
    const skill = await this.#elevationSkill(poc.tenant_id, kind, offered[kind].skillId, 'kind');
    const form = checkElevationForm(kind, body);
    if (!form.ok) throw ParleyError.from(form.errors[0]);
    const checked = form.value;
    let destination: string;
    let display: string;
    if (checked.kind === 'email') {
      destination = display = checked.email;
    } else {
      const phone = normalisePhone(checked.phone, checked.country, checked.kind === 'sms' ? 'sms' : 'callback');
      destination = phone.e164;
      display = phone.display;
    }
    const window = checked.kind === 'callback' ? checked.window : null;
    if (window && !windowAllowed(await this.#script(poc), window, Date.now())) {
      throw new ParleyError('invalid_field', 'choose one of the times offered, within opening hours', 'window');
    }
    const hasChat = body.conversationId !== undefined && body.conversationId !== null;
    const chat = hasChat ? await this.#customerConversation(visitor, body.conversationId) : null;
    const name = must(checkName(body.name)) ?? chat?.customer_name ?? null;

    const result = await this.#serial(async () => {
      const again = await this.#repeatOf(requestId, { visitorId: visitor.id, kind });
      if (again) return { row: again, created: false };
      await enforceLimits(this.#store, this.#limits, {
        destination: rateKey(destination),
        destinationField: kind === 'email' ? 'email' : 'phone',
        visitorId: visitor.id,
        pocId: poc.id,
      });
      const reference = await this.#freshReference(kind);
      const details: ElevationDetails = {
        kind,
        reference,
        by: 'customer',
        fromConversationId: chat?.id ?? null,
        fromChannel: chat ? 'chat' : null,
        destination,
        destinationDisplay: display,
        subject: checked.kind === 'email' ? checked.subject : null,
        window,
        consent: checked.kind !== 'email',
      };
      const created = await this.#createOnce(requestId, { visitorId: visitor.id, kind }, {
        tenantId: poc.tenant_id,
        pocId: poc.id,
        skillId: skill.id,
        visitorId: visitor.id,
        customerName: name,
        sessionId: chat?.session_id ?? null,
        channel: ELEVATION_CHANNEL[kind],
        elevation: JSON.stringify(details),
        reference,
        elevatedBy: 'customer',
        requestId,
        destination: rateKey(destination),
      }, checked.kind === 'email' ? { clientId: `request-${requestId}`, author: 'customer', authorName: name, text: checked.message } : null);
      return { row: created, created: true };
    });
    const view = await this.#followUpRequest(result.row, stopWaiting);
    if (result.created) void this.dispatch();
    return view;
  }

  /**
   * What follows a customer's request once it is stored: the note in the chat, the end of the chat
   * when asked, the status to the customer's tabs. Every step is idempotent and runs again on a
   * repeat of the request, so one cut short (a crash, a lost connection) is completed by the retry.
   */
  async #followUpRequest(row: ConversationRow, stopWaiting: boolean): Promise<CustomerElevation> {
    const details = elevationOf(row)!;
    const chat = details.fromConversationId ? await this.#store.getConversation(details.fromConversationId) : undefined;
    if (chat) {
      await this.#append(chat, { clientId: `elevated-${row.request_id}`, author: 'system', authorName: null, text: '', event: { type: 'elevated', kind: details.kind, reference: details.reference, by: 'customer' } });
      const poc = await this.#store.getPoc(row.poc_id);
      const afterRequest = poc ? (await this.chatProfile(poc)).profile.elevations.afterRequest : 'continue';
      // "Stop waiting, we'll call you back" ends a wait, not a chat an agent has taken meanwhile;
      // otherwise the profile says.
      if ((stopWaiting && chat.status === 'queued') || afterRequest === 'end') await this.#serial(() => this.#end(chat.id, 'customer'));
    }
    await this.#interactionChanged(row);
    return toCustomerElevation((await this.#store.getConversation(row.id)) ?? row);
  }

  /**
   * Creates an elevated interaction; when another server sharing the database stored the same
   * `requestId` a moment earlier (the unique index refuses this one), answers with that one.
   */
  async #createOnce(
    requestId: string,
    by: { visitorId?: string; agentId?: string; kind: ElevationKind },
    input: Parameters<Store['createInteraction']>[0],
    first: Parameters<Store['createInteraction']>[1],
  ): Promise<ConversationRow> {
    try {
      const { conversation } = await this.#store.createInteraction(input, first);
      // Made already held (an agent's own elevation): one more contact for that agent.
      if (conversation.agent_id && (conversation.status === 'active' || conversation.status === 'wrapup')) this.#loads.add(conversation.agent_id, 1);
      return conversation;
    } catch (err) {
      const stored = await this.#repeatOf(requestId, by);
      if (stored) return stored;
      throw err;
    }
  }

  /** The session of an interaction the agent holds or is offered: every interaction in it. */
  async agentSession(agent: UserRow, payload: unknown): Promise<SessionView> {
    const body = record(payload);
    const sessionId = must(checkId(body.sessionId, 'sessionId'));
    const interactions = await this.#visibleSession(agent, sessionId);
    return this.#sessionView(sessionId, await this.#store.getSession(sessionId), interactions);
  }

  /** Read-only messages of an interaction in a session the agent can see, paged like resume. */
  async agentTranscript(agent: UserRow, payload: unknown): Promise<{ interaction: SessionInteraction; messages: ChatMessage[] }> {
    const body = record(payload);
    const id = must(checkId(body.conversationId, 'conversationId'));
    const afterSeq = must(checkSeq(body.afterSeq, 'afterSeq'));
    const row = await this.#store.getConversation(id);
    if (!row) throw new ParleyError('conversation_not_found', 'no such conversation', 'conversationId');
    await this.#visibleSession(agent, row.session_id);
    const messages = await this.#store.messagesAfter(row.id, afterSeq);
    const holder = row.agent_id ? await this.#store.getUser(row.agent_id) : undefined;
    return { interaction: toSessionInteraction(row, holder?.display_name ?? null), messages: messages.map(toChatMessage) };
  }

  /**
   * An agent elevates an interaction they hold (the matrix decides to what). The new interaction
   * is theirs at once, in the same session, on the skill they chose; an email or text is sent
   * with it. A repeat of `requestId` returns the first answer (and retries a first message that
   * failed to go out).
   */
  async agentElevate(agent: UserRow, payload: unknown): Promise<{ conversation: AgentConversation; messages: ChatMessage[] }> {
    const body = record(payload);
    const requestId = must(checkId(body.requestId, 'requestId'));
    let row = await this.#repeatOf(requestId, { agentId: agent.id, kind: body.kind });
    let text: string | null = null;
    if (!row) {
      const source = await this.#agentConversation(agent, body.conversationId);
      if (source.status !== 'active' && source.status !== 'wrapup') throw new ParleyError('conversation_ended', 'this interaction is closed');
      if (!isElevationKind(body.kind)) throw new ParleyError('invalid_field', 'kind must be callback, email or sms', 'kind');
      const kind = body.kind;
      if (!canElevate(source.channel as SkillChannel, ELEVATION_CHANNEL[kind])) {
        throw new ParleyError('elevation_unavailable', `a ${source.channel} interaction cannot be elevated to ${ELEVATION_CHANNEL[kind]}`, 'kind');
      }
      const skill = await this.#elevationSkill(agent.tenant_id, kind, must(checkId(body.skillId, 'skillId')), 'skillId');
      let destination: string;
      let display: string;
      let subject: string | null = null;
      if (kind === 'email') {
        destination = display = must(checkEmailAddress(body.email));
        subject = must(checkSubject(body.subject));
      } else {
        const phone = normalisePhone(body.phone, body.country, kind === 'sms' ? 'sms' : 'callback');
        destination = phone.e164;
        display = phone.display;
      }
      if (kind !== 'callback') {
        text = must(kind === 'sms' ? checkSmsText(body.text) : checkMessageText(body.text));
      }
      const created = await this.#serial(async () => {
        const again = await this.#repeatOf(requestId, { agentId: agent.id, kind });
        if (again) return again;
        const reference = await this.#freshReference(kind);
        const details: ElevationDetails = {
          kind,
          reference,
          by: 'agent',
          fromConversationId: source.id,
          fromChannel: source.channel as SkillChannel,
          destination,
          destinationDisplay: display,
          subject,
          window: null,
          consent: false,
        };
        const conversation = await this.#createOnce(requestId, { agentId: agent.id, kind }, {
          tenantId: source.tenant_id,
          pocId: source.poc_id,
          skillId: skill.id,
          visitorId: source.visitor_id,
          customerName: source.customer_name,
          sessionId: source.session_id,
          channel: ELEVATION_CHANNEL[kind],
          elevation: JSON.stringify(details),
          reference,
          elevatedBy: 'agent',
          requestId,
          destination: rateKey(destination),
          agentId: agent.id,
        }, null);
        await this.#append(source, { clientId: `elevated-${requestId}`, author: 'system', authorName: null, text: '', event: { type: 'elevated', kind, reference, by: 'agent' } });
        return conversation;
      });
      row = created;
      await this.#interactionChanged(row);
    } else if (row.channel !== 'voice' && typeof body.text === 'string') {
      text = must(checkMessageText(body.text));
    }
    if (text !== null && (row.channel === 'email' || row.channel === 'sms') && row.status === 'active') {
      await this.#sendOutbound(agent, row, { clientId: elevationFirstMessageId(requestId), text });
    }
    const current = (await this.#store.getConversation(row.id))!;
    const messages = (await this.#store.messagesAfter(row.id, 0)).map(toChatMessage);
    return { conversation: await this.#agentView(current), messages };
  }

  /** The interaction a `requestId` created, if any; a key reused by someone else is refused. */
  async #repeatOf(requestId: string, by: { visitorId?: string; agentId?: string; kind: unknown }): Promise<ConversationRow | null> {
    const row = await this.#store.findByRequestId(requestId);
    if (!row) return null;
    const same = by.visitorId
      ? row.elevated_by === 'customer' && row.visitor_id === by.visitorId
      : row.elevated_by === 'agent' && row.agent_id === by.agentId;
    if (!same || elevationOf(row)?.kind !== by.kind) {
      throw new ParleyError('client_id_conflict', 'this request id was already used for another request', 'requestId');
    }
    return row;
  }

  /** The skill an elevation routes to: of the tenant, active, on the kind's channel. */
  async #elevationSkill(tenantId: string, kind: ElevationKind, skillId: string | null, field: string): Promise<SkillRow> {
    const skill = skillId ? await this.#store.getSkill(skillId) : undefined;
    if (!skill || skill.tenant_id !== tenantId || skill.active !== 1 || skill.channel !== ELEVATION_CHANNEL[kind]) {
      throw new ParleyError('elevation_unavailable', `${kind} requests cannot be routed right now (no active ${ELEVATION_CHANNEL[kind]} skill)`, field);
    }
    return skill;
  }

  async #freshReference(kind: ElevationKind | 'workitem'): Promise<string> {
    for (;;) {
      const reference = newReference(kind);
      if (!(await this.#store.referenceTaken(reference))) return reference;
    }
  }

  /**
   * A chat POC's profile, complete and valid: a stored field that fails validation reads as its
   * default, and unreadable JSON (`unreadable`) as the defaults, which offer no elevation.
   */
  async chatProfile(poc: PocRow): Promise<{ profile: ChatProfile; unreadable: boolean }> {
    const row = poc.chat_profile_id ? await this.#store.getChatProfile(poc.chat_profile_id) : undefined;
    let raw: unknown = null;
    try {
      raw = row ? JSON.parse(row.profile) : null;
    } catch {
      return { profile: readProfile(null).profile, unreadable: true };
    }
    return { profile: readProfile(raw).profile, unreadable: false };
  }

  async #script(poc: PocRow) {
    return readScript((await this.#store.getScript(poc.script_id))?.config);
  }

  /**
   * Sends an agent's email or text through the connector, then stores it as the agent's message.
   * The send is recorded first under the message's client id, so a re-send of a message that went
   * out is stored, not sent again; one that failed is tried again.
   */
  async #sendOutbound(agent: UserRow, row: ConversationRow, body: Record<string, unknown>): Promise<ChatMessage> {
    const clientId = checkClientId(body.clientId);
    const text = must(row.channel === 'sms' ? checkSmsText(body.text) : checkMessageText(body.text));
    const existing = await this.#store.findMessage(row.id, clientId);
    if (existing) return toChatMessage(sameMessage(existing, { author: 'agent', text }));
    if (row.status !== 'active') throw new ParleyError('conversation_ended', 'this interaction has ended');
    const target = replyTarget(row);
    const connector = target.channel === 'email' ? this.#email : this.#sms;
    const { subject, destination } = target;
    const outbound = await this.#store.recordOutbound({ conversationId: row.id, clientId, channel: target.channel, connector: connector.name, destination, subject, body: text });
    // A retry must send what was recorded: another text under the same client id is refused.
    if (outbound.body !== text) throw new ParleyError('client_id_conflict', 'this client id was already used for another message', 'clientId');
    if (outbound.status === 'sending' || outbound.status === 'failed') {
      // A re-send that arrives while the first attempt is still with the provider (a slow SMTP
      // server outlasts the client's 8 s ask timeout) joins that attempt instead of sending again.
      let attempt = this.#sending.get(outbound.id);
      if (!attempt) {
        attempt = this.#deliver(target, outbound.id, text).finally(() => this.#sending.delete(outbound.id));
        this.#sending.set(outbound.id, attempt);
      }
      await attempt;
    }
    return this.#append(row, { clientId, author: 'agent', authorName: agent.display_name, text });
  }

  /** Hands one email or text to its connector and records the outcome; throws `delivery_failed`. */
  async #deliver(target: ReplyTarget, outboundId: string, text: string): Promise<void> {
    try {
      const result = target.channel === 'email'
        ? await this.#email.send({ to: target.destination, subject: target.subject!, text, reference: target.reference })
        : await this.#sms.send({ to: target.destination, text, reference: target.reference });
      await this.#store.settleOutbound(outboundId, result);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await this.#store.settleOutbound(outboundId, { status: 'failed', error: reason.slice(0, 500) });
      throw new ParleyError('delivery_failed', `the ${target.channel === 'email' ? 'email' : 'text'} could not be sent: ${reason.slice(0, 200)}`);
    }
  }

  /** A work item's file, if the agent holds or is offered the work item (else `not_found`). */
  async agentAttachment(agent: UserRow, attachmentId: unknown): Promise<{ id: string; name: string; type: string; size: number }> {
    const id = must(checkId(attachmentId, 'id'));
    const attachment = await this.#store.getAttachment(id);
    const row = attachment ? await this.#store.getConversation(attachment.conversation_id) : undefined;
    if (!attachment || !row) throw new ParleyError('not_found', 'no such attachment', 'id');
    // The same rule as the session: whoever may read the work item may read its files.
    await this.#visibleSession(agent, row.session_id).catch(() => {
      throw new ParleyError('not_found', 'no such attachment', 'id');
    });
    return attachment;
  }

  /** The interactions of a session, if the agent holds or is offered one of them. */
  async #visibleSession(agent: UserRow, sessionId: string): Promise<ConversationRow[]> {
    const interactions = await this.#store.sessionInteractions(sessionId);
    if (interactions.some((c) => c.agent_id === agent.id)) return interactions;
    for (const offer of await this.#store.pendingOffers({ agentId: agent.id })) {
      if (interactions.some((c) => c.id === offer.conversation_id)) return interactions;
    }
    throw new ParleyError('not_found', 'no such session', 'sessionId');
  }

  async #sessionView(sessionId: string, session: { completed_at: string | null } | undefined, interactions: ConversationRow[]): Promise<SessionView> {
    const names = new Map<string, string>();
    for (const id of new Set(interactions.map((c) => c.agent_id).filter((a) => a !== null))) {
      names.set(id, (await this.#store.getUser(id))?.display_name ?? '');
    }
    return {
      id: sessionId,
      customerName: interactions.find((c) => c.customer_name)?.customer_name ?? null,
      complete: session?.completed_at != null,
      completedAt: session?.completed_at ?? null,
      interactions: interactions.map((c) => toSessionInteraction(c, c.agent_id ? names.get(c.agent_id) ?? null : null)),
    };
  }

  /**
   * After an interaction is created or changes status: the session is settled (complete once all
   * its interactions are closed), its agents get the session as it is now, and a customer's
   * request reports its status to every tab of that customer.
   */
  async #interactionChanged(row: ConversationRow): Promise<void> {
    const interactions = await this.#store.sessionInteractions(row.session_id);
    const current = interactions.find((c) => c.id === row.id) ?? row;
    const session = await this.#store.settleSession(row.session_id, interactions.every((c) => c.status === 'closed'));
    const view = await this.#sessionView(row.session_id, session, interactions);
    for (const agentId of new Set(interactions.map((c) => c.agent_id).filter((a) => a !== null))) this.#notify.agent(agentId, 'session', view);
    if (current.elevated_by === 'customer') this.#notify.visitor(current.visitor_id, 'elevation', toCustomerElevation(current));
  }

  // --- Routing --------------------------------------------------------------------------------

  /**
   * Offers each waiting contact, in queue order, to the eligible agent with the fewest contacts,
   * then longest idle. Safe to call any time; calls are serialised, and calls made while a pass
   * waits to begin share that pass (it sees everything they were called after). A pass begins on
   * the next turn of the event loop at the earliest, so a burst of new conversations (a socket
   * read brings many) is decided in one pass rather than one pass each.
   */
  dispatch(): Promise<void> {
    if (this.#dispatchWaiting) return this.#dispatchWaiting;
    const pass = nextTurn()
      .then(() =>
        this.#serial(async () => {
          this.#dispatchWaiting = null;
          await this.#route();
        }),
      )
      .then(() => this.#tellQueuePositions());
    this.#dispatchWaiting = pass;
    return pass;
  }

  /** One routing pass (inside `#serial`): decides every waiting contact, then stores and sends the offers. */
  async #route(): Promise<void> {
    const online = this.#notify.onlineAgents();
    if (online.length === 0) return;
    const queue = await this.#store.queued();
    if (queue.length === 0) return;
    const offered = new Set((await this.#store.pendingOffers()).map((o) => o.conversation_id));
    const since = new Date(Date.now() - this.#options.refusalCooldownMs).toISOString();
    const candidates = new Map<string, Awaited<ReturnType<Store['availableAgents']>>>();
    const decided: { conversation: ConversationRow; agentId: string }[] = [];
    for (const conversation of queue) {
      if (offered.has(conversation.id)) continue;
      let agents = candidates.get(conversation.skill_id);
      if (!agents) candidates.set(conversation.skill_id, (agents = await this.#store.availableAgents(conversation.skill_id, online)));
      // Everyone on the skill full: no need to ask the store who refused this one.
      if (!this.#loads.anyRoom(agents)) continue;
      const agentId = this.#loads.pick(agents, await this.#store.refusedBy(conversation.id, since));
      if (!agentId) continue;
      // Counted at once, so that the next decision of this pass sees it.
      this.#loads.add(agentId, 1);
      decided.push({ conversation, agentId });
    }
    let offers: OfferRow[];
    try {
      offers = await this.#store.createOffers(decided.map((d) => ({ conversationId: d.conversation.id, agentId: d.agentId })), this.#options.offerTimeoutMs);
    } catch (err) {
      for (const { agentId } of decided) this.#loads.add(agentId, -1);
      throw err;
    }
    for (const [i, offer] of offers.entries()) {
      this.#notify.agent(offer.agent_id, 'offer', await this.#offerViewOf(offer, decided[i].conversation));
    }
  }

  /** The load index as this process keeps it, by agent id (for checks against `Store.agentLoads`). */
  agentLoads(): Map<string, number> {
    return this.#loads.snapshot();
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
    await this.#serial(async () => {
      await this.#store.withdrawAllPendingOffers();
      this.#loads = await AgentLoads.fromStore(this.#store);
    });
    // A stop between an interaction's close and its session's settling leaves the session open.
    await this.#store.settleOpenSessions();
  }

  // --- Internals ------------------------------------------------------------------------------

  /**
   * Stores a message once per client id while the conversation is in one of the `open` statuses.
   * Once it is not, only a re-send of a message stored before is answered (with the original).
   */
  async #send(
    row: Pick<ConversationRow, 'id' | 'status'>,
    open: readonly string[],
    body: Record<string, unknown>,
    author: 'customer' | 'agent',
    authorName: string | null,
  ): Promise<ChatMessage> {
    const clientId = checkClientId(body.clientId);
    const text = must(checkMessageText(body.text));
    if (!open.includes(row.status)) {
      const existing = await this.#store.findMessage(row.id, clientId);
      if (existing) return toChatMessage(sameMessage(existing, { author, text }));
      throw new ParleyError('conversation_ended', 'this conversation has ended');
    }
    return this.#append(row, { clientId, author, authorName, text });
  }

  async #append(
    row: Pick<ConversationRow, 'id'>,
    input: Parameters<Store['appendMessage']>[1],
    options: { skipAgent?: boolean } = {},
  ): Promise<ChatMessage> {
    const { message, duplicate, agentId } = await this.#store.appendMessage(row.id, input);
    if (duplicate) sameMessage(message, input);
    const view = toChatMessage(message);
    if (!duplicate) {
      this.#notify.customer(row.id, 'message', view);
      // The agent holding the conversation when the message was stored (not `row`'s, maybe older).
      if (agentId && !options.skipAgent) this.#notify.agent(agentId, 'message', view);
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
    if (next.channel === 'chat') this.#notify.customer(row.id, 'conversation', await this.#customerView(next));
    if (next.agent_id) this.#notify.agent(next.agent_id, 'conversation', await this.#agentView(next));
    await this.#interactionChanged(next);
    void this.#tellQueuePositions();
    return next;
  }

  async #closeOffer(offerId: string, status: 'declined' | 'expired' | 'withdrawn'): Promise<void> {
    const offer = await this.#store.getOffer(offerId);
    if (offer && (await this.#store.resolveOffer(offerId, status))) {
      this.#loads.add(offer.agent_id, -1);
      this.#notify.agent(offer.agent_id, 'offer:gone', { offerId, reason: status });
    }
  }

  /**
   * Tells each waiting customer their place in their skill's queue, when it changed. One pass at a
   * time, on the next turn of the event loop at the earliest; calls made while one waits to begin
   * share it (a burst of acceptances moves the queue once).
   */
  #tellQueuePositions(): Promise<void> {
    if (this.#positionsWaiting) return this.#positionsWaiting;
    const pass = this.#positionsRunning.then(nextTurn).then(() => {
      this.#positionsWaiting = null;
      return this.#tellPositionsNow();
    });
    this.#positionsWaiting = pass;
    this.#positionsRunning = pass.catch(() => undefined);
    return pass;
  }

  async #tellPositionsNow(): Promise<void> {
    const bySkill = new Map<string, number>();
    const perPlace = new Map<string, number>();
    for (const row of await this.#store.queued()) {
      const position = (bySkill.get(row.skill_id) ?? 0) + 1;
      bySkill.set(row.skill_id, position);
      if (row.channel !== 'chat' || this.#toldPosition.get(row.id) === position) continue;
      this.#toldPosition.set(row.id, position);
      if (!perPlace.has(row.skill_id)) perPlace.set(row.skill_id, await this.#waitPerPlace(row.skill_id));
      this.#notify.customer(row.id, 'conversation', toCustomerConversation(row, position, null, Math.round(position * perPlace.get(row.skill_id)!)));
    }
  }

  /** Seconds each place in a skill's queue is expected to take: the mean of its recent waits. */
  async #waitPerPlace(skillId: string): Promise<number> {
    const waits = await this.#store.recentWaits(skillId);
    return waits.length === 0 ? DEFAULT_WAIT_PER_PLACE_S : Math.max(1, waits.reduce((a, b) => a + b, 0) / waits.length);
  }

  async #customerConversation(visitor: Visitor, conversationId: unknown): Promise<ConversationRow> {
    const id = must(checkId(conversationId, 'conversationId'));
    return customersChat(visitor, await this.#store.getConversation(id));
  }

  async #agentConversation(agent: UserRow, conversationId: unknown): Promise<ConversationRow> {
    const id = must(checkId(conversationId, 'conversationId'));
    return agentsConversation(agent, await this.#store.getConversation(id));
  }

  async #customerView(row: ConversationRow): Promise<CustomerConversation> {
    let position: number | null = null;
    let expected: number | null = null;
    if (row.status === 'queued') {
      const queue = await this.#store.queued();
      position = queue.filter((c) => c.skill_id === row.skill_id).findIndex((c) => c.id === row.id) + 1 || null;
      if (position !== null) expected = Math.round(position * (await this.#waitPerPlace(row.skill_id)));
    }
    const agent = row.agent_id ? await this.#store.getUser(row.agent_id) : undefined;
    return toCustomerConversation(row, position, agent?.display_name ?? null, expected);
  }

  async #agentView(row: ConversationRow): Promise<AgentConversation> {
    const [names, files, verified] = await Promise.all([this.#store.pocNames([row.poc_id]), this.#attachments(row), this.#store.verifiedIds([row.visitor_id])]);
    return toAgentConversation(row, names.get(row.poc_id) ?? '', files, verified.get(row.visitor_id) ?? null);
  }

  /** A work item's files (none for other interactions, without asking the store). */
  async #attachments(row: ConversationRow) {
    return row.work_item ? ((await this.#store.attachmentsOf([row.id])).get(row.id) ?? []) : [];
  }

  async #offerView(offerId: string) {
    const offer = await this.#store.getOffer(offerId);
    if (!offer) return null;
    return this.#offerViewOf(offer, (await this.#store.getConversation(offer.conversation_id))!);
  }

  async #offerViewOf(offer: OfferRow, conversation: ConversationRow) {
    const [names, skill, preview, files] = await Promise.all([
      this.#store.pocNames([conversation.poc_id]),
      this.#store.getSkill(conversation.skill_id),
      this.#store.firstCustomerText(conversation.id),
      this.#attachments(conversation),
    ]);
    return toOffer(offer, conversation, names.get(conversation.poc_id) ?? '', (skill?.channel ?? 'chat') as SkillChannel, preview, files);
  }

  #agentProfile(agent: UserRow, available: boolean): AgentProfile {
    return { id: agent.id, username: agent.username, displayName: agent.display_name, available, capacity: agent.capacity };
  }
}
