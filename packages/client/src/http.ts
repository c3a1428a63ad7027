import { DocsiftApiError, DocsiftNetworkError } from './errors.js';

export interface ClientOptions {
  /** The server, e.g. `http://127.0.0.1:8080` (no `/v1`). */
  baseUrl: string;
  /** An API key (sent as X-API-Key). */
  apiKey?: string;
  /** An access token from `auth.token()` (sent as Authorization: Bearer), instead of a key. */
  accessToken?: string;
  /** The operator key for `onboard` and `admin.*` (X-Setup-Key). */
  setupKey?: string;
  /** Retries after a 429, a 503 or a network error (default 3). Creating calls keep their Idempotency-Key across them. */
  maxRetries?: number;
  /** One attempt's time limit in ms (default 60000). */
  timeoutMs?: number;
  /** The longest wait between two attempts, even when Retry-After asks for more (default 60000). */
  maxRetryDelayMs?: number;
  /** The first backoff when the server gives no Retry-After (default 500 ms, doubled per retry, with jitter). */
  retryBaseDelayMs?: number;
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Called before each retry (logging, metrics). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; method: string; url: string }) => void;
}

export interface RequestOptions {
  /** Overrides the generated Idempotency-Key of a creating call; `false` sends none. */
  idempotencyKey?: string | false;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** Unix seconds. */
  reset: number | null;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly string[]>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path under the base URL, e.g. `/v1/extractions/ext_1`. */
  path: string;
  query?: Query;
  json?: unknown;
  form?: () => FormData;
  /** Send an Idempotency-Key (a random UUID unless options.idempotencyKey says otherwise). */
  idempotent?: boolean;
  /** Use X-Setup-Key instead of the API key. */
  setupAuth?: boolean;
}

const RETRY_STATUSES = new Set([429, 503]);
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Seconds to wait from a Retry-After value (delta seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - now) / 1000);
}

export class HttpClient {
  readonly baseUrl: string;
  /** The X-RateLimit-* headers of the last response that carried them. */
  lastRateLimit: RateLimitInfo | null = null;
  private readonly fetchImpl: typeof fetch;

  constructor(readonly options: ClientOptions) {
    if (!options.baseUrl) throw new TypeError('baseUrl is required');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const f = options.fetch ?? globalThis.fetch;
    if (!f) throw new TypeError('no fetch available: pass options.fetch');
    this.fetchImpl = f.bind(globalThis);
  }

  get fetch(): typeof fetch {
    return this.fetchImpl;
  }

  url(path: string, query?: Query): string {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) v.forEach((item) => url.searchParams.append(k, item));
      else url.searchParams.set(k, String(v));
    }
    return url.toString();
  }

  async json<T>(req: HttpRequest, options: RequestOptions = {}): Promise<T> {
    const res = await this.raw(req, options);
    const text = new TextDecoder().decode(res.bytes);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Sends the request, retrying 429/503/network errors with one Idempotency-Key; throws DocsiftApiError on any other non-2xx. */
  async raw(req: HttpRequest, options: RequestOptions = {}): Promise<RawResponse> {
    const url = this.url(req.path, req.query);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'docsift-client/0.1', ...this.options.headers, ...options.headers };
    if (req.setupAuth) {
      if (this.options.setupKey) headers['x-setup-key'] = this.options.setupKey;
    } else if (this.options.accessToken) headers.authorization = `Bearer ${this.options.accessToken}`;
    else if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    if (req.idempotent && options.idempotencyKey !== false) headers['idempotency-key'] = options.idempotencyKey ?? crypto.randomUUID();
    if (req.json !== undefined) headers['content-type'] = 'application/json';
    const body = req.json !== undefined ? JSON.stringify(req.json) : undefined;
    const maxRetries = options.maxRetries ?? this.options.maxRetries ?? 3;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 60_000;

    for (let attempt = 0; ; attempt++) {
      const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
      let res: Response;
      try {
        res = await this.fetchImpl(url, { method: req.method, headers, body: req.form ? req.form() : body, signal: AbortSignal.any(signals) });
      } catch (err) {
        if (options.signal?.aborted) throw options.signal.reason ?? err;
        const timedOut = (err as Error)?.name === 'TimeoutError';
        const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
        const reason = timedOut ? `timed out after ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (err as Error).message);
        if (attempt < maxRetries) {
          await this.backoff(attempt, null, reason, req.method, url, options.signal);
          continue;
        }
        throw new DocsiftNetworkError(`${req.method} ${url} failed: ${reason}`, { cause: err, timedOut });
      }
      this.recordRateLimit(res.headers);
      if (res.ok) return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
      if (RETRY_STATUSES.has(res.status) && attempt < maxRetries) {
        await res.arrayBuffer().catch(() => undefined);
        await this.backoff(attempt, retryAfter, `HTTP ${res.status}`, req.method, url, options.signal);
        continue;
      }
      throw await this.toError(res, req.method, url, retryAfter);
    }
  }

  private async backoff(attempt: number, retryAfter: number | null, reason: string, method: string, url: string, signal?: AbortSignal): Promise<void> {
    const cap = this.options.maxRetryDelayMs ?? 60_000;
    const base = this.options.retryBaseDelayMs ?? 500;
    const delayMs = Math.min(cap, retryAfter !== null ? retryAfter * 1000 : base * 2 ** attempt * (0.5 + Math.random() / 2));
    this.options.onRetry?.({ attempt: attempt + 1, delayMs, reason, method, url });
    await sleep(delayMs, signal);
  }

  private recordRateLimit(headers: Headers): void {
    const num = (name: string) => {
      const v = headers.get(name);
      return v === null || v === '' ? null : Number(v);
    };
    if (headers.has('x-ratelimit-limit') || headers.has('x-ratelimit-remaining')) {
      this.lastRateLimit = { limit: num('x-ratelimit-limit'), remaining: num('x-ratelimit-remaining'), reset: num('x-ratelimit-reset') };
    }
  }

  private async toError(res: Response, method: string, url: string, retryAfter: number | null): Promise<DocsiftApiError> {
    const text = await res.text().catch(() => '');
    let code = `HTTP_${res.status}`;
    let message = res.statusText || 'request failed';
    let details: unknown = null;
    try {
      const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } | string; message?: string };
      if (body.error && typeof body.error === 'object') {
        code = body.error.code ?? code;
        message = body.error.message ?? message;
        details = body.error.details ?? null;
      } else if (typeof body.error === 'string') message = body.message ?? body.error;
    } catch {
      if (text) message = text.slice(0, 500);
    }
    return new DocsiftApiError({ status: res.status, code, message, details, retryAfter, requestId: res.headers.get('x-request-id'), method, url });
  }
}
