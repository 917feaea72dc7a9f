/**
 * Gives a host element what the POC's script says now (`GET /api/v1/pocs/:poc/availability`):
 * open or closed, the long-wait threshold and the callback windows the customer may choose.
 *
 * Invariants:
 * - Nothing is asked until the host says it wants it (`enabled`), so a page whose visitor never
 *   opens the chat pays no request (SPEC §3). While `live` (the panel is open) the answer is
 *   refreshed every minute: it changes with the clock (a window passes, the POC closes).
 * - At most one request is in flight; a new (server, poc) pair aborts the older one and forgets
 *   its answer, so an answer for a previous POC never lands on the element.
 * - The answer is parsed, not trusted: a body without the expected shape counts as a failure and
 *   leaves the last good answer in place; windows that are not two instants in order are dropped.
 * - A failure that may pass (the network, a 5xx) is retried with backoff, 1 s doubling to 30 s,
 *   and at once when the browser comes back online, like the profile (chat-profile-controller.ts).
 *   Until an answer arrives `availability` stays null and the widget offers what the profile
 *   enables, without windows: a slow or failing server never hides a way to reach someone.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { backoffDelay } from '../core/backoff.js';
import { parseAvailability } from '../core/availability.js';
import { checkId } from '../core/validators.js';
import { API_PREFIX, type PocAvailability } from '../protocol/index.js';

export { parseAvailability };

/** Retries of a failed load: 1 s doubling to 30 s, ±25 %. */
const RETRY = { minMs: 1000, maxMs: 30_000, jitter: 0.25 };

export interface AvailabilityArgs {
  server: string;
  poc: string | null;
  /** Whether the availability may be fetched at all (once, then kept). */
  enabled: boolean;
  /** Whether to keep it fresh: refreshed every `refreshMs` while true. */
  live: boolean;
}

export interface AvailabilityControllerOptions {
  /** What to load, read before every host update. */
  args: () => AvailabilityArgs;
  /** How often a live availability is fetched again. Default 60 s. */
  refreshMs?: number;
}

export class AvailabilityController implements ReactiveController {
  /** The last good answer for the current (server, poc), or null before the first one. */
  availability: PocAvailability | null = null;

  readonly #host: ReactiveControllerHost;
  readonly #options: AvailabilityControllerOptions;
  #key: string | null = null;
  #abort: AbortController | null = null;
  #attempt = 0;
  /** When the last answer (or failure) came, epoch ms; a live refresh is due a minute later. */
  #fetchedAt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #online: (() => void) | null = null;

  constructor(host: ReactiveControllerHost, options: AvailabilityControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Picked up again on the next update (a refresh may be due).
    this.#host.requestUpdate();
  }

  /**
   * An answer the server pushed (an administrator deactivated or activated the POC): it replaces
   * the last one at once, and the next live refresh is a minute from now.
   */
  accept(availability: PocAvailability): void {
    this.availability = availability;
    this.#fetchedAt = Date.now();
    this.#attempt = 0;
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#stopTimer();
  }

  hostUpdate(): void {
    const { server, poc, enabled, live } = this.#options.args();
    const key = `${server}\n${poc ?? ''}`;
    if (key !== this.#key) {
      this.#key = key;
      this.#abort?.abort();
      this.#abort = null;
      this.#stopTimer();
      this.availability = null;
      this.#attempt = 0;
      this.#fetchedAt = 0;
    }
    if (!enabled || !poc || this.#abort) return;
    const refreshMs = this.#options.refreshMs ?? 60_000;
    if (this.#timer) {
      // A retry is waiting; a refresh timer that is no longer wanted is stopped.
      if (!live && this.availability) this.#stopTimer();
      return;
    }
    if (!this.availability && this.#fetchedAt === 0) return void this.#load(server, poc, key);
    if (live) this.#schedule(Math.max(0, this.#fetchedAt + refreshMs - Date.now()), server, poc, key);
  }

  async #load(server: string, poc: string, key: string): Promise<void> {
    if (!checkId(poc, 'poc').ok) return;
    let url: URL;
    try {
      url = new URL(`${API_PREFIX}/pocs/${encodeURIComponent(poc)}/availability`, server);
    } catch {
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    let parsed: PocAvailability | null = null;
    let retry = false;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store', signal: abort.signal });
      const body: unknown = await response.json().catch(() => null);
      parsed = response.ok ? parseAvailability(body) : null;
      retry = response.status >= 500;
    } catch {
      retry = true;
    }
    if (abort.signal.aborted || key !== this.#key) return;
    this.#abort = null;
    this.#fetchedAt = Date.now();
    if (parsed) {
      this.availability = parsed;
      this.#attempt = 0;
    } else if (retry) {
      const delay = backoffDelay(this.#attempt, RETRY);
      this.#attempt += 1;
      this.#schedule(delay, server, poc, key);
    }
    // A 4xx (unknown POC…) is not retried: the profile controller reports the POC to the owner.
    this.#host.requestUpdate();
  }

  #schedule(delay: number, server: string, poc: string, key: string): void {
    if (this.#timer) return;
    const now = (): void => {
      this.#stopTimer();
      if (key === this.#key) void this.#load(server, poc, key);
    };
    this.#timer = setTimeout(now, delay);
    this.#online = now;
    globalThis.addEventListener?.('online', now);
  }

  #stopTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#online) globalThis.removeEventListener?.('online', this.#online);
    this.#online = null;
  }
}
