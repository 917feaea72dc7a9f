// What the customer sees of delivery: each message's state, the connection notice, read receipts.
// Against the real test server (web-test-runner.config.mjs) with a real agent session on the other
// side. Connection losses are real too: `cutWire` closes the widget's WebSocket and refuses its
// reconnections until mended, and the session's own reconnection brings it back. What headless
// Chromium cannot do (go offline, hide the tab) is `fakePage`: the page's own flags and events.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AgentSession } from '../../core/agent-session.js';
import { DEMO_IDS, NAMESPACES, type ChatMessage } from '../../protocol/index.js';
import { defineParleyElements } from '../../define.js';
import type { ParleyConnectionStatus } from '../parley-connection-status/parley-connection-status.js';
import type { ParleyMessageList } from '../parley-message-list/parley-message-list.js';
import { acceptConversation, storedCustomerMessage, cutWire, demoAgent, fakePage, staffSignOut, type WireCutter } from '../test-helpers.js';
import type { ParleyChat } from './parley-chat.js';

defineParleyElements();

const SERVER = window.PARLEY_TEST_SERVER;
const POC = DEMO_IDS.chatPoc;
const CUSTOMER = NAMESPACES.customer;

// ---------------------------------------------------------------------------------------------
// helpers: read through parts, roles and texts

const root = (el: ParleyChat): ShadowRoot => el.shadowRoot!;
const launcher = (el: ParleyChat): HTMLButtonElement | null => root(el).querySelector('[part~="launcher"]');
const list = (el: ParleyChat): ParleyMessageList => root(el).querySelector('parley-message-list')!;
const textarea = (el: ParleyChat): HTMLTextAreaElement => root(el).querySelector('parley-composer')!.shadowRoot!.querySelector('[part~="input"]')!;
const notice = (el: ParleyChat): string => {
  const status = root(el).querySelector<ParleyConnectionStatus>('parley-connection-status');
  return status?.shadowRoot!.querySelector('[part~="notice"]')?.textContent?.replace(/[ \t\n]+/g, ' ').trim() ?? '';
};
const liveText = (el: ParleyChat): string => root(el).querySelector('[aria-live="polite"]')!.textContent!.replace(/\s+/g, ' ');
const statusText = (el: ParleyChat): string => list(el).shadowRoot!.querySelector('[part~="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The customer's rows, stored or pending, in order. */
const ownRows = (el: ParleyChat): HTMLElement[] => [...list(el).shadowRoot!.querySelectorAll<HTMLElement>('[part~="message-customer"]')];
const rowOf = (el: ParleyChat, text: string): HTMLElement | undefined =>
  ownRows(el).find((r) => r.querySelector('[part~="bubble"]')?.textContent === text);
/** The visible word under the customer's last message. */
const lastWord = (el: ParleyChat): string => list(el).shadowRoot!.querySelector('[part~="delivery"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function chat(): Promise<ParleyChat> {
  const el = await fixture<ParleyChat>(html`<parley-chat poc=${POC} server=${SERVER} locale="en"></parley-chat>`);
  await waitUntil(() => launcher(el), 'the launcher appears once the profile loaded', { timeout: 5000 });
  return el;
}

async function openPanel(el: ParleyChat): Promise<void> {
  if (!el.isOpen) launcher(el)!.click();
  await el.updateComplete;
  await waitUntil(() => root(el).querySelector('[part~="panel"]')!.getBoundingClientRect().width > 0, 'the panel opens');
}

/** Types and sends a text as the customer does. */
async function type(el: ParleyChat, text: string): Promise<void> {
  textarea(el).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** Sends a text and resolves with the stored message. */
async function say(el: ParleyChat, text: string): Promise<ChatMessage> {
  const stored = storedCustomerMessage(el, text);
  await type(el, text);
  return stored;
}

/** The customer's receipts as the agent holds them. */
const receipts = (agent: AgentSession, conversationId: string) => agent.thread(conversationId)?.conversation.receipts ?? { delivered: 0, read: 0 };

let wire: WireCutter | null = null;
let page: ReturnType<typeof fakePage> | null = null;
let agents: AgentSession[] = [];

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  wire = cutWire();
  page = fakePage();
});

afterEach(async () => {
  page?.restore();
  wire?.restore();
  fixtureCleanup();
  for (const agent of agents) {
    for (const thread of agent.state.threads) await agent.end(thread.conversation.id, 'resolved');
    await agent.setAvailable(false);
    agent.close();
  }
  // The staff cookie would outlive this file: the next one may expect to be signed out.
  if (agents.length) await staffSignOut(SERVER);
  agents = [];
});

async function withAgent(el: ParleyChat, text: string): Promise<{ agent: AgentSession; conversationId: string; first: ChatMessage }> {
  const agent = await demoAgent(SERVER);
  agents.push(agent);
  const first = await say(el, text);
  await acceptConversation(agent, first.conversationId);
  return { agent, conversationId: first.conversationId, first };
}

// ---------------------------------------------------------------------------------------------

describe('parley-chat: delivery and connection', () => {
  it('shows each of the customer’s messages sent, delivered, then read, as the agent gets and reads them', async () => {
    const el = await chat();
    await openPanel(el);
    const first = await say(el, 'Is anybody there?');
    // Stored, and no agent has it on screen yet.
    await waitUntil(() => rowOf(el, 'Is anybody there?')?.dataset.delivery === 'sent', 'sent');
    const row = rowOf(el, 'Is anybody there?')!;
    expect(row.dataset.seq).to.equal(String(first.seq));
    expect(row.dataset.clientId).to.equal(first.clientId);
    expect(lastWord(el)).to.equal('Sent');
    await expect(el).to.be.accessible();

    const agent = await demoAgent(SERVER);
    agents.push(agent);
    await acceptConversation(agent, first.conversationId);
    // The agent's session has it: delivered, not read until the agent has it on screen.
    await waitUntil(() => rowOf(el, 'Is anybody there?')?.dataset.delivery === 'delivered', 'delivered');
    expect(lastWord(el)).to.equal('Delivered');
    agent.markRead(first.conversationId);
    await waitUntil(() => rowOf(el, 'Is anybody there?')?.dataset.delivery === 'read', 'read');
    expect(lastWord(el)).to.equal('Read');
    await expect(el).to.be.accessible();

    // A second text: only the last one says its state in words.
    await say(el, 'My parcel is late.');
    await waitUntil(() => rowOf(el, 'My parcel is late.')?.dataset.delivery === 'delivered', 'the second delivered');
    expect(rowOf(el, 'Is anybody there?')!.dataset.delivery).to.equal('read');
    expect(lastWord(el)).to.equal('Delivered');
    expect(list(el).shadowRoot!.querySelectorAll('[part~="delivery"]')).to.have.length(1);
    expect(rowOf(el, 'Is anybody there?')!.querySelector('.visually-hidden:not(.meta)')!.textContent).to.equal('Read');
  });

  it('a lost connection: a countdown to the next attempt, texts wait as sending, then "Connected again." and they go out', async () => {
    const el = await chat();
    await openPanel(el);
    await say(el, 'Before the cut');
    expect(notice(el)).to.equal('');

    const style = document.createElement('style');
    style.textContent = 'parley-chat::part(connection) { scroll-margin-top: 7px; }';
    document.head.append(style);

    wire!.cut(CUSTOMER);
    await waitUntil(() => notice(el).startsWith('Connection lost.'), 'the notice says the connection is lost');
    await waitUntil(() => liveText(el).includes('Connection lost. Reconnecting…'), 'announced once');
    // Page CSS reaches the notice through the documented part.
    const part = root(el).querySelector('parley-connection-status')!.shadowRoot!.querySelector('[part~="notice"]')!;
    expect(getComputedStyle(part).scrollMarginTop).to.equal('7px');
    style.remove();

    // The composer stays usable: the text waits in the outbox.
    await type(el, 'During the cut');
    await waitUntil(() => rowOf(el, 'During the cut')?.dataset.status === 'sending', 'shown as sending');
    expect(lastWord(el)).to.equal('Sending…');
    expect(textarea(el).disabled).to.equal(false);

    // Attempts keep failing and back off: the countdown grows, and counts down once a second.
    await waitUntil(() => /Retrying in [2-9] s…$/.test(notice(el)), 'a countdown of two seconds or more', { timeout: 12000 });
    const seconds = Number(/Retrying in (\d) s/.exec(notice(el))![1]);
    await waitUntil(() => notice(el) === `Connection lost. Retrying in ${seconds - 1} s…`, 'one second less', { timeout: 1500 });
    // The countdown is not announced.
    expect(liveText(el)).not.to.contain('Retrying in');
    await expect(el).to.be.accessible();

    // The network is back (the browser says so): the session retries at once.
    wire!.mend(CUSTOMER);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => notice(el) === 'Connected again.', 'back');
    await waitUntil(() => liveText(el).includes('Connected again.'), 'announced');
    await expect(el).to.be.accessible();
    await waitUntil(() => rowOf(el, 'During the cut')?.dataset.delivery === 'sent', 'the waiting text went out, once');
    expect(ownRows(el).filter((r) => r.textContent!.includes('During the cut'))).to.have.length(1);
    expect(rowOf(el, 'During the cut')!.hasAttribute('data-status')).to.equal(false);
    // A few seconds later the notice is gone.
    await waitUntil(() => notice(el) === '', 'the notice goes', { timeout: 6000 });
  });

  it('offline: says so, keeps the text as sending, and sends it once back online', async () => {
    const el = await chat();
    await openPanel(el);
    await say(el, 'Still online');
    page!.offline(true);
    wire!.cut(CUSTOMER);
    await waitUntil(() => notice(el) === "You're offline. Your messages will be sent when you're back online.", 'offline');
    await waitUntil(() => liveText(el).includes("You're offline."), 'announced');
    await type(el, 'Written offline');
    await waitUntil(() => rowOf(el, 'Written offline')?.dataset.status === 'sending', 'shown as sending');
    await expect(el).to.be.accessible();

    wire!.mend(CUSTOMER);
    page!.offline(false);
    await waitUntil(() => notice(el) === 'Connected again.', 'back online');
    await waitUntil(() => rowOf(el, 'Written offline')?.dataset.delivery === 'sent', 'sent once back');
  });

  it('marks the agent’s messages read only while the panel is open and the page visible', async () => {
    const el = await chat();
    await openPanel(el);
    const { agent, conversationId } = await withAgent(el, 'Hello');
    const lastSeqOf = () => agent.thread(conversationId)!.messages.at(-1)!.seq;

    // Closed: the message arrives (delivered) but is not read.
    el.close();
    await el.updateComplete;
    agent.send(conversationId, 'Are you still there?');
    await waitUntil(() => agent.thread(conversationId)!.pending.length === 0, 'stored');
    const closedSeq = lastSeqOf();
    await waitUntil(() => receipts(agent, conversationId).delivered >= closedSeq, 'delivered to the closed widget');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receipts(agent, conversationId).read, 'not read while closed').to.be.below(closedSeq);

    // Opened: read.
    await openPanel(el);
    await waitUntil(() => receipts(agent, conversationId).read >= closedSeq, 'read once the panel is open');

    // Open but the tab hidden: delivered, not read; visible again: read.
    page!.hidden(true);
    agent.send(conversationId, 'Take your time.');
    await waitUntil(() => agent.thread(conversationId)!.pending.length === 0, 'stored');
    const hiddenSeq = lastSeqOf();
    await waitUntil(() => receipts(agent, conversationId).delivered >= hiddenSeq, 'delivered to the hidden tab');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receipts(agent, conversationId).read, 'not read while hidden').to.be.below(hiddenSeq);
    page!.hidden(false);
    await waitUntil(() => receipts(agent, conversationId).read >= hiddenSeq, 'read once visible again');

    // Open and visible: a new message is read as it arrives.
    agent.send(conversationId, 'Here is the tracking link.');
    await waitUntil(() => agent.thread(conversationId)!.pending.length === 0, 'stored');
    const liveSeq = lastSeqOf();
    await waitUntil(() => receipts(agent, conversationId).read >= liveSeq, 'read as it arrives');
  });

  it('typing survives a reconnection: no stale indicator while cut, and typing shows again after', async () => {
    const el = await chat();
    await openPanel(el);
    const { agent, conversationId } = await withAgent(el, 'Typing test');

    agent.setTyping(conversationId, true);
    await waitUntil(() => /is typing…/.test(statusText(el)), 'the agent types');
    wire!.cut(CUSTOMER);
    await waitUntil(() => notice(el).startsWith('Connection lost.'), 'cut');
    expect(statusText(el), 'no stale indicator').not.to.match(/is typing/);

    // The customer types while cut; the agent's side forgot it with the customer's connection.
    textarea(el).focus();
    await sendKeys({ type: 'still writ' });
    await waitUntil(() => agent.thread(conversationId)!.customerTyping === false, 'the agent no longer sees typing');
    wire!.mend(CUSTOMER);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => notice(el) === 'Connected again.', 'back');
    // Said again on reconnection, since the customer is still typing.
    await waitUntil(() => agent.thread(conversationId)!.customerTyping === true, 'the agent sees typing again', { timeout: 2500 });
    agent.setTyping(conversationId, true);
    await waitUntil(() => /is typing…/.test(statusText(el)), 'the agent’s typing shows again');
  });
});
