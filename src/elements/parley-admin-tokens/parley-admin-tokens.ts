import { css, html, nothing, type PropertyValues } from 'lit';
import { query, state } from 'lit/decorators.js';
import { permissionKey } from '../../core/catalogues/admin-people.js';
import { ADMIN_LIMITS, PERMISSIONS, type AdminToken, type CreatedToken } from '../../protocol/index.js';
import { AdminSection, sectionStyles } from '../parley-admin-people/admin-section.js';

/**
 * The API tokens of the tenant: what each may do, who made it and when, when it was last used,
 * whether it is revoked. A new token's secret is shown once, right after it is made, with a Copy
 * button and how to send it; only its hash is kept. Needs `token.manage`; a token may only carry
 * permissions the signed-in user holds.
 *
 * @tagname parley-admin-tokens
 *
 * @csspart base - The section's wrapper.
 * @csspart secret - The panel that shows a new token's secret.
 *
 * @cssprop --parley-color-brand - Primary buttons and focus.
 * @cssprop --parley-color-surface - Panels and fields.
 */
export class ParleyAdminTokens extends AdminSection {
  static override styles = css`
    ${AdminSection.styles}${sectionStyles}
    .secret {
      border: 2px solid var(--_parley-brand);
      background: var(--_parley-tint);
    }
    .secret-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .secret-row input {
      flex: 1 1 16rem;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    .usage {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-radius: var(--_parley-radius);
      background: var(--_parley-surface);
      overflow-x: auto;
      white-space: pre;
    }
    .once {
      font-weight: 600;
    }
    .perms {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .perms code {
      padding: 0 0.375rem;
      border: 1px solid var(--_parley-divider);
      border-radius: 0.25rem;
    }
    tr.revoked th,
    tr.revoked td {
      color: var(--_parley-muted);
    }
  `;

  @state() private tokens: AdminToken[] | null = null;
  @state() private loadFailed = false;
  /** The token just made and its secret: kept in memory until dismissed, never stored. */
  @state() private fresh: CreatedToken | null = null;
  /** The token being revoked (its confirmation is open). */
  @state() private revoking: AdminToken | null = null;

  @query('dialog') private dialogEl!: HTMLDialogElement | null;
  private opener: Element | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('server') || changed.has('user')) && this.user) void this.load();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('revoking') && this.revoking && this.dialogEl && !this.dialogEl.open) this.openDialog(this.dialogEl, this.opener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The secret is not kept once the section is left.
    this.fresh = null;
  }

  /** Reloads the tokens. */
  async load(): Promise<void> {
    this.loadFailed = false;
    const result = await this.call<{ tokens: AdminToken[] }>('tokens');
    if (result.ok) this.tokens = result.value.tokens;
    else this.loadFailed = true;
  }

  private async handleCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const permissions = this.checkedPermissions(form);
    if (this.busy || !this.validate('create', form, permissions.length ? {} : { permissions: this.t('tokenPermissionsRequired') })) return;
    this.busy = 'create';
    const result = await this.call<CreatedToken>('tokens', { method: 'POST', body: { name: String(new FormData(form).get('name')).trim(), permissions } });
    this.busy = null;
    if (!result.ok) return this.refuse('create', result.error);
    form.reset();
    this.fresh = result.value;
    this.tokens = [result.value.token, ...(this.tokens ?? []).filter((t) => t.id !== result.value.token.id)];
    this.announcer.announce(this.t('tokenCreated', { name: result.value.token.name }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#secret-heading')?.focus();
  }

  private async handleCopy(): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#secret-value');
    if (!this.fresh || !input) return;
    try {
      await navigator.clipboard.writeText(this.fresh.secret);
      this.announcer.announce(this.t('copied'));
    } catch {
      // No clipboard permission (an embedding frame, an old browser): select it for Ctrl+C.
      input.focus();
      input.select();
      this.announcer.announce(this.t('copyFailed'));
    }
  }

  private handleSecretDone(): void {
    this.fresh = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#create-name')?.focus());
  }

  private handleRevokeOpen(token: AdminToken, event: Event): void {
    this.opener = event.currentTarget as Element;
    this.clearProblems('revoke');
    this.revoking = token;
  }

  private async handleRevoke(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const token = this.revoking;
    if (!token || this.busy) return;
    this.busy = 'revoke';
    const result = await this.call<null>(`tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
    this.busy = null;
    if (!result.ok) {
      if (result.error.code === 'not_found') void this.load();
      return this.refuse('revoke', result.error);
    }
    this.revoking = null;
    this.dialogEl?.close();
    this.announcer.announce(this.t('revoked', { name: token.name }));
    await this.load();
  }

  private handleDialogClose(): void {
    // `close` is queued: by now the dialog may be open again for another record.
    if (this.dialogEl?.open) return;
    this.revoking = null;
    this.clearProblems('revoke');
    // The revoke button is gone once revoked: the list's heading takes the focus instead.
    this.restoreFocus(this.renderRoot.querySelector<HTMLElement>('h2'));
  }

  protected override render() {
    const t = this.t;
    return html`<div class="root" part="base" lang=${this.language}>
      <header>
        <h2 tabindex="-1">${t('tokensHeading')}</h2>
        <p class="intro muted">${t('tokensIntro')}</p>
      </header>
      ${this.renderSecret()} ${this.renderList()} ${this.renderCreate()} ${this.renderDialog()} ${this.announcer.render()}
    </div>`;
  }

  private renderSecret() {
    const fresh = this.fresh;
    if (!fresh) return nothing;
    const t = this.t;
    return html`<section class="panel secret" part="secret" aria-labelledby="secret-heading">
      <h3 id="secret-heading" tabindex="-1">${t('secretHeading', { name: fresh.token.name })}</h3>
      <p class="once" id="secret-once">${t('secretOnce')}</p>
      <div class="field">
        <label for="secret-value">${t('secretLabel')}</label>
        <div class="secret-row">
          <input id="secret-value" readonly .value=${fresh.secret} spellcheck="false" autocomplete="off" aria-describedby="secret-once" @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
          <button type="button" class="primary" @click=${this.handleCopy}>${t('copy')}</button>
        </div>
      </div>
      <p>${t('secretUse')}</p>
      <pre class="usage"><code>Authorization: Bearer ${fresh.secret}</code></pre>
      <div class="buttons"><button type="button" @click=${this.handleSecretDone}>${t('secretDone')}</button></div>
    </section>`;
  }

  private renderList() {
    const t = this.t;
    if (this.loadFailed && !this.tokens)
      return html`<div class="banner" role="alert">${t('loadFailed')} <button type="button" @click=${() => void this.load()}>${t('retry')}</button></div>`;
    if (!this.tokens) return html`<p role="status">${t('loading')}</p>`;
    if (!this.tokens.length) return html`<p>${t('tokensEmpty')}</p>`;
    return html`<div class="table-wrap" role="region" aria-labelledby="tokens-caption" tabindex="0">
      <table class="cards" role="table">
        <caption id="tokens-caption">${t('tokensCaption')}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">${t('tokenName')}</th>
            <th role="columnheader" scope="col">${t('tokenPermissions')}</th>
            <th role="columnheader" scope="col">${t('createdBy')}</th>
            <th role="columnheader" scope="col">${t('createdAt')}</th>
            <th role="columnheader" scope="col">${t('lastUsed')}</th>
            <th role="columnheader" scope="col">${t('tokenStatus')}</th>
            <th role="columnheader" scope="col">${t('actions')}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${this.tokens.map(
            (token) => html`<tr role="row" class=${token.revokedAt ? 'revoked' : ''}>
              <th role="rowheader" scope="row">${token.name}</th>
              <td role="cell" data-label=${t('tokenPermissions')}>
                <ul class="perms">
                  ${PERMISSIONS.filter((p) => token.permissions.includes(p)).map((p) => html`<li><code title=${t(permissionKey(p))}>${p}</code></li>`)}
                </ul>
              </td>
              <td role="cell" data-label=${t('createdBy')}>${token.createdBy ?? '—'}</td>
              <td role="cell" data-label=${t('createdAt')}><time datetime=${token.createdAt}>${this.time(token.createdAt)}</time></td>
              <td role="cell" data-label=${t('lastUsed')}>${token.lastUsedAt ? html`<time datetime=${token.lastUsedAt}>${this.time(token.lastUsedAt)}</time>` : t('never')}</td>
              <td role="cell">
                ${token.revokedAt
                  ? html`<span class="badge off">${t('revokedOn', { time: this.time(token.revokedAt) })}</span>`
                  : html`<span class="badge on">${t('active')}</span>`}
              </td>
              <td role="cell">
                ${token.revokedAt
                  ? nothing
                  : html`<button type="button" class="danger" aria-label=${`${t('revoke')} ${token.name}`} @click=${(e: Event) => this.handleRevokeOpen(token, e)}>
                      ${t('revoke')}
                    </button>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderCreate() {
    const t = this.t;
    const f = 'create';
    return html`<section class="panel" aria-labelledby="create-heading">
      <h3 id="create-heading">${t('createTokenHeading')}</h3>
      <form id=${f} novalidate @submit=${this.handleCreate}>
        ${this.renderFormAlert(f)}
        <div class="field">
          <label for="create-name">${t('tokenName')}</label>
          <input
            id="create-name"
            name="name"
            required
            autocomplete="off"
            maxlength=${ADMIN_LIMITS.nameMaxLength}
            aria-invalid=${this.invalid(f, 'name')}
            aria-describedby=${this.describedBy(f, 'name', true)}
          />
          <p class="hint" id="create-name-hint">${t('tokenNameHint')}</p>
          ${this.renderFieldError(f, 'name')}
        </div>
        <fieldset class="plain" aria-describedby=${this.problems[f]?.fields.permissions ? `${f}-permissions-hint ${f}-permissions-error` : `${f}-permissions-hint`}>
          <legend>${t('tokenPermissions')}</legend>
          <p class="hint" id="${f}-permissions-hint">${t('tokenPermissionsHint')}</p>
          ${this.renderPermissionGroups(f, [], (p) => this.can(p), true)} ${this.renderFieldError(f, 'permissions')}
        </fieldset>
        <div class="buttons">${this.renderSubmit(f, t('createToken'))}</div>
      </form>
    </section>`;
  }

  private renderDialog() {
    const t = this.t;
    const token = this.revoking;
    return html`<dialog aria-labelledby="revoke-heading" aria-describedby="revoke-body" @close=${this.handleDialogClose}>
      ${token
        ? html`<form id="revoke" class="content" novalidate @submit=${this.handleRevoke}>
            <h3 id="revoke-heading">${t('revokeHeading', { name: token.name })}</h3>
            <p id="revoke-body">${t('revokeBody')}</p>
            ${this.renderFormAlert('revoke')}
            <div class="buttons">
              ${this.renderSubmit('revoke', t('revoke'), t('saving'), 'primary danger')}
              <button type="button" @click=${() => this.dialogEl?.close()}>${t('cancel')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-tokens': ParleyAdminTokens;
  }
}
