import { expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEMO_IDS } from '../protocol/index.js';
import { AvailabilityController, type AvailabilityArgs } from './availability-controller.js';

const SERVER = window.PARLEY_TEST_SERVER;

/** A host without a DOM: it runs the controller's update whenever one is asked for. */
class Host implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  updateComplete = Promise.resolve(true);
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
    queueMicrotask(() => this.controllers.forEach((c) => c.hostUpdate?.()));
  }
}

/** Counts the page's availability requests until restored. */
function countRequests(): { urls: string[]; restore(): void } {
  const real = window.fetch;
  const urls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/availability')) urls.push(url);
    return real(input, init);
  };
  return { urls, restore: () => void (window.fetch = real) };
}

function controller(args: AvailabilityArgs, refreshMs?: number): { host: Host; c: AvailabilityController; args: AvailabilityArgs } {
  const host = new Host();
  const c = new AvailabilityController(host, { args: () => args, ...(refreshMs ? { refreshMs } : {}) });
  return { host, c, args };
}

describe('AvailabilityController', () => {
  it('asks nothing until enabled, then once; the server’s answer is there', async () => {
    const net = countRequests();
    try {
      const { host, c, args } = controller({ server: SERVER, poc: DEMO_IDS.chatPoc, enabled: false, live: false });
      c.hostUpdate();
      await new Promise((r) => setTimeout(r, 50));
      expect(net.urls).to.have.length(0);
      args.enabled = true;
      c.hostUpdate();
      await waitUntil(() => c.availability, 'the answer');
      expect(c.availability!.open).to.equal(true);
      expect(c.availability!.timeZone).to.equal('Europe/Paris');
      expect(c.availability!.callbackWindows.length).to.be.greaterThan(0);
      host.requestUpdate();
      await new Promise((r) => setTimeout(r, 50));
      expect(net.urls).to.have.length(1, 'not live: no refresh');
      c.hostDisconnected();
    } finally {
      net.restore();
    }
  });

  it('while live, refreshes on its interval, and stops when no longer live', async () => {
    const net = countRequests();
    try {
      const { host, c, args } = controller({ server: SERVER, poc: DEMO_IDS.chatPoc, enabled: true, live: true }, 150);
      c.hostUpdate();
      await waitUntil(() => net.urls.length >= 3, 'refreshed twice', { timeout: 3000 });
      args.live = false;
      host.requestUpdate();
      await new Promise((r) => setTimeout(r, 50));
      const seen = net.urls.length;
      await new Promise((r) => setTimeout(r, 400));
      expect(net.urls.length).to.equal(seen);
      c.hostDisconnected();
    } finally {
      net.restore();
    }
  });

  it('retries when the server cannot be reached, and forgets a previous POC’s answer', async () => {
    const net = countRequests();
    try {
      // A port nothing listens on: the request fails at once, like a server that is down.
      const { c, args } = controller({ server: 'http://127.0.0.1:9', poc: DEMO_IDS.chatPoc, enabled: true, live: false });
      c.hostUpdate();
      await waitUntil(() => net.urls.length >= 2, 'retried', { timeout: 4000 });
      expect(c.availability).to.equal(null);
      args.server = SERVER;
      c.hostUpdate();
      await waitUntil(() => c.availability, 'the answer from the right server');
      c.hostDisconnected();
    } finally {
      net.restore();
    }
  });
});
