/**
 * One connection for all the tabs of a visitor: the tabs of one origin elect a leader per server
 * URL and scope (the POC) with the Web Locks API, the leader alone opens a `SocketLink`, and the
 * others reach the server through it over a `BroadcastChannel` of the same name.
 *
 * Invariants:
 * - At most one socket per origin, server URL and scope: only the tab that holds the exclusive
 *   lock `parley:link:<scope>@<url>` opens one. The lock is held until `close()` or until the
 *   document is destroyed (the browser releases it then); the next tab waiting for it takes over
 *   and opens its own socket, and the others follow the new leader.
 * - Only the leader emits. A follower's `ask` and `signal` are relayed to the leader and sent on
 *   its socket, so every tab's outbox goes out through the one connection, each tab's texts in the
 *   order that tab wrote them.
 * - Every server event reaches every tab once: the leader hands it to its own listeners and posts
 *   it to the others. A tab that joins late gets the leader's state and its last `hello` replayed
 *   to it alone, so its session becomes ready like one that saw the connection open.
 * - A follower's network notices (back online, page visible again) are passed to the leader, whose
 *   socket retries at once: the tab the visitor looks at must not wait for the backoff timer of a
 *   hidden leader tab, which the browser throttles.
 * - A handover fails every ask still in flight at once (followers' relayed asks, and the new
 *   leader's own): the session re-sends with the same client id and the server keeps one copy.
 *   `ask` never hangs either way: a missing answer becomes `internal_error` after `timeoutMs`.
 *
 * Feature-detected (`TabLink.supported()`): Web Locks exist only in secure contexts, and core
 * touches no DOM, so `tabLinkFactory` falls back to one `SocketLink` per tab elsewhere.
 */
import type { CustomerConversation, CustomerHello } from '../protocol/index.js';
import { newClientId } from './ids.js';
import { LinkBase, SocketLink, type Link, type LinkState, type NetworkWatch, type SocketLinkOptions } from './link.js';
import { isRecord } from './validators.js';

/**
 * What tabs say to each other. `from` is the sender's tab id; a message with `to` is for that tab
 * alone.
 */
type TabMessage =
  /** A tab opened its link (or follows a new leader) and wants the state and the last hello. */
  | { type: 'join'; from: string }
  /** The sender just obtained the lock: pending asks are lost, join again. */
  | { type: 'leader'; from: string }
  /** The leader closed its link; a waiting tab takes over. */
  | { type: 'gone'; from: string }
  | { type: 'state'; from: string; to?: string; state: LinkState }
  | { type: 'event'; from: string; to?: string; event: string; payload: unknown }
  | { type: 'ask'; from: string; to: string; id: string; event: string; payload: unknown; timeoutMs: number }
  | { type: 'reply'; from: string; to: string; id: string; reply: unknown }
  | { type: 'signal'; from: string; to: string; event: string; payload: unknown }
  /** A follower's network notice: retry now if waiting to reconnect. */
  | { type: 'wake'; from: string; to: string; reason: 'online' | 'visible' };

const NOT_CONNECTED = { ok: false, error: { code: 'internal_error', message: 'not connected' } } as const;
const NO_ANSWER = { ok: false, error: { code: 'internal_error', message: 'no answer from the server' } } as const;
const HANDED_OVER = { ok: false, error: { code: 'internal_error', message: 'the connection moved to another tab' } } as const;

/** A follower with no leader (yet, or any more): a connection is expected but not there. */
const LEADERLESS: LinkState = { connection: 'reconnecting', nextRetryAt: null, error: null };

/** Structural check only: other scripts of the page may use a channel of the same name. */
function isTabMessage(data: unknown): data is TabMessage {
  return isRecord(data) && typeof data.type === 'string' && typeof data.from === 'string';
}

/**
 * A `Link` shared by every tab of one origin: one tab (the leader) holds the socket, the others
 * relay through it. Use `TabLink.supported()` first, or `tabLinkFactory`.
 */
export class TabLink extends LinkBase implements Link {
  /** Whether this context has both Web Locks and BroadcastChannel. */
  static supported(): boolean {
    return typeof globalThis.navigator?.locks?.request === 'function' && typeof globalThis.BroadcastChannel === 'function';
  }

  /** Lock and channel name: tabs that share it share one connection. */
  readonly name: string;
  /** This tab's id in the messages. */
  readonly #id = newClientId();
  readonly #options: SocketLinkOptions;
  /** Non-null between `open()` and `close()`. */
  #channel: BroadcastChannel | null = null;
  /** Cancels the wait for the lock when a follower closes. */
  #abort: AbortController | null = null;
  /** Stops listening to this tab's network notices. */
  #stopWatching: (() => void) | null = null;

  // Leader only.
  #socket: SocketLink | null = null;
  #offSocket: (() => void)[] = [];
  /** Resolving it releases the lock. */
  #release: (() => void) | null = null;
  /** The hello of the current connection, kept up to date, for tabs that join later. */
  #hello: CustomerHello | null = null;
  /** The socket's network listener, to hand it followers' notices. */
  #wakeSocket: { online(): void; visible(): void } | null = null;

  // Follower only.
  /** The tab id of the leader this tab follows, once known. */
  #leader: string | null = null;
  /** Relayed asks waiting for the leader's reply, by ask id. */
  readonly #pending = new Map<string, (reply: unknown) => void>();

  /**
   * @param options For the `SocketLink` this tab opens if it becomes the leader (its `network`
   *   then also hears the followers' notices).
   * @param scope What besides the URL must match for tabs to share a connection (the POC: the
   *   handshake names it).
   */
  constructor(options: SocketLinkOptions, scope: string) {
    super();
    this.#options = options;
    this.name = `parley:link:${scope}@${options.url}`;
  }


  /** Whether this tab holds the socket right now. */
  get leading(): boolean {
    return this.#socket !== null;
  }

  /** Joins the tabs of this name and queues for leadership (idempotent). */
  open(): void {
    if (this.#channel) return;
    const channel = new BroadcastChannel(this.name);
    channel.onmessage = (e: MessageEvent) => {
      if (isTabMessage(e.data)) this.#handleMessage(e.data);
    };
    this.#channel = channel;
    const abort = new AbortController();
    this.#abort = abort;
    this.setState({ connection: 'connecting', nextRetryAt: null, error: null });
    this.#post({ type: 'join', from: this.#id });
    this.#stopWatching =
      this.#options.network?.watch({
        online: () => this.#wake('online'),
        offline: () => undefined,
        visible: () => this.#wake('visible'),
      }) ?? null;
    globalThis.navigator.locks
      .request(this.name, { mode: 'exclusive', signal: abort.signal }, () => this.#lead(channel))
      // AbortError: closed while still waiting.
      .catch(() => undefined);
  }

  /** Leaves: a leader closes its socket and hands over; a follower stops waiting for the lock. */
  close(): void {
    const channel = this.#channel;
    this.#channel = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#stopWatching?.();
    this.#stopWatching = null;
    if (this.#socket) {
      for (const off of this.#offSocket.splice(0)) off();
      this.#socket.close();
      this.#socket = null;
      this.#hello = null;
      // Posted before the lock is released, so followers hear it before the next leader.
      channel?.postMessage({ type: 'gone', from: this.#id } satisfies TabMessage);
      this.#release?.();
      this.#release = null;
    }
    channel?.close();
    this.#leader = null;
    this.#failPending(NOT_CONNECTED);
    this.setState({ connection: 'idle', nextRetryAt: null, error: null });
  }

  /** Sends on the leader's socket and waits for the acknowledgement, at most `timeoutMs`. */
  async ask<R>(event: string, payload: unknown, timeoutMs: number): Promise<R> {
    const socket = this.#socket;
    if (socket) return socket.ask<R>(event, payload, timeoutMs);
    const leader = this.#leader;
    if (!this.#channel || !leader || this.state.connection !== 'connected') return NOT_CONNECTED as R;
    const id = newClientId();
    return new Promise<R>((resolve) => {
      const timer = setTimeout(() => settle(NO_ANSWER), timeoutMs);
      const settle = (reply: unknown) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(reply as R);
      };
      this.#pending.set(id, settle);
      this.#post({ type: 'ask', from: this.#id, to: leader, id, event, payload, timeoutMs });
    });
  }

  /** Sends on the leader's socket without acknowledgement; dropped when not connected. */
  signal(event: string, payload: unknown): void {
    if (this.#socket) return this.#socket.signal(event, payload);
    if (this.#leader && this.state.connection === 'connected') this.#post({ type: 'signal', from: this.#id, to: this.#leader, event, payload });
  }


  // -------------------------------------------------------------------------------------------

  /** Runs while this tab holds the lock; the returned promise holds it until `close()`. */
  #lead(channel: BroadcastChannel): Promise<void> {
    // Closed (and maybe reopened) after the request was granted but before this ran.
    if (this.#channel !== channel) return Promise.resolve();
    return new Promise<void>((release) => {
      this.#release = release;
      this.#leader = this.#id;
      // Whatever this tab asked the previous leader is lost with it: fail it so it is re-sent.
      this.#failPending(HANDED_OVER);
      this.#post({ type: 'leader', from: this.#id });
      const socket = new SocketLink({ ...this.#options, network: this.#relayedNetwork() });
      this.#socket = socket;
      this.#offSocket.push(
        socket.onEvent((event, payload) => {
          if (event === 'hello') this.#hello = payload as CustomerHello;
          if (event === 'conversation') this.#noteConversation(payload as CustomerConversation);
          this.emit(event, payload);
          this.#post({ type: 'event', from: this.#id, event, payload });
        }),
        socket.onState((state) => {
          // The next connection brings its own hello; do not replay the old one meanwhile.
          if (state.connection !== 'connected') this.#hello = null;
          this.setState(state);
          this.#post({ type: 'state', from: this.#id, state });
        }),
      );
      socket.open();
    });
  }

  #handleMessage(message: TabMessage): void {
    if ('to' in message && message.to !== undefined && message.to !== this.#id) return;
    if (this.#socket) this.#handleAsLeader(message);
    else this.#handleAsFollower(message);
  }

  #handleAsLeader(message: TabMessage): void {
    switch (message.type) {
      case 'join':
        this.#post({ type: 'state', from: this.#id, to: message.from, state: this.state });
        if (this.#hello && this.state.connection === 'connected') {
          this.#post({ type: 'event', from: this.#id, to: message.from, event: 'hello', payload: this.#hello });
        }
        break;
      case 'ask': {
        const socket = this.#socket!;
        void socket.ask(message.event, message.payload, message.timeoutMs).then((reply) => {
          // Handed over meanwhile: the asker failed this ask when it heard of it.
          if (this.#socket !== socket) return;
          this.#post({ type: 'reply', from: this.#id, to: message.from, id: message.id, reply });
        });
        break;
      }
      case 'signal':
        this.#socket!.signal(message.event, message.payload);
        break;
      case 'wake':
        this.#wakeSocket?.[message.reason]();
        break;
      // Another 'leader' cannot exist while this tab holds the lock; the rest is for followers.
    }
  }

  #handleAsFollower(message: TabMessage): void {
    switch (message.type) {
      case 'leader':
        this.#follow(message.from);
        this.setState({ ...LEADERLESS });
        this.#post({ type: 'join', from: this.#id });
        break;
      case 'gone':
        if (message.from !== this.#leader) return; // an old leader, already replaced
        this.#leader = null;
        this.#failPending(HANDED_OVER);
        this.setState({ ...LEADERLESS });
        break;
      case 'state':
        this.#follow(message.from);
        this.setState(message.state);
        break;
      case 'event':
        this.#follow(message.from);
        this.emit(message.event, message.payload);
        break;
      case 'reply':
        this.#pending.get(message.id)?.(message.reply);
        break;
      // 'join', 'ask', 'signal' and 'wake' are for the leader.
    }
  }

  /** Follows `leader`; if it is not the one followed so far, what was asked of that one is lost. */
  #follow(leader: string): void {
    if (this.#leader === leader) return;
    if (this.#leader !== null) this.#failPending(HANDED_OVER);
    this.#leader = leader;
  }

  /** Keeps the replayed hello's conversation current, as a fresh hello would name it. */
  #noteConversation(conversation: CustomerConversation): void {
    if (!this.#hello || !isRecord(conversation)) return;
    const known = this.#hello.conversation;
    if (!known || known.id === conversation.id || known.status === 'ended') this.#hello = { ...this.#hello, conversation };
  }

  /**
   * The leader socket's view of the network: this tab's own (none in Node), plus the notices of
   * the followers, which arrive as 'wake' messages.
   */
  #relayedNetwork(): NetworkWatch {
    const own = this.#options.network;
    return {
      offline: () => own?.offline() ?? false,
      watch: (on) => {
        this.#wakeSocket = on;
        const stop = own?.watch(on);
        return () => {
          if (this.#wakeSocket === on) this.#wakeSocket = null;
          stop?.();
        };
      },
    };
  }

  /** A follower passes its network notice on; a leader's socket heard it itself. */
  #wake(reason: 'online' | 'visible'): void {
    if (!this.#socket && this.#leader) this.#post({ type: 'wake', from: this.#id, to: this.#leader, reason });
  }

  #failPending(reply: unknown): void {
    for (const settle of [...this.#pending.values()]) settle(reply);
  }

  #post(message: TabMessage): void {
    this.#channel?.postMessage(message);
  }

}

/**
 * A `createLink` for `ChatSession`: a `TabLink` shared by the tabs that use the same `scope` and
 * server where the context supports it, else one `SocketLink` per tab.
 *
 * @param scope Tabs share a connection only within a scope; pass the POC id.
 */
export function tabLinkFactory(scope: string): (options: SocketLinkOptions) => Link {
  return (options) => (TabLink.supported() ? new TabLink(options, scope) : new SocketLink(options));
}
