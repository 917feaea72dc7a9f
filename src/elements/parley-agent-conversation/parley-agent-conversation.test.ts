import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { AgentThread } from '../../core/agent-session.js';
import { LIMITS, type AgentConversation, type ChatMessage, type Disposition } from '../../protocol/index.js';
import {
  ConversationEndEvent,
  ConversationRetryEvent,
  ConversationSendEvent,
  ConversationTypingEvent,
  ParleyAgentConversation,
} from './parley-agent-conversation.js';

ParleyAgentConversation.define('parley-agent-conversation');

const DISPOSITIONS: Disposition[] = [
  { code: 'resolved', label: 'Resolved' },
  { code: 'follow-up', label: 'Needs follow-up' },
];

let seq = 0;
function message(author: ChatMessage['author'], text: string, patch: Partial<ChatMessage> = {}): ChatMessage {
  seq += 1;
  return {
    id: `m${seq}`,
    conversationId: 'conv-1',
    seq,
    clientId: `c${seq}`,
    author,
    authorName: author === 'customer' ? 'Marie' : author === 'agent' ? 'Alex Agent' : null,
    text,
    sentAt: new Date(Date.UTC(2025, 0, 1, 9, seq)).toISOString(),
    ...patch,
  };
}

function makeThread(patch: Partial<AgentThread> = {}, conversation: Partial<AgentConversation> = {}): AgentThread {
  return {
    conversation: {
      id: 'conv-1',
      channel: 'chat',
      sessionId: 's-1',
      elevation: null,
      pocId: 'poc-1',
      pocName: 'Support chat',
      customerName: 'Marie',
      status: 'active',
      endedBy: null,
      lastSeq: 0,
      receipts: { delivered: 0, read: 0 },
      createdAt: new Date().toISOString(),
      acceptedAt: new Date().toISOString(),
      ...conversation,
    },
    messages: [],
    pending: [],
    customerTyping: false,
    ...patch,
  };
}

async function show(thread: AgentThread, locale = 'en'): Promise<ParleyAgentConversation> {
  return fixture<ParleyAgentConversation>(
    html`<parley-agent-conversation .thread=${thread} .dispositions=${DISPOSITIONS} locale=${locale}></parley-agent-conversation>`,
  );
}

const root = (el: ParleyAgentConversation) => el.shadowRoot!;
const log = (el: ParleyAgentConversation) => root(el).querySelector<HTMLElement>('[role="log"]')!;
const shown = (node: Node) => node.textContent!.replace(/\s+/g, ' ');

/** The form control whose visible label reads `name`. */
function control<T extends HTMLElement>(el: ParleyAgentConversation, name: string): T {
  const label = [...root(el).querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
  if (!label?.control) throw new Error(`no control labelled ${name}`);
  return label.control as T;
}

function button(el: ParleyAgentConversation, name: string): HTMLButtonElement {
  const found = [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

describe('parley-agent-conversation', () => {
  it('is accessible in an active conversation', async () => {
    const el = await show(
      makeThread({
        messages: [message('customer', 'Hello'), message('agent', '<b>Hi</b> Marie')],
        customerTyping: true,
        pending: [{ clientId: 'p1', text: 'On it', status: 'failed', conversationId: null, attempts: 1, error: { code: 'internal_error', message: 'x' } }],
      }),
    );
    await expect(el).to.be.accessible();
  });

  it('is accessible with every delivery state of the agent’s messages', async () => {
    const mine = [message('agent', 'Read one'), message('agent', 'Delivered one'), message('customer', 'Reply'), message('agent', 'Sent one')];
    const el = await show(
      makeThread(
        {
          messages: mine,
          pending: [
            { clientId: 'p1', text: 'Waiting', status: 'sending', conversationId: 'conv-1', attempts: 0, error: null },
            { clientId: 'p2', text: 'Lost', status: 'failed', conversationId: 'conv-1', attempts: 3, error: { code: 'internal_error', message: 'x' } },
          ],
        },
        { receipts: { delivered: mine[2].seq, read: mine[0].seq } },
      ),
    );
    await expect(el).to.be.accessible();
    try {
      await emulateMedia({ colorScheme: 'dark' });
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('is accessible in wrap-up', async () => {
    const el = await show(
      makeThread(
        { messages: [message('customer', 'Bye'), message('system', '', { event: { type: 'ended', by: 'customer' } })] },
        { status: 'wrapup', endedBy: 'customer' },
      ),
    );
    await expect(el).to.be.accessible();
  });

  // Defaults ----------------------------------------------------------------------------------

  it('renders nothing without a thread', async () => {
    const el = await fixture<ParleyAgentConversation>(html`<parley-agent-conversation></parley-agent-conversation>`);
    expect(root(el).querySelector('[role="log"], form')).to.equal(null);
  });

  it('names the conversation and its transcript after the customer, "Visitor" when nameless', async () => {
    const named = await show(makeThread());
    expect(root(named).querySelector('h2')!.textContent).to.equal('Chat with Marie');
    expect(log(named).getAttribute('aria-label')).to.equal('Transcript with Marie');
    const nameless = await show(makeThread({}, { customerName: null }));
    expect(root(nameless).querySelector('h2')!.textContent).to.equal('Chat with Visitor');
  });

  it('is a silent, focusable log (the console announces new messages)', async () => {
    const el = await show(makeThread());
    expect(log(el).getAttribute('aria-live')).to.equal('off');
    expect(log(el).tabIndex).to.equal(0);
  });

  it('shows customer text and names as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>hi';
    const el = await show(
      makeThread({ messages: [message('customer', hostile, { authorName: '<b>Mallory</b>' })] }, { customerName: '<b>Mallory</b>' }),
    );
    expect(log(el).querySelector('img, script, b')).to.equal(null);
    expect(shown(log(el))).to.contain(hostile);
    expect(shown(log(el))).to.contain('<b>Mallory</b>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it("renders the agent's formatting through the sanitizer", async () => {
    const el = await show(
      makeThread({
        messages: [
          message('agent', '<b>Bold</b> <a href="https://example.com/help">help</a> <a href="javascript:alert(1)">bad</a><img src=x onerror="window.__pwned=3">'),
        ],
      }),
    );
    expect(log(el).querySelector('b')!.textContent).to.equal('Bold');
    const links = [...log(el).querySelectorAll('a')];
    expect(links[0].getAttribute('href')).to.equal('https://example.com/help');
    expect(links[0].getAttribute('rel')).to.equal('noopener noreferrer');
    expect(links[1].hasAttribute('href')).to.equal(false);
    expect(log(el).querySelector('img')).to.equal(null);
  });

  it('phrases system events from the catalogue', async () => {
    const el = await show(
      makeThread({
        messages: [
          message('system', '', { event: { type: 'agent-joined', name: 'Alex Agent' } }),
          message('system', '', { event: { type: 'ended', by: 'customer' } }),
        ],
      }),
    );
    expect(shown(log(el))).to.contain('Alex Agent joined the chat.');
    expect(shown(log(el))).to.contain('The customer left the chat.');
  });

  it('lists messages in the order given, pending ones last', async () => {
    const el = await show(
      makeThread({
        messages: [message('customer', 'first'), message('agent', 'second')],
        pending: [{ clientId: 'p1', text: 'third', status: 'sending', conversationId: null, attempts: 1, error: null }],
      }),
    );
    const order = [...log(el).querySelectorAll('.body')].map((b) => b.textContent);
    expect(order).to.deep.equal(['first', 'second', 'third']);
    expect(shown(log(el))).to.contain('Sending…');
  });

  it('marks each of the agent’s stored messages sent, delivered or read as the customer’s receipts move', async () => {
    const mine = [message('agent', 'One'), message('customer', 'Thanks'), message('agent', 'Two'), message('agent', 'Three')];
    const el = await show(makeThread({ messages: mine }, { receipts: { delivered: 0, read: 0 } }));
    const rows = () => [...log(el).querySelectorAll<HTMLElement>('.message')];
    const states = () => rows().map((r) => r.dataset.delivery ?? '-');
    expect(states()).to.deep.equal(['sent', '-', 'sent', 'sent']);
    // Seq and client id stay on every stored row.
    expect(rows().map((r) => Number(r.dataset.seq))).to.deep.equal(mine.map((m) => m.seq));
    expect(rows()[0].dataset.clientId).to.equal(mine[0].clientId);

    el.thread = makeThread({ messages: mine }, { receipts: { delivered: mine[2].seq, read: mine[0].seq } });
    await el.updateComplete;
    expect(states()).to.deep.equal(['read', '-', 'delivered', 'sent']);
    el.thread = makeThread({ messages: mine }, { receipts: { delivered: mine[3].seq, read: mine[3].seq } });
    await el.updateComplete;
    expect(states()).to.deep.equal(['read', '-', 'read', 'read']);
  });

  it('says each state in words: visibly beside the last of the agent’s messages, visually hidden for the others', async () => {
    const mine = [message('agent', 'One'), message('agent', 'Two'), message('agent', 'Three')];
    const el = await show(makeThread({ messages: mine }, { receipts: { delivered: mine[1].seq, read: mine[0].seq } }));
    const words = () =>
      [...log(el).querySelectorAll<HTMLElement>('[part~="delivery"]')].map((d) => {
        const word = [...d.querySelectorAll('span')].at(-1)!;
        return `${word.textContent}${word.classList.contains('visually-hidden') ? '' : ' (shown)'}`;
      });
    expect(words()).to.deep.equal(['Read', 'Delivered', 'Sent (shown)']);
    const icons = [...log(el).querySelectorAll('[part~="delivery"] svg')];
    expect(icons.every((i) => i.getAttribute('aria-hidden') === 'true')).to.equal(true);
    expect(icons.map((i) => [...i.classList].find((c) => c !== 'delivery-icon'))).to.deep.equal(['read', 'delivered', 'sent']);

    el.thread = makeThread(
      { messages: mine, pending: [{ clientId: 'p1', text: 'Four', status: 'sending', conversationId: 'conv-1', attempts: 0, error: null }] },
      { receipts: { delivered: mine[1].seq, read: mine[0].seq } },
    );
    await el.updateComplete;
    expect(words()).to.deep.equal(['Read', 'Delivered', 'Sent', 'Sending… (shown)']);
    expect(log(el).querySelector<HTMLElement>('[data-client-id="p1"]')!.dataset.status).to.equal('sending');

    el.locale = 'fr';
    await el.updateComplete;
    expect(words()).to.deep.equal(['Lu', 'Distribué', 'Envoyé', 'Envoi en cours… (shown)']);
  });

  it('offers the dispositions, required, with an optional note capped at the limit', async () => {
    const el = await show(makeThread());
    const select = control<HTMLSelectElement>(el, 'Disposition');
    expect(select.required).to.equal(true);
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'resolved', 'follow-up']);
    const note = control<HTMLTextAreaElement>(el, 'Note');
    expect(note.required).to.equal(false);
    expect(note.maxLength).to.equal(LIMITS.noteMaxLength);
    expect(button(el, 'End chat').type).to.equal('submit');
  });

  // Attributes --------------------------------------------------------------------------------

  it('speaks French with locale="fr"', async () => {
    const el = await show(makeThread({}, { customerName: null }), 'fr');
    expect(root(el).querySelector('h2')!.textContent).to.equal('Conversation avec Visiteur');
    expect(button(el, 'Envoyer')).to.exist;
    expect(control(el, 'Qualification')).to.exist;
  });

  it('starts the reply box from .draft and reports what is typed in it', async () => {
    const el = await fixture<ParleyAgentConversation>(
      html`<parley-agent-conversation .thread=${makeThread()} .draft=${'half a reply'}></parley-agent-conversation>`,
    );
    const box = control<HTMLTextAreaElement>(el, 'Message');
    expect(box.value).to.equal('half a reply');
    box.value = 'a whole reply';
    expect(el.draft).to.equal('a whole reply');
    el.draft = '';
    expect(box.value).to.equal('');
  });

  it('shows progress and ignores a second submit while ending', async () => {
    const el = await show(makeThread());
    el.ending = true;
    await el.updateComplete;
    expect(shown(root(el))).to.contain('Ending the chat…');
    expect(button(el, 'End chat').getAttribute('aria-disabled')).to.equal('true');
    let fired = 0;
    el.addEventListener(ConversationEndEvent.eventName, () => (fired += 1));
    control<HTMLSelectElement>(el, 'Disposition').value = 'resolved';
    button(el, 'End chat').click();
    expect(fired).to.equal(0);
  });

  // Events ------------------------------------------------------------------------------------

  it('fires conversation-send with the cleaned text and empties the box', async () => {
    const el = await show(makeThread());
    const box = control<HTMLTextAreaElement>(el, 'Message');
    box.value = '  Your refund is on its way.\n\n';
    setTimeout(() => button(el, 'Send').click());
    const event = (await oneEvent(el, ConversationSendEvent.eventName)) as ConversationSendEvent;
    expect(event.conversationId).to.equal('conv-1');
    expect(event.text).to.equal('  Your refund is on its way.');
    expect(event.bubbles && !event.composed).to.equal(true);
    expect(box.value).to.equal('');
  });

  it('refuses a blank message with a visible, announced error', async () => {
    const el = await show(makeThread());
    let fired = 0;
    el.addEventListener(ConversationSendEvent.eventName, () => (fired += 1));
    control<HTMLTextAreaElement>(el, 'Message').value = '   \n ';
    button(el, 'Send').click();
    await el.updateComplete;
    expect(fired).to.equal(0);
    const alert = root(el).querySelector('[role="alert"]#message-error')!;
    expect(alert.textContent).to.equal('Type a message first.');
    expect(control(el, 'Message').getAttribute('aria-invalid')).to.equal('true');
  });

  it('fires conversation-retry for a failed message', async () => {
    const el = await show(
      makeThread({ pending: [{ clientId: 'p7', text: 'lost', status: 'failed', conversationId: null, attempts: 1, error: { code: 'internal_error', message: 'x' } }] }),
    );
    expect(shown(log(el))).to.contain('Not sent.');
    setTimeout(() => button(el, 'Retry').click());
    const event = (await oneEvent(el, ConversationRetryEvent.eventName)) as ConversationRetryEvent;
    expect(event.clientId).to.equal('p7');
  });

  it('fires conversation-typing true on the first keystroke and false after sending', async () => {
    const el = await show(makeThread());
    const signals: boolean[] = [];
    el.addEventListener(ConversationTypingEvent.eventName, (e) => signals.push((e as ConversationTypingEvent).typing));
    control<HTMLTextAreaElement>(el, 'Message').focus();
    await sendKeys({ type: 'Hel' });
    expect(signals).to.deep.equal([true]);
    await sendKeys({ press: 'Enter' });
    expect(signals).to.deep.equal([true, false]);
  });

  it('fires conversation-end with the disposition and the note', async () => {
    const el = await show(makeThread());
    control<HTMLSelectElement>(el, 'Disposition').value = 'follow-up';
    control<HTMLTextAreaElement>(el, 'Note').value = '  Call back Monday ';
    setTimeout(() => button(el, 'End chat').click());
    const event = (await oneEvent(el, ConversationEndEvent.eventName)) as ConversationEndEvent;
    expect([event.conversationId, event.disposition, event.note]).to.deep.equal(['conv-1', 'follow-up', 'Call back Monday']);
  });

  it('does not end without a disposition', async () => {
    const el = await show(makeThread());
    let fired = 0;
    el.addEventListener(ConversationEndEvent.eventName, () => (fired += 1));
    button(el, 'End chat').click();
    await el.updateComplete;
    expect(fired).to.equal(0);
    expect(control<HTMLSelectElement>(el, 'Disposition').validity.valueMissing).to.equal(true);
  });

  // Keyboard ----------------------------------------------------------------------------------

  it('sends on Enter and starts a new line on Shift+Enter', async () => {
    const el = await show(makeThread());
    const box = control<HTMLTextAreaElement>(el, 'Message');
    const sent: string[] = [];
    el.addEventListener(ConversationSendEvent.eventName, (e) => sent.push((e as ConversationSendEvent).text));
    box.focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect(sent).to.deep.equal([]);
    expect(box.value).to.equal('line one\nline two');
    await sendKeys({ press: 'Enter' });
    expect(sent).to.deep.equal(['line one\nline two']);
    expect(box.value).to.equal('');
  });

  it('focusComposer() puts the caret in the reply box, or on the disposition once the chat is over', async () => {
    const el = await show(makeThread());
    el.focusComposer();
    expect(root(el).activeElement).to.equal(control(el, 'Message'));
    el.thread = makeThread({}, { status: 'wrapup', endedBy: 'customer' });
    await el.updateComplete;
    el.focusComposer();
    expect(root(el).activeElement).to.equal(control(el, 'Disposition'));
  });

  // States ------------------------------------------------------------------------------------

  it('shows the customer typing, and stops once they left', async () => {
    const el = await show(makeThread({ customerTyping: true }));
    expect(shown(root(el))).to.contain('Marie is typing…');
    el.thread = makeThread({ customerTyping: true }, { status: 'wrapup', endedBy: 'customer' });
    await el.updateComplete;
    expect(shown(root(el))).to.not.contain('is typing');
  });

  it('says the customer left, drops the reply box and keeps the wrap-up form', async () => {
    const el = await show(makeThread({}, { status: 'wrapup', endedBy: 'customer' }));
    expect(shown(root(el))).to.contain('The customer left the chat. Choose a disposition to finish it.');
    expect([...root(el).querySelectorAll('label')].map((l) => l.textContent?.trim())).to.not.include('Message');
    expect(button(el, 'End chat')).to.exist;
  });

  it('keeps following new messages at the bottom of the transcript', async () => {
    const many = Array.from({ length: 40 }, (_, i) => message('customer', `line ${i}`));
    const el = await fixture<ParleyAgentConversation>(
      html`<div style="height: 400px; display: flex; flex-direction: column">
        <parley-agent-conversation style="flex: 1" .thread=${makeThread({ messages: many })}></parley-agent-conversation>
      </div>`,
    ).then((wrapper) => wrapper.querySelector('parley-agent-conversation')!);
    await el.updateComplete;
    const l = log(el);
    await waitUntil(() => l.scrollHeight > l.clientHeight && l.scrollTop > 0, 'log scrolled');
    el.thread = makeThread({ messages: [...many, message('customer', 'newest')] });
    await el.updateComplete;
    expect(l.scrollHeight - l.scrollTop - l.clientHeight).to.be.below(2);
  });
});
