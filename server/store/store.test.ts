/**
 * The store against a real SQLite file: migrations, idempotent seeding, per-conversation message
 * numbering with client-id deduplication, and hashed secrets.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DEMO_IDS } from '../../src/protocol/index.js';
import { verifyPassword } from '../auth/passwords.js';
import { countRows, TEST_PASSWORD } from '../../test/helpers/server.js';
import { migrations } from './migrations.js';
import { seedDemo } from './seed.js';
import { CHECKPOINT_INTERVAL_MS } from './checkpointer.js';
import { Store, WAL_CHECKPOINT_PAGES, type NewMessage } from './store.js';
import type { Database } from './schema.js';

const TABLES: (keyof Database)[] = [
  'tenants',
  'skills',
  'scripts',
  'chat_profiles',
  'pocs',
  'users',
  'agent_skills',
  'agent_state',
  'dispositions',
];

const customerText = (clientId: string, text = `text of ${clientId}`): NewMessage => ({
  clientId,
  author: 'customer',
  authorName: null,
  text,
});

describe('Store.open', () => {
  let dir: string;

  before(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'parley-store-')), 'nested', 'data');
  });
  after(() => rmSync(join(dir, '..', '..'), { recursive: true, force: true }));

  test('creates the data directory and the SQLite file, and applies the migrations', async () => {
    const store = await Store.open(dir);
    try {
      assert.ok(existsSync(join(dir, 'parley.sqlite')));
      const applied = await store.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      assert.deepEqual(applied.map((r) => (r as { name: string }).name), ['001_initial', '002_profile_revisions', '003_receipts', '004_sessions', '005_work_items', '006_admin', '007_visitor_identity', '008_routing_indexes']);
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db);
      const names = tables.rows.map((r) => r.name);
      for (const table of [...TABLES, 'conversations', 'messages', 'offers', 'visitors', 'staff_sessions']) {
        assert.ok(names.includes(table), `table ${table}`);
      }
      assert.equal(await store.ping(), true);
    } finally {
      await store.close();
    }
  });

  test('re-opening an existing file keeps its data and applies nothing twice', async () => {
    const first = await Store.open(dir);
    await seedDemo(first, TEST_PASSWORD);
    await first.close();
    const second = await Store.open(dir);
    try {
      assert.equal(await countRows(second, 'kysely_migration' as keyof Database), Object.keys(await migrations.getMigrations()).length);
      assert.equal(await countRows(second, 'pocs'), 5);
    } finally {
      await second.close();
    }
  });
});

describe('checkpoints', () => {
  test('the WAL reaches the database file from the checkpointing thread, below the automatic threshold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-checkpoint-'));
    // A thread slower than the product's, so that "nothing copied yet" below is not a race with it.
    const intervalMs = 8 * CHECKPOINT_INTERVAL_MS;
    const store = await Store.open(dir, { checkpointIntervalMs: intervalMs });
    try {
      await seedDemo(store, TEST_PASSWORD);
      // Whatever the opening wrote is copied first, so that only what follows is measured.
      await sql`pragma wal_checkpoint(truncate)`.execute(store.db);
      const before = statSync(join(dir, 'parley.sqlite')).size;
      const visitorId = await store.createVisitor(DEMO_IDS.tenant, DEMO_IDS.chatPoc, 'checkpoint-visitor');
      const { conversation } = await store.createConversation({ tenantId: DEMO_IDS.tenant, pocId: DEMO_IDS.chatPoc, skillId: 'demo-skill-chat', visitorId, customerName: null }, null);
      // A few hundred pages: far below WAL_CHECKPOINT_PAGES, so the server's connection does not copy them itself.
      for (let i = 0; i < 300; i++) await store.appendMessage(conversation.id, customerText(`c${i}`, 'x'.repeat(2000)));
      const walPages = statSync(join(dir, 'parley.sqlite-wal')).size / 4096;
      assert.ok(walPages > 100 && walPages < WAL_CHECKPOINT_PAGES, `${walPages} pages in the WAL`);
      assert.equal(statSync(join(dir, 'parley.sqlite')).size, before, 'nothing copied yet');
      let after = before;
      for (let waited = 0; after === before && waited < 10 * intervalMs; waited += 100) {
        await new Promise((r) => setTimeout(r, 100));
        after = statSync(join(dir, 'parley.sqlite')).size;
      }
      assert.ok(after > before + 300 * 2000, `the database file grew from ${before} to ${after} bytes`);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('seedDemo', () => {
  let dir: string;
  let store: Store;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-seed-'));
    store = await Store.open(dir);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('seeds the demo tenant once; a second run adds no row', async () => {
    const added = await seedDemo(store, TEST_PASSWORD);
    assert.ok(added > 0);
    const before = Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countRows(store, t)] as const)));
    assert.equal(before.pocs, 5);
    assert.equal(before.users, 4);
    assert.equal(before.agent_skills, 10, 'two agents × five skills');

    assert.equal(await seedDemo(store, 'another-password'), 0);
    const afterCounts = Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countRows(store, t)] as const)));
    assert.deepEqual(afterCounts, before);
  });

  test('re-seeding does not overwrite what an administrator changed', async () => {
    await store.db.updateTable('pocs').set({ name: 'Renamed chat' }).where('id', '=', DEMO_IDS.chatPoc).execute();
    await seedDemo(store, TEST_PASSWORD);
    assert.equal((await store.getPoc(DEMO_IDS.chatPoc))?.name, 'Renamed chat');
  });

  test('one POC per channel, plus a second chat POC, with the stable demo ids', async () => {
    const pocs = await store.db.selectFrom('pocs').select(['id', 'channel', 'active']).orderBy('id').execute();
    const byChannel: Record<string, string[]> = {};
    for (const p of pocs) (byChannel[p.channel] ??= []).push(p.id);
    assert.deepEqual(byChannel, {
      chat: [DEMO_IDS.chatPoc, DEMO_IDS.salesChatPoc],
      email: [DEMO_IDS.emailPoc],
      phone: [DEMO_IDS.phonePoc],
      workitem: [DEMO_IDS.workitemPoc],
    });
    assert.ok(pocs.every((p) => p.active === 1));
  });

  test('passwords are stored as scrypt hashes, never in plain', async () => {
    const users = await store.db.selectFrom('users').select(['username', 'password_hash']).execute();
    const hashes = new Set<string>();
    for (const user of users) {
      assert.match(user.password_hash, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/, user.username);
      assert.ok(!user.password_hash.includes(TEST_PASSWORD));
      assert.equal(await verifyPassword(TEST_PASSWORD, user.password_hash), true);
      assert.equal(await verifyPassword('parley-tesT', user.password_hash), false);
      hashes.add(user.password_hash);
    }
    assert.equal(hashes.size, users.length, 'each password has its own salt');
  });
});

describe('appendMessage', () => {
  let dir: string;
  let store: Store;
  let visitorId: string;

  const newConversation = async () =>
    (await store.createConversation({ tenantId: DEMO_IDS.tenant, pocId: DEMO_IDS.chatPoc, skillId: 'demo-skill-chat', visitorId, customerName: null }, null))
      .conversation.id;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-messages-'));
    store = await Store.open(dir);
    await seedDemo(store, TEST_PASSWORD);
    visitorId = await store.createVisitor(DEMO_IDS.tenant, DEMO_IDS.chatPoc, 'token-hash-for-tests');
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('allocates seq 1, 2, 3 and keeps last_seq in step', async () => {
    const id = await newConversation();
    const seqs = [];
    for (const clientId of ['a', 'b', 'c']) {
      const { message, duplicate } = await store.appendMessage(id, customerText(clientId));
      assert.equal(duplicate, false);
      seqs.push(message.seq);
    }
    assert.deepEqual(seqs, [1, 2, 3]);
    assert.equal((await store.getConversation(id))?.last_seq, 3);
    assert.deepEqual((await store.messagesAfter(id, 1)).map((m) => m.client_id), ['b', 'c']);
  });

  test('a repeated client id returns the stored message without a new seq', async () => {
    const id = await newConversation();
    const first = await store.appendMessage(id, customerText('same', 'original'));
    await store.appendMessage(id, customerText('other'));
    const again = await store.appendMessage(id, customerText('same', 'changed text on re-send'));
    assert.equal(again.duplicate, true);
    assert.deepEqual(again.message, first.message);
    assert.equal(again.message.text, 'original');
    assert.equal((await store.getConversation(id))?.last_seq, 2);
    assert.equal(await countRows(store, 'messages', { conversation_id: id }), 2);
  });

  test('seq is per conversation', async () => {
    const one = await newConversation();
    const two = await newConversation();
    await store.appendMessage(one, customerText('x'));
    await store.appendMessage(one, customerText('y'));
    const { message } = await store.appendMessage(two, customerText('x'));
    assert.equal(message.seq, 1, 'the same client id in another conversation is another message');
  });

  test('concurrent appends get distinct, gap-free seqs; concurrent re-sends store once', async () => {
    const id = await newConversation();
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => store.appendMessage(id, customerText(`m${i}`))),
      ...Array.from({ length: 5 }, () => store.appendMessage(id, customerText('dup'))),
    ]);
    const stored = results.filter((r) => !r.duplicate).map((r) => r.message.seq).sort((a, b) => a - b);
    assert.deepEqual(stored, Array.from({ length: 11 }, (_, i) => i + 1));
    const dupSeqs = new Set(results.slice(10).map((r) => r.message.seq));
    assert.equal(dupSeqs.size, 1);
    assert.equal(await countRows(store, 'messages', { conversation_id: id }), 11);
  });

  test('messages asked for together are stored in asking order; one for a missing conversation fails alone', async () => {
    const id = await newConversation();
    const other = await newConversation();
    const results = await Promise.allSettled([
      store.appendMessage(id, customerText('first')),
      store.appendMessage('c_no_such_conversation', customerText('lost')),
      store.appendMessage(other, customerText('elsewhere')),
      store.appendMessage(id, customerText('second')),
      store.appendMessage(id, customerText('first')),
    ]);
    const value = (i: number) => (results[i] as PromiseFulfilledResult<Awaited<ReturnType<Store['appendMessage']>>>).value;
    assert.equal(results[1].status, 'rejected');
    assert.match(String((results[1] as PromiseRejectedResult).reason), /no conversation c_no_such_conversation/);
    assert.deepEqual([value(0).message.seq, value(3).message.seq], [1, 2], 'in the order asked');
    assert.equal(value(2).message.seq, 1);
    assert.equal(value(4).duplicate, true, 'a re-send in the same batch is found, not stored twice');
    assert.deepEqual(value(4).message, value(0).message);
    assert.equal(await countRows(store, 'messages', { conversation_id: id }), 2);
  });

  test('what is asked for while another transaction is open waits for it, neither stored nor read inside it', async () => {
    const id = await newConversation();
    let appended: ReturnType<Store['appendMessage']> | undefined;
    let read: ReturnType<Store['getConversation']> | undefined;
    let readToSend: ReturnType<Store['conversationToSendIn']> | undefined;
    await assert.rejects(
      store.transaction(async (trx) => {
        await trx.updateTable('conversations').set({ customer_name: 'never committed' }).where('id', '=', id).execute();
        appended = store.appendMessage(id, customerText('meanwhile'));
        read = store.getConversation(id);
        readToSend = store.conversationToSendIn(id);
        // Turns of the event loop go by with this transaction open, the message's batch among them.
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal((await trx.selectFrom('messages').select('id').where('conversation_id', '=', id).execute()).length, 0);
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal((await appended!).message.seq, 1);
    assert.equal(await countRows(store, 'messages', { conversation_id: id }), 1, 'the message outlives the rollback');
    assert.equal((await read!)?.customer_name, null);
    assert.equal((await readToSend!)?.customer_name, null);
  });

  test('the database itself refuses a second row with the same client id or seq', async () => {
    const id = await newConversation();
    const { message } = await store.appendMessage(id, customerText('unique'));
    const row = { ...message, id: 'm_other_row_1' };
    await assert.rejects(store.db.insertInto('messages').values({ ...row, seq: 99 }).execute(), /UNIQUE constraint failed: messages\.conversation_id, messages\.client_id/);
    await assert.rejects(store.db.insertInto('messages').values({ ...row, client_id: 'another' }).execute(), /UNIQUE constraint failed: messages\.conversation_id, messages\.seq/);
  });

  test('system events are stored as JSON', async () => {
    const id = await newConversation();
    const { message } = await store.appendMessage(id, { clientId: 'e', author: 'system', authorName: null, text: '', event: { type: 'ended', by: 'agent' } });
    assert.deepEqual(JSON.parse(message.event ?? 'null'), { type: 'ended', by: 'agent' });
  });
});

describe('offers', () => {
  let dir: string;
  let store: Store;
  let conversationId: string;
  const agent = 'demo-user-agent1';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-offers-'));
    store = await Store.open(dir);
    await seedDemo(store, TEST_PASSWORD);
    const visitorId = await store.createVisitor(DEMO_IDS.tenant, DEMO_IDS.chatPoc, 'offer-visitor-hash');
    conversationId = (
      await store.createConversation({ tenantId: DEMO_IDS.tenant, pocId: DEMO_IDS.chatPoc, skillId: 'demo-skill-chat', visitorId, customerName: null }, null)
    ).conversation.id;
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an offer resolves once', async () => {
    const offer = await store.createOffer(conversationId, agent, 1000);
    assert.equal(await store.resolveOffer(offer.id, 'declined'), true);
    assert.equal(await store.resolveOffer(offer.id, 'accepted'), false);
    assert.equal((await store.getOffer(offer.id))?.status, 'declined');
  });

  test('declined and expired offers are refusals; withdrawn ones are not', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    assert.deepEqual([...(await store.refusedBy(conversationId, since))], [agent]);
    await store.db.updateTable('offers').set({ status: 'withdrawn' }).where('conversation_id', '=', conversationId).execute();
    assert.equal((await store.refusedBy(conversationId, since)).size, 0);
    const expired = await store.createOffer(conversationId, agent, 1000);
    await store.resolveOffer(expired.id, 'expired');
    assert.deepEqual([...(await store.refusedBy(conversationId, since))], [agent]);
  });

  test('offers left pending by a previous run are withdrawn on start-up, not counted as refusals', async () => {
    await store.db.deleteFrom('offers').execute();
    const pending = await store.createOffer(conversationId, agent, 60_000);
    assert.equal(await store.withdrawAllPendingOffers(), 1);
    assert.equal((await store.getOffer(pending.id))?.status, 'withdrawn');
    assert.equal((await store.pendingOffers()).length, 0);
    assert.equal((await store.refusedBy(conversationId, new Date(Date.now() - 60_000).toISOString())).size, 0);
  });

  test('available agents: online, active, available, holding the active skill, longest idle first, whatever their load', async () => {
    const online = ['demo-user-agent1', 'demo-user-agent2', 'demo-user-admin'];
    const ids = async (onlineIds: string[]) => (await store.availableAgents('demo-skill-chat', onlineIds)).map((a) => a.id);
    assert.deepEqual(await ids(online), [], 'nobody available yet');
    await store.setAgentAvailable('demo-user-agent2', true);
    await store.db.updateTable('agent_state').set({ idle_since: '2024-01-01T00:00:00.000Z' }).where('user_id', '=', 'demo-user-agent2').execute();
    await store.setAgentAvailable('demo-user-agent1', true);
    assert.deepEqual(await ids(online), ['demo-user-agent2', 'demo-user-agent1']);
    assert.deepEqual(await ids(['demo-user-agent1']), ['demo-user-agent1'], 'offline agents are skipped');

    await store.db.updateTable('users').set({ capacity: 1 }).where('id', '=', 'demo-user-agent2').execute();
    await store.createOffer(conversationId, 'demo-user-agent2', 60_000);
    assert.deepEqual(await store.availableAgents('demo-skill-chat', online), [
      { id: 'demo-user-agent2', capacity: 1 },
      { id: 'demo-user-agent1', capacity: 3 },
    ], 'listed with their capacity, full or not');

    await store.db.updateTable('users').set({ active: 0 }).where('id', '=', 'demo-user-agent1').execute();
    assert.deepEqual(await ids(online), ['demo-user-agent2'], 'a disabled account routes nothing');
    await store.db.updateTable('users').set({ active: 1 }).where('id', '=', 'demo-user-agent1').execute();
    await store.db.updateTable('skills').set({ active: 0 }).where('id', '=', 'demo-skill-chat').execute();
    assert.deepEqual(await ids(online), [], 'an inactive skill routes nothing');
    await store.db.updateTable('skills').set({ active: 1 }).where('id', '=', 'demo-skill-chat').execute();
  });

  test('agent loads count held conversations (active, wrap-up) and pending offers, nothing else', async () => {
    await store.db.deleteFrom('offers').execute();
    assert.deepEqual(await store.agentLoads(), new Map());
    const chat = async () => {
      const visitorId = await store.createVisitor(DEMO_IDS.tenant, DEMO_IDS.chatPoc, `load-${Math.random()}`);
      return (await store.createConversation({ tenantId: DEMO_IDS.tenant, pocId: DEMO_IDS.chatPoc, skillId: 'demo-skill-chat', visitorId, customerName: null }, null)).conversation.id;
    };
    const [active, wrapup, closed, offered, declined] = [await chat(), await chat(), await chat(), await chat(), await chat()];
    await store.updateConversation(active, { status: 'active', agent_id: 'demo-user-agent1' });
    await store.updateConversation(wrapup, { status: 'wrapup', agent_id: 'demo-user-agent1' });
    await store.updateConversation(closed, { status: 'closed', agent_id: 'demo-user-agent1' });
    await store.createOffers([{ conversationId: offered, agentId: 'demo-user-agent2' }, { conversationId: offered, agentId: 'demo-user-agent1' }], 60_000);
    const refused = await store.createOffer(declined, 'demo-user-agent2', 60_000);
    await store.resolveOffer(refused.id, 'declined');
    assert.deepEqual(await store.agentLoads(), new Map([['demo-user-agent1', 3], ['demo-user-agent2', 1]]));
  });
});

describe('queue order', () => {
  let dir: string;
  let store: Store;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-queue-'));
    store = await Store.open(dir);
    await seedDemo(store, TEST_PASSWORD);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("waiting chats are served by their POC's script priority, then oldest first", async () => {
    const urgent = JSON.stringify({ timeZone: 'UTC', hours: [], greeting: '', priority: 9, longWaitSeconds: null, whenClosed: 'offline-message', whenLongWait: 'none' });
    await store.db.insertInto('scripts').values({ id: 'urgent-script', tenant_id: DEMO_IDS.tenant, name: 'Urgent', config: urgent, created_at: new Date().toISOString() }).execute();
    await store.db.updateTable('pocs').set({ script_id: 'urgent-script' }).where('id', '=', DEMO_IDS.salesChatPoc).execute();
    const chat = async (pocId: string) => {
      const visitorId = await store.createVisitor(DEMO_IDS.tenant, pocId, `hash-${Math.random()}`);
      const { conversation } = await store.createConversation({ tenantId: DEMO_IDS.tenant, pocId, skillId: 'demo-skill-chat', visitorId, customerName: null }, null);
      // Distinct enqueue times, in creation order.
      await new Promise((r) => setTimeout(r, 5));
      return conversation.id;
    };
    const first = await chat(DEMO_IDS.chatPoc);
    const second = await chat(DEMO_IDS.chatPoc);
    const urgentOne = await chat(DEMO_IDS.salesChatPoc);
    assert.deepEqual((await store.queued()).map((c) => c.id), [urgentOne, first, second]);
  });
});
