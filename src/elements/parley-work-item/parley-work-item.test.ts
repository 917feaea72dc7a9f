/**
 * `<parley-work-item>` against the real test server (web-test-runner.config.mjs): the demo's
 * "Returns form" POC, its profile, and the real intake, whose stored items the tests read back
 * through the `parley-work-items` test-runner command.
 *
 * Where a test needs the server out of reach, it points the form at a closed loopback port (with
 * the real profile handed over, since none can load from there). Where it needs an answer to be
 * lost on its way back, or a request to be held, it wraps `window.fetch` and says so: the request
 * still reaches the real server; only what the element receives is changed.
 */
import { aTimeout, expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import { defineParleyElements } from '../../define.js';
import type { ParleyWorkItemSubmittedEvent } from '../../events/parley-work-item-submitted-event.js';
import { DEMO_IDS, type ChatProfile, type PublicChatProfile } from '../../protocol/index.js';
import type { ParleyWorkItem } from './parley-work-item.js';

defineParleyElements();

const SERVER = window.PARLEY_TEST_SERVER;
const POC = DEMO_IDS.workitemPoc;
/** A loopback port nothing listens on (binding it needs root): every request to it fails. */
const CLOSED = 'http://127.0.0.1:2';

// ---------------------------------------------------------------------------------------------
// helpers: read through labels, roles and documented parts

const scope = (el: ParleyWorkItem): ShadowRoot => el.shadowRoot!;
const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const part = (el: ParleyWorkItem, name: string): HTMLElement | null => scope(el).querySelector(`[part~="${name}"]`);
const parts = (el: ParleyWorkItem, name: string): HTMLElement[] => [...scope(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const submitButton = (el: ParleyWorkItem): HTMLButtonElement => part(el, 'work-item-submit') as HTMLButtonElement;
const statusText = (el: ParleyWorkItem): string => text(scope(el).querySelector('[role="status"]'));
const alertText = (el: ParleyWorkItem): string => text(scope(el).querySelector('[role="alert"]'));
const liveText = (el: ParleyWorkItem): string => text(scope(el).querySelector('[aria-live="polite"]'));
const focused = (el: ParleyWorkItem): Element | null => scope(el).activeElement;
const reference = (el: ParleyWorkItem): string => text(part(el, 'work-item-reference'));

/** The control a label names, found the way assistive technology does: through `label[for]`. */
function control<T extends HTMLElement = HTMLInputElement>(el: ParleyWorkItem, label: string): T {
  const l = [...scope(el).querySelectorAll('label')].find((x) => text(x).replace(/\s*\*$/, '') === label);
  if (!l) throw new Error(`no field labelled ${label}; labels: ${[...scope(el).querySelectorAll('label')].map((x) => text(x)).join(' | ')}`);
  return scope(el).getElementById(l.htmlFor) as unknown as T;
}
/** The error a control is described by ('' when none). */
function errorOf(el: ParleyWorkItem, label: string): string {
  return (control(el, label).getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter((id) => id.startsWith('error-'))
    .map((id) => text(scope(el).getElementById(id)))
    .join(' ');
}

/** A form on the demo POC of the test server, once its fields show. */
async function form(attrs: { locale?: string; server?: string; poc?: string; profile?: ChatProfile | null } = {}): Promise<ParleyWorkItem> {
  const el = await fixture<ParleyWorkItem>(html`<parley-work-item
    poc=${attrs.poc ?? POC}
    server=${attrs.server ?? SERVER}
    locale=${attrs.locale ?? 'en'}
    .profile=${attrs.profile ?? null}
  ></parley-work-item>`);
  await waitUntil(() => part(el, 'work-item-form'), 'the form appears once the profile loaded', { timeout: 5000 });
  return el;
}

async function returnsProfile(): Promise<PublicChatProfile> {
  return (await fetch(`${SERVER}/api/v1/pocs/${POC}/profile`)).json();
}

/** Sets a control's value as typing or choosing does (one `input` and `change`). */
function fill(el: ParleyWorkItem, label: string, value: string | boolean): void {
  const c = control<HTMLInputElement>(el, label);
  if (typeof value === 'boolean') c.checked = value;
  else c.value = value;
  c.dispatchEvent(new Event('input', { bubbles: true }));
  c.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Chooses files in a file field, as the picker does. */
function choose(el: ParleyWorkItem, label: string, files: File[]): void {
  const input = control<HTMLInputElement>(el, label);
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A real PNG, drawn on a canvas. */
async function png(name: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 8;
  canvas.getContext('2d')!.fillRect(0, 0, 4, 4);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

/** Fills every required field of the returns form with good answers. */
async function fillValid(el: ParleyWorkItem, name = 'Ada Lovelace'): Promise<void> {
  fill(el, 'Your name', name);
  fill(el, 'Email', 'ada@example.com');
  fill(el, 'Order number', 'A-1042');
  fill(el, 'Reason', 'Damaged');
  fill(el, 'What happened?', 'The lid arrived cracked.');
  await el.updateComplete;
}

interface StoredItem {
  id: string;
  reference: string;
  requestId: string | null;
  source: string | null;
  fields: { id: string; value: unknown }[];
  attachments: { fieldId: string; name: string; type: string; size: number }[];
}
const storedItems = async (): Promise<StoredItem[]> => (await executeServerCommand('parley-work-items', { poc: POC })) as StoredItem[];

/** Collects console.error calls until restored. */
function spyConsoleError(): { calls: unknown[][]; restore(): void } {
  const original = console.error;
  const calls: unknown[][] = [];
  console.error = (...args: unknown[]) => void calls.push(args);
  return { calls, restore: () => void (console.error = original) };
}

const isIntake = (input: RequestInfo | URL, init?: RequestInit): boolean =>
  (init?.method ?? 'GET') === 'POST' && String(input instanceof Request ? input.url : input).includes('/work-items');

/**
 * Wraps `window.fetch` for the intake requests only (everything else passes untouched): `each`
 * decides what the element receives, given the real fetch. Records each intake request's
 * idempotency key. Restored by `restore()`.
 */
function wrapIntake(each: (real: () => Promise<Response>, n: number) => Promise<Response> = (real) => real()) {
  const original = window.fetch;
  const keys: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (!isIntake(input, init)) return original(input, init);
    const headers = new Headers(init?.headers);
    keys.push(headers.get('idempotency-key') ?? '');
    return each(() => original(input, init), keys.length);
  };
  return { keys, restore: () => void (window.fetch = original) };
}

beforeEach(() => sessionStorage.clear());
afterEach(async () => {
  await emulateMedia({ colorScheme: 'light' });
});

// ---------------------------------------------------------------------------------------------

describe('parley-work-item', () => {
  it('is accessible', async () => {
    const el = await form();
    await expect(el).to.be.accessible();
  });

  it('is accessible in each state: invalid, submitting, offline, done; dark too', async () => {
    const el = await form();
    submitButton(el).click();
    await el.updateComplete;
    expect(el.matches(':state(invalid)')).to.equal(true);
    await expect(el).to.be.accessible();

    // Submitting: the request is held (window.fetch wrapped) until released, then goes to the server.
    await fillValid(el);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const wrap = wrapIntake(async (real) => {
      await held;
      return real();
    });
    try {
      submitButton(el).click();
      await el.updateComplete;
      expect(el.matches(':state(submitting)')).to.equal(true);
      expect(submitButton(el).getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => el.matches(':state(done)'), 'filed');
      await expect(el).to.be.accessible();
      await emulateMedia({ colorScheme: 'dark' });
      await expect(el).to.be.accessible();
    } finally {
      wrap.restore();
    }

    // Offline: the server is out of reach.
    const { profile } = await returnsProfile();
    const away = await form({ server: CLOSED, profile });
    await fillValid(away);
    submitButton(away).click();
    await waitUntil(() => away.matches(':state(offline)'), 'waiting for the server');
    await expect(away).to.be.accessible();
    await emulateMedia({ colorScheme: 'light' });
    await expect(away).to.be.accessible();
  });

  // ------------------------------------------------------------------------------------------
  // defaults

  it('shows the profile’s title and subtitle and one labelled native control per field', async () => {
    const { profile } = await returnsProfile();
    const el = await form();
    expect(text(part(el, 'work-item-title'))).to.equal(profile.texts.title);
    expect(text(part(el, 'work-item-subtitle'))).to.equal(profile.texts.subtitle);
    const formEl = part(el, 'work-item-form') as HTMLFormElement;
    expect(formEl.tagName).to.equal('FORM');
    expect(formEl.getAttribute('aria-labelledby')).to.equal('title');

    expect(control(el, 'Your name').autocomplete).to.equal('name');
    expect(control(el, 'Email').type).to.equal('email');
    expect(control(el, 'Email').autocomplete).to.equal('email');
    expect(control(el, 'Phone (optional)').type).to.equal('tel');
    expect(control(el, 'Phone (optional)').autocomplete).to.equal('tel');
    expect(control(el, 'Order number').getAttribute('autocomplete')).to.equal(null);
    expect(control(el, 'What happened?').tagName).to.equal('TEXTAREA');
    expect(control(el, 'Date of purchase').type).to.equal('date');
    const reason = control<HTMLSelectElement>(el, 'Reason');
    expect(reason.tagName).to.equal('SELECT');
    expect([...reason.options].map((o) => o.value)).to.deep.equal(['', 'Damaged', 'Wrong item', 'No longer needed', 'Other']);
    const photos = control(el, 'Photos or receipt');
    expect(photos.type).to.equal('file');
    expect(photos.multiple).to.equal(true);
    expect(photos.accept).to.equal('image/png,image/jpeg,application/pdf');
    expect(text(scope(el).getElementById(photos.getAttribute('aria-describedby')!.split(' ')[0]))).to.equal('Up to 3 files (PNG, JPEG, or PDF), up to 5 MB each.');

    // Required fields: `required`, and a visible marker.
    for (const label of ['Your name', 'Email', 'Order number', 'Reason', 'What happened?']) expect(control(el, label).required, label).to.equal(true);
    for (const label of ['Date of purchase', 'Photos or receipt', 'Phone (optional)']) expect(control(el, label).required, label).to.equal(false);
    expect(text(part(el, 'work-item-form'))).to.contain('Fields marked * are required.');
  });

  it('is themed by the profile’s tokens on the host', async () => {
    const { profile } = await returnsProfile();
    const el = await form();
    const brand = getComputedStyle(el).getPropertyValue('--parley-color-brand').trim().toLowerCase();
    expect(brand).to.equal(profile.theme.light.brand.toLowerCase());
    const hex = profile.theme.light.brand;
    const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(getComputedStyle(submitButton(el)).backgroundColor).to.equal(rgb);
  });

  it('color-scheme picks the palette of an auto profile, whatever the visitor’s setting', async () => {
    const { profile } = await returnsProfile();
    expect(profile.theme.mode).to.equal('auto');
    const el = await form({ profile });
    el.colorScheme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(el).getPropertyValue('--parley-color-brand').trim().toLowerCase()).to.equal(profile.theme.dark.brand.toLowerCase());
    el.colorScheme = 'light';
    await el.updateComplete;
    expect(getComputedStyle(el).getPropertyValue('--parley-color-brand').trim().toLowerCase()).to.equal(profile.theme.light.brand.toLowerCase());
  });

  it('a preview checks what is typed but keeps no draft and sends nothing', async () => {
    const { profile } = await returnsProfile();
    const intake = wrapIntake();
    try {
      const el = await form({ profile });
      el.preview = true;
      await el.updateComplete;
      submitButton(el).click();
      await el.updateComplete;
      expect(errorOf(el, 'Your name')).to.not.equal('');
      await fillValid(el);
      submitButton(el).click();
      await el.updateComplete;
      expect(alertText(el)).to.contain('Nothing is sent from a preview');
      expect(intake.keys).to.deep.equal([]);
      expect(sessionStorage.length).to.equal(0);
      expect(part(el, 'work-item-confirmation')).to.equal(null);
    } finally {
      intake.restore();
    }
  });

  // ------------------------------------------------------------------------------------------
  // attributes

  it('speaks French with locale="fr": labels, texts and messages', async () => {
    const { profile } = await returnsProfile();
    const el = await form({ locale: 'fr' });
    expect(text(part(el, 'work-item-title'))).to.equal(profile.translations.fr!.title);
    expect(control(el, 'Votre nom').autocomplete).to.equal('name');
    expect(control(el, 'Motif').tagName).to.equal('SELECT');
    expect(control(el, 'Photos ou ticket de caisse').type).to.equal('file');
    expect(text(submitButton(el))).to.equal('Envoyer');
    submitButton(el).click();
    await el.updateComplete;
    expect(errorOf(el, 'Votre nom')).to.equal('Remplissez ce champ.');
    expect(errorOf(el, 'Motif')).to.equal('Choisissez une option.');
  });

  it('without locale, speaks the language of the document around it', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr"><parley-work-item poc=${POC} server=${SERVER}></parley-work-item></div>`);
    const el = wrapper.querySelector('parley-work-item')!;
    await waitUntil(() => part(el, 'work-item-form'), 'the form appears');
    expect(() => control(el, 'Votre nom')).to.not.throw();
  });

  it('an unknown POC renders nothing and logs exactly one console error naming it', async () => {
    const spy = spyConsoleError();
    try {
      const el = await fixture<ParleyWorkItem>(html`<parley-work-item poc="no-such-form-poc" server=${SERVER}></parley-work-item>`);
      const event = await oneEvent(el, 'parley-error');
      expect(event.detail.error.code).to.equal('poc_not_found');
      await aTimeout(300);
      expect(spy.calls).to.have.length(1);
      expect(String(spy.calls[0][0])).to.contain('<parley-work-item poc="no-such-form-poc">').and.to.contain('no point of contact');
      expect(part(el, 'work-item-form')).to.equal(null);
      expect(el.getBoundingClientRect().height).to.equal(0);
      expect(el.matches(':state(unavailable)')).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      spy.restore();
    }
  });

  it('a chat POC, or a malformed id, is refused the same way: nothing shown, one error', async () => {
    const spy = spyConsoleError();
    try {
      const chat = await fixture<ParleyWorkItem>(html`<parley-work-item poc=${DEMO_IDS.chatPoc} server=${SERVER}></parley-work-item>`);
      await waitUntil(() => spy.calls.length === 1, 'the chat POC is reported');
      expect(String(spy.calls[0][0])).to.contain('chat point of contact, not a work-item one');
      expect(part(chat, 'work-item-form')).to.equal(null);
      const bad = await fixture<ParleyWorkItem>(html`<parley-work-item poc="not a valid id!" server=${SERVER}></parley-work-item>`);
      await waitUntil(() => spy.calls.length === 2, 'the malformed id is reported');
      await aTimeout(200);
      expect(spy.calls).to.have.length(2);
      expect(part(bad, 'work-item-form')).to.equal(null);
    } finally {
      spy.restore();
    }
  });

  // ------------------------------------------------------------------------------------------
  // validation

  it('a submit with required fields empty marks each, describes it, lists it, and focuses the first', async () => {
    const el = await form();
    const wrap = wrapIntake();
    try {
      fill(el, 'Email', 'not-an-address');
      submitButton(el).click();
      await el.updateComplete;
      expect(wrap.keys, 'nothing is sent').to.have.length(0);
      expect(errorOf(el, 'Your name')).to.equal('Fill in this field.');
      expect(errorOf(el, 'Email')).to.equal('Enter an email address, like name@example.com.');
      expect(errorOf(el, 'Reason')).to.equal('Choose an option.');
      expect(errorOf(el, 'What happened?')).to.equal('Fill in this field.');
      expect(errorOf(el, 'Phone (optional)')).to.equal('');
      expect(control(el, 'Your name').getAttribute('aria-invalid')).to.equal('true');
      expect(control(el, 'Phone (optional)').getAttribute('aria-invalid')).to.equal('false');
      expect(focused(el)).to.equal(control(el, 'Your name'));
      const summary = part(el, 'work-item-summary')!;
      expect([...summary.querySelectorAll('a')].map((a) => text(a))).to.deep.equal([
        'Your name: Fill in this field.',
        'Email: Enter an email address, like name@example.com.',
        'Order number: Fill in this field.',
        'Reason: Choose an option.',
        'What happened? Fill in this field.',
      ]);
      await waitUntil(() => liveText(el).includes('5 fields need your attention.'), 'the count is announced');
      // A link of the summary goes to its field, and leaves the page's URL alone.
      summary.querySelectorAll('a')[3].click();
      expect(focused(el)).to.equal(control(el, 'Reason'));
      expect(location.hash).to.equal('');

      // Corrected, a field's message goes as the customer types.
      fill(el, 'Your name', 'Ada');
      await el.updateComplete;
      expect(errorOf(el, 'Your name')).to.equal('');
      expect(control(el, 'Your name').getAttribute('aria-invalid')).to.equal('false');
    } finally {
      wrap.restore();
    }
  });

  it('files: chosen ones are listed with name and size and can be removed; too many, or of another type, are refused', async () => {
    const el = await form();
    await fillValid(el);
    choose(el, 'Photos or receipt', [await png('front.png'), await png('back.png')]);
    await el.updateComplete;
    choose(el, 'Photos or receipt', [await png('side.png')]);
    await el.updateComplete;
    const rows = () => parts(el, 'work-item-file').map((r) => text(r.querySelector('.file-name')));
    expect(rows()).to.deep.equal(['front.png', 'back.png', 'side.png']);
    expect(text(parts(el, 'work-item-file')[0])).to.match(/front\.png \d+ byte/);
    expect(control(el, 'Photos or receipt').files!.length, 'the picker holds the same files').to.equal(3);

    choose(el, 'Photos or receipt', [new File(['hello'], 'notes.txt', { type: 'text/plain' })]);
    await el.updateComplete;
    const wrap = wrapIntake();
    try {
      submitButton(el).click();
      await el.updateComplete;
      expect(wrap.keys).to.have.length(0);
      expect(errorOf(el, 'Photos or receipt')).to.equal('Choose 3 files at most.');
      expect(focused(el)).to.equal(control(el, 'Photos or receipt'));

      const remove = parts(el, 'work-item-file-remove');
      expect(remove[1].getAttribute('aria-label')).to.equal('Remove back.png');
      remove[1].click();
      await el.updateComplete;
      expect(rows()).to.deep.equal(['front.png', 'side.png', 'notes.txt']);
      expect(focused(el)).to.equal(control(el, 'Photos or receipt'));
      expect(errorOf(el, 'Photos or receipt')).to.equal('notes.txt is not a PNG, JPEG, or PDF file. Choose another file.');
    } finally {
      wrap.restore();
    }
  });

  // ------------------------------------------------------------------------------------------
  // the server's answers

  it('filed: the reference shows, the event fires with it, the server holds one item with the answers, the draft is gone', async () => {
    const el = await form();
    await fillValid(el, 'Grace Hopper');
    fill(el, 'Date of purchase', '2024-05-17');
    choose(el, 'Photos or receipt', [await png('lid.png')]);
    const submitted = oneEvent(el, 'parley-work-item-submitted') as Promise<ParleyWorkItemSubmittedEvent>;
    submitButton(el).click();
    const event = await submitted;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.poc).to.equal(POC);
    expect(event.detail.reference).to.match(/^[A-Z]{2}-[A-Z0-9]{4,}$/);
    await el.updateComplete;
    expect(reference(el)).to.equal(event.detail.reference);
    expect(el.matches(':state(done)')).to.equal(true);
    expect(focused(el)?.id).to.equal('done-title');
    expect(liveText(el)).to.contain(`Your reference is ${event.detail.reference}`);
    expect(sessionStorage.length, 'the draft is cleared once confirmed').to.equal(0);

    const item = (await storedItems()).find((i) => i.reference === event.detail.reference)!;
    expect(item.id).to.equal(event.detail.id);
    expect(item.source).to.equal('web');
    expect(item.fields.find((f) => f.id === 'name')!.value).to.equal('Grace Hopper');
    expect(item.fields.find((f) => f.id === 'purchased')!.value).to.equal('2024-05-17');
    expect(item.attachments).to.deep.equal([{ fieldId: 'photos', name: 'lid.png', type: 'image/png', size: item.attachments[0].size }]);

    // Another request starts from an empty form.
    part(el, 'work-item-another')!.click();
    await el.updateComplete;
    expect(control(el, 'Your name').value).to.equal('');
    expect(focused(el)).to.equal(control(el, 'Your name'));
  });

  it('a file whose content is not what its name says: the server refuses it at that file, focus goes there, nothing is retried', async () => {
    const el = await form();
    await fillValid(el);
    // The browser believes the name; the server reads the bytes.
    choose(el, 'Photos or receipt', [await png('lid.png'), new File(['just text, not a PDF'], 'receipt.pdf', { type: 'application/pdf' })]);
    const wrap = wrapIntake();
    try {
      submitButton(el).click();
      await waitUntil(() => errorOf(el, 'Photos or receipt') !== '', 'the refusal shows');
      expect(errorOf(el, 'Photos or receipt')).to.equal('receipt.pdf is not a PNG, JPEG, or PDF file. Choose another file.');
      expect(control(el, 'Photos or receipt').getAttribute('aria-invalid')).to.equal('true');
      expect(focused(el)).to.equal(control(el, 'Photos or receipt'));
      expect(el.matches(':state(invalid)')).to.equal(true);
      await aTimeout(2500);
      expect(wrap.keys, 'a refusal is not retried').to.have.length(1);
      // Removing the bad file clears its refusal; the same key then files the item.
      parts(el, 'work-item-file-remove')[1].click();
      await el.updateComplete;
      expect(errorOf(el, 'Photos or receipt')).to.equal('');
      submitButton(el).click();
      await waitUntil(() => el.matches(':state(done)'), 'filed');
      expect(new Set(wrap.keys).size).to.equal(1);
    } finally {
      wrap.restore();
    }
  });

  // ------------------------------------------------------------------------------------------
  // never lose what was typed; one submission, one item

  it('restores the draft after the element is created again (a reload), and names the files to choose again', async () => {
    const el = await form();
    fill(el, 'Your name', 'Ada Lovelace');
    fill(el, 'Reason', 'Wrong item');
    fill(el, 'What happened?', 'Line one\nLine two');
    fill(el, 'Date of purchase', '2024-02-29');
    choose(el, 'Photos or receipt', [await png('box.png')]);
    await el.updateComplete;
    fixtureCleanup();

    const again = await form();
    expect(control(again, 'Your name').value).to.equal('Ada Lovelace');
    expect(control<HTMLSelectElement>(again, 'Reason').value).to.equal('Wrong item');
    expect(control<HTMLTextAreaElement>(again, 'What happened?').value).to.equal('Line one\nLine two');
    expect(control(again, 'Date of purchase').value).to.equal('2024-02-29');
    expect(parts(again, 'work-item-file')).to.have.length(0);
    const photos = control(again, 'Photos or receipt');
    const notes = photos.getAttribute('aria-describedby')!.split(' ').map((id) => text(scope(again).getElementById(id)));
    expect(notes).to.include('Files cannot be kept when the page reloads. Choose them again: box.png.');
    // Choosing files there settles it.
    choose(again, 'Photos or receipt', [await png('box.png')]);
    await again.updateComplete;
    expect(text(part(again, 'work-item-form'))).to.not.contain('Choose them again');
  });

  it('a double click sends one request and files one item', async () => {
    const el = await form();
    await fillValid(el, 'Double Click');
    const wrap = wrapIntake();
    try {
      submitButton(el).click();
      submitButton(el).click();
      await el.updateComplete;
      submitButton(el).click();
      await waitUntil(() => el.matches(':state(done)'), 'filed');
      expect(wrap.keys).to.have.length(1);
      const items = (await storedItems()).filter((i) => i.fields.some((f) => f.id === 'name' && f.value === 'Double Click'));
      expect(items).to.have.length(1);
      expect(items[0].reference).to.equal(reference(el));
    } finally {
      wrap.restore();
    }
  });

  it('an answer lost on its way back: the form retries by itself under the same key and gets the same item', async () => {
    const el = await form();
    await fillValid(el, 'Lost Answer');
    // window.fetch wrapped: the first request reaches the real server (which files the item), then
    // its answer is thrown away, as a dropped connection does.
    let firstReference = '';
    const wrap = wrapIntake(async (real, n) => {
      const response = await real();
      if (n === 1) {
        firstReference = ((await response.clone().json()) as { reference: string }).reference;
        throw new TypeError('Failed to fetch');
      }
      return response;
    });
    try {
      submitButton(el).click();
      await waitUntil(() => el.matches(':state(offline)'), 'waiting for the server');
      expect(statusText(el)).to.equal('We cannot reach our server right now. Your request is kept, and we keep trying to send it.');
      expect(control(el, 'Your name').value, 'the entry is kept').to.equal('Lost Answer');
      // No click: the backoff's first retry (2 s ± 25 %) sends it again.
      await waitUntil(() => el.matches(':state(done)'), 'filed by the retry', { timeout: 5000 });
      expect(wrap.keys).to.have.length(2);
      expect(wrap.keys[1]).to.equal(wrap.keys[0]);
      expect(reference(el)).to.equal(firstReference);
      const items = (await storedItems()).filter((i) => i.reference === firstReference);
      expect(items).to.have.length(1);
    } finally {
      wrap.restore();
    }
  });

  it('after a reload in mid-submission, sending again files nothing new: the first item’s reference comes back', async () => {
    const el = await form();
    await fillValid(el, 'Reload Midway');
    let firstReference = '';
    // window.fetch wrapped: the request is filed by the real server, the answer never arrives.
    const wrap = wrapIntake(async (real) => {
      firstReference = ((await (await real()).json()) as { reference: string }).reference;
      return new Promise<Response>(() => {});
    });
    submitButton(el).click();
    await waitUntil(() => firstReference !== '', 'the server filed it');
    wrap.restore();
    fixtureCleanup();

    const again = await form();
    expect(text(part(again, 'work-item-form'))).to.contain('it will not be filed twice');
    expect(control(again, 'Your name').value).to.equal('Reload Midway');
    submitButton(again).click();
    await waitUntil(() => again.matches(':state(done)'), 'confirmed');
    expect(reference(again)).to.equal(firstReference);
    expect((await storedItems()).filter((i) => i.fields.some((f) => f.id === 'name' && f.value === 'Reload Midway'))).to.have.length(1);
  });

  it('server out of reach: says so in a status region, keeps everything, retries with backoff and at once when back online', async () => {
    const { profile } = await returnsProfile();
    const el = await form({ server: CLOSED, profile });
    await fillValid(el);
    choose(el, 'Photos or receipt', [await png('kept.png')]);
    const wrap = wrapIntake();
    try {
      submitButton(el).click();
      await waitUntil(() => el.matches(':state(offline)'), 'waiting');
      const notice = part(el, 'work-item-waiting')!;
      expect(notice.closest('[role="status"]')).to.not.equal(null);
      expect(notice.checkVisibility()).to.equal(true);
      expect(text(notice)).to.equal('We cannot reach our server right now. Your request is kept, and we keep trying to send it.');
      expect(text(submitButton(el))).to.equal('Try again now');
      expect(control(el, 'Your name').value).to.equal('Ada Lovelace');
      expect(parts(el, 'work-item-file')).to.have.length(1);
      const stored = JSON.parse(sessionStorage.getItem(sessionStorage.key(0)!)!);
      expect(stored.key).to.equal(wrap.keys[0]);
      expect(stored.answers.name).to.equal('Ada Lovelace');

      await waitUntil(() => wrap.keys.length === 2, 'the backoff retries by itself', { timeout: 4000 });
      await waitUntil(() => el.matches(':state(offline)'), 'still waiting');
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => wrap.keys.length === 3, 'back online: at once', { timeout: 500 });
      expect(new Set(wrap.keys).size, 'one key for every attempt').to.equal(1);
    } finally {
      wrap.restore();
    }
  });

  it('browser offline: nothing is sent; the form says so, and sends as soon as the browser is back online', async () => {
    const el = await form();
    await fillValid(el, 'Was Offline');
    // The browser's own flag, overridden for this test (Chromium cannot be taken offline from here).
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    const wrap = wrapIntake();
    try {
      submitButton(el).click();
      await waitUntil(() => el.matches(':state(offline)'), 'waiting');
      expect(statusText(el)).to.equal('You are offline. Your request is kept and will be sent as soon as you are back online.');
      await aTimeout(300);
      expect(wrap.keys).to.have.length(0);
      delete (navigator as { onLine?: boolean }).onLine;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => el.matches(':state(done)'), 'sent once back online');
      expect(wrap.keys).to.have.length(1);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      wrap.restore();
    }
  });

  // ------------------------------------------------------------------------------------------
  // layout and pages

  it('several forms on one page work independently, each with its own draft', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <parley-work-item poc=${POC} server=${SERVER} locale="en"></parley-work-item>
      <parley-work-item poc=${POC} server=${SERVER} locale="fr"></parley-work-item>
    </div>`);
    const [a, b] = [...wrapper.querySelectorAll('parley-work-item')];
    await waitUntil(() => part(a, 'work-item-form') && part(b, 'work-item-form'), 'both forms show');
    fill(a, 'Your name', 'First Form');
    fill(b, 'Votre nom', 'Second Form');
    submitButton(b).click();
    await b.updateComplete;
    expect(errorOf(b, 'Motif')).to.equal('Choisissez une option.');
    expect(errorOf(a, 'Reason'), 'the other form is untouched').to.equal('');
    await fillValid(a, 'First Form');
    submitButton(a).click();
    await waitUntil(() => a.matches(':state(done)'), 'the first is filed');
    expect(b.matches(':state(done)')).to.equal(false);
    expect(control(b, 'Votre nom').value).to.equal('Second Form');

    // Each keeps its own draft across a reload.
    fixtureCleanup();
    const again = await fixture<HTMLElement>(html`<div>
      <parley-work-item poc=${POC} server=${SERVER} locale="en"></parley-work-item>
      <parley-work-item poc=${POC} server=${SERVER} locale="fr"></parley-work-item>
    </div>`);
    const [a2, b2] = [...again.querySelectorAll('parley-work-item')];
    await waitUntil(() => part(a2, 'work-item-form') && part(b2, 'work-item-form'), 'both forms show');
    expect(control(a2, 'Your name').value).to.equal('');
    expect(control(b2, 'Votre nom').value).to.equal('Second Form');
  });

  it('right to left and narrow: follows the page’s direction, fits 320 px without scrolling sideways', async () => {
    await setViewport({ width: 320, height: 800 });
    const wrapper = await fixture<HTMLElement>(html`<div dir="rtl" style="width: 320px"><parley-work-item poc=${POC} server=${SERVER} locale="en"></parley-work-item></div>`);
    const el = wrapper.querySelector('parley-work-item')!;
    await waitUntil(() => part(el, 'work-item-form'), 'the form shows');
    choose(el, 'Photos or receipt', [await png('a-rather-long-file-name-for-a-photo-of-the-broken-item.png')]);
    await el.updateComplete;
    expect(getComputedStyle(control(el, 'Your name')).direction).to.equal('rtl');
    const box = part(el, 'work-item')!;
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    const name = control(el, 'Your name').getBoundingClientRect();
    const label = scope(el).querySelector(`label[for="${control(el, 'Your name').id}"]`)!.getBoundingClientRect();
    expect(Math.abs(label.right - name.right), 'the label starts at the right edge').to.be.lessThan(2);
    await expect(el).to.be.accessible();
    await setViewport({ width: 800, height: 600 });
  });

  // ------------------------------------------------------------------------------------------
  // script tag (src/embed.ts), loaded as a module: it finds its tags by data-work-item-poc

  it('the embed script inserts one form right after each tag with data-work-item-poc, never twice; data-poc still inserts a chat', async () => {
    const tag = (attrs: Record<string, string>): HTMLScriptElement => {
      const s = document.createElement('script');
      // Never fetched: an inert type keeps the browser from loading it, the embed only reads it.
      s.type = 'text/x-parley-test';
      s.src = '/assets/parley.js';
      Object.assign(s.dataset, attrs);
      return s;
    };
    const host = document.createElement('main');
    const first = tag({ workItemPoc: POC, server: SERVER, locale: 'fr' });
    const both = tag({ workItemPoc: POC, poc: DEMO_IDS.chatPoc, server: SERVER });
    const between = document.createElement('p');
    host.append(first, between, both);
    document.body.append(host);
    try {
      await import('../../embed.js');
      // A second copy of the bundle (another URL of the same module) changes nothing.
      const copy = '../../embed.ts?second-copy';
      await import(/* @vite-ignore */ copy);
      const forms = [...document.querySelectorAll('parley-work-item')];
      expect(forms).to.have.length(2);
      expect(first.nextElementSibling).to.equal(forms[0]);
      expect(both.nextElementSibling).to.equal(forms[1]);
      expect(forms[0].getAttribute('poc')).to.equal(POC);
      expect(forms[0].getAttribute('server')).to.equal(SERVER);
      expect(forms[0].getAttribute('locale')).to.equal('fr');
      expect(forms[1].hasAttribute('locale')).to.equal(false);
      const chats = [...document.querySelectorAll('parley-chat')];
      expect(chats).to.have.length(1);
      expect(chats[0].getAttribute('poc')).to.equal(DEMO_IDS.chatPoc);
      expect(chats[0].parentElement).to.equal(document.body);
      await waitUntil(() => part(forms[0] as ParleyWorkItem, 'work-item-form'), 'the inserted form shows');
      expect(() => control(forms[0] as ParleyWorkItem, 'Votre nom')).to.not.throw();
      chats.forEach((c) => c.remove());
    } finally {
      host.remove();
    }
  });
});
