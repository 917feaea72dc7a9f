import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Offer } from '../../protocol/index.js';
import { OfferAcceptEvent, OfferDeclineEvent, ParleyAgentOffer } from './parley-agent-offer.js';

ParleyAgentOffer.define('parley-agent-offer');

function makeOffer(patch: Partial<Offer> = {}): Offer {
  const now = Date.now();
  return {
    id: 'offer-1',
    conversationId: 'conv-1',
    sessionId: 's-1',
    elevation: null,
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
