import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { WIDGET_LOCALES, widgetCatalogue, type WidgetKey } from '../../core/catalogues/widget.js';
import { countryOptions, regionOf } from '../../core/countries.js';
import { checkElevationForm, COUNTRY_CALLING_CODES, type ElevationFormValues } from '../../core/elevation.js';
import { plural, resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { newClientId } from '../../core/ids.js';
import { LIMITS, type CustomerElevation, type ElevationKind, type ElevationRequest, type ProtocolError, type TimeWindow } from '../../protocol/index.js';
import { backBar, backBarStyles } from '../base/back-bar.js';
import { confirmationStyles, doneIcon, formStyles } from '../base/form-styles.js';
import { ParleyElement } from '../base/parley-element.js';
import { palette } from '../base/palette.js';
import { ElevationAnnounceEvent, ElevationBackEvent, ElevationSubmitEvent, type ElevationReply } from './events.js';
import { styles } from './parley-elevation.styles.js';

export { ElevationAnnounceEvent, ElevationBackEvent, ElevationSubmitEvent, type ElevationReply } from './events.js';

type Field = 'country' | 'phone' | 'window' | 'consent' | 'email' | 'subject' | 'message';

/** The fields of each kind, in the order they show (and focus goes to the first invalid). */
const FIELDS: Record<ElevationKind, readonly Field[]> = {
  callback: ['country', 'phone', 'window', 'consent'],
  email: ['email', 'subject', 'message'],
  sms: ['country', 'phone', 'consent'],
};
const isField = (name: string | undefined, kind: ElevationKind): name is Field => !!name && (FIELDS[kind] as readonly string[]).includes(name);

/** The text inputs: their type, autofill hint and longest value. */
const INPUTS = {
  phone: { type: 'tel', autocomplete: 'tel', maxlength: LIMITS.phoneInputMaxLength },
  email: { type: 'email', autocomplete: 'email', maxlength: LIMITS.emailMaxLength },
  subject: { type: 'text', autocomplete: undefined, maxlength: LIMITS.subjectMaxLength },
} as const;

/** The hint under a field, which describes its control along with its error. */
const HINTS: Partial<Record<Field, WidgetKey>> = { phone: 'elevation.field.phoneHint' };


/**
 * The customer's side of an elevation: the "call me back", "email me" or "text me" form, then
 * the confirmation with the request's reference. A native `<form>` with native controls, labels,
 * autofill hints (`tel`, `email`) and `fieldset`/`legend` around the consent. Checked on submit
 * with core's `checkElevationForm` (the same rules the server applies first), and again on blur
 * for the fields the customer has touched; every error shows under its field, which gets
 * `aria-invalid` and is described by it, focus moves to the first invalid field and a summary is
 * announced. The server's refusals land on the field they name; the others (too many requests,
 * not offered, no connection) in an alert above the button.
 *
 * Each form makes one request id (a UUID) and keeps it until the request succeeds or the values
 * change: a double click, or a retry after a lost connection, is one request on the server.
 * While sending, the button says so and does nothing more (it keeps focus: it is
 * `aria-disabled`, not `disabled`). Escape, like the "Back to chat" button, asks to go back.
 * Used inside `<parley-chat>`, which sends the request.
 *
 * @tagname parley-elevation
 *
 * @csspart elevation - The whole view.
 * @csspart elevation-back - The "Back to chat" buttons.
 * @csspart elevation-form - The form.
 * @csspart elevation-field - The row of one field (label, control, hint, error).
 * @csspart elevation-input - Every input, select and textarea.
 * @csspart elevation-error - The error text of an invalid field.
 * @csspart elevation-alert - The form-level error (too many requests, not offered, no connection).
 * @csspart elevation-submit - The submit button.
 * @csspart elevation-confirmation - The confirmation once the request is made.
 * @csspart elevation-reference - The request's reference in the confirmation.
 *
 * @cssprop --parley-color-brand - Submit button background.
 * @cssprop --parley-color-on-brand - Submit button text.
 * @cssprop --parley-color-border - Borders of the controls.
 * @cssprop --parley-color-error - Error texts.
 *
 * @fires elevation-submit - Internal (not composed): the form is valid; `request`, answered with `respondWith()`.
 * @fires elevation-back - Internal (not composed): back to the chat.
 * @fires elevation-announce - Internal (not composed): `text` for the live region.
 */
export class ParleyElevation extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${formStyles}${confirmationStyles}${backBarStyles}${styles}`;

  /** What the customer asks for: `callback`, `email` or `sms`. */
  @property() kind: ElevationKind = 'callback';
  /** Language tag (`en`, `fr-FR`…): the texts' language, and the format of countries and times. */
  @property() locale = 'en';
  /** Country the phone number is read in; defaults to the locale's region, then the browser's. */
  @property() country: string | null = null;
  /** Callback windows to offer besides "as soon as possible", in order. */
  @property({ attribute: false }) windows: TimeWindow[] = [];
  /** The email subject to start from. */
  @property() subject = '';
  /** Sent from the long-wait offer: says that the request ends the wait in the chat queue. */
  @property({ type: Boolean, attribute: 'stop-waiting' }) stopWaiting = false;

  /** Error text per field, shown after a submit or a blur. */
  @state() private errors: Partial<Record<Field, string>> = {};
  /** A problem not of one field (rate limit, not offered, connection). */
  @state() private alert: string | null = null;
  @state() private sending = false;
  /** The request made: the confirmation shows. */
  @state() private done: CustomerElevation | null = null;

  #t: Translate<WidgetKey> = translator(widgetCatalogue, 'en');
  /** The tag Intl formats with: the locale given when valid, else the catalogue's language. */
  #intl = 'en';
  #defaultCountry = '';
  /** Fields the customer typed in and left: checked on blur from then on. */
  #touched = new Set<Field>();
  #dirty = new Set<Field>();
  /** The idempotency key, and the values it was made for. */
  #requestId = newClientId();
  #requestKey: string | null = null;
  /** The last server error and the values it was about, to phrase it again in another language. */
  #serverError: ProtocolError | null = null;
  /** Where focus goes after the next render. */
  #focusNext: Field | 'done' | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      const language = resolveLocale([this.locale], WIDGET_LOCALES);
      this.#t = translator(widgetCatalogue, language);
      this.#intl = validTag(this.locale) ?? language;
    }
    if (changed.has('locale') || changed.has('country')) {
      const given = this.country?.toUpperCase() ?? '';
      this.#defaultCountry = COUNTRY_CALLING_CODES.has(given) ? given : regionOf([this.locale, ...(globalThis.navigator?.languages ?? [])]);
    }
    if (changed.has('kind') && changed.get('kind') !== undefined) this.#reset();
    // Messages already shown are in the old language: phrase them again.
    if (changed.has('locale') && this.hasUpdated && (Object.keys(this.errors).length || this.alert)) this.#showErrors();
  }

  protected override updated(): void {
    const target = this.#focusNext;
    this.#focusNext = null;
    if (target === 'done') this.renderRoot.querySelector<HTMLElement>('#done-title')?.focus();
    else if (target) this.#control(target)?.focus();
  }

  /** Moves focus to the first field, or to the confirmation once the request is made. */
  override focus(options?: FocusOptions): void {
    const target = this.done ? this.renderRoot.querySelector<HTMLElement>('#done-title') : this.#control(FIELDS[this.kind][0]);
    target?.focus(options);
  }

  /** The last control of the view (for a dialog's focus wrap). */
  get lastControl(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(this.done ? '.done [part~="elevation-back"]' : '[part~="elevation-submit"]');
  }

  /** Checks the form and, when valid, asks for the request; resolves once answered. */
  async submit(): Promise<void> {
    if (this.sending || this.done) return;
    for (const f of FIELDS[this.kind]) this.#touched.add(f);
    this.#serverError = null;
    // Every field counts as touched now: all the form's errors show, and no alert.
    const { values, checked } = this.#showErrors();
    if (!checked.ok) {
      const first = FIELDS[this.kind].find((f) => this.errors[f]);
      this.#focusNext = first ?? null;
      const count = Object.keys(this.errors).length;
      this.#announce(this.#t(plural(this.#intl, count, 'elevation.error.summary.one', 'elevation.error.summary.other'), { count }));
      return;
    }
    // One id per set of values: the same values again (double click, retry) are the same request.
    const key = JSON.stringify([this.kind, values]);
    if (key !== this.#requestKey) {
      this.#requestKey = key;
      this.#requestId = newClientId();
    }
    const v = checked.value;
    const request: ElevationRequest =
      v.kind === 'email'
        ? { requestId: this.#requestId, kind: v.kind, email: v.email, subject: v.subject, message: v.message }
        : {
            requestId: this.#requestId,
            kind: v.kind,
            phone: v.phone,
            ...(v.country ? { country: v.country } : {}),
            ...(v.kind === 'callback' && v.window ? { window: v.window } : {}),
            consent: v.consent,
          };
    const event = new ElevationSubmitEvent(request);
    this.dispatchEvent(event);
    if (!event.reply) return;
    this.sending = true;
    let reply: ElevationReply;
    try {
      reply = await event.reply;
    } catch (err) {
      reply = { ok: false, error: { code: 'internal_error', message: String(err) } };
    }
    this.sending = false;
    if (reply.ok) {
      this.done = reply.elevation;
      this.#focusNext = 'done';
      this.#announce(this.#t('elevation.done.announce', { reference: reply.elevation.reference, next: this.#nextStep(reply.elevation) }));
      return;
    }
    this.#serverError = reply.error;
    this.#showErrors();
    const field = reply.error.field;
    if (isField(field, this.kind)) {
      this.#focusNext = field;
      this.#announce(this.errors[field] ?? '');
    }
    // A form-level alert is role="alert": it is read as it appears, and focus stays on the button.
  }

  /** Back to an empty form with a fresh request id (another kind, or a new request). */
  #reset(): void {
    this.errors = {};
    this.alert = null;
    this.done = null;
    this.sending = false;
    this.#touched.clear();
    this.#dirty.clear();
    this.#serverError = null;
    this.#requestKey = null;
    this.#requestId = newClientId();
  }

  #announce(text: string): void {
    this.dispatchEvent(new ElevationAnnounceEvent(text));
  }

  #handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  #handleBack(): void {
    this.dispatchEvent(new ElevationBackEvent());
  }

  #handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // The panel would close on Escape: here it goes back to the chat instead.
    event.preventDefault();
    this.#handleBack();
  }

  /** A value changed: an error shown at that field follows what the customer types. */
  #handleInput(event: Event): void {
    const field = fieldOf(event);
    this.#dirty.add(field);
    if (this.#serverError?.field === field || (field === 'country' && this.#serverError?.field === 'phone')) this.#serverError = null;
    if (this.errors[field] !== undefined || (field === 'country' && this.errors.phone !== undefined)) this.#showErrors();
  }

  /** Leaving a field the customer changed checks it. */
  #handleBlur(event: Event): void {
    const field = fieldOf(event);
    if (!this.#dirty.has(field) || this.done) return;
    this.#touched.add(field);
    this.#showErrors();
  }

  /** Each field's control has the field's name as its id. */
  #control(field: Field): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null {
    return this.renderRoot.querySelector(`#${field}`);
  }

  #invalid(field: Field): 'true' | 'false' {
    return this.errors[field] ? 'true' : 'false';
  }

  /** The ids of what describes a field's control: its hint, then its error when one shows. */
  #describedBy(field: Field): string | undefined {
    const ids = [HINTS[field] && `${field}-hint`, this.errors[field] && `${field}-error`].filter(Boolean);
    return ids.join(' ') || undefined;
  }

  /** What the form holds now. */
  #values(): ElevationFormValues {
    const value = (field: Field): string | undefined => this.#control(field)?.value;
    const from = value('window');
    return {
      country: value('country'),
      phone: value('phone'),
      window: from ? (this.windows.find((w) => w.from === from) ?? null) : null,
      consent: (this.#control('consent') as HTMLInputElement | null)?.checked ?? false,
      email: value('email'),
      subject: value('subject'),
      message: value('message'),
    };
  }

  /** Sets the shown errors: the touched fields' own, then the server's last answer. Returns the check. */
  #showErrors(): { values: ElevationFormValues; checked: ReturnType<typeof checkElevationForm> } {
    const values = this.#values();
    const checked = checkElevationForm(this.kind, values);
    const errors: Partial<Record<Field, string>> = {};
    if (!checked.ok) {
      for (const error of checked.errors) {
        if (isField(error.field, this.kind) && this.#touched.has(error.field)) errors[error.field] = this.#message(error, values);
      }
    }
    let alert: string | null = null;
    const server = this.#serverError;
    if (server) {
      if (isField(server.field, this.kind)) errors[server.field] ??= this.#message(server, values);
      else alert = this.#alertText(server);
    }
    this.errors = errors;
    this.alert = alert;
    return { values, checked };
  }

  /**
   * The customer's words for a field's error. The protocol names the field but has one code for
   * every field problem (`invalid_field`); which problem it is comes from the value itself, and
   * for numbers from the server's English message (premium-rate, not a mobile, does not exist),
   * which is the one place libphonenumber-js's verdict is known.
   */
  #message(error: ProtocolError, values: ElevationFormValues): string {
    const t = this.#t;
    if (error.code === 'rate_limited') return this.#rateLimited(error.retryAfter);
    const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
    switch (error.field as Field) {
      case 'phone':
        if (blank(values.phone)) return t('elevation.error.phoneRequired');
        if (/premium|service/i.test(error.message)) return t('elevation.error.phonePremium');
        if (/mobile/i.test(error.message)) return t('elevation.error.phoneMobile');
        if (/not a (valid|phone) number/i.test(error.message)) return t('elevation.error.phoneInvalid');
        return t('elevation.error.phone');
      case 'country':
        return t('elevation.error.country');
      case 'window':
        return t('elevation.error.window');
      case 'consent':
        return this.kind === 'sms' ? t('elevation.error.consent.sms') : t('elevation.error.consent.callback');
      case 'email':
        if (blank(values.email)) return t('elevation.error.emailRequired');
        if (/alphabets/i.test(error.message)) return t('elevation.error.emailMixed');
        return t('elevation.error.email');
      case 'subject':
        if (blank(values.subject)) return t('elevation.error.subjectRequired');
        if (/longer/i.test(error.message)) return t('elevation.error.subjectLong', { max: LIMITS.subjectMaxLength });
        return t('elevation.error.subjectLine');
      case 'message':
        if (blank(values.message)) return t('elevation.error.messageRequired');
        return t('elevation.error.messageLong', { max: LIMITS.messageMaxLength });
    }
    return t('elevation.error.other');
  }

  #alertText(error: ProtocolError): string {
    const t = this.#t;
    switch (error.code) {
      case 'rate_limited':
        return this.#rateLimited(error.retryAfter);
      case 'elevation_unavailable':
      case 'poc_not_found':
      case 'poc_inactive':
      case 'poc_wrong_channel':
        return t('elevation.error.unavailable');
      case 'internal_error':
      case 'server_closing':
      case 'capacity_reached':
        return t('elevation.error.network');
      default:
        return t('elevation.error.other');
    }
  }

  #rateLimited(retryAfter: number | undefined): string {
    const count = Math.max(1, Math.ceil((retryAfter ?? 60) / 60));
    return this.#t(plural(this.#intl, count, 'elevation.error.rateLimited.one', 'elevation.error.rateLimited.other'), { count });
  }

  /** What happens next, in words: who does what, where, and when. */
  #nextStep(elevation: CustomerElevation): string {
    const t = this.#t;
    const destination = elevation.destinationDisplay || elevation.destination;
    if (elevation.kind === 'email') return t('elevation.done.email', { destination });
    if (elevation.kind === 'sms') return t('elevation.done.sms', { destination });
    if (!elevation.window) return t('elevation.done.callback.asap', { destination });
    const { day, time } = formats(this.#intl);
    const from = new Date(elevation.window.from);
    return t('elevation.done.callback.window', { destination, day: day.format(from), from: time.format(from), to: time.format(new Date(elevation.window.to)) });
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    return html`<div class="theme elevation" part="elevation" @keydown=${this.#handleKeydown}>
      ${backBar(t('elevation.back'), 'elevation-back', this.#handleBack)}
      ${this.done ? this.renderDone(this.done) : this.renderForm()}
    </div>`;
  }

  private renderForm(): TemplateResult {
    const t = this.#t;
    const kind = this.kind;
    const fields = FIELDS[kind];
    return html`<form class="form" part="elevation-form" novalidate aria-labelledby="title" aria-describedby="intro" @submit=${this.#handleSubmit}>
      <h3 id="title" class="title">${t(`elevation.kind.${kind}`)}</h3>
      <p id="intro" class="intro">${t(`elevation.intro.${kind}`)}</p>
      ${this.stopWaiting ? html`<p class="note">${t('elevation.stopWaitingNote')}</p>` : nothing}
      <p class="note">${t('elevation.requiredNote')}</p>
      ${fields.map((f) => keyed(f, this.renderField(f)))}
      <div role="alert">${this.alert ? html`<p class="alert" part="elevation-alert">${this.alert}</p>` : nothing}</div>
      <button
        type="submit"
        class="submit"
        part="elevation-submit"
        aria-disabled=${this.sending ? 'true' : 'false'}
        aria-busy=${this.sending ? 'true' : 'false'}
      >
        ${this.sending ? html`<span class="spinner" aria-hidden="true"></span>${t('elevation.sending')}` : t(`elevation.submit.${kind}`)}
      </button>
    </form>`;
  }

  /** One field: a row of label, control, hint and error, or the consent's fieldset. */
  private renderField(field: Field): TemplateResult {
    const t = this.#t;
    switch (field) {
      case 'country':
        return this.renderRow(field, t('elevation.field.country'), this.renderSelect(field, this.renderCountries()));
      case 'phone':
        return this.renderRow(field, t(this.kind === 'sms' ? 'elevation.field.mobile' : 'elevation.field.phone'), this.renderInput(field));
      case 'window':
        return this.renderRow(field, t('elevation.field.window'), this.renderSelect(field, this.renderWindows()));
      case 'consent':
        return html`<fieldset class="field consent" part="elevation-field">
          <legend>${t('elevation.consent.legend')}</legend>
          <div class="check">
            <input
              id="consent"
              name="consent"
              type="checkbox"
              part="elevation-input"
              required
              aria-invalid=${this.#invalid(field)}
              aria-describedby=${ifDefined(this.#describedBy(field))}
              @change=${this.#handleInput}
              @blur=${this.#handleBlur}
            />
            <label for="consent">${t(this.kind === 'sms' ? 'elevation.consent.sms' : 'elevation.consent.callback')}</label>
          </div>
          ${this.renderError(field)}
        </fieldset>`;
      case 'email':
        return this.renderRow(field, t('elevation.field.email'), this.renderInput(field));
      case 'subject':
        return this.renderRow(field, t('elevation.field.subject'), this.renderInput(field, this.subject));
      case 'message':
        return this.renderRow(
          field,
          t('elevation.field.message'),
          html`<textarea
            id="message"
            name="message"
            part="elevation-input"
            rows="4"
            maxlength=${LIMITS.messageMaxLength}
            required
            aria-invalid=${this.#invalid(field)}
            aria-describedby=${ifDefined(this.#describedBy(field))}
            @input=${this.#handleInput}
            @blur=${this.#handleBlur}
          ></textarea>`,
        );
    }
  }

  /** A field's row: label, control, then its hint and error, which describe the control. */
  private renderRow(field: Field, label: string, control: TemplateResult): TemplateResult {
    const hint = HINTS[field];
    return html`<div class="field" part="elevation-field">
      <label for=${field}>${label}</label>
      ${control} ${hint ? html`<p id="${field}-hint" class="hint">${this.#t(hint)}</p>` : nothing} ${this.renderError(field)}
    </div>`;
  }

  /** A text input; `value` is the one it starts from. */
  private renderInput(field: keyof typeof INPUTS, value?: string): TemplateResult {
    const { type, autocomplete, maxlength } = INPUTS[field];
    return html`<input
      id=${field}
      name=${field}
      part="elevation-input"
      type=${type}
      autocomplete=${ifDefined(autocomplete)}
      maxlength=${maxlength}
      required
      value=${ifDefined(value)}
      aria-invalid=${this.#invalid(field)}
      aria-describedby=${ifDefined(this.#describedBy(field))}
      @input=${this.#handleInput}
      @blur=${this.#handleBlur}
    />`;
  }

  /** A select: checked when it changes, like the inputs as they are typed in. */
  private renderSelect(field: Field, options: TemplateResult): TemplateResult {
    return html`<select
      id=${field}
      name=${field}
      part="elevation-input"
      aria-invalid=${this.#invalid(field)}
      aria-describedby=${ifDefined(this.#describedBy(field))}
      @change=${this.#handleInput}
      @blur=${this.#handleBlur}
    >
      ${options}
    </select>`;
  }

  private renderError(field: Field): TemplateResult | typeof nothing {
    const error = this.errors[field];
    return error ? html`<p id="${field}-error" class="error" part="elevation-error">${error}</p>` : nothing;
  }

  /** The countries by name in the visitor's language, the default one chosen, else "Choose…" first. */
  private renderCountries(): TemplateResult {
    const t = this.#t;
    const chosen = this.#defaultCountry;
    return html`${chosen ? nothing : html`<option value="" selected>${t('elevation.country.choose')}</option>`}
    ${countryOptions(this.#intl).map(
      (c) => html`<option value=${c.code} ?selected=${c.code === chosen}>${t('elevation.country.option', { name: c.name, code: c.calling })}</option>`,
    )}`;
  }

  /**
   * "As soon as possible", then the callback windows grouped by day, in the visitor's language
   * and time zone. Keyed: when a refresh drops the windows that passed, the option chosen stays
   * the same window.
   */
  private renderWindows(): TemplateResult {
    const { day, time } = formats(this.#intl);
    const days = new Map<string, TimeWindow[]>();
    for (const w of this.windows) {
      const label = day.format(new Date(w.from));
      days.set(label, [...(days.get(label) ?? []), w]);
    }
    return html`<option value="" selected>${this.#t('elevation.window.asap')}</option>
    ${repeat(
      days,
      ([label]) => label,
      ([label, windows]) => html`<optgroup label=${label}>
        ${repeat(
          windows,
          (w) => w.from,
          (w) => html`<option value=${w.from}>${timeRange(time, w)}</option>`,
        )}
      </optgroup>`,
    )}`;
  }

  private renderDone(elevation: CustomerElevation): TemplateResult {
    const t = this.#t;
    return html`<section class="done" part="elevation-confirmation" aria-labelledby="done-title">
      <svg class="done-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${doneIcon}</svg>
      <h3 id="done-title" class="title" tabindex="-1">${t('elevation.done.title')}</h3>
      <p class="reference-label">${t('elevation.done.reference')}</p>
      <p class="reference" part="elevation-reference">${elevation.reference}</p>
      <p class="next">${this.#nextStep(elevation)}</p>
      <p class="note">${t('elevation.done.keep')}</p>
      <button type="button" class="submit" part="elevation-back" @click=${this.#handleBack}>${t('elevation.back')}</button>
    </section>`;
  }
}

/** The field of the control an event is about (its id). */
const fieldOf = (event: Event): Field => (event.currentTarget as HTMLElement).id as Field;

/** A tag `Intl` accepts, or null. */
function validTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

const formatCache = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** Day and time formats of a locale, in the visitor's own time zone. */
function formats(locale: string): { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat } {
  let f = formatCache.get(locale);
  if (!f) {
    f = {
      day: new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }),
      time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
    };
    formatCache.set(locale, f);
  }
  return f;
}

function timeRange(time: Intl.DateTimeFormat, w: TimeWindow): string {
  const from = new Date(w.from);
  const to = new Date(w.to);
  return typeof time.formatRange === 'function' ? time.formatRange(from, to) : `${time.format(from)} – ${time.format(to)}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-elevation': ParleyElevation;
  }
}
