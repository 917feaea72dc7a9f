import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AgentThread } from '../../core/agent-session.js';
import type { PendingMessage } from '../../core/chat-session.js';
import { consoleCatalogue, type ConsoleKey } from '../../core/catalogues/console.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { deliveryStatus } from '../../core/messages.js';
import { checkMessageText, checkNote } from '../../core/validators.js';
import { LIMITS, type ChatMessage, type Disposition } from '../../protocol/index.js';
import { DELIVERY_KEYS, deliveryIcon, deliveryIconStyles, lastOwnKey, type OwnMessageState } from '../base/delivery.js';
import { ParleyElement } from '../base/parley-element.js';
import { sanitizeAgentHtml } from '../base/sanitize.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { styles } from './parley-agent-conversation.styles.js';

/** Internal (bubbles, not composed): the agent sends `text` (already validated) in the conversation. */
export class ConversationSendEvent extends Event {
  static readonly eventName = 'conversation-send';
  constructor(
    readonly conversationId: string,
    readonly text: string,
  ) {
    super(ConversationSendEvent.eventName, { bubbles: true });
  }
}

/** Internal: the agent asks to send a failed message again. */
export class ConversationRetryEvent extends Event {
  static readonly eventName = 'conversation-retry';
  constructor(
    readonly conversationId: string,
    readonly clientId: string,
  ) {
    super(ConversationRetryEvent.eventName, { bubbles: true });
  }
}

/** Internal: the agent started or stopped typing a reply. */
export class ConversationTypingEvent extends Event {
  static readonly eventName = 'conversation-typing';
  constructor(
    readonly conversationId: string,
    readonly typing: boolean,
  ) {
    super(ConversationTypingEvent.eventName, { bubbles: true });
  }
}

/** Internal: the agent ends the conversation (or completes its wrap-up) with a disposition. */
export class ConversationEndEvent extends Event {
  static readonly eventName = 'conversation-end';
  constructor(
    readonly conversationId: string,
    readonly disposition: string,
    readonly note: string,
  ) {
    super(ConversationEndEvent.eventName, { bubbles: true });
  }
}

/** After this long without a keystroke the agent counts as no longer typing. */
const TYPING_IDLE_MS = 4000;
/** Distance from the bottom (px) under which the transcript keeps following new messages. */
const STICK_PX = 48;

/**
 * One conversation of the agent's desk: heading, transcript, customer-typing indicator, reply box
 * and the wrap-up form that ends it with a disposition.
 *
 * The transcript is a `role="log"` with `aria-live="off"`: the console announces new messages once,
 * in order, through its own live region. Customer text and names are rendered as text; agent text
 * goes through the strict sanitizer (SPEC §6). System messages carry a structured event that is phrased
 * here, in the console's language.
 *
 * The agents' own messages show where they are, from the customer's receipts: sending (a clock),
 * sent (one tick), delivered to the customer's widget (two ticks), read (two ticks on a disc, in
 * the accent colour), or not sent (with Retry). The state is said in words beside the time of the
 * last one, visually hidden for the others. Stored messages carry `data-seq` and `data-client-id`,
 * agents' ones `data-delivery` (`sent`, `delivered`, `read`); texts still in the outbox carry
 * `data-client-id` and `data-status` (`sending`, `failed`).
 *
 * @tagname parley-agent-conversation
 *
 * @csspart base - The conversation panel.
 * @csspart transcript - The message log.
 * @csspart message - Each message.
 * @csspart delivery - The state of each of the agents' messages: icon, and the word beside the last one.
 * @csspart composer - The reply form.
 * @csspart wrapup - The wrap-up form.
 * @fires conversation-send - Internal: `ConversationSendEvent`.
 * @fires conversation-retry - Internal: `ConversationRetryEvent`.
 * @fires conversation-typing - Internal: `ConversationTypingEvent`.
 * @fires conversation-end - Internal: `ConversationEndEvent`.
 */
export class ParleyAgentConversation extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${deliveryIconStyles}${styles}`;

  /** The conversation and its messages, as `AgentSession` holds them. */
  @property({ attribute: false }) thread: AgentThread | null = null;
  /** The dispositions the agent chooses from when ending. */
  @property({ attribute: false }) dispositions: Disposition[] = [];
  /** Locale of the texts (`en`, `fr`); the console passes its own. */
  @property() locale = 'en';
  /** Set while the end request is on its way: progress shows and a second submit is ignored. */
  @property({ type: Boolean }) ending = false;

  /** Catalogue key of the reply box's validation error. */
  @state() private draftError: ConsoleKey | null = null;
  /** Whether the wrap-up form was submitted without a disposition. */
  @state() private dispositionMissing = false;

  @query('[role="log"]') private log!: HTMLElement | null;
  @query('#message') private messageBox!: HTMLTextAreaElement | null;

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
  /** A draft to put in the reply box once it is rendered. */
  #draft = '';
  #time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
  /** Sanitised agent messages by client id, so each is parsed once and its node reused. */
  readonly #agentHtml = new Map<string, { text: string; node: HTMLElement }>();
  #typing = false;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the transcript follows new messages (the agent has not scrolled up). */
  #stick = true;
  #resize = new ResizeObserver(() => this.#followEnd());

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTyping();
    this.#resize.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      const locale = resolveLocale([this.locale], Object.keys(consoleCatalogue));
      this.#t = translator(consoleCatalogue, locale);
      this.#time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    }
    const previous = changed.get('thread') as AgentThread | null | undefined;
    if (previous && this.thread?.conversation.id !== previous.conversation.id) {
      // Another conversation in the same element: start it fresh.
      this.#agentHtml.clear();
      this.#stick = true;
      this.draftError = null;
      this.dispositionMissing = false;
    }
  }

  protected override updated(): void {
    if (this.log) this.#resize.observe(this.log);
    this.#followEnd();
    if (this.#draft && this.messageBox) {
      this.messageBox.value = this.#draft;
      this.#draft = '';
    }
  }

  /** The unsent text of the reply box; set it to restore a draft. */
  get draft(): string {
    return this.messageBox?.value ?? this.#draft;
  }

  set draft(value: string) {
    if (this.messageBox) this.messageBox.value = value;
    else this.#draft = value;
  }

  /** Whether the agent counts as typing a reply now (a `conversation-typing` with `true` was the last one). */
  get typing(): boolean {
    return this.#typing;
  }

  /** Moves focus to the reply box (or, once the chat is over, to the disposition). */
  focusComposer(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('#message') ?? this.renderRoot.querySelector('#disposition');
    target?.focus();
  }

  private handleScroll(): void {
    const log = this.log;
    if (log && log.clientHeight > 0) this.#stick = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_PX;
  }

  private handleKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing text.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    (event.target as HTMLTextAreaElement).form?.requestSubmit();
  }

  private handleInput(event: InputEvent): void {
    const box = event.target as HTMLTextAreaElement;
    if (this.draftError) this.draftError = null;
    if (box.value.trim() === '') {
      this.#stopTyping();
      return;
    }
    if (!this.#typing) {
      this.#typing = true;
      this.#emitTyping(true);
    }
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.#stopTyping(), TYPING_IDLE_MS);
  }

  private handleSend(event: SubmitEvent): void {
    event.preventDefault();
    const box = this.messageBox;
    const id = this.thread?.conversation.id;
    if (!box || !id) return;
    const checked = checkMessageText(box.value);
    if (!checked.ok) {
      this.draftError = checked.error.code === 'message_too_long' ? 'errorMessageTooLong' : 'errorMessageEmpty';
      box.focus();
      return;
    }
    this.draftError = null;
    this.#stopTyping();
    box.value = '';
    this.#stick = true;
    this.dispatchEvent(new ConversationSendEvent(id, checked.value));
  }

  private handleRetry(clientId: string): void {
    const id = this.thread?.conversation.id;
    if (id) this.dispatchEvent(new ConversationRetryEvent(id, clientId));
  }

  private handleEnd(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const id = this.thread?.conversation.id;
    if (!id || this.ending) return;
    const data = new FormData(form);
    const disposition = String(data.get('disposition') ?? '');
    const note = checkNote(String(data.get('note') ?? ''));
    if (!disposition) {
      // Only reached when constraint validation is bypassed (novalidate forms, scripts).
      this.dispositionMissing = true;
      form.querySelector<HTMLSelectElement>('#disposition')?.focus();
      return;
    }
    this.dispositionMissing = false;
    this.#stopTyping();
    this.dispatchEvent(new ConversationEndEvent(id, disposition, note.ok ? note.value : ''));
  }

  private handleDispositionChange(): void {
    this.dispositionMissing = false;
  }

  #emitTyping(typing: boolean): void {
    const id = this.thread?.conversation.id;
    if (id) this.dispatchEvent(new ConversationTypingEvent(id, typing));
  }

  #stopTyping(): void {
    clearTimeout(this.#typingTimer);
    if (!this.#typing) return;
    this.#typing = false;
    this.#emitTyping(false);
  }

  #followEnd(): void {
    const log = this.log;
    if (log && this.#stick) log.scrollTop = log.scrollHeight;
  }

  #customerName(): string {
    return this.thread?.conversation.customerName || this.#t('visitor');
  }

  #formatTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : this.#time.format(date);
  }

  /** An agent's text as sanitised DOM, parsed once per client id. */
  #agentBody(clientId: string, text: string): HTMLElement {
    const cached = this.#agentHtml.get(clientId);
    if (cached && cached.text === text) return cached.node;
    const node = document.createElement('div');
    node.className = 'body';
    node.append(sanitizeAgentHtml(text));
    this.#agentHtml.set(clientId, { text, node });
    return node;
  }

  #eventText(message: ChatMessage): string {
    const t = this.#t;
    const event = message.event;
    if (!event) return message.text;
    switch (event.type) {
      case 'agent-joined':
        return t('eventAgentJoined', { name: event.name });
      case 'agent-left':
        return t('eventAgentLeft', { name: event.name });
      case 'ended':
        return t(event.by === 'customer' ? 'eventEndedCustomer' : event.by === 'agent' ? 'eventEndedAgent' : 'eventEndedSystem');
      case 'elevated':
        return t(event.kind === 'callback' ? 'eventElevatedCallback' : event.kind === 'email' ? 'eventElevatedEmail' : 'eventElevatedSms', { reference: event.reference });
    }
  }

  protected override render() {
    const thread = this.thread;
    if (!thread) return nothing;
    const t = this.#t;
    const { conversation } = thread;
    const customer = this.#customerName();
    const open = conversation.status === 'active';
    // The agents' last message (stored or not) says its state in words.
    const lastOwn = lastOwnKey(thread.pending, thread.messages, 'agent');
    return html`
      <section class="root" part="base" aria-labelledby="heading">
        <div class="head">
          <h2 id="heading">${t('chatWith', { customer })}</h2>
          <p class="muted">
            ${conversation.pocName} ·
            <span class="state ${open ? '' : 'over'}">${t(open ? 'statusActive' : 'statusWrapup')}</span>
          </p>
        </div>
        <div
          class="log"
          role="log"
          aria-live="off"
          part="transcript"
          tabindex="0"
          aria-label=${t('transcriptLabel', { customer })}
          @scroll=${this.handleScroll}
        >
          ${repeat(
            thread.messages,
            (m) => m.id,
            (m) => this.renderMessage(m, lastOwn),
          )}
          ${repeat(
            thread.pending,
            (p) => p.clientId,
            (p) => this.renderPending(p, lastOwn),
          )}
        </div>
        <p class="typing" aria-live="polite">${open && thread.customerTyping ? t('typing', { name: customer }) : ''}</p>
        ${open ? this.renderComposer() : this.renderOver(conversation.endedBy)} ${this.renderWrapup()}
      </section>
    `;
  }

  private renderMessage(message: ChatMessage, lastOwn: string | null) {
    if (message.author === 'system') {
      return html`<p class="event" part="message" data-seq=${message.seq}>${this.#eventText(message)}</p>`;
    }
    const mine = message.author === 'agent';
    const name = mine ? message.authorName || this.#t('you') : message.authorName || this.#customerName();
    const state = mine ? deliveryStatus(message, this.thread?.conversation.receipts) : undefined;
    return html`
      <div
        class="message ${mine ? 'agent' : 'customer'}"
        part="message"
        data-seq=${message.seq}
        data-client-id=${message.clientId}
        data-delivery=${state ?? nothing}
      >
        <p class="meta">
          <span class="author">${name}</span>
          <time datetime=${message.sentAt}>${this.#formatTime(message.sentAt)}</time>
          ${state ? this.renderDelivery(state, message.id === lastOwn) : nothing}
        </p>
        ${mine ? this.#agentBody(message.clientId, message.text) : html`<div class="body">${message.text}</div>`}
      </div>
    `;
  }

  /** An own message's state: its icon, and its word (visible for the last one, else visually hidden). */
  private renderDelivery(state: Exclude<OwnMessageState, 'failed'>, last: boolean) {
    const word = this.#t(DELIVERY_KEYS[state]);
    return html`<span class="delivery ${state}" part="delivery">
      ${deliveryIcon(state)}<span class=${last ? '' : 'visually-hidden'}>${word}</span>
    </span>`;
  }

  private renderPending(pending: PendingMessage, lastOwn: string | null) {
    const t = this.#t;
    const failed = pending.status === 'failed';
    return html`
      <div class="message agent pending ${failed ? 'failed' : ''}" part="message" data-client-id=${pending.clientId} data-status=${pending.status}>
        <p class="meta">
          <span class="author">${t('you')}</span>
          ${failed
            ? html`<span class="delivery failed error" part="delivery">${deliveryIcon('failed')}<span>${t('notSent')}</span></span>
                <button type="button" class="retry" @click=${() => this.handleRetry(pending.clientId)}>${t('retry')}</button>`
            : this.renderDelivery('sending', pending.clientId === lastOwn)}
        </p>
        ${this.#agentBody(pending.clientId, pending.text)}
      </div>
    `;
  }

  private renderComposer() {
    const t = this.#t;
    return html`
      <form class="composer" part="composer" @submit=${this.handleSend}>
        <div class="field">
          <label for="message">${t('message')}</label>
          <textarea
            id="message"
            name="message"
            rows="2"
            maxlength=${LIMITS.messageMaxLength}
            aria-describedby="message-hint message-error"
            aria-invalid=${this.draftError ? 'true' : 'false'}
            @keydown=${this.handleKeydown}
            @input=${this.handleInput}
          ></textarea>
        </div>
        <button type="submit" class="primary">${t('send')}</button>
        <p id="message-hint" class="hint muted">${t('composerHint')}</p>
        <p id="message-error" class="error" role="alert">${this.draftError
          ? t(this.draftError, { max: LIMITS.messageMaxLength })
          : nothing}</p>
      </form>
    `;
  }

  private renderOver(endedBy: 'customer' | 'agent' | 'system' | null) {
    return html`<p class="ended" role="status">${this.#t(endedBy === 'customer' ? 'customerLeft' : 'chatOver')}</p>`;
  }

  private renderWrapup() {
    const t = this.#t;
    return html`
      <form class="wrapup" part="wrapup" aria-labelledby="wrapup-heading" @submit=${this.handleEnd}>
        <h3 id="wrapup-heading" class="visually-hidden">${t('wrapupHeading')}</h3>
        <div class="field">
          <label for="disposition">${t('disposition')}</label>
          <select
            id="disposition"
            name="disposition"
            required
            aria-invalid=${this.dispositionMissing ? 'true' : 'false'}
            aria-describedby="disposition-error"
            @change=${this.handleDispositionChange}
          >
            <option value="">${t('chooseDisposition')}</option>
            ${this.dispositions.map((d) => html`<option value=${d.code}>${d.label}</option>`)}
          </select>
          <p id="disposition-error" class="error" role="alert">${this.dispositionMissing ? t('chooseDisposition') : nothing}</p>
        </div>
        <div class="field note">
          <label for="note">${t('note')}</label>
          <textarea id="note" name="note" rows="1" maxlength=${LIMITS.noteMaxLength}></textarea>
        </div>
        <button type="submit" class="end" aria-disabled=${this.ending ? 'true' : 'false'}>${t('endChat')}</button>
        <p class="status muted" role="status">${this.ending ? t('ending') : nothing}</p>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-conversation': ParleyAgentConversation;
  }
}
