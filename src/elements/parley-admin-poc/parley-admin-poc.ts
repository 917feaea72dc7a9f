import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { AdminDnis, AdminPoc, AdminScript, AdminSkill, DeactivateRequest, DeactivationWayOut } from '../../protocol/index.js';
import { AdminSection } from '../parley-admin/admin-section.js';
import { embedSnippet, isWebChannel, originsOf, renderPocFields } from '../parley-admin/poc-fields.js';
import type { ParleyAdminAudit } from '../parley-admin-audit/parley-admin-audit.js';

type Tab = 'details' | 'audit';
/** The question the dialog asks: confirm deactivating, or the way out when the skill is active. */
type Pending = { kind: 'confirm' } | { kind: 'way-out'; wayOut: DeactivationWayOut; skill: string };

const FORM = 'details';
const WAY_OUT = 'way-out';

/**
 * One point of contact: its details (name, skill, script, address, allowed origins; channel and
 * id shown, not changed), Activate / Deactivate, a chat POC's identity secret for verified
 * visitors (made or replaced, shown once; removed), and its audit history in a second tab.
 *
 * Deactivating asks first. A POC still assigned to an active skill cannot be deactivated: the
 * dialog then says so and offers the way out in one confirmed step — move it to one of the
 * channel's inactive skills, or to a new inactive skill, and deactivate it. Controls the user's
 * permissions do not allow are not shown (or shown read-only).
 *
 * @tagname parley-admin-poc
 *
 * @csspart base - The section.
 */
export class ParleyAdminPoc extends AdminSection {
  /** Id of the point of contact shown. */
  @property({ attribute: 'poc-id' }) pocId = '';

  @state() private poc: AdminPoc | null = null;
  @state() private loadState: 'loading' | 'ready' | 'error' | 'not-found' = 'loading';
  @state() private skills: readonly AdminSkill[] = [];
  @state() private scripts: readonly AdminScript[] = [];
  @state() private numbers: readonly AdminDnis[] = [];
  @state() private tab: Tab = 'details';
  @state() private saving = false;
  @state() private toggling = false;
  @state() private pending: Pending | null = null;
  @state() private retireTo = '';
  /** A just-made identity secret: shown this once, gone when the page changes POC or reloads. */
  @state() private identitySecret: string | null = null;
  @state() private identityBusy = false;

  @query('dialog') private dialog!: HTMLDialogElement | null;
  @query('parley-admin-audit') private audit!: ParleyAdminAudit | null;

  #generation = 0;

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('pocId') && this.pocId) {
      this.tab = 'details';
      this.pending = null;
      this.identitySecret = null;
      this.clearProblem(FORM);
      void this.#load();
    }
  }

  protected override updated(): void {
    const dialog = this.dialog;
    if (dialog && this.pending && !dialog.open) dialog.showModal();
    else if (dialog && !this.pending && dialog.open) dialog.close();
  }

  private handleTab(tab: Tab): void {
    this.tab = tab;
  }

  /** Arrow keys, Home and End move between the tabs (the ARIA tabs pattern). */
  private handleTabKey(event: KeyboardEvent): void {
    const order: Tab[] = ['details', 'audit'];
    const i = order.indexOf(this.tab);
    const rtl = getComputedStyle(this).direction === 'rtl';
    let next: Tab | null = null;
    if (event.key === (rtl ? 'ArrowLeft' : 'ArrowRight')) next = order[(i + 1) % order.length];
    else if (event.key === (rtl ? 'ArrowRight' : 'ArrowLeft')) next = order[(i + order.length - 1) % order.length];
    else if (event.key === 'Home') next = order[0];
    else if (event.key === 'End') next = order[order.length - 1];
    if (!next) return;
    event.preventDefault();
    this.tab = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  private async handleSave(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const poc = this.poc;
    if (!poc || this.saving) return;
    const form = event.currentTarget as HTMLFormElement;
    if (!(await this.checkForm(FORM, form))) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const patch: Record<string, unknown> = {};
    if (text('name') !== poc.name) patch.name = text('name');
    if (text('skillId') !== poc.skillId) patch.skillId = text('skillId');
    if (text('scriptId') !== poc.scriptId) patch.scriptId = text('scriptId');
    if ((poc.channel === 'email' || poc.channel === 'phone') && text('address') !== (poc.address ?? '')) patch.address = text('address');
    if (isWebChannel(poc.channel)) {
      const origins = originsOf(text('allowedOrigins'));
      if (origins.join('\n') !== poc.allowedOrigins.join('\n')) patch.allowedOrigins = origins;
    }
    this.clearProblem(FORM);
    if (!Object.keys(patch).length) {
      this.announcer.announce(this.t('nothingChanged'));
      return;
    }
    this.saving = true;
    const result = await this.call<{ poc: AdminPoc }>(`pocs/${encodeURIComponent(poc.id)}`, { method: 'PATCH', body: patch });
    this.saving = false;
    if (!result.ok) {
      await this.refuse(FORM, result.error);
      return;
    }
    this.poc = result.value.poc;
    this.announcer.announce(this.t('detailsSaved', { name: this.poc.name }));
    void this.#loadRefs();
    this.audit?.reload();
  }

  private async handleActivate(): Promise<void> {
    const poc = this.poc;
    if (!poc || this.toggling) return;
    this.toggling = true;
    const result = await this.call<{ poc: AdminPoc }>(`pocs/${encodeURIComponent(poc.id)}/activate`, { method: 'POST' });
    this.toggling = false;
    if (!result.ok) {
      this.problems = { ...this.problems, toggle: { message: this.errorText(result.error), field: null } };
      return;
    }
    this.#changed(result.value.poc, 'activated');
  }

  private handleDeactivate(): void {
    this.clearProblem('toggle');
    this.clearProblem(WAY_OUT);
    this.pending = { kind: 'confirm' };
  }

  /** Deactivates (with `retireTo`, the way out); a `poc_skill_active` answer turns the dialog into the way out. */
  private async handleConfirmDeactivate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const poc = this.poc;
    if (!poc || this.toggling) return;
    const body: DeactivateRequest = {};
    if (this.pending?.kind === 'way-out') {
      const form = event.currentTarget as HTMLFormElement;
      if (!(await this.checkForm(WAY_OUT, form))) return;
      body.retireTo = String(new FormData(form).get('retireTo') ?? '');
    }
    this.toggling = true;
    this.clearProblem(WAY_OUT);
    const result = await this.call<{ poc: AdminPoc }>(`pocs/${encodeURIComponent(poc.id)}/deactivate`, { method: 'POST', body });
    this.toggling = false;
    if (result.ok) {
      this.pending = null;
      this.#changed(result.value.poc, 'deactivated');
      void this.#loadRefs();
      return;
    }
    const { error } = result;
    if (error.code === 'poc_skill_active' && error.wayOut) {
      this.pending = { kind: 'way-out', wayOut: error.wayOut, skill: error.wayOut.skill.name };
      this.retireTo = error.wayOut.inactiveSkills[0]?.id ?? 'new';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#way-out-message')?.focus();
      return;
    }
    this.problems = { ...this.problems, [WAY_OUT]: { message: this.errorText(error), field: null } };
  }

  private handleCancel(): void {
    this.pending = null;
  }

  /** Escape, or the dialog closed any other way: nothing happens. */
  private handleDialogClose(): void {
    if (!this.dialog?.open) {
      this.pending = null;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#toggle')?.focus());
    }
  }

  /** Makes (or replaces) the chat POC's identity secret, shown once; or removes it. */
  private async handleIdentity(action: 'make' | 'remove'): Promise<void> {
    const poc = this.poc;
    if (!poc || this.identityBusy) return;
    this.identityBusy = true;
    this.clearProblem('identity');
    const path = `pocs/${encodeURIComponent(poc.id)}/identity-secret`;
    const result = action === 'make' ? await this.call<{ secret: string }>(path, { method: 'POST' }) : await this.call<void>(path, { method: 'DELETE' });
    this.identityBusy = false;
    if (!result.ok) {
      this.problems = { ...this.problems, identity: { message: this.errorText(result.error), field: null } };
      return;
    }
    this.identitySecret = action === 'make' ? (result.value as { secret: string }).secret : null;
    this.poc = { ...poc, identity: { enabled: action === 'make' } };
    if (action === 'remove') this.announcer.announce(this.t('identityRemoved'));
    this.audit?.reload();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(action === 'make' ? '#identity-secret' : '#identity-make')?.focus();
  }

  #changed(poc: AdminPoc, what: 'activated' | 'deactivated'): void {
    this.poc = poc;
    this.announcer.announce(this.t(what, { name: poc.name }));
    this.audit?.reload();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#toggle')?.focus());
  }

  async #load(): Promise<void> {
    const generation = ++this.#generation;
    this.loadState = 'loading';
    const [poc] = await Promise.all([this.call<{ poc: AdminPoc }>(`pocs/${encodeURIComponent(this.pocId)}`), this.#loadRefs()]);
    if (generation !== this.#generation) return;
    if (!poc.ok) {
      this.loadState = poc.status === 404 ? 'not-found' : 'error';
      return;
    }
    this.poc = poc.value.poc;
    this.loadState = 'ready';
  }

  async #loadRefs(): Promise<void> {
    const [skills, scripts, numbers] = await Promise.all([
      this.call<{ skills: AdminSkill[] }>('skills'),
      this.call<{ scripts: AdminScript[] }>('scripts'),
      this.call<{ numbers: AdminDnis[] }>('dnis'),
    ]);
    if (skills.ok) this.skills = skills.value.skills;
    if (scripts.ok) this.scripts = scripts.value.scripts;
    if (numbers.ok) this.numbers = numbers.value.numbers;
  }

  protected override render() {
    const t = this.t;
    const poc = this.poc;
    let body: TemplateResult;
    if (this.loadState === 'loading' && !poc) body = html`<p role="status"><span class="spinner" aria-hidden="true"></span>${t('loading')}</p>`;
    else if (this.loadState === 'not-found') body = html`<h2 id="heading" tabindex="-1">${t('pocNotFound')}</h2>`;
    else if (this.loadState === 'error' || !poc)
      body = html`<div class="alert" role="alert"><p>${t('loadFailed')} <button type="button" class="small" @click=${() => void this.#load()}>${t('retry')}</button></p></div>`;
    else body = this.renderPoc(poc);
    return html`<div class="root" part="base" lang=${this.language}>
      <p><a href="#pocs">${t('backToPocs')}</a></p>
      ${body} ${this.renderDialog()} ${this.announcer.render()}
    </div>`;
  }

  private renderPoc(poc: AdminPoc): TemplateResult {
    const t = this.t;
    return html`
      <div class="head">
        <h2 id="heading" tabindex="-1">${t('pocHeading', { name: poc.name })}</h2>
        <span class="badge ${poc.active ? 'on' : 'off'}">${poc.active ? t('active') : t('inactive')}</span>
      </div>
      <div class="tabs" role="tablist" aria-label=${t('pocTabs')} @keydown=${this.handleTabKey}>
        ${(['details', 'audit'] as const).map(
          (tab) => html`<button type="button" role="tab" id="tab-${tab}" aria-controls="panel-${tab}" aria-selected=${this.tab === tab ? 'true' : 'false'}
            tabindex=${this.tab === tab ? '0' : '-1'} @click=${() => this.handleTab(tab)}>${t(tab === 'details' ? 'tabDetails' : 'tabAudit')}</button>`,
        )}
      </div>
      <div role="tabpanel" id="panel-details" aria-labelledby="tab-details" ?hidden=${this.tab !== 'details'}>${this.renderDetails(poc)}</div>
      <div role="tabpanel" id="panel-audit" aria-labelledby="tab-audit" ?hidden=${this.tab !== 'audit'}>
        <parley-admin-audit server=${this.server} locale=${this.language} poc-id=${poc.id}></parley-admin-audit>
      </div>
    `;
  }

  private renderDetails(poc: AdminPoc): TemplateResult {
    const t = this.t;
    const f = this.fieldsOf(FORM);
    const editable = this.can('poc.edit');
    return html`<div class="details">
      <div class="card">
      <dl class="facts">
        <div><dt>${t('channel')}</dt><dd>${t(`channel.${poc.channel}`)}</dd></div>
        <div><dt>${t('pocId')}</dt><dd><code>${poc.id}</code></dd></div>
        <div><dt>${t('createdAt')}</dt><dd><time datetime=${poc.createdAt}>${this.formatTime(poc.createdAt)}</time></dd></div>
        <div>
          <dt>${t('status')}</dt>
          <dd>${poc.active ? t('pocActiveState') : t('pocInactiveState')}</dd>
        </div>
      </dl>
        ${this.can('poc.deactivate')
          ? html`<div class="toggle">
              <button id="toggle" type="button" class=${poc.active ? 'danger' : 'primary'} aria-disabled=${this.toggling ? 'true' : 'false'}
                @click=${poc.active ? this.handleDeactivate : this.handleActivate}>
                ${this.toggling && !this.pending ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${poc.active ? t('deactivate') : t('activate')}
              </button>
              ${this.formAlert('toggle')}
            </div>`
          : nothing}
      </div>
      ${isWebChannel(poc.channel)
        ? html`<div class="card">
            <label for="poc-snippet">${t('embedSnippet')}</label>
            <textarea id="poc-snippet" class="snippet" readonly rows="3" spellcheck="false" .value=${embedSnippet(this.origin, poc)}></textarea>
            <p><a href="${new URL('/studio', this.origin).toString()}">${t('styleInStudio')}</a></p>
          </div>`
        : nothing}
      ${poc.channel === 'chat' ? this.renderIdentity(poc) : nothing}
      <form class="card" novalidate aria-label=${t('tabDetails')} @submit=${this.handleSave}>
        ${editable ? nothing : html`<p class="hint">${t('readOnly')}</p>`} ${this.formAlert(FORM)}
        <div class="fields">
          <div class="field">
            <label for="name">${t('name')}</label>
            <input id="name" name="name" required maxlength="100" autocomplete="off" .value=${poc.name} ?disabled=${!editable}
              aria-invalid=${f.invalid('name') ? 'true' : 'false'} aria-describedby=${f.describedBy('name')} />
            ${f.error('name')}
          </div>
          ${renderPocFields({ t, f, channel: poc.channel, skills: this.skills, scripts: this.scripts, numbers: this.numbers, poc, disabled: !editable })}
        </div>
        ${editable ? html`<div class="actions">${this.submitButton(t('save'), t('saving'), this.saving)}</div>` : nothing}
      </form>
    </div>`;
  }

  /** Verified identity (docs/widget.md): whether the POC has a secret; make, replace or remove it. */
  private renderIdentity(poc: AdminPoc): TemplateResult {
    const t = this.t;
    const on = poc.identity.enabled;
    return html`<section class="card" aria-labelledby="identity-heading">
      <h3 id="identity-heading">${t('identityHeading')}</h3>
      <p>${on ? t('identityOn') : t('identityOff')}</p>
      ${this.identitySecret
        ? html`<p class="hint">${t('identityMade')}</p>
            <label for="identity-secret">${t('identitySecret')}</label>
            <textarea id="identity-secret" class="snippet" readonly rows="2" spellcheck="false" .value=${this.identitySecret}></textarea>`
        : nothing}
      ${this.formAlert('identity')}
      ${this.can('poc.edit')
        ? html`<div class="actions">
            <button id="identity-make" type="button" aria-disabled=${this.identityBusy ? 'true' : 'false'} @click=${() => void this.handleIdentity('make')}>
              ${on ? t('identityReplace') : t('identityMake')}
            </button>
            ${on ? html`<button type="button" class="danger" aria-disabled=${this.identityBusy ? 'true' : 'false'} @click=${() => void this.handleIdentity('remove')}>${t('identityRemove')}</button>` : nothing}
          </div>`
        : nothing}
    </section>`;
  }

  private renderDialog(): TemplateResult {
    const t = this.t;
    const pending = this.pending;
    const name = this.poc?.name ?? '';
    const mayRetire = this.can('poc.edit');
    return html`<dialog aria-labelledby="dialog-heading" aria-describedby="dialog-body" @close=${this.handleDialogClose}>
      ${pending
        ? html`<form method="dialog" novalidate @submit=${this.handleConfirmDeactivate}>
            <h2 id="dialog-heading">${t('confirmDeactivateHeading', { name })}</h2>
            ${pending.kind === 'confirm'
              ? html`<p id="dialog-body">${t('confirmDeactivate')}</p>`
              : html`<div id="dialog-body" class="body">
                  <p id="way-out-message" class="alert-text" tabindex="-1"><strong>${t('pocSkillActive', { name, skill: pending.skill })}</strong></p>
                  ${mayRetire
                    ? html`<fieldset>
                        <legend>${t('wayOutIntro')}</legend>
                        ${pending.wayOut.inactiveSkills.map(
                          (s) => html`<label class="check"
                            ><input type="radio" name="retireTo" required value=${s.id} .checked=${this.retireTo === s.id} @change=${() => (this.retireTo = s.id)} />${s.name}</label
                          >`,
                        )}
                        <label class="check"
                          ><input type="radio" name="retireTo" required value="new" .checked=${this.retireTo === 'new'} @change=${() => (this.retireTo = 'new')} />${t('wayOutNew', {
                            name: pending.wayOut.newSkillName,
                          })}</label
                        >
                      </fieldset>`
                    : html`<p>${t('error.forbidden')}</p>`}
                </div>`}
            ${this.formAlert(WAY_OUT)}
            <div class="dialog-actions">
              <button type="button" autofocus @click=${this.handleCancel}>${t('cancel')}</button>
              ${pending.kind === 'confirm' || mayRetire
                ? html`<button type="submit" class="danger" aria-disabled=${this.toggling ? 'true' : 'false'}>
                    ${this.toggling ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${pending.kind === 'confirm' ? t('deactivate') : t('wayOutConfirm')}
                  </button>`
                : nothing}
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-poc': ParleyAdminPoc;
  }
}
