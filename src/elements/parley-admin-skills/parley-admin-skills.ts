import { html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { SKILL_CHANNELS, type AdminSkill, type SkillChannel } from '../../protocol/index.js';
import { AdminSection } from '../parley-admin/admin-section.js';

/** What the dialog asks: a new name, or to confirm activating or deactivating. */
type Pending = { kind: 'rename'; skill: AdminSkill } | { kind: 'toggle'; skill: AdminSkill };

const CREATE = 'create';
const DIALOG = 'dialog';

/**
 * The skills (routing queues): a table with channel, state and how many points of contact use
 * each; creating one (name, channel), renaming, and activating or deactivating after a question
 * that says how many active points of contact would stop being routed.
 *
 * @tagname parley-admin-skills
 *
 * @csspart base - The section.
 */
export class ParleyAdminSkills extends AdminSection {
  @state() private skills: readonly AdminSkill[] = [];
  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading';
  @state() private creating = false;
  @state() private busy = false;
  @state() private pending: Pending | null = null;

  @query('dialog') private dialog!: HTMLDialogElement | null;

  /** The button that opened the dialog, to return the focus to. */
  #opener: HTMLElement | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override updated(): void {
    const dialog = this.dialog;
    if (dialog && this.pending && !dialog.open) dialog.showModal();
    else if (dialog && !this.pending && dialog.open) dialog.close();
  }

  private async handleCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.creating) return;
    const form = event.currentTarget as HTMLFormElement;
    if (!(await this.checkForm(CREATE, form))) return;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const channel = String(data.get('channel')) as SkillChannel;
    this.creating = true;
    this.clearProblem(CREATE);
    const result = await this.call<{ skill: AdminSkill }>('skills', { method: 'POST', body: { name, channel } });
    this.creating = false;
    if (!result.ok) {
      await this.refuse(CREATE, result.error, { name: 'skill-name', channel: 'skill-channel' });
      return;
    }
    form.reset();
    this.announcer.announce(this.t('skillCreated', { name: result.value.skill.name }));
    void this.#load();
  }

  private handleOpen(event: Event, pending: Pending): void {
    this.#opener = event.currentTarget as HTMLElement;
    this.clearProblem(DIALOG);
    this.pending = pending;
  }

  private async handleDialogSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const pending = this.pending;
    if (!pending || this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    if (!(await this.checkForm(DIALOG, form))) return;
    const { skill } = pending;
    const body = pending.kind === 'rename' ? { name: String(new FormData(form).get('name') ?? '').trim() } : { active: !skill.active };
    this.busy = true;
    this.clearProblem(DIALOG);
    const result = await this.call<{ skill: AdminSkill }>(`skills/${encodeURIComponent(skill.id)}`, { method: 'PATCH', body });
    this.busy = false;
    if (!result.ok) {
      await this.refuse(DIALOG, result.error, { name: 'rename-name' });
      return;
    }
    const changed = result.value.skill;
    this.pending = null;
    this.announcer.announce(
      pending.kind === 'rename' ? this.t('renamed', { name: changed.name }) : this.t(changed.active ? 'skillActivated' : 'skillDeactivated', { name: changed.name }),
    );
    void this.#load();
  }

  private handleCancel(): void {
    this.pending = null;
  }

  private handleDialogClose(): void {
    if (this.dialog?.open) return;
    this.pending = null;
    this.#opener?.focus();
  }

  async #load(): Promise<void> {
    const result = await this.call<{ skills: AdminSkill[] }>('skills');
    if (!result.ok) {
      this.loadState = 'error';
      return;
    }
    this.skills = result.value.skills;
    this.loadState = 'ready';
  }

  protected override render() {
    const t = this.t;
    const editable = this.can('skill.edit');
    return html`<div class="root" part="base" lang=${this.language}>
      <div class="head"><h2 id="heading" tabindex="-1">${t('skillsHeading')}</h2></div>
      ${this.loadState === 'loading' ? html`<p role="status"><span class="spinner" aria-hidden="true"></span>${t('loading')}</p>` : nothing}
      ${this.loadState === 'error'
        ? html`<div class="alert" role="alert"><p>${t('loadFailed')} <button type="button" class="small" @click=${() => void this.#load()}>${t('retry')}</button></p></div>`
        : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="heading">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('col.name')}</th>
              <th scope="col">${t('col.channel')}</th>
              <th scope="col">${t('col.active')}</th>
              <th scope="col">${t('col.pocs')}</th>
              ${editable ? html`<th scope="col">${t('col.actions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${this.skills.map(
              (s) => html`<tr>
                <th scope="row">${s.name}</th>
                <td>${t(`channel.${s.channel}`)}</td>
                <td><span class="badge ${s.active ? 'on' : 'off'}">${s.active ? t('active') : t('inactive')}</span></td>
                <td>${t('skillPocs', { active: s.activePocCount, total: s.pocCount })}</td>
                ${editable
                  ? html`<td>
                      <div class="actions" role="group" aria-label=${t('skillActions', { name: s.name })}>
                        <button type="button" class="small" @click=${(e: Event) => this.handleOpen(e, { kind: 'rename', skill: s })}>${t('rename')}</button>
                        <button type="button" class="small ${s.active ? 'danger' : ''}" @click=${(e: Event) => this.handleOpen(e, { kind: 'toggle', skill: s })}>
                          ${s.active ? t('deactivate') : t('activate')}
                        </button>
                      </div>
                    </td>`
                  : nothing}
              </tr>`,
            )}
            ${this.loadState === 'ready' && !this.skills.length ? html`<tr><td colspan=${editable ? 5 : 4}>${t('noSkills')}</td></tr>` : nothing}
          </tbody>
        </table>
      </div>
      ${editable ? this.renderCreate() : nothing} ${this.renderDialog()} ${this.announcer.render()}
    </div>`;
  }

  private renderCreate(): TemplateResult {
    const t = this.t;
    const f = this.fieldsOf(CREATE);
    return html`<form class="card" novalidate aria-labelledby="create-heading" @submit=${this.handleCreate}>
      <h3 id="create-heading">${t('newSkillHeading')}</h3>
      ${this.formAlert(CREATE)}
      <div class="fields">
        <div class="field">
          <label for="skill-name">${t('name')}</label>
          <input id="skill-name" name="name" required maxlength="100" autocomplete="off" aria-invalid=${f.invalid('skill-name') ? 'true' : 'false'} aria-describedby=${f.describedBy('skill-name')} />
          ${f.error('skill-name')}
        </div>
        <div class="field">
          <label for="skill-channel">${t('channel')}</label>
          <select id="skill-channel" name="channel" aria-invalid=${f.invalid('skill-channel') ? 'true' : 'false'} aria-describedby=${f.describedBy('skill-channel')}>
            ${SKILL_CHANNELS.map((c) => html`<option value=${c}>${t(`channel.${c}`)}</option>`)}
          </select>
          ${f.error('skill-channel')}
        </div>
      </div>
      <div class="actions">${this.submitButton(t('createSkill'), t('creating'), this.creating)}</div>
    </form>`;
  }

  private renderDialog(): TemplateResult {
    const t = this.t;
    const p = this.pending;
    const f = this.fieldsOf(DIALOG);
    let content: TemplateResult | typeof nothing = nothing;
    if (p?.kind === 'rename') {
      content = html`<h2 id="dialog-heading">${t('renameHeading', { name: p.skill.name })}</h2>
        ${this.formAlert(DIALOG)}
        <div class="field">
          <label for="rename-name">${t('newName')}</label>
          <input id="rename-name" name="name" required maxlength="100" autocomplete="off" autofocus .value=${p.skill.name}
            aria-invalid=${f.invalid('rename-name') ? 'true' : 'false'} aria-describedby=${f.describedBy('rename-name')} />
          ${f.error('rename-name')}
        </div>
        <div class="dialog-actions">
          <button type="button" @click=${this.handleCancel}>${t('cancel')}</button>
          ${this.submitButton(t('rename'), t('saving'), this.busy)}
        </div>`;
    } else if (p?.kind === 'toggle') {
      const active = p.skill.activePocCount;
      const body = p.skill.active
        ? active === 0
          ? t('confirmSkillDeactivate')
          : active === 1
            ? t('confirmSkillDeactivateOne')
            : t('confirmSkillDeactivateMany', { count: active })
        : t('confirmSkillActivate');
      content = html`<h2 id="dialog-heading">${t(p.skill.active ? 'confirmSkillDeactivateHeading' : 'confirmSkillActivateHeading', { name: p.skill.name })}</h2>
        <p id="dialog-body">${body}</p>
        ${this.formAlert(DIALOG)}
        <div class="dialog-actions">
          <button type="button" autofocus @click=${this.handleCancel}>${t('cancel')}</button>
          <button type="submit" class=${p.skill.active ? 'danger' : 'primary'} aria-disabled=${this.busy ? 'true' : 'false'}>
            ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${p.skill.active ? t('deactivate') : t('activate')}
          </button>
        </div>`;
    }
    return html`<dialog aria-labelledby="dialog-heading" aria-describedby=${p?.kind === 'toggle' ? 'dialog-body' : nothing} @close=${this.handleDialogClose}>
      ${p ? html`<form method="dialog" novalidate @submit=${this.handleDialogSubmit}>${content}</form>` : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-skills': ParleyAdminSkills;
  }
}
