import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatChoices, WORK_ITEM_LOCALES, workItemCatalogue, type WorkItemKey } from '../../core/catalogues/work-item.js';
import { plural, resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { newClientId } from '../../core/ids.js';
import { localizedTexts } from '../../core/profile.js';
import { checkWorkItem, formatBytes, type AttachmentCandidate } from '../../core/work-item.js';
import {
  buildWorkItemRequest,
  DraftStore,
  draftKey,
  formAnswers,
  refusedField,
  WorkItemSender,
  type ChosenFile,
  type WorkItemAnswers,
  type WorkItemRequest,
  type WorkItemSendState,
} from '../../core/work-item-submission.js';
import { LIMITS, type ChatProfile, type FieldError, type ProfileLocale, type ProtocolError, type WorkItemField, type WorkItemReceipt } from '../../protocol/index.js';
import { ChatProfileController } from '../../controllers/chat-profile-controller.js';
import { browserStorage } from '../../core/storage-keys.js';
import { LiveAnnouncerController } from '../../controllers/live-announcer-controller.js';
import { browserNetwork } from '../../controllers/network.js';
import { ThemeController } from '../../controllers/theme-controller.js';
import { ParleyErrorEvent } from '../../events/parley-error-event.js';
import { ParleyWorkItemSubmittedEvent } from '../../events/parley-work-item-submitted-event.js';
import { confirmationStyles, doneIcon, formStyles } from '../base/form-styles.js';
import { ParleyElement } from '../base/parley-element.js';
import { palette } from '../base/palette.js';
import { styles } from './parley-work-item.styles.js';

/** Autofill hints (https://html.spec.whatwg.org/#autofill-field); other fields get none. */
const AUTOCOMPLETE: Partial<Record<WorkItemField['type'], string>> = { name: 'name', email: 'email', phone: 'tel' };
/** The input type of each one-line field. */
const INPUT_TYPE: Partial<Record<WorkItemField['type'], string>> = { name: 'text', email: 'email', phone: 'tel', text: 'text', date: 'date' };
/** Longest value of each text field, as the shared validator counts it. */
const MAX_LENGTH: Partial<Record<WorkItemField['type'], number>> = {
  name: LIMITS.nameMaxLength,
  email: LIMITS.emailMaxLength,
  phone: LIMITS.phoneInputMaxLength,
  text: LIMITS.workItemTextMaxLength,
  textarea: LIMITS.workItemLongTextMaxLength,
};

const IDLE: WorkItemSendState = { status: 'idle', attempts: 0, offline: false, nextRetryAt: null, receipt: null, error: null };


type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Places focus may be asked to go besides a field (ids a field cannot have: no `:` in field ids). */
const FOCUS_DONE = ':done';
const FOCUS_FIRST = ':first';

/**
 * The intake form of a work-item point of contact, inline in the page: a claim, a return, a
 * question to answer later. Loads the POC's public profile (`GET /api/v1/pocs/:poc/profile`) and
 * shows its title, subtitle and form fields (`workItem.fields`), themed by the profile's tokens on
 * the host like `<parley-chat>`. An unknown, malformed, deactivated or non-work-item POC shows
 * nothing and logs one `console.error` for the website owner (and fires `parley-error`).
 *
 * One native control per field in a native `<form>`: labels, autofill (`name`, `email`, `tel`),
 * `required`, `type="email"`/`date`/`tel`, a `<select>`, a `<textarea>`, and for files an
 * `<input type="file" multiple accept>` with the chosen files listed (name, size, remove button).
 * A submit checks the form with core's `checkWorkItem`, the validator the server runs again: each
 * invalid field gets `aria-invalid` and the message it is described by, a summary lists them, the
 * count is announced and focus moves to the first. The server's refusals land on the field (or
 * the file) they name.
 *
 * Nothing typed is lost: the answers (not the files, which cannot be stored) are kept in
 * `sessionStorage` per server and POC as they are typed and restored on load; after a reload, the
 * form names the files to choose again. Each submission carries an idempotency key, made at its
 * first attempt and kept with the draft until the server confirms: a double click, a retry or a
 * reload files one item. While sending, the button shows progress (`aria-busy`) and another click
 * does nothing. Offline, or with the server out of reach (a network error, a 5xx), the form says
 * so in a live region, keeps everything and tries again by itself with backoff, and at once when
 * the browser is back online. Once filed, the reference shows prominently, with a way to send
 * another request.
 *
 * @tagname parley-work-item
 *
 * @csspart work-item - The whole form area (a themed box).
 * @csspart work-item-form - The form.
 * @csspart work-item-title - The profile's title.
 * @csspart work-item-subtitle - The profile's subtitle.
 * @csspart work-item-summary - The list of the fields to correct, after a refused submit.
 * @csspart work-item-field - The row of one field (label, control, hint, files, error).
 * @csspart work-item-input - Every input, select and textarea.
 * @csspart work-item-error - The error text of an invalid field.
 * @csspart work-item-files - The list of the files chosen for a file field.
 * @csspart work-item-file - One chosen file (name, size, remove button).
 * @csspart work-item-file-remove - The button that removes a chosen file.
 * @csspart work-item-waiting - The notice while the server is out of reach or the browser offline.
 * @csspart work-item-alert - A refusal not about one field (too many requests, form gone).
 * @csspart work-item-submit - The submit button.
 * @csspart work-item-confirmation - The confirmation once the item is filed.
 * @csspart work-item-reference - The item's reference in the confirmation.
 * @csspart work-item-another - The "Send another request" button.
 *
 * @cssprop --parley-color-brand - Submit button background. Set from the profile.
 * @cssprop --parley-color-on-brand - Submit button text. Set from the profile.
 * @cssprop --parley-color-surface - Background of the form. Set from the profile.
 * @cssprop --parley-color-text - Text colour. Set from the profile.
 * @cssprop --parley-color-focus - Focus ring. Set from the profile.
 * @cssprop --parley-color-muted - Hints and notes. Derived from the profile's palette.
 * @cssprop --parley-color-border - Borders of the controls. Derived from the profile's palette.
 * @cssprop --parley-color-error - Error texts. Derived from the profile's palette.
 * @cssprop --parley-color-scheme - `light` or `dark`: the scheme of native controls (date picker, file button).
 * @cssprop --parley-font-family - Font of the form. Set from the profile.
 * @cssprop --parley-font-size - Base text size.
 * @cssprop --parley-radius - Corner radius of the box and controls. Set from the profile.
 * @cssprop --parley-spacing - Base spacing unit. Set from the profile's density.
 *
 * @cssstate ready - The profile is there; the form (or the confirmation) shows.
 * @cssstate invalid - Fields are marked invalid.
 * @cssstate submitting - A submission is on its way to the server.
 * @cssstate offline - The server is out of reach or the browser offline; the form will try again.
 * @cssstate done - The item is filed; its reference shows.
 * @cssstate unavailable - The form cannot be offered (unknown, malformed, deactivated or non-work-item POC).
 *
 * @fires parley-work-item-submitted - The server confirmed the item. `detail: { poc, id, reference }`.
 * @fires parley-error - The form cannot be offered for this POC. `detail: { poc, error }`.
 */
export class ParleyWorkItem extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${formStyles}${confirmationStyles}${styles}`;

  readonly #profile = new ChatProfileController(this, {
    args: () => ({ server: this.#server, poc: this.poc, given: this.profile }),
    channel: 'workitem',
    tag: 'parley-work-item',
    onError: (error, explanation) => this.#report(error, `${explanation}. The form stays hidden`),
  });
  // Runs after #profile (controllers update in the order they were added), so it sees the new
  // profile; it writes the tokens into the shadow root and is never read directly.
  readonly #theme = new ThemeController(this, {
    profile: () => this.#profile.profile?.profile ?? null,
    scheme: () => (this.colorScheme === 'light' || this.colorScheme === 'dark' ? this.colorScheme : null),
  });
  readonly #announcer = new LiveAnnouncerController(this);

  /** Id of the work-item point of contact. Required. */
  @property() poc: string | null = null;
  /** Origin of the Parley server; defaults to the page's own origin. */
  @property() server: string | null = null;
  /** Language of the form (`en`, `fr`); defaults to the document's language when Parley speaks it, then the profile's. */
  @property() locale: string | null = null;
  /** Where the form is filed from: `web` (default), or `chat` inside the chat's "leave a message". */
  @property({ attribute: false }) source: 'web' | 'chat' = 'web';
  /** A profile to use instead of loading the POC's (previews); no profile request is made while it is set. */
  @property({ attribute: false }) profile: ChatProfile | null = null;
  /** A preview (the studio's): the form checks what is typed but keeps no draft and sends nothing. */
  @property({ type: Boolean }) preview = false;
  /** `light` or `dark` forces that palette of an `auto` profile (the studio's preview switch); unset follows the visitor. */
  @property({ attribute: 'color-scheme' }) colorScheme: 'light' | 'dark' | null = null;

  /** What the customer wrote, by field id (files aside). */
  @state() private answers: WorkItemAnswers = {};
  /** The error text shown per field id. */
  @state() private errors: Record<string, string> = {};
  /** A refusal not about one field. */
  @state() private alert: string | null = null;
  /** Where the current submission stands. */
  @state() private sending: WorkItemSendState = IDLE;
  /** The item filed: the confirmation shows. */
  @state() private done: WorkItemReceipt | null = null;

  #internals = this.attachInternals();
  #t: Translate<WorkItemKey> = translator(workItemCatalogue, 'en');
  #locale = 'en';
  /** The files chosen, by file field id: in memory only (Web Storage cannot hold them). */
  #files = new Map<string, File[]>();
  /** Files chosen before a reload, by field id, until the customer chooses files there again. */
  #chooseAgain: Record<string, ChosenFile[]> = {};
  /** The storage key of the draft in use, and its store. */
  #draftKey: string | null = null;
  #drafts: DraftStore | null = null;
  /** The idempotency key of the submission, from its first attempt until confirmed. */
  #key: string | null = null;
  /** The draft restored had been sent at least once, without a confirmation. */
  #unconfirmed = false;
  /** A submit was attempted: errors follow what the customer types from then on. */
  #attempted = false;
  /** The server's refusals of fields (and files), each kept until its field changes. */
  #serverErrors: FieldError[] = [];
  /** Failures already reported, so the website owner gets one error per cause. */
  #reported = new Set<string>();
  /** Where focus goes after the next render: a field id, or one of the `FOCUS_*` places. */
  #focusNext: string | null = null;
  readonly #sender = new WorkItemSender({
    fetch: (url, init) => fetch(url, init),
    network: browserNetwork(),
    onChange: (next) => this.#handleSendChange(next),
  });

  get #server(): string {
    return this.server || globalThis.location?.origin || '';
  }

  get #fields(): readonly WorkItemField[] {
    return this.#profile.status === 'ready' ? this.#profile.profile!.profile.workItem.fields : [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page while out of reach: the retries pick up again.
    this.#sender.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#sender.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Controllers update after willUpdate; the profile is needed now (a given one applies at once).
    this.#profile.update();
    const profile = this.#profile.profile?.profile ?? null;
    this.#locale = this.#resolveLocale(profile);
    this.#t = translator(workItemCatalogue, this.#locale);
    if (changed.has('poc') || changed.has('server') || changed.has('source') || changed.has('preview')) this.#useDraft();
  }

  protected override updated(): void {
    const ready = this.#profile.status === 'ready';
    this.#setState('ready', ready);
    this.#setState('invalid', ready && !this.done && Object.keys(this.errors).length > 0);
    this.#setState('submitting', this.sending.status === 'sending');
    this.#setState('offline', this.sending.status === 'waiting');
    this.#setState('done', !!this.done);
    this.#setState('unavailable', this.#profile.status === 'error');
    const target = this.#focusNext;
    // A focus asked for before the form showed waits for it.
    if (target === FOCUS_FIRST && !ready) return;
    this.#focusNext = null;
    if (target === FOCUS_DONE) this.renderRoot.querySelector<HTMLElement>('#done-title')?.focus();
    else if (target === FOCUS_FIRST) this.focus();
    else if (target) this.#control(target)?.focus();
  }

  /**
   * Moves focus to the first field, or to the confirmation once the item is filed. Called while
   * the profile is still loading, it does so as soon as the form shows.
   */
  override focus(options?: FocusOptions): void {
    if (this.#profile.status === 'idle' || this.#profile.status === 'loading') {
      this.#focusNext = FOCUS_FIRST;
      return;
    }
    const target = this.done ? this.renderRoot.querySelector<HTMLElement>('#done-title') : this.renderRoot.querySelector<HTMLElement>('input, select, textarea');
    target?.focus(options);
  }

  /**
   * Checks the form and, when it is valid, sends it (or, while the server is out of reach, tries
   * again now). Does nothing while a submission is on its way or once the item is filed.
   */
  submit(): void {
    if (this.sending.status === 'sending' || this.done || this.#profile.status !== 'ready') return;
    this.#attempted = true;
    this.#serverErrors = [];
    this.alert = null;
    this.errors = this.#check();
    if (Object.keys(this.errors).length) {
      this.#focusNext = this.#firstInvalid();
      const count = Object.keys(this.errors).length;
      this.#announcer.announce(this.#t(plural(this.#locale, count, 'error.summary.one', 'error.summary.other'), { count }));
      return;
    }
    if (this.preview) {
      this.alert = this.#t('preview.notSent');
      return;
    }
    if (!this.#key) {
      // Stored before the request leaves: a reload in mid-flight sends it again under this key.
      this.#key = newClientId();
      this.#saveDraft();
    }
    this.#sender.submit(() => this.#request());
  }

  /** Back to an empty form, for another request: the draft kept for it goes too. */
  reset(): void {
    this.#clear();
    this.#drafts?.clear();
  }

  /** Empties the form shown; the stored draft stays as it is. */
  #clear(): void {
    this.#sender.reset();
    this.answers = {};
    this.errors = {};
    this.alert = null;
    this.done = null;
    this.#files = new Map();
    this.#chooseAgain = {};
    this.#key = null;
    this.#unconfirmed = false;
    this.#attempted = false;
    this.#serverErrors = [];
  }

  /** Reads the draft of the (server, poc) now shown; another form's state is dropped. */
  #useDraft(): void {
    // A preview is not the customer's form: what is typed there is never kept.
    const key = this.poc && !this.preview ? draftKey(this.#server, this.poc, this.#place()) : null;
    if (key === this.#draftKey) return;
    this.#clear();
    this.#draftKey = key;
    this.#drafts = key ? new DraftStore(browserStorage('sessionStorage'), key) : null;
    const draft = this.#drafts?.read();
    if (!draft) return;
    this.answers = draft.answers;
    this.#chooseAgain = draft.files;
    this.#key = draft.key;
    this.#unconfirmed = draft.key !== null;
  }

  /**
   * Where this form is among the forms of its POC (drafts are per place): the chat's own, or the
   * n-th in its document or shadow root (the first has no place). Document order is what a
   * reload keeps.
   */
  #place(): string {
    const root = this.getRootNode() as Document | ShadowRoot;
    const same = root.querySelectorAll
      ? [...root.querySelectorAll('parley-work-item')].filter(
          (el) => el.getAttribute('poc') === this.poc && (el.getAttribute('server') || globalThis.location?.origin) === this.#server,
        )
      : [];
    const index = Math.max(0, same.indexOf(this));
    return [this.source === 'chat' ? 'chat' : '', index > 0 ? String(index + 1) : ''].filter(Boolean).join(':');
  }

  #saveDraft(): void {
    const files: Record<string, ChosenFile[]> = { ...this.#chooseAgain };
    for (const [id, list] of this.#files) if (list.length) files[id] = list.map((f) => ({ name: f.name, size: f.size }));
    this.#drafts?.write({ answers: this.answers, files, key: this.#key });
  }

  #request(): WorkItemRequest {
    return buildWorkItemRequest({
      server: this.#server,
      poc: this.poc ?? '',
      fields: this.#fields,
      answers: this.answers,
      files: Object.fromEntries(this.#files),
      key: this.#key ?? newClientId(),
      source: this.source,
    });
  }

  /**
   * Follows the submission. Being out of reach needs no announcement of its own: its notice
   * appears in a status region, which is read as it changes.
   */
  #handleSendChange(next: WorkItemSendState): void {
    const before = this.sending;
    this.sending = next;
    if (next.status === 'filed' && next.receipt && before.status !== 'filed') this.#filed(next.receipt);
    else if (next.status === 'idle' && next.error && next.error !== before.error) this.#refused(next.error);
  }

  #filed(receipt: WorkItemReceipt): void {
    // Confirmed: the draft, its key and the files are done with.
    this.#drafts?.clear();
    this.#key = null;
    this.#unconfirmed = false;
    this.#files = new Map();
    this.#chooseAgain = {};
    this.answers = {};
    this.errors = {};
    this.alert = null;
    this.done = receipt;
    this.#focusNext = FOCUS_DONE;
    this.#announcer.announce(this.#t('done.announce', { reference: receipt.reference }));
    const event = new ParleyWorkItemSubmittedEvent({ poc: this.poc ?? '', id: receipt.id, reference: receipt.reference });
    this.dispatchEvent(event);
  }

  /** A 4xx: the refused fields are marked, anything else shows in the alert; nothing is retried. */
  #refused(error: ProtocolError): void {
    const fields = this.#fields;
    const atFields = (error.fields ?? []).filter((e) => fields.some((f) => f.id === refusedField(e).field));
    this.#serverErrors = atFields;
    if (atFields.length) {
      this.errors = this.#check();
      this.#focusNext = this.#firstInvalid();
      const count = Object.keys(this.errors).length;
      this.#announcer.announce(this.#t(plural(this.#locale, count, 'error.summary.one', 'error.summary.other'), { count }));
      return;
    }
    const t = this.#t;
    switch (error.code) {
      case 'rate_limited': {
        const count = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
        this.alert = t(plural(this.#locale, count, 'alert.rateLimited.one', 'alert.rateLimited.other'), { count });
        break;
      }
      case 'poc_not_found':
      case 'poc_inactive':
      case 'poc_wrong_channel':
        this.alert = t('alert.unavailable');
        this.#report(error, `the server refused the work item (${error.code}: ${error.message}). The form keeps what was typed`);
        break;
      default:
        this.alert = t('alert.other');
    }
  }

  #handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  #handleInput(field: WorkItemField, event: Event): void {
    const control = event.currentTarget as Control;
    const value = field.type === 'checkbox' ? (control as HTMLInputElement).checked : control.value;
    this.answers = { ...this.answers, [field.id]: value };
    this.#saveDraft();
    this.#recheck(field);
  }

  /** Files chosen in the picker join those already chosen (a one-file field replaces its file). */
  #handleFiles(field: WorkItemField, event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    const before = this.#files.get(field.id) ?? [];
    const same = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
    const files = field.maxFiles === 1 ? picked.slice(0, 1) : [...before, ...picked.filter((f) => !before.some((b) => same(b, f)))];
    this.#setFiles(field, input, files);
  }

  #handleRemoveFile(field: WorkItemField, index: number): void {
    const files = [...(this.#files.get(field.id) ?? [])];
    const [removed] = files.splice(index, 1);
    const input = this.#control(field.id) as HTMLInputElement | null;
    this.#setFiles(field, input, files);
    if (removed) this.#announcer.announce(this.#t('files.removed', { name: removed.name }));
    // The button is gone with its file: focus goes to the field's picker.
    this.#focusNext = field.id;
  }

  #setFiles(field: WorkItemField, input: HTMLInputElement | null, files: File[]): void {
    this.#files.set(field.id, files);
    delete this.#chooseAgain[field.id];
    // The picker holds the same files as the list, so its own `required` and count stay true.
    if (input) {
      try {
        const transfer = new DataTransfer();
        for (const file of files) transfer.items.add(file);
        input.files = transfer.files;
      } catch {
        // No DataTransfer constructor: the list stays the reference, the picker shows its last choice.
      }
    }
    // A file refused by the server is gone or replaced: its refusal goes too.
    this.#serverErrors = this.#serverErrors.filter((e) => refusedField(e).field !== field.id);
    this.#saveDraft();
    this.requestUpdate();
    this.#recheck(field);
  }

  /** Once marked, a field's message follows what the customer changes. */
  #recheck(field: WorkItemField): void {
    this.#serverErrors = this.#serverErrors.filter((e) => field.type === 'file' || refusedField(e).field !== field.id);
    if (!this.#attempted || !(field.id in this.errors)) return;
    const all = this.#check();
    const next = { ...this.errors };
    if (all[field.id]) next[field.id] = all[field.id];
    else delete next[field.id];
    this.errors = next;
  }

  #handleAnother(): void {
    this.reset();
    void this.updateComplete.then(() => this.focus());
  }

  /** Follows a link of the error summary to its field, without touching the page's URL. */
  #handleSummaryClick(event: Event, id: string): void {
    event.preventDefault();
    this.#control(id)?.focus();
  }

  #control(id: string): Control | null {
    return this.renderRoot.querySelector<Control>(`#field-${CSS.escape(id)}`);
  }

  #firstInvalid(): string | null {
    return this.#fields.find((f) => this.errors[f.id])?.id ?? null;
  }

  /**
   * Each field's error, in form order: what the browser alone knows (a date typed half-way reads
   * as empty), then the shared validator's verdict on what would be sent, then the server's last
   * refusals that still apply.
   */
  #check(): Record<string, string> {
    const fields = this.#fields;
    const messages: Record<string, string[]> = {};
    const add = (id: string, text: string) => (messages[id] ??= []).includes(text) || messages[id].push(text);
    for (const field of fields) {
      const control = this.#control(field.id);
      if (field.type === 'date' && control?.validity.badInput) add(field.id, this.#t('error.date'));
    }
    const files: Record<string, AttachmentCandidate[]> = {};
    for (const field of fields) {
      if (field.type === 'file') files[field.id] = (this.#files.get(field.id) ?? []).map((f) => ({ name: f.name, size: f.size, type: f.type }));
    }
    const checked = checkWorkItem(fields, formAnswers(fields, this.answers), files);
    const problems = [...(checked.ok ? [] : checked.errors), ...this.#serverErrors];
    for (const problem of problems) {
      const { field: id, index } = refusedField(problem);
      const field = fields.find((f) => f.id === id);
      // One message per field, except files: each refused file is named.
      if (field && (index !== null || !messages[id]?.length)) add(id, this.#message(field, problem, index));
    }
    const errors: Record<string, string> = {};
    for (const field of fields) if (messages[field.id]?.length) errors[field.id] = messages[field.id].join(' ');
    return errors;
  }

  /**
   * The customer's words for a refusal. The protocol names the field (and the file) and has one
   * code for most field problems; which problem it is follows from the field's type and value.
   */
  #message(field: WorkItemField, error: Pick<FieldError, 'code' | 'message'>, index: number | null): string {
    const t = this.#t;
    const value = this.answers[field.id];
    const blank = typeof value !== 'string' || value.trim() === '';
    if (field.type === 'file') {
      const files = this.#files.get(field.id) ?? [];
      if (index !== null) {
        const file = files[index];
        const name = file?.name ?? `#${index + 1}`;
        if (error.code === 'attachment_too_large') return t('error.fileTooLarge', { name, size: formatBytes(field.maxFileBytes, this.#locale) });
        if (error.code === 'attachment_type') return t('error.fileType', { name, types: this.#typeNames(field) });
        if (file && file.size === 0) return t('error.fileEmpty', { name });
        return t('error.fileName', { name });
      }
      if (files.length === 0) return t('error.requiredFiles');
      return t(plural(this.#locale, field.maxFiles, 'error.filesTooMany.one', 'error.filesTooMany.other'), { count: field.maxFiles });
    }
    switch (field.type) {
      case 'checkbox':
        return t('error.requiredCheckbox');
      case 'select':
        return blank ? t('error.requiredChoice') : t('error.choice');
      case 'date':
        return blank ? t('error.requiredDate') : t('error.date');
      default:
        if (blank) return t('error.required');
    }
    switch (field.type) {
      case 'name':
        return t('error.name', { max: LIMITS.nameMaxLength });
      case 'email':
        return t('error.email');
      case 'phone':
        return t('error.phone');
      case 'text':
      case 'textarea':
        return t('error.tooLong', { max: MAX_LENGTH[field.type]! });
      default:
        return t('error.field');
    }
  }

  /** The accepted types of a file field, in words: `PNG, JPEG or PDF`. */
  #typeNames(field: WorkItemField): string {
    return formatChoices(
      this.#locale,
      field.accept.map((type) => this.#t(`files.type.${type}`)),
    );
  }

  #resolveLocale(profile: ChatProfile | null): string {
    // The page's choice, then the language of the document around the form, then the profile's.
    const around = this.closest('[lang]')?.getAttribute('lang') || globalThis.document?.documentElement.lang;
    return resolveLocale([this.locale, around, profile?.defaultLocale], WORK_ITEM_LOCALES);
  }

  /** Logs one console error (and fires one `parley-error`) per distinct failure. */
  #report(error: ProtocolError, explanation: string): void {
    const key = `${this.#server}\n${this.poc}\n${error.code}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    const who = this.poc ? `<parley-work-item poc="${this.poc}">` : '<parley-work-item>';
    console.error(`Parley: ${who}: ${explanation}.`);
    const event = new ParleyErrorEvent({ poc: this.poc ?? '', error: { ...error, message: explanation } });
    this.dispatchEvent(event);
  }

  #setState(name: string, on: boolean): void {
    try {
      if (on) this.#internals.states.add(name);
      else this.#internals.states.delete(name);
    } catch {
      // Browsers before CustomStateSet: states are a bonus.
    }
  }

  protected override render(): TemplateResult {
    const profile = this.#profile.status === 'ready' ? this.#profile.profile!.profile : null;
    return html`<div class="theme work-item" part="work-item" lang=${this.#locale} ?hidden=${!profile}>
      ${this.#announcer.render()} ${profile ? (this.done ? this.renderDone(this.done) : this.renderForm(profile)) : nothing}
    </div>`;
  }

  private renderForm(profile: ChatProfile): TemplateResult {
    const t = this.#t;
    const texts = localizedTexts(profile, this.#locale);
    const fields = profile.workItem.fields;
    const sending = this.sending.status === 'sending';
    const waiting = this.sending.status === 'waiting';
    return html`<form
      class="form"
      part="work-item-form"
      novalidate
      aria-labelledby="title"
      aria-describedby=${ifDefined(texts.subtitle ? 'subtitle' : undefined)}
      @submit=${this.#handleSubmit}
    >
      <h2 id="title" class="title" part="work-item-title">${texts.title}</h2>
      ${texts.subtitle ? html`<p id="subtitle" class="subtitle" part="work-item-subtitle">${texts.subtitle}</p>` : nothing}
      ${this.#unconfirmed ? html`<p class="notice">${t('form.pending')}</p>` : nothing}
      ${fields.some((f) => f.required) ? html`<p class="note">${t('form.requiredNote')}</p>` : nothing} ${this.renderSummary(fields)}
      ${repeat(
        fields,
        (f) => f.id,
        (f) => this.renderField(f),
      )}
      <div role="status" class="status">
        ${waiting
          ? html`<p class="waiting" part="work-item-waiting">
              <span class="spinner" aria-hidden="true"></span>${t(this.sending.offline ? 'waiting.offline' : 'waiting.server')}
            </p>`
          : nothing}
      </div>
      <div role="alert">${this.alert ? html`<p class="alert" part="work-item-alert">${this.alert}</p>` : nothing}</div>
      <button type="submit" class="submit" part="work-item-submit" aria-disabled=${sending ? 'true' : 'false'} aria-busy=${sending ? 'true' : 'false'}>
        ${sending ? html`<span class="spinner" aria-hidden="true"></span>${t('form.sending')}` : waiting ? t('form.tryNow') : t('form.submit')}
      </button>
    </form>`;
  }

  /** After a refused submit: the fields to correct, each a link to its control. */
  private renderSummary(fields: readonly WorkItemField[]): TemplateResult | typeof nothing {
    const invalid = fields.filter((f) => this.errors[f.id]);
    if (!this.#attempted || invalid.length === 0) return nothing;
    return html`<div class="summary" part="work-item-summary" role="group" aria-labelledby="summary-title">
      <h3 id="summary-title" class="summary-title">${this.#t('error.summaryTitle')}</h3>
      <ul>
        ${invalid.map(
          (f) => html`<li>
            <a href="#field-${f.id}" @click=${(e: Event) => this.#handleSummaryClick(e, f.id)}>${this.#summaryItem(f)}</a>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  /** "Label: message" (a label that ends in `?` or `:` needs no colon of its own). */
  #summaryItem(field: WorkItemField): string {
    const label = this.#label(field);
    const params = { label, message: this.errors[field.id] };
    return /[?!:：？]$/.test(label.trim()) ? this.#t('error.summaryItemAsked', params) : this.#t('error.summaryItem', params);
  }

  /** A field's label in the form's language. */
  #label(field: WorkItemField): string {
    const base = this.#locale.split('-')[0] as ProfileLocale;
    return (Object.prototype.hasOwnProperty.call(field.labels, base) ? field.labels[base] : undefined) ?? field.label;
  }

  private renderField(field: WorkItemField): TemplateResult {
    const id = `field-${field.id}`;
    const error = this.errors[field.id];
    const label = this.#label(field);
    const mark = field.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing;
    const errorText = error ? html`<p id="error-${field.id}" class="error" part="work-item-error">${error}</p>` : nothing;
    const invalid = error ? 'true' : 'false';

    if (field.type === 'checkbox') {
      return html`<div class="field checkbox" part="work-item-field">
        <div class="check">
          <input
            id=${id}
            name=${field.id}
            type="checkbox"
            part="work-item-input"
            .checked=${live(this.answers[field.id] === true)}
            ?required=${field.required}
            aria-invalid=${invalid}
            aria-describedby=${ifDefined(error ? `error-${field.id}` : undefined)}
            @change=${(e: Event) => this.#handleInput(field, e)}
          />
          <label for=${id}>${label}${mark}</label>
        </div>
        ${errorText}
      </div>`;
    }
    if (field.type === 'file') return this.renderFileField(field, id, label, mark, errorText, invalid);

    const value = typeof this.answers[field.id] === 'string' ? (this.answers[field.id] as string) : '';
    const describedBy = error ? `error-${field.id}` : undefined;
    const onInput = (e: Event): void => this.#handleInput(field, e);
    let control: TemplateResult;
    if (field.type === 'select') {
      control = html`<select
        id=${id}
        name=${field.id}
        part="work-item-input"
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${ifDefined(describedBy)}
        @change=${onInput}
      >
        <option value="" .selected=${value === ''}>${this.#t('form.choose')}</option>
        ${field.options.map((o) => html`<option value=${o} .selected=${value === o}>${o}</option>`)}
      </select>`;
    } else if (field.type === 'textarea') {
      control = html`<textarea
        id=${id}
        name=${field.id}
        part="work-item-input"
        rows="5"
        maxlength=${MAX_LENGTH.textarea!}
        .value=${live(value)}
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${ifDefined(describedBy)}
        @input=${onInput}
      ></textarea>`;
    } else {
      control = html`<input
        id=${id}
        name=${field.id}
        part="work-item-input"
        type=${INPUT_TYPE[field.type] ?? 'text'}
        autocomplete=${ifDefined(AUTOCOMPLETE[field.type])}
        maxlength=${ifDefined(MAX_LENGTH[field.type])}
        min=${ifDefined(field.type === 'date' ? '1900-01-01' : undefined)}
        max=${ifDefined(field.type === 'date' ? '2100-12-31' : undefined)}
        .value=${live(value)}
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${ifDefined(describedBy)}
        @input=${onInput}
        @change=${onInput}
      />`;
    }
    return html`<div class="field" part="work-item-field">
      <label for=${id}>${label}${mark}</label>
      ${control} ${errorText}
    </div>`;
  }

  /** A file field: the picker, what it takes, the files chosen (each removable), the error. */
  private renderFileField(
    field: WorkItemField,
    id: string,
    label: string,
    mark: TemplateResult | typeof nothing,
    errorText: TemplateResult | typeof nothing,
    invalid: string,
  ): TemplateResult {
    const t = this.#t;
    const files = this.#files.get(field.id) ?? [];
    const again = this.#chooseAgain[field.id] ?? [];
    const hint = t(plural(this.#locale, field.maxFiles, 'files.hint.one', 'files.hint.other'), {
      count: field.maxFiles,
      types: this.#typeNames(field),
      size: formatBytes(field.maxFileBytes, this.#locale),
    });
    const describedBy = [`hint-${field.id}`, again.length ? `again-${field.id}` : '', this.errors[field.id] ? `error-${field.id}` : ''].filter(Boolean).join(' ');
    return html`<div class="field file-field" part="work-item-field">
      <label for=${id}>${label}${mark}</label>
      <p id="hint-${field.id}" class="hint">${hint}</p>
      ${again.length
        ? html`<p id="again-${field.id}" class="notice">${t('files.again', { names: again.map((f) => f.name).join(', ') })}</p>`
        : nothing}
      <input
        id=${id}
        name=${field.id}
        type="file"
        part="work-item-input"
        accept=${field.accept.join(',')}
        ?multiple=${field.maxFiles > 1}
        ?required=${field.required}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        @change=${(e: Event) => this.#handleFiles(field, e)}
      />
      ${files.length
        ? html`<ul class="files" part="work-item-files" aria-label=${t('files.list', { label })}>
            ${files.map(
              (file, index) => html`<li class="file" part="work-item-file">
                <span class="file-name">${file.name}</span>
                <span class="file-size">${formatBytes(file.size, this.#locale)}</span>
                <button
                  type="button"
                  class="remove"
                  part="work-item-file-remove"
                  aria-label=${t('files.removeNamed', { name: file.name })}
                  @click=${() => this.#handleRemoveFile(field, index)}
                >
                  ${t('files.remove')}
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${errorText}
    </div>`;
  }

  private renderDone(receipt: WorkItemReceipt): TemplateResult {
    const t = this.#t;
    return html`<section class="done" part="work-item-confirmation" aria-labelledby="done-title">
      <svg class="done-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${doneIcon}</svg>
      <h2 id="done-title" class="title" tabindex="-1">${t('done.title')}</h2>
      <p class="reference-label">${t('done.reference')}</p>
      <p class="reference" part="work-item-reference">${receipt.reference}</p>
      <p class="note">${t('done.keep')}</p>
      ${this.source === 'chat'
        ? nothing
        : html`<button type="button" class="submit" part="work-item-another" @click=${this.#handleAnother}>${t('done.another')}</button>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-work-item': ParleyWorkItem;
  }
}
