/**
 * Fuzzes every event a client may send on both socket.io namespaces, and both handshakes, against
 * a real server in this process: fuzzed payloads (near-valid variants of real ones, hostile keys,
 * wrong types, huge and deep values), with and without an acknowledgement, with extra arguments,
 * without a payload, and with binary. The server must answer each ack with `{ ok: true }` or a
 * named error other than `internal_error`, log no error, leave the built-in prototypes alone, and
 * still serve a normal chat afterwards.
 *
 * `FUZZ_RUNS=<n>` runs each property n times (default below: about 20 s for the whole file);
 * `FUZZ_SEED=<seed>` replays the failure fast-check printed.
 */
import assert from 'node:assert/strict';
import { maxHeaderSize } from 'node:http';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import {
  DEMO_IDS,
  PROTOCOL_VERSION,
  type AgentHello,
  type CustomerConversation,
  type CustomerHello,
  type Offer,
} from '../../src/protocol/index.js';
import { handshake, nextEvent, rawAgentSocket, rawCustomerSocket, signIn } from '../../test/helpers/server.js';
import { NO_LIMITS } from '../limits/limits.js';
import { fuzzParameters, hostileString, hostileValue, nearValid, payloadFor, percentEncode } from './arbitraries.js';
import {
  assertAck,
  assertNoErrorLogged,
  assertPrototypesClean,
  protocolNames,
  prototypeSnapshot,
  startCapturingServer,
  type CapturingServer,
} from './harness.js';

/** Runs per event; each sends one fuzzed payload in one of the send modes. */
const RUNS_PER_EVENT = 150;
const ACK_TIMEOUT_MS = 5000;

/** The ways a client can call an event: what the server must survive besides the payload itself. */
const SEND_MODES = ['ack', 'no-ack', 'extra-args', 'no-payload', 'binary'] as const;
type SendMode = (typeof SEND_MODES)[number];

/** Binary a client can put anywhere socket.io carries attachments. */
const binaryValue = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(Buffer.alloc(0), Buffer.alloc(70_000, 1)),
);

/** What one send ended with. */
type Outcome = { kind: 'ack'; reply: unknown } | { kind: 'sent' } | { kind: 'disconnected'; reason: string };

/**
 * Emits `event` the way `mode` says and waits for the ack, if one was asked for. A payload over
 * the server's buffer limit closes the connection, which is an acceptable answer: the outcome is
 * then `disconnected` and the caller opens a new connection.
 */
function send(socket: Socket, event: string, payload: unknown, mode: SendMode, extras: unknown[]): Promise<Outcome> {
  if (mode === 'no-ack') {
    socket.emit(event, payload);
    return Promise.resolve({ kind: 'sent' });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('disconnect', gone);
      reject(new Error(`no ack for ${event} within ${ACK_TIMEOUT_MS} ms`));
    }, ACK_TIMEOUT_MS);
    const gone = (reason: string) => {
      clearTimeout(timer);
      resolve({ kind: 'disconnected', reason });
    };
    const ack = (reply: unknown) => {
      clearTimeout(timer);
      socket.off('disconnect', gone);
      resolve({ kind: 'ack', reply });
    };
    socket.once('disconnect', gone);
    if (mode === 'no-payload') socket.emit(event, ack);
    else if (mode === 'extra-args') socket.emit(event, payload, ...extras, ack);
    else socket.emit(event, payload, ack);
  });
}

/** How a fuzzed handshake ended: hello, a refusal carrying `data`, or the connection closed. */
type Handshake = { kind: 'hello' } | { kind: 'refused'; data: { code?: unknown; message?: unknown } | undefined } | { kind: 'closed'; reason: string };

/**
 * Waits for the end of a handshake. socket.io itself closes the connection when `auth` is not an
 * object (its parser refuses the CONNECT packet before any middleware runs): that is a refusal too.
 */
function handshakeEnd(socket: Socket): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for hello, connect_error or close')), ACK_TIMEOUT_MS);
    const end = (outcome: Handshake) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    socket.once('hello', () => end({ kind: 'hello' }));
    socket.once('connect_error', (err: Error & { data?: { code?: unknown; message?: unknown } }) => end({ kind: 'refused', data: err.data }));
    socket.io.once('close', (reason: string) => end({ kind: 'closed', reason }));
  });
}

const isPlainObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a handshake refusal: a known error code other than `internal_error`, and a message. An
 * `auth` that is not an object is refused by socket.io itself, without Parley's error data.
 */
function assertRefusal(outcome: Handshake, auth: unknown, errorCodes: readonly string[], what: string): void {
  if (outcome.kind !== 'refused' || (outcome.data === undefined && !isPlainObject(auth))) return;
  const code = outcome.data?.code;
  assert.ok(typeof code === 'string' && errorCodes.includes(code), `${what}: refused without a known code: ${JSON.stringify(outcome.data)}`);
  assert.notEqual(code, 'internal_error', `${what}: the server failed: ${JSON.stringify(outcome.data)}`);
  assert.equal(typeof outcome.data?.message, 'string', `${what}: a refusal without a message`);
}

/** A reconnecting raw client: the current socket, replaced after the server closes it. */
interface Client {
  socket: Socket;
  reopen(): Promise<void>;
}

describe('fuzz: socket events and handshakes', () => {
  let server: CapturingServer;
  let prototypesBefore: ReturnType<typeof prototypeSnapshot>;
  const names = protocolNames();
  const opened: Socket[] = [];
  let customerOrigin: Record<string, string>;
  let agentCookie: string;
  let visitorToken: string;
  let conversation: CustomerConversation;
  let agentHello: AgentHello;
  let offer: Offer;

  const customerAuth = (token?: string) => ({ protocol: PROTOCOL_VERSION, poc: DEMO_IDS.chatPoc, locale: 'en', ...(token ? { visitorToken: token } : {}) });

  function track(socket: Socket): Socket {
    opened.push(socket);
    return socket;
  }

  async function openCustomer(token?: string): Promise<{ socket: Socket; hello: CustomerHello }> {
    const socket = track(rawCustomerSocket(server.url, customerAuth(token), { extraHeaders: customerOrigin }));
    const outcome = await handshake(socket);
    if (!outcome.ok) assert.fail(`customer handshake refused: ${JSON.stringify(outcome.data)}`);
    return { socket, hello: outcome.hello };
  }

  async function openAgent(): Promise<{ socket: Socket; hello: AgentHello }> {
    const socket = track(rawAgentSocket(server.url, { extraHeaders: { cookie: agentCookie, origin: server.url } }));
    const hello = await nextEvent<AgentHello>(socket, 'hello');
    return { socket, hello };
  }

  async function client(open: () => Promise<{ socket: Socket }>): Promise<Client> {
    const c: Client = {
      socket: (await open()).socket,
      async reopen() {
        c.socket.disconnect();
        c.socket = (await open()).socket;
      },
    };
    return c;
  }

  /**
   * Sends fuzzed payloads to every event in `valids` through `c`, checking each acknowledgement;
   * `fc.assert` prints the seed and the shrunk counterexample when one fails.
   */
  async function fuzzEvents(c: Client, valids: Record<string, unknown[]>, what: string): Promise<void> {
    for (const [event, examples] of Object.entries(valids)) {
      await fc.assert(
        fc.asyncProperty(
          payloadFor(examples),
          fc.constantFrom(...SEND_MODES),
          fc.array(fc.oneof(hostileValue, binaryValue), { minLength: 1, maxLength: 3 }),
          binaryValue,
          async (payload, mode, extras, binary) => {
            const sent = mode === 'binary' ? (typeof payload === 'object' && payload !== null ? { ...payload, attachment: binary } : binary) : payload;
            const outcome = await send(c.socket, event, sent, mode, extras);
            if (outcome.kind === 'ack') assertAck(outcome.reply, names.errorCodes, `${what} ${event} (${mode})`);
            if (outcome.kind === 'disconnected' || !c.socket.connected) await c.reopen();
          },
        ),
        fuzzParameters(RUNS_PER_EVENT),
      );
    }
  }

  before(async () => {
    prototypesBefore = prototypeSnapshot();
    // Limits off: the fuzzing is to reach the checks behind them (the limiter has its own tests).
    server = await startCapturingServer({
      limits: NO_LIMITS,
    });
    customerOrigin = { origin: server.url };
    agentCookie = await signIn(server.url, 'agent1');

    // A conversation offered to and accepted by agent1, so near-valid payloads name real things.
    const agent = await openAgent();
    agentHello = agent.hello;
    const offered = nextEvent<Offer>(agent.socket, 'offer');
    assertAck(await agent.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('presence:set', { available: true }), names.errorCodes, 'presence:set');
    const customer = await openCustomer();
    visitorToken = customer.hello.visitorToken;
    const started = await customer.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:start', { name: 'Fuzz', text: 'first', clientId: 'fuzz-first' });
    assert.equal(started.ok, true, JSON.stringify(started));
    conversation = started.conversation;
    offer = await offered;
    const accepted = await agent.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('offer:accept', { offerId: offer.id });
    assert.equal(accepted.ok, true, JSON.stringify(accepted));
  });

  after(async () => {
    for (const socket of opened) socket.disconnect();
    await server?.dispose();
  });

  test('the fuzzed events are exactly the protocol client events, and the server listens to exactly those', async () => {
    assert.deepEqual(Object.keys(customerExamples()).sort(), [...names.customerEvents].sort());
    assert.deepEqual(Object.keys(agentExamples()).sort(), [...names.agentEvents].sort());
    // What the server registered on a live connection of each namespace (reserved events aside).
    const reserved = new Set(['disconnect', 'disconnecting', 'error']);
    const listened = (path: string) => {
      const socket = [...server.io.of(path).sockets.values()][0];
      assert.ok(socket, `no live connection on ${path}`);
      return socket.eventNames().map(String).filter((e) => !reserved.has(e)).sort();
    };
    await openCustomer(visitorToken);
    assert.deepEqual(listened('/v1/customer'), [...names.customerEvents].sort());
    assert.deepEqual(listened('/v1/agent'), [...names.agentEvents].sort());
  });

  /** Valid payloads of each customer event, on the fixture's conversation. */
  function customerExamples(): Record<string, unknown[]> {
    const conversationId = conversation?.id ?? 'c';
    return {
      'conversation:start': [{ name: 'Ada', text: 'hello', clientId: 'start-1' }, {}],
      'conversation:resume': [{ conversationId, afterSeq: 0 }],
      'message:send': [{ conversationId, clientId: 'fuzz-m-1', text: 'hello there' }],
      typing: [{ conversationId, typing: true }],
      receipt: [{ conversationId, delivered: 1, read: 1 }],
      'conversation:end': [{ conversationId }],
      'elevation:request': [
        { requestId: 'req-email-1', kind: 'email', conversationId, name: 'Ada', email: 'ada@example.com', subject: 'Hi', message: 'Write to me' },
        { requestId: 'req-call-1', kind: 'callback', phone: '+33 6 12 34 56 78', country: 'FR', consent: true, window: null, stopWaiting: false },
        { requestId: 'req-sms-1', kind: 'sms', conversationId, phone: '0612345678', country: 'FR', consent: true },
      ],
    };
  }

  /** Valid payloads of each agent event, on the fixture's accepted conversation. */
  function agentExamples(): Record<string, unknown[]> {
    const conversationId = conversation?.id ?? 'c';
    const emailSkill = agentHello?.skills.find((s) => s.channel === 'email')?.id ?? 's';
    return {
      'presence:set': [{ available: true }],
      'offer:accept': [{ offerId: offer?.id ?? 'o' }],
      'offer:decline': [{ offerId: offer?.id ?? 'o' }],
      'conversation:resume': [{ conversationId, afterSeq: 0 }],
      'message:send': [{ conversationId, clientId: 'fuzz-a-1', text: '<b>hello</b>' }],
      typing: [{ conversationId, typing: true }],
      receipt: [{ conversationId, delivered: 1, read: 1 }],
      'conversation:end': [{ conversationId, disposition: agentHello?.dispositions[0]?.code ?? 'resolved', note: 'done' }],
      'session:get': [{ sessionId: offer?.sessionId ?? 's' }],
      'transcript:get': [{ conversationId, afterSeq: 0 }],
      'interaction:elevate': [
        { requestId: 'a-req-1', conversationId, kind: 'email', skillId: emailSkill, email: 'ada@example.com', subject: 'Follow-up', text: 'Hello' },
        { requestId: 'a-req-2', conversationId, kind: 'sms', skillId: emailSkill, phone: '+33612345678', country: 'FR', text: 'Hi' },
      ],
    };
  }

  test('customer events: every fuzzed payload is answered { ok } or a named error', async () => {
    const c = await client(() => openCustomer(visitorToken));
    await fuzzEvents(c, customerExamples(), 'customer');
  });

  test('agent events: every fuzzed payload is answered { ok } or a named error', async () => {
    const c = await client(openAgent);
    await fuzzEvents(c, agentExamples(), 'agent');
  });

  test('customer handshake: any auth object is answered with hello or a named refusal', async () => {
    const valid = [customerAuth(), customerAuth(visitorToken), { ...customerAuth(), identity: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln' }];
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...valid).chain(nearValid) }, { weight: 1, arbitrary: hostileValue }), async (auth) => {
        const socket = track(rawCustomerSocket(server.url, auth, { extraHeaders: customerOrigin }));
        const outcome = await handshakeEnd(socket);
        socket.disconnect();
        assertRefusal(outcome, auth, names.errorCodes, 'customer handshake');
      }),
      fuzzParameters(RUNS_PER_EVENT),
    );
  });

  test('agent handshake: any auth object and session cookie is answered with hello or a named refusal', async () => {
    const cookieValue = agentCookie.split('=')[1];
    await fc.assert(
      fc.asyncProperty(
        hostileValue,
        fc.oneof(fc.constant(agentCookie), fc.constant(undefined), hostileString.map((s) => `parley_staff=${percentEncode(s)}`), fc.constant(`parley_staff=${cookieValue}x`)),
        async (auth, cookie) => {
          const socket = track(rawAgentSocket(server.url, { auth, extraHeaders: { origin: server.url, ...(cookie ? { cookie } : {}) } }));
          const outcome = await handshakeEnd(socket);
          socket.disconnect();
          // A signed-in agent is let in whatever the auth object holds, unless it is over the
          // socket buffer limit (64 KiB), which closes the connection before any check.
          const fits = (JSON.stringify(auth) ?? '').length < 60_000;
          if (cookie === agentCookie && isPlainObject(auth) && fits) assert.equal(outcome.kind, 'hello', `a signed-in agent was refused: ${JSON.stringify(outcome)}`);
          // Headers over Node's limit (16 KiB) are answered 431 by the HTTP server itself, before
          // Parley sees the request: a refusal without Parley's error data, never a hello.
          if (Buffer.byteLength(cookie ?? '') >= maxHeaderSize - 1024) assert.notEqual(outcome.kind, 'hello', 'an oversized cookie was let in');
          else assertRefusal(outcome, auth, names.errorCodes, 'agent handshake');
        },
      ),
      fuzzParameters(RUNS_PER_EVENT),
    );
  });

  test('raw socket.io packets the client library would never write: refused or ignored, never a failure', async () => {
    // Sent below the client library, straight onto the engine.io connection: nesting deeper than
    // JSON.stringify allows, binary placeholders pointing at prototype keys, malformed packets.
    const ns = '/v1/customer';
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const packets = [
      `2${ns},1["message:send",${deep(25_000)}]`,
      `2${ns},2["typing",${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]`,
      `51-${ns},3["message:send",{"_placeholder":true,"num":"__proto__"}]`,
      `51-${ns},4["message:send",{"_placeholder":true,"num":99}]`,
      `2${ns},5["__proto__",{"polluted":"yes"}]`,
      `2${ns},6["constructor",{}]`,
      `2${ns},7[123,{}]`,
      `2${ns},8[]`,
      `2${ns},9{"__proto__":{"polluted":"yes"}}`,
      `3${ns},99[{"__proto__":{"polluted":"yes"}}]`,
      `2${ns},10["conversation:start",{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}]`,
      `2${ns},{`,
      `2/no-such-namespace,["x"]`,
      `0/__proto__,{}`,
      `9`,
      `x`,
    ];
    for (const packet of packets) {
      const c = await openCustomer(visitorToken);
      const engine = c.socket.io.engine as unknown as { send(data: string): void };
      const answered = new Promise<string>((resolve) => {
        c.socket.io.engine.once('message', (data: unknown) => resolve(String(data)));
        c.socket.io.once('close', () => resolve('closed'));
        setTimeout(() => resolve('nothing'), 300);
      });
      engine.send(packet);
      const reply = await answered;
      // An ack to one of these is a named error (the bodies above are all invalid).
      const ack = /^3\/v1\/customer,\d+(\[.*\])$/s.exec(reply);
      if (ack) assertAck((JSON.parse(ack[1]) as unknown[])[0], names.errorCodes, `raw packet ${packet.slice(0, 60)}`);
      c.socket.disconnect();
    }
  });

  test('afterwards: a normal chat still works, no error was logged, no prototype was touched', async () => {
    // Let fire-and-forget events finish before reading the log.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { socket, hello } = await openCustomer();
    assert.equal(hello.protocol, PROTOCOL_VERSION);
    const started = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:start', { text: 'still here?', clientId: 'after-1' });
    assert.equal(started.ok, true, JSON.stringify(started));
    const sent = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { conversationId: started.conversation.id, clientId: 'after-2', text: 'yes' });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    assertNoErrorLogged(server);
    assertPrototypesClean(prototypesBefore);
  });
});
