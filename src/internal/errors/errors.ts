import { AppError, type ErrorDetails } from './app-error.js';

/** One factory per error, so messages stay consistent across surfaces. */
export const errors = {
  validation: (message: string, details?: ErrorDetails) => new AppError('VALIDATION_ERROR', message, details),
  fieldInvalid: (field: string, message: string) =>
    new AppError('VALIDATION_ERROR', message, { [field]: [message] }),
  unauthorized: (message = 'Missing or invalid authentication credentials.') =>
    new AppError('UNAUTHORIZED', message),
  forbidden: (message = 'You do not have permission to access this resource.') =>
    new AppError('FORBIDDEN', message),
  notFound: (kind: string, id?: string) =>
    new AppError('NOT_FOUND', id ? `The ${kind} '${id}' does not exist.` : `The ${kind} does not exist.`),
  conflict: (message: string) => new AppError('CONFLICT', message),
  insufficientCredits: (needed: number, balance: number) =>
    new AppError('INSUFFICIENT_CREDITS', `This request needs ${needed} credit${needed === 1 ? '' : 's'}; the balance is ${balance}.`, {
      needed,
      balance,
    }),
  fileTooLarge: (limitBytes: number) =>
    new AppError(
      'FILE_TOO_LARGE',
      `The file exceeds the maximum upload size of ${Math.round((limitBytes / 1024 / 1024) * 10) / 10} MB.`,
    ),
  requestTooLarge: (limitBytes: number) =>
    new AppError(
      'FILE_TOO_LARGE',
      `The request's files exceed the limit of ${Math.round((limitBytes / 1024 / 1024) * 10) / 10} MB in total (DOCSIFT_MAX_REQUEST_MB); send them in several requests.`,
    ),
  unsupportedFormat: (filename: string, detected: string | undefined) =>
    new AppError(
      'UNSUPPORTED_FORMAT',
      `The file '${filename}' is ${detected ? `a ${detected} file` : 'of an unrecognized format'}; supported formats are PDF, PNG, JPEG, TIFF, WEBP, DOCX and plain text.`,
      { detected_type: detected ?? null },
    ),
  processing: (message: string) => new AppError('PROCESSING_ERROR', message),
  idempotencyMismatch: () =>
    new AppError(
      'IDEMPOTENCY_MISMATCH',
      'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
    ),
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('RATE_LIMITED', `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds.`, undefined, {
      'retry-after': String(retryAfterSeconds),
    }),
  unavailable: (message = 'The service is temporarily unavailable.') => new AppError('SERVICE_UNAVAILABLE', message),
};
