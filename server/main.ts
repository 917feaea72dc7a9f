/**
 * `npm start`: the Parley backend on its embedded defaults (SQLite in PARLEY_DATA_DIR, port PORT),
 * building the browser bundles first when they are missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOrigin } from '../src/core/admin-rules.js';
import { closeOnSignals, startParley } from './app.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function envPort(): number {
  const raw = process.env.PORT ?? '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number (0–65535), not "${raw}"`);
    process.exit(2);
  }
  return port;
}

/** PARLEY_WIDGET_ORIGINS: origins every chat and work-item POC allows, comma-separated. */
function envWidgetOrigins(): string[] {
  const listed = (process.env.PARLEY_WIDGET_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  return listed.map((raw) => {
    const checked = checkOrigin(raw, 'PARLEY_WIDGET_ORIGINS');
    if (checked.ok) return checked.value;
    console.error(`PARLEY_WIDGET_ORIGINS: ${checked.error.message}`);
    return process.exit(2);
  });
}

const bundles = ['parley.js', 'console.js', 'studio.js'].map((f) => join(ROOT, 'dist', f));
if (bundles.some((f) => !existsSync(f))) {
  console.log('Building the browser bundles (first start)…');
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: ROOT });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const port = envPort();
const widgetOrigins = envWidgetOrigins();
const server = await startParley({
  port,
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: resolve(process.env.PARLEY_DATA_DIR ?? join(ROOT, 'data')),
  demoPassword: process.env.PARLEY_DEMO_PASSWORD,
  widgetOrigins,
  // Behind a TLS-terminating proxy: believe its X-Forwarded-Proto and X-Forwarded-For (docs/operations.md).
  trustProxy: process.env.PARLEY_TRUST_PROXY === '1',
  synchronous: process.env.PARLEY_SQLITE_SYNC === 'full' ? 'full' : 'normal',
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  // Without PARLEY_SMTP_URL, elevated interactions' email is recorded in the store, not sent.
  smtp: process.env.PARLEY_SMTP_URL
    ? { url: process.env.PARLEY_SMTP_URL, from: process.env.PARLEY_MAIL_FROM ?? 'Parley <no-reply@localhost>' }
    : undefined,
}).catch((err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') console.error(`Port ${port} is already in use: stop what uses it, or start Parley with PORT=<another port>.`);
  else console.error(err);
  process.exit(1);
});
console.log(`Parley is running: demo ${server.url}/  ·  agent console ${server.url}/agent`);

closeOnSignals(server);
