import { expect, fixture, html } from '@open-wc/testing';
import { alertText, button, control, deepAll, deepText, until } from '../test-helpers.js';
import { SERVER, login } from '../parley-admin/admin-test-support.js';
import { ParleyAdminTokens } from './parley-admin-tokens.js';

ParleyAdminTokens.define('parley-admin-tokens');

const run = Date.now().toString(36);

async function mount(): Promise<ParleyAdminTokens> {
  const user = await login('admin');
  const el = await fixture<ParleyAdminTokens>(html`<parley-admin-tokens .server=${SERVER} .user=${user} locale="en"></parley-admin-tokens>`);
  await until(() => el.shadowRoot!.querySelector('form#create') && !deepText(el).includes('Loading'), 'the tokens loaded');
  return el;
}

const createForm = (el: ParleyAdminTokens) => el.shadowRoot!.querySelector('form#create')!;
const permission = (root: Element, description: string) =>
  deepAll<HTMLLabelElement>(root, 'label').find((l) => l.textContent!.trim().startsWith(description))?.control as HTMLInputElement | undefined;
const rowOf = (el: Element, name: string) => deepAll(el, 'tbody tr').find((tr) => tr.querySelector('th')?.textContent?.trim() === name);
/** `GET /admin/pocs` with the token alone: no cookie. */
const withToken = (secret: string) => fetch(new URL('/api/v1/admin/pocs', SERVER), { credentials: 'omit', headers: { authorization: `Bearer ${secret}` } });

async function create(el: ParleyAdminTokens, name: string, descriptions: string[]): Promise<string> {
  control(createForm(el), 'Name').value = name;
  for (const d of descriptions) permission(createForm(el), d)!.checked = true;
  button(createForm(el), 'Create token').click();
  await until(() => control(el, 'Secret').value, 'the secret shown');
  return control(el, 'Secret').value;
}

describe('<parley-admin-tokens>', () => {
  it('is accessible', async () => {
    const el = await mount();
    await create(el, `A11y ${run}`, ['See points of contact']);
    await expect(el).to.be.accessible();
  });

  it('offers only the permissions the user holds', async () => {
    const el = await mount();
    expect(permission(createForm(el), 'See points of contact')).to.not.equal(undefined);
    // The administrator does not answer contacts.
    expect(permission(createForm(el), 'Answer contacts')).to.equal(undefined);
  });

  it('shows the secret once, read-only, with how to use it, and the secret works as a Bearer token', async () => {
    const el = await mount();
    const name = `CRM sync ${run}`;
    const secret = await create(el, name, ['See points of contact']);
    const field = control(el, 'Secret');
    expect(field.readOnly).to.equal(true);
    expect(deepText(el)).to.include('you will not see it again').and.include(`Authorization: Bearer ${secret}`);
    expect(el.shadowRoot!.activeElement?.id, 'focus moves to the secret').to.equal('secret-heading');
    expect(rowOf(el, name), 'the token listed').to.not.equal(undefined);
    expect(deepText(rowOf(el, name)!)).to.include('poc.view').and.include('Never');

    const res = await withToken(secret);
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { pocs: unknown[] }).pocs).to.be.an('array');

    button(el, 'I have copied it').click();
    await el.updateComplete;
    expect(controlsNamed(el, 'Secret')).to.have.length(0);
    expect(deepText(el)).to.not.include(secret);
    // Mounted again (a page change), it is not shown either: only its hash is kept.
    const again = await mount();
    expect(deepText(again)).to.not.include(secret);
  });

  it('requires a name and a permission, at their fields', async () => {
    const el = await mount();
    button(createForm(el), 'Create token').click();
    await el.updateComplete;
    expect(control(createForm(el), 'Name').getAttribute('aria-invalid')).to.equal('true');
    expect(alertText(el)).to.include('Fix the marked fields');
    control(createForm(el), 'Name').value = `No perms ${run}`;
    button(createForm(el), 'Create token').click();
    await el.updateComplete;
    expect(deepText(el)).to.include('Choose at least one permission');
    expect(control(createForm(el), 'Name').value).to.equal(`No perms ${run}`);
  });

  it('revokes a token after confirming, after which it no longer works', async () => {
    const el = await mount();
    const name = `Old job ${run}`;
    const secret = await create(el, name, ['See points of contact']);
    button(rowOf(el, name)!, `Revoke ${name}`).click();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open, 'the confirmation');
    expect(deepText(dialog)).to.include('cannot be undone');
    button(dialog, 'Revoke').click();
    await until(() => deepText(rowOf(el, name)!).includes('Revoked'), 'the token revoked');
    expect(dialog.open).to.equal(false);
    expect((await withToken(secret)).status).to.equal(401);
  });
});

function controlsNamed(el: Element, name: string) {
  return deepAll<HTMLLabelElement>(el, 'label').filter((l) => l.textContent?.trim() === name);
}
