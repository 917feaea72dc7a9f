import { expect, fixture, html } from '@open-wc/testing';
import type { AdminScript } from '../../protocol/index.js';
import { SERVER, login, shadow, unique } from '../parley-admin/admin-test-support.js';
import { alertText, button, control, deepText, until } from '../test-helpers.js';
import { ParleyAdminScripts } from './parley-admin-scripts.js';

ParleyAdminScripts.define('parley-admin-scripts');

async function mount(): Promise<ParleyAdminScripts> {
  const user = await login('admin');
  const el = await fixture<ParleyAdminScripts>(html`<parley-admin-scripts .server=${SERVER} .user=${user} locale="en"></parley-admin-scripts>`);
  await until(() => deepText(el).includes('Standard hours'), 'the scripts');
  return el;
}

const scripts = async (): Promise<AdminScript[]> => (await fetch(`${SERVER}/api/v1/admin/scripts`, { credentials: 'include' }).then((r) => r.json())).scripts;

describe('<parley-admin-scripts>', () => {
  it('is accessible, with the form open', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
    button(el, 'New script').click();
    await el.updateComplete;
    button(el, 'Add hours').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('creates a script with business hours', async () => {
    const el = await mount();
    button(el, 'New script').click();
    await el.updateComplete;
    const name = unique('Weekdays');
    control(el, 'Name').value = name;
    control(el, 'Time zone').value = 'Europe/Paris';
    button(el, 'Add hours').click();
    await el.updateComplete;
    control(el, 'Closes').value = '17:30';
    control(el, 'Closes').dispatchEvent(new Event('input'));
    control(el, 'Priority').value = '8';
    control(el, 'Long wait after (seconds)').value = '';
    button(el, 'Create script').click();
    await until(() => shadow(el).querySelector('form') === null, 'the form closes');
    const saved = (await scripts()).find((s) => s.name === name)!;
    expect(saved.hours).to.deep.equal([{ days: [1, 2, 3, 4, 5], open: '09:00', close: '17:30' }]);
    expect(saved.priority).to.equal(8);
    expect(saved.longWaitSeconds).to.equal(null);
  });

  it('puts the server refusal of the time zone at that field, keeping the form', async () => {
    const el = await mount();
    button(el, 'New script').click();
    await el.updateComplete;
    const name = unique('Mars');
    control(el, 'Name').value = name;
    control(el, 'Time zone').value = 'Mars/Olympus';
    button(el, 'Create script').click();
    await until(() => control(el, 'Time zone').getAttribute('aria-invalid') === 'true', 'the time zone marked');
    expect(alertText(el)).to.contain('time zone');
    expect(control(el, 'Name').value).to.equal(name);
  });

  it('refuses a row that closes before it opens, in the browser', async () => {
    const el = await mount();
    button(el, 'New script').click();
    await el.updateComplete;
    control(el, 'Name').value = unique('Backwards');
    button(el, 'Add hours').click();
    await el.updateComplete;
    control(el, 'Closes').value = '08:00';
    control(el, 'Closes').dispatchEvent(new Event('input'));
    button(el, 'Create script').click();
    await until(() => control(el, 'Closes').getAttribute('aria-invalid') === 'true', 'the closing time marked');
    expect(deepText(el)).to.contain('The closing time must be after the opening time.');
  });
});
