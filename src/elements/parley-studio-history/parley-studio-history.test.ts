import { expect, fixture, html } from '@open-wc/testing';
import { ParleyStudioHistory, type HistoryEntry } from './parley-studio-history.js';

ParleyStudioHistory.define('parley-studio-history');

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();

const entry = (at: string, changes: HistoryEntry['changes'], actor: string | null = 'Morgan Lefèvre'): HistoryEntry => ({ at, actor, changes });

async function mount(entries: HistoryEntry[] | null, attrs: { failed?: boolean; locale?: string } = {}): Promise<ParleyStudioHistory> {
  return fixture<ParleyStudioHistory>(
    html`<parley-studio-history .entries=${entries} ?failed=${attrs.failed ?? false} locale=${attrs.locale ?? 'en'}></parley-studio-history>`,
  );
}

describe('<parley-studio-history>', () => {
  it('is accessible', async () => {
    const el = await mount([
      entry('2025-03-01T10:00:00Z', [
        { field: 'texts.title', from: 'Chat with us', to: 'Talk to Acme' },
        { field: 'theme.light.brand', from: '#1a5fb4', to: '#8f2d56' },
      ]),
    ]);
    await expect(el).to.be.accessible();
  });

  it('says who saved, when, and each setting from what to what, by name', async () => {
    const el = await mount([
      entry('2025-03-01T10:00:00Z', [
        { field: 'texts.title', from: 'Chat with us', to: 'Talk to Acme' },
        { field: 'sounds', from: false, to: true },
        { field: 'header.logoUrl', from: null, to: 'https://cdn.example.com/logo.png' },
      ]),
    ]);
    const t = text(el);
    expect(t).to.contain('Morgan Lefèvre');
    expect(t).to.contain('3 changes');
    expect(t).to.contain('Title (English): from Chat with us → to Talk to Acme');
    expect(t).to.contain('Play a sound for new messages: from off → to on');
    expect(t).to.contain('Logo address: from (empty) → to https://cdn.example.com/logo.png');
    expect(el.shadowRoot!.querySelector('time')!.getAttribute('datetime')).to.equal('2025-03-01T10:00:00Z');
  });

  it('shows recorded values as text only', async () => {
    const el = await mount([entry('2025-03-01T10:00:00Z', [{ field: 'texts.greeting', from: '', to: '<img src=x onerror="window.__pwned=1">' }], '<b>Eve</b>')]);
    expect(el.shadowRoot!.querySelectorAll('img, b')).to.have.length(0);
    expect(text(el)).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(text(el)).to.contain('<b>Eve</b>');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows five saves, then older ones on request, focusing the first one added', async () => {
    const entries = Array.from({ length: 7 }, (_, i) => entry(`2025-03-0${i + 1}T10:00:00Z`, [{ field: 'theme.radius', from: i, to: i + 1 }]));
    const el = await mount(entries);
    expect(el.shadowRoot!.querySelectorAll('.entries > li')).to.have.length(5);
    const more = el.shadowRoot!.querySelector('button')!;
    expect(more.textContent!.trim()).to.equal('Show 2 older saves');
    more.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.entries > li')).to.have.length(7);
    expect(el.shadowRoot!.activeElement?.id).to.equal('entry-5');
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('says when it is loading, empty or failed', async () => {
    const el = await mount(null);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Loading the history…');
    el.entries = [];
    await el.updateComplete;
    expect(text(el)).to.equal('No saves yet.');
    el.failed = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('The history could not be loaded.');
  });

  it('speaks French with locale="fr"', async () => {
    const el = await mount([entry('2025-03-01T10:00:00Z', [{ field: 'texts.title', from: 'a', to: 'b' }], null)], { locale: 'fr' });
    expect(text(el)).to.contain("Quelqu'un");
    expect(text(el)).to.contain('1 modification');
    // (`text()` folds the narrow no-break space before the colon into a plain space.)
    expect(text(el)).to.contain('Titre (Anglais) : de a → à b');
    expect(el.shadowRoot!.textContent).to.contain('Titre (Anglais)\u202f:');
  });
});
