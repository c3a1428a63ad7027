import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * docsift webhook signatures: `X-Docsift-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`,
 * keyed by the subscription's secret (`whsec_…`, as shown) or, for a per-request `webhook_url`, by the
 * tenant's `webhook_secret`. During a secret rotation the header carries one `v1` per valid secret.
 * (The client's own copy: it never imports server code.)
 */
export const SIGNATURE_HEADER = 'x-docsift-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type WebhookVerifyFailure = 'missing_header' | 'malformed_header' | 'timestamp_out_of_tolerance' | 'signature_mismatch';
export type WebhookVerifyResult = { ok: true; timestamp: number } | { ok: false; reason: WebhookVerifyFailure };

export interface VerifyWebhookOptions {
  /** The X-Docsift-Signature header as received (a Node `IncomingHttpHeaders` value works as is). */
  header: string | string[] | null | undefined;
  /** The raw request body, byte for byte; re-serialized JSON will not verify. */
  body: string | Uint8Array;
  /** One secret, or several during a rotation (any match passes). */
  secret: string | readonly string[];
  /** Largest accepted |now − t| in seconds (default 300). */
  toleranceSeconds?: number;
  /** Now in unix seconds (for tests). */
  now?: number;
}

export function computeWebhookSignature(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** Builds a header value as docsift sends it (for tests of your own receiver). */
export function signWebhookPayload(secret: string, body: string | Uint8Array, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${computeWebhookSignature(secret, timestamp, body)}`;
}

/** Checks a delivery: parses `t` and every `v1`, refuses a stale or future `t`, compares in constant time. */
export function verifyWebhookSignature(options: VerifyWebhookOptions): WebhookVerifyResult {
  const header = Array.isArray(options.header) ? options.header[0] : options.header;
  if (!header) return { ok: false, reason: 'missing_header' };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: 'malformed_header' };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'timestamp_out_of_tolerance' };
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  for (const secret of secrets) {
    const expected = Buffer.from(computeWebhookSignature(secret, timestamp, options.body), 'hex');
    for (const candidate of candidates) {
      if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) return { ok: true, timestamp };
    }
  }
  return { ok: false, reason: 'signature_mismatch' };
}

/** Like verifyWebhookSignature, but parses and returns the event, or throws WebhookSignatureError. */
export function constructWebhookEvent<T = Record<string, unknown>>(options: VerifyWebhookOptions): T {
  const result = verifyWebhookSignature(options);
  if (!result.ok) throw new WebhookSignatureError(result.reason);
  const text = typeof options.body === 'string' ? options.body : new TextDecoder().decode(options.body);
  return JSON.parse(text) as T;
}

export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
  constructor(readonly reason: WebhookVerifyFailure) {
    super(`docsift webhook signature rejected: ${reason}`);
  }
}
