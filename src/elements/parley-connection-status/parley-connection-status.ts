import { css, html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { deliveryCatalogue, type DeliveryKey } from '../../core/catalogues/delivery.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { ParleyElement } from '../base/parley-element.js';
import { styles } from './parley-connection-status.styles.js';

/** What the notice says, derived from the connection and the clock. */
type Notice = 'connecting' | 'reconnecting' | 'offline' | 'restored';

const ICONS: Record<Notice, SVGTemplateResult> = {
  connecting: svg`<path class="spin" d="M8 2a6 6 0 1 1-6 6" />`,
  reconnecting: svg`<path class="spin" d="M8 2a6 6 0 1 1-6 6" />`,
  // A cloud, struck through.
  offline: svg`<path d="M4.5 12.5h7a2.75 2.75 0 0 0 .4-5.47A4 4 0 0 0 4.2 6.3 3.1 3.1 0 0 0 4.5 12.5Z" /><path d="m2 2 12 12" />`,
  restored: svg`<path d="M3 8.5 6.5 12 13 4.5" />`,
};

/**
 * One line saying how the connection to the Parley server stands, for a chat panel or the agent
 * console: "Connecting…", "Connection lost. Retrying in 4 s…" counting down to the next attempt,
 * "You're offline…", and "Connected again." for a few seconds once a lost connection is back.
 * Renders nothing while connected (or idle, or refused: the host says that in its own words).
 *
 * The countdown is redrawn once a second, and only while it shows: no timer runs in any other
 * state, or once the element leaves the document. The line is not a live region (it would read
 * every tick): the host announces state changes through its own live region.
 *
 * @tagname parley-connection-status
 *
 * @csspart notice - The line, present only while there is something to say.
 *
 * @cssprop --parley-connection-background - Background of the line (default: `--parley-color-surface-alt`).
 * @cssprop --parley-connection-color - Text and icon colour of the line (default: `--parley-color-text`).
 * @cssprop --parley-connection-border - Line under the notice (default: `--parley-color-border` at 40 %).
 *
 * @cssstate shown - The line is shown.
 */
export class ParleyConnectionStatus extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${styles}`;

  /** The session's connection: `idle`, `connecting`, `connected`, `reconnecting`, `offline` (others show nothing). */
  @property() connection = 'idle';
  /** While reconnecting: epoch milliseconds of the next attempt, the end of the countdown. */
  @property({ attribute: false }) nextRetryAt: number | null = null;
  /** While reconnecting: why the server refused the last attempt, when it said (`rate_limited`). */
  @property() reason: string | null = null;
  /** Language of the texts (`en`, `fr`). */
  @property() locale = 'en';
  /** How long "Connected again." stays, in milliseconds. */
  @property({ type: Number, attribute: 'restored-duration' }) restoredDuration = 4000;

  #internals = this.attachInternals();
  #t: Translate<DeliveryKey> = translator(deliveryCatalogue, 'en');
  /** When "Connected again." goes away (epoch ms), or 0. */
  #restoredUntil = 0;
  #notice: Notice | null = null;
  /** Whole seconds left before the next attempt, while counting down. */
  #seconds = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the document: pick the countdown up where the clock is.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.#t = translator(deliveryCatalogue, resolveLocale([this.locale], Object.keys(deliveryCatalogue)));
    if (changed.has('connection')) {
      const before = changed.get('connection');
      const back = this.connection === 'connected' && (before === 'reconnecting' || before === 'offline');
      this.#restoredUntil = back ? Date.now() + this.restoredDuration : 0;
    }
    const now = Date.now();
    this.#seconds = this.connection === 'reconnecting' && this.nextRetryAt ? Math.ceil((this.nextRetryAt - now) / 1000) : 0;
    this.#notice =
      this.connection === 'connecting' || this.connection === 'reconnecting' || this.connection === 'offline'
        ? this.connection
        : this.connection === 'connected' && this.#restoredUntil > now
          ? 'restored'
          : null;
  }

  protected override updated(): void {
    try {
      if (this.#notice) this.#internals.states.add('shown');
      else this.#internals.states.delete('shown');
    } catch {
      // Browsers before CustomStateSet: states are a bonus.
    }
    this.#schedule();
  }

  /** One timer at most: the next whole second of the countdown, or the end of "Connected again.". */
  #schedule(): void {
    this.#stopTimer();
    if (!this.isConnected) return;
    const now = Date.now();
    let due = 0;
    if (this.#notice === 'reconnecting' && this.#seconds > 0) due = this.nextRetryAt! - (this.#seconds - 1) * 1000;
    else if (this.#notice === 'restored') due = this.#restoredUntil;
    if (due) this.#timer = setTimeout(() => this.requestUpdate(), Math.max(0, due - now) + 10);
  }

  #stopTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #text(notice: Notice): string {
    const t = this.#t;
    switch (notice) {
      case 'connecting':
        return t('connection.connecting');
      case 'reconnecting':
        if (this.#seconds > 0 && this.reason === 'rate_limited') return t('connection.rateLimited', { seconds: this.#seconds });
        return this.#seconds > 0 ? t('connection.retryIn', { seconds: this.#seconds }) : t('connection.reconnecting');
      case 'offline':
        return t('connection.offline');
      case 'restored':
        return t('connection.restored');
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const notice = this.#notice;
    if (!notice) return nothing;
    return html`<p class="notice ${notice}" part="notice" data-connection=${notice}>
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">${ICONS[notice]}</svg>
      <span>${this.#text(notice)}</span>
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-connection-status': ParleyConnectionStatus;
  }
}
