/**
 * Which websites may use a point of contact (SPEC §6): the origin allow-list, checked by the HTTP
 * edge (server/http/cors.ts) and the socket handshake (server/sockets/origins.ts).
 *
 * Invariant: origins are compared whole, once normalised as browsers send them (scheme, host,
 * port; lower case; default port dropped — core/admin-rules.ts `checkOrigin`). Never a prefix, a
 * suffix or a pattern: `https://shop.example.evil.com` is not `https://shop.example`, `http://` is
 * not `https://`, another port is another origin, and `null` (a sandboxed frame, a file) is none.
 *
 * A POC's allowed origins are its own list, the server's own origin (a page Parley serves itself,
 * such as the demo page: the `Origin`'s host is the request's `Host`) and the deployment-wide
 * `widgetOrigins`. An empty list therefore means "Parley's own pages and the deployment's sites".
 */
import { sql } from 'kysely';
import { checkOrigin } from '../../src/core/admin-rules.js';
import { ParleyError } from '../errors.js';
import type { PocRow, Store } from '../store/store.js';
import { readOrigins } from './pocs.js';

/** The request headers the decision reads (HTTP request or socket.io handshake alike). */
export interface OriginHeaders {
  origin?: string | string[];
  host?: string | string[];
  'sec-fetch-site'?: string | string[];
}

/**
 * What the request may do without an `Origin` header. Browsers send one on every cross-origin
 * request, on every WebSocket handshake and on every POST; a same-origin GET carries none.
 * - `read`: a public read (profile, availability) — allowed, the data is public anyway.
 * - `write`: a state-changing request — only when the browser says it is same-origin
 *   (`Sec-Fetch-Site: same-origin`), or `alsoWithout` holds (a server-to-server call with an API key).
 */
export type OriginNeed = { kind: 'read' } | { kind: 'write'; alsoWithout?: boolean };

/** The decision: allowed (with the normalised origin to echo, null when there was none), or refused. */
export type OriginVerdict = { allowed: true; origin: string | null } | { allowed: false; error: ParleyError };

/** Longest origin quoted back in a refusal (the header is the client's, of any length). */
const QUOTED = 100;

export class OriginPolicy {
  readonly #store: Store;
  readonly #widgetOrigins: readonly string[];
  readonly #staffOrigins: readonly string[];

  /**
   * @param widgetOrigins deployment-wide origins every chat and work-item POC allows
   * @param staffOrigins origins of the staff pages (agent console) served from elsewhere
   * @throws Error naming the first widget origin that is not an origin
   */
  constructor(store: Store, options: { widgetOrigins?: readonly string[]; staffOrigins?: readonly string[] } = {}) {
    this.#store = store;
    this.#widgetOrigins = normaliseOrigins(options.widgetOrigins ?? [], 'widgetOrigins');
    this.#staffOrigins = normaliseOrigins(options.staffOrigins ?? [], 'staffOrigins');
  }

  /** Whether `headers` may use `poc` (HTTP routes of the POC, its customer socket). */
  checkPoc(poc: PocRow, headers: OriginHeaders, need: OriginNeed): OriginVerdict {
    const raw = one(headers.origin);
    if (raw === undefined) return this.#withoutOrigin(headers, need, `point of contact "${poc.id}"`);
    const origin = normalise(raw);
    if (origin !== null && (this.#isOwn(origin, headers) || this.#widgetOrigins.includes(origin) || readOrigins(poc.allowed_origins).includes(origin))) {
      return { allowed: true, origin };
    }
    return refused(
      `the website origin ${quote(raw)} is not allowed to use point of contact "${poc.id}": add it to the point of contact's allowed website origins`,
    );
  }

  /**
   * Whether a socket.io handshake may go on to a namespace: its origin is the server's own, a
   * staff origin, a deployment-wide widget origin, or on the list of at least one active chat POC.
   * The customer namespace then checks the one POC the handshake names.
   */
  async checkHandshake(headers: OriginHeaders): Promise<OriginVerdict> {
    const raw = one(headers.origin);
    if (raw === undefined) return this.#withoutOrigin(headers, { kind: 'write' }, 'this server');
    const origin = normalise(raw);
    if (origin !== null) {
      if (this.#isOwn(origin, headers) || this.#widgetOrigins.includes(origin) || this.#staffOrigins.includes(origin)) return { allowed: true, origin };
      if (await this.#anyChatPocAllows(origin)) return { allowed: true, origin };
    }
    return refused(`the website origin ${quote(raw)} is not allowed by any chat point of contact of this server`);
  }

  #withoutOrigin(headers: OriginHeaders, need: OriginNeed, what: string): OriginVerdict {
    if (need.kind === 'read' || need.alsoWithout || one(headers['sec-fetch-site']) === 'same-origin') return { allowed: true, origin: null };
    return refused(`a request without an Origin header cannot use ${what}`);
  }

  /** A page Parley serves itself: the browser addressed this very host. */
  #isOwn(origin: string, headers: OriginHeaders): boolean {
    const host = one(headers.host)?.toLowerCase();
    return host !== undefined && new URL(origin).host === host;
  }

  /** Exact match inside each active chat POC's JSON list (a malformed list counts as empty). */
  async #anyChatPocAllows(origin: string): Promise<boolean> {
    const found = await sql<{ one: number }>`
      select 1 as one from pocs, json_each(case when json_valid(pocs.allowed_origins) then pocs.allowed_origins else '[]' end) as listed
      where pocs.active = 1 and pocs.channel = 'chat' and listed.value = ${origin}
      limit 1`.execute(this.#store.db);
    return found.rows.length > 0;
  }
}

/** The origin as browsers send it, or null when the header is not one (`null`, a path, garbage). */
function normalise(raw: string): string | null {
  const checked = checkOrigin(raw);
  return checked.ok ? checked.value : null;
}

/**
 * A configured list of origins as browsers send them (`https://Console.Example:443/` becomes
 * `https://console.example`), so that comparing with an `Origin` header is plain equality.
 * @throws Error naming the option and the first entry that is not an origin
 */
export function normaliseOrigins(origins: readonly string[], option: string): string[] {
  return origins.map((raw) => {
    const checked = checkOrigin(raw, option);
    if (!checked.ok) throw new Error(`${option}: ${checked.error.message}`);
    return checked.value;
  });
}

/** Node joins repeated headers; a list would only come from a hand-made request. */
function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function quote(raw: string): string {
  return JSON.stringify(raw.length > QUOTED ? `${raw.slice(0, QUOTED)}…` : raw);
}

function refused(message: string): OriginVerdict {
  return { allowed: false, error: new ParleyError('origin_not_allowed', message, 'Origin') };
}
