import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ElevationInput, ElevationOutcome } from '../../core/agent-session.js';
import { consoleCatalogue, consoleErrorKey, type ConsoleKey } from '../../core/catalogues/console.js';
import { countryOptions, regionOf } from '../../core/countries.js';
import { checkEmailAddress, checkPhoneInput, checkSubject } from '../../core/elevation.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { newClientId } from '../../core/ids.js';
import { checkMessageText } from '../../core/validators.js';
import { ELEVATION_CHANNEL, LIMITS, type AgentConversation, type ElevationKind, type ProtocolError, type SkillSummary } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { icon, iconStyles, smsCounter, smsCounterStyles } from '../parley-agent-console/channels.js';
import { ConversationEvent } from '../parley-agent-console/events.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { styles } from './parley-agent-elevate.styles.js';

/** Internal (bubbles, not composed): the agent closed the form without elevating. */
export class ElevateCancelEvent extends ConversationEvent {
  static readonly eventName = 'elevate-cancel';
  constructor(
    conversationId: string,
    readonly kind: ElevationKind,
  ) {
    super(ElevateCancelEvent.eventName, conversationId);
  }
}

/** Internal: the new interaction exists (it is in the session's threads, the agent's). */
export class ElevateDoneEvent extends Event {
  static readonly eventName = 'elevate-done';
  constructor(readonly outcome: Extract<ElevationOutcome, { ok: true }>) {
    super(ElevateDoneEvent.eventName, { bubbles: true });
  }
}

/** What the form asks the session to do (the console passes its session's `elevate`). */
export type ElevateSubmit = (input: ElevationInput) => Promise<ElevationOutcome>;

/** Where the form may start from: an address or number the session already has. */
export interface ElevatePrefill {
  phone?: string;
  email?: string;
}

type Field = 'skillId' | 'country' | 'phone' | 'email' | 'subject' | 'text';

const HEADINGS: Record<ElevationKind, ConsoleKey> = { callback: 'elevateFormCallback', email: 'elevateFormEmail', sms: 'elevateFormSms' };
const SUBMITS: Record<ElevationKind, ConsoleKey> = { callback: 'submitCallback', email: 'submitEmail', sms: 'submitSms' };
/** Form order, to put the caret in the first field to fix. */
const FIELD_ORDER: readonly Field[] = ['skillId', 'country', 'phone', 'email', 'subject', 'text'];

/**
 * The agent-side elevation form (seed 002): a held interaction continues as a callback, an email
 * or a text message, in the same session. One native `<form>`: the skill (a `<select>` of the
 * tenant's skills on the target channel), the destination — a phone number with its country
 * (calling codes, names in the agent's language) or an email address, prefilled when the session
 * already has one — then the subject and body of an email, or the text of an SMS with its SMS
 * counter.
 *
 * Fields are checked with the validators the server runs too (core/elevation.ts); each problem
 * shows at its field, which is marked invalid and described by it, and the caret goes to the
 * first one; the server's answers land at the same fields. One idempotency key is made per form
 * and sent with every attempt, so a retry after a lost answer never creates a second interaction.
 * Escape or Cancel closes the form.
 *
 * @tagname parley-agent-elevate
 *
 * @csspart form - The form.
 * @fires elevate-cancel - Internal: `ElevateCancelEvent`.
 * @fires elevate-done - Internal: `ElevateDoneEvent` with the outcome; the new interaction is held.
 */
export class ParleyAgentElevate extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${iconStyles}${smsCounterStyles}${styles}`;

  /** What the interaction becomes: `callback`, `email` or `sms`. */
  @property() kind: ElevationKind = 'callback';
  /** The held interaction elevated. */
  @property({ attribute: false }) source: AgentConversation | null = null;
  /** The tenant's skills; those on the kind's channel are offered. */
  @property({ attribute: false }) skills: SkillSummary[] = [];
  /** A number or address the session already has. */
  @property({ attribute: false }) prefill: ElevatePrefill = {};
  /** Sends the request (the console passes its session's `elevate`). */
  @property({ attribute: false }) submit: ElevateSubmit | null = null;
  /** Locale of the texts (`en`, `fr`); the console passes its own. */
  @property() locale = 'en';

  @state() private busy = false;
  @state() private errors: Partial<Record<Field, ConsoleKey>> = {};
  @state() private formError: ConsoleKey | null = null;
  @state() private textDraft = '';

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
  #countries: { code: string; label: string }[] = [];
  /** The idempotency key of this form, kept for every attempt until the form is for another request. */
  #requestId = newClientId();
  /** The region of the agent's browser language (`fr-CA` → `CA`), if the phone fields know it. */
  readonly #defaultCountry = regionOf([globalThis.navigator?.language ?? 'en']);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      const locale = resolveLocale([this.locale], Object.keys(consoleCatalogue));
      this.#t = translator(consoleCatalogue, locale);
      this.#countries = countryOptions(locale).map((c) => ({ code: c.code, label: `${c.name} (+${c.calling})` }));
    }
    if ((changed.has('kind') && changed.get('kind') !== undefined) || (changed.has('source') && changed.get('source')?.id !== this.source?.id)) {
      // Another request: a fresh key, and nothing said about the last one.
      this.#requestId = newClientId();
      this.errors = {};
      this.formError = null;
      this.textDraft = '';
    }
  }

  /** The idempotency key sent with this form's request. */
  get requestId(): string {
    return this.#requestId;
  }

  /** Puts the caret in the first field that needs typing or choosing. */
  focusFirst(): void {
    const root = this.renderRoot;
    const skill = root.querySelector<HTMLSelectElement>('#skill');
    const first = skill && !skill.value ? skill : [...root.querySelectorAll<HTMLInputElement>('#phone, #email, #subject, #text')].find((f) => !f.value);
    (first ?? root.querySelector<HTMLElement>('#phone, #email'))?.focus();
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.handleCancel();
  }

  private handleCancel(): void {
    if (this.source) this.dispatchEvent(new ElevateCancelEvent(this.source.id, this.kind));
  }

  private handleInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    const field = (target.name || target.id) as Field;
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
    if (field === 'country' && this.errors.phone) this.errors = { ...this.errors, phone: undefined };
    if (target.id === 'text' && this.kind === 'sms') this.textDraft = target.value;
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const source = this.source;
    if (!source || !this.submit || this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '');
    const kind = this.kind;
    const errors: Partial<Record<Field, ConsoleKey>> = {};
    const input: ElevationInput = { requestId: this.#requestId, conversationId: source.id, kind, skillId: value('skillId') };
    if (!input.skillId) errors.skillId = 'errorSkill';
    if (kind === 'email') {
      const email = checkEmailAddress(value('email'));
      if (email.ok) input.email = email.value;
      else errors.email = 'errorEmailAddress';
      const subject = checkSubject(value('subject'));
      if (subject.ok) input.subject = subject.value;
      else errors.subject = 'errorSubject';
    } else {
      const phone = checkPhoneInput(value('phone'), value('country'));
      if (phone.ok) {
        input.phone = value('phone').trim();
        if (value('country')) input.country = value('country');
      } else if (phone.error.field === 'country') {
        errors.country = 'errorCountry';
      } else {
        errors.phone = 'errorPhone';
      }
    }
    if (kind !== 'callback') {
      const text = checkMessageText(value('text'));
      if (!text.ok) errors.text = 'errorBody';
      else if (kind === 'sms' && text.value.length > LIMITS.smsMaxLength) errors.text = 'errorSmsTooLong';
      else input.text = text.value;
    }
    this.formError = null;
    if (this.#show(errors)) return;

    this.busy = true;
    const outcome = await this.submit(input);
    this.busy = false;
    if (outcome.ok) {
      this.dispatchEvent(new ElevateDoneEvent(outcome));
      return;
    }
    this.#showServerError(outcome.error);
  }

  /** Shows the errors at their fields and focuses the first; false when there are none. */
  #show(errors: Partial<Record<Field, ConsoleKey>>): boolean {
    this.errors = errors;
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (!first) return false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus());
    return true;
  }

  /** A refusal from the server, at its field when it names one of the form's. */
  #showServerError(error: ProtocolError): void {
    const field = error.field as Field | undefined;
    const byField: Partial<Record<Field, ConsoleKey>> = {
      skillId: 'errorElevationUnavailable',
      country: 'errorCountry',
      phone: 'errorPhoneUnusable',
      email: 'errorEmailAddress',
      subject: 'errorSubject',
      text: this.kind === 'sms' && error.code === 'message_too_long' ? 'errorSmsTooLong' : 'errorBody',
    };
    const shown = field === ('kind' as Field) ? 'skillId' : field;
    if (shown && byField[shown] && this.renderRoot.querySelector(`[name="${shown}"]`)) {
      this.#show({ [shown]: error.code === 'elevation_unavailable' ? 'errorElevationUnavailable' : byField[shown] });
      return;
    }
    this.formError = consoleErrorKey(error.code);
  }

  protected override render() {
    const source = this.source;
    if (!source) return nothing;
    const t = this.#t;
    const kind = this.kind;
    const channel = ELEVATION_CHANNEL[kind];
    const skills = this.skills.filter((s) => s.channel === channel);
    const customer = source.customerName || t('visitor');
    return html`
      <form class="root" part="form" novalidate aria-labelledby="elevate-form-heading" @submit=${this.handleSubmit} @keydown=${this.handleKeydown} @input=${this.handleInput}>
        <h2 id="elevate-form-heading" tabindex="-1">${icon(channel)}<span>${t(HEADINGS[kind], { customer })}</span></h2>
        ${this.renderSelect('skillId', 'skill', t('skill'), t('chooseSkill'), skills.map((s) => ({ code: s.id, label: s.name })), skills.length === 1 ? skills[0].id : '')}
        ${skills.length === 0 ? html`<p class="hint">${t('noSkill')}</p>` : nothing}
        ${kind === 'email'
          ? html`
              ${this.renderInput('email', t('emailAddress'), { type: 'email', value: this.prefill.email ?? '', maxlength: LIMITS.emailMaxLength })}
              ${this.renderInput('subject', t('subject'), { type: 'text', value: '', maxlength: LIMITS.subjectMaxLength })}
            `
          : html`
              ${this.renderSelect('country', 'country', t('country'), t('chooseCountry'), this.#countries, this.#defaultCountry)}
              ${this.renderInput('phone', t('phone'), { type: 'tel', value: this.prefill.phone ?? '', maxlength: LIMITS.phoneInputMaxLength, hint: t('phoneHint') })}
            `}
        ${kind === 'callback' ? nothing : this.renderText()}
        <p class="error form-error" role="alert">${this.formError ? t(this.formError) : nothing}</p>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${this.busy ? 'true' : 'false'}>${t(SUBMITS[kind])}</button>
          <button type="button" @click=${this.handleCancel}>${t('cancel')}</button>
        </div>
        <p class="status muted" role="status">${this.busy ? t('elevating') : nothing}</p>
      </form>
    `;
  }

  private renderSelect(name: Field, id: string, label: string, placeholder: string, options: { code: string; label: string }[], selected: string) {
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        name=${name}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${id}-error"
        @change=${this.handleInput}
      >
        <option value="">${placeholder}</option>
        ${options.map((o) => html`<option value=${o.code} ?selected=${o.code === selected}>${o.label}</option>`)}
      </select>
      <p id="${id}-error" class="error">${error ? this.#t(error) : nothing}</p>
    </div>`;
  }

  private renderInput(name: Field, label: string, options: { type: string; value: string; maxlength: number; hint?: string }) {
    const error = this.errors[name];
    const t = this.#t;
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <input
        id=${name}
        name=${name}
        type=${options.type}
        dir=${options.type === 'text' ? 'auto' : 'ltr'}
        inputmode=${options.type === 'tel' ? 'tel' : nothing}
        autocomplete="off"
        spellcheck=${options.type === 'text' ? 'true' : 'false'}
        required
        maxlength=${options.maxlength}
        .value=${options.value}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${options.hint ? `${name}-hint ` : ''}${name}-error"
      />
      ${options.hint ? html`<p id="${name}-hint" class="hint">${options.hint}</p>` : nothing}
      <p id="${name}-error" class="error">${error ? t(error, { max: name === 'subject' ? LIMITS.subjectMaxLength : LIMITS.messageMaxLength }) : nothing}</p>
    </div>`;
  }

  private renderText() {
    const t = this.#t;
    const sms = this.kind === 'sms';
    const error = this.errors.text;
    const max = sms ? LIMITS.smsMaxLength : LIMITS.messageMaxLength;
    return html`<div class="field">
      <label for="text">${t(sms ? 'smsText' : 'emailBody')}</label>
      <textarea
        id="text"
        name="text"
        rows=${sms ? 3 : 6}
        required
        maxlength=${max}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${sms ? 'text-count ' : ''}text-error"
      ></textarea>
      ${sms ? smsCounter(t, this.textDraft, 'text-count') : nothing}
      <p id="text-error" class="error">${error ? t(error, { max }) : nothing}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-elevate': ParleyAgentElevate;
  }
}
