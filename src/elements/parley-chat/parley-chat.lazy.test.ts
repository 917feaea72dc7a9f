/**
 * The chat's forms load on first need. This page defines the chat as the script tag's chat does,
 * without its forms (no `defineParleyElements()`): a closed chat loads none of them; opening the
 * panel brings the pre-chat form, focus in it once it is there, and the other forms the profile
 * offers follow while the browser is idle; a request form picked shows and takes focus.
 *
 * The tests run in order on one page (a form once defined stays defined): the first one needs a
 * page where no form was asked for yet.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { DEFAULT_PROFILE } from '../../core/profile.js';
import { DEMO_IDS, type ChatProfile } from '../../protocol/index.js';
import { ParleyComposer } from '../parley-composer/parley-composer.js';
import { ParleyMessageList } from '../parley-message-list/parley-message-list.js';
import { deepActiveElement } from '../test-helpers.js';
import { ParleyChat } from './parley-chat.js';

ParleyMessageList.define('parley-message-list');
ParleyComposer.define('parley-composer');
ParleyChat.define('parley-chat');

const SERVER = window.PARLEY_TEST_SERVER;
const FORMS = ['parley-elevation', 'parley-prechat', 'parley-work-item'];

/** A profile that uses every form: a pre-chat name, "call me back", and "leave a message". */
const PROFILE: ChatProfile = {
  ...DEFAULT_PROFILE,
  preChat: { enabled: true, fields: [{ id: 'name', type: 'name', label: 'Your name', labels: {}, required: true, options: [] }] },
  elevations: { ...DEFAULT_PROFILE.elevations, callback: { enabled: true, skillId: 'demo-skill-voice' } },
  offline: { behaviour: 'leave-message', workItemPoc: DEMO_IDS.workitemPoc },
};

const root = (el: ParleyChat): ShadowRoot => el.shadowRoot!;
const part = (el: ParleyChat, name: string): HTMLElement | null => root(el).querySelector(`[part~="${name}"]`);
const defined = (): string[] => FORMS.filter((tag) => customElements.get(tag));
/** Resolves once the browser has been idle: the chat's prefetch would have run by then. */
const idle = (): Promise<void> => new Promise((resolve) => requestIdleCallback(() => setTimeout(resolve, 50)));

async function chat(): Promise<ParleyChat> {
  const el = await fixture<ParleyChat>(html`<parley-chat poc=${DEMO_IDS.chatPoc} server=${SERVER} locale="en" .profile=${PROFILE}></parley-chat>`);
  await waitUntil(() => part(el, 'launcher'), 'the launcher appears', { timeout: 5000 });
  return el;
}

afterEach(() => fixtureCleanup());
beforeEach(() => localStorage.clear());

describe('parley-chat: forms load on first need', () => {
  it('a closed chat loads none of its forms', async () => {
    await chat();
    await idle();
    await idle();
    expect(defined()).to.deep.equal([]);
  });

  it('opening the panel loads the pre-chat form, focus in it, then the other forms the profile offers', async () => {
    const el = await chat();
    part(el, 'launcher')!.click();
    await el.updateComplete;
    // Rendered at once, defined once its module has come (a network fetch: never within the update).
    const prechat = root(el).querySelector('parley-prechat')!;
    expect(prechat, 'the form is in the panel').to.exist;
    expect(customElements.get('parley-prechat'), 'its code is on its way').to.equal(undefined);
    await waitUntil(() => prechat.shadowRoot && deepActiveElement() === prechat.shadowRoot.querySelector('input'), 'focus lands in the pre-chat form', { timeout: 5000 });
    // The customer has asked for no other form: the idle browser loads them ahead of need.
    await waitUntil(() => defined().length === FORMS.length, 'every form is defined', { timeout: 5000 });
    expect(defined()).to.deep.equal(FORMS);
  });

  it('a request form picked from the menu shows, focus in it', async () => {
    const el = await chat();
    part(el, 'launcher')!.click();
    await waitUntil(() => part(el, 'elevation-menu-button'), 'the menu button shows', { timeout: 5000 });
    part(el, 'elevation-menu-button')!.click();
    await el.updateComplete;
    part(el, 'elevation-option')!.click();
    await waitUntil(() => root(el).querySelector('parley-elevation')?.shadowRoot?.querySelector('form'), 'the form renders', { timeout: 5000 });
    await waitUntil(() => root(el).querySelector('parley-elevation')!.shadowRoot!.contains(deepActiveElement()), 'focus is in the form', { timeout: 5000 });
  });
});
