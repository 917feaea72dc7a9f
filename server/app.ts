/**
 * Assembles the Parley backend: store, demo seed, HTTP API, pages and socket.io namespaces on one
 * port. `startParley()` is what `npm start` and every test call, so tests run the real server.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { API_PREFIX, NAMESPACES } from '../src/protocol/index.js';
import { PeopleAdmin } from './auth/people.js';
import { installCsrfProtection } from './auth/csrf.js';
import type { SignInBackoffOptions } from './auth/sign-in-backoff.js';
import { StaffAuth } from './auth/staff.js';
import { ParleyError } from './errors.js';
import { adminRoutes } from './http/admin.js';
import { adminBulkRoutes } from './http/admin-bulk.js';
import { BulkJobs } from './pocs/bulk/jobs.js';
import { authRoutes } from './http/auth.js';
import { installCors } from './http/cors.js';
import { clientErrorHandler, frameworkErrors, installErrorHandling } from './http/errors.js';
import { pageRoutes } from './http/pages.js';
import { publicRoutes } from './http/public.js';
import { workItemRoutes } from './http/work-items.js';
import { loadPresets, studioRoutes } from './http/studio.js';
import { smtpConnector, type SmtpOptions } from './connectors/index.js';
import { ContactCenter, type ElevationOptions, type Notifier, type RoutingOptions } from './routing/contact-center.js';
import { agentRoom, mountAgentNamespace, type AgentNamespace } from './sockets/agent.js';
import { conversationRoom, mountCustomerNamespace, pocRoom, visitorRoom, type CustomerNamespace } from './sockets/customer.js';
import { handshakeRefusal, InFlight } from './sockets/handle.js';
import { spreadHeartbeats } from './sockets/heartbeat.js';
import { emitToRoom } from './sockets/rooms.js';
import { customerOriginCheck, handshakeOriginCheck } from './sockets/origins.js';
import { ClientLimits, limitConnections, type LimitOptions } from './limits/limits.js';
import { CatalogAdmin } from './pocs/catalog.js';
import { PocAdmin } from './pocs/pocs.js';
import { normaliseOrigins, OriginPolicy } from './pocs/origins.js';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from './store/seed.js';
import { Store } from './store/store.js';
import { AttachmentFiles } from './work-items/files.js';
import { WorkItemIntake } from './work-items/intake.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ParleyOptions {
  /** Where the SQLite store lives (created if missing). */
  dataDir: string;
  /** TCP port; 0 picks a free one (tests). Default 8080. */
  port?: number;
  /** Interface to listen on. Default `0.0.0.0`. */
  host?: string;
  /** Password of the demo accounts when they are first created. */
  demoPassword?: string;
  /** Origins, other than the server's own, allowed to use the staff API with credentials. */
  staffOrigins?: string[];
  /**
   * Website origins every chat and work-item POC allows besides its own list and the server's
   * own origin: a company's own sites, a test page (env PARLEY_WIDGET_ORIGINS in `npm start`).
   * Each is an exact origin like `https://shop.example`; default none.
   */
  widgetOrigins?: string[];
  /**
   * Serve https with this key and certificate (PEM). The staff session cookie is then `Secure`.
   */
  https?: { key: string | Buffer; cert: string | Buffer };
  /**
   * Behind one reverse proxy that terminates TLS: believe its `X-Forwarded-Proto` (the session
   * cookie is `Secure` when it says https) and the address it appended last to `X-Forwarded-For`
   * (the client IP that rate limits and sign-in backoff count; what the client itself wrote before
   * it is ignored). Only set it when every request comes through that proxy, or clients could
   * claim any address. Default false.
   */
  trustProxy?: boolean;
  /** Waits after failed staff sign-ins (docs/operations.md). Defaults: 5 free failures, 1 s doubling to 15 min. */
  signInBackoff?: Partial<SignInBackoffOptions>;
  routing?: Partial<RoutingOptions>;
  /** How often unanswered offers are expired and the queue re-routed. Default 1 s. */
  sweepIntervalMs?: number;
  /** Fastify logger setting; false in tests. */
  logger?: boolean | Record<string, unknown>;
  /** Built bundles. Default `dist/` of the project. */
  distDir?: string;
  /** SQLite `synchronous` setting (docs/operations.md). Default `normal`. */
  synchronous?: 'normal' | 'full';
  /**
   * How often the server pings each socket, and how long it waits for the pong before it counts
   * the connection as dead. Defaults 10 s and 5 s: a cut that sends no FIN is noticed within 15 s.
   */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** On close, how long to wait for handlers still storing messages. Default 5 s. */
  drainTimeoutMs?: number;
  /**
   * Elevation: rate limits and the email and SMS connectors (docs/elevation.md). Without an
   * email connector, `smtp` configures one; without either, email and texts are only recorded.
   */
  elevation?: ElevationOptions;
  /** Send elevated interactions' email through this SMTP server (env PARLEY_SMTP_URL in `npm start`). */
  smtp?: SmtpOptions;
  /**
   * How long a visitor token stays valid after its last use (sliding expiry). Default 30 days
   * (docs/operations.md, "Visitor tokens").
   */
  visitorTokenTtlMs?: number;
  /**
   * Rate limits per client IP and per visitor on connections, conversation starts, messages,
   * other chat events, elevation requests and work items (docs/operations.md, "Rate limits").
   * Each given limit replaces its default (`DEFAULT_LIMITS`); `false` turns one off.
   */
  limits?: Partial<LimitOptions>;
}

export interface ParleyServer {
  /** `http://host:port` of the running server. */
  url: string;
  port: number;
  app: FastifyInstance;
  io: Server;
  store: Store;
  center: ContactCenter;
  /**
   * Stops cleanly: refuses new connections, waits (up to `drainTimeoutMs`) for the messages being
   * stored to be stored and acknowledged, disconnects every socket (clients reconnect by
   * themselves to the next server), waits for routing work under way, closes the store.
   */
  close(): Promise<void>;
}

export async function startParley(options: ParleyOptions): Promise<ParleyServer> {
  // Configured once, as browsers spell origins (checked before anything opens): every check below
  // compares them with `Origin` as is.
  const staffOrigins = normaliseOrigins(options.staffOrigins ?? [], 'staffOrigins');
  const widgetOrigins = normaliseOrigins(options.widgetOrigins ?? [], 'widgetOrigins');
  const store = await Store.open(options.dataDir, { synchronous: options.synchronous });
  await seedDemo(store, options.demoPassword ?? DEFAULT_DEMO_PASSWORD);
  const origins = new OriginPolicy(store, { widgetOrigins, staffOrigins });

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    // What Node's HTTP parser (headers over 16 KiB…) and the router (a malformed path…) refuse
    // gets the usual error shape too.
    clientErrorHandler,
    frameworkErrors,
    // One hop: the proxy in front (the direct peer); addresses further left in X-Forwarded-For are
    // the client's word. (Fastify refuses a bare hop count, which cannot tell who the peer is.)
    trustProxy: options.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    ...(options.https ? { https: options.https } : {}),
    // Route schemas check shapes and refuse what they do not list: no silent removal of unknown
    // fields, no coercion of "5" into 5 (services name the field they refuse).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  });
  // Collects every route's schema for the OpenAPI document (`GET /api/v1/openapi.json`).
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Parley HTTP API', version: '1', description: 'Routing backend of the Parley chat widget. See docs/admin.md, docs/protocol.md and docs/work-items.md.' },
      components: {
        securitySchemes: {
          staffSession: { type: 'apiKey', in: 'cookie', name: 'parley_staff', description: 'Set by POST /api/v1/auth/login.' },
          apiToken: { type: 'http', scheme: 'bearer', description: 'An API token made on the admin pages (Authorization: Bearer <secret>).' },
        },
      },
    },
  });
  await app.register(fastifyCookie);
  // Work-item intake reads multipart bodies part by part (limits set per request, from the form).
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  installErrorHandling(app);
  installCors(app, { staffOrigins, origins, store });

  const io = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: options.heartbeat?.intervalMs ?? 10_000,
    pingTimeout: options.heartbeat?.timeoutMs ?? 5_000,
    // The handshake's Origin is checked before the upgrade (sockets/origins.ts); the customer
    // namespace then checks the POC's own list, the agent namespace its staff origins.
    allowRequest: handshakeOriginCheck(origins, (err) => app.log.error({ err }, 'socket origin check failed')),
    cors: { origin: true, credentials: true },
  });
  // Connections that open together are not pinged together for ever (sockets/heartbeat.ts).
  spreadHeartbeats(io);
  // Each namespace untyped (for middleware and rooms) and with its events' types.
  const customerIo = io.of(NAMESPACES.customer);
  const agentIo = io.of(NAMESPACES.agent);
  const customers = customerIo as unknown as CustomerNamespace;
  const agents = agentIo as unknown as AgentNamespace;

  // The server runs socket.io's in-memory adapter (no `adapter` option above), which emitToRoom needs.
  const notifier: Notifier = {
    customer: (conversationId: string, event: string, payload: unknown) => emitToRoom(customerIo, conversationRoom(conversationId), event, payload),
    visitor: (visitorId: string, event: string, payload: unknown) => emitToRoom(customerIo, visitorRoom(visitorId), event, payload),
    poc: (pocId: string, event: string, payload: unknown) => emitToRoom(customerIo, pocRoom(pocId), event, payload),
    agent: (agentId, event, payload) => emitToRoom(agentIo, agentRoom(agentId), event, payload),
    onlineAgents: () => {
      const ids = new Set<string>();
      for (const socket of agents.sockets.values()) ids.add(socket.data.agent.id);
      return [...ids];
    },
  } as Notifier;
  const smtp = !options.elevation?.email && options.smtp ? smtpConnector(options.smtp) : null;
  const center = new ContactCenter(store, notifier, options.routing, { ...options.elevation, email: options.elevation?.email ?? smtp ?? undefined }, { tokenTtlMs: options.visitorTokenTtlMs });
  await center.recover();
  const files = new AttachmentFiles(options.dataDir);
  const tidied = await files.tidy(await store.attachmentIds());
  if (tidied > 0) app.log.info({ removed: tidied }, 'removed attachment files no work item names');
  const intake = new WorkItemIntake(store, center, files);

  const auth = new StaffAuth(store, { backoff: options.signInBackoff });
  installCsrfProtection(app, auth, staffOrigins);
  const inflight = new InFlight();
  const limits = new ClientLimits(options.limits);
  let closing = false;
  // While draining, new connections are refused with a code clients treat as "retry later".
  for (const nsp of [customerIo, agentIo]) {
    nsp.use((_socket, next) => {
      if (!closing) return next();
      next(handshakeRefusal(new ParleyError('server_closing', 'the server is restarting; retry shortly')));
    });
  }
  customerIo.use(limitConnections(limits, options.trustProxy ?? false));
  customerIo.use(customerOriginCheck(origins, store, (err) => app.log.error({ err }, 'customer origin check failed')));
  mountCustomerNamespace(customers, center, app.log, inflight, limits, options.trustProxy ?? false);
  mountAgentNamespace(agents, center, auth, staffOrigins, app.log, inflight);

  publicRoutes(app, center);
  workItemRoutes(app, { store, center, intake, files, auth, limits });
  authRoutes(app, auth);
  studioRoutes(app, store, auth, loadPresets(join(ROOT, 'themes'), app.log));
  // The change is committed before these run: a failure to tell the widgets is logged, never
  // answered as if the change had failed.
  const pocs = new PocAdmin(store, {
    onDeactivated: async (poc) => {
      if (poc.channel === 'chat') await center.pocDeactivated(poc.id).catch((err: unknown) => app.log.error({ err, poc: poc.id }, 'ending the chats of a deactivated POC failed'));
    },
    onActivated: async (poc) => {
      if (poc.channel === 'chat') await center.pocActivated(poc.id).catch((err: unknown) => app.log.error({ err, poc: poc.id }, 'telling the widgets of an activated POC failed'));
    },
  });
  const catalog = new CatalogAdmin(store);
  // An account disabled, given another role or a new password: its agent connections close now.
  const people = new PeopleAdmin(store, { onSessionsEnded: (userId) => void agents.in(agentRoom(userId)).disconnectSockets(true) });
  adminRoutes(app, { auth, store, pocs, catalog, people });
  // Bulk files: jobs a stopped server left unfinished are marked failed; closing stops the running ones.
  const bulkJobs = new BulkJobs(store, pocs, catalog, { log: app.log });
  await bulkJobs.recover();
  adminBulkRoutes(app, { auth, jobs: bulkJobs, pocs, catalog });
  app.addHook('preClose', () => bulkJobs.close());
  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
  await pageRoutes(app, store, {
    dist: options.distDir ?? join(ROOT, 'dist'),
    demo: join(ROOT, 'demo'),
    pages: join(ROOT, 'server', 'pages'),
  });

  const sweep = setInterval(() => void center.sweep().catch((err: unknown) => app.log.error({ err }, 'sweep failed')), options.sweepIntervalMs ?? 1000);
  sweep.unref();

  app.addHook('preClose', async () => {
    closing = true;
    clearInterval(sweep);
    // Let the handlers that are storing messages finish and acknowledge them…
    await inflight.idle(options.drainTimeoutMs ?? 5_000);
    // …then close every connection gracefully (queued acknowledgements are flushed first), and
    // only cut what is still open after a grace period.
    io.local.disconnectSockets(true);
    for (let waited = 0; io.engine.clientsCount > 0 && waited < 1_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    io.engine.close();
    smtp?.close();
  });

  await app.listen({ port: options.port ?? 8080, host: options.host ?? '0.0.0.0' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  const shownHost = !options.host || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;

  let closed = false;
  return {
    url: `${options.https ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    app,
    io,
    store,
    center,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      // Routing work the last disconnects and sweep queued still reads and writes the store.
      await center.settled();
      await store.close();
    },
  };
}

/**
 * Closes `server` cleanly (the drain of `close()`) on the first of `signals`, then exits 0, or 1
 * if closing failed. Later signals are ignored while it closes.
 */
export function closeOnSignals(server: ParleyServer, signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): void {
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}
