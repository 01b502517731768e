/**
 * The one error handler: domain errors with their code, validation errors naming the field,
 * database outages as 503, and anything unexpected as a 500 with no details leaked. What is
 * refused before any route runs (a URL that does not decode, what Node's HTTP parser refuses)
 * gets the same shape: Fastify's own answers there are `{ error: "Bad Request", ... }`.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '../../../shared/src/errors.js';
import { DomainError } from '../errors.js';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now
  '08000',
  '08003',
  '08006',
  '57014', // statement_timeout: a statement, or its wait for a lock, ran past the limit
  '25P03', // idle_in_transaction_session_timeout ended the session
  '57P05', // idle_session_timeout ended the session
  '53300', // too many connections
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  const message = e.message ?? '';
  // pg's own words: a connection cut, a pool with no free client in time, a connect or a query
  // that got no answer in time (and the connection dropped after one: postgres-pool.ts).
  return /Connection terminated|timeout exceeded when trying to connect|timeout expired|Query read timeout|Client has encountered a connection error|Client was closed and is not queryable|PGlite is closed/i.test(
    message,
  );
}

function send(reply: FastifyReply, status: number, code: ErrorCode, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, ...(details !== undefined ? { details } : {}) } };
  return reply.status(status).send(body);
}

/** Postgres constraint names that mean a client lost a race, not that the server broke. */
function constraintConflict(error: unknown): DomainError | null {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'tickets_one_active_per_counter') {
    return new DomainError('counter_busy', 'the counter already has a ticket in hand');
  }
  if (e.code === '23505' && e.constraint === 'feedback_pkey') {
    return new DomainError('feedback_exists', 'this ticket has already been rated');
  }
  return null;
}

/**
 * Fastify's `frameworkErrors`: a URL whose escapes do not decode (400), a path parameter past
 * maxParamLength (414). The URL is not echoed: it is the client's text, and may be long.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL')
    return send(
      reply,
      400,
      'bad_request',
      'the URL does not decode: a % not followed by two hex digits, or not UTF-8',
    );
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return send(reply, 414, 'bad_request', 'a part of the URL path is longer than any id or token');
  return send(reply, 500, 'internal', 'something went wrong on our side; it has been logged');
}

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the bytes (a lying or doubled length, a
 * bad chunk, a control character in a header, headers past 16 KiB, a request too slow to come).
 * There is no request to reply to, so the answer is written on the socket, which then closes.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'the request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'the request headers are larger than 16 KiB']
        : [400, 'the request is not well-formed HTTP'];
  const body = JSON.stringify({ error: { code: 'bad_request', message } } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError)
      return send(reply, error.status, error.code, error.message, error.details);
    if (error.validation) {
      const first = error.validation[0];
      const field =
        (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') ||
        (first?.params as { missingProperty?: string; additionalProperty?: string } | undefined)
          ?.missingProperty ||
        (first?.params as { additionalProperty?: string } | undefined)?.additionalProperty ||
        error.validationContext ||
        '';
      const where = error.validationContext ?? 'request';
      const message = `${where}${field && field !== where ? `.${field}` : ''} ${first?.message ?? 'is invalid'}`;
      return send(reply, 400, 'validation_failed', message, {
        in: where,
        field,
        reason: first?.message,
        params: first?.params,
      });
    }
    const conflict = constraintConflict(error);
    if (conflict) return send(reply, conflict.status, conflict.code, conflict.message);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return send(reply, 503, 'database_unavailable', 'the database cannot be reached; try again shortly');
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, unsupported media type, body too large.
      return send(reply, status, status === 429 ? 'rate_limited' : 'bad_request', error.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, 500, 'internal', 'something went wrong on our side; it has been logged');
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
  );
}
