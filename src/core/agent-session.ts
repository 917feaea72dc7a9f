/**
 * The agent's side: presence, offers, and every conversation the agent holds, each with its
 * ordered messages. Framework-free; the console elements read its state, and Node tests (or bots)
 * drive it against the real server.
 *
 * Invariants (the delivery promise, SPEC §5, as on the customer side):
 * - Per conversation, `messages` holds each stored message once, sorted by `seq`.
 * - After every (re)connect the server's `hello` is the truth for offers and held conversations;
 *   each held conversation is then filled from the highest `seq` held without a gap, page by
 *   page, so nothing said during a disconnection is missed. A live message that skips a seq
 *   triggers the same fill.
 * - An agent's text is written to the outbox (sessionStorage in the console) before it is sent
 *   and leaves it only when acknowledged; it is re-sent with the same client id after every
 *   reconnect and reload, and the server stores it once.
 *
 * Omnichannel sessions (SPEC §1, seed 002):
 * - `sessions` holds the session of every held interaction, as `session` events and `session:get`
 *   replies describe it. A session view only moves forward: no interaction in it goes back to an
 *   earlier status or disappears, whatever order the replies and events arrive in.
 * - An elevation is asked with one idempotency key (`requestId`) for every attempt, so a retry
 *   after a lost answer returns the interaction the first attempt created, never a second one.
 */
import {
  LIMITS,
  NAMESPACES,
  elevationFirstMessageId,
  type AgentClientEvents,
  type AgentConversation,
  type AgentElevationRequest,
  type AgentHello,
  type AgentProfile,
  type ChatMessage,
  type ConnectorInfo,
  type Disposition,
  type Offer,
  type ProtocolError,
  type ReceiptSignal,
  type ReplyOf,
  type SessionInteraction,
  type SessionView,
  type SkillSummary,
} from '../protocol/index.js';
import type { ConnectionState } from './chat-session.js';
import { newClientId } from './ids.js';
import { backoffDelay, SocketLink, type BackoffOptions, type NetworkWatch, type LinkState } from './link.js';
import { contiguousSeq, lastSeq, maxReceipts, mergeMessages } from './messages.js';
import { memoryStorage, Outbox, type KeyValueStorage, type PendingMessage } from './outbox.js';
import { FAILED_AFTER_ATTEMPTS, SessionLink, TRANSIENT_ERRORS } from './session-link.js';
import { Store } from './store.js';
import { checkMessageText, type Checked } from './validators.js';

export interface AgentThread {
  conversation: AgentConversation;
  messages: ChatMessage[];
  /** This conversation's part of the outbox, in the order written. */
  pending: PendingMessage[];
  customerTyping: boolean;
}

export interface AgentSessionState {
  connection: Exclude<ConnectionState, 'refused'> | 'unauthorized';
  /** While reconnecting: epoch ms of the next attempt, for a countdown. */
  nextRetryAt: number | null;
  error: ProtocolError | null;
  agent: AgentProfile | null;
  offers: Offer[];
  /** Conversations the agent holds, in the order they were accepted. */
  threads: AgentThread[];
  dispositions: Disposition[];
  /** The tenant's active skills: where an agent-side elevation may be routed. */
  skills: SkillSummary[];
  /** How email and texts leave the server (`record`: stored, not sent); null before the first hello. */
  connectors: ConnectorInfo | null;
  /** The sessions of the interactions held (and of those closed since the last hello), by id. */
  sessions: Readonly<Record<string, SessionView>>;
}

/** What a read-only request answers: the value, or why there is none (the shape of a check's answer). */
export type Result<T> = Checked<T>;

/** A read-only transcript of any interaction of a session the agent can see. */
export interface Transcript {
  interaction: SessionInteraction;
  messages: ChatMessage[];
}

/** An agent-side elevation; `requestId` is made when absent (pass it again to retry). */
export type ElevationInput = Omit<AgentElevationRequest, 'requestId'> & { requestId?: string };

export type ElevationOutcome =
  | {
      ok: true;
      /** The new interaction, held by the agent and already in `threads`. */
      conversation: AgentConversation;
      requestId: string;
      /**
       * The interaction exists but its first email or text could not go out: that text waits in
       * the thread as a failed message, with Retry, like any other.
       */
      deliveryFailed: boolean;
    }
  | { ok: false; error: ProtocolError; requestId: string };

export interface AgentSessionOptions {
  /** Origin of the Parley server. */
  server: string;
  /** Where unacknowledged texts are kept across reloads (sessionStorage in the console). */
  outboxStorage?: KeyValueStorage;
  /** Extra socket.io-client options (Node tests pass the session cookie in `extraHeaders`). */
  socketOptions?: Record<string, unknown>;
  /** How long an acknowledged request may take before the connection counts as dead. Default 8 s. */
  ackTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** What the page knows of the network (the elements pass `browserNetwork()`); none in Node. */
  network?: NetworkWatch;
  /** How often held conversations are checked for messages a lost frame hid. Default 30 s. */
  syncIntervalMs?: number;
}

type Reply<E extends keyof AgentClientEvents> = ReplyOf<AgentClientEvents[E]>;

/** A held conversation only moves forward through these. */
const STATUS_ORDER: Readonly<Record<AgentConversation['status'], number>> = { active: 0, wrapup: 1, closed: 2 };
/** So does an interaction of a session. */
const INTERACTION_ORDER: Readonly<Record<SessionInteraction['status'], number>> = { queued: 0, active: 1, wrapup: 2, closed: 3 };
/** How long an elevation waits for the connection to come back between attempts. */
const RECONNECT_WAIT_MS = 10_000;

/** The client id of an agent elevation's first email or text (the protocol's rule). */
export const firstMessageClientId = elevationFirstMessageId;

/**
 * `incoming` over `held`, never backwards: each interaction keeps the furthest status either
 * knows, and one only `held` knows stays (a reply older than an event must not hide it).
 */
export function mergeSessionView(held: SessionView | undefined, incoming: SessionView): SessionView {
  if (!held) return incoming;
  const byId = new Map(held.interactions.map((i) => [i.id, i]));
  for (const i of incoming.interactions) {
    const known = byId.get(i.id);
    if (!known || INTERACTION_ORDER[i.status] >= INTERACTION_ORDER[known.status]) byId.set(i.id, i);
  }
  const interactions = [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const allClosed = interactions.every((i) => i.status === 'closed');
  const complete = allClosed && (incoming.complete || held.complete);
  return {
    ...incoming,
    customerName: incoming.customerName ?? held.customerName,
    interactions,
    complete,
    completedAt: complete ? (incoming.completedAt ?? held.completedAt) : null,
  };
}


export class AgentSession {
  readonly store = new Store<AgentSessionState>({
    connection: 'idle',
    nextRetryAt: null,
    error: null,
    agent: null,
    offers: [],
    threads: [],
    dispositions: [],
    skills: [],
    connectors: null,
    sessions: {},
  });

  readonly #options: AgentSessionOptions;
  readonly #outbox: Outbox;
  /** Ready once the held conversations are known after the last (re)connect. */
  readonly #link: SessionLink;
  #flushing: Promise<void> = Promise.resolve();
  readonly #filling = new Map<string, Promise<void>>();
  readonly #fillAgain = new Set<string>();
  /** Per conversation: read mark (shown to the agent), and marks last sent. */
  readonly #readMark = new Map<string, number>();
  readonly #sent = new Map<string, { delivered: number; read: number }>();

  constructor(options: AgentSessionOptions) {
    this.#options = options;
    this.#outbox = new Outbox(options.outboxStorage ?? memoryStorage(), 'parley:agent-outbox');
    this.#link = new SessionLink(
      {
        onEvent: (event, payload) => this.#handleEvent(event, payload),
        onDown: (state) => this.#handleLinkDown(state),
        onSync: () => {
          for (const t of this.state.threads) if (t.conversation.status === 'active') void this.#fill(t.conversation.id);
        },
        onRetry: () => void this.#flush(),
      },
      options,
    );
  }

  get state(): AgentSessionState {
    return this.store.state;
  }

  subscribe(listener: (state: AgentSessionState) => void): () => void {
    return this.store.subscribe(listener);
  }

  /** The thread of one conversation, if the agent holds it. */
  thread(conversationId: string): AgentThread | undefined {
    return this.state.threads.find((t) => t.conversation.id === conversationId);
  }

  /** Connects with the staff session cookie; resolves on the first `hello` or refusal. */
  connect(): Promise<void> {
    if (this.#link.opened) return Promise.resolve();
    return this.#link.open(
      new SocketLink({
        url: new URL(NAMESPACES.agent, this.#options.server).toString(),
        fatal: ['not_authenticated', 'forbidden'],
        backoff: this.#options.backoff,
        network: this.#options.network,
        socketOptions: { withCredentials: true, ...this.#options.socketOptions },
      }),
    );
  }

  close(): void {
    this.#link.close();
    this.store.set({ connection: 'idle', nextRetryAt: null });
  }

  /** Goes available (receives offers) or unavailable. */
  async setAvailable(available: boolean): Promise<ProtocolError | null> {
    const reply = await this.#ask('presence:set', { available });
    if (!reply.ok) return this.#fail(reply.error);
    this.store.set({ agent: reply.agent });
    return null;
  }

  /** Accepts an offer; the conversation joins `threads`. */
  async accept(offerId: string): Promise<ProtocolError | null> {
    const reply = await this.#ask('offer:accept', { offerId });
    this.#dropOffer(offerId);
    if (!reply.ok) return this.#fail(reply.error);
    this.#upsertThread(reply.conversation);
    this.#handleMessages(reply.conversation.id, reply.messages, false);
    return null;
  }

  /** Declines an offer; the contact goes to the next agent. */
  async decline(offerId: string): Promise<ProtocolError | null> {
    const reply = await this.#ask('offer:decline', { offerId });
    this.#dropOffer(offerId);
    return reply.ok ? null : this.#fail(reply.error);
  }

  /** Sends a text in a held conversation; returns its client id or the validation error. */
  send(conversationId: string, text: string): string | ProtocolError {
    const checked = checkMessageText(text);
    if (!checked.ok) return checked.error;
    if (!this.thread(conversationId)) return { code: 'conversation_not_found', message: 'not a conversation you hold' };
    if (this.#outbox.full) {
      return { code: 'outbox_full', message: `${LIMITS.outboxMax} messages are still waiting to be sent`, field: 'text' };
    }
    const clientId = newClientId();
    this.#outbox.add({ clientId, text: checked.value, conversationId, status: 'sending', attempts: 0, error: null });
    this.#showPending();
    void this.#flush();
    return clientId;
  }

  /** Sends a failed text again now, with its original client id. */
  retry(_conversationId: string, clientId: string): void {
    this.#outbox.update(clientId, { status: 'sending', error: null });
    this.#showPending();
    void this.#flush();
  }

  setTyping(conversationId: string, typing: boolean): void {
    this.#link.signal('typing', { conversationId, typing });
  }

  /** The agent has seen every message of this conversation held so far (it is on screen). */
  markRead(conversationId: string): void {
    const thread = this.thread(conversationId);
    if (!thread) return;
    this.#readMark.set(conversationId, Math.max(this.#readMark.get(conversationId) ?? 0, contiguousSeq(thread.messages)));
    this.#sendReceipts(conversationId);
  }

  /** Ends the chat (if still open) and records the disposition; the thread is then closed. */
  async end(conversationId: string, disposition: string, note = ''): Promise<ProtocolError | null> {
    const reply = await this.#ask('conversation:end', { conversationId, disposition, note });
    if (!reply.ok) return this.#fail(reply.error);
    this.#upsertThread(reply.conversation);
    return null;
  }

  /**
   * Fetches a session (every interaction in it) of an interaction the agent holds or is offered,
   * and keeps it in `sessions`, where `session` events keep it fresh.
   */
  async session(sessionId: string): Promise<Result<SessionView>> {
    const reply = await this.#ask('session:get', { sessionId });
    if (!reply.ok) return { ok: false, error: reply.error };
    this.#storeSession(reply.session);
    return { ok: true, value: this.state.sessions[sessionId] };
  }

  /**
   * Reads every message of an interaction of a visible session (the chat a request came from,
   * another agent's interaction…), page by page. Read-only: nothing joins `threads`.
   */
  async transcript(conversationId: string): Promise<Result<Transcript>> {
    let messages: ChatMessage[] = [];
    for (;;) {
      const afterSeq = lastSeq(messages);
      const reply = await this.#ask('transcript:get', { conversationId, afterSeq });
      if (!reply.ok) return { ok: false, error: reply.error };
      messages = mergeMessages(messages, reply.messages);
      // A short page is the last; a page that adds nothing would only repeat itself.
      if (reply.messages.length < LIMITS.resumePageSize || lastSeq(messages) <= afterSeq) {
        return { ok: true, value: { interaction: reply.interaction, messages } };
      }
    }
  }

  /**
   * Elevates a held interaction: a new interaction in the same session, on the kind's channel,
   * the agent's at once; an email or text goes out with it. Every attempt, including the retries
   * made here after a lost connection, carries the same `requestId`; pass the returned one again
   * to retry after a failure. When the interaction was created but its first email or text could
   * not be sent, it joins `threads` anyway with that text failed in the outbox, ready for Retry.
   */
  async elevate(input: ElevationInput): Promise<ElevationOutcome> {
    const request: AgentElevationRequest = { ...input, requestId: input.requestId ?? newClientId() };
    const { requestId } = request;
    let text: string | undefined;
    if (request.kind !== 'callback') {
      const checked = checkMessageText(request.text ?? '');
      if (!checked.ok) return { ok: false, error: { ...checked.error, field: 'text' }, requestId };
      text = request.text = checked.value;
    }
    const reply = await this.#askPatiently('interaction:elevate', request);
    if (reply.ok) {
      this.#upsertThread(reply.conversation);
      this.#handleMessages(reply.conversation.id, reply.messages, false);
      return { ok: true, conversation: reply.conversation, requestId, deliveryFailed: false };
    }
    if (reply.error.code !== 'delivery_failed' || text === undefined) return { ok: false, error: reply.error, requestId };
    // The interaction exists; only its first message failed. A repeat without text sends nothing
    // and answers with the interaction.
    const again = await this.#askPatiently('interaction:elevate', { ...request, text: undefined });
    if (!again.ok) return { ok: false, error: reply.error, requestId };
    const clientId = firstMessageClientId(requestId);
    if (!again.messages.some((m) => m.clientId === clientId) && !this.#outbox.entries.some((e) => e.clientId === clientId)) {
      this.#outbox.add({ clientId, text, conversationId: again.conversation.id, status: 'failed', attempts: 1, error: reply.error });
    }
    this.#upsertThread(again.conversation);
    this.#handleMessages(again.conversation.id, again.messages, false);
    this.#showPending();
    return { ok: true, conversation: again.conversation, requestId, deliveryFailed: true };
  }

  // -------------------------------------------------------------------------------------------

  /** Shown as connected only once the hello is handled; anything else at once. */
  #handleLinkDown(link: LinkState): void {
    this.store.set({
      connection: link.connection === 'refused' ? 'unauthorized' : link.connection,
      nextRetryAt: link.nextRetryAt,
      ...(link.connection === 'refused' ? { error: link.error } : {}),
      threads: this.state.threads.map((t) => (t.customerTyping ? { ...t, customerTyping: false } : t)),
    });
  }

  #handleEvent(event: string, payload: unknown): void {
    switch (event) {
      case 'hello':
        void this.#handleHello(payload as AgentHello);
        break;
      case 'agent':
        this.store.set({ agent: payload as AgentProfile });
        break;
      case 'offer': {
        const offer = payload as Offer;
        if (!this.state.offers.some((o) => o.id === offer.id)) this.store.set({ offers: [...this.state.offers, offer] });
        break;
      }
      case 'offer:gone':
        this.#dropOffer((payload as { offerId: string }).offerId);
        break;
      case 'conversation':
        this.#upsertThread(payload as AgentConversation);
        break;
      case 'message': {
        const message = payload as ChatMessage;
        this.#handleMessages(message.conversationId, [message], true);
        break;
      }
      case 'typing': {
        const { conversationId, typing } = payload as { conversationId: string; typing: boolean };
        this.#patchThread(conversationId, { customerTyping: typing });
        break;
      }
      case 'session':
        this.#storeSession(payload as SessionView);
        break;
      case 'receipt': {
        const signal = payload as ReceiptSignal;
        const thread = this.thread(signal.conversationId);
        if (thread) this.#patchThread(signal.conversationId, { conversation: { ...thread.conversation, receipts: maxReceipts(thread.conversation.receipts, signal) } });
        break;
      }
    }
  }

  async #handleHello(hello: AgentHello): Promise<void> {
    const previous = new Map(this.state.threads.map((t) => [t.conversation.id, t]));
    // Sessions of interactions no longer held are dropped; the others are asked for again below,
    // as events may have been missed while disconnected.
    const sessionIds = [...new Set(hello.conversations.map((c) => c.sessionId))];
    const sessions = Object.fromEntries(sessionIds.filter((id) => this.state.sessions[id]).map((id) => [id, this.state.sessions[id]]));
    this.store.set({
      error: null,
      agent: hello.agent,
      offers: hello.offers,
      dispositions: hello.dispositions,
      skills: hello.skills ?? [],
      connectors: hello.connectors ?? null,
      sessions,
      threads: hello.conversations.map((conversation) => {
        const held = previous.get(conversation.id);
        return held ? { ...held, conversation } : { conversation, messages: [], pending: this.#pendingOf(conversation.id), customerTyping: false };
      }),
    });
    await Promise.all([...hello.conversations.map((c) => this.#fill(c.id)), ...sessionIds.map((id) => this.session(id))]);
    if (!this.#link.connected) return; // dropped again meanwhile
    this.#link.markReady();
    this.#sent.clear();
    this.store.set({ connection: 'connected', nextRetryAt: null });
    for (const c of hello.conversations) this.#sendReceipts(c.id);
    await this.#flush();
  }

  /** Fetches what the server holds after the last seq without a gap, page by page. */
  #fill(conversationId: string): Promise<void> {
    const running = this.#filling.get(conversationId);
    if (running) {
      this.#fillAgain.add(conversationId);
      return running;
    }
    const run = (async () => {
      do {
        this.#fillAgain.delete(conversationId);
        for (;;) {
          const thread = this.thread(conversationId);
          if (!thread) return;
          const reply = await this.#ask('conversation:resume', { conversationId, afterSeq: contiguousSeq(thread.messages) });
          if (!reply.ok) return;
          this.#upsertThread(reply.conversation);
          this.#handleMessages(conversationId, reply.messages, false);
          const held = this.thread(conversationId);
          if (!held || reply.messages.length < LIMITS.resumePageSize || contiguousSeq(held.messages) >= reply.conversation.lastSeq) break;
        }
      } while (this.#fillAgain.has(conversationId));
    })().finally(() => this.#filling.delete(conversationId));
    this.#filling.set(conversationId, run);
    return run;
  }

  #flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushNow());
    return this.#flushing;
  }

  /** Sends the outbox in order; a text that must wait holds back the later ones of its thread. */
  async #flushNow(): Promise<void> {
    const blocked = new Set<string | null>();
    for (const entry of [...this.#outbox.entries]) {
      if (!this.#link.ready) return;
      const current = this.#outbox.entries.find((e) => e.clientId === entry.clientId);
      if (!current || blocked.has(current.conversationId)) continue;
      if (current.status === 'failed' && !TRANSIENT_ERRORS.has(current.error?.code ?? '')) continue;
      if (!current.conversationId || !this.thread(current.conversationId)) {
        // The conversation left this desk (wrapped up elsewhere): nothing to send it to.
        this.#outbox.update(current.clientId, { status: 'failed', error: { code: 'conversation_not_found', message: 'not a conversation you hold' } });
        this.#showPending();
        continue;
      }
      const attempts = current.attempts + 1;
      this.#outbox.update(current.clientId, { attempts });
      const reply = await this.#ask('message:send', { conversationId: current.conversationId, clientId: current.clientId, text: current.text });
      if (reply.ok) {
        this.#handleMessages(current.conversationId, [reply.message], false);
        if (this.#outbox.remove([current.clientId])) this.#showPending();
      } else if (TRANSIENT_ERRORS.has(reply.error.code)) {
        this.#outbox.update(current.clientId, { status: attempts >= FAILED_AFTER_ATTEMPTS ? 'failed' : 'sending', error: reply.error });
        this.#showPending();
        blocked.add(current.conversationId);
        this.#link.retryLater(attempts);
      } else {
        this.#outbox.update(current.clientId, { status: 'failed', error: reply.error });
        this.#showPending();
      }
    }
  }

  #handleMessages(conversationId: string, incoming: ChatMessage[], live: boolean): void {
    const thread = this.thread(conversationId);
    if (!thread || incoming.length === 0) return;
    const removed = this.#outbox.remove(incoming.map((m) => m.clientId));
    const messages = mergeMessages(thread.messages, incoming);
    this.#patchThread(conversationId, {
      messages,
      ...(removed ? { pending: this.#pendingOf(conversationId) } : {}),
      ...(incoming.some((m) => m.author === 'customer') ? { customerTyping: false } : {}),
    });
    if (live && lastSeq(messages) > contiguousSeq(messages)) void this.#fill(conversationId);
    this.#sendReceipts(conversationId);
  }

  #sendReceipts(conversationId: string): void {
    const thread = this.thread(conversationId);
    if (!thread || !this.#link.ready) return;
    const delivered = contiguousSeq(thread.messages);
    const read = Math.min(this.#readMark.get(conversationId) ?? 0, delivered);
    const sent = this.#sent.get(conversationId) ?? { delivered: 0, read: 0 };
    if (delivered <= sent.delivered && read <= sent.read) return;
    this.#sent.set(conversationId, { delivered, read });
    this.#link.signal('receipt', { conversationId, delivered, read });
  }

  #pendingOf(conversationId: string): PendingMessage[] {
    return this.#outbox.entries.filter((e) => e.conversationId === conversationId);
  }

  #showPending(): void {
    this.store.set({ threads: this.state.threads.map((t) => ({ ...t, pending: this.#pendingOf(t.conversation.id) })) });
  }

  #upsertThread(conversation: AgentConversation): void {
    const threads = this.state.threads;
    const index = threads.findIndex((t) => t.conversation.id === conversation.id);
    if (conversation.status === 'closed') {
      // Wrapped up: the conversation leaves the agent's desk.
      if (index >= 0) this.store.set({ threads: threads.filter((_, i) => i !== index) });
      return;
    }
    if (index < 0) {
      this.store.set({ threads: [...threads, { conversation, messages: [], pending: this.#pendingOf(conversation.id), customerTyping: false }] });
      // A `session` event usually came first; if not, ask (the console shows it beside the thread).
      if (!this.state.sessions[conversation.sessionId] && this.#link.connected) void this.session(conversation.sessionId);
    } else {
      const held = threads[index];
      // Snapshots may arrive out of order (a resume answered before the chat ended): never back.
      if (STATUS_ORDER[conversation.status] < STATUS_ORDER[held.conversation.status]) return;
      const merged = {
        ...conversation,
        lastSeq: Math.max(held.conversation.lastSeq, conversation.lastSeq),
        receipts: maxReceipts(held.conversation.receipts, conversation.receipts),
      };
      this.store.set({
        threads: threads.map((t, i) =>
          i === index ? { ...t, conversation: merged, ...(conversation.status !== 'active' ? { customerTyping: false } : {}) } : t,
        ),
      });
    }
  }

  #patchThread(conversationId: string, patch: Partial<AgentThread>): void {
    this.store.set({
      threads: this.state.threads.map((t) => (t.conversation.id === conversationId ? { ...t, ...patch } : t)),
    });
  }

  #dropOffer(offerId: string): void {
    if (this.state.offers.some((o) => o.id === offerId)) {
      this.store.set({ offers: this.state.offers.filter((o) => o.id !== offerId) });
    }
  }

  #storeSession(view: SessionView): void {
    const merged = mergeSessionView(this.state.sessions[view.id], view);
    this.store.set({ sessions: { ...this.state.sessions, [view.id]: merged } });
  }

  /**
   * Asks, and after an answer lost with the connection asks again with the same payload once the
   * connection is back (a few times): for requests whose payload carries their idempotency key.
   */
  async #askPatiently<E extends keyof AgentClientEvents>(event: E, payload: Parameters<AgentClientEvents[E]>[0]): Promise<Reply<E>> {
    for (let attempt = 1; ; attempt++) {
      const reply = await this.#ask(event, payload);
      if (reply.ok || !TRANSIENT_ERRORS.has(reply.error.code) || attempt >= FAILED_AFTER_ATTEMPTS || !this.#link.opened) return reply;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt - 1, this.#options.backoff)));
      await this.#whenConnected(RECONNECT_WAIT_MS);
    }
  }

  /** Resolves once the session is connected (hello handled), or after `timeoutMs`. */
  async #whenConnected(timeoutMs: number): Promise<void> {
    // Connected, or never going to be: closed or refused.
    const settled = (connection: string) => connection === 'connected' || connection === 'idle' || connection === 'unauthorized';
    await this.store.when((state) => (settled(state.connection) ? true : undefined), timeoutMs, false);
  }

  #fail(error: ProtocolError): ProtocolError {
    this.store.set({ error });
    return error;
  }

  #ask<E extends keyof AgentClientEvents>(event: E, payload: Parameters<AgentClientEvents[E]>[0]): Promise<Reply<E>> {
    return this.#link.ask<Reply<E>>(event, payload);
  }
}
