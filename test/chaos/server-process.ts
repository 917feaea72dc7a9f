/**
 * The Parley server as a child process, so that a scenario can SIGKILL it (nothing flushed,
 * nothing drained) or SIGTERM it (drain: the messages being stored are stored and acknowledged)
 * and start it again on the same port and data directory.
 *
 * Environment: PORT (0: a free one), PARLEY_DATA_DIR, CHAOS_DRAIN_MS (drain timeout), and
 * PARLEY_SETTINGS: unset, the test settings below; `default`, the product's own heartbeat, sweep
 * interval and rate limits, as deployed (bench/flood.ts); `no-limits`, the same without limits.
 * Prints `PARLEY_CHAOS_READY <port>` once listening. In the test settings a short heartbeat (1 s
 * ping, 1 s to answer) makes dead connections noticed within about 2 s.
 *
 * SIGUSR2 runs a full garbage collection and prints `PARLEY_CHAOS_GC <process.memoryUsage() as
 * JSON>` (bench/server.ts reads the server's memory after it).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { closeOnSignals, startParley } from '../../server/app.js';
import { NO_LIMITS, scaledLimits } from '../../server/limits/limits.js';
import { TEST_PASSWORD } from '../helpers/server.js';

const dataDir = process.env.PARLEY_DATA_DIR;
if (!dataDir) {
  console.error('PARLEY_DATA_DIR is required');
  process.exit(2);
}
const settings = process.env.PARLEY_SETTINGS;
if (settings && settings !== 'default' && settings !== 'no-limits') {
  console.error(`PARLEY_SETTINGS must be default or no-limits, not ${settings}`);
  process.exit(2);
}
const testSettings = {
  sweepIntervalMs: 200,
  heartbeat: { intervalMs: 1000, timeoutMs: 1000 },
  // Every client of a scenario connects from loopback, reconnecting often: not what is tested.
  limits: scaledLimits(1000),
};

const server = await startParley({
  port: Number(process.env.PORT ?? 0),
  host: '127.0.0.1',
  dataDir,
  demoPassword: TEST_PASSWORD,
  drainTimeoutMs: Number(process.env.CHAOS_DRAIN_MS ?? 5000),
  logger: false,
  ...(settings === 'no-limits' ? { limits: NO_LIMITS } : settings === 'default' ? {} : testSettings),
});
process.on('SIGUSR2', () => {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  process.stdout.write(`PARLEY_CHAOS_GC ${JSON.stringify(process.memoryUsage())}\n`);
});
process.stdout.write(`PARLEY_CHAOS_READY ${server.port}\n`);

closeOnSignals(server, ['SIGTERM']);
