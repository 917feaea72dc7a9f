/**
 * The load of bench/server.ts — every customer and every agent — in a process of its own, so that
 * neither the server under test nor the measuring process shares an event loop with it. Forked by
 * bench/server.ts; it obeys one IPC command at a time and answers each with one message,
 * `{ ok: true, ... }` or `{ ok: false, error }`:
 *   - `agents`: signs the agent accounts in (Parley: POST /api/v1/auth/login; the bare server
 *     takes no cookie), opens one `/v1/agent` WebSocket each and sets them available. From then on
 *     every agent accepts every offer, and answers every customer message at once with a reply
 *     whose client id is `r-<the customer's client id>`;
 *   - `open`: opens `count` customer connections (`/v1/customer`, one WebSocket and one visitor
 *     each) in batches of `batch` at a time, each starting a conversation and waiting until an
 *     agent has accepted it (`conversation` event, status `active`);
 *   - `saturate`: `inFlight` loops, each sending on its own share of the conversations one
 *     message after another (the next as soon as the agent's reply has reached the customer);
 *     counts the round trips completed after `warmupMs`, during `durationMs`;
 *   - `rate`: `perSecond` messages a second for `warmupMs` then `durationMs`, on the
 *     conversations in turn, each sent on schedule whatever the answers do (open loop); the
 *     latency figures are those of the messages sent after the warm-up (`warmupLatency` gives the
 *     others), while every message counts for the lost ones;
 *   - `close`: disconnects everything and exits.
 * A round trip is the time from the customer's `message:send` emit to the agent's reply reaching
 * that customer (`performance.now()`, milliseconds). A message whose reply has not arrived within
 * `LOST_AFTER_MS` is lost; a refused or unanswered acknowledgement (customer's or agent's) is
 * counted too.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { API_PREFIX, DEMO_IDS, NAMESPACES, PROTOCOL_VERSION, type ChatMessage } from '../src/protocol/index.js';
import { percentile } from './report.js';

export type WorkerCommand =
  | { cmd: 'agents'; url: string; usernames: string[]; password: string; signIn: boolean }
  | { cmd: 'open'; count: number; batch: number; timeoutMs: number }
  | { cmd: 'saturate'; inFlight: number; warmupMs: number; durationMs: number }
  | { cmd: 'rate'; perSecond: number; warmupMs: number; durationMs: number }
  | { cmd: 'close' };

export interface Latencies {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface RoundTrips {
  /** Connections lost during the phase, by reason (`ping timeout`, `transport close`…). */
  disconnects: Record<string, number>;
  sent: number;
  answered: number;
  lost: number;
  ackFailures: number;
  latency: Latencies;
}

/** How long a reply may take before its message counts as lost. */
const LOST_AFTER_MS = 15_000;
const ACK_TIMEOUT_MS = 15_000;

let url = '';
const agents: Socket[] = [];
const customers: { socket: Socket; conversationId: string }[] = [];
/** Messages sent and not yet answered, by client id: when sent, and what to call on the reply. */
const pending = new Map<string, { t0: number; done: (ms: number) => void; timer: NodeJS.Timeout }>();
let ackFailures = 0;
/** Connections (customers' and agents') the server closed or that broke, by socket.io's reason. */
const disconnects: Record<string, number> = {};
const counted = (socket: Socket) => socket.on('disconnect', (reason: string) => void (disconnects[reason] = (disconnects[reason] ?? 0) + 1));

const origin = () => new URL(url).origin;


function summarise(times: number[]): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? NaN : percentile(sorted, p));
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1] ?? NaN };
}

/** Resolves with `event`'s first argument, rejects on `connect_error` or after `ms`. */
function first<T>(socket: Socket, event: string, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      clearTimeout(timer);
      reject(new Error(`connection refused: ${err.data?.code ?? err.message}`));
    });
  });
}

type Reply = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string } };

async function ask(socket: Socket, event: string, payload: unknown): Promise<Reply> {
  return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Reply;
}

async function signIn(username: string, password: string): Promise<string> {
  const res = await fetch(`${url}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: origin() },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** An agent connection that accepts every offer and answers every customer message. */
async function connectAgent(cookie: string): Promise<Socket> {
  const socket = io(new URL(NAMESPACES.agent, url).toString(), {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin: origin(), ...(cookie ? { cookie } : {}) },
  });
  const ackFailed = (err: Error | null, reply?: Reply) => {
    if (err || !reply?.ok) ackFailures += 1;
  };
  socket.on('offer', (offer: { id: string }) => socket.timeout(ACK_TIMEOUT_MS).emit('offer:accept', { offerId: offer.id }, ackFailed));
  socket.on('message', (message: ChatMessage) => {
    if (message.author !== 'customer') return;
    socket.timeout(ACK_TIMEOUT_MS).emit('message:send', { conversationId: message.conversationId, clientId: `r-${message.clientId}`, text: `re: ${message.text}` }, ackFailed);
  });
  await first(socket, 'hello', 30_000);
  counted(socket);
  const available = await ask(socket, 'presence:set', { available: true });
  if (!available.ok) throw new Error(`an agent could not go available: ${available.error.code}`);
  return socket;
}

/** A customer connection with a conversation an agent has accepted. */
async function openCustomer(timeoutMs: number): Promise<void> {
  const socket = io(new URL(NAMESPACES.customer, url).toString(), {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin: origin() },
    auth: { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc },
  });
  try {
    await first(socket, 'hello', timeoutMs);
    // The agent may accept before the start is acknowledged: the `conversation` event is heard from the start.
    const active = { id: null as string | null, wake: null as (() => void) | null };
    socket.on('conversation', (c: { id: string; status: string }) => {
      if (c.status !== 'active') return;
      active.id = c.id;
      active.wake?.();
    });
    socket.on('message', (message: ChatMessage) => {
      if (message.author !== 'agent' || !message.clientId.startsWith('r-')) return;
      const waiting = pending.get(message.clientId.slice(2));
      if (waiting) waiting.done(performance.now() - waiting.t0);
    });
    const started = await ask(socket, 'conversation:start', { name: 'Benchmark customer' });
    if (!started.ok) throw new Error(`conversation:start refused: ${started.error.code}`);
    const conversation = started.conversation as { id: string; status: string };
    if (conversation.status !== 'active' && active.id !== conversation.id) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no agent accepted the conversation within ${timeoutMs} ms`)), timeoutMs);
        active.wake = () => {
          if (active.id !== conversation.id) return;
          clearTimeout(timer);
          resolve();
        };
      });
    }
    counted(socket);
    customers.push({ socket, conversationId: conversation.id });
  } catch (err) {
    socket.disconnect();
    throw err;
  }
}

let clientIds = 0;

/** One round trip; resolves with its time in ms, or `null` if the message was lost. */
function roundTrip(customer: (typeof customers)[number]): Promise<number | null> {
  return new Promise((resolve) => {
    const clientId = `b${process.pid}-${++clientIds}`;
    const timer = setTimeout(() => {
      pending.delete(clientId);
      resolve(null);
    }, LOST_AFTER_MS);
    pending.set(clientId, {
      t0: performance.now(),
      timer,
      done: (ms) => {
        clearTimeout(timer);
        pending.delete(clientId);
        resolve(ms);
      },
    });
    customer.socket.timeout(ACK_TIMEOUT_MS).emit('message:send', { conversationId: customer.conversationId, clientId, text: `hello ${clientIds}` }, (err: Error | null, reply?: Reply) => {
      if (err || !reply?.ok) ackFailures += 1;
    });
  });
}

/** Disconnections since `before` (a copy of `disconnects`). */
const since = (before: Record<string, number>) =>
  Object.fromEntries(Object.entries(disconnects).map(([reason, n]) => [reason, n - (before[reason] ?? 0)]).filter(([, n]) => Number(n) > 0)) as Record<string, number>;

async function saturate(inFlight: number, warmupMs: number, durationMs: number) {
  const disconnectsBefore = { ...disconnects };
  const loops = Math.min(inFlight, customers.length);
  const start = performance.now();
  const from = start + warmupMs;
  const until = from + durationMs;
  const failuresBefore = ackFailures;
  let sent = 0;
  let answered = 0;
  let lost = 0;
  let counted = 0;
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: loops }, async (_, k) => {
      for (let i = k; performance.now() < until; i = (i + loops) % customers.length) {
        sent += 1;
        const ms = await roundTrip(customers[i]);
        if (ms === null) {
          lost += 1;
          continue;
        }
        answered += 1;
        const at = performance.now();
        if (at >= from && at <= until) {
          counted += 1;
          times.push(ms);
        }
      }
    }),
  );
  const trips: RoundTrips = { disconnects: since(disconnectsBefore), sent, answered, lost, ackFailures: ackFailures - failuresBefore, latency: summarise(times) };
  return { ...trips, perSecond: counted / (durationMs / 1000), inFlight: loops };
}

async function rate(perSecond: number, warmupMs: number, durationMs: number) {
  const disconnectsBefore = { ...disconnects };
  const failuresBefore = ackFailures;
  // Sent on schedule from the start; only those sent after the warm-up give the latency figures.
  const warmup = Math.round((perSecond * warmupMs) / 1000);
  const total = warmup + Math.round((perSecond * durationMs) / 1000);
  const trips: Promise<number | null>[] = [];
  let maxLagMs = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) * perSecond) / 1000) + 1);
      while (trips.length < due) {
        maxLagMs = Math.max(maxLagMs, now - (start + (trips.length * 1000) / perSecond));
        trips.push(roundTrip(customers[trips.length % customers.length]));
      }
      if (trips.length >= total) return resolve();
      setTimeout(tick, 2);
    };
    tick();
  });
  const results = await Promise.all(trips);
  const answered = (list: (number | null)[]) => list.filter((ms): ms is number => ms !== null);
  const lost = results.length - answered(results).length;
  const result: RoundTrips = { disconnects: since(disconnectsBefore), sent: trips.length, answered: trips.length - lost, lost, ackFailures: ackFailures - failuresBefore, latency: summarise(answered(results.slice(warmup))) };
  return { ...result, warmupLatency: summarise(answered(results.slice(0, warmup))), perSecond, seconds: (performance.now() - start) / 1000, maxSendLagMs: maxLagMs };
}

async function obey(command: WorkerCommand): Promise<object> {
  switch (command.cmd) {
    case 'agents': {
      url = command.url;
      const t0 = performance.now();
      // A few at a time: each sign-in checks a password hash on the server.
      for (let i = 0; i < command.usernames.length; i += 8) {
        const group = command.usernames.slice(i, i + 8);
        const cookies = await Promise.all(group.map((u) => (command.signIn ? signIn(u, command.password) : Promise.resolve(''))));
        agents.push(...(await Promise.all(cookies.map((c) => connectAgent(c)))));
      }
      return { agents: agents.length, seconds: (performance.now() - t0) / 1000 };
    }
    case 'open': {
      const t0 = performance.now();
      const target = customers.length + command.count;
      while (customers.length < target) {
        const n = Math.min(command.batch, target - customers.length);
        const outcomes = await Promise.allSettled(Array.from({ length: n }, () => openCustomer(command.timeoutMs)));
        const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        if (refused.length > 0) {
          const reasons = [...new Set(refused.map((o) => (o.reason instanceof Error ? o.reason.message : String(o.reason))))];
          return { opened: customers.length, stoppedAt: customers.length, failures: refused.length, reasons, seconds: (performance.now() - t0) / 1000 };
        }
      }
      return { opened: customers.length, seconds: (performance.now() - t0) / 1000 };
    }
    case 'saturate':
      return saturate(command.inFlight, command.warmupMs, command.durationMs);
    case 'rate':
      return rate(command.perSecond, command.warmupMs, command.durationMs);
    case 'close':
      for (const c of customers) c.socket.off('disconnect');
      for (const a of agents) a.off('disconnect');
      for (const c of customers) c.socket.disconnect();
      for (const a of agents) a.disconnect();
      return { closed: true };
  }
}

process.on('message', (message) => {
  const command = message as WorkerCommand;
  obey(command).then(
    (result) => process.send!({ ok: true, ...result }, () => (command.cmd === 'close' ? process.exit(0) : undefined)),
    (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.send!({ ok: true, ready: true });
