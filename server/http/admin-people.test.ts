/**
 * The administration API's access control against a real server and SQLite store: every admin
 * route refuses callers without credentials (401), without the permission docs/admin.md names
 * (403, naming it) and serves those holding exactly that permission; accounts, roles and API
 * tokens follow their rules (hashed secrets, no self lock-out, no granting beyond one's own); the
 * OpenAPI document lists every route; hostile bodies get a 4xx JSON answer, never a 500.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import {
  API_PREFIX,
  PERMISSIONS,
  type AdminPoc,
  type AdminRole,
  type AdminSkill,
  type AdminScript,
  type AdminToken,
  type AdminUser,
  type AuditPage,
  type CreatedToken,
  type Permission,
} from '../../src/protocol/index.js';
import { cleanText } from '../../src/core/validators.js';
import { hashToken } from '../auth/passwords.js';
import { signIn, staffHeaders, startTestServer, TEST_PASSWORD, type TestServer } from '../../test/helpers/server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
type ApiError = { code: string; message: string; field?: string };
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What the built-in administrator holds. */
const ADMIN_PERMISSIONS = PERMISSIONS.filter((p) => p !== 'contacts.answer');
const PASSWORD = 'correct horse battery';

/** Records made before the tests, for the routes that act on one. */
interface Fixtures {
  skill: AdminSkill;
  script: AdminScript;
  poc: AdminPoc;
  inactivePoc: AdminPoc;
  retirablePoc: AdminPoc;
  freeNumber: string;
  emptyRole: AdminRole;
  roleToRename: AdminRole;
  roleToDelete: AdminRole;
  userToChange: AdminUser;
  tokenToRevoke: AdminToken;
}

interface AdminRoute {
  method: Method;
  /** As registered (`/pocs/:id`), below `/api/v1/admin`. */
  path: string;
  permission: Permission;
  /** The answer of a successful call. */
  status: number;
  /** A call that succeeds for a holder of `permission` (fresh names each time). */
  request: (fx: Fixtures, n: number) => { path: string; body?: unknown };
}

/** Every route of server/http/admin.ts, with the permission docs/admin.md names. */
const ROUTES: AdminRoute[] = [
  { method: 'GET', path: '/pocs', permission: 'poc.view', status: 200, request: () => ({ path: '/pocs' }) },
  { method: 'POST', path: '/pocs', permission: 'poc.create', status: 201, request: (fx, n) => ({ path: '/pocs', body: { name: `Route POC ${n}`, channel: 'chat', skillId: fx.skill.id, scriptId: fx.script.id } }) },
  { method: 'GET', path: '/pocs/:id', permission: 'poc.view', status: 200, request: (fx) => ({ path: `/pocs/${fx.poc.id}` }) },
  { method: 'PATCH', path: '/pocs/:id', permission: 'poc.edit', status: 200, request: (fx, n) => ({ path: `/pocs/${fx.poc.id}`, body: { name: `Renamed POC ${n}` } }) },
  { method: 'POST', path: '/pocs/:id/activate', permission: 'poc.deactivate', status: 200, request: (fx) => ({ path: `/pocs/${fx.inactivePoc.id}/activate` }) },
  { method: 'POST', path: '/pocs/:id/deactivate', permission: 'poc.deactivate', status: 200, request: (fx) => ({ path: `/pocs/${fx.retirablePoc.id}/deactivate`, body: {} }) },
  { method: 'POST', path: '/pocs/:id/identity-secret', permission: 'poc.edit', status: 201, request: (fx) => ({ path: `/pocs/${fx.poc.id}/identity-secret` }) },
  { method: 'DELETE', path: '/pocs/:id/identity-secret', permission: 'poc.edit', status: 204, request: (fx) => ({ path: `/pocs/${fx.poc.id}/identity-secret` }) },
  { method: 'GET', path: '/pocs/:id/audit', permission: 'poc.view', status: 200, request: (fx) => ({ path: `/pocs/${fx.poc.id}/audit` }) },
  { method: 'GET', path: '/skills', permission: 'poc.view', status: 200, request: () => ({ path: '/skills' }) },
  { method: 'POST', path: '/skills', permission: 'skill.edit', status: 201, request: (_fx, n) => ({ path: '/skills', body: { name: `Route skill ${n}`, channel: 'chat' } }) },
  { method: 'PATCH', path: '/skills/:id', permission: 'skill.edit', status: 200, request: (fx, n) => ({ path: `/skills/${fx.skill.id}`, body: { name: `Renamed skill ${n}` } }) },
  { method: 'GET', path: '/scripts', permission: 'poc.view', status: 200, request: () => ({ path: '/scripts' }) },
  { method: 'POST', path: '/scripts', permission: 'script.edit', status: 201, request: (_fx, n) => ({ path: '/scripts', body: { name: `Route script ${n}` } }) },
  { method: 'PATCH', path: '/scripts/:id', permission: 'script.edit', status: 200, request: (fx, n) => ({ path: `/scripts/${fx.script.id}`, body: { greeting: `Hello ${n}` } }) },
  { method: 'GET', path: '/dnis', permission: 'poc.view', status: 200, request: () => ({ path: '/dnis' }) },
  { method: 'POST', path: '/dnis', permission: 'dnis.manage', status: 201, request: (_fx, n) => ({ path: '/dnis', body: { number: `+3319${String(n).padStart(7, '0')}` } }) },
  { method: 'DELETE', path: '/dnis/:number', permission: 'dnis.manage', status: 204, request: (fx) => ({ path: `/dnis/${encodeURIComponent(fx.freeNumber)}` }) },
  { method: 'GET', path: '/roles', permission: 'people.manage', status: 200, request: () => ({ path: '/roles' }) },
  { method: 'POST', path: '/roles', permission: 'people.manage', status: 201, request: (_fx, n) => ({ path: '/roles', body: { name: `Route role ${n}`, permissions: [] } }) },
  { method: 'PATCH', path: '/roles/:id', permission: 'people.manage', status: 200, request: (fx, n) => ({ path: `/roles/${fx.roleToRename.id}`, body: { name: `Renamed role ${n}` } }) },
  { method: 'DELETE', path: '/roles/:id', permission: 'people.manage', status: 204, request: (fx) => ({ path: `/roles/${fx.roleToDelete.id}` }) },
  { method: 'GET', path: '/users', permission: 'people.manage', status: 200, request: () => ({ path: '/users' }) },
  {
    method: 'POST',
    path: '/users',
    permission: 'people.manage',
    status: 201,
    request: (fx, n) => ({ path: '/users', body: { username: `route.user${n}`, displayName: `Route user ${n}`, roleId: fx.emptyRole.id, password: PASSWORD } }),
  },
  { method: 'PATCH', path: '/users/:id', permission: 'people.manage', status: 200, request: (fx, n) => ({ path: `/users/${fx.userToChange.id}`, body: { displayName: `Changed user ${n}` } }) },
  { method: 'GET', path: '/tokens', permission: 'token.manage', status: 200, request: () => ({ path: '/tokens' }) },
  { method: 'POST', path: '/tokens', permission: 'token.manage', status: 201, request: (_fx, n) => ({ path: '/tokens', body: { name: `Route token ${n}`, permissions: ['token.manage'] } }) },
  { method: 'DELETE', path: '/tokens/:id', permission: 'token.manage', status: 204, request: (fx) => ({ path: `/tokens/${fx.tokenToRevoke.id}` }) },
];

describe('admin API: permissions, people, roles, tokens, OpenAPI, hostile input', () => {
  let server: TestServer;
  let admin: string;
  const fx = {} as Fixtures;
  let seq = 0;
  const next = () => ++seq;

  const api = (path: string) => `${server.url}${API_PREFIX}/admin${path}`;

  function call(method: string, path: string, body?: unknown, headers: Record<string, string> = { cookie: admin }): Promise<Response> {
    // A session's changes carry its CSRF token; API tokens need none.
    const all = { ...(headers.cookie ? staffHeaders(headers.cookie) : {}), ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
    return fetch(api(path), { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async function ok<T>(res: Response, status = 200): Promise<T> {
    const text = await res.text();
    assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

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

  const newRole = async (permissions: readonly Permission[], cookie = admin): Promise<AdminRole> =>
    (await ok<{ role: AdminRole }>(await call('POST', '/roles', { name: `Role ${next()}`, permissions }, { cookie }), 201)).role;

  /** A new account with a new role holding `permissions`, signed in. */
  async function account(permissions: readonly Permission[]): Promise<{ user: AdminUser; cookie: string; username: string }> {
    const role = await newRole(permissions);
    const username = `person${next()}`;
    const { user } = await ok<{ user: AdminUser }>(await call('POST', '/users', { username, displayName: `Person ${seq}`, roleId: role.id, password: PASSWORD }), 201);
    return { user, username, cookie: await signIn(server.url, username, PASSWORD) };
  }

  const me = (cookie: string) => fetch(`${server.url}${API_PREFIX}/auth/me`, { headers: { cookie } });
  const login = (username: string, password: string) =>
    fetch(`${server.url}${API_PREFIX}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const newToken = async (permissions: readonly Permission[], name = `Token ${next()}`): Promise<CreatedToken> =>
    ok<CreatedToken>(await call('POST', '/tokens', { name, permissions }), 201);
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  before(async () => {
    server = await startTestServer();
    admin = await signIn(server.url, 'admin');
    fx.skill = (await ok<{ skill: AdminSkill }>(await call('POST', '/skills', { name: 'Fixture chat', channel: 'chat' }), 201)).skill;
    const retired = (await ok<{ skill: AdminSkill }>(await call('POST', '/skills', { name: 'Fixture retired', channel: 'chat', active: false }), 201)).skill;
    fx.script = (await ok<{ script: AdminScript }>(await call('POST', '/scripts', { name: 'Fixture hours' }), 201)).script;
    const poc = async (name: string, skillId: string, active: boolean) =>
      (await ok<{ poc: AdminPoc }>(await call('POST', '/pocs', { name, channel: 'chat', skillId, scriptId: fx.script.id, active }), 201)).poc;
    fx.poc = await poc('Fixture POC', fx.skill.id, true);
    fx.inactivePoc = await poc('Fixture inactive POC', fx.skill.id, false);
    fx.retirablePoc = await poc('Fixture POC on a retired skill', retired.id, true);
    fx.freeNumber = '+33188888888';
    await ok(await call('POST', '/dnis', { number: fx.freeNumber }), 201);
    fx.emptyRole = await newRole([]);
    // Empty: a role is changed only by someone who holds all it carries.
    fx.roleToRename = await newRole([]);
    fx.roleToDelete = await newRole([]);
    fx.userToChange = (await ok<{ user: AdminUser }>(await call('POST', '/users', { username: 'fixture.user', displayName: 'Fixture user', roleId: fx.emptyRole.id, password: PASSWORD }), 201)).user;
    fx.tokenToRevoke = (await newToken(['poc.view'])).token;
  });
  after(() => server.dispose());

  describe('every admin route checks its permission', () => {
    let agent: string;
    /** Per permission: an account holding every administrator permission but it, and one holding only it. */
    const without = new Map<Permission, string>();
    const only = new Map<Permission, string>();

    before(async () => {
      agent = await signIn(server.url, 'agent1');
      for (const permission of new Set(ROUTES.map((r) => r.permission))) {
        without.set(permission, (await account(ADMIN_PERMISSIONS.filter((p) => p !== permission))).cookie);
        only.set(permission, (await account([permission])).cookie);
      }
    });

    for (const route of ROUTES) {
      test(`${route.method} ${route.path}: 401 without credentials, 403 without ${route.permission}, ${route.status} with it alone`, async () => {
        const send = (cookie?: string) => {
          const { path, body } = route.request(fx, next());
          return call(route.method, path, body, cookie ? { cookie } : {});
        };
        await refused(await send(), 401, 'not_authenticated');
        await refused(await send('parley_staff=forged-session-token-000000'), 401, 'not_authenticated');
        await refused(await send(agent), 403, 'forbidden');
        const missing = await refused(await send(without.get(route.permission)), 403, 'forbidden');
        assert.ok(missing.message.includes(route.permission), `the refusal names ${route.permission}: ${missing.message}`);
        const res = await send(only.get(route.permission));
        assert.equal(res.status, route.status, `${route.method} ${route.path} with ${route.permission}: ${await res.text()}`);
      });
    }

    test('a call refused for want of a permission leaves nothing changed', async () => {
      const skillEditor = (await account(['skill.edit'])).cookie;
      const scriptEditor = (await account(['script.edit'])).cookie;
      const skill = (await ok<{ skill: AdminSkill }>(await call('POST', '/skills', { name: `Skill ${next()}`, channel: 'chat' }), 201)).skill;
      const script = (await ok<{ script: AdminScript }>(await call('POST', '/scripts', { name: `Script ${next()}` }), 201)).script;
      const left: string[] = [];
      const renamed = await call('PATCH', `/skills/${skill.id}`, { name: 'Renamed by a skill editor' }, { cookie: skillEditor });
      const skillRow = await server.store.getSkill(skill.id);
      if (renamed.status !== 200 && skillRow?.name !== skill.name) left.push(`PATCH /skills answered ${renamed.status} yet renamed the skill to "${skillRow?.name}"`);
      const changed = await call('PATCH', `/scripts/${script.id}`, { priority: 9 }, { cookie: scriptEditor });
      const priority = (JSON.parse((await server.store.getScript(script.id))?.config ?? '{}') as { priority?: number }).priority;
      if (changed.status !== 200 && priority !== script.priority) left.push(`PATCH /scripts answered ${changed.status} yet set the priority to ${priority}`);
      const name = `Script by an editor ${next()}`;
      const created = await call('POST', '/scripts', { name }, { cookie: scriptEditor });
      const made = await server.store.db.selectFrom('scripts').select('id').where('name', '=', name).executeTakeFirst();
      if (created.status !== 201 && made !== undefined) left.push(`POST /scripts answered ${created.status} yet made the script ${made.id}`);
      assert.deepEqual(left, []);
    });

    test('the table covers every admin route the OpenAPI document lists', async () => {
      const doc = (await ok<{ paths: Record<string, Record<string, unknown>> }>(await fetch(`${server.url}${API_PREFIX}/openapi.json`))).paths;
      const listed = Object.entries(doc)
        .filter(([path]) => path.startsWith(`${API_PREFIX}/admin/`) && !path.startsWith(`${API_PREFIX}/admin/bulk/`))
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      const tested = ROUTES.map((r) => `${r.method} ${API_PREFIX}/admin${r.path.replace(/:(\w+)/g, '{$1}')}`).sort();
      assert.deepEqual(tested, listed);
    });
  });

  describe('accounts', () => {
    test('passwords are stored as scrypt hashes; a short password, a taken username and an unknown role are refused', async () => {
      const { user } = await ok<{ user: AdminUser }>(await call('POST', '/users', { username: 'Camille.Roux', displayName: 'Camille Roux', roleId: fx.emptyRole.id, password: PASSWORD }), 201);
      assert.equal(user.username, 'camille.roux');
      assert.equal(user.active, true);
      assert.ok(!('password' in user) && !('passwordHash' in user));
      const row = await server.store.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^scrypt\$/);
      assert.ok(!row.password_hash.includes(PASSWORD));
      const listed = await (await call('GET', '/users')).text();
      assert.ok(!listed.includes('scrypt$') && !listed.includes(PASSWORD), 'the list shows no password or hash');

      const body = { username: `short${next()}`, displayName: 'Short', roleId: fx.emptyRole.id };
      await refused(await call('POST', '/users', { ...body, password: 'nine char' }), 400, 'invalid_field', 'password');
      await refused(await call('POST', '/users', { ...body, password: ' '.repeat(12) }), 400, 'invalid_field', 'password');
      await refused(await call('POST', '/users', { ...body }), 400, 'invalid_field', 'password');
      await refused(await call('POST', '/users', { ...body, password: PASSWORD, roleId: 'no-such-role' }), 400, 'invalid_field', 'roleId');
      await refused(await call('POST', '/users', { ...body, username: 'CAMILLE.ROUX', password: PASSWORD }), 409, 'already_exists', 'username');
      await refused(await call('POST', '/users', { ...body, username: 'Agent1', password: PASSWORD, roleId: fx.emptyRole.id }), 409, 'already_exists', 'username');
      await refused(await call('POST', '/users', { ...body, username: 'no spaces', password: PASSWORD }), 400, 'invalid_field', 'username');
      await refused(await call('PATCH', `/users/${user.id}`, { password: 'too short' }), 400, 'invalid_field', 'password');
      assert.equal((await login('camille.roux', PASSWORD)).status, 200, 'a refused change left the password as it was');
    });

    test('the same username created five times at once: one account, four 409, no 500', async () => {
      const body = { username: `twice${next()}`, displayName: 'Double click', roleId: fx.emptyRole.id, password: PASSWORD };
      const statuses = (await Promise.all(Array.from({ length: 5 }, () => call('POST', '/users', body)))).map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 409, 409, 409, 409]);
    });

    test('nobody can disable their own account or change their own role', async () => {
      const manager = await account(['people.manage']);
      await refused(await call('PATCH', `/users/${manager.user.id}`, { active: false }, { cookie: manager.cookie }), 403, 'forbidden', 'active');
      await refused(await call('PATCH', `/users/${manager.user.id}`, { roleId: fx.emptyRole.id }, { cookie: manager.cookie }), 403, 'forbidden', 'roleId');
      const row = await server.store.getUser(manager.user.id);
      assert.deepEqual([row?.active, row?.role], [1, manager.user.roleId]);
      assert.equal((await call('GET', '/users', undefined, { cookie: manager.cookie })).status, 200, 'still signed in and allowed');
      // Their own display name is theirs to change.
      assert.equal((await ok<{ user: AdminUser }>(await call('PATCH', `/users/${manager.user.id}`, { displayName: 'Renamed me' }, { cookie: manager.cookie }))).user.displayName, 'Renamed me');
    });

    test('disabling an account ends its sessions and refuses its sign-in; enabling lets it back in', async () => {
      const person = await account(['poc.view']);
      assert.equal((await call('GET', '/pocs', undefined, { cookie: person.cookie })).status, 200);
      const { user } = await ok<{ user: AdminUser }>(await call('PATCH', `/users/${person.user.id}`, { active: false }));
      assert.equal(user.active, false);
      await refused(await call('GET', '/pocs', undefined, { cookie: person.cookie }), 401, 'not_authenticated');
      assert.deepEqual(await (await me(person.cookie)).json(), { user: null });
      assert.equal(await server.store.db.selectFrom('staff_sessions').select('user_id').where('user_id', '=', person.user.id).executeTakeFirst(), undefined);
      const again = await login(person.username, PASSWORD);
      assert.ok(again.status === 401 || again.status === 403, `sign-in refused: ${again.status}`);
      assert.equal(again.headers.get('set-cookie'), null);
      await ok(await call('PATCH', `/users/${person.user.id}`, { active: true }));
      assert.equal((await login(person.username, PASSWORD)).status, 200);
    });

    test('a new password ends the sessions: the new one signs in, the old one no more', async () => {
      const person = await account(['poc.view']);
      const fresh = 'a much longer new passphrase';
      await ok(await call('PATCH', `/users/${person.user.id}`, { password: fresh }));
      await refused(await call('GET', '/pocs', undefined, { cookie: person.cookie }), 401, 'not_authenticated');
      assert.equal((await login(person.username, PASSWORD)).status, 401);
      assert.equal((await login(person.username, fresh)).status, 200);
      const row = await server.store.db.selectFrom('users').select('password_hash').where('id', '=', person.user.id).executeTakeFirstOrThrow();
      assert.ok(row.password_hash.startsWith('scrypt$') && !row.password_hash.includes(fresh));
      // A change of display name alone ends nothing.
      const again = await signIn(server.url, person.username, fresh);
      await ok(await call('PATCH', `/users/${person.user.id}`, { displayName: 'Still signed in' }));
      assert.equal((await call('GET', '/pocs', undefined, { cookie: again })).status, 200);
    });

    test('a role change applies to the open session at once', async () => {
      const person = await account(['poc.view']);
      const wider = await newRole(['poc.view', 'skill.edit']);
      await refused(await call('POST', '/skills', { name: `Skill ${next()}`, channel: 'chat' }, { cookie: person.cookie }), 403, 'forbidden');
      await ok(await call('PATCH', `/users/${person.user.id}`, { roleId: wider.id }));
      await ok(await call('POST', '/skills', { name: `Skill ${next()}`, channel: 'chat' }, { cookie: person.cookie }), 201);
    });
  });

  describe('roles', () => {
    test('nobody grants permissions they do not hold', async () => {
      const manager = await account(['people.manage']);
      const as = { cookie: manager.cookie };
      const beyond = await refused(await call('POST', '/roles', { name: `Role ${next()}`, permissions: ['poc.create'] }, as), 403, 'forbidden', 'permissions');
      assert.match(beyond.message, /poc\.create/);
      const own = await ok<{ role: AdminRole }>(await call('POST', '/roles', { name: `Role ${next()}`, permissions: ['people.manage'] }, as), 201);
      await refused(await call('PATCH', `/roles/${own.role.id}`, { permissions: ['people.manage', 'token.manage'] }, as), 403, 'forbidden', 'permissions');
      await refused(await call('POST', '/users', { username: `climber${next()}`, displayName: 'Climber', roleId: 'admin', password: PASSWORD }, as), 403, 'forbidden', 'roleId');
      await refused(await call('PATCH', `/users/${fx.userToChange.id}`, { roleId: 'admin' }, as), 403, 'forbidden', 'roleId');
      await refused(await call('PATCH', `/users/${fx.userToChange.id}`, { roleId: (await newRole(['poc.view'])).id }, as), 403, 'forbidden', 'roleId');
      const tokens = await account(['token.manage']);
      await refused(await call('POST', '/tokens', { name: 'Wider', permissions: ['token.manage', 'poc.view'] }, { cookie: tokens.cookie }), 403, 'forbidden', 'permissions');
      assert.deepEqual((await ok<{ role: AdminRole }>(await call('PATCH', `/roles/${own.role.id}`, { name: 'Still narrow' }, as))).role.permissions, ['people.manage']);
      // Nor strips or deletes a role that carries more than they hold.
      const wider = await newRole(['poc.create']);
      await refused(await call('PATCH', `/roles/${wider.id}`, { permissions: [] }, as), 403, 'forbidden');
      await refused(await call('DELETE', `/roles/${wider.id}`, undefined, as), 403, 'forbidden');
      assert.equal((await server.store.getUser(fx.userToChange.id))?.role, fx.emptyRole.id);
    });

    test('a people manager cannot take over an account that holds permissions they do not hold', async () => {
      const { user: boss } = await ok<{ user: AdminUser }>(await call('POST', '/users', { username: `boss${next()}`, displayName: 'Second administrator', roleId: 'admin', password: PASSWORD }), 201);
      const manager = await account(['people.manage']);
      const res = await call('PATCH', `/users/${boss.id}`, { password: 'taken over by the manager' }, { cookie: manager.cookie });
      const text = await res.text();
      assert.equal(res.status, 403, `setting the password of an administrator hands the manager every admin permission: ${res.status} ${text}`);
      assert.equal((await login(boss.username, 'taken over by the manager')).status, 401);
    });

    test('built-in roles cannot be changed or deleted; a role in use cannot be deleted; names are unique', async () => {
      const roles = (await ok<{ roles: AdminRole[] }>(await call('GET', '/roles'))).roles;
      assert.deepEqual(roles.slice(0, 3).map((r) => [r.id, r.builtIn]), [['admin', true], ['marketer', true], ['agent', true]]);
      assert.deepEqual(roles.find((r) => r.id === 'admin')?.permissions, ADMIN_PERMISSIONS);
      assert.ok((roles.find((r) => r.id === 'agent')?.userCount ?? 0) >= 2);
      for (const id of ['admin', 'marketer', 'agent']) {
        await refused(await call('PATCH', `/roles/${id}`, { name: 'Mine' }), 403, 'forbidden');
        await refused(await call('PATCH', `/roles/${id}`, { permissions: [] }), 403, 'forbidden');
        await refused(await call('DELETE', `/roles/${id}`), 403, 'forbidden');
      }
      assert.deepEqual((await ok<{ roles: AdminRole[] }>(await call('GET', '/roles'))).roles.slice(0, 3), roles.slice(0, 3));

      const used = await newRole(['poc.view']);
      await ok(await call('POST', '/users', { username: `holder${next()}`, displayName: 'Holder', roleId: used.id, password: PASSWORD }), 201);
      await refused(await call('DELETE', `/roles/${used.id}`), 409, 'in_use');
      assert.ok((await ok<{ roles: AdminRole[] }>(await call('GET', '/roles'))).roles.some((r) => r.id === used.id && r.userCount === 1));
      const unused = await newRole(['poc.view']);
      assert.equal((await call('DELETE', `/roles/${unused.id}`)).status, 204);
      await refused(await call('DELETE', `/roles/${unused.id}`), 404, 'not_found');
      await refused(await call('POST', '/roles', { name: used.name.toUpperCase(), permissions: [] }), 409, 'already_exists', 'name');
      await refused(await call('POST', '/roles', { name: 'administrator', permissions: [] }), 409, 'already_exists', 'name');
      await refused(await call('POST', '/roles', { name: `Role ${next()}`, permissions: ['root'] }), 400, 'invalid_field', 'permissions');
    });
  });

  describe('retiring a point of contact', () => {
    test('deactivating with retireTo also needs poc.edit, and retireTo "new" also skill.edit; a refusal changes nothing', async () => {
      const retired = (await ok<{ skill: AdminSkill }>(await call('POST', '/skills', { name: `Retired ${next()}`, channel: 'chat', active: false }), 201)).skill;
      const poc = (await ok<{ poc: AdminPoc }>(await call('POST', '/pocs', { name: `Retiring ${next()}`, channel: 'chat', skillId: fx.skill.id, scriptId: fx.script.id }), 201)).poc;
      const switcher = (await account(['poc.view', 'poc.deactivate'])).cookie;
      const mover = (await account(['poc.view', 'poc.deactivate', 'poc.edit'])).cookie;
      const skillCount = async () => (await ok<{ skills: AdminSkill[] }>(await call('GET', '/skills'))).skills.length;
      const before = await skillCount();
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: retired.id }, { cookie: switcher }), 403, 'forbidden');
      await refused(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: 'new' }, { cookie: mover }), 403, 'forbidden');
      assert.deepEqual((await ok<{ poc: AdminPoc }>(await call('GET', `/pocs/${poc.id}`))).poc, poc);
      assert.equal(await skillCount(), before);
      const done = (await ok<{ poc: AdminPoc }>(await call('POST', `/pocs/${poc.id}/deactivate`, { retireTo: retired.id }, { cookie: mover }))).poc;
      assert.deepEqual([done.active, done.skillId], [false, retired.id]);
    });
  });

  describe('API tokens', () => {
    test('a token works as Bearer for its own permissions only; its secret is stored only hashed and never listed', async () => {
      const { token, secret } = await newToken(['poc.view'], 'Inventory sync');
      assert.match(secret, /^pt_[A-Za-z0-9_-]{40,}$/);
      assert.deepEqual(token.permissions, ['poc.view']);
      assert.equal(token.createdBy, 'Demo Administrator');
      assert.equal((await call('GET', '/pocs', undefined, bearer(secret))).status, 200);
      await refused(await call('POST', '/skills', { name: `Skill ${next()}`, channel: 'chat' }, bearer(secret)), 403, 'forbidden');
      await refused(await call('GET', '/users', undefined, bearer(secret)), 403, 'forbidden');

      const row = await server.store.db.selectFrom('api_keys').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
      assert.notEqual(row.key_hash, secret);
      assert.equal(row.key_hash, hashToken(secret));
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(server.store.db);
      for (const { name } of tables.rows) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(server.store.db);
        assert.ok(!JSON.stringify(rows.rows).includes(secret.slice(3)), `the secret is not stored in ${name}`);
      }
      const listed = await call('GET', '/tokens');
      const text = await listed.text();
      assert.equal(listed.status, 200);
      assert.ok(!text.includes(secret.slice(3)) && !text.includes(row.key_hash), 'the list shows neither the secret nor its hash');
      const shown = (JSON.parse(text) as { tokens: AdminToken[] }).tokens.find((t) => t.id === token.id);
      assert.ok(shown?.lastUsedAt, 'the list shows when it was last used');
    });

    test('a revoked token gets 401; a malformed or unknown Bearer header gets 401 even with a valid cookie', async () => {
      const { token, secret } = await newToken(['poc.view']);
      assert.equal((await call('GET', '/skills', undefined, bearer(secret))).status, 200);
      assert.equal((await call('DELETE', `/tokens/${token.id}`)).status, 204);
      await refused(await call('GET', '/skills', undefined, bearer(secret)), 401, 'not_authenticated');
      const listed = (await ok<{ tokens: AdminToken[] }>(await call('GET', '/tokens'))).tokens.find((t) => t.id === token.id);
      assert.ok(listed?.revokedAt, 'a revoked token stays listed, marked revoked');
      for (const authorization of ['Bearer', 'Bearer ', 'Bearer short', `Bearer ${secret}x!`, `Basic ${Buffer.from('admin:x').toString('base64')}`, `bearer ${secret}`, `Bearer pt_${'A'.repeat(43)}`, `Bearer ${'x'.repeat(300)}`]) {
        await refused(await call('GET', '/skills', undefined, { cookie: admin, authorization }), 401, 'not_authenticated');
      }
      assert.equal((await call('GET', '/skills')).status, 200, 'the cookie alone still works');
    });

    test('a token needs at least one known permission, and its changes are recorded as API token "<name>"', async () => {
      await refused(await call('POST', '/tokens', { name: 'Nothing', permissions: [] }), 400, 'invalid_field', 'permissions');
      await refused(await call('POST', '/tokens', { name: 'Unknown', permissions: ['poc.everything'] }), 400, 'invalid_field', 'permissions');
      const answering = await call('POST', '/tokens', { name: 'Agent', permissions: ['contacts.answer'] });
      assert.ok(answering.status === 400 || answering.status === 403, `a token never answers contacts: ${answering.status}`);
      assert.equal(((await answering.json()) as { error: ApiError }).error.field, 'permissions');
      const { secret } = await newToken(['poc.view', 'poc.create', 'poc.edit'], 'Shop sync');
      const { poc } = await ok<{ poc: AdminPoc }>(await call('POST', '/pocs', { name: 'Synced chat', channel: 'chat', skillId: fx.skill.id, scriptId: fx.script.id }, bearer(secret)), 201);
      await ok(await call('PATCH', `/pocs/${poc.id}`, { name: 'Synced chat, renamed' }, bearer(secret)));
      const page = await ok<AuditPage>(await call('GET', `/pocs/${poc.id}/audit`));
      assert.ok(page.entries.length >= 5);
      assert.ok(page.entries.every((e) => e.actor === 'API token "Shop sync"' && e.via === 'api'), JSON.stringify(page.entries.map((e) => [e.actor, e.via])));
      assert.deepEqual([page.entries[0].field, page.entries[0].from, page.entries[0].to], ['name', 'Synced chat', 'Synced chat, renamed']);
      assert.equal((await ok<AuditPage>(await call('GET', `/pocs/${poc.id}/audit?actor=${encodeURIComponent('API token')}`))).total, page.total);
    });
  });

  describe('OpenAPI document', () => {
    test('GET /api/v1/openapi.json is OpenAPI 3.1 listing every admin route with a summary and its body schema', async () => {
      const res = await fetch(`${server.url}${API_PREFIX}/openapi.json`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      type Operation = { summary?: string; requestBody?: { content?: Record<string, { schema?: { type?: unknown; properties?: Record<string, unknown>; required?: string[] } }> }; responses?: Record<string, unknown> };
      const doc = (await res.json()) as { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>>; components?: { securitySchemes?: Record<string, unknown> } };
      assert.match(doc.openapi, /^3\.1\.\d+$/);
      assert.ok(doc.info.title && doc.info.version);
      assert.ok(doc.components?.securitySchemes?.apiToken && doc.components.securitySchemes.staffSession);
      for (const route of ROUTES) {
        const path = `${API_PREFIX}/admin${route.path.replace(/:(\w+)/g, '{$1}')}`;
        const op = doc.paths[path]?.[route.method.toLowerCase()];
        assert.ok(op, `${route.method} ${path} is listed`);
        assert.ok(op.summary && op.summary.length > 5, `${route.method} ${path} has a summary`);
        assert.ok(op.summary.includes(route.permission), `${route.method} ${path}'s summary names ${route.permission}`);
        assert.ok(op.responses && String(route.status) in op.responses, `${route.method} ${path} documents its ${route.status}`);
        if ((route.method === 'POST' || route.method === 'PATCH') && !route.path.endsWith('/activate') && !route.path.endsWith('/identity-secret')) {
          const schema = op.requestBody?.content?.['application/json']?.schema;
          assert.ok(schema?.properties && Object.keys(schema.properties).length > 0, `${route.method} ${path} has a request body schema`);
        }
      }
      const create = doc.paths[`${API_PREFIX}/admin/pocs`].post.requestBody?.content?.['application/json']?.schema;
      assert.deepEqual([...(create?.required ?? [])].sort(), ['channel', 'name', 'scriptId', 'skillId']);
      for (const [path, ops] of Object.entries(doc.paths).filter(([p]) => p.startsWith(`${API_PREFIX}/admin/`))) {
        for (const [method, op] of Object.entries(ops)) assert.ok(op.summary, `${method} ${path} has a summary`);
      }
    });
  });

  describe('hostile input', () => {
    const corpus = (JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'xss-dompurify-vectors.json'), 'utf8')) as { payload: string }[]).map((v) => v.payload);

    test('hostile bodies on every POST and PATCH route get a 4xx JSON error, never a 500, and pollute nothing', async () => {
      const bodies = [
        '{"__proto__": {"polluted": true}}',
        '{"constructor": {"prototype": {"polluted": true}}}',
        '{"name": "x", "__proto__": {"isAdmin": true}}',
        '[]',
        '[{"name": "x"}]',
        '"just text"',
        '42',
        'true',
        '{"name":',
        '{"name": {"$ne": null}}',
        `{"name": "${'x'.repeat(60_000)}"}`,
        `{"name": "${'x'.repeat(70_000)}"}`,
        `${'['.repeat(3000)}${']'.repeat(3000)}`,
        '{"name": "\\u0000\\ud800", "permissions": [null, {}, []], "password": 12, "hours": {"0": 1}}',
      ];
      const targets = ROUTES.filter((r) => (r.method === 'POST' || r.method === 'PATCH') && !r.path.endsWith('/activate'));
      for (const route of targets) {
        const { path } = route.request(fx, next());
        for (const body of bodies) {
          const res = await fetch(api(path), { method: route.method, headers: { cookie: admin, 'content-type': 'application/json' }, body });
          const text = await res.text();
          assert.ok(res.status >= 400 && res.status < 500, `${route.method} ${path} with ${body.slice(0, 60)}: ${res.status} ${text.slice(0, 200)}`);
          assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
          const { error } = JSON.parse(text) as { error: ApiError };
          assert.equal(typeof error.code, 'string');
          assert.ok(error.message.length > 0);
        }
        const plain = await fetch(api(path), { method: route.method, headers: { cookie: admin, 'content-type': 'text/plain' }, body: 'name=x' });
        assert.ok(plain.status >= 400 && plain.status < 500, `${route.method} ${path} as text/plain: ${plain.status}`);
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    });

    test('markup and naughty strings as names are stored as text or refused, never a 500', async () => {
      for (const payload of corpus.slice(0, 60)) {
        const res = await call('POST', '/skills', { name: payload, channel: 'sms' });
        const text = await res.text();
        assert.ok([201, 400, 409].includes(res.status), `${payload.slice(0, 60)}: ${res.status} ${text.slice(0, 200)}`);
        if (res.status === 201) {
          const { skill } = JSON.parse(text) as { skill: AdminSkill };
          // Markup is text: kept as typed (control characters and runs of spaces aside), never escaped or stripped.
          assert.equal(skill.name, cleanText(payload).replace(/\s+/g, ' ').trim());
          assert.equal((await ok<{ skills: AdminSkill[] }>(await call('GET', '/skills'))).skills.find((s) => s.id === skill.id)?.name, skill.name);
        }
      }
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    });
  });

  test('the demo administrator keeps every administrator permission', async () => {
    const body = (await (await me(admin)).json()) as { user: { role: string; permissions: string[] } };
    assert.equal(body.user.role, 'admin');
    assert.deepEqual(body.user.permissions, ADMIN_PERMISSIONS);
    assert.equal((await login('admin', TEST_PASSWORD)).status, 200);
  });
});
