/**
 * Where a chat profile's requests go: the check that each skill an elevation names is one of the
 * tenant's, on the elevation's channel (`ELEVATION_CHANNEL`), and active while the elevation is
 * offered. The server runs it on every save against the POC's tenant's skills; the studio runs it
 * as the marketer edits, against `GET /api/v1/studio/skills`, so Save says why before any round
 * trip. docs/chat-profile.md states the rule.
 *
 * Invariants:
 * - Only the tenant's own skills are passed in, so a skill of another tenant and a skill that does
 *   not exist give the same issue, word for word: nothing tells a marketer that another tenant's
 *   skill exists, nor what it is called.
 * - Issues have the validator's shape (`ProfileIssue`, code `invalid_value`, field
 *   `elevations.<kind>.skillId`), so they join its list and show at the field like any other. Their
 *   English message is for developers and logs; `skillProblem()` reads the reason back from it (it
 *   is all that crosses the wire), and the studio words that reason in the marketer's language.
 * - A disabled elevation may keep a deactivated skill (re-enabling it then asks for an active
 *   one), but never a skill of another channel or tenant: what is stored is always routable once
 *   the skill is active again.
 */
import { ELEVATION_CHANNEL, ELEVATION_KINDS, SKILL_CHANNELS, type ChatProfile, type ElevationKind, type ProfileIssue, type SkillChannel } from '../protocol/index.js';

/** A skill of the signed-in user's tenant, as `GET /api/v1/studio/skills` lists it. */
export interface StudioSkill {
  id: string;
  name: string;
  channel: SkillChannel;
  /** A deactivated skill takes no new contacts: an offered elevation cannot route to it. */
  active: boolean;
}

/** Why a skill cannot take an elevation's requests. */
export type SkillProblem =
  | { reason: 'unknown' }
  | { reason: 'inactive' }
  | { reason: 'channel'; channel: SkillChannel; needs: SkillChannel };

/** How the messages name each kind of request. */
const REQUEST: Readonly<Record<ElevationKind, string>> = {
  callback: 'a callback',
  email: 'an email request',
  sms: 'a text request',
};
const ARTICLE: Readonly<Record<SkillChannel, string>> = { chat: 'a', email: 'an', voice: 'a', sms: 'an', workitem: 'a' };
const withArticle = (channel: SkillChannel): string => `${ARTICLE[channel]} ${channel}`;

// The messages, and the patterns that read them back. Skill ids are 1–40 of [A-Za-z0-9_-] once
// validated, so a quoted id never holds a quote.
const UNKNOWN = /^Skill "[^"]*" belongs to no team of yours$/;
const INACTIVE = /^Skill "[^"]*" is deactivated; /;
const CHANNEL = /^Skill "[^"]*" is an? ([a-z]+) skill; .* needs an? ([a-z]+) skill$/;

/**
 * The problems with the skills `elevations` names, given every skill of the tenant (active or
 * not). `elevations` is the validated profile's: each `skillId` is null or a well-formed id.
 */
export function elevationSkillIssues(elevations: ChatProfile['elevations'], skills: readonly StudioSkill[]): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  for (const kind of ELEVATION_KINDS) {
    const { enabled, skillId } = elevations[kind];
    if (skillId === null) continue;
    const field = `elevations.${kind}.skillId`;
    const needs = ELEVATION_CHANNEL[kind];
    const skill = skills.find((s) => s.id === skillId);
    const message = !skill
      ? `Skill "${skillId}" belongs to no team of yours`
      : skill.channel !== needs
        ? `Skill "${skillId}" is ${withArticle(skill.channel)} skill; ${REQUEST[kind]} needs ${withArticle(needs)} skill`
        : enabled && !skill.active
          ? `Skill "${skillId}" is deactivated; ${REQUEST[kind]} that is offered needs an active skill`
          : null;
    if (message) issues.push({ field, code: 'invalid_value', message });
  }
  return issues;
}

/** The reason of an issue `elevationSkillIssues` made (here or on the server), else null. */
export function skillProblem(issue: ProfileIssue): SkillProblem | null {
  if (issue.code !== 'invalid_value' || !/^elevations\.(callback|email|sms)\.skillId$/.test(issue.field)) return null;
  if (UNKNOWN.test(issue.message)) return { reason: 'unknown' };
  if (INACTIVE.test(issue.message)) return { reason: 'inactive' };
  const m = CHANNEL.exec(issue.message);
  if (m && isChannel(m[1]) && isChannel(m[2])) return { reason: 'channel', channel: m[1], needs: m[2] };
  return null;
}

/** The tenant's skills an elevation of `kind` may name, in the order given. */
export function skillsFor(kind: ElevationKind, skills: readonly StudioSkill[]): StudioSkill[] {
  return skills.filter((s) => s.channel === ELEVATION_CHANNEL[kind]);
}

function isChannel(value: string): value is SkillChannel {
  return (SKILL_CHANNELS as readonly string[]).includes(value);
}
