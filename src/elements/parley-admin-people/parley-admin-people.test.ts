import { expect, fixture, html } from '@open-wc/testing';
import type { StaffUser } from '../../protocol/index.js';
import { rememberCsrfToken } from '../../core/staff-auth.js';
import { alertText, button, control, deepAll, deepText, TEST_PASSWORD, until } from '../test-helpers.js';
import { ParleyAdminPeople } from './parley-admin-people.js';

ParleyAdminPeople.define('parley-admin-people');

const SERVER = (window as unknown as { PARLEY_TEST_SERVER: string }).PARLEY_TEST_SERVER;
const run = Date.now().toString(36);

async function signIn(username = 'admin', password = TEST_PASSWORD): Promise<{ status: number; user: StaffUser | null }> {
  const res = await fetch(new URL('/api/v1/auth/login', SERVER), {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json().catch(() => null)) as { user?: StaffUser; csrfToken?: string } | null;
  if (res.ok) rememberCsrfToken(SERVER, body?.csrfToken);
  return { status: res.status, user: body?.user ?? null };
}

async function mount(): Promise<ParleyAdminPeople> {
  const { user } = await signIn();
  expect(user, 'admin signs in').to.not.equal(null);
  const el = await fixture<ParleyAdminPeople>(html`<parley-admin-people .server=${SERVER} .user=${user} locale="en"></parley-admin-people>`);
  await until(() => deepAll(el, 'tbody tr').length > 0, 'the accounts listed');
  return el;
}

const rowOf = (el: Element, username: string) => deepAll(el, 'tbody tr').find((tr) => tr.querySelector('th')?.textContent?.includes(username));
const createForm = (el: ParleyAdminPeople) => el.shadowRoot!.querySelector<HTMLFormElement>('form#create')!;
const inCreate = (el: ParleyAdminPeople, name: string) => control(createForm(el) as unknown as Element, name);

function fillCreate(el: ParleyAdminPeople, values: { username: string; displayName: string; role: string; password: string; confirm?: string }) {
  inCreate(el, 'Username').value = values.username;
  inCreate(el, 'Display name').value = values.displayName;
  control<HTMLSelectElement>(createForm(el) as unknown as Element, 'Role').value = values.role;
  inCreate(el, 'Password').value = values.password;
  inCreate(el, 'Confirm the password').value = values.confirm ?? values.password;
}

describe('<parley-admin-people>', () => {
  it('is accessible', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });

  it('lists the accounts with their role and status, the signed-in one without a Disable button', async () => {
    const el = await mount();
    const admin = rowOf(el, 'admin')!;
    expect(deepText(admin)).to.include('Administrator').and.include('Active').and.include('(you)');
    expect([...admin.querySelectorAll('button')].map((b) => b.textContent?.trim())).to.not.include('Disable');
    expect(deepText(rowOf(el, 'marketer')!)).to.include('Marketer');
  });

  it('creates an account that can then sign in', async () => {
    const el = await mount();
    const username = `clerk-${run}`;
    fillCreate(el, { username, displayName: 'Clerk Kent', role: 'marketer', password: 'a long enough phrase' });
    button(createForm(el) as unknown as Element, 'Create account').click();
    await until(() => rowOf(el, username), 'the new account listed');
    expect(deepText(el)).to.include(`Account “${username}” created`);
    // The form is emptied for the next one.
    expect(inCreate(el, 'Username').value).to.equal('');
    const login = await signIn(username, 'a long enough phrase');
    expect(login.status).to.equal(200);
    expect(login.user?.role).to.equal('marketer');
  });

  it('refuses a too-short password at the field and keeps what was typed', async () => {
    const el = await mount();
    fillCreate(el, { username: `short-${run}`, displayName: 'Short', role: 'marketer', password: 'short' });
    button(createForm(el) as unknown as Element, 'Create account').click();
    await el.updateComplete;
    const password = inCreate(el, 'Password');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    const described = password.getAttribute('aria-describedby')!.split(' ').map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '').join(' ');
    expect(described).to.include('at least 10 characters');
    expect(alertText(el)).to.include('Fix the marked fields');
    expect(inCreate(el, 'Username').value).to.equal(`short-${run}`);
    expect(el.shadowRoot!.activeElement).to.equal(password);
    expect(rowOf(el, `short-${run}`)).to.equal(undefined);
  });

  it('says when the two passwords differ', async () => {
    const el = await mount();
    fillCreate(el, { username: `twice-${run}`, displayName: 'Twice', role: 'marketer', password: 'a long enough phrase', confirm: 'another long phrase' });
    button(createForm(el) as unknown as Element, 'Create account').click();
    await el.updateComplete;
    expect(inCreate(el, 'Confirm the password').getAttribute('aria-invalid')).to.equal('true');
    expect(deepText(el)).to.include('The two passwords differ');
  });

  it('shows a taken username at its field, from the server', async () => {
    const el = await mount();
    fillCreate(el, { username: 'marketer', displayName: 'Again', role: 'marketer', password: 'a long enough phrase' });
    button(createForm(el) as unknown as Element, 'Create account').click();
    await until(() => inCreate(el, 'Username').getAttribute('aria-invalid') === 'true', 'the username marked');
    expect(alertText(el)).to.include('already taken');
    expect(inCreate(el, 'Display name').value).to.equal('Again');
  });

  it('edits a display name, and disables then enables an account after confirming', async () => {
    const el = await mount();
    const username = `temp-${run}`;
    fillCreate(el, { username, displayName: 'Temp', role: 'marketer', password: 'a long enough phrase' });
    button(createForm(el) as unknown as Element, 'Create account').click();
    await until(() => rowOf(el, username), 'the new account listed');

    button(rowOf(el, username)!, 'Edit').click();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open, 'the edit dialog');
    control(dialog, 'Display name').value = 'Temporary';
    button(dialog, 'Save').click();
    await until(() => !dialog.open, 'the dialog closed');
    expect(deepText(rowOf(el, username)!)).to.include('Temporary');

    button(rowOf(el, username)!, 'Disable').click();
    await until(() => dialog.open, 'the confirmation');
    expect(deepText(dialog)).to.include('can no longer sign in');
    button(dialog, 'Disable').click();
    await until(() => deepText(rowOf(el, username)!).includes('Disabled'), 'the account disabled');
    expect((await signIn(username, 'a long enough phrase')).status).to.not.equal(200);

    button(rowOf(el, username)!, 'Enable').click();
    await until(() => dialog.open, 'the confirmation');
    button(dialog, 'Enable').click();
    await until(() => deepText(rowOf(el, username)!).includes('Active'), 'the account enabled');
    expect((await signIn(username, 'a long enough phrase')).status).to.equal(200);
  });

  it('sets a new password', async () => {
    const el = await mount();
    const username = `reset-${run}`;
    fillCreate(el, { username, displayName: 'Reset', role: 'marketer', password: 'the first phrase' });
    button(createForm(el) as unknown as Element, 'Create account').click();
    await until(() => rowOf(el, username), 'the new account listed');
    button(rowOf(el, username)!, 'Set password').click();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open, 'the password dialog');
    control(dialog, 'New password').value = 'the second phrase';
    control(dialog, 'Confirm the password').value = 'the second phrase';
    button(dialog, 'Set password').click();
    await until(() => !dialog.open, 'the dialog closed');
    expect((await signIn(username, 'the first phrase')).status).to.not.equal(200);
    expect((await signIn(username, 'the second phrase')).status).to.equal(200);
  });
});
