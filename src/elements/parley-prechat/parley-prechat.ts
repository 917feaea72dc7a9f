import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { WIDGET_LOCALES, widgetCatalogue, type WidgetKey } from '../../core/catalogues/widget.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { fieldLabel } from '../../core/profile.js';
import { checkName } from '../../core/validators.js';
import type { PreChatAnswers } from '../../events/parley-prechat-event.js';
import { LIMITS, type PreChatField } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { palette } from '../base/palette.js';
import { formStyles } from '../base/form-styles.js';
import { PreChatSubmitEvent } from './events.js';
import { styles } from './parley-prechat.styles.js';

export { PreChatSubmitEvent } from './events.js';

/** Longest answer to a free-text field. */
const TEXT_MAX = 200;
const EMAIL_MAX = 254;
/** Digits, spaces, dots, dashes and brackets with an optional leading `+` (checked with the `v` flag). */
const PHONE_PATTERN = '\\+?[0-9 \\(\\)\\.\\-]{6,24}';

type Control = HTMLInputElement | HTMLSelectElement;

/** Autofill hints (https://html.spec.whatwg.org/#autofill-field); free-text fields get none. */
const AUTOCOMPLETE: Partial<Record<PreChatField['type'], string>> = { name: 'name', email: 'email', phone: 'tel' };

/**
 * The pre-chat form of a chat profile: one native control per field, in a native `<form>`, so
 * labels, autofill (`autocomplete="name"`, `email`, `tel`) and the on-screen keyboard come from
 * the browser. Validation uses the constraint-validation API (`required`, `type="email"`,
 * `pattern`), with the browser's own bubbles replaced by messages from the widget catalogue: each
 * invalid field gets `aria-invalid` and an error text it is described by, and focus moves to the
 * first one. Used inside `<parley-chat>`.
 *
 * @tagname parley-prechat
 *
 * @csspart prechat - The form.
 * @csspart prechat-field - The row of one field (label, control, error).
 * @csspart prechat-input - Every input and select.
 * @csspart prechat-error - The error text of an invalid field.
 * @csspart prechat-submit - The "Start chat" button.
 *
 * @cssprop --parley-color-brand - Submit button background.
 * @cssprop --parley-color-on-brand - Submit button text.
 * @cssprop --parley-color-border - Borders of the controls.
 * @cssprop --parley-color-error - Error texts.
 *
 * @fires prechat-submit - Internal (not composed): the form is valid; `answers` by field id.
 */
export class ParleyPreChat extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${formStyles}${styles}`;

  /** The profile's pre-chat fields, in order. */
  @property({ attribute: false }) fields: PreChatField[] = [];
  /** Locale of the labels and messages (`en`, `fr`). */
  @property() locale = 'en';

  /** Error text per field id, shown after a submit attempt. */
  @state() private errors: Record<string, string> = {};

  #t: Translate<WidgetKey> = translator(widgetCatalogue, 'en');
  #locale = 'en';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.#locale = resolveLocale([this.locale], WIDGET_LOCALES);
      this.#t = translator(widgetCatalogue, this.#locale);
      // Messages already shown are in the old language: phrase them again.
      if (Object.keys(this.errors).length) this.errors = this.#validate(false);
    }
  }

  /** Moves focus to the first field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('input, select')?.focus(options);
  }

  /** Checks the form as a submit does; returns whether it is valid. */
  async submit(): Promise<boolean> {
    this.errors = this.#validate(true);
    const first = Object.keys(this.errors)[0];
    if (first !== undefined) {
      await this.updateComplete;
      this.#control(first)?.focus();
      return false;
    }
    const event = new PreChatSubmitEvent(this.#answers());
    this.dispatchEvent(event);
    return true;
  }

  #handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  /** Once a field was marked invalid, its message follows what the customer types. */
  #handleChange(field: PreChatField): void {
    if (!(field.id in this.errors)) return;
    const message = this.#errorOf(field);
    const next = { ...this.errors };
    if (message) next[field.id] = message;
    else delete next[field.id];
    this.errors = next;
  }

  #control(id: string): Control | null {
    return this.renderRoot.querySelector<Control>(`#field-${id}`);
  }

  /** Errors by field id, in field order; `all` false re-checks only the fields already marked. */
  #validate(all: boolean): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const field of this.fields) {
      if (!all && !(field.id in this.errors)) continue;
      const message = this.#errorOf(field);
      if (message) errors[field.id] = message;
    }
    return errors;
  }

  #errorOf(field: PreChatField): string | null {
    const control = this.#control(field.id);
    if (!control) return null;
    const t = this.#t;
    const validity = control.validity;
    // The browser counts "   " as an answer; a required field needs more than spaces.
    const blank = field.type !== 'checkbox' && control.value.trim() === '';
    if (validity.valueMissing || (field.required && blank)) {
      return field.type === 'checkbox'
        ? t('prechat.error.requiredCheckbox')
        : field.type === 'select'
          ? t('prechat.error.requiredChoice')
          : t('prechat.error.required');
    }
    if (blank) return null;
    if (validity.typeMismatch) return t('prechat.error.email');
    if (validity.patternMismatch) return t('prechat.error.phone');
    if (field.type === 'name' && !checkName(control.value).ok) return t('prechat.error.name', { max: LIMITS.nameMaxLength });
    if (!validity.valid) return t('prechat.error.required');
    return null;
  }

  #answers(): PreChatAnswers {
    const answers: PreChatAnswers = {};
    for (const field of this.fields) {
      const control = this.#control(field.id);
      if (!control) continue;
      if (field.type === 'checkbox') answers[field.id] = (control as HTMLInputElement).checked;
      else if (control.value.trim() !== '') answers[field.id] = control.value.trim();
    }
    return answers;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const anyRequired = this.fields.some((f) => f.required);
    return html`<form class="theme prechat" part="prechat" novalidate aria-labelledby="intro" @submit=${this.#handleSubmit}>
      <p id="intro" class="intro">${t('prechat.intro')}</p>
      ${anyRequired ? html`<p class="note">${t('prechat.requiredNote')}</p>` : nothing}
      ${this.fields.map((f) => this.renderField(f))}
      <button type="submit" class="submit" part="prechat-submit">${t('prechat.submit')}</button>
    </form>`;
  }

  private renderField(field: PreChatField): TemplateResult {
    const id = `field-${field.id}`;
    const error = this.errors[field.id];
    const label = fieldLabel(field, this.#locale);
    const mark = field.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing;
    const common = {
      invalid: error ? 'true' : 'false',
      describedBy: error ? `error-${field.id}` : undefined,
    };
    const errorText = error ? html`<p id="error-${field.id}" class="error" part="prechat-error">${error}</p>` : nothing;
    const onChange = (): void => this.#handleChange(field);

    if (field.type === 'checkbox') {
      return html`<div class="field checkbox" part="prechat-field">
        <div class="check">
          <input
            id=${id}
            name=${field.id}
            type="checkbox"
            part="prechat-input"
            ?required=${field.required}
            aria-invalid=${common.invalid}
            aria-describedby=${ifDefined(common.describedBy)}
            @change=${onChange}
          />
          <label for=${id}>${label}${mark}</label>
        </div>
        ${errorText}
      </div>`;
    }
    const control =
      field.type === 'select'
        ? html`<select
            id=${id}
            name=${field.id}
            part="prechat-input"
            ?required=${field.required}
            aria-invalid=${common.invalid}
            aria-describedby=${ifDefined(common.describedBy)}
            @change=${onChange}
          >
            <option value="">${this.#t('prechat.choose')}</option>
            ${field.options.map((o) => html`<option value=${o}>${o}</option>`)}
          </select>`
        : html`<input
            id=${id}
            name=${field.id}
            part="prechat-input"
            type=${field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : 'text'}
            autocomplete=${ifDefined(AUTOCOMPLETE[field.type])}
            maxlength=${field.type === 'name' ? LIMITS.nameMaxLength : field.type === 'email' ? EMAIL_MAX : TEXT_MAX}
            pattern=${ifDefined(field.type === 'phone' ? PHONE_PATTERN : undefined)}
            ?required=${field.required}
            aria-invalid=${common.invalid}
            aria-describedby=${ifDefined(common.describedBy)}
            @input=${onChange}
          />`;
    return html`<div class="field" part="prechat-field">
      <label for=${id}>${label}${mark}</label>
      ${control} ${errorText}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-prechat': ParleyPreChat;
  }
}
