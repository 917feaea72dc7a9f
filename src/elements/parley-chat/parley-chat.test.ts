import { aTimeout, expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import type { AgentSession } from '../../core/agent-session.js';
import { DEFAULT_PROFILE } from '../../core/profile.js';
import { DEMO_IDS, type ChatMessage, type ChatProfile, type PublicChatProfile } from '../../protocol/index.js';
import { defineParleyElements } from '../../define.js';
import type { ParleyMessageList } from '../parley-message-list/parley-message-list.js';
import { acceptConversation, demoAgent, storedCustomerMessage } from '../test-helpers.js';
import type { ParleyChat } from './parley-chat.js';

defineParleyElements();

// Set by web-test-runner.config.mjs (typed in src/test-env.d.ts).
const SERVER = window.PARLEY_TEST_SERVER;
const POC = DEMO_IDS.chatPoc;

// ---------------------------------------------------------------------------------------------
// helpers: everything below is read through roles, names and documented parts

const root = (el: ParleyChat): ShadowRoot => el.shadowRoot!;
const launcher = (el: ParleyChat): HTMLButtonElement | null => root(el).querySelector('[part~="launcher"]');
const panel = (el: ParleyChat): HTMLElement | null => root(el).querySelector('[part~="panel"]');
const list = (el: ParleyChat): ParleyMessageList => root(el).querySelector('parley-message-list')!;
const composer = (el: ParleyChat): HTMLElement => root(el).querySelector('parley-composer')!;
const textarea = (el: ParleyChat): HTMLTextAreaElement => composer(el).shadowRoot!.querySelector('[part~="input"]')!;
const sendButton = (el: ParleyChat): HTMLButtonElement => composer(el).shadowRoot!.querySelector('[part~="send-button"]')!;
const endButton = (el: ParleyChat): HTMLButtonElement | null => root(el).querySelector('[part~="end-button"]');
const logText = (el: ParleyChat): string => list(el).shadowRoot!.querySelector('[part~="log"]')!.textContent!.replace(/\s+/g, ' ');
const statusText = (el: ParleyChat): string =>
  list(el).shadowRoot!.querySelector('[part~="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const liveText = (el: ParleyChat): string => root(el).querySelector('[aria-live="polite"]')!.textContent!.replace(/\s+/g, ' ');
const bubbles = (el: ParleyChat, author: string): HTMLElement[] => [
  ...list(el).shadowRoot!.querySelectorAll<HTMLElement>(`[part~="message-${author}"] [part~="bubble"]`),
];
const visible = (node: Element | null): boolean => !!node && node.getBoundingClientRect().width > 0;

/** A chat on the demo POC of the test server, once its launcher shows. */
async function chat(attrs: { locale?: string } = {}): Promise<ParleyChat> {
  const el = await fixture<ParleyChat>(html`<parley-chat poc=${POC} server=${SERVER} locale=${attrs.locale ?? 'en'}></parley-chat>`);
  await waitUntil(() => launcher(el), 'the launcher appears once the profile loaded', { timeout: 5000 });
  return el;
}

async function openPanel(el: ParleyChat): Promise<void> {
  launcher(el)!.click();
  await el.updateComplete;
  await waitUntil(() => visible(panel(el)), 'the panel opens');
  // Measure where the panel rests, not where its opening animation is.
  await Promise.all(panel(el)!.getAnimations().map((a) => a.finished));
}

/** Types and sends a text as the customer does; resolves with the stored message. */
async function say(el: ParleyChat, text: string): Promise<ChatMessage> {
  const stored = storedCustomerMessage(el, text);
  textarea(el).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  return stored;
}

/** A new chat whose customer says `text` and whose conversation `agent` has accepted. */
async function chattingWith(agent: AgentSession, text: string): Promise<{ el: ParleyChat; conversationId: string }> {
  const el = await chat();
  await openPanel(el);
  const { conversationId } = await say(el, text);
  await acceptConversation(agent, conversationId);
  await waitUntil(() => logText(el).includes('joined the chat.'), 'the agent joined');
  return { el, conversationId };
}

/** Ends the customer's chat from the panel, so no test leaves a contact waiting in the queue. */
async function endChat(el: ParleyChat): Promise<void> {
  await waitUntil(() => endButton(el), 'the End chat button shows');
  endButton(el)!.click();
  await waitUntil(() => statusText(el).includes('This chat has ended'), 'the chat ends', { timeout: 5000 });
}

async function demoProfile(): Promise<PublicChatProfile> {
  return (await fetch(`${SERVER}/api/v1/pocs/${POC}/profile`)).json();
}

/** Collects console.error calls until restored. */
function spyConsoleError(): { calls: unknown[][]; restore(): void } {
  const original = console.error;
  const calls: unknown[][] = [];
  console.error = (...args: unknown[]) => void calls.push(args);
  return { calls, restore: () => void (console.error = original) };
}

beforeEach(() => localStorage.clear());
afterEach(async () => {
  fixtureCleanup();
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
});

describe('parley-chat', () => {
  it('is accessible with only the launcher', async () => {
    const el = await chat();
    await expect(el).to.be.accessible();
  });

  it('is accessible with the panel open, empty', async () => {
    const el = await chat();
    await openPanel(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible queued with messages, and once the chat ended', async () => {
    const el = await chat();
    await openPanel(el);
    await say(el, 'Accessible hello');
    await waitUntil(() => /in the queue/.test(statusText(el)), 'queued');
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'light' });
    await endChat(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible (and shows nothing) for an unknown POC', async () => {
    const spy = spyConsoleError();
    try {
      const el = await fixture<ParleyChat>(html`<parley-chat poc="unknown-poc-a11y" server=${SERVER}></parley-chat>`);
      await waitUntil(() => spy.calls.length > 0, 'the error is reported');
      await expect(el).to.be.accessible();
    } finally {
      spy.restore();
    }
  });

  // ------------------------------------------------------------------------------------------
  // defaults

  it('shows nothing until the profile arrives, then a launcher button', async () => {
    const el = await fixture<ParleyChat>(html`<parley-chat poc=${POC} server=${SERVER}></parley-chat>`);
    expect(launcher(el)).to.equal(null);
    const ready = await oneEvent(el, 'parley-ready');
    expect(ready.detail.profile.poc.id).to.equal(POC);
    const button = launcher(el)!;
    expect(button.localName).to.equal('button');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-label')).to.equal('Open chat');
    expect(panel(el)).to.equal(null);
  });

  it('sits fixed in the bottom end corner and takes no room in the page', async () => {
    const el = await chat();
    const rect = launcher(el)!.getBoundingClientRect();
    expect(getComputedStyle(launcher(el)!).position).to.equal('fixed');
    expect(window.innerWidth - rect.right).to.be.within(10, 30);
    expect(window.innerHeight - rect.bottom).to.be.within(10, 30);
    expect(el.getBoundingClientRect().height).to.equal(0);
  });

  it('in a right-to-left page, stays on the side the profile names, with its content right to left', async () => {
    await setViewport({ width: 1200, height: 900 });
    const wrapper = await fixture<HTMLElement>(html`<div dir="rtl"><parley-chat poc=${POC} server=${SERVER}></parley-chat></div>`);
    const el = wrapper.querySelector('parley-chat')!;
    await waitUntil(() => launcher(el), 'launcher');
    expect(window.innerWidth - launcher(el)!.getBoundingClientRect().right).to.be.within(10, 30);
    await openPanel(el);
    await aTimeout(50);
    expect(getComputedStyle(panel(el)!).direction).to.equal('rtl');
    expect(Math.abs(panel(el)!.getBoundingClientRect().right - launcher(el)!.getBoundingClientRect().right)).to.be.lessThan(2);
  });

  it('takes its brand colour from the profile, with a readable colour on it', async () => {
    const { profile } = await demoProfile();
    const el = await chat();
    const style = getComputedStyle(el);
    const { brand, onBrand } = profile.theme.light;
    expect(style.getPropertyValue('--parley-color-brand').trim()).to.equal(brand);
    expect(style.getPropertyValue('--parley-color-on-brand').trim()).to.equal(onBrand);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(brand.slice(i, i + 2), 16));
    expect(getComputedStyle(launcher(el)!).backgroundColor).to.equal(`rgb(${r}, ${g}, ${b})`);
  });

  it('lets page CSS override the theme tokens', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>
        #themed {
          --parley-color-brand: #7a1f5c;
        }
      </style>
      <parley-chat id="themed" poc=${POC} server=${SERVER}></parley-chat>
    </div>`);
    const el = wrapper.querySelector('parley-chat')!;
    await waitUntil(() => launcher(el), 'launcher');
    expect(getComputedStyle(launcher(el)!).backgroundColor).to.equal('rgb(122, 31, 92)');
  });

  it('opens a dialog labelled by the profile title, with the greeting first', async () => {
    const { profile } = await demoProfile();
    const el = await chat();
    await openPanel(el);
    const dialog = panel(el)!;
    expect(dialog.getAttribute('role')).to.equal('dialog');
    const title = root(el).getElementById(dialog.getAttribute('aria-labelledby')!)!;
    expect(title.textContent!.trim()).to.equal(profile.texts.title);
    expect(launcher(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(launcher(el)!.getAttribute('aria-controls')).to.equal(dialog.id);
    expect(logText(el)).to.contain(profile.texts.greeting);
  });

  it('connects only when the panel first opens', async () => {
    const el = await chat();
    await aTimeout(300);
    // The visitor token is what the server hands out on connection.
    expect(localStorage.getItem(`parley:visitor:${POC}@${new URL(SERVER).origin}`)).to.equal(null);
    await openPanel(el);
    await waitUntil(() => localStorage.getItem(`parley:visitor:${POC}@${new URL(SERVER).origin}`), 'connected once opened', { timeout: 5000 });
  });

  // ------------------------------------------------------------------------------------------
  // attributes

  it('an unknown POC stays hidden and logs exactly one console error naming it', async () => {
    const spy = spyConsoleError();
    try {
      const el = await fixture<ParleyChat>(html`<parley-chat poc="no-such-poc-123" server=${SERVER}></parley-chat>`);
      const event = await oneEvent(el, 'parley-error');
      expect(event.detail.error.code).to.equal('poc_not_found');
      await aTimeout(300);
      expect(spy.calls).to.have.length(1);
      expect(String(spy.calls[0][0])).to.contain('no-such-poc-123').and.to.contain('no point of contact');
      expect(launcher(el)).to.equal(null);
      expect(el.matches(':state(unavailable)')).to.equal(true);
      el.toggle();
      await el.updateComplete;
      expect(panel(el)).to.equal(null);
    } finally {
      spy.restore();
    }
  });

  it('a malformed POC id is refused without a request, with one console error', async () => {
    const spy = spyConsoleError();
    try {
      const el = await fixture<ParleyChat>(html`<parley-chat poc="not a valid id!" server=${SERVER}></parley-chat>`);
      await waitUntil(() => spy.calls.length > 0, 'reported');
      await aTimeout(200);
      expect(spy.calls).to.have.length(1);
      expect(String(spy.calls[0][0])).to.contain('not a valid id!').and.to.contain('not a valid point-of-contact id');
      expect(launcher(el)).to.equal(null);
      const asked = performance.getEntriesByType('resource').some((e) => e.name.includes('not%20a%20valid'));
      expect(asked, 'no profile request for a malformed id').to.equal(false);
    } finally {
      spy.restore();
    }
  });

  it('a POC of another channel stays hidden, with one console error', async () => {
    const spy = spyConsoleError();
    try {
      const el = await fixture<ParleyChat>(html`<parley-chat poc=${DEMO_IDS.workitemPoc} server=${SERVER}></parley-chat>`);
      await waitUntil(() => spy.calls.length > 0, 'reported');
      await aTimeout(200);
      expect(spy.calls).to.have.length(1);
      expect(String(spy.calls[0][0])).to.contain(DEMO_IDS.workitemPoc);
      expect(launcher(el)).to.equal(null);
    } finally {
      spy.restore();
    }
  });

  it('the profile route serves work-item POCs too: the chat refuses one with poc_wrong_channel', async () => {
    const spy = spyConsoleError();
    try {
      const body = (await (await fetch(`${SERVER}/api/v1/pocs/${DEMO_IDS.workitemPoc}/profile`)).json()) as PublicChatProfile;
      expect(body.poc.channel, 'the server answers with the profile').to.equal('workitem');
      const el = await fixture<ParleyChat>(html`<parley-chat poc=${DEMO_IDS.workitemPoc} server=${SERVER}></parley-chat>`);
      const event = await oneEvent(el, 'parley-error');
      expect(event.detail.error.code).to.equal('poc_wrong_channel');
      await aTimeout(200);
      expect(spy.calls).to.have.length(1);
      expect(String(spy.calls[0][0])).to.contain('this is a workitem point of contact, not a chat one').and.to.contain('The chat stays hidden');
      expect(launcher(el)).to.equal(null);
      expect(el.matches(':state(unavailable)')).to.equal(true);
      el.open();
      await el.updateComplete;
      expect(panel(el)).to.equal(null);
    } finally {
      spy.restore();
    }
  });

  it('without a server attribute, asks the page’s own origin', async () => {
    const spy = spyConsoleError();
    try {
      // The test page is not a Parley server, so this fails — naming the origin it asked.
      const el = await fixture<ParleyChat>(html`<parley-chat poc=${POC}></parley-chat>`);
      await waitUntil(() => spy.calls.length > 0, 'reported');
      expect(String(spy.calls[0][0])).to.contain(location.origin);
      expect(launcher(el)).to.equal(null);
    } finally {
      spy.restore();
    }
  });

  it('follows a change of poc: the new profile loads and the chat shows', async () => {
    const spy = spyConsoleError();
    try {
      const el = await fixture<ParleyChat>(html`<parley-chat poc="not-yet-known-poc" server=${SERVER}></parley-chat>`);
      await waitUntil(() => spy.calls.length === 1, 'the unknown POC is reported');
      el.poc = POC;
      await waitUntil(() => launcher(el), 'the launcher of the new POC shows');
      expect(el.matches(':state(ready)')).to.equal(true);
      expect(spy.calls).to.have.length(1);
    } finally {
      spy.restore();
    }
  });

  it('speaks French with locale="fr", profile texts included', async () => {
    const { profile } = await demoProfile();
    const el = await chat({ locale: 'fr' });
    expect(launcher(el)!.getAttribute('aria-label')).to.equal('Ouvrir la discussion');
    await openPanel(el);
    expect(root(el).querySelector('[part~="title"]')!.textContent!.trim()).to.equal(profile.translations.fr!.title);
    expect(logText(el)).to.contain(profile.translations.fr!.greeting!);
    expect(sendButton(el).textContent!.trim()).to.equal('Envoyer');
    expect(root(el).querySelector('[part~="close-button"]')!.getAttribute('aria-label')).to.equal('Fermer la fenêtre de discussion');
    await say(el, 'Bonjour');
    await waitUntil(() => /Vous êtes en position \d+ dans la file d’attente\./.test(statusText(el)), 'queue position in French');
    await waitUntil(() => endButton(el), 'end button');
    expect(endButton(el)!.textContent!.trim()).to.equal('Terminer la discussion');
    endButton(el)!.click();
    await waitUntil(() => statusText(el).includes('Cette discussion est terminée'), 'ended in French');
  });

  // ------------------------------------------------------------------------------------------
  // events and methods

  it('open(), close() and toggle() fire parley-open / parley-close and reflect the open attribute', async () => {
    const el = await chat();
    const opened = oneEvent(el, 'parley-open');
    el.open();
    const openEvent = await opened;
    expect(openEvent.detail.poc).to.equal(POC);
    expect(openEvent.bubbles && openEvent.composed && openEvent.cancelable).to.equal(true);
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(true);
    expect(visible(panel(el))).to.equal(true);
    const closed = oneEvent(el, 'parley-close');
    el.toggle();
    await closed;
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
    expect(visible(panel(el))).to.equal(false);
  });

  it('parley-open can be cancelled', async () => {
    const el = await chat();
    el.addEventListener('parley-open', (e) => e.preventDefault());
    launcher(el)!.click();
    await el.updateComplete;
    expect(launcher(el)!.getAttribute('aria-expanded')).to.equal('false');
    expect(visible(panel(el))).to.equal(false);
  });

  it('parley-close can be cancelled', async () => {
    const el = await chat();
    await openPanel(el);
    el.addEventListener('parley-close', (e) => e.preventDefault());
    root(el).querySelector<HTMLButtonElement>('[part~="close-button"]')!.click();
    await el.updateComplete;
    expect(visible(panel(el))).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
  });

  it('fires parley-message with the stored customer message, outside the shadow root', async () => {
    const el = await chat();
    await openPanel(el);
    const heard: ChatMessage[] = [];
    document.addEventListener('parley-message', (e) => heard.push(e.detail));
    const stored = await say(el, 'Event check');
    expect(stored.author).to.equal('customer');
    expect(stored.seq).to.be.greaterThan(0);
    expect(heard.map((m) => m.id)).to.include(stored.id);
    await endChat(el);
  });

  // ------------------------------------------------------------------------------------------
  // keyboard

  it('Enter on the launcher opens the panel with focus in the message box; Escape closes it and focus returns', async () => {
    const el = await chat();
    launcher(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitUntil(() => visible(panel(el)), 'open');
    await waitUntil(() => composer(el).shadowRoot!.activeElement === textarea(el), 'focus is in the message box');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(visible(panel(el))).to.equal(false);
    expect(root(el).activeElement === launcher(el), 'focus is back on the launcher').to.equal(true);
  });

  it('the close button closes the panel and focus returns to the launcher', async () => {
    const el = await chat();
    await openPanel(el);
    const close = root(el).querySelector<HTMLButtonElement>('[part~="close-button"]')!;
    expect(close.getAttribute('aria-label')).to.equal('Close chat window');
    close.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(visible(panel(el))).to.equal(false);
    expect(root(el).activeElement === launcher(el), 'focus is back on the launcher').to.equal(true);
  });

  it('Enter sends: the text shows in the log, and the chat queues for an agent', async () => {
    const el = await chat();
    await openPanel(el);
    await say(el, 'Hello from the keyboard');
    await el.updateComplete;
    expect(bubbles(el, 'customer').map((b) => b.textContent)).to.include('Hello from the keyboard');
    expect(textarea(el).value).to.equal('');
    await waitUntil(() => /You are number \d+ in the queue\./.test(statusText(el)), 'queue position shown');
    expect(liveText(el)).to.match(/You are number \d+ in the queue\./);
    await endChat(el);
  });

  // ------------------------------------------------------------------------------------------
  // states

  it('a text over the limit is not sent and shows an error', async () => {
    const el = await chat();
    await openPanel(el);
    const box = textarea(el);
    box.value = 'y'.repeat(4001);
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    sendButton(el).click();
    await aTimeout(100);
    expect(composer(el).shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('4000');
    expect(bubbles(el, 'customer')).to.have.length(0);
  });

  it('ending the chat says so; writing again starts a new conversation', async () => {
    const el = await chat();
    await openPanel(el);
    const first = await say(el, 'First conversation');
    await endChat(el);
    expect(logText(el)).to.contain('You ended the chat.');
    expect(endButton(el)).to.equal(null);
    expect(liveText(el)).to.contain('This chat has ended.');
    const second = await say(el, 'Second conversation');
    expect(second.conversationId).not.to.equal(first.conversationId);
    await waitUntil(() => !statusText(el).includes('ended'), 'the ended notice goes');
    expect(logText(el)).not.to.contain('First conversation');
    await endChat(el);
  });

  it('on a narrow screen the panel fills the viewport', async () => {
    await setViewport({ width: 400, height: 700 });
    const el = await chat();
    await openPanel(el);
    const rect = panel(el)!.getBoundingClientRect();
    expect([rect.left, rect.top, rect.width, rect.height]).to.deep.equal([0, 0, 400, 700]);
  });

  it('on a narrow screen the panel follows the visible viewport, so the keyboard never hides the composer', async () => {
    await setViewport({ width: 400, height: 700 });
    const el = await chat();
    await openPanel(el);
    const style = panel(el)!.style;
    // The on-screen keyboard cannot be opened here; the wiring to the visual viewport is what is checked.
    expect(style.getPropertyValue('--_parley-viewport-height')).to.equal(`${window.visualViewport!.height}px`);
    expect(style.getPropertyValue('--_parley-viewport-top')).to.equal(`${window.visualViewport!.offsetTop}px`);
    // Pretend the keyboard took 300 px: the panel shrinks to what is left.
    style.setProperty('--_parley-viewport-height', '400px');
    expect(panel(el)!.getBoundingClientRect().height).to.equal(400);
  });

  it('opens with a short animation, and without one when the visitor prefers reduced motion', async () => {
    const el = await chat();
    launcher(el)!.click();
    await el.updateComplete;
    expect(panel(el)!.getAnimations()).to.have.length(1);
    el.close();
    await emulateMedia({ reducedMotion: 'reduce' });
    const calm = await chat();
    launcher(calm)!.click();
    await calm.updateComplete;
    expect(visible(panel(calm))).to.equal(true);
    expect(panel(calm)!.getAnimations()).to.have.length(0);
  });

  it('full screen, the panel is modal: Tab cycles within it', async () => {
    await setViewport({ width: 400, height: 700 });
    const el = await chat();
    await openPanel(el);
    expect(panel(el)!.getAttribute('aria-modal')).to.equal('true');
    const first = root(el).querySelector<HTMLElement>('[part~="close-button"]')!;
    sendButton(el).focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement === first, 'Tab from Send goes to the first control').to.equal(true);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(composer(el).shadowRoot!.activeElement === sendButton(el), 'Shift+Tab goes back to Send').to.equal(true);
  });

  it('on a wide screen the panel floats above the launcher, aligned to its end', async () => {
    await setViewport({ width: 1200, height: 900 });
    const el = await chat();
    await openPanel(el);
    await aTimeout(50);
    const p = panel(el)!.getBoundingClientRect();
    const l = launcher(el)!.getBoundingClientRect();
    expect(p.bottom).to.be.at.most(l.top);
    expect(Math.abs(p.right - l.right)).to.be.lessThan(2);
    expect(p.width).to.be.lessThan(600);
    // The page stays usable beside it.
    expect(panel(el)!.getAttribute('aria-modal')).to.equal('false');
  });

  it('in a short, wide window the panel shrinks to the room above the launcher, never past the top', async () => {
    await setViewport({ width: 1200, height: 420 });
    const el = await chatWith(profileWith({ launcher: { position: 'bottom-left', offsetX: 40, offsetY: 30 } }));
    await openPanel(el);
    const p = panel(el)!.getBoundingClientRect();
    const l = launcher(el)!.getBoundingClientRect();
    expect(p.top).to.be.at.least(8);
    expect(p.bottom).to.be.at.most(l.top);
    expect(Math.abs(p.left - l.left)).to.be.lessThan(2);
    // The composer stays on screen: the log scrolls inside the shorter panel.
    expect(sendButton(el).getBoundingClientRect().bottom).to.be.at.most(p.bottom);
  });

  it('with an agent: agent HTML is sanitised, announced, and counted as unread while closed; a returning visitor resumes', async () => {
    const agent = await demoAgent(SERVER);
    try {
      const { el, conversationId } = await chattingWith(agent, 'I need help');

      const fromAgent = oneEvent(el, 'parley-message');
      agent.send(conversationId, 'Hello, <b>welcome</b>!<img src=x onerror="window.__parleyPwned=1"><script>window.__parleyPwned=2</script>');
      const received = (await fromAgent).detail as ChatMessage;
      expect(received.author).to.equal('agent');
      await el.updateComplete;
      const bubble = bubbles(el, 'agent').at(-1)!;
      expect(bubble.querySelector('b')?.textContent).to.equal('welcome');
      expect(bubble.querySelector('img, script')).to.equal(null);
      expect((window as unknown as { __parleyPwned?: number }).__parleyPwned).to.equal(undefined);
      // Announced once its text is known (formatting waits for the sanitiser the first time).
      await waitUntil(() => liveText(el).includes('Hello, welcome!'), 'the agent message is announced');
      // Seen with the panel open: nothing unread.
      expect(root(el).querySelector('[part~="badge"]')).to.equal(null);

      await sendKeys({ press: 'Escape' });
      agent.send(conversationId, 'Are you still there?');
      await waitUntil(() => launcher(el)!.getAttribute('aria-label') === 'Open chat, 1 unread message', 'one unread');
      expect(root(el).querySelector('[part~="badge"]')!.textContent!.trim()).to.equal('1');
      expect(el.matches(':state(unread)')).to.equal(true);

      // The visitor reloads: the new element connects without waiting for a click.
      fixtureCleanup();
      const again = await chat();
      await waitUntil(() => launcher(again)!.getAttribute('aria-label') === 'Open chat, 1 unread message', 'still one unread');
      agent.send(conversationId, 'Third');
      await waitUntil(() => launcher(again)!.getAttribute('aria-label') === 'Open chat, 2 unread messages', 'two unread');
      await openPanel(again);
      expect(launcher(again)!.getAttribute('aria-label')).to.equal('Close chat window');
      expect(root(again).querySelector('[part~="badge"]')).to.equal(null);
      expect(logText(again)).to.contain('I need help').and.to.contain('Are you still there?').and.to.contain('Third');

      expect(await agent.end(conversationId, 'resolved')).to.equal(null);
      await waitUntil(() => statusText(again).includes('This chat has ended'), 'ended by the agent');
      expect(logText(again)).to.contain('The agent ended the chat.');
    } finally {
      agent.close();
    }
  });

  it('a returning visitor’s long history, page after page, is shown but not announced nor fired as news; the next message is', async () => {
    const agent = await demoAgent(SERVER);
    try {
      const { conversationId } = await chattingWith(agent, 'Back again');
      fixtureCleanup();
      // More than one page of the resume (LIMITS.resumePageSize, 1 000): the history comes in two.
      const lastSeq = (await executeServerCommand('parley-history', { conversationId, count: 1500, agentName: 'Sam' })) as number;

      const again = document.createElement('parley-chat') as ParleyChat;
      const fired: ChatMessage[] = [];
      again.addEventListener('parley-message', (e) => fired.push((e as CustomEvent<ChatMessage>).detail));
      again.setAttribute('poc', POC);
      again.setAttribute('server', SERVER);
      again.setAttribute('locale', 'en');
      document.body.append(again);
      try {
        await waitUntil(() => launcher(again), 'the launcher appears', { timeout: 5000 });
        await openPanel(again);
        await waitUntil(() => logText(again).includes('Earlier question 1500'), 'the whole history is on screen', { timeout: 20000 });
        const list = root(again).querySelector<ParleyMessageList>('parley-message-list')!;
        expect(list.messages.at(-1)!.seq).to.equal(lastSeq);
        await aTimeout(100);
        expect(fired, 'no history message fired as parley-message').to.deep.equal([]);
        expect(liveText(again)).not.to.contain('Earlier');

        agent.send(conversationId, 'Anything else?');
        await waitUntil(() => fired.length === 1, 'the live message is fired');
        expect(fired[0].text).to.equal('Anything else?');
        await waitUntil(() => liveText(again).includes('Anything else?'), 'and announced');
        expect(liveText(again)).not.to.contain('Earlier');
        // The demo agent's capacity is shared with the tests after this one.
        expect(await agent.end(conversationId, 'resolved')).to.equal(null);
      } finally {
        again.remove();
      }
    } finally {
      agent.close();
    }
  });

  // ------------------------------------------------------------------------------------------
  // script-tag embed (src/embed.ts), loaded as a module: it finds its tag by data-poc

  it('the embed script inserts one chat for its data-poc, once, and sets window.Parley', async () => {
    const tag = document.createElement('script');
    // Never fetched: an inert type keeps the browser from loading it, the embed only reads it.
    tag.type = 'text/x-parley-test';
    tag.src = '/assets/parley.js';
    tag.dataset.poc = POC;
    tag.dataset.server = SERVER;
    tag.dataset.locale = 'fr';
    document.head.append(tag);
    try {
      await import('../../embed.js');
      await import('../../embed.js');
      const inserted = [...document.querySelectorAll('parley-chat')].filter((c) => c.getAttribute('poc') === POC);
      expect(inserted).to.have.length(1);
      expect(inserted[0].getAttribute('server')).to.equal(SERVER);
      expect(inserted[0].getAttribute('locale')).to.equal('fr');
      expect(inserted[0].parentElement === document.body, 'appended to <body>').to.equal(true);
      expect(window.Parley?.version).to.match(/^\d+\.\d+\.\d+/);
      await waitUntil(() => launcher(inserted[0] as ParleyChat), 'the inserted chat shows its launcher');
      inserted.forEach((c) => c.remove());
    } finally {
      tag.remove();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// chat profiles (schema version 2): everything a marketer sets, and the studio's preview

type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** The default profile with `patch` laid over it (objects merged, arrays and values replaced). */
function profileWith(patch: DeepPartial<ChatProfile> = {}): ChatProfile {
  const merge = (base: unknown, over: unknown): unknown => {
    if (over === undefined) return base;
    if (!over || typeof over !== 'object' || Array.isArray(over) || !base || typeof base !== 'object') return over;
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
    return out;
  };
  return merge(structuredClone(DEFAULT_PROFILE), patch) as ChatProfile;
}

/** Two palettes far apart, so a test can tell which one applies. */
const PALETTES = {
  light: { brand: '#0b6e4f', onBrand: '#ffffff', surface: '#fdf6e3', text: '#202020' },
  dark: { brand: '#f6c177', onBrand: '#1a1a1a', surface: '#14161c', text: '#f0f0f0' },
};

const rgb = (hex: string): string => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const token = (el: Element, name: string): string => getComputedStyle(el).getPropertyValue(name).trim();
const part = (el: ParleyChat, name: string): HTMLElement | null => {
  // Parts of the chat and of the elements it renders (exported through `exportparts`).
  const scopes = [root(el), ...[...root(el).querySelectorAll('parley-message-list, parley-composer, parley-prechat')].map((c) => c.shadowRoot!)];
  for (const scope of scopes) {
    const found = scope.querySelector<HTMLElement>(`[part~="${name}"]`);
    if (found) return found;
  }
  return null;
};
const preChatForm = (el: ParleyChat): HTMLFormElement | null => part(el, 'prechat') as HTMLFormElement | null;
const control = (el: ParleyChat, label: string): HTMLInputElement | HTMLSelectElement => {
  const scope = root(el).querySelector('parley-prechat')!.shadowRoot!;
  const l = [...scope.querySelectorAll('label')].find((x) => x.textContent!.replace('*', '').trim() === label);
  if (!l) throw new Error(`no field labelled ${label}`);
  return scope.getElementById(l.htmlFor) as HTMLInputElement | HTMLSelectElement;
};

/** A live chat on the demo POC that shows `profile` instead of the one it would load. */
async function chatWith(profile: ChatProfile, attrs: { locale?: string; offline?: boolean } = {}): Promise<ParleyChat> {
  const el = await fixture<ParleyChat>(
    html`<parley-chat poc=${POC} server=${SERVER} locale=${attrs.locale ?? 'en'} ?offline=${attrs.offline ?? false} .profile=${profile}></parley-chat>`,
  );
  await el.updateComplete;
  return el;
}

/** A studio preview of `profile` in a box of the given size. */
async function previewOf(profile: ChatProfile, box = { width: 800, height: 700 }, attrs: { locale?: string; scheme?: string; screen?: string } = {}): Promise<ParleyChat> {
  const wrapper = await fixture<HTMLElement>(html`<div style="width: ${box.width}px; height: ${box.height}px">
    <parley-chat
      preview
      .profile=${profile}
      locale=${attrs.locale ?? 'en'}
      color-scheme=${attrs.scheme ?? ''}
      preview-screen=${attrs.screen ?? 'conversation'}
    ></parley-chat>
  </div>`);
  const el = wrapper.querySelector('parley-chat')!;
  await el.updateComplete;
  await waitUntil(() => visible(panel(el)), 'the preview panel shows');
  await Promise.all(panel(el)!.getAnimations().map((a) => a.finished));
  return el;
}

/** Counts the network requests and socket connections the page makes until restored. */
function countNetwork(): { fetches: string[]; sockets: number; xhrs: number; restore(): void } {
  const seen = { fetches: [] as string[], sockets: 0, xhrs: 0 };
  const { fetch: realFetch, WebSocket: RealWebSocket } = window;
  const realOpen = XMLHttpRequest.prototype.open;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    seen.fetches.push(String(input instanceof Request ? input.url : input));
    return realFetch(input, init);
  };
  window.WebSocket = class extends RealWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      seen.sockets += 1;
      super(url, protocols);
    }
  };
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    seen.xhrs += 1;
    return (realOpen as (...a: unknown[]) => void).apply(this, args);
  } as XMLHttpRequest['open'];
  return Object.assign(seen, {
    restore: () => {
      window.fetch = realFetch;
      window.WebSocket = RealWebSocket;
      XMLHttpRequest.prototype.open = realOpen;
    },
  });
}

/** Pretends the browser asks for these languages, until restored. */
function browserLanguages(languages: string[]): () => void {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
  return () => void delete (navigator as { languages?: unknown }).languages;
}

const PRECHAT_FIELDS: ChatProfile['preChat']['fields'] = [
  { id: 'name', type: 'name', label: 'Your name', labels: { fr: 'Votre nom' }, required: true, options: [] },
  { id: 'email', type: 'email', label: 'Email', labels: { fr: 'E-mail' }, required: true, options: [] },
  { id: 'phone', type: 'phone', label: 'Phone', labels: {}, required: false, options: [] },
  { id: 'topic', type: 'select', label: 'Topic', labels: {}, required: true, options: ['Orders', 'Returns'] },
  { id: 'order', type: 'text', label: 'Order number', labels: {}, required: false, options: [] },
  { id: 'terms', type: 'checkbox', label: 'I accept the terms', labels: {}, required: true, options: [] },
];

describe('parley-chat with a chat profile', () => {
  // ------------------------------------------------------------------------------------------
  // theme

  it('a light profile uses its light palette even for a visitor who prefers dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await chatWith(profileWith({ theme: { mode: 'light', ...PALETTES } }));
    await openPanel(el);
    expect(token(el, '--parley-color-brand')).to.equal(PALETTES.light.brand);
    expect(getComputedStyle(panel(el)!).backgroundColor).to.equal(rgb(PALETTES.light.surface));
    expect(getComputedStyle(launcher(el)!).backgroundColor).to.equal(rgb(PALETTES.light.brand));
    await expect(el).to.be.accessible();
  });

  it('a dark profile uses its dark palette even for a visitor who prefers light', async () => {
    const el = await chatWith(profileWith({ theme: { mode: 'dark', ...PALETTES } }));
    await openPanel(el);
    expect(token(el, '--parley-color-surface')).to.equal(PALETTES.dark.surface);
    expect(getComputedStyle(panel(el)!).backgroundColor).to.equal(rgb(PALETTES.dark.surface));
    expect(getComputedStyle(panel(el)!).color).to.equal(rgb(PALETTES.dark.text));
    expect(token(el, '--parley-color-scheme')).to.equal('dark');
    await expect(el).to.be.accessible();
  });

  it('an auto profile follows prefers-color-scheme, and stays accessible in both', async () => {
    const el = await chatWith(profileWith({ theme: { mode: 'auto', ...PALETTES } }));
    await openPanel(el);
    await say(el, 'Colour scheme check');
    expect(getComputedStyle(panel(el)!).backgroundColor).to.equal(rgb(PALETTES.light.surface));
    expect(getComputedStyle(bubbles(el, 'customer')[0]).backgroundColor).to.equal(rgb(PALETTES.light.brand));
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(panel(el)!).backgroundColor).to.equal(rgb(PALETTES.dark.surface));
    expect(getComputedStyle(bubbles(el, 'customer')[0]).backgroundColor).to.equal(rgb(PALETTES.dark.brand));
    expect(getComputedStyle(bubbles(el, 'customer')[0]).color).to.equal(rgb(PALETTES.dark.onBrand));
    await expect(el).to.be.accessible();
    await endChat(el);
  });

  it('takes font, radius, density, panel size and z-index from the profile', async () => {
    await setViewport({ width: 1200, height: 1000 });
    const el = await chatWith(
      profileWith({ theme: { font: 'serif', radius: 4, density: 'compact', panelWidth: 420, panelHeight: 520, zIndex: 1234 } }),
    );
    await openPanel(el);
    const p = panel(el)!;
    expect(getComputedStyle(p).fontFamily).to.contain('Georgia');
    expect(getComputedStyle(textarea(el)).fontFamily, 'inner elements too').to.contain('Georgia');
    expect(getComputedStyle(p).borderRadius).to.equal('4px');
    expect(getComputedStyle(launcher(el)!).zIndex).to.equal('1234');
    expect(getComputedStyle(p).zIndex).to.equal('1234');
    const rect = p.getBoundingClientRect();
    expect([rect.width, rect.height]).to.deep.equal([420, 520]);
    // Compact density: a 6 px unit, so the log is padded by 12 px instead of 16.
    expect(getComputedStyle(part(el, 'log')!).paddingTop).to.equal('12px');
    const roomy = await chatWith(profileWith({ theme: { density: 'spacious' } }));
    await openPanel(roomy);
    expect(getComputedStyle(part(roomy, 'log')!).paddingTop).to.equal('22px');
  });

  it('with font "inherit", takes the page’s font', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div style="font-family: 'Courier New', monospace">
      <parley-chat poc=${POC} server=${SERVER} .profile=${profileWith({ theme: { font: 'inherit' } })}></parley-chat>
    </div>`);
    const el = wrapper.querySelector('parley-chat')!;
    await el.updateComplete;
    await openPanel(el);
    expect(getComputedStyle(panel(el)!).fontFamily).to.contain('Courier New');
    expect(getComputedStyle(textarea(el)).fontFamily).to.contain('Courier New');
  });

  it('page CSS on the element overrides any profile token, in light and dark alike', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>
        #page-themed {
          --parley-color-brand: #7a1f5c;
          --parley-color-surface: #fafafa;
          --parley-radius: 2px;
        }
      </style>
      <parley-chat id="page-themed" poc=${POC} server=${SERVER} .profile=${profileWith({ theme: { mode: 'auto', ...PALETTES, radius: 20 } })}></parley-chat>
    </div>`);
    const el = wrapper.querySelector('parley-chat')!;
    await el.updateComplete;
    await openPanel(el);
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      expect(getComputedStyle(launcher(el)!).backgroundColor, scheme).to.equal('rgb(122, 31, 92)');
      expect(getComputedStyle(panel(el)!).backgroundColor, scheme).to.equal('rgb(250, 250, 250)');
      expect(getComputedStyle(panel(el)!).borderRadius, scheme).to.equal('2px');
    }
    // The tokens the page did not set still come from the profile.
    expect(token(el, '--parley-color-text')).to.equal(PALETTES.dark.text);
  });

  it('exposes its documented parts to page CSS', async () => {
    const names = [
      'launcher', 'launcher-icon', 'panel', 'header', 'logo', 'title', 'subtitle', 'download-button', 'close-button',
      'log', 'message', 'message-customer', 'message-agent', 'message-system', 'message-greeting', 'bubble', 'avatar',
      'delivery-icon', 'delivery', 'status', 'composer', 'input', 'send-button',
    ];
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>
        ${[...names, 'prechat', 'prechat-field', 'prechat-input', 'prechat-error', 'prechat-submit', 'offline', 'launcher-label']
          .map((n) => `#parted::part(${n}) { scroll-margin-top: 7px; }`)
          .join('\n')}
      </style>
      <parley-chat id="parted" preview .profile=${profileWith()}></parley-chat>
    </div>`);
    const el = wrapper.querySelector('parley-chat')!;
    // The logo cannot load here and fails fast: check right after it is rendered.
    el.profile = profileWith({ header: { logoUrl: 'https://parley.invalid/logo.png', agentAvatarUrl: null }, texts: { subtitle: 'Sub' } });
    await el.updateComplete;
    await list(el).updateComplete;
    const check = (list: string[]): void => {
      for (const name of list) {
        const node = part(el, name);
        expect(node, `part ${name}`).to.not.equal(null);
        expect(getComputedStyle(node!).scrollMarginTop, `::part(${name})`).to.equal('7px');
      }
    };
    check(names);
    // The other screens' parts: the pre-chat form, the offline message, the labelled launcher.
    el.profile = profileWith({ preChat: { enabled: true, fields: PRECHAT_FIELDS }, texts: { launcherLabel: 'Talk' } });
    el.previewScreen = 'prechat';
    await el.updateComplete;
    await root(el).querySelector('parley-prechat')!.updateComplete;
    part(el, 'prechat-submit')!.click();
    await root(el).querySelector('parley-prechat')!.updateComplete;
    check(['prechat', 'prechat-field', 'prechat-input', 'prechat-error', 'prechat-submit']);
    el.offline = true;
    el.close();
    await el.updateComplete;
    check(['offline', 'launcher-label']);
  });

  // ------------------------------------------------------------------------------------------
  // launcher

  it('sits bottom-left with the profile’s offsets, reflecting position, and the panel opens on that side', async () => {
    await setViewport({ width: 1200, height: 900 });
    const el = await chatWith(profileWith({ launcher: { position: 'bottom-left', offsetX: 40, offsetY: 30 } }));
    expect(el.getAttribute('position')).to.equal('bottom-left');
    expect(el.matches('[position="bottom-left"]')).to.equal(true);
    const rect = launcher(el)!.getBoundingClientRect();
    expect(rect.left).to.equal(40);
    expect(window.innerHeight - rect.bottom).to.equal(30);
    await openPanel(el);
    await aTimeout(50);
    const p = panel(el)!.getBoundingClientRect();
    expect(Math.abs(p.left - rect.left)).to.be.lessThan(2);
    expect(p.bottom).to.be.at.most(rect.top);
    await expect(el).to.be.accessible();
  });

  it('has the shape the profile asks for', async () => {
    const radius = async (shape: 'circle' | 'rounded' | 'square'): Promise<string> => {
      const el = await chatWith(profileWith({ launcher: { shape } }));
      return getComputedStyle(launcher(el)!).borderRadius;
    };
    expect(await radius('circle')).to.equal('50%');
    expect(await radius('rounded')).to.equal('12px');
    expect(await radius('square')).to.equal('0px');
  });

  it('shows the launcher label beside the icon, with "chat" still in its name, translated', async () => {
    const profile = profileWith({ texts: { launcherLabel: 'Talk to us' }, translations: { fr: { launcherLabel: 'Parlons-en' } } });
    const el = await chatWith(profile);
    const button = launcher(el)!;
    expect(part(el, 'launcher-label')!.textContent!.trim()).to.equal('Talk to us');
    expect(button.getAttribute('aria-label')).to.contain('Talk to us').and.to.match(/chat/i);
    const rect = button.getBoundingClientRect();
    expect(rect.width).to.be.greaterThan(rect.height);
    await expect(el).to.be.accessible();
    const fr = await chatWith(profile, { locale: 'fr' });
    expect(part(fr, 'launcher-label')!.textContent!.trim()).to.equal('Parlons-en');
    expect(launcher(fr)!.getAttribute('aria-label')).to.contain('Parlons-en').and.to.contain('discussion');
    // Open, the launcher only closes: no label, and its name says so.
    await openPanel(el);
    expect(part(el, 'launcher-label')).to.equal(null);
    expect(launcher(el)!.getAttribute('aria-label')).to.equal('Close chat window');
  });

  it('draws each preset icon, or the profile’s https image (alt="") falling back to the chat icon if it fails', async () => {
    const drawn = new Set<string>();
    for (const icon of ['chat', 'help', 'headset', 'message'] as const) {
      const el = await chatWith(profileWith({ launcher: { icon } }));
      const svgIcon = part(el, 'launcher-icon')!;
      expect(svgIcon.localName).to.equal('svg');
      drawn.add(svgIcon.innerHTML);
    }
    expect(drawn.size, 'four different icons').to.equal(4);
    const el = await previewOf(profileWith({ launcher: { icon: { url: 'https://parley.invalid/icon.png' } } }));
    el.close();
    await el.updateComplete;
    const img = part(el, 'launcher-icon') as HTMLImageElement;
    expect(img.localName).to.equal('img');
    expect(img.getAttribute('src')).to.equal('https://parley.invalid/icon.png');
    expect(img.getAttribute('alt')).to.equal('');
    await waitUntil(() => part(el, 'launcher-icon')?.localName === 'svg', 'the unreachable image gives way to the chat icon', { timeout: 8000 });
  });

  // ------------------------------------------------------------------------------------------
  // header, avatar, texts, locale

  it('shows the logo (alt = title) and the agent avatar; initials without one; initials again if the picture fails', async () => {
    const el = await previewOf(profileWith());
    // The pictures cannot load here, and fail fast: look right after they are rendered.
    el.profile = profileWith({ header: { logoUrl: 'https://parley.invalid/logo.png', agentAvatarUrl: 'https://parley.invalid/sam.png' } });
    await el.updateComplete;
    await list(el).updateComplete;
    const logo = part(el, 'logo') as HTMLImageElement;
    expect(logo.localName).to.equal('img');
    expect(logo.getAttribute('alt')).to.equal(DEFAULT_PROFILE.texts.title);
    const avatar = part(el, 'avatar')!;
    expect(avatar.querySelector('img')!.getAttribute('src')).to.equal('https://parley.invalid/sam.png');
    expect(avatar.querySelector('img')!.getAttribute('alt')).to.equal('');
    await waitUntil(() => part(el, 'logo') === null, 'a logo that fails to load is dropped', { timeout: 8000 });
    await waitUntil(() => part(el, 'avatar')?.textContent?.trim() === 'S', 'the avatar falls back to the agent’s initials', { timeout: 8000 });

    await expect(el).to.be.accessible();
    const plain = await previewOf(profileWith());
    expect(part(plain, 'logo')).to.equal(null);
    expect(part(plain, 'avatar')!.textContent!.trim()).to.equal('S');
  });

  it('uses the profile’s texts per locale; an empty placeholder falls back to the widget’s', async () => {
    const profile = profileWith({
      texts: { title: 'Acme', subtitle: 'Fast answers', greeting: 'Welcome!', placeholder: 'Ask away…' },
      translations: { fr: { title: 'Acme FR', greeting: 'Bienvenue !', placeholder: '' } },
    });
    const en = await chatWith(profile);
    await openPanel(en);
    expect(part(en, 'title')!.textContent!.trim()).to.equal('Acme');
    expect(part(en, 'subtitle')!.textContent!.trim()).to.equal('Fast answers');
    expect(logText(en)).to.contain('Welcome!');
    expect(textarea(en).placeholder).to.equal('Ask away…');
    const fr = await chatWith(profile, { locale: 'fr' });
    await openPanel(fr);
    expect(part(fr, 'title')!.textContent!.trim()).to.equal('Acme FR');
    expect(part(fr, 'subtitle')!.textContent!.trim(), 'untranslated texts keep the base text').to.equal('Fast answers');
    expect(logText(fr)).to.contain('Bienvenue !');
    // An empty translation keeps the base text.
    expect(textarea(fr).placeholder).to.equal('Ask away…');
    const blank = await chatWith(profileWith({ texts: { placeholder: '' } }), { locale: 'fr' });
    await openPanel(blank);
    expect(textarea(blank).placeholder).to.equal('Écrivez votre message…');
  });

  it('chooses its language: the locale attribute, then the browser’s languages Parley speaks, then the profile’s default', async () => {
    const profile = profileWith({ defaultLocale: 'fr' });
    let restore = browserLanguages(['de-DE', 'de']);
    try {
      expect(launcher(await chatWith(profile, { locale: '' }))!.getAttribute('aria-label'), 'profile default').to.equal('Ouvrir la discussion');
      expect(launcher(await chatWith(profile, { locale: 'en' }))!.getAttribute('aria-label'), 'attribute').to.equal('Open chat');
      restore();
      restore = browserLanguages(['de-DE', 'en-GB', 'fr']);
      expect(launcher(await chatWith(profile, { locale: '' }))!.getAttribute('aria-label'), 'first spoken browser language').to.equal('Open chat');
    } finally {
      restore();
    }
  });

  // ------------------------------------------------------------------------------------------
  // pre-chat form

  it('asks the pre-chat questions first; required answers block the chat with accessible errors', async () => {
    const el = await chatWith(profileWith({ preChat: { enabled: true, fields: PRECHAT_FIELDS } }));
    await openPanel(el);
    const form = preChatForm(el)!;
    expect(form.localName).to.equal('form');
    expect(root(el).querySelector('parley-composer'), 'no message box before the answers').to.equal(null);
    await waitUntil(() => root(el).querySelector('parley-prechat')!.shadowRoot!.activeElement === control(el, 'Your name'), 'focus on the first field');
    await expect(el).to.be.accessible();

    part(el, 'prechat-submit')!.click();
    await el.updateComplete;
    const scope = root(el).querySelector('parley-prechat')!.shadowRoot!;
    await waitUntil(() => scope.activeElement === control(el, 'Your name'), 'focus goes to the first invalid field');
    const name = control(el, 'Your name');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    const error = scope.getElementById(name.getAttribute('aria-describedby')!)!;
    expect(error.textContent!.trim()).to.equal('Fill in this field.');
    expect(control(el, 'Topic').getAttribute('aria-invalid')).to.equal('true');
    expect(control(el, 'I accept the terms').getAttribute('aria-invalid')).to.equal('true');
    expect(control(el, 'Phone').getAttribute('aria-invalid'), 'optional and empty is fine').to.equal('false');
    expect(preChatForm(el), 'still the form').to.not.equal(null);
    await expect(el).to.be.accessible();

    // A bad email is named as such; fixing a field clears its error as the customer types.
    name.focus();
    await sendKeys({ type: 'Ada' });
    await el.updateComplete;
    expect(control(el, 'Your name').getAttribute('aria-invalid')).to.equal('false');
    control(el, 'Email').focus();
    await sendKeys({ type: 'not-an-email' });
    part(el, 'prechat-submit')!.click();
    await waitUntil(() => scope.activeElement === control(el, 'Email'), 'focus on the email field');
    const emailError = scope.getElementById(control(el, 'Email').getAttribute('aria-describedby')!)!;
    expect(emailError.textContent).to.contain('email address');
  });

  it('the pre-chat answers flow: the name reaches the agent, parley-prechat carries every answer, the message box follows', async () => {
    const agent = await demoAgent(SERVER);
    try {
      const el = await chatWith(profileWith({ preChat: { enabled: true, fields: PRECHAT_FIELDS } }));
      await openPanel(el);
      control(el, 'Your name').focus();
      await sendKeys({ type: 'Ada Lovelace' });
      control(el, 'Email').focus();
      await sendKeys({ type: 'ada@example.com' });
      control(el, 'Phone').focus();
      await sendKeys({ type: '+44 20 7946 0958' });
      const topic = control(el, 'Topic') as HTMLSelectElement;
      topic.value = 'Returns';
      topic.dispatchEvent(new Event('change', { bubbles: true }));
      (control(el, 'I accept the terms') as HTMLInputElement).click();
      const answered = oneEvent(el, 'parley-prechat');
      part(el, 'prechat-submit')!.click();
      const { detail } = await answered;
      expect(detail.poc).to.equal(POC);
      expect(detail.answers).to.deep.equal({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0958', topic: 'Returns', terms: true });

      await waitUntil(() => root(el).querySelector('parley-composer'), 'the message box replaces the form');
      expect(preChatForm(el)).to.equal(null);
      await waitUntil(() => composer(el).shadowRoot!.activeElement === textarea(el), 'focus moves to the message box');
      const { conversationId } = await say(el, 'Hello, it is Ada');
      await waitUntil(
        () => agent.state.offers.some((o) => o.conversationId === conversationId && o.customerName === 'Ada Lovelace'),
        'the agent is offered the chat under the customer’s name',
        { timeout: 10000 },
      );
      await acceptConversation(agent, conversationId);
      await endChat(el);
      // The answers are asked once per page: writing again goes straight on.
      expect(root(el).querySelector('parley-composer')).to.not.equal(null);
    } finally {
      agent.close();
    }
  });

  it('pre-chat labels follow the locale', async () => {
    const el = await chatWith(profileWith({ preChat: { enabled: true, fields: PRECHAT_FIELDS } }), { locale: 'fr' });
    await openPanel(el);
    expect(control(el, 'Votre nom').getAttribute('autocomplete')).to.equal('name');
    expect(control(el, 'E-mail').getAttribute('type')).to.equal('email');
    expect(part(el, 'prechat-submit')!.textContent!.trim()).to.equal('Commencer la discussion');
  });

  // ------------------------------------------------------------------------------------------
  // transcript, sounds

  it('"Download transcript" saves the conversation as plain text, only when the profile allows it', async () => {
    const saved: { blob: Blob; download: string }[] = [];
    const realCreate = URL.createObjectURL;
    const realClick = HTMLAnchorElement.prototype.click;
    let lastBlob: Blob | null = null;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      lastBlob = blob as Blob;
      return realCreate(blob);
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      // Observed, not followed: a test run must not write files.
      if (lastBlob && this.href.startsWith('blob:')) saved.push({ blob: lastBlob, download: this.download });
    };
    try {
      const el = await previewOf(profileWith({ texts: { title: 'Acme Support' }, transcriptDownload: true }));
      const button = part(el, 'download-button') as HTMLButtonElement;
      expect(button.localName).to.equal('button');
      expect(button.getAttribute('aria-label')).to.equal('Download transcript');
      button.click();
      // The agent's formatting may wait for the sanitiser to load before the file is made.
      await waitUntil(() => saved.length > 0, 'the transcript is saved');
      expect(saved).to.have.length(1);
      expect(saved[0].download).to.match(/^chat-transcript-\d{4}-\d{2}-\d{2}\.txt$/);
      expect(saved[0].blob.type).to.equal('text/plain;charset=utf-8');
      const text = await saved[0].blob.text();
      expect(text.split('\n')[0]).to.equal('Acme Support: chat transcript');
      expect(text).to.contain('You: Hello! Is my order on its way?');
      expect(text).to.contain('Sam joined the chat.');
      // Agent formatting becomes plain text; no markup in the file.
      expect(text).to.contain('Sam: Hi! Yes, order #1042 left our warehouse this morning.');
      expect(text).not.to.contain('<b>');

      const off = await previewOf(profileWith({ transcriptDownload: false }));
      expect(part(off, 'download-button')).to.equal(null);
    } finally {
      URL.createObjectURL = realCreate;
      HTMLAnchorElement.prototype.click = realClick;
    }
  });

  it('chimes on a new agent message while the panel is closed, only when the profile turns sounds on', async () => {
    const agent = await demoAgent(SERVER);
    const realCreate = AudioContext.prototype.createOscillator;
    let chimes = 0;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      chimes += 1;
      return realCreate.call(this);
    };
    try {
      const profile = profileWith({ sounds: true });
      const el = await chatWith(profile);
      await openPanel(el);
      const { conversationId } = await say(el, 'Sound check');
      await acceptConversation(agent, conversationId);
      agent.send(conversationId, 'Seen with the panel open');
      await waitUntil(() => logText(el).includes('Seen with the panel open'), 'first agent message');
      expect(chimes, 'no chime while the visitor looks').to.equal(0);
      el.close();
      agent.send(conversationId, 'While closed');
      await waitUntil(() => launcher(el)!.getAttribute('aria-label')!.includes('1 unread'), 'unread');
      expect(chimes, 'one chime while closed').to.equal(1);
      el.profile = { ...profile, sounds: false };
      agent.send(conversationId, 'Sounds off now');
      await waitUntil(() => launcher(el)!.getAttribute('aria-label')!.includes('2 unread'), 'second unread');
      expect(chimes, 'sounds off: silence').to.equal(1);
      expect(await agent.end(conversationId, 'resolved')).to.equal(null);
    } finally {
      AudioContext.prototype.createOscillator = realCreate;
      agent.close();
    }
  });

  // ------------------------------------------------------------------------------------------
  // offline

  it('offline with "hide": nothing shows until the POC opens again', async () => {
    const el = await fixture<ParleyChat>(
      html`<parley-chat poc=${POC} server=${SERVER} offline .profile=${profileWith({ offline: { behaviour: 'hide' } })}></parley-chat>`,
    );
    await el.updateComplete;
    expect(launcher(el)).to.equal(null);
    expect(el.matches(':state(offline)')).to.equal(true);
    expect(el.matches(':state(ready)')).to.equal(false);
    await expect(el).to.be.accessible();
    el.offline = false;
    await el.updateComplete;
    expect(launcher(el), 'back when the POC opens').to.not.equal(null);
  });

  for (const behaviour of ['message', 'leave-message'] as const) {
    it(`offline with "${behaviour}": the panel shows the offline message instead of the message box`, async () => {
      const profile = profileWith({
        offline: { behaviour },
        texts: { offlineMessage: 'We are closed. Back at 9.' },
        translations: { fr: { offlineMessage: 'Nous sommes fermés. Retour à 9 h.' } },
      });
      const el = await chatWith(profile, { offline: true });
      await openPanel(el);
      expect(part(el, 'offline')!.textContent!.trim()).to.equal('We are closed. Back at 9.');
      expect(root(el).querySelector('parley-composer')).to.equal(null);
      await expect(el).to.be.accessible();
      const fr = await chatWith(profile, { offline: true, locale: 'fr' });
      await openPanel(fr);
      expect(part(fr, 'offline')!.textContent!.trim()).to.equal('Nous sommes fermés. Retour à 9 h.');
      el.offline = false;
      await el.updateComplete;
      expect(part(el, 'offline')).to.equal(null);
      expect(root(el).querySelector('parley-composer')).to.not.equal(null);
    });
  }

  it('offline without an offline message says so in the widget’s words; a conversation under way goes on', async () => {
    const el = await chatWith(profileWith({ offline: { behaviour: 'message' } }));
    await openPanel(el);
    await say(el, 'Before closing time');
    el.offline = true;
    await el.updateComplete;
    expect(root(el).querySelector('parley-composer'), 'the chat under way keeps its message box').to.not.equal(null);
    await endChat(el);
    await el.updateComplete;
    expect(part(el, 'offline')!.textContent!.trim()).to.equal('We are not available right now. Please come back later.');
  });

  // ------------------------------------------------------------------------------------------
  // preview (studio)

  it('preview: a sample conversation, open, with no request and no connection at all', async () => {
    const net = countNetwork();
    try {
      const el = await previewOf(profileWith({ texts: { title: 'Studio preview' } }));
      expect(el.hasAttribute('open')).to.equal(true);
      expect(part(el, 'title')!.textContent!.trim()).to.equal('Studio preview');
      expect(bubbles(el, 'customer').map((b) => b.textContent)).to.deep.equal(['Hello! Is my order on its way?']);
      expect(logText(el)).to.contain('Sam joined the chat.');
      const reply = bubbles(el, 'agent').at(-1)!;
      expect(reply.querySelector('b')!.textContent).to.equal('#1042');
      expect(statusText(el)).to.equal('Sam is typing…');
      await expect(el).to.be.accessible();
      // Writing in the preview adds to the sample, locally.
      textarea(el).focus();
      await sendKeys({ type: 'Trying it out' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(bubbles(el, 'customer').map((b) => b.textContent)).to.include('Trying it out');
      await aTimeout(200);
      expect(net.fetches, 'no fetch').to.deep.equal([]);
      expect(net.sockets + net.xhrs, 'no socket, no polling').to.equal(0);
      expect(Object.keys(localStorage).filter((k) => k.startsWith('parley:')), 'nothing stored').to.deep.equal([]);
    } finally {
      net.restore();
    }
  });

  it('preview: laid out inside its container, not the viewport', async () => {
    await setViewport({ width: 1400, height: 1000 });
    const el = await previewOf(profileWith({ launcher: { position: 'bottom-left', offsetX: 24, offsetY: 16 } }), { width: 700, height: 720 });
    const host = el.getBoundingClientRect();
    expect(getComputedStyle(el).position).to.equal('relative');
    expect([host.width, host.height]).to.deep.equal([700, 720]);
    const l = launcher(el)!.getBoundingClientRect();
    expect(l.left - host.left).to.equal(24);
    expect(host.bottom - l.bottom).to.equal(16);
    const p = panel(el)!.getBoundingClientRect();
    expect(p.left - host.left).to.equal(24);
    expect(p.bottom).to.be.at.most(l.top);
    expect(p.top).to.be.at.least(host.top);
    expect(panel(el)!.getAttribute('aria-modal')).to.equal('false');
  });

  it('preview: goes full screen when its own box is narrow, whatever the viewport', async () => {
    await setViewport({ width: 1400, height: 1000 });
    const el = await previewOf(profileWith(), { width: 375, height: 640 });
    const host = el.getBoundingClientRect();
    await waitUntil(() => panel(el)!.getBoundingClientRect().width === 375, 'narrow preview');
    const p = panel(el)!.getBoundingClientRect();
    expect([p.left, p.top, p.width, p.height]).to.deep.equal([host.left, host.top, 375, 640]);
    expect(visible(launcher(el)), 'full screen hides the launcher').to.equal(false);
    // Still not modal: the studio around the preview stays usable.
    expect(panel(el)!.getAttribute('aria-modal')).to.equal('false');
    await expect(el).to.be.accessible();
    el.parentElement!.style.width = '900px';
    await waitUntil(() => panel(el)!.getBoundingClientRect().width === DEFAULT_PROFILE.theme.panelWidth, 'wide again');
    expect(visible(launcher(el))).to.equal(true);
  });

  it('preview: color-scheme forces the palette of an auto profile', async () => {
    const profile = profileWith({ theme: { mode: 'auto', ...PALETTES } });
    const dark = await previewOf(profile, undefined, { scheme: 'dark' });
    expect(getComputedStyle(panel(dark)!).backgroundColor).to.equal(rgb(PALETTES.dark.surface));
    await expect(dark).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    const light = await previewOf(profile, undefined, { scheme: 'light' });
    expect(getComputedStyle(panel(light)!).backgroundColor).to.equal(rgb(PALETTES.light.surface));
    await expect(light).to.be.accessible();
    light.colorScheme = null;
    await light.updateComplete;
    expect(getComputedStyle(panel(light)!).backgroundColor, 'unset: follows the visitor').to.equal(rgb(PALETTES.dark.surface));
  });

  it('preview: re-renders live as the profile changes, still without any request', async () => {
    const net = countNetwork();
    try {
      const el = await previewOf(profileWith({ texts: { title: 'Before' } }), undefined, { locale: 'fr' });
      expect(bubbles(el, 'customer')[0].textContent).to.equal('Bonjour ! Ma commande est-elle partie ?');
      let readyEvents = 0;
      el.addEventListener('parley-ready', () => (readyEvents += 1));
      el.profile = profileWith({
        texts: { title: 'Before' },
        translations: { fr: { title: 'Après' } },
        theme: { mode: 'light', light: { ...PALETTES.light } },
        launcher: { position: 'bottom-left' },
      });
      await el.updateComplete;
      expect(part(el, 'title')!.textContent!.trim()).to.equal('Après');
      expect(token(el, '--parley-color-brand')).to.equal(PALETTES.light.brand);
      expect(el.getAttribute('position')).to.equal('bottom-left');
      expect(readyEvents, 'an edit is not a new load').to.equal(0);
      expect(net.fetches).to.deep.equal([]);
    } finally {
      net.restore();
    }
  });

  it('preview: preview-screen="prechat" shows the pre-chat form, and offline shows the offline state', async () => {
    const profile = profileWith({ preChat: { enabled: true, fields: PRECHAT_FIELDS }, texts: { offlineMessage: 'Closed for today.' } });
    const el = await previewOf(profile, undefined, { screen: 'prechat' });
    expect(preChatForm(el)).to.not.equal(null);
    expect(bubbles(el, 'customer'), 'before the answers, no conversation yet').to.have.length(0);
    expect(logText(el)).to.contain(DEFAULT_PROFILE.texts.greeting);
    await expect(el).to.be.accessible();
    el.previewScreen = 'conversation';
    el.offline = true;
    await el.updateComplete;
    expect(preChatForm(el)).to.equal(null);
    expect(part(el, 'offline')!.textContent!.trim()).to.equal('Closed for today.');
    expect(bubbles(el, 'customer'), 'a closed POC has no conversation to show').to.have.length(0);
  });

  // ------------------------------------------------------------------------------------------
  // several chats, bad profiles

  it('two chats with different POCs on one page look different and keep their own state', async () => {
    await setViewport({ width: 1200, height: 900 });
    const sales = DEMO_IDS.salesChatPoc;
    const wrapper = await fixture<HTMLElement>(html`<div>
      <parley-chat poc=${POC} server=${SERVER} locale="en"></parley-chat>
      <parley-chat poc=${sales} server=${SERVER} locale="en"></parley-chat>
    </div>`);
    const [a, b] = [...wrapper.querySelectorAll('parley-chat')];
    await waitUntil(() => launcher(a) && launcher(b), 'both launchers', { timeout: 5000 });
    const [profileA, profileB] = await Promise.all([POC, sales].map(async (id) => (await (await fetch(`${SERVER}/api/v1/pocs/${id}/profile`)).json()) as PublicChatProfile));
    // Tokens and positions: each its own.
    expect(profileA.profile.launcher.position).to.not.equal(profileB.profile.launcher.position);
    expect(token(a, '--parley-color-brand')).to.equal(profileA.profile.theme.light.brand);
    expect(token(b, '--parley-color-brand')).to.equal(profileB.profile.theme.light.brand);
    expect(token(a, '--parley-color-brand')).to.not.equal(token(b, '--parley-color-brand'));
    expect([a.getAttribute('position'), b.getAttribute('position')]).to.deep.equal([profileA.profile.launcher.position, profileB.profile.launcher.position]);
    const [la, lb] = [launcher(a)!.getBoundingClientRect(), launcher(b)!.getBoundingClientRect()];
    expect(la.right > window.innerWidth / 2 !== lb.right > window.innerWidth / 2, 'one on each side').to.equal(true);
    expect(part(b, 'launcher-label')!.textContent).to.equal(profileB.profile.texts.launcherLabel);
    await expect(wrapper).to.be.accessible();

    // State: opening and writing in one leaves the other alone.
    await openPanel(a);
    const inA = await say(a, 'Only in A');
    expect(b.hasAttribute('open')).to.equal(false);
    expect(panel(b)).to.equal(null);
    expect(localStorage.getItem(`parley:visitor:${sales}@${new URL(SERVER).origin}`)).to.equal(null);
    await openPanel(b);
    const inB = await say(b, 'Only in B');
    expect(inB.conversationId).to.not.equal(inA.conversationId);
    expect(logText(a)).not.to.contain('Only in B');
    expect(logText(b)).not.to.contain('Only in A');
    expect(part(b, 'title')!.textContent!.trim()).to.equal(profileB.profile.texts.title);
    b.close();
    await b.updateComplete;
    expect(visible(panel(a)), 'closing B leaves A open').to.equal(true);
    await endChat(a);
    await openPanel(b);
    await endChat(b);
  });

  it('a refused chat next to a working one: only it says so', async () => {
    const other = 'second-chat-poc-7Yt3'; // no such POC on the server: its connection is refused
    const spy = spyConsoleError();
    try {
      const wrapper = await fixture<HTMLElement>(html`<div>
        <parley-chat poc=${POC} server=${SERVER} locale="en"></parley-chat>
        <parley-chat poc=${other} server=${SERVER} locale="en" .profile=${profileWith({ launcher: { position: 'bottom-left' } })}></parley-chat>
      </div>`);
      const [a, b] = [...wrapper.querySelectorAll('parley-chat')];
      await waitUntil(() => launcher(a) && launcher(b), 'both launchers');
      await openPanel(a);
      await openPanel(b);
      await waitUntil(() => b.matches(':state(unavailable)'), 'B is unavailable', { timeout: 5000 });
      expect(a.matches(':state(unavailable)')).to.equal(false);
      expect(spy.calls.length).to.be.greaterThan(0);
      expect(spy.calls.every((c) => String(c[0]).includes(other)), 'errors name B only').to.equal(true);
      await say(a, 'A still works');
      await endChat(a);
    } finally {
      spy.restore();
    }
  });

  it('a bad profile from the server: defaults for the bad fields, one console.warn naming them, and the chat works', async () => {
    const realFetch = window.fetch;
    const warnings: unknown[][] = [];
    const realWarn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    // The real server validates what it serves, so an older or tampered answer is stood in for
    // here: only the profile request is answered locally, everything else is real.
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith(`/pocs/${POC}/profile`)) {
        const profile = { ...profileWith({ texts: { title: 'Still readable' } }), theme: { light: { brand: 'url(javascript:alert(1))' }, radius: 'huge' }, launcher: { shape: 'star' } };
        return new Response(JSON.stringify({ poc: { id: POC, channel: 'chat', name: 'Website chat' }, profile }), {
          headers: { 'content-type': 'application/json' },
        });
      }
      return realFetch(input, init);
    };
    try {
      const el = await chat();
      await aTimeout(100);
      expect(warnings).to.have.length(1);
      const warning = String(warnings[0][0]);
      expect(warning).to.contain(POC).and.to.contain('theme.light.brand').and.to.contain('theme.radius').and.to.contain('launcher.shape');
      expect(token(el, '--parley-color-brand')).to.equal(DEFAULT_PROFILE.theme.light.brand);
      expect(token(el, '--parley-radius')).to.equal(`${DEFAULT_PROFILE.theme.radius}px`);
      await openPanel(el);
      expect(part(el, 'title')!.textContent!.trim()).to.equal('Still readable');
      await say(el, 'Works anyway');
      await endChat(el);
      expect(warnings, 'still one warning').to.have.length(1);
    } finally {
      window.fetch = realFetch;
      console.warn = realWarn;
    }
  });
});

// ---------------------------------------------------------------------------------------------
// theme presets (themes/*.json, served from the project root by the test server)

describe('<parley-chat> with each theme preset', () => {
  const PRESETS = ['default', 'dark', 'high-contrast', 'compact', 'rounded'];

  async function preset(id: string): Promise<ChatProfile> {
    const res = await fetch(`/themes/${id}.json`);
    expect(res.status, id).to.equal(200);
    return ((await res.json()) as { profile: ChatProfile }).profile;
  }

  for (const id of PRESETS) {
    for (const scheme of ['light', 'dark']) {
      it(`${id}, ${scheme}: the conversation and the pre-chat form are accessible`, async () => {
        const profile = await preset(id);
        const withForm: ChatProfile = {
          ...profile,
          preChat: { enabled: true, fields: [{ id: 'name', type: 'name', label: 'Your name', labels: {}, required: true, options: [] }] },
        };
        const conversation = await previewOf(withForm, { width: 800, height: 700 }, { scheme });
        await expect(conversation).to.be.accessible();
        const form = await previewOf(withForm, { width: 800, height: 700 }, { scheme, screen: 'prechat' });
        await expect(form).to.be.accessible();
      });
    }
  }
});
