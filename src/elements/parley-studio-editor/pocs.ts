/**
 * The points of contact the studio edits (`GET /api/v1/studio/pocs`), and the check, as the
 * marketer edits, that a chat leaves its messages on a work-item form (`offline.workItemPoc`).
 *
 * The server runs the same rule (core/work-item-pocs.ts) on every save against every POC of the
 * tenant; the studio sees only the listed POCs (those with a profile), so it reports what the list
 * proves — a chat named as the form, an inactive form chosen while messages are left — and leaves
 * an id it does not know to the server, whose refusal then shows at the same field.
 */
import { workItemPocIssues as checkWorkItemPoc } from '../../core/work-item-pocs.js';
import type { ChatProfile, ProfileIssue, StudioPoc } from '../../protocol/index.js';

export type { StudioPoc } from '../../protocol/index.js';

/** Channels of the POCs that have a profile. */
export type StudioPocChannel = StudioPoc['channel'];

/** The problem with `offline.workItemPoc` that the listed POCs show, if any. */
export function workItemPocIssues(offline: ChatProfile['offline'], pocs: readonly StudioPoc[]): ProfileIssue[] {
  const poc = offline.workItemPoc === null ? undefined : pocs.find((p) => p.id === offline.workItemPoc);
  return checkWorkItemPoc(offline, poc, 'skip');
}
