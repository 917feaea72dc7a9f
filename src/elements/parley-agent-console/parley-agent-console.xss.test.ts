// The agent console end to end against the XSS corpus (SPEC §6): real customers on the demo chat
// POC of the test server, with hostile names and texts, reach agent1's queue, conversation list
// and conversation. Each test ends what it opened.
import { expect, fixture, html } from '@open-wc/testing';
import { ChatSession } from '../../core/chat-session.js';
import { checkName } from '../../core/validators.js';
import { DEMO_IDS, LIMITS } from '../../protocol/index.js';
import { button, buttons, deepAll, fillSignIn, releaseDesk, TEST_PASSWORD, until } from '../test-helpers.js';
import { domViolations, expectNoXss, installCanary, loadCorpus, pack, type Canary, type XssPayload } from '../xss-corpus.js';
import { ParleyAgentConsole } from './parley-agent-console.js';

ParleyAgentConsole.define('parley-agent-console');

const SERVER = window.PARLEY_TEST_SERVER;
/** The demo agents hold three contacts at most. */
const CAPACITY = 3;

let corpus: XssPayload[];
let canary: Canary;
let desk: ParleyAgentConsole | null = null;
let customers: ChatSession[] = [];

before(async () => {
  corpus = await loadCorpus();
});
beforeEach(() => {
  canary = installCanary();
});
afterEach(async () => {
  canary.restore();
  for (const chat of customers) {
    await chat.end().catch(() => undefined);
    chat.close();
  }
  customers = [];
  await releaseDesk(desk?.session, SERVER);
  desk = null;
});

/** A customer named `name` who writes `text` first; its own connection, as a visitor's would be. */
async function customer(name: string, text: string): Promise<ChatSession> {
  const chat = new ChatSession({ server: SERVER, poc: DEMO_IDS.chatPoc, socketOptions: { forceNew: true }, backoff: { minMs: 50, maxMs: 300 } });
  customers.push(chat);
  await chat.connect();
  chat.setName(name);
  expect(chat.send(text)).to.be.a('string');
  return chat;
}

describe('parley-agent-console: XSS corpus end to end', () => {
  it('hostile customer names and texts in the queue, the list and the conversation: nothing runs, nothing unsafe stays', async function () {
    this.timeout(60000);
    desk = await fixture<ParleyAgentConsole>(html`<parley-agent-console server=${SERVER} locale="en"></parley-agent-console>`);
    await fillSignIn(desk, 'agent1', TEST_PASSWORD);
    await until(() => desk!.session?.state.connection === 'connected', 'the agent connection');
    button(desk, 'Go available').click();
    await until(() => buttons(desk!, 'Go unavailable').length === 1, 'available');

    // Names: hostile markup that a name may hold (one line, short enough), made unique per run.
    const stamp = Date.now().toString(36);
    const hostile = corpus.filter((p) => /[<&]/.test(p.payload) && checkName(p.payload).ok && p.payload.length < LIMITS.nameMaxLength - 12);
    // As the server stores a name: cleaned, on one line.
    const stored = (name: string) => {
      const checked = checkName(name);
      if (!checked.ok || !checked.value) throw new Error(`not a name: ${name}`);
      return checked.value;
    };
    const names = hostile.slice(0, CAPACITY).map((p, i) => stored(`${p.payload} ${stamp}${i}`));
    const chats: ChatSession[] = [];
    for (const [i, name] of names.entries()) chats.push(await customer(name, hostile[CAPACITY + i].payload));

    // The offers, declining any other test's contacts still queued.
    const session = desk.session!;
    await until(() => {
      for (const o of session.state.offers) if (!names.includes(o.customerName ?? '')) void session.decline(o.id);
      return names.every((n) => session.state.offers.some((o) => o.customerName === n));
    }, 'an offer from each hostile customer', 15000);
    expect(deepAll(desk, 'parley-agent-offer').length).to.equal(CAPACITY);
    expect(domViolations(desk), 'offers').to.deep.equal([]);

    for (const group of deepAll(desk, '[role="group"]')) button(group, 'Accept').click();
    await until(() => session.state.threads.length === CAPACITY, 'the conversations accepted', 15000);
    await until(() => chats.every((c) => c.state.conversation?.status === 'active'), 'the customers see the agent', 15000);

    // The first customer sends the whole corpus, several payloads to a message.
    const texts = pack(corpus, LIMITS.messageMaxLength);
    for (const text of texts) expect(chats[0].send(text)).to.be.a('string');
    const first = session.state.threads.find((t) => t.conversation.customerName === names[0])!;
    deepAll(desk, 'button.thread').find((b) => b.getAttribute('aria-label')!.startsWith(names[0]))!.click();
    await until(() => (session.thread(first.conversation.id)?.messages.filter((m) => m.author === 'customer').length ?? 0) === texts.length + 1, 'every text stored', 15000);
    await until(() => deepAll(desk!, '.message.customer').length === texts.length + 1, 'every text shown', 15000);
    expect(deepAll(desk, 'button.thread').length).to.equal(CAPACITY);
    await expectNoXss(desk, canary, 'console');
  });
});
