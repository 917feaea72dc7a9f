import { expect, fixture, html } from '@open-wc/testing';
import type { StaffUser } from '../../protocol/index.js';
import { SERVER, createChatPoc, login, shadow, unique } from '../parley-admin/admin-test-support.js';
import { adminCall } from '../../core/admin-api.js';
import { button, buttons, control, deepText, until } from '../test-helpers.js';
import { ParleyAdminSkills } from './parley-admin-skills.js';

ParleyAdminSkills.define('parley-admin-skills');

let admin: StaffUser;

async function mount(user: StaffUser = admin): Promise<ParleyAdminSkills> {
  const el = await fixture<ParleyAdminSkills>(html`<parley-admin-skills .server=${SERVER} .user=${user} locale="en"></parley-admin-skills>`);
  await until(() => deepText(el).includes('Chat support'), 'the skills');
  return el;
}

const row = (el: Element, name: string) => [...shadow(el).querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent!.trim() === name)!;

describe('<parley-admin-skills>', () => {
  before(async () => {
    admin = await login('admin');
  });

  it('is accessible', async () => {
    await expect(await mount()).to.be.accessible();
  });

  it('creates and renames a skill', async () => {
    const el = await mount();
    const name = unique('Returns');
    control(el, 'Name').value = name;
    const channel = control<HTMLSelectElement>(el, 'Channel');
    channel.value = 'email';
    button(el, 'Create skill').click();
    await until(() => row(el, name), 'the new skill listed');
    expect(row(el, name).textContent).to.contain('Email');
    row(el, name).querySelector<HTMLButtonElement>('button')!.click();
    const dialog = shadow(el).querySelector('dialog')!;
    await until(() => dialog.open, 'the rename dialog');
    control(dialog, 'New name').value = `${name} 2`;
    button(dialog, 'Rename').click();
    await until(() => row(el, `${name} 2`), 'renamed');
  });

  it('says how many active points of contact stop being routed, then deactivates', async () => {
    const created = await adminCall<{ skill: { id: string; name: string } }>(SERVER, 'skills', { method: 'POST', body: { name: unique('Queue'), channel: 'chat' } });
    if (!created.ok) throw new Error(created.error.message);
    const { skill } = created.value;
    await createChatPoc({ skillId: skill.id });
    await createChatPoc({ skillId: skill.id });
    const el = await mount();
    await until(() => row(el, skill.name), 'the skill');
    buttons(row(el, skill.name), 'Deactivate')[0].click();
    const dialog = shadow(el).querySelector('dialog')!;
    await until(() => dialog.open, 'the question');
    expect(deepText(dialog)).to.contain('2 active points of contact will stop being routed.');
    button(dialog, 'Deactivate').click();
    await until(() => !dialog.open && row(el, skill.name).textContent!.includes('Inactive'), 'deactivated');
  });

  it('shows no editing to an account without skill.edit', async () => {
    const marketer = await login('marketer');
    try {
      const el = await mount(marketer);
      expect(buttons(el, /Rename|Deactivate|Create skill/)).to.have.length(0);
    } finally {
      admin = await login('admin');
    }
  });
});
