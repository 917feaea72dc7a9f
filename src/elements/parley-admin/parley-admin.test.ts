import { expect, fixture, html } from '@open-wc/testing';
import { SERVER, logout, shadow } from './admin-test-support.js';
import { deepAll, deepText, fillSignIn, until } from '../test-helpers.js';
import { ParleyAdmin, parseAdminHash } from './parley-admin.js';

ParleyAdmin.define('parley-admin');

const navLinks = (el: Element) => [...shadow(el).querySelectorAll('nav a')].map((a) => a.textContent!.trim());

async function signedIn(username: 'admin' | 'marketer'): Promise<ParleyAdmin> {
  const el = await fixture<ParleyAdmin>(html`<parley-admin server=${SERVER} locale="en"></parley-admin>`);
  await fillSignIn(el, username);
  await until(() => shadow(el).querySelector('nav'), 'the pages');
  return el;
}

describe('<parley-admin>', () => {
  beforeEach(async () => {
    await logout();
    history.replaceState(null, '', '#');
  });
  after(() => history.replaceState(null, '', location.pathname));

  it('is accessible, signed out and signed in', async () => {
    const el = await fixture<ParleyAdmin>(html`<parley-admin server=${SERVER} locale="en"></parley-admin>`);
    await until(() => deepAll(el, 'parley-sign-in').length, 'the sign-in form');
    await expect(el).to.be.accessible();
    await fillSignIn(el, 'admin');
    await until(() => deepText(el).includes('Support mailbox'), 'the POC list');
    await expect(el).to.be.accessible();
  });

  it('shows an administrator every section, and who is signed in', async () => {
    const el = await signedIn('admin');
    expect(navLinks(el)).to.deep.equal(['Points of contact', 'Skills', 'Scripts', 'Phone numbers', 'People', 'Roles', 'API tokens', 'Bulk files']);
    expect(deepText(el)).to.contain('Signed in as Demo Administrator');
    expect(location.hash).to.equal('#pocs');
  });

  it('hides People, Roles and API tokens from a marketer', async () => {
    const el = await signedIn('marketer');
    expect(navLinks(el)).to.deep.equal(['Points of contact', 'Skills', 'Scripts', 'Phone numbers', 'Bulk files']);
    // Asked for by address, a forbidden section shows the first allowed one instead.
    location.hash = '#people';
    await until(() => location.hash === '#pocs', 'back to the points of contact');
  });

  it('follows the hash between sections and focuses the new heading', async () => {
    const el = await signedIn('admin');
    location.hash = '#skills';
    await until(() => shadow(el).querySelector('parley-admin-skills'), 'the skills section');
    expect(shadow(el).querySelector('nav a[aria-current="page"]')!.textContent!.trim()).to.equal('Skills');
    const skills = shadow(el).querySelector('parley-admin-skills')!;
    await until(() => skills.shadowRoot!.activeElement?.id === 'heading', 'focus on the heading');
    location.hash = '#pocs/demo-chat-8Hq2ZkV7mW4pR9tX';
    await until(() => shadow(el).querySelector('parley-admin-poc'), 'the POC page');
  });

  it('signs out', async () => {
    const el = await signedIn('admin');
    [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Sign out')!.click();
    await until(() => deepAll(el, 'parley-sign-in').length, 'the sign-in form');
  });

  it('reads routes from the hash', () => {
    expect(parseAdminHash('#pocs/abc')).to.deep.equal({ section: 'pocs', detail: 'abc' });
    expect(parseAdminHash('#skills/x')).to.deep.equal({ section: 'skills', detail: null });
    expect(parseAdminHash('#nowhere')).to.equal(null);
  });
});
