import { expect, fixture, html } from '@open-wc/testing';
import { formatBytes } from '../../core/work-item.js';
import { ATTACHMENT_TYPES, type WorkItemAttachment, type WorkItemDetails, type WorkItemValue } from '../../protocol/index.js';
import { formatLocale } from '../parley-agent-console/channels.js';
import { expectAccessibleInBothSchemes, matches, returnsWorkItem } from '../test-helpers.js';
import { ParleyAgentWorkItem } from './parley-agent-work-item.js';

ParleyAgentWorkItem.define('parley-agent-work-item');

async function show(workItem: WorkItemDetails, { compact = false, locale = 'en' } = {}): Promise<ParleyAgentWorkItem> {
  return fixture<ParleyAgentWorkItem>(
    html`<parley-agent-work-item .workItem=${workItem} ?compact=${compact} locale=${locale}></parley-agent-work-item>`,
  );
}

const root = (el: ParleyAgentWorkItem) => el.shadowRoot!;
const shown = (node: Node) => node.textContent!.replace(/\s+/g, ' ').trim();

/** A description list as [term, description] pairs, the description as a person reads it. */
const pairs = (el: ParleyAgentWorkItem, part: string) =>
  [...root(el).querySelectorAll(`[part="${part}"] > div`)].map((d) => [shown(d.querySelector('dt')!), visible(d.querySelector('dd')!)]);

/** Text without what is visually hidden (the words that stand for "—" to screen readers). */
function visible(node: Element): string {
  const copy = node.cloneNode(true) as Element;
  copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
  return shown(copy);
}

const links = (el: ParleyAgentWorkItem) => [...root(el).querySelectorAll('a')];

/** How the element writes a date answer: long form, in the console's locale. */
const longDate = (locale: string, iso: string) => new Intl.DateTimeFormat(formatLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** Replaces alert, confirm and prompt with counters (what the hostile payloads call) until `restore`. */
function canary(): { calls: () => number; restore: () => void } {
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
  let calls = 0;
  window.alert = () => void (calls += 1);
  window.confirm = () => ((calls += 1), false);
  window.prompt = () => ((calls += 1), null);
  return {
    calls: () => calls + ((window as unknown as { __pwned?: number }).__pwned ? 1 : 0),
    restore: () => Object.assign(window, saved),
  };
}

/** Long enough for an image error or a timer set by a payload that ran to have fired. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('parley-agent-work-item', () => {
  it('is accessible', async () => {
    const el = await show(returnsWorkItem());
    await expect(el).to.be.accessible();
  });

  it('is accessible in both colour schemes, whole and compact, in French too', async () => {
    const whole = await show(returnsWorkItem());
    const compact = await show(returnsWorkItem(), { compact: true });
    const french = await show(returnsWorkItem(), { locale: 'fr' });
    await expectAccessibleInBothSchemes(whole, compact, french);
  });

  // Defaults ----------------------------------------------------------------------------------

  it('renders nothing without a work item', async () => {
    const el = await fixture<ParleyAgentWorkItem>(html`<parley-agent-work-item></parley-agent-work-item>`);
    expect(root(el).children.length).to.equal(0);
  });

  it('is a region named by the form’s title, a level-3 heading, with its reference and source', async () => {
    const el = await show(returnsWorkItem());
    const heading = root(el).querySelector('h3')!;
    expect(shown(heading)).to.equal('Return a product');
    const region = root(el).querySelector('section')!;
    expect(root(el).getElementById(region.getAttribute('aria-labelledby')!)).to.equal(heading);
    expect(pairs(el, 'meta')).to.deep.equal([
      ['Reference', 'WI-7K3M9Q'],
      ['Source', 'Web form'],
    ]);
  });

  it('lists every answer in form order: Yes/No, the date in the console’s locale, "—" when empty', async () => {
    const el = await show(returnsWorkItem());
    expect(pairs(el, 'answers')).to.deep.equal([
      ['Your name', 'Marie Curie'],
      ['Email', 'marie@example.com'],
      ['Order number', 'A-1042'],
      ['Reason', 'Damaged'],
      ['What happened?', 'The box was crushed. The lamp is broken.'],
      ['Date of purchase', longDate('en', '2025-01-14')],
      ['Refund rather than exchange', 'Yes'],
      ['Send me news', 'No'],
      ['Phone', '—'],
      ['Photos', `box.png PNG image, ${formatBytes(245_000)} lamp.pdf PDF, ${formatBytes(1_200_000)}`],
      ['Receipt', '—'],
    ]);
    // The date is the calendar day, machine-readable too.
    const time = root(el).querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal('2025-01-14');
    expect(time.textContent).to.match(/January/).and.match(/14/).and.match(/2025/);
    // A long answer keeps its line breaks.
    const long = root(el).querySelector('[data-field="details"] dd')!;
    expect(long.textContent).to.equal('The box was crushed.\nThe lamp is broken.');
    expect(getComputedStyle(long.firstElementChild!).whiteSpace).to.equal('pre-wrap');
  });

  it('says "Not answered" to screen readers where an empty answer shows "—"', async () => {
    const el = await show(returnsWorkItem({ fields: [{ id: 'order', type: 'text', label: 'Order number', value: '   ' }] }));
    const dd = root(el).querySelector('[data-field="order"] dd')!;
    expect(dd.querySelector('[aria-hidden="true"]')!.textContent).to.equal('—');
    expect(dd.querySelector('.visually-hidden')!.textContent).to.equal('Not answered');
  });

  // Attachments -------------------------------------------------------------------------------

  it('lists attachments as download links: name, type and size, never shown inline', async () => {
    const item = returnsWorkItem();
    const el = await show(item);
    const found = links(el);
    expect(found.map((a) => a.textContent)).to.deep.equal(['box.png', 'lamp.pdf']);
    for (const [i, a] of found.entries()) {
      expect(a.href).to.equal(new URL(item.attachments[i].url, document.baseURI).href);
      expect(a.hasAttribute('download')).to.equal(true);
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(a.hasAttribute('target')).to.equal(false);
    }
    // Each link is described by its type and size.
    const described = found.map((a) => shown(root(el).getElementById(a.getAttribute('aria-describedby')!)!));
    expect(described).to.deep.equal([`PNG image, ${formatBytes(245_000)}`, `PDF, ${formatBytes(1_200_000)}`]);
    // Under the field they were attached to, as a list.
    expect(root(el).querySelectorAll('[data-field="photos"] [part="attachments"] > [part="attachment"]').length).to.equal(2);
    expect(matches(root(el), 'img, iframe, object, embed, video, audio, picture, source')).to.deep.equal([]);
  });

  it('resolves the addresses against the Parley server given in `server`', async () => {
    const el = await fixture<ParleyAgentWorkItem>(
      html`<parley-agent-work-item server="https://parley.example:8443" .workItem=${returnsWorkItem()}></parley-agent-work-item>`,
    );
    expect(links(el).map((a) => a.href)).to.deep.equal([
      'https://parley.example:8443/api/v1/work-items/wi-1/attachments/att-1',
      'https://parley.example:8443/api/v1/work-items/wi-1/attachments/att-2',
    ]);
  });

  it('names every accepted type in words, and an unknown one "File"', async () => {
    const attachments: WorkItemAttachment[] = [...ATTACHMENT_TYPES, 'application/x-unknown'].map((type, i) => ({
      id: `a${i}`,
      fieldId: 'files',
      name: `file-${i}`,
      type: type as WorkItemAttachment['type'],
      size: 999,
      url: `/files/${i}`,
    }));
    const fields: WorkItemValue[] = [{ id: 'files', type: 'file', label: 'Files', value: null }];
    const el = await show(returnsWorkItem({ fields, attachments }));
    const types = [...root(el).querySelectorAll('.file-meta')].map((m) => shown(m));
    const size = formatBytes(999);
    expect(types).to.deep.equal(
      ['PNG image', 'JPEG image', 'GIF image', 'WebP image', 'PDF', 'Text file', 'Word document', 'Excel spreadsheet', 'File'].map((type) => `${type}, ${size}`),
    );
  });

  it('links only http(s) addresses: another scheme leaves the name as text', async () => {
    const hostile = ['javascript:window.__pwned=1', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'];
    const attachments = hostile.map((url, i) => ({ id: `a${i}`, fieldId: 'photos', name: `photo-${i}.png`, type: 'image/png' as const, size: 2000, url }));
    const el = await show(returnsWorkItem({ attachments }));
    expect(links(el).length).to.equal(0);
    expect(shown(root(el).querySelector('[data-field="photos"] dd')!)).to.contain('photo-0.png').and.contain('photo-3.png');
  });

  it('puts files of a field the list does not have under "Attachments"', async () => {
    const item = returnsWorkItem();
    const el = await show(returnsWorkItem({ attachments: [{ ...item.attachments[0], fieldId: 'gone' }] }));
    expect(pairs(el, 'answers').at(-1)).to.deep.equal(['Attachments', `box.png PNG image, ${formatBytes(245_000)}`]);
  });

  // Customer content is text -------------------------------------------------------------------

  it('shows hostile labels, answers, file names and title as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const spy = canary();
    try {
      const el = await show(
        returnsWorkItem({
          title: `${hostile}<h1>Title</h1>`,
          reference: '<b>WI</b>',
          fields: [
            { id: 'a', type: 'text', label: hostile, value: hostile },
            { id: 'b', type: 'textarea', label: '<script>alert(1)</script>', value: `${hostile}\n<iframe src="javascript:alert(1)"></iframe>` },
            { id: 'c', type: 'email', label: 'Email', value: '"><svg onload=alert(1)>@example.com' },
            { id: 'files', type: 'file', label: 'Files', value: null },
          ],
          attachments: [{ id: 'x', fieldId: 'files', name: `${hostile}.png`, type: 'image/png', size: 10, url: '/files/x' }],
        }),
      );
      await settle();
      expect(matches(root(el), 'img, script, iframe, svg, b, h1')).to.deep.equal([]);
      expect(shown(root(el).querySelector('h3')!)).to.equal(`${hostile}<h1>Title</h1>`);
      expect(pairs(el, 'answers').slice(0, 2)).to.deep.equal([
        [hostile, hostile],
        ['<script>alert(1)</script>', `${hostile} <iframe src="javascript:alert(1)"></iframe>`],
      ]);
      expect(links(el)[0].textContent).to.equal(`${hostile}.png`);
      expect(spy.calls()).to.equal(0);
    } finally {
      spy.restore();
    }
  });

  it('keeps every DOMPurify test vector as text, as label, answer and file name', async () => {
    const corpus = (await (await fetch(new URL('../../../test/fixtures/xss-dompurify-vectors.json', import.meta.url))).json()) as { payload: string }[];
    expect(corpus.length).to.be.above(200);
    const fields: WorkItemValue[] = corpus.map((v, i) => ({ id: `f${i}`, type: i % 2 ? 'textarea' : 'text', label: v.payload, value: v.payload }));
    fields.push({ id: 'files', type: 'file', label: 'Files', value: null });
    const attachments = corpus.map((v, i) => ({ id: `a${i}`, fieldId: 'files', name: v.payload, type: 'text/plain' as const, size: 10, url: `/files/${i}` }));
    const spy = canary();
    try {
      const el = await show(returnsWorkItem({ title: corpus[0].payload, fields, attachments }));
      await settle();
      // Only the element's own markup: nothing a payload could have brought in.
      const own = new Set(['SECTION', 'H3', 'BDI', 'DL', 'DIV', 'DT', 'DD', 'SPAN', 'UL', 'LI', 'A']);
      const foreign = [...root(el).querySelectorAll('*')].map((n) => n.tagName).filter((tag) => !own.has(tag));
      expect(foreign).to.deep.equal([]);
      const rows = [...root(el).querySelectorAll('[part="answers"] > div')];
      for (const [i, v] of corpus.entries()) {
        expect(rows[i].querySelector('dt')!.textContent, corpus[i].payload).to.equal(v.payload);
        expect(rows[i].querySelector('dd')!.textContent!.trim() === v.payload.trim() || v.payload.trim() === '', v.payload).to.equal(true);
      }
      expect(links(el).map((a) => a.textContent)).to.deep.equal(corpus.map((v) => v.payload));
      expect(spy.calls()).to.equal(0);
    } finally {
      spy.restore();
    }
  });

  // Compact (an offer) -------------------------------------------------------------------------

  it('compact: the title (not a heading), the reference, the first three short answers and the number of files, without links', async () => {
    const el = await show(returnsWorkItem(), { compact: true });
    expect(matches(root(el), 'h1, h2, h3, h4, h5, h6')).to.deep.equal([]);
    expect(shown(root(el).querySelector('[part="title"]')!)).to.equal('Return a product');
    // Not the name (the offer's heading) nor the long text (the offer's preview).
    expect(pairs(el, 'answers')).to.deep.equal([
      ['Reference', 'WI-7K3M9Q'],
      ['Email', 'marie@example.com'],
      ['Order number', 'A-1042'],
      ['Reason', 'Damaged'],
    ]);
    expect(shown(root(el).querySelector('.count')!)).to.equal('2 attachments');
    expect(links(el).length).to.equal(0);
  });

  it('compact: skips empty answers, says "1 attachment", and nothing without files', async () => {
    const item = returnsWorkItem();
    const fields: WorkItemValue[] = [
      { id: 'order', type: 'text', label: 'Order number', value: '' },
      { id: 'bought', type: 'date', label: 'Date of purchase', value: '2025-01-14' },
      { id: 'refund', type: 'checkbox', label: 'Refund', value: false },
    ];
    const one = await show(returnsWorkItem({ fields, attachments: item.attachments.slice(0, 1) }), { compact: true });
    expect(pairs(one, 'answers')).to.deep.equal([
      ['Reference', 'WI-7K3M9Q'],
      ['Date of purchase', longDate('en', '2025-01-14')],
      ['Refund', 'No'],
    ]);
    expect(shown(root(one).querySelector('.count')!)).to.equal('1 attachment');
    const none = await show(returnsWorkItem({ fields, attachments: [] }), { compact: true });
    expect(matches(root(none), '.count')).to.deep.equal([]);
  });

  // Locale ------------------------------------------------------------------------------------

  it('speaks French with locale="fr": terms, Oui/Non, the date, the types, the count', async () => {
    const el = await show(returnsWorkItem({ source: 'chat' }), { locale: 'fr' });
    expect(pairs(el, 'meta')).to.deep.equal([
      ['Référence', 'WI-7K3M9Q'],
      ['Origine', 'Message laissé dans la conversation'],
    ]);
    const answers = Object.fromEntries(pairs(el, 'answers'));
    expect(answers['Refund rather than exchange']).to.equal('Oui');
    expect(answers['Send me news']).to.equal('Non');
    expect(answers['Date of purchase']).to.equal(longDate('fr', '2025-01-14'));
    expect(answers['Date of purchase']).to.match(/janvier/);
    expect(answers.Photos).to.contain('Image PNG');
    expect(root(el).querySelector('[data-field="phone"] .visually-hidden')!.textContent).to.equal('Sans réponse');
    const compact = await show(returnsWorkItem(), { compact: true, locale: 'fr' });
    expect(shown(root(compact).querySelector('.count')!)).to.equal('2 pièces jointes');
  });

  it('follows a change of locale and of work item', async () => {
    const el = await show(returnsWorkItem({ source: 'api' }));
    expect(pairs(el, 'meta')[1]).to.deep.equal(['Source', 'API']);
    el.locale = 'fr';
    el.workItem = returnsWorkItem({ reference: 'WI-2', title: 'Claim' });
    await el.updateComplete;
    expect(shown(root(el).querySelector('h3')!)).to.equal('Claim');
    expect(pairs(el, 'meta')).to.deep.equal([
      ['Référence', 'WI-2'],
      ['Origine', 'Formulaire web'],
    ]);
  });
});
