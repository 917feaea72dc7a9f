import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { WIDGET_LOCALES, widgetCatalogue, type WidgetKey } from '../../core/catalogues/widget.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { checkMessageText } from '../../core/validators.js';
import { LIMITS } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { palette } from '../base/palette.js';
import { styles } from './parley-composer.styles.js';

/**
 * Internal: the customer sends `text` (already cleaned by `checkMessageText`). Bubbles, not
 * composed. Cancelable: a parent that cannot take the text calls `preventDefault()` and the draft
 * stays in the box.
 */
export class ComposeSendEvent extends Event {
  static readonly eventName = 'compose-send';
  constructor(readonly text: string) {
    super(ComposeSendEvent.eventName, { bubbles: true, composed: false, cancelable: true });
  }
}

/** Internal: the customer started (`true`) or stopped (`false`) typing. Bubbles, not composed. */
export class ComposeTypingEvent extends Event {
  static readonly eventName = 'compose-typing';
  constructor(readonly typing: boolean) {
    super(ComposeTypingEvent.eventName, { bubbles: true, composed: false });
  }
}

/** The counter appears this many characters before the limit. */
const COUNTER_MARGIN = 200;

/**
 * The box where the customer writes: a native `<textarea>` named "Message" and a "Send" button.
 * Enter sends, Shift+Enter starts a new line; blank text is never sent; a text over
 * `LIMITS.messageMaxLength` is refused with a visible error. Typing is reported as
 * `compose-typing` events: `true` on the first keystroke, `false` after `typing-idle` ms without
 * one, on send, or when the box is emptied. Used inside `<parley-chat>`.
 *
 * @tagname parley-composer
 *
 * @csspart composer - The form.
 * @csspart input - The textarea.
 * @csspart send-button - The send button.
 *
 * @cssprop --parley-color-brand - Send button background.
 * @cssprop --parley-color-on-brand - Send button icon.
 * @cssprop --parley-color-surface - Background.
 * @cssprop --parley-color-border - Textarea border.
 * @cssprop --parley-color-error - Error text.
 * @cssprop --parley-spacing - Base spacing unit (the profile's density).
 *
 * @fires compose-send - Internal (not composed): the customer sends `text`. Cancelable.
 * @fires compose-typing - Internal (not composed): the customer started or stopped typing (`typing`).
 */
export class ParleyComposer extends ParleyElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${styles}`;

  /** Locale of the texts (`en`, `fr`). */
  @property() locale = 'en';
  /** Placeholder of the message box (the profile's); empty for the catalogue's "Write a message…". */
  @property() placeholder = '';
  /** Disables writing and sending (the chat is unavailable). */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Milliseconds without a keystroke after which the customer counts as no longer typing. */
  @property({ type: Number, attribute: 'typing-idle' }) typingIdle = 3000;

  /** The draft. */
  @state() private draft = '';
  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  #t: Translate<WidgetKey> = translator(widgetCatalogue, 'en');
  #typing = false;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.#t = translator(widgetCatalogue, resolveLocale([this.locale], WIDGET_LOCALES));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typingTimer);
    this.#typing = false;
  }

  /** The current draft. */
  get value(): string {
    return this.draft;
  }

  /** Whether the customer counts as typing now (a `compose-typing` with `true` was the last one). */
  get typing(): boolean {
    return this.#typing;
  }

  /** Sends the draft, as Enter or the Send button do. Returns whether it was sent. */
  send(): boolean {
    // Blank drafts are ignored; an over-long one keeps its visible error (see render()).
    const checked = checkMessageText(this.draft);
    if (!checked.ok) return false;
    const event = new ComposeSendEvent(checked.value);
    if (!this.dispatchEvent(event)) return false;
    this.draft = '';
    this.#setTyping(false);
    return true;
  }

  #handleInput(event: InputEvent): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
    if (this.draft.trim() === '') {
      this.#setTyping(false);
      return;
    }
    this.#setTyping(true);
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.#setTyping(false), this.typingIdle);
  }

  #handleKeydown(event: KeyboardEvent): void {
    // Enter while an input method composes text confirms the composition; it must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.send();
  }

  #handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.send();
    this.textarea?.focus();
  }

  #setTyping(typing: boolean): void {
    if (!typing) clearTimeout(this.#typingTimer);
    if (typing === this.#typing) return;
    this.#typing = typing;
    const event = new ComposeTypingEvent(typing);
    this.dispatchEvent(event);
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const max = LIMITS.messageMaxLength;
    const length = this.draft.length;
    const over = length > max;
    const showCounter = length > max - COUNTER_MARGIN;
    const describedBy = [showCounter ? 'counter' : '', over ? 'error' : ''].filter(Boolean).join(' ');
    return html`<form class="theme composer" part="composer" novalidate @submit=${this.#handleSubmit}>
      <div class="row">
        <label for="input" class="visually-hidden">${t('composer.label')}</label>
        <textarea
          id="input"
          part="input"
          rows="1"
          autocomplete="off"
          enterkeyhint="send"
          placeholder=${this.placeholder || t('composer.placeholder')}
          .value=${live(this.draft)}
          ?disabled=${this.disabled}
          aria-invalid=${over ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy || undefined)}
          @input=${this.#handleInput}
          @keydown=${this.#handleKeydown}
        ></textarea>
        <button type="submit" part="send-button" class="send" ?disabled=${this.disabled}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10.2 15 12 3.4 13.8z" />
          </svg>
          <span class="visually-hidden">${t('composer.send')}</span>
        </button>
      </div>
      ${showCounter
        ? html`<p id="counter" class="counter ${over ? 'over' : ''}">${t('composer.counter', { count: length, max })}</p>`
        : nothing}
      ${over
        ? html`<p id="error" class="error" role="alert">${t('composer.tooLong', { max })}</p>`
        : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-composer': ParleyComposer;
  }
}
