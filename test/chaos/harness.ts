/**
 * The world a chaos scenario runs in, and how it is counted.
 *
 * - The Parley server runs as a child process (server-control.ts) with a 1 s heartbeat.
 * - Customers are the real widget in Chromium (one browser; one context per visitor, one page per
 *   tab), embedded as a website owner does (SPEC §3): a small shop page, served from loopback by
 *   this process, loads `parley.js` from the server with `data-server` set to the customer proxy,
 *   so the widget talks to the server through the proxy. Only the live connection
 *   (`/socket.io/`) really crosses it: the widget's other requests to the proxy (the profile) go
 *   straight to the server through Playwright's router, so that a page reloaded while its
 *   connection is cut still shows the chat; the bundles are kept as a CDN would keep them and
 *   served while the server is down (reload.test.ts shows what happens when the profile cannot
 *   be loaded).
 * - The widget's own timings are not configurable from the page, so the scenarios live with them:
 *   an unanswered request is given up after 8 s, the periodic sync runs every 30 s, reconnection
 *   backs off from 0.5 s to 15 s. Faster convergence would need the widget to expose them.
 * - The agent is a bot in Node driving the real `AgentSession` (signed in as a demo agent),
 *   through a proxy of its own; it accepts every offer and says what the scenario tells it to.
 *
 * Counting (count.ts), per scenario: every text a customer typed in the real composer, or the
 * agent sent, is an attempt. At the end the store is read (the data directory's `parley.sqlite`,
 * read-only) and so is every screen (each tab's widget DOM inside the shadow roots of
 * parley-chat → parley-message-list: rows with `data-seq`/`data-client-id`, pending rows with
 * `data-status`, and the tab's sessionStorage outbox; the agent's session state). Lost,
 * duplicated and out of order must be 0, and every attempt acknowledged.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AgentSession } from '../../src/core/agent-session.js';
import type { PendingMessage } from '../../src/core/outbox.js';
import { DEMO_IDS } from '../../src/protocol/index.js';
import { launchBrowser } from '../helpers/browser.js';
import { signIn, staffHeaders } from '../helpers/server.js';
import './exit.js';
import { count, type Attempt, type Counts, type ScreenView, type StoredRow } from './count.js';
import { FrameTap } from './frames.js';
import { FaultProxy, type ProxyStats } from './proxy.js';
import { ServerProcess } from './server-control.js';

/** `CHAOS=long`: more messages, longer faults, repeated. Otherwise the short form. */
export const LONG = process.env.CHAOS === 'long';
export const FORM = LONG ? 'long' : 'short';
export const pick = <T>(short: T, long: T): T => (LONG ? long : short);

export { sleep };

const POC = DEMO_IDS.chatPoc;
const OUTBOX_KEY = `parley:outbox:${POC}`;
const ROW_SELECTOR = '[data-seq], [data-client-id]';

// ---------------------------------------------------------------------------------------------
// Screens

/** A customer tab: the real widget in a page. */
export class CustomerTab {
  constructor(
    readonly name: string,
    readonly page: Page,
    readonly url: string,
  ) {}

  /** Loads the shop page and opens the chat panel. */
  async load(): Promise<void> {
    await this.page.goto(this.url);
    await this.openPanel(30_000);
  }

  /** Reloads the page (the outbox survives in sessionStorage) and opens the panel again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.openPanel();
  }

  async openPanel(timeoutMs = 15_000): Promise<void> {
    const chat = this.page.locator('parley-chat');
    await chat.waitFor({ state: 'attached', timeout: timeoutMs });
    if ((await chat.getAttribute('open')) === null) {
      await chat.getByRole('button', { name: /open chat/i }).click({ timeout: timeoutMs });
    }
    await this.page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: timeoutMs });
  }

  /** Types a text in the composer and presses Enter, as a customer does (and sees it listed). */
  async type(text: string, options: { wait?: boolean } = {}): Promise<void> {
    const box = this.page.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await box.press('Enter');
    if (options.wait === false) return;
    // The composer hands the text over synchronously: it is on screen (pending) at once.
    await this.page
      .waitForFunction(
        ({ text, selector }) => {
          const list = document.querySelector('parley-chat')?.shadowRoot?.querySelector('parley-message-list')?.shadowRoot;
          return [...(list?.querySelectorAll(selector) ?? [])].some((el) => el.querySelector('.bubble')?.textContent?.trim() === text);
        },
        { text, selector: ROW_SELECTOR },
        { timeout: 5_000 },
      )
      .catch(() => undefined); // counted at the end: a text that never showed is lost
  }

  /** The transcript rows in display order and the tab's outbox; null while the page reloads. */
  async view(): Promise<ScreenView | null> {
    try {
      const seen = await this.page.evaluate(
        ({ selector, key }) => {
          // No transcript at all (the chat is hidden, or its panel never opened): shows nothing.
          const list = document.querySelector('parley-chat')?.shadowRoot?.querySelector('parley-message-list')?.shadowRoot;
          const rows = [...(list?.querySelectorAll<HTMLElement>(selector) ?? [])].map((el) => ({
            seq: el.dataset.seq !== undefined ? Number(el.dataset.seq) : null,
            clientId: el.dataset.clientId ?? null,
            status: el.dataset.status ?? null,
            text: (el.querySelector('.bubble')?.textContent ?? el.textContent ?? '').trim(),
          }));
          let outbox: unknown = [];
          try {
            outbox = JSON.parse(sessionStorage.getItem(key) ?? '[]');
          } catch {
            outbox = [];
          }
          return { rows, outbox };
        },
        { selector: ROW_SELECTOR, key: OUTBOX_KEY },
      );
      return seen ? { name: this.name, rows: seen.rows, outbox: seen.outbox as PendingMessage[] } : null;
    } catch {
      return null; // navigating
    }
  }
}

/** The agent: a bot driving the real AgentSession, accepting every offer. */
export class AgentBot {
  readonly session: AgentSession;
  readonly #accepting = new Set<string>();
  #availableAsked = false;

  constructor(url: string, cookie: string) {
    this.session = new AgentSession({
      server: url,
      socketOptions: { transports: ['websocket'], extraHeaders: { cookie, origin: new URL(url).origin }, forceNew: true },
    });
    this.session.subscribe((s) => this.#react(s));
  }

  async start(): Promise<void> {
    await this.session.connect();
    this.#react(this.session.state);
  }

  #react(state: AgentSession['state']): void {
    if (state.connection !== 'connected') {
      this.#availableAsked = false;
      return;
    }
    if (state.agent && !state.agent.available && !this.#availableAsked) {
      this.#availableAsked = true;
      void this.session.setAvailable(true).then((err) => {
        if (err) this.#availableAsked = false;
      });
    }
    for (const offer of state.offers) {
      if (this.#accepting.has(offer.id)) continue;
      this.#accepting.add(offer.id);
      void this.session.accept(offer.id).then((err) => {
        if (err) this.#accepting.delete(offer.id); // offered again later: try again
      });
    }
  }

  /** The conversation (held by the agent) in which the customer wrote `text`. */
  async conversationWith(text: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const thread = this.session.state.threads.find((t) => t.messages.some((m) => m.text === text));
      if (thread) return thread.conversation.id;
      if (Date.now() > deadline) {
        throw new Error(`the agent did not get the conversation with "${text}" within ${timeoutMs} ms; state: ${JSON.stringify(this.session.state).slice(0, 600)}`);
      }
      await sleep(100);
    }
  }

  view(conversationId: string): ScreenView {
    const thread = this.session.thread(conversationId);
    return {
      name: 'agent',
      rows: (thread?.messages ?? []).map((m) => ({ seq: m.seq, clientId: m.clientId, status: null, text: m.text })),
      outbox: thread?.pending ?? [],
    };
  }

  /** Ends and wraps up the conversation, so the agent has room for the next scenario. */
  async wrapUp(conversationId: string): Promise<void> {
    const code = this.session.state.dispositions[0]?.code;
    if (code && this.session.thread(conversationId)) await this.session.end(conversationId, code);
  }

  close(): void {
    this.session.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The world

export class World {
  readonly #bundles = new Map<string, { body: Buffer; headers: Record<string, string> }>();

  private constructor(
    readonly server: ServerProcess,
    readonly customerProxy: FaultProxy,
    readonly agentProxy: FaultProxy,
    readonly browser: Browser,
    readonly agent: AgentBot,
    readonly site: HttpServer,
    /** The shop page that embeds the widget. */
    readonly pageUrl: string,
  ) {}

  static async start(): Promise<World> {
    const server = new ServerProcess();
    await server.start();
    const customerProxy = await new FaultProxy({ port: server.port }).listen();
    const agentProxy = await new FaultProxy({ port: server.port }).listen();
    const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Chaos shop</title><link rel="icon" href="data:," /></head>
  <body>
    <h1>A shop that embeds Parley</h1>
    <script src="${server.url}/parley.js" data-poc="${POC}" data-server="${customerProxy.url}" async></script>
  </body>
</html>`;
    const site = createServer((req, res) => {
      if (req.url === '/' || req.url?.startsWith('/?')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
    const address = site.address();
    const pageUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    // Warm the server up (first requests compile and open files) before the clocks start.
    for (const path of ['/healthz', '/parley.js', `/api/v1/pocs/${POC}/profile`]) await (await fetch(`${server.url}${path}`)).arrayBuffer();
    // The shop is another origin: its POC allows it, as its administrator would have set it.
    const admin = await signIn(server.url, 'admin');
    const allowed = await fetch(`${server.url}/api/v1/admin/pocs/${POC}`, {
      method: 'PATCH',
      headers: staffHeaders(admin, { 'content-type': 'application/json', origin: server.url }),
      body: JSON.stringify({ allowedOrigins: [new URL(pageUrl).origin] }),
    });
    assert.equal(allowed.status, 200, `allowing the shop's origin: ${await allowed.text()}`);
    const browser = await launchBrowser();
    const cookie = await signIn(server.url, 'agent1');
    const agent = new AgentBot(agentProxy.url, cookie);
    await agent.start();
    return new World(server, customerProxy, agentProxy, browser, agent, site, pageUrl);
  }

  /** Both proxies. */
  get proxies(): FaultProxy[] {
    return [this.customerProxy, this.agentProxy];
  }

  /**
   * A new visitor: a browser context in which the widget's requests to the proxy other than the
   * live connection go straight to the server (`direct: false` sends them through the proxy).
   */
  async visitor(options: { frames?: FrameTap; direct?: boolean } = {}): Promise<BrowserContext> {
    const context = await this.browser.newContext();
    // The bundles, as from a CDN: fetched from the server, and still served while it is down.
    await context.route(
      (url) => url.port === String(this.server.port) && url.pathname.endsWith('.js'),
      async (route) => {
        const url = route.request().url();
        try {
          const response = await route.fetch();
          if (response.ok()) this.#bundles.set(url, { body: await response.body(), headers: response.headers() });
          await route.fulfill({ response });
        } catch {
          const cached = this.#bundles.get(url);
          if (cached) await route.fulfill({ status: 200, headers: cached.headers, body: cached.body }).catch(() => undefined);
          else await route.abort('connectionrefused').catch(() => undefined);
        }
      },
    );
    const proxyPort = String(this.customerProxy.port);
    if (options.direct !== false) {
      await context.route(
        (url) => url.port === proxyPort && !url.pathname.startsWith('/socket.io/'),
        async (route) => {
          const from = new URL(route.request().url());
          try {
            const response = await route.fetch({ url: `${this.server.url}${from.pathname}${from.search}`, maxRedirects: 0 });
            await route.fulfill({ response });
          } catch {
            await route.abort('connectionrefused').catch(() => undefined);
          }
        },
      );
    }
    if (options.frames) await options.frames.install(context);
    return context;
  }

  async close(): Promise<void> {
    this.agent.close();
    await this.browser.close().catch(() => undefined);
    for (const p of this.proxies) await p.close();
    await new Promise<void>((resolve) => this.site.close(() => resolve()));
    await this.server.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios and their counts

export interface ScenarioResult extends Counts {
  scenario: string;
  form: string;
  seconds: number;
  ok: boolean;
  notes: string[];
}

export interface ProxyDelta {
  connections: number;
  refused: number;
  resets: number;
  swallowed: number;
}

export class Scenario {
  readonly attempts: Attempt[] = [];
  readonly tabs: CustomerTab[] = [];
  readonly notes: string[] = [];
  readonly #contexts: BrowserContext[] = [];
  readonly #started = Date.now();
  readonly #tag = Math.random().toString(36).slice(2, 6);
  #conversationId: string | null = null;
  #counter = 0;

  readonly #proxiesAtStart: ProxyStats[];

  constructor(
    readonly world: World,
    readonly name: string,
  ) {
    this.#proxiesAtStart = world.proxies.map((p) => structuredClone(p.stats));
  }

  /** What each proxy did since the scenario began (to check that a fault bit at all). */
  proxyDelta(): { customer: ProxyDelta; agent: ProxyDelta } {
    const [customer, agent] = this.world.proxies.map((p, i) => {
      const was = this.#proxiesAtStart[i];
      return {
        connections: p.stats.accepted - was.accepted,
        refused: p.stats.refused - was.refused,
        resets: p.stats.resets - was.resets,
        swallowed: p.stats.up.swallowed - was.up.swallowed + p.stats.down.swallowed - was.down.swallowed,
      };
    });
    return { customer, agent };
  }

  /** A unique text for this scenario. */
  text(by: string): string {
    this.#counter += 1;
    return `[${this.name} ${this.#tag}] ${by} ${this.#counter}`;
  }

  /** Opens a tab for a visitor (a new one unless `context` is given) and its chat panel. */
  async tab(options: { context?: BrowserContext; frames?: FrameTap; direct?: boolean; name?: string } = {}): Promise<CustomerTab> {
    let context = options.context;
    if (!context) {
      context = await this.world.visitor({ frames: options.frames, direct: options.direct });
      this.#contexts.push(context);
    }
    const tab = new CustomerTab(options.name ?? `tab${this.tabs.length + 1}`, await context.newPage(), this.world.pageUrl);
    this.tabs.push(tab);
    await tab.load();
    return tab;
  }

  /** A customer types a text in a tab (`wait: false`: returns as soon as Enter is pressed). */
  async customer(tab: CustomerTab, text = this.text(`${tab.name} says`), options: { wait?: boolean } = {}): Promise<string> {
    this.attempts.push({ text, by: 'customer', tab: tab.name });
    await tab.type(text, options);
    return text;
  }

  /** The agent sends a text in the scenario's conversation. */
  agent(text = this.text('agent says')): string {
    const id = this.conversationId;
    this.attempts.push({ text, by: 'agent', tab: null });
    const result = this.world.agent.session.send(id, text);
    if (typeof result !== 'string') this.notes.push(`agent send refused: ${result.code}`);
    return text;
  }

  get conversationId(): string {
    if (!this.#conversationId) throw new Error('no conversation yet: call begin() first');
    return this.#conversationId;
  }

  /**
   * Opens the chat: the customer's first text, accepted by the agent, who answers. Returns once
   * the agent holds the conversation.
   */
  async begin(tab: CustomerTab): Promise<void> {
    const first = await this.customer(tab);
    this.#conversationId = await this.world.agent.conversationWith(first);
    this.agent();
  }

  /**
   * Both sides talk: `rounds` times the customer types a text (in the tabs in turn) and the agent
   * sends one, `gapMs` apart. `during(i)` runs before round i (to inject a fault).
   */
  async talk(
    rounds: number,
    options: { gapMs?: number; tabs?: CustomerTab[]; padTo?: number; during?: (round: number) => Promise<void> | void } = {},
  ): Promise<void> {
    const tabs = options.tabs ?? this.tabs;
    const pad = (t: string) => (options.padTo && t.length < options.padTo ? `${t} ${'lorem ipsum '.repeat(options.padTo / 12)}`.slice(0, options.padTo).trim() : t);
    for (let i = 0; i < rounds; i++) {
      await options.during?.(i);
      this.agent(pad(this.text('agent says')));
      const tab = tabs[i % tabs.length];
      await this.customer(tab, pad(this.text(`${tab.name} says`)));
      if (options.gapMs) await sleep(options.gapMs);
    }
  }

  /**
   * Waits for something the product should do; when it does not happen in time the scenario
   * goes on (and its counts tell what went wrong), with a note saying what was not seen.
   */
  async awaitOrNote(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
    try {
      await until(what, check, timeoutMs);
      return true;
    } catch {
      this.notes.push(`not seen within ${timeoutMs} ms: ${what}`);
      return false;
    }
  }

  /** How many times the store holds `text` now (read-only look at the SQLite file). */
  storedCount(text: string): number {
    let db: Database.Database | null = null;
    try {
      db = new Database(this.world.server.databaseFile, { readonly: true, fileMustExist: true });
      return (db.prepare('select count(*) as n from messages where text = ?').get(text) as { n: number }).n;
    } catch {
      return 0;
    } finally {
      db?.close();
    }
  }

  // -------------------------------------------------------------------------------------------

  #stored(): { rows: StoredRow[]; conversation: StoredRow[] } | null {
    let db: Database.Database | null = null;
    try {
      db = new Database(this.world.server.databaseFile, { readonly: true, fileMustExist: true });
      const texts = this.attempts.map((a) => a.text);
      const rows = texts.length
        ? (db.prepare(`select conversation_id, seq, client_id, author, text from messages where text in (${texts.map(() => '?').join(',')})`).all(...texts) as StoredRow[])
        : [];
      const ids = [...new Set([this.#conversationId, ...rows.map((r) => r.conversation_id)].filter((x): x is string => !!x))];
      const conversation = ids.length
        ? (db.prepare(`select conversation_id, seq, client_id, author, text from messages where conversation_id in (${ids.map(() => '?').join(',')}) order by conversation_id, seq`).all(...ids) as StoredRow[])
        : [];
      return { rows, conversation };
    } catch {
      return null; // the store is being written by a starting server: try again
    } finally {
      db?.close();
    }
  }

  async #views(): Promise<ScreenView[] | null> {
    const views: ScreenView[] = [];
    for (const tab of this.tabs) {
      const v = await tab.view();
      if (!v) return null;
      views.push(v);
    }
    if (this.#conversationId) views.push(this.world.agent.view(this.#conversationId));
    return views;
  }

  /** Counts what the store and every screen hold now (null while a screen cannot be read). */
  async measure(): Promise<{ result: ScenarioResult; problems: string[] } | null> {
    const stored = this.#stored();
    const views = await this.#views();
    if (!stored || !views) return null;
    const { counts, problems } = count({ attempts: this.attempts, stored: stored.rows, conversation: stored.conversation.filter((r) => r.conversation_id === this.#conversationId), views });
    const result: ScenarioResult = {
      scenario: this.name,
      form: FORM,
      ...counts,
      seconds: Math.round((Date.now() - this.#started) / 100) / 10,
      ok: problems.length === 0,
      notes: this.notes,
    };
    return { result, problems };
  }

  /**
   * Waits until every attempt is stored once and every screen shows the stored conversation
   * once, in order, with nothing left to send — or until `timeoutMs`. Returns the last count.
   */
  async settle(timeoutMs = pick(30_000, 90_000)): Promise<{ result: ScenarioResult; problems: string[] }> {
    const deadline = Date.now() + timeoutMs;
    let last: { result: ScenarioResult; problems: string[] } | null = null;
    for (;;) {
      const now = await this.measure();
      if (now) last = now;
      if (now?.problems.length === 0) return now;
      if (Date.now() > deadline) break;
      await sleep(250);
    }
    if (!last) throw new Error('could not read the store or the screens');
    return last;
  }

  /**
   * Settles, records the counts (CHAOS_RESULTS, printed too, with `notes()` taken once settled),
   * wraps the conversation up and asserts that nothing was lost, doubled or reordered.
   */
  async finish(options: { timeoutMs?: number; notes?: () => string[] } = {}): Promise<ScenarioResult> {
    const { result, problems } = await this.settle(options.timeoutMs);
    this.notes.push(...(options.notes?.() ?? []));
    const delta = this.proxyDelta();
    const said = (d: ProxyDelta) =>
      `${d.connections} connections${d.refused ? `, ${d.refused} refused` : ''}${d.resets ? `, ${d.resets} reset` : ''}${d.swallowed ? `, ${d.swallowed} B swallowed` : ''}`;
    this.notes.push(`customer proxy: ${said(delta.customer)}; agent proxy: ${said(delta.agent)}`);
    record(result);
    if (this.#conversationId) await this.world.agent.wrapUp(this.#conversationId).catch(() => undefined);
    for (const c of this.#contexts) await c.close().catch(() => undefined);
    const detail = `${this.name}: ${JSON.stringify({ ...result, notes: undefined })}\n  ${problems.slice(0, 25).join('\n  ')}${this.notes.length ? `\n  notes: ${this.notes.join('; ')}` : ''}`;
    assert.ok(result.attempted > 0, `${this.name}: nothing was attempted`);
    assert.equal(result.lost, 0, `lost messages — ${detail}`);
    assert.equal(result.duplicated, 0, `duplicated messages — ${detail}`);
    assert.equal(result.outOfOrder, 0, `messages out of order — ${detail}`);
    assert.equal(result.acknowledged, result.attempted, `unacknowledged messages — ${detail}`);
    assert.deepEqual(problems, [], detail);
    return result;
  }
}

/** Resolves once `check()` holds (polled); rejects after `timeoutMs` naming `what`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(100);
  }
}

/** Appends a scenario's counts to CHAOS_RESULTS (JSON lines) and prints them. */
export function record(result: ScenarioResult): void {
  const screens = Object.entries(result.shownOnce)
    .map(([k, v]) => `${k} ${v}/${result.attempted}`)
    .join(', ');
  console.log(
    `chaos ${result.scenario} [${result.form}]: attempted ${result.attempted}, acknowledged ${result.acknowledged}, stored ${result.stored}, shown once ${screens}, lost ${result.lost}, duplicated ${result.duplicated}, out of order ${result.outOfOrder}, ${result.seconds} s${result.notes.length ? ` (${result.notes.join('; ')})` : ''}`,
  );
  const file = process.env.CHAOS_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}
