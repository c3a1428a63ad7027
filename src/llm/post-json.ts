import { LlmError } from './llm-provider.js';

export interface RetryPolicy {
  /** One request's time limit, connect to last byte. */
  timeoutMs: number;
  /** Retries after the first try, on 429, 5xx, timeouts and network errors. */
  maxRetries: number;
  /** The first retry's delay when the server gives no Retry-After; doubled per retry. */
  backoffMs: number;
}

export interface PostResult {
  status: number;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  attempts: number;
}

/** A Retry-After beyond this is not waited for: the call fails and the document's job can retry later. */
const MAX_RETRY_AFTER_MS = 120_000;

/**
 * POSTs JSON and reads the answer, retrying what is worth retrying: 429 (after the server's
 * Retry-After when it gives one), 5xx, timeouts and dropped connections, with exponential backoff
 * and jitter. Other statuses are returned to the caller, which knows what a 400 means for it.
 */
export async function postJson(opts: {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  policy: RetryPolicy;
  signal?: AbortSignal;
}): Promise<PostResult> {
  const { policy } = opts;
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) throw new LlmError('aborted', 'the LLM call was cancelled');
    const last = attempt > policy.maxRetries;
    let response: Response;
    let text: string;
    try {
      const signals = [AbortSignal.timeout(policy.timeoutMs), ...(opts.signal ? [opts.signal] : [])];
      response = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...opts.headers },
        body: JSON.stringify(opts.body),
        signal: AbortSignal.any(signals),
        redirect: 'error',
      });
      text = await response.text();
    } catch (err) {
      if (opts.signal?.aborted) throw new LlmError('aborted', 'the LLM call was cancelled', { cause: err });
      const timedOut = (err as { name?: string }).name === 'TimeoutError';
      if (last) {
        throw timedOut
          ? new LlmError('timeout', `the LLM did not answer within ${policy.timeoutMs} ms (${attempt} attempts)`, { cause: err })
          : new LlmError('network', `the LLM server could not be reached at ${new URL(opts.url).origin}: ${(err as Error).message} (${attempt} attempts)`, { cause: err });
      }
      await sleep(backoff(policy, attempt), opts.signal);
      continue;
    }
    const body = parseBody(text);
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable) return { status: response.status, body, attempts: attempt };
    if (last) {
      const detail = describeError(body);
      throw response.status === 429
        ? new LlmError('rate_limited', `the LLM server kept answering 429 (rate limited) after ${attempt} attempts${detail}`, { status: 429 })
        : new LlmError('server_error', `the LLM server answered ${response.status} after ${attempt} attempts${detail}`, { status: response.status });
    }
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfter !== null && retryAfter > MAX_RETRY_AFTER_MS) {
      throw new LlmError('rate_limited', `the LLM server asks to wait ${Math.round(retryAfter / 1000)} s (Retry-After), longer than docsift waits`, { status: response.status });
    }
    await sleep(retryAfter ?? backoff(policy, attempt), opts.signal);
  }
}

/** Exponential backoff with ±25% jitter, so parallel documents don't retry in lockstep. */
function backoff(policy: RetryPolicy, attempt: number): number {
  const base = policy.backoffMs * 2 ** (attempt - 1);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The server's own error message, when it sent one (OpenAI and Anthropic both use `error.message`). */
export function describeError(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === 'string') return `: ${message.slice(0, 300)}`;
  if (typeof body === 'string' && body.trim()) return `: ${body.trim().slice(0, 300)}`;
  return '';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmError('aborted', 'the LLM call was cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
