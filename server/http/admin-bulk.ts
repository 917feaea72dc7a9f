/**
 * Bulk files of points of contact (`/api/v1/admin/bulk/*`, docs/admin.md): the template and the
 * export to download, the upload that starts a job, the jobs with their progress, and each job's
 * report. A thin edge over `BulkJobs` and the POC services.
 *
 * The upload is streamed: the file part is counted as it arrives and refused with
 * `413 payload_too_large` as soon as it passes `ADMIN_LIMITS.bulkFileMaxBytes` (what follows is
 * read and dropped, never kept). Permissions are checked before the body is read.
 */
import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ADMIN_LIMITS, API_PREFIX, BULK_COLUMNS, BULK_FORMATS, BULK_MODES, type BulkFormat, type BulkMode } from '../../src/protocol/index.js';
import { requirePermission } from '../auth/permissions.js';
import type { StaffAuth } from '../auth/staff.js';
import { ParleyError } from '../errors.js';
import type { BulkJobs } from '../pocs/bulk/jobs.js';
import { CONTENT_TYPES, writePocFile } from '../pocs/bulk/write.js';
import type { CatalogAdmin } from '../pocs/catalog.js';
import type { PocAdmin } from '../pocs/pocs.js';
import { errorBody } from './admin-schemas.js';

export interface BulkServices {
  auth: StaffAuth;
  jobs: BulkJobs;
  pocs: PocAdmin;
  catalog: CatalogAdmin;
}

const B = `${API_PREFIX}/admin/bulk`;
const SECURITY: { [scheme: string]: string[] }[] = [{ staffSession: [] }, { apiToken: [] }];
/** Multipart overhead allowed beyond the file itself when a Content-Length is declared. */
const MULTIPART_SLACK = 64 * 1024;
/** Statuses of the file refusals (the shared table answers 400 for codes it does not list). */
const STATUS_OF: Partial<Record<string, number>> = { payload_too_large: 413, unsupported_media_type: 415 };

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const obj = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({ type: 'object', properties, required, additionalProperties: false }) as const;

const bulkJob = obj({
  id: str,
  fileName: str,
  format: { type: 'string', enum: [...BULK_FORMATS] },
  mode: { type: 'string', enum: [...BULK_MODES] },
  status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
  actor: str,
  total: int,
  processed: int,
  created: int,
  updated: int,
  unchanged: int,
  skipped: int,
  failed: int,
  error: nullableStr,
  startedAt: str,
  finishedAt: nullableStr,
});
const rowResult = obj({
  row: int,
  outcome: { type: 'string', enum: ['created', 'updated', 'unchanged', 'skipped', 'failed'] },
  pocId: nullableStr,
  column: { type: ['string', 'null'], enum: [...BULK_COLUMNS, null] },
  reason: nullableStr,
});
const formatQuery = obj({ format: { type: 'string', enum: [...BULK_FORMATS], default: 'csv' } }, []);
const idParams = obj({ id: { type: 'string', maxLength: 64 } });
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody } as const;
/** A file answer, for the OpenAPI document (the bytes are sent as they are). */
const fileAnswer = (what: string) => ({
  description: `${what}: CSV (UTF-8 with BOM) or XLSX, as a download`,
  content: Object.fromEntries(BULK_FORMATS.map((f) => [CONTENT_TYPES[f].split(';')[0], { schema: { type: 'string', format: 'binary' } }])),
});

const doc = (summary: string, schema: Record<string, unknown>, ok: Record<number, unknown>, more: Record<number, unknown> = {}) => ({
  schema: { tags: ['bulk'], summary, security: SECURITY, ...schema, response: { ...ok, ...errors, ...more } },
});

export function adminBulkRoutes(app: FastifyInstance, { auth, jobs, pocs, catalog }: BulkServices): void {
  const actor = auth.actorFor.bind(auth);

  app.get<{ Querystring: { format?: BulkFormat } }>(
    `${B}/template`,
    doc('Download the empty bulk file, CSV or XLSX (poc.view)', { querystring: formatQuery }, { 200: fileAnswer('The header row and no data') }),
    async (request, reply) => {
      const who = await actor(request);
      requirePermission(who, 'poc.view');
      const format = request.query.format ?? 'csv';
      return download(reply, format, `points-of-contact-template.${format}`, await writePocFile(format, [], [], []));
    },
  );

  app.get<{ Querystring: { format?: BulkFormat } }>(
    `${B}/export`,
    doc('Download every point of contact as a bulk file, CSV or XLSX (poc.view)', { querystring: formatQuery }, { 200: fileAnswer("The tenant's points of contact, one per row") }),
    async (request, reply) => {
      const who = await actor(request);
      const format = request.query.format ?? 'csv';
      const [list, skills, scripts] = await Promise.all([pocs.list(who), catalog.skills(who), catalog.scripts(who)]);
      const day = new Date().toISOString().slice(0, 10);
      return download(reply, format, `points-of-contact-${day}.${format}`, await writePocFile(format, list, skills, scripts));
    },
  );

  app.post(
    `${B}/jobs`,
    {
      ...doc(
        'Upload a bulk file (.csv or .xlsx, at most 10 MB and 50 000 rows) and start applying it (poc.create and poc.edit). Multipart: the field `mode` (`all` or `modified`), then the field `file`. A file that cannot be read is refused here; row errors are in the job.',
        { consumes: ['multipart/form-data'] },
        { 202: obj({ job: bulkJob }) },
        { 413: errorBody, 415: errorBody },
      ),
    },
    async (request, reply) => {
      try {
        const who = await actor(request);
        requirePermission(who, 'poc.create', 'poc.edit');
        if (!request.isMultipart()) throw new ParleyError('unsupported_media_type', 'send the file as multipart/form-data: the field mode, then the field file', 'file');
        const declared = Number(request.headers['content-length']);
        if (declared > ADMIN_LIMITS.bulkFileMaxBytes + MULTIPART_SLACK) throw tooLarge();
        let mode: string | undefined;
        let file: { name: string; buffer: Buffer } | undefined;
        const parts = request.parts({ limits: { fileSize: ADMIN_LIMITS.bulkFileMaxBytes + 1, files: 1, fields: 4, fieldSize: 1024, parts: 5 } });
        try {
          for await (const part of parts) {
            if (part.type === 'field') {
              if (part.fieldname !== 'mode') throw new ParleyError('invalid_field', `unknown field "${part.fieldname.slice(0, 40)}"; send mode and file`, part.fieldname.slice(0, 40));
              mode = String(part.value);
              continue;
            }
            if (part.fieldname !== 'file') throw new ParleyError('invalid_field', `unknown file field "${part.fieldname.slice(0, 40)}"; send the file as the field file`, part.fieldname.slice(0, 40));
            // The format comes from the name before a byte is kept; the content is checked against it.
            formatOf(part.filename);
            // Counted as it arrives: the refusal goes out at the first byte too many, not at the end of the body.
            const chunks: Buffer[] = [];
            let size = 0;
            for await (const chunk of part.file) {
              size += (chunk as Buffer).length;
              if (size > ADMIN_LIMITS.bulkFileMaxBytes) throw tooLarge();
              chunks.push(chunk as Buffer);
            }
            file = { name: part.filename, buffer: Buffer.concat(chunks) };
          }
        } catch (err) {
          throw malformed(err);
        }
        if (mode === undefined) throw new ParleyError('invalid_field', `mode is required: ${BULK_MODES.join(' or ')}`, 'mode');
        if (!(BULK_MODES as readonly string[]).includes(mode)) throw new ParleyError('invalid_field', `mode must be ${BULK_MODES.join(' or ')}`, 'mode');
        if (!file) throw new ParleyError('invalid_field', 'file is required: a .csv or .xlsx file', 'file');
        const job = await jobs.start(who, { fileName: file.name, format: formatOf(file.name), mode: mode as BulkMode, buffer: file.buffer });
        return reply.code(202).send({ job });
      } catch (err) {
        const status = err instanceof ParleyError ? STATUS_OF[err.code] : undefined;
        if (status === undefined) throw err;
        // The rest of a refused body is read and dropped, never kept: closing the connection instead
        // would reset it under the client's feet, and it would see a network error, not the 413.
        return reply.code(status).send({ error: (err as ParleyError).toJSON() });
      }
    },
  );

  app.get(`${B}/jobs`, doc("The tenant's latest bulk jobs, newest first (poc.view)", {}, { 200: obj({ jobs: { type: 'array', items: bulkJob } }) }), async (request) => ({
    jobs: await jobs.list(await actor(request)),
  }));

  app.get<{ Params: { id: string } }>(
    `${B}/jobs/:id`,
    doc('A bulk job with its progress and its failed rows (poc.view)', { params: idParams }, { 200: obj({ job: bulkJob, failures: { type: 'array', items: rowResult } }) }),
    async (request) => jobs.detail(await actor(request), request.params.id),
  );

  app.get<{ Params: { id: string }; Querystring: { format?: BulkFormat } }>(
    `${B}/jobs/:id/report`,
    doc("A bulk job's report: every row's outcome, with column and reason for the failed ones (poc.view)", { params: idParams, querystring: formatQuery }, { 200: fileAnswer('Row, Outcome, Point of contact id, Column, Reason') }),
    async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const { job, file } = await jobs.report(await actor(request), request.params.id, format);
      return download(reply, format, `bulk-report-${job.id}.${format}`, file);
    },
  );
}

function tooLarge(): ParleyError {
  return new ParleyError('payload_too_large', `the file is larger than ${ADMIN_LIMITS.bulkFileMaxBytes / 1024 / 1024} MB; split it into several files`, 'file');
}

/** The format a file name says: `.csv` or `.xlsx`; anything else is refused. */
function formatOf(name: string | undefined): BulkFormat {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name ?? '')?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'xlsx') return extension;
  if (extension === 'xls') throw new ParleyError('unsupported_media_type', 'files from older Excel versions (.xls) are not read: save the file as .xlsx or as CSV UTF-8', 'file');
  throw new ParleyError('unsupported_media_type', `a bulk file is a .csv or .xlsx file${extension ? `, not .${extension}` : ''}`, 'file');
}

/** Errors while reading the multipart body: ours as they are, the parser's as a malformed body. */
function malformed(err: unknown): unknown {
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (err instanceof ParleyError) return err;
  if (e.statusCode === 413) return new ParleyError('payload_too_large', 'the request is too large: send one file and the field mode', 'file');
  if (typeof e.statusCode === 'number' || (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code))) return err;
  return new ParleyError('invalid_payload', `the multipart body is malformed: ${e.message ?? 'unreadable'}`);
}

function download(reply: FastifyReply, format: BulkFormat, name: string, file: Buffer) {
  return reply
    .header('Content-Type', CONTENT_TYPES[format])
    .header('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store')
    .send(file);
}
