/**
 * Test helpers: a real Parley server on an ephemeral loopback port with its own temporary SQLite
 * store, and signed-in agents and customers driven through the real core sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { io, type Socket } from 'socket.io-client';
import { startParley, type ParleyOptions, type ParleyServer } from '../../server/app.js';
import { scaledLimits } from '../../server/limits/limits.js';
import { AgentSession } from '../../src/core/agent-session.js';
import { ChatSession, type ChatSessionOptions } from '../../src/core/chat-session.js';
import { DEMO_IDS, NAMESPACES, type CustomerHello } from '../../src/protocol/index.js';
import type { Database } from '../../server/store/schema.js';

export const TEST_PASSWORD = 'parley-test';

export interface TestServer extends ParleyServer {
  dataDir: string;
  /** Stops the server and deletes its data directory. */
  dispose(): Promise<void>;
}

/**
 * Starts a real server on 127.0.0.1 with a fresh data directory (or `dataDir` to reuse one). Every
 * test connects from the same loopback address, so rate limits are 1000 times the defaults unless
 * `limits` says otherwise (server/sockets/limits.test.ts tests the limits themselves).
 */
export async function startTestServer(options: Partial<ParleyOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'parley-test-'));
  const server = await startParley({ port: 0, host: '127.0.0.1', demoPassword: TEST_PASSWORD, sweepIntervalMs: 200, limits: scaledLimits(1000), ...options, dataDir });
  return {
    ...server,
    dataDir,
    async dispose() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The CSRF token each session cookie's sign-in answer gave, by cookie. */
const csrfTokens = new Map<string, string>();

/**
 * Signs in over HTTP and returns the session cookie (`name=value`). The answer's CSRF token is
 * kept for `staffHeaders`.
 */
export async function signIn(url: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken?: string };
  if (csrfToken) csrfTokens.set(cookie, csrfToken);
  return cookie;
}

/** The CSRF token the sign-in of `cookie` answered with (`signIn` of this module), if it did. */
export function csrfTokenOf(cookie: string): string | undefined {
  return csrfTokens.get(cookie);
}

/**
 * Headers of a state-changing staff call made with the session `cookie`: the cookie and its
 * `X-Parley-CSRF` token (none for a cookie `signIn` did not give, a forged one say), plus `extra`.
 */
export function staffHeaders(cookie: string, extra: Record<string, string> = {}): Record<string, string> {
  const token = csrfTokenOf(cookie);
  return { ...extra, cookie, ...(token ? { 'x-parley-csrf': token } : {}) };
}

/** A connected agent session (WebSocket transport, real server). */
export async function connectAgent(url: string, username: string): Promise<AgentSession> {
  const cookie = await signIn(url, username);
  // forceNew: socket.io-client shares one connection per origin across namespaces, and a shared
  // connection opened by a customer session would not carry this agent's cookie.
  const agent = new AgentSession({
    server: url,
    socketOptions: { transports: ['websocket'], extraHeaders: { cookie, origin: new URL(url).origin }, forceNew: true },
    backoff: { minMs: 50, maxMs: 500 },
  });
  await agent.connect();
  return agent;
}

/** A connected customer session on the demo chat POC (or `poc`). */
export async function connectCustomer(url: string, poc: string = DEMO_IDS.chatPoc, options: Partial<ChatSessionOptions> = {}): Promise<ChatSession> {
  const customer = new ChatSession({
    server: url,
    poc,
    socketOptions: { transports: ['websocket'], forceNew: true, extraHeaders: { origin: new URL(url).origin } },
    backoff: { minMs: 50, maxMs: 500 },
    ...options,
  });
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

// ---------------------------------------------------------------------------------------------
// Raw sockets and store look-ups, for tests that send what the core sessions never would.

/** Waits `ms` milliseconds. Only for proving that something did NOT happen within a bound. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A raw socket.io client on the customer namespace with the given handshake `auth` (anything,
 * malformed included). No automatic reconnection, WebSocket only, its own Manager. It sends the
 * server's own origin, as the demo page would, unless `extraHeaders` names another.
 */
export function rawCustomerSocket(url: string, auth: unknown, options: Record<string, unknown> = {}): Socket {
  return io(new URL(NAMESPACES.customer, url).toString(), {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: auth as Record<string, unknown>,
    ...options,
    extraHeaders: { origin: new URL(url).origin, ...(options.extraHeaders as Record<string, string> | undefined) },
  });
}

/** A raw socket.io client on the agent namespace (pass the session cookie in `extraHeaders`; the origin defaults to the server's). */
export function rawAgentSocket(url: string, options: Record<string, unknown> = {}): Socket {
  return io(new URL(NAMESPACES.agent, url).toString(), {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
    extraHeaders: { origin: new URL(url).origin, ...(options.extraHeaders as Record<string, string> | undefined) },
  });
}

/** Resolves with the first `event` the socket receives; rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`timed out waiting for socket event "${event}"`));
    }, timeoutMs);
    const on = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, on);
  });
}

/** What a raw handshake ended with: the server's `hello`, or the `connect_error` data. */
export type HandshakeOutcome =
  | { ok: true; hello: CustomerHello }
  | { ok: false; code: string | undefined; data: { code?: string; message?: string; field?: string } | undefined };

/** Waits for a raw customer socket's `hello` or `connect_error`. */
export function handshake(socket: Socket, timeoutMs = 5000): Promise<HandshakeOutcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for hello or connect_error')), timeoutMs);
    socket.once('hello', (hello: CustomerHello) => {
      clearTimeout(timer);
      resolve({ ok: true, hello });
    });
    socket.once('connect_error', (err: Error & { data?: { code?: string; message?: string; field?: string } }) => {
      clearTimeout(timer);
      resolve({ ok: false, code: err.data?.code, data: err.data });
    });
  });
}

/** Emits with an acknowledgement and resolves with the reply; rejects after `timeoutMs`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ask<R = any>(socket: Socket, event: string, ...args: unknown[]): Promise<R> {
  return socket.timeout(5000).emitWithAck(event, ...args) as Promise<R>;
}

/** Number of rows in `table`, optionally only those whose columns equal `where`. */
export async function countRows(store: { db: Kysely<Database> }, table: keyof Database, where: Record<string, string | number | null> = {}): Promise<number> {
  let query = store.db.selectFrom(table as 'messages').select(sql<number>`count(*)`.as('n'));
  for (const [column, value] of Object.entries(where)) {
    query = value === null ? query.where(sql.ref(column), 'is', null) : query.where(sql.ref(column), '=', value);
  }
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
