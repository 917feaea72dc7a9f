/**
 * AgentSession's omnichannel side, in Node against the real server: the session of a held
 * interaction kept fresh by events, read-only transcripts paged to the end, agent-side elevation
 * with one idempotency key for every attempt, and a first email that failed waiting for Retry.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { EmailConnector } from '../../server/connectors/index.js';
import { ask, connectAgent, countRows, rawCustomerSocket, handshake, startTestServer, until, type TestServer } from '../../test/helpers/server.js';
import { DEMO_IDS, LIMITS, NAMESPACES, PROTOCOL_VERSION, type CustomerConversation, type CustomerElevation, type SessionView } from '../protocol/index.js';
import { firstMessageClientId, mergeSessionView, type AgentSession } from './agent-session.js';
import { newClientId } from './ids.js';

/** A customer on the demo chat POC, through a raw socket (the widget's session has no requests yet). */
interface Customer {
  socket: Socket;
  conversation: CustomerConversation;
}

let phoneSuffix = 10;
/** A French mobile number not used yet by this file (requests are rate-limited per number). */
const freshMobile = () => `06 12 34 ${String(56 + Math.floor(phoneSuffix / 100)).padStart(2, '0')} ${String(phoneSuffix++ % 100).padStart(2, '0')}`;

describe('AgentSession: sessions, transcripts and elevation', () => {
  let server: TestServer;
  let agent: AgentSession;
  const sockets: Socket[] = [];

  async function customer(name: string, text: string): Promise<Customer> {
    const socket = rawCustomerSocket(server.url, { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc });
    sockets.push(socket);
    const outcome = await handshake(socket);
    assert.ok(outcome.ok, 'customer connected');
    const reply = await ask(socket, 'conversation:start', { name, text, clientId: newClientId() });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    return { socket, conversation: reply.conversation };
  }

  async function request(c: Customer, fields: Record<string, unknown>): Promise<CustomerElevation> {
    const reply = await ask(c.socket, 'elevation:request', { requestId: newClientId(), conversationId: c.conversation.id, ...fields });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    return reply.elevation;
  }

  /** Accepts the offer of one conversation, declining any other. */
  async function acceptOffer(conversationId: string): Promise<void> {
    const state = await until(agent, (s) => s.offers.some((o) => o.conversationId === conversationId), 5000, 'the offer');
    for (const o of state.offers) if (o.conversationId !== conversationId) await agent.decline(o.id);
    assert.equal(await agent.accept(state.offers.find((o) => o.conversationId === conversationId)!.id), null);
  }

  /** A chat the agent holds, with a customer who wrote `text`. */
  async function heldChat(name: string, text = 'Hello, my parcel is late.'): Promise<Customer> {
    const c = await customer(name, text);
    await acceptOffer(c.conversation.id);
    return c;
  }

  before(async () => {
    server = await startTestServer();
    agent = await connectAgent(server.url, 'agent1');
    assert.equal(await agent.setAvailable(true), null);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const o of agent.state.offers) await agent.decline(o.id);
    for (const t of agent.state.threads) await agent.end(t.conversation.id, 'resolved');
    await until(agent, (s) => s.threads.length === 0, 5000, 'desk cleared');
  });
  after(async () => {
    agent.close();
    await server.dispose();
  });

  test('the hello names the skills an elevation may go to and how email and texts leave', () => {
    assert.ok(agent.state.skills.some((k) => k.channel === 'sms' && k.id === 'demo-skill-sms'));
    assert.ok(agent.state.skills.some((k) => k.channel === 'voice'));
    assert.deepEqual(agent.state.connectors, { email: 'record', sms: 'record' });
  });

  test('a callback request: transcript readable before accepting, no messages, session complete only when both are closed', async () => {
    const c = await heldChat('Ada', 'Can someone call me?');
    const chatId = c.conversation.id;
    const elevation = await request(c, { kind: 'callback', phone: freshMobile(), country: 'FR', consent: true, window: null });
    const offered = await until(agent, (s) => s.offers.some((o) => o.conversationId === elevation.id), 5000, 'the callback offer');
    const offer = offered.offers.find((o) => o.conversationId === elevation.id)!;
    assert.equal(offer.channel, 'voice');
    assert.equal(offer.elevation?.kind, 'callback');
    assert.equal(offer.elevation?.reference, elevation.reference);
    assert.equal(offer.elevation?.fromConversationId, chatId);
    assert.match(offer.elevation?.destinationDisplay ?? '', /^\+33 6 12/);

    // Before accepting: the chat it came from, read-only.
    const transcript = await agent.transcript(chatId);
    assert.ok(transcript.ok);
    assert.equal(transcript.value.interaction.channel, 'chat');
    assert.ok(transcript.value.messages.some((m) => m.author === 'customer' && m.text === 'Can someone call me?'));
    assert.ok(transcript.value.messages.some((m) => m.event?.type === 'elevated' && m.event.reference === elevation.reference));
    assert.equal(agent.thread(elevation.id), undefined, 'reading joins nothing to the desk');

    const session = await agent.session(offer.sessionId);
    assert.ok(session.ok);
    assert.deepEqual(session.value.interactions.map((i) => i.channel).sort(), ['chat', 'voice']);
    assert.equal(session.value.complete, false);

    assert.equal(await agent.accept(offer.id), null);
    const callback = agent.thread(elevation.id)!;
    assert.equal(callback.conversation.channel, 'voice');
    assert.equal(callback.conversation.elevation?.destination.startsWith('+336'), true);
    // A callback carries no messages: a text to it is refused and shows as failed.
    agent.send(elevation.id, 'hello?');
    const refused = await until(agent, (s) => s.threads.find((t) => t.conversation.id === elevation.id)?.pending[0]?.status === 'failed', 5000, 'refused');
    assert.equal(refused.threads.find((t) => t.conversation.id === elevation.id)!.pending[0].error?.code, 'invalid_field');

    assert.equal(await agent.end(elevation.id, 'resolved', 'Called, sorted out.'), null);
    let state = await until(agent, (s) => s.sessions[offer.sessionId]?.interactions.find((i) => i.id === elevation.id)?.status === 'closed', 5000, 'callback closed in the session');
    assert.equal(state.sessions[offer.sessionId].complete, false, 'the chat is still open');
    assert.equal(state.sessions[offer.sessionId].interactions.find((i) => i.id === elevation.id)?.disposition, 'resolved');

    assert.equal(await agent.end(chatId, 'resolved'), null);
    state = await until(agent, (s) => s.sessions[offer.sessionId]?.complete === true, 5000, 'session complete');
    assert.ok(state.sessions[offer.sessionId].completedAt);
  });

  test('elevating a chat to SMS: one interaction, sent once, whatever the retries; the session lists both', async () => {
    const c = await heldChat('Grace');
    const chat = agent.thread(c.conversation.id)!.conversation;
    const requestId = newClientId();
    const input = { requestId, conversationId: chat.id, kind: 'sms' as const, skillId: 'demo-skill-sms', phone: freshMobile(), country: 'FR', text: 'Your parcel leaves today.' };
    const first = await agent.elevate(input);
    assert.ok(first.ok, JSON.stringify(first));
    assert.equal(first.requestId, requestId);
    assert.equal(first.deliveryFailed, false);
    const sms = agent.thread(first.conversation.id)!;
    assert.equal(sms.conversation.channel, 'sms');
    assert.equal(sms.conversation.status, 'active');
    assert.equal(sms.conversation.sessionId, chat.sessionId);
    assert.equal(sms.conversation.elevation?.by, 'agent');
    assert.ok(sms.messages.some((m) => m.author === 'agent' && m.text === 'Your parcel leaves today.'));

    // The answer was lost, say: the same request again creates and sends nothing more.
    const again = await agent.elevate(input);
    assert.ok(again.ok);
    assert.equal(again.conversation.id, first.conversation.id);
    assert.equal(agent.state.threads.filter((t) => t.conversation.id === first.conversation.id).length, 1);
    assert.equal(await countRows(server.store, 'conversations', { session_id: chat.sessionId }), 2);
    const outbound = await server.store.outbound({ conversationId: first.conversation.id });
    assert.equal(outbound.length, 1);
    assert.equal(outbound[0].status, 'recorded');
    assert.equal(outbound[0].body, 'Your parcel leaves today.');

    const state = await until(agent, (s) => (s.sessions[chat.sessionId]?.interactions.length ?? 0) === 2, 5000, 'the session event');
    assert.deepEqual(state.sessions[chat.sessionId].interactions.map((i) => i.channel), ['chat', 'sms']);

    // A later text in the SMS interaction goes out through the connector as well.
    agent.send(first.conversation.id, 'It should arrive by 6 pm.');
    await until(agent, (s) => s.threads.find((t) => t.conversation.id === first.conversation.id)?.messages.some((m) => m.text === 'It should arrive by 6 pm.') === true, 5000, 'second text stored');
    assert.equal((await server.store.outbound({ conversationId: first.conversation.id })).length, 2);
  });

  test('an elevation asked while the connection drops goes through once it is back, creating one interaction', async () => {
    const c = await heldChat('Mary');
    const chat = agent.thread(c.conversation.id)!.conversation;
    await until(agent, (s) => s.connection === 'connected', 5000, 'connected');
    server.io.of(NAMESPACES.agent).disconnectSockets();
    await until(agent, (s) => s.connection !== 'connected', 5000, 'the drop seen');
    const outcome = await agent.elevate({ conversationId: chat.id, kind: 'callback', skillId: 'demo-skill-voice', phone: freshMobile(), country: 'FR' });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(agent.state.connection, 'connected');
    assert.equal(agent.thread(outcome.conversation.id)?.conversation.channel, 'voice');
    assert.equal(await countRows(server.store, 'conversations', { session_id: chat.sessionId }), 2);
  });

  test('refusals name the field to fix, and the same key may be used once it is fixed', async () => {
    const c = await heldChat('Hedy');
    const requestId = newClientId();
    const base = { requestId, conversationId: c.conversation.id, kind: 'sms' as const, skillId: 'demo-skill-sms', country: 'FR', text: 'Hi' };
    const landline = await agent.elevate({ ...base, phone: '01 23 45 67 89' });
    assert.equal(landline.ok, false);
    assert.equal(!landline.ok && landline.error.field, 'phone', 'a landline cannot receive texts');
    const wrongSkill = await agent.elevate({ ...base, phone: freshMobile(), skillId: 'demo-skill-email' });
    assert.equal(!wrongSkill.ok && wrongSkill.error.code, 'elevation_unavailable');
    assert.equal(!wrongSkill.ok && wrongSkill.error.field, 'skillId');
    const empty = await agent.elevate({ ...base, phone: freshMobile(), text: '   ' });
    assert.equal(!empty.ok && empty.error.field, 'text', 'checked before anything is sent');
    const fixed = await agent.elevate({ ...base, phone: freshMobile() });
    assert.ok(fixed.ok, JSON.stringify(fixed));
    assert.equal(fixed.requestId, requestId);
  });

  test('a transcript longer than one page is read to its end', async () => {
    const c = await heldChat('Katherine');
    const id = c.conversation.id;
    const total = LIMITS.resumePageSize + 5;
    await server.store.transaction(async (trx) => {
      for (let i = 0; i < total; i++) await server.store.appendMessage(id, { clientId: `bulk-${i}`, author: 'customer', authorName: 'Katherine', text: `line ${i}` }, trx);
    });
    const transcript = await agent.transcript(id);
    assert.ok(transcript.ok);
    const lines = transcript.value.messages.filter((m) => m.text.startsWith('line '));
    assert.equal(lines.length, total);
    assert.deepEqual(transcript.value.messages.map((m) => m.seq), transcript.value.messages.map((_, i) => i + 1), 'every seq once, in order');
  });

  test('a transcript or session the agent has no part in is not found', async () => {
    // Unavailable: the other customer's chat is not offered (an offered one would be readable).
    assert.equal(await agent.setAvailable(false), null);
    try {
      const other = await customer('Someone else', 'hi');
      const transcript = await agent.transcript(other.conversation.id);
      assert.equal(!transcript.ok && transcript.error.code, 'not_found');
      const session = await agent.session('no-such-session');
      assert.equal(!session.ok && session.error.code, 'not_found');
      assert.equal((await agent.end(other.conversation.id, 'resolved'))?.code, 'conversation_not_found', 'nor can it be ended');
    } finally {
      assert.equal(await agent.setAvailable(true), null);
    }
  });

  test('session views never go back, whatever order replies and events arrive in', () => {
    const at = (m: number) => new Date(Date.UTC(2025, 0, 1, 9, m)).toISOString();
    const view = (statuses: [string, SessionView['interactions'][number]['status']][], complete = false): SessionView => ({
      id: 's1',
      customerName: 'Ada',
      complete,
      completedAt: complete ? at(9) : null,
      interactions: statuses.map(([id, status], i) => ({ id, channel: i === 0 ? 'chat' : 'voice', status, reference: null, agentName: null, disposition: null, createdAt: at(i), closedAt: null })),
    });
    const newer = view([['chat', 'closed'], ['cb', 'active']]);
    const older = view([['chat', 'active']]);
    const merged = mergeSessionView(newer, older);
    assert.deepEqual(merged.interactions.map((i) => [i.id, i.status]), [['chat', 'closed'], ['cb', 'active']]);
    assert.equal(merged.complete, false);
    const done = mergeSessionView(merged, view([['chat', 'closed'], ['cb', 'closed']], true));
    assert.equal(done.complete, true);
    assert.equal(mergeSessionView(done, view([['chat', 'closed'], ['cb', 'wrapup']])).complete, true, 'a late, older view changes nothing');
    const reopened = mergeSessionView(done, view([['chat', 'closed'], ['cb', 'closed'], ['sms', 'queued']]));
    assert.equal(reopened.complete, false, 'complete only while every interaction is closed');
    assert.equal(reopened.completedAt, null);
  });
});

describe('AgentSession: a first email that could not be sent', () => {
  let server: TestServer;
  let agent: AgentSession;
  let socket: Socket | null = null;
  let smtpUp = false;
  const sent: string[] = [];
  // The SMTP server the connector would talk to cannot run here: this stands in for it, failing
  // (as an unreachable server does) until it is switched on.
  const email: EmailConnector = {
    name: 'smtp',
    async send(message) {
      if (!smtpUp) throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      sent.push(message.text);
      return { status: 'sent', providerId: `<${sent.length}@test>` };
    },
  };

  before(async () => {
    server = await startTestServer({ elevation: { email } });
    agent = await connectAgent(server.url, 'agent1');
    assert.equal(await agent.setAvailable(true), null);
  });
  after(async () => {
    socket?.close();
    for (const t of agent.state.threads) await agent.end(t.conversation.id, 'resolved');
    agent.close();
    await server.dispose();
  });

  test('the interaction opens with the email failed; Retry sends it once', async () => {
    assert.equal(agent.state.connectors?.email, 'smtp');
    socket = rawCustomerSocket(server.url, { protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc });
    assert.ok((await handshake(socket)).ok);
    const start = await ask(socket, 'conversation:start', { name: 'Lise', text: 'Please email me the invoice.', clientId: newClientId() });
    const chatId: string = start.conversation.id;
    const offered = await until(agent, (s) => s.offers.some((o) => o.conversationId === chatId), 5000, 'the chat offer');
    assert.equal(await agent.accept(offered.offers.find((o) => o.conversationId === chatId)!.id), null);

    const outcome = await agent.elevate({ conversationId: chatId, kind: 'email', skillId: 'demo-skill-email', email: 'lise@example.com', subject: 'Your invoice', text: 'Here is your invoice.' });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.deliveryFailed, true);
    const thread = agent.thread(outcome.conversation.id)!;
    assert.equal(thread.conversation.channel, 'email');
    assert.equal(thread.messages.some((m) => m.author === 'agent'), false);
    assert.equal(thread.pending.length, 1);
    assert.equal(thread.pending[0].status, 'failed');
    assert.equal(thread.pending[0].error?.code, 'delivery_failed');
    assert.equal(thread.pending[0].clientId, firstMessageClientId(outcome.requestId));

    smtpUp = true;
    agent.retry(outcome.conversation.id, thread.pending[0].clientId);
    const state = await until(agent, (s) => {
      const t = s.threads.find((x) => x.conversation.id === outcome.conversation.id);
      return t?.pending.length === 0 && t.messages.some((m) => m.text === 'Here is your invoice.');
    }, 5000, 'sent on retry');
    assert.equal(state.threads.find((x) => x.conversation.id === outcome.conversation.id)!.messages.filter((m) => m.author === 'agent').length, 1);
    assert.deepEqual(sent, ['Here is your invoice.']);
    const outbound = await server.store.outbound({ conversationId: outcome.conversation.id });
    assert.equal(outbound.length, 1, 'one record for the one email, tried twice');
    assert.equal(outbound[0].status, 'sent');
  });
});
