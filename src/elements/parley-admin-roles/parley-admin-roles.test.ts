import { expect, fixture, html } from '@open-wc/testing';
import type { AdminRole } from '../../protocol/index.js';
import { staffFetch } from '../../core/staff-auth.js';
import { alertText, button, buttons, control, deepAll, deepText, until } from '../test-helpers.js';
import { SERVER, login } from '../parley-admin/admin-test-support.js';
import { ParleyAdminRoles } from './parley-admin-roles.js';

ParleyAdminRoles.define('parley-admin-roles');

const run = Date.now().toString(36);

async function mount(): Promise<ParleyAdminRoles> {
  const user = await login('admin');
  const el = await fixture<ParleyAdminRoles>(html`<parley-admin-roles .server=${SERVER} .user=${user} locale="en"></parley-admin-roles>`);
  await until(() => deepAll(el, 'tbody tr').length >= 3, 'the roles listed');
  return el;
}

async function serverRoles(): Promise<AdminRole[]> {
  const res = await fetch(new URL('/api/v1/admin/roles', SERVER), { credentials: 'include' });
  return ((await res.json()) as { roles: AdminRole[] }).roles;
}

const rowOf = (el: Element, name: string) => deepAll(el, 'tbody tr').find((tr) => tr.querySelector('th')?.textContent?.trim().startsWith(name));
const form = (el: ParleyAdminRoles, id: string) => el.shadowRoot!.querySelector<HTMLFormElement>(`form#${id}`)!;
/** The checkbox whose label starts with `description`. */
const permission = (root: Element, description: string) =>
  deepAll<HTMLLabelElement>(root, 'label').find((l) => l.textContent!.trim().startsWith(description))!.control as HTMLInputElement;

async function createRole(el: ParleyAdminRoles, name: string, descriptions: string[]): Promise<void> {
  const f = form(el, 'create') as unknown as Element;
  control(f, 'Name').value = name;
  for (const d of descriptions) permission(f, d).checked = true;
  button(f, 'Create role').click();
  await until(() => rowOf(el, name), 'the new role listed');
}

describe('<parley-admin-roles>', () => {
  it('is accessible', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });

  it('shows built-in roles read-only, with their permissions and account counts', async () => {
    const el = await mount();
    const marketer = rowOf(el, 'Marketer')!;
    // Other tests share the server and may have made marketers: the count is the server's.
    const count = (await serverRoles()).find((r) => r.id === 'marketer')!.userCount;
    expect(count).to.be.greaterThan(0);
    expect(deepText(marketer)).to.include('Built-in, read-only').and.include('Edit chat profiles').and.include(`${count} account${count === 1 ? '' : 's'}`);
    expect(marketer.querySelectorAll('button')).to.have.length(0);
  });

  it('groups the permissions, and a permission the user lacks cannot be ticked', async () => {
    const el = await mount();
    const f = form(el, 'create') as unknown as Element;
    const legends = deepAll(f, 'legend').map((l) => l.textContent!.trim());
    expect(legends).to.include.members(['Contacts', 'Points of contact', 'Skills and scripts', 'People and access']);
    // The administrator does not take contacts, so cannot hand that out.
    expect(permission(f, 'Answer contacts').disabled).to.equal(true);
    expect(permission(f, 'Create and revoke API tokens').disabled).to.equal(false);
  });

  it("creates a role and saves its permissions, then changes them", async () => {
    const el = await mount();
    const name = `Auditors ${run}`;
    await createRole(el, name, ['See points of contact', 'Create and change scripts']);
    let saved = (await serverRoles()).find((r) => r.name === name)!;
    expect(saved.permissions).to.have.members(['poc.view', 'script.edit']);
    expect(deepText(el)).to.include(`Role “${name}” created`);

    button(rowOf(el, name)!, 'Edit').click();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open, 'the edit dialog');
    expect(permission(dialog, 'See points of contact').checked).to.equal(true);
    permission(dialog, 'Create and change scripts').checked = false;
    permission(dialog, 'Create, rename, activate').checked = true;
    button(dialog, 'Save').click();
    await until(() => !dialog.open, 'the dialog closed');
    saved = (await serverRoles()).find((r) => r.name === name)!;
    expect(saved.permissions).to.have.members(['poc.view', 'skill.edit']);
    expect(deepText(rowOf(el, name)!)).to.include('Create, rename, activate').and.not.include('Create and change scripts');
  });

  it('refuses an empty name at the field and a taken one from the server', async () => {
    const el = await mount();
    const f = form(el, 'create') as unknown as Element;
    button(f, 'Create role').click();
    await el.updateComplete;
    expect(control(f, 'Name').getAttribute('aria-invalid')).to.equal('true');
    control(f, 'Name').value = 'Administrator';
    permission(f, 'See points of contact').checked = true;
    button(f, 'Create role').click();
    await until(() => alertText(el).includes('already taken'), 'the refusal');
    expect(control(f, 'Name').getAttribute('aria-invalid')).to.equal('true');
    expect(permission(f, 'See points of contact').checked, 'what was ticked stays').to.equal(true);
  });

  it('cannot delete a role while accounts have it, and deletes it once none does', async () => {
    const el = await mount();
    const name = `Temps ${run}`;
    await createRole(el, name, ['See points of contact']);
    const role = (await serverRoles()).find((r) => r.name === name)!;
    const res = await staffFetch(SERVER, new URL('/api/v1/admin/users', SERVER).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `temp-${run}`, displayName: 'Temp', roleId: role.id, password: 'a long enough phrase' }),
    });
    expect(res.status).to.equal(201);
    const user = ((await res.json()) as { user: { id: string } }).user;
    await el.load();
    await el.updateComplete;
    const del = button(rowOf(el, name)!, 'Delete');
    expect(del.disabled).to.equal(true);
    expect(deepText(rowOf(el, name)!)).to.include('Give its account another role first');
    expect(del.getAttribute('aria-describedby')).to.be.a('string');

    await staffFetch(SERVER, new URL(`/api/v1/admin/users/${user.id}`, SERVER).toString(), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roleId: 'marketer' }),
    });
    await el.load();
    await el.updateComplete;
    button(rowOf(el, name)!, 'Delete').click();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open, 'the confirmation');
    buttons(dialog, 'Delete')[0].click();
    await until(() => !rowOf(el, name), 'the role gone');
    expect((await serverRoles()).some((r) => r.name === name)).to.equal(false);
  });
});
