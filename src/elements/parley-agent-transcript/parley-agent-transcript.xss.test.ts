// The console's views of a customer against the XSS corpus (SPEC §6): transcripts (messages.ts),
// the conversation on screen, offers and the session panel. Customer texts and every name are
// text; agent texts go through the sanitizer.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { AgentThread, Result, Transcript } from '../../core/agent-session.js';
import type { ChatMessage, Disposition, Offer, SessionView } from '../../protocol/index.js';
import { ParleyAgentConversation } from '../parley-agent-conversation/parley-agent-conversation.js';
import { ParleyAgentOffer } from '../parley-agent-offer/parley-agent-offer.js';
import { ParleyAgentSession } from '../parley-agent-session/parley-agent-session.js';
import { domViolations, expectNoXss, flat, useXssCorpus, type XssPayload } from '../xss-corpus.js';
import { ParleyAgentTranscript } from './parley-agent-transcript.js';

ParleyAgentTranscript.define('parley-agent-transcript');
ParleyAgentConversation.define('parley-agent-conversation');
ParleyAgentOffer.define('parley-agent-offer');
ParleyAgentSession.define('parley-agent-session');

const DISPOSITIONS: Disposition[] = [{ code: 'resolved', label: 'Resolved' }];

/** Each payload as a customer message, an agent message and a system event, every name the payload too. */
function messagesOf(payloads: readonly XssPayload[]): ChatMessage[] {
  let seq = 0;
  const message = (author: ChatMessage['author'], text: string, authorName: string | null, event?: ChatMessage['event']): ChatMessage => {
    seq += 1;
    return { id: `m${seq}`, conversationId: 'conv-1', seq, clientId: `c${seq}`, author, authorName, text, sentAt: new Date(Date.UTC(2025, 0, 1, 9, 0, seq % 60)).toISOString(), ...(event ? { event } : {}) };
  };
  return payloads.flatMap((p) => [
    message('customer', p.payload, p.payload),
    message('agent', p.payload, p.payload),
    message('system', p.payload, null),
    message('system', '', null, { type: 'agent-joined', name: p.payload }),
  ]);
}

const loaderOf = (messages: ChatMessage[]) => async (): Promise<Result<Transcript>> => ({
  ok: true,
  value: { interaction: { id: 'conv-1', channel: 'chat', status: 'closed', reference: null, agentName: null, disposition: null, createdAt: '', closedAt: null }, messages },
});

function thread(messages: ChatMessage[], patch: { customerName?: string; pocName?: string; typing?: boolean } = {}): AgentThread {
  return {
    conversation: {
      id: 'conv-1',
      channel: 'chat',
      sessionId: 's-1',
      elevation: null,
      workItem: null,
      pocId: 'poc-1',
      pocName: patch.pocName ?? 'Support chat',
      customerName: patch.customerName ?? 'Marie',
      status: 'active',
      endedBy: null,
      lastSeq: messages.length,
      receipts: { delivered: 0, read: 0 },
      createdAt: new Date().toISOString(),
      acceptedAt: new Date().toISOString(),
      verifiedId: null,
    },
    messages,
    pending: [],
    customerTyping: patch.typing ?? false,
  };
}

/** The customer-side bodies of a log, as written. */
const customerBodies = (root: ShadowRoot) => [...root.querySelectorAll('.message.customer .body')].map((b) => b.textContent);

const xss = useXssCorpus();

describe('console views: XSS corpus', () => {
  it('parley-agent-transcript: a loaded transcript of every payload', async () => {
    const messages = messagesOf(xss.corpus);
    const el = await fixture<ParleyAgentTranscript>(html`<parley-agent-transcript conversation-id="conv-1" label="Transcript" .loader=${loaderOf(messages)}></parley-agent-transcript>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="log"]'), 'loaded');
    expect(el.shadowRoot!.querySelectorAll('.message.agent .body').length).to.equal(xss.corpus.length);
    expect(customerBodies(el.shadowRoot!)).to.deep.equal(xss.corpus.map((p) => p.payload));
    await expectNoXss(el, xss.canary, 'transcript');
  });

  it('parley-agent-conversation: messages, then each payload as the customer’s name, the POC’s name and while typing', async function () {
    // About 2 800 messages, then 700 renders: seconds alone, longer beside other test runs.
    this.timeout(60000);
    const el = await fixture<ParleyAgentConversation>(html`<parley-agent-conversation .thread=${thread(messagesOf(xss.corpus))} .dispositions=${DISPOSITIONS}></parley-agent-conversation>`);
    expect(el.shadowRoot!.querySelectorAll('.message.agent .body').length).to.equal(xss.corpus.length);
    expect(customerBodies(el.shadowRoot!)).to.deep.equal(xss.corpus.map((p) => p.payload));
    await expectNoXss(el, xss.canary, 'conversation messages');

    const few = messagesOf(xss.corpus.slice(0, 1));
    for (const p of xss.corpus) {
      el.thread = thread(few, { customerName: p.payload, pocName: p.payload, typing: true });
      await el.updateComplete;
      if (p.payload.trim()) expect(flat(el.shadowRoot!.textContent), p.title).to.include(flat(p.payload));
      expect(domViolations(el), p.title).to.deep.equal([]);
    }
    await expectNoXss(el, xss.canary, 'conversation names');
  });

  it('parley-agent-offer: every payload as customer name, POC name and preview, one card each', async function () {
    // About 700 cards, each with its own countdown.
    this.timeout(60000);
    const now = Date.now();
    const offers: Offer[] = xss.corpus.map((p, i) => ({
      id: `offer-${i}`,
      conversationId: `conv-${i}`,
      sessionId: `s-${i}`,
      elevation: null,
      workItem: null,
      pocId: 'poc-1',
      pocName: p.payload,
      channel: 'chat',
      customerName: p.payload,
      preview: p.payload,
      offeredAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 60_000).toISOString(),
    }));
    const wrapper = await fixture<HTMLElement>(html`<div>${offers.map((o) => html`<parley-agent-offer .offer=${o} .loader=${loaderOf(messagesOf(xss.corpus.slice(0, 3)))}></parley-agent-offer>`)}</div>`);
    const cards = [...wrapper.querySelectorAll<ParleyAgentOffer>('parley-agent-offer')];
    await Promise.all(cards.map((c) => c.updateComplete));
    const previews = cards.map((c) => c.shadowRoot!.querySelector('[part="preview"]')!);
    expect(previews.filter((p, i) => xss.corpus[i].payload && p.textContent !== xss.corpus[i].payload).length).to.equal(0);
    expect(cards.map((c) => c.shadowRoot!.querySelector('h3')!.textContent)).to.deep.equal(xss.corpus.map((p) => p.payload || 'Visitor'));
    await expectNoXss(wrapper, xss.canary, 'offers');
  });

  it('parley-agent-session: every payload as the customer’s name, an agent’s name and a reference, transcripts opened', async () => {
    const view: SessionView = {
      id: 's-1',
      customerName: xss.corpus[0].payload,
      complete: false,
      completedAt: null,
      interactions: xss.corpus.map((p, i) => ({ id: `i-${i}`, channel: i % 2 ? 'sms' : 'email', status: i % 3 ? 'closed' : 'active', reference: p.payload, agentName: p.payload, disposition: p.payload, createdAt: new Date().toISOString(), closedAt: null })),
    };
    const el = await fixture<ParleyAgentSession>(html`<parley-agent-session .session=${view} current-id="none" .held=${new Set<string>()} .dispositions=${DISPOSITIONS} .loader=${loaderOf(messagesOf(xss.corpus.slice(-5)))}></parley-agent-session>`);
    const references = [...el.shadowRoot!.querySelectorAll('.reference')].map((r) => r.textContent);
    expect(references).to.deep.equal(xss.corpus.filter((p) => p.payload).map((p) => p.payload));
    // A few transcripts opened, as the agent would.
    const details = [...el.shadowRoot!.querySelectorAll('details')].slice(0, 5);
    for (const d of details) d.open = true;
    await waitUntil(() => el.shadowRoot!.querySelectorAll('parley-agent-transcript').length === details.length, 'transcripts open');
    await waitUntil(() => [...el.shadowRoot!.querySelectorAll('parley-agent-transcript')].every((t) => t.shadowRoot!.querySelector('[role="log"]')), 'transcripts loaded');
    for (const p of xss.corpus) {
      el.session = { ...view, customerName: p.payload };
      await el.updateComplete;
      expect(domViolations(el.shadowRoot!.querySelector('h2')!), p.title).to.deep.equal([]);
    }
    await expectNoXss(el, xss.canary, 'session');
  });
});
