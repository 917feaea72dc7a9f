import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Result, Transcript } from '../../core/agent-session.js';
import type { ChatMessage } from '../../protocol/index.js';
import { ParleyAgentTranscript, type TranscriptLoader } from './parley-agent-transcript.js';

ParleyAgentTranscript.define('parley-agent-transcript');

const message = (seq: number, author: ChatMessage['author'], text: string, patch: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  conversationId: 'c-1',
  seq,
  clientId: `c${seq}`,
  author,
  authorName: author === 'customer' ? 'Marie' : author === 'agent' ? 'Alex' : null,
  text,
  sentAt: new Date(Date.UTC(2025, 0, 1, 9, seq)).toISOString(),
  ...patch,
});

const ok = (messages: ChatMessage[]): Result<Transcript> => ({
  ok: true,
  value: { interaction: { id: 'c-1', channel: 'chat', status: 'closed', reference: null, agentName: null, disposition: null, createdAt: '', closedAt: null }, messages },
});

/** A loader whose answers the test releases one by one. */
function controlled(): TranscriptLoader & { answer(result: Result<Transcript>): void; asked: string[] } {
  const waiting: ((r: Result<Transcript>) => void)[] = [];
  const load = ((id: string) => {
    load.asked.push(id);
    return new Promise<Result<Transcript>>((resolve) => waiting.push(resolve));
  }) as TranscriptLoader & { answer(result: Result<Transcript>): void; asked: string[] };
  load.asked = [];
  load.answer = (result) => waiting.shift()?.(result);
  return load;
}

const root = (el: ParleyAgentTranscript) => el.shadowRoot!;
const log = (el: ParleyAgentTranscript) => root(el).querySelector<HTMLElement>('[role="log"]');

describe('parley-agent-transcript', () => {
  it('is accessible loaded, loading and failed', async () => {
    const load = controlled();
    const el = await fixture<ParleyAgentTranscript>(html`<parley-agent-transcript conversation-id="c-1" label="Transcript: chat" .loader=${load}></parley-agent-transcript>`);
    await expect(el).to.be.accessible();
    load.answer({ ok: false, error: { code: 'not_found', message: 'x' } });
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'failed');
    await expect(el).to.be.accessible();
    root(el).querySelector('button')!.click();
    load.answer(ok([message(1, 'customer', 'Hi'), message(2, 'agent', '<b>Hello</b>')]));
    await waitUntil(() => log(el), 'loaded');
    await expect(el).to.be.accessible();
  });

  it('renders nothing and asks nothing without an id or a loader', async () => {
    const el = await fixture<ParleyAgentTranscript>(html`<parley-agent-transcript></parley-agent-transcript>`);
    expect(root(el).children.length).to.equal(0);
  });

  it('says it is loading, then shows a silent, named, focusable log', async () => {
    const load = controlled();
    const el = await fixture<ParleyAgentTranscript>(html`<parley-agent-transcript conversation-id="c-1" label="Transcript: chat" .loader=${load}></parley-agent-transcript>`);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.equal('Loading the transcript…');
    expect(load.asked).to.deep.equal(['c-1']);
    load.answer(ok([message(1, 'customer', 'Hi')]));
    await waitUntil(() => log(el), 'loaded');
    expect(log(el)!.getAttribute('aria-live')).to.equal('off');
    expect(log(el)!.getAttribute('aria-label')).to.equal('Transcript: chat');
    expect(log(el)!.tabIndex).to.equal(0);
    expect(el.messages.length).to.equal(1);
  });

  it('shows customer text as text and agent text sanitised, events in words', async () => {
    const el = await fixture<ParleyAgentTranscript>(
      html`<parley-agent-transcript
        conversation-id="c-1"
        .loader=${async () =>
          ok([
            message(1, 'customer', '<b>hi</b>', { authorName: '<i>Eve</i>' }),
            message(2, 'agent', '<a href="javascript:alert(1)">x</a><em>ok</em>'),
            message(3, 'system', '', { event: { type: 'ended', by: 'customer' } }),
          ])}
      ></parley-agent-transcript>`,
    );
    await waitUntil(() => log(el), 'loaded');
    const l = log(el)!;
    expect(l.querySelector('.customer .body')!.textContent).to.equal('<b>hi</b>');
    expect(l.querySelector('.customer .author')!.textContent).to.equal('<i>Eve</i>');
    expect(l.querySelector('.agent .body em')!.textContent).to.equal('ok');
    expect(l.querySelector('.agent a')!.hasAttribute('href')).to.equal(false);
    expect(l.querySelector('.event')!.textContent).to.equal('The customer left the chat.');
  });

  it('shows a failure with Retry, which asks again', async () => {
    const load = controlled();
    const el = await fixture<ParleyAgentTranscript>(html`<parley-agent-transcript conversation-id="c-1" .loader=${load}></parley-agent-transcript>`);
    load.answer({ ok: false, error: { code: 'internal_error', message: 'x' } });
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'failed');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.equal('The transcript could not be loaded.');
    root(el).querySelector('button')!.click();
    expect(load.asked.length).to.equal(2);
  });

  it('shows only the answer for the interaction asked last', async () => {
    const load = controlled();
    const el = await fixture<ParleyAgentTranscript>(html`<parley-agent-transcript conversation-id="c-1" .loader=${load}></parley-agent-transcript>`);
    el.conversationId = 'c-2';
    await el.updateComplete;
    load.answer(ok([message(1, 'customer', 'from the first')]));
    load.answer(ok([message(1, 'customer', 'from the second')]));
    await waitUntil(() => log(el), 'loaded');
    expect(log(el)!.textContent).to.contain('from the second').and.not.contain('from the first');
  });

  it('says when there are no messages, and speaks French', async () => {
    const el = await fixture<ParleyAgentTranscript>(html`<parley-agent-transcript locale="fr" conversation-id="c-1" .loader=${async () => ok([])}></parley-agent-transcript>`);
    await waitUntil(() => root(el).querySelector('.note'), 'empty');
    expect(root(el).querySelector('.note')!.textContent).to.equal('Aucun message.');
  });
});
