import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { actionName, auditFieldName } from '../../core/catalogues/admin.js';
import { ADMIN_LIMITS, AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditPage } from '../../protocol/index.js';
import { AdminSection } from '../parley-admin/admin-section.js';

/** Quiet time after typing in a text filter before the history is asked for again. */
const TYPING_DELAY_MS = 350;
/** Longest value shown in full in a cell; the whole value is in its `title`. */
const MAX_VALUE = 120;

interface Filters {
  actor: string;
  field: string;
  action: AuditAction | '';
  from: string;
  to: string;
  q: string;
}

const NO_FILTERS: Filters = { actor: '', field: '', action: '', from: '', to: '', q: '' };

/**
 * The audit history of one point of contact: who changed which field, when, from which value to
 * which, newest first. Filters (who, field, action, dates, text) combine and are applied by the
 * server; text filters wait for a pause in typing. Pages of `ADMIN_LIMITS.auditPageSize` entries
 * go "Older" with the server's cursor and back "Newer" along the cursors already followed.
 *
 * @tagname parley-admin-audit
 *
 * @csspart base - The history.
 */
export class ParleyAdminAudit extends AdminSection {
  /** Id of the point of contact whose history is shown. */
  @property({ attribute: 'poc-id' }) pocId = '';
  /** Entries per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize: number = ADMIN_LIMITS.auditPageSize;

  @state() private filters: Filters = NO_FILTERS;
  @state() private page: AuditPage | null = null;
  @state() private loading = false;
  @state() private failed = false;
  /** The `before` cursor of the page shown (undefined: the newest page). */
  @state() private cursor: number | undefined = undefined;
  /** The cursors of the newer pages followed to get here, oldest last, for "Newer". */
  @state() private newer: (number | undefined)[] = [];

  #timer: ReturnType<typeof setTimeout> | null = null;
  #abort: AbortController | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#timer) clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if ((changed.has('pocId') || changed.has('server')) && this.pocId) {
      this.filters = NO_FILTERS;
      this.#first();
    }
  }

  /** Reads the newest page again (after a change to the POC). */
  reload(): void {
    this.#first();
  }

  private handleFilter(event: Event): void {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    const name = input.name as keyof Filters;
    this.filters = { ...this.filters, [name]: input.value };
    if (this.#timer) clearTimeout(this.#timer);
    // Typed text waits for a pause; a choice in a menu or a date applies at once.
    if (input instanceof HTMLInputElement && (input.type === 'text' || input.type === 'search')) this.#timer = setTimeout(() => this.#first(), TYPING_DELAY_MS);
    else this.#first();
  }

  private handleClear(): void {
    this.filters = NO_FILTERS;
    this.#first();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#audit-actor')?.focus());
  }

  private handleOlder(): void {
    const next = this.page?.next;
    if (next === null || next === undefined || this.loading) return;
    this.newer = [...this.newer, this.cursor];
    this.cursor = next;
    void this.#load();
  }

  private handleNewer(): void {
    if (!this.newer.length || this.loading) return;
    this.cursor = this.newer[this.newer.length - 1];
    this.newer = this.newer.slice(0, -1);
    void this.#load();
  }

  #first(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.cursor = undefined;
    this.newer = [];
    void this.#load();
  }

  async #load(): Promise<void> {
    if (!this.pocId) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.loading = true;
    const f = this.filters;
    let result;
    try {
      result = await this.call<AuditPage>(`pocs/${encodeURIComponent(this.pocId)}/audit`, {
        query: { actor: f.actor.trim(), field: f.field, action: f.action, from: f.from, to: f.to, q: f.q.trim(), limit: this.pageSize, before: this.cursor },
        signal: abort.signal,
      });
    } catch {
      return; // Aborted: a newer request is on its way.
    }
    if (abort !== this.#abort) return;
    this.loading = false;
    if (!result.ok) {
      this.failed = true;
      return;
    }
    this.failed = false;
    this.page = result.value;
  }

  /** A value as text, cut when long; null is "(none)". */
  private renderValue(value: string | null) {
    if (value === null || value === '') return html`<span class="muted">${this.t('emptyValue')}</span>`;
    const shown = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
    return html`<code title=${value.length > MAX_VALUE ? value : nothing}>${shown}</code>`;
  }

  private renderEntry(e: AuditEntry) {
    const t = this.t;
    return html`<tr>
      <td><time datetime=${e.at}>${this.formatTime(e.at)}</time></td>
      <td>${e.actor}${e.via !== 'admin' ? html` <span class="muted">(${t(`via.${e.via}`)})</span>` : nothing}</td>
      <td>${actionName(t, e.action)}</td>
      <td class="wrap">${auditFieldName(t, e.field)}</td>
      <td class="wrap">${this.renderValue(e.from)}</td>
      <td class="wrap">${this.renderValue(e.to)}</td>
    </tr>`;
  }

  protected override render() {
    const t = this.t;
    const f = this.filters;
    const page = this.page;
    const fields = [...new Set([...(page?.fields ?? []), ...(f.field ? [f.field] : [])])];
    const shownFrom = this.newer.length * this.pageSize + 1;
    const total = page?.total ?? 0;
    const count = page?.entries.length ?? 0;
    const filtered = Object.values(f).some(Boolean);
    return html`<div class="root" part="base" lang=${this.language}>
      <h3 id="audit-heading">${t('auditHeading')}</h3>
      <form class="filters" role="search" aria-label=${t('auditFilters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="audit-actor">${t('auditActor')}</label>
          <input id="audit-actor" name="actor" type="text" autocomplete="off" .value=${f.actor} @input=${this.handleFilter} />
        </div>
        <div class="field">
          <label for="audit-field">${t('auditField')}</label>
          <select id="audit-field" name="field" @change=${this.handleFilter}>
            <option value="" ?selected=${!f.field}>${t('anyField')}</option>
            ${fields.map((name) => html`<option value=${name} ?selected=${f.field === name}>${auditFieldName(t, name)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="audit-action">${t('auditAction')}</label>
          <select id="audit-action" name="action" @change=${this.handleFilter}>
            <option value="" ?selected=${!f.action}>${t('anyAction')}</option>
            ${AUDIT_ACTIONS.map((a) => html`<option value=${a} ?selected=${f.action === a}>${actionName(t, a)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="audit-from">${t('auditFrom')}</label>
          <input id="audit-from" name="from" type="date" .value=${f.from} max=${f.to || nothing} @change=${this.handleFilter} />
        </div>
        <div class="field">
          <label for="audit-to">${t('auditTo')}</label>
          <input id="audit-to" name="to" type="date" .value=${f.to} min=${f.from || nothing} @change=${this.handleFilter} />
        </div>
        <div class="field">
          <label for="audit-q">${t('auditSearch')}</label>
          <input id="audit-q" name="q" type="search" autocomplete="off" aria-describedby="audit-q-hint" .value=${f.q} @input=${this.handleFilter} />
          <p class="hint visually-hidden" id="audit-q-hint">${t('auditSearchHint')}</p>
        </div>
        ${filtered ? html`<div class="field"><button type="button" @click=${this.handleClear}>${t('clearFilters')}</button></div>` : nothing}
      </form>
      <p class="hint" role="status">
        ${this.loading
          ? html`<span class="spinner" aria-hidden="true"></span>${t('auditLoading')}`
          : page
            ? total === 1
              ? t('auditTotalOne')
              : t('auditTotal', { count: total })
            : nothing}
      </p>
      ${this.failed ? html`<div class="alert" role="alert"><p>${t('auditFailed')} <button type="button" class="small" @click=${() => void this.#load()}>${t('retry')}</button></p></div>` : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="audit-heading">
        <table aria-busy=${this.loading ? 'true' : 'false'}>
          <thead>
            <tr>
              <th scope="col">${t('col.time')}</th>
              <th scope="col">${t('col.who')}</th>
              <th scope="col">${t('col.action')}</th>
              <th scope="col">${t('col.field')}</th>
              <th scope="col">${t('col.old')}</th>
              <th scope="col">${t('col.new')}</th>
            </tr>
          </thead>
          <tbody>
            ${page?.entries.map((e) => this.renderEntry(e))}
            ${page && !count ? html`<tr><td colspan="6">${t('auditEmpty')}</td></tr>` : nothing}
          </tbody>
        </table>
      </div>
      ${page && (this.newer.length || page.next !== null)
        ? html`<nav class="actions pager" aria-label=${t('auditPages')}>
            <button type="button" ?disabled=${!this.newer.length} @click=${this.handleNewer}>${t('newer')}</button>
            <span>${count ? t('auditPage', { first: shownFrom, last: shownFrom + count - 1, count: total }) : ''}</span>
            <button type="button" ?disabled=${page.next === null} @click=${this.handleOlder}>${t('older')}</button>
          </nav>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-audit': ParleyAdminAudit;
  }
}
