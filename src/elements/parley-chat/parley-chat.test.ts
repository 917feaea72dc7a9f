import { aTimeout, expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { AgentSession } from '../../core/agent-session.js';
import { DEMO_IDS, type ChatMessage, type PublicChatProfile } from '../../protocol/index.js';
import { defineParleyElements } from '../../define.js';
import type { ParleyMessageEvent } from '../../events/parley-message-event.js';
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
const list = (el: ParleyChat): HTMLElement => root(el).querySelector('parley-message-list')!;
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
  const stored = new Promise<ChatMessage>((resolve) => {
    const listener = (e: ParleyMessageEvent): void => {
      if (e.detail.author === 'customer' && e.detail.text === text) {
        el.removeEventListener('parley-message', listener);
        resolve(e.detail);
      }
    };
    el.addEventListener('parley-message', listener);
  });
  textarea(el).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  return stored;
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

/** A signed-in, available demo agent driven through the real agent session. */
async function demoAgent(): Promise<AgentSession> {
  const res = await fetch(`${SERVER}/api/v1/auth/login`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent2', password: 'parley-test' }),
  });
  expect(res.status, 'agent sign-in').to.equal(200);
  const agent = new AgentSession({ server: SERVER, socketOptions: { transports: ['websocket'] } });
  await agent.connect();
  expect(agent.state.connection).to.equal('connected');
  expect(await agent.setAvailable(true)).to.equal(null);
  return agent;
}

/** Has the agent accept this conversation, declining any other contact offered meanwhile. */
async function acceptConversation(agent: AgentSession, conversationId: string): Promise<void> {
  await waitUntil(
    async () => {
      for (const offer of agent.state.offers) {
        if (offer.conversationId === conversationId) return (await agent.accept(offer.id)) === null;
        await agent.decline(offer.id);
      }
      return false;
    },
    'the agent is offered the conversation and accepts it',
    { timeout: 10000, interval: 100 },
  );
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

  it('mirrors to the bottom left in a right-to-left page', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div dir="rtl"><parley-chat poc=${POC} server=${SERVER}></parley-chat></div>`);
    const el = wrapper.querySelector('parley-chat')!;
    await waitUntil(() => launcher(el), 'launcher');
    expect(launcher(el)!.getBoundingClientRect().left).to.be.within(10, 30);
  });

  it('takes its brand colour from the profile, with a readable colour on it', async () => {
    const { profile } = await demoProfile();
    const el = await chat();
    const style = getComputedStyle(el);
    expect(style.getPropertyValue('--parley-color-brand').trim()).to.equal(profile.brandColor);
    expect(style.getPropertyValue('--parley-color-on-brand').trim()).to.equal('#ffffff');
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(profile.brandColor.slice(i, i + 2), 16));
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
    expect(title.textContent!.trim()).to.equal(profile.title);
    expect(launcher(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(launcher(el)!.getAttribute('aria-controls')).to.equal(dialog.id);
    expect(logText(el)).to.contain(profile.greeting);
  });

  it('connects only when the panel first opens', async () => {
    const el = await chat();
    await aTimeout(300);
    // The visitor token is what the server hands out on connection.
    expect(localStorage.getItem(`parley:visitor:${POC}`)).to.equal(null);
    await openPanel(el);
    await waitUntil(() => localStorage.getItem(`parley:visitor:${POC}`), 'connected once opened', { timeout: 5000 });
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
    expect(root(el).querySelector('[part~="title"]')!.textContent!.trim()).to.equal(profile.texts!.fr.title);
    expect(logText(el)).to.contain(profile.texts!.fr.greeting!);
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

  it('with an agent: agent HTML is sanitised, announced, and counted as unread while closed; a returning visitor resumes', async () => {
    const agent = await demoAgent();
    try {
      const el = await chat();
      await openPanel(el);
      const { conversationId } = await say(el, 'I need help');
      await acceptConversation(agent, conversationId);
      await waitUntil(() => logText(el).includes('joined the chat.'), 'the agent joined');

      const fromAgent = oneEvent(el, 'parley-message');
      agent.send(conversationId, 'Hello, <b>welcome</b>!<img src=x onerror="window.__parleyPwned=1"><script>window.__parleyPwned=2</script>');
      const received = (await fromAgent).detail as ChatMessage;
      expect(received.author).to.equal('agent');
      await el.updateComplete;
      const bubble = bubbles(el, 'agent').at(-1)!;
      expect(bubble.querySelector('b')?.textContent).to.equal('welcome');
      expect(bubble.querySelector('img, script')).to.equal(null);
      expect((window as unknown as { __parleyPwned?: number }).__parleyPwned).to.equal(undefined);
      expect(liveText(el)).to.contain('Hello, welcome!');
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
