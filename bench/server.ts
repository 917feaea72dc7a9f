/**
 * Server benchmark: what does Parley cost over a bare socket.io relay? A benchmark, not a test:
 * it prints figures, and fails (exit 1) only when a message was lost or a size was not reached.
 *
 * Two servers, side by side, each at every size N (default 1 000, 5 000 and 10 000 concurrent
 * customer conversations, each its own WebSocket on loopback, each accepted by an agent):
 *   - bare: bench/echo-server.ts, a socket.io 4.8 server doing only the relay (customer message
 *     → the agent's socket → the agent's reply → the customer), no store, no routing;
 *   - Parley: the real backend (test/chaos/server-process.ts through ServerProcess) with its
 *     deployed settings (heartbeat, sweep) but no rate limits (`PARLEY_SETTINGS=no-limits`: every
 *     client comes from 127.0.0.1), a fresh SQLite data directory per size, deleted at the end.
 *     Agents are accounts seeded in the store before the server starts, `AGENT_CAPACITY`
 *     conversations each (the demo agents hold 3), N / AGENT_CAPACITY of them.
 * Three kinds of process, so that nothing measured shares an event loop with anything else: the
 * server (a child, started anew for each server and size), the load — every customer and agent —
 * (bench/server-worker.ts, one child), and this one, which only orders the steps and reads
 * /proc. The bare server gets the same number of agents, who get its conversations round robin.
 *
 * For each server and N:
 *   1. the agents sign in, connect and go available; after a full GC in the server (SIGUSR2:
 *      `collectGarbage()`), its resident set size is read (VmRSS, /proc/<pid>/status): idle;
 *   2. N customers connect and start a conversation, `--batch` (200) at a time, each waiting until
 *      an agent has accepted it; after a GC the RSS is read again. Memory per conversation =
 *      (RSS with N open − RSS idle) / N, in kB (the V8 heap difference is shown beside it);
 *   3. saturation: `--in-flight` (256) round trips kept in flight on all the conversations in turn,
 *      each answered by its agent at once, for 2 s of warm-up and `--seconds` (10) measured: round
 *      trips per second (one customer message and one agent reply each), and the CPU the server
 *      and the load process used meanwhile (% of one core, /proc/<pid>/stat);
 *   4. latency at a fixed rate: after a full GC in the server and 3 s of rest (what saturation
 *      left behind, its garbage and the WAL it grew, is not this phase's to pay), min(1 000, N)
 *      customer messages a second on the conversations in turn, sent on schedule (open loop) for
 *      2 s of warm-up and `--rate-seconds` (15) measured: p50/p99/max of the round trip customer →
 *      server → agent → server → customer, from the customer's emit until the reply reaches it
 *      (`performance.now()` in the load process; the warm-up's own figures are kept in the JSON
 *      as `warmupLatency`);
 *   5. every message must be acknowledged and answered: one without a reply within 15 s is lost.
 * Printed: a table per server and N, the ratios Parley / bare, the targets (memory ≤ 2× bare,
 * p99 ≤ 50 ms at 1 000 msg/s, no lost message). The raw figures go to bench/results/server.json.
 *
 * Reproduce (Linux; needs `ulimit -n` above N plus a few hundred, it is checked first):
 *   npm run bench:server                           # 1 000, 5 000 and 10 000
 *   npm run bench:server -- --quick                # 200 and 500, shorter phases: a smoke run
 *   npm run bench:server -- --sizes 2000 --seconds 20 --rate-seconds 30
 *   npm run bench:server -- --servers parley --sizes 10000 --out /tmp/parley.json
 * Other options: --batch (customers opening at once), --in-flight (round trips in flight at
 * saturation), --servers bare,parley, --out (the JSON file).
 * Figures depend on the machine and on what else runs on it: take them on a quiet machine.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEMO_IDS } from '../src/protocol/index.js';
import { seedDemo } from '../server/store/seed.js';
import { now, Store } from '../server/store/store.js';
import { ServerProcess } from '../test/chaos/server-control.js';
import { TEST_PASSWORD } from '../test/helpers/server.js';
import { describeMachine, formatTable, writeResults } from './report.js';
import type { RoundTrips, WorkerCommand } from './server-worker.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
const SIZES = args.includes('--sizes')
  ? args[args.indexOf('--sizes') + 1].split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0)
  : QUICK ? [200, 500] : [1000, 5000, 10000];
/**
 * Customers opening at once. 200: Parley decides the conversations that arrive together in one
 * routing pass, from the agents' loads it keeps in memory, so it keeps up to 10 000 open
 * conversations on a 2-core machine (about 60 s to open them all).
 */
const BATCH = option('--batch', 200);
/** Which servers to run (`--servers parley` runs Parley alone); ratios need both. */
const SERVERS = (args.includes('--servers') ? args[args.indexOf('--servers') + 1].split(',') : ['bare', 'parley']).filter((s): s is Kind => s === 'bare' || s === 'parley');
/** Where the raw results go. */
const OUT = args.includes('--out') ? args[args.indexOf('--out') + 1] : join(HERE, 'results', 'server.json');
const IN_FLIGHT = option('--in-flight', 256);
const WARMUP_MS = QUICK ? 1000 : 2000;
const SATURATE_MS = option('--seconds', QUICK ? 4 : 10) * 1000;
const RATE_MS = option('--rate-seconds', QUICK ? 5 : 15) * 1000;
/** The pause between saturation and the fixed rate, after a full GC in the server. */
const SETTLE_MS = QUICK ? 1000 : 3000;
/** The fixed rate of the latency phase, lowered to N a second for fewer than 1 000 conversations. */
const TARGET_RATE = 1000;
/** Conversations each seeded agent may hold at once. */
const AGENT_CAPACITY = 100;
/** How long one customer may take to connect, start and be accepted. */
const OPEN_TIMEOUT_MS = 60_000;
const TARGETS = { memoryRatio: 2, p99Ms: 50 };

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Kind = 'bare' | 'parley';

/** Children still running when this process exits are killed with it. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
function own(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A server under test, in its own process. */
interface Subject {
  url: string;
  pid: number;
  collectGarbage(): Promise<NodeJS.MemoryUsage>;
  dispose(): Promise<void>;
}

/** Resident set size of a process in kB, from /proc/<pid>/status (Linux). */
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

/** CPU time (user + system) a process has used, in seconds, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name; clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Runs `fn` and returns the share of one core each process used meanwhile (%). */
async function withCpu<T>(pids: number[], fn: () => Promise<T>): Promise<{ result: T; cpu: number[] }> {
  const before = pids.map(cpuSeconds);
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  return { result, cpu: pids.map((pid, i) => Math.round(((cpuSeconds(pid) - before[i]) / seconds) * 100)) };
}

const agentNames = (n: number) => Array.from({ length: Math.max(1, Math.ceil(n / AGENT_CAPACITY)) }, (_, i) => `bench-agent-${i + 1}`);

/** Parley with `agents` seeded accounts of AGENT_CAPACITY, on a fresh data directory. */
async function startParley(agents: string[]): Promise<Subject> {
  const server = new ServerProcess({ env: { PARLEY_SETTINGS: 'no-limits' } });
  const store = await Store.open(server.dataDir);
  try {
    await seedDemo(store, TEST_PASSWORD);
    // The demo agent's password hash, so that the benchmark accounts sign in with the same password.
    const { password_hash } = (await store.getUser('demo-user-agent1'))!;
    const at = now();
    for (const username of agents) {
      const id = `demo-user-${username}`;
      await store.db
        .insertInto('users')
        .values({ id, tenant_id: DEMO_IDS.tenant, username, display_name: username, role: 'agent', password_hash, capacity: AGENT_CAPACITY, created_at: at })
        .execute();
      await store.db.insertInto('agent_skills').values({ user_id: id, skill_id: 'demo-skill-chat' }).execute();
      await store.db.insertInto('agent_state').values({ user_id: id, available: 0, idle_since: at }).execute();
    }
  } finally {
    await store.close();
  }
  try {
    await server.start(60_000);
  } catch (err) {
    await server.dispose();
    throw err;
  }
  return {
    url: server.url,
    pid: server.pid!,
    collectGarbage: () => server.collectGarbage(),
    async dispose() {
      await server.stop();
      await server.dispose();
    },
  };
}

/** bench/echo-server.ts. */
async function startBare(): Promise<Subject> {
  const child = own(spawn(process.execPath, ['--import', 'tsx', join(HERE, 'echo-server.ts')], { cwd: ROOT, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  let errors = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bare server did not start within 20 s\n${errors}`)), 20_000);
    const check = () => {
      const m = /PARLEY_ECHO_READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})\n${errors}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    collectGarbage: () =>
      new Promise((resolve, reject) => {
        const from = out.length;
        const timer = setTimeout(() => reject(new Error('the bare server did not collect garbage within 10 s')), 10_000);
        const check = () => {
          const m = /PARLEY_ECHO_GC (\{.*\})\n/.exec(out.slice(from));
          if (!m) return;
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve(JSON.parse(m[1]) as NodeJS.MemoryUsage);
        };
        child.stdout!.on('data', check);
        child.kill('SIGUSR2');
      }),
    async dispose() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** bench/server-worker.ts; `run()` sends one command and waits (at most `timeoutMs`) for its answer. */
async function startLoad() {
  const worker = own(fork(join(HERE, 'server-worker.ts'), [], { execArgv: ['--import', 'tsx', '--max-old-space-size=8192'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const exited = new Promise<never>((_, reject) => worker.once('exit', (code, signal) => reject(new Error(`the load process exited (${code ?? signal})`))));
  exited.catch(() => undefined);
  const next = <T>(timeoutMs: number, what: string) =>
    Promise.race([
      new Promise<T>((resolve, reject) =>
        worker.once('message', (message) => {
          const m = message as { ok: boolean; error?: string };
          if (m.ok) resolve(m as T);
          else reject(new Error(`${what}: ${m.error}`));
        }),
      ),
      exited,
      sleep(timeoutMs).then(() => Promise.reject(new Error(`${what}: no answer from the load process within ${Math.round(timeoutMs / 1000)} s`))),
    ]);
  await next(30_000, 'start');
  return {
    pid: worker.pid!,
    run<T>(command: WorkerCommand, timeoutMs: number): Promise<T> {
      const answer = next<T>(timeoutMs, command.cmd);
      worker.send(command);
      return answer;
    },
    kill: () => worker.kill('SIGKILL'),
  };
}

interface Run {
  server: Kind;
  conversations: number;
  agents: number;
  opened: number;
  openSeconds: number;
  /** Where and why opening stopped, if it did. */
  stopped?: { at: number; failures: number; reasons: string[] };
  error?: string;
  memory?: { idleRssKb: number; openRssKb: number; perConversationKb: number; idleHeapKb: number; openHeapKb: number; heapPerConversationKb: number };
  saturation?: RoundTrips & { perSecond: number; inFlight: number; serverCpu: number; loadCpu: number };
  fixedRate?: RoundTrips & { perSecond: number; seconds: number; maxSendLagMs: number; serverCpu: number; loadCpu: number };
}

async function measure(kind: Kind, n: number): Promise<Run> {
  const agents = agentNames(n);
  const run: Run = { server: kind, conversations: n, agents: agents.length, opened: 0, openSeconds: 0 };
  log(`${kind} ${n}: starting the server…`);
  const subject = kind === 'parley' ? await startParley(agents) : await startBare();
  let load: Awaited<ReturnType<typeof startLoad>> | undefined;
  try {
    load = await startLoad();
    const signedIn = await load.run<{ agents: number; seconds: number }>({ cmd: 'agents', url: subject.url, usernames: agents, password: TEST_PASSWORD, signIn: kind === 'parley' }, 300_000);
    log(`${kind} ${n}: ${signedIn.agents} agents available in ${signedIn.seconds.toFixed(1)} s`);
    await sleep(1000);
    const idleHeap = await subject.collectGarbage();
    const idleRss = rssKb(subject.pid);

    log(`${kind} ${n}: opening ${n} conversations, ${BATCH} at a time…`);
    const opened = await load.run<{ opened: number; seconds: number; stoppedAt?: number; failures?: number; reasons?: string[] }>(
      { cmd: 'open', count: n, batch: BATCH, timeoutMs: OPEN_TIMEOUT_MS },
      Math.ceil(n / BATCH) * (OPEN_TIMEOUT_MS + 30_000),
    );
    run.opened = opened.opened;
    run.openSeconds = opened.seconds;
    if (opened.stoppedAt !== undefined) {
      run.stopped = { at: opened.stoppedAt, failures: opened.failures ?? 0, reasons: opened.reasons ?? [] };
      throw new Error(`stopped at ${opened.stoppedAt} open conversations: ${opened.failures} of the next batch failed (${(opened.reasons ?? []).join('; ')})`);
    }
    log(`${kind} ${n}: ${opened.opened} open in ${opened.seconds.toFixed(1)} s`);
    await sleep(2000);
    const openHeap = await subject.collectGarbage();
    const openRss = rssKb(subject.pid);
    run.memory = {
      idleRssKb: idleRss,
      openRssKb: openRss,
      perConversationKb: (openRss - idleRss) / n,
      idleHeapKb: idleHeap.heapUsed / 1024,
      openHeapKb: openHeap.heapUsed / 1024,
      heapPerConversationKb: (openHeap.heapUsed - idleHeap.heapUsed) / 1024 / n,
    };

    log(`${kind} ${n}: saturation, ${Math.min(IN_FLIGHT, n)} in flight, ${SATURATE_MS / 1000} s…`);
    const sat = await withCpu([subject.pid, load.pid], () =>
      load!.run<RoundTrips & { perSecond: number; inFlight: number }>({ cmd: 'saturate', inFlight: IN_FLIGHT, warmupMs: WARMUP_MS, durationMs: SATURATE_MS }, WARMUP_MS + SATURATE_MS + 120_000),
    );
    run.saturation = { ...sat.result, serverCpu: sat.cpu[0], loadCpu: sat.cpu[1] };
    // What saturation left behind (its garbage, the WAL it grew) is not the fixed rate's to pay.
    await subject.collectGarbage();
    await sleep(SETTLE_MS);

    const perSecond = Math.min(TARGET_RATE, n);
    log(`${kind} ${n}: ${perSecond} messages a second for ${RATE_MS / 1000} s…`);
    const fixed = await withCpu([subject.pid, load.pid], () =>
      load!.run<RoundTrips & { perSecond: number; seconds: number; maxSendLagMs: number }>({ cmd: 'rate', perSecond, warmupMs: WARMUP_MS, durationMs: RATE_MS }, WARMUP_MS + RATE_MS + 120_000),
    );
    run.fixedRate = { ...fixed.result, serverCpu: fixed.cpu[0], loadCpu: fixed.cpu[1] };
    await load.run({ cmd: 'close' }, 60_000).catch(() => undefined);
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
    log(`${kind} ${n}: ${run.error}`);
  } finally {
    load?.kill();
    await subject.dispose();
  }
  return run;
}

const f = (v: number | undefined, digits = 1) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 || Number.isNaN(a) || Number.isNaN(b) ? undefined : a / b);

function print(runs: Run[], sizes: number[], loadBefore: number[]): boolean {
  const out: string[] = [];
  out.push(`Parley server benchmark — bare socket.io relay vs Parley; Node ${process.version}, ${os.cpus().length} CPU, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average before the run ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  out.push(`Agents hold ${AGENT_CAPACITY} conversations each; saturation: ${Math.min(IN_FLIGHT, Math.max(...sizes))} round trips in flight, ${SATURATE_MS / 1000} s; fixed rate: min(${TARGET_RATE}, N) msg/s for ${RATE_MS / 1000} s.`);
  out.push('');
  const head = ['server', 'N', 'agents', 'open s', 'RSS idle MB', 'RSS open MB', 'kB/conv', 'heap kB/conv', 'sat. msg/s', 'srv CPU %', 'load CPU %', 'rate msg/s', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'ack fail'];
  const rows = runs.map((r) => [
    r.server,
    String(r.conversations),
    String(r.agents),
    f(r.openSeconds),
    f(r.memory && r.memory.idleRssKb / 1024),
    f(r.memory && r.memory.openRssKb / 1024),
    f(r.memory?.perConversationKb),
    f(r.memory?.heapPerConversationKb),
    f(r.saturation?.perSecond, 0),
    r.saturation ? String(r.saturation.serverCpu) : '—',
    r.saturation ? String(r.saturation.loadCpu) : '—',
    r.fixedRate ? String(r.fixedRate.perSecond) : '—',
    f(r.fixedRate?.latency.p50),
    f(r.fixedRate?.latency.p99),
    f(r.fixedRate?.latency.max),
    r.saturation || r.fixedRate ? String((r.saturation?.lost ?? 0) + (r.fixedRate?.lost ?? 0)) : '—',
    r.saturation || r.fixedRate ? String((r.saturation?.ackFailures ?? 0) + (r.fixedRate?.ackFailures ?? 0)) : '—',
  ]);
  out.push(...formatTable(head, rows));
  out.push('(msg/s: customer messages answered by their agent a second, each one round trip customer → agent → customer; latency: that round trip at the fixed rate)');
  for (const r of runs) {
    for (const [phase, trips] of [['saturation', r.saturation], ['fixed rate', r.fixedRate]] as const) {
      const reasons = Object.entries(trips?.disconnects ?? {});
      if (reasons.length > 0) out.push(`${r.server} N ${r.conversations}, ${phase}: connections lost — ${reasons.map(([reason, n]) => `${n} ${reason}`).join(', ')}`);
    }
  }

  out.push('');
  out.push('Parley / bare:');
  let ok = true;
  for (const n of sizes) {
    const bare = runs.find((r) => r.server === 'bare' && r.conversations === n);
    const parley = runs.find((r) => r.server === 'parley' && r.conversations === n);
    const mem = ratio(parley?.memory?.perConversationKb, bare?.memory?.perConversationKb);
    const sat = ratio(parley?.saturation?.perSecond, bare?.saturation?.perSecond);
    const p50 = ratio(parley?.fixedRate?.latency.p50, bare?.fixedRate?.latency.p50);
    const p99 = ratio(parley?.fixedRate?.latency.p99, bare?.fixedRate?.latency.p99);
    out.push(`  N ${String(n).padStart(6)}: memory/conv ×${f(mem, 2)}   msg/s at saturation ×${f(sat, 2)}   p50 ×${f(p50, 2)}   p99 ×${f(p99, 2)}`);
  }
  out.push('');
  out.push('Targets (Parley):');
  for (const r of runs.filter((x) => x.server === 'parley')) {
    const bare = runs.find((x) => x.server === 'bare' && x.conversations === r.conversations);
    const mem = ratio(r.memory?.perConversationKb, bare?.memory?.perConversationKb);
    const lost = (r.saturation?.lost ?? 0) + (r.fixedRate?.lost ?? 0) + (r.saturation?.ackFailures ?? 0) + (r.fixedRate?.ackFailures ?? 0);
    const verdict = (pass: boolean | undefined) => (pass === undefined ? 'not measured' : pass ? 'met' : 'MISSED');
    const p99 = r.fixedRate?.latency.p99;
    const rateNote = r.fixedRate && r.fixedRate.perSecond < TARGET_RATE ? ` (at ${r.fixedRate.perSecond} msg/s, below ${TARGET_RATE})` : '';
    out.push(
      `  N ${String(r.conversations).padStart(6)}: memory ≤ ${TARGETS.memoryRatio}× bare: ${verdict(mem === undefined ? undefined : mem <= TARGETS.memoryRatio)} (×${f(mem, 2)});` +
        `   p99 ≤ ${TARGETS.p99Ms} ms: ${verdict(p99 === undefined || Number.isNaN(p99) ? undefined : p99 <= TARGETS.p99Ms)} (${f(p99)} ms${rateNote});` +
        `   no lost message: ${r.saturation || r.fixedRate ? (lost === 0 ? 'met' : `MISSED (${lost})`) : 'not measured'}`,
    );
  }
  for (const r of runs) {
    if (r.error) {
      ok = false;
      out.push(`  ${r.server} N ${r.conversations}: NOT REACHED — ${r.error}`);
    }
    const lost = (r.saturation?.lost ?? 0) + (r.fixedRate?.lost ?? 0) + (r.saturation?.ackFailures ?? 0) + (r.fixedRate?.ackFailures ?? 0);
    if (lost > 0) ok = false;
  }
  console.log(out.join('\n'));
  return ok;
}

async function main(): Promise<number> {
  const fdLimit = await new Promise<number>((resolve) => {
    const sh = spawn('sh', ['-c', 'ulimit -n'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    sh.stdout.on('data', (d: Buffer) => (text += d.toString()));
    sh.once('exit', () => resolve(text.trim() === 'unlimited' ? Infinity : Number(text.trim())));
  });
  const needed = Math.max(...SIZES) + 500;
  if (fdLimit < needed) {
    console.error(`ulimit -n is ${fdLimit}; ${needed} file descriptors are needed per process for ${Math.max(...SIZES)} conversations. Raise it (ulimit -n ${needed}) and run again.`);
    return 2;
  }
  const loadBefore = os.loadavg();
  log(`load average before the run: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; sizes ${SIZES.join(', ')}`);
  const runs: Run[] = [];
  const started = new Date().toISOString();
  for (const n of SIZES) {
    for (const kind of SERVERS) runs.push(await measure(kind, n));
  }
  const ok = print(runs, SIZES, loadBefore);
  writeResults(OUT, {
    benchmark: 'server',
    started,
    finished: new Date().toISOString(),
    machine: { ...describeMachine(loadBefore), fileDescriptors: fdLimit },
    settings: { sizes: SIZES, servers: SERVERS, quick: QUICK, batch: BATCH, inFlight: IN_FLIGHT, warmupMs: WARMUP_MS, saturationMs: SATURATE_MS, fixedRateMs: RATE_MS, targetRate: TARGET_RATE, agentCapacity: AGENT_CAPACITY, targets: TARGETS },
    runs,
  });
  log(`raw results: ${OUT}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
