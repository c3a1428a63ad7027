import type { AppError, ErrorCode } from '../../internal/errors/app-error.js';

/** Extend's documented error body (the SDK's `ApiError`). */
export interface ExtendErrorBody {
  code: string;
  message: string;
  retryable: boolean;
  requestId: string;
}

/** Extend's general error codes for docsift's; the HTTP status stays the core error's. */
const codes: Record<ErrorCode, string> = {
  VALIDATION_ERROR: 'INVALID_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INSUFFICIENT_CREDITS: 'USAGE_BLOCKED',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FILE_TYPE',
  PROCESSING_ERROR: 'INVALID_REQUEST',
  IDEMPOTENCY_MISMATCH: 'INVALID_REQUEST',
  RATE_LIMITED: 'RATE_LIMIT_EXCEEDED',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE']);

/** The field paths of a validation error, appended as Extend does ("…; Path: config.schema"). */
function pathSuffix(err: AppError): string {
  if (err.code !== 'VALIDATION_ERROR' || !err.details || typeof err.details !== 'object') return '';
  const paths = Object.keys(err.details).filter((k) => /^[\w.[\]-]+$/.test(k));
  return paths.length > 0 && !err.message.includes('Path:') ? `; Path: ${paths.join(', ')}` : '';
}

/** The core names its objects natively (parser, extraction); Extend calls them extractor and extract run. */
function inExtendTerms(message: string): string {
  return message
    .replace(/\bparser(s?)\b/g, 'extractor$1')
    .replace(/\bextraction(s?)\b/g, 'extract run$1')
    .replace(/\bparser_version\b/g, 'extractor.version');
}

/** `request` is the web request being answered; only its id is read (echoed as Extend's requestId). */
export function extendErrorBody(err: AppError, request: { id: string }): ExtendErrorBody {
  return {
    code: codes[err.code] ?? err.code,
    message: inExtendTerms(`${err.message}${pathSuffix(err)}`),
    retryable: RETRYABLE.has(err.code),
    requestId: request.id,
  };
}
