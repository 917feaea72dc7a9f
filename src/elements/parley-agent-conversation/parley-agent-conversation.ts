import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AgentThread } from '../../core/agent-session.js';
import type { PendingMessage } from '../../core/chat-session.js';
import { consoleCatalogue, type ConsoleKey } from '../../core/catalogues/console.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { deliveryStatus } from '../../core/messages.js';
import { checkMessageText, checkNote } from '../../core/validators.js';
import {
  ELEVATION_CHANNEL,
  LIMITS,
  elevationsFrom,
  type ChatMessage,
  type ConnectorInfo,
  type Disposition,
  type ElevationKind,
  type SessionView,
  type SkillChannel,
  type SkillSummary,
} from '../../protocol/index.js';
import { DELIVERY_KEYS, deliveryIcon, deliveryIconStyles, lastOwnKey, type OwnMessageState } from '../base/delivery.js';
import { ParleyElement } from '../base/parley-element.js';
import { formatWindow, icon, iconStyles, smsCounter, smsCounterStyles, statusKey } from '../parley-agent-console/channels.js';
import { ConversationEvent } from '../parley-agent-console/events.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { AgentHtmlCache, eventText, messageStyles, messageTime } from '../parley-agent-transcript/messages.js';
import { ParleyAgentTranscript, type TranscriptLoader } from '../parley-agent-transcript/parley-agent-transcript.js';
import { ParleyAgentWorkItem } from '../parley-agent-work-item/parley-agent-work-item.js';
import { styles } from './parley-agent-conversation.styles.js';

/** Internal (bubbles, not composed): the agent sends `text` (already validated) in the conversation. */
export class ConversationSendEvent extends ConversationEvent {
  static readonly eventName = 'conversation-send';
  constructor(
    conversationId: string,
    readonly text: string,
  ) {
    super(ConversationSendEvent.eventName, conversationId);
  }
}

/** Internal: the agent asks to send a failed message again. */
export class ConversationRetryEvent extends ConversationEvent {
  static readonly eventName = 'conversation-retry';
  constructor(
    conversationId: string,
    readonly clientId: string,
  ) {
    super(ConversationRetryEvent.eventName, conversationId);
  }
}

/** Internal: the agent started or stopped typing a reply. */
export class ConversationTypingEvent extends ConversationEvent {
  static readonly eventName = 'conversation-typing';
  constructor(
    conversationId: string,
    readonly typing: boolean,
  ) {
    super(ConversationTypingEvent.eventName, conversationId);
  }
}

/** Internal: the agent ends the conversation (or completes its wrap-up) with a disposition. */
export class ConversationEndEvent extends ConversationEvent {
  static readonly eventName = 'conversation-end';
  constructor(
    conversationId: string,
    readonly disposition: string,
    readonly note: string,
  ) {
    super(ConversationEndEvent.eventName, conversationId);
  }
}

/** Internal: the agent opens the form that elevates the conversation to `kind`. */
export class ConversationElevateEvent extends ConversationEvent {
  static readonly eventName = 'conversation-elevate';
  constructor(
    conversationId: string,
    readonly kind: ElevationKind,
  ) {
    super(ConversationElevateEvent.eventName, conversationId);
  }
}

const ELEVATE_KEYS: Record<ElevationKind, ConsoleKey> = { callback: 'elevateCallback', email: 'elevateEmail', sms: 'elevateSms' };
/** The heading of each channel's interaction ("Chat with Marie"); other channels read as chats. */
const HEADING_KEYS: Partial<Record<SkillChannel, ConsoleKey>> = { voice: 'callbackTo', email: 'emailWith', sms: 'smsWith', workitem: 'workItemFrom' };
/** The reply box of each channel: its label, its button and the hint under it; a chat's by default. */
const COMPOSER_KEYS: Partial<Record<SkillChannel, { label: ConsoleKey; send: ConsoleKey; hint: ConsoleKey }>> = {
  email: { label: 'emailReply', send: 'sendEmail', hint: 'emailHint' },
  sms: { label: 'smsText', send: 'sendSms', hint: 'composerHint' },
  // "Reply by email to {address}": a work item's replies are emails to the form's address.
  workitem: { label: 'workItemReply', send: 'sendEmail', hint: 'emailHint' },
};
/** What ends an interaction of each channel; "Close interaction" by default. */
const SUBMIT_KEYS: Partial<Record<SkillChannel, ConsoleKey>> = { chat: 'endChat', voice: 'callDone', workitem: 'completeWorkItem' };
const CHAT_COMPOSER = { label: 'message', send: 'send', hint: 'composerHint' } as const;
/** Only these survive as `tel:` links: E.164, as the server normalises numbers. */
const E164 = /^\+[1-9]\d{3,14}$/;

/** After this long without a keystroke the agent counts as no longer typing. */
const TYPING_IDLE_MS = 4000;
/** Distance from the bottom (px) under which the transcript keeps following new messages. */
const STICK_PX = 48;

/**
 * One interaction of the agent's desk: heading, transcript, customer-typing indicator, reply box
 * and the wrap-up form that ends it with a disposition. Each channel shows what it needs:
 * - `chat`: the live chat, as above.
 * - `voice` (a callback): a contact to dial — the number as a `tel:` link, the window, consent,
 *   reference — and the conversation it came from, read-only; no reply box. "Call done" completes
 *   it with the disposition and the note.
 * - `email`: To and Subject, the messages (the customer's request first), and a reply box whose
 *   Send sends an email (Ctrl+Enter; Enter is a new line in an email).
 * - `sms`: the number, the messages, and a reply box with a character and SMS counter.
 * - `workitem` (a request filed through a form): the whole work item first
 *   (`<parley-agent-work-item>`: answers and attachments as download links), then the agent's
 *   replies, and a reply box "Reply by email to …" whose Send emails the address the customer gave
 *   (as for `email`); without an address there is no reply box, and a note says why. "Complete
 *   work item" completes it with the disposition and the note.
 * Email and texts say when the server only records them (no SMTP server or SMS connector). A
 * message the connector refused shows as Not sent, with Retry, like any failed message.
 *
 * Under the reply box, "Continue on another channel" offers the elevations the matrix allows
 * from this channel (SPEC §2) for which a skill exists; the console opens the form. The wrap-up
 * form says whether closing this interaction completes its session or leaves it open.
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
 * @csspart verified - The "Verified: …" line: the website's own id for a customer it vouched for (a signed identity).
 * @csspart transcript - The message log.
 * @csspart message - Each message.
 * @csspart delivery - The state of each of the agents' messages: icon, and the word beside the last one.
 * @csspart composer - The reply form.
 * @csspart dial - The contact-to-dial card of a callback.
 * @csspart work-item - The work item's answers and attachments (`<parley-agent-work-item>`).
 * @csspart notice - The notice that email or texts are only recorded, or that a work item cannot be answered.
 * @csspart elevate - The "Continue on another channel" buttons.
 * @csspart wrapup - The wrap-up form.
 * @fires conversation-elevate - Internal: `ConversationElevateEvent`.
 * @fires conversation-send - Internal: `ConversationSendEvent`.
 * @fires conversation-retry - Internal: `ConversationRetryEvent`.
 * @fires conversation-typing - Internal: `ConversationTypingEvent`.
 * @fires conversation-end - Internal: `ConversationEndEvent`.
 */
export class ParleyAgentConversation extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${deliveryIconStyles}${iconStyles}${smsCounterStyles}${messageStyles}${styles}`;

  /** Registers this element and the parts it renders (transcript, work item). */
  static override define(tag = 'parley-agent-conversation', registry: CustomElementRegistry = customElements): void {
    ParleyAgentTranscript.define('parley-agent-transcript', registry);
    ParleyAgentWorkItem.define('parley-agent-work-item', registry);
    super.define(tag, registry);
  }

  /** The conversation and its messages, as `AgentSession` holds them. */
  @property({ attribute: false }) thread: AgentThread | null = null;
  /** The dispositions the agent chooses from when ending. */
  @property({ attribute: false }) dispositions: Disposition[] = [];
  /** Locale of the texts (`en`, `fr`); the console passes its own. */
  @property() locale = 'en';
  /** Set while the end request is on its way: progress shows and a second submit is ignored. */
  @property({ type: Boolean }) ending = false;
  /** How email and texts leave the server; `record` shows a notice. */
  @property({ attribute: false }) connectors: ConnectorInfo | null = null;
  /** The session of this interaction, to say whether closing it completes the session. */
  @property({ attribute: false }) session: SessionView | null = null;
  /** The skills elevations may go to: a kind without a skill on its channel is not offered. */
  @property({ attribute: false }) skills: SkillSummary[] = [];
  /** The elevation whose form is open for this conversation, if any. */
  @property({ attribute: false }) elevating: ElevationKind | null = null;
  /** Fetches the conversation a request came from (the console passes its session's). */
  @property({ attribute: false }) loader: TranscriptLoader | null = null;
  /** Origin of the Parley server, which a work item's attachment addresses are relative to; the page's own by default. */
  @property() server = '';

  /** Catalogue key of the reply box's validation error. */
  @state() private draftError: ConsoleKey | null = null;
  /** Whether the wrap-up form was submitted without a disposition. */
  @state() private dispositionMissing = false;
  /** Whether the disclosure of the original conversation is open (its transcript loads then). */
  @state() private originOpen = false;
  /** What the reply box holds, for the SMS counter. */
  @state() private draftText = '';

  @query('[role="log"]') private log!: HTMLElement | null;
  @query('#message') private messageBox!: HTMLTextAreaElement | null;

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
  /** A draft to put in the reply box once it is rendered. */
  #draft = '';
  #formatTime = messageTime('en');
  #locale = 'en';
  /** Sanitised agent messages by client id, so each is parsed once and its node reused. */
  readonly #agentHtml = new AgentHtmlCache();
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
      this.#locale = locale;
      this.#t = translator(consoleCatalogue, locale);
      this.#formatTime = messageTime(locale);
    }
    const previous = changed.get('thread') as AgentThread | null | undefined;
    if (previous && this.thread?.conversation.id !== previous.conversation.id) {
      // Another conversation in the same element: start it fresh.
      this.#agentHtml.clear();
      this.#stick = true;
      this.draftError = null;
      this.dispositionMissing = false;
      this.draftText = '';
      this.originOpen = false;
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
    // The console binds `.thread` before `.draft`, so the channel is known here.
    if (this.#channel === 'sms') this.draftText = value;
  }

  /** Whether the agent counts as typing a reply now (a `conversation-typing` with `true` was the last one). */
  get typing(): boolean {
    return this.#typing;
  }

  /** Moves focus to the reply box, the number to dial of a callback, or else the disposition. */
  focusComposer(): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('#message') ??
      this.renderRoot.querySelector<HTMLElement>('.tel') ??
      this.renderRoot.querySelector<HTMLElement>('#disposition');
    target?.focus();
  }

  /** Moves focus to the button that opens the `kind` elevation (after its form closed). */
  focusElevate(kind: ElevationKind): void {
    this.renderRoot.querySelector<HTMLElement>(`[data-elevate="${kind}"]`)?.focus();
  }

  get #channel() {
    return this.thread?.conversation.channel ?? 'chat';
  }

  /** Whether the agent's messages here are emails: an email interaction, or a work item with an address. */
  get #emails(): boolean {
    const conversation = this.thread?.conversation;
    return conversation?.channel === 'email' || (conversation?.channel === 'workitem' && !!conversation.workItem?.replyTo);
  }

  /** The elevations offered from here: allowed by the matrix, with a skill to route them to. */
  get #elevations(): ElevationKind[] {
    return elevationsFrom(this.#channel).filter((kind) => this.skills.some((s) => s.channel === ELEVATION_CHANNEL[kind]));
  }

  private handleScroll(): void {
    const log = this.log;
    if (log && log.clientHeight > 0) this.#stick = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_PX;
  }

  private handleKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing text. An
    // email is written in lines and paragraphs: there Enter is a new line and Ctrl+Enter sends.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    if (this.#emails && !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    (event.target as HTMLTextAreaElement).form?.requestSubmit();
  }

  private handleInput(event: InputEvent): void {
    const box = event.target as HTMLTextAreaElement;
    if (this.draftError) this.draftError = null;
    if (this.#channel === 'sms') this.draftText = box.value;
    // Only a chat's customer sees the agent typing.
    if (this.#channel !== 'chat') return;
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
    if (!checked.ok || (this.#channel === 'sms' && checked.value.length > LIMITS.smsMaxLength)) {
      this.draftError = checked.ok ? 'errorSmsTooLong' : checked.error.code === 'message_too_long' ? 'errorMessageTooLong' : 'errorMessageEmpty';
      box.focus();
      return;
    }
    this.draftError = null;
    this.#stopTyping();
    box.value = '';
    this.draftText = '';
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

  private handleOriginToggle(event: Event): void {
    this.originOpen = (event.target as HTMLDetailsElement).open;
  }

  private handleElevate(kind: ElevationKind): void {
    const id = this.thread?.conversation.id;
    if (id) this.dispatchEvent(new ConversationElevateEvent(id, kind));
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

  protected override render() {
    const thread = this.thread;
    if (!thread) return nothing;
    const t = this.#t;
    const { conversation } = thread;
    const channel = conversation.channel;
    const customer = this.#customerName();
    const open = conversation.status === 'active';
    const heading = t(HEADING_KEYS[channel] ?? 'chatWith', { customer });
    const reference = conversation.elevation?.reference ?? conversation.workItem?.reference;
    return html`
      <section class="root ${channel}" part="base" aria-labelledby="heading">
        <div class="head">
          <h2 id="heading">${icon(channel)}${heading}</h2>
          <p class="muted">
            ${conversation.pocName}${reference ? html` · <span class="reference">${reference}</span>` : nothing} ·
            <span class="state ${open ? '' : 'over'}">${t(statusKey(conversation))}</span>
          </p>
          ${conversation.verifiedId ? html`<p class="muted verified" part="verified">${t('verified', { id: conversation.verifiedId })}</p>` : nothing}
        </div>
        ${channel === 'voice' ? this.renderCallback() : this.renderExchange(open)}
        ${this.renderElevate()} ${this.renderWrapup()}
      </section>
    `;
  }

  /** Chat, email, texts and work items: what was said, and the reply box while open. */
  private renderExchange(open: boolean) {
    const thread = this.thread!;
    const t = this.#t;
    const { conversation } = thread;
    const channel = conversation.channel;
    const workItem = channel === 'workitem';
    // A work item has no customer messages: its log shows once the agent has replied.
    const log = !workItem || thread.messages.length > 0 || thread.pending.length > 0;
    const recorded = (this.#emails && this.connectors?.email === 'record') || (channel === 'sms' && this.connectors?.sms === 'record');
    return html`
      ${channel === 'email' || channel === 'sms' ? this.renderEnvelope() : nothing}
      ${recorded ? html`<p class="notice" part="notice">${t(channel === 'sms' ? 'smsRecorded' : 'emailRecorded')}</p>` : nothing}
      ${workItem ? this.renderWorkItem(log) : nothing}
      ${channel !== 'chat' ? this.renderOrigin(false) : nothing}
      ${log ? this.renderLog() : nothing}
      ${channel === 'chat'
        ? html`<p class="typing" aria-live="polite">${open && thread.customerTyping ? t('typing', { name: this.#customerName() }) : ''}</p>`
        : nothing}
      ${open ? (workItem && !this.#emails ? this.renderNoReply() : this.renderComposer()) : this.renderOver(conversation.endedBy)}
    `;
  }

  /** The messages, stored and waiting. */
  private renderLog() {
    const thread = this.thread!;
    const t = this.#t;
    const customer = this.#customerName();
    // The agents' last message (stored or not) says its state in words.
    const lastOwn = lastOwnKey(thread.pending, thread.messages, 'agent');
    return html`<div
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
    </div>`;
  }

  /** A work item: the form's answers and attachments, filling the panel until replies come. */
  private renderWorkItem(withLog: boolean) {
    const workItem = this.thread!.conversation.workItem;
    if (!workItem) return nothing;
    return html`<div class="item ${withLog ? '' : 'fill'}">
      <parley-agent-work-item part="work-item" .workItem=${workItem} locale=${this.#locale} server=${this.server}></parley-agent-work-item>
    </div>`;
  }

  /** A work item without an address: nothing can be sent; it is completed (or continued elsewhere). */
  private renderNoReply() {
    return html`<p class="notice no-reply" part="notice">${this.#t('workItemNoReply')}</p>`;
  }

  /** Email and texts: where they go (and the subject of an email). */
  private renderEnvelope() {
    const t = this.#t;
    const elevation = this.thread!.conversation.elevation;
    if (!elevation) return nothing;
    return html`<dl class="envelope">
      <div><dt>${t('emailTo')}</dt><dd><span dir="ltr">${elevation.destinationDisplay || elevation.destination}</span></dd></div>
      ${elevation.subject ? html`<div><dt>${t('subject')}</dt><dd>${elevation.subject}</dd></div>` : nothing}
    </dl>`;
  }

  /** A callback: the contact to dial, and the conversation it came from. */
  private renderCallback() {
    const t = this.#t;
    const elevation = this.thread!.conversation.elevation;
    const number = elevation?.destination ?? '';
    const display = elevation?.destinationDisplay || number;
    return html`<div class="scroll">
      <section class="dial" part="dial" aria-labelledby="dial-heading">
        <h3 id="dial-heading">${t('dialCard')}</h3>
        <dl>
          <div>
            <dt>${t('numberToDial')}</dt>
            <dd>${E164.test(number) ? html`<a class="tel" href="tel:${number}">${icon('voice')}<span dir="ltr">${display}</span></a>` : html`<span dir="ltr">${display}</span>`}</dd>
          </div>
          <div><dt>${t('when')}</dt><dd>${elevation?.window ? formatWindow(elevation.window, this.#locale) : t('asSoonAsPossible')}</dd></div>
          ${elevation?.consent ? html`<div><dt>${t('consent')}</dt><dd>${t('consentCall')}</dd></div>` : nothing}
          ${elevation ? html`<div><dt>${t('requestedBy')}</dt><dd>${t(elevation.by === 'customer' ? 'requestedByCustomer' : 'requestedByAgent')}</dd></div>` : nothing}
        </dl>
        <p class="hint muted">${t('callbackHint')}</p>
      </section>
      ${this.renderOrigin(true)}
    </div>`;
  }

  /** The conversation this one came from, read-only: shown (callbacks) or behind a disclosure. */
  private renderOrigin(shown: boolean) {
    const t = this.#t;
    const from = this.thread?.conversation.elevation?.fromConversationId;
    if (!from) return nothing;
    const what = t('originalConversation');
    const transcript = html`<parley-agent-transcript
      conversation-id=${from}
      .loader=${this.loader}
      label=${t('transcriptOf', { what })}
      locale=${this.#locale}
    ></parley-agent-transcript>`;
    return shown
      ? html`<section class="origin" aria-labelledby="origin-heading"><h3 id="origin-heading">${what}</h3>${transcript}</section>`
      : html`<details class="origin" @toggle=${this.handleOriginToggle}>
          <summary>${what}</summary>
          ${this.originOpen ? transcript : nothing}
        </details>`;
  }

  private renderMessage(message: ChatMessage, lastOwn: string | null) {
    if (message.author === 'system') {
      return html`<p class="event" part="message" data-seq=${message.seq}>${eventText(this.#t, message, this.#channel)}</p>`;
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
        ${mine ? this.#agentHtml.body(message.clientId, message.text) : html`<div class="body">${message.text}</div>`}
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
        ${this.#agentHtml.body(pending.clientId, pending.text)}
      </div>
    `;
  }

  private renderComposer() {
    const t = this.#t;
    const channel = this.#channel;
    const { label, send, hint } = COMPOSER_KEYS[channel] ?? CHAT_COMPOSER;
    const max = channel === 'sms' ? LIMITS.smsMaxLength : LIMITS.messageMaxLength;
    const address = this.thread?.conversation.workItem?.replyTo ?? '';
    return html`
      <form class="composer ${channel}" part="composer" @submit=${this.handleSend}>
        <div class="field">
          <label for="message">${t(label, { address })}</label>
          <textarea
            id="message"
            name="message"
            rows=${this.#emails ? 6 : 2}
            maxlength=${max}
            aria-describedby="message-hint ${channel === 'sms' ? 'message-count ' : ''}message-error"
            aria-invalid=${this.draftError ? 'true' : 'false'}
            @keydown=${this.handleKeydown}
            @input=${this.handleInput}
          ></textarea>
        </div>
        <button type="submit" class="primary">${t(send)}</button>
        <p id="message-hint" class="hint muted">${t(hint)}</p>
        ${channel === 'sms' ? smsCounter(t, this.draftText, 'message-count') : nothing}
        <p id="message-error" class="error" role="alert">${this.draftError ? t(this.draftError, { max }) : nothing}</p>
      </form>
    `;
  }

  private renderOver(endedBy: 'customer' | 'agent' | 'system' | null) {
    const key: ConsoleKey = this.#channel !== 'chat' ? 'interactionOver' : endedBy === 'customer' ? 'customerLeft' : 'chatOver';
    return html`<p class="ended" role="status">${this.#t(key)}</p>`;
  }

  /** "Continue on another channel": one button per elevation offered from this interaction. */
  private renderElevate() {
    const t = this.#t;
    const kinds = this.#elevations;
    const status = this.thread?.conversation.status;
    if (kinds.length === 0 || (status !== 'active' && status !== 'wrapup')) return nothing;
    return html`<div class="elevate" part="elevate" role="group" aria-labelledby="elevate-heading">
      <span id="elevate-heading" class="label">${t('elevateHeading')}</span>
      ${kinds.map(
        (kind) => html`<button
          type="button"
          data-elevate=${kind}
          aria-expanded=${this.elevating === kind ? 'true' : 'false'}
          @click=${() => this.handleElevate(kind)}
        >
          ${icon(ELEVATION_CHANNEL[kind])}<span>${t(ELEVATE_KEYS[kind])}</span>
        </button>`,
      )}
    </div>`;
  }

  /** What closing this interaction does to its session: completes it, or leaves it open. */
  #sessionNote(): string {
    const session = this.session;
    const id = this.thread?.conversation.id;
    if (!session || !id || !session.interactions.some((i) => i.id === id)) return '';
    const others = session.interactions.filter((i) => i.id !== id && i.status !== 'closed').length;
    if (others === 0) return session.interactions.length > 1 ? this.#t('sessionCompletesOnClose') : '';
    return others === 1 ? this.#t('sessionStaysOpenOne') : this.#t('sessionStaysOpenMany', { count: others });
  }

  private renderWrapup() {
    const t = this.#t;
    const channel = this.#channel;
    const submit = SUBMIT_KEYS[channel] ?? 'closeInteraction';
    const note = this.#sessionNote();
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
        <button type="submit" class="end" aria-disabled=${this.ending ? 'true' : 'false'} aria-describedby=${note ? 'session-note' : nothing}>
          ${t(submit)}
        </button>
        ${note ? html`<p id="session-note" class="session-note">${icon('session')}<span>${note}</span></p>` : nothing}
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
