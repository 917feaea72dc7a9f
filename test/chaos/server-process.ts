/**
 * The Parley server as a child process, so that a scenario can SIGKILL it (nothing flushed,
 * nothing drained) or SIGTERM it (drain: the messages being stored are stored and acknowledged)
 * and start it again on the same port and data directory.
 *
 * Environment: PORT (0: a free one), PARLEY_DATA_DIR, CHAOS_DRAIN_MS (drain timeout).
 * Prints `PARLEY_CHAOS_READY <port>` once listening. A short heartbeat (1 s ping, 1 s to answer)
 * makes dead connections noticed within about 2 s.
 */
import { closeOnSignals, startParley } from '../../server/app.js';
import { TEST_PASSWORD } from '../helpers/server.js';

const dataDir = process.env.PARLEY_DATA_DIR;
if (!dataDir) {
  console.error('PARLEY_DATA_DIR is required');
  process.exit(2);
}

const server = await startParley({
  port: Number(process.env.PORT ?? 0),
  host: '127.0.0.1',
  dataDir,
  demoPassword: TEST_PASSWORD,
  sweepIntervalMs: 200,
  heartbeat: { intervalMs: 1000, timeoutMs: 1000 },
  drainTimeoutMs: Number(process.env.CHAOS_DRAIN_MS ?? 5000),
  logger: false,
});
process.stdout.write(`PARLEY_CHAOS_READY ${server.port}\n`);

closeOnSignals(server, ['SIGTERM']);
