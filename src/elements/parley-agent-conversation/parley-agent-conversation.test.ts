import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AgentThread } from '../../core/agent-session.js';
import {
  LIMITS,
  type AgentConversation,
  type ChatMessage,
  type ConnectorInfo,
  type Disposition,
  type SessionInteraction,
  type SessionView,
  type SkillSummary,
} from '../../protocol/index.js';
import type { TranscriptLoader } from '../parley-agent-transcript/parley-agent-transcript.js';
import { callbackRequest as elevation, expectAccessibleInBothSchemes, matches, returnsWorkItem } from '../test-helpers.js';
import {
  ConversationElevateEvent,
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
      workItem: null,
      pocId: 'poc-1',
      pocName: 'Support chat',
      customerName: 'Marie',
      verifiedId: null,
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
  it('says when the website vouched for the customer, as text, and nothing otherwise', async () => {
    const id = '<img src=x onerror="window.__pwned=1">cust-42';
    const el = await show(makeThread({}, { verifiedId: id }));
    const line = root(el).querySelector('[part~="verified"]')!;
    expect(line.textContent!.trim()).to.equal(`Verified: ${id}`);
    expect(line.querySelector('img')).to.equal(null);
    await expect(el).to.be.accessible();
    const french = await show(makeThread({}, { verifiedId: 'cust-42' }), 'fr');
    expect(root(french).querySelector('[part~="verified"]')!.textContent!.trim()).to.equal('Vérifié : cust-42');
    const anonymous = await show(makeThread());
    expect(root(anonymous).querySelector('[part~="verified"]')).to.equal(null);
  });

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
    await expectAccessibleInBothSchemes(el);
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

  it('an agent takes a work item in hand rather than joining a chat', async () => {
    const el = await show(makeThread({ messages: [message('system', '', { event: { type: 'agent-joined', name: 'Alex Agent' } })] }, { id: 'wi-1', channel: 'workitem', workItem: returnsWorkItem() }));
    expect(shown(log(el))).to.contain('Alex Agent took this in hand.');
    expect(shown(log(el))).to.not.contain('joined the chat');
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

// ---------------------------------------------------------------------------------------------
// Channels: callbacks, email and texts; elevation; the session in the wrap-up form.

const SKILLS: SkillSummary[] = [
  { id: 'k-chat', name: 'Chat support', channel: 'chat' },
  { id: 'k-email', name: 'Email support', channel: 'email' },
  { id: 'k-voice', name: 'Callbacks', channel: 'voice' },
  { id: 'k-sms', name: 'Text messages', channel: 'sms' },
];

function sessionOf(statuses: [string, SessionInteraction['status']][]): SessionView {
  return {
    id: 's-1',
    customerName: 'Marie',
    complete: statuses.every(([, s]) => s === 'closed'),
    completedAt: null,
    interactions: statuses.map(([id, status], i) => ({
      id,
      channel: i === 0 ? 'chat' : 'voice',
      status,
      reference: null,
      agentName: 'Alex Agent',
      disposition: status === 'closed' ? 'resolved' : null,
      createdAt: new Date(Date.UTC(2025, 0, 1, 9, i)).toISOString(),
      closedAt: null,
    })),
  };
}

/** A loader that answers with these messages and counts the calls. */
function loaderOf(messages: ChatMessage[]): TranscriptLoader & { calls: string[] } {
  const calls: string[] = [];
  const load = (async (id: string) => {
    calls.push(id);
    return {
      ok: true as const,
      value: {
        interaction: { id, channel: 'chat' as const, status: 'closed' as const, reference: null, agentName: null, disposition: null, createdAt: '', closedAt: null },
        messages,
      },
    };
  }) as TranscriptLoader & { calls: string[] };
  load.calls = calls;
  return load;
}

async function showChannel(
  thread: AgentThread,
  props: { connectors?: ConnectorInfo; session?: SessionView; loader?: TranscriptLoader; skills?: SkillSummary[]; locale?: string } = {},
): Promise<ParleyAgentConversation> {
  return fixture<ParleyAgentConversation>(
    html`<parley-agent-conversation
      .thread=${thread}
      .dispositions=${DISPOSITIONS}
      .connectors=${props.connectors ?? { email: 'record', sms: 'record' }}
      .session=${props.session ?? null}
      .skills=${props.skills ?? SKILLS}
      .loader=${props.loader ?? null}
      locale=${props.locale ?? 'en'}
    ></parley-agent-conversation>`,
  );
}

describe('parley-agent-conversation: channels', () => {
  it('is accessible as a callback, an email and a text conversation, in both schemes', async () => {
    const callback = await showChannel(makeThread({}, { id: 'cb-1', channel: 'voice', elevation: elevation() }), { loader: loaderOf([message('customer', 'Call me')]) });
    const email = await showChannel(
      makeThread({ messages: [message('customer', 'Invoice please')] }, { channel: 'email', elevation: elevation({ kind: 'email', destination: 'marie@example.com', destinationDisplay: 'marie@example.com', subject: 'Invoice' }) }),
    );
    const sms = await showChannel(makeThread({}, { channel: 'sms', elevation: elevation({ kind: 'sms' }) }));
    await expectAccessibleInBothSchemes(callback, email, sms);
  });

  it('a callback is a contact to dial: a tel: link, the window, consent, the chat it came from, and no reply box', async () => {
    const window = { from: '2025-01-14T13:00:00.000Z', to: '2025-01-14T14:00:00.000Z' };
    const loader = loaderOf([message('customer', 'Please call me <b>after lunch</b>'), message('agent', '<i>Sure</i>')]);
    const el = await showChannel(makeThread({}, { id: 'cb-1', channel: 'voice', elevation: elevation({ window }) }), { loader });
    expect(root(el).querySelector('h2')!.textContent).to.equal('Call back Marie');
    const link = root(el).querySelector<HTMLAnchorElement>('a.tel')!;
    expect(link.getAttribute('href')).to.equal('tel:+33612345678');
    expect(link.textContent!.trim()).to.equal('+33 6 12 34 56 78');
    const card = shown(root(el).querySelector('[part="dial"]')!);
    expect(card).to.contain('Number to dial');
    const expected = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).formatRange(new Date(window.from), new Date(window.to));
    expect(card).to.contain(expected);
    expect(card).to.contain('The customer agreed to be called.');
    expect(root(el).querySelector('#message'), 'no reply box').to.equal(null);
    expect([...root(el).querySelectorAll('label')].map((l) => l.textContent?.trim())).to.not.include('Message');
    // The chat it came from, read-only, as transcripts are drawn everywhere.
    const transcript = root(el).querySelector('parley-agent-transcript')!;
    await waitUntil(() => transcript.shadowRoot?.querySelector('[role="log"]'), 'the original chat');
    expect(loader.calls).to.deep.equal(['chat-1']);
    const origin = transcript.shadowRoot!.querySelector('[role="log"]')!;
    expect(origin.querySelector('.customer .body')!.textContent).to.equal('Please call me <b>after lunch</b>');
    expect(origin.querySelector('.agent .body i')!.textContent).to.equal('Sure');
    el.focusComposer();
    expect(root(el).activeElement).to.equal(link);
  });

  it('"Call done" completes a callback with the disposition and the note', async () => {
    const el = await showChannel(makeThread({}, { id: 'cb-1', channel: 'voice', elevation: elevation() }));
    control<HTMLSelectElement>(el, 'Disposition').value = 'resolved';
    control<HTMLTextAreaElement>(el, 'Note').value = 'Rang, sorted.';
    setTimeout(() => button(el, 'Call done').click());
    const event = (await oneEvent(el, ConversationEndEvent.eventName)) as ConversationEndEvent;
    expect([event.conversationId, event.disposition, event.note]).to.deep.equal(['cb-1', 'resolved', 'Rang, sorted.']);
  });

  it('never links a number that is not E.164', async () => {
    const el = await showChannel(makeThread({}, { channel: 'voice', elevation: elevation({ destination: 'javascript:alert(1)', destinationDisplay: 'javascript:alert(1)' }) }));
    expect(root(el).querySelector('a')).to.equal(null);
    expect(shown(root(el))).to.contain('javascript:alert(1)');
  });

  it('an email shows To and Subject, the customer’s message, a notice while only recorded, and sends on Ctrl+Enter', async () => {
    const el = await showChannel(
      makeThread(
        { messages: [message('customer', 'Could you send the invoice?')] },
        { channel: 'email', elevation: elevation({ kind: 'email', destination: 'marie@example.com', destinationDisplay: 'marie@example.com', subject: 'Invoice', reference: 'EM-4TQ2ZP' }) },
      ),
    );
    expect(root(el).querySelector('h2')!.textContent).to.equal('Email with Marie');
    const pairs = [...root(el).querySelectorAll('.envelope div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]);
    expect(pairs).to.deep.equal([
      ['To', 'marie@example.com'],
      ['Subject', 'Invoice'],
    ]);
    expect(shown(root(el).querySelector('[part="notice"]')!)).to.contain('Email is recorded, not sent: no SMTP server is configured.');
    expect(shown(log(el))).to.contain('Could you send the invoice?');
    const box = control<HTMLTextAreaElement>(el, 'Email');
    const sent: string[] = [];
    el.addEventListener(ConversationSendEvent.eventName, (e) => sent.push((e as ConversationSendEvent).text));
    box.focus();
    await sendKeys({ type: 'Dear Marie,' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'here it is.' });
    expect(sent, 'Enter is a new line in an email').to.deep.equal([]);
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    expect(sent).to.deep.equal(['Dear Marie,\nhere it is.']);
    expect(button(el, 'Send email').type).to.equal('submit');
  });

  it('says nothing about recording when email goes out over SMTP', async () => {
    const el = await showChannel(makeThread({}, { channel: 'email', elevation: elevation({ kind: 'email', subject: 'Hi' }) }), { connectors: { email: 'smtp', sms: 'record' } });
    expect(root(el).querySelector('[part="notice"]')).to.equal(null);
  });

  it('an email the server could not send shows as not sent, with Retry', async () => {
    const el = await showChannel(
      makeThread(
        { pending: [{ clientId: 'first-1', text: 'Here is your invoice.', status: 'failed', conversationId: 'conv-1', attempts: 1, error: { code: 'delivery_failed', message: 'x' } }] },
        { channel: 'email', elevation: elevation({ kind: 'email', subject: 'Invoice' }) },
      ),
    );
    expect(shown(log(el))).to.contain('Not sent.');
    setTimeout(() => button(el, 'Retry').click());
    const event = (await oneEvent(el, ConversationRetryEvent.eventName)) as ConversationRetryEvent;
    expect(event.clientId).to.equal('first-1');
  });

  it('a text message counts characters and SMS, and refuses more than the limit', async () => {
    const el = await showChannel(makeThread({}, { channel: 'sms', elevation: elevation({ kind: 'sms' }) }));
    expect(root(el).querySelector('h2')!.textContent).to.equal('Text messages with Marie');
    expect(shown(root(el).querySelector('[part="notice"]')!)).to.contain('Texts are recorded, not sent');
    const box = control<HTMLTextAreaElement>(el, 'Text message');
    expect(box.maxLength).to.equal(LIMITS.smsMaxLength);
    const count = () => shown(root(el).querySelector('#message-count')!).trim();
    expect(box.getAttribute('aria-describedby')).to.contain('message-count');
    expect(count()).to.equal(`0 of ${LIMITS.smsMaxLength} characters, 0 SMS`);
    box.focus();
    await sendKeys({ type: 'a'.repeat(161) });
    await el.updateComplete;
    expect(count()).to.equal(`161 of ${LIMITS.smsMaxLength} characters, 2 SMS`);
    box.value = 'Привет';
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await el.updateComplete;
    expect(count()).to.contain('1 SMS').and.contain('70 characters per SMS');
    box.removeAttribute('maxlength');
    box.value = 'a'.repeat(LIMITS.smsMaxLength + 1);
    let fired = 0;
    el.addEventListener(ConversationSendEvent.eventName, () => (fired += 1));
    button(el, 'Send text').click();
    await el.updateComplete;
    expect(fired).to.equal(0);
    expect(root(el).querySelector('#message-error')!.textContent).to.equal(`The text is too long: ${LIMITS.smsMaxLength} characters at most.`);
  });

  it('counts a restored draft of a text', async () => {
    const el = await fixture<ParleyAgentConversation>(
      html`<parley-agent-conversation .thread=${makeThread({}, { channel: 'sms', elevation: elevation({ kind: 'sms' }) })} .draft=${'See you soon'}></parley-agent-conversation>`,
    );
    expect(control<HTMLTextAreaElement>(el, 'Text message').value).to.equal('See you soon');
    expect(root(el).querySelector('#message-count')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`12 of ${LIMITS.smsMaxLength} characters, 1 SMS`);
  });

  it('offers the elevations the matrix allows from its channel, when a skill takes them', async () => {
    const names = (el: ParleyAgentConversation) => [...root(el).querySelectorAll('[part="elevate"] button')].map((b) => b.textContent!.trim());
    expect(names(await showChannel(makeThread()))).to.deep.equal(['Callback', 'Email', 'Text message']);
    expect(names(await showChannel(makeThread({}, { channel: 'sms', elevation: elevation({ kind: 'sms' }) })))).to.deep.equal(['Callback', 'Email']);
    expect(names(await showChannel(makeThread({}, { channel: 'voice', elevation: elevation() })))).to.deep.equal(['Email', 'Text message']);
    expect(names(await showChannel(makeThread(), { skills: SKILLS.filter((s) => s.channel !== 'sms') }))).to.deep.equal(['Callback', 'Email']);
    const group = root(await showChannel(makeThread())).querySelector('[part="elevate"]')!;
    expect(group.getAttribute('role')).to.equal('group');
  });

  it('fires conversation-elevate with the kind, and marks the open one expanded', async () => {
    const el = await showChannel(makeThread());
    setTimeout(() => button(el, 'Text message').click());
    const event = (await oneEvent(el, ConversationElevateEvent.eventName)) as ConversationElevateEvent;
    expect([event.conversationId, event.kind]).to.deep.equal(['conv-1', 'sms']);
    expect(button(el, 'Text message').getAttribute('aria-expanded')).to.equal('false');
    el.elevating = 'sms';
    await el.updateComplete;
    expect(button(el, 'Text message').getAttribute('aria-expanded')).to.equal('true');
    el.focusElevate('sms');
    expect(root(el).activeElement).to.equal(button(el, 'Text message'));
  });

  it('the wrap-up says whether the session stays open or completes', async () => {
    const open = await showChannel(makeThread(), { session: sessionOf([['conv-1', 'active'], ['cb-1', 'queued']]) });
    const end = button(open, 'End chat');
    const note = root(open).querySelector('#session-note')!;
    expect(note.textContent!.trim()).to.equal('The session stays open after this: 1 other interaction is still open.');
    expect(end.getAttribute('aria-describedby')).to.equal('session-note');
    const last = await showChannel(makeThread(), { session: sessionOf([['conv-1', 'active'], ['cb-1', 'closed']]) });
    expect(root(last).querySelector('#session-note')!.textContent!.trim()).to.equal(
      'This is the last open interaction of the session: closing it completes the session.',
    );
    const alone = await showChannel(makeThread(), { session: sessionOf([['conv-1', 'active']]) });
    expect(root(alone).querySelector('#session-note')).to.equal(null);
  });

  it('speaks French on every channel', async () => {
    const el = await showChannel(makeThread({}, { channel: 'voice', elevation: elevation() }), { locale: 'fr' });
    expect(root(el).querySelector('h2')!.textContent).to.equal('Rappeler Marie');
    expect(shown(root(el))).to.contain('Numéro à composer').and.contain('Dès que possible');
    expect(button(el, 'Appel terminé')).to.exist;
    const sms = await showChannel(makeThread({}, { channel: 'sms', elevation: elevation({ kind: 'sms' }) }), { locale: 'fr' });
    expect(control(sms, 'SMS')).to.exist;
    expect(shown(root(sms))).to.contain('0 sur 1600 caractères, 0 SMS');
  });
});

// ---------------------------------------------------------------------------------------------
// Work items: the form's answers, replies by email, completion.

function workItemThread(patch: Partial<AgentThread> = {}, conversation: Partial<AgentConversation> = {}): AgentThread {
  return makeThread(patch, { id: 'wi-1', channel: 'workitem', pocName: 'Returns form', workItem: returnsWorkItem(), ...conversation });
}

const NO_ADDRESS = returnsWorkItem({ replyTo: null, fields: returnsWorkItem().fields.filter((f) => f.type !== 'email') });

/** The work item's details inside the conversation. */
const details = (el: ParleyAgentConversation) => root(el).querySelector('parley-agent-work-item');

describe('parley-agent-conversation: work items', () => {
  it('is accessible with and without a reply address, and with a reply, in both schemes', async () => {
    const withAddress = await showChannel(workItemThread());
    const withoutAddress = await showChannel(workItemThread({}, { workItem: NO_ADDRESS }));
    const replied = await showChannel(workItemThread({ messages: [message('agent', 'We will collect it on Monday.')] }));
    await expectAccessibleInBothSchemes(withAddress, withoutAddress, replied);
  });

  it('is named after the customer, shows the reference, and the whole work item above the replies', async () => {
    const el = await showChannel(workItemThread());
    expect(root(el).querySelector('h2')!.textContent).to.equal('Work item from Marie');
    expect(shown(root(el).querySelector('.head')!)).to.contain('Returns form').and.contain('WI-7K3M9Q');
    const item = details(el)!;
    expect(item.compact).to.equal(false);
    await item.updateComplete;
    const inside = item.shadowRoot!;
    expect(inside.querySelector('h3')!.textContent).to.equal('Return a product');
    expect([...inside.querySelectorAll('[part="answers"] dt')].map((d) => d.textContent)).to.include.members(['Order number', 'Photos']);
    const links = [...inside.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['box.png', 'lamp.pdf']);
    // Addresses on the page's own origin unless the console names its server.
    expect(links[0].href).to.equal(new URL('/api/v1/work-items/wi-1/attachments/att-1', document.baseURI).href);
    el.server = 'https://parley.example';
    await el.updateComplete;
    await item.updateComplete;
    expect(inside.querySelector('a')!.href).to.equal('https://parley.example/api/v1/work-items/wi-1/attachments/att-1');
    expect(links.every((a) => a.hasAttribute('download') && a.rel === 'noopener noreferrer')).to.equal(true);
    // No customer messages: no empty log until the agent replies.
    expect(matches(root(el), '[role="log"]')).to.deep.equal([]);
  });

  it('answers by email to the form’s address: "Reply by email to …", Send email, Ctrl+Enter', async () => {
    const el = await showChannel(workItemThread());
    const box = control<HTMLTextAreaElement>(el, 'Reply by email to marie@example.com');
    expect(button(el, 'Send email').type).to.equal('submit');
    expect(shown(root(el).querySelector('#message-hint')!)).to.equal('Ctrl+Enter sends. The customer receives it as an email.');
    const sent: ConversationSendEvent[] = [];
    el.addEventListener(ConversationSendEvent.eventName, (e) => sent.push(e as ConversationSendEvent));
    let typing = 0;
    el.addEventListener(ConversationTypingEvent.eventName, () => (typing += 1));
    box.focus();
    await sendKeys({ type: 'Dear Marie,' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'we will collect it.' });
    expect(sent, 'Enter is a new line in an email').to.deep.equal([]);
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    expect(sent.map((e) => [e.conversationId, e.text])).to.deep.equal([['wi-1', 'Dear Marie,\nwe will collect it.']]);
    expect(typing, 'no one sees an email being typed').to.equal(0);
  });

  it('says when email is only recorded, and not when it goes out over SMTP', async () => {
    const recorded = await showChannel(workItemThread(), { connectors: { email: 'record', sms: 'record' } });
    expect(shown(root(recorded).querySelector('[part="notice"]')!)).to.equal('Email is recorded, not sent: no SMTP server is configured.');
    const smtp = await showChannel(workItemThread(), { connectors: { email: 'smtp', sms: 'record' } });
    expect(matches(root(smtp), '[part="notice"]')).to.deep.equal([]);
  });

  it('shows the replies under the work item, a failed one as not sent with Retry', async () => {
    const el = await showChannel(
      workItemThread({
        messages: [message('agent', 'We will collect it on Monday.', { conversationId: 'wi-1' })],
        pending: [{ clientId: 'r2', text: 'And refund you.', status: 'failed', conversationId: 'wi-1', attempts: 1, error: { code: 'delivery_failed', message: 'x' } }],
      }),
    );
    const transcript = log(el);
    expect(transcript.compareDocumentPosition(details(el)!) & Node.DOCUMENT_POSITION_PRECEDING).to.not.equal(0);
    expect(shown(transcript)).to.contain('We will collect it on Monday.').and.contain('Not sent.');
    setTimeout(() => button(el, 'Retry').click());
    const event = (await oneEvent(el, ConversationRetryEvent.eventName)) as ConversationRetryEvent;
    expect([event.conversationId, event.clientId]).to.deep.equal(['wi-1', 'r2']);
  });

  it('without an address: no reply box, a note saying why, and the caret goes to the disposition', async () => {
    const el = await showChannel(workItemThread({}, { workItem: NO_ADDRESS }), { connectors: { email: 'record', sms: 'record' } });
    expect(matches(root(el), '#message, [part="composer"]')).to.deep.equal([]);
    const notices = [...root(el).querySelectorAll('[part="notice"]')].map((n) => shown(n));
    expect(notices).to.deep.equal(['The customer left no email address: no reply can be sent from here.']);
    el.focusComposer();
    expect(root(el).activeElement?.id).to.equal('disposition');
  });

  it('shows no reply box once over', async () => {
    const el = await showChannel(workItemThread({}, { status: 'wrapup', endedBy: 'system' }));
    expect(matches(root(el), '#message')).to.deep.equal([]);
    expect(shown(root(el).querySelector('.ended')!)).to.equal('This interaction is over. Choose a disposition to finish it.');
  });

  it('"Complete work item" completes it with the disposition and the note', async () => {
    const el = await showChannel(workItemThread());
    control<HTMLSelectElement>(el, 'Disposition').value = 'resolved';
    control<HTMLTextAreaElement>(el, 'Note').value = 'Collection booked.';
    setTimeout(() => button(el, 'Complete work item').click());
    const event = (await oneEvent(el, ConversationEndEvent.eventName)) as ConversationEndEvent;
    expect([event.conversationId, event.disposition, event.note]).to.deep.equal(['wi-1', 'resolved', 'Collection booked.']);
  });

  it('offers the elevations the matrix allows from a work item', async () => {
    const el = await showChannel(workItemThread({}, { workItem: NO_ADDRESS }));
    expect([...root(el).querySelectorAll('[part="elevate"] button')].map((b) => b.textContent!.trim())).to.deep.equal(['Callback', 'Email', 'Text message']);
    setTimeout(() => button(el, 'Email').click());
    const event = (await oneEvent(el, ConversationElevateEvent.eventName)) as ConversationElevateEvent;
    expect([event.conversationId, event.kind]).to.deep.equal(['wi-1', 'email']);
  });

  it('speaks French', async () => {
    const el = await showChannel(workItemThread(), { locale: 'fr' });
    expect(root(el).querySelector('h2')!.textContent).to.equal('Élément de travail de Marie');
    expect(control(el, 'Répondre par courriel à marie@example.com')).to.exist;
    expect(button(el, "Terminer l'élément de travail")).to.exist;
    expect(details(el)!.locale).to.equal('fr');
    const none = await showChannel(workItemThread({}, { workItem: NO_ADDRESS }), { locale: 'fr' });
    expect(shown(root(none).querySelector('.no-reply')!)).to.equal("Le client n'a laissé aucune adresse électronique : aucune réponse ne peut être envoyée d'ici.");
  });
});
