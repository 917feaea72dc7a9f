import { css, html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { ADMIN_LIMITS, type AdminRole, type AdminUser } from '../../protocol/index.js';
import { AdminSection, sectionStyles } from './admin-section.js';

/** What the account dialog is doing, and to whom. */
type Dialog = { kind: 'edit' | 'password' | 'toggle'; user: AdminUser } | null;

/** The usernames the server accepts (core/admin-rules.ts `checkUsername`), for the browser's check. */
const USERNAME_PATTERN = '[A-Za-z0-9._@\\-]{3,64}';

/**
 * The staff accounts of the tenant: who they are, their role, whether they may sign in; add an
 * account, change its display name or role, set a new password, disable or enable it. Needs
 * `people.manage`.
 *
 * @tagname parley-admin-people
 *
 * @csspart base - The section's wrapper.
 *
 * @cssprop --parley-color-brand - Primary buttons and focus.
 * @cssprop --parley-color-surface - Panels and fields.
 */
export class ParleyAdminPeople extends AdminSection {
  static override styles = css`${AdminSection.styles}${sectionStyles}`;

  @state() private users: AdminUser[] | null = null;
  @state() private roles: AdminRole[] | null = null;
  @state() private loadFailed = false;
  @state() private dialog: Dialog = null;

  @query('dialog') private dialogEl!: HTMLDialogElement | null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('server') || changed.has('user')) && this.server && this.user) void this.load();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('dialog') && this.dialog && this.dialogEl && !this.dialogEl.open) this.openDialog(this.dialogEl, this.opener);
  }

  /** Reloads the accounts and roles. */
  async load(): Promise<void> {
    this.loadFailed = false;
    const [users, roles] = await Promise.all([this.call<{ users: AdminUser[] }>('users'), this.call<{ roles: AdminRole[] }>('roles')]);
    if (users.ok) this.users = users.value.users;
    if (roles.ok) this.roles = roles.value.roles;
    this.loadFailed = !users.ok || !roles.ok;
  }

  private opener: Element | null = null;

  private roleName(id: string): string {
    return this.roles?.find((r) => r.id === id)?.name ?? id;
  }

  /** A role the signed-in user may give: it carries no permission they lack. */
  private givable(role: AdminRole): boolean {
    return role.permissions.every((p) => this.can(p));
  }

  private passwordMismatch(form: HTMLFormElement): Record<string, string> {
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    const confirm = (form.elements.namedItem('confirm') as HTMLInputElement).value;
    return password && confirm !== password ? { confirm: this.t('passwordMismatch') } : {};
  }

  private async handleCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.busy || !this.validate('create', form, this.passwordMismatch(form))) return;
    const data = new FormData(form);
    const body = {
      username: String(data.get('username')).trim(),
      displayName: String(data.get('displayName')).trim(),
      roleId: String(data.get('roleId')),
      password: String(data.get('password')),
    };
    this.busy = 'create';
    const result = await this.call<{ user: AdminUser }>('users', { method: 'POST', body });
    this.busy = null;
    if (!result.ok) return this.refuse('create', result.error);
    form.reset();
    this.users = [...(this.users ?? []), result.value.user];
    this.announcer.announce(this.t('accountCreated', { name: result.value.user.username }));
  }

  private handleOpen(kind: 'edit' | 'password' | 'toggle', user: AdminUser, event: Event): void {
    this.opener = event.currentTarget as Element;
    this.clearProblems('account');
    this.dialog = { kind, user };
  }

  private async handleDialogSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const dialog = this.dialog;
    if (!dialog || this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const extra = dialog.kind === 'password' ? this.passwordMismatch(form) : {};
    if (!this.validate('account', form, extra)) return;
    const data = new FormData(form);
    let body: Record<string, unknown>;
    if (dialog.kind === 'edit') {
      body = { displayName: String(data.get('displayName')).trim() };
      if (data.has('roleId')) body.roleId = String(data.get('roleId'));
    } else if (dialog.kind === 'password') body = { password: String(data.get('password')) };
    else body = { active: !dialog.user.active };
    this.busy = 'account';
    const result = await this.call<{ user: AdminUser }>(`users/${encodeURIComponent(dialog.user.id)}`, { method: 'PATCH', body });
    this.busy = null;
    if (!result.ok) {
      if (result.error.code === 'not_found') void this.load();
      return this.refuse('account', result.error, { active: '' }, dialog.kind === 'toggle' && result.error.field === 'active' ? this.t('cannotDisableSelf') : undefined);
    }
    const saved = result.value.user;
    this.users = (this.users ?? []).map((u) => (u.id === saved.id ? saved : u));
    const name = saved.username;
    this.announcer.announce(
      dialog.kind === 'edit' ? this.t('accountSaved', { name }) : dialog.kind === 'password' ? this.t('passwordSet', { name }) : this.t(saved.active ? 'enabledDone' : 'disabledDone', { name }),
    );
    this.dialog = null;
    this.dialogEl?.close();
  }

  private handleDialogClose(): void {
    // `close` is queued: by now the dialog may be open again for another record.
    if (this.dialogEl?.open) return;
    this.dialog = null;
    this.clearProblems('account');
    this.restoreFocus(this.renderRoot.querySelector<HTMLElement>('h2'));
  }

  private handleCancel(): void {
    this.dialogEl?.close();
  }

  protected override render() {
    const t = this.t;
    return html`<div class="root" part="base" lang=${this.language}>
      <header class="intro-block">
        <h2 tabindex="-1">${t('peopleHeading')}</h2>
        <p class="intro muted">${t('peopleIntro')}</p>
      </header>
      ${this.renderList()} ${this.renderCreate()} ${this.renderDialog()} ${this.announcer.render()}
    </div>`;
  }

  private renderList() {
    const t = this.t;
    if (this.loadFailed && !this.users)
      return html`<div class="banner" role="alert">${t('loadFailed')} <button type="button" @click=${() => void this.load()}>${t('retry')}</button></div>`;
    if (!this.users) return html`<p role="status">${t('loading')}</p>`;
    if (!this.users.length) return html`<p>${t('peopleEmpty')}</p>`;
    const me = this.user?.id;
    return html`<div class="table-wrap" role="region" aria-labelledby="people-caption" tabindex="0">
      <table class="cards" role="table">
        <caption id="people-caption">${t('peopleCaption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">${t('username')}</th>
            <th role="columnheader" scope="col">${t('displayName')}</th>
            <th role="columnheader" scope="col">${t('role')}</th>
            <th role="columnheader" scope="col">${t('status')}</th>
            <th role="columnheader" scope="col">${t('actions')}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${this.users.map(
            (u) => html`<tr role="row">
              <th role="rowheader" scope="row"><span class="mono">${u.username}</span> ${u.id === me ? html`<span class="muted">${t('you')}</span>` : nothing}</th>
              <td role="cell" data-label=${t('displayName')}>${u.displayName}</td>
              <td role="cell" data-label=${t('role')}>${this.roleName(u.roleId)}</td>
              <td role="cell" data-label=${t('status')}><span class="badge ${u.active ? 'on' : 'off'}">${t(u.active ? 'active' : 'disabled')}</span></td>
              <td role="cell">
                <div class="row-actions" role="group" aria-label=${t('actionsFor', { name: u.username })}>
                  <button type="button" @click=${(e: Event) => this.handleOpen('edit', u, e)}>${t('edit')}</button>
                  <button type="button" @click=${(e: Event) => this.handleOpen('password', u, e)}>${t('setPassword')}</button>
                  ${u.id === me
                    ? nothing
                    : html`<button type="button" class=${u.active ? 'danger' : ''} @click=${(e: Event) => this.handleOpen('toggle', u, e)}>
                        ${t(u.active ? 'disable' : 'enable')}
                      </button>`}
                </div>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderRoleSelect(formId: string, selected: string) {
    const t = this.t;
    return html`<div class="field">
      <label for="${formId}-roleId">${t('role')}</label>
      <select
        id="${formId}-roleId"
        name="roleId"
        required
        aria-invalid=${this.invalid(formId, 'roleId')}
        aria-describedby=${this.describedBy(formId, 'roleId', true)}
      >
        <option value="" ?selected=${!selected}>${t('roleChoose')}</option>
        ${(this.roles ?? []).map((r) => {
          const ok = this.givable(r);
          return html`<option value=${r.id} ?selected=${r.id === selected} ?disabled=${!ok && r.id !== selected}>
            ${ok ? r.name : t('roleBeyond', { name: r.name })}
          </option>`;
        })}
      </select>
      <p class="hint" id="${formId}-roleId-hint">${t('roleHint')}</p>
      ${this.renderFieldError(formId, 'roleId')}
    </div>`;
  }

  private renderPasswords(formId: string, label: string) {
    const t = this.t;
    const min = ADMIN_LIMITS.passwordMinLength;
    return html`<div class="field">
        <label for="${formId}-password">${label}</label>
        <input
          id="${formId}-password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          minlength=${min}
          maxlength=${ADMIN_LIMITS.passwordMaxLength}
          aria-invalid=${this.invalid(formId, 'password')}
          aria-describedby=${this.describedBy(formId, 'password', true)}
        />
        <p class="hint" id="${formId}-password-hint">${t('passwordHint', { min })}</p>
        ${this.renderFieldError(formId, 'password')}
      </div>
      <div class="field">
        <label for="${formId}-confirm">${t('confirmPassword')}</label>
        <input
          id="${formId}-confirm"
          name="confirm"
          type="password"
          autocomplete="new-password"
          required
          aria-invalid=${this.invalid(formId, 'confirm')}
          aria-describedby=${this.describedBy(formId, 'confirm')}
        />
        ${this.renderFieldError(formId, 'confirm')}
      </div>`;
  }

  private renderCreate() {
    const t = this.t;
    const f = 'create';
    return html`<section class="panel" aria-labelledby="create-heading">
      <h3 id="create-heading">${t('createAccountHeading')}</h3>
      <form id=${f} novalidate @submit=${this.handleCreate}>
        ${this.renderFormAlert(f)}
        <div class="field">
          <label for="create-username">${t('username')}</label>
          <input
            id="create-username"
            name="username"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            required
            pattern=${USERNAME_PATTERN}
            data-pattern-text=${t('usernamePattern')}
            maxlength="64"
            aria-invalid=${this.invalid(f, 'username')}
            aria-describedby=${this.describedBy(f, 'username', true)}
          />
          <p class="hint" id="create-username-hint">${t('usernameHint')}</p>
          ${this.renderFieldError(f, 'username')}
        </div>
        <div class="field">
          <label for="create-displayName">${t('displayName')}</label>
          <input
            id="create-displayName"
            name="displayName"
            autocomplete="off"
            required
            maxlength=${ADMIN_LIMITS.nameMaxLength}
            aria-invalid=${this.invalid(f, 'displayName')}
            aria-describedby=${this.describedBy(f, 'displayName', true)}
          />
          <p class="hint" id="create-displayName-hint">${t('displayNameHint')}</p>
          ${this.renderFieldError(f, 'displayName')}
        </div>
        ${this.renderRoleSelect(f, '')} ${this.renderPasswords(f, t('password'))}
        <div class="buttons">${this.renderSubmit(f, t('createAccount'))}</div>
      </form>
    </section>`;
  }

  private renderDialog() {
    const t = this.t;
    const d = this.dialog;
    const f = 'account';
    let heading = '';
    let body: unknown = nothing;
    let submit = '';
    if (d?.kind === 'edit') {
      const self = d.user.id === this.user?.id;
      heading = t('editAccountHeading', { name: d.user.username });
      submit = t('save');
      body = html`<div class="field">
          <label for="account-displayName">${t('displayName')}</label>
          <input
            id="account-displayName"
            name="displayName"
            required
            maxlength=${ADMIN_LIMITS.nameMaxLength}
            .value=${d.user.displayName}
            aria-invalid=${this.invalid(f, 'displayName')}
            aria-describedby=${this.describedBy(f, 'displayName')}
          />
          ${this.renderFieldError(f, 'displayName')}
        </div>
        ${self ? html`<p class="note">${t('role')}: ${this.roleName(d.user.roleId)}. ${t('ownRoleFixed')}</p>` : this.renderRoleSelect(f, d.user.roleId)}`;
    } else if (d?.kind === 'password') {
      heading = t('setPasswordHeading', { name: d.user.username });
      submit = t('setPassword');
      body = html`<p class="note">${t('setPasswordNote')}</p>
        ${this.renderPasswords(f, t('newPassword'))}`;
    } else if (d?.kind === 'toggle') {
      const name = d.user.displayName || d.user.username;
      heading = t(d.user.active ? 'disableHeading' : 'enableHeading', { name });
      submit = t(d.user.active ? 'disable' : 'enable');
      body = html`<p id="account-body">${t(d.user.active ? 'disableBody' : 'enableBody', { name })}</p>`;
    }
    return html`<dialog aria-labelledby="account-heading" @close=${this.handleDialogClose}>
      ${d
        ? html`<form id=${f} class="content" novalidate @submit=${this.handleDialogSubmit}>
            <h3 id="account-heading">${heading}</h3>
            ${this.renderFormAlert(f)} ${body}
            <div class="buttons">
              ${this.renderSubmit(f, submit, t('saving'), d.kind === 'toggle' && d.user.active ? 'primary danger' : 'primary')}
              <button type="button" @click=${this.handleCancel}>${t('cancel')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-people': ParleyAdminPeople;
  }
}
