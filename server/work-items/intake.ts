/**
 * Work-item intake (docs/work-items.md): a submission of a work-item POC's form becomes a queued
 * interaction on the POC's skill, with its answers and files, offered to agents like a chat.
 *
 * Invariants:
 * - The server checks everything again with the form's own rules (`checkWorkItem`, shared with
 *   `<parley-work-item>`), files by their sniffed type, and reports every refused field at once.
 * - An idempotency key is scoped to its POC. A key seen before answers with the item it created,
 *   and creates nothing, however the two requests interleave: the store's unique `request_id`
 *   lets one insert win, and the loser's files are removed.
 * - Nothing is stored unless the whole submission is accepted: a refused one leaves no row and no
 *   file behind.
 */
import { attachmentName, checkWorkItem, type AttachmentCandidate } from '../../src/core/work-item.js';
import { localizedTexts } from '../../src/core/profile.js';
import type { ChatProfile, WorkItemReceipt, WorkItemSource } from '../../src/protocol/index.js';
import { ParleyError } from '../errors.js';
import type { ContactCenter } from '../routing/contact-center.js';
import { newReference } from '../routing/elevation-rules.js';
import type { StoredWorkItem } from '../store/schema.js';
import { newId, type ConversationRow, type PocRow, type Store } from '../store/store.js';
import type { AttachmentFiles, StagedFile } from './files.js';

/** A file received for a file field, staged and sniffed. */
export interface ReceivedFile {
  fieldId: string;
  /** The file name the client sent. */
  name: string;
  staged: StagedFile;
  /** Sniffed from the content ('' when no accepted type matched). */
  type: string;
}

export interface Submission {
  poc: PocRow;
  /** The POC's profile, read once for the request (its form decides the limits and the checks). */
  profile: ChatProfile;
  /** The client's `Idempotency-Key` and whose keys they are (`sourceOf`), or null (every request then files a new item). */
  key: { scope: string; value: string } | null;
  source: WorkItemSource;
  /** Answers by field id. */
  answers: unknown;
  files: ReceivedFile[];
}

export class WorkItemIntake {
  readonly #store: Store;
  readonly #center: ContactCenter;
  readonly #files: AttachmentFiles;

  constructor(store: Store, center: ContactCenter, files: AttachmentFiles) {
    this.#store = store;
    this.#center = center;
    this.#files = files;
  }

  /** The receipt of the item filed earlier on this POC, by the same source, under `key`, if any. */
  async existing(poc: PocRow, scope: string, key: string): Promise<WorkItemReceipt | null> {
    const row = await this.#store.findByRequestId(requestIdOf(poc, scope, key));
    return row ? receiptOf(row) : null;
  }

  /**
   * Checks and stores a submission; the files are removed whatever happens unless they became
   * part of the stored item. `created` is false when the key had already filed one.
   */
  async file(submission: Submission): Promise<{ receipt: WorkItemReceipt; created: boolean }> {
    const { poc, profile, key, source, files } = submission;
    const kept: string[] = [];
    try {
      const fields = profile.workItem.fields;
      // A file over its limit was cut short while staged: report the size it claimed to exceed.
      const candidates: Record<string, AttachmentCandidate[]> = {};
      for (const file of files) (candidates[file.fieldId] ??= []).push({ name: file.name, size: file.staged.size, type: file.type });
      const checked = checkWorkItem(fields, submission.answers, candidates);
      if (!checked.ok) throw ParleyError.ofFields(checked.errors);

      const attachments = [];
      for (const [position, file] of files.entries()) {
        const id = newId('a_');
        await this.#files.keep(file.staged, id);
        kept.push(id);
        attachments.push({ id, field_id: file.fieldId, position, name: attachmentName(file.name), type: file.type, size: file.staged.size, sha256: file.staged.sha256 });
      }
      const stored: StoredWorkItem = {
        title: localizedTexts(profile, profile.defaultLocale).title,
        source,
        fields: checked.value.values,
        replyTo: checked.value.replyTo,
      };
      const reference = await this.#freshReference();
      let row: ConversationRow;
      try {
        ({ conversation: row } = await this.#store.createInteraction(
          {
            tenantId: poc.tenant_id,
            pocId: poc.id,
            skillId: poc.skill_id,
            // A web form has no visitor identity of its own: each item gets one nobody can present.
            visitorId: null,
            customerName: checked.value.customerName,
            sessionId: null,
            channel: 'workitem',
            reference,
            requestId: key ? requestIdOf(poc, key.scope, key.value) : null,
            workItem: JSON.stringify(stored),
            attachments,
          },
          null,
        ));
      } catch (err) {
        // The same key filed since the route looked it up (a double click reaching two requests
        // at once): the unique request id let the first insert win.
        const raced = key ? await this.existing(poc, key.scope, key.value) : null;
        if (raced) return { receipt: raced, created: false };
        throw err;
      }
      kept.length = 0;
      void this.#center.dispatch();
      return { receipt: receiptOf(row), created: true };
    } finally {
      await this.#files.discard(
        files.map((f) => f.staged),
        kept,
      );
    }
  }

  async #freshReference(): Promise<string> {
    for (;;) {
      const reference = newReference('workitem');
      if (!(await this.#store.referenceTaken(reference))) return reference;
    }
  }
}

/**
 * Keys are the client's: scoped to the POC and to their source (an API key's id, or `public`), so
 * two sources never collide and none can replay another's key to read its receipt.
 */
function requestIdOf(poc: PocRow, scope: string, key: string): string {
  return `wi:${poc.id}:${scope}:${key}`;
}

function receiptOf(row: ConversationRow): WorkItemReceipt {
  return { id: row.id, reference: row.reference!, createdAt: row.created_at };
}
