import type { AppError } from '../../internal/errors/app-error.js';

/** The embed docs' error body: `{"data": null, "error": "message"}`. */
export function embedErrorBody(err: AppError): { data: null; error: string } {
  return { data: null, error: err.message };
}

/**
 * The embed docs list 400 for a bad file type or a file over 10MB and for unprocessable input, so the
 * core's 413, 415 and 422 answer 400 here; other statuses (401, 402, 403, 404, 409, 429, 500, 503) stay.
 */
export function embedStatusCode(err: AppError): number {
  return err.status === 413 || err.status === 415 || err.status === 422 ? 400 : err.status;
}
