import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LIMITS } from '../../protocol/index.js';
import { defineParleyElements } from '../../define.js';
import { ComposeSendEvent, ComposeTypingEvent, type ParleyComposer } from './parley-composer.js';

defineParleyElements();

const textarea = (el: ParleyComposer): HTMLTextAreaElement => el.shadowRoot!.querySelector('[part~="input"]')!;
const sendButton = (el: ParleyComposer): HTMLButtonElement => el.shadowRoot!.querySelector('[part~="send-button"]')!;
const labelOf = (el: ParleyComposer): string => el.shadowRoot!.querySelector(`label[for="${textarea(el).id}"]`)!.textContent!.trim();

/** Records the internal events the composer dispatches. */
function record(el: ParleyComposer): { sent: string[]; typing: boolean[] } {
  const seen = { sent: [] as string[], typing: [] as boolean[] };
  el.addEventListener(ComposeSendEvent.eventName, (e) => seen.sent.push((e as ComposeSendEvent).text));
  el.addEventListener(ComposeTypingEvent.eventName, (e) => seen.typing.push((e as ComposeTypingEvent).typing));
  return seen;
}

/** Puts `value` in the box the way a paste does (one input event). */
function paste(el: ParleyComposer, value: string): void {
  textarea(el).value = value;
  textarea(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
}

describe('parley-composer', () => {
  it('is accessible', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    await expect(el).to.be.accessible();
  });

  it('is accessible with a too-long draft and its error', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    paste(el, 'x'.repeat(LIMITS.messageMaxLength + 1));
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  // ------------------------------------------------------------------------------------------
  // defaults

  it('is a native textarea named "Message" and a native "Send" button', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    expect(textarea(el).localName).to.equal('textarea');
    expect(labelOf(el)).to.equal('Message');
    expect(textarea(el).placeholder).to.equal('Write a message…');
    expect(sendButton(el).localName).to.equal('button');
    expect(sendButton(el).textContent!.trim()).to.equal('Send');
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('false');
  });

  it('delegates focus to the textarea', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    el.focus();
    expect(el.shadowRoot!.activeElement === textarea(el), 'the textarea has focus').to.equal(true);
  });

  // ------------------------------------------------------------------------------------------
  // attributes

  it('shows the profile’s placeholder when given one, else its own', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer placeholder="Ask us anything…"></parley-composer>`);
    expect(textarea(el).placeholder).to.equal('Ask us anything…');
    el.placeholder = '';
    await el.updateComplete;
    expect(textarea(el).placeholder).to.equal('Write a message…');
  });

  it('speaks French with locale="fr"', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer locale="fr"></parley-composer>`);
    expect(labelOf(el)).to.equal('Message');
    expect(sendButton(el).textContent!.trim()).to.equal('Envoyer');
    expect(textarea(el).placeholder).to.equal('Écrivez votre message…');
  });

  it('disabled turns off both the textarea and the button', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer disabled></parley-composer>`);
    expect(textarea(el).disabled).to.equal(true);
    expect(sendButton(el).disabled).to.equal(true);
  });

  // ------------------------------------------------------------------------------------------
  // keyboard

  it('Enter sends the text and empties the box', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    const seen = record(el);
    textarea(el).focus();
    await sendKeys({ type: 'Hello there' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(seen.sent).to.deep.equal(['Hello there']);
    expect(textarea(el).value).to.equal('');
  });

  it('Shift+Enter adds a line instead of sending', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    const seen = record(el);
    textarea(el).focus();
    await sendKeys({ type: 'first' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second' });
    expect(seen.sent).to.deep.equal([]);
    expect(textarea(el).value).to.equal('first\nsecond');
    await sendKeys({ press: 'Enter' });
    expect(seen.sent).to.deep.equal(['first\nsecond']);
  });

  it('never sends a blank text', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    const seen = record(el);
    textarea(el).focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    sendButton(el).click();
    expect(seen.sent).to.deep.equal([]);
  });

  // ------------------------------------------------------------------------------------------
  // events and states

  it('the Send button sends, with the same cleaning as the server', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    paste(el, '\n\n  Spaced out  \n\n');
    setTimeout(() => sendButton(el).click());
    const event = (await oneEvent(el, ComposeSendEvent.eventName)) as ComposeSendEvent;
    expect(event.text).to.equal('  Spaced out');
    expect(event.composed).to.equal(false);
  });

  it('keeps the draft when the parent refuses the text', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    el.addEventListener(ComposeSendEvent.eventName, (e) => e.preventDefault());
    paste(el, 'Keep me');
    expect(el.send()).to.equal(false);
    await el.updateComplete;
    expect(textarea(el).value).to.equal('Keep me');
  });

  it('refuses a text over the limit with a visible error, and lifts it once short enough', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    const seen = record(el);
    paste(el, 'x'.repeat(LIMITS.messageMaxLength + 5));
    await el.updateComplete;
    const error = el.shadowRoot!.querySelector<HTMLElement>('[role="alert"]')!;
    expect(error.textContent).to.contain(String(LIMITS.messageMaxLength));
    expect(error.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    expect(textarea(el).getAttribute('aria-describedby')).to.contain(error.id);
    expect(el.send()).to.equal(false);
    expect(seen.sent).to.deep.equal([]);

    paste(el, 'x'.repeat(LIMITS.messageMaxLength));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('false');
    expect(el.send()).to.equal(true);
    expect(seen.sent[0]).to.have.length(LIMITS.messageMaxLength);
  });

  it('reports typing once, then stopped after the idle delay', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer typing-idle="80"></parley-composer>`);
    const seen = record(el);
    textarea(el).focus();
    await sendKeys({ type: 'abc' });
    expect(seen.typing).to.deep.equal([true]);
    await aTimeout(200);
    expect(seen.typing).to.deep.equal([true, false]);
  });

  it('reports stopped typing on send and when the box is emptied', async () => {
    const el = await fixture<ParleyComposer>(html`<parley-composer></parley-composer>`);
    const seen = record(el);
    paste(el, 'Hi');
    el.send();
    expect(seen.typing).to.deep.equal([true, false]);
    paste(el, 'Again');
    paste(el, '');
    expect(seen.typing).to.deep.equal([true, false, true, false]);
  });
});
