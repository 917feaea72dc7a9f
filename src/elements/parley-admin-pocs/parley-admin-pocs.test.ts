import { expect, fixture, html } from '@open-wc/testing';
import type { StaffUser } from '../../protocol/index.js';
import { SERVER, login, shadow, unique } from '../parley-admin/admin-test-support.js';
import { alertText, button, control, deepText, until } from '../test-helpers.js';
import { ParleyAdminPocs } from './parley-admin-pocs.js';

ParleyAdminPocs.define('parley-admin-pocs');

let admin: StaffUser;

async function mount(view: 'list' | 'new', user: StaffUser = admin): Promise<ParleyAdminPocs> {
  const el = await fixture<ParleyAdminPocs>(html`<parley-admin-pocs .server=${SERVER} .user=${user} locale="en" view=${view}></parley-admin-pocs>`);
  // The lists the form offers are loaded.
  await until(() => shadow(el).querySelector('#skillId option[value="demo-skill-chat"]') || shadow(el).querySelector('tbody tr th'), 'lists loaded');
  return el;
}

const select = async (el: ParleyAdminPocs, label: string, value: string) => {
  const s = control<HTMLSelectElement>(el, label);
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
};

describe('<parley-admin-pocs>', () => {
  before(async () => {
    admin = await login('admin');
  });

  it('is accessible, the list and the form', async () => {
    const list = await mount('list');
    await expect(list).to.be.accessible();
    const form = await mount('new');
    await expect(form).to.be.accessible();
  });

  it('lists the points of contact with channel, id or address, skill and script', async () => {
    const el = await mount('list');
    await until(() => deepText(el).includes('support@acme.example'), 'the email POC');
    const row = [...shadow(el).querySelectorAll('tbody tr')].find((r) => r.textContent!.includes('Support mailbox'))!;
    expect(row.textContent!.replace(/\s+/g, ' ')).to.contain('Email').and.contain('support@acme.example').and.contain('Email support').and.contain('Standard hours');
    expect(shadow(el).querySelector<HTMLAnchorElement>('a[href="#pocs/new"]')!.textContent).to.contain('New point of contact');
  });

  it('filters by channel and by text on the server', async () => {
    const el = await mount('list');
    await select(el, 'Channel', 'phone');
    await until(() => shadow(el).querySelectorAll('tbody tr').length === 1 && deepText(el).includes('Support line'), 'only phone POCs');
    await select(el, 'Channel', '');
    const search = control(el, 'Search by name or id');
    search.value = 'mailbox';
    search.dispatchEvent(new Event('input'));
    await until(() => {
      const rows = [...shadow(el).querySelectorAll('tbody tr')];
      return rows.length === 1 && rows[0].textContent!.includes('Support mailbox');
    }, 'only the mailbox');
  });

  it('creates a chat POC and shows its id and the snippet to paste', async () => {
    const el = await mount('new');
    const name = unique('Shop chat');
    control(el, 'Name').value = name;
    await select(el, 'Skill', 'demo-skill-chat');
    await select(el, 'Script', 'demo-script');
    control<HTMLTextAreaElement>(el, 'Allowed website origins').value = 'https://shop.example\nhttps://www.shop.example';
    button(el, 'Create point of contact').click();
    await until(() => shadow(el).querySelector('#created-id'), 'the created POC');
    const id = shadow(el).querySelector('#created-id')!.textContent!;
    expect(id).to.match(/^[A-Za-z0-9_-]{16,}$/);
    expect(control<HTMLTextAreaElement>(el, 'Code to paste in your website').value).to.equal(`<script src="${SERVER}/parley.js" data-poc="${id}" async></script>`);
    expect(deepText(el)).to.contain(`Point of contact “${name}” created.`);
    expect(shadow(el).querySelector<HTMLAnchorElement>('a[href$="/studio"]')).to.not.equal(null);
    const stored = await fetch(`${SERVER}/api/v1/admin/pocs/${id}`, { credentials: 'include' }).then((r) => r.json());
    expect(stored.poc.allowedOrigins).to.deep.equal(['https://shop.example', 'https://www.shop.example']);
  });

  it('offers only skills of the matching channel, and free numbers for phone', async () => {
    const el = await mount('new');
    await select(el, 'Channel', 'phone');
    const skills = [...control<HTMLSelectElement>(el, 'Skill').options].map((o) => o.value).filter(Boolean);
    expect(skills).to.include('demo-skill-voice');
    expect(skills).to.not.include('demo-skill-chat');
    const numbers = [...control<HTMLSelectElement>(el, 'Phone number').options].map((o) => o.value).filter(Boolean);
    expect(numbers).to.not.include('+33100000000');
    expect(numbers.length).to.be.greaterThan(0);
    expect(() => control(el, 'Allowed website origins')).to.throw();
  });

  it('puts a server refusal at the field it names, keeping what was typed', async () => {
    const el = await mount('new');
    await select(el, 'Channel', 'email');
    const name = unique('Mailbox');
    control(el, 'Name').value = name;
    await select(el, 'Skill', 'demo-skill-email');
    await select(el, 'Script', 'demo-script');
    // Taken by the demo mailbox: only the server can know.
    control(el, 'Email address').value = 'support@acme.example';
    button(el, 'Create point of contact').click();
    const address = control(el, 'Email address');
    await until(() => address.getAttribute('aria-invalid') === 'true', 'the address marked');
    expect(alertText(el)).to.not.equal('');
    const described = address.getAttribute('aria-describedby')!.split(' ');
    expect(described).to.include('address-error');
    expect(shadow(el).querySelector('#address-error')!.textContent).to.not.equal('');
    expect(shadow(el).activeElement).to.equal(address);
    expect(control(el, 'Name').value).to.equal(name);
    expect(control(el, 'Name').getAttribute('aria-invalid')).to.equal('false');
  });

  it('stops an empty name in the browser, at the field', async () => {
    const el = await mount('new');
    button(el, 'Create point of contact').click();
    await until(() => control(el, 'Name').getAttribute('aria-invalid') === 'true', 'the name marked');
    expect(alertText(el)).to.contain('Fix the marked fields');
  });

  it('hides "New point of contact" from an account that cannot create', async () => {
    const marketer = await login('marketer');
    try {
      const el = await mount('list', marketer);
      expect(shadow(el).querySelector('a[href="#pocs/new"]')).to.equal(null);
    } finally {
      admin = await login('admin');
    }
  });
});
