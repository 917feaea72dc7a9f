// The profile form on its own, no server: each test plays the owner's part as <parley-studio>
// does — every `input` runs the core validator and hands the result back.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NUMBER_RANGES, type NumberPath } from '../../core/catalogues/studio.js';
import { elevationSkillIssues, type StudioSkill } from '../../core/elevation-skills.js';
import { DEFAULT_PROFILE, validateProfile } from '../../core/profile.js';
import { LIMITS } from '../../protocol/index.js';
import { cloneJson, getIn, setIn, type Draft } from './draft.js';
import { ParleyStudioEditor } from './parley-studio-editor.js';
import { workItemPocIssues, type StudioPoc } from './pocs.js';

ParleyStudioEditor.define('parley-studio-editor');

const defaults = (): Draft => cloneJson(DEFAULT_PROFILE) as unknown as Draft;

/** A tenant's skills as `GET /studio/skills` lists them. */
const SKILLS: StudioSkill[] = [
  { id: 'chat-1', name: 'Chat support', channel: 'chat', active: true },
  { id: 'email-1', name: 'Email support', channel: 'email', active: true },
  { id: 'sms-1', name: 'Text messages', channel: 'sms', active: true },
  { id: 'voice-1', name: 'Callbacks', channel: 'voice', active: true },
  { id: 'voice-2', name: 'Weekend callbacks', channel: 'voice', active: false },
];

/** The POCs `GET /studio/pocs` lists: two chats, an active form and an inactive one. */
const POCS: StudioPoc[] = [
  { id: 'chat-main', name: 'Website chat', active: true, channel: 'chat' },
  { id: 'chat-sales', name: 'Sales chat', active: true, channel: 'chat' },
  { id: 'form-returns', name: 'Returns form', active: true, channel: 'workitem' },
  { id: 'form-old', name: 'Old claims form', active: false, channel: 'workitem' },
];

/**
 * An editor whose owner re-validates on each `input`, and checks the skills when it has them and
 * the form left messages go to, as <parley-studio> does for a chat; `inputs` records the drafts
 * it received.
 */
async function mount(
  draft: Draft = defaults(),
  locale = 'en',
  skills: StudioSkill[] | null = null,
  options: { channel?: 'chat' | 'workitem'; pocs?: StudioPoc[] } = {},
): Promise<{ el: ParleyStudioEditor; inputs: Draft[] }> {
  const { channel = 'chat', pocs = POCS } = options;
  const el = await fixture<ParleyStudioEditor>(
    html`<parley-studio-editor locale=${locale} channel=${channel} .skills=${skills} .pocs=${pocs}></parley-studio-editor>`,
  );
  const apply = (d: Draft) => {
    const { profile, issues } = validateProfile(d);
    el.value = d;
    el.profile = profile;
    const routing = channel === 'chat' ? [...(skills ? elevationSkillIssues(profile.elevations, skills) : []), ...workItemPocIssues(profile.offline, pocs)] : [];
    el.issues = [...issues, ...routing];
  };
  apply(draft);
  const inputs: Draft[] = [];
  el.addEventListener('input', () => {
    inputs.push(el.value);
    apply(el.value);
  });
  await el.updateComplete;
  return { el, inputs };
}

const root = (el: Element) => el.shadowRoot!;
const nameOf = (el: HTMLElement) => (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();

function controls<T extends HTMLElement = HTMLInputElement>(scope: ParentNode, name: string): T[] {
  return [...scope.querySelectorAll('label')].filter((l) => l.textContent?.replace(/\s+/g, ' ').trim() === name && l.control).map((l) => l.control as unknown as T);
}

function control<T extends HTMLElement = HTMLInputElement>(scope: ParentNode, name: string): T {
  const found = controls<T>(scope, name);
  if (found.length !== 1) throw new Error(`expected one control labelled ${name}, found ${found.length}`);
  return found[0];
}

function group(el: Element, legend: string): HTMLFieldSetElement {
  const found = [...root(el).querySelectorAll('fieldset')].filter((f) => f.querySelector(':scope > legend')?.textContent?.trim() === legend);
  if (found.length !== 1) throw new Error(`expected one group "${legend}", found ${found.length}`);
  return found[0];
}

function button(scope: ParentNode, name: string | RegExp): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].filter((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));
  if (found.length !== 1) throw new Error(`expected one button named ${name}, found ${found.length}`);
  return found[0];
}

function description(control: HTMLElement): string {
  const r = control.getRootNode() as ShadowRoot;
  return (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => r.getElementById(id)?.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** The visible text of the form. */
const deepTextOf = (el: Element) => root(el).textContent!.replace(/\s+/g, ' ');

function type(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
}

describe('<parley-studio-editor>', () => {
  it('is accessible', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
  });

  it('is accessible with a problem at every kind of field', async () => {
    let draft = defaults();
    draft = setIn(draft, 'theme.light.brand', 'red;}</style>');
    draft = setIn(draft, 'theme.radius', 99);
    draft = setIn(draft, 'texts.title', '');
    draft = setIn(draft, 'header.logoUrl', 'http://insecure.example/logo.png');
    draft = setIn(draft, 'preChat.fields', [{ id: 'size', type: 'select', label: 'Size', labels: {}, required: true, options: [] }]);
    draft = setIn(draft, 'elevations.callback', { enabled: true, skillId: null });
    const { el } = await mount(draft);
    for (const [name, message] of [
      ['Corner radius', 'Enter a whole number from 0 to 32.'],
      ['Title', 'Enter a title.'],
      ['Logo address', 'Enter an image address starting with https://.'],
      ['Choices', 'List 1 to 20 choices'],
      ['Skill id', 'Choose the skill these requests go to'],
    ] as const) {
      const field = controls(root(el), name).find((c) => c.getAttribute('aria-invalid') === 'true');
      expect(field, name).to.exist;
      expect(description(field!)).to.contain(message);
    }
    await expect(el).to.be.accessible();
  });

  // Events -----------------------------------------------------------------------------------------

  it('fires one `input` per edit, with the new draft in `value`, and lets no inner event out', async () => {
    const { el, inputs } = await mount();
    const seen: Event[] = [];
    el.parentElement!.addEventListener('input', (e) => seen.push(e));
    el.parentElement!.addEventListener('change', (e) => seen.push(e));
    type(control(root(el), 'Title'), 'Hello there');
    type(control<HTMLSelectElement>(root(el), 'Spacing'), 'compact');
    control(root(el), 'Play a sound for new messages').click();
    expect(inputs).to.have.length(3);
    expect(seen.map((e) => e.type)).to.deep.equal(['input', 'input', 'input']);
    expect(seen.every((e) => e.target === el)).to.equal(true);
    expect(getIn(el.value, 'texts.title')).to.equal('Hello there');
    expect(getIn(el.value, 'theme.density')).to.equal('compact');
    expect(getIn(el.value, 'sounds')).to.equal(true);
    // Never mutated: the first draft is still the first.
    expect(getIn(inputs[0], 'theme.density')).to.equal(DEFAULT_PROFILE.theme.density);
  });

  // Fields -----------------------------------------------------------------------------------------

  it('bounds every number field as the validator does', async () => {
    const { el } = await mount();
    const labels: Record<NumberPath, string> = {
      'theme.radius': 'Corner radius',
      'theme.panelWidth': 'Panel width',
      'theme.panelHeight': 'Panel height',
      'theme.zIndex': 'Stacking level (z-index)',
      'launcher.offsetX': 'Distance from the side',
      'launcher.offsetY': 'Distance from the bottom',
    };
    for (const [path, [min, max]] of Object.entries(NUMBER_RANGES) as [NumberPath, readonly [number, number]][]) {
      const input = control(root(el), labels[path]);
      expect([input.min, input.max], path).to.deep.equal([String(min), String(max)]);
      const problems = (value: number) => validateProfile(setIn(defaults(), path, value)).issues.filter((i) => i.field === path).length;
      expect([problems(min), problems(max), problems(min - 1), problems(max + 1)], path).to.deep.equal([0, 0, 1, 1]);
    }
  });

  it('edits a colour with the picker or as text, the same value', async () => {
    const { el } = await mount();
    const light = group(el, 'Light colours');
    const hex = control(light, 'Brand');
    const picker = light.querySelector<HTMLInputElement>('input[type="color"]')!;
    expect(picker.getAttribute('aria-label')).to.equal('Brand, colour picker');
    type(picker, '#123456');
    await el.updateComplete;
    expect(hex.value).to.equal('#123456');
    expect(el.profile.theme.light.brand).to.equal('#123456');
    type(hex, '#ABCDEF');
    await el.updateComplete;
    expect(picker.value).to.equal('#abcdef');
  });

  it('shows the contrast of each text colour on its background', async () => {
    const { el } = await mount();
    const text = control(group(el, 'Light colours'), 'Text');
    expect(description(text)).to.match(/Contrast with Background: \d+\.\d\d:1, easy to read\./);
    type(text, '#eeeeee');
    await el.updateComplete;
    expect(text.getAttribute('aria-invalid')).to.equal('true');
    expect(description(text)).to.match(/Contrast with Background is 1\.\d\d:1, under the 4\.5:1/);
  });

  it('takes a launcher image from an https address only', async () => {
    const { el } = await mount();
    type(control<HTMLSelectElement>(root(el), 'Icon'), 'image');
    await el.updateComplete;
    const url = control(root(el), 'Icon image address');
    expect(url.getAttribute('aria-invalid')).to.equal('true');
    type(url, 'javascript:alert(1)');
    await el.updateComplete;
    expect(description(url)).to.contain('Enter an image address starting with https://.');
    expect(el.profile.launcher.icon).to.equal(DEFAULT_PROFILE.launcher.icon);
    type(url, 'https://cdn.example.com/chat.png');
    await el.updateComplete;
    expect(url.getAttribute('aria-invalid')).to.equal('false');
    expect(el.profile.launcher.icon).to.deep.equal({ url: 'https://cdn.example.com/chat.png' });
  });

  // Requests -------------------------------------------------------------------------------------

  const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent!.replace(/\s+/g, ' ').trim());

  it("lists each request's skills of its channel only, and asks for one once the request is offered", async () => {
    const { el } = await mount(defaults(), 'en', SKILLS);
    const callback = group(el, 'Call me back');
    const skill = control<HTMLSelectElement>(callback, 'Skill');
    expect(optionTexts(skill)).to.deep.equal(['No skill', 'Callbacks', 'Weekend callbacks (deactivated)']);
    expect(optionTexts(control<HTMLSelectElement>(group(el, 'Email me'), 'Skill'))).to.deep.equal(['No skill', 'Email support']);
    expect(optionTexts(control<HTMLSelectElement>(group(el, 'Text me'), 'Skill'))).to.deep.equal(['No skill', 'Text messages']);
    expect(description(skill)).to.contain('Your teams’ skills for voice calls.');
    expect(skill.value).to.equal('');

    control(callback, 'Offer “Call me back”').click();
    await el.updateComplete;
    expect(skill.getAttribute('aria-invalid')).to.equal('true');
    expect(description(skill)).to.contain('Choose the skill these requests go to, or stop offering them.');
    type(skill, 'voice-1');
    await el.updateComplete;
    expect(skill.getAttribute('aria-invalid')).to.equal('false');
    expect(el.profile.elevations.callback).to.deep.equal({ enabled: true, skillId: 'voice-1' });
    type(skill, '');
    expect(getIn(el.value, 'elevations.callback.skillId')).to.equal(null);
  });

  it('lets a deactivated skill be chosen only while its request is not offered', async () => {
    const { el } = await mount(defaults(), 'en', SKILLS);
    const callback = group(el, 'Call me back');
    const skill = control<HTMLSelectElement>(callback, 'Skill');
    const weekend = () => [...skill.options].find((o) => o.value === 'voice-2')!;
    expect(weekend().disabled).to.equal(false);
    type(skill, 'voice-2');
    await el.updateComplete;
    expect(skill.getAttribute('aria-invalid')).to.equal('false');

    control(callback, 'Offer “Call me back”').click();
    await el.updateComplete;
    expect(weekend().disabled).to.equal(true);
    expect(skill.value).to.equal('voice-2', 'still shown as chosen');
    expect(skill.getAttribute('aria-invalid')).to.equal('true');
    expect(description(skill)).to.contain('A deactivated skill cannot be chosen while “Call me back” is offered.');
    expect(description(skill)).to.contain('This skill is deactivated. Choose an active skill, or stop offering these requests.');
    await expect(el).to.be.accessible();
    type(skill, 'voice-1');
    await el.updateComplete;
    expect(skill.getAttribute('aria-invalid')).to.equal('false');
  });

  it('keeps a skill the tenant does not have, or of another channel, on screen with the reason at the field', async () => {
    let draft = setIn(defaults(), 'elevations.callback', { enabled: true, skillId: 'globex-voice' });
    draft = setIn(draft, 'elevations.email', { enabled: true, skillId: 'chat-1' });
    const { el } = await mount(draft, 'en', SKILLS);
    const callback = control<HTMLSelectElement>(group(el, 'Call me back'), 'Skill');
    expect(callback.value).to.equal('globex-voice');
    expect(callback.selectedOptions[0].textContent!.trim()).to.equal('Unknown skill “globex-voice”');
    expect(description(callback)).to.contain('This skill belongs to none of your teams. Choose one from the list.');
    const email = control<HTMLSelectElement>(group(el, 'Email me'), 'Skill');
    expect(email.selectedOptions[0].textContent!.trim()).to.equal('Chat support (for chat)');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(description(email)).to.contain('This skill handles chat; “Email me” requests need a skill for email.');
    await expect(el).to.be.accessible();
    expect(await el.focusField('elevations.email.skillId')).to.equal(true);
    expect(root(el).activeElement).to.equal(email);
  });

  it('says when the tenant has no skill for a channel', async () => {
    const { el } = await mount(defaults(), 'en', SKILLS.filter((s) => s.channel !== 'sms'));
    const skill = control<HTMLSelectElement>(group(el, 'Text me'), 'Skill');
    expect(optionTexts(skill)).to.deep.equal(['No skill']);
    expect(description(skill)).to.contain('Your teams have no skill for text messages yet: an administrator creates one.');
  });

  it('takes a skill id as text when the list of skills is unknown', async () => {
    const { el } = await mount();
    const callback = group(el, 'Call me back');
    control(callback, 'Offer “Call me back”').click();
    await el.updateComplete;
    const skill = control(callback, 'Skill id');
    expect(description(skill)).to.contain('The list of skills could not be loaded');
    expect(skill.getAttribute('aria-invalid')).to.equal('true');
    type(skill, 'demo-skill-voice');
    await el.updateComplete;
    expect(skill.getAttribute('aria-invalid')).to.equal('false');
    expect(el.profile.elevations.callback).to.deep.equal({ enabled: true, skillId: 'demo-skill-voice' });
    type(skill, '');
    expect(getIn(el.value, 'elevations.callback.skillId')).to.equal(null);
  });

  it('chooses whether the chat goes on or ends after a request, with the arrow keys too', async () => {
    const { el, inputs } = await mount(defaults(), 'en', SKILLS);
    const after = group(el, 'After a request made from the chat');
    const goesOn = control(after, 'The chat goes on');
    const ends = control(after, 'The chat ends');
    expect([goesOn.type, goesOn.checked, ends.checked]).to.deep.equal(['radio', true, false]);
    expect(description(ends)).to.contain('The chat closes once the customer has seen the confirmation.');
    expect(await el.focusField('elevations.afterRequest')).to.equal(true);
    expect(root(el).activeElement).to.equal(goesOn);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(ends.checked).to.equal(true);
    expect(el.profile.elevations.afterRequest).to.equal('end');
    expect(inputs).to.have.length(1);
    goesOn.click();
    await el.updateComplete;
    expect(el.profile.elevations.afterRequest).to.equal('continue');
  });

  // Texts ------------------------------------------------------------------------------------------

  it('switches text tabs with the arrow keys; an emptied translation falls back to English', async () => {
    const { el } = await mount(setIn(defaults(), 'translations', { fr: { title: 'Discutons' } }));
    const [english, french] = [...root(el).querySelectorAll<HTMLElement>('[role="tab"]')];
    expect(english.getAttribute('aria-selected')).to.equal('true');
    english.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(french.getAttribute('aria-selected')).to.equal('true');
    expect(root(el).activeElement).to.equal(french);
    const title = control(root(el), 'Title');
    expect(title.value).to.equal('Discutons');
    expect(title.lang).to.equal('fr');
    expect(title.placeholder).to.equal(DEFAULT_PROFILE.texts.title);
    type(title, '');
    expect(getIn(el.value, 'translations.fr.title')).to.equal(undefined);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(english.getAttribute('aria-selected')).to.equal('true');
  });

  it('counts characters against each text limit', async () => {
    const { el } = await mount();
    const label = control(root(el), 'Launcher label');
    type(label, 'Chat now');
    await el.updateComplete;
    expect(description(label)).to.contain('8 of 40 characters');
  });

  it('focuses the field of a problem, switching tab when needed', async () => {
    const { el } = await mount();
    expect(await el.focusField('translations.fr.subtitle')).to.equal(true);
    expect(root(el).activeElement).to.equal(control(root(el), 'Subtitle'));
    expect(control(root(el), 'Subtitle').lang).to.equal('fr');
    expect(await el.focusField('theme.dark.text')).to.equal(true);
    expect(root(el).activeElement).to.equal(control(group(el, 'Dark colours'), 'Text'));
    expect(await el.focusField('nonsense')).to.equal(false);
  });

  // Pre-chat fields ------------------------------------------------------------------------------

  it('adds, edits, reorders and removes pre-chat fields, keeping focus with the field', async () => {
    const { el } = await mount();
    button(root(el), 'Add a field').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(group(el, 'Field 1: New question')).to.exist;
    expect(root(el).activeElement).to.equal(control(group(el, 'Field 1: New question'), 'Label (English)'));
    type(control(group(el, 'Field 1: New question'), 'Label (English)'), 'Your name');
    await el.updateComplete;
    type(control<HTMLSelectElement>(group(el, 'Field 1: Your name'), 'Type'), 'name');

    button(root(el), 'Add a field').click();
    await el.updateComplete;
    const second = group(el, 'Field 2: New question');
    type(control(second, 'Label (English)'), 'Size');
    await el.updateComplete;
    type(control<HTMLSelectElement>(group(el, 'Field 2: Size'), 'Type'), 'select');
    await el.updateComplete;
    const choices = control<HTMLTextAreaElement>(group(el, 'Field 2: Size'), 'Choices');
    expect(choices.getAttribute('aria-invalid')).to.equal('true');
    type(choices, 'Small\nLarge\n');
    await el.updateComplete;
    expect(choices.getAttribute('aria-invalid')).to.equal('false');
    type(control(group(el, 'Field 2: Size'), 'Label (French)'), 'Taille');
    control(group(el, 'Field 2: Size'), 'Required').click();
    expect(el.profile.preChat.fields).to.deep.equal([
      { id: 'field-1', type: 'name', label: 'Your name', labels: {}, required: false, options: [] },
      { id: 'field-2', type: 'select', label: 'Size', labels: { fr: 'Taille' }, required: true, options: ['Small', 'Large'] },
    ]);

    const up = button(group(el, 'Field 2: Size'), 'Move up: Size');
    up.focus();
    up.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.profile.preChat.fields.map((f) => f.label)).to.deep.equal(['Size', 'Your name']);
    // At the top "Move up" is unavailable, so focus lands on the same field's "Move down".
    expect(nameOf(root(el).activeElement as HTMLElement)).to.equal('Move down: Size');
    expect(button(group(el, 'Field 1: Size'), 'Move up: Size').getAttribute('aria-disabled')).to.equal('true');

    button(group(el, 'Field 1: Size'), 'Remove: Size').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.profile.preChat.fields.map((f) => f.label)).to.deep.equal(['Your name']);
    expect(nameOf(root(el).activeElement as HTMLElement)).to.equal('Remove: Your name');
    await expect(el).to.be.accessible();
  });

  it('stops at ten pre-chat fields and says so', async () => {
    const fields = Array.from({ length: 10 }, (_, i) => ({ id: `f${i}`, type: 'text', label: `Q${i}`, labels: {}, required: false, options: [] }));
    const { el, inputs } = await mount(setIn(defaults(), 'preChat.fields', fields));
    const add = button(root(el), 'Add a field');
    expect(add.getAttribute('aria-disabled')).to.equal('true');
    expect(description(add)).to.contain('The form has the most fields allowed (10).');
    add.click();
    expect(inputs).to.have.length(0);
  });

  // Where a chat's left messages go --------------------------------------------------------------

  it('asks which form takes the messages, only while customers may leave one', async () => {
    const { el, inputs } = await mount();
    expect(controls(root(el), 'Form that takes the messages')).to.have.length(0);
    type(control<HTMLSelectElement>(root(el), 'When the chat is closed'), 'leave-message');
    await el.updateComplete;
    const form = control<HTMLSelectElement>(root(el), 'Form that takes the messages');
    expect(optionTexts(form)).to.deep.equal(['Choose a form', 'Returns form', 'Old claims form (inactive)']);
    expect([...form.options].find((o) => o.value === 'form-old')!.disabled).to.equal(true);
    expect(form.getAttribute('aria-invalid')).to.equal('true');
    expect(description(form)).to.contain('Choose the form that takes the messages, or stop offering to leave one.');
    expect(description(form)).to.contain('An inactive form cannot be chosen while customers may leave a message.');
    await expect(el).to.be.accessible();

    type(form, 'form-returns');
    await el.updateComplete;
    expect(form.getAttribute('aria-invalid')).to.equal('false');
    expect(el.profile.offline).to.deep.equal({ behaviour: 'leave-message', workItemPoc: 'form-returns' });
    expect(inputs).to.have.length(2);
    type(form, '');
    expect(getIn(el.value, 'offline.workItemPoc')).to.equal(null);
    expect(await el.focusField('offline.workItemPoc')).to.equal(true);
    expect(root(el).activeElement).to.equal(form);
  });

  it('keeps a chat or an inactive form named as the form on screen, with the reason at the field', async () => {
    const { el } = await mount(setIn(defaults(), 'offline', { behaviour: 'leave-message', workItemPoc: 'chat-sales' }));
    const form = control<HTMLSelectElement>(root(el), 'Form that takes the messages');
    expect(form.value).to.equal('chat-sales');
    expect(form.selectedOptions[0].textContent!.trim()).to.equal('Sales chat (a chat, not a form)');
    expect(form.getAttribute('aria-invalid')).to.equal('true');
    expect(description(form)).to.contain('This point of contact is not a work-item form. Choose a form from the list.');

    const old = (await mount(setIn(defaults(), 'offline', { behaviour: 'leave-message', workItemPoc: 'form-old' }))).el;
    const oldForm = control<HTMLSelectElement>(root(old), 'Form that takes the messages');
    expect(oldForm.value).to.equal('form-old', 'still shown as chosen');
    expect(description(oldForm)).to.contain('This form is inactive. Choose an active form, or stop offering to leave a message.');
    await expect(old).to.be.accessible();
    // Kept while customers cannot leave a message: the choice is then out of sight, and no problem.
    type(control<HTMLSelectElement>(root(old), 'When the chat is closed'), 'message');
    await old.updateComplete;
    expect(controls(root(old), 'Form that takes the messages')).to.have.length(0);
    expect(old.issues).to.deep.equal([]);
  });

  it('leaves a form the list does not hold to the server', async () => {
    const { el } = await mount(setIn(defaults(), 'offline', { behaviour: 'leave-message', workItemPoc: 'form-elsewhere' }));
    const form = control<HTMLSelectElement>(root(el), 'Form that takes the messages');
    expect(form.selectedOptions[0].textContent!.trim()).to.equal('Point of contact “form-elsewhere”');
    expect(form.getAttribute('aria-invalid')).to.equal('false');
    // The server's refusal, when it comes, is worded at the field.
    el.issues = [{ field: 'offline.workItemPoc', code: 'invalid_value', message: 'Point of contact "form-elsewhere" is no work-item form of yours' }];
    await el.updateComplete;
    expect(form.getAttribute('aria-invalid')).to.equal('true');
    expect(description(form)).to.contain('This form is none of your teams’. Choose one from the list.');
  });

  // Work-item forms --------------------------------------------------------------------------------

  const MIB = 1024 * 1024;
  /** A work-item form's fields: a name, and photos. */
  const formDraft = (): Draft =>
    setIn(defaults(), 'workItem.fields', [
      { id: 'name', type: 'name', label: 'Your name', labels: { fr: 'Votre nom' }, required: true, options: [], accept: [], maxFiles: 0, maxFileBytes: 0 },
      { id: 'photos', type: 'file', label: 'Photos', labels: {}, required: false, options: [], accept: ['image/png'], maxFiles: 2, maxFileBytes: 2 * MIB },
    ]);
  const editingForm = (draft: Draft = formDraft(), locale = 'en') => mount(draft, locale, null, { channel: 'workitem' });
  const headings = (el: Element) => [...root(el).querySelectorAll('section > h2')].map((h) => h.textContent!.trim());
  /** The group `legend` inside `scope` (a form field has its own "Accepted file types"). */
  const inner = (scope: ParentNode, legend: string) => {
    const found = [...scope.querySelectorAll('fieldset')].filter((f) => f.querySelector(':scope > legend')?.textContent?.trim() === legend);
    if (found.length !== 1) throw new Error(`expected one group "${legend}", found ${found.length}`);
    return found[0];
  };
  const ticked = (scope: ParentNode) =>
    [...scope.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((c) => c.checked).map((c) => c.labels![0].textContent!.trim());

  it('is accessible editing a work-item form, with a problem at a file field', async () => {
    const { el } = await editingForm(setIn(formDraft(), 'workItem.fields.1.maxFileBytes', 50_000_000));
    const size = control(group(el, 'Field 2: Photos'), 'Largest file');
    expect(size.getAttribute('aria-invalid')).to.equal('true');
    expect(description(size)).to.contain('Enter a size of at least 1 kB and at most 10 MB.');
    await expect(el).to.be.accessible();
  });

  it('shows a work-item form what it uses, and a chat no form fields', async () => {
    const { el } = await editingForm();
    expect(headings(el)).to.deep.equal(['Colours', 'Texts', 'Font and layout', 'Form fields']);
    for (const name of ['Title', 'Subtitle', 'Default language', 'Font', 'Spacing', 'Corner radius', 'Allow low contrast (not recommended)']) {
      expect(controls(root(el), name), name).to.have.length(1);
    }
    for (const name of [
      'Position', 'Icon', 'Logo address', 'Greeting', 'Closed message', 'Launcher label', 'Panel width', 'Panel height',
      'Stacking level (z-index)', 'Ask for details before the chat starts', 'When the chat is closed', 'Play a sound for new messages',
      'Let customers download the transcript',
    ]) {
      expect(controls(root(el), name), name).to.have.length(0);
    }
    expect(await el.focusField('launcher.position')).to.equal(false);
    expect(await el.focusField('translations.fr.subtitle')).to.equal(true);
    expect(root(el).activeElement).to.equal(control(root(el), 'Subtitle'));
    expect(control(root(el), 'Subtitle').lang).to.equal('fr');
    expect(controls(root(el), 'Greeting')).to.have.length(0);
    expect(await el.focusField('workItem.fields.1.accept')).to.equal(true);
    expect((root(el).activeElement as HTMLInputElement).labels![0].textContent!.trim()).to.equal('PNG image');

    const chat = (await mount(formDraft())).el;
    expect(headings(chat)).to.not.include('Form fields');
    expect(controls(root(chat), 'Largest file')).to.have.length(0);
  });

  it('gives a form field any of the nine types, and a file field its types, number and size', async () => {
    const { el, inputs } = await editingForm();
    expect(optionTexts(control<HTMLSelectElement>(group(el, 'Field 1: Your name'), 'Type'))).to.deep.equal([
      'Name', 'Email address', 'Phone number', 'Short text', 'Long text', 'Choice list', 'Checkbox', 'Date', 'File upload',
    ]);
    button(root(el), 'Add a field').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(control(group(el, 'Field 3: New question'), 'Label (English)'));
    type(control(group(el, 'Field 3: New question'), 'Label (English)'), 'Receipt');
    await el.updateComplete;
    const receipt = () => group(el, 'Field 3: Receipt');
    type(control(receipt(), 'Label (French)'), 'Ticket');
    control(receipt(), 'Required').click();
    type(control<HTMLSelectElement>(receipt(), 'Type'), 'file');
    await el.updateComplete;
    // A new file field takes the validator's defaults: photos and PDFs, 3 files, 5 MB.
    const types = inner(receipt(), 'Accepted file types');
    expect(ticked(types)).to.deep.equal(['PNG image', 'JPEG image', 'PDF document']);
    expect(control(receipt(), 'Most files').value).to.equal('3');
    expect(control(receipt(), 'Largest file').value).to.equal('5');
    expect(description(control(receipt(), 'Required'))).to.contain('A required file field needs at least one file.');
    expect(description(control(receipt(), 'Largest file'))).to.contain('In MB: at least 1 kB, at most 10 MB.');

    control(types, 'Word document (.docx)').click();
    control(types, 'PNG image').click();
    type(control(receipt(), 'Most files'), '4');
    type(control(receipt(), 'Largest file'), '2.5');
    await el.updateComplete;
    expect(el.profile.workItem.fields[2]).to.deep.equal({
      id: 'field-3',
      type: 'file',
      label: 'Receipt',
      labels: { fr: 'Ticket' },
      required: true,
      options: [],
      accept: ['image/jpeg', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      maxFiles: 4,
      maxFileBytes: 2.5 * MIB,
    });
    expect(el.issues).to.deep.equal([]);
    expect(inputs).to.have.length(9);

    // Back to a choice list: the file settings go, the choices are asked for.
    type(control<HTMLSelectElement>(receipt(), 'Type'), 'select');
    await el.updateComplete;
    expect(() => inner(receipt(), 'Accepted file types')).to.throw();
    expect(controls(receipt(), 'Largest file')).to.have.length(0);
    expect(getIn(el.value, 'workItem.fields.2')).to.include({ type: 'select', maxFiles: 0, maxFileBytes: 0 });
    expect(getIn(el.value, 'workItem.fields.2.accept')).to.deep.equal([]);
    const choices = control<HTMLTextAreaElement>(receipt(), 'Choices');
    expect(choices.getAttribute('aria-invalid')).to.equal('true');
    type(choices, 'Till\nOnline');
    await el.updateComplete;
    expect(el.profile.workItem.fields[2]).to.include({ type: 'select', required: true });
    expect(el.profile.workItem.fields[2].options).to.deep.equal(['Till', 'Online']);
    await expect(el).to.be.accessible();
  });

  it('marks each file setting outside its limits at its control', async () => {
    const { el } = await editingForm();
    const photos = group(el, 'Field 2: Photos');
    const types = inner(photos, 'Accepted file types');
    control(types, 'PNG image').click();
    await el.updateComplete;
    const png = control(types, 'PNG image');
    expect(ticked(types)).to.deep.equal([]);
    expect(png.getAttribute('aria-invalid')).to.equal('true');
    expect(description(png)).to.contain('Tick one or more of the file types listed.');
    control(types, 'GIF image').click();
    await el.updateComplete;
    expect(png.getAttribute('aria-invalid')).to.equal('false');

    const most = control(photos, 'Most files');
    expect([most.min, most.max]).to.deep.equal(['1', String(LIMITS.attachmentMaxFiles)]);
    for (const [value, invalid] of [['0', 'true'], ['11', 'true'], ['1', 'false'], ['10', 'false']] as const) {
      type(most, value);
      await el.updateComplete;
      expect(most.getAttribute('aria-invalid'), value).to.equal(invalid);
    }
    expect(description(most)).to.contain('From 1 to 10.');
    type(most, '11');
    await el.updateComplete;
    expect(description(most)).to.contain('Enter a whole number from 1 to 10.');

    const size = control(photos, 'Largest file');
    for (const [value, invalid] of [['10.01', 'true'], ['0.0005', 'true'], ['', 'true'], ['10', 'false'], ['0.001', 'false']] as const) {
      type(size, value);
      await el.updateComplete;
      expect(size.getAttribute('aria-invalid'), value).to.equal(invalid);
    }
    expect(getIn(el.value, 'workItem.fields.1.maxFileBytes')).to.equal(Math.round(0.001 * MIB));
  });

  it('reorders and removes form fields, keeping focus with the field; a form needs one field', async () => {
    const { el } = await editingForm();
    const down = button(group(el, 'Field 1: Your name'), 'Move down: Your name');
    down.focus();
    down.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.profile.workItem.fields.map((f) => f.id)).to.deep.equal(['photos', 'name']);
    expect(nameOf(root(el).activeElement as HTMLElement)).to.equal('Move up: Your name');

    button(group(el, 'Field 1: Photos'), 'Remove: Photos').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.profile.workItem.fields.map((f) => f.id)).to.deep.equal(['name']);
    expect(nameOf(root(el).activeElement as HTMLElement)).to.equal('Remove: Your name');

    button(group(el, 'Field 1: Your name'), 'Remove: Your name').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(nameOf(root(el).activeElement as HTMLElement)).to.equal('Add a field');
    expect(el.issues.map((i) => i.field)).to.deep.equal(['workItem.fields']);
    expect(deepTextOf(el)).to.contain('A form has 1 to 20 fields.');
    await expect(el).to.be.accessible();
  });

  it('stops at twenty form fields and says so', async () => {
    const fields = Array.from({ length: LIMITS.workItemMaxFields }, (_, i) => ({
      id: `f${i}`, type: 'text', label: `Q${i}`, labels: {}, required: false, options: [], accept: [], maxFiles: 0, maxFileBytes: 0,
    }));
    const { el, inputs } = await editingForm(setIn(defaults(), 'workItem.fields', fields));
    const add = button(root(el), 'Add a field');
    expect(add.getAttribute('aria-disabled')).to.equal('true');
    expect(description(add)).to.contain('The form has the most fields allowed (20).');
    add.click();
    expect(inputs).to.have.length(0);
  });

  it('edits a work-item form in French', async () => {
    const { el } = await editingForm(formDraft(), 'fr');
    expect(headings(el)).to.include('Champs du formulaire');
    const photos = group(el, 'Champ 2\u202f: Photos');
    expect(ticked(inner(photos, 'Types de fichiers acceptés'))).to.deep.equal(['Image PNG']);
    expect(control(photos, 'Taille maximale par fichier').value).to.equal('2');
    expect(optionTexts(control<HTMLSelectElement>(photos, 'Type'))).to.include('Envoi de fichiers');
    await expect(el).to.be.accessible();
  });

  // Language ---------------------------------------------------------------------------------------

  it('speaks French with locale="fr"', async () => {
    const { el } = await mount(defaults(), 'fr');
    expect(group(el, 'Couleurs claires')).to.exist;
    expect(control(root(el), 'Titre')).to.exist;
    expect(control(group(el, 'Couleurs claires'), 'Marque').value).to.equal(DEFAULT_PROFILE.theme.light.brand);
  });

  it('routes requests in French too', async () => {
    const { el } = await mount(setIn(defaults(), 'elevations.sms', { enabled: true, skillId: 'voice-1' }), 'fr', SKILLS);
    const callback = control<HTMLSelectElement>(group(el, 'Rappelez-moi'), 'Compétence');
    expect(optionTexts(callback)).to.deep.equal(['Aucune compétence', 'Callbacks', 'Weekend callbacks (désactivée)']);
    expect(description(callback)).to.contain('Les compétences de vos équipes pour les appels.');
    const sms = control<HTMLSelectElement>(group(el, 'Envoyez-moi un SMS'), 'Compétence');
    // description() folds the narrow no-break spaces of French punctuation into plain ones.
    expect(description(sms)).to.contain('Cette compétence traite les appels ; les demandes « Envoyez-moi un SMS » demandent une compétence pour les SMS.');
    const after = group(el, 'Après une demande faite depuis la discussion');
    expect(control(after, 'La discussion continue').checked).to.equal(true);
    expect(control(after, 'La discussion se termine')).to.exist;
    await expect(el).to.be.accessible();
  });
});
