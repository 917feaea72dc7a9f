/**
 * The agent namespace (`/v1/agent`): a thin edge. Connections are authenticated by the staff
 * session cookie and must come from the server's own origin (or a configured staff origin); each
 * event is handed to the ContactCenter.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyBaseLogger } from 'fastify';
import type { Namespace, Socket } from 'socket.io';
import type { AgentClientEvents, AgentServerEvents } from '../../src/protocol/index.js';
import { STAFF_COOKIE, type StaffAuth } from '../auth/staff.js';
import { ParleyError } from '../errors.js';
import type { ContactCenter } from '../routing/contact-center.js';
import type { UserRow } from '../store/store.js';
import { handlers, handshakeRefusal, type InFlight } from './handle.js';
import { isRecord } from '../../src/core/validators.js';

type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, Record<string, never>, { agent: UserRow }>;
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, { agent: UserRow }>;

export const agentRoom = (agentId: string) => `agent:${agentId}`;

/**
 * Whether a staff call's or connection's Origin is acceptable: none (not a browser's cross-site
 * call; on the socket, `allowRequest` has already refused a missing Origin unless the browser said
 * same-origin), the server itself (its host is the request's `Host`), or a listed staff origin.
 * `null` (sandboxed frames, redirects) is none of these.
 */
export function staffOriginAllowed(origin: string | undefined, host: string | undefined, staffOrigins: readonly string[]): boolean {
  if (!origin) return true;
  if (staffOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function mountAgentNamespace(
  nsp: AgentNamespace,
  center: ContactCenter,
  auth: StaffAuth,
  staffOrigins: readonly string[],
  log: FastifyBaseLogger,
  inflight: InFlight,
): void {
  const on = handlers(log, inflight);
  nsp.use((socket, next) => {
    const refuse = (err: ParleyError) => next(handshakeRefusal(err));
    const { origin, host, cookie } = socket.handshake.headers;
    if (!staffOriginAllowed(origin, host, staffOrigins)) return refuse(new ParleyError('forbidden', 'this origin may not open an agent connection'));
    const token = cookie ? fastifyCookie.parse(cookie)[STAFF_COOKIE] : undefined;
    auth
      .userFor(token)
      .then(async (user) => {
        if (!user) return refuse(new ParleyError('not_authenticated', 'sign in as an agent first'));
        const { permissions } = await auth.staffUser(user);
        if (!permissions.includes('contacts.answer')) return refuse(new ParleyError('not_authenticated', 'sign in as an agent first'));
        (socket.data as { agent: UserRow }).agent = user;
        next();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'agent handshake failed');
        refuse(new ParleyError('internal_error', 'something went wrong on the server'));
      });
  });

  nsp.on('connection', (socket: AgentSocket) => {
    const agent = socket.data.agent;
    void socket.join(agentRoom(agent.id));

    socket.on('presence:set', on('presence:set', async (payload) => ({ agent: await center.setPresence(agent, payload) })));
    socket.on('offer:accept', on('offer:accept', (payload) => center.accept(agent, payload)));
    socket.on('offer:decline', on('offer:decline', (payload) => center.decline(agent, payload)));
    socket.on('conversation:resume', on('conversation:resume', (payload) => center.agentResume(agent, payload)));
    socket.on('message:send', on('message:send', async (payload) => ({ message: await center.agentSend(agent, payload) })));
    // The customer must not see "typing…" for ever after this connection drops mid-sentence.
    let typingIn: string | null = null;
    socket.on('typing', on('typing', async (payload) => {
      await center.agentTyping(agent, payload);
      if (isRecord(payload)) typingIn = payload.typing === true ? String(payload.conversationId) : null;
    }));
    socket.on('receipt', on('receipt', (payload) => center.agentReceipt(agent, payload)));
    socket.on('conversation:end', on('conversation:end', async (payload) => ({ conversation: await center.agentEnd(agent, payload) })));
    socket.on('session:get', on('session:get', async (payload) => ({ session: await center.agentSession(agent, payload) })));
    socket.on('transcript:get', on('transcript:get', (payload) => center.agentTranscript(agent, payload)));
    socket.on('interaction:elevate', on('interaction:elevate', (payload) => center.agentElevate(agent, payload)));

    socket.on('disconnect', () => {
      if (typingIn) void center.agentTyping(agent, { conversationId: typingIn, typing: false }).catch(() => undefined);
      // Offers wait for an agent only while one of their connections is open.
      if ((nsp.adapter.rooms.get(agentRoom(agent.id))?.size ?? 0) === 0) void center.agentGone(agent.id).catch((err: unknown) => log.error({ err }, 'agentGone failed'));
    });

    void center.agentHello(agent).then(
      (hello) => {
        socket.emit('hello', hello);
        void center.dispatch();
      },
      (err: unknown) => {
        log.error({ err }, 'agent hello failed');
        socket.disconnect(true);
      },
    );
  });
}
