/**
 * Binds a core `ChatSession` to a host element: creates it on demand, re-renders the host on every
 * state change, and closes the socket when the host leaves the document.
 *
 * Why a controller: the session is framework-free and knows nothing of elements (STYLE: the
 * transport never reads UI state); the element only reads `state` and calls methods. All the
 * socket lifetime rules live here, once:
 * - The transport module (socket.io-client) is imported only when a connection is first wanted,
 *   so a page that never opens the chat never downloads it (SPEC §3, "the host page pays little").
 * - `hostDisconnected` unsubscribes and closes the socket; `hostConnected` reconnects if the
 *   session had been connected, and the session resumes from the last `seq` it holds (SPEC §5).
 * - Changing the server or POC throws the old session away: its state belongs to another chat.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession, ChatSessionState, KeyValueStorage } from '../core/chat-session.js';
import { browserNetwork } from './network.js';
import { browserStorage } from '../core/storage-keys.js';

export interface ChatSessionConfig {
  server: string;
  poc: string;
  locale?: string;
  /** The website owner's signed identity for the visitor (`identity-token`), if any. */
  identity?: string;
}

export type SessionChangeListener = (next: ChatSessionState, prev: ChatSessionState | null) => void;

export class ChatSessionController implements ReactiveController {
  /** The session, once a connection has been asked for. */
  session: ChatSession | null = null;
  /** Latest session state; null until the session exists. */
  state: ChatSessionState | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #onChange: SessionChangeListener | undefined;
  #config: ChatSessionConfig | null = null;
  #unsubscribe: (() => void) | null = null;
  /** Whether the host wants a live connection (survives a disconnect/reconnect of the host). */
  #wanted = false;
  #hostConnected = false;
  #creating: Promise<void> | null = null;

  constructor(host: ReactiveControllerHost, onChange?: SessionChangeListener) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  /**
   * Sets what to connect to; a different server, POC or identity discards the current session (a
   * signed-in customer is another visitor). A new locale applies to the next session only:
   * switching language must not drop the conversation.
   */
  configure(config: ChatSessionConfig): void {
    const old = this.#config;
    if (old && old.server === config.server && old.poc === config.poc && old.identity === config.identity) {
      old.locale = config.locale;
      return;
    }
    this.#config = { ...config };
    if (old) this.#dispose();
  }

  /** Creates the session if needed and connects it. Safe to call repeatedly. */
  async connect(): Promise<void> {
    this.#wanted = true;
    if (!this.#config || !this.#hostConnected) return;
    if (!this.session) {
      this.#creating ??= this.#create();
      await this.#creating;
    }
    if (this.#wanted && this.#hostConnected) await this.session?.connect();
  }

  hostConnected(): void {
    this.#hostConnected = true;
    if (this.session && !this.#unsubscribe) this.#subscribe(this.session);
    if (this.#wanted) void this.connect();
  }

  hostDisconnected(): void {
    this.#hostConnected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.session?.close();
  }

  async #create(): Promise<void> {
    const config = this.#config;
    if (!config) return;
    const [{ ChatSession }, { tabLinkFactory }] = await Promise.all([import('../core/chat-session.js'), import('../core/tab-link.js')]);
    this.#creating = null;
    // Reconfigured while the module loaded: the next connect() creates the right one.
    if (config !== this.#config || this.session) return;
    const session = new ChatSession({
      server: config.server,
      poc: config.poc,
      storage: browserStorage(),
      outboxStorage: browserStorage('sessionStorage'),
      network: browserNetwork(),
      // The visitor's tabs share one connection per POC; signed-in tabs only with signed-in tabs.
      createLink: tabLinkFactory(config.identity ? `${config.poc}#identified` : config.poc),
      ...(config.locale ? { locale: config.locale } : {}),
      ...(config.identity ? { identity: config.identity } : {}),
    });
    this.session = session;
    if (this.#hostConnected) this.#subscribe(session);
  }

  #subscribe(session: ChatSession): void {
    this.#unsubscribe = session.subscribe((next) => {
      if (session !== this.session) return;
      const prev = this.state;
      this.state = next;
      this.#onChange?.(next, prev);
      this.#host.requestUpdate();
    });
    // Catch up with whatever changed while unsubscribed.
    if (this.state !== session.state) {
      const prev = this.state;
      this.state = session.state;
      this.#onChange?.(session.state, prev);
      this.#host.requestUpdate();
    }
  }

  #dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.session?.close();
    this.session = null;
    this.state = null;
    this.#creating = null;
    this.#wanted = false;
    this.#host.requestUpdate();
  }
}
