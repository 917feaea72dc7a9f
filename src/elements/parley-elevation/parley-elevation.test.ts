import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { regionOf } from '../../core/countries.js';
import { defineParleyElements } from '../../define.js';
import type { CustomerElevation, ElevationRequest, TimeWindow } from '../../protocol/index.js';
import { ElevationAnnounceEvent, ElevationSubmitEvent, type ElevationReply, type ParleyElevation } from './parley-elevation.js';

defineParleyElements();

// The element alone: the answers it waits for are handed to it here, as <parley-chat> does with
// the server's (parley-chat.elevation.test.ts runs the same forms against the real server).

const scope = (el: ParleyElevation): ShadowRoot => el.shadowRoot!;
/** The control a label names, found the way assistive technology does: through `label[for]`. */
function field<T extends HTMLElement = HTMLInputElement>(el: ParleyElevation, label: string): T {
  const l = [...scope(el).querySelectorAll('label')].find((x) => x.textContent!.trim() === label);
  if (!l) throw new Error(`no label ${label}`);
  return scope(el).getElementById(l.htmlFor) as unknown as T;
}
/** The texts a control is described by (hint, error). */
const descriptionOf = (el: ParleyElevation, control: HTMLElement): string =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => scope(el).getElementById(id)!.textContent!.trim())
    .join(' | ');
const errorsShown = (el: ParleyElevation): string[] => [...scope(el).querySelectorAll('[part~="elevation-error"]')].map((e) => e.textContent!.trim());
const submitButton = (el: ParleyElevation): HTMLButtonElement => scope(el).querySelector('[part~="elevation-submit"]')!;
const alertText = (el: ParleyElevation): string => scope(el).querySelector('[role="alert"]')!.textContent!.trim();
const focused = (el: ParleyElevation): Element | null => scope(el).activeElement;

/** Presses the submit button and waits for the answer handed over to be shown. */
async function submit(el: ParleyElevation): Promise<void> {
  submitButton(el).click();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}

async function type(control: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  control.focus();
  await sendKeys({ type: text });
}

const hour = 3_600_000;
const at = (h: number): string => new Date(Math.ceil(Date.now() / hour) * hour + h * hour).toISOString();
const WINDOWS: TimeWindow[] = [
  { from: at(1), to: at(2) },
  { from: at(2), to: at(3) },
  { from: at(25), to: at(26) },
];

function form(kind: 'callback' | 'email' | 'sms', attrs: { locale?: string; country?: string; subject?: string; stopWaiting?: boolean } = {}): Promise<ParleyElevation> {
  return fixture<ParleyElevation>(html`<parley-elevation
    kind=${kind}
    locale=${attrs.locale ?? 'en'}
    country=${attrs.country ?? 'FR'}
    subject=${attrs.subject ?? ''}
    ?stop-waiting=${attrs.stopWaiting ?? false}
    .windows=${WINDOWS}
  ></parley-elevation>`);
}

/** Answers every submit with `reply` (a function of the request), recording the requests. */
function answer(el: ParleyElevation, reply: (request: ElevationRequest) => Promise<ElevationReply>): ElevationRequest[] {
  const requests: ElevationRequest[] = [];
  el.addEventListener(ElevationSubmitEvent.eventName, (e) => {
    const event = e as ElevationSubmitEvent;
    requests.push(event.request);
    event.respondWith(reply(event.request));
  });
  return requests;
}

/** Collects the texts handed to the live region. */
function announcements(el: ParleyElevation): string[] {
  const texts: string[] = [];
  el.addEventListener(ElevationAnnounceEvent.eventName, (e) => texts.push((e as ElevationAnnounceEvent).text));
  return texts;
}

const made = (request: ElevationRequest, extra: Partial<CustomerElevation> = {}): CustomerElevation => ({
  id: 'interaction-1',
  kind: request.kind,
  reference: request.kind === 'email' ? 'EM-4Q8ZT2' : request.kind === 'sms' ? 'SM-9PX3KD' : 'CB-7K3M9Q',
  status: 'requested',
  destination: request.kind === 'email' ? String(request.email) : '+33612345678',
  destinationDisplay: request.kind === 'email' ? String(request.email) : '+33 6 12 34 56 78',
  window: request.window ?? null,
  conversationId: null,
  createdAt: new Date().toISOString(),
  ...extra,
});

async function fillCallback(el: ParleyElevation, phone = '06 12 34 56 78'): Promise<void> {
  await type(field(el, 'Phone number'), phone);
  field(el, 'I agree to be called at this number').click();
}

describe('parley-elevation', () => {
  it('is accessible, each kind', async () => {
    for (const kind of ['callback', 'email', 'sms'] as const) {
      const el = await form(kind);
      await expect(el).to.be.accessible();
    }
  });

  it('is accessible with its errors shown, and once sent', async () => {
    const el = await form('callback');
    answer(el, async (r) => ({ ok: true, elevation: made(r) }));
    submitButton(el).click();
    await el.updateComplete;
    expect(errorsShown(el)).to.have.length(2);
    await expect(el).to.be.accessible();
    await fillCallback(el);
    await submit(el);
    expect(scope(el).querySelector('[part~="elevation-confirmation"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  // ------------------------------------------------------------------------------------------
  // defaults

  it('callback: country by localized name with its calling code, a tel input, the times offered, consent in a fieldset', async () => {
    const el = await form('callback');
    expect(scope(el).querySelector('[part~="elevation-form"]')!.localName).to.equal('form');
    const country = field<HTMLSelectElement>(el, 'Country');
    expect(country.localName).to.equal('select');
    expect(country.value).to.equal('FR');
    expect(country.selectedOptions[0].textContent!.trim()).to.equal('France (+33)');
    const names = [...country.options].map((o) => o.textContent!.trim());
    expect(names).to.include('United Kingdom (+44)');
    const sorted = [...names].sort(new Intl.Collator('en').compare);
    expect(names).to.deep.equal(sorted, 'sorted by name');

    const phone = field(el, 'Phone number');
    expect(phone.type).to.equal('tel');
    expect(phone.autocomplete).to.equal('tel');
    expect(descriptionOf(el, phone)).to.contain('with its + code');

    const when = field<HTMLSelectElement>(el, 'When should we call?');
    expect(when.options[0].textContent!.trim()).to.equal('As soon as possible');
    expect(when.value).to.equal('');
    const groups = [...when.querySelectorAll('optgroup')];
    const day = new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long' });
    expect(groups[0].label).to.equal(day.format(new Date(WINDOWS[0].from)));
    expect(groups.at(-1)!.label).to.equal(day.format(new Date(WINDOWS[2].from)));
    const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
    expect(when.options[1].textContent!.trim()).to.equal(time.formatRange(new Date(WINDOWS[0].from), new Date(WINDOWS[0].to)));

    const consent = field(el, 'I agree to be called at this number');
    expect(consent.type).to.equal('checkbox');
    expect(consent.closest('fieldset')!.querySelector('legend')!.textContent!.trim()).to.equal('Consent');
  });

  it('keeps the chosen time when a refresh drops the windows that passed', async () => {
    const el = await form('callback');
    const when = field<HTMLSelectElement>(el, 'When should we call?');
    when.value = WINDOWS[1].from;
    el.windows = WINDOWS.slice(1);
    await el.updateComplete;
    expect(when.value).to.equal(WINDOWS[1].from);
    expect(when.options).to.have.length(3);
  });

  it('email: an email input, the subject it is given, a message box', async () => {
    const el = await form('email', { subject: 'Chat with Acme Support' });
    const email = field(el, 'Email address');
    expect(email.type).to.equal('email');
    expect(email.autocomplete).to.equal('email');
    expect(field(el, 'Subject').value).to.equal('Chat with Acme Support');
    expect(field(el, 'Message').localName).to.equal('textarea');
  });

  it('sms: a mobile number and consent to texts', async () => {
    const el = await form('sms');
    expect(field(el, 'Mobile number').type).to.equal('tel');
    expect(field(el, 'I agree to receive text messages at this number').type).to.equal('checkbox');
    expect(scope(el).querySelector('#window')).to.equal(null);
  });

  it('takes its default country from the locale’s region, then the browser’s languages', async () => {
    expect(regionOf(['fr-FR'])).to.equal('FR');
    expect(regionOf(['en-GB', 'fr-FR'])).to.equal('GB');
    expect(regionOf(['fr', 'en-CA'])).to.equal('CA', 'an explicit region first');
    expect(regionOf(['fr'])).to.equal('FR', 'else the region the language implies');
    expect(regionOf(['not a tag', null])).to.equal('');
    const fr = await fixture<ParleyElevation>(html`<parley-elevation kind="callback" locale="fr-BE"></parley-elevation>`);
    expect(field<HTMLSelectElement>(fr, 'Pays').value).to.equal('BE');
    expect(field<HTMLSelectElement>(fr, 'Pays').selectedOptions[0].textContent!.trim()).to.equal('Belgique (+32)');
  });

  it('says that the request ends the wait when made from the long-wait offer', async () => {
    const el = await form('callback', { stopWaiting: true });
    expect(scope(el).textContent).to.contain('ends your wait in the chat queue');
  });

  // ------------------------------------------------------------------------------------------
  // validation

  it('on submit: every error under its field, linked and marked, focus on the first, a summary announced', async () => {
    const el = await form('callback');
    const said = announcements(el);
    const requests = answer(el, async (r) => ({ ok: true, elevation: made(r) }));
    submitButton(el).click();
    await el.updateComplete;
    const phone = field(el, 'Phone number');
    const consent = field(el, 'I agree to be called at this number');
    expect(phone.getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(el, phone)).to.contain('Enter your phone number.');
    expect(consent.getAttribute('aria-invalid')).to.equal('true');
    expect(descriptionOf(el, consent)).to.equal('Tick this box so that we may call you.');
    expect(field(el, 'Country').getAttribute('aria-invalid')).to.equal('false');
    expect(focused(el)).to.equal(phone);
    expect(said).to.deep.equal(['2 fields need your attention.']);
    expect(requests).to.have.length(0, 'nothing is sent');
  });

  it('a bad phone number is refused at the field; fixing it clears the error as one types', async () => {
    const el = await form('callback');
    await fillCallback(el, '12ab');
    submitButton(el).click();
    await el.updateComplete;
    const phone = field(el, 'Phone number');
    expect(descriptionOf(el, phone)).to.contain('Enter a phone number of 4 to 15 digits');
    phone.select();
    await sendKeys({ type: '06 12 34 56 78' });
    await el.updateComplete;
    expect(phone.getAttribute('aria-invalid')).to.equal('false');
    expect(errorsShown(el)).to.deep.equal([]);
  });

  it('checks a field when the customer leaves it, and only the fields they touched', async () => {
    const el = await form('email');
    await type(field(el, 'Email address'), 'ann@');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(errorsShown(el)).to.deep.equal(['Enter an email address, like name@example.com.']);
    expect(field(el, 'Subject').getAttribute('aria-invalid')).to.equal('false');
    expect(field<HTMLTextAreaElement>(el, 'Message').getAttribute('aria-invalid')).to.equal('false', 'not touched yet');
  });

  it('a subject must be one line: a line separator or a tab is refused', async () => {
    const el = await form('email');
    await type(field(el, 'Email address'), 'ann@example.com');
    const subject = field(el, 'Subject');
    // Browsers strip CR and LF from a text input; U+2028 and tabs get through, and would split a mail header.
    subject.value = 'Order\r\n\u2028Bcc: someone@example.com';
    expect(subject.value).to.not.match(/[\r\n]/);
    subject.dispatchEvent(new Event('input'));
    await type(field<HTMLTextAreaElement>(el, 'Message'), 'Hello');
    submitButton(el).click();
    await el.updateComplete;
    expect(descriptionOf(el, subject)).to.equal('Keep the subject on one line, without tabs or special characters.');
    subject.value = 'Order\tnumber';
    subject.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(subject.getAttribute('aria-invalid')).to.equal('true');
  });

  // ------------------------------------------------------------------------------------------
  // sending

  it('sends the checked request with its id; shows progress; a double click sends once', async () => {
    const el = await form('callback');
    let settle!: (reply: ElevationReply) => void;
    const requests = answer(el, () => new Promise((resolve) => (settle = resolve)));
    await fillCallback(el);
    field<HTMLSelectElement>(el, 'When should we call?').value = WINDOWS[1].from;
    const button = submitButton(el);
    button.click();
    button.click();
    await el.updateComplete;
    expect(requests).to.have.length(1);
    const [request] = requests;
    expect(request.requestId).to.match(/^[0-9a-f-]{36}$/);
    expect(request).to.deep.include({ kind: 'callback', phone: '06 12 34 56 78', country: 'FR', consent: true, window: WINDOWS[1] });
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Sending…');
    settle({ ok: true, elevation: made(request) });
    await oneEvent(el, ElevationAnnounceEvent.eventName);
    expect(requests).to.have.length(1);
  });

  it('a retry after a failure reuses the request id; changed values make a new one', async () => {
    const el = await form('callback');
    const requests = answer(el, async () => ({ ok: false, error: { code: 'internal_error', message: 'no answer from the server' } }));
    await fillCallback(el);
    await submit(el);
    expect(alertText(el)).to.equal('Your request could not be sent. Check your connection and try again.');
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    await submit(el);
    await type(field(el, 'Phone number'), '9');
    await submit(el);
    expect(requests).to.have.length(3);
    expect(requests[1].requestId).to.equal(requests[0].requestId);
    expect(requests[2].requestId).to.not.equal(requests[0].requestId);
  });

  it('a server error naming a field shows there, with focus; others in the alert', async () => {
    const el = await form('callback');
    const replies: ElevationReply[] = [
      { ok: false, error: { code: 'invalid_field', field: 'phone', message: 'phone is a premium-rate or service number, which cannot be used' } },
      { ok: false, error: { code: 'rate_limited', message: 'too many requests for you; try again in 1800 s', retryAfter: 1740 } },
      { ok: false, error: { code: 'elevation_unavailable', field: 'kind', message: 'this chat does not offer callback requests' } },
    ];
    answer(el, async () => replies.shift()!);
    await fillCallback(el, '08 99 12 34 56');
    await submit(el);
    const phone = field(el, 'Phone number');
    expect(descriptionOf(el, phone)).to.contain('This is a premium-rate or service number.');
    expect(focused(el)).to.equal(phone);

    phone.select();
    await sendKeys({ type: '06 12 34 56 78' });
    await el.updateComplete;
    expect(errorsShown(el), 'a changed number clears the server’s verdict').to.deep.equal([]);
    await submit(el);
    expect(alertText(el)).to.equal('Too many requests. Try again in 29 minutes.');
    await submit(el);
    expect(alertText(el)).to.equal('This option is not available right now. Please choose another way to reach us.');
  });

  it('once made: the reference, where and when, focus on the confirmation; Back and Escape go back', async () => {
    const el = await form('callback');
    const said = announcements(el);
    answer(el, async (r) => ({ ok: true, elevation: made(r) }));
    await fillCallback(el);
    field<HTMLSelectElement>(el, 'When should we call?').value = WINDOWS[0].from;
    submitButton(el).click();
    await oneEvent(el, ElevationAnnounceEvent.eventName);
    await el.updateComplete;
    const done = scope(el).querySelector('[part~="elevation-confirmation"]')!;
    expect(scope(el).querySelector('[part~="elevation-reference"]')!.textContent!.trim()).to.equal('CB-7K3M9Q');
    const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
    const day = new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long' });
    const next = `An agent will call you at +33 6 12 34 56 78 on ${day.format(new Date(WINDOWS[0].from))}, between ${time.format(new Date(WINDOWS[0].from))} and ${time.format(new Date(WINDOWS[0].to))}.`;
    expect(done.textContent!.replace(/\s+/g, ' ')).to.contain(next);
    expect(focused(el)!.textContent!.trim()).to.equal('Request sent');
    expect(said).to.deep.equal([`Request sent. Your reference is CB-7K3M9Q. ${next}`]);

    setTimeout(() => (scope(el).querySelector('.done [part~="elevation-back"]') as HTMLButtonElement).click());
    await oneEvent(el, 'elevation-back');
    setTimeout(() => sendKeys({ press: 'Escape' }));
    await oneEvent(el, 'elevation-back');
  });

  it('email and text confirmations say where the answer goes', async () => {
    const email = await form('email', { subject: 'Order' });
    answer(email, async (r) => ({ ok: true, elevation: made(r) }));
    await type(field(email, 'Email address'), 'ann@example.com');
    await type(field<HTMLTextAreaElement>(email, 'Message'), 'Where is my parcel?');
    submitButton(email).click();
    await oneEvent(email, ElevationAnnounceEvent.eventName);
    await email.updateComplete;
    expect(scope(email).querySelector('[part~="elevation-confirmation"]')!.textContent).to.contain('We will answer at ann@example.com.');

    const sms = await form('sms');
    answer(sms, async (r) => ({ ok: true, elevation: made(r) }));
    await type(field(sms, 'Mobile number'), '06 12 34 56 78');
    field(sms, 'I agree to receive text messages at this number').click();
    submitButton(sms).click();
    await oneEvent(sms, ElevationAnnounceEvent.eventName);
    await sms.updateComplete;
    expect(scope(sms).querySelector('[part~="elevation-confirmation"]')!.textContent).to.contain('We will text you at +33 6 12 34 56 78.');
  });

  it('speaks French, errors included', async () => {
    const el = await form('callback', { locale: 'fr-FR' });
    expect(field<HTMLSelectElement>(el, 'Pays').value).to.equal('FR');
    expect(field<HTMLSelectElement>(el, 'Quand souhaitez-vous être rappelé ?').options[0].textContent!.trim()).to.equal('Dès que possible');
    submitButton(el).click();
    await el.updateComplete;
    expect(errorsShown(el)).to.deep.equal(['Saisissez votre numéro de téléphone.', 'Cochez cette case pour que nous puissions vous appeler.']);
    el.locale = 'en';
    await el.updateComplete;
    expect(errorsShown(el)).to.deep.equal(['Enter your phone number.', 'Tick this box so that we may call you.']);
  });
});
