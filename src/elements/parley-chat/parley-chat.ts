import { css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { phraseEvent, plural, WIDGET_LOCALES, widgetCatalogue, type WidgetKey } from '../../core/catalogues/widget.js';
import type { ChatSessionState } from '../../core/chat-session.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { lastSeq } from '../../core/messages.js';
import { localizedTexts } from '../../core/profile.js';
import type { ProtocolError, PublicChatProfile } from '../../protocol/index.js';
import { ChatProfileController } from '../../controllers/chat-profile-controller.js';
import { profileToTokens } from '../../core/theme.js';
import { browserStorage, ChatSessionController } from '../../controllers/chat-session-controller.js';
import { FloatingController } from '../../controllers/floating-controller.js';
import { LiveAnnouncerController } from '../../controllers/live-announcer-controller.js';
import { MediaQueryController } from '../../controllers/media-query-controller.js';
import { VisualViewportController } from '../../controllers/visual-viewport-controller.js';
import { ParleyCloseEvent } from '../../events/parley-close-event.js';
import { ParleyErrorEvent } from '../../events/parley-error-event.js';
import { ParleyMessageEvent } from '../../events/parley-message-event.js';
import { ParleyOpenEvent } from '../../events/parley-open-event.js';
import { ParleyReadyEvent } from '../../events/parley-ready-event.js';
import { ParleyElement } from '../base/parley-element.js';
import { sanitizeAgentHtml } from '../base/sanitize.js';
import { ComposeSendEvent, ComposeTypingEvent, type ParleyComposer } from '../parley-composer/parley-composer.js';
import { RetryMessageEvent, type ParleyMessageList } from '../parley-message-list/parley-message-list.js';
import { palette, styles } from './parley-chat.styles.js';

/** Below this viewport width the panel fills the screen (and does not float). */
const NARROW = '(max-width: 480px)';

const chatIcon = svg`<path fill="currentColor" d="M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 22l4.3-2.3c1 .3 2 .4 3.1.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3Z"/>`;
const closeIcon = svg`<path fill="currentColor" d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4Z"/>`;

/**
 * The customer chat for one point of contact: a launcher button fixed at the bottom corner and,
 * once clicked, a panel with the conversation. Loads the POC's public chat profile first and shows
 * nothing until it arrives; an unknown, malformed or deactivated POC keeps the element hidden and
 * logs one `console.error` for the website owner. The connection opens when the panel first opens,
 * or at once for a returning visitor, whose chat resumes where it was.
 *
 * @csspart launcher - The launcher button.
 * @csspart badge - The unread count on the launcher (shown while the panel is closed).
 * @csspart panel - The chat panel (`role="dialog"`).
 * @csspart header - The panel header, in the brand colour.
 * @csspart title - The profile title in the header.
 * @csspart end-button - The "End chat" button in the header.
 * @csspart close-button - The button that closes the panel.
 * @csspart log - The scrolling transcript (`role="log"`).
 * @csspart message - Every message row; also `message-customer`, `message-agent`, `message-system`, `message-greeting`.
 * @csspart bubble - The bubble of a customer or agent message.
 * @csspart retry-button - The "Retry" button of a message that failed to send.
 * @csspart status - The line under the transcript: queue position, typing, connection, chat ended.
 * @csspart composer - The message form.
 * @csspart input - The message textarea.
 * @csspart send-button - The send button.
 *
 * @tagname parley-chat
 *
 * @cssprop --parley-color-brand - Brand colour (launcher, header, customer bubbles). Set from the profile.
 * @cssprop --parley-color-on-brand - Text and icons on the brand colour. Set from the profile.
 * @cssprop --parley-color-focus - Focus ring on light surfaces. Set from the profile.
 * @cssprop --parley-color-focus-dark - Focus ring in dark mode.
 * @cssprop --parley-color-surface - Panel background.
 * @cssprop --parley-color-surface-alt - Agent bubble background.
 * @cssprop --parley-color-text - Text colour.
 * @cssprop --parley-color-muted - Secondary text.
 * @cssprop --parley-color-border - Borders of form controls.
 * @cssprop --parley-color-error - Error text.
 * @cssprop --parley-font-family - Font of the whole widget.
 * @cssprop --parley-font-size - Base text size.
 * @cssprop --parley-radius - Corner radius of the panel and bubbles.
 * @cssprop --parley-shadow - Shadow of the launcher and panel.
 * @cssprop --parley-z-index - Stacking level of the launcher and panel.
 * @cssprop --parley-inset-block-end - Distance of the launcher from the bottom of the viewport.
 * @cssprop --parley-inset-inline-end - Distance of the launcher from the end side (right in LTR).
 * @cssprop --parley-launcher-size - Diameter of the launcher.
 * @cssprop --parley-launcher-background - Launcher background (defaults to the brand colour).
 * @cssprop --parley-launcher-color - Launcher icon colour.
 * @cssprop --parley-badge-background - Unread badge background.
 * @cssprop --parley-badge-color - Unread badge text.
 * @cssprop --parley-header-background - Header background (defaults to the brand colour).
 * @cssprop --parley-header-color - Header text colour.
 * @cssprop --parley-panel-width - Width of the floating panel.
 * @cssprop --parley-panel-height - Height of the floating panel.
 *
 * @cssstate ready - The profile loaded; the launcher is shown.
 * @cssstate open - The panel is open.
 * @cssstate unread - There are agent messages the customer has not seen.
 * @cssstate unavailable - The chat cannot be offered (unknown or deactivated POC, refused connection).
 *
 * @fires parley-ready - The profile loaded and the launcher is shown. `detail: { poc, profile, locale }`.
 * @fires parley-open - The panel is about to open. Cancelable. `detail: { poc }`.
 * @fires parley-close - The panel is about to close. Cancelable. `detail: { poc }`.
 * @fires parley-message - A message was added to the conversation. `detail`: the `ChatMessage`.
 * @fires parley-error - The chat cannot be offered for this POC. `detail: { poc, error }`.
 */
export class ParleyChat extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${styles}`;

  readonly #profile = new ChatProfileController(this, {
    args: () => ({ server: this.#server, poc: this.poc }),
    onReady: (profile) => this.#handleProfileReady(profile),
    onError: (error, explanation) => this.#report(error, `${explanation}. The chat stays hidden.`),
  });
  readonly #session = new ChatSessionController(this, (next, prev) => this.#handleSessionChange(next, prev));
  readonly #announcer = new LiveAnnouncerController(this);
  readonly #narrow = new MediaQueryController(this, NARROW);
  // Registers itself with the host and keeps the panel beside the launcher; never read directly.
  readonly #floating = new FloatingController(this, {
    reference: () => this.launcherEl,
    floating: () => this.panelEl,
    enabled: () => this.isOpen && !this.#narrow.matches,
    placement: 'top-end',
  });
  // Keeps the full-screen panel above the on-screen keyboard on phones; never read directly.
  readonly #viewport = new VisualViewportController(this, () => this.panelEl);

  /** Id of the chat point of contact. Required. */
  @property() poc: string | null = null;
  /** Origin of the Parley server; defaults to the page's own origin. */
  @property() server: string | null = null;
  /** Language of the widget (`en`, `fr`); defaults to the profile's, then the browser's. */
  @property() locale: string | null = null;
  /** Whether the panel is open; reflects to the `open` attribute. Use `open()`/`close()` to get the events. */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) isOpen = false;

  @query('[part~="launcher"]') private launcherEl!: HTMLButtonElement | null;
  @query('[part~="panel"]') private panelEl!: HTMLElement | null;
  @query('parley-message-list') private messageList!: ParleyMessageList | null;
  @query('parley-composer') private composer!: ParleyComposer | null;

  #internals = this.attachInternals();
  #t: Translate<WidgetKey> = translator(widgetCatalogue, 'en');
  #locale = 'en';
  /** The panel is rendered from its first opening on, and then only hidden, to keep the draft. */
  #everOpened = false;
  #connectRequested = false;
  /**
   * Move focus on the next change: into the panel when opened by the launcher or `open()` (not by
   * the attribute), back to the launcher when closed while focus was in the panel.
   */
  #moveFocus = false;
  /** Agent messages not seen with the panel open. */
  #unread = 0;
  /** Last message seen with the panel open, kept per POC so a reload keeps the count right. */
  #seen: { conversationId: string; seq: number } | null = null;
  /** Stored messages already handled (announced, or history that must not be). */
  #known = new Set<string>();
  /** Failures already reported, so the website owner gets one error per cause. */
  #reported = new Set<string>();
  #tokenSheet: CSSStyleSheet | null = null;
  /** The profile just loaded: fire `parley-ready` after the render that shows the launcher. */
  #readyToAnnounce = false;

  get #server(): string {
    return this.server || globalThis.location?.origin || '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#locale = this.#resolveLocale(this.#profile.profile);
    this.#t = translator(widgetCatalogue, this.#locale);
    if (this.isOpen) this.#everOpened = true;

    const ready = this.#profile.status === 'ready' && this.poc;
    if (ready && this.poc) this.#session.configure({ server: this.#server, poc: this.poc, locale: this.#locale });
    if (changed.has('poc') || changed.has('server')) {
      // Another chat altogether: its own seen mark, history and (lazy) connection.
      this.#seen = this.poc ? this.#readSeen(this.poc) : null;
      this.#known = new Set();
      this.#connectRequested = false;
    }
    this.#unread = this.#countUnread();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const ready = this.#profile.status === 'ready';
    this.#setState('ready', ready);
    this.#setState('open', this.isOpen && ready);
    this.#setState('unread', this.#unread > 0);
    this.#setState('unavailable', this.#profile.status === 'error' || this.#session.state?.connection === 'refused');

    if (ready && this.#readyToAnnounce) {
      this.#readyToAnnounce = false;
      const profile = this.#profile.profile!;
      const event = new ParleyReadyEvent({ poc: profile.poc.id, profile, locale: this.#locale });
      this.dispatchEvent(event);
    }
    if (ready && !this.#connectRequested && (this.isOpen || ChatSessionController.hasVisitor(this.poc ?? ''))) {
      this.#connectRequested = true;
      void this.#session.connect();
    }
    if (changed.has('isOpen') && ready) {
      if (this.isOpen) {
        this.messageList?.scrollToEnd();
        if (this.#moveFocus) void this.#focusComposer();
      } else if (changed.get('isOpen') === true && this.#moveFocus) {
        this.launcherEl?.focus();
      }
      this.#moveFocus = false;
    }
  }

  /** Opens the panel (fires the cancelable `parley-open`). */
  open(): void {
    if (this.isOpen) return;
    const event = new ParleyOpenEvent({ poc: this.poc ?? '' });
    if (!this.dispatchEvent(event)) return;
    this.#moveFocus = true;
    this.isOpen = true;
  }

  /** Closes the panel (fires the cancelable `parley-close`); the conversation goes on. */
  close(): void {
    if (!this.isOpen) return;
    const event = new ParleyCloseEvent({ poc: this.poc ?? '' });
    if (!this.dispatchEvent(event)) return;
    // Focus goes back to the launcher when it was in the panel, which is about to disappear.
    this.#moveFocus = this.#focusIsInPanel();
    this.isOpen = false;
  }

  /** Opens the panel if it is closed, closes it if it is open. */
  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  #handleProfileReady(profile: PublicChatProfile): void {
    const tokens = profileToTokens(profile.profile);
    const rule = `:host{${Object.entries(tokens)
      .map(([name, value]) => `${name}:${value};`)
      .join('')}}`;
    const root = this.renderRoot as ShadowRoot;
    if (!this.#tokenSheet) {
      // Tokens go on :host in the shadow tree: page rules on the element still win over them.
      this.#tokenSheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [this.#tokenSheet, ...root.adoptedStyleSheets];
    }
    this.#tokenSheet.replaceSync(rule);
    // Announced once the launcher is rendered (see updated()).
    this.#readyToAnnounce = true;
  }

  #handleSessionChange(next: ChatSessionState, prev: ChatSessionState | null): void {
    const t = this.#t;
    if (next.connection === 'refused' && prev?.connection !== 'refused') {
      const error = next.error ?? { code: 'internal_error', message: 'refused' };
      this.#report(error, `the server refused the chat connection (${error.code}: ${error.message}). The chat shows it is unavailable`);
      this.#announcer.announce(t('connection.refused'));
    }
    if (prev?.connection === 'connected' && next.connection === 'reconnecting') {
      this.#announcer.announce(t('connection.reconnecting'));
    } else if (prev?.connection === 'reconnecting' && next.connection === 'connected') {
      this.#announcer.announce(t('connection.restored'));
    }

    const fresh = next.messages.filter((m) => !this.#known.has(m.id));
    for (const m of fresh) this.#known.add(m.id);
    // A batch landing in an empty transcript with nothing being sent is a resumed chat's history:
    // it is shown, not announced, and not re-fired as parley-message.
    const history = !prev || (prev.messages.length === 0 && !prev.pending.some((p) => p.status === 'sending'));
    if (fresh.length && !history) {
      for (const m of fresh) {
        const event = new ParleyMessageEvent(m);
        this.dispatchEvent(event);
        if (m.author === 'agent') {
          const name = m.authorName || next.conversation?.agentName || t('author.agent');
          this.#announcer.announce(t('announce.agentMessage', { name, text: sanitizeAgentHtml(m.text).textContent ?? '' }));
        } else if (m.author === 'system' && m.event && m.event.type !== 'ended') {
          this.#announcer.announce(phraseEvent(t, m.event));
        }
      }
    }

    const before = prev?.conversation;
    const now = next.conversation;
    if (now?.status === 'queued' && now.queuePosition && (before?.id !== now.id || before.queuePosition !== now.queuePosition)) {
      this.#announcer.announce(t('queue.position', { position: now.queuePosition }));
    }
    if (now?.status === 'ended' && before?.id === now.id && before.status !== 'ended') {
      this.#announcer.announce(t('ended.notice'));
    }
  }

  #handleLauncherClick(): void {
    this.toggle();
  }

  #handleLauncherKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.isOpen) this.close();
  }

  #handlePanelKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'Tab' && this.#narrow.matches) {
      this.#wrapFocus(event);
    }
  }

  /**
   * Full screen, the panel hides the page, so it behaves as a modal dialog: Tab from its last
   * control goes to its first one and Shift+Tab the other way, instead of into the hidden page.
   */
  #wrapFocus(event: KeyboardEvent): void {
    const first = this.renderRoot.querySelector<HTMLElement>('[part~="header"] button');
    const last = this.composer?.shadowRoot?.querySelector<HTMLElement>('[part~="send-button"]:not(:disabled)');
    const target = event.composedPath()[0];
    if (!first || !last) return;
    if (!event.shiftKey && target === last) {
      event.preventDefault();
      first.focus();
    } else if (event.shiftKey && target === first) {
      event.preventDefault();
      last.focus();
    }
  }

  #handleCloseClick(): void {
    this.close();
  }

  async #handleEndClick(): Promise<void> {
    // The button disappears once the chat ended: keep focus in the panel, on the message box.
    void this.#focusComposer();
    await this.#session.session?.end();
  }

  #handleSend(event: ComposeSendEvent): void {
    const session = this.#session.session;
    if (!session) {
      // The transport is still loading: the text goes out as soon as it is there.
      void this.#session.connect().then(() => this.#session.session?.send(event.text));
      return;
    }
    const result = session.send(event.text);
    if (typeof result !== 'string') event.preventDefault();
  }

  #handleTyping(event: ComposeTypingEvent): void {
    this.#session.session?.setTyping(event.typing);
  }

  #handleRetry(event: RetryMessageEvent): void {
    this.#session.session?.retry(event.clientId);
  }

  #resolveLocale(profile: PublicChatProfile | null): string {
    const browser = globalThis.navigator?.languages ?? [];
    // The page's choice, then the visitor's browser, then the profile's default language.
    return resolveLocale([this.locale, ...browser.filter((l) => WIDGET_LOCALES.some((w) => l.toLowerCase().startsWith(w))), profile?.profile.locale], WIDGET_LOCALES);
  }

  /** Logs one console error (and fires one `parley-error`) per distinct failure. */
  #report(error: ProtocolError, explanation: string): void {
    const key = `${this.#server}\n${this.poc}\n${error.code}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    const who = this.poc ? `<parley-chat poc="${this.poc}">` : '<parley-chat>';
    console.error(`Parley: ${who}: ${explanation}.`);
    const event = new ParleyErrorEvent({ poc: this.poc ?? '', error: { ...error, message: explanation } });
    this.dispatchEvent(event);
  }

  #countUnread(): number {
    const state = this.#session.state;
    const conversation = state?.conversation;
    if (!state || !conversation) return 0;
    if (this.isOpen && this.#profile.status === 'ready') {
      const seq = lastSeq(state.messages);
      const seen = this.#seen;
      if (!seen || seen.conversationId !== conversation.id || seen.seq < seq) this.#writeSeen(conversation.id, seq);
      return 0;
    }
    const after = this.#seen?.conversationId === conversation.id ? this.#seen.seq : 0;
    return state.messages.filter((m) => m.author === 'agent' && m.seq > after).length;
  }

  #readSeen(poc: string): { conversationId: string; seq: number } | null {
    try {
      const value: unknown = JSON.parse(browserStorage()?.getItem(`parley:seen:${poc}`) ?? 'null');
      const seen = value as { conversationId?: unknown; seq?: unknown } | null;
      return seen && typeof seen.conversationId === 'string' && typeof seen.seq === 'number'
        ? { conversationId: seen.conversationId, seq: seen.seq }
        : null;
    } catch {
      return null;
    }
  }

  #writeSeen(conversationId: string, seq: number): void {
    this.#seen = { conversationId, seq };
    if (this.poc) browserStorage()?.setItem(`parley:seen:${this.poc}`, JSON.stringify(this.#seen));
  }

  /** Focuses the message box once it has rendered (a first opening renders it just now). */
  async #focusComposer(): Promise<void> {
    const composer = this.composer;
    if (!composer) return;
    await composer.updateComplete;
    if (this.isOpen) composer.focus();
  }

  #focusIsInPanel(): boolean {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    return !!active && !!this.panelEl?.contains(active);
  }

  #setState(name: string, on: boolean): void {
    try {
      if (on) this.#internals.states.add(name);
      else this.#internals.states.delete(name);
    } catch {
      // Browsers before CustomStateSet (or with the older `--name` syntax): states are a bonus.
    }
  }

  protected override render(): TemplateResult {
    const profile = this.#profile.status === 'ready' ? this.#profile.profile : null;
    return html`<div class="theme" lang=${this.#locale} ?data-open=${this.isOpen}>
      ${this.#announcer.render()} ${profile ? [this.renderLauncher(), this.renderPanel(profile)] : nothing}
    </div>`;
  }

  private renderLauncher(): TemplateResult {
    const t = this.#t;
    const unread = this.isOpen ? 0 : this.#unread;
    const label = this.isOpen
      ? t('launcher.close')
      : unread > 0
        ? t(plural(this.#locale, unread, 'launcher.openUnread.one', 'launcher.openUnread.other'), { count: unread })
        : t('launcher.open');
    return html`<button
      type="button"
      class="launcher"
      part="launcher"
      aria-expanded=${this.isOpen ? 'true' : 'false'}
      aria-controls=${ifDefined(this.#everOpened ? 'panel' : undefined)}
      aria-label=${label}
      @click=${this.#handleLauncherClick}
      @keydown=${this.#handleLauncherKeydown}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${this.isOpen ? closeIcon : chatIcon}</svg>
      ${unread > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${unread > 9 ? '9+' : unread}</span>` : nothing}
    </button>`;
  }

  private renderPanel(profile: PublicChatProfile): TemplateResult | typeof nothing {
    if (!this.#everOpened) return nothing;
    const t = this.#t;
    const texts = localizedTexts(profile.profile, this.#locale);
    const state = this.#session.state;
    const conversation = state?.conversation ?? null;
    const canEnd = !!conversation && conversation.status !== 'ended' && state?.connection === 'connected';
    return html`<div
      id="panel"
      class="panel"
      part="panel"
      role="dialog"
      aria-labelledby="title"
      aria-modal=${this.#narrow.matches ? 'true' : 'false'}
      ?hidden=${!this.isOpen}
      @keydown=${this.#handlePanelKeydown}
    >
      <div class="header" part="header">
        <div class="heading">
          <h2 id="title" class="title" part="title">${texts.title}</h2>
          ${texts.subtitle ? html`<p class="subtitle">${texts.subtitle}</p>` : nothing}
        </div>
        ${canEnd
          ? html`<button type="button" class="end-button" part="end-button" @click=${this.#handleEndClick}>
              ${t('panel.endChat')}
            </button>`
          : nothing}
        <button type="button" class="close-button" part="close-button" aria-label=${t('panel.close')} @click=${this.#handleCloseClick}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${closeIcon}</svg>
        </button>
      </div>
      <parley-message-list
        exportparts="log, message, message-customer, message-agent, message-system, message-greeting, bubble, retry-button, status"
        .messages=${state?.messages ?? []}
        .pending=${state?.pending ?? []}
        .conversation=${conversation}
        connection=${state?.connection ?? 'connecting'}
        ?agent-typing=${state?.agentTyping ?? false}
        greeting=${texts.greeting}
        locale=${this.#locale}
        @retry-message=${this.#handleRetry}
      ></parley-message-list>
      <parley-composer
        exportparts="composer, input, send-button"
        locale=${this.#locale}
        ?disabled=${state?.connection === 'refused'}
        @compose-send=${this.#handleSend}
        @compose-typing=${this.#handleTyping}
      ></parley-composer>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
