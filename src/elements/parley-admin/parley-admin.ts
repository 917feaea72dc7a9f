import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { adminCatalogue, type AdminKey } from '../../core/catalogues/admin.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import type { Permission, StaffUser } from '../../protocol/index.js';
import { StaffAuthController } from '../../controllers/staff-auth-controller.js';
import { ParleyElement } from '../base/parley-element.js';
import { controls, palette, staffTopbar } from '../parley-agent-console/parley-agent-console.styles.js';
import { ParleySignIn, type SignedInEvent } from '../parley-sign-in/parley-sign-in.js';
import { ParleyAdminAudit } from '../parley-admin-audit/parley-admin-audit.js';
import { ParleyAdminNumbers } from '../parley-admin-numbers/parley-admin-numbers.js';
import { ParleyAdminPoc } from '../parley-admin-poc/parley-admin-poc.js';
import { ParleyAdminPocs } from '../parley-admin-pocs/parley-admin-pocs.js';
import { ParleyAdminScripts } from '../parley-admin-scripts/parley-admin-scripts.js';
import { ParleyAdminSkills } from '../parley-admin-skills/parley-admin-skills.js';
import { SessionEndedEvent } from './admin-section.js';
import { styles } from './parley-admin.styles.js';

/** The sections, in the navigation's order, with the permission each needs and its element. */
export const ADMIN_SECTIONS = [
  { id: 'pocs', permission: 'poc.view', tag: 'parley-admin-pocs' },
  { id: 'skills', permission: 'poc.view', tag: 'parley-admin-skills' },
  { id: 'scripts', permission: 'poc.view', tag: 'parley-admin-scripts' },
  { id: 'numbers', permission: 'poc.view', tag: 'parley-admin-numbers' },
  { id: 'people', permission: 'people.manage', tag: 'parley-admin-people' },
  { id: 'roles', permission: 'people.manage', tag: 'parley-admin-roles' },
  { id: 'tokens', permission: 'token.manage', tag: 'parley-admin-tokens' },
  { id: 'bulk', permission: 'poc.view', tag: 'parley-admin-bulk' },
] as const satisfies readonly { id: string; permission: Permission; tag: string }[];

export type AdminSectionId = (typeof ADMIN_SECTIONS)[number]['id'];

/** Where the page is: a section, and within points of contact the creation form or one POC. */
export interface AdminRoute {
  section: AdminSectionId;
  /** `new`, or the id of one point of contact (section `pocs` only). */
  detail: string | null;
}

/** The route an address hash names (`#pocs/abc`); unknown hashes give null. */
export function parseAdminHash(hash: string): AdminRoute | null {
  const [head, ...rest] = hash.replace(/^#/, '').split('/');
  const section = ADMIN_SECTIONS.find((s) => s.id === head);
  if (!section) return null;
  const detail = section.id === 'pocs' && rest.length ? decodeURIComponent(rest.join('/')) : null;
  return { section: section.id, detail: detail || null };
}

/**
 * The administration pages: a staff member signs in (the account needs `poc.view`), then moves
 * between sections — points of contact, skills, scripts, phone numbers, people, roles, API tokens
 * and bulk files — each shown only to accounts holding its permission. The section is kept in the
 * address's hash (`#pocs`, `#pocs/<id>`, `#skills`…), so reloading and the back button work; after
 * a move the focus goes to the new section's heading.
 *
 * @tagname parley-admin
 *
 * @csspart base - The whole page.
 * @cssprop --parley-color-brand - Accent colour (buttons, links, the current section).
 * @cssprop --parley-color-on-brand - Text on the accent colour.
 * @cssprop --parley-font-family - Font of the pages.
 * @cssprop --parley-radius - Corner radius of cards and controls.
 */
export class ParleyAdmin extends ParleyElement {
  static override styles = css`${ParleyElement.styles}${palette}${controls}${staffTopbar}${styles}`;

  /** Registers the pages under `tag`, with the sign-in form and every section they render. */
  static override define(tag = 'parley-admin', registry: CustomElementRegistry = customElements): void {
    ParleySignIn.define('parley-sign-in', registry);
    ParleyAdminPocs.define('parley-admin-pocs', registry);
    ParleyAdminPoc.define('parley-admin-poc', registry);
    ParleyAdminAudit.define('parley-admin-audit', registry);
    ParleyAdminSkills.define('parley-admin-skills', registry);
    ParleyAdminScripts.define('parley-admin-scripts', registry);
    ParleyAdminNumbers.define('parley-admin-numbers', registry);
    super.define(tag, registry);
  }

  /** Checking the session, signed in or out; a signed-in user with `poc.view` gets the pages. */
  readonly #auth = new StaffAuthController(this, {
    permission: 'poc.view',
    origin: () => this.#origin,
    onSignedIn: () => this.#route(false),
  });

  /** Origin of the Parley server; defaults to the page's own origin. */
  @property() server = '';
  /** Language of the pages (`en`, `fr`); defaults to the browser's. */
  @property() locale = '';

  @state() private route: AdminRoute = { section: 'pocs', detail: null };

  #t: Translate<AdminKey> = translator(adminCatalogue, 'en');
  #lang = 'en';

  readonly #hashChange = (): void => this.#route(true);

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener?.('hashchange', this.#hashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener?.('hashchange', this.#hashChange);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      this.#lang = resolveLocale([this.locale, globalThis.navigator?.language], Object.keys(adminCatalogue));
      this.#t = translator(adminCatalogue, this.#lang);
    }
    if (changed.has('server') && changed.get('server') !== undefined && this.isConnected) void this.#auth.check();
  }

  /** The signed-in staff member, or null. */
  get user(): StaffUser | null {
    return this.#auth.state === 'signed-in' ? this.#auth.user : null;
  }

  /** The sections the signed-in user may open. */
  get sections(): AdminSectionId[] {
    const user = this.user;
    return ADMIN_SECTIONS.filter((s) => user?.permissions.includes(s.permission)).map((s) => s.id);
  }

  private async handleSignedIn(event: SignedInEvent): Promise<void> {
    this.#auth.signedIn(event.user);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#admin-heading')?.focus();
  }

  private handleSignOut(): void {
    void this.#auth.signOut();
  }

  private handleSessionEnded(event: Event): void {
    event.stopPropagation();
    if (this.#auth.state === 'signed-in') this.#auth.expired();
  }

  get #origin(): string {
    return this.server || globalThis.location.origin;
  }

  /**
   * Reads the hash into the route. An unknown hash, or a section the user may not open, shows the
   * first allowed section (the hash is rewritten without a new history entry). `focus`: a move
   * made by the person, so the focus follows it to the new section's heading.
   */
  #route(focus: boolean): void {
    const allowed = this.sections;
    const parsed = parseAdminHash(globalThis.location?.hash ?? '');
    const route = parsed && allowed.includes(parsed.section) ? parsed : { section: allowed[0] ?? 'pocs', detail: null };
    if (!parsed || parsed.section !== route.section) history.replaceState(history.state, '', `#${route.section}`);
    this.route = route;
    if (focus) void this.#focusSection();
  }

  async #focusSection(): Promise<void> {
    await this.updateComplete;
    const section = this.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('main > *');
    await section?.updateComplete;
    const heading = section?.shadowRoot?.querySelector<HTMLElement>('#heading');
    if (heading) heading.focus();
    else this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  protected override render() {
    return html`<div class="root" part="base" lang=${this.#lang} @session-ended=${this.handleSessionEnded}>
      ${this.#auth.state === 'checking'
        ? html`<p class="checking" role="status">${this.#t('checkingSession')}</p>`
        : this.#auth.state === 'signed-in' && this.#auth.user
          ? this.renderPages(this.#auth.user)
          : this.renderSignIn()}
    </div>`;
  }

  private renderSignIn(): TemplateResult {
    const t = this.#t;
    return html`<parley-sign-in
      server=${this.server}
      locale=${this.#lang}
      heading=${t('signInHeading')}
      notice=${this.#auth.notice ? t(this.#auth.notice) : ''}
      refusal=${t('notAllowed')}
      .permission=${'poc.view'}
      .error=${this.#auth.error}
      @signed-in=${this.handleSignedIn}
    ></parley-sign-in>`;
  }

  private renderPages(user: StaffUser): TemplateResult {
    const t = this.#t;
    const allowed = this.sections;
    return html`
      <header class="topbar">
        <h1 id="admin-heading" tabindex="-1"><span class="brand">Parley</span> ${t('adminHeading')}</h1>
        <div class="user">
          ${user.permissions.includes('profile.edit') ? html`<a href=${new URL('/studio', this.#origin).toString()}>${t('studioLink')}</a>` : nothing}
          <p>${t('signedInAs', { name: user.displayName })}</p>
          <button type="button" @click=${this.handleSignOut}>${t('signOut')}</button>
        </div>
      </header>
      <div class="layout">
        <nav aria-label=${t('sections')}>
          <ul>
            ${allowed.map(
              (id) => html`<li><a href="#${id}" aria-current=${this.route.section === id ? 'page' : nothing}>${t(`section.${id}`)}</a></li>`,
            )}
          </ul>
        </nav>
        <main tabindex="-1">${this.renderSection(user)}</main>
      </div>
    `;
  }

  private renderSection(user: StaffUser): TemplateResult {
    const { section, detail } = this.route;
    const server = this.#origin;
    switch (section) {
      case 'pocs':
        return detail && detail !== 'new'
          ? html`<parley-admin-poc .server=${server} .user=${user} locale=${this.#lang} poc-id=${detail}></parley-admin-poc>`
          : html`<parley-admin-pocs .server=${server} .user=${user} locale=${this.#lang} view=${detail === 'new' ? 'new' : 'list'}></parley-admin-pocs>`;
      case 'skills':
        return html`<parley-admin-skills .server=${server} .user=${user} locale=${this.#lang}></parley-admin-skills>`;
      case 'scripts':
        return html`<parley-admin-scripts .server=${server} .user=${user} locale=${this.#lang}></parley-admin-scripts>`;
      case 'numbers':
        return html`<parley-admin-numbers .server=${server} .user=${user} locale=${this.#lang}></parley-admin-numbers>`;
      case 'people':
        return this.renderExternal('parley-admin-people', html`<parley-admin-people .server=${server} .user=${user} locale=${this.#lang}></parley-admin-people>`);
      case 'roles':
        return this.renderExternal('parley-admin-roles', html`<parley-admin-roles .server=${server} .user=${user} locale=${this.#lang}></parley-admin-roles>`);
      case 'tokens':
        return this.renderExternal('parley-admin-tokens', html`<parley-admin-tokens .server=${server} .user=${user} locale=${this.#lang}></parley-admin-tokens>`);
      case 'bulk':
        return this.renderExternal('parley-admin-bulk', html`<parley-admin-bulk .server=${server} .user=${user} locale=${this.#lang}></parley-admin-bulk>`);
    }
  }

  /** A section defined by the bundle that loads the pages; a build without it says so. */
  private renderExternal(tag: string, template: TemplateResult): TemplateResult {
    return customElements.get(tag) ? template : html`<p class="card" id="heading" tabindex="-1">${this.#t('sectionUnavailable')}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin': ParleyAdmin;
  }
}
