import { expect, fixture, html } from '@open-wc/testing';
import type { StaffUser } from '../../protocol/index.js';
import { SERVER, createChatPoc, login, shadow } from '../parley-admin/admin-test-support.js';
import { ParleyAdminAudit } from '../parley-admin-audit/parley-admin-audit.js';
import { button, buttons, control, deepText, until } from '../test-helpers.js';
import { ParleyAdminPoc } from './parley-admin-poc.js';

ParleyAdminPoc.define('parley-admin-poc');
ParleyAdminAudit.define('parley-admin-audit');

let admin: StaffUser;

async function mount(pocId: string, user: StaffUser = admin): Promise<ParleyAdminPoc> {
  const el = await fixture<ParleyAdminPoc>(html`<parley-admin-poc .server=${SERVER} .user=${user} locale="en" poc-id=${pocId}></parley-admin-poc>`);
  await until(() => shadow(el).querySelector('#skillId option[value="demo-skill-chat"]'), 'the POC loaded');
  return el;
}

const stored = async (id: string) => (await fetch(`${SERVER}/api/v1/admin/pocs/${id}`, { credentials: 'include' }).then((r) => r.json())).poc;

describe('<parley-admin-poc>', () => {
  before(async () => {
    admin = await login('admin');
  });

  it('is accessible', async () => {
    const poc = await createChatPoc();
    const el = await mount(poc.id);
    await expect(el).to.be.accessible();
  });

  it('shows channel and id read-only and saves a changed name', async () => {
    const poc = await createChatPoc();
    const el = await mount(poc.id);
    expect(deepText(el)).to.contain(poc.id).and.contain('Chat');
    control(el, 'Name').value = `${poc.name} renamed`;
    button(el, 'Save').click();
    await until(async () => (await stored(poc.id)).name === `${poc.name} renamed`, 'the name saved');
    await until(() => deepText(el).includes(`“${poc.name} renamed”`), 'the heading follows');
  });

  it('deactivates after a confirmation, with the way out when the skill is active', async () => {
    const poc = await createChatPoc();
    const el = await mount(poc.id);
    button(el, 'Deactivate').click();
    const dialog = shadow(el).querySelector('dialog')!;
    await until(() => dialog.open, 'the confirmation');
    expect(deepText(dialog)).to.contain('Contacts will no longer reach it');
    buttons(dialog, 'Deactivate')[0].click();
    await until(() => deepText(dialog).includes('cannot be deactivated because it is still assigned to an active skill'), 'the refusal');
    expect(deepText(dialog)).to.contain('Chat support');
    const radios = [...shadow(el).querySelectorAll<HTMLInputElement>('dialog input[type="radio"]')];
    const newSkill = radios.find((r) => r.value === 'new')!;
    expect(newSkill.closest('label')!.textContent).to.contain('A new inactive skill named');
    newSkill.click();
    button(dialog, 'Move and deactivate').click();
    await until(() => !dialog.open, `the dialog closes (it says: ${deepText(dialog)})`);
    const after = await stored(poc.id);
    expect(after.active).to.equal(false);
    expect(after.skillId).to.not.equal('demo-skill-chat');
    await until(() => buttons(el, 'Activate').length === 1, 'Activate offered');
  });

  it('cancels a deactivation with nothing changed', async () => {
    const poc = await createChatPoc();
    const el = await mount(poc.id);
    button(el, 'Deactivate').click();
    const dialog = shadow(el).querySelector('dialog')!;
    await until(() => dialog.open, 'the confirmation');
    button(dialog, 'Cancel').click();
    await until(() => !dialog.open, 'closed');
    expect((await stored(poc.id)).active).to.equal(true);
  });

  it('shows the audit history in its tab', async () => {
    const poc = await createChatPoc();
    const el = await mount(poc.id);
    const tab = shadow(el).querySelector<HTMLElement>('#tab-audit')!;
    tab.click();
    await el.updateComplete;
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    const audit = shadow(el).querySelector('parley-admin-audit')!;
    await until(() => deepText(audit).includes('Created'), 'the creation entry');
  });

  it('makes a chat POC\'s identity secret, shows it once, replaces and removes it', async () => {
    const poc = await createChatPoc();
    const el = await mount(poc.id);
    expect(deepText(el)).to.contain('Off: visitors are anonymous');
    button(el, 'Make a secret').click();
    await until(() => shadow(el).querySelector<HTMLTextAreaElement>('#identity-secret')?.value, 'the secret shown');
    const first = shadow(el).querySelector<HTMLTextAreaElement>('#identity-secret')!;
    expect(first.value).to.match(/^[A-Za-z0-9_-]{40,}$/);
    expect(first.matches(':focus') || shadow(el).activeElement === first).to.equal(true);
    expect((await stored(poc.id)).identity.enabled).to.equal(true);
    expect(JSON.stringify(await stored(poc.id))).to.not.contain(first.value);
    const secret = first.value;
    button(el, 'Replace the secret').click();
    await until(() => shadow(el).querySelector<HTMLTextAreaElement>('#identity-secret')?.value !== secret, 'a new secret');
    button(el, 'Remove the secret').click();
    await until(() => deepText(el).includes('Off: visitors are anonymous'), 'off again');
    expect(shadow(el).querySelector('#identity-secret')).to.equal(null);
    expect((await stored(poc.id)).identity.enabled).to.equal(false);
    // Shown once: a new visit of the page has no secret to show.
    const again = await mount(poc.id);
    expect(shadow(again).querySelector('#identity-secret')).to.equal(null);
  });

  it('shows no Deactivate and read-only fields to an account that cannot change POCs', async () => {
    const poc = await createChatPoc();
    const marketer = await login('marketer');
    try {
      const el = await mount(poc.id, marketer);
      expect(buttons(el, 'Deactivate')).to.have.length(0);
      expect(buttons(el, 'Save')).to.have.length(0);
      expect(control(el, 'Name').disabled).to.equal(true);
      expect(buttons(el, 'Make a secret')).to.have.length(0);
    } finally {
      admin = await login('admin');
    }
  });
});
