import { describe, expect, it } from 'vitest';
import { docsiftScheme } from './docsift-scheme.js';
import { computeSignature, signWebhookPayload, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test-secret';
const body = '{"id":"evt_1","type":"document.completed"}';
const t = 1_760_000_000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 and verifies it', () => {
    const header = signWebhookPayload({ secrets: secret, timestamp: t, body });
    expect(header).toBe(`t=${t},v1=${computeSignature({ secret, timestamp: t, body })}`);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ header, body, secret, now: t + 10 })).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhookSignature({ header, body: Buffer.from(body), secret, now: t })).toMatchObject({ ok: true });
  });

  it('refuses a changed body, another secret, a stale or future timestamp, and a bad header', () => {
    const header = signWebhookPayload({ secrets: secret, timestamp: t, body });
    expect(verifyWebhookSignature({ header, body: body.replace('1', '2'), secret, now: t })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyWebhookSignature({ header, body, secret: 'whsec_other', now: t })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyWebhookSignature({ header, body, secret, now: t + 301 })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(verifyWebhookSignature({ header, body, secret, now: t - 301 })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(verifyWebhookSignature({ header, body, secret, now: t + 3000, toleranceSeconds: 3600 })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ header: undefined, body, secret })).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifyWebhookSignature({ header: 'v1=abc', body, secret })).toEqual({ ok: false, reason: 'malformed_header' });
    // The timestamp is signed: moving it breaks the signature.
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature({ header: moved, body, secret, now: t })).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('carries one v1 per secret during a rotation overlap; either secret verifies', () => {
    const header = signWebhookPayload({ secrets: ['whsec_new', 'whsec_old'], timestamp: t, body });
    expect(header.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
    expect(verifyWebhookSignature({ header, body, secret: 'whsec_new', now: t })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ header, body, secret: 'whsec_old', now: t })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature({ header, body, secret: 'whsec_neither', now: t })).toMatchObject({ ok: false });
  });

  it('the native scheme sends the signature and the event identity headers', () => {
    const headers = docsiftScheme.headers({
      secrets: [secret],
      body,
      timestamp: t,
      deliveryId: 'dlv_1',
      event: { id: 'evt_1', type: 'document.completed' },
      attempt: 2,
    });
    expect(headers).toEqual({
      'X-Docsift-Signature': signWebhookPayload({ secrets: secret, timestamp: t, body }),
      'X-Docsift-Event': 'document.completed',
      'X-Docsift-Event-Id': 'evt_1',
      'X-Docsift-Delivery-Id': 'dlv_1',
      'X-Docsift-Attempt': '2',
    });
  });
});
