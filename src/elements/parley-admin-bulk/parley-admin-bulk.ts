import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { adminUrl } from '../../core/admin-api.js';
import { ADMIN_LIMITS, BULK_COLUMNS, BULK_FORMATS, type BulkFormat, type BulkJob, type BulkJobDetail, type ProtocolError } from '../../protocol/index.js';
import { AdminSection, sectionStyles } from '../parley-admin-people/admin-section.js';

/** How often a running job is asked for its progress. */
const POLL_MS = 500;
const MB = 1024 * 1024;

const FORMAT_NAMES: Record<BulkFormat, 'downloadCsv' | 'downloadXlsx'> = { csv: 'downloadCsv', xlsx: 'downloadXlsx' };
const finished = (job: BulkJob) => job.status === 'done' || job.status === 'failed';

/**
 * Bulk files of points of contact: download the template or the existing points of contact (CSV
 * or Excel), upload an edited file with all its rows or only the rows marked in its *Modified
 * row* column, follow the job's progress, and read its report — counts, every failed row with the
 * column to blame and why — now or later from the list of past uploads. Downloads need
 * `poc.view`; uploading needs `poc.create` and `poc.edit`.
 *
 * @tagname parley-admin-bulk
 *
 * @csspart base - The section's wrapper.
 * @csspart report - The progress or result of the job shown.
 *
 * @cssprop --parley-color-brand - Primary buttons, links and the progress bar.
 * @cssprop --parley-color-surface - Panels and fields.
 */
export class ParleyAdminBulk extends AdminSection {
  static override styles = css`
    ${AdminSection.styles}${sectionStyles}
    .downloads {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: 0.75rem;
    }
    .download {
      display: grid;
      gap: 0.375rem;
      align-content: start;
    }
    .download h4 {
      margin: 0;
      font-size: 1rem;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    a.button {
      display: inline-flex;
      align-items: center;
      min-height: 2.5rem;
      padding: 0.5rem 1rem;
      border: 1px solid var(--_parley-brand);
      border-radius: var(--_parley-radius);
      color: var(--_parley-brand);
      font-weight: 600;
      text-decoration: none;
    }
    a.button:hover {
      background: var(--_parley-tint);
    }
    a.button::before {
      content: '↓';
      margin-inline-end: 0.375rem;
    }
    .radio {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 0.625rem;
      align-items: start;
    }
    .radio input {
      inline-size: 1.25rem;
      block-size: 1.25rem;
      min-height: 0;
      margin: 0.125rem 0 0;
      padding: 0;
      accent-color: var(--_parley-brand);
    }
    .radio label {
      margin: 0;
    }
    .radio .hint {
      grid-column: 2;
    }
    input[type='file'] {
      padding: 0.375rem;
    }
    progress {
      inline-size: 100%;
      block-size: 1rem;
      accent-color: var(--_parley-brand);
    }
    .counts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr));
      gap: 0.5rem;
      margin: 0;
    }
    .counts div {
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--_parley-divider);
      border-radius: var(--_parley-radius);
      background: var(--_parley-bg);
    }
    .counts dt {
      font-size: 0.875rem;
      color: var(--_parley-muted);
    }
    .counts dd {
      margin: 0;
      font-size: 1.5rem;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .counts .bad dd {
      color: var(--_parley-danger);
    }
    tr[aria-current='true'] {
      background: var(--_parley-tint);
    }
    button.link {
      min-height: 2.25rem;
      padding: 0.25rem 0.5rem;
      max-inline-size: 18rem;
      overflow: hidden;
      text-align: start;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `;

  /** Past jobs, newest first; null while loading. */
  @state() private jobs: BulkJob[] | null = null;
  @state() private jobsFailed = false;
  /** The job whose progress or report is shown. */
  @state() private shown: BulkJobDetail | null = null;
  @state() private loadingReport = false;

  #poll: ReturnType<typeof setTimeout> | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('server') || changed.has('user')) && this.user && this.can('poc.view')) void this.loadJobs();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.shown && !finished(this.shown.job)) this.schedulePoll(this.shown.job.id);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#poll);
    this.#poll = undefined;
  }

  private get mayUpload(): boolean {
    return this.can('poc.create') && this.can('poc.edit');
  }

  /** Reloads the past jobs. */
  async loadJobs(): Promise<void> {
    const result = await this.call<{ jobs: BulkJob[] }>('bulk/jobs');
    this.jobsFailed = !result.ok;
    if (result.ok) this.jobs = result.value.jobs;
  }

  private schedulePoll(id: string): void {
    clearTimeout(this.#poll);
    this.#poll = setTimeout(() => void this.poll(id), POLL_MS);
  }

  /** Asks for the job's progress until it is finished, then says how it went. */
  private async poll(id: string): Promise<void> {
    this.#poll = undefined;
    const result = await this.call<BulkJobDetail>(`bulk/jobs/${encodeURIComponent(id)}`);
    if (this.shown?.job.id !== id || !this.isConnected) return;
    if (!result.ok) {
      // A lost answer: try again a little later, the job goes on without us.
      if (result.status === 0 || result.status >= 500) this.schedulePoll(id);
      return;
    }
    this.shown = result.value;
    const job = result.value.job;
    // The list of past uploads follows the job shown.
    if (this.jobs) this.jobs = this.jobs.map((j) => (j.id === job.id ? job : j));
    if (!finished(job)) return this.schedulePoll(id);
    this.announcer.announce(job.status === 'done' ? this.t('jobDone', { ...this.countsOf(job) }) : this.t('jobFailed', { detail: job.error ?? '' }));
    void this.loadJobs();
  }

  private countsOf(job: BulkJob): Record<string, number> {
    return { created: job.created, updated: job.updated, unchanged: job.unchanged, skipped: job.skipped, failed: job.failed };
  }

  /** Client-side checks of the chosen file: its kind and its size. */
  private fileProblem(form: HTMLFormElement): Record<string, string> {
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return {};
    if (!/\.(csv|xlsx)$/i.test(file.name)) return { file: this.t('fileWrongType') };
    if (file.size > ADMIN_LIMITS.bulkFileMaxBytes) return { file: this.t('fileTooLarge', { size: (file.size / MB).toFixed(1), max: ADMIN_LIMITS.bulkFileMaxBytes / MB }) };
    return {};
  }

  /** The words for a refused upload: the size, the kind, or what is wrong with the file or a column. */
  private uploadRefusal(error: ProtocolError): string {
    const t = this.t;
    const detail = error.message;
    if (error.code === 'payload_too_large') return `${t('uploadTooLarge', { max: ADMIN_LIMITS.bulkFileMaxBytes / MB })} (${detail})`;
    if (error.code === 'unsupported_media_type') return `${t('uploadWrongType')} (${detail})`;
    if (error.field && (BULK_COLUMNS as readonly string[]).includes(error.field)) return t('uploadColumn', { column: error.field, detail });
    if (error.code === 'invalid_field' || error.code === 'invalid_payload') return t('error.invalid_field', { detail });
    return this.errorText(error);
  }

  private async handleUpload(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (this.busy || !this.validate('upload', form, this.fileProblem(form))) return;
    const input = form.elements.namedItem('file') as HTMLInputElement;
    const file = input.files![0];
    const mode = (form.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value ?? 'all');
    // The server reads the fields in this order: mode, then file.
    const body = new FormData();
    body.append('mode', mode);
    body.append('file', file, file.name);
    this.busy = 'upload';
    const result = await this.call<{ job: BulkJob }>('bulk/jobs', { method: 'POST', body });
    this.busy = null;
    if (!result.ok) {
      // A column named by the server is the file's fault: mark the file input.
      const field = result.error.field && (BULK_COLUMNS as readonly string[]).includes(result.error.field) ? 'file' : result.error.field;
      return this.refuse('upload', { ...result.error, field }, {}, this.uploadRefusal(result.error));
    }
    // The file is sent; the mode stays chosen for the next one.
    input.value = '';
    const job = result.value.job;
    this.shown = { job, failures: [] };
    this.announcer.announce(this.t('uploadAccepted', { file: job.fileName }));
    this.jobs = [job, ...(this.jobs ?? []).filter((j) => j.id !== job.id)];
    if (finished(job)) void this.poll(job.id);
    else this.schedulePoll(job.id);
  }

  private async handleShow(job: BulkJob): Promise<void> {
    clearTimeout(this.#poll);
    this.loadingReport = true;
    this.shown = { job, failures: [] };
    const result = await this.call<BulkJobDetail>(`bulk/jobs/${encodeURIComponent(job.id)}`);
    this.loadingReport = false;
    if (this.shown?.job.id !== job.id) return;
    if (result.ok) this.shown = result.value;
    if (!finished(this.shown.job)) this.schedulePoll(job.id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#report-heading')?.focus();
  }

  protected override render() {
    const t = this.t;
    return html`<div class="root" part="base" lang=${this.language}>
      <header>
        <h2 tabindex="-1">${t('bulkHeading')}</h2>
        <p class="intro muted">${t('bulkIntro')}</p>
      </header>
      ${this.renderDownloads()} ${this.renderUpload()} ${this.renderShown()} ${this.renderHistory()} ${this.announcer.render()}
    </div>`;
  }

  private renderDownloads() {
    const t = this.t;
    const links = (path: string, labelKey: 'downloadTemplateAs' | 'downloadExportAs') =>
      BULK_FORMATS.map((format) => {
        const name = t(FORMAT_NAMES[format]);
        return html`<a class="button" href=${adminUrl(this.server || globalThis.location.origin, path, { format })} download aria-label=${t(labelKey, { format: name })}>${name}</a>`;
      });
    return html`<section class="panel" aria-labelledby="downloads-heading">
      <h3 id="downloads-heading">${t('downloadsHeading')}</h3>
      <div class="downloads">
        <div class="download">
          <h4>${t('templateLabel')}</h4>
          <p class="hint">${t('templateHint')}</p>
          <div class="links">${links('bulk/template', 'downloadTemplateAs')}</div>
        </div>
        <div class="download">
          <h4>${t('exportLabel')}</h4>
          <p class="hint">${t('exportHint')}</p>
          <div class="links">${links('bulk/export', 'downloadExportAs')}</div>
        </div>
      </div>
    </section>`;
  }

  private renderUpload() {
    const t = this.t;
    const f = 'upload';
    if (!this.mayUpload) return html`<p class="note">${t('uploadNotAllowed')}</p>`;
    return html`<section class="panel" aria-labelledby="upload-heading">
      <h3 id="upload-heading">${t('uploadHeading')}</h3>
      <form id=${f} novalidate @submit=${this.handleUpload}>
        ${this.renderFormAlert(f)}
        <div class="field">
          <label for="upload-file">${t('file')}</label>
          <input
            id="upload-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-invalid=${this.invalid(f, 'file')}
            aria-describedby=${this.describedBy(f, 'file', true)}
          />
          <p class="hint" id="upload-file-hint">
            ${t('fileHint', { max: ADMIN_LIMITS.bulkFileMaxBytes / MB, rows: ADMIN_LIMITS.bulkRowsMax.toLocaleString(this.language) })}
          </p>
          ${this.renderFieldError(f, 'file')}
        </div>
        <fieldset aria-describedby=${this.problems[f]?.fields.mode ? 'upload-mode-note upload-mode-error' : 'upload-mode-note'}>
          <legend>${t('rowsLegend')}</legend>
          <div class="radio">
            <input type="radio" id="upload-mode-all" name="mode" value="all" checked aria-describedby="upload-mode-all-hint" aria-invalid=${this.invalid(f, 'mode')} />
            <label for="upload-mode-all">${t('modeAll')}</label>
            <p class="hint" id="upload-mode-all-hint">${t('modeAllHint')}</p>
          </div>
          <div class="radio">
            <input type="radio" id="upload-mode-modified" name="mode" value="modified" aria-describedby="upload-mode-modified-hint" aria-invalid=${this.invalid(f, 'mode')} />
            <label for="upload-mode-modified">${t('modeModified')}</label>
            <p class="hint" id="upload-mode-modified-hint">${t('modeModifiedHint')}</p>
          </div>
          <p class="note" id="upload-mode-note">${t('modifiedColumnNote')}</p>
          ${this.renderFieldError(f, 'mode')}
        </fieldset>
        <div class="buttons">${this.renderSubmit(f, t('upload'), t('uploading'))}</div>
      </form>
    </section>`;
  }

  /** The job shown: its progress while it runs, its report once finished. */
  private renderShown() {
    const shown = this.shown;
    if (!shown) return nothing;
    const t = this.t;
    const { job, failures } = shown;
    if (!finished(job)) {
      const total = Math.max(job.total, 0);
      return html`<section class="panel" part="report" aria-labelledby="report-heading" aria-busy="true">
        <h3 id="report-heading" tabindex="-1">${t('jobHeading', { file: job.fileName })}</h3>
        <label for="job-progress">${t('jobProgressLabel')}</label>
        ${total > 0
          ? html`<progress id="job-progress" max=${total} .value=${job.processed}></progress>
              <p>${t('jobProgress', { processed: job.processed.toLocaleString(this.language), total: total.toLocaleString(this.language) })}</p>`
          : html`<progress id="job-progress"></progress>
              <p>${t('jobQueued')}</p>`}
        ${this.renderCounts(job)}
      </section>`;
    }
    return html`<section class="panel" part="report" aria-labelledby="report-heading">
      <h3 id="report-heading" tabindex="-1">${t('reportHeading', { file: job.fileName })}</h3>
      <p class="muted">${this.time(job.startedAt)} · ${job.actor} · ${t(job.mode === 'all' ? 'modeAll' : 'modeModified')}</p>
      ${job.status === 'failed' ? html`<div class="banner" role="alert">${t('jobFailed', { detail: job.error ?? '' })}</div>` : nothing}
      ${this.renderCounts(job)}
      ${this.loadingReport
        ? html`<p role="status">${t('reportLoading')}</p>`
        : failures.length
          ? html`<div class="table-wrap" role="region" aria-labelledby="failures-caption" tabindex="0">
              <table>
                <caption id="failures-caption">${t('failuresCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">${t('row')}</th>
                    <th scope="col">${t('column')}</th>
                    <th scope="col">${t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${failures.map(
                    (f) => html`<tr>
                      <th scope="row" class="num">${f.row}</th>
                      <td>${f.column ?? html`<span class="muted">${t('wholeRow')}</span>`}</td>
                      <td>${f.reason ?? ''}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : job.status === 'done'
            ? html`<p>${t('failuresNone')}</p>`
            : nothing}
      ${job.status === 'done'
        ? html`<div class="download">
            <h4>${t('downloadReport')}</h4>
            <div class="links">
              ${BULK_FORMATS.map((format) => {
                const name = t(FORMAT_NAMES[format]);
                return html`<a
                  class="button"
                  href=${adminUrl(this.server || globalThis.location.origin, `bulk/jobs/${encodeURIComponent(job.id)}/report`, { format })}
                  download
                  aria-label=${t('downloadReportAs', { format: name })}
                  >${name}</a
                >`;
              })}
            </div>
          </div>`
        : nothing}
    </section>`;
  }

  private renderCounts(job: BulkJob) {
    const t = this.t;
    const items = [
      ['created', job.created],
      ['updated', job.updated],
      ['unchanged', job.unchanged],
      ['skipped', job.skipped],
      ['failed', job.failed],
    ] as const;
    return html`<dl class="counts">
      ${items.map(([key, n]) => html`<div class=${key === 'failed' && n > 0 ? 'bad' : ''}><dt>${t(key)}</dt><dd>${n.toLocaleString(this.language)}</dd></div>`)}
    </dl>`;
  }

  private renderHistory() {
    const t = this.t;
    let body;
    if (this.jobsFailed && !this.jobs)
      body = html`<div class="banner" role="alert">${t('loadFailed')} <button type="button" @click=${() => void this.loadJobs()}>${t('retry')}</button></div>`;
    else if (!this.jobs) body = html`<p role="status">${t('loading')}</p>`;
    else if (!this.jobs.length) body = html`<p>${t('historyEmpty')}</p>`;
    else
      body = html`<div class="table-wrap" role="region" aria-labelledby="history-caption" tabindex="0">
        <table>
          <caption id="history-caption" class="visually-hidden">${t('historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('when')}</th>
              <th scope="col">${t('who')}</th>
              <th scope="col">${t('file')}</th>
              <th scope="col">${t('mode')}</th>
              <th scope="col">${t('jobStatus')}</th>
              <th scope="col">${t('counts')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.jobs.map((job) => {
              const current = this.shown?.job.id === job.id;
              return html`<tr aria-current=${current ? 'true' : nothing}>
                <td><time datetime=${job.startedAt}>${this.time(job.startedAt)}</time></td>
                <td>${job.actor}</td>
                <th scope="row">
                  <button type="button" class="link" aria-label=${t('showReport', { file: job.fileName })} @click=${() => void this.handleShow(job)}>${job.fileName}</button>
                </th>
                <td>${t(job.mode === 'all' ? 'modeAll' : 'modeModified')}</td>
                <td>${t(`status.${job.status}`)}</td>
                <td>${finished(job) ? t('countsShort', { ...this.countsOf(job) }) : t('jobProgress', { processed: job.processed, total: job.total })}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>`;
    return html`<section class="panel" aria-labelledby="history-heading">
      <h3 id="history-heading">${t('historyHeading')}</h3>
      ${body}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-bulk': ParleyAdminBulk;
  }
}
