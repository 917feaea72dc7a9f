import { html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { AdminDnis, AdminPoc } from '../../protocol/index.js';
import { AdminSection } from '../parley-admin/admin-section.js';

const ADD = 'add';
const RELEASE = 'release';

/**
 * The provisioned inbound phone numbers (DNIS) that inbound-phone points of contact use: a table
 * with the POC using each, adding a number (number, label) and releasing an unused one after a
 * question. Adding and releasing show only to users who manage numbers.
 *
 * @tagname parley-admin-numbers
 *
 * @csspart base - The section.
 */
export class ParleyAdminNumbers extends AdminSection {
  @state() private numbers: readonly AdminDnis[] = [];
  @state() private pocs: readonly AdminPoc[] = [];
  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading';
  @state() private adding = false;
  @state() private releasing: AdminDnis | null = null;
  @state() private busy = false;

  @query('dialog') private dialog!: HTMLDialogElement | null;

  #opener: HTMLElement | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  protected override updated(): void {
    const dialog = this.dialog;
    if (dialog && this.releasing && !dialog.open) dialog.showModal();
    else if (dialog && !this.releasing && dialog.open) dialog.close();
  }

  private async handleAdd(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.adding) return;
    const form = event.currentTarget as HTMLFormElement;
    if (!(await this.checkForm(ADD, form))) return;
    const data = new FormData(form);
    const number = String(data.get('number') ?? '').replace(/[\s.()-]/g, '');
    const label = String(data.get('label') ?? '').trim();
    this.adding = true;
    this.clearProblem(ADD);
    const result = await this.call<{ number: AdminDnis }>('dnis', { method: 'POST', body: { number, label } });
    this.adding = false;
    if (!result.ok) {
      await this.refuse(ADD, result.error, { number: 'dnis-number', label: 'dnis-label' });
      return;
    }
    form.reset();
    this.announcer.announce(this.t('numberAdded', { number: result.value.number.number }));
    void this.#load();
  }

  private handleRelease(event: Event, number: AdminDnis): void {
    this.#opener = event.currentTarget as HTMLElement;
    this.clearProblem(RELEASE);
    this.releasing = number;
  }

  private async handleConfirmRelease(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const number = this.releasing;
    if (!number || this.busy) return;
    this.busy = true;
    this.clearProblem(RELEASE);
    const result = await this.call<null>(`dnis/${encodeURIComponent(number.number)}`, { method: 'DELETE' });
    this.busy = false;
    if (!result.ok) {
      this.problems = { ...this.problems, [RELEASE]: { message: this.errorText(result.error), field: null } };
      return;
    }
    this.releasing = null;
    this.announcer.announce(this.t('released', { number: number.number }));
    await this.#load();
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  private handleCancel(): void {
    this.releasing = null;
  }

  private handleDialogClose(): void {
    if (this.dialog?.open) return;
    this.releasing = null;
    if (this.#opener?.isConnected) this.#opener.focus();
  }

  async #load(): Promise<void> {
    const [numbers, pocs] = await Promise.all([this.call<{ numbers: AdminDnis[] }>('dnis'), this.call<{ pocs: AdminPoc[] }>('pocs', { query: { channel: 'phone' } })]);
    if (!numbers.ok) {
      this.loadState = 'error';
      return;
    }
    this.numbers = numbers.value.numbers;
    if (pocs.ok) this.pocs = pocs.value.pocs;
    this.loadState = 'ready';
  }

  protected override render() {
    const t = this.t;
    const manage = this.can('dnis.manage');
    return html`<div class="root" part="base" lang=${this.language}>
      <div class="head"><h2 id="heading" tabindex="-1">${t('numbersHeading')}</h2></div>
      ${this.loadState === 'loading' ? html`<p role="status"><span class="spinner" aria-hidden="true"></span>${t('loading')}</p>` : nothing}
      ${this.loadState === 'error'
        ? html`<div class="alert" role="alert"><p>${t('loadFailed')} <button type="button" class="small" @click=${() => void this.#load()}>${t('retry')}</button></p></div>`
        : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="heading">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('col.number')}</th>
              <th scope="col">${t('col.label')}</th>
              <th scope="col">${t('col.usedBy')}</th>
              ${manage ? html`<th scope="col">${t('col.actions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${this.numbers.map((n) => {
              const poc = n.pocId ? this.pocs.find((p) => p.id === n.pocId) : null;
              return html`<tr>
                <th scope="row"><code>${n.number}</code></th>
                <td>${n.label}</td>
                <td>${n.pocId ? html`<a href="#pocs/${encodeURIComponent(n.pocId)}">${poc?.name ?? n.pocId}</a>` : html`<span class="badge off">${t('free')}</span>`}</td>
                ${manage
                  ? html`<td>
                      <button type="button" class="small danger" ?disabled=${n.pocId !== null} aria-label=${t('releaseNamed', { number: n.number })}
                        aria-describedby=${n.pocId !== null ? 'in-use-hint' : nothing} @click=${(e: Event) => this.handleRelease(e, n)}>${t('release')}</button>
                    </td>`
                  : nothing}
              </tr>`;
            })}
            ${this.loadState === 'ready' && !this.numbers.length ? html`<tr><td colspan="4">${t('noNumbers')}</td></tr>` : nothing}
          </tbody>
        </table>
      </div>
      ${manage ? html`<p class="hint" id="in-use-hint">${t('releaseInUse')}</p>` : nothing}
      ${manage ? this.renderAdd() : nothing} ${this.renderDialog()} ${this.announcer.render()}
    </div>`;
  }

  private renderAdd(): TemplateResult {
    const t = this.t;
    const f = this.fieldsOf(ADD);
    return html`<form class="card" novalidate aria-labelledby="add-heading" @submit=${this.handleAdd}>
      <h3 id="add-heading">${t('addNumberHeading')}</h3>
      ${this.formAlert(ADD)}
      <div class="fields">
        <div class="field">
          <label for="dnis-number">${t('number')}</label>
          <input id="dnis-number" name="number" type="tel" required autocomplete="off" maxlength="32"
            aria-invalid=${f.invalid('dnis-number') ? 'true' : 'false'} aria-describedby=${f.describedBy('dnis-number', true)} />
          <p class="hint" id="dnis-number-hint">${t('numberHint')}</p>
          ${f.error('dnis-number')}
        </div>
        <div class="field">
          <label for="dnis-label">${t('label')} </label>
          <input id="dnis-label" name="label" maxlength="100" autocomplete="off" aria-invalid=${f.invalid('dnis-label') ? 'true' : 'false'} aria-describedby=${f.describedBy('dnis-label')} />
          ${f.error('dnis-label')}
        </div>
      </div>
      <div class="actions">${this.submitButton(t('addNumber'), t('saving'), this.adding)}</div>
    </form>`;
  }

  private renderDialog(): TemplateResult {
    const t = this.t;
    const n = this.releasing;
    return html`<dialog aria-labelledby="dialog-heading" aria-describedby="dialog-body" @close=${this.handleDialogClose}>
      ${n
        ? html`<form method="dialog" @submit=${this.handleConfirmRelease}>
            <h2 id="dialog-heading">${t('confirmReleaseHeading', { number: n.number })}</h2>
            <p id="dialog-body">${t('confirmRelease')}</p>
            ${this.formAlert(RELEASE)}
            <div class="dialog-actions">
              <button type="button" autofocus @click=${this.handleCancel}>${t('cancel')}</button>
              <button type="submit" class="danger" aria-disabled=${this.busy ? 'true' : 'false'}>
                ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${t('releasing')}` : t('release')}
              </button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-numbers': ParleyAdminNumbers;
  }
}
