import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PendingMessage } from '../../core/chat-session.js';
import type { ChatMessage, CustomerConversation } from '../../protocol/index.js';
import { defineParleyElements } from '../../define.js';
import { initials, MAX_ROWS, PAGE_ROWS, RetryMessageEvent, WINDOW_ROWS, type ParleyMessageList } from './parley-message-list.js';

defineParleyElements();

let seq = 0;
function message(author: ChatMessage['author'], text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  seq += 1;
  return {
    id: `m-${seq}`,
    conversationId: 'c-1',
    seq,
    clientId: `client-${seq}`,
    author,
    authorName: author === 'agent' ? 'Alex Martin' : null,
    text,
    sentAt: new Date(Date.UTC(2025, 0, 1, 9, seq)).toISOString(),
    ...extra,
  };
}

function conversation(patch: Partial<CustomerConversation> = {}): CustomerConversation {
  return {
    id: 'c-1',
    pocId: 'poc',
    status: 'active',
    queuePosition: null,
    expectedWaitSeconds: null,
    agentName: 'Alex Martin',
    lastSeq: 0,
    receipts: { delivered: 0, read: 0 },
    createdAt: new Date().toISOString(),
    ...patch,
  };
}

const log = (el: ParleyMessageList): HTMLElement => el.shadowRoot!.querySelector('[part~="log"]')!;
const status = (el: ParleyMessageList): string => el.shadowRoot!.querySelector('[part~="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rows = (el: ParleyMessageList, kind = 'message'): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${kind}"]`)];
const earlierButton = (el: ParleyMessageList): HTMLButtonElement | null => el.shadowRoot!.querySelector('[part~="earlier-button"]');
const laterButton = (el: ParleyMessageList): HTMLButtonElement | null => el.shadowRoot!.querySelector('[part~="later-button"]');
const seqs = (el: ParleyMessageList): number[] => rows(el).map((r) => Number(r.dataset.seq));
/** Distance between the bottom of the log's content and the bottom of its view. */
const belowView = (el: ParleyMessageList): number => log(el).scrollHeight - log(el).scrollTop - log(el).clientHeight;
/** Whether `row` is drawn inside the log's view. */
function inView(el: ParleyMessageList, row: HTMLElement): boolean {
  const view = log(el).getBoundingClientRect();
  const box = row.getBoundingClientRect();
  return box.top >= view.top - 1 && box.bottom <= view.bottom + 1 && box.height > 0;
}
/** Two frames: scroll events, observers and off-screen rows getting their size have run. */
async function settle(): Promise<void> {
  await nextFrame();
  await nextFrame();
}
/** Renders earlier pages, the reader at the top (so rows below go), until the window starts at or before `seq`, or at the first message. */
async function pageUpTo(el: ParleyMessageList, seq = 0): Promise<void> {
  while (earlierButton(el) && seqs(el)[0] > seq) {
    log(el).scrollTop = 0;
    await el.showEarlier();
  }
}
/** A long history, agent and customer taking turns in runs. */
function history(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => (i % 3 === 0 ? message('agent', `<p>Answer ${i}</p>`) : message('customer', `Question ${i}`)));
}

describe('parley-message-list', () => {
  it('is accessible with only the greeting', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list greeting="Hi! How can we help?"></parley-message-list>`);
    await expect(el).to.be.accessible();
  });

  it('is accessible with messages of every kind, pending and failed ones', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      greeting="Hello"
      .conversation=${conversation()}
      .messages=${[
        message('customer', 'Hello there'),
        message('system', '', { event: { type: 'agent-joined', name: 'Alex Martin' } }),
        message('agent', '<p>How can I <b>help</b>? See <a href="https://example.com">our FAQ</a></p>'),
      ]}
      .pending=${[
        { clientId: 'p1', text: 'On its way', status: 'sending', conversationId: null, attempts: 1, error: null },
        { clientId: 'p2', text: 'Lost', status: 'failed', conversationId: null, attempts: 1, error: null },
      ] satisfies PendingMessage[]}
      agent-typing
    ></parley-message-list>`);
    await expect(el).to.be.accessible();
  });

  it('is accessible with every delivery state of the customer’s messages, in light and dark', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .conversation=${conversation({ receipts: { delivered: 3, read: 1 } })}
      .messages=${[message('customer', 'Read one'), message('customer', 'Delivered one'), message('agent', 'Reply'), message('customer', 'Sent one')]}
      .pending=${[
        { clientId: 'p1', text: 'Waiting', status: 'sending', conversationId: null, attempts: 0, error: null },
        { clientId: 'p2', text: 'Failed', status: 'failed', conversationId: null, attempts: 3, error: null },
      ] satisfies PendingMessage[]}
    ></parley-message-list>`);
    await expect(el).to.be.accessible();
    el.style.setProperty('--parley-color-surface', '#1b1d21');
    el.style.setProperty('--parley-color-text', '#f1f3f5');
    el.style.setProperty('--parley-color-muted', '#aeb3ba');
    el.style.setProperty('--parley-color-focus', '#8ab4f8');
    el.style.setProperty('--parley-color-error', '#f2b8b5');
    await expect(el).to.be.accessible();
  });

  it('is accessible while queued and once ended', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .conversation=${conversation({ status: 'queued', queuePosition: 3, agentName: null })}
      .messages=${[message('customer', 'Anyone?')]}
      connection="connected"
    ></parley-message-list>`);
    await expect(el).to.be.accessible();
    el.conversation = conversation({ status: 'ended' });
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  // ------------------------------------------------------------------------------------------
  // defaults

  it('is a labelled log that a keyboard can scroll, not a live region of its own', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list></parley-message-list>`);
    expect(log(el).getAttribute('role')).to.equal('log');
    expect(log(el).getAttribute('aria-label')).to.equal('Conversation');
    // Announcements go through the chat's single live region.
    expect(log(el).getAttribute('aria-live')).to.equal('off');
    expect(log(el).tabIndex).to.equal(0);
    expect(rows(el)).to.have.length(0);
    expect(status(el)).to.equal('');
  });

  // ------------------------------------------------------------------------------------------
  // attributes and properties

  it('shows the greeting first, as text', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      greeting="<b>Welcome</b>"
      .messages=${[message('customer', 'Hi')]}
    ></parley-message-list>`);
    const [first] = rows(el);
    expect(first.getAttribute('part')).to.contain('message-greeting');
    expect(first.querySelector('[part~="bubble"]')!.textContent).to.equal('<b>Welcome</b>');
    expect(first.querySelector('b')).to.equal(null);
  });

  it('renders customer text as plain text, even when it looks like HTML', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .messages=${[message('customer', '<img src=x onerror="window.__parleyPwned=1"> <b>bold?</b>')]}
    ></parley-message-list>`);
    const bubble = rows(el, 'message-customer')[0].querySelector('[part~="bubble"]')!;
    expect(bubble.textContent).to.equal('<img src=x onerror="window.__parleyPwned=1"> <b>bold?</b>');
    expect(bubble.querySelector('img, b')).to.equal(null);
  });

  it('renders agent HTML through the sanitizer: formatting and safe links stay, scripts and handlers go', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .messages=${[
        message(
          'agent',
          '<b>Bold</b> <img src=x onerror="window.__parleyPwned=1"><script>window.__parleyPwned=2</script>' +
            '<a href="javascript:window.__parleyPwned=3">bad</a> <a href="https://example.com/help" onclick="window.__parleyPwned=4">good</a>' +
            '<iframe src="https://example.com"></iframe><svg><script>window.__parleyPwned=5</script></svg><p style="color:red">styled</p>',
        ),
      ]}
    ></parley-message-list>`);
    await new Promise((r) => setTimeout(r, 50));
    const bubble = rows(el, 'message-agent')[0].querySelector('[part~="bubble"]')!;
    expect(bubble.querySelector('b')?.textContent).to.equal('Bold');
    expect(bubble.querySelectorAll('img, script, iframe, svg, style')).to.have.length(0);
    expect(bubble.querySelectorAll('[onerror], [onclick], [style]')).to.have.length(0);
    const links = [...bubble.querySelectorAll('a')];
    expect(links.find((a) => a.textContent === 'bad')?.hasAttribute('href')).to.equal(false);
    const good = links.find((a) => a.textContent === 'good')!;
    expect(good.getAttribute('href')).to.equal('https://example.com/help');
    expect(good.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(good.getAttribute('target')).to.equal('_blank');
    expect((window as unknown as { __parleyPwned?: number }).__parleyPwned).to.equal(undefined);
  });

  it('names the author and the time of each message, once per run of one author', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .messages=${[message('customer', 'One'), message('customer', 'Two'), message('agent', 'Reply')]}
    ></parley-message-list>`);
    const [one, two, reply] = rows(el).map((r) => r.querySelector('.meta') as HTMLElement);
    expect(one.textContent).to.contain('You');
    expect(one.querySelector('time')!.getAttribute('datetime')).to.match(/^2025-01-01T09:/);
    // The second line of a run is still in the accessibility tree, only not drawn.
    expect(two.classList.contains('visually-hidden')).to.equal(true);
    expect(reply.textContent).to.contain('Alex Martin');
    expect(reply.classList.contains('visually-hidden')).to.equal(false);
  });

  it('phrases system events from the catalogue, in the chosen locale', async () => {
    const events = [
      message('system', '', { event: { type: 'agent-joined', name: 'Alex Martin' } }),
      message('system', '', { event: { type: 'ended', by: 'customer' } }),
    ];
    const el = await fixture<ParleyMessageList>(html`<parley-message-list .messages=${events}></parley-message-list>`);
    expect(rows(el, 'message-system').map((r) => r.textContent?.trim())).to.deep.equal([
      'Alex Martin joined the chat.',
      'You ended the chat.',
    ]);
    el.locale = 'fr';
    await el.updateComplete;
    expect(rows(el, 'message-system').map((r) => r.textContent?.trim())).to.deep.equal([
      'Alex Martin a rejoint la discussion.',
      'Vous avez terminé la discussion.',
    ]);
  });

  // ------------------------------------------------------------------------------------------
  // events

  it('asks to retry a failed message with its client id, without leaving the widget', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .pending=${[{ clientId: 'lost-1', text: 'Lost', status: 'failed', conversationId: null, attempts: 1, error: null }] satisfies PendingMessage[]}
    ></parley-message-list>`);
    const row = rows(el, 'message-customer')[0];
    expect(row.textContent).to.contain('Not sent.');
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    expect(retry.textContent?.trim()).to.equal('Retry');
    setTimeout(() => retry.click());
    const event = (await oneEvent(el, RetryMessageEvent.eventName)) as RetryMessageEvent;
    expect(event.clientId).to.equal('lost-1');
    expect(event.composed).to.equal(false);
  });

  // ------------------------------------------------------------------------------------------
  // states

  it('shows a text being sent as "Sending…" with no retry button', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .pending=${[{ clientId: 'p1', text: 'On its way', status: 'sending', conversationId: null, attempts: 1, error: null }] satisfies PendingMessage[]}
    ></parley-message-list>`);
    const row = rows(el, 'message-customer')[0];
    expect(row.textContent).to.contain('On its way');
    expect(row.textContent).to.contain('Sending…');
    expect(row.dataset.status).to.equal('sending');
    expect(row.querySelector('[part~="delivery-icon"] svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[part~="retry-button"]')).to.equal(null);
  });

  it('marks each of the customer’s stored messages sent, delivered or read as the agent’s receipts move', async () => {
    const mine = [message('customer', 'One'), message('customer', 'Two'), message('agent', 'Reply'), message('customer', 'Three')];
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .conversation=${conversation({ receipts: { delivered: 0, read: 0 } })}
      .messages=${mine}
    ></parley-message-list>`);
    const delivery = () => rows(el, 'message-customer').map((r) => r.dataset.delivery);
    expect(delivery()).to.deep.equal(['sent', 'sent', 'sent']);
    // The agent's own messages have no delivery state for the customer.
    expect(rows(el, 'message-agent')[0].hasAttribute('data-delivery')).to.equal(false);
    // Seq and client id stay on every stored row.
    expect(rows(el, 'message-customer').map((r) => Number(r.dataset.seq))).to.deep.equal([mine[0].seq, mine[1].seq, mine[3].seq]);
    expect(rows(el, 'message-customer')[0].dataset.clientId).to.equal(mine[0].clientId);

    el.conversation = conversation({ receipts: { delivered: mine[1].seq, read: 0 } });
    await el.updateComplete;
    expect(delivery()).to.deep.equal(['delivered', 'delivered', 'sent']);
    el.conversation = conversation({ receipts: { delivered: mine[3].seq, read: mine[0].seq } });
    await el.updateComplete;
    expect(delivery()).to.deep.equal(['read', 'delivered', 'delivered']);
    el.conversation = conversation({ receipts: { delivered: mine[3].seq, read: mine[3].seq } });
    await el.updateComplete;
    expect(delivery()).to.deep.equal(['read', 'read', 'read']);
  });

  it('says each state in words: visibly under the customer’s last message, visually hidden under the others', async () => {
    const mine = [message('customer', 'One'), message('customer', 'Two'), message('customer', 'Three')];
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .conversation=${conversation({ receipts: { delivered: mine[1].seq, read: mine[0].seq } })}
      .messages=${mine}
    ></parley-message-list>`);
    const words = () =>
      rows(el, 'message-customer').map((r) => {
        const word = [...r.querySelectorAll<HTMLElement>('[part~="delivery"], .visually-hidden')].find((n) => !n.classList.contains('meta'));
        return `${word?.textContent?.trim()}${word?.matches('[part~="delivery"]') ? ' (shown)' : ''}`;
      });
    expect(words()).to.deep.equal(['Read', 'Delivered', 'Sent (shown)']);
    // Only one visible word: under the last of the customer's messages.
    expect(el.shadowRoot!.querySelectorAll('[part~="delivery"]')).to.have.length(1);
    // Each row has its icon, hidden from assistive technology (the words say it).
    const icons = rows(el, 'message-customer').map((r) => r.querySelector('[part~="delivery-icon"] svg')!);
    expect(icons.map((i) => i.classList.contains('read') || i.classList.contains('delivered') || i.classList.contains('sent'))).to.deep.equal([true, true, true]);
    expect(icons.every((i) => i.getAttribute('aria-hidden') === 'true')).to.equal(true);

    // A text still being sent is now the last one: it carries the visible word.
    el.pending = [{ clientId: 'p1', text: 'Four', status: 'sending', conversationId: 'c-1', attempts: 0, error: null }];
    await el.updateComplete;
    expect(words()).to.deep.equal(['Read', 'Delivered', 'Sent', 'Sending… (shown)']);

    el.locale = 'fr';
    el.pending = [];
    await el.updateComplete;
    expect(words()).to.deep.equal(['Lu', 'Distribué', 'Envoyé (shown)']);
  });

  it('draws read in the focus colour and a failure in the error colour, the others in the muted colour', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      style="--parley-color-focus: rgb(0, 80, 160); --parley-color-muted: rgb(90, 90, 90); --parley-color-error: rgb(170, 20, 20)"
      .conversation=${conversation({ receipts: { delivered: 2, read: 1 } })}
      .messages=${[message('customer', 'One', { seq: 1 }), message('customer', 'Two', { seq: 2 }), message('customer', 'Three', { seq: 3 })]}
      .pending=${[{ clientId: 'p9', text: 'Lost', status: 'failed', conversationId: null, attempts: 3, error: null }] satisfies PendingMessage[]}
    ></parley-message-list>`);
    const colours = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="delivery-icon"]')].map((i) => getComputedStyle(i).color);
    expect(colours).to.deep.equal(['rgb(0, 80, 160)', 'rgb(90, 90, 90)', 'rgb(90, 90, 90)', 'rgb(170, 20, 20)']);
  });

  it('shows the queue position, in English and French', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .conversation=${conversation({ status: 'queued', queuePosition: 2, agentName: null })}
    ></parley-message-list>`);
    expect(status(el)).to.equal('You are number 2 in the queue.');
    el.locale = 'fr';
    await el.updateComplete;
    expect(status(el)).to.equal('Vous êtes en position 2 dans la file d’attente.');
    el.conversation = conversation({ status: 'queued', queuePosition: null, agentName: null });
    await el.updateComplete;
    expect(status(el)).to.equal('En attente d’un conseiller…');
  });

  it('shows who is typing, and stops once the chat ended', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .conversation=${conversation()}
      agent-typing
    ></parley-message-list>`);
    expect(status(el)).to.equal('Alex Martin is typing…');
    el.conversation = conversation({ status: 'ended' });
    await el.updateComplete;
    expect(status(el)).not.to.contain('typing');
  });

  it('says when the connection is refused (the chat’s notice says the other states)', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .conversation=${conversation()}
      connection="reconnecting"
    ></parley-message-list>`);
    expect(status(el)).to.equal('');
    el.connection = 'refused';
    await el.updateComplete;
    expect(status(el)).to.equal('The chat is not available right now. Please try again later.');
    el.connection = 'connected';
    await el.updateComplete;
    expect(status(el)).to.equal('');
  });

  it('says the chat ended and how to start again, until a new text is on its way', async () => {
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      .conversation=${conversation({ status: 'ended' })}
      connection="connected"
    ></parley-message-list>`);
    expect(status(el)).to.equal('This chat has ended. Write a message to start a new one.');
    el.pending = [{ clientId: 'p1', text: 'Again', status: 'sending', conversationId: null, attempts: 1, error: null }];
    await el.updateComplete;
    expect(status(el)).not.to.contain('ended');
  });

  it('follows the conversation: a new message scrolls the log to the end', async () => {
    const many = Array.from({ length: 30 }, (_, i) => message('customer', `Line ${i}`));
    const el = await fixture<ParleyMessageList>(html`<parley-message-list
      style="height: 200px"
      .messages=${many}
    ></parley-message-list>`);
    const scroller = log(el);
    expect(scroller.scrollHeight).to.be.greaterThan(scroller.clientHeight);
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.lessThan(2);
    el.messages = [...many, message('agent', 'Newest')];
    await el.updateComplete;
    expect(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight).to.be.lessThan(2);
  });

  // ------------------------------------------------------------------------------------------
  // long transcripts

  it('renders only the last rows of a long history, the newest one in view', async () => {
    const long = history(5000);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px" greeting="Hello" .messages=${long}></parley-message-list>`);
    await settle();
    expect(rows(el)).to.have.length(WINDOW_ROWS);
    expect(seqs(el)).to.deep.equal(long.slice(-WINDOW_ROWS).map((m) => m.seq));
    // The greeting opens the conversation: it comes back with the first message, not above row 4 901.
    expect(rows(el, 'message-greeting')).to.have.length(0);
    expect(inView(el, rows(el).at(-1)!)).to.equal(true);
    expect(belowView(el)).to.be.lessThan(2);
    expect(earlierButton(el)!.textContent!.trim()).to.equal('Show earlier messages');
    // Off-screen rows skip layout and paint.
    expect(getComputedStyle(rows(el)[0]).contentVisibility).to.equal('auto');
    await expect(el).to.be.accessible();
  });

  it('a long history that arrives while the list is hidden, then shows, keeps its window and its end in view', async () => {
    // A returning visitor: the history lands in a closed panel, which then opens.
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px; display: none" greeting="Hello"></parley-message-list>`);
    el.messages = history(5000);
    await settle();
    el.style.display = '';
    await settle();
    await settle();
    expect(rows(el)).to.have.length(WINDOW_ROWS);
    expect(inView(el, rows(el).at(-1)!)).to.equal(true);
    expect(belowView(el)).to.be.lessThan(2);
  });

  it('renders earlier pages as the reader scrolls up, the row in view staying put, down to the first message, with a bounded number of rows', async function () {
    // Fifty pages, each rendered and settled: more than the default time on a busy machine (no timing is asserted).
    this.timeout(120_000);
    const long = history(5000);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px" greeting="Hello" .messages=${long}></parley-message-list>`);
    await settle();
    let pages = 0;
    while (earlierButton(el) && pages < 60) {
      const first = seqs(el)[0];
      // Right at the top, where Chromium's own scroll anchoring does nothing.
      log(el).scrollTop = 0;
      const anchor = rows(el).find((r) => inView(el, r))!;
      const before = anchor.getBoundingClientRect().top;
      // (The greeting, which comes with the last page, has no seq.)
      await waitUntil(() => seqs(el).find(Number.isFinite)! < first, 'an earlier page renders');
      // Late moves too: rows above getting their real size once near the view.
      await settle();
      await settle();
      expect(Math.abs(anchor.getBoundingClientRect().top - before), `page ${pages + 1}: the row in view does not move`).to.be.at.most(2);
      // Each page added above takes rows away below, far from view: the 50th page costs what the first did.
      expect(rows(el).length, `page ${pages + 1}: rows rendered`).to.be.at.most(MAX_ROWS + 1);
      pages += 1;
    }
    expect(pages).to.equal(Math.ceil((5000 - WINDOW_ROWS) / PAGE_ROWS));
    expect(rows(el)[0].getAttribute('part')).to.contain('message-greeting');
    expect(seqs(el).slice(1)).to.deep.equal(long.slice(0, MAX_ROWS).map((m) => m.seq));
    // The rest waits below, one button away for a keyboard.
    expect(laterButton(el)!.textContent!.trim()).to.equal('Show later messages');
    await expect(el).to.be.accessible();
  });

  it('pages back down after paging far up, the row in view staying put, and follows the end again once there', async function () {
    this.timeout(60_000);
    const long = history(1000);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px" .messages=${long}></parley-message-list>`);
    await settle();
    await pageUpTo(el);
    expect(seqs(el)).to.deep.equal(long.slice(0, MAX_ROWS).map((m) => m.seq));
    let pages = 0;
    while (laterButton(el) && pages < 20) {
      const last = seqs(el).at(-1)!;
      // Right at the bottom of what is rendered: the later page comes in below (at the next frame).
      log(el).scrollTop = log(el).scrollHeight;
      const anchor = rows(el).find((r) => inView(el, r))!;
      const before = anchor.getBoundingClientRect().top;
      await waitUntil(() => seqs(el).at(-1)! > last, 'a later page renders');
      await settle();
      await settle();
      expect(Math.abs(anchor.getBoundingClientRect().top - before), `page ${pages + 1}: the row in view does not move`).to.be.at.most(2);
      expect(rows(el).length, `page ${pages + 1}: rows rendered`).to.be.at.most(MAX_ROWS);
      // Rows went above, far from view: the earlier button is back.
      expect(earlierButton(el)).to.not.equal(null);
      pages += 1;
    }
    expect(pages).to.equal(Math.ceil((1000 - MAX_ROWS) / PAGE_ROWS));
    expect(seqs(el).at(-1)).to.equal(long.at(-1)!.seq);
    // At the end again, the list follows the conversation: a new message shows, in view.
    log(el).scrollTop = log(el).scrollHeight;
    await settle();
    el.messages = [...long, message('agent', 'Newest')];
    await el.updateComplete;
    await settle();
    expect(seqs(el).at(-1)).to.equal(el.messages.at(-1)!.seq);
    expect(inView(el, rows(el).at(-1)!)).to.equal(true);
  });

  it('keeps what arrives below while the reader is far up, and goes back to the end for the customer’s own text or when asked', async () => {
    const long = history(1000);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px" .messages=${long}></parley-message-list>`);
    await settle();
    await pageUpTo(el, long[500].seq);
    const shown = seqs(el);
    const scrollTop = log(el).scrollTop;
    // An agent message arrives: it waits below, nothing the reader sees moves.
    el.messages = [...long, message('agent', 'While you were reading')];
    await el.updateComplete;
    expect(seqs(el)).to.deep.equal(shown);
    expect(log(el).scrollTop).to.equal(scrollTop);
    expect(laterButton(el)).to.not.equal(null);
    // The customer sends a text: the window goes to the end, where it shows.
    el.pending = [{ clientId: 'p-1', text: 'Back to you', status: 'sending', conversationId: 'c-1', attempts: 1, error: null }];
    await el.updateComplete;
    await settle();
    expect(seqs(el).filter(Number.isFinite).at(-1)).to.equal(el.messages.at(-1)!.seq);
    expect(rows(el)).to.have.length(WINDOW_ROWS + 1);
    expect(inView(el, rows(el).at(-1)!)).to.equal(true);
    expect(laterButton(el)).to.equal(null);
    // Paged far up again, then the chat asks for the end (the panel reopened).
    await pageUpTo(el, long[500].seq);
    expect(laterButton(el)).to.not.equal(null);
    el.scrollToEnd();
    await el.updateComplete;
    await settle();
    expect(laterButton(el)).to.equal(null);
    expect(inView(el, rows(el).at(-1)!)).to.equal(true);
    expect(belowView(el)).to.be.lessThan(2);
  });

  it('shows later messages by keyboard, in French, focus staying in the transcript', async () => {
    const long = history(MAX_ROWS + 2 * PAGE_ROWS);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px" locale="fr" .messages=${long}></parley-message-list>`);
    await settle();
    await pageUpTo(el);
    expect(laterButton(el)!.textContent!.trim()).to.equal('Afficher les messages suivants');
    // Far below the view, so only the key press renders the page (not scrolling near the bottom).
    laterButton(el)!.focus({ preventScroll: true });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => seqs(el).at(-1) === long[MAX_ROWS + PAGE_ROWS - 1].seq, 'Enter renders a later page');
    expect(el.shadowRoot!.activeElement).to.equal(laterButton(el));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => !laterButton(el), 'Space renders the last page');
    expect(seqs(el).at(-1)).to.equal(long.at(-1)!.seq);
    // The button went with the last page; focus is on the transcript, not lost to the page.
    expect(el.shadowRoot!.activeElement).to.equal(log(el));
  });

  it('stays where the reader is reading when a message arrives, and follows when they are at the end', async () => {
    const long = history(5000);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px" .messages=${long}></parley-message-list>`);
    await settle();
    log(el).scrollTop = log(el).scrollHeight / 2;
    await settle();
    const reading = rows(el).find((r) => inView(el, r))!;
    const before = reading.getBoundingClientRect().top;
    const scrollTop = log(el).scrollTop;

    const arrived = [...long, message('agent', 'While you were reading')];
    el.messages = arrived;
    await el.updateComplete;
    await settle();
    expect(seqs(el).at(-1)).to.equal(arrived.at(-1)!.seq);
    expect(rows(el)).to.have.length(WINDOW_ROWS + 1);
    expect(log(el).scrollTop).to.equal(scrollTop);
    expect(Math.abs(reading.getBoundingClientRect().top - before)).to.be.at.most(1);
    expect(inView(el, rows(el).at(-1)!)).to.equal(false);

    log(el).scrollTop = log(el).scrollHeight;
    await settle();
    el.messages = [...arrived, message('customer', 'Back at the end')];
    await el.updateComplete;
    await settle();
    expect(inView(el, rows(el).at(-1)!)).to.equal(true);
    expect(belowView(el)).to.be.lessThan(2);
  });

  it('keeps its window when messages are added while reading earlier ones, slides it at the end, and starts anew for another conversation', async () => {
    const long = history(1000);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px" .messages=${long}></parley-message-list>`);
    await settle();
    // Following the end: a history arriving in pages (or a long chat) keeps only the last rows.
    const grown = [...long, ...history(1500).slice(1000)];
    el.messages = grown;
    await el.updateComplete;
    expect(seqs(el)).to.deep.equal(grown.slice(-WINDOW_ROWS).map((m) => m.seq));
    await el.showEarlier();
    // The reader is up among earlier messages: nothing they see goes.
    log(el).scrollTop = 0;
    log(el).dispatchEvent(new Event('scroll'));
    const start = seqs(el)[0];
    el.messages = [...grown, message('customer', 'More')];
    await el.updateComplete;
    expect(seqs(el)[0]).to.equal(start);
    expect(rows(el).length).to.be.greaterThan(WINDOW_ROWS + PAGE_ROWS);
    const other = history(300);
    el.messages = other;
    await el.updateComplete;
    expect(seqs(el)).to.deep.equal(other.slice(-WINDOW_ROWS).map((m) => m.seq));
  });

  it('shows earlier messages by keyboard, in English and French, focus staying in the transcript', async () => {
    const long = history(WINDOW_ROWS + PAGE_ROWS + 20);
    const el = await fixture<ParleyMessageList>(html`<parley-message-list style="height: 300px" .messages=${long}></parley-message-list>`);
    await settle();
    el.locale = 'fr';
    await el.updateComplete;
    expect(earlierButton(el)!.textContent!.trim()).to.equal('Afficher les messages précédents');
    // Far above the view, so only the key press renders the page (not scrolling near the top).
    earlierButton(el)!.focus({ preventScroll: true });
    const reading = rows(el).find((r) => inView(el, r))!;
    const before = reading.getBoundingClientRect().top;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === WINDOW_ROWS + PAGE_ROWS, 'Enter renders a page');
    await settle();
    // Away from the top Chromium anchors the scroll itself: the row in view must not move twice as far.
    expect(Math.abs(reading.getBoundingClientRect().top - before)).to.be.at.most(2);
    expect(el.shadowRoot!.activeElement).to.equal(earlierButton(el));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => !earlierButton(el), 'Space renders the last page');
    expect(seqs(el)).to.deep.equal(long.map((m) => m.seq));
    // The button went with the last page; focus is on the transcript, not lost to the page.
    expect(el.shadowRoot!.activeElement).to.equal(log(el));
  });

  it('shows the agent’s initials beside the first message of each run of theirs, or the profile’s picture', async () => {
    const agentRun = [message('agent', 'One'), message('agent', 'Two'), message('customer', 'Hi'), message('agent', 'Three')];
    const el = await fixture<ParleyMessageList>(html`<parley-message-list .messages=${agentRun} .conversation=${conversation()}></parley-message-list>`);
    const avatars = rows(el, 'avatar');
    expect(avatars.map((a) => a.textContent!.trim())).to.deep.equal(['AM', 'AM']);
    expect(avatars.every((a) => a.getAttribute('aria-hidden') === 'true'), 'decorative: the name is in the text').to.equal(true);
    el.avatarUrl = 'https://parley.invalid/agent.png';
    await el.updateComplete;
    const img = rows(el, 'avatar')[0].querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('https://parley.invalid/agent.png');
    expect(img.getAttribute('alt')).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('makes initials of whole characters, at most two', () => {
    expect(initials('Alex Martin')).to.equal('AM');
    expect(initials('  sam ')).to.equal('S');
    expect(initials('Jean Pierre de la Fontaine')).to.equal('JF');
    expect(initials('Émile Zola')).to.equal('ÉZ');
    expect(initials('👩🏽‍💻 Dev')).to.equal('👩🏽‍💻D');
    expect(initials('')).to.equal('');
  });
});
