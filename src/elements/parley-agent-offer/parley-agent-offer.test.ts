import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ChatMessage, ElevationDetails, Offer } from '../../protocol/index.js';
import type { TranscriptLoader } from '../parley-agent-transcript/parley-agent-transcript.js';
import { callbackRequest, matches, returnsWorkItem } from '../test-helpers.js';
import { OfferAcceptEvent, OfferDeclineEvent, ParleyAgentOffer } from './parley-agent-offer.js';

ParleyAgentOffer.define('parley-agent-offer');

function makeOffer(patch: Partial<Offer> = {}): Offer {
  const now = Date.now();
  return {
    id: 'offer-1',
    conversationId: 'conv-1',
    sessionId: 's-1',
    elevation: null,
    workItem: null,
    pocId: 'poc-1',
    pocName: 'Support chat',
    channel: 'chat',
    customerName: 'Marie Curie',
    preview: 'Hello, my parcel is late.',
    offeredAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 30_000).toISOString(),
    ...patch,
  };
}

function button(el: ParleyAgentOffer, name: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

function text(el: ParleyAgentOffer): string {
  return el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
}

describe('parley-agent-offer', () => {
  it('is accessible', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${makeOffer()}></parley-agent-offer>`);
    await expect(el).to.be.accessible();
  });

  it('is accessible while busy and without a name or preview', async () => {
    const el = await fixture<ParleyAgentOffer>(
      html`<parley-agent-offer busy .offer=${makeOffer({ customerName: null, preview: '' })}></parley-agent-offer>`,
    );
    await expect(el).to.be.accessible();
  });

  // Defaults ----------------------------------------------------------------------------------

  it('renders nothing without an offer', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer></parley-agent-offer>`);
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    expect(el.secondsLeft).to.equal(null);
  });

  it('shows the customer, the point of contact, the first message and the time left', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${makeOffer()}></parley-agent-offer>`);
    const shown = text(el);
    expect(shown).to.contain('Marie Curie');
    expect(shown).to.contain('Support chat');
    expect(shown).to.contain('Hello, my parcel is late.');
    expect(shown).to.match(/(30|29) s left/);
  });

  it('is a group named after the customer and the point of contact, holding Accept and Decline', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${makeOffer()}></parley-agent-offer>`);
    const group = el.shadowRoot!.querySelector('[role="group"]')!;
    expect(group.getAttribute('aria-label')).to.equal('Chat offer: Marie Curie, Support chat');
    expect(group.contains(button(el, 'Accept'))).to.equal(true);
    expect(group.contains(button(el, 'Decline'))).to.equal(true);
  });

  it('calls a nameless customer "Visitor" and says when there is no message yet', async () => {
    const el = await fixture<ParleyAgentOffer>(
      html`<parley-agent-offer .offer=${makeOffer({ customerName: null, preview: '' })}></parley-agent-offer>`,
    );
    expect(text(el)).to.contain('Visitor');
    expect(text(el)).to.contain('No message yet.');
  });

  it('shows the customer text as text, never as markup', async () => {
    const preview = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${makeOffer({ preview, customerName: '<i>Eve</i>' })}></parley-agent-offer>`);
    expect(el.shadowRoot!.querySelector('img, b, i')).to.equal(null);
    expect(text(el)).to.contain(preview);
    expect(text(el)).to.contain('<i>Eve</i>');
  });

  // Attributes --------------------------------------------------------------------------------

  it('speaks French with locale="fr"', async () => {
    const el = await fixture<ParleyAgentOffer>(
      html`<parley-agent-offer locale="fr" .offer=${makeOffer({ customerName: null })}></parley-agent-offer>`,
    );
    expect(button(el, 'Accepter')).to.exist;
    expect(button(el, 'Refuser')).to.exist;
    expect(text(el)).to.contain('Visiteur');
    expect(text(el)).to.match(/s restantes/);
  });

  it('marks its buttons unavailable and fires nothing while busy', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer busy .offer=${makeOffer()}></parley-agent-offer>`);
    let fired = 0;
    el.addEventListener(OfferAcceptEvent.eventName, () => (fired += 1));
    el.addEventListener(OfferDeclineEvent.eventName, () => (fired += 1));
    expect(button(el, 'Accept').getAttribute('aria-disabled')).to.equal('true');
    button(el, 'Accept').click();
    button(el, 'Decline').click();
    expect(fired).to.equal(0);
  });

  // Events ------------------------------------------------------------------------------------

  it('fires offer-accept with the offer id, bubbling but not leaving the console', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${makeOffer()}></parley-agent-offer>`);
    setTimeout(() => button(el, 'Accept').click());
    const event: Event = await oneEvent(el, OfferAcceptEvent.eventName);
    expect(event).to.be.instanceOf(OfferAcceptEvent);
    expect((event as OfferAcceptEvent).offerId).to.equal('offer-1');
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(false);
  });

  it('fires offer-decline with the offer id', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${makeOffer({ id: 'offer-9' })}></parley-agent-offer>`);
    setTimeout(() => button(el, 'Decline').click());
    const event = (await oneEvent(el, OfferDeclineEvent.eventName)) as OfferDeclineEvent;
    expect(event.offerId).to.equal('offer-9');
  });

  // Keyboard ----------------------------------------------------------------------------------

  it('takes focus on Accept and answers Enter, then Tab reaches Decline', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${makeOffer()}></parley-agent-offer>`);
    el.focus();
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Accept');
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    await oneEvent(el, OfferAcceptEvent.eventName);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Decline');
    setTimeout(() => void sendKeys({ press: 'Space' }));
    await oneEvent(el, OfferDeclineEvent.eventName);
  });

  // States ------------------------------------------------------------------------------------

  it('counts down and says when the offer expired', async () => {
    const el = await fixture<ParleyAgentOffer>(
      html`<parley-agent-offer .offer=${makeOffer({ expiresAt: new Date(Date.now() + 1500).toISOString() })}></parley-agent-offer>`,
    );
    expect(text(el)).to.match(/[12] s left/);
    await waitUntil(() => text(el).includes('Expired'), 'the countdown reaches zero', { timeout: 4000 });
    expect(el.secondsLeft).to.equal(0);
  });

  it('follows a new offer given to the same card', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${makeOffer()}></parley-agent-offer>`);
    el.offer = makeOffer({ id: 'offer-2', customerName: 'Ada', pocName: 'Sales' });
    await el.updateComplete;
    expect(text(el)).to.contain('Ada');
    expect(text(el)).to.contain('Sales');
    setTimeout(() => button(el, 'Accept').click());
    expect(((await oneEvent(el, OfferAcceptEvent.eventName)) as OfferAcceptEvent).offerId).to.equal('offer-2');
  });
});

// ---------------------------------------------------------------------------------------------
// Requests: callback, email and text.

function request(patch: Partial<ElevationDetails> = {}, offer: Partial<Offer> = {}): Offer {
  return makeOffer({
    channel: 'voice',
    preview: '',
    elevation: callbackRequest(patch),
    ...offer,
  });
}

/** The definition list of a request, as [term, description] pairs. */
const details = (el: ParleyAgentOffer) =>
  [...el.shadowRoot!.querySelectorAll('[part="details"] div')].map((d) => [d.querySelector('dt')!.textContent!.trim(), d.querySelector('dd')!.textContent!.trim()]);

function loader(messages: ChatMessage[]): TranscriptLoader & { calls: number } {
  const load = (async (id: string) => {
    load.calls += 1;
    return {
      ok: true as const,
      value: { interaction: { id, channel: 'chat' as const, status: 'closed' as const, reference: null, agentName: null, disposition: null, createdAt: '', closedAt: null }, messages },
    };
  }) as TranscriptLoader & { calls: number };
  load.calls = 0;
  return load;
}

const chatMessage = (seq: number, author: ChatMessage['author'], text: string, event?: ChatMessage['event']): ChatMessage => ({
  id: `m${seq}`,
  conversationId: 'chat-1',
  seq,
  clientId: `c${seq}`,
  author,
  authorName: author === 'customer' ? 'Marie Curie' : author === 'agent' ? 'Alex' : null,
  text,
  sentAt: new Date(Date.UTC(2025, 0, 1, 9, seq)).toISOString(),
  ...(event ? { event } : {}),
});

describe('parley-agent-offer: requests', () => {
  it('is accessible, with the original chat open', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${request()} .loader=${loader([chatMessage(1, 'customer', 'Call me')])}></parley-agent-offer>`);
    el.shadowRoot!.querySelector('details')!.open = true;
    await waitUntil(() => el.shadowRoot!.querySelector('parley-agent-transcript')?.shadowRoot?.querySelector('[role="log"]'), 'transcript');
    await expect(el).to.be.accessible();
  });

  it('a callback request says so with its icon, its reference, the number, "as soon as possible" and consent', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${request()}></parley-agent-offer>`);
    const kind = el.shadowRoot!.querySelector('.kind')!;
    expect(kind.querySelector('svg.icon[aria-hidden="true"]')).to.exist;
    expect(kind.textContent!.trim()).to.equal('Callback request');
    expect(details(el)).to.deep.equal([
      ['Reference', 'CB-7K3M9Q'],
      ['Number', '+33 6 12 34 56 78'],
      ['When', 'As soon as possible'],
      ['Consent', 'The customer agreed to be called.'],
    ]);
    expect(el.shadowRoot!.querySelector('[role="group"]')!.getAttribute('aria-label')).to.equal('Callback request: Marie Curie, Support chat');
  });

  it('shows the callback window in the agent’s locale and time zone', async () => {
    const window = { from: '2025-03-04T15:00:00.000Z', to: '2025-03-04T16:00:00.000Z' };
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer locale="fr" .offer=${request({ window })}></parley-agent-offer>`);
    const expected = new Intl.DateTimeFormat('fr', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).formatRange(new Date(window.from), new Date(window.to));
    expect(details(el)).to.deep.include(['Quand', expected]);
    expect(el.shadowRoot!.querySelector('.kind')!.textContent!.trim()).to.equal('Demande de rappel');
  });

  it('an email request shows the address, the subject and the customer’s message; a text request its number', async () => {
    const email = await fixture<ParleyAgentOffer>(
      html`<parley-agent-offer
        .offer=${request({ kind: 'email', reference: 'EM-4TQ2ZP', destination: 'marie@example.com', destinationDisplay: 'marie@example.com', subject: 'Invoice', consent: false }, { channel: 'email', preview: 'Please send the invoice.' })}
      ></parley-agent-offer>`,
    );
    expect(email.shadowRoot!.querySelector('.kind')!.textContent!.trim()).to.equal('Email request');
    expect(details(email)).to.deep.equal([
      ['Reference', 'EM-4TQ2ZP'],
      ['Address', 'marie@example.com'],
      ['Subject', 'Invoice'],
    ]);
    expect(text(email)).to.contain('Please send the invoice.');
    const sms = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${request({ kind: 'sms', reference: 'SM-1' }, { channel: 'sms' })}></parley-agent-offer>`);
    expect(sms.shadowRoot!.querySelector('.kind')!.textContent!.trim()).to.equal('Text request');
    expect(details(sms)).to.deep.include(['Consent', 'The customer agreed to receive texts.']);
  });

  it('reads the chat it came from before accepting, loading it only when opened, drawn like any transcript', async () => {
    const load = loader([
      chatMessage(1, 'customer', 'Call me <img src=x onerror="window.__pwned=9">'),
      chatMessage(2, 'agent', '<b>Sure</b><script>window.__pwned=10</script>'),
      chatMessage(3, 'system', '', { type: 'elevated', kind: 'callback', reference: 'CB-7K3M9Q', by: 'customer' }),
    ]);
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${request()} .loader=${load}></parley-agent-offer>`);
    const disclosure = el.shadowRoot!.querySelector('details')!;
    expect(disclosure.querySelector('summary')!.textContent!.trim()).to.equal('Original conversation');
    expect(load.calls, 'nothing loaded until opened').to.equal(0);
    disclosure.querySelector('summary')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('parley-agent-transcript')?.shadowRoot?.querySelector('[role="log"]'), 'the transcript');
    const log = el.shadowRoot!.querySelector('parley-agent-transcript')!.shadowRoot!.querySelector('[role="log"]')!;
    expect(log.getAttribute('aria-live')).to.equal('off');
    expect(log.querySelector('.customer .body')!.textContent).to.equal('Call me <img src=x onerror="window.__pwned=9">');
    expect(log.querySelector('.agent .body b')!.textContent).to.equal('Sure');
    expect(log.querySelector('img, script')).to.equal(null);
    expect(log.querySelector('.event')!.textContent).to.equal('Elevated to a callback (CB-7K3M9Q).');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(load.calls).to.equal(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Work items: requests filed through a form.

function workItemOffer(patch: Partial<Offer> = {}): Offer {
  return makeOffer({
    channel: 'workitem',
    pocName: 'Returns form',
    preview: 'The box was crushed.\nThe lamp is broken.',
    workItem: returnsWorkItem(),
    ...patch,
  });
}

/** The work item's summary inside the card. */
const summary = (el: ParleyAgentOffer) => el.shadowRoot!.querySelector('parley-agent-work-item')!;

describe('parley-agent-offer: work items', () => {
  it('is accessible', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${workItemOffer()}></parley-agent-offer>`);
    await expect(el).to.be.accessible();
  });

  it('says "Work item" with its icon, and is named after it, the customer and the point of contact', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${workItemOffer()}></parley-agent-offer>`);
    const kind = el.shadowRoot!.querySelector('.kind')!;
    expect(kind.textContent!.trim()).to.equal('Work item');
    expect(kind.querySelector('svg.icon[aria-hidden="true"]')).to.exist;
    expect(el.shadowRoot!.querySelector('[role="group"]')!.getAttribute('aria-label')).to.equal('Work item: Marie Curie, Returns form');
  });

  it('shows the form’s title, its reference, a short summary and the first long answer as the preview', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${workItemOffer()}></parley-agent-offer>`);
    const item = summary(el);
    expect(item.compact).to.equal(true);
    expect(item.workItem?.reference).to.equal('WI-7K3M9Q');
    const said = item.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(said).to.contain('Return a product').and.contain('WI-7K3M9Q').and.contain('Order number').and.contain('2 attachments');
    expect(el.shadowRoot!.querySelector('[part="preview"]')!.textContent).to.equal('The box was crushed.\nThe lamp is broken.');
    // No download links in an offer: the files are the agent's once accepted.
    expect(matches(item.shadowRoot!, 'a')).to.deep.equal([]);
    // Focus still lands on Accept.
    el.focus();
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Accept');
  });

  it('says nothing of a missing message when the form had no long answer', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${workItemOffer({ preview: '' })}></parley-agent-offer>`);
    expect(matches(el.shadowRoot!, '[part="preview"]')).to.deep.equal([]);
    expect(text(el)).to.not.contain('No message yet.');
  });

  it('keeps the customer’s title, answers and preview as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=11">';
    const workItem = returnsWorkItem({ title: hostile, fields: [{ id: 'order', type: 'text', label: hostile, value: hostile }] });
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer .offer=${workItemOffer({ workItem, preview: hostile })}></parley-agent-offer>`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(matches(el.shadowRoot!, 'img')).to.deep.equal([]);
    expect(matches(summary(el).shadowRoot!, 'img')).to.deep.equal([]);
    expect(summary(el).shadowRoot!.textContent).to.contain(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('speaks French with locale="fr"', async () => {
    const el = await fixture<ParleyAgentOffer>(html`<parley-agent-offer locale="fr" .offer=${workItemOffer()}></parley-agent-offer>`);
    expect(el.shadowRoot!.querySelector('.kind')!.textContent!.trim()).to.equal('Élément de travail');
    expect(summary(el).locale).to.equal('fr');
    expect(summary(el).shadowRoot!.textContent).to.contain('Référence').and.contain('2 pièces jointes');
  });
});
