/**
 * Work-item HTTP API (docs/work-items.md):
 * - `POST /api/v1/pocs/:poc/work-items` — public intake: `<parley-work-item>` posts here from any
 *   website; other systems post server to server with `Authorization: Bearer <API key>`.
 *   `multipart/form-data` (answers as text parts, files as file parts, each named by field id) or
 *   `application/json` (answers only). `Idempotency-Key` makes a retry safe: the same key answers
 *   200 with the first receipt, a new item 201.
 * - `GET /api/v1/agent/attachments/:id` — an agent downloads a file of a work item they hold or
 *   are offered; always as a download, never rendered by the browser.
 */
import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX, LIMITS, type WorkItemSource } from '../../src/protocol/index.js';
import { hashToken } from '../auth/passwords.js';
import { bearerToken, STAFF_COOKIE, type StaffAuth } from '../auth/staff.js';
import { readPermissions } from '../auth/permissions.js';
import { ParleyError } from '../errors.js';
import { addressKey, type ClientLimits } from '../limits/limits.js';
import { requireActive, type ContactCenter } from '../routing/contact-center.js';
import type { PocRow, Store } from '../store/store.js';
import type { AttachmentFiles } from '../work-items/files.js';
import type { ReceivedFile, WorkItemIntake } from '../work-items/intake.js';

/** Longest text part read from a multipart body (a long-text answer in UTF-8, with room to spare). */
const FIELD_PART_BYTES = 64 * 1024;

export function workItemRoutes(
  app: FastifyInstance,
  deps: { store: Store; center: ContactCenter; intake: WorkItemIntake; files: AttachmentFiles; auth: StaffAuth; limits: ClientLimits },
): void {
  const { store, center, intake, files, auth } = deps;

  // The rate limit is checked when the request arrives, before its body is read or parsed.
  const limited = { onRequest: async (request: FastifyRequest) => deps.limits.workItem(addressKey(request.ip)) };
  app.post<{ Params: { poc: string } }>(`${API_PREFIX}/pocs/:poc/work-items`, limited, async (request, reply) => {
    // A retry whose first answer was lost gets its item even if the POC was deactivated since.
    const filedOn = await center.workItemPoc(request.params.poc, { evenInactive: true });
    const key = idempotencyKey(request);
    const { source, keyScope } = await sourceOf(request, filedOn, store);
    if (key) {
      const earlier = await intake.existing(filedOn, keyScope, key);
      if (earlier) return reply.code(200).header('Idempotent-Replayed', 'true').send(earlier);
    }
    const poc = requireActive(filedOn);
    const { profile } = await center.chatProfile(poc);
    const received: ReceivedFile[] = [];
    let answers: unknown;
    if (request.isMultipart()) {
      const limits = new Map(profile.workItem.fields.filter((f) => f.type === 'file').map((f) => [f.id, f.maxFileBytes]));
      const maxFiles = profile.workItem.fields.reduce((n, f) => n + f.maxFiles, 0);
      const text: Record<string, unknown> = Object.create(null);
      try {
        const parts = request.parts({
          limits: {
            // Each file's own limit is enforced while staging; these only bound the request.
            fileSize: LIMITS.attachmentMaxBytes + 1,
            files: maxFiles + LIMITS.attachmentMaxFiles,
            fields: profile.workItem.fields.length + 20,
            fieldSize: FIELD_PART_BYTES,
            parts: profile.workItem.fields.length + maxFiles + 40,
          },
        });
        for await (const part of parts) {
          if (part.type === 'file') {
            // A field that takes no files stages nothing (limit 0) and is refused by the check.
            const staged = await files.stage(part.file, limits.get(part.fieldname) ?? 0);
            // Listed before sniffing, so a failure from here on still removes the file.
            const file: ReceivedFile = { fieldId: part.fieldname, name: fileName(part.filename), staged, type: '' };
            received.push(file);
            if (!staged.tooLarge && staged.size > 0) file.type = await files.sniffType(staged.path);
          } else {
            if (part.valueTruncated) throw new ParleyError('invalid_field', `${part.fieldname.slice(0, 64)} is longer than a form field can be`, part.fieldname.slice(0, 64));
            // A field sent twice is kept as a list, which no field accepts: refused, not guessed.
            const value = part.value;
            const before = text[part.fieldname];
            text[part.fieldname] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
          }
        }
      } catch (err) {
        await files.discard(received.map((f) => f.staged));
        throw malformed(err);
      }
      answers = { ...text };
    } else {
      // Whatever JSON came (null, a list…): the check refuses anything but an object.
      answers = request.body;
    }
    const { receipt, created } = await intake.file({ poc, profile, key: key ? { scope: keyScope, value: key } : null, source, answers, files: received });
    if (!created) reply.header('Idempotent-Replayed', 'true');
    return reply.code(created ? 201 : 200).send(receipt);
  });

  app.get<{ Params: { id: string } }>(`${API_PREFIX}/agent/attachments/:id`, async (request, reply) => {
    const user = await auth.userFor(request.cookies[STAFF_COOKIE]);
    if (!user) throw new ParleyError('not_authenticated', 'sign in first');
    const attachment = await center.agentAttachment(user, request.params.id);
    return sendDownload(reply, attachment, files);
  });
}

/**
 * What a failure while reading a multipart body means for the client: the plugin's own limits
 * carry a 4xx status; a body cut short or garbled (busboy's parse errors have neither a status nor
 * a system error code) is `invalid_payload`; a system error (the disk) stays a server error.
 */
function malformed(err: unknown): unknown {
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (err instanceof ParleyError || typeof e.statusCode === 'number' || (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code))) return err;
  return new ParleyError('invalid_payload', `the multipart body is malformed: ${e.message ?? 'unreadable'}`);
}

/**
 * A file name as browsers send it: the HTML form encoding writes `"` as `%22` and line breaks as
 * `%0A`/`%0D` (busboy leaves them so); they are turned back, line breaks into spaces.
 */
function fileName(raw: string | undefined): string {
  return (raw ?? '').replace(/%22/g, '"').replace(/%0[AD]/gi, ' ');
}

/** The `Idempotency-Key` header: absent, or 1–64 letters, digits, `-` or `_`. */
function idempotencyKey(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(raw)) {
    throw new ParleyError('invalid_field', 'the Idempotency-Key header must be 1–64 letters, digits, - or _', 'Idempotency-Key');
  }
  return raw;
}

/**
 * Where a submission comes from: `api` with a valid API key of the POC's tenant (a wrong key is
 * refused, never taken as anonymous), else `chat` when the chat's "leave a message" says so,
 * else `web`. `keyScope` is whose idempotency keys these are: each API key's own, and one scope
 * for the public form, so nobody replays another source's key to read its receipt.
 */
async function sourceOf(request: FastifyRequest, poc: PocRow, store: Store): Promise<{ source: WorkItemSource; keyScope: string }> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const key = bearerToken(request);
    const row = key ? await store.findApiKey(hashToken(key)) : undefined;
    if (!row) throw new ParleyError('not_authenticated', 'the API key is not valid (Authorization: Bearer <key>)', 'Authorization');
    if (row.tenant_id !== poc.tenant_id || !readPermissions(row.permissions).includes('workitem.file')) {
      throw new ParleyError('forbidden', 'this API key cannot file work items on this point of contact', 'Authorization');
    }
    await store.touchApiKey(row.id);
    return { source: 'api', keyScope: row.id };
  }
  return { source: request.headers['x-parley-source'] === 'chat' ? 'chat' : 'web', keyScope: 'public' };
}

/** A value for `filename*=UTF-8''…`: percent-encoded, `'()*` included (RFC 5987's attr-char). */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Sends a stored file as a download: the sniffed type, `nosniff`, `attachment` with the file's
 * name (RFC 6266: an ASCII fallback and the UTF-8 name), and a sandboxing CSP in case a browser
 * renders it anyway.
 */
function sendDownload(reply: FastifyReply, attachment: { id: string; name: string; type: string; size: number }, files: AttachmentFiles) {
  const ascii = attachment.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('Content-Type', attachment.type === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.type)
    .header('Content-Length', String(attachment.size))
    .header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(attachment.name)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .send(files.read(attachment.id));
}
