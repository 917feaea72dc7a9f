// Runs against the real Parley server that web-test-runner.config.mjs starts (demo staff, test
// password). Each test signs out afterwards, so the next one starts with no session.
import { expect, fixture, html } from '@open-wc/testing';
import { API_PREFIX, type Permission, type StaffUser } from '../../protocol/index.js';
import { alertText, button, control, deepActiveElement, fillSignIn, SIGN_IN_NAMES, staffSignOut, statusText, TEST_PASSWORD, until } from '../test-helpers.js';
import { ParleySignIn, SignedInEvent } from './parley-sign-in.js';

ParleySignIn.define('parley-sign-in');

const SERVER = window.PARLEY_TEST_SERVER;
const api = (path: string) => new URL(`${API_PREFIX}${path}`, SERVER).toString();

async function mount(permission: Permission | null = 'contacts.answer', locale = 'en'): Promise<ParleySignIn> {
  return fixture<ParleySignIn>(html`<parley-sign-in
    server=${SERVER}
    locale=${locale}
    heading="Sign in to the test desk"
    refusal="This account cannot use the test desk."
    .permission=${permission}
  ></parley-sign-in>`);
}

/**
 * Holds the sign-in requests until `release()`, so the form stays busy meanwhile; `answered()`
 * resolves once the held ones had their answers.
 */
function holdSignIns(): { release: () => void; requests: () => number; answered: () => Promise<unknown> } {
  const realFetch = window.fetch;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held: Promise<Response>[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (!String(input).endsWith('/auth/login')) return realFetch(input, init);
    const answer = gate.then(() => realFetch(input, init));
    held.push(answer);
    return answer;
  };
  return {
    release: () => {
      window.fetch = realFetch;
      open();
    },
    requests: () => held.length,
    answered: () => Promise.allSettled(held),
  };
}

/** The next `signed-in` event of `el`. */
function nextSignIn(el: Element): Promise<SignedInEvent> {
  return new Promise((resolve) => el.addEventListener(SignedInEvent.eventName, (e) => resolve(e as SignedInEvent), { once: true }));
}

async function whoIsSignedIn(): Promise<StaffUser | null> {
  const body = (await (await fetch(api('/auth/me'), { credentials: 'include' })).json()) as { user: StaffUser | null };
  return body.user;
}

describe('parley-sign-in', () => {
  afterEach(async () => {
    await staffSignOut(SERVER);
  });

  it('is accessible empty', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });

  it('is accessible showing an error', async () => {
    const el = await mount();
    await fillSignIn(el, 'agent1', 'not-the-password');
    await until(() => alertText(el).includes('Wrong username or password.'), 'the error');
    await expect(el).to.be.accessible();
  });

  it('is accessible while busy', async () => {
    const el = await mount();
    const held = holdSignIns();
    try {
      await fillSignIn(el, 'agent1');
      await el.updateComplete;
      expect(statusText(el)).to.contain('Signing in…');
      await expect(el).to.be.accessible();
    } finally {
      held.release();
    }
  });

  // Defaults ----------------------------------------------------------------------------------

  it('is a native form with autofill-ready fields, under the heading it is given', async () => {
    const el = await mount();
    const username = control(el, 'Username');
    const password = control(el, 'Password');
    expect(username.autocomplete).to.equal('username');
    expect(username.required).to.equal(true);
    expect(password.type).to.equal('password');
    expect(password.autocomplete).to.equal('current-password');
    expect(username.form).to.be.instanceOf(HTMLFormElement);
    expect(button(el, 'Sign in').form).to.equal(username.form);
    const heading = el.shadowRoot!.querySelector('h1')!;
    expect(heading.textContent).to.equal('Sign in to the test desk');
    expect(username.form!.getAttribute('aria-labelledby')).to.equal(heading.id);
    expect(alertText(el)).to.equal('');
    expect(statusText(el)).to.equal('');
  });

  // Attributes --------------------------------------------------------------------------------

  it('says its notice as a status', async () => {
    const el = await mount();
    el.notice = 'You are signed out.';
    await el.updateComplete;
    expect(statusText(el)).to.contain('You are signed out.');
  });

  it('shows an error its host sets', async () => {
    const el = await mount();
    el.error = 'unreachable';
    await el.updateComplete;
    expect(alertText(el)).to.contain('Cannot reach the server.');
    el.error = 'refused';
    await el.updateComplete;
    expect(alertText(el)).to.contain('This account cannot use the test desk.');
  });

  it('speaks French with locale="fr"', async () => {
    const el = await mount('contacts.answer', 'fr');
    expect(control(el, SIGN_IN_NAMES.fr.password).type).to.equal('password');
    await fillSignIn(el, 'agent1', 'not-the-password', SIGN_IN_NAMES.fr);
    await until(() => alertText(el).includes("Nom d'utilisateur ou mot de passe incorrect."), 'the French error');
  });

  // Events ------------------------------------------------------------------------------------

  it('fires signed-in with the user, bubbling but not leaving the host', async () => {
    const el = await mount();
    const signedIn = nextSignIn(el);
    await fillSignIn(el, 'agent1');
    const event = await signedIn;
    expect(event).to.be.instanceOf(SignedInEvent);
    expect(event.user.username).to.equal('agent1');
    expect(event.user.role).to.equal('agent');
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(false);
    expect((await whoIsSignedIn())?.username).to.equal('agent1');
  });

  it('lets any staff member in when no permission is needed', async () => {
    const el = await mount(null);
    const signedIn = nextSignIn(el);
    await fillSignIn(el, 'marketer');
    const event = await signedIn;
    expect(event.user.role).to.equal('marketer');
  });

  // States ------------------------------------------------------------------------------------

  it('refuses a wrong password with an alert and puts the caret back in the password', async () => {
    const el = await mount();
    let fired = 0;
    el.addEventListener(SignedInEvent.eventName, () => (fired += 1));
    await fillSignIn(el, 'agent1', 'wrong');
    await until(() => alertText(el).includes('Wrong username or password.'), 'the error');
    expect(control(el, 'Password').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(control(el, 'Password'));
    expect(fired).to.equal(0);
  });

  it('after too many failures says how long to wait, in English and French', async () => {
    // A username of its own, so the server's backoff (5 free failures) holds up no other test.
    const username = `locked-${Date.now().toString(36)}`;
    const fail = () =>
      fetch(api('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'wrong' }) });
    for (let i = 0; i < 5; i += 1) expect((await fail()).status).to.equal(401);
    const el = await mount();
    await fillSignIn(el, username, 'wrong');
    await until(() => alertText(el).includes('Too many failed attempts. Try again in 1 second.'), 'the wait of 1 second');
    // Once waited, one more failure doubles the wait.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await fail()).status).to.equal(401);
    await fillSignIn(el, username, TEST_PASSWORD);
    await until(() => alertText(el).includes('Too many failed attempts. Try again in 2 seconds.'), 'the wait of 2 seconds');
    el.locale = 'fr';
    await until(() => alertText(el).includes('Trop de tentatives échouées. Réessayez dans 2 secondes.'), 'the French text');
  });

  it('refuses an account of another role with the refusal it is given', async () => {
    const el = await mount('contacts.answer');
    let fired = 0;
    el.addEventListener(SignedInEvent.eventName, () => (fired += 1));
    await fillSignIn(el, 'marketer');
    await until(() => alertText(el).includes('This account cannot use the test desk.'), 'the refusal');
    expect(fired).to.equal(0);
    expect(deepActiveElement()).to.equal(control(el, 'Username'));
    // Refused here, not signed out: the server checks the role on every call that needs one.
    expect((await whoIsSignedIn())?.role).to.equal('marketer');
  });

  it('says what is missing without a request when the username is only spaces', async () => {
    const el = await mount();
    const held = holdSignIns();
    try {
      await fillSignIn(el, '   ');
      await until(() => alertText(el).includes('Enter your username and password.'), 'the error');
      expect(held.requests()).to.equal(0);
      expect(control(el, 'Username').getAttribute('aria-invalid')).to.equal('true');
      expect(deepActiveElement()).to.equal(control(el, 'Username'));
    } finally {
      held.release();
    }
  });

  it('ignores a second press while busy', async () => {
    const el = await mount();
    const signedIn = nextSignIn(el);
    const held = holdSignIns();
    try {
      await fillSignIn(el, 'agent1');
      await el.updateComplete;
      expect(button(el, 'Sign in').getAttribute('aria-disabled')).to.equal('true');
      expect(el.shadowRoot!.querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
      button(el, 'Sign in').click();
      expect(held.requests()).to.equal(1);
    } finally {
      held.release();
    }
    await signedIn;
  });

  it('says the server cannot be reached', async () => {
    const el = await fixture<ParleySignIn>(html`<parley-sign-in server="http://127.0.0.1:9"></parley-sign-in>`);
    await fillSignIn(el, 'agent1');
    await until(() => alertText(el).includes('Cannot reach the server.'), 'the error');
    expect(deepActiveElement()).to.equal(control(el, 'Username'));
  });

  // Methods -----------------------------------------------------------------------------------

  it('focus() puts the caret in the username', async () => {
    const el = await mount();
    el.focus();
    expect(deepActiveElement()).to.equal(control(el, 'Username'));
  });

  it('drops an answer that comes after it left the page', async () => {
    const el = await mount();
    let fired = 0;
    el.addEventListener(SignedInEvent.eventName, () => (fired += 1));
    const held = holdSignIns();
    await fillSignIn(el, 'agent1');
    el.remove();
    held.release();
    await held.answered();
    // The answer's body is read after its headers: give it a task.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fired).to.equal(0);
    expect(el.error).to.equal(null);
    expect((await whoIsSignedIn())?.username).to.equal('agent1');
  });
});
