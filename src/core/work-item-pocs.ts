/**
 * Where a closed chat leaves its messages: the check of a chat profile's `offline.workItemPoc`
 * against the point of contact it names. The server runs it on every save with the tenant's own
 * POC (server/http/studio.ts); the studio runs it as the marketer edits, against the POCs it lists,
 * so Save says why before any round trip. docs/chat-profile.md states the rule.
 *
 * Invariants:
 * - Like a skill (core/elevation-skills.ts): a POC of another tenant is passed in as unknown, so
 *   it reads word for word as one that does not exist; a POC of another channel is never kept; a
 *   deactivated one only while messages are not being left.
 * - Issues have the validator's shape (field `offline.workItemPoc`, code `invalid_value`); their
 *   English message is read back by the studio catalogue, so both sides word them here, once.
 */
import type { ChatProfile, ProfileIssue } from '../protocol/index.js';

/** The named POC as far as the rule needs it: its channel and whether it is active. */
export interface WorkItemPocTarget {
  channel: string;
  active: boolean;
}

/**
 * The problem with `offline.workItemPoc`, given the POC it names (`undefined`: not one of the
 * tenant's). `unknown: 'skip'` leaves an id the caller cannot see to the server (the studio lists
 * only POCs that have a profile).
 */
export function workItemPocIssues(offline: ChatProfile['offline'], target: WorkItemPocTarget | undefined, unknown: 'issue' | 'skip' = 'issue'): ProfileIssue[] {
  const id = offline.workItemPoc;
  if (id === null || (!target && unknown === 'skip')) return [];
  const message = !target
    ? `Point of contact "${id}" is no work-item form of yours`
    : target.channel !== 'workitem'
      ? `Point of contact "${id}" is ${target.channel === 'email' ? 'an' : 'a'} ${target.channel} point of contact; messages are left on a work-item point of contact`
      : offline.behaviour === 'leave-message' && !target.active
        ? `Point of contact "${id}" is deactivated; leaving messages needs an active work-item point of contact`
        : null;
  return message ? [{ field: 'offline.workItemPoc', code: 'invalid_value', message }] : [];
}
