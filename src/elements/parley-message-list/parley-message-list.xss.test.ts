// The widget's transcript against the XSS corpus (SPEC §6): agent HTML through the sanitizer,
// everything else as text. The last test sends the corpus as an agent over the real socket.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AgentSession } from '../../core/agent-session.js';
import type { PendingMessage } from '../../core/chat-session.js';
import { defineParleyElements } from '../../define.js';
import { DEMO_IDS, LIMITS, type ChatMessage, type CustomerConversation } from '../../protocol/index.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { acceptConversation, demoAgent, staffSignOut, storedCustomerMessage } from '../test-helpers.js';
import { deepElementCount, domViolations, expectNoXss, pack, useXssCorpus } from '../xss-corpus.js';
import type { ParleyMessageList } from './parley-message-list.js';

defineParleyElements();

const SERVER = window.PARLEY_TEST_SERVER;

function message(i: number, author: ChatMessage['author'], text: string, authorName: string | null): ChatMessage {
  return {
    id: `m-${i}`,
    conversationId: 'c-1',
    seq: i + 1,
    clientId: `client-${i}`,
    author,
    authorName,
    text,
    sentAt: new Date(Date.UTC(2025, 0, 1, 9, 0, i)).toISOString(),
  };
}

const conversation = (agentName: string): CustomerConversation => ({
  id: 'c-1',
  pocId: 'poc',
  status: 'active',
  queuePosition: null,
  expectedWaitSeconds: null,
  agentName,
  lastSeq: 0,
  receipts: { delivered: 0, read: 0 },
  createdAt: new Date().toISOString(),
});

const rows = (el: Element, part: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${part}"]`)];
const bubble = (row: HTMLElement) => row.querySelector('[part~="bubble"]')!;
/** Renders the whole history: a long one shows only its end until earlier pages are asked for. */
async function showAll(el: ParleyMessageList): Promise<void> {
  while (el.shadowRoot!.querySelector('[part~="earlier-button"]')) await el.showEarlier();
}

const xss = useXssCorpus();

describe('parley-message-list: XSS corpus', () => {
  it('agent messages (and agent names) go through the sanitizer: nothing runs, nothing unsafe stays', async () => {
    const messages = xss.corpus.map((p, i) => message(i, 'agent', p.payload, p.payload));
    const el = await fixture<ParleyMessageList>(html`<parley-message-list .messages=${messages} .conversation=${conversation('Alex')}></parley-message-list>`);
    await showAll(el);
    expect(rows(el, 'message-agent').length).to.equal(xss.corpus.length);
    // Every author line shows the name as it came (the sanitizer is for the text only).
    const names = rows(el, 'message-agent').map((r) => r.querySelector('.author')!.textContent);
    expect(names).to.deep.equal(xss.corpus.map((p) => p.payload || 'Alex'));
    await expectNoXss(el, xss.canary, 'agent messages');
    // Safe links survive, opening apart from the widget.
    const links = rows(el, 'message-agent').flatMap((r) => [...r.querySelectorAll('a[href]')]);
    expect(links.map((a) => a.getAttribute('href'))).to.include.members(['https://ok.example/', 'mailto:help@example.com', 'tel:+33612345678']);
    expect(links.every((a) => a.getAttribute('rel') === 'noopener noreferrer' && a.getAttribute('target') === '_blank')).to.equal(true);
  });

  it('customer messages, pending texts and system texts are text, exactly as written', async () => {
    const messages = xss.corpus.flatMap((p, i) => [message(2 * i, 'customer', p.payload, null), { ...message(2 * i + 1, 'system', p.payload, null) }]);
    const pending: PendingMessage[] = xss.corpus.map((p, i) => ({ clientId: `p-${i}`, text: p.payload, status: i % 2 ? 'failed' : 'sending', conversationId: 'c-1', attempts: 1, error: null }));
    const el = await fixture<ParleyMessageList>(html`<parley-message-list .messages=${messages} .pending=${pending} .conversation=${conversation('Alex')}></parley-message-list>`);
    await showAll(el);
    const customer = rows(el, 'message-customer');
    expect(customer.length).to.equal(2 * xss.corpus.length);
    expect(customer.map((r) => bubble(r).textContent)).to.deep.equal([...xss.corpus, ...xss.corpus].map((p) => p.payload));
    expect(rows(el, 'message-system').map((r) => r.textContent)).to.deep.equal(xss.corpus.map((p) => p.payload));
    expect(deepElementCount(el)).to.be.above(xss.corpus.length * 4);
    await expectNoXss(el, xss.canary, 'customer texts');
  });

  it('the greeting and the typing agent’s name are text', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list agent-typing></parley-message-list>`);
    for (const p of xss.corpus) {
      el.greeting = p.payload;
      el.conversation = conversation(p.payload);
      await el.updateComplete;
      if (p.payload) expect(bubble(rows(el, 'message-greeting')[0]).textContent, p.title).to.equal(p.payload);
      expect(rows(el, 'status')[0].textContent, p.title).to.include(p.payload.trim() ? p.payload : '');
      expect(domViolations(el), p.title).to.deep.equal([]);
      expect(rows(el, 'message-greeting').flatMap((r) => [...r.querySelectorAll('*')]).length, p.title).to.be.below(8);
    }
    await expectNoXss(el, xss.canary, 'greeting and typing');
  });
});

describe('parley-chat: XSS xss.corpus from an agent over the real socket', () => {
  let agent: AgentSession | null = null;

  afterEach(async () => {
    if (agent) {
      for (const thread of agent.state.threads) await agent.end(thread.conversation.id, 'resolved');
      await agent.setAvailable(false);
      agent.close();
      await staffSignOut(SERVER);
    }
    agent = null;
    fixtureCleanup();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('shows every payload an agent sends, and nothing runs', async () => {
    localStorage.clear();
    sessionStorage.clear();
    const el = await fixture<ParleyChat>(html`<parley-chat poc=${DEMO_IDS.chatPoc} server=${SERVER} locale="en"></parley-chat>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="launcher"]'), 'the launcher', { timeout: 5000 });
    await el.open();
    await el.updateComplete;
    const list = () => el.shadowRoot!.querySelector<ParleyMessageList>('parley-message-list')!;
    // The customer starts the chat through the composer's own send path.
    const hello = 'Hello, I have a question.';
    const stored = storedCustomerMessage(el, hello);
    el.shadowRoot!.querySelector('parley-composer')!.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="input"]')!.focus();
    await sendKeys({ type: hello });
    await sendKeys({ press: 'Enter' });
    const first = await stored;

    agent = await demoAgent(SERVER);
    await acceptConversation(agent, first.conversationId);
    // Whole payloads, several to a message, within the message limit.
    const texts = pack(xss.corpus, LIMITS.messageMaxLength);
    for (const text of texts) expect(agent.send(first.conversationId, text)).to.be.a('string');
    await waitUntil(() => rows(list(), 'message-agent').length === texts.length, `${texts.length} agent messages shown`, { timeout: 10000 });
    await expectNoXss(el, xss.canary, 'agent messages over the socket');
  });
});
