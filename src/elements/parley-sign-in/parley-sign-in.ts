import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { signInCatalogue, type SignInKey } from '../../core/catalogues/sign-in.js';
import { resolveLocale, translator, type Translate } from '../../core/i18n.js';
import { mayUse, signIn, type SignInFailure } from '../../core/staff-auth.js';
import type { Permission, StaffUser } from '../../protocol/index.js';
import { ParleyElement } from '../base/parley-element.js';
import { controls, palette } from '../parley-agent-console/parley-agent-console.styles.js';
import { styles } from './parley-sign-in.styles.js';

/** Internal (bubbles, not composed): a staff member of an allowed role signed in. */
export class SignedInEvent extends Event {
  static readonly eventName = 'signed-in';
  constructor(readonly user: StaffUser) {
    super(SignedInEvent.eventName, { bubbles: true });
  }
}

/** What the form's alert says: a failed sign-in, or `refused` for an account of another role. */
export type SignInError = SignInFailure | 'refused';

/**
 * The staff sign-in form of the agent console, the chat-profile studio and the admin pages: a native `<form>` with
 * "Username" and "Password" (autofill-ready), "Sign in", one alert for what went wrong and a
 * polite status for why the form shows and for progress.
 *
 * It signs in through core (`signIn`), checks that the account's role holds `permission`, and hands the
 * user to its host in a `signed-in` event; the host owns everything after that, and the session
 * check before it. After a failure the caret goes back to the field to correct (the password
 * after a wrong password). An account without the permission stays signed in on the server, as
 * any staff session would, and is told `refusal`; the host's own calls are refused anyway.
 *
 * @tagname parley-sign-in
 *
 * @csspart base - The area the card is centred in.
 * @cssprop --parley-color-brand - Accent colour (Sign in button, the Parley name).
 * @cssprop --parley-color-on-brand - Text on the accent colour.
 * @cssprop --parley-font-family - Font of the form.
 * @cssprop --parley-radius - Corner radius of the card and its controls.
 * @fires signed-in - Internal, bubbles within the host: `SignedInEvent` with the `user`.
 */
export class ParleySignIn extends ParleyElement {
  // One sheet: the base class types `styles` as a single CSSResult, so subclasses cannot pass an array.
  static override styles = css`${ParleyElement.styles}${palette}${controls}${styles}`;

  /** Origin of the Parley server; defaults to the page's own origin. */
  @property() server = '';
  /** Language of the form (`en`, `fr`); defaults to the browser's. */
  @property() locale = '';
  /** The form's heading, in the host's language ("Sign in to the agent console"). */
  @property() heading = '';
  /** Why the form shows, if anything needs saying ("You are signed out."): a polite status. */
  @property() notice = '';
  /** The permission needed to sign in here; an account without it is refused. Null: any staff member. */
  @property({ attribute: false }) permission: Permission | null = null;
  /** What an account of another role is told, in the host's language. */
  @property() refusal = '';
  /** What went wrong, shown as an alert. The form sets it; the host may too (after its session check). */
  @property() error: SignInError | null = null;

  /** A sign-in request is on its way. */
  @state() private busy = false;
  /** With `too_many_attempts`: the seconds the server said to wait, if it said. */
  @state() private retryAfter: number | null = null;

  #t: Translate<SignInKey> = translator(signInCatalogue, 'en');
  #lang = 'en';
  /** Bumped when an answer in flight no longer matters (disconnected, another server). */
  #generation = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#generation += 1;
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('locale')) {
      this.#lang = resolveLocale([this.locale, globalThis.navigator?.language], Object.keys(signInCatalogue));
      this.#t = translator(signInCatalogue, this.#lang);
    }
    if (changed.has('server') && changed.get('server') !== undefined) {
      this.#generation += 1;
      this.busy = false;
    }
  }

  /** Puts the caret in "Username". */
  override focus(options?: FocusOptions): void {
    this.#field('username')?.focus(options);
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    // `required` stops empty fields; a username of spaces only gets here.
    if (!username || !password) {
      this.error = 'missing_field';
      this.#field(username ? 'password' : 'username')?.focus();
      return;
    }
    const generation = ++this.#generation;
    this.busy = true;
    this.error = null;
    this.retryAfter = null;
    const result = await signIn(this.server || globalThis.location.origin, username, password);
    if (generation !== this.#generation) return;
    this.busy = false;
    if (result.ok && mayUse(result.user, this.permission)) {
      this.dispatchEvent(new SignedInEvent(result.user));
      return;
    }
    this.error = result.ok ? 'refused' : result.reason;
    this.retryAfter = !result.ok && result.retryAfter !== undefined ? result.retryAfter : null;
    await this.updateComplete;
    const retry = this.#field(this.error === 'invalid_credentials' || (!result.ok && result.field === 'password') ? 'password' : 'username');
    retry?.focus();
    retry?.select();
  }

  #field(name: 'username' | 'password'): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>(`#${name}`) ?? null;
  }

  #errorText(error: SignInError): string {
    const t = this.#t;
    switch (error) {
      case 'invalid_credentials':
        return t('invalidCredentials');
      case 'missing_field':
        return t('missingField');
      case 'too_many_attempts':
        if (this.retryAfter === null) return t('tooManyAttempts');
        return this.retryAfter === 1 ? t('tooManyAttemptsOneSecond') : t('tooManyAttemptsSeconds', { seconds: this.retryAfter });
      case 'unreachable':
        return t('serverUnreachable');
      case 'refused':
        return this.refusal || t('refused');
      default:
        return t('signInFailed');
    }
  }

  protected override render() {
    const t = this.#t;
    const busy = this.busy;
    const invalid = this.error === 'invalid_credentials' || this.error === 'missing_field';
    return html`
      <main class="root" part="base" lang=${this.#lang}>
        <form aria-labelledby="signin-heading" aria-busy=${busy ? 'true' : 'false'} @submit=${this.handleSubmit}>
          <p class="brand">Parley</p>
          <h1 id="signin-heading">${this.heading}</h1>
          <p class="status muted" role="status">${this.notice || nothing}</p>
          <div class="field">
            <label for="username">${t('username')}</label>
            <input
              id="username"
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck="false"
              maxlength="200"
              required
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby="signin-error"
            />
          </div>
          <div class="field">
            <label for="password">${t('password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              maxlength="200"
              required
              aria-invalid=${invalid ? 'true' : 'false'}
              aria-describedby="signin-error"
            />
          </div>
          <p id="signin-error" class="error" role="alert">${this.error ? this.#errorText(this.error) : nothing}</p>
          <button type="submit" class="primary" aria-disabled=${busy ? 'true' : 'false'}>${t('signIn')}</button>
          <p class="status muted" role="status">${busy ? t('signingIn') : nothing}</p>
        </form>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-sign-in': ParleySignIn;
  }
}
