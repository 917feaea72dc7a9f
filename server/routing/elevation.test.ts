/**
 * Elevation end to end on the server: a real server on loopback, customers and agents on raw
 * sockets, a real SMTP server (test/helpers/smtp.ts) on loopback receiving what Parley sends.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { DEMO_IDS, type AgentHello, type CustomerElevation, type CustomerHello, type Offer, type SessionView } from '../../src/protocol/index.js';
import {
  ask,
  countRows,
  nextEvent,
  rawAgentSocket,
  rawCustomerSocket,
  signIn,
  startTestServer,
  type TestServer,
} from '../../test/helpers/server.js';
import { mailHeaders, smtpSink, type SmtpSink } from '../../test/helpers/smtp.js';


let server: TestServer;
let sink: SmtpSink;
const open: Socket[] = [];

async function customer(visitorToken?: string): Promise<Socket & { hello: CustomerHello }> {
  const socket = rawCustomerSocket(server.url, { protocol: 1, poc: DEMO_IDS.chatPoc, visitorToken });
  open.push(socket);
  const hello = await nextEvent<CustomerHello>(socket, 'hello');
  return Object.assign(socket, { hello });
}

type TestAgent = { socket: Socket; hello: AgentHello; offers: Offer[] };

async function agent(username = 'agent1'): Promise<TestAgent> {
  const cookie = await signIn(server.url, username);
  const socket = rawAgentSocket(server.url, { extraHeaders: { cookie } });
  open.push(socket);
  // Every offer is kept from the start: one dispatch may offer several contacts at once.
  const offers: Offer[] = [];
  socket.on('offer', (offer: Offer) => offers.push(offer));
  const hello = await nextEvent<AgentHello>(socket, 'hello');
  offers.push(...hello.offers);
  return { socket, hello, offers };
}

/** Makes the agent available and accepts the offer of `conversationId`. */
async function takeNext(a: TestAgent, conversationId: string): Promise<{ offer: Offer; conversation: { id: string; status: string } }> {
  await ask(a.socket, 'presence:set', { available: true });
  let offer: Offer | undefined;
  for (let waited = 0; !(offer = a.offers.find((o) => o.conversationId === conversationId)); waited += 10) {
    if (waited > 5000) throw new Error(`no offer of ${conversationId}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const accepted = await ask(a.socket, 'offer:accept', { offerId: offer.id });
  assert.ok(accepted.ok, JSON.stringify(accepted));
  return { offer, conversation: accepted.conversation };
}

const callback = (extra: Record<string, unknown> = {}) => ({ requestId: crypto.randomUUID(), kind: 'callback', phone: '06 12 34 56 78', country: 'FR', consent: true, ...extra });

describe('elevation', () => {
  before(async () => {
    sink = await smtpSink();
    server = await startTestServer({
      smtp: { url: sink.url, from: 'Acme Support <support@acme.example>' },
      elevation: { limits: { perDestination: { max: 3, windowMs: 3_600_000 }, perVisitor: { max: 50, windowMs: 3_600_000 }, perPoc: { max: 500, windowMs: 600_000 } } },
    });
  });
  after(async () => {
    for (const s of open) s.close();
    await server.dispose();
    await sink.close();
  });
  beforeEach(async () => {
    // Each test starts with no waiting contacts, so offers are the ones it creates.
    await server.store.db.updateTable('conversations').set({ status: 'closed' }).where('status', 'in', ['queued', 'active', 'wrapup']).execute();
    await server.store.db.updateTable('agent_state').set({ available: 0 }).execute();
    for (const s of open.splice(0)) s.close();
  });

  test('a callback from a chat joins the chat\'s session, is noted in the chat, and is offered with the transcript', async () => {
    const c = await customer();
    const start = await ask(c, 'conversation:start', { name: 'Ann', text: 'My parcel is late', clientId: crypto.randomUUID() });
    const noted = nextEvent<{ event?: { type: string; reference: string } }>(c, 'message');
    const reply = await ask(c, 'elevation:request', callback({ conversationId: start.conversation.id }));
    assert.ok(reply.ok, JSON.stringify(reply));
    const elevation: CustomerElevation = reply.elevation;
    assert.match(elevation.reference, /^CB-[0-9A-HJKMNP-TV-Z]{6}$/);
    assert.equal(elevation.destination, '+33612345678');
    assert.equal(elevation.status, 'requested');
    assert.deepEqual((await noted).event, { type: 'elevated', kind: 'callback', reference: elevation.reference, by: 'customer' });

    const a = await agent();
    // The chat is offered first (older); take it, then the callback.
    const chat = await takeNext(a, start.conversation.id);
    const statusChanged = nextEvent<CustomerElevation>(c, 'elevation');
    const cb = await takeNext(a, elevation.id);
    assert.equal(cb.offer.channel, 'voice');
    assert.equal(cb.offer.sessionId, chat.offer.sessionId);
    assert.equal(cb.offer.elevation?.destinationDisplay, '+33 6 12 34 56 78');
    assert.equal(cb.offer.elevation?.fromConversationId, start.conversation.id);
    assert.equal((await statusChanged).status, 'in-progress');

    const transcript = await ask(a.socket, 'transcript:get', { conversationId: start.conversation.id, afterSeq: 0 });
    assert.ok(transcript.ok);
    assert.equal(transcript.messages[0].text, 'My parcel is late');

    // A callback carries no messages: it is dialled, then wrapped up.
    const refused = await ask(a.socket, 'message:send', { conversationId: elevation.id, clientId: crypto.randomUUID(), text: 'hi' });
    assert.equal(refused.error.field, 'text');

    // The session completes only when both interactions are closed.
    const ended = await ask(a.socket, 'conversation:end', { conversationId: elevation.id, disposition: 'resolved', note: 'Called, sorted' });
    assert.ok(ended.ok);
    let session: SessionView = (await ask(a.socket, 'session:get', { sessionId: cb.offer.sessionId })).session;
    assert.equal(session.interactions.length, 2);
    assert.equal(session.complete, false);
    await ask(a.socket, 'conversation:end', { conversationId: start.conversation.id, disposition: 'resolved' });
    session = (await ask(a.socket, 'session:get', { sessionId: cb.offer.sessionId })).session;
    assert.equal(session.complete, true);
    assert.deepEqual(session.interactions.map((i) => [i.channel, i.status, i.disposition]), [['chat', 'closed', 'resolved'], ['voice', 'closed', 'resolved']]);
  });

  test('a repeated request id makes one request; reused for something else it is refused', async () => {
    const c = await customer();
    const request = callback({ phone: '06 11 22 33 44' });
    const [first, second] = await Promise.all([ask(c, 'elevation:request', request), ask(c, 'elevation:request', request)]);
    assert.ok(first.ok && second.ok);
    assert.equal(first.elevation.id, second.elevation.id);
    assert.equal(await countRows(server.store, 'conversations', { request_id: request.requestId }), 1);
    const reused = await ask(c, 'elevation:request', { ...request, kind: 'sms' });
    assert.deepEqual([reused.error.code, reused.error.field], ['client_id_conflict', 'requestId']);
    // Another visitor cannot take over the key either.
    const other = await customer();
    const stolen = await ask(other, 'elevation:request', request);
    assert.equal(stolen.error.code, 'client_id_conflict');
  });

  test('bad fields are refused with the field named, and nothing is created', async () => {
    const c = await customer();
    const before = await countRows(server.store, 'conversations');
    const cases: [Record<string, unknown>, string][] = [
      [callback({ consent: false }), 'consent'],
      [callback({ phone: '+33 899 12 34 56' }), 'phone'],
      [callback({ phone: '3615' }), 'phone'],
      [callback({ phone: '06 12', country: 'ZZ' }), 'country'],
      [callback({ window: { from: '2000-01-01T10:00:00Z', to: '2000-01-01T11:00:00Z' } }), 'window'],
      [{ ...callback(), kind: 'sms', phone: '01 42 68 53 00' }, 'phone'],
      [{ requestId: crypto.randomUUID(), kind: 'email', email: 'a@b.com\r\nBcc: victim@example.com', subject: 'x', message: 'y' }, 'email'],
      [{ requestId: crypto.randomUUID(), kind: 'email', email: 'a@example.com', subject: 'Hi\r\nBcc: victim@example.com', message: 'y' }, 'subject'],
      [{ requestId: crypto.randomUUID(), kind: 'email', email: `${'a'.repeat(64)}@${'b'.repeat(250)}.com`, subject: 'x', message: 'y' }, 'email'],
      [{ requestId: crypto.randomUUID(), kind: 'email', email: 'ann@pаypal.com', subject: 'x', message: 'y' }, 'email'],
      [{ requestId: crypto.randomUUID(), kind: 'fax' }, 'kind'],
      [{ kind: 'callback' }, 'requestId'],
    ];
    for (const [payload, field] of cases) {
      const reply = await ask(c, 'elevation:request', payload);
      assert.equal(reply.ok, false, JSON.stringify(payload));
      assert.equal(reply.error.field, field, `${JSON.stringify(payload)} → ${JSON.stringify(reply.error)}`);
    }
    for (const junk of [null, 42, 'x', [], { requestId: 'r'.repeat(65) }]) assert.equal((await ask(c, 'elevation:request', junk)).ok, false);
    assert.equal(await countRows(server.store, 'conversations'), before);
  });

  test('a callback window must be one the script offers', async () => {
    const c = await customer();
    const availability = await (await fetch(`${server.url}/api/v1/pocs/${DEMO_IDS.chatPoc}/availability`)).json();
    assert.ok(availability.callbackWindows.length > 0);
    const window = availability.callbackWindows[1];
    const reply = await ask(c, 'elevation:request', callback({ phone: '06 55 44 33 22', window }));
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.deepEqual(reply.elevation.window, window);
  });

  test('per-destination rate limit: the fourth request to one number is refused at the phone field with a retry delay', async () => {
    const c = await customer();
    for (let i = 0; i < 3; i++) assert.ok((await ask(c, 'elevation:request', callback({ phone: '+44 7911 123456' }))).ok);
    const refused = await ask(c, 'elevation:request', { ...callback({ phone: '07911 123456', country: 'GB' }), kind: 'sms' });
    assert.equal(refused.error.code, 'rate_limited');
    assert.equal(refused.error.field, 'phone');
    assert.ok(refused.error.retryAfter > 3000 && refused.error.retryAfter <= 3600, String(refused.error.retryAfter));
  });

  test('the per-destination limit counts an address however it is written', async () => {
    const c = await customer();
    const email = (address: string) => ({ requestId: crypto.randomUUID(), kind: 'email', email: address, subject: 'Hi', message: 'Hello' });
    for (const address of ['victim@example.com', 'Victim+1@Example.com', 'VICTIM@EXAMPLE.COM']) assert.ok((await ask(c, 'elevation:request', email(address))).ok);
    const refused = await ask(c, 'elevation:request', email('victim+other@example.com'));
    assert.deepEqual([refused.error.code, refused.error.field], ['rate_limited', 'email']);
  });

  test('an email request\'s message is cleaned like chat text; server client ids are reserved', async () => {
    const c = await customer();
    const reply = await ask(c, 'elevation:request', { requestId: crypto.randomUUID(), kind: 'email', email: 'clean@example.com', subject: 'x', message: 'Refund\u202Ednufer\u0000\u0007 ok\r\nline2' });
    assert.ok(reply.ok, JSON.stringify(reply));
    const [first] = await server.store.messagesAfter(reply.elevation.id, 0);
    assert.equal(first.text, 'Refunddnufer ok\nline2');
    const start = await ask(c, 'conversation:start', { text: 'hi', clientId: crypto.randomUUID() });
    for (const clientId of ['elevated-x', 'ended-x', 'joined-x', 'request-x']) {
      const sent = await ask(c, 'message:send', { conversationId: start.conversation.id, clientId, text: 'hi' });
      assert.deepEqual([sent.error?.code, sent.error?.field], ['invalid_field', 'clientId'], clientId);
    }
  });

  test('"stop waiting" does not end a chat an agent has taken meanwhile', async () => {
    const c = await customer();
    const start = await ask(c, 'conversation:start', { text: 'hello', clientId: crypto.randomUUID() });
    const a = await agent();
    await takeNext(a, start.conversation.id);
    const reply = await ask(c, 'elevation:request', callback({ phone: '06 21 43 65 87', conversationId: start.conversation.id, stopWaiting: true }));
    assert.ok(reply.ok);
    assert.equal((await server.store.getConversation(start.conversation.id))!.status, 'active');
  });

  test('on start-up a session whose interactions all closed before it was settled is completed', async () => {
    const c = await customer();
    const start = await ask(c, 'conversation:start', { text: 'bye', clientId: crypto.randomUUID() });
    const row = (await server.store.getConversation(start.conversation.id))!;
    // A stop between the close and the settling: closed in the store, the session still open.
    await server.store.db.updateTable('conversations').set({ status: 'closed', closed_at: new Date().toISOString() }).where('id', '=', row.id).execute();
    assert.equal((await server.store.getSession(row.session_id))!.completed_at, null);
    await server.center.recover();
    assert.notEqual((await server.store.getSession(row.session_id))!.completed_at, null);
  });

  test('a profile routing to a deactivated skill or another tenant\'s skill refuses the request clearly', async () => {
    const c = await customer();
    await server.store.db.updateTable('skills').set({ active: 0 }).where('id', '=', 'demo-skill-sms').execute();
    try {
      const reply = await ask(c, 'elevation:request', { ...callback({ phone: '06 98 76 54 32' }), kind: 'sms' });
      assert.deepEqual([reply.error.code, reply.error.field], ['elevation_unavailable', 'kind']);
    } finally {
      await server.store.db.updateTable('skills').set({ active: 1 }).where('id', '=', 'demo-skill-sms').execute();
    }
    const at = new Date().toISOString();
    await server.store.db.insertInto('tenants').values({ id: 'other', name: 'Other', created_at: at }).onConflict((oc) => oc.doNothing()).execute();
    await server.store.db.insertInto('skills').values({ id: 'other-voice', tenant_id: 'other', name: 'Theirs', channel: 'voice', active: 1, created_at: at }).onConflict((oc) => oc.doNothing()).execute();
    const profile = await server.store.getChatProfile(DEMO_IDS.chatProfile);
    const doc = JSON.parse(profile!.profile);
    await server.store.db.updateTable('chat_profiles').set({ profile: JSON.stringify({ ...doc, elevations: { ...doc.elevations, callback: { enabled: true, skillId: 'other-voice' } } }) }).where('id', '=', DEMO_IDS.chatProfile).execute();
    try {
      const reply = await ask(c, 'elevation:request', callback({ phone: '06 98 76 54 31' }));
      assert.equal(reply.error.code, 'elevation_unavailable');
    } finally {
      await server.store.db.updateTable('chat_profiles').set({ profile: profile!.profile }).where('id', '=', DEMO_IDS.chatProfile).execute();
    }
  });

  test('an email request reaches an email agent; the reply goes out over SMTP with the reference and no injected header', async () => {
    const c = await customer();
    const reply = await ask(c, 'elevation:request', {
      requestId: crypto.randomUUID(),
      kind: 'email',
      name: 'Zoë',
      email: 'zoe@Exämple.fr',
      subject: 'Where is order 1234?',
      message: 'Please write to me.\nThanks',
    });
    assert.ok(reply.ok, JSON.stringify(reply));
    assert.equal(reply.elevation.destination, 'zoe@xn--exmple-cua.fr');
    const a = await agent();
    const { offer } = await takeNext(a, reply.elevation.id);
    assert.equal(offer.channel, 'email');
    assert.equal(offer.preview, 'Please write to me.\nThanks');
    assert.deepEqual(a.hello.connectors, { email: 'smtp', sms: 'record' });

    const clientId = crypto.randomUUID();
    const text = 'Hello Zoë,\nyour order left today.\r\nBcc: victim@example.com';
    const sent = await ask(a.socket, 'message:send', { conversationId: reply.elevation.id, clientId, text });
    assert.ok(sent.ok, JSON.stringify(sent));
    const mail = sink.mails.at(-1)!;
    assert.equal(mail.to.length, 1);
    const h = mailHeaders(mail.raw);
    assert.equal(h.get('to'), 'zoe@xn--exmple-cua.fr');
    assert.equal(h.get('x-parley-reference'), reply.elevation.reference);
    assert.match(h.get('subject')!, new RegExp(`Where is order 1234\\? \\[${reply.elevation.reference}\\]`));
    assert.equal(h.has('bcc'), false);
    // A re-send of the same message is not mailed twice.
    const count = sink.mails.length;
    assert.ok((await ask(a.socket, 'message:send', { conversationId: reply.elevation.id, clientId, text })).ok);
    assert.equal(sink.mails.length, count);
    const [row] = await server.store.outbound({ conversationId: reply.elevation.id });
    assert.deepEqual([row.status, row.connector, row.channel], ['sent', 'smtp', 'email']);
  });

  test('an email the SMTP server refuses fails with delivery_failed, is not stored, and goes out on retry', async () => {
    const c = await customer();
    const reply = await ask(c, 'elevation:request', { requestId: crypto.randomUUID(), kind: 'email', email: 'bob@example.com', subject: 'Refund', message: 'Hi' });
    const a = await agent();
    await takeNext(a, reply.elevation.id);
    sink.failNext(1);
    const clientId = crypto.randomUUID();
    const failed = await ask(a.socket, 'message:send', { conversationId: reply.elevation.id, clientId, text: 'Your refund is on its way.' });
    assert.equal(failed.error.code, 'delivery_failed');
    assert.equal(await countRows(server.store, 'messages', { client_id: clientId }), 0);
    // The retry must send what was recorded, not another text under the same client id.
    const other = await ask(a.socket, 'message:send', { conversationId: reply.elevation.id, clientId, text: 'Your refund of 500 EUR is on its way.' });
    assert.deepEqual([other.error?.code, other.error?.field], ['client_id_conflict', 'clientId']);
    const retried = await ask(a.socket, 'message:send', { conversationId: reply.elevation.id, clientId, text: 'Your refund is on its way.' });
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.equal(sink.mails.filter((m) => mailHeaders(m.raw).get('to') === 'bob@example.com').length, 1);
  });

  test('a re-send while a slow SMTP server still holds the first attempt joins it: one email', async () => {
    const c = await customer();
    const reply = await ask(c, 'elevation:request', { requestId: crypto.randomUUID(), kind: 'email', email: 'slow@example.com', subject: 'Slow', message: 'Hi' });
    const a = await agent();
    await takeNext(a, reply.elevation.id);
    sink.delay(400);
    try {
      const send = { conversationId: reply.elevation.id, clientId: crypto.randomUUID(), text: 'Answer' };
      const first = ask(a.socket, 'message:send', send);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [one, two] = await Promise.all([first, ask(a.socket, 'message:send', send)]);
      assert.ok(one.ok && two.ok, JSON.stringify([one, two]));
      assert.equal(one.message.id, two.message.id);
      assert.equal(sink.mails.filter((m) => mailHeaders(m.raw).get('to') === 'slow@example.com').length, 1);
    } finally {
      sink.delay(0);
    }
  });

  test('an agent elevates a chat to SMS: the text is recorded by the embedded connector, in the same session', async () => {
    const c = await customer();
    const start = await ask(c, 'conversation:start', { name: 'Léa', text: 'Text me the tracking link', clientId: crypto.randomUUID() });
    const a = await agent('agent2');
    const { offer } = await takeNext(a, start.conversation.id);
    const skill = a.hello.skills.find((s) => s.channel === 'sms')!;
    const request = { requestId: crypto.randomUUID(), conversationId: start.conversation.id, kind: 'sms', skillId: skill.id, phone: '+44 7911 123457', text: 'Tracking: https://acme.example/t/1' };
    const elevated = await ask(a.socket, 'interaction:elevate', request);
    assert.ok(elevated.ok, JSON.stringify(elevated));
    assert.deepEqual([elevated.conversation.channel, elevated.conversation.status, elevated.conversation.sessionId], ['sms', 'active', offer.sessionId]);
    assert.equal(elevated.messages[0].text, request.text);
    const again = await ask(a.socket, 'interaction:elevate', request);
    assert.equal(again.conversation.id, elevated.conversation.id);
    const texts = await server.store.outbound({ conversationId: elevated.conversation.id });
    assert.deepEqual(texts.map((t) => [t.status, t.connector, t.destination, t.body]), [['recorded', 'record', '+447911123457', request.text]]);

    // The matrix: an SMS interaction may go to email or voice, never back to SMS.
    const refused = await ask(a.socket, 'interaction:elevate', { ...request, requestId: crypto.randomUUID(), conversationId: elevated.conversation.id });
    assert.deepEqual([refused.error.code, refused.error.field], ['elevation_unavailable', 'kind']);
    // A skill on the wrong channel is refused.
    const wrongSkill = await ask(a.socket, 'interaction:elevate', { ...request, requestId: crypto.randomUUID(), skillId: 'demo-skill-chat' });
    assert.equal(wrongSkill.error.field, 'skillId');
    // Agent-made elevations do not count toward the customer rate limits.
    assert.equal(await countRows(server.store, 'conversations', { elevated_by: 'agent' }), 1);
  });

  test('an agent cannot read sessions or transcripts it has no part in', async () => {
    const c = await customer();
    const start = await ask(c, 'conversation:start', { text: 'secret', clientId: crypto.randomUUID() });
    const row = await server.store.getConversation(start.conversation.id);
    const a = await agent('agent2');
    assert.equal((await ask(a.socket, 'session:get', { sessionId: row!.session_id })).error.code, 'not_found');
    assert.equal((await ask(a.socket, 'transcript:get', { conversationId: start.conversation.id, afterSeq: 0 })).error.code, 'not_found');
  });

  test('"stop waiting" ends the queued chat; the request stays and is in the hello after a reload', async () => {
    const c = await customer();
    const start = await ask(c, 'conversation:start', { text: 'anyone?', clientId: crypto.randomUUID() });
    const reply = await ask(c, 'elevation:request', callback({ phone: '06 33 44 55 66', conversationId: start.conversation.id, stopWaiting: true }));
    assert.ok(reply.ok);
    assert.equal((await server.store.getConversation(start.conversation.id))!.status, 'closed');
    c.close();
    const reloaded = await customer(c.hello.visitorToken);
    assert.deepEqual(reloaded.hello.elevations.map((e) => [e.id, e.reference, e.status]), [[reply.elevation.id, reply.elevation.reference, 'requested']]);
    // The customer's chat view never shows the callback interaction as their conversation.
    assert.equal(reloaded.hello.conversation?.id, start.conversation.id);
    assert.equal((await ask(reloaded, 'conversation:resume', { conversationId: reply.elevation.id, afterSeq: 0 })).error.code, 'conversation_not_found');
  });

  test('availability: a closed script says so, with the next opening, and still offers callback windows', async () => {
    await server.store.db
      .updateTable('scripts')
      .set({ config: JSON.stringify({ timeZone: 'UTC', hours: [{ days: [(new Date().getUTCDay() + 2) % 7], open: '09:00', close: '12:00' }], longWaitSeconds: 60, whenLongWait: 'offer-callback' }) })
      .where('id', '=', 'demo-script')
      .execute();
    try {
      const res = await fetch(`${server.url}/api/v1/pocs/${DEMO_IDS.chatPoc}/availability`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = await res.json();
      assert.equal(body.open, false);
      assert.match(body.nextOpenAt, /T09:00:00.000Z$/);
      assert.equal(body.longWaitSeconds, 60);
      assert.deepEqual(body.callbackWindows.map((w: { from: string }) => w.from.slice(11, 16)), ['09:00', '10:00', '11:00']);
      const c = await customer();
      const reply = await ask(c, 'elevation:request', callback({ phone: '06 77 88 99 00', window: body.callbackWindows[0] }));
      assert.ok(reply.ok, JSON.stringify(reply));
    } finally {
      await server.store.db.updateTable('scripts').set({ config: JSON.stringify({ timeZone: 'Europe/Paris', hours: [{ days: [0, 1, 2, 3, 4, 5, 6], open: '00:00', close: '24:00' }], longWaitSeconds: 300, whenLongWait: 'offer-callback' }) }).where('id', '=', 'demo-script').execute();
    }
    assert.equal((await fetch(`${server.url}/api/v1/pocs/not-a-poc/availability`)).status, 404);
  });
});
