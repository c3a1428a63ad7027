/** Base class of every error the client throws. */
export class DocsiftError extends Error {
  override name = 'DocsiftError';
}

/** The server answered with an error body: `{"error": {code, message, details}}` and an HTTP status. */
export class DocsiftApiError extends DocsiftError {
  override name = 'DocsiftApiError';
  readonly status: number;
  /** The error code, e.g. `VALIDATION_ERROR`, `NOT_FOUND`, `RATE_LIMITED`, `INSUFFICIENT_CREDITS`. */
  readonly code: string;
  readonly details: unknown;
  /** Seconds from the Retry-After header (429, 503), when present. */
  readonly retryAfter: number | null;
  readonly requestId: string | null;
  readonly method: string;
  readonly url: string;

  constructor(init: { status: number; code: string; message: string; details?: unknown; retryAfter?: number | null; requestId?: string | null; method: string; url: string }) {
    super(`${init.code}: ${init.message} (HTTP ${init.status} ${init.method} ${init.url})`);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.requestId = init.requestId ?? null;
    this.method = init.method;
    this.url = init.url;
  }
}

/** The request never got an HTTP answer: connection refused, DNS, reset, or the per-request timeout. */
export class DocsiftNetworkError extends DocsiftError {
  override name = 'DocsiftNetworkError';
  readonly timedOut: boolean;
  constructor(message: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.timedOut = options.timedOut ?? false;
  }
}

/** `createAndPoll` / `waitFor` gave up before the extraction finished; `extraction` is the last status seen. */
export class DocsiftPollTimeoutError extends DocsiftError {
  override name = 'DocsiftPollTimeoutError';
  readonly extraction: unknown;
  constructor(message: string, extraction: unknown) {
    super(message);
    this.extraction = extraction;
  }
}
