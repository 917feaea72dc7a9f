/**
 * Delivery benchmark: how long a Parley chat takes to become usable again after its connection is
 * cut, and how fast a long gap is filled. Runs in Node against a real server (`startParley`) on
 * 127.0.0.1, port 0, with a temporary SQLite data directory (deleted at the end); the sessions are
 * the real core `ChatSession` and `AgentSession` over WebSocket. A benchmark, not a test: it prints
 * figures. All times are milliseconds from `performance.now()` in this one process.
 *
 * 1. Reconnect after a cut. A customer and the demo agent `agent1` share an open conversation.
 *    Each run cuts the customer's connection in one of two ways:
 *      - server drop: the server disconnects the customer's socket (`socket.disconnect(true)`,
 *        which closes the underlying connection);
 *      - TCP reset: the customer talks to the server through a small loopback TCP proxy (below: a
 *        plain pipe, so that it adds no delay of its own), which resets both halves of the
 *        connection (RST, no FIN).
 *    Right after the cut the agent sends one message; as soon as the customer session has noticed
 *    the cut, the customer sends one. Measured from the moment of the cut:
 *      - usable: the customer session is `connected` again (its hello handled and the gap filled);
 *      - delivered: the customer's message written during the cut is acknowledged to the customer
 *        and shown in the agent's thread.
 *    Each kind of cut runs twice: with the default reconnection backoff (first attempt 500 ms
 *    ±25 % after the drop, so most of "usable" is that wait), and with `backoff: { minMs: 0 }`
 *    (first attempt at once), which leaves the protocol's own cost. p95 is nearest-rank: with
 *    10 runs or fewer it is the max.
 *
 * 2. Gap fill. The customer session is closed while the agent sends N messages (through its own
 *    outbox, at most LIMITS.outboxMax waiting at once); then `connect()` is called again. Measured
 *    from that call to the customer holding all N (the resume is paged, LIMITS.resumePageSize =
 *    1 000 per reply), and the rate in messages/s. A fresh conversation for every run. How long
 *    the agent took to send the N is printed as progress, not part of the figure.
 *
 * Integrity: at the end of every scenario each message sent is looked for in the store, in the
 * customer's session and in the agent's thread; the bench exits 1 if one is missing, held twice,
 * or out of order, or if the customer session said `connected` without holding a message that was
 * stored before it reconnected. Any other failure (a timeout) also exits 1.
 *
 * Reproduce:
 *   npm run bench:delivery                                   # 50 cuts per row, 5 fills of 1 000
 *   npm run bench:delivery -- --runs 10 --fill-runs 3 --fill 1000,10000
 *   npm run bench:delivery -- --json > delivery.json         # progress goes to stderr
 * Options:
 *   --runs N        cuts per row (default 50)
 *   --fill-runs N   runs per gap size (default 5)
 *   --fill SIZES    gap sizes, comma-separated (default 1000; with 10000 each run takes about a
 *                   minute, nearly all of it the agent sending the 10 000)
 *   --json          machine-readable output instead of the table
 * Figures depend on the machine and on what else runs on it: take them on a quiet machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startParley, type ParleyServer } from '../server/app.js';
import { scaledLimits } from '../server/limits/limits.js';
import { AgentSession } from '../src/core/agent-session.js';
import { ChatSession } from '../src/core/chat-session.js';
import type { BackoffOptions } from '../src/core/link.js';
import { memoryStorage, type KeyValueStorage } from '../src/core/outbox.js';
import { DEMO_IDS, LIMITS, NAMESPACES, type ChatMessage } from '../src/protocol/index.js';
import { percentile } from './report.js';

const PASSWORD = 'parley-bench';
const SOCKET_OPTIONS = { transports: ['websocket'], forceNew: true };

// --- Options -----------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    'fill-runs': { type: 'string', default: '5' },
    fill: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: node --import tsx bench/delivery.ts [--runs N] [--fill-runs N] [--fill 1000,10000] [--json]');
  process.exit(0);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number from 1, not "${text}"`);
  return n;
}
const RUNS = positive('runs', args.runs!);
const FILL_RUNS = positive('fill-runs', args['fill-runs']!);
const FILL_SIZES = args.fill!.split(',').map((s) => positive('fill', s.trim()));

/** Progress, on stderr so that `--json` output stays clean. */
const progress = (line: string) => process.stderr.write(`${line}\n`);

// --- Small tools -------------------------------------------------------------------------------

type Observable<S> = { state: S; subscribe(fn: (s: S) => void): () => void };

/**
 * Resolves with the `performance.now()` at which `predicate` first held, checked at once and on
 * every state change (listeners run synchronously, so the time is that of the change itself).
 */
function when<S>(session: Observable<S>, predicate: (s: S) => boolean, what: string, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    if (predicate(session.state)) return resolve(performance.now());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const off = session.subscribe((state) => {
      if (!predicate(state)) return;
      const at = performance.now();
      clearTimeout(timer);
      off();
      resolve(at);
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const holds = (messages: readonly ChatMessage[], clientId: string) => messages.some((m) => m.clientId === clientId);

interface Summary {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  min: number;
  mean: number;
}

function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    runs: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1]),
    min: round(sorted[0]),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/**
 * A loopback TCP proxy whose connections can be reset: both halves get an RST, as when a NAT or
 * a mobile network drops the connection, rather than the FIN of a clean close.
 */
class ResetProxy {
  readonly #server: net.Server;
  readonly #pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  private constructor(targetPort: number) {
    this.#server = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      const pair = { client, upstream };
      this.#pairs.add(pair);
      const drop = () => {
        this.#pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      for (const socket of [client, upstream]) {
        socket.setNoDelay(true);
        socket.on('error', drop);
        socket.on('close', drop);
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  static async start(targetPort: number): Promise<ResetProxy> {
    const proxy = new ResetProxy(targetPort);
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as net.AddressInfo).port}`;
  }

  /** Resets every open connection, both sides; returns how many. */
  resetAll(): number {
    const pairs = [...this.#pairs];
    this.#pairs.clear();
    for (const { client, upstream } of pairs) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    return pairs.length;
  }

  close(): Promise<void> {
    this.resetAll();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

// --- Integrity ---------------------------------------------------------------------------------

interface Integrity {
  /** Messages the bench sent and then looked for (in the store and both sessions). */
  checked: number;
  /** Missing from one of the three places (counted once per place). */
  lost: number;
  /** Held more than once in one of the three places (extra copies). */
  doubled: number;
  /** A session's list not in seq order from 1 without a hole, or not the store's list. */
  disorder: number;
  /** Times the customer said `connected` without a message stored before it reconnected. */
  staleUsable: number;
}

const integrity: Integrity = { checked: 0, lost: 0, doubled: 0, disorder: 0, staleUsable: 0 };
const problems: string[] = [];

function problem(kind: keyof Omit<Integrity, 'checked'>, count: number, detail: string): void {
  if (count <= 0) return;
  integrity[kind] += count;
  problems.push(`${kind} ×${count}: ${detail}`);
}

/** Every message of a conversation in the store, in seq order. */
async function storedMessages(server: ParleyServer, conversationId: string): Promise<{ id: string; seq: number; client_id: string }[]> {
  const all: { id: string; seq: number; client_id: string }[] = [];
  for (;;) {
    const page = await server.store.messagesAfter(conversationId, all.at(-1)?.seq ?? 0, 1000);
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

/**
 * Looks for each client id sent in the store, the customer's messages and the agent's thread:
 * each exactly once, and both sessions holding exactly the store's list, in order.
 */
async function verify(label: string, server: ParleyServer, customer: ChatSession, agent: AgentSession, conversationId: string, sent: readonly string[]): Promise<void> {
  const stored = await storedMessages(server, conversationId);
  const views: [string, readonly { id: string; seq: number; clientId: string }[]][] = [
    ['store', stored.map((m) => ({ id: m.id, seq: m.seq, clientId: m.client_id }))],
    ['customer', customer.state.messages],
    ['agent', agent.thread(conversationId)?.messages ?? []],
  ];
  integrity.checked += sent.length;
  const storeIds = stored.map((m) => m.id).join(',');
  for (const [place, messages] of views) {
    const counts = new Map<string, number>();
    for (const m of messages) counts.set(m.clientId, (counts.get(m.clientId) ?? 0) + 1);
    const missing = sent.filter((id) => !counts.has(id)).length;
    const extra = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    problem('lost', missing, `${label}: ${missing} of ${sent.length} messages missing from the ${place}`);
    problem('doubled', extra, `${label}: ${extra} extra copies in the ${place}`);
    const inOrder = messages.every((m, i) => m.seq === i + 1);
    const sameAsStore = messages.map((m) => m.id).join(',') === storeIds;
    problem('disorder', inOrder && sameAsStore ? 0 : 1, `${label}: the ${place} list is ${inOrder ? "not the store's" : 'not seq 1..n without holes'}`);
  }
}

// --- Set-up ------------------------------------------------------------------------------------

interface Env {
  server: ParleyServer;
  agent: AgentSession;
}

async function signIn(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

interface Chat {
  customer: ChatSession;
  storage: KeyValueStorage;
  conversationId: string;
  /** Client ids of every message the bench sent in this conversation. */
  sent: string[];
}

/** A new visitor (through `url`) opens a chat; the agent accepts it. */
async function openChat(env: Env, url: string, label: string, backoff?: BackoffOptions): Promise<Chat> {
  const storage = memoryStorage();
  const customer = new ChatSession({ server: url, poc: DEMO_IDS.chatPoc, storage, backoff, socketOptions: SOCKET_OPTIONS });
  await customer.connect();
  await when(customer, (s) => s.connection === 'connected', `${label}: customer connected`);
  const first = customer.send(`${label}: hello`);
  if (typeof first !== 'string') throw new Error(`${label}: first message refused: ${first.message}`);
  await when(customer, (s) => s.conversation !== null && s.pending.length === 0, `${label}: conversation started`);
  const conversationId = customer.state.conversation!.id;
  await when(env.agent, (s) => s.offers.some((o) => o.conversationId === conversationId), `${label}: offer to the agent`);
  const offer = env.agent.state.offers.find((o) => o.conversationId === conversationId)!;
  const refused = await env.agent.accept(offer.id);
  if (refused) throw new Error(`${label}: accept refused: ${refused.code} ${refused.message}`);
  await when(customer, (s) => s.conversation?.status === 'active', `${label}: customer sees the agent join`);
  return { customer, storage, conversationId, sent: [first] };
}

/** The agent ends and wraps up the chat (it holds at most 3); the customer session is closed. */
async function closeChat(env: Env, chat: Chat): Promise<void> {
  chat.customer.close();
  const code = env.agent.state.dispositions[0]?.code;
  if (!code) throw new Error('the agent has no disposition to close a chat with');
  const refused = await env.agent.end(chat.conversationId, code);
  if (refused) throw new Error(`closing the chat failed: ${refused.code} ${refused.message}`);
}

// --- 1. Reconnect after a cut ------------------------------------------------------------------

type CutKind = 'server-drop' | 'tcp-reset';

interface CutRow {
  cut: CutKind;
  backoff: 'default' | 'none';
  label: string;
  /** Cut → the session shows it is no longer connected. */
  noticed: Summary;
  usable: Summary;
  delivered: Summary;
  /** Runs where the agent's message was stored before the customer reconnected (a real gap). */
  gapRuns: number;
  /** Every run's times, in run order (ms). */
  samples: { noticed: number[]; usable: number[]; delivered: number[] };
}

async function cutScenario(env: Env, cut: CutKind, backoff: 'default' | 'none'): Promise<CutRow> {
  const label = `${cut === 'server-drop' ? 'server drops the socket' : 'TCP reset (proxy)'}, ${backoff === 'default' ? 'default backoff (500 ms ±25 %)' : 'backoff 0 (protocol only)'}`;
  progress(`cuts: ${label}, ${RUNS} runs`);
  const proxy = cut === 'tcp-reset' ? await ResetProxy.start(env.server.port) : null;
  const chat = await openChat(env, proxy?.url ?? env.server.url, `cut ${cut} ${backoff}`, backoff === 'none' ? { minMs: 0 } : undefined);
  const { customer, conversationId } = chat;
  const customers = env.server.io.of(NAMESPACES.customer);
  const token = chat.storage.getItem(`parley:visitor:${DEMO_IDS.chatPoc}`);

  const doCut = (): number => {
    if (proxy) return proxy.resetAll();
    let dropped = 0;
    for (const socket of customers.sockets.values()) {
      if ((socket.data as { token?: string }).token !== token) continue;
      socket.disconnect(true);
      dropped += 1;
    }
    return dropped;
  };

  const noticed: number[] = [];
  const usable: number[] = [];
  const delivered: number[] = [];
  let gapRuns = 0;
  try {
    for (let run = 1; run <= RUNS; run += 1) {
      const tag = `cut ${cut} ${backoff} #${run}`;
      let reconnectedAt = Infinity;
      const onConnection = () => {
        if (reconnectedAt === Infinity) reconnectedAt = performance.now();
      };
      customers.on('connection', onConnection);
      let heldAtUsable = false;
      const left = when(customer, (s) => s.connection !== 'connected', `${tag}: customer notices the cut`, 10_000);

      const t0 = performance.now();
      if (doCut() !== 1) throw new Error(`${tag}: expected to cut exactly one customer connection`);

      const agentId = env.agent.send(conversationId, `${tag}: agent, during the cut`);
      if (typeof agentId !== 'string') throw new Error(`${tag}: agent send refused: ${agentId.message}`);
      const agentAcked = when(env.agent, () => holds(env.agent.thread(conversationId)?.messages ?? [], agentId), `${tag}: agent's message acknowledged`);

      const noticedAt = await left;
      const back = when(
        customer,
        (s) => {
          if (s.connection !== 'connected') return false;
          heldAtUsable = holds(s.messages, agentId);
          return true;
        },
        `${tag}: customer usable again`,
      );
      const customerId = customer.send(`${tag}: customer, during the cut`);
      if (typeof customerId !== 'string') throw new Error(`${tag}: customer send refused: ${customerId.message}`);
      const acked = when(customer, (s) => !s.pending.some((p) => p.clientId === customerId), `${tag}: customer's message acknowledged`);
      const shown = when(env.agent, () => holds(env.agent.thread(conversationId)?.messages ?? [], customerId), `${tag}: customer's message shown to the agent`);

      const [usableAt, ackedAt, shownAt, agentAckedAt] = await Promise.all([back, acked, shown, agentAcked]);
      await when(customer, (s) => holds(s.messages, agentId), `${tag}: agent's message reaches the customer`);
      customers.off('connection', onConnection);
      chat.sent.push(agentId, customerId);

      noticed.push(noticedAt - t0);
      usable.push(usableAt - t0);
      delivered.push(Math.max(ackedAt, shownAt) - t0);
      // Stored (acknowledged) before the server even saw the new connection: the customer's
      // resume after hello must have brought it, before it said `connected`.
      if (agentAckedAt < reconnectedAt) {
        gapRuns += 1;
        if (!heldAtUsable) problem('staleUsable', 1, `${tag}: connected without the agent's message stored before the reconnect`);
      }
      await sleep(20); // receipts and typing signals settle between runs
    }
    await verify(label, env.server, customer, env.agent, conversationId, chat.sent);
  } finally {
    await closeChat(env, chat);
    await proxy?.close();
  }
  const tenths = (list: number[]) => list.map((n) => Math.round(n * 10) / 10);
  return {
    cut,
    backoff,
    label,
    noticed: summarize(noticed),
    usable: summarize(usable),
    delivered: summarize(delivered),
    gapRuns,
    samples: { noticed: tenths(noticed), usable: tenths(usable), delivered: tenths(delivered) },
  };
}

// --- 2. Gap fill -------------------------------------------------------------------------------

interface FillRow {
  size: number;
  runs: number;
  /** `connect()` → all N held, per run (ms). */
  fillMs: number[];
  /** `connect()` → state `connected`, per run (ms). */
  usableMs: number[];
  /** How long the agent took to send the N, per run (ms): not part of the figure. */
  seedMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Messages per second at the median fill time, and at the fastest and slowest run. */
  rate: { median: number; min: number; max: number };
}

/** The agent sends `texts` in order, keeping at most `LIMITS.outboxMax` in its outbox. */
async function agentSendMany(agent: AgentSession, conversationId: string, texts: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  const pending = () => agent.thread(conversationId)?.pending.length ?? 0;
  while (ids.length < texts.length) {
    while (ids.length < texts.length && pending() < LIMITS.outboxMax) {
      const id = agent.send(conversationId, texts[ids.length]);
      if (typeof id !== 'string') throw new Error(`agent send refused: ${id.message}`);
      ids.push(id);
    }
    await when(agent, () => pending() <= LIMITS.outboxMax / 2, 'the agent outbox to drain');
  }
  await when(agent, () => pending() === 0, 'the agent outbox to drain');
  return ids;
}

async function fillScenario(env: Env, size: number): Promise<FillRow> {
  progress(`gap fill: ${size} messages, ${FILL_RUNS} runs`);
  const fillMs: number[] = [];
  const usableMs: number[] = [];
  const seedMs: number[] = [];
  for (let run = 1; run <= FILL_RUNS; run += 1) {
    const tag = `fill ${size} #${run}`;
    const chat = await openChat(env, env.server.url, tag);
    const { customer, conversationId } = chat;
    try {
      customer.close();
      const seedStart = performance.now();
      const texts = Array.from({ length: size }, (_, i) => `${tag}: agent message ${i + 1} of ${size}`);
      const ids = await agentSendMany(env.agent, conversationId, texts);
      seedMs.push(performance.now() - seedStart);
      chat.sent.push(...ids);
      const wanted = new Set(ids);

      const timeout = 60_000 + size * 10;
      // Counted only once the list is long enough, so that watching costs the fill nothing.
      const holdsAll = (messages: readonly ChatMessage[]) => messages.length >= size && messages.filter((m) => wanted.has(m.clientId)).length >= size;
      const all = when(customer, (s) => holdsAll(s.messages), `${tag}: all ${size} held`, timeout);
      const back = when(customer, (s) => s.connection === 'connected', `${tag}: customer connected`, timeout);
      const t0 = performance.now();
      await customer.connect();
      const [allAt, usableAt] = await Promise.all([all, back]);
      fillMs.push(allAt - t0);
      usableMs.push(usableAt - t0);
      progress(`  ${tag}: sent in ${Math.round(seedMs.at(-1)!)} ms, filled in ${(allAt - t0).toFixed(1)} ms`);
      await verify(tag, env.server, customer, env.agent, conversationId, chat.sent);
    } finally {
      await closeChat(env, chat);
    }
  }
  const sorted = [...fillMs].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const rate = (ms: number) => Math.round((size / ms) * 1000);
  return {
    size,
    runs: FILL_RUNS,
    fillMs: fillMs.map((n) => Math.round(n * 10) / 10),
    usableMs: usableMs.map((n) => Math.round(n * 10) / 10),
    seedMs: seedMs.map(Math.round),
    medianMs: Math.round(median * 10) / 10,
    minMs: Math.round(sorted[0] * 10) / 10,
    maxMs: Math.round(sorted[sorted.length - 1] * 10) / 10,
    rate: { median: rate(median), min: rate(sorted[sorted.length - 1]), max: rate(sorted[0]) },
  };
}

// --- Report ------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function printReport(report: { machine: ReturnType<typeof machine>; loadAverageAfter: number[]; cuts: CutRow[]; fills: FillRow[]; integrity: Integrity; durationS: number }): void {
  const m = report.machine;
  const out: string[] = [];
  out.push('Parley delivery benchmark');
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}; ${m.platform}`);
  out.push(`load average: ${m.loadAverage.join(' ')} before, ${report.loadAverageAfter.join(' ')} after; took ${report.durationS} s`);
  out.push('server: startParley on 127.0.0.1, temporary SQLite data dir, WebSocket transport, default heartbeat');
  out.push('');
  out.push(`Reconnect after a cut (ms from the cut; ${RUNS} cuts per row; p95 nearest-rank)`);
  out.push(
    table(
      ['cut, backoff', 'measure', 'runs', 'p50', 'p95', 'max', 'min'],
      report.cuts.flatMap((row) => [
        [row.label, 'usable again', row.usable.runs, row.usable.p50, row.usable.p95, row.usable.max, row.usable.min],
        ['', 'message sent in cut delivered', row.delivered.runs, row.delivered.p50, row.delivered.p95, row.delivered.max, row.delivered.min],
      ]),
    ),
  );
  out.push('  usable again: the customer session is back to `connected` (hello handled, gap filled).');
  out.push('  delivered: acknowledged to the customer and shown in the agent thread.');
  out.push(`  runs with a real gap (agent message stored before the reconnect): ${report.cuts.map((r) => `${r.gapRuns}/${r.usable.runs}`).join(', ')}`);
  out.push('');
  if (report.fills.length > 0) {
    out.push(`Gap fill after a long disconnection (connect() → all N held; ${FILL_RUNS} runs per size; resume page ${LIMITS.resumePageSize})`);
    out.push(
      table(
        ['messages', 'runs', 'median ms', 'min ms', 'max ms', 'median msg/s', 'msg/s range', 'runs (ms)'],
        report.fills.map((f) => [f.size, f.runs, f.medianMs, f.minMs, f.maxMs, f.rate.median, `${f.rate.min}–${f.rate.max}`, f.fillMs.join(' ')]),
      ),
    );
    out.push('');
  }
  const i = report.integrity;
  out.push(`integrity: ${i.checked} messages checked in the store and both sessions: ${i.lost} lost, ${i.doubled} doubled, ${i.disorder} out of order, ${i.staleUsable} connected-with-a-gap`);
  console.log(out.join('\n'));
}

// --- Main --------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  const before = machine();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'parley-bench-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    removeDataDir();
    process.exit(130);
  });
  let server: ParleyServer | undefined;
  let agent: AgentSession | undefined;
  try {
    // Every simulated customer connects from loopback: the rate limits are not what is measured.
    server = await startParley({ dataDir, port: 0, host: '127.0.0.1', demoPassword: PASSWORD, logger: false, limits: scaledLimits(1000) });
    const cookie = await signIn(server.url, 'agent1');
    agent = new AgentSession({ server: server.url, socketOptions: { ...SOCKET_OPTIONS, extraHeaders: { cookie } } });
    await agent.connect();
    await when(agent, (s) => s.connection === 'connected', 'agent connected');
    const unavailable = await agent.setAvailable(true);
    if (unavailable) throw new Error(`agent could not go available: ${unavailable.message}`);
    const env: Env = { server, agent };

    const cuts: CutRow[] = [];
    for (const cut of ['server-drop', 'tcp-reset'] as const) {
      for (const backoff of ['default', 'none'] as const) cuts.push(await cutScenario(env, cut, backoff));
    }
    const fills: FillRow[] = [];
    for (const size of FILL_SIZES) fills.push(await fillScenario(env, size));

    const report = {
      machine: before,
      loadAverageAfter: machine().loadAverage,
      options: { runs: RUNS, fillRuns: FILL_RUNS, fillSizes: FILL_SIZES, resumePageSize: LIMITS.resumePageSize },
      cuts,
      fills,
      integrity,
      problems,
      durationS: Math.round((performance.now() - started) / 100) / 10,
    };
    if (args.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
  } finally {
    agent?.close();
    await server?.close();
    removeDataDir();
  }
  if (problems.length > 0) {
    process.stderr.write(`\nFAILED: delivery broke its promise during the measurement\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`\nFAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    // Cleaned up already (main's finally); other waits of the failed run may still hold timers.
    process.exit(1);
  },
);
