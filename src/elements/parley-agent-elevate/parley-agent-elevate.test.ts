import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ElevationInput, ElevationOutcome } from '../../core/agent-session.js';
import { COUNTRY_CALLING_CODES } from '../../core/elevation.js';
import { LIMITS, type AgentConversation, type SkillSummary } from '../../protocol/index.js';
import { expectAccessibleInBothSchemes } from '../test-helpers.js';
import { ElevateCancelEvent, ElevateDoneEvent, ParleyAgentElevate, type ElevateSubmit } from './parley-agent-elevate.js';

ParleyAgentElevate.define('parley-agent-elevate');

const SKILLS: SkillSummary[] = [
  { id: 'k-chat', name: 'Chat support', channel: 'chat' },
  { id: 'k-email', name: 'Email support', channel: 'email' },
  { id: 'k-voice', name: 'Callbacks', channel: 'voice' },
  { id: 'k-sms', name: 'Text messages', channel: 'sms' },
  { id: 'k-sms-2', name: 'Texts, night shift', channel: 'sms' },
];

const SOURCE: AgentConversation = {
  id: 'chat-1',
  channel: 'chat',
  sessionId: 's-1',
  workItem: null,
  elevation: null,
  pocId: 'poc',
  pocName: 'Website chat',
  customerName: 'Marie',
  verifiedId: null,
  status: 'active',
  endedBy: null,
  lastSeq: 3,
  receipts: { delivered: 0, read: 0 },
  createdAt: new Date().toISOString(),
  acceptedAt: new Date().toISOString(),
};

/** A submit that records each input and answers with what the test queued (success by default). */
function recorder(...answers: ((input: ElevationInput) => ElevationOutcome)[]): ElevateSubmit & { inputs: ElevationInput[] } {
  const submit = (async (input: ElevationInput) => {
    submit.inputs.push(input);
    const answer = answers.shift();
    return answer
      ? answer(input)
      : { ok: true, conversation: { ...SOURCE, id: 'new-1', channel: 'sms' }, requestId: input.requestId!, deliveryFailed: false };
  }) as ElevateSubmit & { inputs: ElevationInput[] };
  submit.inputs = [];
  return submit;
}

async function show(kind: 'callback' | 'email' | 'sms', props: { submit?: ElevateSubmit; prefill?: object; locale?: string; skills?: SkillSummary[] } = {}) {
  const el = await fixture<ParleyAgentElevate>(html`<parley-agent-elevate
    kind=${kind}
    .source=${SOURCE}
    .skills=${props.skills ?? SKILLS}
    .prefill=${props.prefill ?? {}}
    .submit=${props.submit ?? recorder()}
    locale=${props.locale ?? 'en'}
  ></parley-agent-elevate>`);
  return el;
}

const root = (el: ParleyAgentElevate) => el.shadowRoot!;
function control<T extends HTMLElement = HTMLInputElement>(el: ParleyAgentElevate, name: string): T {
  const label = [...root(el).querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
  if (!label?.control) throw new Error(`no control labelled ${name}`);
  return label.control as unknown as T;
}
function button(el: ParleyAgentElevate, name: string): HTMLButtonElement {
  const found = [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}
const settle = async (el: ParleyAgentElevate) => {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
};

describe('parley-agent-elevate', () => {
  it('is accessible for each kind, in both schemes, and with errors shown', async () => {
    for (const kind of ['callback', 'email', 'sms'] as const) {
      const el = await show(kind);
      await expect(el).to.be.accessible();
      button(el, { callback: 'Create the callback', email: 'Send the email', sms: 'Send the text' }[kind]).click();
      await settle(el);
      await expectAccessibleInBothSchemes(el);
    }
  });

  it('is a native form named after what it creates, with the skills of the target channel only', async () => {
    const el = await show('sms');
    const form = root(el).querySelector('form')!;
    expect(root(el).getElementById(form.getAttribute('aria-labelledby')!)!.textContent).to.equal('New text message to Marie');
    const skill = control<HTMLSelectElement>(el, 'Skill');
    expect([...skill.options].map((o) => o.textContent!.trim())).to.deep.equal(['Choose a skill', 'Text messages', 'Texts, night shift']);
    expect(skill.required).to.equal(true);
    expect(control(el, 'Phone number').type).to.equal('tel');
    expect(control(el, 'Phone number').maxLength).to.equal(LIMITS.phoneInputMaxLength);
    expect(control<HTMLTextAreaElement>(el, 'Text message').maxLength).to.equal(LIMITS.smsMaxLength);
    const one = await show('callback');
    expect(control<HTMLSelectElement>(one, 'Skill').value, 'the only skill is chosen').to.equal('k-voice');
    expect([...root(one).querySelectorAll('label')].map((l) => l.textContent!.trim())).to.deep.equal(['Skill', 'Country', 'Phone number']);
    const email = await show('email');
    expect([...root(email).querySelectorAll('label')].map((l) => l.textContent!.trim())).to.deep.equal(['Skill', 'Email address', 'Subject', 'Body']);
    expect(control(email, 'Email address').type).to.equal('email');
  });

  it('lists every country with numbers, named in the agent’s language, with its calling code', async () => {
    const el = await show('callback', { locale: 'fr' });
    const country = control<HTMLSelectElement>(el, 'Pays');
    expect(country.options.length).to.equal(COUNTRY_CALLING_CODES.size + 1);
    const france = [...country.options].find((o) => o.value === 'FR')!;
    expect(france.textContent).to.equal('France (+33)');
    const germany = [...country.options].find((o) => o.value === 'DE')!;
    expect(germany.textContent).to.equal('Allemagne (+49)');
    expect(control<HTMLInputElement>(el, 'Numéro de téléphone')).to.exist;
  });

  it('starts from the number or address the session already has', async () => {
    expect(control(await show('sms', { prefill: { phone: '+33 6 12 34 56 78' } }), 'Phone number').value).to.equal('+33 6 12 34 56 78');
    expect(control(await show('email', { prefill: { email: 'marie@example.com' } }), 'Email address').value).to.equal('marie@example.com');
  });

  it('checks every field with the shared validators, shows each problem at its field and focuses the first', async () => {
    const submit = recorder();
    const el = await show('email', { submit, skills: SKILLS.filter((s) => s.id !== 'k-email').concat([{ id: 'k-email', name: 'Email support', channel: 'email' }, { id: 'k-email-2', name: 'Billing', channel: 'email' }]) });
    control(el, 'Email address').value = 'not an address';
    control(el, 'Subject').value = '   ';
    button(el, 'Send the email').click();
    await settle(el);
    expect(submit.inputs.length).to.equal(0);
    const skill = control<HTMLSelectElement>(el, 'Skill');
    expect(skill.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).activeElement).to.equal(skill);
    expect(root(el).querySelector('#skill-error')!.textContent).to.equal('Choose a skill for this channel.');
    expect(root(el).querySelector('#email-error')!.textContent).to.equal('Enter an email address such as name@example.com.');
    expect(root(el).querySelector('#subject-error')!.textContent).to.equal(`Enter a subject on one line, ${LIMITS.subjectMaxLength} characters at most.`);
    expect(root(el).querySelector('#text-error')!.textContent).to.contain('Write the first message');
    expect(control(el, 'Email address').getAttribute('aria-describedby')).to.contain('email-error');
    // Fixing a field clears its error.
    control(el, 'Email address').value = 'marie@example.com';
    control(el, 'Email address').dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(control(el, 'Email address').getAttribute('aria-invalid')).to.equal('false');
  });

  it('a national number needs its country', async () => {
    const submit = recorder();
    const el = await show('callback', { submit });
    control<HTMLSelectElement>(el, 'Country').value = '';
    control(el, 'Phone number').value = '06 12 34 56 78';
    button(el, 'Create the callback').click();
    await settle(el);
    expect(submit.inputs.length).to.equal(0);
    expect(root(el).querySelector('#country-error')!.textContent).to.equal('Choose the country of this number, or type it with its + code.');
    expect(root(el).activeElement).to.equal(control(el, 'Country'));
    control(el, 'Phone number').value = '+33 6 12 34 56 78';
    button(el, 'Create the callback').click();
    await settle(el);
    expect(submit.inputs.map((i) => [i.kind, i.skillId, i.phone, i.conversationId])).to.deep.equal([['callback', 'k-voice', '+33 6 12 34 56 78', 'chat-1']]);
  });

  it('sends a checked request, and tells the console once the interaction exists', async () => {
    const submit = recorder();
    const el = await show('sms', { submit });
    control<HTMLSelectElement>(el, 'Skill').value = 'k-sms';
    control<HTMLSelectElement>(el, 'Country').value = 'FR';
    control(el, 'Phone number').value = '06 12 34 56 78';
    control<HTMLTextAreaElement>(el, 'Text message').value = '  Your parcel left today.  ';
    setTimeout(() => button(el, 'Send the text').click());
    const done = (await oneEvent(el, ElevateDoneEvent.eventName)) as ElevateDoneEvent;
    expect(done.outcome.conversation.id).to.equal('new-1');
    expect(done.bubbles && !done.composed).to.equal(true);
    expect(submit.inputs).to.deep.equal([
      { requestId: el.requestId, conversationId: 'chat-1', kind: 'sms', skillId: 'k-sms', phone: '06 12 34 56 78', country: 'FR', text: '  Your parcel left today.' },
    ]);
  });

  it('shows the server’s refusal at its field, and retries with the same key', async () => {
    const refuse = (field: string, code: 'invalid_field' | 'elevation_unavailable' | 'internal_error') => (input: ElevationInput): ElevationOutcome => ({
      ok: false,
      error: { code, message: 'x', field },
      requestId: input.requestId!,
    });
    const submit = recorder(refuse('phone', 'invalid_field'), refuse('', 'internal_error'));
    const el = await show('sms', { submit });
    control<HTMLSelectElement>(el, 'Skill').value = 'k-sms';
    control<HTMLSelectElement>(el, 'Country').value = 'FR';
    control(el, 'Phone number').value = '01 23 45 67 89';
    control<HTMLTextAreaElement>(el, 'Text message').value = 'Hello';
    button(el, 'Send the text').click();
    await settle(el);
    expect(root(el).querySelector('#phone-error')!.textContent).to.contain('This number cannot be used');
    expect(root(el).activeElement).to.equal(control(el, 'Phone number'));
    control(el, 'Phone number').value = '06 12 34 56 78';
    button(el, 'Send the text').click();
    await settle(el);
    expect(root(el).querySelector('[role="alert"]')!.textContent!.trim()).to.equal('The server did not answer. Try again in a moment.');
    button(el, 'Send the text').click();
    await settle(el);
    expect(submit.inputs.length).to.equal(3);
    expect(new Set(submit.inputs.map((i) => i.requestId)).size, 'one key for every attempt').to.equal(1);
  });

  it('counts the characters and SMS of a text', async () => {
    const el = await show('sms');
    const box = control<HTMLTextAreaElement>(el, 'Text message');
    box.focus();
    await sendKeys({ type: 'b'.repeat(170) });
    await el.updateComplete;
    expect(root(el).querySelector('#text-count')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`170 of ${LIMITS.smsMaxLength} characters, 2 SMS`);
  });

  it('Escape and Cancel close the form without sending', async () => {
    const submit = recorder();
    const el = await show('callback', { submit });
    control(el, 'Phone number').focus();
    setTimeout(() => void sendKeys({ press: 'Escape' }));
    const event = (await oneEvent(el, ElevateCancelEvent.eventName)) as ElevateCancelEvent;
    expect([event.conversationId, event.kind]).to.deep.equal(['chat-1', 'callback']);
    setTimeout(() => button(el, 'Cancel').click());
    await oneEvent(el, ElevateCancelEvent.eventName);
    expect(submit.inputs.length).to.equal(0);
  });

  it('focusFirst() puts the caret where the agent starts', async () => {
    const choose = await show('sms');
    choose.focusFirst();
    expect(root(choose).activeElement).to.equal(control(choose, 'Skill'));
    const type = await show('callback');
    type.focusFirst();
    expect(root(type).activeElement).to.equal(control(type, 'Phone number'));
  });

  it('a new kind is a new request: a new key, no old errors', async () => {
    const el = await show('sms');
    const first = el.requestId;
    button(el, 'Send the text').click();
    await settle(el);
    el.kind = 'email';
    await el.updateComplete;
    expect(el.requestId).to.not.equal(first);
    expect(root(el).querySelector('[aria-invalid="true"]')).to.equal(null);
  });
});
