import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ADMIN_LIMITS, CLOSED_BEHAVIOURS, LONG_WAIT_BEHAVIOURS, type AdminScript, type ClosedBehaviour, type LongWaitBehaviour, type ScriptInput } from '../../protocol/index.js';
import { AdminSection } from '../parley-admin/admin-section.js';

/** One row of business hours being edited; `key` keeps each row's controls its own. */
interface HoursRow {
  key: number;
  days: number[];
  open: string;
  close: string;
}

const FORM = 'script';
/** Monday first, as most of the world's calendars show a week; the API numbers Sunday 0. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
/** The longest wait a script can wait for before calling it long, and the shortest (admin-rules). */
const LONG_WAIT_MIN = 10;
const LONG_WAIT_MAX = 86_400;

/** The time zones this browser knows, for the time-zone suggestions. */
function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * The scripts (how contacts entering a point of contact are handled): a table, and one form to
 * create a script or change one — name, time zone, business hours rows (days, opening and
 * closing time), greeting, priority, when a wait counts as long, and what happens when closed or
 * when the wait is long.
 *
 * @tagname parley-admin-scripts
 *
 * @csspart base - The section.
 */
export class ParleyAdminScripts extends AdminSection {
  @state() private scripts: readonly AdminScript[] = [];
  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading';
  /** The script being edited, `new` for a new one, null when the form is closed. */
  @state() private editing: AdminScript | 'new' | null = null;
  @state() private hours: HoursRow[] = [];
  @state() private saving = false;

  #nextKey = 1;
  #zones: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#zones.length) this.#zones = timeZones();
    void this.#load();
  }

  private handleNew(): void {
    this.#open('new');
  }

  private handleEdit(script: AdminScript): void {
    this.#open(script);
  }

  private handleClose(): void {
    this.editing = null;
    this.clearProblem(FORM);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#heading')?.focus());
  }

  private handleAddHours(): void {
    const key = this.#nextKey++;
    this.hours = [...this.hours, { key, days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }];
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#hours-${this.hours.length - 1}-days`)?.focus());
  }

  private handleRemoveHours(index: number): void {
    this.hours = this.hours.filter((_, i) => i !== index);
    this.clearProblem(FORM);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#add-hours')?.focus());
  }

  private handleDay(index: number, day: number, on: boolean): void {
    this.hours = this.hours.map((row, i) =>
      i === index ? { ...row, days: on ? [...new Set([...row.days, day])] : row.days.filter((d) => d !== day) } : row,
    );
  }

  private handleTime(index: number, which: 'open' | 'close', value: string): void {
    this.hours = this.hours.map((row, i) => (i === index ? { ...row, [which]: value } : row));
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const editing = this.editing;
    if (!editing || this.saving) return;
    const form = event.currentTarget as HTMLFormElement;
    this.#checkHours(form);
    if (!(await this.checkForm(FORM, form))) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const wait = text('longWaitSeconds');
    const body: ScriptInput = {
      name: text('name'),
      timeZone: text('timeZone'),
      // A closing time of 00:00 is midnight at the end of the day.
      hours: this.hours.map((row) => ({ days: [...row.days].sort((a, b) => a - b), open: row.open, close: row.close === '00:00' ? '24:00' : row.close })),
      greeting: text('greeting'),
      priority: Number(text('priority')),
      longWaitSeconds: wait === '' ? null : Number(wait),
      whenClosed: text('whenClosed') as ClosedBehaviour,
      whenLongWait: text('whenLongWait') as LongWaitBehaviour,
    };
    this.saving = true;
    this.clearProblem(FORM);
    const result =
      editing === 'new'
        ? await this.call<{ script: AdminScript }>('scripts', { method: 'POST', body })
        : await this.call<{ script: AdminScript }>(`scripts/${encodeURIComponent(editing.id)}`, { method: 'PATCH', body });
    this.saving = false;
    if (!result.ok) {
      // `hours.1.close` is the control `hours-1-close`; `hours.1.days` the row's first day.
      const field = result.error.field?.replace(/^hours\.(\d+)\.(\w+)$/, 'hours-$1-$2').replace(/^(\w+)$/, 'script-$1');
      await this.refuse(FORM, { ...result.error, field });
      return;
    }
    const saved = result.value.script;
    this.announcer.announce(this.t(editing === 'new' ? 'scriptCreated' : 'scriptSaved', { name: saved.name }));
    this.editing = null;
    await this.#load();
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  #open(script: AdminScript | 'new'): void {
    this.clearProblem(FORM);
    this.editing = script;
    const hours = script === 'new' ? [] : script.hours;
    this.hours = hours.map((h) => ({ key: this.#nextKey++, days: [...h.days], open: h.open, close: h.close === '24:00' ? '00:00' : h.close }));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#script-name')?.focus());
  }

  /** Marks rows without a day, or closing before they open, with the browser's constraint validation. */
  #checkHours(form: HTMLFormElement): void {
    this.hours.forEach((row, i) => {
      const days = form.querySelector<HTMLInputElement>(`#hours-${i}-days`);
      days?.setCustomValidity(row.days.length ? '' : this.t('pickOneDay'));
      const close = form.querySelector<HTMLInputElement>(`#hours-${i}-close`);
      const closeAt = row.close === '00:00' ? 24 * 60 : minutes(row.close || '00:00');
      close?.setCustomValidity(row.open && row.close && closeAt <= minutes(row.open) ? this.t('closeAfterOpen') : '');
    });
  }

  async #load(): Promise<void> {
    const result = await this.call<{ scripts: AdminScript[] }>('scripts');
    if (!result.ok) {
      this.loadState = 'error';
      return;
    }
    this.scripts = result.value.scripts;
    this.loadState = 'ready';
  }

  protected override render() {
    const t = this.t;
    const editable = this.can('script.edit');
    return html`<div class="root" part="base" lang=${this.language}>
      <div class="head">
        <h2 id="heading" tabindex="-1">${t('scriptsHeading')}</h2>
        ${editable && this.editing !== 'new' ? html`<button type="button" class="primary" @click=${this.handleNew}>${t('newScript')}</button>` : nothing}
      </div>
      ${this.editing ? this.renderForm(this.editing) : nothing}
      ${this.loadState === 'loading' ? html`<p role="status"><span class="spinner" aria-hidden="true"></span>${t('loading')}</p>` : nothing}
      ${this.loadState === 'error'
        ? html`<div class="alert" role="alert"><p>${t('loadFailed')} <button type="button" class="small" @click=${() => void this.#load()}>${t('retry')}</button></p></div>`
        : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="heading">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('col.name')}</th>
              <th scope="col">${t('col.timeZone')}</th>
              <th scope="col">${t('hours')}</th>
              <th scope="col">${t('col.priority')}</th>
              <th scope="col">${t('col.pocs')}</th>
              ${editable ? html`<th scope="col">${t('col.actions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${this.scripts.map(
              (s) => html`<tr>
                <th scope="row">${s.name}</th>
                <td>${s.timeZone}</td>
                <td>${s.hours.length ? s.hours.map((h) => html`<div>${this.#daysText(h.days)} ${h.open}–${h.close}</div>`) : t('alwaysOpen')}</td>
                <td>${s.priority}</td>
                <td>${s.pocCount}</td>
                ${editable
                  ? html`<td><button type="button" class="small" aria-label=${t('editNamed', { name: s.name })} @click=${() => this.handleEdit(s)}>${t('edit')}</button></td>`
                  : nothing}
              </tr>`,
            )}
            ${this.loadState === 'ready' && !this.scripts.length ? html`<tr><td colspan="6">${t('noScripts')}</td></tr>` : nothing}
          </tbody>
        </table>
      </div>
      ${this.announcer.render()}
    </div>`;
  }

  #daysText(days: number[]): string {
    return WEEK.filter((d) => days.includes(d))
      .map((d) => this.t(`day.${d}` as 'day.0'))
      .join(' ');
  }

  private renderForm(script: AdminScript | 'new'): TemplateResult {
    const t = this.t;
    const f = this.fieldsOf(FORM);
    const s = script === 'new' ? null : script;
    // A new form for each script, so a closed form's typing never shows in the next one.
    return html`<form class="card" novalidate aria-labelledby="form-heading" data-script=${s?.id ?? 'new'} @submit=${this.handleSubmit}>
      <h3 id="form-heading">${s ? t('editScriptHeading', { name: s.name }) : t('newScriptHeading')}</h3>
      ${this.formAlert(FORM)}
      <div class="fields">
        <div class="field">
          <label for="script-name">${t('name')}</label>
          <input id="script-name" name="name" required maxlength=${ADMIN_LIMITS.nameMaxLength} autocomplete="off" .value=${s?.name ?? ''}
            aria-invalid=${f.invalid('script-name') ? 'true' : 'false'} aria-describedby=${f.describedBy('script-name')} />
          ${f.error('script-name')}
        </div>
        <div class="field">
          <label for="script-timeZone">${t('timeZone')}</label>
          <input id="script-timeZone" name="timeZone" required list="time-zones" autocomplete="off" spellcheck="false"
            .value=${s?.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')}
            aria-invalid=${f.invalid('script-timeZone') ? 'true' : 'false'} aria-describedby=${f.describedBy('script-timeZone', true)} />
          <datalist id="time-zones">${this.#zones.map((z) => html`<option value=${z}></option>`)}</datalist>
          <p class="hint" id="script-timeZone-hint">${t('timeZoneHint')}</p>
          ${f.error('script-timeZone')}
        </div>
        <fieldset class="wide hours">
          <legend>${t('hours')}</legend>
          <p class="hint">${t('hoursHint')}</p>
          ${repeat(
            this.hours,
            (row) => row.key,
            (row, i) => html`<fieldset class="hours-row">
              <legend>${t('hoursRow', { n: i + 1 })}</legend>
              <fieldset class="days">
                <legend class="visually-hidden">${t('days')}</legend>
                ${WEEK.map(
                  (d, j) => html`<label class="day"
                    ><input type="checkbox" id=${j === 0 ? `hours-${i}-days` : `hours-${i}-day-${d}`} .checked=${row.days.includes(d)}
                      aria-invalid=${j === 0 && f.invalid(`hours-${i}-days`) ? 'true' : 'false'}
                      aria-describedby=${j === 0 ? f.describedBy(`hours-${i}-days`) : nothing}
                      @change=${(e: Event) => this.handleDay(i, d, (e.target as HTMLInputElement).checked)} /><abbr title=${t(`dayLong.${d}` as 'dayLong.0')}
                      >${t(`day.${d}` as 'day.0')}</abbr
                    ></label
                  >`,
                )}
              </fieldset>
              ${f.error(`hours-${i}-days`)}
              <div class="times">
                <div class="field">
                  <label for="hours-${i}-open">${t('opens')}</label>
                  <input id="hours-${i}-open" type="time" required .value=${row.open} @input=${(e: Event) => this.handleTime(i, 'open', (e.target as HTMLInputElement).value)}
                    aria-invalid=${f.invalid(`hours-${i}-open`) ? 'true' : 'false'} aria-describedby=${f.describedBy(`hours-${i}-open`)} />
                  ${f.error(`hours-${i}-open`)}
                </div>
                <div class="field">
                  <label for="hours-${i}-close">${t('closes')}</label>
                  <input id="hours-${i}-close" type="time" required .value=${row.close} @input=${(e: Event) => this.handleTime(i, 'close', (e.target as HTMLInputElement).value)}
                    aria-invalid=${f.invalid(`hours-${i}-close`) ? 'true' : 'false'} aria-describedby=${f.describedBy(`hours-${i}-close`)} />
                  ${f.error(`hours-${i}-close`)}
                </div>
                <button type="button" class="small" @click=${() => this.handleRemoveHours(i)}>${t('removeHours', { n: i + 1 })}</button>
              </div>
            </fieldset>`,
          )}
          ${this.hours.length < ADMIN_LIMITS.hoursMax ? html`<button type="button" id="add-hours" class="small" @click=${this.handleAddHours}>${t('addHours')}</button>` : nothing}
        </fieldset>
        <div class="field wide">
          <label for="script-greeting">${t('greeting')}</label>
          <textarea id="script-greeting" name="greeting" rows="2" maxlength=${ADMIN_LIMITS.greetingMaxLength} .value=${s?.greeting ?? ''}
            aria-invalid=${f.invalid('script-greeting') ? 'true' : 'false'} aria-describedby=${f.describedBy('script-greeting')}></textarea>
          ${f.error('script-greeting')}
        </div>
        <div class="field">
          <label for="script-priority">${t('priority')}</label>
          <input id="script-priority" name="priority" type="number" required min="1" max="10" step="1" .value=${String(s?.priority ?? 5)}
            aria-invalid=${f.invalid('script-priority') ? 'true' : 'false'} aria-describedby=${f.describedBy('script-priority', true)} />
          <p class="hint" id="script-priority-hint">${t('priorityHint')}</p>
          ${f.error('script-priority')}
        </div>
        <div class="field">
          <label for="script-longWaitSeconds">${t('longWaitSeconds')}</label>
          <input id="script-longWaitSeconds" name="longWaitSeconds" type="number" min=${LONG_WAIT_MIN} max=${LONG_WAIT_MAX} step="1"
            .value=${s?.longWaitSeconds === null || s?.longWaitSeconds === undefined ? '' : String(s.longWaitSeconds)}
            aria-invalid=${f.invalid('script-longWaitSeconds') ? 'true' : 'false'} aria-describedby=${f.describedBy('script-longWaitSeconds', true)} />
          <p class="hint" id="script-longWaitSeconds-hint">${t('longWaitHint')}</p>
          ${f.error('script-longWaitSeconds')}
        </div>
        <div class="field">
          <label for="script-whenClosed">${t('whenClosed')}</label>
          <select id="script-whenClosed" name="whenClosed" aria-invalid=${f.invalid('script-whenClosed') ? 'true' : 'false'} aria-describedby=${f.describedBy('script-whenClosed')}>
            ${CLOSED_BEHAVIOURS.map((b) => html`<option value=${b} ?selected=${(s?.whenClosed ?? 'offline-message') === b}>${t(`closed.${b}`)}</option>`)}
          </select>
          ${f.error('script-whenClosed')}
        </div>
        <div class="field">
          <label for="script-whenLongWait">${t('whenLongWait')}</label>
          <select id="script-whenLongWait" name="whenLongWait" aria-invalid=${f.invalid('script-whenLongWait') ? 'true' : 'false'} aria-describedby=${f.describedBy('script-whenLongWait')}>
            ${LONG_WAIT_BEHAVIOURS.map((b) => html`<option value=${b} ?selected=${(s?.whenLongWait ?? 'none') === b}>${t(`longWait.${b}`)}</option>`)}
          </select>
          ${f.error('script-whenLongWait')}
        </div>
      </div>
      <div class="actions">
        ${this.submitButton(s ? t('save') : t('createScript'), t('saving'), this.saving)}
        <button type="button" @click=${this.handleClose}>${t('cancel')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-scripts': ParleyAdminScripts;
  }
}
