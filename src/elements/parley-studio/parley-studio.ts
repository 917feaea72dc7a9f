import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { fieldName, isNamedField, issueText, studioCatalogue, type StudioKey } from '../../core/catalogues/studio.js';
import { elevationSkillIssues, type StudioSkill } from '../../core/elevation-skills.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { blockingIssues, validateProfile } from '../../core/profile.js';
import { staffFetch } from '../../core/staff-auth.js';
import { isRecord } from '../../core/validators.js';
import { defineParleyElements } from '../../define.js';
import {
  API_PREFIX,
  PROFILE_LOCALES,
  type ChatProfile,
  type Permission,
  type ProfileIssue,
  type ProfileLocale,
  type ProtocolError,
  type StaffUser,
  type StudioProfile,
} from '../../protocol/index.js';
import { LiveAnnouncerController } from '../../controllers/live-announcer-controller.js';
import { StaffAuthController } from '../../controllers/staff-auth-controller.js';
import { ParleyElement } from '../base/parley-element.js';
import { cssProps } from '../parley-studio-editor/css-props.js';
import { controls, palette, staffTopbar } from '../parley-agent-console/parley-agent-console.styles.js';
import { cloneJson, getIn, sameJson, setIn, type Draft } from '../parley-studio-editor/draft.js';
import { editsField, ParleyStudioEditor } from '../parley-studio-editor/parley-studio-editor.js';
import { workItemPocIssues, type StudioPoc, type StudioPocChannel } from '../parley-studio-editor/pocs.js';
import { ParleySignIn, type SignedInEvent } from '../parley-sign-in/parley-sign-in.js';
import { ParleyStudioHistory, type HistoryEntry } from '../parley-studio-history/parley-studio-history.js';
import { styles } from './parley-studio.styles.js';

type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export type { StudioPoc, StudioPocChannel };

/** A theme preset from `themes/*.json`. */
export interface StudioPreset {
  id: string;
  name: string;
  description?: string;
  profile: unknown;
}

/** The line under the toolbar: what just happened, and the undo it offers. */
interface Notice {
  key: StudioKey;
  params?: Record<string, string | number>;
  kind: 'info' | 'success' | 'error';
  /** The draft before a preset or an import, for "Undo". */
  undo?: Draft;
}

/** What waits for the "Discard unsaved changes?" answer. */
type PendingAction = { kind: 'switch'; pocId: string } | { kind: 'sign-out' };

/** What follows from the draft: the validator's reading, the problems, the preview, "unsaved". */
interface Derived {
  // The inputs it was computed from.
  draft: Draft;
  serverIssues: readonly ProfileIssue[];
  skills: readonly StudioSkill[] | null;
  pocs: readonly StudioPoc[];
  channel: StudioPocChannel;
  saved: Draft;
  ready: boolean;
  // The results.
  validation: { profile: ChatProfile; issues: ProfileIssue[] };
  issues: ProfileIssue[];
  blocking: ProfileIssue[];
  dirty: boolean;
  preview: ChatProfile;
}

/** Roles allowed to edit chat profiles (the server checks again). */
/** Who may use the studio: staff whose role edits chat profiles. */
const EDITOR_PERMISSION: Permission = 'profile.edit';
/** Largest file the import reads; a chat profile is a few kilobytes. */
const MAX_IMPORT_BYTES = 1024 * 1024;
/** Problems listed one by one in the summary; a hostile file can hold thousands. */
const MAX_LISTED = 20;
/** Quiet time after typing before the problem count is announced. */
const ANNOUNCE_DELAY_MS = 1200;
/** Width of the phone preview, px. */
const NARROW_WIDTH = 390;
/** Size of the page a work-item form's preview sits in on a desktop, px. */
const FORM_STAGE_WIDTH = 560;
const FORM_STAGE_HEIGHT = 640;

/**
 * The chat-profile studio: a marketer signs in, chooses a point of contact and styles it — a
 * chat's colours, texts in each language, launcher, pre-chat form, requests and behaviour, or a
 * work-item form's colours, title, subtitle and fields — with the real widget (`<parley-chat>` or
 * `<parley-work-item>`) previewing every keystroke, then saves. Export and import JSON, theme
 * presets and the history of saves are at hand.
 *
 * Every value goes through the one validator of core (`validateProfile`), the same the server
 * runs on save; a chat's request skills go through the same routing check (`elevationSkillIssues`,
 * against the tenant's skills), and the form its left messages are filed on is checked against
 * the listed POCs; each issue is shown at its field, and Save stays unavailable, and
 * says why, while a blocking issue remains. Unsaved work survives preview changes and an expired session; leaving
 * a point of contact (or signing out) with unsaved changes asks first.
 *
 * @tagname parley-studio
 *
 * @csspart base - The whole studio.
 * @csspart toolbar - The bar with the point of contact, presets, import, export and Save.
 * @csspart preview - The live preview panel.
 * @cssprop --parley-color-brand - Accent colour of the studio (buttons, selection).
 * @cssprop --parley-color-on-brand - Text on the accent colour.
 * @cssprop --parley-font-family - Font of the studio.
 * @cssprop --parley-radius - Corner radius of the studio's cards and controls.
 */
export class ParleyStudio extends ParleyElement {
  static override styles = css`${ParleyElement.styles}${palette}${controls}${staffTopbar}${styles}`;

  /** Registers the studio under `tag`, with the sign-in, the form, the history and the widgets it previews. */
  static override define(tag = 'parley-studio', registry: CustomElementRegistry = customElements): void {
    defineParleyElements(registry);
    ParleySignIn.define('parley-sign-in', registry);
    ParleyStudioEditor.define('parley-studio-editor', registry);
    ParleyStudioHistory.define('parley-studio-history', registry);
    super.define(tag, registry);
  }

  /** Says what happens out of sight: saves, problems found or fixed, moves. */
  readonly #announcer = new LiveAnnouncerController(this);
  /** Checking the session, signed in or out; a signed-in editor gets the studio. */
  readonly #auth = new StaffAuthController(this, {
    permission: EDITOR_PERMISSION,
    origin: () => this.#origin,
    onSignedIn: () => this.#startStudio(),
  });

  /** Origin of the Parley server; defaults to the page's own origin. */
  @property() server = '';
  /** Language of the studio (`en`, `fr`); defaults to the browser's. */
  @property() locale = '';

  @state() private pocs: readonly StudioPoc[] = [];
  @state() private pocsState: LoadState = 'idle';
  @state() private pocId: string | null = null;
  @state() private profileState: LoadState = 'idle';
  /** The profile as last loaded or saved. */
  @state() private stored: StudioProfile | null = null;
  /** The profile document being edited, as typed. */
  @state() private draft: Draft = {};
  /** Field-level problems the server reported on the last save. */
  @state() private serverIssues: readonly ProfileIssue[] = [];
  /** The tenant's skills, for routing requests; null until loaded, or when they could not be. */
  @state() private skills: readonly StudioSkill[] | null = null;
  @state() private skillsState: LoadState = 'idle';
  @state() private saving = false;
  @state() private notice: Notice | null = null;
  @state() private presets: readonly StudioPreset[] = [];
  @state() private presetId = '';
  @state() private history: readonly HistoryEntry[] | null = null;
  @state() private historyFailed = false;
  @state() private previewScheme: 'light' | 'dark' = 'light';
  @state() private previewNarrow = false;
  @state() private previewLocale: ProfileLocale = 'en';
  @state() private previewScreen: 'conversation' | 'prechat' | 'closed' = 'conversation';
  @state() private pending: PendingAction | null = null;

  @query('parley-studio-editor') private editor!: ParleyStudioEditor | null;
  @query('dialog') private dialog!: HTMLDialogElement | null;

  #t: Translate<StudioKey> = translator(studioCatalogue, 'en');
  #lang = 'en';
  /** Drops late answers: bumped on each sign-in, sign-out and POC load. */
  #generation = 0;
  #profileGeneration = 0;
  /** The draft that matches the stored profile (for "unsaved changes"). */
  #savedDraft: Draft = {};
  /** What the preview showed last: a field mid-edit keeps its value from here. */
  #lastPreview: ChatProfile = validateProfile({}).profile;
  #derivedCache: Derived | null = null;
  #announceTimer: ReturnType<typeof setTimeout> | null = null;
  #announcedProblems = 0;

  readonly #beforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.#derived.dirty) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener?.('beforeunload', this.#beforeUnload);
    // The preview starts in the scheme the marketer's own screen uses.
    if (this.#auth.state === 'checking' && globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches) this.previewScheme = 'dark';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener?.('beforeunload', this.#beforeUnload);
    if (this.#announceTimer) clearTimeout(this.#announceTimer);
    this.#announceTimer = null;
    this.#generation += 1;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      this.#lang = resolveLocale([this.locale, globalThis.navigator?.language], Object.keys(studioCatalogue));
      this.#t = translator(studioCatalogue, this.#lang);
      if (!changed.has('previewLocale')) this.previewLocale = (PROFILE_LOCALES as readonly string[]).includes(this.#lang) ? (this.#lang as ProfileLocale) : 'en';
    }
    if (changed.has('server') && changed.get('server') !== undefined && this.isConnected) {
      this.#reset();
      void this.#auth.check();
    }
    if (changed.has('draft')) this.#scheduleProblemAnnouncement();
  }

  /**
   * The draft's derived state, recomputed only when the draft, the server's issues, the saved copy
   * or the load state changed. A getter rather than `willUpdate` work, so a handler running right
   * after an edit (before the next render) already sees the edit's problems and "unsaved" state.
   */
  get #derived(): Derived {
    const ready = this.profileState === 'ready';
    const channel = this.#channel;
    const c = this.#derivedCache;
    if (
      c && c.draft === this.draft && c.serverIssues === this.serverIssues && c.skills === this.skills && c.pocs === this.pocs &&
      c.channel === channel && c.saved === this.#savedDraft && c.ready === ready
    ) return c;
    const validation = validateProfile(this.draft);
    // The server's routing checks of a chat, run here too once the skills are known; it re-runs
    // them on save. A form's profile has no routing: its requests and closed state are not used.
    const routing = channel === 'chat'
      ? [...(this.skills ? elevationSkillIssues(validation.profile.elevations, this.skills) : []), ...workItemPocIssues(validation.profile.offline, this.pocs)]
      : [];
    const local = [...validation.issues, ...routing];
    // A colour half typed would otherwise flash the default in the preview at each keystroke.
    let shown: Draft = this.draft;
    for (const issue of validation.issues) {
      if (issue.code === 'invalid_value') shown = setIn(shown, issue.field, getIn(this.#lastPreview, issue.field));
    }
    const preview = shown === this.draft ? validation.profile : validateProfile(shown).profile;
    this.#lastPreview = preview;
    // The server's findings stay beside the validator's until the next edit clears them.
    const seen = new Set(local.map((i) => `${i.field}\u0000${i.code}`));
    const issues = [...local, ...this.serverIssues.filter((i) => !seen.has(`${i.field}\u0000${i.code}`))];
    this.#derivedCache = {
      draft: this.draft,
      serverIssues: this.serverIssues,
      skills: this.skills,
      pocs: this.pocs,
      channel,
      saved: this.#savedDraft,
      ready,
      validation,
      issues,
      blocking: blockingIssues(validation.profile, issues),
      dirty: ready && !sameJson(this.draft, this.#savedDraft),
      preview,
    };
    return this.#derivedCache;
  }

  protected override updated(): void {
    const dialog = this.dialog;
    if (dialog && this.pending && !dialog.open) dialog.showModal();
    else if (dialog && !this.pending && dialog.open) dialog.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Public API

  /** The edited profile as the validator reads it (defaults in place of bad fields). */
  get profile(): ChatProfile {
    return this.#derived.validation.profile;
  }

  /** The problems of the edited profile: the validator's, and the server's from the last save. */
  get issues(): readonly ProfileIssue[] {
    return this.#derived.issues;
  }

  /** Whether the edited profile differs from the saved one. */
  get dirty(): boolean {
    return this.#derived.dirty;
  }

  /**
   * Saves the edited profile of the chosen point of contact. Does nothing, and returns false,
   * while a blocking problem remains, nothing changed, or a save is under way.
   */
  async save(): Promise<boolean> {
    const pocId = this.pocId;
    if (!pocId || this.saving || this.profileState !== 'ready') return false;
    // Problems, like focus, are read from what is on screen.
    if (this.isUpdatePending) await this.updateComplete;
    if (this.#derived.blocking.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#problems-heading')?.focus();
      return false;
    }
    if (!this.#derived.dirty) return false;
    const generation = this.#generation;
    const sent = this.draft;
    this.saving = true;
    this.notice = { key: 'saving', kind: 'info' };
    try {
      const response = await staffFetch(this.#origin, this.#url(`/studio/pocs/${encodeURIComponent(pocId)}/profile`), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ profile: this.#derived.validation.profile }),
      });
      const body = (await response.json().catch(() => null)) as (StudioProfile & { error?: ProtocolError; issues?: ProfileIssue[] }) | null;
      if (generation !== this.#generation || pocId !== this.pocId) return false;
      if (response.ok && body?.profile) {
        this.stored = body;
        this.#savedDraft = cloneJson(body.profile) as unknown as Draft;
        // Typing during the save keeps the newer text; otherwise the draft takes the saved form.
        if (this.draft === sent) this.draft = cloneJson(this.#savedDraft);
        this.serverIssues = [];
        const time = new Intl.DateTimeFormat(this.#lang, { timeStyle: 'short' }).format(new Date());
        this.notice = { key: 'saved', params: { time }, kind: 'success' };
        this.#announcer.announce(this.#t('saved', { time }));
        void this.#loadHistory(pocId);
        return true;
      }
      if (response.status === 401) {
        this.#sessionEnded();
        return false;
      }
      if (response.status === 400 && body?.error) {
        const issues = Array.isArray(body.issues) && body.issues.length
          ? body.issues.filter((i) => isRecord(i) && typeof i.field === 'string')
          : [{ field: body.error.field ?? 'profile', code: 'invalid_value' as const, message: body.error.message }];
        this.serverIssues = issues;
        this.notice = { key: 'saveRefused', kind: 'error' };
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#problems-heading')?.focus();
        return false;
      }
      this.notice = {
        key: response.status === 403 ? 'saveForbidden' : response.status === 404 ? 'saveNotFound' : 'saveFailed',
        kind: 'error',
      };
      return false;
    } catch {
      if (generation === this.#generation) this.notice = { key: 'saveFailed', kind: 'error' };
      return false;
    } finally {
      if (generation === this.#generation) this.saving = false;
    }
  }

  /**
   * Reads a chat-profile JSON file into the editor (a bare profile, or a studio export). Nothing
   * is saved: the document goes through the validator and its problems are listed.
   */
  async importFile(file: File): Promise<void> {
    if (this.profileState !== 'ready') return;
    const name = file.name || 'profile.json';
    if (file.size > MAX_IMPORT_BYTES) {
      this.notice = { key: 'importTooLarge', params: { file: name, max: MAX_IMPORT_BYTES / 1024 }, kind: 'error' };
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      this.notice = { key: 'importNotJson', params: { file: name }, kind: 'error' };
      return;
    }
    // A document with a `profile` and no profile fields of its own is a wrapper (a studio answer).
    if (isRecord(doc) && isRecord(doc.profile) && !('version' in doc) && !('theme' in doc)) doc = doc.profile;
    if (!isRecord(doc)) {
      this.notice = { key: 'importNotJson', params: { file: name }, kind: 'error' };
      return;
    }
    const undo = this.draft;
    this.draft = doc;
    this.serverIssues = [];
    const read = validateProfile(doc);
    const problems = blockingIssues(read.profile, read.issues).length;
    this.notice = problems
      ? { key: 'importedWithProblems', params: { file: name, count: problems }, kind: 'error', undo }
      : { key: 'imported', params: { file: name }, kind: 'success', undo };
  }

  // ---------------------------------------------------------------------------------------------
  // Handlers

  private async handleSignedIn(event: SignedInEvent): Promise<void> {
    this.#auth.signedIn(event.user);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#studio-heading')?.focus();
  }

  private handleSignOut(): void {
    if (this.#derived.dirty) this.pending = { kind: 'sign-out' };
    else void this.#signOut();
  }

  private handlePocChange(event: Event): void {
    const next = (event.target as HTMLSelectElement).value;
    if (next === this.pocId) return;
    if (this.#derived.dirty) {
      // The select shows the current POC again (live binding) until the question is answered.
      this.pending = { kind: 'switch', pocId: next };
      this.requestUpdate();
      return;
    }
    this.#choosePoc(next);
  }

  private handleDiscard(): void {
    const action = this.pending;
    this.pending = null;
    this.dialog?.close();
    if (action?.kind === 'switch') this.#choosePoc(action.pocId);
    else if (action?.kind === 'sign-out') void this.#signOut();
  }

  private handleKeepEditing(): void {
    this.pending = null;
    this.dialog?.close();
  }

  /** Escape, or the dialog closed any other way: nothing is discarded. */
  private handleDialogClose(): void {
    // `close` is queued: by now the dialog may be open again with a new question.
    if (!this.dialog?.open) this.pending = null;
  }

  private handleDraftInput(event: Event): void {
    const editor = event.currentTarget as ParleyStudioEditor;
    this.draft = editor.value;
    this.serverIssues = [];
    // An edit makes "Saved" stale and "Undo" surprising (it would drop the edit too); errors stay.
    if (this.notice && !this.saving && (this.notice.undo || this.notice.kind !== 'error')) this.notice = null;
  }

  private handleKeydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's' && this.#auth.state === 'signed-in' && !this.pending) {
      event.preventDefault();
      void this.save();
    }
  }

  private handleSaveClick(): void {
    void this.save();
  }

  private handleApplyPreset(): void {
    const preset = this.presets.find((p) => p.id === this.presetId);
    if (!preset || this.profileState !== 'ready') return;
    const { profile } = validateProfile(preset.profile);
    const before = this.draft;
    // The look only: colours, font, corners, spacing, sizes and the launcher's look. Texts,
    // forms and behaviour stay; so do where the launcher sits and its stacking level, which
    // depend on the website rather than on taste.
    const zIndex = getIn(before, 'theme.zIndex');
    const position = getIn(before, 'launcher.position');
    let next = setIn(before, 'theme', { ...profile.theme, ...(zIndex !== undefined ? { zIndex } : {}) });
    next = setIn(next, 'launcher', { ...profile.launcher, ...(position !== undefined ? { position } : {}) });
    this.draft = next;
    this.serverIssues = [];
    this.notice = { key: 'presetApplied', params: { name: preset.name }, kind: 'success', undo: before };
  }

  private handleUndo(): void {
    const undo = this.notice?.undo;
    if (!undo) return;
    this.draft = undo;
    this.serverIssues = [];
    this.notice = { key: 'undone', kind: 'info' };
  }

  private handleImportClick(): void {
    if (this.profileState !== 'ready') return;
    this.renderRoot.querySelector<HTMLInputElement>('#import-file')?.click();
  }

  private async handleImportChange(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared, so choosing the same file again imports it again.
    input.value = '';
    if (file) await this.importFile(file);
  }

  private handleExport(): void {
    if (this.profileState !== 'ready' || !this.pocId) return;
    const file = `parley-profile-${this.pocId}.json`;
    const blob = new Blob([`${JSON.stringify(this.draft, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.notice = { key: 'exported', params: { file }, kind: 'success' };
  }

  private handleCleanUp(): void {
    const undo = this.draft;
    this.draft = cloneJson(this.#derived.validation.profile) as unknown as Draft;
    this.serverIssues = [];
    this.notice = { key: 'cleanedUp', kind: 'success', undo };
  }

  private handleGoTo(field: string): void {
    void this.editor?.focusField(field);
  }

  private handleGoToPreview(): void {
    const heading = this.renderRoot.querySelector<HTMLElement>('#preview-heading');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  }

  private handleRetryPocs(): void {
    void this.#loadPocs();
  }

  private handleRetryProfile(): void {
    if (this.pocId) void this.#loadProfile(this.pocId);
  }

  // ---------------------------------------------------------------------------------------------
  // Server

  /** Channel of the chosen POC: its form is edited and previewed accordingly. */
  get #channel(): StudioPocChannel {
    return this.pocs.find((p) => p.id === this.pocId)?.channel ?? 'chat';
  }

  /** The Parley server: the `server` attribute, else the page's own origin. */
  get #origin(): string {
    return this.server || globalThis.location.origin;
  }

  #url(path: string): string {
    return new URL(`${API_PREFIX}${path}`, this.#origin).toString();
  }

  async #get<T>(path: string): Promise<{ status: number; body: T | null }> {
    const response = await staffFetch(this.#origin, this.#url(path));
    const body = (await response.json().catch(() => null)) as T | null;
    return { status: response.status, body };
  }

  #startStudio(): void {
    void this.#loadPocs();
    void this.#loadPresets();
    void this.#loadSkills();
  }

  /** The server said 401: back to the sign-in form, keeping the unsaved work for after it. */
  #sessionEnded(): void {
    this.#generation += 1;
    this.saving = false;
    this.notice = null;
    this.#auth.expired();
  }

  #signOut(): Promise<void> {
    return this.#auth.signOut(() => this.#reset());
  }

  /** Forgets everything held for the signed-in user. */
  #reset(): void {
    this.#generation += 1;
    this.pocs = [];
    this.pocsState = 'idle';
    this.pocId = null;
    this.profileState = 'idle';
    this.stored = null;
    this.draft = {};
    this.#savedDraft = {};
    this.serverIssues = [];
    this.saving = false;
    this.notice = null;
    this.presets = [];
    this.skills = null;
    this.skillsState = 'idle';
    this.history = null;
    this.historyFailed = false;
    this.pending = null;
  }

  /** A failed call: a 401 or 403 ends the studio session; anything else is the caller's. */
  #authFailure(status: number): boolean {
    if (status === 401) {
      this.#sessionEnded();
      return true;
    }
    if (status === 403) {
      this.#reset();
      this.#auth.refused();
      return true;
    }
    return false;
  }

  async #loadPocs(): Promise<void> {
    const generation = this.#generation;
    this.pocsState = 'loading';
    try {
      const { status, body } = await this.#get<{ pocs?: StudioPoc[] }>('/studio/pocs');
      if (generation !== this.#generation) return;
      if (this.#authFailure(status)) return;
      if (status !== 200 || !Array.isArray(body?.pocs)) throw new Error(`pocs: ${status}`);
      // A server that predates work-item forms lists chats only, without a channel.
      this.pocs = body.pocs.map((p) => ({ ...p, channel: p.channel === 'workitem' ? 'workitem' : 'chat' }));
      this.pocsState = 'ready';
      // Back from an expired session on the same POC: the unsaved draft stays.
      const kept = this.pocId && this.stored?.poc.id === this.pocId && this.pocs.some((p) => p.id === this.pocId);
      if (kept) return;
      // A chat first: the studio opens where most of the work is.
      const first = this.pocs.find((p) => p.active && p.channel === 'chat') ?? this.pocs.find((p) => p.active) ?? this.pocs[0];
      if (first) this.#choosePoc(first.id);
    } catch {
      if (generation === this.#generation) this.pocsState = 'error';
    }
  }

  async #loadPresets(): Promise<void> {
    const generation = this.#generation;
    try {
      const { status, body } = await this.#get<{ presets?: StudioPreset[] }>('/studio/presets');
      if (generation !== this.#generation || status !== 200 || !Array.isArray(body?.presets)) return;
      this.presets = body.presets;
      if (!this.presets.some((p) => p.id === this.presetId)) this.presetId = (this.presets.find((p) => p.id === 'default') ?? this.presets[0])?.id ?? '';
    } catch {
      // Presets are a convenience: without them the select is simply not offered.
    }
  }

  async #loadSkills(): Promise<void> {
    const generation = this.#generation;
    // Signed in again after an expired session: the list already held stays in use.
    if (this.skillsState !== 'ready') this.skillsState = 'loading';
    try {
      const { status, body } = await this.#get<{ skills?: StudioSkill[] }>('/studio/skills');
      if (generation !== this.#generation) return;
      if (this.#authFailure(status)) return;
      if (status !== 200 || !Array.isArray(body?.skills)) throw new Error(`skills: ${status}`);
      this.skills = body.skills;
      this.skillsState = 'ready';
    } catch {
      // Without the list the form asks for a skill id, and the server still checks it on save.
      if (generation === this.#generation && this.skillsState !== 'ready') this.skillsState = 'error';
    }
  }

  #choosePoc(pocId: string): void {
    this.pocId = pocId;
    void this.#loadProfile(pocId);
  }

  async #loadProfile(pocId: string): Promise<void> {
    const generation = this.#generation;
    const mine = ++this.#profileGeneration;
    this.profileState = 'loading';
    this.stored = null;
    this.notice = null;
    this.serverIssues = [];
    this.history = null;
    this.historyFailed = false;
    try {
      const { status, body } = await this.#get<StudioProfile>(`/studio/pocs/${encodeURIComponent(pocId)}/profile`);
      if (generation !== this.#generation || mine !== this.#profileGeneration) return;
      if (this.#authFailure(status)) return;
      if (status !== 200 || !body?.profile) throw new Error(`profile: ${status}`);
      this.stored = body;
      this.#savedDraft = cloneJson(body.profile) as unknown as Draft;
      this.#lastPreview = body.profile;
      this.profileState = 'ready';
      this.draft = cloneJson(this.#savedDraft);
      const loaded = validateProfile(this.draft);
      this.#announcedProblems = blockingIssues(loaded.profile, loaded.issues).length;
      void this.#loadHistory(pocId);
    } catch {
      if (generation === this.#generation && mine === this.#profileGeneration) this.profileState = 'error';
    }
  }

  async #loadHistory(pocId: string): Promise<void> {
    const generation = this.#generation;
    try {
      const { status, body } = await this.#get<{ entries?: HistoryEntry[] }>(`/studio/pocs/${encodeURIComponent(pocId)}/profile/history`);
      if (generation !== this.#generation || pocId !== this.pocId) return;
      if (this.#authFailure(status)) return;
      if (status !== 200 || !Array.isArray(body?.entries)) throw new Error(`history: ${status}`);
      this.history = body.entries;
      this.historyFailed = false;
    } catch {
      if (generation === this.#generation && pocId === this.pocId) this.historyFailed = true;
    }
  }

  /** Says how many problems block saving once typing pauses, when that number changed. */
  #scheduleProblemAnnouncement(): void {
    if (this.#announceTimer) clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      this.#announceTimer = null;
      const count = this.#derived.blocking.length;
      if (count === this.#announcedProblems || this.profileState !== 'ready') return;
      this.#announcedProblems = count;
      const t = this.#t;
      this.#announcer.announce(count === 0 ? t('announceNoProblems') : count === 1 ? t('announceOneProblem') : t('announceProblems', { count }));
    }, ANNOUNCE_DELAY_MS);
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    return html`
      <div class="root" part="base" lang=${this.#lang} @keydown=${this.handleKeydown}>
        ${this.#auth.state === 'checking'
          ? html`<p class="checking" role="status">${this.#t('checkingSession')}</p>`
          : this.#auth.state === 'signed-in'
            ? this.renderStudio()
            : this.renderSignIn()}
        ${this.renderDialog()} ${this.#announcer.render()}
      </div>
    `;
  }

  private renderSignIn(): TemplateResult {
    const t = this.#t;
    return html`<parley-sign-in
      server=${this.server}
      locale=${this.#lang}
      heading=${t('signInHeading')}
      notice=${this.#auth.notice ? t(this.#auth.notice) : ''}
      refusal=${t('notAllowed')}
      .permission=${EDITOR_PERMISSION}
      .error=${this.#auth.error}
      @signed-in=${this.handleSignedIn}
    ></parley-sign-in>`;
  }

  private renderStudio(): TemplateResult {
    const t = this.#t;
    return html`
      <header class="topbar">
        <h1 id="studio-heading" tabindex="-1"><span class="brand">Parley</span> ${t('studioHeading')}</h1>
        <div class="user">
          <p>${t('signedInAs', { name: this.#auth.user?.displayName ?? '' })}</p>
          <button type="button" @click=${this.handleSignOut}>${t('signOut')}</button>
        </div>
      </header>
      ${this.renderToolbar()}
      <div class="notices">
        <div class="notice" role="status">${this.notice && this.notice.kind !== 'error' ? this.renderNotice(this.notice) : nothing}</div>
        <div class="notice error" role="alert">${this.notice?.kind === 'error' ? this.renderNotice(this.notice) : nothing}</div>
      </div>
      <main class="workspace">${this.renderWorkspace()}</main>
    `;
  }

  private renderNotice(notice: Notice): TemplateResult {
    return html`<p>${this.#t(notice.key, notice.params)}</p>
      ${notice.undo ? html`<button type="button" @click=${this.handleUndo}>${this.#t('undo')}</button>` : nothing}`;
  }

  private renderToolbar(): TemplateResult {
    const t = this.#t;
    const ready = this.profileState === 'ready';
    const blocked = this.#derived.blocking.length;
    const explanation = this.saving
      ? t('saving')
      : !ready
        ? ''
        : blocked
          ? blocked === 1
            ? t('blockedOne')
            : t('blocked', { count: blocked })
          : this.#derived.dirty
            ? t('unsaved')
            : t('nothingToSave');
    const saveDisabled = !ready || this.saving || blocked > 0 || !this.#derived.dirty;
    const preset = this.presets.find((p) => p.id === this.presetId);
    return html`<div class="toolbar" part="toolbar" role="group" aria-label=${t('studioHeading')}>
      <div class="field poc">
        <label for="poc">${t('poc')}</label>
        ${this.pocsState === 'error'
          ? html`<p class="error">${t('pocsFailed')} <button type="button" @click=${this.handleRetryPocs}>${t('retry')}</button></p>`
          : html`<select id="poc" .value=${live(this.pocId ?? '')} ?disabled=${this.pocsState !== 'ready' || !this.pocs.length} @change=${this.handlePocChange}>
              ${(['chat', 'workitem'] as const).map((channel) => {
                const pocs = this.pocs.filter((p) => p.channel === channel);
                return pocs.length
                  ? html`<optgroup label=${t(`pocGroup.${channel}`)}>
                      ${pocs.map((p) => html`<option value=${p.id} ?selected=${p.id === this.pocId}>${p.active ? p.name : t('pocInactive', { name: p.name })}</option>`)}
                    </optgroup>`
                  : nothing;
              })}
            </select>`}
      </div>
      ${this.presets.length
        ? html`<div class="field preset">
            <label for="preset">${t('preset')}</label>
            <div class="inline">
              <select
                id="preset"
                aria-describedby="preset-hint"
                .value=${live(this.presetId)}
                @change=${(e: Event) => (this.presetId = (e.target as HTMLSelectElement).value)}
              >
                ${this.presets.map((p) => html`<option value=${p.id} ?selected=${p.id === this.presetId}>${p.name}</option>`)}
              </select>
              <button type="button" aria-disabled=${ready ? 'false' : 'true'} aria-describedby="preset-hint" @click=${this.handleApplyPreset}>
                ${t('applyPreset')}
              </button>
            </div>
            <p id="preset-hint" class="hint">${preset?.description ? `${preset.description} ` : ''}${t('presetHint')}</p>
          </div>`
        : nothing}
      <div class="files">
        <button type="button" aria-disabled=${ready ? 'false' : 'true'} @click=${this.handleImportClick}>${t('importJson')}</button>
        <input id="import-file" type="file" accept="application/json,.json" hidden @change=${this.handleImportChange} />
        <button type="button" aria-disabled=${ready ? 'false' : 'true'} @click=${this.handleExport}>${t('exportJson')}</button>
        ${ready ? html`<button type="button" class="to-preview" @click=${this.handleGoToPreview}>${t('goToPreview')}</button>` : nothing}
      </div>
      <div class="save">
        <button
          type="button"
          class="primary"
          aria-disabled=${saveDisabled ? 'true' : 'false'}
          aria-describedby="save-explanation"
          aria-keyshortcuts="Control+S Meta+S"
          @click=${this.handleSaveClick}
        >
          ${this.saving ? t('saving') : t('save')}
        </button>
        <p id="save-explanation" class="save-explanation ${blocked ? 'blocked' : this.#derived.dirty ? 'dirty' : ''}">${explanation}</p>
      </div>
    </div>`;
  }

  private renderWorkspace(): TemplateResult {
    const t = this.#t;
    if (this.pocsState === 'loading' || this.pocsState === 'idle') return html`<p class="placeholder" role="status">${t('loadingPocs')}</p>`;
    if (this.pocsState === 'ready' && !this.pocs.length) return html`<p class="placeholder">${t('noPocs')}</p>`;
    if (this.profileState === 'error') {
      return html`<div class="placeholder" role="alert">
        <p>${t('profileFailed')}</p>
        <button type="button" @click=${this.handleRetryProfile}>${t('retry')}</button>
      </div>`;
    }
    // The skills come with the profile: a form that switched from ids to a list would jump.
    if (this.profileState !== 'ready' || this.skillsState === 'loading' || this.skillsState === 'idle') {
      return html`<p class="placeholder" role="status">${t('loadingProfile')}</p>`;
    }
    return html`
      <div class="form-column">
        ${this.renderProblems()}
        <parley-studio-editor
          .value=${this.draft}
          .profile=${this.#derived.validation.profile}
          .issues=${this.#derived.issues}
          .skills=${this.skills}
          .pocs=${this.pocs}
          channel=${this.#channel}
          locale=${this.#lang}
          @input=${this.handleDraftInput}
        ></parley-studio-editor>
      </div>
      <div class="side-column">
        ${this.renderPreview()}
        <section class="card history" aria-labelledby="history-heading">
          <h2 id="history-heading">${t('historyHeading')}</h2>
          <parley-studio-history .entries=${this.history} ?failed=${this.historyFailed} locale=${this.#lang}></parley-studio-history>
        </section>
      </div>
    `;
  }

  private renderProblems(): TemplateResult | typeof nothing {
    const t = this.#t;
    const blocking = this.#derived.blocking;
    const warnings = this.#derived.issues.filter((i) => !blocking.includes(i));
    if (!blocking.length && !warnings.length) return nothing;
    // A setting the form has a control for on this kind of POC; the others can only be cleaned up.
    const reachable = (field: string) => isNamedField(field) && editsField(this.#channel, field);
    const item = (issue: ProfileIssue) => html`<li>
      ${reachable(issue.field)
        ? html`<button type="button" class="link" @click=${() => this.handleGoTo(issue.field)}>${fieldName(t, issue.field)}</button>`
        : html`<strong>${fieldName(t, issue.field)}</strong>`}
      — ${issueText(t, issue, this.#derived.validation.profile, getIn(this.draft, issue.field))}
    </li>`;
    const unreachable = blocking.some((i) => i.code === 'unknown_field' || !reachable(i.field));
    return html`
      ${blocking.length
        ? html`<section class="problems" aria-labelledby="problems-heading">
            <h2 id="problems-heading" tabindex="-1">${`${t('problemsHeading')} (${blocking.length})`}</h2>
            <ul>
              ${blocking.slice(0, MAX_LISTED).map(item)}
              ${blocking.length > MAX_LISTED ? html`<li>…</li>` : nothing}
            </ul>
            ${unreachable
              ? html`<div class="inline">
                  <button type="button" aria-describedby="cleanup-hint" @click=${this.handleCleanUp}>${t('cleanUp')}</button>
                  <p id="cleanup-hint" class="hint">${t('cleanUpHint')}</p>
                </div>`
              : nothing}
          </section>`
        : nothing}
      ${warnings.length
        ? html`<section class="warnings" aria-labelledby="warnings-heading">
            <h2 id="warnings-heading">${t('warningsHeading')}</h2>
            <ul>
              ${warnings.slice(0, MAX_LISTED).map(item)}
            </ul>
          </section>`
        : nothing}
    `;
  }

  private renderPreview(): TemplateResult {
    const t = this.#t;
    const profile = this.#derived.preview;
    const mode = profile.theme.mode;
    const form = this.#channel === 'workitem';
    const height = this.previewNarrow ? 720 : form ? FORM_STAGE_HEIGHT : Math.max(560, profile.theme.panelHeight + profile.launcher.offsetY + 100);
    const width = this.previewNarrow ? NARROW_WIDTH : form ? FORM_STAGE_WIDTH : profile.theme.panelWidth + profile.launcher.offsetX + 40;
    const radios = <T extends string>(name: string, legend: string, value: T, choices: readonly (readonly [T, string])[], set: (v: T) => void) =>
      html`<fieldset class="segmented">
        <legend>${legend}</legend>
        ${choices.map(
          ([v, label]) => html`<label
            ><input type="radio" name=${name} value=${v} .checked=${live(v === value)} @change=${() => set(v)} /><span>${label}</span></label
          >`,
        )}
      </fieldset>`;
    return html`<section class="card preview" part="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading" tabindex="-1">${t('previewHeading')}</h2>
      <p class="hint">${t(form ? 'previewFormNote' : 'previewNote')}</p>
      <div class="preview-controls">
        ${radios('preview-scheme', t('previewScheme'), this.previewScheme, [['light', t('previewLight')], ['dark', t('previewDark')]], (v) => (this.previewScheme = v))}
        ${radios('preview-width', t('previewWidth'), this.previewNarrow ? 'narrow' : 'wide', [['wide', t('previewWide')], ['narrow', t('previewNarrow')]], (v) => (this.previewNarrow = v === 'narrow'))}
        ${radios('preview-locale', t('previewLanguage'), this.previewLocale, PROFILE_LOCALES.map((l) => [l, t(`language.${l}`)] as const), (v) => (this.previewLocale = v))}
        ${form
          ? nothing
          : radios('preview-screen', t('previewScreen'), this.previewScreen, [
              ['conversation', t('previewConversation')],
              ['prechat', t('previewPrechat')],
              ['closed', t('previewClosed')],
            ], (v) => (this.previewScreen = v))}
      </div>
      ${mode !== 'auto' && mode !== this.previewScheme
        ? html`<p class="hint fixed-mode">${t('previewFixedMode', { mode: t(`mode.${mode}`) })}</p>`
        : nothing}
      <div class="stage-scroll">
        <div
          class="stage ${this.previewNarrow ? 'narrow' : 'wide'} ${this.previewScheme} ${form ? 'form' : ''}"
          ${cssProps({ '--_stage-height': `${height}px`, '--_stage-min-width': `${width}px` })}
        >
          ${form
            ? // The real form, handed the profile: no POC, so it loads nothing and can file nothing.
              html`<parley-work-item preview .profile=${profile} locale=${this.previewLocale} color-scheme=${this.previewScheme}></parley-work-item>`
            : html`<parley-chat
                preview
                .profile=${profile}
                color-scheme=${this.previewScheme}
                locale=${this.previewLocale}
                preview-screen=${this.previewScreen === 'prechat' ? 'prechat' : 'conversation'}
                ?offline=${this.previewScreen === 'closed'}
              ></parley-chat>`}
        </div>
      </div>
    </section>`;
  }

  private renderDialog(): TemplateResult {
    const t = this.#t;
    const pending = this.pending;
    const current = this.stored?.poc.name ?? '';
    const next = pending?.kind === 'switch' ? (this.pocs.find((p) => p.id === pending.pocId)?.name ?? '') : '';
    return html`<dialog aria-labelledby="confirm-heading" aria-describedby="confirm-body" @close=${this.handleDialogClose}>
      ${pending
        ? html`<h2 id="confirm-heading">${t('confirmHeading')}</h2>
            <p id="confirm-body">${pending.kind === 'switch' ? t('confirmSwitch', { poc: current, next }) : t('confirmSignOut', { poc: current })}</p>
            <div class="dialog-actions">
              <button type="button" class="primary" autofocus @click=${this.handleKeepEditing}>${t('keepEditing')}</button>
              <button type="button" class="danger" @click=${this.handleDiscard}>${t('discard')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-studio': ParleyStudio;
  }
}
