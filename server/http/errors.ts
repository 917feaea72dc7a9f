/**
 * HTTP error shape: every error is `{ error: { code, message, field? } }` with a 4xx status for
 * anything the client did (malformed JSON, schema violations, oversized bodies, unknown routes).
 * Only a bug answers 500, and it is logged.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ParleyError } from '../errors.js';

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ParleyError | Error, request, reply) => {
    if (err instanceof ParleyError) {
      if (err.retryAfter !== undefined) reply.header('Retry-After', String(err.retryAfter));
      return reply.code(err.status).send({ error: err.toJSON() });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const params = first?.params as { missingProperty?: string; additionalProperty?: string } | undefined;
      if (params?.additionalProperty !== undefined) {
        const unknown = params.additionalProperty.slice(0, 40);
        return reply.code(400).send({ error: { code: 'invalid_field', message: `unknown field "${unknown}"`, field: unknown } });
      }
      const field =
        params?.missingProperty ??
        first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ??
        undefined;
      return reply.code(400).send({ error: { code: 'invalid_field', message: fe.message, ...(field ? { field } : {}) } });
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.statusCode === 413 ? 'payload_too_large' : fe.statusCode === 415 ? 'unsupported_media_type' : 'invalid_payload';
      return reply.code(fe.statusCode).send({ error: { code, message: fe.message } });
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal_error', message: 'something went wrong on the server' } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
