/**
 * Thrown by a handler when retrying cannot help (a corrupt file, a deleted row): the job goes straight to
 * dead with this message as its last error instead of burning its remaining attempts.
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}
