import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fieldName, studioCatalogue, type StudioKey } from '../../core/catalogues/studio.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { ParleyElement } from '../base/parley-element.js';
import { cssProps } from '../parley-studio-editor/css-props.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { styles } from './parley-studio-history.styles.js';

/** One save of a chat profile, as `GET /api/v1/studio/pocs/:poc/profile/history` lists it. */
export interface HistoryEntry {
  /** ISO 8601 time of the save. */
  at: string;
  /** Display name of who saved. */
  actor: string | null;
  changes: { field: string; from: unknown; to: unknown }[];
}

/** Saves shown before "Show older saves". */
const FIRST_PAGE = 5;
/** Longest value shown in full; longer ones are cut with an ellipsis. */
const MAX_VALUE = 80;
const HEX = /^#[0-9a-f]{6}$/i;

/**
 * The recent saves of one chat profile: who saved, when, and each setting changed from what to
 * what, newest first. Values come from the server's audit record and are shown as text only.
 *
 * @tagname parley-studio-history
 *
 * @csspart base - The list of saves.
 */
export class ParleyStudioHistory extends ParleyElement {
  static override styles = css`${ParleyElement.styles}${palette}${controls}${styles}`;

  /** The saves, newest first; null while loading. */
  @property({ attribute: false }) entries: readonly HistoryEntry[] | null = null;
  /** Whether loading the history failed. */
  @property({ type: Boolean }) failed = false;
  /** Language (`en`, `fr`); defaults to the browser's. */
  @property() locale = '';

  @state() private shown = FIRST_PAGE;

  #t: Translate<StudioKey> = translator(studioCatalogue, 'en');
  #lang = 'en';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.#lang = resolveLocale([this.locale, globalThis.navigator?.language], Object.keys(studioCatalogue));
      this.#t = translator(studioCatalogue, this.#lang);
    }
    if (changed.has('entries') && changed.get('entries') === null) this.shown = FIRST_PAGE;
  }

  private handleShowMore(): void {
    const first = this.shown;
    this.shown += 20;
    // Focus the first newly shown save, so the keyboard goes on where the list grew.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#entry-${first}`)?.focus());
  }

  #time(at: string): string {
    const date = new Date(at);
    if (Number.isNaN(date.getTime())) return at;
    return new Intl.DateTimeFormat(this.#lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  /** A changed value as a person reads it. */
  private renderValue(value: unknown): TemplateResult {
    const t = this.#t;
    if (value === null || value === undefined || value === '') return html`<span class="empty">${t('historyEmptyValue')}</span>`;
    if (value === true || value === false) return html`<strong>${t(value ? 'historyYes' : 'historyNo')}</strong>`;
    let text: string;
    try {
      text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    } catch {
      text = '…';
    }
    if (text.length > MAX_VALUE) text = `${text.slice(0, MAX_VALUE - 1)}…`;
    const swatch = typeof value === 'string' && HEX.test(value);
    return html`<span class="value"
      >${swatch ? html`<span class="swatch" aria-hidden="true" ${cssProps({ background: value })}></span>` : nothing}<code>${text}</code></span
    >`;
  }

  protected override render() {
    const t = this.#t;
    const entries = this.entries;
    let body: TemplateResult;
    if (this.failed) body = html`<p class="error" role="alert">${t('historyFailed')}</p>`;
    else if (!entries) body = html`<p class="muted" role="status">${t('historyLoading')}</p>`;
    else if (!entries.length) body = html`<p class="muted">${t('historyEmpty')}</p>`;
    else {
      const more = entries.length - this.shown;
      body = html`<ol class="entries">
          ${entries.slice(0, this.shown).map(
            (entry, i) => html`<li>
              <p class="who" id="entry-${i}" tabindex="-1">
                <time datetime=${entry.at}>${t('historyEntry', { actor: entry.actor || t('historyUnknownActor'), time: this.#time(entry.at) })}</time>
                <span class="muted">
                  · ${entry.changes.length === 1 ? t('historyOneChange') : t('historyChanges', { count: entry.changes.length })}</span
                >
              </p>
              <ul class="changes">
                ${entry.changes.map(
                  (c) => html`<li>
                    <span class="field">${t('historyField', { name: fieldName(t, c.field) })}</span>
                    <span class="visually-hidden">${t('historyFrom')}</span> ${this.renderValue(c.from)}
                    <span class="arrow" aria-hidden="true">→</span> <span class="visually-hidden">${t('historyTo')}</span>
                    ${this.renderValue(c.to)}
                  </li>`,
                )}
              </ul>
            </li>`,
          )}
        </ol>
        ${more > 0 ? html`<button type="button" @click=${this.handleShowMore}>${t('historyShowMore', { count: Math.min(more, 20) })}</button>` : nothing}`;
    }
    return html`<div class="root" part="base" lang=${this.#lang}>${body}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-studio-history': ParleyStudioHistory;
  }
}
