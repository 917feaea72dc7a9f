/**
 * The bare baseline of bench/server.ts: a socket.io server (the same socket.io 4.8 as Parley's,
 * same buffer limit and heartbeat, each connection pinged at an interval of its own as Parley does:
 * server/sockets/heartbeat.ts) that does the chat relay with nothing else — no store, no
 * routing, no checks beyond the shape of a request. It speaks the part of Parley's protocol the
 * benchmark uses, on the same namespaces, so the same clients drive both:
 *   - customer `/v1/customer`: `hello` on connection; `conversation:start` (ack: a queued
 *     conversation) offers the chat to the next agent connection, round robin; `message:send`
 *     (ack `{ ok, message }`) echoes the message to the customer and hands it to the agent;
 *   - agent `/v1/agent`: `hello` on connection; `presence:set` (ack); `offer:accept` (ack) makes
 *     the chat active and tells the customer (`conversation`); `message:send` (ack) hands the
 *     reply to the customer and echoes it to the agent.
 * Parley emits the same events for these steps (a message goes to the customer's room and to the
 * agent), so what differs between the two servers is what Parley does besides the relay.
 *
 * Run as a child process: `node --import tsx bench/echo-server.ts` (env PORT, default 0: a free
 * one). Listens on 127.0.0.1 and prints `PARLEY_ECHO_READY <port>`. SIGUSR2 runs a full garbage
 * collection and prints `PARLEY_ECHO_GC <process.memoryUsage() as JSON>`; SIGTERM closes it.
 */
import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server, type Socket } from 'socket.io';
import { NAMESPACES, PROTOCOL_VERSION, type ChatMessage } from '../src/protocol/index.js';
import { spreadHeartbeats } from '../server/sockets/heartbeat.js';

type Ack = (reply: unknown) => void;
interface Conversation {
  id: string;
  customer: Socket;
  agent: Socket;
  seq: number;
  active: boolean;
}

const httpServer = http.createServer();
const io = new Server(httpServer, {
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  // Parley's deployed heartbeat (ParleyOptions.heartbeat defaults).
  pingInterval: 10_000,
  pingTimeout: 5_000,
  cors: { origin: true, credentials: true },
});
spreadHeartbeats(io);
const customers = io.of(NAMESPACES.customer);
const agents = io.of(NAMESPACES.agent);

const conversations = new Map<string, Conversation>();
const offers = new Map<string, Conversation>();
const onDuty: Socket[] = [];
let nextAgent = 0;
let lastId = 0;

const isRequest = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const refuse = (ack: Ack | undefined, code: string) => ack?.({ ok: false, error: { code, message: code } });

function message(conversation: Conversation, author: 'customer' | 'agent', req: Record<string, unknown>): ChatMessage {
  conversation.seq += 1;
  return {
    id: `m${++lastId}`,
    conversationId: conversation.id,
    seq: conversation.seq,
    clientId: String(req.clientId),
    author,
    authorName: null,
    text: String(req.text),
    sentAt: new Date().toISOString(),
  };
}

const view = (c: Conversation) => ({ id: c.id, status: c.active ? 'active' : 'queued', queuePosition: null, expectedWaitSeconds: null, agentName: null });

agents.on('connection', (socket) => {
  socket.on('presence:set', (req: unknown, ack?: Ack) => {
    if (!isRequest(req) || typeof req.available !== 'boolean') return refuse(ack, 'invalid_field');
    const at = onDuty.indexOf(socket);
    if (req.available && at < 0) onDuty.push(socket);
    if (!req.available && at >= 0) onDuty.splice(at, 1);
    ack?.({ ok: true, agent: { available: req.available } });
  });
  socket.on('offer:accept', (req: unknown, ack?: Ack) => {
    const conversation = isRequest(req) ? offers.get(String(req.offerId)) : undefined;
    if (!conversation || conversation.agent !== socket) return refuse(ack, 'offer_not_found');
    offers.delete(String((req as Record<string, unknown>).offerId));
    conversation.active = true;
    ack?.({ ok: true, conversation: view(conversation), messages: [] });
    conversation.customer.emit('conversation', view(conversation));
  });
  socket.on('message:send', (req: unknown, ack?: Ack) => {
    const conversation = isRequest(req) ? conversations.get(String(req.conversationId)) : undefined;
    if (!conversation || conversation.agent !== socket || !conversation.active) return refuse(ack, 'conversation_not_found');
    const sent = message(conversation, 'agent', req as Record<string, unknown>);
    ack?.({ ok: true, message: sent });
    conversation.customer.emit('message', sent);
    socket.emit('message', sent);
  });
  socket.on('disconnect', () => {
    const at = onDuty.indexOf(socket);
    if (at >= 0) onDuty.splice(at, 1);
  });
  socket.emit('hello', { protocol: PROTOCOL_VERSION, conversations: [], offers: [] });
});

customers.on('connection', (socket) => {
  const mine = new Set<string>();
  socket.on('conversation:start', (req: unknown, ack?: Ack) => {
    if (!isRequest(req)) return refuse(ack, 'invalid_payload');
    if (onDuty.length === 0) return refuse(ack, 'no_agent');
    const agent = onDuty[nextAgent++ % onDuty.length];
    const conversation: Conversation = { id: `c${++lastId}`, customer: socket, agent, seq: 0, active: false };
    const offerId = `o${++lastId}`;
    conversations.set(conversation.id, conversation);
    offers.set(offerId, conversation);
    mine.add(conversation.id);
    ack?.({ ok: true, conversation: view(conversation), messages: [] });
    agent.emit('offer', { id: offerId, conversationId: conversation.id });
  });
  socket.on('message:send', (req: unknown, ack?: Ack) => {
    const conversation = isRequest(req) ? conversations.get(String(req.conversationId)) : undefined;
    if (!conversation || conversation.customer !== socket) return refuse(ack, 'conversation_not_found');
    const sent = message(conversation, 'customer', req as Record<string, unknown>);
    ack?.({ ok: true, message: sent });
    socket.emit('message', sent);
    if (conversation.active) conversation.agent.emit('message', sent);
  });
  socket.on('disconnect', () => {
    for (const id of mine) conversations.delete(id);
  });
  socket.emit('hello', { protocol: PROTOCOL_VERSION, visitorToken: `v${++lastId}`, conversation: null, elevations: [] });
});

process.on('SIGUSR2', () => {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  process.stdout.write(`PARLEY_ECHO_GC ${JSON.stringify(process.memoryUsage())}\n`);
});
process.once('SIGTERM', () => {
  void io.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = httpServer.address();
  process.stdout.write(`PARLEY_ECHO_READY ${typeof address === 'object' && address ? address.port : 0}\n`);
});
