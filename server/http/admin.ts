/**
 * Admin HTTP API (`/api/v1/admin/*`, docs/admin.md): points of contact, skills, scripts, phone
 * numbers, people, roles, API tokens and audit histories. A thin edge: each route finds the actor
 * (session cookie or API token), hands the body to a service, which checks the permission and the
 * rules, and answers what it returns. Route schemas describe every body and answer; the OpenAPI
 * document (`GET /api/v1/openapi.json`) is generated from them.
 */
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../src/protocol/index.js';
import type { PeopleAdmin } from '../auth/people.js';
import type { StaffAuth } from '../auth/staff.js';
import { auditPage } from '../store/audit.js';
import type { CatalogAdmin } from '../pocs/catalog.js';
import type { PocAdmin } from '../pocs/pocs.js';
import type { Store } from '../store/store.js';
import * as s from './admin-schemas.js';

export interface AdminServices {
  auth: StaffAuth;
  store: Store;
  pocs: PocAdmin;
  catalog: CatalogAdmin;
  people: PeopleAdmin;
}

const A = `${API_PREFIX}/admin`;
/** Either a staff session cookie or an API token authorises an admin call. */
const SECURITY: { [scheme: string]: string[] }[] = [{ staffSession: [] }, { apiToken: [] }];

/** Route options: summary, tag and schemas for the OpenAPI document. */
const doc = (tag: string, summary: string, schema: Record<string, unknown> = {}, ok: Record<number, unknown> = {}) => ({
  schema: {
    tags: [tag],
    summary,
    security: SECURITY,
    ...schema,
    response: { ...ok, ...s.errors },
  },
});

export function adminRoutes(app: FastifyInstance, { auth, store, pocs, catalog, people }: AdminServices): void {
  const actor = auth.actorFor.bind(auth);

  // --- Points of contact ----------------------------------------------------------------------
  app.get<{ Querystring: { channel?: string; active?: string; q?: string } }>(
    `${A}/pocs`,
    doc('points of contact', 'List the points of contact (poc.view)', { querystring: { type: 'object', properties: { channel: { type: 'string' }, active: { type: 'string', enum: ['true', 'false', ''] }, q: { type: 'string', maxLength: 200 } } } }, { 200: { type: 'object', properties: { pocs: { type: 'array', items: s.poc } } } }),
    async (request) => ({ pocs: await pocs.list(await actor(request), request.query) }),
  );
  app.post(`${A}/pocs`, doc('points of contact', 'Create a point of contact (poc.create)', { body: s.pocInput }, { 201: { type: 'object', properties: { poc: s.poc } } }), async (request, reply) =>
    reply.code(201).send({ poc: await pocs.create(await actor(request), request.body) }),
  );
  app.get<{ Params: { id: string } }>(`${A}/pocs/:id`, doc('points of contact', 'One point of contact (poc.view)', { params: s.idParams }, { 200: { type: 'object', properties: { poc: s.poc } } }), async (request) => ({
    poc: await pocs.get(await actor(request), request.params.id),
  }));
  app.patch<{ Params: { id: string } }>(
    `${A}/pocs/:id`,
    doc('points of contact', 'Change a point of contact (poc.edit; active also poc.deactivate)', { params: s.idParams, body: s.pocPatch }, { 200: { type: 'object', properties: { poc: s.poc } } }),
    async (request) => ({ poc: (await pocs.update(await actor(request), request.params.id, request.body)).poc }),
  );
  app.post<{ Params: { id: string } }>(`${A}/pocs/:id/activate`, doc('points of contact', 'Activate a point of contact (poc.deactivate)', { params: s.idParams }, { 200: { type: 'object', properties: { poc: s.poc } } }), async (request) => ({
    poc: await pocs.activate(await actor(request), request.params.id),
  }));
  app.post<{ Params: { id: string } }>(
    `${A}/pocs/:id/deactivate`,
    doc(
      'points of contact',
      'Deactivate a point of contact (poc.deactivate). Still assigned to an active skill: 409 poc_skill_active with the way out; with retireTo (an inactive skill, or "new") it moves and deactivates in one step (also poc.edit).',
      { params: s.idParams, body: { type: ['object', 'null'], properties: { retireTo: { type: 'string' } }, additionalProperties: false } },
      { 200: { type: 'object', properties: { poc: s.poc } } },
    ),
    async (request) => ({ poc: await pocs.deactivate(await actor(request), request.params.id, request.body ?? {}) }),
  );
  app.post<{ Params: { id: string } }>(
    `${A}/pocs/:id/identity-secret`,
    doc('points of contact', 'Make a new identity secret for a chat point of contact, replacing any; it is in this answer only (poc.edit)', { params: s.idParams }, { 201: { type: 'object', properties: { secret: { type: 'string' } } } }),
    async (request, reply) => reply.code(201).send(await pocs.createIdentitySecret(await actor(request), request.params.id)),
  );
  app.delete<{ Params: { id: string } }>(`${A}/pocs/:id/identity-secret`, doc('points of contact', 'Remove the identity secret: identities are refused from now on (poc.edit)', { params: s.idParams }, { 204: { type: 'null' } }), async (request, reply) => {
    await pocs.deleteIdentitySecret(await actor(request), request.params.id);
    return reply.code(204).send();
  });
  app.get<{ Params: { id: string }; Querystring: Record<string, string> }>(
    `${A}/pocs/:id/audit`,
    doc('points of contact', "A point of contact's audit history, newest first, filtered and paged (poc.view)", { params: s.idParams, querystring: s.auditQuery }, { 200: s.auditPage }),
    async (request) => {
      const who = await actor(request);
      const poc = await pocs.get(who, request.params.id);
      return auditPage(store.db, 'poc', poc.id, request.query);
    },
  );

  // --- Skills, scripts, numbers ---------------------------------------------------------------
  app.get(`${A}/skills`, doc('skills', 'List the skills, with how many points of contact use each (poc.view)', {}, { 200: { type: 'object', properties: { skills: { type: 'array', items: s.skill } } } }), async (request) => ({
    skills: await catalog.skills(await actor(request)),
  }));
  app.post(`${A}/skills`, doc('skills', 'Create a skill (skill.edit)', { body: s.skillInput }, { 201: { type: 'object', properties: { skill: s.skill } } }), async (request, reply) =>
    reply.code(201).send({ skill: await catalog.createSkill(await actor(request), request.body) }),
  );
  app.patch<{ Params: { id: string } }>(`${A}/skills/:id`, doc('skills', 'Rename, activate or deactivate a skill (skill.edit)', { params: s.idParams, body: s.skillPatch }, { 200: { type: 'object', properties: { skill: s.skill } } }), async (request) => ({
    skill: await catalog.updateSkill(await actor(request), request.params.id, request.body),
  }));
  app.get(`${A}/scripts`, doc('scripts', 'List the scripts (poc.view)', {}, { 200: { type: 'object', properties: { scripts: { type: 'array', items: s.script } } } }), async (request) => ({
    scripts: await catalog.scripts(await actor(request)),
  }));
  app.post(`${A}/scripts`, doc('scripts', 'Create a script (script.edit)', { body: s.scriptInput }, { 201: { type: 'object', properties: { script: s.script } } }), async (request, reply) =>
    reply.code(201).send({ script: await catalog.createScript(await actor(request), request.body) }),
  );
  app.patch<{ Params: { id: string } }>(`${A}/scripts/:id`, doc('scripts', 'Change a script (script.edit)', { params: s.idParams, body: s.scriptPatch }, { 200: { type: 'object', properties: { script: s.script } } }), async (request) => ({
    script: await catalog.updateScript(await actor(request), request.params.id, request.body),
  }));
  app.get(`${A}/dnis`, doc('phone numbers', 'List the provisioned inbound numbers (poc.view)', {}, { 200: { type: 'object', properties: { numbers: { type: 'array', items: s.dnis } } } }), async (request) => ({
    numbers: await catalog.numbers(await actor(request)),
  }));
  app.post(`${A}/dnis`, doc('phone numbers', 'Provision an inbound number (dnis.manage)', { body: s.dnisInput }, { 201: { type: 'object', properties: { number: s.dnis } } }), async (request, reply) =>
    reply.code(201).send({ number: await catalog.addNumber(await actor(request), request.body) }),
  );
  app.delete<{ Params: { number: string } }>(`${A}/dnis/:number`, doc('phone numbers', 'Release a number no point of contact uses (dnis.manage)', { params: { type: 'object', properties: { number: { type: 'string' } }, required: ['number'] } }, { 204: { type: 'null' } }), async (request, reply) => {
    await catalog.releaseNumber(await actor(request), request.params.number);
    return reply.code(204).send();
  });

  // --- People, roles, tokens ------------------------------------------------------------------
  app.get(`${A}/roles`, doc('people', 'List the roles, built-in ones first (people.manage)', {}, { 200: { type: 'object', properties: { roles: { type: 'array', items: s.role } } } }), async (request) => ({
    roles: await people.roles(await actor(request)),
  }));
  app.post(`${A}/roles`, doc('people', 'Create a role with permissions you hold (people.manage)', { body: s.roleInput }, { 201: { type: 'object', properties: { role: s.role } } }), async (request, reply) =>
    reply.code(201).send({ role: await people.createRole(await actor(request), request.body) }),
  );
  app.patch<{ Params: { id: string } }>(`${A}/roles/:id`, doc('people', 'Change a role (people.manage)', { params: s.idParams, body: s.rolePatch }, { 200: { type: 'object', properties: { role: s.role } } }), async (request) => ({
    role: await people.updateRole(await actor(request), request.params.id, request.body),
  }));
  app.delete<{ Params: { id: string } }>(`${A}/roles/:id`, doc('people', 'Delete a role no account has (people.manage)', { params: s.idParams }, { 204: { type: 'null' } }), async (request, reply) => {
    await people.deleteRole(await actor(request), request.params.id);
    return reply.code(204).send();
  });
  app.get(`${A}/users`, doc('people', 'List the staff accounts (people.manage)', {}, { 200: { type: 'object', properties: { users: { type: 'array', items: s.user } } } }), async (request) => ({
    users: await people.users(await actor(request)),
  }));
  app.post(`${A}/users`, doc('people', 'Create a staff account (people.manage)', { body: s.userInput }, { 201: { type: 'object', properties: { user: s.user } } }), async (request, reply) =>
    reply.code(201).send({ user: await people.createUser(await actor(request), request.body) }),
  );
  app.patch<{ Params: { id: string } }>(`${A}/users/:id`, doc('people', 'Change, disable or set a new password for an account (people.manage)', { params: s.idParams, body: s.userPatch }, { 200: { type: 'object', properties: { user: s.user } } }), async (request) => ({
    user: await people.updateUser(await actor(request), request.params.id, request.body),
  }));
  app.get(`${A}/tokens`, doc('tokens', 'List the API tokens (token.manage)', {}, { 200: { type: 'object', properties: { tokens: { type: 'array', items: s.token } } } }), async (request) => ({
    tokens: await people.tokens(await actor(request)),
  }));
  app.post(`${A}/tokens`, doc('tokens', 'Create an API token; its secret is in this answer only (token.manage)', { body: s.tokenInput }, { 201: { type: 'object', properties: { token: s.token, secret: { type: 'string' } } } }), async (request, reply) =>
    reply.code(201).send(await people.createToken(await actor(request), request.body)),
  );
  app.delete<{ Params: { id: string } }>(`${A}/tokens/:id`, doc('tokens', 'Revoke an API token (token.manage)', { params: s.idParams }, { 204: { type: 'null' } }), async (request, reply) => {
    await people.revokeToken(await actor(request), request.params.id);
    return reply.code(204).send();
  });
}
