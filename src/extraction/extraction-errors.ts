import { AppError } from '../internal/errors/app-error.js';

/**
 * Why a document could not be read. The HTTP layer sees a PROCESSING_ERROR (or UNSUPPORTED_FORMAT);
 * the precise reason travels in `details.reason` so a client can tell an encrypted PDF from a
 * corrupt one without parsing the message.
 */
export type DocumentFailure =
  | 'FILE_EMPTY'
  | 'FILE_CORRUPT'
  | 'FILE_ENCRYPTED'
  | 'NO_PAGES'
  | 'TOO_MANY_PAGES'
  | 'IMAGE_TOO_LARGE'
  | 'PAGE_TOO_LARGE'
  | 'FILE_TOO_LARGE'
  | 'EMBEDDED_XML_TIMEOUT'
  | 'INVALID_PAGE_RANGE'
  | 'CANCELLED';

export function documentError(reason: DocumentFailure, message: string): AppError {
  return new AppError('PROCESSING_ERROR', message, { reason });
}

export function unsupportedMediaType(filename: string, mediaType: string): AppError {
  return new AppError(
    'UNSUPPORTED_FORMAT',
    `The file '${filename}' has media type '${mediaType}'; supported formats are PDF, PNG, JPEG, TIFF, WEBP, DOCX and plain text.`,
    { detected_type: mediaType },
  );
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw documentError('CANCELLED', 'The extraction was cancelled.');
}
