/**
 * The staff sign-in state of an app (agent console, studio): checking the session cookie when the
 * app appears, signed in, signed out (by the person, or because the session ended), and signing
 * out. The app renders `<parley-sign-in>` from `state`, `error` and `notice`, and starts or stops
 * its own work in `onSignedIn`.
 *
 * Invariants:
 * - Only the latest check counts: a new check, a sign-in, a sign-out or the host leaving the page
 *   makes an earlier check's answer land nowhere.
 * - The check runs once the host is connected and its attributes are set (a microtask later), and
 *   again on `check()` (another server).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checkSession, signOut, type SessionCheck } from '../core/staff-auth.js';
import type { Permission, StaffUser } from '../protocol/index.js';

export type AuthState = 'checking' | 'signed-out' | 'signed-in';

export interface StaffAuthOptions {
  /** The permission the app needs (null: any staff member). */
  permission: Permission | null;
  /** The Parley server's origin, read at each call. */
  origin: () => string;
  /** A signed-in user: start the app's work. */
  onSignedIn: (user: StaffUser) => void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export class StaffAuthController implements ReactiveController {
  state: AuthState = 'checking';
  user: StaffUser | null = null;
  /** What the session check found wrong, for the sign-in form to say. */
  error: Extract<SessionCheck, { user: null }>['problem'] = null;
  /** Why the sign-in form shows again. */
  notice: 'signedOut' | 'sessionExpired' | null = null;

  readonly #host: Host;
  readonly #options: StaffAuthOptions;
  #generation = 0;

  constructor(host: Host, options: StaffAuthOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // After the current task, so attributes set by a framework right after insertion count.
    queueMicrotask(() => {
      if (this.#host.isConnected && this.state === 'checking') void this.check();
    });
  }

  hostDisconnected(): void {
    this.#generation += 1;
    this.state = 'checking';
  }

  /** Asks the server who holds the session cookie; signs in or shows the form. */
  async check(): Promise<void> {
    const generation = ++this.#generation;
    this.#set({ state: 'checking' });
    const session = await checkSession(this.#options.origin(), this.#options.permission);
    if (generation !== this.#generation) return;
    if (session.user) this.signedIn(session.user);
    else this.#set({ state: 'signed-out', error: session.problem });
  }

  /** A user is signed in (the form, or the cookie). */
  signedIn(user: StaffUser): void {
    this.#generation += 1;
    this.#set({ state: 'signed-in', user, error: null, notice: null });
    this.#options.onSignedIn(user);
  }

  /** The server said the session is over: back to the form, saying why. */
  expired(): void {
    this.#generation += 1;
    this.#set({ state: 'signed-out', notice: 'sessionExpired' });
  }

  /** The server refused this user the app (another role): back to the form, saying so. */
  refused(): void {
    this.#generation += 1;
    this.#set({ state: 'signed-out', error: 'refused' });
  }

  /**
   * Signs out on the server (a failed call leaves a cookie the server expires; signed out here
   * either way), shows the form and puts the focus in it. `before` runs once the server call is
   * answered, before the form shows: the app stops its work there.
   */
  async signOut(before?: () => void): Promise<void> {
    this.#generation += 1;
    await signOut(this.#options.origin());
    before?.();
    this.#set({ state: 'signed-out', notice: 'signedOut' });
    await this.#host.updateComplete;
    const form = this.#host.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('parley-sign-in');
    await form?.updateComplete;
    form?.focus();
  }

  #set(patch: Partial<Pick<StaffAuthController, 'state' | 'user' | 'error' | 'notice'>>): void {
    Object.assign(this, patch);
    this.#host.requestUpdate();
  }
}
