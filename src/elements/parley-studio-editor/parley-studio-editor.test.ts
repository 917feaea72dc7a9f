// The profile form on its own, no server: each test plays the owner's part as <parley-studio>
// does — every `input` runs the core validator and hands the result back.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NUMBER_RANGES, type NumberPath } from '../../core/catalogues/studio.js';
import { elevationSkillIssues, type StudioSkill } from '../../core/elevation-skills.js';
import { DEFAULT_PROFILE, validateProfile } from '../../core/profile.js';
import { cloneJson, getIn, setIn, type Draft } from './draft.js';
import { ParleyStudioEditor } from './parley-studio-editor.js';

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

/**
 * An editor whose owner re-validates on each `input`, and checks the skills when it has them, as
 * <parley-studio> does; `inputs` records the drafts it received.
 */
async function mount(draft: Draft = defaults(), locale = 'en', skills: StudioSkill[] | null = null): Promise<{ el: ParleyStudioEditor; inputs: Draft[] }> {
  const el = await fixture<ParleyStudioEditor>(html`<parley-studio-editor locale=${locale} .skills=${skills}></parley-studio-editor>`);
  const apply = (d: Draft) => {
    const { profile, issues } = validateProfile(d);
    el.value = d;
    el.profile = profile;
    el.issues = skills ? [...issues, ...elevationSkillIssues(profile.elevations, skills)] : issues;
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
