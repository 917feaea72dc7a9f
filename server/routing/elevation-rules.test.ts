/**
 * Elevation references and rate limits. The limits are counted against a real SQLite store (a
 * temporary directory, the demo tenant seeded, interactions created as the server creates them),
 * so what is tested is the query the server runs: only customer-made requests count, per
 * destination, per visitor and per POC, and the answer says which field and for how long.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO_IDS, type ElevationKind } from '../../src/protocol/index.js';
import { ParleyError } from '../errors.js';
import { seedDemo } from '../store/seed.js';
import { Store } from '../store/store.js';
import { DEFAULT_ELEVATION_LIMITS, enforceLimits, newReference, type ElevationLimits } from './elevation-rules.js';

const REFERENCE = /^(CB|EM|SM)-[0-9A-HJKMNP-TV-Z]{6}$/;

describe('newReference', () => {
  test('is the kind prefix and six Crockford base-32 characters', () => {
    const prefixes: Record<ElevationKind, string> = { callback: 'CB', email: 'EM', sms: 'SM' };
    for (const [kind, prefix] of Object.entries(prefixes) as [ElevationKind, string][]) {
      for (let i = 0; i < 1000; i++) {
        const reference = newReference(kind);
        assert.match(reference, REFERENCE);
        assert.ok(reference.startsWith(`${prefix}-`), reference);
      }
    }
  });

  test('draws on all 32 characters and never on I, L, O or U', () => {
    // 6 000 characters over 32 symbols: each is expected about 190 times.
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) for (const c of newReference('sms').slice(3)) seen.add(c);
    assert.deepEqual([...seen].sort().join(''), '0123456789ABCDEFGHJKMNPQRSTVWXYZ');
  });

  test('rarely repeats: 30 bits per reference', () => {
    const references = new Set(Array.from({ length: 2000 }, () => newReference('callback')));
    // A repeat among 2 000 draws of 2^30 happens about once in 540 runs; two almost never.
    assert.ok(references.size >= 1998, `${2000 - references.size} repeats`);
  });
});

describe('enforceLimits against a real store', () => {
  let dir: string;
  let store: Store;
  let serial = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-limits-'));
    store = await Store.open(dir);
    await seedDemo(store, 'pw');
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh visitor of the demo chat POC, and a destination no other test uses. */
  async function fresh(): Promise<{ visitorId: string; destination: string }> {
    serial += 1;
    const visitorId = await store.createVisitor(DEMO_IDS.tenant, DEMO_IDS.chatPoc, `token-hash-${serial}`);
    return { visitorId, destination: `+3361234${String(serial).padStart(4, '0')}` };
  }

  /** Stores one elevated interaction, as the server does once a request is accepted. */
  async function elevate(visitorId: string, destination: string, by: 'customer' | 'agent', pocId: string = DEMO_IDS.chatPoc): Promise<string> {
    const { conversation } = await store.createInteraction(
      {
        tenantId: DEMO_IDS.tenant,
        pocId,
        skillId: 'demo-skill-voice',
        visitorId,
        customerName: null,
        sessionId: null,
        channel: 'voice',
        elevation: 'callback',
        reference: newReference('callback'),
        elevatedBy: by,
        destination,
        ...(by === 'agent' ? { agentId: 'demo-user-agent1' } : {}),
      },
      null,
    );
    return conversation.created_at;
  }

  const limits = (overrides: Partial<ElevationLimits>): ElevationLimits => ({
    perDestination: { max: 3, windowMs: 60 * 60_000 },
    perVisitor: { max: 100, windowMs: 60 * 60_000 },
    perPoc: { max: 1000, windowMs: 10 * 60_000 },
    ...overrides,
  });

  /** The ParleyError `enforceLimits` throws, failing the test if it lets the request through. */
  async function refusal(promise: Promise<void>): Promise<ParleyError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof ParleyError, String(error));
      assert.equal(error.code, 'rate_limited');
      return error;
    }
    assert.fail('expected rate_limited, the request was let through');
  }

  test('the defaults are the documented ones', () => {
    assert.deepEqual(DEFAULT_ELEVATION_LIMITS, {
      perDestination: { max: 3, windowMs: 3_600_000 },
      perVisitor: { max: 5, windowMs: 3_600_000 },
      perPoc: { max: 60, windowMs: 600_000 },
    });
  });

  test('per destination: max requests pass, the next is refused on the destination field with retryAfter', async () => {
    const { visitorId, destination } = await fresh();
    const request = { destination, destinationField: 'phone', visitorId, pocId: DEMO_IDS.chatPoc };
    for (let i = 0; i < 3; i++) {
      await enforceLimits(store, limits({}), request);
      await elevate(visitorId, destination, 'customer');
    }
    const error = await refusal(enforceLimits(store, limits({}), request));
    assert.equal(error.field, 'phone');
    assert.ok(error.retryAfter !== undefined && error.retryAfter > 3590 && error.retryAfter <= 3600, `retryAfter ${error.retryAfter}`);
    assert.deepEqual(Object.keys(error.toJSON()).sort(), ['code', 'field', 'message', 'retryAfter']);
    assert.equal(error.status, 429);
  });

  test('the limit counts any visitor and POC, and names the field of the destination asked for', async () => {
    const { destination } = await fresh();
    for (let i = 0; i < 3; i++) await elevate((await fresh()).visitorId, destination, 'customer', i === 0 ? DEMO_IDS.salesChatPoc : DEMO_IDS.chatPoc);
    const someoneElse = (await fresh()).visitorId;
    const error = await refusal(enforceLimits(store, limits({}), { destination, destinationField: 'email', visitorId: someoneElse, pocId: DEMO_IDS.salesChatPoc }));
    assert.equal(error.field, 'email');
    // Another destination is not limited.
    await enforceLimits(store, limits({}), { destination: `${destination}9`, destinationField: 'phone', visitorId: someoneElse, pocId: DEMO_IDS.chatPoc });
  });

  test('a limit of 0 refuses every request (with the whole window to wait), rather than failing', async () => {
    const { visitorId, destination } = await fresh();
    const error = await refusal(enforceLimits(store, limits({ perDestination: { max: 0, windowMs: 60_000 } }), { destination, destinationField: 'phone', visitorId, pocId: DEMO_IDS.chatPoc }));
    assert.equal(error.retryAfter, 60);
  });

  test('retryAfter is when the oldest counted request leaves the window', async () => {
    const { visitorId, destination } = await fresh();
    const first = Date.parse(await elevate(visitorId, destination, 'customer'));
    await elevate(visitorId, destination, 'customer');
    await elevate(visitorId, destination, 'customer');
    const request = { destination, destinationField: 'phone', visitorId, pocId: DEMO_IDS.chatPoc };
    const hour = 60 * 60_000;
    const error = await refusal(enforceLimits(store, limits({}), request, first + hour - 10_000));
    assert.equal(error.retryAfter, 10);
    assert.match(error.message, /10 s/);
    // Once the first is out of the window, two remain: the request passes.
    await enforceLimits(store, limits({}), request, first + hour + 1);
  });

  test('requests made by agents do not count', async () => {
    const { visitorId, destination } = await fresh();
    for (let i = 0; i < 5; i++) await elevate(visitorId, destination, 'agent');
    const request = { destination, destinationField: 'phone', visitorId, pocId: DEMO_IDS.chatPoc };
    await enforceLimits(store, limits({}), request);
    await elevate(visitorId, destination, 'customer');
    await elevate(visitorId, destination, 'customer');
    await enforceLimits(store, limits({}), request);
    await elevate(visitorId, destination, 'customer');
    assert.equal((await refusal(enforceLimits(store, limits({}), request))).field, 'phone');
  });

  test('per visitor: across destinations, refused without a field', async () => {
    const { visitorId } = await fresh();
    const perVisitor = limits({ perVisitor: { max: 2, windowMs: 60 * 60_000 } });
    for (let i = 0; i < 2; i++) {
      const { destination } = await fresh();
      await enforceLimits(store, perVisitor, { destination, destinationField: 'phone', visitorId, pocId: DEMO_IDS.chatPoc });
      await elevate(visitorId, destination, 'customer');
    }
    const error = await refusal(enforceLimits(store, perVisitor, { destination: (await fresh()).destination, destinationField: 'phone', visitorId, pocId: DEMO_IDS.chatPoc }));
    assert.equal(error.field, undefined);
    assert.ok(error.retryAfter! > 0);
  });

  test('per POC: all visitors together, other POCs apart', async () => {
    const perPoc = limits({ perPoc: { max: 2, windowMs: 10 * 60_000 } });
    const pocId = DEMO_IDS.salesChatPoc;
    // Earlier tests stored requests on the sales POC too: count from a store of its own.
    const own = await Store.open(join(dir, 'per-poc'));
    try {
      await seedDemo(own, 'pw');
      const ask = async () => {
        const visitorId = await own.createVisitor(DEMO_IDS.tenant, pocId, `poc-${(serial += 1)}`);
        return { destination: `+4474001${String(serial).padStart(5, '0')}`, destinationField: 'phone', visitorId, pocId };
      };
      for (let i = 0; i < 2; i++) {
        const request = await ask();
        await enforceLimits(own, perPoc, request);
        await own.createInteraction(
          { tenantId: DEMO_IDS.tenant, pocId, skillId: 'demo-skill-sms', visitorId: request.visitorId, customerName: null, sessionId: null, channel: 'sms', elevation: 'sms', elevatedBy: 'customer', destination: request.destination },
          null,
        );
      }
      const error = await refusal(enforceLimits(own, perPoc, await ask()));
      assert.equal(error.field, undefined);
      assert.ok(error.retryAfter! > 590 && error.retryAfter! <= 600, `retryAfter ${error.retryAfter}`);
      await enforceLimits(own, perPoc, { ...(await ask()), pocId: DEMO_IDS.chatPoc });
    } finally {
      await own.close();
    }
  });
});
