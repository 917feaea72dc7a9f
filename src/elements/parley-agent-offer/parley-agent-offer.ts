import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consoleCatalogue } from '../../core/catalogues/console.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import type { ConsoleKey } from '../../core/catalogues/console.js';
import type { Offer } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
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
 * One chat offered to the agent: who, through which point of contact, the first message (always
 * plain text), the time left, and the Accept and Decline buttons. The card is a group labelled
 * with the customer and the POC, so several offers on screen keep unambiguous buttons.
 *
 * The countdown trusts the server's `expiresAt` against the local clock; the server withdraws
 * the offer itself when it expires, so a skewed clock only misstates the number shown.
 *
 * @tagname parley-agent-offer
 *
 * @csspart base - The card.
 * @csspart preview - The customer's first message.
 * @csspart accept - The Accept button.
 * @csspart decline - The Decline button.
 * @cssprop --parley-color-brand - Card accent and Accept button.
 * @fires offer-accept - Internal, bubbles within the console: `OfferAcceptEvent` with `offerId`.
 * @fires offer-decline - Internal, bubbles within the console: `OfferDeclineEvent` with `offerId`.
 */
export class ParleyAgentOffer extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${styles}`;
  // Focusing the card (after another offer went away) lands on its first button.
  static override shadowRootOptions: ShadowRootInit = { ...ParleyElement.shadowRootOptions, delegatesFocus: true };

  /** The offer to show. */
  @property({ attribute: false }) offer: Offer | null = null;
  /** Locale of the texts (`en`, `fr`); the console passes its own. */
  @property() locale = 'en';
  /** Set while an answer to this offer is on its way: the buttons then ignore clicks. */
  @property({ type: Boolean }) busy = false;

  /** Current time, ticking every second while the card is on the page. */
  @state() private now = Date.now();

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
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
      this.#t = translator(consoleCatalogue, resolveLocale([this.locale], Object.keys(consoleCatalogue)));
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

  protected override render() {
    const offer = this.offer;
    if (!offer) return nothing;
    const t = this.#t;
    const customer = offer.customerName || t('visitor');
    const left = this.secondsLeft;
    return html`
      <div class="root" part="base" role="group" aria-label=${t('offerLabel', { customer, poc: offer.pocName })}>
        <div class="who">
          <h3>${customer}</h3>
          ${left === null
            ? nothing
            : html`<span class="time ${left <= URGENT_SECONDS ? 'urgent' : ''}"
                >${left > 0 ? t('timeLeft', { seconds: left }) : t('expired')}</span
              >`}
        </div>
        <p class="poc">${offer.pocName}</p>
        <p class="preview ${offer.preview ? '' : 'none'}" part="preview">${offer.preview || t('noPreview')}</p>
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
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-offer': ParleyAgentOffer;
  }
}
