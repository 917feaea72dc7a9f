/**
 * Studio HTTP API (`/api/v1/studio/*`): marketers and administrators read and save the profiles of
 * their tenant's chat and work-item POCs (one schema; a work-item POC's form reads its theme, title,
 * subtitle, translations and `workItem`). Every save goes through the one validator; a chat POC's
 * save then checks that each elevation routes to a skill of the POC's tenant on the right channel
 * (core/elevation-skills.ts) and that a left message is filed on an active work-item POC of the
 * same tenant (`offline.workItemPoc`). Each save is recorded (who, when, which fields from what to
 * what) for the POC's audit history. Only the user's own tenant is ever read: another tenant's POC
 * or skill is answered exactly as one that does not exist.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { elevationSkillIssues, type StudioSkill } from '../../src/core/elevation-skills.js';
import { workItemPocIssues } from '../../src/core/work-item-pocs.js';
import { blockingIssues, profileChanges, validateProfile } from '../../src/core/profile.js';
import { API_PREFIX, type ChatProfile, type ProfileIssue, type SkillChannel, type StudioPoc, type StudioProfile } from '../../src/protocol/index.js';
import { STAFF_COOKIE, type StaffAuth } from '../auth/staff.js';
import type { Actor } from '../auth/permissions.js';
import { ParleyError } from '../errors.js';
import { recordAudit } from '../store/audit.js';
import type { ChatProfileRow, PocRow, SkillRow, Store, UserRow } from '../store/store.js';

/** Channels of the POCs that have a profile the studio edits. */
const PROFILE_CHANNELS = ['chat', 'workitem'] as const;
type ProfileChannel = (typeof PROFILE_CHANNELS)[number];


export interface Preset {
  id: string;
  name: string;
  description: string;
  profile: unknown;
}

/** Reads the theme presets (`themes/*.json`), each validated; a broken file is skipped and logged. */
export async function loadPresets(dir: string, log: FastifyInstance['log']): Promise<Preset[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  const presets: Preset[] = [];
  for (const file of files) {
    try {
      const doc = JSON.parse(await readFile(join(dir, file), 'utf8')) as Partial<Preset>;
      const { profile, issues } = validateProfile(doc.profile);
      if (typeof doc.id !== 'string' || typeof doc.name !== 'string' || blockingIssues(profile, issues).length) throw new Error('not a valid preset');
      presets.push({ id: doc.id, name: doc.name, description: typeof doc.description === 'string' ? doc.description : '', profile });
    } catch (err) {
      log.warn({ err, file }, 'skipping theme preset');
    }
  }
  return presets;
}

export function studioRoutes(app: FastifyInstance, store: Store, auth: StaffAuth, presets: Promise<Preset[]>): void {
  const editor = async (request: FastifyRequest): Promise<UserRow> => {
    const user = await auth.userFor(request.cookies[STAFF_COOKIE]);
    if (!user) throw new ParleyError('not_authenticated', 'sign in first');
    const { permissions } = await auth.staffUser(user);
    if (!permissions.includes('profile.edit')) throw new ParleyError('forbidden', 'this needs the permission profile.edit');
    return user;
  };

  /**
   * The chat or work-item POC and its profile row, within the user's tenant. A POC without a
   * profile row is not found, for both channels alike (the list leaves it out too).
   */
  const target = async (user: UserRow, pocId: string): Promise<{ poc: PocRow; row: ChatProfileRow }> => {
    const poc = await store.getPoc(pocId);
    if (!poc || poc.tenant_id !== user.tenant_id || !isProfileChannel(poc.channel) || !poc.chat_profile_id) {
      throw new ParleyError('poc_not_found', `no chat or work-item point of contact "${pocId}"`, 'poc');
    }
    const row = await store.getChatProfile(poc.chat_profile_id);
    if (!row) throw new ParleyError('poc_not_found', `point of contact "${pocId}" has no profile`, 'poc');
    return { poc, row };
  };

  /**
   * What a chat profile's routing names, checked against the POC's tenant: each elevation's skill,
   * and the work-item POC left messages are filed on. A work-item POC's profile has neither in use
   * (its form offers no request and is never "closed"), so only the validator checks it.
   */
  const routingIssues = async (poc: PocRow, profile: ChatProfile): Promise<ProfileIssue[]> => {
    if (poc.channel !== 'chat') return [];
    // The POC's tenant's skills only: a skill of another tenant reads as one that does not exist.
    const skills = (await store.allTenantSkills(poc.tenant_id)).map(skillView);
    const { workItemPoc } = profile.offline;
    const filedOn = workItemPoc === null ? undefined : await store.getPoc(workItemPoc);
    // Another tenant's POC is passed as unknown: it reads word for word like one that does not exist.
    const target = filedOn && filedOn.tenant_id === poc.tenant_id ? { channel: filedOn.channel, active: filedOn.active === 1 } : undefined;
    return [...elevationSkillIssues(profile.elevations, skills), ...workItemPocIssues(profile.offline, target)];
  };

  const view = (poc: PocRow, row: ChatProfileRow): StudioProfile => ({
    poc: { id: poc.id, name: poc.name, active: poc.active === 1 },
    profileId: row.id,
    profile: validateProfile(safeParse(row.profile)).profile,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  });

  app.get(`${API_PREFIX}/studio/pocs`, async (request) => {
    const user = await editor(request);
    const pocs = await store.profilePocs(user.tenant_id, PROFILE_CHANNELS);
    const listed: StudioPoc[] = pocs
      .filter((p) => p.chat_profile_id && isProfileChannel(p.channel))
      .map((p) => ({ id: p.id, name: p.name, active: p.active === 1, channel: p.channel as ProfileChannel }));
    return { pocs: listed };
  });

  app.get<{ Params: { poc: string } }>(`${API_PREFIX}/studio/pocs/:poc/profile`, async (request) => {
    const { poc, row } = await target(await editor(request), request.params.poc);
    return view(poc, row);
  });

  app.put<{ Params: { poc: string } }>(`${API_PREFIX}/studio/pocs/:poc/profile`, async (request, reply) => {
    const user = await editor(request);
    const { poc, row } = await target(user, request.params.poc);
    const body = request.body;
    if (typeof body !== 'object' || body === null || !('profile' in body)) throw new ParleyError('invalid_field', 'the body must be { "profile": { … } }', 'profile');
    const { profile, issues } = validateProfile((body as { profile: unknown }).profile);
    const blocking = [...blockingIssues(profile, issues), ...(await routingIssues(poc, profile))];
    if (blocking.length) {
      return reply.code(400).send({
        error: { code: 'invalid_profile', message: `the profile has ${blocking.length} problem(s); first: ${blocking[0].message}`, field: blocking[0].field },
        issues: blocking,
      });
    }
    const before = validateProfile(safeParse(row.profile)).profile;
    const changes = profileChanges(before, profile);
    const actor: Actor = { id: user.id, name: user.display_name, tenantId: user.tenant_id, kind: 'user', permissions: [] };
    // The POC's audit history shows profile saves too, field by field.
    const audit = (trx: Parameters<typeof recordAudit>[0]) =>
      recordAudit(trx, actor, { entity: 'poc', id: poc.id, action: 'profile' }, changes.map((c) => ({ field: `profile.${c.field}`, from: c.from, to: c.to })), { via: 'studio' });
    const saved = changes.length ? await store.saveChatProfile(row.id, JSON.stringify(profile), { id: user.id, name: user.display_name }, changes, audit) : row;
    return view(poc, saved);
  });

  app.get<{ Params: { poc: string } }>(`${API_PREFIX}/studio/pocs/:poc/profile/history`, async (request) => {
    const { row } = await target(await editor(request), request.params.poc);
    const revisions = await store.profileRevisions(row.id);
    return { entries: revisions.map((r) => ({ at: r.at, actor: r.actor_name, changes: safeParse(r.changes) ?? [] })) };
  });

  /** The tenant's skills, deactivated ones included, for the studio's elevation routing. */
  app.get(`${API_PREFIX}/studio/skills`, async (request) => {
    const user = await editor(request);
    return { skills: (await store.allTenantSkills(user.tenant_id)).map(skillView) };
  });

  app.get(`${API_PREFIX}/studio/presets`, async (request) => {
    await editor(request);
    return { presets: await presets };
  });
}

const isProfileChannel = (channel: string): channel is ProfileChannel => (PROFILE_CHANNELS as readonly string[]).includes(channel);

function skillView(row: SkillRow): StudioSkill {
  return { id: row.id, name: row.name, channel: row.channel as SkillChannel, active: row.active === 1 };
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}
