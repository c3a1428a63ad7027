import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { classifyAddress, isIpLiteral, stripBrackets } from './ip-address.js';
import { assertAllowedAddress, checkUrlShape, createGuardedLookup, resolveWithDns, type NetworkPolicy, type ResolveHost } from './ssrf-guard.js';

export interface GuardedRequestOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  policy: NetworkPolicy;
  /** The whole exchange (connect, send, response headers and the body read) must finish within it. */
  timeoutMs: number;
  /** Aborts the request early (e.g. the job queue is stopping). */
  signal?: AbortSignal;
  /** Response bytes kept; the rest is not read (default 1024). */
  maxResponseBytes?: number;
  resolve?: ResolveHost;
}

export interface GuardedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The first maxResponseBytes of the body. */
  body: Buffer;
  /** True when the body was longer than what was kept. */
  truncated: boolean;
}

export class RequestTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * One outbound HTTP request behind the SSRF guard. Built on node:http rather than fetch so the socket's
 * DNS lookup can be replaced: the guarded lookup checks the addresses and the connection is pinned to
 * them (no DNS rebinding between check and connect). Redirects are never followed: a 3xx comes back as
 * a response like any other, for the caller to treat as it sees fit (webhooks count it as a failure).
 * No connection is pooled, so every request is checked afresh.
 */
export async function sendGuardedRequest(options: GuardedRequestOptions): Promise<GuardedResponse> {
  const url = checkUrlShape(options.url);
  const host = stripBrackets(url.hostname);
  // Node does not call `lookup` for IP literals, so those are checked here.
  if (isIpLiteral(host)) assertAllowedAddress(classifyAddress(host).address, options.policy);
  const maxBytes = options.maxResponseBytes ?? 1024;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const client = url.protocol === 'https:' ? https : http;
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');

  return new Promise<GuardedResponse>((resolve, reject) => {
    // A promise settles once, so a late error after the response was kept is ignored.
    const fail = (err: unknown) => reject(timeout.aborted ? new RequestTimeoutError(options.timeoutMs) : err);
    const req = client.request(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers: { ...options.headers, ...(body ? { 'content-length': String(body.length) } : {}), connection: 'close' },
        agent: false,
        lookup: createGuardedLookup(options.policy, options.resolve ?? resolveWithDns),
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let done = false;
        const finish = (truncated: boolean) => {
          if (done) return;
          done = true;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated });
        };
        res.on('data', (chunk: Buffer) => {
          if (kept + chunk.length <= maxBytes) {
            chunks.push(chunk);
            kept += chunk.length;
            return;
          }
          chunks.push(chunk.subarray(0, maxBytes - kept));
          kept = maxBytes;
          // Enough read: stop downloading instead of draining a large (or endless) body.
          finish(true);
          res.destroy();
        });
        res.on('end', () => finish(false));
        res.on('error', (err) => (done ? undefined : fail(err)));
        res.on('close', () => (done ? undefined : fail(new Error('the connection closed before the response ended'))));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
