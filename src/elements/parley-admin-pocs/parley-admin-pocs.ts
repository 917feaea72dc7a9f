import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { POC_CHANNELS, type AdminDnis, type AdminPoc, type AdminScript, type AdminSkill, type PocChannel, type PocInput } from '../../protocol/index.js';
import { AdminSection } from '../parley-admin/admin-section.js';
import { embedSnippet, isWebChannel, originsOf, renderPocFields } from '../parley-admin/poc-fields.js';

type LoadState = 'loading' | 'ready' | 'error';

/** Quiet time after typing in the search box before the list is asked for again. */
const SEARCH_DELAY_MS = 300;
const FORM = 'new';

/**
 * The points of contact of the tenant: a table (name, channel, id or address, skill, script,
 * active) filtered by channel, state and text, and the "New point of contact" form. A created chat
 * or work-item POC shows its id and the tag to paste in a website, with a copy button and a link
 * to the studio. Which view shows is the page's choice (`view`, from the address's hash).
 *
 * @tagname parley-admin-pocs
 *
 * @csspart base - The section.
 */
export class ParleyAdminPocs extends AdminSection {
  /** `list` (the table) or `new` (the creation form). */
  @property() view: 'list' | 'new' = 'list';

  @state() private pocs: readonly AdminPoc[] = [];
  @state() private pocsState: LoadState = 'loading';
  @state() private skills: readonly AdminSkill[] = [];
  @state() private scripts: readonly AdminScript[] = [];
  @state() private numbers: readonly AdminDnis[] = [];
  @state() private filterChannel: PocChannel | '' = '';
  @state() private filterActive: '' | 'true' | 'false' = '';
  @state() private filterText = '';
  /** The channel chosen in the creation form. */
  @state() private channel: PocChannel = 'chat';
  @state() private saving = false;
  /** The POC just created, shown with its id and snippet. */
  @state() private created: AdminPoc | null = null;
  @state() private copyState: 'idle' | 'copied' | 'failed' = 'idle';

  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  #listGeneration = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#loadRefs();
    void this.#loadPocs();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#listGeneration += 1;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('view') && changed.get('view') !== undefined) {
      this.created = null;
      this.clearProblem(FORM);
      if (this.view === 'list') void this.#loadPocs();
    }
  }

  /** Reads the lists again (after a change elsewhere on the page). */
  reload(): void {
    void this.#loadRefs();
    void this.#loadPocs();
  }

  private handleFilterChannel(event: Event): void {
    this.filterChannel = (event.target as HTMLSelectElement).value as PocChannel | '';
    void this.#loadPocs();
  }

  private handleFilterActive(event: Event): void {
    this.filterActive = (event.target as HTMLSelectElement).value as '' | 'true' | 'false';
    void this.#loadPocs();
  }

  private handleFilterText(event: Event): void {
    this.filterText = (event.target as HTMLInputElement).value;
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.#loadPocs(), SEARCH_DELAY_MS);
  }

  private handleChannel(event: Event): void {
    this.channel = (event.target as HTMLSelectElement).value as PocChannel;
    this.clearProblem(FORM);
  }

  private async handleCreate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const form = event.currentTarget as HTMLFormElement;
    if (!(await this.checkForm(FORM, form))) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body: PocInput = { name: text('name'), channel: this.channel, skillId: text('skillId'), scriptId: text('scriptId') };
    if (this.channel === 'email' || this.channel === 'phone') body.address = text('address');
    if (isWebChannel(this.channel)) {
      body.allowedOrigins = originsOf(text('allowedOrigins'));
      if (text('copyProfileFrom')) body.copyProfileFrom = text('copyProfileFrom');
    }
    this.saving = true;
    this.clearProblem(FORM);
    const result = await this.call<{ poc: AdminPoc }>('pocs', { method: 'POST', body });
    this.saving = false;
    if (!result.ok) {
      await this.refuse(FORM, result.error);
      return;
    }
    this.created = result.value.poc;
    this.copyState = 'idle';
    this.announcer.announce(this.t('pocCreated', { name: result.value.poc.name }));
    void this.#loadRefs();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#created-heading')?.focus();
  }

  private handleCreateAnother(): void {
    this.created = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#name')?.focus());
  }

  private async handleCopy(): Promise<void> {
    const snippet = this.renderRoot.querySelector<HTMLTextAreaElement>('#snippet');
    if (!snippet) return;
    try {
      await navigator.clipboard.writeText(snippet.value);
      this.copyState = 'copied';
    } catch {
      // No clipboard permission (an insecure origin, a policy): select it for Ctrl+C instead.
      snippet.focus();
      snippet.select();
      this.copyState = 'failed';
    }
  }

  async #loadRefs(): Promise<void> {
    const [skills, scripts, numbers] = await Promise.all([
      this.call<{ skills: AdminSkill[] }>('skills'),
      this.call<{ scripts: AdminScript[] }>('scripts'),
      this.call<{ numbers: AdminDnis[] }>('dnis'),
    ]);
    if (skills.ok) this.skills = skills.value.skills;
    if (scripts.ok) this.scripts = scripts.value.scripts;
    if (numbers.ok) this.numbers = numbers.value.numbers;
  }

  async #loadPocs(): Promise<void> {
    const generation = ++this.#listGeneration;
    this.pocsState = 'loading';
    const result = await this.call<{ pocs: AdminPoc[] }>('pocs', {
      query: { channel: this.filterChannel, active: this.filterActive, q: this.filterText.trim() },
    });
    if (generation !== this.#listGeneration) return;
    if (!result.ok) {
      this.pocsState = 'error';
      return;
    }
    this.pocs = result.value.pocs;
    this.pocsState = 'ready';
  }

  protected override render() {
    return html`<div class="root" part="base" lang=${this.language}>
      ${this.view === 'new' ? this.renderNew() : this.renderList()} ${this.announcer.render()}
    </div>`;
  }

  private renderList(): TemplateResult {
    const t = this.t;
    const count = this.pocs.length;
    const skillName = (id: string) => this.skills.find((s) => s.id === id)?.name ?? t('unknownRef', { id });
    const scriptName = (id: string) => this.scripts.find((s) => s.id === id)?.name ?? t('unknownRef', { id });
    return html`
      <div class="head">
        <h2 id="heading" tabindex="-1">${t('pocsHeading')}</h2>
        ${this.can('poc.create') ? html`<a class="button" href="#pocs/new">${t('newPoc')}</a>` : nothing}
      </div>
      <div class="filters" role="group" aria-label=${t('filters')}>
        <div class="field">
          <label for="filter-channel">${t('filterChannel')}</label>
          <select id="filter-channel" @change=${this.handleFilterChannel}>
            <option value="" ?selected=${this.filterChannel === ''}>${t('allChannels')}</option>
            ${POC_CHANNELS.map((c) => html`<option value=${c} ?selected=${this.filterChannel === c}>${t(`channel.${c}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-active">${t('filterStatus')}</label>
          <select id="filter-active" @change=${this.handleFilterActive}>
            <option value="" ?selected=${this.filterActive === ''}>${t('allStatuses')}</option>
            <option value="true" ?selected=${this.filterActive === 'true'}>${t('onlyActive')}</option>
            <option value="false" ?selected=${this.filterActive === 'false'}>${t('onlyInactive')}</option>
          </select>
        </div>
        <div class="field">
          <label for="filter-text">${t('filterSearch')}</label>
          <input id="filter-text" type="search" autocomplete="off" .value=${this.filterText} @input=${this.handleFilterText} />
        </div>
      </div>
      <p class="hint" role="status">
        ${this.pocsState === 'loading'
          ? html`<span class="spinner" aria-hidden="true"></span>${t('loading')}`
          : this.pocsState === 'ready'
            ? count === 1
              ? t('pocCountOne')
              : t('pocCount', { count })
            : nothing}
      </p>
      ${this.pocsState === 'error'
        ? html`<div class="alert" role="alert"><p>${t('loadFailed')} <button type="button" class="small" @click=${() => this.reload()}>${t('retry')}</button></p></div>`
        : nothing}
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="heading">
        <table aria-busy=${this.pocsState === 'loading' ? 'true' : 'false'}>
          <thead>
            <tr>
              <th scope="col">${t('col.name')}</th>
              <th scope="col">${t('col.channel')}</th>
              <th scope="col">${t('col.idAddress')}</th>
              <th scope="col">${t('col.skill')}</th>
              <th scope="col">${t('col.script')}</th>
              <th scope="col">${t('col.active')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.pocs.map(
              (p) => html`<tr>
                <th scope="row"><a href="#pocs/${encodeURIComponent(p.id)}">${p.name}</a></th>
                <td>${t(`channel.${p.channel}`)}</td>
                <td class="wrap"><code>${p.address ?? p.id}</code></td>
                <td>${skillName(p.skillId)}</td>
                <td>${scriptName(p.scriptId)}</td>
                <td><span class="badge ${p.active ? 'on' : 'off'}">${p.active ? t('active') : t('inactive')}</span></td>
              </tr>`,
            )}
            ${this.pocsState === 'ready' && !count ? html`<tr><td colspan="6">${t('noPocs')}</td></tr>` : nothing}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderNew(): TemplateResult {
    const t = this.t;
    return html`
      <div class="head">
        <h2 id="heading" tabindex="-1">${t('newPocHeading')}</h2>
        <a href="#pocs">${t('backToPocs')}</a>
      </div>
      ${this.created ? this.renderCreated(this.created) : this.renderForm()}
    `;
  }

  private renderForm(): TemplateResult {
    const t = this.t;
    const f = this.fieldsOf(FORM);
    const sources = this.pocs.filter((p) => p.channel === this.channel && p.profileId);
    if (!this.can('poc.create')) return html`<p>${t('error.forbidden')}</p>`;
    return html`<form class="card" novalidate aria-labelledby="heading" @submit=${this.handleCreate}>
      ${this.formAlert(FORM)}
      <div class="fields">
        <div class="field">
          <label for="name">${t('name')}</label>
          <input id="name" name="name" required maxlength="100" autocomplete="off"
            aria-invalid=${f.invalid('name') ? 'true' : 'false'} aria-describedby=${f.describedBy('name')} />
          ${f.error('name')}
        </div>
        <div class="field">
          <label for="channel">${t('channel')}</label>
          <select id="channel" name="channel" @change=${this.handleChannel} aria-invalid=${f.invalid('channel') ? 'true' : 'false'} aria-describedby=${f.describedBy('channel')}>
            ${POC_CHANNELS.map((c) => html`<option value=${c} ?selected=${c === this.channel}>${t(`channel.${c}`)}</option>`)}
          </select>
          ${f.error('channel')}
        </div>
        ${renderPocFields({ t, f, channel: this.channel, skills: this.skills, scripts: this.scripts, numbers: this.numbers, poc: null, disabled: false })}
        ${isWebChannel(this.channel)
          ? html`<div class="field">
              <label for="copyProfileFrom">${t('copyProfileFrom')} </label>
              <select id="copyProfileFrom" name="copyProfileFrom" aria-invalid=${f.invalid('copyProfileFrom') ? 'true' : 'false'} aria-describedby=${f.describedBy('copyProfileFrom', true)}>
                <option value="">${t('copyNone')}</option>
                ${sources.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
              </select>
              <p class="hint" id="copyProfileFrom-hint">${t('copyProfileFromHint')}</p>
              ${f.error('copyProfileFrom')}
            </div>`
          : nothing}
      </div>
      <div class="actions">${this.submitButton(t('createPoc'), t('creating'), this.saving)}</div>
    </form>`;
  }

  private renderCreated(poc: AdminPoc): TemplateResult {
    const t = this.t;
    const web = isWebChannel(poc.channel);
    return html`<div class="card success">
      <h3 id="created-heading" tabindex="-1">${t('pocCreated', { name: poc.name })}</h3>
      ${web
        ? html`<p>${t('pocCreatedId')}: <code id="created-id">${poc.id}</code></p>
            <div class="field">
              <label for="snippet">${t('embedSnippet')}</label>
              <textarea id="snippet" class="snippet" readonly rows="3" spellcheck="false" aria-describedby="snippet-hint" .value=${embedSnippet(this.origin, poc)}></textarea>
              <p class="hint" id="snippet-hint">${t('embedHint')}</p>
            </div>
            <div class="actions">
              <button type="button" @click=${this.handleCopy}>${t('copy')}</button>
              <span role="status">${this.copyState === 'copied' ? t('copied') : this.copyState === 'failed' ? t('copyFailed') : ''}</span>
            </div>
            <p><a href="${new URL('/studio', this.origin).toString()}">${t('styleInStudio')}</a></p>`
        : nothing}
      <div class="actions">
        <a href="#pocs/${encodeURIComponent(poc.id)}">${t('openPoc')}</a>
        <button type="button" @click=${this.handleCreateAnother}>${t('createAnother')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-pocs': ParleyAdminPocs;
  }
}
