// Runs against the real Parley server that web-test-runner.config.mjs starts (demo tenant, test
// password), signed in as the demo marketer. Every test that saves puts the demo profiles back as
// they were, so the other element tests see the seeded chats.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { API_PREFIX, DEMO_IDS, type ChatProfile, type StudioPoc, type StudioProfile } from '../../protocol/index.js';
import { rememberCsrfToken, signOut, staffFetch } from '../../core/staff-auth.js';
import {
  alertText,
  button,
  buttons,
  control,
  controls,
  deepActiveElement,
  deepAll,
  deepText,
  fillSignIn,
  nameOf,
  statusText,
  TEST_PASSWORD,
  until,
} from '../test-helpers.js';
import { ParleyStudio } from './parley-studio.js';

ParleyStudio.define('parley-studio');

const SERVER = window.PARLEY_TEST_SERVER;
const api = (path: string) => new URL(`${API_PREFIX}${path}`, SERVER).toString();
const MAIN = DEMO_IDS.chatPoc;
const SALES = DEMO_IDS.salesChatPoc;
const FORM = DEMO_IDS.workitemPoc;

// ---------------------------------------------------------------------------------------------
// Queries through shadow roots, by what a person (or a screen reader) perceives.

/** The fieldset whose legend reads `legend`. */
function group(el: Element, legend: string): HTMLFieldSetElement {
  const found = deepAll<HTMLFieldSetElement>(el, 'fieldset').filter((f) => f.querySelector(':scope > legend')?.textContent?.trim() === legend);
  if (found.length !== 1) throw new Error(`expected one group "${legend}", found ${found.length}`);
  return found[0];
}

/** The text of the elements that describe `control` (its hint, counter and problem). */
function description(control: HTMLElement): string {
  const root = control.getRootNode() as ShadowRoot;
  return (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

const preview = (el: Element) => deepAll<HTMLElement & { profile: ChatProfile }>(el, 'parley-chat', false)[0];
const saveButton = (el: Element) => button(el, /^(Save|Saving…)$/);

/** Types like a control does: sets the value and fires `input` (or `change` for selects). */
function setValue(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
}

// ---------------------------------------------------------------------------------------------
// Staff session, server state

async function login(username = 'marketer'): Promise<void> {
  const response = await fetch(api('/auth/login'), {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status}`);
  rememberCsrfToken(SERVER, ((await response.json()) as { csrfToken: string }).csrfToken);
}

async function logout(): Promise<void> {
  await signOut(SERVER);
}

async function stored(poc: string): Promise<StudioProfile> {
  const response = await fetch(api(`/studio/pocs/${poc}/profile`), { credentials: 'include' });
  if (!response.ok) throw new Error(`profile of ${poc}: ${response.status}`);
  return (await response.json()) as StudioProfile;
}

async function put(poc: string, profile: unknown): Promise<Response> {
  return staffFetch(SERVER, api(`/studio/pocs/${poc}/profile`), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ profile }),
  });
}

/** Counts the PUT requests the page makes while `fn` runs. */
async function countingPuts<T>(fn: () => Promise<T>): Promise<{ result: T; puts: number }> {
  const realFetch = window.fetch;
  let puts = 0;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'PUT') puts += 1;
    return realFetch(input, init);
  };
  try {
    return { result: await fn(), puts };
  } finally {
    window.fetch = realFetch;
  }
}

const originals = new Map<string, ChatProfile>();

before(async () => {
  await login();
  for (const poc of [MAIN, SALES, FORM]) originals.set(poc, (await stored(poc)).profile);
});

afterEach(async () => {
  await login();
  for (const [poc, profile] of originals) {
    const now = (await stored(poc)).profile;
    if (JSON.stringify(now) !== JSON.stringify(profile)) await put(poc, profile);
  }
});

// ---------------------------------------------------------------------------------------------
// Mounting

async function mount(attrs: { locale?: string } = {}): Promise<ParleyStudio> {
  return fixture<ParleyStudio>(html`<parley-studio server=${SERVER} locale=${attrs.locale ?? 'en'}></parley-studio>`);
}

/** Chooses `poc` in "Point of contact" and waits for its profile in the form. */
async function choose(el: ParleyStudio, poc: string): Promise<void> {
  await until(() => control<HTMLSelectElement>(el, 'Point of contact').options.length > 0 && control(el, 'Title'), 'the editor');
  const select = control<HTMLSelectElement>(el, 'Point of contact');
  if (select.value !== poc) setValue(select, poc);
  const title = originals.get(poc)!.texts.title;
  await until(() => control(el, 'Title').value === title && !el.dirty, `the profile of ${poc}`);
}

/** A signed-in studio editing `poc`. */
async function editing(poc: string = MAIN, attrs: { locale?: string } = {}): Promise<ParleyStudio> {
  await login();
  const el = await mount(attrs);
  await choose(el, poc);
  return el;
}

/**
 * Waits for the finite animations running in `el` and its shadow trees (the preview's panel
 * fading in) to end: axe reads colours mid-fade. Endless ones (a typing indicator) are skipped.
 */
async function settle(el: Element): Promise<void> {
  const roots: (Document | ShadowRoot)[] = [document];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of node.children) {
      if (child.shadowRoot) {
        roots.push(child.shadowRoot);
        walk(child.shadowRoot);
      }
      walk(child);
    }
  };
  walk(el);
  const running = roots.flatMap((r) => r.getAnimations()).filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
  await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
}

/** axe on the whole studio, after animations. */
async function accessible(el: ParleyStudio): Promise<void> {
  await el.updateComplete;
  await settle(el);
  await expect(el).to.be.accessible();
}

/**
 * axe on the studio while the edited profile has low contrast: the preview shows those colours on
 * purpose (it is what customers would see), so contrast is checked everywhere but in the preview.
 */
async function accessibleWithLowContrastPreview(el: ParleyStudio): Promise<void> {
  await el.updateComplete;
  await settle(el);
  await expect(el).to.be.accessible({ ignoredRules: ['color-contrast'] });
  const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
  const { violations } = await axe.run(
    { include: [el], exclude: [{ fromShadowDom: ['parley-studio', 'parley-chat'] }] },
    { runOnly: ['color-contrast'], resultTypes: ['violations'] },
  );
  expect(violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes)}`)).to.deep.equal([]);
}

async function saved(el: ParleyStudio): Promise<void> {
  await until(() => statusText(el).includes('Saved at'), 'the save');
}

// ---------------------------------------------------------------------------------------------

describe('<parley-studio>', () => {
  it('is accessible signed out', async () => {
    await logout();
    const el = await mount();
    await until(() => control(el, 'Username'), 'the sign-in form');
    await accessible(el);
  });

  it('is accessible while editing', async () => {
    const el = await editing();
    await until(() => preview(el), 'the preview');
    await accessible(el);
  });

  // Sign-in -------------------------------------------------------------------------------------

  it('signs a marketer in with the form and loads a chat point of contact', async () => {
    await logout();
    const el = await mount();
    await fillSignIn(el, 'marketer');
    await until(() => control(el, 'Title'), 'the editor');
    expect(deepText(el)).to.contain('Signed in as');
    const select = control<HTMLSelectElement>(el, 'Point of contact');
    const names = [...select.options].map((o) => o.textContent?.trim());
    expect(names).to.include.members(['Website chat', 'Sales chat']);
    expect(buttons(el, 'Sign out')).to.have.length(1);
  });

  it('tells an agent that the account cannot edit chat profiles', async () => {
    await logout();
    const el = await mount();
    await fillSignIn(el, 'agent1');
    await until(() => alertText(el).includes('Your account cannot edit chat profiles.'), 'the refusal');
    expect(controls(el, 'Point of contact')).to.have.length(0);
  });

  it('refuses a wrong password and puts the caret back in the password', async () => {
    await logout();
    const el = await mount();
    await fillSignIn(el, 'marketer', 'wrong');
    await until(() => alertText(el).includes('Wrong username or password.'), 'the error');
    expect(control(el, 'Password').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActiveElement()).to.equal(control(el, 'Password'));
  });

  it('speaks French with locale="fr"', async () => {
    await logout();
    const el = await mount({ locale: 'fr' });
    await fillSignIn(el, 'marketer', TEST_PASSWORD, { username: "Nom d'utilisateur", password: 'Mot de passe', submit: 'Se connecter' });
    await until(() => control(el, 'Titre'), 'the French editor');
    expect(controls(el, 'Point de contact')).to.have.length(1);
    expect(buttons(el, 'Enregistrer')).to.have.length(1);
    expect(deepText(el)).to.contain('Couleurs claires');
  });

  // Choosing a point of contact ----------------------------------------------------------------

  it('loads the profile of the point of contact chosen', async () => {
    const el = await editing(MAIN);
    await choose(el, SALES);
    const sales = (await stored(SALES)).profile;
    expect(control(el, 'Title').value).to.equal(sales.texts.title);
    expect(control(group(el, 'Light colours'), 'Brand').value).to.equal(sales.theme.light.brand);
    expect(control<HTMLSelectElement>(el, 'Position').value).to.equal(sales.launcher.position);
  });

  // Live validation ------------------------------------------------------------------------------

  it('shows a bad colour at its field as you type, and blocks Save with the reason', async () => {
    const el = await editing();
    const brand = control(group(el, 'Light colours'), 'Brand');
    const before = originals.get(MAIN)!.theme.light.brand;
    brand.focus();
    brand.select();
    await sendKeys({ type: 'red;}</style>' });
    await until(() => brand.getAttribute('aria-invalid') === 'true', 'the field marked invalid');
    expect(brand.value).to.equal('red;}</style>');
    expect(description(brand)).to.contain('Enter a colour as # and 6 hexadecimal digits');
    const save = saveButton(el);
    expect(save.getAttribute('aria-disabled')).to.equal('true');
    expect(description(save)).to.equal('Save is unavailable until 1 problem is fixed.');
    // The preview never receives the text: it keeps the last good colour.
    expect(preview(el).profile.theme.light.brand).to.equal(before);
    await accessible(el);

    const { puts } = await countingPuts(async () => {
      save.click();
      await el.updateComplete;
      await until(() => el.shadowRoot!.activeElement?.id === 'problems-heading', 'focus on the problem list');
    });
    expect(puts).to.equal(0);

    brand.select();
    await sendKeys({ type: '#8F2D56' });
    await until(() => brand.getAttribute('aria-invalid') === 'false', 'the field valid again');
    expect(el.profile.theme.light.brand).to.equal('#8f2d56');
    expect(preview(el).profile.theme.light.brand).to.equal('#8f2d56');
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('false');
  });

  it('shows an invalid number and an over-long text at their fields', async () => {
    const el = await editing();
    const radius = control(el, 'Corner radius');
    setValue(radius, '40');
    await el.updateComplete;
    expect(radius.getAttribute('aria-invalid')).to.equal('true');
    expect(description(radius)).to.contain('Enter a whole number from 0 to 32.');
    const title = control(el, 'Title');
    setValue(title, 'x'.repeat(61));
    await el.updateComplete;
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(description(title)).to.contain('61 of 60 characters');
    expect(description(title)).to.contain('Use at most 60 characters (now 61).');
    expect(deepText(el)).to.contain('Problems to fix before saving (2)');
    await accessible(el);
  });

  it('warns of low contrast at the colour with its ratio; the override then allows the save', async () => {
    const el = await editing();
    const light = group(el, 'Light colours');
    setValue(control(light, 'Brand'), '#1a5fb4');
    const onBrand = control(light, 'Text on brand');
    setValue(onBrand, '#3a7fd4');
    await el.updateComplete;
    expect(onBrand.getAttribute('aria-invalid')).to.equal('true');
    expect(description(onBrand)).to.match(/Contrast with Brand is 1\.\d\d:1, under the 4\.5:1/);
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('true');
    await accessibleWithLowContrastPreview(el);

    control(el, 'Allow low contrast (not recommended)').click();
    await el.updateComplete;
    expect(onBrand.getAttribute('aria-invalid')).to.equal('false');
    expect(description(onBrand)).to.match(/Warning: Contrast with Brand is 1\.\d\d:1/);
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('false');
    saveButton(el).click();
    await saved(el);
    const after = (await stored(MAIN)).profile;
    expect(after.allowLowContrast).to.equal(true);
    expect(after.theme.light.onBrand).to.equal('#3a7fd4');
    await accessibleWithLowContrastPreview(el);
  });

  // Saving ----------------------------------------------------------------------------------------

  it('saves: the server then returns the saved profile, and the history lists the change', async () => {
    const el = await editing();
    setValue(control(group(el, 'Light colours'), 'Brand'), '#8f2d56');
    setValue(control(el, 'Title'), 'Talk to Acme');
    await el.updateComplete;
    expect(el.dirty).to.equal(true);
    expect(description(saveButton(el))).to.equal('Unsaved changes');
    saveButton(el).click();
    await saved(el);
    const after = await stored(MAIN);
    expect(after.profile.texts.title).to.equal('Talk to Acme');
    expect(after.profile.theme.light.brand).to.equal('#8f2d56');
    expect(el.dirty).to.equal(false);
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(description(saveButton(el))).to.equal('No changes to save.');
    const history = () => deepText(el.shadowRoot!.querySelector('.history')!);
    await until(() => history().includes('Talk to Acme'), 'the history entry');
    expect(history()).to.contain('Title (English):');
    expect(history()).to.contain('Light colours: Brand:');
    expect(history()).to.contain('#8f2d56');
    expect(history()).to.contain('Morgan');
  });

  it('shows progress while saving, then success, accessible in both states', async () => {
    const el = await editing();
    setValue(control(el, 'Subtitle'), 'We answer within minutes');
    // Holds the real request until the test has looked at the waiting state.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const realFetch = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'PUT') await gate;
      return realFetch(input, init);
    };
    try {
      saveButton(el).click();
      await until(() => nameOf(saveButton(el)) === 'Saving…', 'the saving state');
      expect(saveButton(el).getAttribute('aria-disabled')).to.equal('true');
      expect(statusText(el)).to.contain('Saving…');
      await accessible(el);
      release();
      await saved(el);
    } finally {
      window.fetch = realFetch;
    }
    expect(nameOf(saveButton(el))).to.equal('Save');
    await accessible(el);
  });

  it("puts the server's field-level refusal on the fields", async () => {
    const el = await editing();
    setValue(control(el, 'Title'), 'Fine here');
    // The real server refuses only what the shared validator refuses, which the form already
    // blocks; a refusal is therefore simulated, in the documented 400 shape.
    const realFetch = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'PUT'
        ? new Response(
            JSON.stringify({
              error: { code: 'invalid_profile', message: 'the profile has 1 problem(s)', field: 'texts.title' },
              issues: [{ field: 'texts.title', code: 'invalid_value', message: 'texts.title is not allowed' }],
            }),
            { status: 400, headers: { 'content-type': 'application/json' } },
          )
        : realFetch(input, init);
    try {
      saveButton(el).click();
      await until(() => alertText(el).includes('The server refused the profile'), 'the refusal');
    } finally {
      window.fetch = realFetch;
    }
    const title = control(el, 'Title');
    expect(title.getAttribute('aria-invalid')).to.equal('true');
    expect(description(title)).to.contain('Error:');
    expect(el.dirty).to.equal(true);
    await accessible(el);
    setValue(title, 'Fine here too');
    await el.updateComplete;
    expect(title.getAttribute('aria-invalid')).to.equal('false');
  });

  // Requests: where they route, and what follows them ---------------------------------------------

  /** The studio, signed in and editing the main POC, with `GET /studio/skills` answered through `change`. */
  async function editingWithSkills(change: (skills: { id: string; name: string; channel: string; active: boolean }[]) => void): Promise<ParleyStudio> {
    await login();
    const realFetch = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await realFetch(input, init);
      if (!String(input).endsWith('/studio/skills') || !response.ok) return response;
      const body = (await response.json()) as { skills: { id: string; name: string; channel: string; active: boolean }[] };
      change(body.skills);
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    try {
      const el = await mount();
      await choose(el, MAIN);
      return el;
    } finally {
      window.fetch = realFetch;
    }
  }

  it("routes each request to a skill of the tenant chosen from a list; what follows a request is saved", async () => {
    const el = await editing();
    const callback = control<HTMLSelectElement>(group(el, 'Call me back'), 'Skill');
    expect(callback.value).to.equal('demo-skill-voice');
    expect([...callback.options].map((o) => o.textContent!.trim())).to.deep.equal(['No skill', 'Callbacks']);
    expect(control<HTMLSelectElement>(group(el, 'Email me'), 'Skill').value).to.equal('demo-skill-email');

    setValue(callback, '');
    await el.updateComplete;
    expect(callback.getAttribute('aria-invalid')).to.equal('true');
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(deepText(el)).to.contain('Call me back: Skill');
    setValue(callback, 'demo-skill-voice');
    control(group(el, 'After a request made from the chat'), 'The chat ends').click();
    await el.updateComplete;
    expect(callback.getAttribute('aria-invalid')).to.equal('false');
    saveButton(el).click();
    await saved(el);
    const after = (await stored(MAIN)).profile.elevations;
    expect(after.afterRequest).to.equal('end');
    expect(after.callback).to.deep.equal({ enabled: true, skillId: 'demo-skill-voice' });
    await accessible(el);
  });

  it("puts the server's refusal of a skill at its field, and saves nothing", async () => {
    // A skill removed after the list was loaded: the form cannot know, the server refuses it.
    const el = await editingWithSkills((skills) => skills.push({ id: 'demo-skill-retired', name: 'Old callbacks', channel: 'voice', active: true }));
    const callback = control<HTMLSelectElement>(group(el, 'Call me back'), 'Skill');
    setValue(callback, 'demo-skill-retired');
    await el.updateComplete;
    expect(callback.getAttribute('aria-invalid')).to.equal('false');
    saveButton(el).click();
    await until(() => alertText(el).includes('The server refused the profile'), 'the refusal');
    expect(callback.getAttribute('aria-invalid')).to.equal('true');
    expect(description(callback)).to.contain('Error: This skill belongs to none of your teams. Choose one from the list.');
    expect(deepText(el)).to.contain('Problems to fix before saving (1)');
    expect((await stored(MAIN)).profile.elevations.callback.skillId).to.equal('demo-skill-voice');
    await accessible(el);
    setValue(callback, 'demo-skill-voice');
    await el.updateComplete;
    expect(callback.getAttribute('aria-invalid')).to.equal('false');
  });

  it('marks a deactivated skill that an offered request still uses, before any save', async () => {
    const el = await editingWithSkills((skills) => {
      const voice = skills.find((s) => s.id === 'demo-skill-voice')!;
      voice.active = false;
    });
    const callback = control<HTMLSelectElement>(group(el, 'Call me back'), 'Skill');
    await until(() => callback.getAttribute('aria-invalid') === 'true', 'the problem at the skill');
    expect(callback.selectedOptions[0].textContent!.trim()).to.equal('Callbacks (deactivated)');
    expect(description(callback)).to.contain('This skill is deactivated.');
    expect(deepText(el)).to.contain('Problems to fix before saving (1)');
    control(group(el, 'Call me back'), 'Offer “Call me back”').click();
    await el.updateComplete;
    expect(callback.getAttribute('aria-invalid')).to.equal('false');
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('false');
  });

  it('saves with Ctrl+S', async () => {
    const el = await editing();
    const title = control(el, 'Title');
    title.focus();
    title.select();
    await sendKeys({ type: 'Saved by keyboard' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 's' });
    await sendKeys({ up: 'Control' });
    await saved(el);
    expect((await stored(MAIN)).profile.texts.title).to.equal('Saved by keyboard');
  });

  it('keeps unsaved work through an expired session', async () => {
    const el = await editing();
    setValue(control(el, 'Title'), 'Unsaved title');
    await logout();
    saveButton(el).click();
    await until(() => statusText(el).includes('Your session has ended.'), 'the sign-in form');
    await fillSignIn(el, 'marketer');
    await until(() => control(el, 'Title').value === 'Unsaved title', 'the draft back');
    expect(el.dirty).to.equal(true);
  });

  // Live preview ----------------------------------------------------------------------------------

  it('previews the real chat as you type, in light or dark, wide or narrow, English or French; the draft stays', async () => {
    const el = await editing();
    setValue(control(el, 'Title'), 'Draft title');
    await el.updateComplete;
    const chat = preview(el);
    expect(chat.hasAttribute('preview')).to.equal(true);
    expect(chat.profile.texts.title).to.equal('Draft title');
    await until(() => deepText(chat).includes('Draft title'), 'the title in the preview');

    control(el, 'Dark').click();
    control(el, 'Phone (390 px)').click();
    control(el, 'French').click();
    await el.updateComplete;
    expect(chat.getAttribute('color-scheme')).to.equal('dark');
    expect(chat.getAttribute('locale')).to.equal('fr');
    expect(Math.round(chat.getBoundingClientRect().width)).to.equal(390);
    expect(control(el, 'Title').value).to.equal('Draft title');
    expect(el.dirty).to.equal(true);
    expect(preview(el)).to.equal(chat);

    control(el, 'Desktop').click();
    await el.updateComplete;
    expect(chat.getBoundingClientRect().width).to.be.greaterThan(390);
    await accessible(el);
  });

  it('edits French texts in their own tab, with counters, and the English text as placeholder', async () => {
    const el = await editing(SALES);
    const tabs = deepAll(el, '[role="tab"]');
    expect(tabs.map(nameOf)).to.deep.equal(['English (base)', 'French']);
    tabs[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => deepAll(el, '[role="tab"][aria-selected="true"]').map(nameOf)[0] === 'French', 'the French tab');
    expect(nameOf(deepAll(el, '[role="tab"]').find((t) => t.matches(':focus'))!)).to.equal('French');
    const title = control(el, 'Title');
    expect(title.value).to.equal(originals.get(SALES)!.translations.fr?.title ?? '');
    setValue(title, 'Discutons');
    await el.updateComplete;
    expect(el.profile.translations.fr?.title).to.equal('Discutons');
    expect(description(title)).to.contain('9 of 60 characters');
    const label = control(el, 'Launcher label');
    setValue(label, '');
    await el.updateComplete;
    expect(label.placeholder).to.equal(originals.get(SALES)!.texts.launcherLabel);
    expect(el.profile.translations.fr?.launcherLabel).to.equal(undefined);
  });

  // Import, export, presets ---------------------------------------------------------------------

  it('imports a hostile file: every problem is listed, nothing is saved, nothing leaks', async () => {
    const el = await editing();
    const hostile =
      '{"version":2,"evil":"<img src=x onerror=window.__pwned=1>","__proto__":{"polluted":"yes"},' +
      '"constructor":{"prototype":{"polluted":"yes"}},"theme":{"light":{"brand":"url(javascript:alert(1))"}},' +
      '"texts":{"title":"Imported","__proto__":{"polluted":"yes"}}}';
    const input = deepAll<HTMLInputElement>(el, 'input[type="file"]', false)[0];
    const files = new DataTransfer();
    files.items.add(new File([hostile], 'hostile.json', { type: 'application/json' }));
    const { puts } = await countingPuts(async () => {
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await until(() => alertText(el).includes('“hostile.json” imported with 5 problems'), 'the import report');
      saveButton(el).click();
      await el.updateComplete;
    });
    expect(puts).to.equal(0);
    const problems = deepText(el.shadowRoot!.querySelector('.problems')!);
    for (const field of ['“evil”', '“__proto__”', '“constructor”', '“texts.__proto__”']) expect(problems).to.contain(field);
    expect(problems).to.contain('Light colours: Brand');
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('true');
    expect(control(el, 'Title').value).to.equal('Imported');
    expect(control(group(el, 'Light colours'), 'Brand').value).to.equal('url(javascript:alert(1))');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(deepAll(el, 'img', false).filter((img) => img.getAttribute('src') === 'x')).to.have.length(0);
    expect((await stored(MAIN)).profile).to.deep.equal(originals.get(MAIN));
    await accessible(el);

    button(el, 'Remove unknown settings and reset invalid values').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.problems')).to.equal(null);
    expect(control(el, 'Title').value).to.equal('Imported');
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('false');
  });

  it('refuses a file that is not JSON, with an alert', async () => {
    const el = await editing();
    await el.importFile(new File(['not json {'], 'notes.txt'));
    await el.updateComplete;
    expect(alertText(el)).to.contain('“notes.txt” is not a JSON file Parley can read.');
    expect(el.dirty).to.equal(false);
  });

  it('exports the profile being edited as a JSON download', async () => {
    const el = await editing();
    setValue(control(el, 'Title'), 'Exported title');
    await el.updateComplete;
    const realCreate = URL.createObjectURL;
    let blob: Blob | null = null;
    URL.createObjectURL = (b: Blob | MediaSource) => {
      blob = b as Blob;
      return realCreate.call(URL, b);
    };
    const clicks: HTMLAnchorElement[] = [];
    const realClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(this);
    };
    try {
      button(el, 'Export JSON').click();
    } finally {
      URL.createObjectURL = realCreate;
      HTMLAnchorElement.prototype.click = realClick;
    }
    expect(clicks).to.have.length(1);
    expect(clicks[0].download).to.equal(`parley-profile-${MAIN}.json`);
    const doc = JSON.parse(await blob!.text()) as ChatProfile;
    expect(doc.texts.title).to.equal('Exported title');
    expect(doc.version).to.equal(2);
    await el.updateComplete;
    expect(statusText(el)).to.contain(`parley-profile-${MAIN}.json`);
  });

  it('applies a preset to the look only, says so, and can undo it', async () => {
    const el = await editing();
    setValue(control(el, 'Title'), 'Keep this title');
    const presets = (await (await fetch(api('/studio/presets'), { credentials: 'include' })).json()) as { presets: { id: string; name: string; profile: ChatProfile }[] };
    const dark = presets.presets.find((p) => p.id === 'dark')!;
    await until(() => control<HTMLSelectElement>(el, 'Preset'), 'the presets');
    setValue(control<HTMLSelectElement>(el, 'Preset'), 'dark');
    button(el, 'Apply preset').click();
    await el.updateComplete;
    expect(el.profile.theme.mode).to.equal('dark');
    expect(el.profile.theme.dark).to.deep.equal(dark.profile.theme.dark);
    expect(el.profile.launcher.icon).to.equal(dark.profile.launcher.icon);
    expect(el.profile.texts.title).to.equal('Keep this title');
    expect(el.profile.launcher.position).to.equal(originals.get(MAIN)!.launcher.position);
    expect(statusText(el)).to.contain('“Dark” applied');
    expect(statusText(el)).to.contain('texts, pre-chat form and settings kept. Not saved yet.');
    expect(preview(el).profile.theme.mode).to.equal('dark');

    button(el, 'Undo').click();
    await el.updateComplete;
    expect(el.profile.theme).to.deep.equal(originals.get(MAIN)!.theme);
    expect(el.profile.texts.title).to.equal('Keep this title');
  });

  // Leaving with unsaved changes ------------------------------------------------------------------

  it('asks before leaving a point of contact with unsaved changes', async () => {
    const el = await editing(MAIN);
    setValue(control(el, 'Title'), 'Not saved yet');
    const select = control<HTMLSelectElement>(el, 'Point of contact');
    setValue(select, SALES);
    await until(() => deepAll(el, 'dialog[open]').length === 1, 'the question');
    const dialog = deepAll(el, 'dialog[open]')[0];
    expect(deepText(dialog)).to.contain('Discard unsaved changes?');
    expect(deepText(dialog)).to.contain('If you switch to “Sales chat”, they are lost.');
    expect(select.value).to.equal(MAIN);
    await accessible(el);

    button(dialog, 'Keep editing').click();
    await until(() => deepAll(el, 'dialog[open]').length === 0, 'the dialog closed');
    expect(control(el, 'Title').value).to.equal('Not saved yet');

    setValue(select, SALES);
    await until(() => deepAll(el, 'dialog[open]').length === 1, 'the question again');
    button(deepAll(el, 'dialog[open]')[0], 'Discard changes').click();
    await until(() => control(el, 'Title').value === originals.get(SALES)!.texts.title, 'the other profile');
    expect(el.dirty).to.equal(false);
  });

  // Work-item forms -------------------------------------------------------------------------------

  /** The section headings of the form. */
  const sections = (el: ParleyStudio) => deepAll(el.shadowRoot!.querySelector('parley-studio-editor')!, 'section > h2').map((h) => h.textContent!.trim());
  /** The work-item form the preview shows. */
  const formPreview = (el: ParleyStudio) => deepAll<HTMLElement & { profile: ChatProfile | null }>(el, 'parley-work-item', false)[0];

  it('lists chats and work-item forms apart in the point-of-contact list', async () => {
    const el = await editing();
    const select = control<HTMLSelectElement>(el, 'Point of contact');
    const groups = [...select.querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent!.trim())]);
    // Other tests share the server and may have made POCs: the list is the server's, grouped.
    const listed = ((await (await fetch(new URL(`${API_PREFIX}/studio/pocs`, SERVER), { credentials: 'include' })).json()) as { pocs: StudioPoc[] }).pocs;
    // A deactivated POC (another test's) is listed with its state after its name.
    const names = (channel: string) => listed.filter((p) => p.channel === channel).map((p) => (p.active ? p.name : `${p.name} (inactive)`));
    expect(names('chat')).to.include.members(['Sales chat', 'Website chat']);
    expect(names('workitem')).to.include.members(['Returns form']);
    expect(groups).to.deep.equal([
      ['Chat', names('chat')],
      ['Work-item form', names('workitem')],
    ]);
  });

  it('is accessible editing a work-item form', async () => {
    const el = await editing(FORM);
    await until(() => deepText(formPreview(el)).includes(originals.get(FORM)!.texts.title), 'the form preview');
    await accessible(el);
  });

  it('edits a work-item form: what the form uses, its fields saved, the real form in the preview', async () => {
    const el = await editing(FORM);
    expect(sections(el)).to.deep.equal(['Colours', 'Texts', 'Font and layout', 'Form fields']);
    expect(controls(el, 'Position')).to.have.length(0);
    expect(controls(el, 'Greeting')).to.have.length(0);
    expect(preview(el)).to.equal(undefined);
    expect(controls(el, 'Conversation')).to.have.length(0);
    const fields = originals.get(FORM)!.workItem.fields;
    const form = formPreview(el);
    expect(form.hasAttribute('poc'), 'nothing can be filed from the preview').to.equal(false);
    await until(() => deepText(form).includes(originals.get(FORM)!.texts.title), 'the title in the preview');
    for (const f of fields) expect(deepText(form)).to.contain(f.label);

    button(el, 'Add a field').click();
    await el.updateComplete;
    const added = group(el, `Field ${fields.length + 1}: New question`);
    setValue(control(added, 'Label (English)'), 'Serial number');
    await until(() => deepText(form).includes('Serial number'), 'the new field in the preview');
    expect(form.profile!.workItem.fields.map((f) => f.label)).to.include('Serial number');
    setValue(control(el, 'Subtitle'), 'We answer by email.');
    control(el, 'French').click();
    await el.updateComplete;
    // The preview's language: the French title.
    expect(form.getAttribute('locale')).to.equal('fr');
    await until(() => deepText(form).includes(originals.get(FORM)!.translations.fr!.title!), 'the French title in the preview');
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('false');
    saveButton(el).click();
    await saved(el);
    const after = (await stored(FORM)).profile;
    expect(after.workItem.fields.map((f) => f.label)).to.deep.equal([...fields.map((f) => f.label), 'Serial number']);
    expect(after.texts.subtitle).to.equal('We answer by email.');
    expect(after.launcher).to.deep.equal(originals.get(FORM)!.launcher);
    const history = () => deepText(el.shadowRoot!.querySelector('.history')!);
    await until(() => history().includes('Form fields:'), 'the history entry');
  });

  it('refuses a file field outside its limits before any save, at its field', async () => {
    const el = await editing(FORM);
    const index = originals.get(FORM)!.workItem.fields.findIndex((f) => f.type === 'file');
    const label = originals.get(FORM)!.workItem.fields[index].label;
    const files = group(el, `Field ${index + 1}: ${label}`);
    const size = control(files, 'Largest file');
    setValue(size, '50');
    await el.updateComplete;
    expect(size.getAttribute('aria-invalid')).to.equal('true');
    expect(deepText(el)).to.contain(`Form field ${index + 1}: Largest file`);
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('true');
    await accessible(el);
    button(el, `Form field ${index + 1}: Largest file`).click();
    await until(() => deepActiveElement() === size, 'focus on the field');
  });

  it("chooses the work-item form a chat's left messages go to, and saves it", async () => {
    const el = await editing(MAIN);
    const behaviour = control<HTMLSelectElement>(el, 'When the chat is closed');
    expect(behaviour.value).to.equal(originals.get(MAIN)!.offline.behaviour);
    setValue(behaviour, 'leave-message');
    await el.updateComplete;
    const form = control<HTMLSelectElement>(el, 'Form that takes the messages');
    expect([...form.options].map((o) => o.textContent!.trim())).to.deep.equal(['Choose a form', 'Returns form']);
    setValue(form, '');
    await el.updateComplete;
    expect(form.getAttribute('aria-invalid')).to.equal('true');
    expect(saveButton(el).getAttribute('aria-disabled')).to.equal('true');
    await accessible(el);
    setValue(form, FORM);
    setValue(control(el, 'Title'), 'Closed? Leave us a message');
    await el.updateComplete;
    expect(form.getAttribute('aria-invalid')).to.equal('false');
    saveButton(el).click();
    await saved(el);
    expect((await stored(MAIN)).profile.offline).to.deep.equal({ behaviour: 'leave-message', workItemPoc: FORM });
    setValue(behaviour, 'hide');
    await el.updateComplete;
    expect(controls(el, 'Form that takes the messages')).to.have.length(0);
  });

  it("puts the server's refusal of the form at its field", async () => {
    const el = await editing(MAIN);
    setValue(control<HTMLSelectElement>(el, 'When the chat is closed'), 'leave-message');
    await el.updateComplete;
    // A form removed after the list was loaded: only the server can know.
    const form = control<HTMLSelectElement>(el, 'Form that takes the messages');
    const gone = document.createElement('option');
    gone.value = 'demo-workitem-gone';
    form.append(gone);
    setValue(form, 'demo-workitem-gone');
    await el.updateComplete;
    saveButton(el).click();
    await until(() => alertText(el).includes('The server refused the profile'), 'the refusal');
    const refused = control<HTMLSelectElement>(el, 'Form that takes the messages');
    expect(refused.getAttribute('aria-invalid')).to.equal('true');
    expect(description(refused)).to.contain('Error: This form is none of your teams’. Choose one from the list.');
    expect((await stored(MAIN)).profile.offline).to.deep.equal(originals.get(MAIN)!.offline);
    await accessible(el);
  });

  it('switches without asking when nothing is unsaved', async () => {
    const el = await editing(MAIN);
    setValue(control<HTMLSelectElement>(el, 'Point of contact'), SALES);
    await until(() => control(el, 'Title').value === originals.get(SALES)!.texts.title, 'the other profile');
    expect(deepAll(el, 'dialog[open]')).to.have.length(0);
  });
});
