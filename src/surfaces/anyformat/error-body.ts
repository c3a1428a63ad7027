import type { AppError } from '../../internal/errors/app-error.js';

/**
 * anyformat's API is a Django REST framework service; its errors are DRF's `{"detail": "…"}`. docsift
 * adds the machine-readable `code` and, for validation errors, the per-field messages in `errors`.
 */
export function anyformatErrorBody(err: AppError) {
  return {
    detail: err.message,
    code: err.code.toLowerCase(),
    ...(err.code === 'VALIDATION_ERROR' && err.details !== undefined ? { errors: err.details } : {}),
  };
}
