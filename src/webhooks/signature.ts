import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * docsift's webhook signature (docs/product.md, "Webhooks"):
 *   X-Docsift-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
 * keyed by the secret string exactly as shown (UTF-8, `whsec_` prefix included). Signing the
 * timestamp with the body lets receivers refuse replays of an old request. During a secret rotation
 * with overlap the header carries one v1 per valid secret; a receiver accepts any of them.
 */
export const SIGNATURE_HEADER = 'X-Docsift-Signature';

/** The default tolerance receivers should allow between `t` and their clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function computeSignature(options: { secret: string; timestamp: number; body: string | Buffer }): string {
  return createHmac('sha256', options.secret)
    .update(`${options.timestamp}.`)
    .update(options.body)
    .digest('hex');
}

/** The X-Docsift-Signature value for a body, signed by each of `secrets` (current first). */
export function signWebhookPayload(options: { secrets: string | readonly string[]; timestamp: number; body: string | Buffer }): string {
  const secrets = typeof options.secrets === 'string' ? [options.secrets] : options.secrets;
  if (secrets.length === 0) throw new Error('signWebhookPayload needs at least one secret');
  const parts = secrets.map((secret) => `v1=${computeSignature({ secret, timestamp: options.timestamp, body: options.body })}`);
  return [`t=${options.timestamp}`, ...parts].join(',');
}

export type VerifyResult =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing_header' | 'malformed_header' | 'timestamp_out_of_tolerance' | 'signature_mismatch' };

export interface VerifyWebhookOptions {
  /** The X-Docsift-Signature header as received. */
  header: string | string[] | undefined | null;
  /** The raw request body, byte for byte (not re-serialized JSON). */
  body: string | Buffer;
  /** The subscription's secret (or the tenant's webhook_secret for a per-request webhook_url). */
  secret: string;
  /** Largest accepted difference between `t` and now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** Now, in unix seconds (injectable for tests). */
  now?: number;
}

/**
 * Verifies a delivery the way a receiver should: parse `t` and every `v1`, refuse a `t` outside the
 * tolerance, compare in constant time. Exported for receivers written in TypeScript and for tests.
 */
export function verifyWebhookSignature(options: VerifyWebhookOptions): VerifyResult {
  const header = Array.isArray(options.header) ? options.header[0] : options.header;
  if (!header) return { ok: false, reason: 'missing_header' };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: 'malformed_header' };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: 'timestamp_out_of_tolerance' };
  const expected = Buffer.from(computeSignature({ secret: options.secret, timestamp, body: options.body }), 'hex');
  const match = candidates.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  return match ? { ok: true, timestamp } : { ok: false, reason: 'signature_mismatch' };
}
