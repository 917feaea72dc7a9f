/**
 * The administration API for points of contact, skills, scripts, phone numbers and audit
 * histories, against a real server and SQLite store: every rule of SPEC §1 and docs/admin.md is
 * refused with a 4xx naming the field, the deactivation rule answers with its way out, a
 * deactivated chat POC stops at once for the customers on it, and every change is in the POC's
 * audit history, searchable and paged without loss.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Socket } from 'socket.io-client';
import { DEFAULT_PROFILE } from '../../src/core/profile.js';
import {
  API_PREFIX,
  DEMO_IDS,
  PROTOCOL_VERSION,
  type AdminDnis,
  type AdminPoc,
  type AdminScript,
  type AdminSkill,
  type AuditEntry,
  type AuditPage,
  type CustomerConversation,
  type DeactivationWayOut,
  type PocAvailability,
  type PocInput,
  type PublicChatProfile,
  type ScriptInput,
  type SkillChannel,
  type StudioProfile,
} from '../../src/protocol/index.js';
import { ask, connectCustomer, handshake, nextEvent, rawCustomerSocket, signIn, staffHeaders, startTestServer, until, type TestServer } from '../../test/helpers/server.js';

type ApiError = { code: string; message: string; field?: string; wayOut?: DeactivationWayOut };

/** Another tenant's records, inserted straight into the store: the API must not see them. */
const OTHER = { tenant: 'other-tenant', skill: 'other-skill-chat', script: 'other-script', poc: 'other-chat-poc', number: '+33199999999' } as const;

describe('admin API: points of contact, skills, scripts, numbers, audit', () => {
  let server: TestServer;
  let admin: string;
  /** A shared active skill per channel and a shared always-open script, for tests that need any. */
  let chatSkill: AdminSkill;
  let emailSkill: AdminSkill;
  let voiceSkill: AdminSkill;
  let workitemSkill: AdminSkill;
  let script: AdminScript;
  let seq = 0;
  const unique = (label: string) => `${label} ${++seq}`;

  const api = (path: string) => `${server.url}${API_PREFIX}/admin${path}`;
  const pub = (path: string) => `${server.url}${API_PREFIX}${path}`;

  function call(method: string, path: string, body?: unknown, cookie = admin): Promise<Response> {
    const headers = staffHeaders(cookie);
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(api(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /** Asserts the status and returns the JSON answer. */
  async function ok<T>(res: Response, status = 200): Promise<T> {
    const text = await res.text();
    assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** Asserts a JSON refusal with this status, code and (if given) field, and returns it. */
  async function refused(res: Response, status: number, code: string, field?: string): Promise<ApiError> {
    const text = await res.text();
    assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${text}`);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const { error } = JSON.parse(text) as { error: ApiError };
    assert.equal(error.code, code, text);
    assert.ok(error.message.length > 0);
    if (field !== undefined) assert.equal(error.field, field, text);
    return error;
  }

  const newSkill = async (channel: SkillChannel, active = true): Promise<AdminSkill> =>
    (await ok<{ skill: AdminSkill }>(await call('POST', '/skills', { name: unique(`Skill ${channel}`), channel, active }), 201)).skill;
  const newScript = async (config: Partial<ScriptInput> = {}): Promise<AdminScript> =>
    (await ok<{ script: AdminScript }>(await call('POST', '/scripts', { name: unique('Script'), ...config }), 201)).script;
  /** Any body, well-formed or not: the defaults make a valid chat POC. */
  const createPoc = (input: Record<string, unknown>, cookie = admin) =>
    call('POST', '/pocs', { name: unique('POC'), channel: 'chat', skillId: chatSkill.id, scriptId: script.id, ...input }, cookie);
  const newPoc = async (input: Partial<PocInput> & Record<string, unknown> = {}): Promise<AdminPoc> => (await ok<{ poc: AdminPoc }>(await createPoc(input), 201)).poc;
  const getPoc = async (id: string): Promise<AdminPoc> => (await ok<{ poc: AdminPoc }>(await call('GET', `/pocs/${id}`))).poc;
  const skills = async (): Promise<AdminSkill[]> => (await ok<{ skills: AdminSkill[] }>(await call('GET', '/skills'))).skills;
  const scripts = async (): Promise<AdminScript[]> => (await ok<{ scripts: AdminScript[] }>(await call('GET', '/scripts'))).scripts;
  const numbers = async (): Promise<AdminDnis[]> => (await ok<{ numbers: AdminDnis[] }>(await call('GET', '/dnis'))).numbers;
  const pocCount = async () => (await server.store.db.selectFrom('pocs').select('id').execute()).length;
  const audit = async (pocId: string, query: Record<string, string | number> = {}): Promise<AuditPage> => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    return ok<AuditPage>(await call('GET', `/pocs/${pocId}/audit${qs ? `?${qs}` : ''}`));
  };
  const availability = async (pocId: string): Promise<PocAvailability> => ok<PocAvailability>(await fetch(pub(`/pocs/${pocId}/availability`)));

  before(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, 'admin');
    chatSkill = await newSkill('chat');
    emailSkill = await newSkill('email');
    voiceSkill = await newSkill('voice');
    workitemSkill = await newSkill('workitem');
    script = await newScript();
    const at = new Date().toISOString();
    const db = server.store.db;
    await db.insertInto('tenants').values({ id: OTHER.tenant, name: 'Other company', created_at: at }).execute();
    await db.insertInto('skills').values({ id: OTHER.skill, tenant_id: OTHER.tenant, name: 'Other chat', channel: 'chat', active: 0, created_at: at }).execute();
    await db.insertInto('scripts').values({ id: OTHER.script, tenant_id: OTHER.tenant, name: 'Other hours', config: '{}', created_at: at }).execute();
    await db
      .insertInto('pocs')
      .values({ id: OTHER.poc, tenant_id: OTHER.tenant, name: 'Other chat', channel: 'chat', skill_id: OTHER.skill, script_id: OTHER.script, chat_profile_id: null, address: null, active: 1, allowed_origins: '[]', created_at: at })
      .execute();
    await db.insertInto('dnis').values({ number: OTHER.number, tenant_id: OTHER.tenant, label: '', created_at: at }).execute();
  });
  after(() => server.dispose());

  describe('creating points of contact', () => {
    test('chat and work-item POCs get an unguessable URL-safe system id and a profile of their own, served publicly', async () => {
      const chatA = await newPoc({ channel: 'chat' });
      const chatB = await newPoc({ channel: 'chat' });
      const item = await newPoc({ channel: 'workitem', skillId: workitemSkill.id });
      assert.match(chatA.id, /^chat-[A-Za-z0-9_-]{22,}$/);
      assert.match(chatB.id, /^chat-[A-Za-z0-9_-]{22,}$/);
      assert.match(item.id, /^wi-[A-Za-z0-9_-]{22,}$/);
      assert.notEqual(chatA.id, chatB.id);
      assert.notEqual(chatA.id.slice(5, 15), chatB.id.slice(5, 15), 'not a counter: the random parts differ from the start');
      for (const poc of [chatA, chatB, item]) {
        assert.equal(poc.active, true);
        assert.equal(poc.address, null);
        assert.ok(poc.profileId, `${poc.channel} POC has a profile`);
        const served = await ok<PublicChatProfile>(await fetch(pub(`/pocs/${poc.id}/profile`)));
        assert.deepEqual(served.poc, { id: poc.id, channel: poc.channel, name: poc.name });
      }
      assert.notEqual(chatA.profileId, chatB.profileId, 'each POC gets its own profile');
      const served = await ok<PublicChatProfile>(await fetch(pub(`/pocs/${chatA.id}/profile`)));
      assert.equal(served.profile.texts.title, DEFAULT_PROFILE.texts.title, 'a new chat POC starts from the default profile');
      assert.deepEqual(await getPoc(chatA.id), chatA);
    });

    test('copyProfileFrom starts from a copy of another POC profile of the same channel', async () => {
      const sales = await ok<PublicChatProfile>(await fetch(pub(`/pocs/${DEMO_IDS.salesChatPoc}/profile`)));
      assert.notEqual(sales.profile.texts.title, DEFAULT_PROFILE.texts.title);
      const copy = await newPoc({ copyProfileFrom: DEMO_IDS.salesChatPoc });
      assert.notEqual(copy.profileId, DEMO_IDS.salesChatProfile, 'a copy, not the same profile');
      const served = await ok<PublicChatProfile>(await fetch(pub(`/pocs/${copy.id}/profile`)));
      assert.equal(served.profile.texts.title, 'Acme Sales');
      assert.equal(served.profile.theme.light.brand, sales.profile.theme.light.brand);
      assert.deepEqual(served.profile, sales.profile);

      const form = await newPoc({ channel: 'workitem', skillId: workitemSkill.id, copyProfileFrom: DEMO_IDS.workitemPoc });
      const returns = await ok<PublicChatProfile>(await fetch(pub(`/pocs/${DEMO_IDS.workitemPoc}/profile`)));
      const copied = await ok<PublicChatProfile>(await fetch(pub(`/pocs/${form.id}/profile`)));
      assert.deepEqual(copied.profile.workItem.fields, returns.profile.workItem.fields);

      const before = await pocCount();
      await refused(await createPoc({ channel: 'workitem', skillId: workitemSkill.id, copyProfileFrom: DEMO_IDS.chatPoc }), 400, 'invalid_field', 'copyProfileFrom');
      await refused(await createPoc({ copyProfileFrom: 'no-such-poc' }), 400, 'invalid_field', 'copyProfileFrom');
      await refused(await createPoc({ copyProfileFrom: OTHER.poc }), 400, 'invalid_field', 'copyProfileFrom');
      assert.equal(await pocCount(), before);
    });

    test('an email POC is bound to a valid mailbox that no other POC has, in any case', async () => {
      const poc = await newPoc({ channel: 'email', skillId: emailSkill.id, address: 'Returns@Shop.Example' });
      assert.match(poc.id, /^email-/);
      assert.equal(poc.address, 'returns@shop.example');
      assert.equal(poc.profileId, null);
      const taken = await refused(await createPoc({ channel: 'email', skillId: emailSkill.id, address: 'RETURNS@shop.example' }), 409, 'already_exists', 'address');
      assert.match(taken.message, /returns@shop\.example/);
      await refused(await createPoc({ channel: 'email', skillId: emailSkill.id, address: 'support@ACME.example' }), 409, 'already_exists', 'address');
      await refused(await createPoc({ channel: 'email', skillId: emailSkill.id, address: 'not an address' }), 400, 'invalid_field', 'address');
      await refused(await createPoc({ channel: 'email', skillId: emailSkill.id }), 400, 'invalid_field', 'address');
      // Moving another email POC onto the address is refused the same way.
      const other = await newPoc({ channel: 'email', skillId: emailSkill.id, address: 'orders@shop.example' });
      await refused(await call('PATCH', `/pocs/${other.id}`, { address: 'RETURNS@SHOP.EXAMPLE' }), 409, 'already_exists', 'address');
      assert.equal((await getPoc(other.id)).address, 'orders@shop.example');
      // Its own address again is no conflict.
      assert.equal((await ok<{ poc: AdminPoc }>(await call('PATCH', `/pocs/${other.id}`, { address: 'Orders@shop.example' }))).poc.address, 'orders@shop.example');
    });

    test('a phone POC needs a voice skill and a DNIS that is provisioned and free', async () => {
      const number = '+33123400001';
      const before = await pocCount();
      const unprovisioned = await refused(await createPoc({ channel: 'phone', skillId: voiceSkill.id, address: number }), 400, 'invalid_field', 'address');
      assert.match(unprovisioned.message, /not provisioned/);
      const foreign = await refused(await createPoc({ channel: 'phone', skillId: voiceSkill.id, address: OTHER.number }), 400, 'invalid_field', 'address');
      assert.match(foreign.message, /not provisioned/, "another tenant's number is not this tenant's to use");
      await refused(await createPoc({ channel: 'phone', skillId: chatSkill.id, address: '+33100000001' }), 400, 'invalid_field', 'skillId');
      await refused(await createPoc({ channel: 'phone', skillId: voiceSkill.id, address: '+33100000000' }), 409, 'already_exists', 'address');
      assert.equal(await pocCount(), before);

      await ok(await call('POST', '/dnis', { number, label: 'New line' }), 201);
      const poc = await newPoc({ channel: 'phone', skillId: voiceSkill.id, address: '+33 1 23 40 00 01' });
      assert.match(poc.id, /^phone-/);
      assert.equal(poc.address, number);
      assert.equal((await numbers()).find((n) => n.number === number)?.pocId, poc.id);
      await refused(await createPoc({ channel: 'phone', skillId: voiceSkill.id, address: number }), 409, 'already_exists', 'address');
    });

    test('chat and work-item POCs refuse an address; email and phone POCs refuse allowed origins', async () => {
      const before = await pocCount();
      await refused(await createPoc({ channel: 'chat', address: 'chat@shop.example' }), 400, 'invalid_field', 'address');
      await refused(await createPoc({ channel: 'workitem', skillId: workitemSkill.id, address: '+33100000001' }), 400, 'invalid_field', 'address');
      await refused(await createPoc({ channel: 'email', skillId: emailSkill.id, address: 'x1@shop.example', allowedOrigins: ['https://shop.example'] }), 400, 'invalid_field', 'allowedOrigins');
      await refused(await createPoc({ channel: 'phone', skillId: voiceSkill.id, address: '+33100000002', allowedOrigins: ['https://shop.example'] }), 400, 'invalid_field', 'allowedOrigins');
      assert.equal(await pocCount(), before);
      const chat = await newPoc();
      await refused(await call('PATCH', `/pocs/${chat.id}`, { address: 'chat@shop.example' }), 400, 'invalid_field', 'address');
      assert.equal((await getPoc(chat.id)).address, null);
    });

    test('allowed origins are stored as browsers send them; a path or a wildcard is refused naming allowedOrigins', async () => {
      const poc = await newPoc({ allowedOrigins: ['HTTPS://Shop.Example:443/', 'http://localhost:8080', 'https://shop.example'] });
      assert.deepEqual(poc.allowedOrigins, ['https://shop.example', 'http://localhost:8080']);
      assert.deepEqual((await getPoc(poc.id)).allowedOrigins, ['https://shop.example', 'http://localhost:8080']);
      for (const bad of ['https://shop.example/path', 'https://*.shop.example', '*', 'shop.example', 'ftp://shop.example', 'https://user@shop.example', 'https://shop.example?x=1']) {
        await refused(await createPoc({ allowedOrigins: [bad] }), 400, 'invalid_field', 'allowedOrigins');
        await refused(await call('PATCH', `/pocs/${poc.id}`, { allowedOrigins: ['https://ok.example', bad] }), 400, 'invalid_field', 'allowedOrigins');
      }
      assert.deepEqual((await getPoc(poc.id)).allowedOrigins, ['https://shop.example', 'http://localhost:8080'], 'refused patches changed nothing');
    });
  });

  describe('double submissions', () => {
    /** Sends the same creation `n` times at once; answers the statuses, sorted. */
    const burst = async (path: string, body: Record<string, unknown>, n = 5) =>
      (await Promise.all(Array.from({ length: n }, () => call('POST', path, body)))).map((r) => r.status).sort();

    test('the same mailbox created five times at once: one POC, four 409, no 500', async () => {
      assert.deepEqual(await burst('/pocs', { name: unique('Burst mailbox'), channel: 'email', skillId: emailSkill.id, scriptId: script.id, address: 'burst@shop.example' }), [201, 409, 409, 409, 409]);
      assert.equal((await server.store.db.selectFrom('pocs').select('id').where('address', '=', 'burst@shop.example').execute()).length, 1);
    });

    test('the same number provisioned five times at once: one number, four 409, no 500', async () => {
      assert.deepEqual(await burst('/dnis', { number: '+33123400077' }), [201, 409, 409, 409, 409]);
    });

    test('the same skill name created five times at once: one skill, four 409', async () => {
      const name = unique('Burst skill');
      const statuses = await burst('/skills', { name, channel: 'chat' });
      const made = (await skills()).filter((s) => s.name === name);
      assert.deepEqual([statuses, made.length], [[201, 409, 409, 409, 409], 1], 'names are unique per tenant even on a double click');
    });
  });

  describe('skill and script of a point of contact', () => {
    test('a missing skill or script is refused naming the field', async () => {
      const before = await pocCount();
      for (const [input, field] of [
        [{ skillId: undefined }, 'skillId'],
        [{ scriptId: undefined }, 'scriptId'],
        [{ skillId: '' }, 'skillId'],
        [{ scriptId: '  ' }, 'scriptId'],
        [{ skillId: 'no-such-skill' }, 'skillId'],
        [{ scriptId: 'no-such-script' }, 'scriptId'],
      ] as const) {
        const body: Record<string, unknown> = { name: unique('POC'), channel: 'chat', skillId: chatSkill.id, scriptId: script.id };
        Object.assign(body, input);
        await refused(await call('POST', '/pocs', JSON.parse(JSON.stringify(body))), 400, 'invalid_field', field);
      }
      assert.equal(await pocCount(), before);
    });

    test('the skill must route the POC channel', async () => {
      for (const [channel, wrong, extra] of [
        ['chat', emailSkill, {}],
        ['email', chatSkill, { address: 'wrong-skill@shop.example' }],
        ['phone', chatSkill, { address: '+33100000002' }],
        ['workitem', chatSkill, {}],
      ] as const) {
        const error = await refused(await createPoc({ channel, skillId: wrong.id, ...extra }), 400, 'invalid_field', 'skillId');
        assert.match(error.message, new RegExp(wrong.channel));
      }
      const poc = await newPoc();
      await refused(await call('PATCH', `/pocs/${poc.id}`, { skillId: voiceSkill.id }), 400, 'invalid_field', 'skillId');
      assert.equal((await getPoc(poc.id)).skillId, chatSkill.id);
    });

    test("another tenant's skill and script read exactly as ones that do not exist", async () => {
      const compare = async (field: 'skillId' | 'scriptId', foreign: string) => {
        const a = await refused(await createPoc({ [field]: foreign }), 400, 'invalid_field', field);
        const b = await refused(await createPoc({ [field]: 'missing-id-000' }), 400, 'invalid_field', field);
        assert.equal(a.message.replace(foreign, 'ID'), b.message.replace('missing-id-000', 'ID'));
      };
      await compare('skillId', OTHER.skill);
      await compare('scriptId', OTHER.script);
      const poc = await newPoc();
      await refused(await call('PATCH', `/pocs/${poc.id}`, { scriptId: OTHER.script }), 400, 'invalid_field', 'scriptId');
      await refused(await call('PATCH', `/skills/${OTHER.skill}`, { name: 'Taken over' }), 404, 'not_found');
      await refused(await call('PATCH', `/scripts/${OTHER.script}`, { priority: 9 }), 404, 'not_found');
      assert.ok(!(await skills()).some((s) => s.id === OTHER.skill));
      assert.ok(!(await scripts()).some((s) => s.id === OTHER.script));
      assert.ok(!(await numbers()).some((n) => n.number === OTHER.number));
    });

    test("another tenant's POC is not found by any route", async () => {
      await refused(await call('GET', `/pocs/${OTHER.poc}`), 404, 'poc_not_found');
      await refused(await call('PATCH', `/pocs/${OTHER.poc}`, { name: 'Mine now' }), 404, 'poc_not_found');
      await refused(await call('POST', `/pocs/${OTHER.poc}/deactivate`), 404, 'poc_not_found');
      await refused(await call('POST', `/pocs/${OTHER.poc}/activate`), 404, 'poc_not_found');
      await refused(await call('GET', `/pocs/${OTHER.poc}/audit`), 404, 'poc_not_found');
      const listed = (await ok<{ pocs: AdminPoc[] }>(await call('GET', '/pocs'))).pocs;
      assert.ok(!listed.some((p) => p.id === OTHER.poc));
      const row = await server.store.getPoc(OTHER.poc);
      assert.equal(row?.name, 'Other chat');
    });

    test('the channel never changes; unknown fields and wrong types are refused naming the field', async () => {
      const poc = await newPoc();
      await refused(await call('PATCH', `/pocs/${poc.id}`, { channel: 'email' }), 400, 'invalid_field', 'channel');
      await ok(await call('PATCH', `/pocs/${poc.id}`, { channel: 'chat' }));
      assert.equal((await getPoc(poc.id)).channel, 'chat');

      const before = await pocCount();
      await refused(await createPoc({ colour: 'blue' }), 400, 'invalid_field', 'colour');
      await refused(await createPoc({ id: 'chat-mine' }), 400, 'invalid_field', 'id');
      await refused(await createPoc({ name: 5 }), 400, 'invalid_field', 'name');
      await refused(await createPoc({ name: '   ' }), 400, 'invalid_field', 'name');
      await refused(await createPoc({ name: 'x'.repeat(101) }), 400, 'invalid_field', 'name');
      await refused(await createPoc({ channel: 'fax' }), 400, 'invalid_field', 'channel');
      await refused(await createPoc({ active: 'yes' }), 400, 'invalid_field', 'active');
      await refused(await createPoc({ allowedOrigins: 'https://shop.example' }), 400, 'invalid_field', 'allowedOrigins');
      await refused(await createPoc({ skillId: 42 }), 400, 'invalid_field', 'skillId');
      await refused(await createPoc({ skillId: 'x'.repeat(129) }), 400, 'invalid_field', 'skillId');
      assert.equal(await pocCount(), before);

      await refused(await call('PATCH', `/pocs/${poc.id}`, { colour: 'blue' }), 400, 'invalid_field', 'colour');
      await refused(await call('PATCH', `/pocs/${poc.id}`, { name: ['x'] }), 400, 'invalid_field', 'name');
      await refused(await call('PATCH', `/pocs/${poc.id}`, { name: '' }), 400, 'invalid_field', 'name');
      await refused(await call('PATCH', `/pocs/${poc.id}`, { active: 0 }), 400, 'invalid_field', 'active');
      assert.deepEqual(await getPoc(poc.id), poc);
    });

    test('a change of name, skill, script and origins is applied and answered', async () => {
      const poc = await newPoc();
      const skill = await newSkill('chat');
      const other = await newScript();
      const { poc: changed } = await ok<{ poc: AdminPoc }>(
        await call('PATCH', `/pocs/${poc.id}`, { name: '  Spring   sale  chat ', skillId: skill.id, scriptId: other.id, allowedOrigins: ['https://spring.example'] }),
      );
      assert.deepEqual(changed, { ...poc, name: 'Spring sale chat', skillId: skill.id, scriptId: other.id, allowedOrigins: ['https://spring.example'] });
      assert.deepEqual(await getPoc(poc.id), changed);
    });

    test('many POCs share a skill and a script, and the lists count them', async () => {
      const skill = await newSkill('chat');
      const shared = await newScript();
      const made = [await newPoc({ skillId: skill.id, scriptId: shared.id }), await newPoc({ skillId: skill.id, scriptId: shared.id }), await newPoc({ skillId: skill.id, scriptId: shared.id, active: false })];
      assert.deepEqual(made.map((p) => p.active), [true, true, false]);
      const listed = (await skills()).find((s) => s.id === skill.id);
      assert.equal(listed?.pocCount, 3);
      assert.equal(listed?.activePocCount, 2);
      assert.equal((await scripts()).find((s) => s.id === shared.id)?.pocCount, 3);
      // Moving one away is counted at once.
      await ok(await call('PATCH', `/pocs/${made[0].id}`, { scriptId: script.id }));
      assert.equal((await scripts()).find((s) => s.id === shared.id)?.pocCount, 2);
    });
  });

  describe('the deactivation rule', () => {
    test('a POC on an active skill is refused with poc_skill_active and the way out', async () => {
      const active = await newSkill('chat');
      const inactiveA = await newSkill('chat', false);
      const inactiveB = await newSkill('chat', false);
      const inactiveEmail = await newSkill('email', false);
      const poc = await newPoc({ skillId: active.id });
      const error = await refused(await call('POST', `/pocs/${poc.id}/deactivate`), 409, 'poc_skill_active');
      assert.match(error.message, /still assigned to an active skill/);
      assert.ok(error.message.includes(active.name), 'names the skill');
      assert.ok(error.wayOut);
      assert.deepEqual(error.wayOut.skill, { id: active.id, name: active.name });
      const offered = error.wayOut.inactiveSkills.map((s) => s.id);
      assert.ok(offered.includes(inactiveA.id) && offered.includes(inactiveB.id));
      assert.ok(!offered.includes(inactiveEmail.id), 'only skills of the channel');
      assert.ok(!offered.includes(active.id) && !offered.includes(chatSkill.id), 'only inactive skills');
      const all = await skills();
      for (const s of error.wayOut.inactiveSkills) {
        const found = all.find((k) => k.id === s.id);
        assert.equal(found?.channel, 'chat');
        assert.equal(found?.active, false);
        assert.equal(found?.name, s.name);
      }
      assert.equal(typeof error.wayOut.newSkillName, 'string');
      assert.ok(error.wayOut.newSkillName.length > 0);
      assert.equal((await getPoc(poc.id)).active, true, 'nothing changed');
      // An empty retireTo is no way out either.
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: '' }), 409, 'poc_skill_active');
    });

    test('retireTo an inactive skill moves and deactivates in one step, and the audit shows both', async () => {
      const active = await newSkill('chat');
      const inactive = await newSkill('chat', false);
      const poc = await newPoc({ skillId: active.id });
      const { poc: done } = await ok<{ poc: AdminPoc }>(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: inactive.id }));
      assert.equal(done.active, false);
      assert.equal(done.skillId, inactive.id);
      assert.deepEqual(await getPoc(poc.id), done);
      const { entries } = await audit(poc.id, { limit: 2 });
      const skillEntry = entries.find((e) => e.field === 'skill');
      const activeEntry = entries.find((e) => e.field === 'active');
      assert.deepEqual(
        { action: skillEntry?.action, from: skillEntry?.from, to: skillEntry?.to },
        { action: 'update', from: `${active.name} (${active.id})`, to: `${inactive.name} (${inactive.id})` },
      );
      assert.deepEqual({ action: activeEntry?.action, from: activeEntry?.from, to: activeEntry?.to }, { action: 'deactivate', from: 'yes', to: 'no' });
      // Deactivating what is already inactive changes nothing and records nothing.
      const total = (await audit(poc.id)).total;
      assert.equal((await ok<{ poc: AdminPoc }>(await call('POST', `/pocs/${poc.id}/deactivate`))).poc.active, false);
      assert.equal((await audit(poc.id)).total, total);
    });

    test('retireTo "new" makes an inactive skill of the right channel named as the way out said', async () => {
      const active = await newSkill('workitem');
      const poc = await newPoc({ channel: 'workitem', skillId: active.id });
      const { wayOut } = await refused(await call('POST', `/pocs/${poc.id}/deactivate`), 409, 'poc_skill_active');
      const before = await skills();
      const { poc: done } = await ok<{ poc: AdminPoc }>(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: 'new' }));
      assert.equal(done.active, false);
      const made = (await skills()).filter((s) => !before.some((b) => b.id === s.id));
      assert.equal(made.length, 1);
      assert.deepEqual({ id: made[0].id, name: made[0].name, channel: made[0].channel, active: made[0].active }, { id: done.skillId, name: wayOut?.newSkillName, channel: 'workitem', active: false });
      assert.equal(made[0].pocCount, 1);
    });

    test('retiring several POCs to "new" keeps skill names unique within the tenant', async () => {
      const first = await newPoc({ skillId: (await newSkill('chat')).id });
      const second = await newPoc({ skillId: (await newSkill('chat')).id });
      await ok(await call('POST', `/pocs/${first.id}/deactivate`, { retireTo: 'new' }));
      await ok(await call('POST', `/pocs/${second.id}/deactivate`, { retireTo: 'new' }));
      const names = (await skills()).map((s) => s.name.toLowerCase());
      const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
      assert.deepEqual(duplicated, [], 'skill names are unique per tenant (POST /admin/skills refuses a duplicate with 409)');
    });

    test('retireTo an active skill, a skill of another channel or an unknown skill is refused and changes nothing', async () => {
      const active = await newSkill('chat');
      const poc = await newPoc({ skillId: active.id });
      const inactiveEmail = await newSkill('email', false);
      const before = await skills();
      const activeRefusal = await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: chatSkill.id }), 400, 'invalid_field', 'retireTo');
      assert.match(activeRefusal.message, /active/);
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: inactiveEmail.id }), 400, 'invalid_field', 'retireTo');
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: 'no-such-skill' }), 400, 'invalid_field', 'retireTo');
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: OTHER.skill }), 400, 'invalid_field', 'retireTo');
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: 7 }), 400, 'invalid_field', 'retireTo');
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { moveTo: 'new' }), 400, 'invalid_field', 'moveTo');
      assert.deepEqual(await getPoc(poc.id), poc);
      assert.equal((await skills()).length, before.length);
    });

    test('PATCH active:false follows the same rule; with an inactive skillId in the same patch it succeeds', async () => {
      const active = await newSkill('chat');
      const inactive = await newSkill('chat', false);
      const poc = await newPoc({ skillId: active.id });
      const error = await refused(await call('PATCH', `/pocs/${poc.id}`, { active: false }), 409, 'poc_skill_active');
      assert.match(error.message, /still assigned to an active skill/);
      assert.equal(error.wayOut?.skill.id, active.id);
      await refused(await call('PATCH', `/pocs/${poc.id}`, { name: 'Renamed too', active: false }), 409, 'poc_skill_active');
      assert.deepEqual(await getPoc(poc.id), poc, 'a refused patch changes nothing, not even the name');
      const { poc: done } = await ok<{ poc: AdminPoc }>(await call('PATCH', `/pocs/${poc.id}`, { skillId: inactive.id, active: false }));
      assert.deepEqual({ active: done.active, skillId: done.skillId }, { active: false, skillId: inactive.id });
      const { entries } = await audit(poc.id, { limit: 2 });
      assert.deepEqual(entries.map((e) => [e.action, e.field]).sort(), [['deactivate', 'active'], ['update', 'skill']]);
    });

    test('a POC whose skill is inactive deactivates directly, and activate brings it back', async () => {
      const skill = await newSkill('email');
      const poc = await newPoc({ channel: 'email', skillId: skill.id, address: 'seasonal@shop.example' });
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`), 409, 'poc_skill_active');
      await ok(await call('PATCH', `/skills/${skill.id}`, { active: false }));
      assert.equal((await ok<{ poc: AdminPoc }>(await call('POST', `/pocs/${poc.id}/deactivate`))).poc.active, false);
      assert.equal((await getPoc(poc.id)).skillId, skill.id, 'it stays on its skill');
      const { poc: again } = await ok<{ poc: AdminPoc }>(await call('POST', `/pocs/${poc.id}/activate`));
      assert.equal(again.active, true);
      assert.equal((await getPoc(poc.id)).active, true);
      const [latest] = (await audit(poc.id)).entries;
      assert.deepEqual([latest.action, latest.field, latest.from, latest.to], ['activate', 'active', 'no', 'yes']);
      assert.equal(((await ok<{ pocs: AdminPoc[] }>(await call('GET', '/pocs?active=false'))).pocs).some((p) => p.id === poc.id), false);
    });

    test('deactivating a chat POC ends its open chats, tells its widgets, and closes it to new customers', async () => {
      const active = await newSkill('chat');
      const inactive = await newSkill('chat', false);
      const poc = await newPoc({ skillId: active.id });
      assert.equal((await availability(poc.id)).open, true);
      const sockets: Socket[] = [];
      const widget = await connectCustomer(server.url, poc.id);
      try {
        const socket = rawCustomerSocket(server.url, { protocol: PROTOCOL_VERSION, poc: poc.id });
        sockets.push(socket);
        const hello = await handshake(socket);
        assert.ok(hello.ok, JSON.stringify(hello));
        const started = (await ask(socket, 'conversation:start', { text: 'Is the tent waterproof?', clientId: 'live-1' })) as { ok: boolean; conversation: CustomerConversation };
        assert.ok(started.ok, JSON.stringify(started));
        assert.equal(started.conversation.status, 'queued');
        const seen: CustomerConversation[] = [];
        socket.on('conversation', (c: CustomerConversation) => seen.push(c));
        const told = nextEvent<PocAvailability>(socket, 'availability');

        await ok(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: inactive.id }));

        assert.equal((await told).open, false);
        await until(widget, (s) => s.pushedAvailability?.open === false, 5000, 'the widget to be told the POC is closed');
        const row = await server.store.getConversation(started.conversation.id);
        assert.equal(row?.status, 'closed');
        assert.equal(row?.ended_by, 'system');
        const messages = await server.store.db.selectFrom('messages').selectAll().where('conversation_id', '=', started.conversation.id).orderBy('seq').execute();
        const last = messages[messages.length - 1];
        assert.equal(last.author, 'system');
        assert.deepEqual(JSON.parse(last.event ?? 'null'), { type: 'ended', by: 'system' });
        for (const deadline = Date.now() + 5000; !seen.some((c) => c.status === 'ended') && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
        assert.ok(seen.some((c) => c.id === started.conversation.id && c.status === 'ended'), 'the customer is told the chat ended');

        const late = rawCustomerSocket(server.url, { protocol: PROTOCOL_VERSION, poc: poc.id });
        sockets.push(late);
        const outcome = await handshake(late);
        assert.equal(!outcome.ok && outcome.code, 'poc_inactive');
        const closed = await availability(poc.id);
        assert.equal(closed.open, false);
        await refused(await fetch(pub(`/pocs/${poc.id}/profile`)), 410, 'poc_inactive');

        // Activated again: the widgets still connected hear it at once.
        const reopened = nextEvent<PocAvailability>(socket, 'availability');
        await ok(await call('POST', `/pocs/${poc.id}/activate`));
        assert.equal((await reopened).open, true);
        assert.equal((await availability(poc.id)).open, true);
        assert.equal((await fetch(pub(`/pocs/${poc.id}/profile`))).status, 200);
      } finally {
        widget.close();
        for (const s of sockets) s.disconnect();
      }
    });
  });

  describe('skills', () => {
    test('create, rename, deactivate and activate; names unique per tenant in any case; channel fixed', async () => {
      const name = unique('Winter sale');
      const { skill } = await ok<{ skill: AdminSkill }>(await call('POST', '/skills', { name, channel: 'sms' }), 201);
      assert.deepEqual({ name: skill.name, channel: skill.channel, active: skill.active, pocCount: skill.pocCount }, { name, channel: 'sms', active: true, pocCount: 0 });
      assert.ok((await skills()).some((s) => s.id === skill.id));

      await refused(await call('POST', '/skills', { name: name.toUpperCase(), channel: 'chat' }), 409, 'already_exists', 'name');
      const other = await newSkill('chat');
      await refused(await call('PATCH', `/skills/${other.id}`, { name: ` ${name.toLowerCase()} ` }), 409, 'already_exists', 'name');
      // The same name for another tenant is no conflict for this one.
      await ok(await call('POST', '/skills', { name: 'Other chat', channel: 'chat' }), 201);

      const renamed = await ok<{ skill: AdminSkill }>(await call('PATCH', `/skills/${skill.id}`, { name: `${name} (texts)` }));
      assert.equal(renamed.skill.name, `${name} (texts)`);
      await refused(await call('PATCH', `/skills/${skill.id}`, { channel: 'voice' }), 400, 'invalid_field', 'channel');
      assert.equal((await skills()).find((s) => s.id === skill.id)?.channel, 'sms');

      assert.equal((await ok<{ skill: AdminSkill }>(await call('PATCH', `/skills/${skill.id}`, { active: false }))).skill.active, false);
      assert.equal((await skills()).find((s) => s.id === skill.id)?.active, false);
      assert.equal((await ok<{ skill: AdminSkill }>(await call('PATCH', `/skills/${skill.id}`, { active: true }))).skill.active, true);

      await refused(await call('POST', '/skills', { name: unique('Bad'), channel: 'fax' }), 400, 'invalid_field', 'channel');
      await refused(await call('POST', '/skills', { name: unique('Bad') }), 400, 'invalid_field', 'channel');
      await refused(await call('POST', '/skills', { channel: 'chat' }), 400, 'invalid_field', 'name');
      await refused(await call('POST', '/skills', { name: unique('Bad'), channel: 'chat', colour: 'red' }), 400, 'invalid_field', 'colour');
      await refused(await call('PATCH', `/skills/${skill.id}`, { active: 'no' }), 400, 'invalid_field', 'active');
      await refused(await call('PATCH', '/skills/no-such-skill', { name: 'x' }), 404, 'not_found');
    });
  });

  describe('scripts', () => {
    const FULL: Omit<ScriptInput, 'name'> = {
      timeZone: 'America/New_York',
      hours: [
        { days: [5, 1, 2, 3, 4, 1], open: '08:30', close: '18:00' },
        { days: [6], open: '10:00', close: '24:00' },
      ],
      greeting: 'Welcome to Acme.',
      priority: 8,
      longWaitSeconds: 120,
      whenClosed: 'hide',
      whenLongWait: 'offer-callback',
    };

    test('a script is created with hours, time zone, greeting, priority, long wait and closed behaviour', async () => {
      const name = unique('Weekdays');
      const { script: made } = await ok<{ script: AdminScript }>(await call('POST', '/scripts', { name, ...FULL }), 201);
      const expected = { ...FULL, name, hours: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '18:00' }, FULL.hours[1]], pocCount: 0 };
      const { id, createdAt, ...rest } = made;
      assert.ok(id && createdAt);
      assert.deepEqual(rest, expected);
      assert.deepEqual((await scripts()).find((s) => s.id === id), made);
      await refused(await call('POST', '/scripts', { name: name.toLowerCase() }), 409, 'already_exists', 'name');
      const changed = await ok<{ script: AdminScript }>(await call('PATCH', `/scripts/${id}`, { priority: 2, whenClosed: 'offline-message' }));
      assert.deepEqual(changed.script, { ...made, priority: 2, whenClosed: 'offline-message' });
    });

    test('invalid values are refused naming the field, on creation and on change, and nothing is saved', async () => {
      const target = await newScript(FULL);
      const before = await scripts();
      for (const [change, field] of [
        [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
        [{ hours: [{ days: [1], open: '18:00', close: '09:00' }] }, 'hours.0.close'],
        [{ hours: [{ days: [1], open: '09:00', close: '09:00' }] }, 'hours.0.close'],
        [{ hours: [{ days: [7], open: '09:00', close: '10:00' }] }, 'hours.0.days'],
        [{ hours: [{ days: [1], open: '9am', close: '10:00' }] }, 'hours.0.open'],
        [{ priority: 11 }, 'priority'],
        [{ priority: 0 }, 'priority'],
        [{ priority: 2.5 }, 'priority'],
        [{ longWaitSeconds: 5 }, 'longWaitSeconds'],
        [{ longWaitSeconds: 86_401 }, 'longWaitSeconds'],
        [{ whenClosed: 'shrug' }, 'whenClosed'],
        [{ greeting: 'x'.repeat(501) }, 'greeting'],
        [{ colour: 'red' }, 'colour'],
      ] as const) {
        await refused(await call('POST', '/scripts', { name: unique('Bad script'), ...change }), 400, 'invalid_field', field);
        await refused(await call('PATCH', `/scripts/${target.id}`, change), 400, 'invalid_field', field);
      }
      assert.deepEqual(await scripts(), before);
    });

    test('a script change applies to routing at once', async () => {
      const hours = await newScript({ timeZone: 'UTC', hours: [] });
      const poc = await newPoc({ scriptId: hours.id });
      assert.equal((await availability(poc.id)).open, true, 'no hours: always open');
      const today = new Date().getUTCDay();
      const otherDays = [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== today);
      await ok(await call('PATCH', `/scripts/${hours.id}`, { hours: [{ days: otherDays, open: '00:00', close: '24:00' }] }));
      const closed = await availability(poc.id);
      assert.equal(closed.open, false, 'closed all of today');
      assert.ok(closed.nextOpenAt !== null && Date.parse(closed.nextOpenAt) > Date.now());
      await ok(await call('PATCH', `/scripts/${hours.id}`, { hours: [] }));
      assert.equal((await availability(poc.id)).open, true);
    });
  });

  describe('phone numbers', () => {
    test('a number is provisioned in E.164, once; it is released only while no POC uses it', async () => {
      const { number } = await ok<{ number: AdminDnis }>(await call('POST', '/dnis', { number: '+33 1 23 45 67 89', label: 'Sales line' }), 201);
      assert.deepEqual({ number: number.number, label: number.label, pocId: number.pocId }, { number: '+33123456789', label: 'Sales line', pocId: null });
      assert.ok((await numbers()).some((n) => n.number === '+33123456789'));
      await refused(await call('POST', '/dnis', { number: '+33123456789' }), 409, 'already_exists', 'number');
      await refused(await call('POST', '/dnis', { number: '0033 (1) 23-45-67-89' }), 409, 'already_exists', 'number');
      await refused(await call('POST', '/dnis', { number: OTHER.number }), 409, 'already_exists', 'number');
      await refused(await call('POST', '/dnis', { number: '01 23 45 67 89' }), 400, 'invalid_field', 'number');
      await refused(await call('POST', '/dnis', { label: 'no number' }), 400, 'invalid_field', 'number');

      const used = await refused(await call('DELETE', `/dnis/${encodeURIComponent('+33100000000')}`), 409, 'in_use', 'number');
      assert.match(used.message, /Support line/);
      assert.ok((await numbers()).some((n) => n.number === '+33100000000' && n.pocId === DEMO_IDS.phonePoc));

      const res = await call('DELETE', `/dnis/${encodeURIComponent('+33123456789')}`);
      assert.equal(res.status, 204, await res.clone().text());
      assert.ok(!(await numbers()).some((n) => n.number === '+33123456789'));
      await refused(await call('DELETE', `/dnis/${encodeURIComponent('+33123456789')}`), 404, 'not_found');
      await refused(await call('DELETE', `/dnis/${encodeURIComponent(OTHER.number)}`), 404, 'not_found');
      assert.ok(await server.store.db.selectFrom('dnis').select('number').where('number', '=', OTHER.number).executeTakeFirst(), "another tenant's number stays");
    });
  });

  describe('audit history', () => {
    /** A chat POC that went through every kind of change: created, renamed, retired, activated, styled in the studio. */
    async function historyOfEveryKind(): Promise<{ poc: AdminPoc; start: number; end: number; renamed: string; active: AdminSkill; inactive: AdminSkill }> {
      const start = Date.now();
      const active = await newSkill('chat');
      const inactive = await newSkill('chat', false);
      const poc = await newPoc({ skillId: active.id, allowedOrigins: ['https://shop.example'] });
      const renamed = unique('Autumn catalogue chat');
      await ok(await call('PATCH', `/pocs/${poc.id}`, { name: renamed }));
      await ok(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: inactive.id }));
      await ok(await call('POST', `/pocs/${poc.id}/activate`));
      const marketer = await signIn(server.url, 'marketer');
      const studio = pub(`/studio/pocs/${poc.id}/profile`);
      const current = await ok<StudioProfile>(await fetch(studio, { headers: { cookie: marketer } }));
      const profile = structuredClone(current.profile);
      profile.texts.title = 'Autumn help';
      await ok(await fetch(studio, { method: 'PUT', headers: staffHeaders(marketer, { 'content-type': 'application/json' }), body: JSON.stringify({ profile }) }));
      return { poc, start, end: Date.now(), renamed, active, inactive };
    }

    const pick = (e: AuditEntry) => [e.action, e.field, e.from, e.to, e.actor, e.via];

    test('every create, update, activation, deactivation and studio save records who, when, the field and both values', async () => {
      const { poc, start, end, renamed, active, inactive } = await historyOfEveryKind();
      const page = await audit(poc.id, { limit: 200 });
      const A = 'Demo Administrator';
      const expected = [
        ['profile', 'profile.texts.title', DEFAULT_PROFILE.texts.title, 'Autumn help', 'Morgan Lefèvre', 'studio'],
        ['activate', 'active', 'no', 'yes', A, 'admin'],
        ['deactivate', 'active', 'yes', 'no', A, 'admin'],
        ['update', 'skill', `${active.name} (${active.id})`, `${inactive.name} (${inactive.id})`, A, 'admin'],
        ['update', 'name', poc.name, renamed, A, 'admin'],
      ];
      assert.deepEqual(page.entries.slice(0, expected.length).map(pick).sort(), [...expected].sort());
      // Newest first: the studio save, the activation, the retirement, the rename, then the creation.
      assert.deepEqual(page.entries.slice(0, 2).map((e) => e.action), ['profile', 'activate']);
      assert.deepEqual(page.entries.slice(4, 5).map((e) => e.field), ['name']);
      const created = page.entries.slice(expected.length);
      assert.ok(created.every((e) => e.action === 'create' && e.from === null && e.actor === A));
      const createdFields = Object.fromEntries(created.map((e) => [e.field, e.to]));
      assert.deepEqual(
        { name: createdFields.name, channel: createdFields.channel, skill: createdFields.skill, script: createdFields.script, active: createdFields.active, allowedOrigins: createdFields.allowedOrigins },
        { name: poc.name, channel: 'chat', skill: `${active.name} (${active.id})`, script: `${script.name} (${script.id})`, active: 'yes', allowedOrigins: 'https://shop.example' },
      );
      assert.equal(page.total, page.entries.length);
      for (const e of page.entries) {
        const at = Date.parse(e.at);
        assert.ok(at >= start - 1000 && at <= end + 1000, `time of ${e.field}: ${e.at}`);
        assert.equal(e.jobId, null);
      }
      assert.ok(['name', 'skill', 'active', 'profile.texts.title'].every((f) => page.fields.includes(f)), JSON.stringify(page.fields));
      // A patch that changes nothing records nothing.
      await ok(await call('PATCH', `/pocs/${poc.id}`, { name: renamed }));
      assert.equal((await audit(poc.id)).total, page.total);
    });

    test('actor, field, action, date range and text filters each narrow the history, and combine', async () => {
      const { poc, renamed } = await historyOfEveryKind();
      // Two entries of other days, written as an older change would have left them.
      const old = (at: string, field: string, to: string) => ({
        tenant_id: DEMO_IDS.tenant, entity: 'poc', entity_id: poc.id, action: 'update', field, old_value: 'before', new_value: to, actor_id: 'demo-user-admin', actor_name: 'Camille Archive', via: 'admin', job_id: null, at,
      });
      await server.store.db.insertInto('audit_entries').values([old('2024-01-10T18:00:00.000Z', 'name', 'January name'), old('2024-02-15T08:00:00.000Z', 'name', 'February name')]).execute();
      const all = await audit(poc.id, { limit: 200 });
      const check = async (query: Record<string, string>, keep: (e: AuditEntry) => boolean) => {
        const page = await audit(poc.id, { ...query, limit: 200 });
        const wanted = all.entries.filter(keep);
        assert.ok(wanted.length > 0 && wanted.length < all.entries.length, `${JSON.stringify(query)} narrows`);
        assert.deepEqual(page.entries.map((e) => e.id), wanted.map((e) => e.id), JSON.stringify(query));
        assert.equal(page.total, wanted.length);
      };
      await check({ actor: 'morgan' }, (e) => e.actor === 'Morgan Lefèvre');
      await check({ actor: 'ADMINISTRATOR' }, (e) => e.actor === 'Demo Administrator');
      await check({ field: 'name' }, (e) => e.field === 'name');
      await check({ action: 'deactivate' }, (e) => e.action === 'deactivate');
      await check({ action: 'create' }, (e) => e.action === 'create');
      await check({ q: renamed.toUpperCase() }, (e) => e.to === renamed || e.from === renamed);
      await check({ q: 'autumn help' }, (e) => e.to === 'Autumn help');
      await check({ from: '2024-02-01', to: '2024-02-28' }, (e) => e.to === 'February name');
      await check({ to: '2024-01-10' }, (e) => e.to === 'January name');
      await check({ from: '2024-01-10T17:59:59Z', to: '2024-01-10T18:00:00Z' }, (e) => e.to === 'January name');
      await check({ from: new Date().toISOString().slice(0, 10) }, (e) => !e.at.startsWith('2024-'));
      await check({ field: 'name', actor: 'camille', from: '2024-02-01' }, (e) => e.to === 'February name');
      await check({ field: 'name', actor: 'administrator' }, (e) => e.field === 'name' && e.actor === 'Demo Administrator');
      // Wildcards in the text are text.
      assert.equal((await audit(poc.id, { q: '%' })).total, 0);
      assert.equal((await audit(poc.id, { actor: '_' })).total, 0);
      assert.equal((await audit(poc.id, { field: 'nam' })).total, 0, 'field is exact');
    });

    test('pages with limit and before return every entry exactly once, newest first, with the right total', async () => {
      const poc = await newPoc();
      for (let i = 1; i <= 23; i += 1) await ok(await call('PATCH', `/pocs/${poc.id}`, { name: `${poc.name} v${i}` }));
      const everything = await audit(poc.id, { limit: 200 });
      assert.equal(everything.next, null);
      assert.equal(everything.total, everything.entries.length);
      assert.equal(everything.entries.filter((e) => e.field === 'name').length, 24);
      const queries: ({ limit: number; field?: string })[] = [{ limit: 4 }, { limit: 1 }, { limit: 7, field: 'name' }];
      for (const query of queries) {
        const ids: number[] = [];
        let before: number | null = null;
        let pages = 0;
        do {
          const page: AuditPage = await audit(poc.id, { limit: query.limit, ...(query.field ? { field: query.field } : {}), ...(before === null ? {} : { before }) });
          pages += 1;
          assert.ok(page.entries.length <= query.limit);
          assert.equal(page.total, query.field ? 24 : everything.total, 'total counts every page');
          ids.push(...page.entries.map((e) => e.id));
          before = page.next;
          if (before !== null) assert.equal(page.entries.length, query.limit, 'only the last page is short');
        } while (before !== null && pages < 100);
        const wanted = everything.entries.filter((e) => !query.field || e.field === 'name').map((e) => e.id);
        assert.deepEqual(ids, wanted, `${JSON.stringify(query)}: every entry once, in order`);
        assert.equal(new Set(ids).size, ids.length);
      }
      const ids = everything.entries.map((e) => e.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
      const times = everything.entries.map((e) => e.at);
      assert.deepEqual(times, [...times].sort().reverse());
      assert.equal((await audit(poc.id)).entries.length, Math.min(50, everything.total), 'default page size');
    });

    test('bad limit, before, dates, action or an unknown parameter are refused naming it; unknown POCs are 404', async () => {
      const poc = await newPoc();
      const q = (query: string) => call('GET', `/pocs/${poc.id}/audit?${query}`);
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['limit=ten', 'limit'],
        ['limit=2.5', 'limit'],
        ['before=-1', 'before'],
        ['before=abc', 'before'],
        ['before=1e999', 'before'],
        ['from=yesterday', 'from'],
        ['from=2024-13-45', 'from'],
        ['to=not-a-date', 'to'],
        ['action=delete', 'action'],
        [`q=${'x'.repeat(201)}`, 'q'],
        ['colour=red', 'colour'],
      ] as const) {
        await refused(await q(query), 400, 'invalid_field', field);
      }
      await refused(await call('GET', '/pocs/no-such-poc/audit'), 404, 'poc_not_found');
      // An id longer than any route takes is not found either (by the router, before any lookup).
      const long = await call('GET', `/pocs/${'x'.repeat(300)}/audit`);
      assert.equal(long.status, 404);
      assert.equal(((await long.json()) as { error: ApiError }).error.code.endsWith('not_found'), true);
    });
  });
});
