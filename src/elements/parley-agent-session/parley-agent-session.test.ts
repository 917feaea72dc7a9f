import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Disposition, SessionInteraction, SessionView } from '../../protocol/index.js';
import type { TranscriptLoader } from '../parley-agent-transcript/parley-agent-transcript.js';
import { expectAccessibleInBothSchemes } from '../test-helpers.js';
import { ParleyAgentSession } from './parley-agent-session.js';

ParleyAgentSession.define('parley-agent-session');

const DISPOSITIONS: Disposition[] = [{ code: 'resolved', label: 'Resolved' }];

function interaction(id: string, channel: SessionInteraction['channel'], status: SessionInteraction['status'], patch: Partial<SessionInteraction> = {}): SessionInteraction {
  return { id, channel, status, reference: null, agentName: 'Alex Martin', disposition: null, createdAt: new Date().toISOString(), closedAt: null, ...patch };
}

function session(interactions: SessionInteraction[], complete = false): SessionView {
  return { id: 's-1', customerName: 'Marie', complete, completedAt: complete ? new Date().toISOString() : null, interactions };
}

const root = (el: ParleyAgentSession) => el.shadowRoot!;
const rows = (el: ParleyAgentSession) =>
  [...root(el).querySelectorAll('li')].map((li) => [li.querySelector('.line')!.textContent!.replace(/\s+/g, ' ').trim(), li.querySelector('.status')!.textContent!.trim()]);
const summary = (el: ParleyAgentSession) => root(el).querySelector('[part="summary"]')!.textContent!.trim();

async function show(view: SessionView | null, props: { current?: string; held?: string[]; loader?: TranscriptLoader; locale?: string } = {}) {
  return fixture<ParleyAgentSession>(html`<parley-agent-session
    .session=${view}
    current-id=${props.current ?? 'chat-1'}
    .held=${new Set(props.held ?? ['chat-1'])}
    .dispositions=${DISPOSITIONS}
    .loader=${props.loader ?? null}
    locale=${props.locale ?? 'en'}
  ></parley-agent-session>`);
}

const TWO = [interaction('chat-1', 'chat', 'active'), interaction('sms-1', 'sms', 'active', { reference: 'SM-2BX7QK', agentName: 'Sam Dubois' })];

describe('parley-agent-session', () => {
  it('is accessible, in both schemes', async () => {
    const el = await show(session([...TWO, interaction('cb-1', 'voice', 'closed', { reference: 'CB-1', disposition: 'resolved' })]));
    await expectAccessibleInBothSchemes(el);
  });

  it('says it is loading without a session', async () => {
    const el = await show(null);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.equal('Loading the session…');
  });

  it('lists every interaction with its channel, reference and status, the one on screen marked', async () => {
    const el = await show(
      session([
        interaction('chat-1', 'chat', 'active'),
        interaction('sms-1', 'sms', 'active', { reference: 'SM-2BX7QK', agentName: 'Sam Dubois' }),
        interaction('cb-1', 'voice', 'queued', { reference: 'CB-1', agentName: null }),
        interaction('em-1', 'email', 'wrapup', { reference: 'EM-1' }),
        interaction('cb-2', 'voice', 'closed', { reference: 'CB-2', disposition: 'resolved' }),
      ]),
    );
    expect(root(el).querySelector('h2')!.textContent).to.equal('Session with Marie');
    expect(rows(el)).to.deep.equal([
      ['Chat', 'With you'],
      ['Text messages SM-2BX7QK', 'With Sam Dubois'],
      ['Callback CB-1', 'Waiting'],
      ['Email EM-1', 'Wrap-up, Alex Martin'],
      ['Callback CB-2', 'Closed: Resolved'],
    ]);
    expect(root(el).querySelector('li[aria-current="true"]')!.getAttribute('data-id')).to.equal('chat-1');
    expect(root(el).querySelector('li[aria-current="true"] .current')!.textContent).to.equal('This interaction');
    expect(summary(el)).to.equal('Session open: 4 of 5 interactions still open');
  });

  it('says "Session complete" only once the server says so', async () => {
    const closed = [interaction('chat-1', 'chat', 'closed', { disposition: 'resolved' }), interaction('sms-1', 'sms', 'closed', { disposition: 'resolved' })];
    const el = await show(session(closed, false));
    expect(summary(el)).to.not.contain('complete');
    el.session = session(closed, true);
    await el.updateComplete;
    expect(summary(el)).to.equal('Session complete');
  });

  it('reads another interaction’s transcript behind a disclosure named after it', async () => {
    const asked: string[] = [];
    const loader: TranscriptLoader = async (id) => {
      asked.push(id);
      return { ok: true, value: { interaction: TWO[1], messages: [{ id: 'm1', conversationId: id, seq: 1, clientId: 'x', author: 'agent', authorName: 'Sam', text: 'Your parcel left.', sentAt: new Date().toISOString() }] } };
    };
    const el = await show(session(TWO), { loader });
    const disclosures = [...root(el).querySelectorAll('details')];
    expect(disclosures.length, 'none for the interaction on screen').to.equal(1);
    const summaryEl = disclosures[0].querySelector('summary')!;
    expect(summaryEl.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Transcript: Text messages SM-2BX7QK');
    summaryEl.click();
    await waitUntil(() => root(el).querySelector('parley-agent-transcript')?.shadowRoot?.querySelector('[role="log"]'), 'transcript');
    expect(asked).to.deep.equal(['sms-1']);
    expect(root(el).querySelector('parley-agent-transcript')!.shadowRoot!.textContent).to.contain('Your parcel left.');
  });

  it('speaks French', async () => {
    const el = await show(session(TWO), { locale: 'fr' });
    expect(root(el).querySelector('h2')!.textContent).to.equal('Session avec Marie');
    expect(rows(el)[0]).to.deep.equal(['Conversation', 'Avec vous']);
    expect(root(el).querySelector('li[aria-current="true"] .current')!.textContent).to.equal('Cette interaction');
    expect(summary(el)).to.contain('Session ouverte');
  });
});
