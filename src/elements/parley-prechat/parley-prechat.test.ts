import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineParleyElements } from '../../define.js';
import type { PreChatField } from '../../protocol/index.js';
import { PreChatSubmitEvent, type ParleyPreChat } from './parley-prechat.js';

defineParleyElements();

const FIELDS: PreChatField[] = [
  { id: 'name', type: 'name', label: 'Your name', labels: { fr: 'Votre nom' }, required: true, options: [] },
  { id: 'email', type: 'email', label: 'Email', labels: {}, required: false, options: [] },
  { id: 'phone', type: 'phone', label: 'Phone', labels: {}, required: false, options: [] },
  { id: 'topic', type: 'select', label: 'Topic', labels: { fr: 'Sujet' }, required: true, options: ['Orders', 'Returns'] },
  { id: 'order', type: 'text', label: 'Order number', labels: {}, required: false, options: [] },
  { id: 'news', type: 'checkbox', label: 'Send me news', labels: {}, required: false, options: [] },
];

const scope = (el: ParleyPreChat): ShadowRoot => el.shadowRoot!;
/** The control a label names, found the way assistive technology does: through `label[for]`. */
function field(el: ParleyPreChat, label: string): HTMLInputElement & HTMLSelectElement {
  const l = [...scope(el).querySelectorAll('label')].find((x) => x.textContent!.replace('*', '').trim() === label);
  if (!l) throw new Error(`no label ${label}`);
  return scope(el).getElementById(l.htmlFor) as HTMLInputElement & HTMLSelectElement;
}
const errorOf = (el: ParleyPreChat, label: string): string | null => {
  const id = field(el, label).getAttribute('aria-describedby');
  return id ? scope(el).getElementById(id)!.textContent!.trim() : null;
};
const submitButton = (el: ParleyPreChat): HTMLButtonElement => scope(el).querySelector('[part~="prechat-submit"]')!;

async function form(fields = FIELDS, locale = 'en'): Promise<ParleyPreChat> {
  return fixture<ParleyPreChat>(html`<parley-prechat .fields=${fields} locale=${locale}></parley-prechat>`);
}

describe('parley-prechat', () => {
  it('is accessible', async () => {
    const el = await form();
    await expect(el).to.be.accessible();
  });

  it('is accessible with its errors shown', async () => {
    const el = await form();
    submitButton(el).click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  // ------------------------------------------------------------------------------------------
  // defaults

  it('renders a native form with one native control per field type, with autofill hints', async () => {
    const el = await form();
    expect(scope(el).querySelector('[part~="prechat"]')!.localName).to.equal('form');
    expect(field(el, 'Your name').type).to.equal('text');
    expect(field(el, 'Your name').autocomplete).to.equal('name');
    expect(field(el, 'Your name').required).to.equal(true);
    expect(field(el, 'Email').type).to.equal('email');
    expect(field(el, 'Email').autocomplete).to.equal('email');
    expect(field(el, 'Email').required).to.equal(false);
    expect(field(el, 'Phone').type).to.equal('tel');
    expect(field(el, 'Phone').autocomplete).to.equal('tel');
    expect(field(el, 'Topic').localName).to.equal('select');
    expect([...field(el, 'Topic').options].map((o) => o.value)).to.deep.equal(['', 'Orders', 'Returns']);
    expect(field(el, 'Order number').type).to.equal('text');
    expect(field(el, 'Send me news').type).to.equal('checkbox');
    expect(submitButton(el).textContent!.trim()).to.equal('Start chat');
    expect(scope(el).textContent).to.contain('Fields marked * are required.');
  });

  it('labels fields in the locale, falling back to the base label', async () => {
    const el = await form(FIELDS, 'fr');
    expect(field(el, 'Votre nom')).to.not.equal(null);
    expect(field(el, 'Sujet')).to.not.equal(null);
    expect(field(el, 'Order number')).to.not.equal(null);
    expect(submitButton(el).textContent!.trim()).to.equal('Commencer la discussion');
  });

  // ------------------------------------------------------------------------------------------
  // validation

  it('a required field left blank (or only spaces) is named, described and focused; nothing is sent', async () => {
    const el = await form();
    let sent = 0;
    el.addEventListener(PreChatSubmitEvent.eventName, () => (sent += 1));
    field(el, 'Your name').value = '   ';
    submitButton(el).click();
    await el.updateComplete;
    expect(sent).to.equal(0);
    expect(field(el, 'Your name').getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(el, 'Your name')).to.equal('Fill in this field.');
    expect(errorOf(el, 'Topic')).to.equal('Choose an option.');
    expect(errorOf(el, 'Email'), 'optional fields are not in error').to.equal(null);
    expect(scope(el).activeElement === field(el, 'Your name'), 'focus on the first invalid field').to.equal(true);
  });

  it('checks email and phone formats, and a required checkbox', async () => {
    const el = await form([
      ...FIELDS.filter((f) => f.type !== 'checkbox'),
      { id: 'terms', type: 'checkbox', label: 'I agree', labels: {}, required: true, options: [] },
    ]);
    field(el, 'Your name').value = 'Ada';
    field(el, 'Topic').value = 'Orders';
    field(el, 'Email').focus();
    await sendKeys({ type: 'ada@' });
    field(el, 'Phone').focus();
    await sendKeys({ type: 'call me' });
    submitButton(el).click();
    await el.updateComplete;
    expect(errorOf(el, 'Email')).to.contain('email address');
    expect(errorOf(el, 'Phone')).to.contain('phone number');
    expect(errorOf(el, 'I agree')).to.equal('Tick this box to continue.');
    expect(scope(el).activeElement === field(el, 'Email')).to.equal(true);
  });

  it('an error goes as soon as the field is put right', async () => {
    const el = await form();
    submitButton(el).click();
    await el.updateComplete;
    field(el, 'Your name').focus();
    await sendKeys({ type: 'A' });
    await el.updateComplete;
    expect(field(el, 'Your name').getAttribute('aria-invalid')).to.equal('false');
    expect(field(el, 'Your name').hasAttribute('aria-describedby')).to.equal(false);
    expect(errorOf(el, 'Topic'), 'other errors stay').to.equal('Choose an option.');
  });

  // ------------------------------------------------------------------------------------------
  // events

  it('a valid form sends prechat-submit (internal: bubbles, not composed) with trimmed answers', async () => {
    const el = await form();
    field(el, 'Your name').focus();
    await sendKeys({ type: '  Ada Lovelace ' });
    field(el, 'Topic').value = 'Returns';
    field(el, 'Send me news').click();
    const submitted = oneEvent(el, PreChatSubmitEvent.eventName);
    await sendKeys({ press: 'Enter' });
    const event = (await submitted) as unknown as PreChatSubmitEvent;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(false);
    expect(event.answers).to.deep.equal({ name: 'Ada Lovelace', topic: 'Returns', news: true });
  });
});
