/**
 * The studio API and the public profile lookup against a real server: only marketers and
 * administrators save, every save goes through the one validator and is recorded with who, when
 * and what changed, and a saved profile reaches widgets on their next load (ETag revalidation).
 * Elevations route only to skills of the POC's tenant on the matching channel, active while
 * offered; another tenant's skill is indistinguishable from one that does not exist. Work-item
 * POCs are listed and edited beside chat POCs; a chat's left messages are filed only on an active
 * work-item POC of its own tenant, checked the same way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_PROFILE } from '../../src/core/profile.js';
import type { StudioSkill } from '../../src/core/elevation-skills.js';
import { API_PREFIX, DEMO_IDS, type ChatProfile, type ProfileIssue, type StudioProfile, type WorkItemField } from '../../src/protocol/index.js';
import { signIn, staffHeaders, startTestServer, type TestServer } from '../../test/helpers/server.js';

describe('studio API', () => {
  let server: TestServer;
  let marketer: string;
  const api = (path: string) => `${server.url}${API_PREFIX}${path}`;
  const profileUrl = () => api(`/studio/pocs/${DEMO_IDS.chatPoc}/profile`);

  const put = (cookie: string, body: unknown) =>
    fetch(profileUrl(), { method: 'PUT', headers: staffHeaders(cookie, { 'content-type': 'application/json' }), body: JSON.stringify(body) });

  const current = async (): Promise<StudioProfile> => (await (await fetch(profileUrl(), { headers: { cookie: marketer } })).json()) as StudioProfile;

  before(async () => {
    server = await startTestServer();
    marketer = await signIn(server.url, 'marketer');
  });
  after(() => server.dispose());

  test('signed-out visitors and agents are refused; marketers and administrators get in', async () => {
    const signedOut = await fetch(api('/studio/pocs'));
    assert.equal(signedOut.status, 401);
    assert.equal(((await signedOut.json()) as { error: { code: string } }).error.code, 'not_authenticated');
    const agent = await signIn(server.url, 'agent1');
    const refused = await fetch(profileUrl(), { headers: { cookie: agent } });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'forbidden');
    assert.equal((await put(agent, { profile: DEFAULT_PROFILE })).status, 403);
    for (const cookie of [marketer, await signIn(server.url, 'admin')]) {
      const res = await fetch(api('/studio/pocs'), { headers: { cookie } });
      assert.equal(res.status, 200);
      assert.deepEqual(((await res.json()) as { pocs: { id: string }[] }).pocs.map((p) => p.id).sort(), [DEMO_IDS.salesChatPoc, DEMO_IDS.chatPoc, DEMO_IDS.workitemPoc].sort());
    }
  });

  test('an unknown POC, or one without a profile (email, phone), is 404 poc_not_found', async () => {
    for (const poc of ['nope', DEMO_IDS.emailPoc, DEMO_IDS.phonePoc]) {
      const res = await fetch(api(`/studio/pocs/${poc}/profile`), { headers: { cookie: marketer } });
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'poc_not_found');
    }
  });

  test('a valid profile is saved, served publicly with a new ETag, and recorded in the history', async () => {
    const before = await current();
    assert.equal(before.profile.version, 2);
    const publicBefore = await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`));
    const etagBefore = publicBefore.headers.get('etag');
    assert.ok(etagBefore);
    assert.match(publicBefore.headers.get('cache-control') ?? '', /no-cache/);
    // Unchanged: a revalidation costs a 304.
    assert.equal((await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`), { headers: { 'if-none-match': etagBefore } })).status, 304);

    const next: ChatProfile = structuredClone(before.profile);
    next.theme.light.brand = '#0b6e4f';
    next.texts.title = 'Acme Outdoor help';
    const res = await put(marketer, { profile: next });
    assert.equal(res.status, 200);
    const saved = (await res.json()) as StudioProfile;
    assert.equal(saved.profile.theme.light.brand, '#0b6e4f');
    assert.equal(saved.updatedBy, 'Morgan Lefèvre');

    const publicAfter = await fetch(api(`/pocs/${DEMO_IDS.chatPoc}/profile`), { headers: { 'if-none-match': etagBefore } });
    assert.equal(publicAfter.status, 200, 'the old ETag no longer matches');
    assert.notEqual(publicAfter.headers.get('etag'), etagBefore);
    const body = (await publicAfter.json()) as { profile: ChatProfile };
    assert.equal(body.profile.texts.title, 'Acme Outdoor help');

    const history = (await (await fetch(`${profileUrl()}/history`, { headers: { cookie: marketer } })).json()) as {
      entries: { actor: string; at: string; changes: { field: string; from: unknown; to: unknown }[] }[];
    };
    assert.equal(history.entries[0].actor, 'Morgan Lefèvre');
    assert.deepEqual(
      history.entries[0].changes.sort((a, b) => a.field.localeCompare(b.field)),
      [
        { field: 'texts.title', from: before.profile.texts.title, to: 'Acme Outdoor help' },
        { field: 'theme.light.brand', from: before.profile.theme.light.brand, to: '#0b6e4f' },
      ],
    );
  });

  test('unknown fields and hostile values are refused with field-level issues, and nothing is saved', async () => {
    const before = await current();
    const hostile = {
      ...before.profile,
      theme: { ...before.profile.theme, light: { ...before.profile.theme.light, brand: 'red;}</style><img src=x onerror=alert(1)>' } },
      header: { logoUrl: 'javascript:alert(1)', agentAvatarUrl: 'data:image/svg+xml,<svg onload=alert(1)>' },
      colour: 'blue',
    };
    const res = await put(marketer, { profile: hostile });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; field: string }; issues: ProfileIssue[] };
    assert.equal(body.error.code, 'invalid_profile');
    const fields = body.issues.map((i) => i.field).sort();
    assert.deepEqual(fields, ['colour', 'header.agentAvatarUrl', 'header.logoUrl', 'theme.light.brand']);
    assert.equal(body.issues.find((i) => i.field === 'colour')?.code, 'unknown_field');
    assert.deepEqual((await current()).profile, before.profile, 'nothing saved');
  });

  test('prototype keys are inert', async () => {
    const res = await fetch(profileUrl(), {
      method: 'PUT',
      headers: staffHeaders(marketer, { 'content-type': 'application/json' }),
      body: '{"profile": {"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}}',
    });
    assert.ok(res.status === 400, `status ${res.status}`);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('low contrast is refused unless the documented override is set', async () => {
    const before = await current();
    const pale: ChatProfile = structuredClone(before.profile);
    pale.theme.light.brand = '#ffee88';
    pale.theme.light.onBrand = '#ffffff';
    const refused = await put(marketer, { profile: pale });
    assert.equal(refused.status, 400);
    const body = (await refused.json()) as { issues: ProfileIssue[] };
    assert.deepEqual(body.issues.map((i) => [i.field, i.code]), [['theme.light.onBrand', 'low_contrast']]);
    pale.allowLowContrast = true;
    assert.equal((await put(marketer, { profile: pale })).status, 200);
    assert.equal((await current()).profile.theme.light.brand, '#ffee88');
  });

  test('a body without a profile names the field', async () => {
    const res = await put(marketer, { theme: {} });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { field: string } }).error.field, 'profile');
  });

  test('presets are listed and each one is a complete, valid profile', async () => {
    const res = await fetch(api('/studio/presets'), { headers: { cookie: marketer } });
    assert.equal(res.status, 200);
    const { presets } = (await res.json()) as { presets: { id: string; name: string; profile: ChatProfile }[] };
    assert.ok(presets.length >= 5, `${presets.length} presets`);
    for (const p of presets) assert.equal(p.profile.version, 2, p.id);
  });
});

describe('studio API: elevation routing', () => {
  let server: TestServer;
  let marketer: string;
  const api = (path: string) => `${server.url}${API_PREFIX}${path}`;
  const profileUrl = () => api(`/studio/pocs/${DEMO_IDS.chatPoc}/profile`);
  const put = (profile: unknown) =>
    fetch(profileUrl(), { method: 'PUT', headers: staffHeaders(marketer, { 'content-type': 'application/json' }), body: JSON.stringify({ profile }) });
  const current = async (): Promise<StudioProfile> => (await (await fetch(profileUrl(), { headers: { cookie: marketer } })).json()) as StudioProfile;
  const historyLength = async (): Promise<number> =>
    ((await (await fetch(`${profileUrl()}/history`, { headers: { cookie: marketer } })).json()) as { entries: unknown[] }).entries.length;
  /** The saved profile with one elevation changed. */
  const withElevation = async (kind: 'callback' | 'email' | 'sms', enabled: boolean, skillId: string | null): Promise<ChatProfile> => {
    const profile = structuredClone((await current()).profile);
    profile.elevations[kind] = { enabled, skillId };
    return profile;
  };
  /** A refused save: 400 `invalid_profile`, its issues, and nothing saved or recorded. */
  const refused = async (profile: ChatProfile): Promise<{ error: { code: string; field: string; message: string }; issues: ProfileIssue[] }> => {
    const [before, saves] = [await current(), await historyLength()];
    const res = await put(profile);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; field: string; message: string }; issues: ProfileIssue[] };
    assert.equal(body.error.code, 'invalid_profile');
    assert.deepEqual(await current(), before, 'nothing saved');
    assert.equal(await historyLength(), saves, 'nothing recorded');
    return body;
  };
  const insertSkill = (id: string, tenant: string, name: string, channel: string, active = 1) =>
    server.store.db.insertInto('skills').values({ id, tenant_id: tenant, name, channel, active, created_at: new Date().toISOString() }).execute();

  before(async () => {
    server = await startTestServer();
    marketer = await signIn(server.url, 'marketer');
    // A second tenant with a voice skill of its own, and a second voice skill of the demo tenant.
    await server.store.db.insertInto('tenants').values({ id: 'globex', name: 'Globex', created_at: new Date().toISOString() }).execute();
    await insertSkill('globex-voice', 'globex', 'Globex secret callbacks', 'voice');
    await insertSkill('demo-skill-voice-2', DEMO_IDS.tenant, 'Callbacks (weekend)', 'voice');
  });
  after(() => server.dispose());

  test("GET /studio/skills lists the tenant's skills, deactivated ones included, to editors only", async () => {
    assert.equal((await fetch(api('/studio/skills'))).status, 401);
    assert.equal((await fetch(api('/studio/skills'), { headers: { cookie: await signIn(server.url, 'agent1') } })).status, 403);
    await server.store.db.updateTable('skills').set({ active: 0 }).where('id', '=', 'demo-skill-voice-2').execute();
    try {
      for (const cookie of [marketer, await signIn(server.url, 'admin')]) {
        const res = await fetch(api('/studio/skills'), { headers: { cookie } });
        assert.equal(res.status, 200);
        const { skills } = (await res.json()) as { skills: StudioSkill[] };
        assert.deepEqual(
          skills.map((s) => s.id).sort(),
          ['demo-skill-chat', 'demo-skill-email', 'demo-skill-sms', 'demo-skill-voice', 'demo-skill-voice-2', 'demo-skill-workitem'],
          "the other tenant's skill is not listed",
        );
        assert.deepEqual(skills.find((s) => s.id === 'demo-skill-voice'), { id: 'demo-skill-voice', name: 'Callbacks', channel: 'voice', active: true });
        assert.equal(skills.find((s) => s.id === 'demo-skill-voice-2')?.active, false);
      }
    } finally {
      await server.store.db.updateTable('skills').set({ active: 1 }).where('id', '=', 'demo-skill-voice-2').execute();
    }
  });

  test('another active skill of the tenant on the right channel is saved', async () => {
    const res = await put(await withElevation('callback', true, 'demo-skill-voice-2'));
    assert.equal(res.status, 200);
    assert.deepEqual((await current()).profile.elevations.callback, { enabled: true, skillId: 'demo-skill-voice-2' });
    assert.equal((await put(await withElevation('callback', true, 'demo-skill-voice'))).status, 200);
  });

  test("another tenant's skill is refused exactly like a skill that does not exist", async () => {
    const foreign = await refused(await withElevation('callback', true, 'globex-voice'));
    const missing = await refused(await withElevation('callback', true, 'no-such-skill'));
    assert.deepEqual(foreign.issues, [{ field: 'elevations.callback.skillId', code: 'invalid_value', message: 'Skill "globex-voice" belongs to no team of yours' }]);
    assert.equal(foreign.error.field, 'elevations.callback.skillId');
    // Same words, only the id typed differs; nothing about the other tenant's skill.
    assert.equal(JSON.stringify(foreign).replaceAll('globex-voice', 'X'), JSON.stringify(missing).replaceAll('no-such-skill', 'X'));
    assert.doesNotMatch(JSON.stringify(foreign).replaceAll('globex-voice', 'X'), /globex|secret|voice/i);
    // Even on an elevation that is not offered.
    const off = await refused(await withElevation('callback', false, 'globex-voice'));
    assert.deepEqual(off.issues.map((i) => i.field), ['elevations.callback.skillId']);
  });

  test('a skill of another channel is refused, naming both channels', async () => {
    const body = await refused(await withElevation('callback', true, 'demo-skill-chat'));
    assert.deepEqual(body.issues, [
      { field: 'elevations.callback.skillId', code: 'invalid_value', message: 'Skill "demo-skill-chat" is a chat skill; a callback needs a voice skill' },
    ]);
    // Not offered changes nothing: the skill could never take these requests.
    await refused(await withElevation('sms', false, 'demo-skill-email'));
  });

  test('a deactivated skill is refused for an offered elevation, kept for one that is not', async () => {
    await server.store.db.updateTable('skills').set({ active: 0 }).where('id', '=', 'demo-skill-voice-2').execute();
    try {
      const body = await refused(await withElevation('callback', true, 'demo-skill-voice-2'));
      assert.deepEqual(body.issues.map((i) => [i.field, i.message]), [
        ['elevations.callback.skillId', 'Skill "demo-skill-voice-2" is deactivated; a callback that is offered needs an active skill'],
      ]);
      assert.equal((await put(await withElevation('callback', false, 'demo-skill-voice-2'))).status, 200);
      assert.deepEqual((await current()).profile.elevations.callback, { enabled: false, skillId: 'demo-skill-voice-2' });
    } finally {
      await server.store.db.updateTable('skills').set({ active: 1 }).where('id', '=', 'demo-skill-voice-2').execute();
      assert.equal((await put(await withElevation('callback', true, 'demo-skill-voice'))).status, 200);
    }
  });

  test('deactivating the skill a saved profile offers blocks the next save until it is changed', async () => {
    await server.store.db.updateTable('skills').set({ active: 0 }).where('id', '=', 'demo-skill-sms').execute();
    try {
      const next = structuredClone((await current()).profile);
      next.texts.title = 'A title change only';
      const body = await refused(next);
      assert.deepEqual(body.issues.map((i) => i.field), ['elevations.sms.skillId']);
      next.elevations.sms.enabled = false;
      assert.equal((await put(next)).status, 200);
    } finally {
      await server.store.db.updateTable('skills').set({ active: 1 }).where('id', '=', 'demo-skill-sms').execute();
    }
  });

  test("every elevation's problem is listed, with the validator's", async () => {
    const profile = structuredClone((await current()).profile);
    profile.elevations = {
      callback: { enabled: true, skillId: 'demo-skill-email' },
      email: { enabled: true, skillId: 'globex-voice' },
      sms: { enabled: false, skillId: 'demo-skill-voice' },
      afterRequest: 'end',
    };
    profile.theme.light.brand = 'not a colour';
    const body = await refused(profile);
    assert.deepEqual(body.issues.map((i) => i.field), ['theme.light.brand', 'elevations.callback.skillId', 'elevations.email.skillId', 'elevations.sms.skillId']);
  });

  test('afterRequest is saved', async () => {
    const profile = structuredClone((await current()).profile);
    profile.elevations.afterRequest = profile.elevations.afterRequest === 'end' ? 'continue' : 'end';
    assert.equal((await put(profile)).status, 200);
    assert.equal((await current()).profile.elevations.afterRequest, profile.elevations.afterRequest);
  });
});

describe('studio API: work-item forms', () => {
  let server: TestServer;
  let marketer: string;
  const api = (path: string) => `${server.url}${API_PREFIX}${path}`;
  const profileUrl = (poc: string) => api(`/studio/pocs/${poc}/profile`);
  const put = (poc: string, profile: unknown) =>
    fetch(profileUrl(poc), { method: 'PUT', headers: staffHeaders(marketer, { 'content-type': 'application/json' }), body: JSON.stringify({ profile }) });
  const current = async (poc: string): Promise<StudioProfile> => (await (await fetch(profileUrl(poc), { headers: { cookie: marketer } })).json()) as StudioProfile;
  const historyLength = async (poc: string): Promise<number> =>
    ((await (await fetch(`${profileUrl(poc)}/history`, { headers: { cookie: marketer } })).json()) as { entries: unknown[] }).entries.length;
  /** A refused save of `poc`: 400 `invalid_profile`, its issues, and nothing saved or recorded. */
  const refused = async (poc: string, profile: ChatProfile): Promise<{ error: { code: string; field: string; message: string }; issues: ProfileIssue[] }> => {
    const [before, saves] = [await current(poc), await historyLength(poc)];
    const res = await put(poc, profile);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; field: string; message: string }; issues: ProfileIssue[] };
    assert.equal(body.error.code, 'invalid_profile');
    assert.deepEqual(await current(poc), before, 'nothing saved');
    assert.equal(await historyLength(poc), saves, 'nothing recorded');
    return body;
  };
  /** The chat profile as saved, leaving messages on `workItemPoc`. */
  const leavingMessagesOn = async (workItemPoc: string | null, behaviour: ChatProfile['offline']['behaviour'] = 'leave-message'): Promise<ChatProfile> => {
    const profile = structuredClone((await current(DEMO_IDS.chatPoc)).profile);
    profile.offline = { behaviour, workItemPoc };
    return profile;
  };
  const field = (f: Partial<WorkItemField> & Pick<WorkItemField, 'id' | 'type' | 'label'>): WorkItemField => ({
    labels: {},
    required: false,
    options: [],
    accept: [],
    maxFiles: 0,
    maxFileBytes: 0,
    ...f,
  });
  const photos = (over: Partial<WorkItemField> = {}): WorkItemField =>
    field({ id: 'photos', type: 'file', label: 'Photos', accept: ['image/png', 'image/jpeg'], maxFiles: 2, maxFileBytes: 2 * 1024 * 1024, ...over });

  before(async () => {
    server = await startTestServer();
    marketer = await signIn(server.url, 'marketer');
    // A second tenant with a work-item POC of its own.
    const at = new Date().toISOString();
    await server.store.db.insertInto('tenants').values({ id: 'globex', name: 'Globex', created_at: at }).execute();
    await server.store.db.insertInto('skills').values({ id: 'globex-workitem', tenant_id: 'globex', name: 'Globex forms', channel: 'workitem', active: 1, created_at: at }).execute();
    await server.store.db.insertInto('scripts').values({ id: 'globex-script', tenant_id: 'globex', name: 'Globex', config: '{}', created_at: at }).execute();
    await server.store.db
      .insertInto('pocs')
      .values({
        id: 'globex-returns',
        tenant_id: 'globex',
        name: 'Globex returns',
        channel: 'workitem',
        skill_id: 'globex-workitem',
        script_id: 'globex-script',
        chat_profile_id: null,
        address: null,
        active: 1,
        allowed_origins: '[]',
        created_at: at,
      })
      .execute();
  });
  after(() => server.dispose());

  test('GET /studio/pocs lists chat and work-item POCs with their channel', async () => {
    const res = await fetch(api('/studio/pocs'), { headers: { cookie: marketer } });
    assert.equal(res.status, 200);
    const { pocs } = (await res.json()) as { pocs: { id: string; name: string; active: boolean; channel: string }[] };
    assert.deepEqual(pocs, [
      { id: DEMO_IDS.workitemPoc, name: 'Returns form', active: true, channel: 'workitem' },
      { id: DEMO_IDS.salesChatPoc, name: 'Sales chat', active: true, channel: 'chat' },
      { id: DEMO_IDS.chatPoc, name: 'Website chat', active: true, channel: 'chat' },
    ]);
  });

  test("another tenant's work-item POC is 404, like one that does not exist", async () => {
    const foreign = await fetch(profileUrl('globex-returns'), { headers: { cookie: marketer } });
    const missing = await fetch(profileUrl('no-such-form'), { headers: { cookie: marketer } });
    assert.equal(foreign.status, 404);
    assert.equal(missing.status, 404);
    const [a, b] = [await foreign.json(), await missing.json()];
    assert.equal(JSON.stringify(a).replaceAll('globex-returns', 'X'), JSON.stringify(b).replaceAll('no-such-form', 'X'));
  });

  test("a work-item POC's form fields are saved, served publicly and recorded in its history", async () => {
    const before = await current(DEMO_IDS.workitemPoc);
    assert.equal(before.poc.id, DEMO_IDS.workitemPoc);
    const fields: WorkItemField[] = [
      field({ id: 'name', type: 'name', label: 'Your name', labels: { fr: 'Votre nom' }, required: true }),
      field({ id: 'email', type: 'email', label: 'Email', required: true }),
      field({ id: 'reason', type: 'select', label: 'Reason', labels: { fr: 'Motif' }, required: true, options: ['Damaged', 'Other'] }),
      field({ id: 'when', type: 'date', label: 'Date of purchase' }),
      field({ id: 'details', type: 'textarea', label: 'What happened?' }),
      field({ id: 'consent', type: 'checkbox', label: 'You may call me', required: true }),
      photos(),
    ];
    const next = structuredClone(before.profile);
    next.workItem.fields = fields;
    next.texts.subtitle = 'We answer within a day.';
    const res = await put(DEMO_IDS.workitemPoc, next);
    assert.equal(res.status, 200, await res.clone().text());
    const saved = (await res.json()) as StudioProfile;
    assert.deepEqual(saved.profile.workItem.fields, fields);
    assert.deepEqual((await current(DEMO_IDS.workitemPoc)).profile, saved.profile);

    const publicBody = (await (await fetch(api(`/pocs/${DEMO_IDS.workitemPoc}/profile`))).json()) as { poc: { channel: string }; profile: ChatProfile };
    assert.equal(publicBody.poc.channel, 'workitem');
    assert.deepEqual(publicBody.profile.workItem.fields, fields);

    const history = (await (await fetch(`${profileUrl(DEMO_IDS.workitemPoc)}/history`, { headers: { cookie: marketer } })).json()) as {
      entries: { actor: string; changes: { field: string }[] }[];
    };
    assert.equal(history.entries[0].actor, 'Morgan Lefèvre');
    const changed = history.entries[0].changes.map((c) => c.field);
    assert.ok(changed.includes('texts.subtitle'), changed.join(', '));
    assert.ok(changed.some((f) => f.startsWith('workItem.fields')), changed.join(', '));
  });

  test('a file field with a type or size outside the limits is refused at its field, and nothing is saved', async () => {
    const base = structuredClone((await current(DEMO_IDS.workitemPoc)).profile);
    const at = base.workItem.fields.length;
    // A field id of its own: the form may already have a `photos` field.
    const withFile = (file: WorkItemField): ChatProfile => ({ ...base, workItem: { fields: [...base.workItem.fields, { ...file, id: 'receipt' }] } });

    const exe = await refused(DEMO_IDS.workitemPoc, withFile(photos({ accept: ['application/x-msdownload' as WorkItemField['accept'][number]] })));
    assert.deepEqual(exe.issues.map((i) => i.field), [`workItem.fields.${at}.accept`]);
    assert.equal(exe.error.field, `workItem.fields.${at}.accept`);

    const huge = await refused(DEMO_IDS.workitemPoc, withFile(photos({ maxFileBytes: 50_000_000 })));
    assert.deepEqual(huge.issues.map((i) => i.field), [`workItem.fields.${at}.maxFileBytes`]);

    const many = await refused(DEMO_IDS.workitemPoc, withFile(photos({ maxFiles: 11, maxFileBytes: 512 })));
    assert.deepEqual(many.issues.map((i) => i.field).sort(), [`workItem.fields.${at}.maxFileBytes`, `workItem.fields.${at}.maxFiles`]);

    // The limits themselves are accepted.
    const edge = await put(DEMO_IDS.workitemPoc, withFile(photos({ maxFiles: 10, maxFileBytes: 10 * 1024 * 1024 })));
    assert.equal(edge.status, 200, await edge.clone().text());
  });

  test('a form without fields is refused', async () => {
    const profile = structuredClone((await current(DEMO_IDS.workitemPoc)).profile);
    profile.workItem.fields = [];
    const body = await refused(DEMO_IDS.workitemPoc, profile);
    assert.deepEqual(body.issues.map((i) => i.field), ['workItem.fields']);
  });

  test('a chat leaves messages on an active work-item POC of its tenant', async () => {
    const res = await put(DEMO_IDS.chatPoc, await leavingMessagesOn(DEMO_IDS.workitemPoc));
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual((await current(DEMO_IDS.chatPoc)).profile.offline, { behaviour: 'leave-message', workItemPoc: DEMO_IDS.workitemPoc });
  });

  test('leaving messages without a work-item POC is refused at offline.workItemPoc', async () => {
    const body = await refused(DEMO_IDS.chatPoc, await leavingMessagesOn(null));
    assert.deepEqual(body.issues.map((i) => i.field), ['offline.workItemPoc']);
    assert.equal(body.error.field, 'offline.workItemPoc');
  });

  test('a chat POC, an unknown POC or another tenant’s POC is refused as the work-item POC, even when not in use', async () => {
    const chat = await refused(DEMO_IDS.chatPoc, await leavingMessagesOn(DEMO_IDS.salesChatPoc));
    assert.deepEqual(chat.issues, [
      {
        field: 'offline.workItemPoc',
        code: 'invalid_value',
        message: `Point of contact "${DEMO_IDS.salesChatPoc}" is a chat point of contact; messages are left on a work-item point of contact`,
      },
    ]);
    assert.equal(chat.error.field, 'offline.workItemPoc');
    const email = await refused(DEMO_IDS.chatPoc, await leavingMessagesOn(DEMO_IDS.emailPoc, 'message'));
    assert.match(email.issues[0].message, /is an email point of contact/);

    const missing = await refused(DEMO_IDS.chatPoc, await leavingMessagesOn('no-such-form'));
    assert.deepEqual(missing.issues, [{ field: 'offline.workItemPoc', code: 'invalid_value', message: 'Point of contact "no-such-form" is no work-item form of yours' }]);
    const foreign = await refused(DEMO_IDS.chatPoc, await leavingMessagesOn('globex-returns'));
    // Same words, only the id typed differs; nothing about the other tenant's POC.
    assert.equal(JSON.stringify(foreign).replaceAll('globex-returns', 'X'), JSON.stringify(missing).replaceAll('no-such-form', 'X'));
    // Even while the chat does not leave messages.
    await refused(DEMO_IDS.chatPoc, await leavingMessagesOn('globex-returns', 'hide'));
  });

  test('a deactivated work-item POC is refused while messages are left on it, kept while they are not', async () => {
    await server.store.db.updateTable('pocs').set({ active: 0 }).where('id', '=', DEMO_IDS.workitemPoc).execute();
    try {
      const body = await refused(DEMO_IDS.chatPoc, await leavingMessagesOn(DEMO_IDS.workitemPoc));
      assert.deepEqual(body.issues.map((i) => [i.field, i.message]), [
        ['offline.workItemPoc', `Point of contact "${DEMO_IDS.workitemPoc}" is deactivated; leaving messages needs an active work-item point of contact`],
      ]);
      const kept = await put(DEMO_IDS.chatPoc, await leavingMessagesOn(DEMO_IDS.workitemPoc, 'message'));
      assert.equal(kept.status, 200, await kept.clone().text());
      assert.deepEqual((await current(DEMO_IDS.chatPoc)).profile.offline, { behaviour: 'message', workItemPoc: DEMO_IDS.workitemPoc });
    } finally {
      await server.store.db.updateTable('pocs').set({ active: 1 }).where('id', '=', DEMO_IDS.workitemPoc).execute();
    }
  });
});

describe('stored version 1 profiles', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.dispose());

  test('are served upgraded to version 2', async () => {
    const v1 = { version: 1, title: 'Old title', greeting: 'Old greeting', brandColor: '#aa3300', texts: { fr: { title: 'Ancien titre' } } };
    await server.store.db.updateTable('chat_profiles').set({ profile: JSON.stringify(v1) }).where('id', '=', DEMO_IDS.chatProfile).execute();
    const { profile } = (await (await fetch(`${server.url}${API_PREFIX}/pocs/${DEMO_IDS.chatPoc}/profile`)).json()) as { profile: ChatProfile };
    assert.equal(profile.version, 2);
    assert.equal(profile.texts.title, 'Old title');
    assert.equal(profile.texts.greeting, 'Old greeting');
    assert.equal(profile.theme.light.brand, '#aa3300');
    assert.equal(profile.translations.fr?.title, 'Ancien titre');
  });
});
