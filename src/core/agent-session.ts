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
 */
import {
  LIMITS,
  NAMESPACES,
  type AgentClientEvents,
  type AgentConversation,
  type AgentHello,
  type AgentProfile,
  type ChatMessage,
  type Disposition,
  type Offer,
  type ProtocolError,
  type ReceiptSignal,
  type ReplyOf,
} from '../protocol/index.js';
import type { ConnectionState } from './chat-session.js';
import { newClientId } from './ids.js';
import { SocketLink, type BackoffOptions, type NetworkWatch, type LinkState } from './link.js';
import { contiguousSeq, lastSeq, maxReceipts, mergeMessages } from './messages.js';
import { memoryStorage, Outbox, type KeyValueStorage, type PendingMessage } from './outbox.js';
import { FAILED_AFTER_ATTEMPTS, SessionLink, TRANSIENT_ERRORS } from './session-link.js';
import { Store } from './store.js';
import { checkMessageText } from './validators.js';

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
}

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


export class AgentSession {
  readonly store = new Store<AgentSessionState>({
    connection: 'idle',
    nextRetryAt: null,
    error: null,
    agent: null,
    offers: [],
    threads: [],
    dispositions: [],
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
    this.store.set({
      error: null,
      agent: hello.agent,
      offers: hello.offers,
      dispositions: hello.dispositions,
      threads: hello.conversations.map((conversation) => {
        const held = previous.get(conversation.id);
        return held ? { ...held, conversation } : { conversation, messages: [], pending: this.#pendingOf(conversation.id), customerTyping: false };
      }),
    });
    await Promise.all(hello.conversations.map((c) => this.#fill(c.id)));
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

  #fail(error: ProtocolError): ProtocolError {
    this.store.set({ error });
    return error;
  }

  #ask<E extends keyof AgentClientEvents>(event: E, payload: Parameters<AgentClientEvents[E]>[0]): Promise<Reply<E>> {
    return this.#link.ask<Reply<E>>(event, payload);
  }
}
