/**
 * Test helpers: a real Parley server on an ephemeral loopback port with its own temporary SQLite
 * store, and signed-in agents and customers driven through the real core sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startParley, type ParleyOptions, type ParleyServer } from '../../server/app.js';
import { AgentSession } from '../../src/core/agent-session.js';
import { ChatSession } from '../../src/core/chat-session.js';
import { DEMO_IDS } from '../../src/protocol/index.js';

export const TEST_PASSWORD = 'parley-test';

export interface TestServer extends ParleyServer {
  dataDir: string;
  /** Stops the server and deletes its data directory. */
  dispose(): Promise<void>;
}

/** Starts a real server on 127.0.0.1 with a fresh data directory (or `dataDir` to reuse one). */
export async function startTestServer(options: Partial<ParleyOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'parley-test-'));
  const server = await startParley({ port: 0, host: '127.0.0.1', demoPassword: TEST_PASSWORD, sweepIntervalMs: 200, ...options, dataDir });
  return {
    ...server,
    dataDir,
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in over HTTP and returns the session cookie (`name=value`). */
export async function signIn(url: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

/** A connected agent session (WebSocket transport, real server). */
export async function connectAgent(url: string, username: string): Promise<AgentSession> {
  const cookie = await signIn(url, username);
  const agent = new AgentSession({ server: url, socketOptions: { transports: ['websocket'], extraHeaders: { cookie }, reconnectionDelay: 100, reconnectionDelayMax: 500 } });
  await agent.connect();
  return agent;
}

/** A connected customer session on the demo chat POC (or `poc`). */
export async function connectCustomer(url: string, poc: string = DEMO_IDS.chatPoc): Promise<ChatSession> {
  const customer = new ChatSession({ server: url, poc, socketOptions: { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500 } });
  await customer.connect();
  return customer;
}

/** Resolves when `predicate(state)` holds, checking on every change; rejects after `timeoutMs`. */
export function until<S extends object>(
  session: { state: S; subscribe(fn: (s: S) => void): () => void },
  predicate: (state: S) => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<S> {
  return new Promise((resolve, reject) => {
    if (predicate(session.state)) return resolve(session.state);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}; state: ${JSON.stringify(session.state).slice(0, 800)}`));
    }, timeoutMs);
    const off = session.subscribe((state) => {
      if (predicate(state)) {
        clearTimeout(timer);
        off();
        resolve(state);
      }
    });
  });
}
