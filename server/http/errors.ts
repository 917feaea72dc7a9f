/**
 * HTTP error shape: every error is `{ error: { code, message, field? } }` with a 4xx status for
 * anything the client did (malformed JSON, schema violations, oversized bodies, unknown routes).
 * Only a bug answers 500, and it is logged.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ParleyError } from '../errors.js';

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (headers or URL over the
 * size limit, a malformed request line, a client too slow to send its headers) in the same
 * `{ error: { code, message } }` shape as every other error; Fastify's default answers another shape.
 * Passed as Fastify's `clientErrorHandler`.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'payload_too_large', 'the request headers or URL are too long']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'invalid_payload', 'the request took too long to arrive']
        : [400, 'Bad Request', 'invalid_payload', 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

/**
 * Answers what Fastify's router refuses before any route or error handler runs — a path that is not
 * validly percent-encoded, a path parameter over the router's length limit — in the usual shape;
 * Fastify's defaults answer another one. Passed as Fastify's `frameworkErrors`.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send({ error: { code: 'invalid_field', message: 'a part of the path is too long' } });
    return;
  }
  void reply.code(400).send({ error: { code: 'invalid_payload', message: err.code === 'FST_ERR_BAD_URL' ? 'the path is not validly percent-encoded' : 'the request cannot be routed' } });
}

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

  // A request refused before its body was read to the end (a multipart upload refused at its
  // first bad part, say) leaves the rest of the body unread; Node does not drain a body a parser
  // began to read, so the next request on that keep-alive connection would wait for minutes.
  // Whatever is left is read and dropped once the answer is out.
  app.addHook('onResponse', async (request) => {
    const raw = request.raw;
    if (!raw.readableEnded && !raw.destroyed) {
      raw.unpipe();
      raw.resume();
    }
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
