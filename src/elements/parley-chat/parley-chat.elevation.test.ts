/**
 * "Call me back", "email me", "text me" in the chat, against the real test server: the menu, the
 * forms and the server's answers, the confirmation, the requests listed after a reload, the
 * long-wait offer and the closed POC.
 *
 * Where a test needs the POC closed or a short long-wait threshold, it changes the demo script's
 * settings in the real server's store through a test-runner command (`scriptPatched`), and puts
 * them back.
 *
 * Last, "leave a message" (profile `offline.behaviour` `leave-message`): the work-item form of the
 * profile's `offline.workItemPoc` in the panel, filed on the real server.
 */
import { aTimeout, expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { DEFAULT_PROFILE } from '../../core/profile.js';
import { staffFetch } from '../../core/staff-auth.js';
import { defineParleyElements } from '../../define.js';
import { DEMO_IDS, type ChatProfile, type StudioProfile } from '../../protocol/index.js';
import type { ParleyElevation } from '../parley-elevation/parley-elevation.js';
import type { ParleyWorkItem } from '../parley-work-item/parley-work-item.js';
import { demoAgent, staffSignOut, TEST_PASSWORD } from '../test-helpers.js';
import type { ParleyChat } from './parley-chat.js';

defineParleyElements();

const SERVER = window.PARLEY_TEST_SERVER;
const POC = DEMO_IDS.chatPoc;
/** A POC whose stored profile the tests change through the studio API (and restore). */
const SALES = DEMO_IDS.salesChatPoc;

// ---------------------------------------------------------------------------------------------
// helpers: read through roles, names and documented parts

const root = (el: ParleyChat): ShadowRoot => el.shadowRoot!;
const launcher = (el: ParleyChat): HTMLButtonElement | null => root(el).querySelector('[part~="launcher"]');
const panel = (el: ParleyChat): HTMLElement | null => root(el).querySelector('[part~="panel"]');
const form = (el: ParleyChat): ParleyElevation | null => root(el).querySelector('parley-elevation');
const formRoot = (el: ParleyChat): ShadowRoot => form(el)!.shadowRoot!;
const parts = (el: ParleyChat, name: string): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)].filter((e) => e.checkVisibility());
const text = (node: Element | null): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const names = (buttons: HTMLElement[]): string[] => buttons.map(text);
const liveText = (el: ParleyChat): string => text(root(el).querySelector('[aria-live="polite"]'));
const logText = (el: ParleyChat): string => text(root(el).querySelector('parley-message-list')!.shadowRoot!.querySelector('[part~="log"]'));
const statusText = (el: ParleyChat): string => text(root(el).querySelector('parley-message-list')!.shadowRoot!.querySelector('[part~="status"]'));
const visible = (node: Element | null): boolean => !!node && node.getBoundingClientRect().width > 0;
/** The focused element, inside the shadow roots on the way. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function field<T extends HTMLElement = HTMLInputElement>(el: ParleyChat, label: string): T {
  const l = [...formRoot(el).querySelectorAll('label')].find((x) => text(x) === label);
  if (!l) throw new Error(`no field labelled ${label}`);
  return formRoot(el).getElementById(l.htmlFor) as unknown as T;
}
const errorOf = (el: ParleyChat, label: string): string => {
  const ids = field(el, label).getAttribute('aria-describedby') ?? '';
  return ids
    .split(' ')
    .filter((id) => id.endsWith('-error'))
    .map((id) => text(formRoot(el).getElementById(id)))
    .join(' ');
};
const formButton = (el: ParleyChat, name: string): HTMLButtonElement =>
  [...formRoot(el).querySelectorAll('button')].find((b) => text(b) === name && b.checkVisibility())!;
const confirmation = (el: ParleyChat): string => text(form(el)?.shadowRoot?.querySelector('[part~="elevation-confirmation"]') ?? null);

async function chat(poc: string = POC, attrs: { locale?: string; offline?: boolean; profile?: ChatProfile } = {}): Promise<ParleyChat> {
  const el = await fixture<ParleyChat>(html`<parley-chat
    poc=${poc}
    server=${SERVER}
    locale=${attrs.locale ?? 'en'}
    ?offline=${attrs.offline ?? false}
    .profile=${attrs.profile ?? null}
  ></parley-chat>`);
  await waitUntil(() => launcher(el), 'the launcher appears', { timeout: 5000 });
  return el;
}

async function openPanel(el: ParleyChat): Promise<void> {
  launcher(el)!.click();
  await el.updateComplete;
  await waitUntil(() => visible(panel(el)), 'the panel opens');
  await Promise.all(panel(el)!.getAnimations().map((a) => a.finished));
}

/** Opens "Other ways to reach us" and picks `kind` (by its name). */
async function pick(el: ParleyChat, name: string): Promise<void> {
  await waitUntil(() => parts(el, 'elevation-menu-button').length === 1, 'the menu button shows');
  parts(el, 'elevation-menu-button')[0].click();
  await el.updateComplete;
  parts(el, 'elevation-option').find((b) => text(b) === name)!.click();
  await waitUntil(() => form(el) && visible(form(el)), 'the form shows');
  await form(el)!.updateComplete;
}

async function say(el: ParleyChat, message: string): Promise<void> {
  const composer = root(el).querySelector('parley-composer')!;
  composer.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="input"]')!.focus();
  await sendKeys({ type: message });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => /in the queue/.test(statusText(el)), 'the chat is queued', { timeout: 5000 });
}

async function type(control: HTMLElement, value: string): Promise<void> {
  control.focus();
  await sendKeys({ type: value });
}

async function fillCallback(el: ParleyChat, phone: string): Promise<void> {
  await type(field(el, 'Phone number'), phone);
  field(el, 'I agree to be called at this number').click();
}

/** Presses the form's submit button and waits until it is no longer sending. */
async function submit(el: ParleyChat): Promise<void> {
  const button = formRoot(el).querySelector<HTMLButtonElement>('[part~="elevation-submit"]')!;
  button.click();
  await form(el)!.updateComplete;
  await waitUntil(() => !button.isConnected || button.getAttribute('aria-disabled') === 'false', 'the answer came', { timeout: 10000 });
  await form(el)!.updateComplete;
}

/** A French mobile number no other test uses (the server limits requests per number). */
let nextNumber = 30;
const mobile = (): string => `+33 6 12 34 57 ${String(nextNumber++).padStart(2, '0')}`;

/** Changes these fields of the server's real `/availability` answers until restored. */
/**
 * Changes the demo script's settings in the server's store (business hours, long-wait
 * threshold) until the returned function puts them back.
 */
async function scriptPatched(patch: Record<string, unknown>): Promise<() => Promise<void>> {
  const previous = (await executeServerCommand('parley-script', { id: 'demo-script' })) as string;
  const config = { ...(JSON.parse(previous) as Record<string, unknown>), ...patch };
  await executeServerCommand('parley-script', { id: 'demo-script', config: JSON.stringify(config) });
  return async () => void (await executeServerCommand('parley-script', { id: 'demo-script', config: previous }));
}

/** Business hours that leave today (in any time zone) closed. */
const closedToday = (): Record<string, unknown> => ({ hours: [{ days: [(new Date().getUTCDay() + 3) % 7], open: '09:00', close: '17:00' }] });

/** Counts the elevation requests this page puts on the wire (socket.io frames), until restored. */
function countElevationFrames(): { count(): number; restore(): void } {
  const send = WebSocket.prototype.send;
  let frames = 0;
  WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    if (typeof data === 'string' && data.includes('"elevation:request"')) frames += 1;
    return send.call(this, data);
  };
  return { count: () => frames, restore: () => void (WebSocket.prototype.send = send) };
}

// The studio API, as a marketer: the server's stored profile of the sales POC.
const api = (path: string): string => `${SERVER}/api/v1${path}`;
async function saveSalesProfile(profile: ChatProfile): Promise<void> {
  const response = await staffFetch(SERVER, api(`/studio/pocs/${SALES}/profile`), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ profile }),
  });
  if (!response.ok) throw new Error(`saving the sales profile: ${response.status} ${await response.text()}`);
}
let salesOriginal: ChatProfile;
const salesWith = (elevations: Partial<ChatProfile['elevations']>): ChatProfile => ({ ...salesOriginal, elevations: { ...salesOriginal.elevations, ...elevations } });
const on = (skillId: string) => ({ enabled: true, skillId });
const off = { enabled: false, skillId: null };

before(async () => {
  const login = await fetch(api('/auth/login'), {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'marketer', password: TEST_PASSWORD }),
  });
  if (!login.ok) throw new Error(`marketer sign-in: ${login.status}`);
  const response = await fetch(api(`/studio/pocs/${SALES}/profile`), { credentials: 'include' });
  salesOriginal = ((await response.json()) as StudioProfile).profile;
});
after(async () => {
  await saveSalesProfile(salesOriginal);
  await staffSignOut(SERVER);
});
beforeEach(() => localStorage.clear());
afterEach(async () => {
  fixtureCleanup();
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ colorScheme: 'light' });
});

describe('parley-chat: other ways to reach us', () => {
  it('is accessible with the menu open, a form with its errors, and a confirmation, light and dark', async () => {
    const el = await chat();
    await openPanel(el);
    parts(el, 'elevation-menu-button')[0].click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    parts(el, 'elevation-option')[0].click();
    await waitUntil(() => form(el), 'the form');
    await form(el)!.updateComplete;
    await submit(el);
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).to.be.accessible();
    await fillCallback(el, mobile());
    await submit(el);
    await waitUntil(() => confirmation(el), 'confirmed');
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'light' });
    await expect(el).to.be.accessible();
  });

  // ------------------------------------------------------------------------------------------
  // the menu

  it('offers only the kinds the profile enables, in a disclosure; none enabled, no menu', async () => {
    await saveSalesProfile(salesWith({ callback: on('demo-skill-voice'), email: on('demo-skill-email'), sms: off }));
    const el = await chat(SALES);
    await openPanel(el);
    const button = parts(el, 'elevation-menu-button')[0];
    expect(text(button)).to.equal('Other ways to reach us');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(parts(el, 'elevation-option')).to.have.length(0);
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(names(parts(el, 'elevation-option'))).to.deep.equal(['Call me back', 'Email me']);
    // Escape closes the menu first, not the panel.
    parts(el, 'elevation-option')[0].focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.isOpen).to.equal(true);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(focused()).to.equal(button);

    fixtureCleanup();
    const none = await chat(POC, { profile: { ...DEFAULT_PROFILE, elevations: { ...DEFAULT_PROFILE.elevations } } });
    await openPanel(none);
    expect(root(none).querySelector('[part~="elevation-menu-button"]')).to.equal(null);
  });

  it('a kind the page shows but the server does not offer: the form says it is not available', async () => {
    await saveSalesProfile(salesWith({ callback: off, email: off, sms: off }));
    const el = await chat(SALES, { profile: salesWith({ sms: on('demo-skill-sms') }) });
    await openPanel(el);
    await pick(el, 'Text me');
    await type(field(el, 'Mobile number'), mobile());
    field(el, 'I agree to receive text messages at this number').click();
    await submit(el);
    expect(text(formRoot(el).querySelector('[part~="elevation-alert"]'))).to.equal('This option is not available right now. Please choose another way to reach us.');
  });

  // ------------------------------------------------------------------------------------------
  // callback, without a chat

  it('call me back: the server refuses a premium-rate number at the field; a good one gets a reference, listed after a reload', async () => {
    const el = await chat();
    await openPanel(el);
    await pick(el, 'Call me back');
    expect(visible(root(el).querySelector('parley-message-list')), 'the form takes the conversation’s place').to.equal(false);
    expect(focused()).to.equal(field(el, 'Country'));
    await fillCallback(el, '+33 8 99 12 34 56');
    await submit(el);
    expect(errorOf(el, 'Phone number')).to.equal('This is a premium-rate or service number. Enter a number we can call.');
    expect(field(el, 'Phone number').getAttribute('aria-invalid')).to.equal('true');
    expect(focused()).to.equal(field(el, 'Phone number'));
    await waitUntil(() => liveText(el).includes('premium-rate'), 'the error is announced');

    const number = mobile();
    const phone = field(el, 'Phone number');
    phone.select();
    await sendKeys({ type: number });
    await submit(el);
    await waitUntil(() => confirmation(el), 'the confirmation');
    const reference = text(formRoot(el).querySelector('[part~="elevation-reference"]'));
    expect(reference).to.match(/^CB-[0-9A-Z]{6}$/);
    expect(confirmation(el)).to.contain(`An agent will call you at ${number} as soon as possible.`);
    expect(text(focused())).to.equal('Request sent');
    await waitUntil(() => liveText(el).includes(`Your reference is ${reference}`), 'announced');

    formButton(el, 'Back to chat').click();
    await waitUntil(() => !form(el), 'back to the chat');
    expect(visible(root(el).querySelector('parley-message-list'))).to.equal(true);
    expect(focused()).to.equal(parts(el, 'elevation-menu-button')[0]);
    const listed = text(parts(el, 'elevation-requests')[0]);
    expect(listed).to.contain(`Callback ${reference} requested`);

    // A reload: the hello brings the request back.
    fixtureCleanup();
    const again = await chat();
    await openPanel(again);
    await waitUntil(() => parts(again, 'elevation-requests').length === 1, 'the request is listed again');
    expect(text(parts(again, 'elevation-requests')[0])).to.contain(reference);
  });

  it('a double submit makes one request', async () => {
    const frames = countElevationFrames();
    try {
      const el = await chat();
      await openPanel(el);
      await pick(el, 'Call me back');
      await fillCallback(el, mobile());
      const button = formRoot(el).querySelector<HTMLButtonElement>('[part~="elevation-submit"]')!;
      button.click();
      button.click();
      await form(el)!.updateComplete;
      button.click();
      await waitUntil(() => confirmation(el), 'confirmed', { timeout: 10000 });
      expect(frames.count()).to.equal(1);
      fixtureCleanup();
      const again = await chat();
      await openPanel(again);
      await waitUntil(() => parts(again, 'elevation-requests').length === 1, 'listed after a reload');
      expect(parts(again, 'elevation-requests')[0].querySelectorAll('li')).to.have.length(1);
    } finally {
      frames.restore();
    }
  });

  it('text me: without consent the form says so at the checkbox', async () => {
    const el = await chat();
    await openPanel(el);
    await pick(el, 'Text me');
    await type(field(el, 'Mobile number'), mobile());
    await submit(el);
    expect(errorOf(el, 'I agree to receive text messages at this number')).to.equal('Tick this box so that we may text you.');
    expect(focused()).to.equal(field(el, 'I agree to receive text messages at this number'));
  });

  // ------------------------------------------------------------------------------------------
  // from a chat

  it('email me from a chat: the subject starts from the first message on one line; the chat notes the request and goes on', async () => {
    const el = await chat();
    await openPanel(el);
    await say(el, 'My parcel');
    await pick(el, 'Email me');
    expect(field(el, 'Subject').value).to.equal('My parcel');
    // A line separator in the subject is refused at the field.
    field(el, 'Subject').value = 'My parcel\u2028Bcc: x@example.com';
    await type(field(el, 'Email address'), 'ann@example.com');
    await type(field(el, 'Message'), 'Where is it?');
    await submit(el);
    expect(errorOf(el, 'Subject')).to.equal('Keep the subject on one line, without tabs or special characters.');
    field(el, 'Subject').value = 'My parcel';
    field(el, 'Subject').dispatchEvent(new Event('input'));
    await submit(el);
    await waitUntil(() => confirmation(el), 'confirmed');
    expect(confirmation(el)).to.contain('We will answer at ann@example.com.');
    const reference = text(formRoot(el).querySelector('[part~="elevation-reference"]'));
    formButton(el, 'Back to chat').click();
    await waitUntil(() => logText(el).includes(`Email requested. Reference ${reference}.`), 'the chat notes it');
    expect(statusText(el)).to.match(/in the queue/, 'the chat goes on (afterRequest: continue)');
    expect(root(el).querySelector('parley-composer')!.checkVisibility()).to.equal(true);
  });

  it('after a request, a profile with afterRequest "end" ends the chat', async () => {
    await saveSalesProfile(salesWith({ callback: on('demo-skill-voice'), afterRequest: 'end' }));
    const el = await chat(SALES);
    await openPanel(el);
    await say(el, 'Call me instead');
    await pick(el, 'Call me back');
    await fillCallback(el, mobile());
    await submit(el);
    await waitUntil(() => confirmation(el), 'confirmed');
    formButton(el, 'Back to chat').click();
    await waitUntil(() => statusText(el).includes('This chat has ended'), 'the chat ended');
  });

  // ------------------------------------------------------------------------------------------
  // long wait

  it('a long wait: the offer appears when the threshold is reached; "stop waiting" ends the wait', async () => {
    const restore = await scriptPatched({ longWaitSeconds: 2, whenLongWait: 'offer-callback' });
    try {
      const el = await chat();
      await openPanel(el);
      await say(el, 'Hello, anyone?');
      await waitUntil(() => parts(el, 'elevation-offer').length === 1, 'the offer appears', { timeout: 5000 });
      const offer = parts(el, 'elevation-offer')[0];
      expect(text(offer)).to.contain('The wait is longer than usual.');
      expect(names(parts(el, 'elevation-offer-button'))).to.deep.equal([
        'Stop waiting — we’ll call you back',
        'Stop waiting — we’ll email you',
        'Stop waiting — we’ll text you',
      ]);
      expect(liveText(el)).to.contain('You can stop waiting');
      parts(el, 'elevation-offer-button')[0].click();
      await waitUntil(() => form(el), 'the form');
      await form(el)!.updateComplete;
      expect(text(formRoot(el).querySelector('form'))).to.contain('ends your wait in the chat queue');
      await fillCallback(el, mobile());
      await submit(el);
      await waitUntil(() => confirmation(el), 'confirmed');
      formButton(el, 'Back to chat').click();
      await waitUntil(() => statusText(el).includes('This chat has ended'), 'the wait ended');
      expect(parts(el, 'elevation-offer')).to.have.length(0);
    } finally {
      await restore();
    }
  });

  it('no offer before the threshold; "Keep waiting" puts it away', async () => {
    const restore = await scriptPatched({ longWaitSeconds: 3600, whenLongWait: 'offer-callback' });
    try {
      const el = await chat();
      await openPanel(el);
      await say(el, 'Waiting is fine');
      await aTimeout(300);
      expect(parts(el, 'elevation-offer')).to.have.length(0);
    } finally {
      await restore();
    }
    const soon = await scriptPatched({ longWaitSeconds: 1, whenLongWait: 'offer-callback' });
    try {
      fixtureCleanup();
      localStorage.clear();
      const el = await chat();
      await openPanel(el);
      await say(el, 'Still here');
      await waitUntil(() => parts(el, 'elevation-offer').length === 1, 'the offer appears', { timeout: 5000 });
      [...parts(el, 'elevation-offer')[0].querySelectorAll('button')].find((b) => text(b) === 'Keep waiting')!.click();
      await el.updateComplete;
      expect(parts(el, 'elevation-offer')).to.have.length(0);
    } finally {
      await soon();
    }
  });

  // ------------------------------------------------------------------------------------------
  // closed

  it('closed by the script: the offline message and the options; a request works without any chat', async () => {
    const restore = await scriptPatched(closedToday());
    try {
      const el = await chat();
      await openPanel(el);
      await waitUntil(() => parts(el, 'offline').length === 1, 'the closed state');
      expect(el.matches(':state(offline)')).to.equal(true);
      expect(root(el).querySelector('parley-composer')).to.equal(null);
      expect(root(el).querySelector('[part~="elevation-menu-button"]'), 'the options show at once').to.equal(null);
      const options = parts(el, 'elevation-options')[0];
      expect(text(options)).to.contain('You can still ask us to contact you');
      expect(names(parts(el, 'elevation-option'))).to.deep.equal(['Call me back', 'Email me', 'Text me']);
      await expect(el).to.be.accessible();
      parts(el, 'elevation-option')[1].click();
      await waitUntil(() => form(el), 'the form');
      await form(el)!.updateComplete;
      expect(field(el, 'Subject').value).to.equal('Chat with Acme Support');
      await type(field(el, 'Email address'), 'bob@example.com');
      await type(field(el, 'Message'), 'Please call back tomorrow.');
      await submit(el);
      await waitUntil(() => confirmation(el), 'confirmed');
      expect(confirmation(el)).to.contain('We will answer at bob@example.com.');
      formButton(el, 'Back to chat').click();
      await waitUntil(() => !form(el), 'back');
      expect(parts(el, 'offline')).to.have.length(1);
      expect(text(parts(el, 'elevation-requests')[0])).to.match(/Email EM-[0-9A-Z]{6} requested/);
      expect(logText(el)).to.not.contain('requested', 'no chat was opened for it');
    } finally {
      await restore();
    }
  });

  it('the offline attribute shows the options too; "hide" stays hidden', async () => {
    const el = await chat(POC, { offline: true });
    await openPanel(el);
    expect(names(parts(el, 'elevation-option'))).to.deep.equal(['Call me back', 'Email me', 'Text me']);
    fixtureCleanup();
    const hidden = await fixture<ParleyChat>(html`<parley-chat
      poc=${POC}
      server=${SERVER}
      offline
      .profile=${{ ...DEFAULT_PROFILE, offline: { behaviour: 'hide' }, elevations: { ...DEFAULT_PROFILE.elevations, callback: on('demo-skill-voice') } }}
    ></parley-chat>`);
    await hidden.updateComplete;
    expect(launcher(hidden)).to.equal(null);
  });

  // ------------------------------------------------------------------------------------------
  // language, keyboard, small screens

  it('in French: the menu, the form and the default country follow the locale', async () => {
    const el = await chat(POC, { locale: 'fr-FR' });
    await openPanel(el);
    parts(el, 'elevation-menu-button')[0].click();
    await el.updateComplete;
    expect(text(parts(el, 'elevation-menu-button')[0])).to.equal('Autres moyens de nous joindre');
    expect(names(parts(el, 'elevation-option'))).to.deep.equal(['Rappelez-moi', 'Écrivez-moi', 'Envoyez-moi un SMS']);
    parts(el, 'elevation-option')[0].click();
    await waitUntil(() => form(el), 'the form');
    await form(el)!.updateComplete;
    expect(field<HTMLSelectElement>(el, 'Pays').value).to.equal('FR');
    expect(field(el, 'Numéro de téléphone').type).to.equal('tel');
  });

  it('Escape in the form goes back to the chat, with the draft kept; the panel stays open', async () => {
    const el = await chat();
    await openPanel(el);
    const input = root(el).querySelector('parley-composer')!.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="input"]')!;
    input.focus();
    await sendKeys({ type: 'a draft' });
    await pick(el, 'Email me');
    field(el, 'Email address').focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !form(el), 'back to the chat');
    expect(el.isOpen).to.equal(true);
    expect(input.value).to.equal('a draft');
    expect(focused()).to.equal(parts(el, 'elevation-menu-button')[0]);
  });

  it('on a 390 px phone the form fills the screen without overflowing it', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await chat();
    await openPanel(el);
    await pick(el, 'Call me back');
    const view = form(el)!.getBoundingClientRect();
    expect(view.left).to.equal(0);
    expect(view.right).to.equal(390);
    for (const control of formRoot(el).querySelectorAll<HTMLElement>('input, select, button')) {
      const box = control.getBoundingClientRect();
      expect(box.right, control.id || text(control)).to.be.at.most(390);
      expect(box.left).to.be.at.least(0);
    }
    await submit(el);
    await expect(el).to.be.accessible();
  });
});

// ---------------------------------------------------------------------------------------------
// leave a message

describe('parley-chat: leave a message', () => {
  /** The demo chat profile, its closed (and unstaffed) state offering the returns form. */
  const leaving = (workItemPoc: string = DEMO_IDS.workitemPoc): ChatProfile => ({ ...DEFAULT_PROFILE, offline: { behaviour: 'leave-message', workItemPoc } });
  const messageForm = (el: ParleyChat): ParleyWorkItem | null => root(el).querySelector('parley-work-item');
  const formControl = (el: ParleyChat, label: string): HTMLInputElement => {
    const scope = messageForm(el)!.shadowRoot!;
    const l = [...scope.querySelectorAll('label')].find((x) => text(x).replace(/\s*\*$/, '') === label);
    if (!l) throw new Error(`no field labelled ${label}`);
    return scope.getElementById(l.htmlFor) as HTMLInputElement;
  };
  const fill = (el: ParleyChat, label: string, value: string): void => {
    const c = formControl(el, label);
    c.value = value;
    c.dispatchEvent(new Event('input', { bubbles: true }));
    c.dispatchEvent(new Event('change', { bubbles: true }));
  };
  async function openLeave(el: ParleyChat): Promise<ParleyWorkItem> {
    parts(el, 'leave-message-button')[0].click();
    await waitUntil(() => messageForm(el)?.shadowRoot?.querySelector('[part~="work-item-form"]'), 'the message form shows', { timeout: 5000 });
    return messageForm(el)!;
  }

  it('closed: "Leave a message" opens the work-item form in the panel; sent, the panel shows its reference', async () => {
    const el = await chat(POC, { offline: true, profile: leaving() });
    await openPanel(el);
    expect(names(parts(el, 'leave-message-button'))).to.deep.equal(['Leave a message']);
    await expect(el).to.be.accessible();

    const wi = await openLeave(el);
    expect(text(wi.shadowRoot!.querySelector('[part~="work-item-title"]'))).to.equal('Return an item');
    await waitUntil(() => focused() === formControl(el, 'Your name'), 'focus goes to the first field');
    expect(parts(el, 'offline'), 'the closed state gives way').to.have.length(0);
    await expect(el).to.be.accessible();

    // Escape goes back, the message kept; the panel stays open.
    fill(el, 'Your name', 'Left A. Message');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => parts(el, 'offline').length === 1, 'back to the closed state');
    expect(el.isOpen).to.equal(true);
    expect(focused()).to.equal(parts(el, 'leave-message-button')[0]);
    await openLeave(el);
    expect(formControl(el, 'Your name').value).to.equal('Left A. Message');

    fill(el, 'Email', 'left@example.com');
    fill(el, 'Order number', 'A-7');
    fill(el, 'Reason', 'Other');
    fill(el, 'What happened?', 'Nobody was there to chat.');
    const submitted = new Promise<CustomEvent<{ poc: string; reference: string }>>((resolve) =>
      document.addEventListener('parley-work-item-submitted', (e) => resolve(e as unknown as CustomEvent<{ poc: string; reference: string }>), { once: true }),
    );
    messageForm(el)!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="work-item-submit"]')!.click();
    const event = await submitted;
    expect(event.detail.poc).to.equal(DEMO_IDS.workitemPoc);
    await waitUntil(() => parts(el, 'leave-message-confirmation').length === 1, 'the panel confirms');
    expect(text(parts(el, 'leave-message-reference')[0])).to.equal(event.detail.reference);
    expect(text(parts(el, 'leave-message-confirmation')[0])).to.contain('Message sent');
    expect(focused()?.id).to.equal('leave-title');
    expect(liveText(el)).to.contain(event.detail.reference);
    await expect(el).to.be.accessible();

    const items = (await executeServerCommand('parley-work-items', { poc: DEMO_IDS.workitemPoc })) as { reference: string; source: string }[];
    expect(items.find((i) => i.reference === event.detail.reference)?.source, 'filed from the chat').to.equal('chat');

    parts(el, 'leave-message-back')[0].click();
    await waitUntil(() => parts(el, 'offline').length === 1, 'back to the closed state');
    // A new message starts from an empty form.
    await openLeave(el);
    expect(formControl(el, 'Your name').value).to.equal('');
  });

  it('open but nobody on duty: offered before starting and while queued, not once an agent is available', async () => {
    const el = await chat(POC, { profile: leaving() });
    await openPanel(el);
    await waitUntil(() => parts(el, 'leave-message-button').length === 1, 'offered before starting', { timeout: 5000 });
    expect(text(parts(el, 'leave-message')[0])).to.contain('Nobody can answer right now.');
    await say(el, 'Anyone there?');
    expect(parts(el, 'leave-message-button'), 'still offered while queued').to.have.length(1);
    await openLeave(el);
    expect(root(el).querySelector('parley-message-list')!.checkVisibility()).to.equal(false);
    parts(el, 'leave-message-back')[0].click();
    await waitUntil(() => root(el).querySelector('parley-message-list')!.checkVisibility(), 'back to the chat');
    root(el).querySelector<HTMLButtonElement>('[part~="end-button"]')!.click();
    await waitUntil(() => /ended/.test(statusText(el)), 'the chat ends');

    const agent = await demoAgent(SERVER);
    try {
      fixtureCleanup();
      const staffed = await chat(POC, { profile: leaving() });
      await openPanel(staffed);
      await aTimeout(500);
      expect(parts(staffed, 'leave-message-button')).to.have.length(0);
    } finally {
      agent.close();
      // The agent's sign-in took this page's staff cookie: the marketer signs in again for `after`.
      await fetch(api('/auth/login'), {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'marketer', password: TEST_PASSWORD }),
      });
    }
  });

  it('a "message" profile offers no such button', async () => {
    const el = await chat(POC, { offline: true, profile: { ...DEFAULT_PROFILE, offline: { behaviour: 'message', workItemPoc: null } } });
    await openPanel(el);
    expect(parts(el, 'offline')).to.have.length(1);
    expect(parts(el, 'leave-message-button')).to.have.length(0);
  });

  it('an unknown work-item POC: the panel says the form is not available; one console error, from the form, none from the chat', async () => {
    const original = console.error;
    const calls: unknown[][] = [];
    console.error = (...args: unknown[]) => void calls.push(args);
    const chatErrors: Event[] = [];
    try {
      const el = await chat(POC, { offline: true, profile: leaving('no-such-returns-poc') });
      el.addEventListener('parley-error', (e) => chatErrors.push(e));
      await openPanel(el);
      parts(el, 'leave-message-button')[0].click();
      await waitUntil(() => root(el).querySelector('.leave-unavailable'), 'the panel says so', { timeout: 5000 });
      expect(text(root(el).querySelector('.leave-unavailable'))).to.equal('This form is not available.');
      expect(focused()?.id).to.equal('leave-title');
      await aTimeout(200);
      expect(calls).to.have.length(1);
      expect(String(calls[0][0])).to.contain('<parley-work-item poc="no-such-returns-poc">');
      expect(chatErrors, 'the page does not take it for the chat failing').to.have.length(0);
      expect(el.matches(':state(unavailable)')).to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });
});
