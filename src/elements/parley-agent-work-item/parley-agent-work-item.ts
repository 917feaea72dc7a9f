import { css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { consoleCatalogue, type ConsoleKey } from '../../core/catalogues/console.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { formatBytes, isCalendarDate } from '../../core/work-item.js';
import type { AttachmentType, WorkItemAttachment, WorkItemDetails, WorkItemSource, WorkItemValue } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { formatLocale } from '../parley-agent-console/channels.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { styles } from './parley-agent-work-item.styles.js';

/** How many answers the compact summary shows. */
const COMPACT_ANSWERS = 3;

const SOURCE_KEYS: Record<WorkItemSource, ConsoleKey> = { web: 'workItemSourceWeb', chat: 'workItemSourceChat', api: 'workItemSourceApi' };

/** The attachment types in words; a type this build does not know reads "File". */
const FILE_TYPE_KEYS: Record<AttachmentType, ConsoleKey> = {
  'image/png': 'fileTypePng',
  'image/jpeg': 'fileTypeJpeg',
  'image/gif': 'fileTypeGif',
  'image/webp': 'fileTypeWebp',
  'application/pdf': 'fileTypePdf',
  'text/plain': 'fileTypeText',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'fileTypeWord',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'fileTypeExcel',
};

/**
 * The address to download an attachment from: the server gives a path on its own origin, so it is
 * resolved against `base` (the Parley server); kept only when it is `http:` or `https:` (SPEC §6),
 * else null, and the file is named without a link.
 */
function downloadHref(url: string, base: string): string | null {
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/** Whether an answer counts as left empty. */
const isEmpty = (value: WorkItemValue['value']): boolean => value === null || (typeof value === 'string' && value.trim() === '');

/**
 * What a customer filed through a work-item form, as the agent reads it: the form's title and
 * the reference, where it came from, every answer in form order, and the attachments.
 *
 * Everything in it comes from the customer (labels as the form had them, answers, file names)
 * and is rendered as text, never as markup (SPEC §6). A checkbox reads Yes or No, a date is
 * written in the console's locale, an answer left empty reads "—" (and "Not answered" to screen
 * readers). A file field lists its attachments as download links — name, type in words, size —
 * with `download` and `rel="noopener noreferrer"`: the server answers them as downloads
 * (`Content-Disposition: attachment`, `nosniff`), and nothing is ever shown inline.
 *
 * With `compact` (an offer), it shows the title, the reference, the first few short answers (not
 * the customer's name, already the offer's heading, nor long texts: the offer shows the first as
 * its preview) and the number of attachments, without links; the title is then not a heading.
 *
 * @tagname parley-agent-work-item
 *
 * @csspart base - The work item's card.
 * @csspart title - The form's title (a level-3 heading unless compact).
 * @csspart meta - Reference and source (compact lists the reference with the answers).
 * @csspart answers - The list of answers.
 * @csspart attachments - The files of a file field.
 * @csspart attachment - Each file: its download link, type and size.
 * @cssprop --parley-color-brand - Accent of the card's edge and of the download links.
 */
export class ParleyAgentWorkItem extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${styles}`;

  /** The work item to show. */
  @property({ attribute: false }) workItem: WorkItemDetails | null = null;
  /** The short summary of an offer, without links. */
  @property({ type: Boolean }) compact = false;
  /** Locale of the texts and dates (`en`, `fr`); the console passes its own. */
  @property() locale = 'en';
  /** Origin of the Parley server, which attachment addresses are relative to; the page's own by default. */
  @property() server = '';

  #t: Translate<ConsoleKey> = translator(consoleCatalogue, 'en');
  #formatDate = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });
  /** The resolved console locale, for sizes. */
  #locale = 'en';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      const locale = resolveLocale([this.locale], Object.keys(consoleCatalogue));
      this.#locale = locale;
      this.#t = translator(consoleCatalogue, locale);
      // Answers are calendar dates without a zone: written as such, in UTC, they never shift a day.
      this.#formatDate = new Intl.DateTimeFormat(formatLocale(locale), { dateStyle: 'long', timeZone: 'UTC' });
    }
  }

  protected override render() {
    const item = this.workItem;
    if (!item) return nothing;
    return this.compact ? this.renderCompact(item) : this.renderFull(item);
  }

  private renderFull(item: WorkItemDetails) {
    const t = this.#t;
    const fileFields = new Set(item.fields.filter((f) => f.type === 'file').map((f) => f.id));
    // Files of a field the list does not have (it should not happen) still get a row.
    const orphans = item.attachments.filter((a) => !fileFields.has(a.fieldId));
    return html`<section class="root full" part="base" aria-labelledby="title">
      <h3 id="title" part="title"><bdi>${item.title || t('channelWorkitem')}</bdi></h3>
      <dl class="meta" part="meta">
        <div><dt>${t('reference')}</dt><dd class="reference">${item.reference}</dd></div>
        <div><dt>${t('workItemSource')}</dt><dd>${Object.hasOwn(SOURCE_KEYS, item.source) ? t(SOURCE_KEYS[item.source]) : item.source}</dd></div>
      </dl>
      <dl class="answers" part="answers">
        ${item.fields.map(
          (field) => html`<div data-field=${field.id}>
            <dt>${field.label}</dt>
            <dd>${field.type === 'file' ? this.renderFiles(item.attachments.filter((a) => a.fieldId === field.id)) : this.renderValue(field)}</dd>
          </div>`,
        )}
        ${orphans.length ? html`<div><dt>${t('attachments')}</dt><dd>${this.renderFiles(orphans)}</dd></div>` : nothing}
      </dl>
    </section>`;
  }

  private renderCompact(item: WorkItemDetails) {
    const t = this.#t;
    const answers = item.fields.filter((f) => f.type !== 'file' && f.type !== 'textarea' && f.type !== 'name' && !isEmpty(f.value)).slice(0, COMPACT_ANSWERS);
    const files = item.attachments.length;
    return html`<div class="root compact" part="base">
      <p class="title" part="title"><bdi>${item.title || t('channelWorkitem')}</bdi></p>
      <dl class="answers" part="answers">
        <div><dt>${t('reference')}</dt><dd class="reference">${item.reference}</dd></div>
        ${answers.map((field) => html`<div data-field=${field.id}><dt>${field.label}</dt><dd>${this.renderValue(field)}</dd></div>`)}
      </dl>
      ${files ? html`<p class="count">${files === 1 ? t('attachmentCountOne') : t('attachmentCountMany', { count: files })}</p>` : nothing}
    </div>`;
  }

  /** One answer, as text: Yes/No, a date in the console's locale, "—" when left empty. */
  private renderValue(field: WorkItemValue) {
    const t = this.#t;
    const value = field.value;
    if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
    if (value === null || isEmpty(value)) return this.renderEmpty();
    switch (field.type) {
      case 'date':
        // A value that is not a calendar date (it should not happen) shows as it came.
        return isCalendarDate(value) ? html`<time datetime=${value}>${this.#formatDate.format(Date.parse(`${value}T00:00:00Z`))}</time>` : value;
      case 'email':
      case 'phone':
        return html`<span dir="ltr">${value}</span>`;
      case 'textarea':
        return html`<span class="long">${value}</span>`;
      default:
        return html`<bdi>${value}</bdi>`;
    }
  }

  /** A file field's attachments as download links, or "—" when it has none. */
  private renderFiles(files: WorkItemAttachment[]) {
    if (!files.length) return this.renderEmpty();
    return html`<ul class="files" part="attachments">
      ${files.map((file) => this.renderAttachment(file))}
    </ul>`;
  }

  /** An answer left empty: a dash to the eye, words to screen readers. */
  private renderEmpty() {
    return html`<span class="empty"><span aria-hidden="true">—</span><span class="visually-hidden">${this.#t('notAnswered')}</span></span>`;
  }

  private renderAttachment(file: WorkItemAttachment) {
    const t = this.#t;
    // Own keys only: the type comes off the wire, and a newer server may send one not known here.
    const type = t(Object.hasOwn(FILE_TYPE_KEYS, file.type) ? FILE_TYPE_KEYS[file.type] : 'fileTypeOther');
    const href = downloadHref(file.url, this.server || document.baseURI);
    // Ties the link to its type and size; by position, as the server's ids need not be valid ids.
    const id = `file-${this.workItem!.attachments.indexOf(file)}`;
    return html`<li part="attachment" data-attachment=${file.id}>
      ${href
        ? html`<a href=${href} download rel="noopener noreferrer" aria-describedby=${id}><bdi>${file.name}</bdi></a>`
        : html`<bdi class="name">${file.name}</bdi>`}
      <span id=${id} class="file-meta">${type}, ${formatBytes(file.size, formatLocale(this.#locale))}</span>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-agent-work-item': ParleyAgentWorkItem;
  }
}
