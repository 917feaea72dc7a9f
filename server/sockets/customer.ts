/**
 * The customer namespace (`/v1/customer`): a thin edge. The handshake names the POC and carries
 * the visitor token, and optionally a signed identity, in socket.io's `auth` field (never the URL,
 * never logged); each event is handed to the ContactCenter, which validates everything.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Namespace, Socket } from 'socket.io';
import {
  PROTOCOL_VERSION,
  type CustomerClientEvents,
  type CustomerServerEvents,
} from '../../src/protocol/index.js';
import { isRecord } from '../../src/core/validators.js';
import { ParleyError } from '../errors.js';
import type { ContactCenter, Visitor } from '../routing/contact-center.js';
import { handlers, handshakeRefusal, type InFlight } from './handle.js';
import { addressKey, ClientLimits, handshakeAddress } from '../limits/limits.js';

interface CustomerData {
  visitor: Visitor;
  token: string;
  /** The client's address, as the per-address rate limits count it. */
  ip: string;
  /** The conversation this connection said it is typing in, until it says it stopped. */
  typingIn: string | null;
}

type CustomerSocket = Socket<CustomerClientEvents, CustomerServerEvents, Record<string, never>, CustomerData>;
export type CustomerNamespace = Namespace<CustomerClientEvents, CustomerServerEvents, Record<string, never>, CustomerData>;

/** Room of every customer connection following one conversation. */
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
/** Room of every connection of one visitor (several tabs). */
export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;
/** Every customer connection on one POC, told when an administrator deactivates it. */
export const pocRoom = (pocId: string) => `poc:${pocId}`;

export function mountCustomerNamespace(
  nsp: CustomerNamespace,
  center: ContactCenter,
  log: FastifyBaseLogger,
  inflight: InFlight,
  limits: ClientLimits = new ClientLimits(),
  /** Whether a proxy's `X-Forwarded-For` names the client (ParleyOptions.trustProxy). */
  trustProxy = false,
): void {
  const on = handlers<CustomerSocket>(log, inflight);
  nsp.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const refuse = (err: ParleyError) => next(handshakeRefusal(err));
    if (!isRecord(auth)) return refuse(new ParleyError('invalid_payload', 'the handshake must carry an auth object'));
    if (auth.protocol !== PROTOCOL_VERSION) {
      return refuse(new ParleyError('unsupported_protocol', `this server speaks protocol ${PROTOCOL_VERSION}`, 'protocol'));
    }
    center
      .chatPoc(auth.poc)
      .then((poc) => center.identify(poc, auth.visitorToken, auth.identity))
      .then(({ visitor, token }) => {
        (socket.data as CustomerData).visitor = visitor;
        (socket.data as CustomerData).token = token;
        next();
      })
      .catch((err: unknown) => {
        if (err instanceof ParleyError) return refuse(err);
        log.error({ err }, 'customer handshake failed');
        refuse(new ParleyError('internal_error', 'something went wrong on the server'));
      });
  });

  const follow = (socket: CustomerSocket, conversationId: string) => void socket.join(conversationRoom(conversationId));
  // The listeners are made once for the namespace and read their connection's state from
  // `socket.data`: closures made per connection would cost every open conversation memory.
  // Rate limits (limits/limits.ts) are checked before any work: a refusal stores nothing.
  const start = on('conversation:start', async (payload, socket) => {
    const { visitor, ip } = socket.data;
    limits.conversationStart(visitor.id, ip);
    const result = await center.start(visitor, payload);
    // Every connection of the visitor follows the new conversation, and hears of it: other tabs
    // resume its history; tabs sharing this very connection (core/tab-link.ts) learn of it too.
    nsp.in(visitorRoom(visitor.id)).socketsJoin(conversationRoom(result.conversation.id));
    nsp.in(visitorRoom(visitor.id)).emit('conversation', result.conversation);
    return result;
  });
  const resume = on('conversation:resume', async (payload, socket) => {
    limits.event(socket.data.visitor.id, socket.data.ip);
    const result = await center.customerResume(socket.data.visitor, payload);
    follow(socket, result.conversation.id);
    return result;
  });
  const send = on('message:send', async (payload, socket) => {
    limits.message(socket.data.visitor.id, socket.data.ip);
    return { message: await center.customerSend(socket.data.visitor, payload) };
  });
  const typing = on('typing', async (payload, socket) => {
    limits.event(socket.data.visitor.id, socket.data.ip);
    await center.customerTyping(socket.data.visitor, payload);
    if (isRecord(payload)) socket.data.typingIn = payload.typing === true ? String(payload.conversationId) : null;
  });
  // The agent must not see "typing…" for ever after this connection drops mid-sentence.
  function stopTyping(this: CustomerSocket): void {
    const { visitor, typingIn } = this.data;
    if (typingIn) void center.customerTyping(visitor, { conversationId: typingIn, typing: false }).catch(() => undefined);
  }
  const receipt = on('receipt', async (payload, socket) => {
    limits.event(socket.data.visitor.id, socket.data.ip);
    return center.customerReceipt(socket.data.visitor, payload);
  });
  const end = on('conversation:end', async (payload, socket) => {
    limits.event(socket.data.visitor.id, socket.data.ip);
    return { conversation: await center.customerEnd(socket.data.visitor, payload) };
  });
  const elevate = on('elevation:request', async (payload, socket) => {
    limits.elevation(socket.data.ip);
    return { elevation: await center.requestElevation(socket.data.visitor, payload) };
  });

  nsp.on('connection', (socket: CustomerSocket) => {
    const { visitor, token } = socket.data;
    socket.data.ip = addressKey(handshakeAddress(socket.handshake, trustProxy));
    socket.data.typingIn = null;
    void socket.join(visitorRoom(visitor.id));
    void socket.join(pocRoom(visitor.pocId));
    socket.on('conversation:start', start);
    socket.on('conversation:resume', resume);
    socket.on('message:send', send);
    socket.on('typing', typing);
    socket.on('disconnect', stopTyping);
    socket.on('receipt', receipt);
    socket.on('conversation:end', end);
    socket.on('elevation:request', elevate);

    void Promise.all([center.currentConversation(visitor), center.customerElevations(visitor)]).then(
      ([conversation, elevations]) => {
        if (conversation) follow(socket, conversation.id);
        socket.emit('hello', { protocol: PROTOCOL_VERSION, visitorToken: token, conversation, elevations });
      },
      (err: unknown) => {
        log.error({ err }, 'customer hello failed');
        socket.disconnect(true);
      },
    );
  });
}
