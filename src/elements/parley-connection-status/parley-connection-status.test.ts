import { expect, fixture, html } from '@open-wc/testing';
import { ParleyConnectionStatus } from './parley-connection-status.js';

ParleyConnectionStatus.define('parley-connection-status');

const notice = (el: ParleyConnectionStatus): HTMLElement | null => el.shadowRoot!.querySelector('[part~="notice"]');
// Collapses the template's white space only: a no-break space in the text is part of it.
const text = (el: ParleyConnectionStatus): string => notice(el)?.textContent?.replace(/[ \t\n]+/g, ' ').trim() ?? '';

async function status(connection: string, nextRetryAt: number | null = null, locale = 'en'): Promise<ParleyConnectionStatus> {
  return fixture<ParleyConnectionStatus>(
    html`<parley-connection-status connection=${connection} .nextRetryAt=${nextRetryAt} locale=${locale}></parley-connection-status>`,
  );
}

/**
 * Counts the timeouts the page has pending, by wrapping setTimeout and clearTimeout until
 * restored: the element must leave none behind once its notice has nothing left to count.
 * `until` polls with the unwrapped timers, so waiting adds none to the count.
 */
function watchTimers(): { pending(): number; until(check: () => boolean, what: string, timeout?: number): Promise<void>; restore(): void } {
  const { setTimeout: set, clearTimeout: clear } = window;
  const live = new Set<number>();
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id: number = set(
      (...a: unknown[]) => {
        live.delete(id);
        if (typeof handler === 'function') (handler as (...x: unknown[]) => void)(...a);
      },
      ms,
      ...args,
    );
    live.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) live.delete(id);
    clear(id);
  }) as typeof window.clearTimeout;
  return {
    pending: () => live.size,
    async until(check, what, timeout = 2000) {
      const end = Date.now() + timeout;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => set(resolve, 20));
      }
    },
    restore() {
      window.setTimeout = set;
      window.clearTimeout = clear;
    },
  };
}

describe('parley-connection-status', () => {
  it('is accessible in every state it shows', async () => {
    const el = await status('connecting');
    await expect(el).to.be.accessible();
    el.connection = 'reconnecting';
    el.nextRetryAt = Date.now() + 4000;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.connection = 'offline';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.connection = 'connected';
    await el.updateComplete;
    expect(text(el)).to.equal('Connected again.');
    await expect(el).to.be.accessible();
  });

  // ------------------------------------------------------------------------------------------
  // defaults

  it('says nothing, and takes no room, while idle, connected or refused', async () => {
    for (const connection of ['idle', 'connected', 'refused', 'unauthorized']) {
      const el = await status(connection);
      expect(notice(el), connection).to.equal(null);
      expect(el.getBoundingClientRect().height, connection).to.equal(0);
      expect(el.matches(':state(shown)'), connection).to.equal(false);
    }
  });

  it('is not a live region (the host announces changes; a countdown must not be read every second)', async () => {
    const el = await status('reconnecting', Date.now() + 5000);
    expect(el.shadowRoot!.querySelector('[aria-live], [role="status"], [role="alert"]')).to.equal(null);
    expect(notice(el)!.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(el.matches(':state(shown)')).to.equal(true);
  });

  // ------------------------------------------------------------------------------------------
  // states

  it('says it is connecting, and that the browser is offline', async () => {
    const el = await status('connecting');
    expect(text(el)).to.equal('Connecting…');
    el.connection = 'offline';
    await el.updateComplete;
    expect(text(el)).to.equal("You're offline. Your messages will be sent when you're back online.");
    expect(notice(el)!.dataset.connection).to.equal('offline');
  });

  it('counts down to the next attempt once a second, then says it is reconnecting and stops', async () => {
    const timers = watchTimers();
    try {
      const el = await status('reconnecting', Date.now() + 2500);
      expect(text(el)).to.equal('Connection lost. Retrying in 3 s…');
      expect(timers.pending(), 'one timer for the next second').to.equal(1);
      await timers.until(() => text(el) === 'Connection lost. Retrying in 2 s…', 'two seconds left', 1500);
      await timers.until(() => text(el) === 'Connection lost. Retrying in 1 s…', 'one second left', 1500);
      await timers.until(() => text(el) === 'Connection lost. Reconnecting…', 'the attempt is due', 1500);
      await el.updateComplete;
      expect(timers.pending(), 'nothing left to count').to.equal(0);
      // The next attempt failed: a new countdown starts from the new time.
      el.nextRetryAt = Date.now() + 4000;
      await el.updateComplete;
      expect(text(el)).to.equal('Connection lost. Retrying in 4 s…');
      expect(timers.pending()).to.equal(1);
      el.connection = 'connecting';
      await el.updateComplete;
      expect(timers.pending(), 'no countdown in another state').to.equal(0);
    } finally {
      timers.restore();
    }
  });

  it('without a time for the next attempt, says it is reconnecting, with no timer', async () => {
    const timers = watchTimers();
    try {
      const el = await status('reconnecting', null);
      expect(text(el)).to.equal('Connection lost. Reconnecting…');
      expect(timers.pending()).to.equal(0);
    } finally {
      timers.restore();
    }
  });

  it('stops counting once it leaves the document, and picks the countdown up when back', async () => {
    const timers = watchTimers();
    try {
      const el = await status('reconnecting', Date.now() + 8000);
      expect(timers.pending()).to.equal(1);
      const parent = el.parentElement!;
      el.remove();
      expect(timers.pending()).to.equal(0);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(timers.pending(), 'only the wait above').to.equal(0);
      parent.append(el);
      await el.updateComplete;
      expect(text(el)).to.equal('Connection lost. Retrying in 7 s…');
      expect(timers.pending()).to.equal(1);
    } finally {
      timers.restore();
    }
  });

  it('says "Connected again." for a while once a lost connection is back, then nothing', async () => {
    const timers = watchTimers();
    try {
      const el = await fixture<ParleyConnectionStatus>(
        html`<parley-connection-status connection="reconnecting" restored-duration="600"></parley-connection-status>`,
      );
      el.connection = 'connected';
      await el.updateComplete;
      expect(text(el)).to.equal('Connected again.');
      expect(notice(el)!.dataset.connection).to.equal('restored');
      await timers.until(() => notice(el) === null, 'the notice goes');
      expect(timers.pending()).to.equal(0);
      // Back from offline too.
      el.connection = 'offline';
      await el.updateComplete;
      el.connection = 'connected';
      await el.updateComplete;
      expect(text(el)).to.equal('Connected again.');
    } finally {
      timers.restore();
    }
  });

  it('says nothing when a first connection succeeds (nothing was lost)', async () => {
    const el = await status('connecting');
    el.connection = 'connected';
    await el.updateComplete;
    expect(notice(el)).to.equal(null);
  });

  it('speaks French', async () => {
    const el = await status('reconnecting', Date.now() + 3500, 'fr');
    expect(text(el)).to.equal('Connexion perdue. Nouvelle tentative dans 4\u00a0s…');
    el.connection = 'offline';
    await el.updateComplete;
    expect(text(el)).to.equal('Vous êtes hors ligne. Vos messages partiront dès que vous serez de nouveau en ligne.');
    el.connection = 'connected';
    await el.updateComplete;
    expect(text(el)).to.equal('Connexion rétablie.');
  });
});
