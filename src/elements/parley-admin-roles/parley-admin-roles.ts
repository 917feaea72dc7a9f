import { css, html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { permissionKey } from '../../core/catalogues/admin-people.js';
import { ADMIN_LIMITS, PERMISSIONS, type AdminRole, type Permission } from '../../protocol/index.js';
import { AdminSection, sectionStyles } from '../parley-admin-people/admin-section.js';

/** What the role dialog is doing, and to which role. */
type Dialog = { kind: 'edit' | 'delete'; role: AdminRole } | null;

/**
 * The roles of the tenant — sets of permissions given to staff accounts — with what each allows
 * and how many accounts have it. Built-in roles are read-only; others can be made, changed, and
 * deleted once no account has them. Needs `people.manage`; a role may only carry permissions the
 * signed-in user holds.
 *
 * @tagname parley-admin-roles
 *
 * @csspart base - The section's wrapper.
 *
 * @cssprop --parley-color-brand - Primary buttons and focus.
 * @cssprop --parley-color-surface - Panels and fields.
 */
export class ParleyAdminRoles extends AdminSection {
  static override styles = css`
    ${AdminSection.styles}${sectionStyles}
    .perms {
      display: grid;
      gap: 0.125rem;
      margin: 0;
      padding-inline-start: 1.125rem;
      font-size: 0.9375rem;
    }
    td.perms-cell {
      min-inline-size: 16rem;
    }
    dialog {
      inline-size: min(44rem, calc(100vw - 2rem));
    }
  `;

  @state() private roles: AdminRole[] | null = null;
  @state() private loadFailed = false;
  @state() private dialog: Dialog = null;

  @query('dialog') private dialogEl!: HTMLDialogElement | null;
  private opener: Element | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('server') || changed.has('user')) && this.user) void this.load();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('dialog') && this.dialog && this.dialogEl && !this.dialogEl.open) this.openDialog(this.dialogEl, this.opener);
  }

  /** Reloads the roles. */
  async load(): Promise<void> {
    this.loadFailed = false;
    const result = await this.call<{ roles: AdminRole[] }>('roles');
    if (result.ok) this.roles = result.value.roles;
    else this.loadFailed = true;
  }

  private body(form: HTMLFormElement): { name: string; permissions: Permission[] } {
    return { name: String(new FormData(form).get('name')).trim(), permissions: this.checkedPermissions(form) };
  }

  private async handleCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.busy || !this.validate('create', form)) return;
    this.busy = 'create';
    const result = await this.call<{ role: AdminRole }>('roles', { method: 'POST', body: this.body(form) });
    this.busy = null;
    if (!result.ok) return this.refuse('create', result.error);
    form.reset();
    this.roles = [...(this.roles ?? []), result.value.role];
    this.announcer.announce(this.t('roleCreated', { name: result.value.role.name }));
  }

  private handleOpen(kind: 'edit' | 'delete', role: AdminRole, event: Event): void {
    this.opener = event.currentTarget as Element;
    this.clearProblems('role');
    this.dialog = { kind, role };
  }

  private async handleDialogSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const dialog = this.dialog;
    const form = event.currentTarget as HTMLFormElement;
    if (!dialog || this.busy || !this.validate('role', form)) return;
    const path = `roles/${encodeURIComponent(dialog.role.id)}`;
    this.busy = 'role';
    if (dialog.kind === 'edit') {
      const result = await this.call<{ role: AdminRole }>(path, { method: 'PATCH', body: this.body(form) });
      this.busy = null;
      if (!result.ok) {
        if (result.error.code === 'not_found') void this.load();
        return this.refuse('role', result.error);
      }
      const saved = result.value.role;
      this.roles = (this.roles ?? []).map((r) => (r.id === saved.id ? saved : r));
      this.announcer.announce(this.t('roleSaved', { name: saved.name }));
    } else {
      const result = await this.call<null>(path, { method: 'DELETE' });
      this.busy = null;
      if (!result.ok) {
        void this.load();
        return this.refuse('role', result.error, { id: '' }, result.error.code === 'in_use' ? this.t('roleInUseError') : undefined);
      }
      this.roles = (this.roles ?? []).filter((r) => r.id !== dialog.role.id);
      this.announcer.announce(this.t('roleDeleted', { name: dialog.role.name }));
    }
    this.dialog = null;
    this.dialogEl?.close();
  }

  private handleDialogClose(): void {
    // `close` is queued: by now the dialog may be open again for another record.
    if (this.dialogEl?.open) return;
    this.dialog = null;
    this.clearProblems('role');
    this.restoreFocus(this.renderRoot.querySelector<HTMLElement>('h2'));
  }

  private handleCancel(): void {
    this.dialogEl?.close();
  }

  private accountCount(n: number): string {
    return n === 0 ? this.t('accountCountNone') : n === 1 ? this.t('accountCountOne') : this.t('accountCount', { count: n });
  }

  protected override render() {
    const t = this.t;
    return html`<div class="root" part="base" lang=${this.language}>
      <header>
        <h2 tabindex="-1">${t('rolesHeading')}</h2>
        <p class="intro muted">${t('rolesIntro')}</p>
      </header>
      ${this.renderList()} ${this.renderCreate()} ${this.renderDialog()} ${this.announcer.render()}
    </div>`;
  }

  private renderList() {
    const t = this.t;
    if (this.loadFailed && !this.roles)
      return html`<div class="banner" role="alert">${t('loadFailed')} <button type="button" @click=${() => void this.load()}>${t('retry')}</button></div>`;
    if (!this.roles) return html`<p role="status">${t('loading')}</p>`;
    return html`<div class="table-wrap" role="region" aria-labelledby="roles-caption" tabindex="0">
      <table class="cards" role="table">
        <caption id="roles-caption">${t('rolesCaption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">${t('roleName')}</th>
            <th role="columnheader" scope="col">${t('permissionsLegend')}</th>
            <th role="columnheader" scope="col" class="num">${t('accounts')}</th>
            <th role="columnheader" scope="col">${t('actions')}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${this.roles.map(
            (r) => html`<tr role="row">
              <th role="rowheader" scope="row">${r.name} ${r.builtIn ? html`<span class="badge off">${t('builtIn')}</span>` : nothing}</th>
              <td role="cell" class="perms-cell">
                ${r.permissions.length
                  ? html`<ul class="perms">
                      ${PERMISSIONS.filter((p) => r.permissions.includes(p)).map((p) => html`<li>${t(permissionKey(p))}</li>`)}
                    </ul>`
                  : html`<span class="muted">${t('permissionsNone')}</span>`}
              </td>
              <td role="cell" class="num">${this.accountCount(r.userCount)}</td>
              <td role="cell">
                ${r.builtIn
                  ? html`<span class="muted">${t('builtInNote')}</span>`
                  : html`<div class="row-actions" role="group" aria-label=${t('actionsFor', { name: r.name })}>
                      <button type="button" @click=${(e: Event) => this.handleOpen('edit', r, e)}>${t('edit')}</button>
                      <button
                        type="button"
                        class="danger"
                        ?disabled=${r.userCount > 0}
                        aria-describedby=${r.userCount > 0 ? `role-${r.id}-used` : nothing}
                        @click=${(e: Event) => this.handleOpen('delete', r, e)}
                      >
                        ${t('deleteRole')}
                      </button>
                      ${r.userCount > 0 ? html`<p class="note" id="role-${r.id}-used">${r.userCount === 1 ? t('roleInUseOne') : t('roleInUse', { count: r.userCount })}</p>` : nothing}
                    </div>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** The name field and the permission checkboxes of a role form. */
  private renderFields(formId: string, role: AdminRole | null) {
    const t = this.t;
    return html`<div class="field">
        <label for="${formId}-name">${t('roleName')}</label>
        <input
          id="${formId}-name"
          name="name"
          required
          autocomplete="off"
          maxlength=${ADMIN_LIMITS.nameMaxLength}
          .value=${role?.name ?? ''}
          aria-invalid=${this.invalid(formId, 'name')}
          aria-describedby=${this.describedBy(formId, 'name')}
        />
        ${this.renderFieldError(formId, 'name')}
      </div>
      <fieldset class="plain" aria-describedby=${this.describedBy(formId, 'permissions') === nothing ? nothing : `${formId}-permissions-error`}>
        <legend>${t('permissionsLegend')}</legend>
        ${this.renderPermissionGroups(formId, role?.permissions ?? [], (p) => this.can(p) || (role?.permissions.includes(p) ?? false))}
        ${this.renderFieldError(formId, 'permissions')}
      </fieldset>`;
  }

  private renderCreate() {
    const t = this.t;
    return html`<section class="panel" aria-labelledby="create-heading">
      <h3 id="create-heading">${t('createRoleHeading')}</h3>
      <form id="create" novalidate @submit=${this.handleCreate}>
        ${this.renderFormAlert('create')} ${this.renderFields('create', null)}
        <div class="buttons">${this.renderSubmit('create', t('createRole'))}</div>
      </form>
    </section>`;
  }

  private renderDialog() {
    const t = this.t;
    const d = this.dialog;
    return html`<dialog aria-labelledby="role-heading" @close=${this.handleDialogClose}>
      ${d
        ? html`<form id="role" class="content" novalidate @submit=${this.handleDialogSubmit}>
            <h3 id="role-heading">${t(d.kind === 'edit' ? 'editRoleHeading' : 'deleteRoleHeading', { name: d.role.name })}</h3>
            ${this.renderFormAlert('role')}
            ${d.kind === 'edit' ? this.renderFields('role', d.role) : html`<p>${t('deleteRoleBody')}</p>`}
            <div class="buttons">
              ${d.kind === 'edit' ? this.renderSubmit('role', t('save')) : this.renderSubmit('role', t('deleteRole'), t('saving'), 'primary danger')}
              <button type="button" @click=${this.handleCancel}>${t('cancel')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-roles': ParleyAdminRoles;
  }
}
