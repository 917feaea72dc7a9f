/**
 * The customer's side of a chat: connection, conversation, ordered messages and what is still
 * being sent. Framework-free (no DOM, no Lit) so it runs and is tested in Node against the real
 * server; elements only read its state and call its methods.
 *
 * Invariants (the delivery promise, SPEC §5):
 * - `messages` holds each stored message once, keyed by server id, sorted by `seq`
 *   (messages.ts), however often and in whatever order they arrive.
 * - A text the customer sends is written to the outbox (sessionStorage) before it is sent, and
 *   leaves it only when the server acknowledges it. Until then it is re-sent with the same client
 *   id — after every reconnect, after a page reload, with backoff after a failure — and the
 *   server keeps one copy per client id.
 * - After every (re)connect the session asks for everything after the highest `seq` it holds,
 *   page by page, so gaps left by a disconnection are filled from the store; a live message that
 *   skips a seq triggers the same fill. socket.io's own recovery is not relied on.
 * - Outbox texts go out one at a time, in the order written, and only once the conversation is
 *   known after a (re)connect: the second text of a new chat never opens a second conversation.
 * - A text refused by a rate limit (`rate_limited`) is never failed nor dropped: it stays in the
 *   outbox, "sending", with the refusal as its `error`, and is sent again after `retryAfter`.
 * - Elevation requests ("call me back", "email me", "text me") need no open chat: a request
 *   connects the session if it is not, waits for it to be ready, and is asked again with the same
 *   `requestId` after an unanswered attempt, so however often it is sent the server makes one.
 *   `elevations` holds each request once, by id, and a status never goes back (a late hello
 *   replayed by another tab cannot undo "in progress").
 */
import {
  LIMITS,
  NAMESPACES,
  PROTOCOL_VERSION,
  type Ack,
  type ChatMessage,
  type CustomerClientEvents,
  type CustomerConversation,
  type CustomerElevation,
  type CustomerHandshake,
  type ElevationRequest,
  type CustomerHello,
  type PocAvailability,
  type ProtocolError,
  type ReceiptSignal,
  type ReplyOf,
} from '../protocol/index.js';
import { parseAvailability } from './availability.js';
import { newClientId } from './ids.js';
import { SocketLink, type BackoffOptions, type NetworkWatch, type Link, type LinkConnection, type LinkState, type SocketLinkOptions } from './link.js';
import { contiguousSeq, lastSeq, maxReceipts, mergeMessages } from './messages.js';
import { memoryStorage, Outbox, type KeyValueStorage, type PendingMessage } from './outbox.js';
import { FAILED_AFTER_ATTEMPTS, SessionLink, TRANSIENT_ERRORS } from './session-link.js';
import { Store } from './store.js';
import { checkMessageText, checkName } from './validators.js';
import { outboxKey, visitorTokenKey } from './storage-keys.js';

export type { KeyValueStorage, PendingMessage } from './outbox.js';

export type ConnectionState = LinkConnection;

export interface ChatSessionState {
  connection: ConnectionState;
  /** While reconnecting: epoch ms of the next attempt, for a countdown. */
  nextRetryAt: number | null;
  /** Why the connection was refused, or the last error of an action. */
  error: ProtocolError | null;
  conversation: CustomerConversation | null;
  messages: ChatMessage[];
  /** The outbox: texts not yet acknowledged, in the order written. */
  pending: PendingMessage[];
  /** Whether the agent is typing right now. */
  agentTyping: boolean;
  /** The visitor's elevation requests on this POC (the last 24 hours), oldest first. */
  elevations: CustomerElevation[];
  /** The POC's availability as the server last pushed it (an administrator deactivated the POC), else null. */
  pushedAvailability: PocAvailability | null;
}

export interface ChatSessionOptions {
  /** Origin of the Parley server, e.g. `https://chat.example.com`. */
  server: string;
  /** Chat point-of-contact id. */
  poc: string;
  /** Where the visitor token is kept between page loads (localStorage in browsers). */
  storage?: KeyValueStorage;
  /**
   * A signed identity from the website owner's server (docs/widget.md, "Verified identity"),
   * sent in the handshake: the visitor is then that customer, on every device.
   */
  identity?: string;
  /** Where unacknowledged texts are kept across reloads of this tab (sessionStorage in browsers). */
  outboxStorage?: KeyValueStorage;
  locale?: string;
  /** Extra socket.io-client options (tests pin transports or timeouts). */
  socketOptions?: Record<string, unknown>;
  /** How long an acknowledged request may take before the connection counts as dead. Default 8 s. */
  ackTimeoutMs?: number;
  /** Reconnection and re-send delays. */
  backoff?: BackoffOptions;
  /** What the page knows of the network (the elements pass `browserNetwork()`); none in Node. */
  network?: NetworkWatch;
  /** How often an open conversation is checked for messages a lost frame hid. Default 30 s. */
  syncIntervalMs?: number;
  /** Builds the link to the server; default one `SocketLink`. The widget shares one between tabs. */
  createLink?: (options: SocketLinkOptions) => Link;
  /**
   * How long an elevation request may wait for a connection and answers, over all its attempts,
   * before it is answered with an error the form shows (the customer can try again: same id).
   * Default 30 s.
   */
  elevationTimeoutMs?: number;
}

type Reply<E extends keyof CustomerClientEvents> = ReplyOf<CustomerClientEvents[E]>;

/** A conversation only moves forward through these. */
const STATUS_ORDER: Readonly<Record<CustomerConversation['status'], number>> = { queued: 0, active: 1, ended: 2 };

/** An elevation's status only moves forward through these too. */
const ELEVATION_ORDER: Readonly<Record<CustomerElevation['status'], number>> = { requested: 0, 'in-progress': 1, done: 2 };

/** Attempts of one elevation request that may go unanswered before the customer is told. */
const ELEVATION_ATTEMPTS = 4;

/**
 * Merges elevation snapshots into `held` by id: a snapshot whose status is behind the one held
 * is dropped, and the list stays ordered by creation time.
 */
export function mergeElevations(held: readonly CustomerElevation[], incoming: readonly CustomerElevation[]): CustomerElevation[] {
  const byId = new Map(held.map((e) => [e.id, e]));
  for (const next of incoming) {
    const known = byId.get(next.id);
    if (!known || ELEVATION_ORDER[next.status] >= ELEVATION_ORDER[known.status]) byId.set(next.id, next);
  }
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export { FAILED_AFTER_ATTEMPTS } from './session-link.js';

export { visitorTokenKey };

export class ChatSession {
  readonly store = new Store<ChatSessionState>({
    connection: 'idle',
    nextRetryAt: null,
    error: null,
    conversation: null,
    messages: [],
    pending: [],
    agentTyping: false,
    elevations: [],
    pushedAvailability: null,
  });

  readonly #options: ChatSessionOptions;
  readonly #storage: KeyValueStorage;
  readonly #outbox: Outbox;
  /** Ready once the conversation is known after the last (re)connect: the outbox may be sent. */
  readonly #link: SessionLink;
  /** Customer name given before the conversation starts (pre-chat), sent with the first message. */
  #name: string | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #filling = false;
  #fillAgain = false;
  /** Receipt marks: shown to the customer (`read`), and last sent to the server. */
  #readMark = 0;
  #sent = { delivered: 0, read: 0 };
  /** Elevation requests being asked, by request id: a second call joins the first. */
  readonly #elevating = new Map<string, Promise<Ack<{ elevation: CustomerElevation }>>>();

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    this.#storage = options.storage ?? memoryStorage();
    this.#outbox = new Outbox(options.outboxStorage ?? memoryStorage(), outboxKey(options.poc));
    this.store.set({ pending: [...this.#outbox.entries] });
    this.#link = new SessionLink(
      {
        onEvent: (event, payload) => this.#handleEvent(event, payload),
        onDown: (state) => this.#handleLinkDown(state),
        onSync: () => this.#sync(),
        onRetry: () => void this.#flush(),
      },
      options,
    );
  }

  get state(): ChatSessionState {
    return this.store.state;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  subscribe(listener: (state: ChatSessionState) => void): () => void {
    return this.store.subscribe(listener);
  }

  get #tokenKey(): string {
    return visitorTokenKey(this.#options.server, this.#options.poc);
  }

  /** Opens the connection (idempotent). Resolves once the first attempt connected or failed. */
  connect(): Promise<void> {
    if (this.#link.opened) return Promise.resolve();
    const options: SocketLinkOptions = {
      url: new URL(NAMESPACES.customer, this.#options.server).toString(),
      auth: () => this.#handshake(),
      // A website the POC does not allow stays refused until an administrator lists it: no retries.
      fatal: ['poc_not_found', 'poc_inactive', 'poc_wrong_channel', 'origin_not_allowed', 'unsupported_protocol', 'invalid_payload', 'identity_invalid'],
      backoff: this.#options.backoff,
      network: this.#options.network,
      socketOptions: this.#options.socketOptions,
    };
    return this.#link.open((this.#options.createLink ?? ((o) => new SocketLink(o)))(options));
  }

  /** Closes the connection; the conversation stays open on the server, the outbox in storage. */
  close(): void {
    this.#link.close();
    this.store.set({ connection: 'idle', nextRetryAt: null, agentTyping: false });
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
    if (this.#outbox.full) {
      return { code: 'outbox_full', message: `${LIMITS.outboxMax} messages are still waiting to be sent`, field: 'text' };
    }
    const clientId = newClientId();
    this.#outbox.add({
      clientId,
      text: checked.value,
      conversationId: this.state.conversation?.id ?? null,
      status: 'sending',
      attempts: 0,
      error: null,
    });
    this.#showPending();
    void this.#flush();
    return clientId;
  }

  /** Sends a failed message again now (same client id, so it is never stored twice). */
  retry(clientId: string): void {
    this.#outbox.update(clientId, { status: 'sending', error: null });
    this.#showPending();
    void this.#flush();
  }

  /** Tells the agent whether the customer is typing. Fire-and-forget. */
  setTyping(typing: boolean): void {
    const conversation = this.state.conversation;
    if (conversation && conversation.status !== 'ended') this.#link.signal('typing', { conversationId: conversation.id, typing });
  }

  /**
   * The customer has seen every message held so far (the panel is open and the page visible):
   * the agent's messages show as read on the other side.
   */
  markRead(): void {
    this.#readMark = Math.max(this.#readMark, contiguousSeq(this.state.messages));
    this.#sendReceipts();
  }

  /** Ends the conversation for both sides. */
  async end(): Promise<void> {
    const conversation = this.state.conversation;
    if (!conversation || conversation.status === 'ended') return;
    const reply = await this.#ask('conversation:end', { conversationId: conversation.id });
    if (reply.ok) this.#handleConversation(reply.conversation, false);
    else this.store.set({ error: reply.error });
  }

  /**
   * Asks to be called back, emailed or texted (SPEC §2). Works without an open chat: connects the
   * session if needed and waits for it. An attempt left unanswered (a dropped connection, a
   * timeout) is asked again with the same `requestId` once the session is ready again, and a
   * second call with a request id still being asked returns the same answer, so a double click or
   * a retry makes one request. Resolves with the server's answer, or with `internal_error` when
   * no answer came within `elevationTimeoutMs`; never rejects.
   */
  requestElevation(request: ElevationRequest): Promise<Ack<{ elevation: CustomerElevation }>> {
    const running = this.#elevating.get(request.requestId);
    if (running) return running;
    const asked = this.#askElevation({ ...request }).finally(() => this.#elevating.delete(request.requestId));
    this.#elevating.set(request.requestId, asked);
    return asked;
  }

  // -------------------------------------------------------------------------------------------

  async #askElevation(request: ElevationRequest): Promise<Ack<{ elevation: CustomerElevation }>> {
    const deadline = Date.now() + (this.#options.elevationTimeoutMs ?? 30_000);
    if (!this.#link.opened) void this.connect();
    let last: ProtocolError = { code: 'internal_error', message: 'not connected' };
    for (let attempt = 0; attempt < ELEVATION_ATTEMPTS; attempt++) {
      const waited = await this.#whenReady(deadline);
      if (waited) return { ok: false, error: waited.code === 'internal_error' ? last : waited };
      const reply = await this.#ask('elevation:request', request);
      if (reply.ok) {
        this.#holdElevations([reply.elevation]);
        return reply;
      }
      const code = reply.error.code;
      if (request.conversationId && (code === 'conversation_ended' || code === 'conversation_not_found')) {
        // The chat it continued is gone meanwhile: the request stands alone (nothing was made).
        const { conversationId: _chat, stopWaiting: _stop, ...alone } = request;
        request = alone;
        attempt -= 1;
        continue;
      }
      // Unanswered, or the server is restarting: the same request again once ready.
      if (!TRANSIENT_ERRORS.has(code)) return reply;
      last = reply.error;
      if (this.#link.ready) await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, Math.max(0, deadline - Date.now()))));
    }
    return { ok: false, error: last };
  }

  /**
   * Resolves with null once the session is ready (hello handled), or with why it will not be
   * before `deadline`: refused, closed, or out of time (`internal_error`).
   */
  #whenReady(deadline: number): Promise<ProtocolError | null> {
    const verdict = (state: ChatSessionState): ProtocolError | null | undefined => {
      if (this.#link.ready) return null;
      if (state.connection === 'refused') return state.error ?? { code: 'internal_error', message: 'refused' };
      if (!this.#link.opened) return { code: 'internal_error', message: 'not connected' };
      return undefined;
    };
    return this.store.when(verdict, deadline - Date.now(), { code: 'internal_error', message: 'not connected' });
  }

  #handshake(): CustomerHandshake {
    const token = this.#storage.getItem(this.#tokenKey) ?? undefined;
    return {
      protocol: PROTOCOL_VERSION,
      poc: this.#options.poc,
      ...(token ? { visitorToken: token } : {}),
      ...(this.#options.identity ? { identity: this.#options.identity } : {}),
      ...(this.#options.locale ? { locale: this.#options.locale } : {}),
    };
  }

  /** Shown as connected only once the hello is handled; anything else at once. */
  #handleLinkDown(link: LinkState): void {
    this.store.set({
      connection: link.connection,
      nextRetryAt: link.nextRetryAt,
      // A refusal, or a rate limit on connections (the link retries once the server allows).
      ...(link.connection === 'refused' || link.error?.code === 'rate_limited' ? { error: link.error } : {}),
      agentTyping: false,
    });
  }

  #handleEvent(event: string, payload: unknown): void {
    switch (event) {
      case 'hello':
        void this.#handleHello(payload as CustomerHello);
        break;
      case 'message':
        this.#handleMessages([payload as ChatMessage], true);
        break;
      case 'conversation':
        this.#handleConversation(payload as CustomerConversation);
        break;
      case 'typing': {
        const signal = payload as { conversationId: string; typing: boolean };
        if (signal.conversationId === this.state.conversation?.id) this.store.set({ agentTyping: signal.typing });
        break;
      }
      case 'receipt':
        this.#handleReceipt(payload as ReceiptSignal);
        break;
      case 'elevation':
        this.#holdElevations([payload as CustomerElevation]);
        break;
      case 'availability': {
        const availability = parseAvailability(payload);
        if (availability) this.store.set({ pushedAvailability: availability });
        break;
      }
    }
  }

  async #handleHello(hello: CustomerHello): Promise<void> {
    this.#storage.setItem(this.#tokenKey, hello.visitorToken);
    this.#holdElevations(hello.elevations ?? []);
    const current = this.state.conversation;
    // Keep following the conversation we show, unless it ended and the server knows a newer one
    // (started in another tab, or on another device with this visitor's token).
    const target = current && !(current.status === 'ended' && hello.conversation && hello.conversation.id !== current.id) ? current : hello.conversation;
    if (target) {
      if (target.id !== current?.id) this.store.set({ conversation: target, messages: [], agentTyping: false });
      await this.#fill();
    }
    if (!this.#link.connected) return; // dropped again meanwhile
    this.#link.markReady();
    this.#sent = { delivered: 0, read: 0 };
    this.store.set({ connection: 'connected', nextRetryAt: null, error: null });
    this.#sendReceipts();
    await this.#flush();
  }

  /**
   * Takes a snapshot of a conversation from an event or a reply. Snapshots of the one shown may
   * arrive out of order (a resume answered just before an agent joined lands after the event
   * saying so): one whose status is behind the one held is stale and dropped, and marks and
   * `lastSeq` never go down.
   */
  #handleConversation(conversation: CustomerConversation, fetchHistory = true): void {
    const current = this.state.conversation;
    if (current && current.id !== conversation.id && current.status !== 'ended') return;
    const switched = current?.id !== conversation.id;
    if (!switched && STATUS_ORDER[conversation.status] < STATUS_ORDER[current!.status]) return;
    this.store.set({
      conversation: switched
        ? conversation
        : { ...conversation, lastSeq: Math.max(current!.lastSeq, conversation.lastSeq), receipts: maxReceipts(current!.receipts, conversation.receipts) },
      ...(switched || conversation.status === 'ended' ? { agentTyping: false } : {}),
      ...(switched ? { messages: [] } : {}),
    });
    if (switched) this.#readMark = 0;
    // A conversation started elsewhere (another tab of this visitor), or news of a later seq.
    if (fetchHistory && (switched || conversation.lastSeq > contiguousSeq(this.state.messages))) void this.#fill();
  }

  /** Takes elevation snapshots (a reply, an event, the hello's list) into `elevations`. */
  #holdElevations(incoming: readonly CustomerElevation[]): void {
    if (incoming.length) this.store.set({ elevations: mergeElevations(this.state.elevations, incoming) });
  }

  #handleReceipt(signal: ReceiptSignal): void {
    const conversation = this.state.conversation;
    if (!conversation || signal.conversationId !== conversation.id) return;
    this.store.set({ conversation: { ...conversation, receipts: maxReceipts(conversation.receipts, signal) } });
  }

  /**
   * Fetches what the server holds after the last seq without a gap, page by page, until the
   * conversation's `lastSeq`. One fill runs at a time; a request during one runs after it.
   */
  async #fill(): Promise<void> {
    if (this.#filling) {
      this.#fillAgain = true;
      return;
    }
    this.#filling = true;
    try {
      do {
        this.#fillAgain = false;
        for (;;) {
          const conversation = this.state.conversation;
          if (!conversation) break;
          const after = contiguousSeq(this.state.messages);
          const reply = await this.#ask('conversation:resume', { conversationId: conversation.id, afterSeq: after });
          if (!reply.ok) {
            // The server no longer knows it for this visitor (a new token): start afresh.
            if (reply.error.code === 'conversation_not_found') this.store.set({ conversation: null, messages: [] });
            break;
          }
          if (this.state.conversation?.id !== conversation.id) break;
          this.#handleConversation(reply.conversation, false);
          this.#handleMessages(reply.messages, false);
          if (reply.messages.length < LIMITS.resumePageSize || contiguousSeq(this.state.messages) >= reply.conversation.lastSeq) break;
        }
      } while (this.#fillAgain);
    } finally {
      this.#filling = false;
    }
  }

  /** A periodic check: the last live frame of a conversation may have been lost. */
  #sync(): void {
    const conversation = this.state.conversation;
    if (conversation && conversation.status !== 'ended') void this.#fill();
  }

  #handleMessages(incoming: ChatMessage[], live: boolean): void {
    const id = this.state.conversation?.id;
    const mine = incoming.filter((m) => m.conversationId === id);
    if (mine.length === 0) return;
    const acked = mine.map((m) => m.clientId);
    const removed = this.#outbox.remove(acked);
    this.store.set({
      messages: mergeMessages(this.state.messages, mine),
      ...(removed ? { pending: [...this.#outbox.entries] } : {}),
      // A message from the agent means they stopped typing it.
      ...(mine.some((m) => m.author === 'agent') ? { agentTyping: false } : {}),
    });
    // A live message above the last seq without a gap: something in between was lost.
    if (live && lastSeq(this.state.messages) > contiguousSeq(this.state.messages)) void this.#fill();
    this.#sendReceipts();
  }

  #sendReceipts(): void {
    const conversation = this.state.conversation;
    if (!conversation || !this.#link.ready) return;
    const delivered = contiguousSeq(this.state.messages);
    const read = Math.min(this.#readMark, delivered);
    if (delivered <= this.#sent.delivered && read <= this.#sent.read) return;
    this.#sent = { delivered, read };
    this.#link.signal('receipt', { conversationId: conversation.id, delivered, read });
  }

  #showPending(): void {
    this.store.set({ pending: [...this.#outbox.entries] });
  }

  /**
   * Sends the outbox in order. Calls are chained so that only one delivery runs at a time:
   * the second text of a new chat must not open a second conversation.
   */
  #flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushNow());
    return this.#flushing;
  }

  async #flushNow(): Promise<void> {
    for (const entry of [...this.#outbox.entries]) {
      if (!this.#link.ready) return;
      const current = this.#outbox.entries.find((e) => e.clientId === entry.clientId);
      if (!current) continue; // acknowledged meanwhile (a live echo)
      if (current.status === 'failed' && !TRANSIENT_ERRORS.has(current.error?.code ?? '')) continue;
      const sent = await this.#deliver(current);
      // A text that could not go out for a passing reason holds back the ones after it: order.
      if (!sent) return;
    }
  }

  /** One text, until acknowledged or refused. False when it must wait (and later texts too). */
  async #deliver(entry: PendingMessage): Promise<boolean> {
    for (let restarted = false; ; ) {
      const attempts = entry.attempts + 1;
      this.#outbox.update(entry.clientId, { attempts });
      entry = { ...entry, attempts };
      const conversation = this.state.conversation;
      const reply: Ack<{ message?: ChatMessage; messages?: ChatMessage[] }> =
        !conversation || conversation.status === 'ended'
          ? await this.#start(entry)
          : await this.#ask('message:send', { conversationId: conversation.id, clientId: entry.clientId, text: entry.text });
      if (reply.ok) {
        if (reply.message) this.#handleMessages([reply.message], false);
        // Acknowledged even if the echo went to another conversation view: it is stored.
        if (this.#outbox.remove([entry.clientId])) this.#showPending();
        return true;
      }
      const code = reply.error.code;
      if (!restarted && conversation && (code === 'conversation_ended' || code === 'conversation_not_found')) {
        // The chat ended meanwhile: the text opens a new conversation instead.
        restarted = true;
        if (code === 'conversation_ended') this.store.set({ conversation: { ...conversation, status: 'ended', queuePosition: null } });
        else this.store.set({ conversation: null, messages: [] });
        continue;
      }
      if (code === 'rate_limited') {
        // Sent too fast: the text (and those after it) waits until the server takes more, still
        // "sending", with the refusal kept so the widget can say why and for how long.
        this.#outbox.update(entry.clientId, { status: 'sending', error: reply.error });
        this.#showPending();
        this.#link.retryLater(1, (reply.error.retryAfter ?? 1) * 1000);
        return false;
      }
      if (TRANSIENT_ERRORS.has(code)) {
        this.#outbox.update(entry.clientId, { status: attempts >= FAILED_AFTER_ATTEMPTS ? 'failed' : 'sending', error: reply.error });
        this.#showPending();
        this.#link.retryLater(attempts);
        return false;
      }
      this.#outbox.update(entry.clientId, { status: 'failed', error: reply.error });
      this.#showPending();
      return true;
    }
  }

  async #start(entry: PendingMessage): Promise<Ack> {
    const reply = await this.#ask('conversation:start', {
      ...(this.#name ? { name: this.#name } : {}),
      text: entry.text,
      clientId: entry.clientId,
    });
    if (reply.ok) {
      this.#handleConversation(reply.conversation, false);
      this.#handleMessages(reply.messages, false);
      // The conversation may hold more (started by another tab): fetch it.
      if (contiguousSeq(this.state.messages) < reply.conversation.lastSeq) void this.#fill();
    }
    return reply;
  }

  /** Emits with an acknowledgement; a timeout or lost connection becomes an error reply. */
  #ask<E extends keyof CustomerClientEvents>(event: E, payload: Parameters<CustomerClientEvents[E]>[0]): Promise<Reply<E>> {
    return this.#link.ask<Reply<E>>(event, payload);
  }
}
