import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  AgentSession,
  type AgentSessionState,
  type AgentThread,
  type ElevationInput,
  type ElevationOutcome,
  type Result,
  type Transcript,
} from '../../core/agent-session.js';
import { consoleCatalogue, consoleErrorKey, type ConsoleKey } from '../../core/catalogues/console.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { lastSeq } from '../../core/messages.js';
import { LIMITS, type ElevationKind, type Permission, type ProtocolError, type StaffUser } from '../../protocol/index.js';
import { LiveAnnouncerController } from '../../controllers/live-announcer-controller.js';
import { StaffAuthController } from '../../controllers/staff-auth-controller.js';
import { browserStorage } from '../../core/storage-keys.js';
import { browserNetwork } from '../../controllers/network.js';
import { ParleyElement } from '../base/parley-element.js';
import {
  ParleyAgentConversation,
  type ConversationElevateEvent,
  type ConversationEndEvent,
  type ConversationRetryEvent,
  type ConversationSendEvent,
  type ConversationTypingEvent,
} from '../parley-agent-conversation/parley-agent-conversation.js';
import { ParleyAgentElevate, type ElevateCancelEvent, type ElevateDoneEvent, type ElevatePrefill } from '../parley-agent-elevate/parley-agent-elevate.js';
import { ParleyAgentOffer, type OfferAcceptEvent, type OfferDeclineEvent } from '../parley-agent-offer/parley-agent-offer.js';
import { ParleyAgentSession } from '../parley-agent-session/parley-agent-session.js';
import { ParleyAgentWorkItem } from '../parley-agent-work-item/parley-agent-work-item.js';
import { ParleyConnectionStatus } from '../parley-connection-status/parley-connection-status.js';
import { ParleySignIn, type SignedInEvent } from '../parley-sign-in/parley-sign-in.js';
import { channelName, icon, iconStyles, statusKey } from './channels.js';
import { controls, palette, styles } from './parley-agent-console.styles.js';

/** Only agents take chats; the server refuses the agent socket to anyone else as well. */
/** Who may use the console: staff whose role answers contacts. */
const AGENT_PERMISSION: Permission = 'contacts.answer';

const NEW_REQUEST_KEYS: Record<ElevationKind, ConsoleKey> = { callback: 'newOfferCallback', email: 'newOfferEmail', sms: 'newOfferSms' };

/** What a part's request answers once the desk has stopped (signed out, another server). */
const NOT_SIGNED_IN: ProtocolError = { code: 'internal_error', message: 'not signed in' };

/**
 * The agent console: sign-in, presence, incoming offers and every conversation the agent holds.
 *
 * Signing in is `<parley-sign-in>`; the session check and sign-out go through core's staff-auth
 * (`/api/v1/auth/*`, session cookie). Everything live goes through `AgentSession` from core, whose
 * state the console renders. The console never talks to socket.io itself. Only the selected
 * conversation is rendered, so the reply box, Send and End chat are always those of the
 * conversation on screen; unsent drafts are kept per conversation.
 *
 * Interactions come on every channel of a session: chats, callbacks to dial, emails, texts and
 * work items (requests filed through a form, answered by email; their attachments are links to
 * this `server`). The list shows each one's channel; beside the interaction on screen,
 * `<parley-agent-session>` lists every interaction of its session (kept fresh by the server's
 * `session` events) and `<parley-agent-elevate>` opens when the agent continues the interaction on
 * another channel; the new interaction is then selected. When a session completes (every
 * interaction closed), the console says so once.
 *
 * Under the header, `<parley-connection-status>` says when the connection is being made, lost
 * (with a countdown to the next attempt), offline, or back again; changes are announced through
 * the console's live region, the countdown is not. Replies written meanwhile wait in the outbox,
 * shown as sending. While the console's tab is visible, the conversation on screen is marked read
 * for the customer, as its messages arrive.
 *
 * @tagname parley-agent-console
 *
 * @csspart base - The whole console.
 * @csspart header - The bar with the agent's name, presence and sign-out.
 * @csspart connection - The connection notice under the header (connecting, reconnecting with a countdown, offline, back again).
 * @cssprop --parley-console-height - Height of the console (default: the window less the body margin).
 * @cssprop --parley-color-brand - Accent colour (buttons, selection).
 * @cssprop --parley-color-on-brand - Text on the accent colour.
 * @cssprop --parley-font-family - Font of the console.
 * @cssprop --parley-radius - Corner radius.
 */
export class ParleyAgentConsole extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${iconStyles}${styles}`;

  /** Registers the console under `tag`, and the parts it renders under their own tags. */
  static override define(tag = 'parley-agent-console', registry: CustomElementRegistry = customElements): void {
    ParleyAgentWorkItem.define('parley-agent-work-item', registry);
    ParleyAgentOffer.define('parley-agent-offer', registry);
    ParleyAgentConversation.define('parley-agent-conversation', registry);
    ParleyAgentSession.define('parley-agent-session', registry);
    ParleyAgentElevate.define('parley-agent-elevate', registry);
    ParleySignIn.define('parley-sign-in', registry);
    ParleyConnectionStatus.define('parley-connection-status', registry);
    super.define(tag, registry);
  }

  /** Says what happens out of the agent's sight: offers, messages, customers leaving. */
  readonly #announcer = new LiveAnnouncerController(this);
  /** Checking the session, signed in or out; a signed-in agent gets the desk. */
  readonly #auth = new StaffAuthController(this, {
    permission: AGENT_PERMISSION,
    origin: () => this.#origin,
    onSignedIn: () => this.#startDesk(),
  });

  /** Origin of the Parley server; defaults to the page's own origin. */
  @property() server = '';
  /** Language of the console (`en`, `fr`); defaults to the browser's. */
  @property() locale = '';

  @state() private agentState: AgentSessionState | null = null;
  @state() private selectedId: string | null = null;
  /** The last failed action, shown until dismissed or the next action. */
  @state() private actionError: ConsoleKey | null = null;
  @state() private presenceBusy = false;
  @state() private busyOffers: ReadonlySet<string> = new Set();
  @state() private endingIds: ReadonlySet<string> = new Set();
  /** The elevation form open beside a conversation, if any. */
  @state() private elevateFor: { conversationId: string; kind: ElevationKind } | null = null;
  /** "Session with … complete", shown once a session of the desk completes, until dismissed. */
  @state() private completedNotice: string | null = null;

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
  #locale = 'en';
  #session: AgentSession | null = null;
  #unsubscribe: (() => void) | null = null;
  /** Highest message seq the agent has seen, per conversation (drives unread counts). */
  readonly #seen = new Map<string, number>();
  /** Unsent replies of the conversations not on screen. */
  readonly #drafts = new Map<string, string>();
  /** Per conversation, what was last marked read: count and last seq of the messages then shown. */
  readonly #markedRead = new Map<string, string>();

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#handleVisibilityChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#handleVisibilityChange);
    this.#stopDesk();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      this.#locale = resolveLocale([this.locale, globalThis.navigator?.language], Object.keys(consoleCatalogue));
      this.#t = translator(consoleCatalogue, this.#locale);
    }
    if (changed.has('server') && changed.get('server') !== undefined && this.isConnected) {
      // Another server: drop everything held for the old one and start over.
      this.#stopDesk();
      void this.#auth.check();
    }
    if (changed.has('agentState') || changed.has('selectedId')) {
      const threads = this.agentState?.threads ?? [];
      let selected = threads.find((th) => th.conversation.id === this.selectedId);
      if (!selected) {
        selected = threads[0];
        this.selectedId = selected?.conversation.id ?? null;
      }
      if (selected) this.#seen.set(selected.conversation.id, lastSeq(selected.messages));
      // The form belongs to the interaction it was opened from.
      if (this.elevateFor && this.elevateFor.conversationId !== this.selectedId) this.elevateFor = null;
    }
  }

  protected override updated(): void {
    // After the render: the conversation's messages are on screen now.
    this.#markRead();
  }

  /** The live agent session while signed in, else null (for integrations and diagnostics). */
  get session(): AgentSession | null {
    return this.#session;
  }

  // ---------------------------------------------------------------------------------------------
  // Handlers

  private async handleSignedIn(event: SignedInEvent): Promise<void> {
    this.#auth.signedIn(event.user);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#console-heading')?.focus();
  }

  private async handleSignOut(): Promise<void> {
    const session = this.#session;
    // Stop receiving offers first, so no customer waits on an agent who is gone.
    if (session?.state.agent?.available) await session.setAvailable(false);
    await this.#auth.signOut(() => this.#stopDesk());
  }

  private async handlePresence(): Promise<void> {
    const session = this.#session;
    if (!session || this.presenceBusy || session.state.connection !== 'connected') return;
    this.actionError = null;
    this.presenceBusy = true;
    const error = await session.setAvailable(!session.state.agent?.available);
    this.presenceBusy = false;
    this.#showError(error);
  }

  private async handleAccept(event: OfferAcceptEvent): Promise<void> {
    const session = this.#session;
    if (!session || this.busyOffers.has(event.offerId)) return;
    const offer = session.state.offers.find((o) => o.id === event.offerId);
    this.actionError = null;
    this.busyOffers = new Set([...this.busyOffers, event.offerId]);
    const error = await session.accept(event.offerId);
    this.busyOffers = new Set([...this.busyOffers].filter((id) => id !== event.offerId));
    if (error || !offer) {
      this.#showError(error);
      await this.#refocusAfterOffer();
      return;
    }
    await this.#showAndFocus(offer.conversationId);
  }

  private async handleDecline(event: OfferDeclineEvent): Promise<void> {
    const session = this.#session;
    if (!session || this.busyOffers.has(event.offerId)) return;
    this.actionError = null;
    this.busyOffers = new Set([...this.busyOffers, event.offerId]);
    const error = await session.decline(event.offerId);
    this.busyOffers = new Set([...this.busyOffers].filter((id) => id !== event.offerId));
    this.#showError(error);
    await this.#refocusAfterOffer();
  }

  private handleSelect(conversationId: string): void {
    this.#select(conversationId);
  }

  private handleSend(event: ConversationSendEvent): void {
    const result = this.#session?.send(event.conversationId, event.text);
    if (result && typeof result !== 'string') this.#showError(result);
  }

  private handleRetry(event: ConversationRetryEvent): void {
    this.#session?.retry(event.conversationId, event.clientId);
  }

  private handleTyping(event: ConversationTypingEvent): void {
    this.#session?.setTyping(event.conversationId, event.typing);
  }

  private async handleEnd(event: ConversationEndEvent): Promise<void> {
    const session = this.#session;
    const id = event.conversationId;
    if (!session || this.endingIds.has(id)) return;
    this.actionError = null;
    this.endingIds = new Set([...this.endingIds, id]);
    const error = await session.end(id, event.disposition, event.note);
    this.endingIds = new Set([...this.endingIds].filter((x) => x !== id));
    this.#showError(error);
    if (error) return;
    this.#drafts.delete(id);
    // The conversation left the desk with the focused button: go to the next one, or to the offers.
    await this.updateComplete;
    if (this.shadowRoot?.activeElement) return;
    const next = this.renderRoot.querySelector<HTMLElement>('.thread[aria-current="true"]');
    (next ?? this.renderRoot.querySelector<HTMLElement>('#offers-heading'))?.focus();
  }

  private handleDismissError(): void {
    this.actionError = null;
  }

  private handleDismissNotice(): void {
    this.completedNotice = null;
  }

  private async handleElevate(event: ConversationElevateEvent): Promise<void> {
    const { conversationId, kind } = event;
    const open = this.elevateFor;
    if (open?.conversationId === conversationId && open.kind === kind) {
      // The same button again closes the form.
      this.elevateFor = null;
      return;
    }
    this.elevateFor = { conversationId, kind };
    await this.updateComplete;
    const form = this.renderRoot.querySelector('parley-agent-elevate');
    await form?.updateComplete;
    form?.focusFirst();
  }

  private async handleElevateCancel(event: ElevateCancelEvent): Promise<void> {
    this.elevateFor = null;
    await this.updateComplete;
    this.#conversationElement(event.conversationId)?.focusElevate(event.kind);
  }

  /** The new interaction is held: it is shown, with the caret where the agent goes on. */
  private async handleElevateDone(event: ElevateDoneEvent): Promise<void> {
    const { conversation, deliveryFailed } = event.outcome;
    this.elevateFor = null;
    this.actionError = deliveryFailed ? 'elevatedNotSent' : null;
    await this.#showAndFocus(conversation.id);
  }

  /** How the parts read another interaction's transcript; one function, so they do not reload. */
  #loadTranscript = (conversationId: string): Promise<Result<Transcript>> =>
    this.#session?.transcript(conversationId) ?? Promise.resolve({ ok: false, error: NOT_SIGNED_IN });

  /** How the elevation form sends its request. */
  #submitElevation = (input: ElevationInput): Promise<ElevationOutcome> =>
    this.#session?.elevate(input) ?? Promise.resolve({ ok: false, error: NOT_SIGNED_IN, requestId: input.requestId ?? '' });

  /** Back to a visible tab: the conversation on screen has now been seen. */
  #handleVisibilityChange = (): void => {
    if (document.visibilityState === 'visible') this.#markRead();
  };

  // ---------------------------------------------------------------------------------------------
  // Session

  /** The Parley server: the `server` attribute, else the page's own origin. */
  get #origin(): string {
    return this.server || globalThis.location.origin;
  }

  #startDesk(): void {
    this.#stopDesk();
    this.actionError = null;
    const session = new AgentSession({ server: this.#origin, outboxStorage: browserStorage('sessionStorage'), network: browserNetwork() });
    this.#session = session;
    this.agentState = session.state;
    this.#unsubscribe = session.subscribe((next) => this.#handleState(next));
    void session.connect();
  }

  #stopDesk(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#session?.close();
    this.#session = null;
    this.agentState = null;
    this.selectedId = null;
    this.presenceBusy = false;
    this.busyOffers = new Set();
    this.endingIds = new Set();
    this.elevateFor = null;
    this.completedNotice = null;
    this.#seen.clear();
    this.#drafts.clear();
    this.#markedRead.clear();
  }

  /**
   * Tells the customer the agent has seen the messages of the conversation on screen, when they
   * can be seen: signed in, a conversation selected, the tab visible. Once per change of what is
   * shown.
   */
  #markRead(): void {
    const session = this.#session;
    const id = this.selectedId;
    if (!session || !id || this.#auth.state !== 'signed-in' || document.visibilityState !== 'visible') return;
    const thread = session.thread(id);
    if (!thread || thread.messages.length === 0) return;
    const shown = `${thread.messages.length}:${lastSeq(thread.messages)}`;
    if (this.#markedRead.get(id) === shown) return;
    this.#markedRead.set(id, shown);
    session.markRead(id);
  }

  /** Shows another conversation, keeping the unsent reply of the one on screen. */
  #select(conversationId: string): void {
    const leaving = this.selectedId;
    if (leaving === conversationId) return;
    const draft = leaving ? this.#conversationElement(leaving)?.draft : '';
    if (leaving && draft) {
      this.#drafts.set(leaving, draft);
      // Its reply box goes away: the customer must not see "typing" for ever.
      this.#session?.setTyping(leaving, false);
    } else if (leaving) {
      this.#drafts.delete(leaving);
    }
    this.selectedId = conversationId;
  }

  /** Takes the session's new state and announces what the agent cannot see happen. */
  #handleState(next: AgentSessionState): void {
    const previous = this.agentState;
    this.agentState = next;
    if (next.connection === 'unauthorized') {
      this.#stopDesk();
      this.#auth.expired();
      return;
    }
    if (!previous) return;
    const t = this.#t;
    const was = previous.connection;
    if (was !== next.connection) {
      // Said once per change; the countdown on screen is never announced.
      const lost = was === 'reconnecting' || was === 'offline';
      if (next.connection === 'reconnecting' && was === 'connected') this.#announce(t('connection.reconnecting'));
      else if (next.connection === 'offline') this.#announce(t('connection.offline'));
      else if (next.connection === 'connected' && lost) this.#announce(t('connection.restored'));
      // Typing signals sent while cut were lost: say again, to each customer, whether the agent
      // types (only the conversation on screen can be), so none keeps a stale "typing…".
      if (next.connection === 'connected' && was !== 'connecting') {
        const typing = this.selectedId ? this.#conversationElement(this.selectedId)?.typing : false;
        for (const thread of next.threads) {
          const id = thread.conversation.id;
          // Only a chat's customer sees typing.
          if (thread.conversation.status === 'active' && thread.conversation.channel === 'chat') {
            this.#session?.setTyping(id, id === this.selectedId && !!typing);
          }
        }
      }
    }
    const offered = new Set(previous.offers.map((o) => o.id));
    for (const offer of next.offers) {
      if (!offered.has(offer.id)) {
        const customer = offer.customerName || t('visitor');
        const request = offer.elevation;
        const workItem = offer.channel === 'workitem' ? offer.workItem : null;
        this.#announce(
          request
            ? t(NEW_REQUEST_KEYS[request.kind], { customer, reference: request.reference })
            : workItem
              ? t('newOfferWorkitem', { customer, reference: workItem.reference })
              : t('newOffer', { customer, poc: offer.pocName }),
        );
      }
    }
    for (const [id, view] of Object.entries(next.sessions)) {
      const was = previous.sessions[id];
      if (view.complete && was && !was.complete) {
        // Shown in a status line (said once by it); the desk no longer holds any of its interactions.
        this.completedNotice = t('sessionCompleteAnnouncement', { customer: view.customerName || t('visitor') });
      }
    }
    const before = new Map(previous.threads.map((th) => [th.conversation.id, th]));
    for (const thread of next.threads) {
      const old = before.get(thread.conversation.id);
      if (!old || old === thread) continue;
      const customer = thread.conversation.customerName || t('visitor');
      if (old.conversation.status === 'active' && thread.conversation.status === 'wrapup') {
        if (thread.conversation.endedBy === 'customer') this.#announce(t('customerLeftAnnouncement', { customer }));
      } else {
        // Transcripts are silent logs: new customer messages are said here, once, in order. The
        // selected conversation's are read out; the others only say who wrote.
        // A thread's first fill (accept, reload) is history, not news.
        const seen = lastSeq(old.messages);
        const fresh = seen === 0 ? [] : thread.messages.filter((m) => m.seq > seen && m.author === 'customer');
        if (fresh.length && thread.conversation.id !== this.selectedId) {
          this.#announce(t('newMessageFrom', { customer }));
        } else {
          for (const m of fresh) this.#announce(t('customerSaid', { customer, text: m.text }));
        }
      }
    }
  }

  #announce(text: string): void {
    this.#announcer.announce(text);
  }

  #showError(error: ProtocolError | null): void {
    if (error) this.actionError = consoleErrorKey(error.code);
  }

  #conversationElement(id: string): ParleyAgentConversation | undefined {
    return [...this.renderRoot.querySelectorAll('parley-agent-conversation')].find((el) => el.thread?.conversation.id === id);
  }

  /** Shows the conversation and puts the caret where the agent goes on (reply box, number, disposition). */
  async #showAndFocus(conversationId: string): Promise<void> {
    this.#select(conversationId);
    await this.updateComplete;
    const element = this.#conversationElement(conversationId);
    await element?.updateComplete;
    element?.focusComposer();
  }

  /** When the focused offer card went away, focus the next offer, else the offers heading. */
  async #refocusAfterOffer(): Promise<void> {
    await this.updateComplete;
    if (this.shadowRoot?.activeElement) return;
    const next = this.renderRoot.querySelector<HTMLElement>('parley-agent-offer');
    (next ?? this.renderRoot.querySelector<HTMLElement>('#offers-heading'))?.focus();
  }

  #unread(thread: AgentThread): number {
    const seen = this.#seen.get(thread.conversation.id) ?? 0;
    return thread.messages.filter((m) => m.author === 'customer' && m.seq > seen).length;
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    return html`
      <div class="root" part="base" lang=${this.#locale}>
        ${this.#auth.state === 'checking'
          ? html`<p class="checking" role="status">${this.#t('checkingSession')}</p>`
          : this.#auth.state === 'signed-in'
            ? this.renderDesk()
            : this.renderSignIn()}
        ${this.#announcer.render()}
      </div>
    `;
  }

  private renderSignIn() {
    const t = this.#t;
    return html`<parley-sign-in
      server=${this.server}
      locale=${this.#locale}
      heading=${t('signInHeading')}
      notice=${this.#auth.notice ? t(this.#auth.notice) : ''}
      refusal=${t('notAnAgent')}
      .permission=${AGENT_PERMISSION}
      .error=${this.#auth.error}
      @signed-in=${this.handleSignedIn}
    ></parley-sign-in>`;
  }

  private renderDesk() {
    const t = this.#t;
    const s = this.agentState;
    const available = s?.agent?.available ?? false;
    const connection = s?.connection ?? 'connecting';
    const name = s?.agent?.displayName ?? this.#auth.user?.displayName ?? '';
    return html`
      <header part="header">
        <h1 id="console-heading" tabindex="-1"><span class="brand">Parley</span> ${t('consoleHeading')}</h1>
        <div class="agent">
          <p class="agent-name">
            <span class="visually-hidden">${t('signedInAs', { name })}</span><span aria-hidden="true">${name}</span>
          </p>
          <p class="presence ${available ? 'on' : ''}" role="status">${t(available ? 'available' : 'unavailable')}</p>
          <button
            type="button"
            class="presence-toggle ${available ? '' : 'primary'}"
            aria-disabled=${this.presenceBusy || connection !== 'connected' ? 'true' : 'false'}
            @click=${this.handlePresence}
          >
            ${t(available ? 'goUnavailable' : 'goAvailable')}
          </button>
          <button type="button" @click=${this.handleSignOut}>${t('signOut')}</button>
        </div>
      </header>
      <parley-connection-status
        exportparts="notice: connection"
        connection=${connection}
        .nextRetryAt=${s?.nextRetryAt ?? null}
        locale=${this.#locale}
      ></parley-connection-status>
      <div class="banner error" role="alert">${this.actionError
        ? html`<span>${t(this.actionError, { max: LIMITS.messageMaxLength })}</span
            ><button type="button" @click=${this.handleDismissError}>${t('dismiss')}</button>`
        : nothing}</div>
      <div class="banner info" role="status">${this.completedNotice
        ? html`${icon('session')}<span>${this.completedNotice}</span
            ><button type="button" @click=${this.handleDismissNotice}>${t('dismiss')}</button>`
        : nothing}</div>
      <main
        class="desk"
        @offer-accept=${this.handleAccept}
        @offer-decline=${this.handleDecline}
        @conversation-send=${this.handleSend}
        @conversation-retry=${this.handleRetry}
        @conversation-typing=${this.handleTyping}
        @conversation-end=${this.handleEnd}
        @conversation-elevate=${this.handleElevate}
        @elevate-cancel=${this.handleElevateCancel}
        @elevate-done=${this.handleElevateDone}
      >
        <aside>${this.renderOffers(available)} ${this.renderThreadList()}</aside>
        <div class="workspace">${this.renderWorkspace()}</div>
      </main>
    `;
  }

  private renderOffers(available: boolean) {
    const t = this.#t;
    const offers = this.agentState?.offers ?? [];
    return html`
      <section class="offers" aria-labelledby="offers-heading">
        <h2 id="offers-heading" tabindex="-1">${t('offersHeading')}</h2>
        ${offers.length
          ? html`<ul class="offer-list">
              ${repeat(
                offers,
                (o) => o.id,
                (o) => html`<li>
                  <parley-agent-offer
                    .offer=${o}
                    .loader=${this.#loadTranscript}
                    locale=${this.#locale}
                    ?busy=${this.busyOffers.has(o.id)}
                  ></parley-agent-offer>
                </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t(available ? 'noOffersAvailable' : 'noOffersUnavailable')}</p>`}
      </section>
    `;
  }

  private renderThreadList() {
    const t = this.#t;
    const threads = this.agentState?.threads ?? [];
    return html`
      <nav aria-labelledby="threads-heading">
        <h2 id="threads-heading">${t('conversationsHeading')}</h2>
        ${threads.length
          ? html`<ul class="thread-list">
              ${repeat(
                threads,
                (th) => th.conversation.id,
                (th) => {
                  const { conversation } = th;
                  const customer = conversation.customerName || t('visitor');
                  const status = t(statusKey(conversation));
                  const unread = this.#unread(th);
                  const channel = channelName(t, conversation.channel);
                  const reference = conversation.elevation?.reference ?? conversation.workItem?.reference ?? '';
                  const label = [customer, channel, reference, conversation.pocName, status, unread ? t('unread', { count: unread }) : '']
                    .filter(Boolean)
                    .join(', ');
                  return html`<li>
                    <button
                      type="button"
                      class="thread"
                      aria-label=${label}
                      aria-current=${conversation.id === this.selectedId ? 'true' : 'false'}
                      @click=${() => this.handleSelect(conversation.id)}
                    >
                      <span class="name">${customer}</span>
                      <span class="channel">${icon(conversation.channel)}<span>${channel}</span>
                        ${reference ? html`<span class="reference">${reference}</span>` : nothing}</span
                      >
                      <span class="poc">${conversation.pocName}</span>
                      <span class="state ${conversation.status}">${status}</span>
                      ${unread ? html`<span class="badge">${unread}</span>` : nothing}
                    </button>
                  </li>`;
                },
              )}
            </ul>`
          : html`<p class="muted">${t('noConversations')}</p>`}
      </nav>
    `;
  }

  private renderWorkspace() {
    const s = this.agentState;
    const thread = s?.threads.find((th) => th.conversation.id === this.selectedId);
    if (!thread) return html`<p class="empty">${this.#t('noSelection')}</p>`;
    const { conversation } = thread;
    const id = conversation.id;
    const session = s?.sessions[conversation.sessionId] ?? null;
    const elevating = this.elevateFor?.conversationId === id ? this.elevateFor.kind : null;
    // One element per conversation: switching starts from a clean form and the draft kept here.
    return html`<div class="panes">
      ${keyed(
        id,
        html`<parley-agent-conversation
          .thread=${thread}
          .dispositions=${s?.dispositions ?? []}
          .draft=${this.#drafts.get(id) ?? ''}
          .connectors=${s?.connectors ?? null}
          .session=${session}
          .skills=${s?.skills ?? []}
          .elevating=${elevating}
          .loader=${this.#loadTranscript}
          locale=${this.#locale}
          server=${this.#origin}
          ?ending=${this.endingIds.has(id)}
        ></parley-agent-conversation>`,
      )}
      <div class="side">
        ${elevating
          ? html`<parley-agent-elevate
              kind=${elevating}
              .source=${conversation}
              .skills=${s?.skills ?? []}
              .prefill=${this.#prefill(thread, elevating)}
              .submit=${this.#submitElevation}
              locale=${this.#locale}
            ></parley-agent-elevate>`
          : nothing}
        <parley-agent-session
          .session=${session}
          current-id=${id}
          .held=${new Set(s?.threads.map((th) => th.conversation.id))}
          .dispositions=${s?.dispositions ?? []}
          .loader=${this.#loadTranscript}
          locale=${this.#locale}
        ></parley-agent-session>
      </div>
    </div>`;
  }

  /**
   * What the elevation form may start from: a number or address an interaction of the same
   * session already has (one of the same kind first), else what a work item's form was given
   * (its reply address, its first phone answer).
   */
  #prefill(thread: AgentThread, kind: ElevationKind): ElevatePrefill {
    const session = (this.agentState?.threads ?? []).filter((th) => th.conversation.sessionId === thread.conversation.sessionId);
    const related = session.map((th) => th.conversation.elevation).filter((e) => e !== null);
    const phones = related.filter((e) => e.kind !== 'email').sort((a, b) => Number(b.kind === kind) - Number(a.kind === kind));
    const forms = session.map((th) => th.conversation.workItem).filter((w) => w !== null);
    const formPhone = forms.flatMap((w) => w.fields).find((f) => f.type === 'phone' && typeof f.value === 'string' && f.value !== '')?.value;
    return {
      phone: phones[0] ? phones[0].destinationDisplay || phones[0].destination : typeof formPhone === 'string' ? formPhone : undefined,
      email: related.find((e) => e.kind === 'email')?.destination ?? forms.find((w) => w.replyTo)?.replyTo ?? undefined,
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-console': ParleyAgentConsole;
  }
}
