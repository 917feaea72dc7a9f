import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { adminCatalogue, adminErrorText, type AdminKey } from '../../core/catalogues/admin.js';
import { adminCall, type AdminCall, type AdminResult } from '../../core/admin-api.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import type { Permission, ProtocolError, StaffUser } from '../../protocol/index.js';
import { LiveAnnouncerController } from '../../controllers/live-announcer-controller.js';
import { ParleyElement } from '../base/parley-element.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { adminStyles, pocStyles } from './admin.styles.js';

/** Internal (bubbles, not composed): the server answered 401, the staff session is over. */
export class SessionEndedEvent extends Event {
  static readonly eventName = 'session-ended';
  constructor() {
    super(SessionEndedEvent.eventName, { bubbles: true });
  }
}

/** What a form shows after the server refused it: one alert, and the message at the field to blame. */
export interface FormProblem {
  /** The alert's text. */
  message: string;
  /** The control's id to blame (the server's `error.field`, its first segment), if any. */
  field: string | null;
  /** What is said under that control, when it differs from the alert (the browser's own check). */
  fieldMessage?: string;
}

/** `aria-invalid`, `aria-describedby` and the error line of each control of one form. */
export interface FieldHelpers {
  invalid(id: string): boolean;
  describedBy(id: string, hint?: boolean): string | typeof nothing;
  error(id: string): TemplateResult | typeof nothing;
}

/**
 * The base of every administration section: the server, the signed-in user and the language it
 * is handed, its catalogue, a polite announcer, the admin API call (a 401 ends the session for the
 * whole page), and the helpers its forms share to show a refusal at the right field.
 */
export class AdminSection extends ParleyElement {
  static override styles = css`${ParleyElement.styles}${palette}${controls}${adminStyles}${pocStyles}`;

  /** Says what happens out of sight: saves, creations, results counts. */
  protected readonly announcer = new LiveAnnouncerController(this);

  /** Origin of the Parley server; defaults to the page's own origin. */
  @property() server = '';
  /** The signed-in staff member; what they may do decides which actions show. */
  @property({ attribute: false }) user: StaffUser | null = null;
  /** Language (`en`, `fr`); defaults to the browser's. */
  @property() locale = '';

  /** The last refusal of a form, by form name. */
  @state() protected problems: Record<string, FormProblem | null> = {};

  protected t: Translate<AdminKey> = translator(adminCatalogue, 'en');
  protected language = 'en';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      this.language = resolveLocale([this.locale, globalThis.navigator?.language], Object.keys(adminCatalogue));
      this.t = translator(adminCatalogue, this.language);
    }
  }

  /** Whether the signed-in user holds `permission`. */
  protected can(permission: Permission): boolean {
    return this.user?.permissions.includes(permission) ?? false;
  }

  protected get origin(): string {
    return this.server || globalThis.location.origin;
  }

  /** Calls the admin API; a 401 tells the page the session is over. */
  protected async call<T>(path: string, call: AdminCall = {}): Promise<AdminResult<T>> {
    const result = await adminCall<T>(this.origin, path, call);
    if (!result.ok && result.status === 401) this.dispatchEvent(new SessionEndedEvent());
    return result;
  }

  protected errorText(error: ProtocolError): string {
    return adminErrorText(this.t, error);
  }

  /**
   * Shows the server's refusal of form `form`: the alert, and the field it names marked. Then the
   * caret goes to that field (or the alert's form stays where it is), so the person fixes it at once.
   */
  protected async refuse(form: string, error: ProtocolError, fieldIds: Record<string, string> = {}): Promise<void> {
    const key = error.field?.split(/[.[]/)[0] ?? null;
    const field = key ? (fieldIds[key] ?? key) : null;
    this.problems = { ...this.problems, [form]: { message: this.errorText(error), field } };
    await this.updateComplete;
    if (field) this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(field)}`)?.focus();
  }

  /** Forgets form `form`'s refusal (a new attempt, or the form closed). */
  protected clearProblem(form: string): void {
    if (this.problems[form]) this.problems = { ...this.problems, [form]: null };
  }

  /**
   * Checks a native form with its constraints; if something is wrong, marks the first invalid
   * control, says so in the form's alert and puts the caret there. Returns whether it is valid.
   */
  protected async checkForm(form: string, element: HTMLFormElement): Promise<boolean> {
    if (element.checkValidity()) return true;
    const invalid = [...element.elements].find((c) => !(c as HTMLInputElement).validity?.valid) as HTMLInputElement | undefined;
    this.problems = { ...this.problems, [form]: { message: this.t('formHasErrors'), field: invalid?.id || null, fieldMessage: invalid?.validationMessage } };
    await this.updateComplete;
    invalid?.focus();
    return false;
  }

  /** Whether control `id` of form `form` is the one to blame (its `aria-invalid`). */
  protected invalid(form: string, id: string): boolean {
    return this.problems[form]?.field === id;
  }

  /** `aria-describedby` of control `id`: its hint, and its error when it is the one to blame. */
  protected describedBy(form: string, id: string, hint = false): string | typeof nothing {
    const ids = [hint ? `${id}-hint` : '', this.invalid(form, id) ? `${id}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  /** The message under control `id` when it is the one to blame. */
  protected fieldError(form: string, id: string): TemplateResult | typeof nothing {
    const problem = this.problems[form];
    if (!problem || problem.field !== id) return nothing;
    return html`<p class="error" id="${id}-error">${problem.fieldMessage || problem.message}</p>`;
  }

  /** The field helpers of form `form`, for templates rendered outside the class (shared field sets). */
  fieldsOf(form: string): FieldHelpers {
    return {
      invalid: (id) => this.invalid(form, id),
      describedBy: (id, hint) => this.describedBy(form, id, hint),
      error: (id) => this.fieldError(form, id),
    };
  }

  /** The form's alert: rendered empty from the start, so what lands in it is announced. */
  protected formAlert(form: string): TemplateResult {
    const problem = this.problems[form];
    return html`<div class="alert" role="alert">${problem ? html`<p>${problem.message}</p>` : nothing}</div>`;
  }

  /** A submit button that shows progress while `busy` (it stays focusable, and says so). */
  protected submitButton(label: string, busyLabel: string, busy: boolean): TemplateResult {
    return html`<button type="submit" class="primary" aria-disabled=${busy ? 'true' : 'false'}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>${busyLabel}` : label}
    </button>`;
  }

  protected formatTime(at: string): string {
    const date = new Date(at);
    if (Number.isNaN(date.getTime())) return at;
    return new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}
