import { expect, fixture, html } from '@open-wc/testing';
import { adminCall } from '../../core/admin-api.js';
import { SERVER, createChatPoc, login, shadow } from '../parley-admin/admin-test-support.js';
import { button, control, statusText, until } from '../test-helpers.js';
import { ParleyAdminAudit } from './parley-admin-audit.js';

ParleyAdminAudit.define('parley-admin-audit');

const rows = (el: Element) => [...shadow(el).querySelectorAll('tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ' ').trim());

/** A POC with a creation entry and three renames (newest first: C, B, A). */
async function pocWithHistory(): Promise<string> {
  const poc = await createChatPoc();
  for (const suffix of ['A', 'B', 'C']) {
    const r = await adminCall(SERVER, `pocs/${poc.id}`, { method: 'PATCH', body: { name: `${poc.name} ${suffix}` } });
    expect(r.ok).to.equal(true);
  }
  return poc.id;
}

async function mount(pocId: string, pageSize = 50): Promise<ParleyAdminAudit> {
  const el = await fixture<ParleyAdminAudit>(html`<parley-admin-audit .server=${SERVER} locale="en" poc-id=${pocId} page-size=${pageSize}></parley-admin-audit>`);
  await until(() => /\d+ entr/.test(statusText(el)), 'the history loaded');
  return el;
}

describe('<parley-admin-audit>', () => {
  before(async () => {
    await login('admin');
  });

  it('is accessible', async () => {
    const el = await mount(await pocWithHistory());
    await expect(el).to.be.accessible();
  });

  it('lists who changed what, from which value to which, and the total', async () => {
    const el = await mount(await pocWithHistory());
    expect(statusText(el)).to.match(/\d+ entries/);
    expect(rows(el)[0]).to.contain('Demo Administrator').and.contain('Changed').and.contain('Name').and.match(/ B .* C/);
  });

  it('filters by field and by action, and says when nothing matches', async () => {
    const el = await mount(await pocWithHistory());
    const before = rows(el).length;
    const field = control<HTMLSelectElement>(el, 'Field');
    expect([...field.options].map((o) => o.value)).to.include('name');
    field.value = 'name';
    field.dispatchEvent(new Event('change'));
    // The name as created, and three renames.
    await until(() => statusText(el).includes('4 entries'), 'the name entries');
    expect(rows(el)).to.have.length(4);
    expect(before).to.be.greaterThan(4);
    const action = control<HTMLSelectElement>(el, 'Action');
    action.value = 'update';
    action.dispatchEvent(new Event('change'));
    await until(() => statusText(el).includes('3 entries'), 'the three renames');
    for (const row of rows(el)) expect(row).to.contain('Changed');
    action.value = 'deactivate';
    action.dispatchEvent(new Event('change'));
    await until(() => rows(el)[0]?.includes('No entry matches these filters.'), 'nothing matches');
    button(el, 'Clear the filters').click();
    await until(() => rows(el).length === before, 'all entries again');
  });

  it('searches the values after a pause in typing', async () => {
    const el = await mount(await pocWithHistory());
    const q = control(el, 'Search');
    const renamedTo = rows(el)[0].match(/(Test chat \S+ C)/)![1];
    q.value = renamedTo;
    q.dispatchEvent(new Event('input'));
    await until(() => statusText(el).includes('2 entries') || statusText(el).includes('1 entry'), 'the matching entries');
    for (const row of rows(el)) expect(row).to.contain(renamedTo);
  });

  it('pages with Older and Newer', async () => {
    const el = await mount(await pocWithHistory(), 2);
    const first = rows(el);
    expect(first).to.have.length(2);
    expect(button(el, 'Newer').disabled).to.equal(true);
    button(el, 'Older').click();
    await until(() => rows(el)[0] !== first[0] && !statusText(el).includes('Loading'), 'the older page');
    const second = rows(el);
    expect(second).to.not.deep.equal(first);
    button(el, 'Newer').click();
    await until(() => rows(el)[0] === first[0], 'back to the newest page');
    expect(button(el, 'Newer').disabled).to.equal(true);
  });
});
