import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { adminCall, type AdminCall, type AdminResult } from '../../core/admin-api.js';
import { adminErrorKey, adminPeopleCatalogue, permissionKey, PERMISSION_GROUPS, type AdminPeopleKey } from '../../core/catalogues/admin-people.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import type { Permission, ProtocolError, StaffUser } from '../../protocol/index.js';
import { LiveAnnouncerController } from '../../controllers/live-announcer-controller.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { ParleyElement } from '../base/parley-element.js';
import { confirmationStyles } from '../base/form-styles.js';
import { SessionEndedEvent } from '../parley-admin/admin-section.js';

/** What is wrong with one form: a sentence for its alert, and a text per control name. */
export interface FormProblems {
  alert: string;
  fields: Record<string, string>;
}

/**
 * The common ground of the people, roles, API-token and bulk-file sections of the administration
 * pages: the two properties the shell sets, the language, one polite live region, and the form
 * discipline every section follows — native controls checked before sending, the server's refusal
 * put next to the control its `field` names (`aria-invalid`, `aria-describedby`) and in the form's
 * alert, and nothing typed lost on an error (controls are left uncontrolled; a form is reset only
 * after a success).
 *
 * Ids of controls are `${form}-${name}`; their error is `${form}-${name}-error`, their hint
 * `${form}-${name}-hint`.
 */
export abstract class AdminSection extends ParleyElement {
  static override styles = css`${ParleyElement.styles}${palette}${controls}${confirmationStyles}`;

  protected readonly announcer = new LiveAnnouncerController(this);

  /** The Parley origin, e.g. `https://parley.example`. */
  @property({ attribute: false }) server = '';
  /** The signed-in staff member; what they may do comes from `user.permissions`. */
  @property({ attribute: false }) user: StaffUser | null = null;
  /** Language (`en`, `fr`); defaults to the browser's. */
  @property() locale = '';

  /** Problems per form id; a form without an entry has none. */
  @state() protected problems: Record<string, FormProblems> = {};
  /** The form (or action) waiting for the server, if any. */
  @state() protected busy: string | null = null;

  protected t: Translate<AdminPeopleKey> = translator(adminPeopleCatalogue, 'en');
  /** The language in use (not `lang`, which is the host's attribute). */
  protected language = 'en';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || !this.hasUpdated) {
      this.language = resolveLocale([this.locale, globalThis.navigator?.language], Object.keys(adminPeopleCatalogue));
      this.t = translator(adminPeopleCatalogue, this.language);
    }
  }

  /** Whether the signed-in user holds `permission`. */
  protected can(permission: Permission): boolean {
    return this.user?.permissions.includes(permission) ?? false;
  }

  /** Calls the admin API; a 401 tells the page around that the staff session is over. */
  protected async call<T>(path: string, call?: AdminCall): Promise<AdminResult<T>> {
    const result = await adminCall<T>(this.server || globalThis.location.origin, path, call);
    if (!result.ok && result.status === 401) this.dispatchEvent(new SessionEndedEvent());
    return result;
  }

  /** A date and time as the reader's language writes it. */
  protected time(iso: string | null): string {
    if (!iso) return this.t('never');
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  /** The words for a refusal of the server. */
  protected errorText(error: ProtocolError): string {
    return this.t(adminErrorKey(error.code), { detail: error.message });
  }

  // --- Form discipline ------------------------------------------------------------------------

  /**
   * Checks the named controls of `form` (required, length, pattern, and `extra` texts the caller
   * decided, such as two passwords that differ). Marks and focuses the first problem. Lengths are
   * counted here: the browser's own `tooShort` only fires after typing, not for a filled-in value.
   */
  protected validate(formId: string, form: HTMLFormElement, extra: Record<string, string> = {}): boolean {
    const t = this.t;
    const fields: Record<string, string> = {};
    for (const el of form.elements) {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) || !el.name || el.disabled) continue;
      if (fields[el.name]) continue;
      const value = el instanceof HTMLInputElement && el.type === 'file' ? (el.files?.length ? 'x' : '') : el.value;
      if (el instanceof HTMLInputElement && el.type === 'radio') {
        if (el.required && !form.querySelector(`input[name="${el.name}"]:checked`)) fields[el.name] = t('requiredChoice');
        continue;
      }
      if (el.required && value.trim() === '') fields[el.name] = el instanceof HTMLSelectElement ? t('requiredChoice') : t('required');
      else if ('minLength' in el && el.minLength > 0 && value.length > 0 && value.length < el.minLength)
        fields[el.name] = t('tooShort', { min: el.minLength, count: value.length });
      else if ('maxLength' in el && el.maxLength > 0 && value.length > el.maxLength) fields[el.name] = t('tooLong', { max: el.maxLength });
      else if (el.validity.patternMismatch) fields[el.name] = el.dataset.patternText ?? t('required');
    }
    for (const [name, text] of Object.entries(extra)) fields[name] ??= text;
    if (!Object.keys(fields).length) {
      this.clearProblems(formId);
      return true;
    }
    this.problems = { ...this.problems, [formId]: { alert: t('formHasErrors'), fields } };
    void this.focusFirstProblem(formId, form);
    return false;
  }

  /**
   * Shows a refusal of the server on a form: at the control its `field` names (mapped through
   * `fieldMap` from the API's field to the control's name), and always in the form's alert.
   */
  protected refuse(formId: string, error: ProtocolError, fieldMap: Record<string, string> = {}, alert?: string): void {
    const text = alert ?? this.errorText(error);
    const name = error.field ? (fieldMap[error.field] ?? error.field) : undefined;
    const form = this.renderRoot.querySelector<HTMLFormElement>(`form#${formId}`);
    const known = name && form?.querySelector(`[name="${name}"]`) ? name : undefined;
    this.problems = { ...this.problems, [formId]: { alert: text, fields: known ? { [known]: text } : {} } };
    if (form) void this.focusFirstProblem(formId, form);
  }

  protected clearProblems(formId: string): void {
    if (!this.problems[formId]) return;
    const { [formId]: _gone, ...rest } = this.problems;
    this.problems = rest;
  }

  /** Focuses the first marked control, or the form's alert when no control is to blame. */
  private async focusFirstProblem(formId: string, form: HTMLFormElement): Promise<void> {
    await this.updateComplete;
    const names = Object.keys(this.problems[formId]?.fields ?? {});
    const target = [...form.elements].find((el) => names.includes((el as HTMLInputElement).name)) as HTMLElement | undefined;
    (target ?? form.querySelector<HTMLElement>('.form-alert'))?.focus();
  }

  /** `aria-invalid` for a control. */
  protected invalid(formId: string, name: string): 'true' | typeof nothing {
    return this.problems[formId]?.fields[name] ? 'true' : nothing;
  }

  /** `aria-describedby` for a control: its hint (if it has one) and its error (while it has one). */
  protected describedBy(formId: string, name: string, hint = false): string | typeof nothing {
    const ids = [hint ? `${formId}-${name}-hint` : '', this.problems[formId]?.fields[name] ? `${formId}-${name}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  protected renderFieldError(formId: string, name: string): TemplateResult | typeof nothing {
    const text = this.problems[formId]?.fields[name];
    return text ? html`<p class="error" id="${formId}-${name}-error">${text}</p>` : nothing;
  }

  /** The form's alert; always rendered (empty when all is well) so it is announced when it fills. */
  protected renderFormAlert(formId: string): TemplateResult {
    const text = this.problems[formId]?.alert ?? '';
    return html`<div class="form-alert" role="alert" tabindex="-1">${text ? html`<p>${text}</p>` : nothing}</div>`;
  }

  /** A submit button that shows progress while its form waits for the server. */
  protected renderSubmit(formId: string, label: string, busyLabel = this.t('saving'), className = 'primary'): TemplateResult {
    const busy = this.busy === formId;
    return html`<button type="submit" class="submit ${className}" aria-disabled=${busy ? 'true' : 'false'}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>${busyLabel}` : label}
    </button>`;
  }

  /** The checkboxes of every permission, grouped; those in `disabled` cannot be ticked. */
  protected renderPermissionGroups(formId: string, checked: readonly Permission[], selectable: (p: Permission) => boolean, onlySelectable = false): TemplateResult {
    const t = this.t;
    return html`${PERMISSION_GROUPS.map((group) => {
      const shown = onlySelectable ? group.permissions.filter(selectable) : group.permissions;
      if (!shown.length) return nothing;
      return html`<fieldset class="group">
        <legend>${t(group.key)}</legend>
        ${shown.map((p) => {
          const id = `${formId}-perm-${p.replace('.', '-')}`;
          const allowed = selectable(p);
          return html`<div class="check">
            <input
              type="checkbox"
              id=${id}
              name="permissions"
              value=${p}
              .checked=${checked.includes(p)}
              ?disabled=${!allowed}
              aria-describedby=${allowed ? nothing : `${id}-note`}
            />
            <label for=${id}>${t(permissionKey(p))} <code class="perm-id">${p}</code>
              ${allowed ? nothing : html`<span class="note" id="${id}-note">${t('permissionNotHeld')}</span>`}</label
            >
          </div>`;
        })}
      </fieldset>`;
    })}`;
  }

  /** The ticked permissions of a form. */
  protected checkedPermissions(form: HTMLFormElement): Permission[] {
    return [...form.querySelectorAll<HTMLInputElement>('input[name="permissions"]:checked')].map((el) => el.value as Permission);
  }

  /** Opens a modal dialog of this section and remembers what to focus when it closes. */
  protected openDialog(dialog: HTMLDialogElement | null, opener?: Element | null): void {
    if (!dialog) return;
    this.returnFocus = opener instanceof HTMLElement ? opener : null;
    if (!dialog.open) dialog.showModal();
  }

  private returnFocus: HTMLElement | null = null;

  /** Call from the dialog's `close` event: focus goes back to what opened it, if still there. */
  protected restoreFocus(fallback?: HTMLElement | null): void {
    const target = this.returnFocus?.isConnected ? this.returnFocus : fallback;
    this.returnFocus = null;
    target?.focus();
  }
}

/** The layout shared by the sections: a column of panels, tables that scroll on narrow screens. */
export const sectionStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .root {
    display: grid;
    gap: 1.25rem;
    color: var(--_parley-text);
  }
  h2 {
    font-size: 1.375rem;
  }
  h3 {
    font-size: 1.125rem;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  h2:focus-visible,
  h3:focus-visible {
    outline: 3px solid var(--_parley-focus);
  }
  .intro {
    max-inline-size: 70ch;
  }
  .panel {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
  }
  .table-wrap {
    max-inline-size: 100%;
    overflow-x: auto;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  caption {
    padding-block-end: 0.5rem;
    font-weight: 600;
    text-align: start;
  }
  th,
  td {
    padding: 0.5rem 0.625rem;
    border-block-end: 1px solid var(--_parley-divider);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    font-size: 0.875rem;
    color: var(--_parley-muted);
    white-space: nowrap;
  }
  td.num,
  th.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  .row-actions button {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
  }
  form {
    display: grid;
    gap: 0.875rem;
    max-inline-size: 40rem;
  }
  .field {
    gap: 0.25rem;
  }
  .field label,
  legend {
    margin: 0;
    font-weight: 600;
  }
  .hint,
  .note {
    margin: 0;
    color: var(--_parley-muted);
    font-size: 0.875rem;
  }
  fieldset {
    display: grid;
    gap: 0.5rem;
    min-inline-size: 0;
    margin: 0;
    padding: 0.75rem;
    border: 1px solid var(--_parley-divider);
    border-radius: var(--_parley-radius);
  }
  fieldset.plain {
    padding: 0;
    border: 0;
  }
  fieldset.group legend {
    padding-inline: 0.25rem;
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
  }
  .check input {
    flex: none;
    inline-size: 1.25rem;
    min-height: 0;
    block-size: 1.25rem;
    margin: 0.125rem 0 0;
    padding: 0;
    accent-color: var(--_parley-brand);
  }
  .check label {
    margin: 0;
    font-weight: 400;
  }
  .check label .note {
    display: block;
  }
  .check input:disabled + label {
    color: var(--_parley-muted);
  }
  code,
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
  }
  .perm-id {
    color: var(--_parley-muted);
    overflow-wrap: anywhere;
  }
  .form-alert:empty {
    display: none;
  }
  .form-alert,
  .banner {
    padding: 0.625rem 0.75rem;
    border: 1px solid var(--_parley-danger);
    border-radius: var(--_parley-radius);
    background: var(--_parley-danger-bg);
    color: var(--_parley-text);
    font-weight: 600;
  }
  .form-alert:focus {
    outline: none;
  }
  .form-alert:focus-visible {
    outline: 3px solid var(--_parley-focus);
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge.on {
    color: var(--_parley-success);
  }
  .badge.off {
    color: var(--_parley-muted);
  }
  button.danger {
    border-color: var(--_parley-danger);
    color: var(--_parley-danger);
  }
  button.danger.primary {
    background: var(--_parley-danger);
    color: var(--_parley-surface);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  dialog {
    inline-size: min(36rem, calc(100vw - 2rem));
    max-block-size: calc(100dvh - 2rem);
    padding: 1.25rem;
    border: 1px solid var(--_parley-border);
    border-radius: var(--_parley-radius);
    background: var(--_parley-surface);
    color: var(--_parley-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  dialog .content {
    display: grid;
    gap: 0.875rem;
  }
  .muted {
    color: var(--_parley-muted);
  }
  /*
   * Narrow screens: a table of records becomes one card per row, each cell under its column's
   * name (data-label), instead of a table wider than the screen. The table's roles are set
   * explicitly so screen readers keep reading it as a table.
   */
  @container (max-width: 40rem) {
    table.cards thead {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    table.cards tr {
      display: grid;
      gap: 0.25rem;
      padding-block: 0.625rem;
      border-block-end: 1px solid var(--_parley-divider);
    }
    table.cards th,
    table.cards td {
      display: block;
      padding: 0;
      border: 0;
      text-align: start;
    }
    table.cards td[data-label]::before {
      content: attr(data-label) ': ';
      color: var(--_parley-muted);
      font-size: 0.875rem;
      font-weight: 600;
    }
  }
  @container (max-width: 36rem) {
    .panel {
      padding: 0.75rem;
    }
    th,
    td {
      padding: 0.375rem 0.5rem;
    }
  }
  @media (forced-colors: active) {
    .form-alert,
    .badge {
      border-color: CanvasText;
    }
  }
`;
