/**
 * The customer's side of a chat: connection, conversation, ordered messages and what is still
 * being sent. Framework-free (no DOM, no Lit) so it runs and is tested in Node against the real
 * server; elements only read its state and call its methods.
 *
 * Invariants:
 * - `messages` holds each stored message once, sorted by `seq` (see messages.ts).
 * - A text the customer sends stays in `pending` until the server acknowledges it; it is re-sent
 *   with the same client id after every reconnect, and the server keeps one copy per client id.
 * - After every (re)connect the session asks the server for everything after the highest `seq` it
 *   holds, so gaps left by a disconnection are filled from the store (SPEC §5); socket.io's own
 *   recovery is not relied on.
 */
import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACES,
  PROTOCOL_VERSION,
  type Ack,
  type ChatMessage,
  type CustomerClientEvents,
  type CustomerConversation,
  type CustomerHandshake,
  type CustomerServerEvents,
  type ProtocolError,
  type ReplyOf,
} from '../protocol/index.js';
import { newClientId } from './ids.js';
import { ask, firstContact } from './socket.js';
import { lastSeq, mergeMessages } from './messages.js';
import { Store } from './store.js';
import { checkMessageText, checkName } from './validators.js';

/** The part of the Web Storage API the session uses (localStorage in browsers). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type ConnectionState =
  /** `connect()` not called yet, or `close()` called. */
  | 'idle'
  | 'connecting'
  | 'connected'
  /** Lost the connection; socket.io retries with backoff. */
  | 'reconnecting'
  /** The server refused this POC (unknown, inactive); nothing will be retried. */
  | 'refused';

/** A message the customer sent that the server has not acknowledged yet. */
export interface PendingMessage {
  clientId: string;
  text: string;
  status: 'sending' | 'failed';
  error: ProtocolError | null;
}

export interface ChatSessionState {
  connection: ConnectionState;
  /** Why the connection was refused, or the last error of an action. */
  error: ProtocolError | null;
  conversation: CustomerConversation | null;
  messages: ChatMessage[];
  pending: PendingMessage[];
  /** Whether the agent is typing right now. */
  agentTyping: boolean;
}

export interface ChatSessionOptions {
  /** Origin of the Parley server, e.g. `https://chat.example.com`. */
  server: string;
  /** Chat point-of-contact id. */
  poc: string;
  /** Where the visitor token is kept between page loads (localStorage in browsers). */
  storage?: KeyValueStorage;
  locale?: string;
  /** Extra socket.io-client options (tests pin transports or timeouts). */
  socketOptions?: Record<string, unknown>;
  /** How long an acknowledged emit may take before it counts as lost. */
  ackTimeoutMs?: number;
}

type CustomerSocket = Socket<CustomerServerEvents, CustomerClientEvents>;

const memoryStorage = (): KeyValueStorage => {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
};

/** How many times a text is sent without an acknowledgement before it is marked failed. */
const MAX_ATTEMPTS = 3;

export class ChatSession {
  readonly store = new Store<ChatSessionState>({
    connection: 'idle',
    error: null,
    conversation: null,
    messages: [],
    pending: [],
    agentTyping: false,
  });

  readonly #options: ChatSessionOptions;
  readonly #storage: KeyValueStorage;
  /** Client ids being delivered or delivered, so a text is not sent twice at once. */
  readonly #handled = new Set<string>();
  #socket: CustomerSocket | null = null;
  /** Customer name given before the conversation starts (pre-chat), sent with the first message. */
  #name: string | null = null;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    this.#storage = options.storage ?? memoryStorage();
  }

  get state(): ChatSessionState {
    return this.store.state;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  subscribe(listener: (state: ChatSessionState) => void): () => void {
    return this.store.subscribe(listener);
  }

  get #tokenKey(): string {
    return `parley:visitor:${this.#options.poc}`;
  }

  /** Opens the connection (idempotent). Resolves once the first attempt connected or failed. */
  connect(): Promise<void> {
    if (this.#socket) return Promise.resolve();
    const url = new URL(NAMESPACES.customer, this.#options.server).toString();
    const socket: CustomerSocket = io(url, {
      transports: ['websocket', 'polling'],
      // A function, so every reconnection sends the token the server handed out last.
      auth: (cb) => cb(this.#handshake() as unknown as object),
      ...this.#options.socketOptions,
    });
    this.#socket = socket;
    this.store.set({ connection: 'connecting', error: null });

    socket.on('hello', (hello) => void this.#handleHello(hello.visitorToken, hello.conversation));
    socket.on('message', (message) => this.#handleMessages([message]));
    socket.on('conversation', (conversation) => this.#handleConversation(conversation));
    socket.on('typing', (signal) => {
      if (signal.conversationId === this.state.conversation?.id) this.store.set({ agentTyping: signal.typing });
    });
    socket.on('disconnect', (reason) => {
      // 'io client disconnect' is our own close(); anything else is retried by socket.io, except
      // a server-side kick, which it does not retry — reconnect by hand then.
      if (reason === 'io client disconnect') return;
      this.store.set({ connection: 'reconnecting', agentTyping: false });
      if (reason === 'io server disconnect') socket.connect();
    });

    return firstContact(
      socket,
      ['poc_not_found', 'poc_inactive', 'poc_wrong_channel', 'unsupported_protocol', 'invalid_payload'],
      (error) => this.store.set({ connection: 'refused', error }),
      () => this.store.set({ connection: 'reconnecting' }),
    );
  }

  /** Closes the connection; the conversation stays open on the server. */
  close(): void {
    this.#socket?.disconnect();
    this.#socket = null;
    this.store.set({ connection: 'idle', agentTyping: false });
  }

  /** Sets the name sent when the conversation starts. */
  setName(name: string): void {
    const checked = checkName(name);
    this.#name = checked.ok ? checked.value : null;
  }

  /**
   * Sends a text, opening the conversation first if there is none (or the last one ended).
   * Returns the client id; the text shows as pending until acknowledged.
   */
  send(text: string): string | ProtocolError {
    const checked = checkMessageText(text);
    if (!checked.ok) return checked.error;
    const clientId = newClientId();
    this.store.set({
      pending: [...this.state.pending, { clientId, text: checked.value, status: 'sending', error: null }],
    });
    void this.#flush();
    return clientId;
  }

  /** Sends a failed message again (same client id, so it is never stored twice). */
  retry(clientId: string): void {
    this.#handled.delete(clientId);
    this.#patchPending(clientId, { status: 'sending', error: null });
    void this.#flush();
  }

  /** Tells the agent whether the customer is typing. Fire-and-forget. */
  setTyping(typing: boolean): void {
    const id = this.state.conversation?.id;
    if (id && this.state.conversation?.status !== 'ended' && this.#socket?.connected) {
      this.#socket.emit('typing', { conversationId: id, typing });
    }
  }

  /** Ends the conversation for both sides. */
  async end(): Promise<void> {
    const conversation = this.state.conversation;
    if (!conversation || conversation.status === 'ended') return;
    const reply = await this.#ask('conversation:end', { conversationId: conversation.id });
    if (reply.ok) this.#handleConversation(reply.conversation, false);
    else this.store.set({ error: reply.error });
  }

  // -------------------------------------------------------------------------------------------

  #handshake(): CustomerHandshake {
    const token = this.#storage.getItem(this.#tokenKey) ?? undefined;
    return {
      protocol: PROTOCOL_VERSION,
      poc: this.#options.poc,
      ...(token ? { visitorToken: token } : {}),
      ...(this.#options.locale ? { locale: this.#options.locale } : {}),
    };
  }

  async #handleHello(token: string, conversation: CustomerConversation | null): Promise<void> {
    this.#storage.setItem(this.#tokenKey, token);
    this.store.set({ connection: 'connected', error: null });
    const current = this.state.conversation;
    // Keep following the conversation we show, or pick up the one the server knows for us.
    const target = current ?? conversation;
    if (target) await this.#resume(target.id, current?.id === target.id ? lastSeq(this.state.messages) : 0);
    // Unacknowledged texts go out again after every reconnect.
    await this.#flush();
  }

  #handleConversation(conversation: CustomerConversation, fetchHistory = true): void {
    const current = this.state.conversation;
    if (current && current.id !== conversation.id && current.status !== 'ended') return;
    const switched = current?.id !== conversation.id;
    this.store.set({
      conversation,
      ...(switched ? { messages: [] } : {}),
      ...(conversation.status === 'ended' ? { agentTyping: false } : {}),
    });
    // A conversation started elsewhere (another tab of this visitor): fetch what it holds.
    if (switched && fetchHistory) void this.#resume(conversation.id, 0);
  }

  async #resume(conversationId: string, afterSeq: number): Promise<void> {
    const reply = await this.#ask('conversation:resume', { conversationId, afterSeq });
    if (reply.ok) {
      this.#handleConversation(reply.conversation, false);
      this.#handleMessages(reply.messages);
    }
  }

  #handleMessages(incoming: ChatMessage[]): void {
    const id = this.state.conversation?.id;
    const mine = incoming.filter((m) => m.conversationId === id);
    if (mine.length === 0) return;
    const acked = new Set(mine.map((m) => m.clientId));
    this.store.set({
      messages: mergeMessages(this.state.messages, mine),
      pending: this.state.pending.filter((p) => !acked.has(p.clientId)),
      // A message from the agent means they stopped typing it.
      ...(mine.some((m) => m.author === 'agent') ? { agentTyping: false } : {}),
    });
  }

  /**
   * Sends pending texts in order. Calls are chained so that only one delivery runs at a time:
   * the second text of a new chat must not open a second conversation.
   */
  #flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushNow());
    return this.#flushing;
  }

  async #flushNow(): Promise<void> {
    for (const p of [...this.state.pending]) {
      if (!this.#socket?.connected) return;
      if (p.status !== 'sending' || this.#handled.has(p.clientId)) continue;
      this.#handled.add(p.clientId);
      await this.#deliver(p);
    }
  }

  async #deliver(p: PendingMessage): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const conversation = this.state.conversation;
      const reply =
        !conversation || conversation.status === 'ended'
          ? await this.#start(p)
          : await this.#ask('message:send', { conversationId: conversation.id, clientId: p.clientId, text: p.text });
      if (reply.ok) return;
      if (attempt < MAX_ATTEMPTS && conversation && reply.error.code === 'conversation_ended') {
        // The chat ended meanwhile: the text opens a new conversation instead.
        this.store.set({ conversation: { ...conversation, status: 'ended', queuePosition: null } });
        continue;
      }
      if (!this.#socket?.connected) {
        // A lost connection is not the message's fault: it goes out again after the reconnect.
        this.#handled.delete(p.clientId);
        return;
      }
      if (attempt < MAX_ATTEMPTS && reply.error.code === 'internal_error') continue;
      this.#patchPending(p.clientId, { status: 'failed', error: reply.error });
      return;
    }
  }

  async #start(p: PendingMessage): Promise<Ack> {
    const reply = await this.#ask('conversation:start', {
      ...(this.#name ? { name: this.#name } : {}),
      text: p.text,
      clientId: p.clientId,
    });
    if (reply.ok) {
      this.store.set({ conversation: reply.conversation, messages: [], agentTyping: false });
      this.#handleMessages(reply.messages);
    }
    return reply;
  }

  #patchPending(clientId: string, patch: Partial<PendingMessage>): void {
    this.store.set({ pending: this.state.pending.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p)) });
  }

  /** Emits with an acknowledgement; a timeout or lost connection becomes an error reply. */
  #ask<E extends keyof CustomerClientEvents>(event: E, payload: Parameters<CustomerClientEvents[E]>[0]): Promise<ReplyOf<CustomerClientEvents[E]>> {
    return ask(this.#socket, event, payload, this.#options.ackTimeoutMs ?? 10_000);
  }
}
