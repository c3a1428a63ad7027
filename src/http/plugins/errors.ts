import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../internal/db/connection-errors.js';
import { AppError, isAppError } from '../../internal/errors/app-error.js';
import { IdempotentReplay } from './idempotency.js';

/** The body native and Extraly clients expect: {"error": {"code", "message", "details"?}}. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A surface whose documented error shape differs registers a formatter for its URL prefix. */
export type ErrorFormatter = (err: AppError, request: FastifyRequest) => unknown;

/**
 * Turns Fastify's validation errors into per-field details: {"body.name": ["must be string"]}.
 * Field paths drop the leading slash so clients can match them to their own field names.
 */
function validationDetails(err: FastifyError): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const v of err.validation ?? []) {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = [base, missing].filter(Boolean).join('.') || (err.validationContext ?? 'body');
    (details[field] ??= []).push(missing ? `${missing} is required.` : `${field} ${v.message ?? 'is invalid'}.`);
  }
  return details;
}

/** Maps any thrown value to an AppError; unknown errors become INTERNAL_ERROR (and are logged). */
export function toAppError(err: unknown, request: FastifyRequest): AppError {
  if (isAppError(err)) return err;
  const fe = err as FastifyError;
  if (fe.validation) {
    const details = validationDetails(fe);
    const first = Object.values(details)[0]?.[0];
    return new AppError('VALIDATION_ERROR', first ?? 'The request failed validation.', details);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION_ERROR', 'The request body is not valid JSON.', { body: [fe.message] });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('FILE_TOO_LARGE', 'The request body exceeds the maximum upload size.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_FORMAT', `Content-Type '${request.headers['content-type'] ?? ''}' is not accepted here.`);
    case 'FST_FILES_LIMIT':
      return new AppError('VALIDATION_ERROR', 'Too many files in one request: at most 100.', { file: ['At most 100 files per request.'] });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('VALIDATION_ERROR', `Malformed multipart request: ${fe.message}`, { body: [fe.message] });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 413) return new AppError('FILE_TOO_LARGE', 'The request body exceeds the maximum upload size.');
    if (fe.statusCode === 415) return new AppError('UNSUPPORTED_FORMAT', fe.message);
    if (fe.statusCode === 404) return new AppError('NOT_FOUND', fe.message);
    return new AppError('VALIDATION_ERROR', fe.message, { body: [fe.message] });
  }
  if (isDatabaseUnavailable(err)) {
    // The database is down or restarting (e.g. a Postgres restart): the client should retry, not give up.
    // A refused or reset socket can also come from the S3 store, hence the message names both.
    request.log.warn({ err }, 'database or file store unavailable');
    return new AppError('SERVICE_UNAVAILABLE', 'The database or file store is unavailable; try again shortly.', undefined, { 'retry-after': '5' });
  }
  request.log.error({ err }, 'unhandled error');
  return new AppError('INTERNAL_ERROR', 'An unexpected server error occurred.');
}

export function nativeErrorBody(err: AppError): ErrorBody {
  return {
    error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) },
  };
}

/** Installs one error handler for the whole app; surfaces pick their body shape by URL prefix. */
export function installErrorHandler(app: FastifyInstance, formatters: Array<{ prefix: string; format: ErrorFormatter }>): void {
  const send = (err: AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (err.headers) reply.headers(err.headers);
    const path = request.url.split('?')[0];
    const match = formatters.find((f) => path.startsWith(f.prefix));
    reply.status(err.status).send(match ? match.format(err, request) : nativeErrorBody(err));
  };
  app.setErrorHandler((err, request, reply) => {
    if (err instanceof IdempotentReplay) {
      const { statusCode, headers, body } = err.response;
      return reply.code(statusCode).headers(headers).header('idempotent-replayed', 'true').send(body);
    }
    return send(toAppError(err, request), request, reply);
  });
  app.setNotFoundHandler((request, reply) =>
    send(new AppError('NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} does not exist.`), request, reply),
  );
}
