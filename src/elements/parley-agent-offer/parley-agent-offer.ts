import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consoleCatalogue, type ConsoleKey } from '../../core/catalogues/console.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { ELEVATION_CHANNEL, type ElevationDetails, type Offer } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { channelName, formatWindow, icon, iconStyles, KIND_KEYS } from '../parley-agent-console/channels.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { ParleyAgentTranscript, type TranscriptLoader } from '../parley-agent-transcript/parley-agent-transcript.js';
import { ParleyAgentWorkItem } from '../parley-agent-work-item/parley-agent-work-item.js';
import { styles } from './parley-agent-offer.styles.js';

/** Internal (bubbles, not composed): the agent accepts the offer. */
export class OfferAcceptEvent extends Event {
  static readonly eventName = 'offer-accept';
  constructor(readonly offerId: string) {
    super(OfferAcceptEvent.eventName, { bubbles: true });
  }
}

/** Internal (bubbles, not composed): the agent declines the offer. */
export class OfferDeclineEvent extends Event {
  static readonly eventName = 'offer-decline';
  constructor(readonly offerId: string) {
    super(OfferDeclineEvent.eventName, { bubbles: true });
  }
}

/** Seconds left under which the countdown is emphasised. */
const URGENT_SECONDS = 10;

/**
 * One contact offered to the agent: who, through which point of contact, on which channel, the
 * first message (always plain text), the time left, and the Accept and Decline buttons. The card
 * is a group labelled with the kind, the customer and the POC, so several offers on screen keep
 * unambiguous buttons.
 *
 * A customer's request (an elevation) says what it is, with its icon and in words (Callback
 * request, Email request, Text request), its reference, where to call or write, the callback
 * window in the agent's locale and time zone (or "As soon as possible"), and the customer's
 * consent. The chat it came from can be read, read-only, before accepting: it loads when its
 * disclosure opens.
 *
 * A work item (a request filed through a web form) says "Work item" with its icon, then, through
 * `<parley-agent-work-item compact>`, the form's title, its reference, the first few answers and
 * how many files are attached; its preview is the first long-text answer, shown when there is one.
 *
 * The countdown trusts the server's `expiresAt` against the local clock; the server withdraws
 * the offer itself when it expires, so a skewed clock only misstates the number shown.
 *
 * @tagname parley-agent-offer
 *
 * @csspart base - The card.
 * @csspart preview - The customer's first message.
 * @csspart details - What a request asks for: reference, number or address, window, consent.
 * @csspart work-item - The summary of a work item (`<parley-agent-work-item compact>`).
 * @csspart accept - The Accept button.
 * @csspart decline - The Decline button.
 * @cssprop --parley-color-brand - Card accent and Accept button.
 * @fires offer-accept - Internal, bubbles within the console: `OfferAcceptEvent` with `offerId`.
 * @fires offer-decline - Internal, bubbles within the console: `OfferDeclineEvent` with `offerId`.
 */
export class ParleyAgentOffer extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${iconStyles}${styles}`;
  // Focusing the card (after another offer went away) lands on its first button.
  static override shadowRootOptions: ShadowRootInit = { ...ParleyElement.shadowRootOptions, delegatesFocus: true };

  /** Registers this element and the parts it renders (transcript, work item). */
  static override define(tag = 'parley-agent-offer', registry: CustomElementRegistry = customElements): void {
    ParleyAgentTranscript.define('parley-agent-transcript', registry);
    ParleyAgentWorkItem.define('parley-agent-work-item', registry);
    super.define(tag, registry);
  }

  /** The offer to show. */
  @property({ attribute: false }) offer: Offer | null = null;
  /** Locale of the texts (`en`, `fr`); the console passes its own. */
  @property() locale = 'en';
  /** Set while an answer to this offer is on its way: the buttons then ignore clicks. */
  @property({ type: Boolean }) busy = false;
  /** Fetches the chat a request came from (the console passes its session's). */
  @property({ attribute: false }) loader: TranscriptLoader | null = null;

  /** Current time, ticking every second while the card is on the page. */
  @state() private now = Date.now();
  /** Whether the original conversation is open (it loads then). */
  @state() private originOpen = false;

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
  #locale = 'en';
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.now = Date.now();
    this.#timer = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      this.#locale = resolveLocale([this.locale], Object.keys(consoleCatalogue));
      this.#t = translator(consoleCatalogue, this.#locale);
    }
  }

  /** Whole seconds before the offer expires (0 once expired), or null without an offer. */
  get secondsLeft(): number | null {
    if (!this.offer) return null;
    const ms = Date.parse(this.offer.expiresAt) - this.now;
    return Number.isFinite(ms) ? Math.max(0, Math.ceil(ms / 1000)) : null;
  }

  private handleAccept(): void {
    if (this.offer && !this.busy) this.dispatchEvent(new OfferAcceptEvent(this.offer.id));
  }

  private handleDecline(): void {
    if (this.offer && !this.busy) this.dispatchEvent(new OfferDeclineEvent(this.offer.id));
  }

  private handleOriginToggle(event: Event): void {
    this.originOpen = (event.target as HTMLDetailsElement).open;
  }

  protected override render() {
    const offer = this.offer;
    if (!offer) return nothing;
    const t = this.#t;
    const customer = offer.customerName || t('visitor');
    const left = this.secondsLeft;
    const elevation = offer.elevation;
    const workItem = offer.channel === 'workitem' ? offer.workItem : null;
    const kind = elevation ? t(KIND_KEYS[elevation.kind]) : channelName(t, offer.channel);
    // Requests and work items say what they are in the card's name; chats are "Chat offer".
    const named = elevation || offer.channel === 'workitem';
    return html`
      <div
        class="root ${named ? 'request' : ''}"
        part="base"
        role="group"
        aria-label=${named ? t('offerKindLabel', { kind, customer, poc: offer.pocName }) : t('offerLabel', { customer, poc: offer.pocName })}
      >
        <div class="who">
          <h3>${customer}</h3>
          ${left === null
            ? nothing
            : html`<span class="time ${left <= URGENT_SECONDS ? 'urgent' : ''}"
                >${left > 0 ? t('timeLeft', { seconds: left }) : t('expired')}</span
              >`}
        </div>
        <p class="kind">${icon(elevation ? ELEVATION_CHANNEL[elevation.kind] : offer.channel)}<span>${kind}</span></p>
        <p class="poc">${offer.pocName}</p>
        ${elevation ? this.renderDetails(elevation) : nothing}
        ${workItem
          ? html`<parley-agent-work-item part="work-item" compact .workItem=${workItem} locale=${this.#locale}></parley-agent-work-item>`
          : nothing}
        ${!named || offer.preview
          ? html`<p class="preview ${offer.preview ? '' : 'none'}" part="preview">${offer.preview || t('noPreview')}</p>`
          : nothing}
        <div class="actions">
          <button
            type="button"
            class="primary"
            part="accept"
            aria-disabled=${this.busy ? 'true' : 'false'}
            @click=${this.handleAccept}
          >
            ${t('accept')}
          </button>
          <button type="button" part="decline" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.handleDecline}>
            ${t('decline')}
          </button>
        </div>
        ${elevation?.fromConversationId ? this.renderOrigin(elevation.fromConversationId) : nothing}
      </div>
    `;
  }

  /** Reference, where to call or write, when, and consent. */
  private renderDetails(elevation: ElevationDetails) {
    const t = this.#t;
    const phone = elevation.kind !== 'email';
    return html`<dl class="details" part="details">
      <div><dt>${t('reference')}</dt><dd class="reference">${elevation.reference}</dd></div>
      <div>
        <dt>${t(phone ? 'number' : 'address')}</dt>
        <dd><span dir="ltr">${elevation.destinationDisplay || elevation.destination}</span></dd>
      </div>
      ${elevation.kind === 'callback'
        ? html`<div><dt>${t('when')}</dt><dd>${elevation.window ? formatWindow(elevation.window, this.#locale) : t('asSoonAsPossible')}</dd></div>`
        : nothing}
      ${elevation.subject ? html`<div><dt>${t('subject')}</dt><dd>${elevation.subject}</dd></div>` : nothing}
      ${phone && elevation.consent
        ? html`<div><dt>${t('consent')}</dt><dd>${t(elevation.kind === 'callback' ? 'consentCall' : 'consentText')}</dd></div>`
        : nothing}
    </dl>`;
  }

  /** The chat the request came from, read-only, loaded when opened. */
  private renderOrigin(conversationId: string) {
    const t = this.#t;
    const what = t('originalConversation');
    return html`<details class="origin" @toggle=${this.handleOriginToggle}>
      <summary>${what}</summary>
      ${this.originOpen
        ? html`<parley-agent-transcript
            conversation-id=${conversationId}
            .loader=${this.loader}
            label=${t('transcriptOf', { what })}
            locale=${this.#locale}
          ></parley-agent-transcript>`
        : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-offer': ParleyAgentOffer;
  }
}
