import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-core.js';

describe('failed authentication is throttled', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false, env: { DOCSIFT_AUTH_FAILURES_PER_MINUTE: '5' } });
  });
  afterAll(() => t.close());
  const get = (key: string, ip = '203.0.113.7') => t.app.inject({ method: 'GET', url: '/v1/tenant', headers: { 'x-api-key': key }, remoteAddress: ip });

  it('answers 429 with Retry-After once an address used up its failures, even for other guesses', async () => {
    for (let i = 0; i < 5; i++) expect((await get(`dsk_guess_${i}_${'x'.repeat(30)}`)).statusCode).toBe(401);
    const blocked = await get(`dsk_guess_new_${'y'.repeat(30)}`);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    // Another address with a valid key is not affected.
    expect((await get(t.apiKey, '198.51.100.1')).statusCode).toBe(200);
  });

  it('throttles one key prefix tried from many addresses', async () => {
    const prefix = t.apiKey.slice(0, 12);
    for (let i = 0; i < 5; i++) expect((await get(`${prefix}${'z'.repeat(20)}${i}`, `192.0.2.${i + 1}`)).statusCode).toBe(401);
    expect((await get(`${prefix}${'w'.repeat(21)}`, '192.0.2.99')).statusCode).toBe(429);
  });
});

describe('the webhook secret is for owners and admins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false });
  });
  afterAll(() => t.close());

  it('is null for a member, shown to the owner', async () => {
    const owner = { 'x-api-key': t.apiKey };
    expect((await t.app.inject({ method: 'POST', url: '/v1/users', headers: owner, payload: { email: 'm@example.com' } })).statusCode).toBe(201);
    const token = (await t.app.inject({ method: 'POST', url: '/v1/auth/token', headers: owner, payload: { email: 'm@example.com' } })).json().data.access_token;
    const asMember = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: { authorization: `Bearer ${token}` } });
    expect(asMember.statusCode).toBe(200);
    expect(asMember.json().tenant.webhook_secret).toBeNull();
    const asOwner = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: owner });
    expect(asOwner.json().tenant.webhook_secret).toMatch(/.{16,}/);
  });
});
