/**
 * Fuzzes every HTTP route of a real server in this process: fuzzed JSON bodies (near-valid
 * variants of real ones, hostile keys, wrong types, huge and deep values), malformed JSON, wrong
 * content types, fuzzed path parameters and query strings, multipart bodies with fuzzed field
 * names, values and file counts — each as an anonymous caller, a signed-in administrator (session
 * cookie and CSRF token) and an API token holding every permission a token may hold. The server must never answer
 * 5xx, must answer every 4xx with `{ error: { code, message } }`, log no error, and leave the
 * built-in prototypes alone.
 *
 * The route list comes from the server itself (`printRoutes`), and the suite fails if a route has
 * no entry in ROUTES below, so a new route cannot go unfuzzed.
 *
 * `FUZZ_RUNS=<n>` runs each route's property n times (default below: about 25 s for the whole
 * file); `FUZZ_SEED=<seed>` replays the failure fast-check printed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { API_PREFIX, CLOSED_BEHAVIOURS, DEMO_IDS, LONG_WAIT_BEHAVIOURS, PERMISSIONS } from '../../src/protocol/index.js';
import { TEST_PASSWORD } from '../../test/helpers/server.js';
import { NO_LIMITS } from '../limits/limits.js';
import { fuzzParameters, hostileKey, hostileString, percentEncode, payloadFor } from './arbitraries.js';
import { assertNoErrorLogged, assertPrototypesClean, protocolNames, prototypeSnapshot, startCapturingServer, type CapturingServer } from './harness.js';

/** Runs per route and method (each with a random caller). */
const RUNS_PER_ROUTE = 100;
const A = `${API_PREFIX}/admin`;

/** Ids of things made for the fuzzing, so near-valid calls reach real records. */
interface Fixture {
  pocId: string;
  skillId: string;
  inactiveSkillId: string;
  scriptId: string;
  roleId: string;
  userId: string;
  tokenId: string;
  dnis: string;
  jobId: string;
}

/** What the fuzzing knows of one route: valid bodies and queries, and real values of its parameters. */
interface RouteFuzz {
  bodies?: (fx: Fixture) => unknown[];
  queries?: Record<string, string>[];
  /** Multipart bodies this route reads: valid text fields and file fields. */
  multipart?: { fields: Record<string, string>; files: { field: string; name: string; type: string; content: string }[] };
}

const WORK_ITEM_ANSWERS = { name: 'Ada Lovelace', email: 'ada@example.com', order: 'A-1001', reason: 'Damaged', purchased: '2024-05-01', details: 'It arrived broken.', phone: '+33 6 12 34 56 78' };
/** A bulk file of one new point of contact, in the columns the template has. */
const BULK_CSV = 'Modified row,ID,Name,Channel,Skill,Script,Address,Allowed origins,Active\nyes,,Bulk fuzz,chat,Fuzz base skill,Fuzz base script,,https://shop.example,yes\n';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('latin1');

/**
 * Every route, by `METHOD path` as Fastify prints it (HEAD is fuzzed with its GET's entry).
 * `:name` parameters take real values from `PARAMS`, or fuzzed ones.
 */
const ROUTES: Record<string, RouteFuzz> = {
  'GET /': {},
  'GET /*': {},
  'GET /agent': {},
  'GET /admin': {},
  'GET /studio': {},
  'GET /healthz': {},
  [`GET ${API_PREFIX}/openapi.json`]: {},
  [`GET ${API_PREFIX}/pocs/:poc/profile`]: {},
  [`GET ${API_PREFIX}/pocs/:poc/availability`]: {},
  [`POST ${API_PREFIX}/pocs/:poc/work-items`]: {
    bodies: () => [WORK_ITEM_ANSWERS, { ...WORK_ITEM_ANSWERS, purchased: '', phone: '' }],
    multipart: { fields: WORK_ITEM_ANSWERS, files: [{ field: 'photos', name: 'receipt.png', type: 'image/png', content: PNG }] },
  },
  [`GET ${API_PREFIX}/agent/attachments/:id`]: {},
  [`POST ${API_PREFIX}/auth/login`]: { bodies: () => [{ username: 'nobody-here', password: 'not the password' }] },
  [`POST ${API_PREFIX}/auth/logout`]: { bodies: () => [{}] },
  [`GET ${API_PREFIX}/auth/me`]: {},
  [`GET ${A}/pocs`]: { queries: [{ channel: 'chat', active: 'true', q: 'demo' }] },
  [`POST ${A}/pocs`]: {
    bodies: (fx) => [
      { name: 'Fuzz created', channel: 'chat', skillId: fx.skillId, scriptId: fx.scriptId, allowedOrigins: ['https://shop.example'], active: true },
      { name: 'Fuzz email', channel: 'email', skillId: fx.skillId, scriptId: fx.scriptId, address: 'help@example.com', copyProfileFrom: DEMO_IDS.chatPoc },
    ],
  },
  [`GET ${A}/pocs/:id`]: {},
  [`PATCH ${A}/pocs/:id`]: { bodies: (fx) => [{ name: 'Fuzz renamed', allowedOrigins: ['https://a.example'], skillId: fx.skillId, active: true }] },
  [`POST ${A}/pocs/:id/activate`]: { bodies: () => [{}] },
  [`POST ${A}/pocs/:id/deactivate`]: { bodies: (fx) => [{ retireTo: fx.inactiveSkillId }, { retireTo: 'new' }, {}] },
  [`POST ${A}/pocs/:id/identity-secret`]: { bodies: () => [{}] },
  [`DELETE ${A}/pocs/:id/identity-secret`]: {},
  [`GET ${A}/pocs/:id/audit`]: { queries: [{ actor: 'Demo', field: 'name', action: 'update', from: '2020-01-01', to: '2030-01-01' }] },
  [`GET ${A}/skills`]: {},
  [`POST ${A}/skills`]: { bodies: () => [{ name: 'Fuzz skill', channel: 'chat', active: true }] },
  [`PATCH ${A}/skills/:id`]: { bodies: () => [{ name: 'Fuzz skill renamed', active: false }] },
  [`GET ${A}/scripts`]: {},
  [`POST ${A}/scripts`]: {
    bodies: () => [
      { name: 'Fuzz script', timeZone: 'Europe/Paris', hours: [{ days: [1, 2, 3], open: '09:00', close: '17:00' }], greeting: 'Hello', priority: 1, longWaitSeconds: null, whenClosed: CLOSED_BEHAVIOURS[0], whenLongWait: LONG_WAIT_BEHAVIOURS[1] },
    ],
  },
  [`PATCH ${A}/scripts/:id`]: { bodies: () => [{ greeting: 'Hi', longWaitSeconds: 120, hours: [{ days: [0, 6], open: '10:00', close: '12:00' }] }] },
  [`GET ${A}/dnis`]: {},
  [`POST ${A}/dnis`]: { bodies: () => [{ number: '+33 1 23 45 67 89', label: 'Fuzz line' }] },
  [`DELETE ${A}/dnis/:number`]: {},
  [`GET ${A}/roles`]: {},
  [`POST ${A}/roles`]: { bodies: () => [{ name: 'Fuzz role', permissions: ['poc.view'] }] },
  [`PATCH ${A}/roles/:id`]: { bodies: () => [{ name: 'Fuzz role renamed', permissions: ['poc.view', 'poc.edit'] }] },
  [`DELETE ${A}/roles/:id`]: {},
  [`GET ${A}/users`]: {},
  [`POST ${A}/users`]: { bodies: (fx) => [{ username: 'fuzz-made', displayName: 'Fuzz Made', roleId: fx.roleId, password: 'a long enough password', active: true }] },
  [`PATCH ${A}/users/:id`]: { bodies: (fx) => [{ displayName: 'Fuzz Renamed', roleId: fx.roleId, active: true }, { password: 'another long password' }] },
  [`GET ${A}/tokens`]: {},
  [`POST ${A}/tokens`]: { bodies: () => [{ name: 'Fuzz token', permissions: ['poc.view'] }] },
  [`DELETE ${A}/tokens/:id`]: {},
  [`GET ${A}/bulk/template`]: { queries: [{ format: 'csv' }, { format: 'xlsx' }] },
  [`GET ${A}/bulk/export`]: { queries: [{ format: 'csv' }, { format: 'xlsx' }] },
  [`POST ${A}/bulk/jobs`]: {
    multipart: {
      fields: { mode: 'modified' },
      files: [{ field: 'file', name: 'pocs.csv', type: 'text/csv', content: BULK_CSV }],
    },
  },
  [`GET ${A}/bulk/jobs`]: {},
  [`GET ${A}/bulk/jobs/:id`]: {},
  [`GET ${A}/bulk/jobs/:id/report`]: { queries: [{ format: 'csv' }] },
  [`GET ${API_PREFIX}/studio/pocs`]: {},
  [`GET ${API_PREFIX}/studio/pocs/:poc/profile`]: {},
  [`PUT ${API_PREFIX}/studio/pocs/:poc/profile`]: { bodies: () => [{ profile: studioProfile }] },
  [`GET ${API_PREFIX}/studio/pocs/:poc/profile/history`]: {},
  [`GET ${API_PREFIX}/studio/presets`]: {},
  [`GET ${API_PREFIX}/studio/skills`]: {},
};

/** The demo chat profile as the studio reads it, the base of near-valid profile saves. */
let studioProfile: unknown = {};

/** Real values of each path parameter (ids of one kind only, so no fuzzed call disables the demo). */
const PARAMS = (fx: Fixture): Record<string, string[]> => ({
  poc: [DEMO_IDS.chatPoc, DEMO_IDS.workitemPoc, DEMO_IDS.emailPoc, fx.pocId],
  id: [fx.pocId, fx.skillId, fx.scriptId, fx.roleId, fx.userId, fx.tokenId, fx.jobId],
  number: [fx.dnis, encodeURIComponent(fx.dnis)],
  '*': ['parley.js', 'index.html', '../package.json', '..%2f..%2fpackage.json', '%2e%2e/%2e%2e/etc/passwd', 'a'.repeat(300)],
});

/** Path values that break parsers: bad percent-encoding, traversal, NUL, very long. */
const rawPathValue = fc.constantFrom('%', '%E0%A4%A', '%00', '%2F', '..', '.', '%2e%2e', '\\', '%C0%AF', 'a'.repeat(5000), '__proto__', 'constructor', '%5F%5Fproto%5F%5F');

/** The content types a body is sent under, right and wrong. */
const BODY_KINDS = ['json', 'json', 'json', 'malformed-json', 'text', 'form', 'no-type', 'wrong-charset', 'xml', 'multipart'] as const;
type BodyKind = (typeof BODY_KINDS)[number];

const malformedJson = fc.oneof(
  fc.constantFrom('{', '{"a":', 'nul', '[1,]', '{"__proto__":', '\uFEFF{}', '{"a":1}{"b":2}', '"\\ud800"', '{"a":"\\u00"}', ''),
  fc.constantFrom(16, 100_000).map((n) => `{"a":${'['.repeat(n)}`),
  fc.constant(`{"x":"${'y'.repeat(70_000)}"}`),
);

/** One multipart part: a text field or a file. */
type Part = { kind: 'field'; name: string; value: string } | { kind: 'file'; name: string; filename: string; type: string; content: string };

/** Multipart bodies: valid parts with one changed, hostile names and values, many files. */
function multipartArbitrary(route: RouteFuzz): fc.Arbitrary<Part[]> {
  const valid = route.multipart ?? { fields: { field: 'value' }, files: [] };
  const names = fc.oneof(fc.constantFrom(...Object.keys(valid.fields), ...valid.files.map((f) => f.field)), hostileKey, hostileString.map((s) => s.slice(0, 300)));
  const value = fc.oneof(hostileString, fc.constantFrom(...Object.values(valid.fields)));
  const filename = fc.oneof(
    fc.constantFrom(...valid.files.map((f) => f.name), 'x.csv', 'x.xlsx', 'x.xls', '../../x.csv', 'a"b.png', 'line\nbreak.png', '', '.csv', 'x.CSV'),
    hostileString.map((s) => s.slice(0, 300)),
  );
  const content = fc.oneof(
    fc.constantFrom(...valid.files.map((f) => f.content), PNG, '', '%PDF-1.4\n', 'PK\u0003\u0004garbage', '\u0000\u0001\u0002'),
    hostileString,
    fc.constantFrom(70_000, 300_000).map((n) => 'x'.repeat(n)),
  );
  const part: fc.Arbitrary<Part> = fc.oneof(
    fc.record({ kind: fc.constant('field' as const), name: names, value }),
    fc.record({ kind: fc.constant('file' as const), name: names, filename, type: fc.constantFrom('image/png', 'text/csv', 'application/octet-stream', ''), content }),
  );
  const validParts: Part[] = [
    ...Object.entries(valid.fields).map(([name, v]): Part => ({ kind: 'field', name, value: v })),
    ...valid.files.map((f): Part => ({ kind: 'file', name: f.field, filename: f.name, type: f.type, content: f.content })),
  ];
  return fc.oneof(
    // The valid form with one part replaced, one added, or one removed.
    fc.tuple(fc.nat(), part, fc.constantFrom('replace', 'add', 'remove')).map(([at, p, op]) => {
      const parts = [...validParts];
      const i = parts.length ? at % parts.length : 0;
      if (op === 'replace') parts[i] = p;
      else if (op === 'add') parts.splice(i, 0, p);
      else parts.splice(i, 1);
      return parts;
    }),
    fc.array(part, { maxLength: 12 }),
    // Far more files than any field takes.
    fc.constantFrom(15, 40).map((n) => [...validParts, ...Array.from({ length: n }, (): Part => ({ kind: 'file', name: valid.files[0]?.field ?? 'file', filename: 'x.png', type: 'image/png', content: PNG }))]),
  );
}

function formData(parts: Part[]): FormData {
  const form = new FormData();
  for (const p of parts) {
    if (p.kind === 'field') form.append(p.name, p.value);
    else form.append(p.name, new Blob([Buffer.from(p.content, 'latin1')], { type: p.type }), p.filename);
  }
  return form;
}

/** Parses `printRoutes({ commonPrefix: false })`: every `METHOD path` the server answers. */
function listRoutes(printed: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.trimEnd());
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const path = depth === 0 ? match[2] : `${parent}${parent.endsWith('/') || match[2].startsWith('/') ? '' : '/'}${match[2]}`;
    stack[depth] = path;
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${path}`);
  }
  return routes;
}

describe('fuzz: every HTTP route', () => {
  let server: CapturingServer;
  let prototypesBefore: ReturnType<typeof prototypeSnapshot>;
  let fx: Fixture;
  const errorCodes = protocolNames().errorCodes;
  let admin: { cookie: string; csrf: string };
  let bearer: string;

  /** Signs the demo administrator in: the session cookie and its CSRF token. */
  async function signInAdmin(): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as { csrfToken?: string };
    return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken ?? '' };
  }

  /** A call as the administrator, for the set-up; fails unless it answers `status`. */
  async function adminCall<T>(method: string, path: string, body: unknown, status: number): Promise<T> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: admin.cookie, 'x-parley-csrf': admin.csrf, origin: server.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.equal(res.status, status, `${method} ${path}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  before(async () => {
    prototypesBefore = prototypeSnapshot();
    server = await startCapturingServer({ limits: NO_LIMITS });
    admin = await signInAdmin();
    const skill = await adminCall<{ skill: { id: string } }>('POST', `${A}/skills`, { name: 'Fuzz base skill', channel: 'chat' }, 201);
    const spare = await adminCall<{ skill: { id: string } }>('POST', `${A}/skills`, { name: 'Fuzz spare skill', channel: 'chat', active: false }, 201);
    const script = await adminCall<{ script: { id: string } }>('POST', `${A}/scripts`, { name: 'Fuzz base script' }, 201);
    const poc = await adminCall<{ poc: { id: string } }>('POST', `${A}/pocs`, { name: 'Fuzz base POC', channel: 'chat', skillId: skill.skill.id, scriptId: script.script.id }, 201);
    const role = await adminCall<{ role: { id: string } }>('POST', `${A}/roles`, { name: 'Fuzz base role', permissions: ['poc.view'] }, 201);
    const user = await adminCall<{ user: { id: string } }>('POST', `${A}/users`, { username: 'fuzz-base', displayName: 'Fuzz Base', roleId: role.role.id, password: 'a long enough password' }, 201);
    const all = await adminCall<{ token: { id: string }; secret: string }>('POST', `${A}/tokens`, { name: 'Fuzz bearer', permissions: PERMISSIONS.filter((p) => p !== 'contacts.answer') }, 201);
    const spareToken = await adminCall<{ token: { id: string } }>('POST', `${A}/tokens`, { name: 'Fuzz spare token', permissions: ['poc.view'] }, 201);
    const dnis = await adminCall<{ number: { number: string } }>('POST', `${A}/dnis`, { number: '+33 1 40 00 00 01', label: 'Fuzz base line' }, 201);
    bearer = all.secret;
    studioProfile = (await adminCall<{ profile: unknown }>('GET', `${API_PREFIX}/studio/pocs/${DEMO_IDS.chatPoc}/profile`, undefined, 200)).profile;
    const form = formData([
      { kind: 'field', name: 'mode', value: 'all' },
      { kind: 'file', name: 'file', filename: 'pocs.csv', type: 'text/csv', content: BULK_CSV },
    ]);
    const job = await fetch(`${server.url}${A}/bulk/jobs`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` }, body: form });
    assert.equal(job.status, 202, await job.clone().text());
    fx = {
      pocId: poc.poc.id,
      skillId: skill.skill.id,
      inactiveSkillId: spare.skill.id,
      scriptId: script.script.id,
      roleId: role.role.id,
      userId: user.user.id,
      tokenId: spareToken.token.id,
      dnis: dnis.number.number,
      jobId: ((await job.json()) as { job: { id: string } }).job.id,
    };
  });

  after(async () => {
    await server?.dispose();
  });

  test('ROUTES lists exactly the routes the server answers', () => {
    const served = listRoutes(server.app.printRoutes({ commonPrefix: false }));
    assert.ok(served.length > 40, `only ${served.length} routes parsed from printRoutes`);
    const gets = new Set(served.filter((r) => r.startsWith('GET ')).map((r) => r.slice(4)));
    for (const head of served.filter((r) => r.startsWith('HEAD '))) assert.ok(gets.has(head.slice(5)), `${head} has no GET`);
    const fuzzed = new Set(Object.keys(ROUTES));
    const answered = new Set(served.filter((r) => !r.startsWith('HEAD ')));
    assert.deepEqual({ notFuzzed: [...answered].filter((r) => !fuzzed.has(r)), notServed: [...fuzzed].filter((r) => !answered.has(r)) }, { notFuzzed: [], notServed: [] });
  });

  /** Checks one answer: never 5xx, and every 4xx `{ error: { code, message } }` with a known code. */
  async function assertAnswer(res: Response, what: string): Promise<void> {
    const text = await res.text();
    assert.ok(res.status < 500, `${what}: ${res.status} ${text.slice(0, 500)}`);
    if (res.status < 400 || what.startsWith('HEAD ')) return;
    let body: { error?: { code?: unknown; message?: unknown } };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      assert.fail(`${what}: ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
    }
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${what}: ${res.status} not JSON`);
    assert.ok(typeof body.error?.code === 'string' && errorCodes.includes(body.error.code), `${what}: ${res.status} without a known code: ${text.slice(0, 300)}`);
    assert.notEqual(body.error.code, 'internal_error');
    assert.equal(typeof body.error.message, 'string', `${what}: ${res.status} without a message`);
  }

  for (const [route, fuzz] of Object.entries(ROUTES)) {
    const [method, pattern] = route.split(' ');
    const methods = method === 'GET' ? ['GET', 'HEAD'] : [method];
    test(`${route}: no 5xx, every 4xx a named JSON error`, async () => {
      const params = PARAMS(fx);
      const names = [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
      const paramValues = fc.tuple(
        ...names.map((name) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constantFrom(...params[name]) },
            { weight: 2, arbitrary: hostileString.map((s) => percentEncode(s.slice(0, 2000))) },
            { weight: 1, arbitrary: rawPathValue },
          ),
        ),
      );
      const query = fc.oneof(
        fc.constant(''),
        fc.constantFrom(...(fuzz.queries ?? [{}])).map((q) => new URLSearchParams(q).toString()),
        fc.array(fc.tuple(fc.oneof(hostileKey, fc.constantFrom(...Object.keys(fuzz.queries?.[0] ?? { q: '' }))), hostileString.map((s) => s.slice(0, 3000))), { maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString()),
        fc.constantFrom('a[b]=c', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1', 'format=csv&format=xlsx', 'q=%', 'active=true&active=false', '&&&=&=', `q=${'x'.repeat(9000)}`),
      );
      const body = fc.oneof(payloadFor(fuzz.bodies?.(fx) ?? [{}]), fc.constantFrom(...(fuzz.bodies?.(fx) ?? [{}])));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...methods),
          paramValues,
          query,
          fc.constantFrom('anonymous', 'admin', 'bearer'),
          fc.constantFrom(...BODY_KINDS),
          body,
          malformedJson,
          multipartArbitrary(fuzz),
          async (verb, values, search, caller, kind: BodyKind, payload, garbage, parts) => {
            let i = 0;
            const path = pattern.replace(/:(\w+)|\*/g, () => values[i++]);
            const url = `${server.url}${path}${search ? `?${search}` : ''}`;
            const headers: Record<string, string> = {};
            if (caller === 'admin') {
              // Logging out ends the session: that call gets a session of its own.
              const session = path.endsWith('/auth/logout') ? await signInAdmin() : admin;
              Object.assign(headers, { cookie: session.cookie, 'x-parley-csrf': session.csrf, origin: server.url });
            }
            if (caller === 'bearer') headers.authorization = `Bearer ${bearer}`;
            let sent: BodyInit | undefined;
            if (verb !== 'GET' && verb !== 'HEAD') {
              if (kind === 'json') [headers['content-type'], sent] = ['application/json', JSON.stringify(payload) ?? 'null'];
              else if (kind === 'malformed-json') [headers['content-type'], sent] = ['application/json', garbage];
              else if (kind === 'text') [headers['content-type'], sent] = ['text/plain', JSON.stringify(payload) ?? ''];
              else if (kind === 'form') [headers['content-type'], sent] = ['application/x-www-form-urlencoded', new URLSearchParams({ a: JSON.stringify(payload) ?? '' }).toString()];
              else if (kind === 'no-type') sent = new Blob([JSON.stringify(payload) ?? '']);
              else if (kind === 'wrong-charset') [headers['content-type'], sent] = ['application/json; charset=utf-16', JSON.stringify(payload) ?? ''];
              else if (kind === 'xml') [headers['content-type'], sent] = ['application/xml', '<a><b>1</b></a>'];
              else sent = formData(parts);
            }
            const res = await fetch(url, { method: verb, headers, body: sent });
            await assertAnswer(res, `${verb} ${path} as ${caller} (${kind})`);
            // A call that ended or changed the administrator's session: sign in again.
            if (caller === 'admin' && res.status === 401) admin = await signInAdmin();
          },
        ),
        fuzzParameters(RUNS_PER_ROUTE),
      );
    });
  }

  test('afterwards: the server still serves, no error was logged, no prototype was touched', async () => {
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    const profile = await fetch(`${server.url}${API_PREFIX}/pocs/${DEMO_IDS.chatPoc}/profile`);
    assert.equal(profile.status, 200);
    assertNoErrorLogged(server);
    assertPrototypesClean(prototypesBefore);
  });
});
