/**
 * What a customer sees when the server's rate limits hold them back: a text refused as
 * `rate_limited` stays in the transcript, still being sent, with "You're sending messages too
 * fast…" and when it goes again; a connection refused for the same reason says so in the notice.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { PendingMessage } from '../../core/chat-session.js';
import { defineParleyElements } from '../../define.js';
import type { ParleyConnectionStatus } from '../parley-connection-status/parley-connection-status.js';
import type { ParleyMessageList } from './parley-message-list.js';

defineParleyElements();

const limited = (retryAfter: number): PendingMessage => ({
  clientId: 'p1',
  text: 'Hello again',
  status: 'sending',
  conversationId: 'c-1',
  attempts: 2,
  error: { code: 'rate_limited', message: 'too many messages sent; try again in 7 s', retryAfter },
});

const squash = (s: string | null | undefined) => (s ?? '').replace(/[ \t\n]+/g, ' ').trim();

async function list(pending: PendingMessage[], locale = 'en'): Promise<ParleyMessageList> {
  return fixture<ParleyMessageList>(html`<parley-message-list .pending=${pending} locale=${locale}></parley-message-list>`);
}

describe('rate-limited customer', () => {
  it('is accessible with a held-back text', async () => {
    const el = await list([limited(7)]);
    await expect(el).to.be.accessible();
  });

  it('shows a text held back by a rate limit as still sending, with why and when, and no retry button', async () => {
    const el = await list([limited(7)]);
    const row = el.shadowRoot!.querySelector<HTMLElement>('[data-client-id="p1"]')!;
    expect(row.dataset.status).to.equal('sending');
    expect(row.textContent).to.contain('Hello again');
    const notice = row.querySelector('[role="status"]');
    expect(squash(notice?.textContent)).to.equal("You're sending messages too fast. Trying again in 7 seconds.");
    expect(el.shadowRoot!.querySelector('[part~="retry-button"]')).to.equal(null);
  });

  it('counts long waits in minutes, and speaks French', async () => {
    const en = await list([limited(600)]);
    expect(squash(en.shadowRoot!.querySelector('[role="status"]')?.textContent)).to.equal("You're sending messages too fast. Trying again in 10 minutes.");
    const fr = await list([limited(1)], 'fr');
    expect(squash(fr.shadowRoot!.querySelector('[role="status"]')?.textContent)).to.equal('Vous envoyez des messages trop vite. Nouvel essai dans 1\u00a0seconde.');
  });

  it('the message goes once the text is acknowledged (leaves the outbox)', async () => {
    const el = await list([limited(7)]);
    el.pending = [];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')).to.equal(null);
  });

  it('a connection refused for too many connections says so, with the countdown', async () => {
    const el = await fixture<ParleyConnectionStatus>(
      html`<parley-connection-status connection="reconnecting" .nextRetryAt=${Date.now() + 9_500} reason="rate_limited"></parley-connection-status>`,
    );
    expect(squash(el.shadowRoot!.querySelector('[part~="notice"]')?.textContent)).to.equal('Too many connections from your network. Retrying in 10 s…');
    el.reason = null;
    await el.updateComplete;
    expect(squash(el.shadowRoot!.querySelector('[part~="notice"]')?.textContent)).to.contain('Connection lost.');
  });
});
