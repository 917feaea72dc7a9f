import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  issueText,
  NUMBER_RANGES,
  studioCatalogue,
  type NumberPath,
  type StudioKey,
} from '../../core/catalogues/studio.js';
import { contrastRatio } from '../../core/contrast.js';
import { skillsFor, type StudioSkill } from '../../core/elevation-skills.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { DEFAULT_PROFILE, FILE_FIELD_DEFAULTS, MIN_CONTRAST, TEXT_LIMITS } from '../../core/profile.js';
import { isRecord } from '../../core/validators.js';
import {
  ATTACHMENT_TYPES,
  ELEVATION_CHANNEL,
  LAUNCHER_ICONS,
  LIMITS,
  PRECHAT_FIELD_TYPES,
  PROFILE_FONTS,
  PROFILE_LOCALES,
  WORK_ITEM_FIELD_TYPES,
  type AttachmentType,
  type ChatProfile,
  type ElevationKind,
  type ProfileIssue,
  type ProfileLocale,
  type ProfilePalette,
  type ProfileTexts,
} from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { cssProps } from './css-props.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { getIn, setIn, type Draft } from './draft.js';
import { styles } from './parley-studio-editor.styles.js';
import type { StudioPoc, StudioPocChannel } from './pocs.js';

type PaletteKey = keyof ProfilePalette;
type TextKey = keyof ProfileTexts;

const PALETTE_KEYS: readonly PaletteKey[] = ['brand', 'onBrand', 'surface', 'text'];
const TEXT_KEYS: readonly TextKey[] = ['title', 'subtitle', 'greeting', 'placeholder', 'offlineMessage', 'launcherLabel'];
const MULTILINE: ReadonlySet<TextKey> = new Set(['greeting', 'offlineMessage']);
/** Each foreground colour and the background it is read on (the pairs core/profile.ts checks). */
const CONTRAST_PAIRS: Partial<Record<PaletteKey, PaletteKey>> = { onBrand: 'brand', text: 'surface' };
const ELEVATIONS = ['callback', 'email', 'sms'] as const;
const AFTER_REQUEST = ['continue', 'end'] as const;
/** Locales that get a translation tab; the base texts are the English tab. */
const TRANSLATED: readonly ProfileLocale[] = PROFILE_LOCALES.filter((l) => l !== 'en');

/** A list of form fields: where it sits in the profile, the ids of its buttons, its types and size. */
interface FieldList {
  path: 'preChat.fields' | 'workItem.fields';
  /** Prefix of the element ids of each field's buttons (`prechat-2-up`) and of the add button (`prechat-add`). */
  key: 'prechat' | 'workitem';
  types: readonly string[];
  max: number;
}
const PRECHAT_FORM: FieldList = { path: 'preChat.fields', key: 'prechat', types: PRECHAT_FIELD_TYPES, max: 10 };
const WORK_ITEM_FORM: FieldList = { path: 'workItem.fields', key: 'workitem', types: WORK_ITEM_FIELD_TYPES, max: LIMITS.workItemMaxFields };

/** Bytes in a megabyte, as the form counts file sizes (binary: 1 MB = 1 024 kB). */
const MIB = 1024 * 1024;
/** What a field turned into a file field starts with (the validator's defaults for a file field). */

/**
 * Settings that only a chat has: a work-item form (`<parley-work-item>`) sits inline in the page
 * and reads the theme's colours, font, corners and spacing, the title and subtitle, the
 * translations and `workItem`; it has no launcher, panel, header images, greeting, pre-chat form,
 * requests, closed state, sounds or transcript.
 */
const CHAT_ONLY = /^(launcher|header|preChat|elevations|offline)(\.|$)|^(sounds|transcriptDownload)$|^theme\.(panelWidth|panelHeight|zIndex)$|^(texts|translations\.[a-z]+)\.(greeting|placeholder|offlineMessage|launcherLabel)$/;

/**
 * Whether the form has a control for the setting at `path` when it edits the profile of a POC of
 * `channel`: a chat POC has no work-item form, a work-item POC none of the chat-only settings.
 */
export function editsField(channel: StudioPocChannel, path: string): boolean {
  return channel === 'workitem' ? !CHAT_ONLY.test(path) : !/^workItem(\.|$)/.test(path);
}

/** Element id of the control for a dotted profile path. */
export const controlId = (path: string): string => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * The chat-profile form of the studio: every field of a profile with a fitting native control,
 * and the validator's issues shown at the field they concern. For a work-item POC
 * (`channel="workitem"`) it shows what the form uses — colours, font and corners, title and
 * subtitle in each language, default language — and the form's fields, instead of the chat's
 * settings; for a chat POC, the work-item form a left message is filed on is chosen from `pocs`.
 *
 * It edits a *draft*, the profile document as typed (see `draft.ts`), so a refused value stays on
 * screen beside its message. It does not validate: its owner runs the one validator from core and
 * passes the result back as `profile` and `issues`, which keeps the form and the server in
 * agreement by construction. Each request routes to a skill chosen from `skills`, the tenant's
 * skills on the request's channel; without that list the skill is typed as an id.
 *
 * @tagname parley-studio-editor
 *
 * @fires input - The draft changed; read it from `value`. Bubbles, not composed.
 *
 * @csspart base - The form.
 */
export class ParleyStudioEditor extends ParleyElement {
  static override styles = css`${ParleyElement.styles}${palette}${controls}${styles}`;

  /** The draft profile document being edited (JSON data, possibly invalid). */
  @property({ attribute: false }) value: Draft = {};
  /** The draft as the validator read it: complete, with defaults in place of bad fields. */
  @property({ attribute: false }) profile: ChatProfile = DEFAULT_PROFILE;
  /** The validator's issues (and the server's), each shown at its field. */
  @property({ attribute: false }) issues: readonly ProfileIssue[] = [];
  /** The tenant's skills, deactivated ones included; null when unknown (a skill id is typed then). */
  @property({ attribute: false }) skills: readonly StudioSkill[] | null = null;
  /** Channel of the POC whose profile this is: `chat` (default) or `workitem` (a form). */
  @property() channel: StudioPocChannel = 'chat';
  /** The POCs the studio lists; a chat's left messages go to one of its work-item forms. */
  @property({ attribute: false }) pocs: readonly StudioPoc[] = [];
  /** Language of the form (`en`, `fr`); defaults to the browser's. */
  @property() locale = '';

  /** Which language's texts the text tabs show. */
  @state() private textLocale: ProfileLocale = 'en';

  #t: Translate<StudioKey> = translator(studioCatalogue, 'en');
  #lang = 'en';
  #byField = new Map<string, ProfileIssue[]>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.#lang = resolveLocale([this.locale, globalThis.navigator?.language], Object.keys(studioCatalogue));
      this.#t = translator(studioCatalogue, this.#lang);
    }
    if (changed.has('issues')) {
      this.#byField = new Map();
      for (const issue of this.issues) this.#byField.set(issue.field, [...(this.#byField.get(issue.field) ?? []), issue]);
    }
  }

  /**
   * Moves focus to the control of `path` (or the first control under it), switching the text tab
   * when needed. Returns whether a control was found.
   */
  async focusField(path: string): Promise<boolean> {
    const tab = /^translations\.([a-z]+)\./.exec(path)?.[1] as ProfileLocale | undefined;
    if (tab && TRANSLATED.includes(tab)) this.textLocale = tab;
    else if (path.startsWith('texts.')) this.textLocale = 'en';
    await this.updateComplete;
    const root = this.renderRoot;
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      const q = CSS.escape(p);
      const el = root.querySelector<HTMLElement>(`[data-field="${q}"]`) ?? root.querySelector<HTMLElement>(`[data-field^="${q}."]`);
      if (el) {
        el.focus();
        el.scrollIntoView?.({ block: 'center' });
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Handlers

  /** Sets one value of the draft and tells the owner. */
  #set(path: string, value: unknown): void {
    this.value = setIn(this.value, path, value);
    this.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Inner controls' own `input`/`change` events stop here: the form fires one `input` per edit. */
  private handleInnerEvent(event: Event): void {
    event.stopPropagation();
  }

  private handleTabKey(event: KeyboardEvent): void {
    const order: ProfileLocale[] = ['en', ...TRANSLATED];
    const at = order.indexOf(this.textLocale);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.textLocale = order[(next + order.length) % order.length];
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.textLocale}`)?.focus());
  }

  #moveField(list: FieldList, from: number, to: number, button: 'up' | 'down'): void {
    const fields = this.#fields(list);
    if (to < 0 || to >= fields.length) return;
    const next = [...fields];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    this.#set(list.path, next);
    void this.updateComplete.then(() => {
      // Focus follows the field; at either end, the other move button is the one still usable.
      const other = button === 'up' ? 'down' : 'up';
      const same = this.renderRoot.querySelector<HTMLElement>(`#${list.key}-${to}-${button}`);
      const target = same?.getAttribute('aria-disabled') === 'true' ? this.renderRoot.querySelector<HTMLElement>(`#${list.key}-${to}-${other}`) : same;
      target?.focus();
    });
  }

  #addField(list: FieldList): void {
    const fields = this.#fields(list);
    if (fields.length >= list.max) return;
    const used = new Set(fields.map((f) => (isRecord(f) ? f.id : undefined)));
    let n = fields.length + 1;
    while (used.has(`field-${n}`)) n += 1;
    const field = { id: `field-${n}`, type: 'text', label: this.#t('prechat.newLabel'), labels: {}, required: false, options: [] };
    // A work-item field has the file settings too, empty as the validator gives them for other types.
    this.#set(list.path, [...fields, list === WORK_ITEM_FORM ? { ...field, accept: [], maxFiles: 0, maxFileBytes: 0 } : field]);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#${controlId(`${list.path}.${fields.length}.label`)}`)?.select());
  }

  #removeField(list: FieldList, index: number): void {
    const fields = this.#fields(list);
    this.#set(list.path, fields.filter((_, i) => i !== index));
    void this.updateComplete.then(() => {
      const rest = this.#fields(list).length;
      const target = rest ? `#${list.key}-${Math.min(index, rest - 1)}-remove` : `#${list.key}-add`;
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    });
  }

  /**
   * Changes the type of a work-item field. A field that becomes a file field gets file settings it
   * can use (its own if it had some); one that stops being a file field loses them, so the draft
   * never holds settings the validator refuses for its type.
   */
  #setWorkItemType(at: string, type: string): void {
    // Read at the event, not at the last render: edits made since then are in `value` already.
    const raw = getIn(this.value, at);
    const field = isRecord(raw) ? raw : {};
    const file = type === 'file';
    const accept = Array.isArray(field.accept) && field.accept.length ? field.accept : FILE_FIELD_DEFAULTS.accept;
    const count = (key: 'maxFiles' | 'maxFileBytes') => (typeof field[key] === 'number' && field[key] > 0 ? field[key] : FILE_FIELD_DEFAULTS[key]);
    this.#set(at, {
      ...field,
      type,
      accept: file ? accept : [],
      maxFiles: file ? count('maxFiles') : 0,
      maxFileBytes: file ? count('maxFileBytes') : 0,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the draft

  /** The draft's value at `path`, else the validated profile's (a field absent from the draft). */
  #raw(path: string): unknown {
    const raw = getIn(this.value, path);
    return raw === undefined ? getIn(this.profile, path) : raw;
  }

  /** The value at `path` as text for a text box. */
  #text(path: string): string {
    const raw = this.#raw(path);
    if (raw === undefined || raw === null) return '';
    if (typeof raw === 'string') return raw;
    try {
      return JSON.stringify(raw) ?? '';
    } catch {
      return '';
    }
  }

  #fields(list: FieldList): unknown[] {
    const raw = getIn(this.value, list.path);
    return Array.isArray(raw) ? raw : [...(getIn(this.profile, list.path) as unknown[])];
  }

  /** The texts this POC shows: all six for a chat, the title and subtitle for a form. */
  #textKeys(): readonly TextKey[] {
    return TEXT_KEYS.filter((key) => editsField(this.channel, `texts.${key}`));
  }

  #issuesAt(path: string): ProfileIssue[] {
    return this.#byField.get(path) ?? [];
  }

  /** An issue that is only a warning: low contrast with the documented override set. */
  #isWarning(issue: ProfileIssue): boolean {
    return issue.code === 'low_contrast' && this.profile.allowLowContrast;
  }

  #invalid(path: string): 'true' | 'false' {
    return this.#issuesAt(path).some((i) => !this.#isWarning(i)) ? 'true' : 'false';
  }

  /** `aria-describedby` of a control: its hint and extra notes, then its problem when it has one. */
  #describedBy(path: string, ...ids: (string | false | undefined)[]): string {
    const all = [...ids.filter(Boolean), this.#issuesAt(path).length ? `${controlId(path)}-error` : ''];
    return all.filter(Boolean).join(' ');
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    const t = this.#t;
    const sections = this.channel === 'workitem'
      ? html`
          ${this.renderSection('colours', t('section.colours'), this.renderColours())}
          ${this.renderSection('texts', t('section.texts'), this.renderTexts())}
          ${this.renderSection('layout', t('section.layout'), this.renderLayout())}
          ${this.renderSection('workitem', t('section.workitem'), this.renderWorkItemForm())}
        `
      : html`
          ${this.renderSection('colours', t('section.colours'), this.renderColours())}
          ${this.renderSection('texts', t('section.texts'), this.renderTexts())}
          ${this.renderSection('launcher', t('section.launcher'), this.renderLauncher())}
          ${this.renderSection('header', t('section.header'), this.renderHeader())}
          ${this.renderSection('layout', t('section.layout'), this.renderLayout())}
          ${this.renderSection('prechat', t('section.prechat'), this.renderPreChat())}
          ${this.renderSection('elevations', t('section.elevations'), this.renderElevations())}
          ${this.renderSection('behaviour', t('section.behaviour'), this.renderBehaviour())}
        `;
    return html`<div class="root" part="base" lang=${this.#lang} @input=${this.handleInnerEvent} @change=${this.handleInnerEvent}>${sections}</div>`;
  }

  private renderSection(id: string, heading: string, body: TemplateResult): TemplateResult {
    return html`<section class="card" aria-labelledby="sec-${id}">
      <h2 id="sec-${id}">${heading}</h2>
      ${body}
    </section>`;
  }

  /** The problems at `path`, translated, as the control's description. */
  private renderProblem(path: string): TemplateResult | typeof nothing {
    const issues = this.#issuesAt(path);
    if (!issues.length) return nothing;
    const t = this.#t;
    const warning = issues.every((i) => this.#isWarning(i));
    return html`<p id="${controlId(path)}-error" class=${warning ? 'warning' : 'error'}>
      <span class="visually-hidden">${t(warning ? 'problem.warningPrefix' : 'problem.errorPrefix')}</span>
      ${issues.map((i) => issueText(t, i, this.profile, getIn(this.value, i.field))).join(' ')}
    </p>`;
  }

  private renderHint(path: string, text: string): TemplateResult {
    return html`<p id="${controlId(path)}-hint" class="hint">${text}</p>`;
  }

  private renderSelect(
    path: string,
    label: string,
    options: readonly (readonly [string, string])[],
    hint?: string,
    set: (value: string) => void = (value) => this.#set(path, value),
  ): TemplateResult {
    const id = controlId(path);
    const raw = this.#raw(path);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        data-field=${path}
        aria-invalid=${this.#invalid(path)}
        aria-describedby=${this.#describedBy(path, hint && `${id}-hint`)}
        @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}
      >
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${raw === value}>${text}</option>`)}
      </select>
      ${hint ? this.renderHint(path, hint) : nothing} ${this.renderProblem(path)}
    </div>`;
  }

  private renderNumber(path: NumberPath, label: string, unit: string): TemplateResult;
  private renderNumber(path: string, label: string, unit: string, range: readonly [number, number]): TemplateResult;
  /** A whole number within `range` (the validator's, from `NUMBER_RANGES` for the top-level ones). */
  private renderNumber(path: string, label: string, unit: string, range: readonly [number, number] = NUMBER_RANGES[path as NumberPath]): TemplateResult {
    const id = controlId(path);
    const [min, max] = range;
    const raw = this.#raw(path);
    const hint = unit ? this.#t('number.rangeUnit', { min, max, unit }) : this.#t('number.range', { min, max });
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <div class="with-unit">
        <input
          id=${id}
          data-field=${path}
          type="number"
          inputmode="numeric"
          min=${min}
          max=${max}
          step="1"
          .value=${typeof raw === 'number' ? String(raw) : ''}
          aria-invalid=${this.#invalid(path)}
          aria-describedby=${this.#describedBy(path, `${id}-hint`)}
          @input=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            this.#set(path, input.value === '' ? '' : input.valueAsNumber);
          }}
        />
        ${unit ? html`<span class="unit" aria-hidden="true">${unit}</span>` : nothing}
      </div>
      ${this.renderHint(path, hint)} ${this.renderProblem(path)}
    </div>`;
  }

  private renderCheckbox(path: string, label: string, hint?: string): TemplateResult {
    const id = controlId(path);
    const raw = this.#raw(path);
    return html`<div class="field check">
      <input
        id=${id}
        data-field=${path}
        type="checkbox"
        .checked=${raw === true}
        aria-invalid=${this.#invalid(path)}
        aria-describedby=${this.#describedBy(path, hint && `${id}-hint`)}
        @change=${(e: Event) => this.#set(path, (e.target as HTMLInputElement).checked)}
      />
      <label for=${id}>${label}</label>
      ${hint ? this.renderHint(path, hint) : nothing} ${this.renderProblem(path)}
    </div>`;
  }

  /** An `https:` image address; empty means none (`null`). */
  private renderUrl(path: string, label: string, hint: string, store: (text: string) => unknown = (s) => (s.trim() === '' ? null : s.trim())): TemplateResult {
    const id = controlId(path);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        data-field=${path}
        type="url"
        inputmode="url"
        autocomplete="url"
        spellcheck="false"
        placeholder="https://"
        .value=${this.#text(path)}
        aria-invalid=${this.#invalid(path)}
        aria-describedby=${this.#describedBy(path, `${id}-hint`)}
        @input=${(e: Event) => this.#set(path, store((e.target as HTMLInputElement).value))}
      />
      ${this.renderHint(path, hint)} ${this.renderProblem(path)}
    </div>`;
  }

  // Colours ------------------------------------------------------------------------------------

  private renderColours(): TemplateResult {
    const t = this.#t;
    return html`
      ${this.renderSelect('theme.mode', t('theme.mode'), [
        ['auto', t('mode.auto')],
        ['light', t('mode.light')],
        ['dark', t('mode.dark')],
      ], t('theme.mode.hint'))}
      <div class="palettes">
        ${(['light', 'dark'] as const).map(
          (mode) => html`<fieldset class="palette">
            <legend>${t(mode === 'light' ? 'palette.light' : 'palette.dark')}</legend>
            ${PALETTE_KEYS.map((key) => this.renderColor(mode, key))}
          </fieldset>`,
        )}
      </div>
      ${this.renderCheckbox('allowLowContrast', t('allowLowContrast'), t('allowLowContrast.hint'))}
    `;
  }

  private renderColor(mode: 'light' | 'dark', key: PaletteKey): TemplateResult {
    const t = this.#t;
    const path = `theme.${mode}.${key}`;
    const id = controlId(path);
    const label = t(`color.${key}`);
    const colours = this.profile.theme[mode];
    const against = CONTRAST_PAIRS[key];
    // The ratio is only meaningful when both colours are the ones typed, not defaults.
    const measurable = against && this.#invalid(path) === 'false' && !this.#issuesAt(`theme.${mode}.${against}`).some((i) => i.code === 'invalid_value');
    const ratio = measurable ? contrastRatio(colours[key], colours[against]) : null;
    const ratioNote = ratio !== null && ratio >= MIN_CONTRAST
      ? html`<p id="${id}-ratio" class="hint ok">${t('contrast.ok', { ratio: ratio.toFixed(2), against: t(`color.${against!}`) })}</p>`
      : nothing;
    return html`<div class="field color">
      <label for=${id}>${label}</label>
      <div class="color-row">
        <input
          type="color"
          id="${id}-picker"
          class="picker"
          aria-label=${t('color.picker', { name: label })}
          .value=${colours[key]}
          @input=${(e: Event) => this.#set(path, (e.target as HTMLInputElement).value)}
        />
        <input
          id=${id}
          data-field=${path}
          class="hex"
          autocomplete="off"
          spellcheck="false"
          autocapitalize="none"
          .value=${this.#text(path)}
          aria-invalid=${this.#invalid(path)}
          aria-describedby=${this.#describedBy(path, `${id}-hint`, ratioNote !== nothing && `${id}-ratio`)}
          @input=${(e: Event) => this.#set(path, (e.target as HTMLInputElement).value)}
        />
        ${against
          ? html`<span class="sample" aria-hidden="true" ${cssProps({ color: colours[key], background: colours[against] })}></span>`
          : nothing}
      </div>
      ${this.renderHint(path, t(`color.${key}.hint`))} ${ratioNote} ${this.renderProblem(path)}
    </div>`;
  }

  // Texts --------------------------------------------------------------------------------------

  private renderTexts(): TemplateResult {
    const t = this.#t;
    const tabs: ProfileLocale[] = ['en', ...TRANSLATED];
    const keys = this.#textKeys();
    const problemsIn = (locale: ProfileLocale) =>
      this.issues.filter((i) => i.field.startsWith(locale === 'en' ? 'texts.' : `translations.${locale}.`) && editsField(this.channel, i.field)).length;
    return html`
      ${this.renderSelect('defaultLocale', t('defaultLocale'), PROFILE_LOCALES.map((l) => [l, t(`language.${l}`)] as const), t('defaultLocale.hint'))}
      <div class="tabs" role="tablist" aria-label=${t('texts.tabs')} @keydown=${this.handleTabKey}>
        ${tabs.map((locale) => {
          const selected = locale === this.textLocale;
          const problems = problemsIn(locale);
          return html`<button
            type="button"
            role="tab"
            id="tab-${locale}"
            aria-selected=${selected ? 'true' : 'false'}
            aria-controls="texts-panel"
            tabindex=${selected ? '0' : '-1'}
            @click=${() => (this.textLocale = locale)}
          >
            ${t(locale === 'en' ? 'texts.tabBase' : `language.${locale}`)}${problems
              ? html` <span class="tab-problems">${t('texts.tabProblems', { count: problems })}</span>`
              : nothing}
          </button>`;
        })}
      </div>
      <div class="tab-panel" role="tabpanel" id="texts-panel" aria-labelledby="tab-${this.textLocale}">
        ${this.textLocale === 'en' ? nothing : html`<p class="hint">${t('texts.translationHint')}</p>`}
        ${keys.map((key) => this.renderTextField(this.textLocale, key))}
      </div>
    `;
  }

  private renderTextField(locale: ProfileLocale, key: TextKey): TemplateResult {
    const t = this.#t;
    const base = locale === 'en';
    const path = base ? `texts.${key}` : `translations.${locale}.${key}`;
    const id = controlId(path);
    const max = TEXT_LIMITS[key];
    const value = this.#text(path);
    const over = value.length > max;
    const placeholder = base ? (key === 'placeholder' ? t('text.placeholder.default') : '') : this.profile.texts[key];
    const onInput = (e: Event) => {
      const text = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
      // An empty translation is no translation: the base text shows.
      this.#set(path, !base && text === '' ? undefined : text);
    };
    const common = {
      describedBy: this.#describedBy(path, `${id}-hint`, `${id}-count`),
      invalid: this.#invalid(path),
    };
    return html`<div class="field text">
      <label for=${id}>${t(`text.${key}`)}</label>
      ${MULTILINE.has(key)
        ? html`<textarea
            id=${id}
            data-field=${path}
            rows="3"
            lang=${locale}
            .value=${value}
            placeholder=${placeholder}
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedBy}
            @input=${onInput}
          ></textarea>`
        : html`<input
            id=${id}
            data-field=${path}
            lang=${locale}
            .value=${value}
            placeholder=${placeholder}
            ?required=${base && key === 'title'}
            aria-invalid=${common.invalid}
            aria-describedby=${common.describedBy}
            @input=${onInput}
          />`}
      <div class="text-meta">
        <p id="${id}-hint" class="hint">${t(`text.${key}.hint`)}</p>
        <p id="${id}-count" class="counter ${over ? 'over' : ''}">${t('counter', { count: value.length, max })}</p>
      </div>
      ${this.renderProblem(path)}
    </div>`;
  }

  // Launcher, header, layout -------------------------------------------------------------------

  private renderLauncher(): TemplateResult {
    const t = this.#t;
    const icon = this.#raw('launcher.icon');
    const isImage = typeof icon === 'object' && icon !== null;
    const iconChoice = isImage ? 'image' : String(icon);
    const iconId = controlId('launcher.icon');
    return html`<div class="grid">
      ${this.renderSelect('launcher.position', t('launcher.position'), [
        ['bottom-right', t('position.bottom-right')],
        ['bottom-left', t('position.bottom-left')],
      ])}
      ${this.renderSelect('launcher.shape', t('launcher.shape'), [
        ['circle', t('shape.circle')],
        ['rounded', t('shape.rounded')],
        ['square', t('shape.square')],
      ])}
      <div class="field">
        <label for="${iconId}-choice">${t('launcher.icon')}</label>
        <select
          id="${iconId}-choice"
          data-field=${isImage ? 'launcher.iconChoice' : 'launcher.icon'}
          aria-invalid=${isImage ? 'false' : this.#invalid('launcher.icon')}
          aria-describedby=${isImage ? '' : this.#describedBy('launcher.icon')}
          @change=${(e: Event) => {
            const choice = (e.target as HTMLSelectElement).value;
            this.#set('launcher.icon', choice === 'image' ? { url: '' } : choice);
          }}
        >
          ${LAUNCHER_ICONS.map((name) => html`<option value=${name} ?selected=${iconChoice === name}>${t(`icon.${name}`)}</option>`)}
          <option value="image" ?selected=${isImage}>${t('icon.image')}</option>
        </select>
        ${isImage ? nothing : this.renderProblem('launcher.icon')}
      </div>
      ${isImage
        ? this.renderUrl('launcher.icon', t('launcher.iconUrl'), t('launcher.iconUrl.hint'), (s) => ({ url: s.trim() }))
        : nothing}
      ${this.renderNumber('launcher.offsetX', t('launcher.offsetX'), 'px')}
      ${this.renderNumber('launcher.offsetY', t('launcher.offsetY'), 'px')}
    </div>
    <p class="hint">${t('launcher.labelNote')}</p>`;
  }

  private renderHeader(): TemplateResult {
    const t = this.#t;
    return html`<div class="grid">
      ${this.renderUrl('header.logoUrl', t('header.logoUrl'), t('header.logoUrl.hint'))}
      ${this.renderUrl('header.agentAvatarUrl', t('header.agentAvatarUrl'), t('header.agentAvatarUrl.hint'))}
    </div>`;
  }

  private renderLayout(): TemplateResult {
    const t = this.#t;
    return html`<div class="grid">
      ${this.renderSelect('theme.font', t('theme.font'), PROFILE_FONTS.map((f) => [f, t(`font.${f}`)] as const))}
      ${this.renderSelect('theme.density', t('theme.density'), [
        ['compact', t('density.compact')],
        ['comfortable', t('density.comfortable')],
        ['spacious', t('density.spacious')],
      ])}
      ${this.renderNumber('theme.radius', t('theme.radius'), 'px')}
      ${this.channel === 'workitem'
        ? nothing
        : html`${this.renderNumber('theme.panelWidth', t('theme.panelWidth'), 'px')}
          ${this.renderNumber('theme.panelHeight', t('theme.panelHeight'), 'px')} ${this.renderNumber('theme.zIndex', t('theme.zIndex'), '')}`}
    </div>`;
  }

  // Pre-chat form and work-item form ----------------------------------------------------------

  private renderPreChat(): TemplateResult {
    const t = this.#t;
    return html`${this.renderCheckbox('preChat.enabled', t('prechat.enabled'), t('prechat.enabled.hint'))} ${this.renderFieldList(PRECHAT_FORM)}`;
  }

  private renderWorkItemForm(): TemplateResult {
    return html`<p class="hint">${this.#t('workitem.intro')}</p>
      ${this.renderFieldList(WORK_ITEM_FORM)}`;
  }

  /** A form's fields, each in its own group, and the button that adds one. */
  private renderFieldList(list: FieldList): TemplateResult {
    const t = this.#t;
    const fields = this.#fields(list);
    const full = fields.length >= list.max;
    const add = `${list.key}-add`;
    return html`
      ${this.renderProblem(list.path)}
      ${fields.length
        ? html`<ol class="prechat-list">
            ${fields.map((field, i) => this.renderFormField(list, isRecord(field) ? field : {}, i, fields.length))}
          </ol>`
        : html`<p class="muted">${t('prechat.none')}</p>`}
      <div class="actions">
        <button type="button" id=${add} aria-disabled=${full ? 'true' : 'false'} aria-describedby="${add}-hint" @click=${() => this.#addField(list)}>
          ${t('prechat.add')}
        </button>
        <p id="${add}-hint" class="hint">${t(full ? 'prechat.full' : 'prechat.limit', { max: list.max })}</p>
      </div>
    `;
  }

  /** One field of a form: type, labels, answer key, required, and the choices or file settings its type takes. */
  private renderFormField(list: FieldList, field: Record<string, unknown>, i: number, count: number): TemplateResult {
    const t = this.#t;
    const at = `${list.path}.${i}`;
    const workItem = list === WORK_ITEM_FORM;
    const label = typeof field.label === 'string' && field.label.trim() ? field.label : t('prechat.untitled');
    const legend = t('prechat.legend', { n: i + 1, label });
    const type = String(this.#raw(`${at}.type`) ?? 'text');
    const options = Array.isArray(field.options) ? field.options.filter((o) => typeof o === 'string') : [];
    const optionsPath = `${at}.options`;
    const optionsId = controlId(optionsPath);
    const move = (to: number, button: 'up' | 'down') => this.#moveField(list, i, to, button);
    const types = list.types.map((ft) => [ft, t(`fieldType.${ft as (typeof WORK_ITEM_FIELD_TYPES)[number]}`)] as const);
    const requiredHint = workItem && type === 'checkbox' ? t('workitem.required.checkbox') : workItem && type === 'file' ? t('workitem.required.file') : undefined;
    return html`<li>
      <fieldset class="prechat-field">
        <legend>${legend}</legend>
        ${this.renderProblem(at)}
        <div class="grid">
          ${this.renderSelect(`${at}.type`, t('prechat.type'), types, undefined, workItem ? (value) => this.#setWorkItemType(at, value) : undefined)}
          ${this.renderPlainText(`${at}.label`, t('prechat.label'), { lang: 'en' })}
          ${TRANSLATED.map((locale) =>
            this.renderPlainText(`${at}.labels.${locale}`, t('prechat.labelIn', { language: t(`language.${locale}`) }), { lang: locale, empty: 'remove' }),
          )}
          ${this.renderPlainText(`${at}.id`, t('prechat.id'), { hint: t('prechat.id.hint') })}
        </div>
        ${this.renderCheckbox(`${at}.required`, t('prechat.required'), requiredHint)}
        ${type === 'select'
          ? html`<div class="field">
              <label for=${optionsId}>${t('prechat.options')}</label>
              <textarea
                id=${optionsId}
                data-field=${optionsPath}
                rows="4"
                .value=${options.join('\n')}
                aria-invalid=${this.#invalid(optionsPath)}
                aria-describedby=${this.#describedBy(optionsPath, `${optionsId}-hint`)}
                @input=${(e: Event) => {
                  const lines = (e.target as HTMLTextAreaElement).value.split('\n').map((l) => l.trim()).filter(Boolean);
                  this.#set(optionsPath, lines);
                }}
              ></textarea>
              ${this.renderHint(optionsPath, t('prechat.options.hint'))} ${this.renderProblem(optionsPath)}
            </div>`
          : this.renderProblem(optionsPath)}
        ${workItem && type === 'file' ? this.renderFileSettings(at, field) : nothing}
        <div class="actions row-actions">
          <button type="button" id="${list.key}-${i}-up" aria-disabled=${i === 0 ? 'true' : 'false'} @click=${() => move(i - 1, 'up')}>
            ${t('prechat.moveUp')}<span class="visually-hidden">: ${label}</span>
          </button>
          <button type="button" id="${list.key}-${i}-down" aria-disabled=${i === count - 1 ? 'true' : 'false'} @click=${() => move(i + 1, 'down')}>
            ${t('prechat.moveDown')}<span class="visually-hidden">: ${label}</span>
          </button>
          <button type="button" id="${list.key}-${i}-remove" class="danger" @click=${() => this.#removeField(list, i)}>
            ${t('prechat.remove')}<span class="visually-hidden">: ${label}</span>
          </button>
        </div>
      </fieldset>
    </li>`;
  }

  /** A file field's settings: the accepted types (a checkbox each), the most files and the largest size. */
  private renderFileSettings(at: string, field: Record<string, unknown>): TemplateResult {
    const t = this.#t;
    const acceptPath = `${at}.accept`;
    const acceptId = controlId(acceptPath);
    const acceptedIn = (list: unknown): unknown[] => (Array.isArray(list) ? list : []);
    const accepted = acceptedIn(field.accept);
    // What is ticked is what is saved, in the list's own order (a type no box offers, from an
    // import, goes with the first click: it could never be saved). Read at the event: edits made
    // since the last render are in `value` already.
    const toggle = (type: AttachmentType, on: boolean) => {
      const now = acceptedIn(getIn(this.value, acceptPath));
      this.#set(acceptPath, ATTACHMENT_TYPES.filter((a) => (a === type ? on : now.includes(a))));
    };
    return html`<fieldset class="file-settings">
        <legend>${t('workitem.accept')}</legend>
        <p id="${acceptId}-hint" class="hint">${t('workitem.accept.hint')}</p>
        <div class="accept-list">
          ${ATTACHMENT_TYPES.map(
            (type, n) => html`<div class="field check">
              <input
                id="${acceptId}-${n}"
                type="checkbox"
                data-field=${n === 0 ? acceptPath : nothing}
                .checked=${accepted.includes(type)}
                aria-invalid=${this.#invalid(acceptPath)}
                aria-describedby=${this.#describedBy(acceptPath, `${acceptId}-hint`)}
                @change=${(e: Event) => toggle(type, (e.target as HTMLInputElement).checked)}
              />
              <label for="${acceptId}-${n}">${t(`attachment.${type}`)}</label>
            </div>`,
          )}
        </div>
        ${this.renderProblem(acceptPath)}
      </fieldset>
      <div class="grid">
        ${this.renderNumber(`${at}.maxFiles`, t('workitem.maxFiles'), '', [1, LIMITS.attachmentMaxFiles])} ${this.renderFileSize(`${at}.maxFileBytes`)}
      </div>`;
  }

  /**
   * The largest file, typed in megabytes and stored in bytes (a whole number, as the validator
   * wants). A size that is not a whole number of megabytes shows with up to three decimals.
   */
  private renderFileSize(path: string): TemplateResult {
    const t = this.#t;
    const id = controlId(path);
    const raw = this.#raw(path);
    const max = LIMITS.attachmentMaxBytes / MIB;
    return html`<div class="field">
      <label for=${id}>${t('workitem.maxFileBytes')}</label>
      <div class="with-unit">
        <input
          id=${id}
          data-field=${path}
          type="number"
          inputmode="decimal"
          min="0.001"
          max=${max}
          step="any"
          .value=${typeof raw === 'number' ? String(Number((raw / MIB).toFixed(3))) : ''}
          aria-invalid=${this.#invalid(path)}
          aria-describedby=${this.#describedBy(path, `${id}-hint`)}
          @input=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            this.#set(path, input.value === '' || Number.isNaN(input.valueAsNumber) ? '' : Math.round(input.valueAsNumber * MIB));
          }}
        />
        <span class="unit" aria-hidden="true">MB</span>
      </div>
      ${this.renderHint(path, t('workitem.maxFileBytes.hint', { max }))} ${this.renderProblem(path)}
    </div>`;
  }

  /**
   * A one-line text box. `empty` says what an emptied box stores: the empty text (`keep`), nothing
   * (`remove`: a translation falls back to the base text) or `null` (no skill).
   */
  private renderPlainText(path: string, label: string, options: { lang?: string; empty?: 'keep' | 'remove' | 'null'; hint?: string } = {}): TemplateResult {
    const id = controlId(path);
    const { lang, empty = 'keep', hint } = options;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        data-field=${path}
        lang=${lang ?? nothing}
        autocomplete="off"
        .value=${this.#text(path)}
        aria-invalid=${this.#invalid(path)}
        aria-describedby=${this.#describedBy(path, hint && `${id}-hint`)}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          this.#set(path, text !== '' || empty === 'keep' ? text : empty === 'null' ? null : undefined);
        }}
      />
      ${hint ? this.renderHint(path, hint) : nothing} ${this.renderProblem(path)}
    </div>`;
  }

  // Elevations and behaviour -------------------------------------------------------------------

  private renderElevations(): TemplateResult {
    const t = this.#t;
    return html`<p class="hint">${t('elevations.intro')}</p>
      ${ELEVATIONS.map(
        (kind) => html`<fieldset class="elevation">
          <legend>${t(`elevation.${kind}`)}</legend>
          ${this.renderCheckbox(`elevations.${kind}.enabled`, t('elevation.offer', { name: t(`elevation.${kind}`) }))}
          ${this.skills
            ? this.renderSkill(kind, this.skills)
            : this.renderPlainText(`elevations.${kind}.skillId`, t('elevation.skillId'), { empty: 'null', hint: t('elevation.skillId.hint') })}
        </fieldset>`,
      )}
      ${this.renderAfterRequest()}`;
  }

  /**
   * The skill of one request: the tenant's skills on its channel, an empty choice, and the skill
   * in the draft when it is none of them (a skill of another channel, or an id the tenant does not
   * have), so it stays visible beside its problem. A deactivated skill is listed, and cannot be
   * chosen while the request is offered.
   */
  private renderSkill(kind: ElevationKind, skills: readonly StudioSkill[]): TemplateResult {
    const t = this.#t;
    const path = `elevations.${kind}.skillId`;
    const offered = this.#raw(`elevations.${kind}.enabled`) === true;
    const choices = skillsFor(kind, skills);
    const channel = t(`channel.${ELEVATION_CHANNEL[kind]}`);
    return this.renderReferenceSelect({
      path,
      label: t('elevation.skill'),
      none: t('elevation.skill.none'),
      choices: choices.map((skill) => ({ id: skill.id, active: skill.active, name: skill.active ? skill.name : t('elevation.skill.inactive', { name: skill.name }) })),
      lockInactive: offered,
      unlisted: (current) => {
        const elsewhere = skills.find((s) => s.id === current);
        return elsewhere
          ? t('elevation.skill.otherChannel', { name: elsewhere.name, channel: t(`channel.${elsewhere.channel}`) })
          : t('elevation.skill.unknown', { id: current });
      },
      hint: choices.length ? t('elevation.skill.hint', { channel }) : t('elevation.skill.empty', { channel }),
      inactiveNote: t('elevation.skill.inactiveNote', { name: t(`elevation.${kind}`) }),
    });
  }

  /** Whether the chat goes on or ends after a request: a radio group (arrow keys move the choice). */
  private renderAfterRequest(): TemplateResult {
    const t = this.#t;
    const path = 'elevations.afterRequest';
    const id = controlId(path);
    const raw = this.#raw(path);
    // `focusField` lands on the checked choice, or on the first when none is.
    const focusable = AFTER_REQUEST.includes(raw as (typeof AFTER_REQUEST)[number]) ? raw : AFTER_REQUEST[0];
    return html`<fieldset class="after-request">
      <legend>${t('elevations.afterRequest')}</legend>
      ${AFTER_REQUEST.map(
        (value) => html`<div class="field check">
          <input
            type="radio"
            id="${id}-${value}"
            name="after-request"
            value=${value}
            data-field=${focusable === value ? path : nothing}
            .checked=${raw === value}
            aria-describedby=${this.#describedBy(path, `${id}-${value}-hint`)}
            @change=${() => this.#set(path, value)}
          />
          <label for="${id}-${value}">${t(`afterRequest.${value}`)}</label>
          <p id="${id}-${value}-hint" class="hint">${t(`afterRequest.${value}.hint`)}</p>
        </div>`,
      )}
      ${this.renderProblem(path)}
    </fieldset>`;
  }

  private renderBehaviour(): TemplateResult {
    const t = this.#t;
    return html`
      ${this.renderSelect('offline.behaviour', t('offline.behaviour'), [
        ['message', t('offline.message')],
        ['leave-message', t('offline.leave-message')],
        ['hide', t('offline.hide')],
      ], t('offline.behaviour.hint'))}
      ${this.renderWorkItemPoc()}
      ${this.renderCheckbox('sounds', t('sounds'), t('sounds.hint'))}
      ${this.renderCheckbox('transcriptDownload', t('transcriptDownload'), t('transcriptDownload.hint'))}
    `;
  }
  /**
   * The work-item form a message left while the chat is closed is filed on: shown while customers
   * may leave one (or while the choice has a problem). The tenant's forms are listed by name; an
   * inactive one cannot be chosen while messages are left; a POC the profile names that is no form
   * of the list (a chat, or one the studio does not list) stays shown beside its problem.
   */
  private renderWorkItemPoc(): TemplateResult | typeof nothing {
    const t = this.#t;
    const path = 'offline.workItemPoc';
    const leaving = this.#raw('offline.behaviour') === 'leave-message';
    if (!leaving && !this.#issuesAt(path).length) return nothing;
    const forms = this.pocs.filter((p) => p.channel === 'workitem');
    return this.renderReferenceSelect({
      path,
      label: t('offline.workItemPoc'),
      none: t('offline.workItemPoc.none'),
      choices: forms.map((poc) => ({ id: poc.id, active: poc.active, name: poc.active ? poc.name : t('offline.workItemPoc.inactive', { name: poc.name }) })),
      lockInactive: leaving,
      unlisted: (current) => {
        const other = this.pocs.find((p) => p.id === current);
        return other ? t('offline.workItemPoc.chat', { name: other.name }) : t('offline.workItemPoc.unlisted', { id: current });
      },
      hint: forms.length ? t('offline.workItemPoc.hint') : t('offline.workItemPoc.empty'),
      inactiveNote: t('offline.workItemPoc.inactiveNote'),
    });
  }

  /**
   * A select of something the profile refers to by id (a skill, a work-item form): an empty
   * choice, the choices by name, and the id in the draft when it is none of them (`unlisted`), so
   * it stays visible beside its problem. While `lockInactive`, an inactive choice is listed but
   * cannot be chosen, and a note says why.
   */
  private renderReferenceSelect(o: {
    path: string;
    label: string;
    none: string;
    choices: readonly { id: string; name: string; active: boolean }[];
    lockInactive: boolean;
    unlisted: (current: string) => string;
    hint: string;
    inactiveNote: string;
  }): TemplateResult {
    const { path } = o;
    const id = controlId(path);
    const raw = this.#raw(path);
    const current = raw === null || raw === undefined ? '' : typeof raw === 'string' ? raw : this.#text(path);
    const listed = current === '' || o.choices.some((c) => c.id === current);
    const note = o.lockInactive && o.choices.some((c) => !c.active);
    return html`<div class="field">
      <label for=${id}>${o.label}</label>
      <select
        id=${id}
        data-field=${path}
        aria-invalid=${this.#invalid(path)}
        aria-describedby=${this.#describedBy(path, `${id}-hint`, note && `${id}-note`)}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          this.#set(path, value === '' ? null : value);
        }}
      >
        <option value="" ?selected=${current === ''}>${o.none}</option>
        ${o.choices.map(
          (c) => html`<option value=${c.id} ?selected=${c.id === current} ?disabled=${o.lockInactive && !c.active}>${c.name}</option>`,
        )}
        ${listed ? nothing : html`<option value=${current} selected>${o.unlisted(current)}</option>`}
      </select>
      ${this.renderHint(path, o.hint)}
      ${note ? html`<p id="${id}-note" class="hint">${o.inactiveNote}</p>` : nothing}
      ${this.renderProblem(path)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-studio-editor': ParleyStudioEditor;
  }
}
