/**
 * The agent's side: presence, offers, and every conversation the agent holds, each with its
 * ordered messages. Framework-free; the console elements read its state, and Node tests (or bots)
 * drive it against the real server.
 *
 * Invariants:
 * - Per conversation, `messages` holds each stored message once, sorted by `seq`.
 * - After every (re)connect the server's `hello` is the truth for offers and held conversations;
 *   each held conversation is then resumed from the highest `seq` the session holds, so nothing
 *   said during a disconnection is missed.
 * - An agent's text stays in `pending` until acknowledged and is re-sent with the same client id
 *   after a reconnect; the server stores it once.
 */
import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACES,
  type AgentClientEvents,
  type AgentConversation,
  type AgentHello,
  type AgentProfile,
  type AgentServerEvents,
  type ChatMessage,
  type Disposition,
  type Offer,
  type ProtocolError,
  type ReplyOf,
} from '../protocol/index.js';
import type { ConnectionState, PendingMessage } from './chat-session.js';
import { newClientId } from './ids.js';
import { ask, firstContact } from './socket.js';
import { lastSeq, mergeMessages } from './messages.js';
import { Store } from './store.js';
import { checkMessageText } from './validators.js';

export interface AgentThread {
  conversation: AgentConversation;
  messages: ChatMessage[];
  pending: PendingMessage[];
  customerTyping: boolean;
}

export interface AgentSessionState {
  connection: Exclude<ConnectionState, 'refused'> | 'unauthorized';
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
  /** Extra socket.io-client options (Node tests pass the session cookie in `extraHeaders`). */
  socketOptions?: Record<string, unknown>;
  ackTimeoutMs?: number;
}

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
type Reply<E extends keyof AgentClientEvents> = ReplyOf<AgentClientEvents[E]>;

export class AgentSession {
  readonly store = new Store<AgentSessionState>({
    connection: 'idle',
    error: null,
    agent: null,
    offers: [],
    threads: [],
    dispositions: [],
  });

  readonly #options: AgentSessionOptions;
  #socket: AgentSocket | null = null;

  constructor(options: AgentSessionOptions) {
    this.#options = options;
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
    if (this.#socket) return Promise.resolve();
    const url = new URL(NAMESPACES.agent, this.#options.server).toString();
    const socket: AgentSocket = io(url, {
      transports: ['websocket', 'polling'],
      withCredentials: true,
      ...this.#options.socketOptions,
    });
    this.#socket = socket;
    this.store.set({ connection: 'connecting', error: null });

    socket.on('hello', (hello) => void this.#handleHello(hello));
    socket.on('agent', (agent) => this.store.set({ agent }));
    socket.on('offer', (offer) => {
      if (!this.state.offers.some((o) => o.id === offer.id)) this.store.set({ offers: [...this.state.offers, offer] });
    });
    socket.on('offer:gone', ({ offerId }) => this.#dropOffer(offerId));
    socket.on('conversation', (conversation) => this.#upsertThread(conversation));
    socket.on('message', (message) => this.#handleMessages(message.conversationId, [message]));
    socket.on('typing', ({ conversationId, typing }) => this.#patchThread(conversationId, { customerTyping: typing }));
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.store.set({ connection: 'reconnecting' });
      if (reason === 'io server disconnect') socket.connect();
    });

    return firstContact(
      socket,
      ['not_authenticated', 'forbidden'],
      (error) => this.store.set({ connection: 'unauthorized', error }),
      () => this.store.set({ connection: 'reconnecting' }),
    );
  }

  close(): void {
    this.#socket?.disconnect();
    this.#socket = null;
    this.store.set({ connection: 'idle' });
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
    this.#handleMessages(reply.conversation.id, reply.messages);
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
    const thread = this.thread(conversationId);
    if (!thread) return { code: 'conversation_not_found', message: 'not a conversation you hold' };
    const pending: PendingMessage = { clientId: newClientId(), text: checked.value, status: 'sending', error: null };
    this.#patchThread(conversationId, { pending: [...thread.pending, pending] });
    void this.#deliver(conversationId, pending);
    return pending.clientId;
  }

  setTyping(conversationId: string, typing: boolean): void {
    if (this.#socket?.connected) this.#socket.emit('typing', { conversationId, typing });
  }

  /** Ends the chat (if still open) and records the disposition; the thread is then closed. */
  async end(conversationId: string, disposition: string, note = ''): Promise<ProtocolError | null> {
    const reply = await this.#ask('conversation:end', { conversationId, disposition, note });
    if (!reply.ok) return this.#fail(reply.error);
    this.#upsertThread(reply.conversation);
    return null;
  }

  // -------------------------------------------------------------------------------------------

  async #handleHello(hello: AgentHello): Promise<void> {
    const previous = new Map(this.state.threads.map((t) => [t.conversation.id, t]));
    this.store.set({
      connection: 'connected',
      error: null,
      agent: hello.agent,
      offers: hello.offers,
      dispositions: hello.dispositions,
      threads: hello.conversations.map(
        (conversation) =>
          previous.get(conversation.id) ?? { conversation, messages: [], pending: [], customerTyping: false },
      ),
    });
    await Promise.all(
      hello.conversations.map(async (conversation) => {
        const held = this.thread(conversation.id);
        const reply = await this.#ask('conversation:resume', {
          conversationId: conversation.id,
          afterSeq: held ? lastSeq(held.messages) : 0,
        });
        if (!reply.ok) return;
        this.#upsertThread(reply.conversation);
        this.#handleMessages(conversation.id, reply.messages);
        for (const p of this.thread(conversation.id)?.pending ?? []) {
          if (p.status === 'sending') void this.#deliver(conversation.id, p);
        }
      }),
    );
  }

  async #deliver(conversationId: string, p: PendingMessage): Promise<void> {
    if (!this.#socket?.connected) return; // re-sent after the reconnect's hello
    const reply = await this.#ask('message:send', { conversationId, clientId: p.clientId, text: p.text });
    if (reply.ok) {
      this.#handleMessages(conversationId, [reply.message]);
    } else if (this.#socket?.connected) {
      const thread = this.thread(conversationId);
      if (!thread) return;
      this.#patchThread(conversationId, {
        pending: thread.pending.map((x) => (x.clientId === p.clientId ? { ...x, status: 'failed', error: reply.error } : x)),
      });
    }
  }

  /** Sends a failed text again with its original client id. */
  retry(conversationId: string, clientId: string): void {
    const thread = this.thread(conversationId);
    const p = thread?.pending.find((x) => x.clientId === clientId);
    if (!thread || !p) return;
    const again = { ...p, status: 'sending' as const, error: null };
    this.#patchThread(conversationId, { pending: thread.pending.map((x) => (x === p ? again : x)) });
    void this.#deliver(conversationId, again);
  }

  #handleMessages(conversationId: string, incoming: ChatMessage[]): void {
    const thread = this.thread(conversationId);
    if (!thread || incoming.length === 0) return;
    const acked = new Set(incoming.map((m) => m.clientId));
    this.#patchThread(conversationId, {
      messages: mergeMessages(thread.messages, incoming),
      pending: thread.pending.filter((p) => !acked.has(p.clientId)),
      ...(incoming.some((m) => m.author === 'customer') ? { customerTyping: false } : {}),
    });
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
      this.store.set({ threads: [...threads, { conversation, messages: [], pending: [], customerTyping: false }] });
    } else {
      this.store.set({
        threads: threads.map((t, i) =>
          i === index ? { ...t, conversation, ...(conversation.status !== 'active' ? { customerTyping: false } : {}) } : t,
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
    return ask(this.#socket, event, payload, this.#options.ackTimeoutMs ?? 10_000);
  }
}
