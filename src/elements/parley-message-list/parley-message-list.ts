import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { phraseEvent, phraseRateLimited, WIDGET_LOCALES, widgetCatalogue, type WidgetKey } from '../../core/catalogues/widget.js';
import type { ConnectionState, PendingMessage } from '../../core/chat-session.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { deliveryStatus } from '../../core/messages.js';
import type { ChatMessage, CustomerConversation } from '../../protocol/index.js';
import { agentHtml, agentHtmlNow } from '../base/agent-html.js';
import { DELIVERY_KEYS, deliveryIcon, deliveryIconStyles, lastOwnKey, type OwnMessageState } from '../base/delivery.js';
import { ParleyElement } from '../base/parley-element.js';
import { palette } from '../parley-chat/parley-chat.styles.js';
import { styles } from './parley-message-list.styles.js';

/** Internal: the customer asks to send a failed message again. Bubbles, not composed. */
export class RetryMessageEvent extends Event {
  static readonly eventName = 'retry-message';
  constructor(readonly clientId: string) {
    super(RetryMessageEvent.eventName, { bubbles: true, composed: false });
  }
}

/** Within this distance from the bottom, the reader counts as following the conversation. */
const STICK_PX = 32;

/**
 * Stored messages rendered at first, counted from the end. A returning visitor's history can hold
 * thousands; rendering them all costs seconds on a phone-class CPU, while 100 rows fill even a
 * full-screen panel several times over and render in a few frames.
 */
export const WINDOW_ROWS = 100;
/** Earlier (or later) messages added at a time, as the reader scrolls or asks for them. */
export const PAGE_ROWS = 100;
/**
 * Stored messages rendered at most, once the reader pages through a long history: each page
 * added at one end takes as many rows away at the other, far from view. Rendering (and laying
 * out) a page then costs the same at the 50th page as at the first.
 */
export const MAX_ROWS = 300;
/**
 * The next page is rendered once an end of the log is this close to view, so that a reader
 * scrolling at an ordinary pace finds rows there rather than waiting at the edge.
 */
const EDGE_MARGIN_PX = 600;
/**
 * Rows this close to view are never taken away: twice the margin above, so that the rows a page
 * takes away leave the far edge out of the margin (no page there at once, undoing this one).
 */
const KEEP_PX = 2 * EDGE_MARGIN_PX;

/**
 * The transcript of one chat, as the customer sees it: the greeting, stored messages in `seq`
 * order, texts still being sent, and the conversation's status (queue position, agent typing,
 * refused connection, ended). Used inside `<parley-chat>`; it renders data and owns no session.
 *
 * Each of the customer's own messages shows where it is: sending (a clock), sent (one tick),
 * delivered to the agent's console (two ticks), read (two ticks on a disc, in the focus colour),
 * or not sent (with a Retry button). The state is said as text too: visibly under the customer's
 * last message, visually hidden for the others. Stored rows carry `data-seq`, `data-client-id`
 * and `data-delivery` (`sent`, `delivered`, `read`); rows still in the outbox carry
 * `data-client-id` and `data-status` (`sending`, `failed`).
 *
 * Customer texts are rendered as text, agent texts only through the strict sanitizer, system
 * events are phrased from the catalogue. The list is `role="log"` with `aria-live="off"`: new
 * messages are announced once by the host's live region, not by DOM diffs.
 *
 * Long histories are windowed: only the last {@link WINDOW_ROWS} stored messages are rendered at
 * first, and earlier ones come in pages of {@link PAGE_ROWS} as the reader scrolls up near the top
 * or presses "Show earlier messages" there (keyboard and screen reader users cannot always
 * scroll-trigger), the row in view staying where it was. Past {@link MAX_ROWS} rendered messages,
 * each page added at one end takes rows away at the other, never rows in or near view; the
 * bottom then ends with "Show later messages", which pages back down the same way. While the
 * window reaches the end of the list, new messages render; when it does not, they wait below
 * until the reader pages down, sends a message, or reopens the panel (which go back to the end).
 * Rows before the last 30 rendered also skip layout and paint while off screen
 * (`content-visibility: auto`). The greeting shows once the window reaches the first message.
 *
 * @tagname parley-message-list
 *
 * @csspart log - The scrolling transcript (`role="log"`).
 * @csspart earlier-button - The "Show earlier messages" button at the top of a long transcript.
 * @csspart later-button - The "Show later messages" button at the bottom, once the reader has paged far up a long transcript.
 * @csspart message - Every message row; also `message-customer`, `message-agent`, `message-system`, `message-greeting`.
 * @csspart bubble - The bubble of a customer or agent message.
 * @csspart avatar - The agent's picture (or initials) beside the first of their messages in a row.
 * @csspart retry-button - The "Retry" button of a message that failed to send.
 * @csspart delivery-icon - The state icon beside each of the customer's messages (sending, sent, delivered, read, failed).
 * @csspart delivery - The state in words under the customer's last message ("Sending…", "Sent", "Delivered", "Read", or "Not sent" with Retry).
 * @csspart status - The line under the log: queue position, typing, refused connection, chat ended.
 *
 * @fires retry-message - Internal (not composed): the customer asks to re-send the failed text `clientId`.
 *
 * @cssprop --parley-color-brand - Background of the customer's bubbles.
 * @cssprop --parley-color-on-brand - Text on the customer's bubbles.
 * @cssprop --parley-color-surface - Background of the list.
 * @cssprop --parley-color-surface-alt - Background of agent bubbles.
 * @cssprop --parley-color-text - Text colour.
 * @cssprop --parley-color-muted - Secondary text (author, time, status).
 * @cssprop --parley-color-error - Text of failures.
 * @cssprop --parley-color-focus - Focus ring, and the icon of a message the agent has read.
 * @cssprop --parley-radius - Corner radius of bubbles.
 * @cssprop --parley-spacing - Base spacing unit (the profile's density).
 */
export class ParleyMessageList extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${deliveryIconStyles}${styles}`;

  /** Stored messages, sorted by `seq` (as `ChatSession` keeps them). */
  @property({ attribute: false }) messages: ChatMessage[] = [];
  /** Customer texts not acknowledged yet. */
  @property({ attribute: false }) pending: PendingMessage[] = [];
  /** The conversation shown, or null before the first message. */
  @property({ attribute: false }) conversation: CustomerConversation | null = null;
  /** Connection state of the session; only `refused` shows here (the chat's notice says the others). */
  @property() connection: ConnectionState = 'idle';
  /** When `connection` is `refused`: the server's error code, which words the refusal. */
  @property() refusal: string | null = null;
  /** Whether the agent is typing. */
  @property({ type: Boolean, attribute: 'agent-typing' }) agentTyping = false;
  /** The profile's greeting, shown first. */
  @property() greeting = '';
  /** Locale of the widget's own texts (`en`, `fr`). */
  @property() locale = 'en';
  /** `https:` picture shown beside agent messages; initials of the agent's name when null. */
  @property({ attribute: 'avatar-url' }) avatarUrl: string | null = null;

  @query('[part~="log"]') private logEl!: HTMLElement | null;
  @query('.rows') private rowsEl!: HTMLElement | null;
  @query('.earlier') private earlierEl!: HTMLElement | null;
  @query('.later') private laterEl!: HTMLElement | null;

  #t: Translate<WidgetKey> = translator(widgetCatalogue, 'en');
  #locale = 'en';
  #time = new Intl.DateTimeFormat('en', { timeStyle: 'short' });
  /** Sanitised agent texts, built once per message id (the sanitizer is not free). */
  readonly #agentNodes = new Map<string, HTMLElement>();
  /** Agent messages waiting for the sanitiser to load (see agent-html.ts). */
  readonly #filling = new Set<Promise<void>>();
  /** Whether the reader is at the end of the conversation; kept by the log's scroll events. */
  #stickToBottom = true;
  /** The scroll position scrollToEnd() last set; a scroll elsewhere is the reader's. */
  #ownScrollTop = -1;
  /** Whether the avatar picture failed to load (then initials show instead). */
  #avatarBroken = false;
  /** Index in `messages` of the first message rendered. */
  #windowStart = 0;
  /** Id of that message, so the window keeps its place when messages are added or the array replaced. */
  #windowFirstId: string | null = null;
  /** Index in `messages` after the last message rendered, or null while the window runs to the end (and follows it). */
  #windowEnd: number | null = null;
  /** Id of the last message rendered (following or not), for the same reason as `#windowFirstId`. */
  #windowLastId: string | null = null;
  /** Whether a page is being rendered (the observer may report twice meanwhile). */
  #paging = false;
  /**
   * Renders the next page when an end of the window nears view. An observer, not a scroll
   * handler: it needs no layout reads while scrolling, and it also fires when an end is in view
   * without any scrolling (a window shorter than the panel).
   */
  #edgeObserver: IntersectionObserver | null = null;
  /** The window when its ends were last observed: a new page means observing anew. */
  #observedWindow = '';
  /** Keeps the end in view while following, when rows grow after rendering (off-screen rows get their real size, pictures load). */
  readonly #rowsResize = new ResizeObserver(() => {
    if (this.#stickToBottom) this.scrollToEnd();
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the document: observe again what disconnecting stopped observing.
    if (!this.hasUpdated) return;
    this.#rowsResize.observe(this.rowsEl!);
    this.#watchEdges();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#edgeObserver?.disconnect();
    this.#edgeObserver = null;
    this.#observedWindow = '';
    this.#rowsResize.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      const locale = resolveLocale([this.locale], WIDGET_LOCALES);
      this.#t = translator(widgetCatalogue, locale);
      this.#locale = locale;
      this.#time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
    }
    if (changed.has('avatarUrl')) this.#avatarBroken = false;
    if (changed.has('messages')) {
      const ids = new Set(this.messages.map((m) => m.id));
      for (const id of this.#agentNodes.keys()) if (!ids.has(id)) this.#agentNodes.delete(id);
      this.#placeWindow();
    }
    // The customer's own new text shows at the end, where `updated` scrolls to.
    if (this.#grewByCustomer(changed) && this.#windowEnd !== null) this.#windowToEnd();
  }

  protected override firstUpdated(): void {
    this.#rowsResize.observe(this.rowsEl!);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.#stickToBottom || this.#grewByCustomer(changed)) this.scrollToEnd();
    this.#watchEdges();
  }

  #grewByCustomer(changed: PropertyValues<this>): boolean {
    return changed.has('pending') && this.pending.length > (changed.get('pending')?.length ?? 0);
  }

  /** Scrolls the transcript to its last message (rendering the last rows first, when the reader had paged far up). */
  scrollToEnd(): void {
    if (this.#windowEnd !== null) {
      this.#windowToEnd();
      this.#stickToBottom = true;
      // `updated` scrolls once the last rows are there.
      this.requestUpdate();
      return;
    }
    const log = this.logEl;
    if (log) {
      log.scrollTop = log.scrollHeight;
      this.#ownScrollTop = log.scrollTop;
    }
    this.#stickToBottom = true;
  }

  /**
   * Renders the previous page of earlier messages above the window, keeping the rows in view where
   * they were on screen; past {@link MAX_ROWS}, rows far below the view go. Resolves once
   * rendered; does nothing when the first message is rendered.
   */
  async showEarlier(): Promise<void> {
    if (this.#windowStart === 0 || this.#paging) return;
    // The observer may report before the scroll event that brought the top near view.
    this.#measureStick();
    const end = this.#endIndex();
    const start = Math.max(0, this.#windowStart - PAGE_ROWS);
    // Rows from `below` on are far under the view: they can go, down to MAX_ROWS rendered.
    const below = this.#firstRow((box, view) => box.top > view.bottom + KEEP_PX);
    const keepTo = Math.max(start + MAX_ROWS, below);
    // Every rendered row moves down by the height added above: the first one stands for all.
    await this.#page('earlier-button', this.rowsEl?.firstElementChild ?? null, start, keepTo < end ? keepTo : this.#windowEnd);
  }

  /**
   * Renders the next page of later messages below the window, after the reader paged far up;
   * rows far above the view go, the rows in view staying where they were on screen. Resolves once
   * rendered; does nothing when the window reaches the end.
   */
  async showLater(): Promise<void> {
    if (this.#windowEnd === null || this.#paging) return;
    const end = this.#windowEnd + PAGE_ROWS >= this.messages.length ? null : this.#windowEnd + PAGE_ROWS;
    // Rows before `above` are far over the view: they can go, down to MAX_ROWS rendered.
    const above = this.#firstRow((box, view) => box.bottom >= view.top - KEEP_PX);
    const start = Math.max(this.#windowStart, Math.min((end ?? this.messages.length) - MAX_ROWS, above));
    // The first row in view stands for all that stay (rows above go, rows come in below).
    const anchor = this.#rowOf(this.#firstRow((box, view) => box.bottom > view.top));
    await this.#page('later-button', anchor, start, end);
  }

  /** Index in `messages` after the last message rendered. */
  #endIndex(): number {
    return this.#windowEnd ?? this.messages.length;
  }

  #setWindow(start: number, end: number | null): void {
    const { messages } = this;
    this.#windowStart = start;
    this.#windowFirstId = messages[start]?.id ?? null;
    this.#windowEnd = end;
    this.#windowLastId = messages[(end ?? messages.length) - 1]?.id ?? null;
  }

  /** The last {@link WINDOW_ROWS}, following the end. */
  #windowToEnd(): void {
    this.#setWindow(Math.max(0, this.messages.length - WINDOW_ROWS), null);
  }

  /** The row of the rendered message at `index` in `messages`. */
  #rowOf(index: number): Element | null {
    const greeting = this.#windowStart === 0 && this.greeting ? 1 : 0;
    return this.rowsEl?.children[greeting + index - this.#windowStart] ?? null;
  }

  /**
   * The first rendered message (index in `messages`) whose row is `past` the log's view, rows
   * being in order: a binary search, so a few layout reads whatever the window. The end of the
   * window when none is, or when the log is not laid out (nothing is known to be far from view).
   */
  #firstRow(past: (box: DOMRect, view: DOMRect) => boolean): number {
    const log = this.logEl;
    let low = this.#windowStart;
    let high = this.#endIndex();
    if (!log || log.clientHeight === 0) return high;
    const view = log.getBoundingClientRect();
    while (low < high) {
      const middle = (low + high) >> 1;
      const row = this.#rowOf(middle);
      if (row && past(row.getBoundingClientRect(), view)) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /**
   * Renders the window from `start` to `end` (null: to the end of the list), then moves the log
   * so that `anchor` (a row that stays) is where it was on screen. Chromium's scroll anchoring may
   * have done so already (then the shift is 0); other browsers, and a log scrolled to 0, need it.
   * When the button `part` that asked goes with this page (the last one), focus stays in the
   * transcript rather than falling to the page.
   */
  async #page(part: string, anchor: Element | null, start: number, end: number | null): Promise<void> {
    this.#paging = true;
    try {
      const button = () => this.renderRoot.querySelector(`[part~="${part}"]`);
      const hadFocus = this.shadowRoot?.activeElement != null && this.shadowRoot.activeElement === button();
      const before = anchor?.getBoundingClientRect().top ?? 0;
      this.#setWindow(start, end);
      this.requestUpdate();
      await this.updateComplete;
      const log = this.logEl;
      if (log && anchor?.isConnected) {
        const shift = anchor.getBoundingClientRect().top - before;
        if (Math.abs(shift) >= 1) log.scrollTop += shift;
      }
      if (hadFocus && !button()) log?.focus({ preventScroll: true });
    } finally {
      this.#paging = false;
    }
  }

  /**
   * Keeps the window's messages where they are in the list (messages added at the end while the
   * reader reads earlier ones, the array replaced with the same messages), or, for a new list (a
   * history just loaded, another conversation) and a list growing while the reader follows its
   * end, shows its last {@link WINDOW_ROWS}. A window that follows the end stops following it at
   * {@link MAX_ROWS} while the reader is up among earlier messages: what arrives waits below.
   */
  #placeWindow(): void {
    const { messages } = this;
    const indexOf = (id: string | null, guess: number): number =>
      id === null ? -1 : messages[guess]?.id === id ? guess : messages.findIndex((m) => m.id === id);
    const start = indexOf(this.#windowFirstId, this.#windowStart);
    const last = indexOf(this.#windowLastId, this.#endIndex() - 1);
    // A new list (or one that lost the window's messages): its last rows only.
    if (start < 0 || last < start) return this.#windowToEnd();
    if (this.#windowEnd !== null) return this.#setWindow(start, last + 1);
    // Following the end: a history arriving in pages, a long conversation keep the last rows only,
    // so the list never holds the whole history.
    if (this.#stickToBottom) return messages.length - start > WINDOW_ROWS ? this.#windowToEnd() : this.#setWindow(start, null);
    const keepTo = Math.max(start + MAX_ROWS, last + 1);
    this.#setWindow(start, keepTo < messages.length ? keepTo : null);
  }

  /** Watches the "Show earlier/later messages" lines while there are any; a page renders when one nears view. */
  #watchEdges(): void {
    const log = this.logEl;
    const edges = [this.earlierEl, this.laterEl].filter((edge) => edge !== null);
    if (edges.length === 0 || !log) {
      this.#edgeObserver?.disconnect();
      this.#observedWindow = '';
      return;
    }
    const window = `${this.#windowStart}:${this.#windowEnd}`;
    if (this.#observedWindow === window) return;
    this.#observedWindow = window;
    this.#edgeObserver ??= new IntersectionObserver((entries) => this.#handleEdgeSeen(entries), {
      root: log,
      rootMargin: `${EDGE_MARGIN_PX}px 0px`,
    });
    // Observing anew reports the current state, so a page that left an edge in view asks for the next.
    this.#edgeObserver.disconnect();
    for (const edge of edges) this.#edgeObserver.observe(edge);
  }

  #handleEdgeSeen(entries: IntersectionObserverEntry[]): void {
    const seen = entries.filter((e) => e.isIntersecting).map((e) => e.target);
    const log = this.logEl;
    // Not in a log that is not laid out (the panel closed).
    if (seen.length === 0 || !log || log.clientHeight === 0) return;
    if (seen.includes(this.laterEl!)) {
      void this.showLater();
      return;
    }
    // Only a reader moving up asks for earlier rows: not one that follows the conversation at its
    // end (a history just rendered, before its scroll to the end is seen), unless the window is
    // too short to scroll at all.
    this.#measureStick();
    if (this.#stickToBottom && log.scrollHeight > log.clientHeight + STICK_PX) return;
    void this.showEarlier();
  }

  #handleShowEarlierClick(): void {
    void this.showEarlier();
  }

  #handleShowLaterClick(): void {
    void this.showLater();
  }

  #handleScroll(): void {
    this.#measureStick();
  }

  #measureStick(): void {
    const log = this.logEl;
    // Where scrollToEnd() left it, the reader has not moved: rows added since (their scroll event
    // comes after them) do not mean the reader went up.
    if (!log || log.clientHeight === 0 || log.scrollTop === this.#ownScrollTop) return;
    // The bottom of a window that stops short of the end is not the end of the conversation.
    this.#stickToBottom = this.#windowEnd === null && log.scrollHeight - log.scrollTop - log.clientHeight <= STICK_PX;
  }

  #handleRetry(clientId: string): void {
    const event = new RetryMessageEvent(clientId);
    this.dispatchEvent(event);
  }

  #agentNode(m: ChatMessage): HTMLElement {
    let node = this.#agentNodes.get(m.id);
    if (!node) {
      node = document.createElement('div');
      node.className = 'rich';
      const now = agentHtmlNow(m.text);
      if (now) node.append(now);
      else this.#fillLater(node, m.text);
      this.#agentNodes.set(m.id, node);
    }
    return node;
  }

  /** Fills a message's node once the sanitiser has loaded; `updateComplete` waits for it. */
  #fillLater(node: HTMLElement, html: string): void {
    const filled = agentHtml(html).then((fragment) => {
      // The rows grow: #rowsResize keeps the end in view, as for a picture that loads.
      node.append(fragment);
      this.#filling.delete(filled);
    });
    this.#filling.add(filled);
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#filling.size > 0) {
      await Promise.all(this.#filling);
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  #handleAvatarError(): void {
    this.#avatarBroken = true;
    this.requestUpdate();
  }

  #formatTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : this.#time.format(date);
  }

  protected override render(): TemplateResult {
    // The customer's last message (stored or not) says its state in words.
    const lastOwn = lastOwnKey(this.pending, this.messages, 'customer');
    const start = this.#windowStart;
    const end = this.#endIndex();
    const following = this.#windowEnd === null;
    return html`<div class="theme">
      <div class="log" part="log" role="log" aria-live="off" aria-label=${this.#t('log.label')} tabindex="0" @scroll=${this.#handleScroll}>
        ${start > 0
          ? html`<div class="earlier">
              <button type="button" part="earlier-button" @click=${this.#handleShowEarlierClick}>${this.#t('log.showEarlier')}</button>
            </div>`
          : nothing}
        <div class="rows">
          ${start === 0 && this.greeting ? this.renderGreeting() : nothing}
          ${repeat(
            this.messages.slice(start, end),
            (m) => m.id,
            // The author line of the window's first row still depends on the message before it,
            // so a row does not change (nor move) when the page above it comes in.
            (m, i) => this.renderMessage(m, this.messages[start + i - 1], lastOwn),
          )}
          ${following
            ? repeat(
                this.pending,
                (p) => p.clientId,
                (p) => this.renderPending(p, lastOwn),
              )
            : nothing}
        </div>
        ${following
          ? nothing
          : html`<div class="later">
              <button type="button" part="later-button" @click=${this.#handleShowLaterClick}>${this.#t('log.showLater')}</button>
            </div>`}
      </div>
      ${this.renderStatus()}
    </div>`;
  }

  private renderGreeting(): TemplateResult {
    return html`<div class="row agent" part="message message-greeting">
      ${this.renderAvatar(null, true)}
      <div class="content">
        <span class="visually-hidden">${this.#t('author.greeting')}:</span>
        <div class="bubble" part="bubble">${this.greeting}</div>
      </div>
    </div>`;
  }

  private renderMessage(m: ChatMessage, previous: ChatMessage | undefined, lastOwn: string | null): TemplateResult {
    if (m.author === 'system') {
      const text = m.event ? phraseEvent(this.#t, m.event) : m.text;
      return html`<p class="row system" part="message message-system" data-seq=${m.seq}>${text}</p>`;
    }
    const agent = m.author === 'agent';
    // Consecutive messages from the same author share one author line.
    const sameAuthor = previous?.author === m.author && previous.authorName === m.authorName;
    const name = agent ? m.authorName || this.conversation?.agentName || this.#t('author.agent') : this.#t('author.you');
    const meta = html`<div class="meta ${sameAuthor ? 'visually-hidden' : ''}">
      <span class="author">${name}</span>
      <time datetime=${m.sentAt}>${this.#formatTime(m.sentAt)}</time>
    </div>`;
    if (agent) {
      return html`<div class="row agent" part="message message-agent" data-seq=${m.seq} data-client-id=${m.clientId}>
        ${this.renderAvatar(name, !sameAuthor)}
        <div class="content">${meta}<div class="bubble" part="bubble">${this.#agentNode(m)}</div></div>
      </div>`;
    }
    const state = deliveryStatus(m, this.conversation?.receipts);
    return html`<div class="row customer" part="message message-customer" data-seq=${m.seq} data-client-id=${m.clientId} data-delivery=${state}>
      <div class="content">
        ${meta}
        <div class="line"><div class="bubble" part="bubble">${m.text}</div>${this.renderDeliveryIcon(state)}</div>
        ${this.renderDeliveryWord(state, m.id === lastOwn)}
      </div>
    </div>`;
  }

  /** The state's icon beside the bubble; decorative, the state is said in words as well. */
  private renderDeliveryIcon(state: OwnMessageState): TemplateResult {
    return html`<span class="delivery-state ${state}" part="delivery-icon">${deliveryIcon(state)}</span>`;
  }

  /** The state in words: under the customer's last message, visually hidden under the others. */
  private renderDeliveryWord(state: Exclude<OwnMessageState, 'failed'>, last: boolean): TemplateResult {
    const word = this.#t(DELIVERY_KEYS[state]);
    return last ? html`<p class="delivery ${state}" part="delivery">${word}</p>` : html`<span class="visually-hidden">${word}</span>`;
  }

  /**
   * The agent's picture, or their initials, beside the first message of a run (an empty column
   * keeps later bubbles aligned). Decorative: the author's name is in the text already. The
   * greeting (`name` null) shows the picture only.
   */
  private renderAvatar(name: string | null, shown: boolean): TemplateResult {
    const url = this.avatarUrl && !this.#avatarBroken ? this.avatarUrl : null;
    if (!shown || (!url && !name)) return html`<span class="avatar-space" aria-hidden="true"></span>`;
    return html`<span class="avatar" part="avatar" aria-hidden="true">
      ${url
        ? html`<img src=${url} alt="" referrerpolicy="no-referrer" @error=${this.#handleAvatarError} />`
        : initials(name ?? '')}
    </span>`;
  }

  private renderPending(p: PendingMessage, lastOwn: string | null): TemplateResult {
    const failed = p.status === 'failed';
    return html`<div class="row customer pending" part="message message-customer" data-client-id=${p.clientId} data-status=${p.status}>
      <div class="content">
        <div class="meta visually-hidden"><span class="author">${this.#t('author.you')}</span></div>
        <div class="line"><div class="bubble" part="bubble">${p.text}</div>${this.renderDeliveryIcon(failed ? 'failed' : 'sending')}</div>
        ${failed
          ? html`<div class="delivery failed" part="delivery">
              <span>${this.#t('message.failed')}</span>
              <button type="button" part="retry-button" @click=${() => this.#handleRetry(p.clientId)}>${this.#t('message.retry')}</button>
            </div>`
          : p.error?.code === 'rate_limited'
            ? // Held back by a rate limit: it goes out by itself, the customer learns why it waits.
              html`<div class="delivery rate-limited" part="delivery" role="status">${phraseRateLimited(this.#t, this.#locale, p.error.retryAfter)}</div>`
            : this.renderDeliveryWord('sending', p.clientId === lastOwn)}
      </div>
    </div>`;
  }

  private renderStatus(): TemplateResult | typeof nothing {
    const t = this.#t;
    const lines: TemplateResult[] = [];
    const c = this.conversation;
    // Connecting, reconnecting and offline are the chat's connection notice; a refusal is final.
    if (this.connection === 'refused') {
      // A visitor identity the website signed wrongly or too long ago: only a reload can fix it.
      lines.push(html`<p class="error">${t(this.refusal === 'identity_invalid' ? 'connection.refused.identity' : 'connection.refused')}</p>`);
    }
    if (c?.status === 'queued') {
      lines.push(
        html`<p class="busy">
          ${c.queuePosition ? t('queue.position', { position: c.queuePosition }) : t('queue.waiting')}
        </p>`,
      );
    }
    if (this.agentTyping && c?.status !== 'ended') {
      const name = c?.agentName;
      lines.push(
        html`<p class="typing">
          <span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>
          ${name ? t('typing.named', { name }) : t('typing.anonymous')}
        </p>`,
      );
    }
    if (c?.status === 'ended' && this.pending.length === 0) {
      lines.push(html`<p class="ended">${t('ended.notice')}</p>`);
    }
    return lines.length ? html`<div class="status" part="status">${lines}</div>` : nothing;
  }
}

/** Up to two initials of a display name ("Alex Martin" → "AM"), each a whole user-perceived character. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter() : null;
  const first = (w: string): string => (segmenter ? segmenter.segment(w)[Symbol.iterator]().next().value?.segment : [...w][0]) ?? '';
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked.map(first).join('').toLocaleUpperCase();
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-message-list': ParleyMessageList;
  }
}
