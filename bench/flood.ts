/**
 * Flood benchmark: does a normal chat stay quick while other clients flood the server as fast as
 * they can? A benchmark, not a test: it prints figures.
 *
 * Three processes, so that no client's CPU work shares an event loop with the server:
 *   - the Parley server (test/chaos/server-process.ts with the product's own settings: default
 *     rate limits, or none with `--no-limits`) on 127.0.0.1, port 0, with a temporary SQLite
 *     data directory deleted at the end;
 *   - the floods (bench/flood-worker.ts), each from its own loopback address: handshakes opened
 *     and closed (127.0.0.2), `message:send` from 4 visitors with 16 in flight each (127.0.0.3),
 *     `conversation:start` (127.0.0.4), work-item posts (127.0.0.5);
 *   - this one: the normal conversation, measured.
 *
 * The normal conversation: one customer (a raw socket.io client from 127.0.0.1) and the demo
 * agent `agent1`, in an accepted chat. It sends N messages, one every 350 ms (a very fast typist,
 * under the per-visitor limit); each round trip is measured from the emit of `message:send`
 * until both the customer's acknowledgement and the agent's `message` event have arrived
 * (milliseconds, `performance.now()`). It runs twice: quiet, then while the floods run.
 *
 * Printed: p50/p95/p99/max of the round trips in each phase (nearest rank), how many flood
 * requests were accepted and refused (`rate_limited`) and other outcomes, and the resident set
 * size of the server process (VmRSS in /proc/<pid>/status) before the flood and at its end. The raw
 * figures (every round trip, the tallies, the machine) go to bench/results/flood.json, or
 * flood-no-limits.json with `--no-limits` (`--out` names another file); `npm run bench:report`
 * makes the tables of docs/performance.md from them.
 *
 * Reproduce (Linux):
 *   npm run bench:flood                        # 150 messages per phase, one per 350 ms
 *   npm run bench:flood -- --messages 300 --interval 400
 *   npm run bench:flood -- --no-limits         # the same flood against a server without limits
 * Figures depend on the machine and on what else runs on it: take them on a quiet machine.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { AgentSession } from '../src/core/agent-session.js';
import { API_PREFIX, NAMESPACES, type ChatMessage } from '../src/protocol/index.js';
import { ServerProcess } from '../test/chaos/server-control.js';
import { TEST_PASSWORD } from '../test/helpers/server.js';
import { ask, customerSocket, hello, type FloodTallies, type Tally } from './flood-worker.js';
import { describeMachine, percentile, writeResults } from './report.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
const MESSAGES = option('--messages', 150);
/** A fast typist's pace, just under the default per-visitor limit (30 per 10 s). */
const INTERVAL_MS = option('--interval', 350);
const LIMITS_OFF = args.includes('--no-limits');
/** Where the raw results go. */
const OUT = args.includes('--out')
  ? args[args.indexOf('--out') + 1]
  : fileURLToPath(new URL(`./results/${LIMITS_OFF ? 'flood-no-limits' : 'flood'}.json`, import.meta.url));

const log = (line: string) => process.stderr.write(`${line}\n`);

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(url).origin },
    body: JSON.stringify({ username: 'agent1', password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The normal conversation: a customer and an agent in an accepted chat. */
async function normalChat(url: string, cookie: string) {
  const agent = new AgentSession({
    server: url,
    socketOptions: { transports: ['websocket'], forceNew: true, extraHeaders: { cookie, origin: new URL(url).origin } },
  });
  await agent.connect();
  const unavailable = await agent.setAvailable(true);
  if (unavailable) throw new Error(`agent could not go available: ${unavailable.message}`);
  // A second connection of the same agent hears every message event too: the measuring ear.
  const ear = io(new URL(NAMESPACES.agent, url).toString(), { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie, origin: new URL(url).origin } });
  const heard = new Map<string, () => void>();
  ear.on('message', (message: ChatMessage) => heard.get(message.clientId)?.());
  ear.on('connect_error', (err: Error) => log(`the measuring agent connection was refused: ${err.message}`));

  const customer = customerSocket(url, '127.0.0.1');
  if (!(await hello(customer)).ok) throw new Error('the normal customer was refused');
  const started = await ask(customer, 'conversation:start', { text: 'hello', clientId: crypto.randomUUID(), name: 'Normal customer' });
  if (!started.ok) throw new Error(`start failed: ${started.error.code}`);
  const conversationId = (started.conversation as { id: string }).id;
  for (let i = 0; i < 200 && !agent.state.offers.some((o) => o.conversationId === conversationId); i++) await new Promise((r) => setTimeout(r, 25));
  const offer = agent.state.offers.find((o) => o.conversationId === conversationId);
  if (!offer) throw new Error('the normal conversation was never offered');
  const refused = await agent.accept(offer.id);
  if (refused) throw new Error(`accept failed: ${refused.message}`);

  /** N round trips, one after another; returns them sorted. */
  async function measure(n: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const clientId = crypto.randomUUID();
      const agentHeard = new Promise<void>((resolve) => heard.set(clientId, resolve));
      const t0 = performance.now();
      const reply = await ask(customer, 'message:send', { conversationId, clientId, text: `normal ${i}` });
      if (!reply.ok) throw new Error(`the normal customer was refused: ${reply.error.code}`);
      await agentHeard;
      times.push(performance.now() - t0);
      heard.delete(clientId);
      // A person types: the next message starts INTERVAL_MS after this one was sent.
      await new Promise((r) => setTimeout(r, Math.max(0, INTERVAL_MS - (performance.now() - t0))));
    }
    return times.sort((a, b) => a - b);
  }

  return {
    measure,
    close() {
      customer.disconnect();
      ear.disconnect();
      agent.close();
    },
  };
}

/** Forks bench/flood-worker.ts and waits until every flood runs; `stop()` returns the tallies. */
async function startFloods(url: string) {
  const worker = fork(fileURLToPath(new URL('./flood-worker.ts', import.meta.url)), [url], { execArgv: ['--import', 'tsx'] });
  const exited = new Promise<never>((_, reject) => worker.once('exit', (code) => reject(new Error(`the flood process exited (${code})`))));
  exited.catch(() => undefined);
  const next = <T>() => Promise.race([new Promise<T>((resolve) => worker.once('message', (message) => resolve(message as T))), exited]);
  await next<{ ready: true }>();
  return {
    stop() {
      const done = next<{ tallies: FloodTallies; seconds: number }>();
      worker.send('stop', () => undefined);
      return done;
    },
    kill: () => worker.kill(),
  };
}

/** Resident set size of a process in kB, from /proc/<pid>/status (Linux). */
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const startedAt = new Date().toISOString();
  const server = new ServerProcess({ env: { PARLEY_SETTINGS: LIMITS_OFF ? 'no-limits' : 'default' } });
  let flood: Awaited<ReturnType<typeof startFloods>> | undefined;
  try {
    await server.start();
    const pid = server.pid!;
    const chat = await normalChat(server.url, await signIn(server.url));
    const rssBefore = rssKb(pid);

    log(`quiet: ${MESSAGES} round trips…`);
    const quiet = await chat.measure(MESSAGES);

    log('flood: starting the floods…');
    flood = await startFloods(server.url);
    await new Promise((r) => setTimeout(r, 1000));
    log(`flood: ${MESSAGES} round trips while flooded…`);
    const flooded = await chat.measure(MESSAGES);
    const rssFlood = rssKb(pid);
    const { tallies, seconds } = await flood.stop();
    chat.close();

    const row = (name: string, t: number[]) =>
      `${name.padEnd(10)} p50 ${percentile(t, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(t, 95).toFixed(1).padStart(7)} ms   p99 ${percentile(t, 99).toFixed(1).padStart(7)} ms   max ${t[t.length - 1].toFixed(1).padStart(7)} ms`;
    const tally = (name: string, t: Tally) =>
      `${name.padEnd(20)} accepted ${String(t.ok).padStart(6)}   refused ${String(t.limited).padStart(7)}   other ${String(t.other).padStart(5)}   (${Math.round((t.ok + t.limited + t.other) / seconds)}/s)`;
    console.log(`Parley flood benchmark — ${MESSAGES} round trips per phase (one per ${INTERVAL_MS} ms), limits ${LIMITS_OFF ? 'OFF' : 'default'}, Node ${process.version}, ${os.cpus().length} CPU`);
    console.log('Normal conversation, send → agent receives → ack:');
    console.log(`  ${row('quiet', quiet)}`);
    console.log(`  ${row('flooded', flooded)}`);
    console.log(`Flood requests over ${seconds.toFixed(1)} s:`);
    console.log(`  ${tally('connections', tallies.connections)}`);
    console.log(`  ${tally('messages', tallies.messages)}`);
    console.log(`  ${tally('conversation starts', tallies.starts)}`);
    console.log(`  ${tally('work items', tallies.workItems)}`);
    console.log(`Server process RSS: ${mb(rssBefore)} before the flood, ${mb(rssFlood)} at its end`);
    writeResults(OUT, {
      benchmark: 'flood',
      started: startedAt,
      finished: new Date().toISOString(),
      machine: describeMachine(loadBefore),
      settings: { messages: MESSAGES, intervalMs: INTERVAL_MS, limits: LIMITS_OFF ? 'off' : 'default' },
      roundTripsMs: { quiet, flooded },
      flood: { seconds, tallies },
      serverRssKb: { before: rssBefore, end: rssFlood },
    });
    log(`raw results: ${OUT}`);
  } finally {
    flood?.kill();
    await server.stop();
    await server.dispose();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
