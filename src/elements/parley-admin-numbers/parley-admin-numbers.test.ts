import { expect, fixture, html } from '@open-wc/testing';
import type { StaffUser } from '../../protocol/index.js';
import { SERVER, login, shadow } from '../parley-admin/admin-test-support.js';
import { alertText, button, buttons, control, deepText, until } from '../test-helpers.js';
import { ParleyAdminNumbers } from './parley-admin-numbers.js';

ParleyAdminNumbers.define('parley-admin-numbers');

let admin: StaffUser;

async function mount(user: StaffUser = admin): Promise<ParleyAdminNumbers> {
  const el = await fixture<ParleyAdminNumbers>(html`<parley-admin-numbers .server=${SERVER} .user=${user} locale="en"></parley-admin-numbers>`);
  await until(() => deepText(el).includes('+33100000000'), 'the numbers');
  return el;
}

describe('<parley-admin-numbers>', () => {
  before(async () => {
    admin = await login('admin');
  });

  it('is accessible', async () => {
    await expect(await mount()).to.be.accessible();
  });

  it('shows the POC using a number, and cannot release it', async () => {
    const el = await mount();
    await until(() => deepText(el).includes('Support line'), 'the POC name');
    expect(button(el, 'Release +33100000000').disabled).to.equal(true);
  });

  it('adds a number, then releases it after a question', async () => {
    const el = await mount();
    const number = `+3319${String(Date.now()).slice(-7)}`;
    control(el, 'Number').value = number;
    control(el, 'Label').value = 'Test line';
    button(el, 'Add number').click();
    await until(() => buttons(el, `Release ${number}`).length === 1, 'the number listed');
    button(el, `Release ${number}`).click();
    const dialog = shadow(el).querySelector('dialog')!;
    await until(() => dialog.open, 'the question');
    button(dialog, 'Release').click();
    await until(() => !dialog.open && !deepText(el).includes(number), 'released');
  });

  it('puts a refused number at the number field', async () => {
    const el = await mount();
    control(el, 'Number').value = '12';
    button(el, 'Add number').click();
    await until(() => control(el, 'Number').getAttribute('aria-invalid') === 'true', 'the number marked');
    expect(alertText(el)).to.contain('international');
  });

  it('hides adding and releasing from an account without dnis.manage', async () => {
    const marketer = await login('marketer');
    try {
      const el = await mount(marketer);
      expect(buttons(el, /Release|Add number/)).to.have.length(0);
    } finally {
      admin = await login('admin');
    }
  });
});
