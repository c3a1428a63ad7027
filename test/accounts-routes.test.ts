import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../src/http/plugins/errors.js';
import { registerAccessTokenRoute } from '../src/http/routes/native/accounts/index.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

const SETUP_KEY = 'test-setup-key-0123456789';

describe('native accounts API', () => {
  let t: TestApp;
  const key = () => ({ 'x-api-key': t.apiKey });

  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false, env: { DOCSIFT_SETUP_KEY: SETUP_KEY } });
  });
  afterAll(() => t.close());

  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: { headers?: Record<string, string>; body?: unknown } = {}) =>
    t.app.inject({ method, url, headers: options.headers ?? key(), ...(options.body !== undefined ? { payload: options.body as object } : {}) });

  describe('POST /v1/onboard', () => {
    const body = { organizationName: 'Acme Corp', firstName: 'John', lastName: 'Doe', email: 'john@acme.com' };

    it('creates a tenant, its owner and an API key that works', async () => {
      const res = await inject('POST', '/v1/onboard', { headers: { 'x-setup-key': SETUP_KEY }, body: { ...body, allowedDomains: ['acme.com'] } });
      expect(res.statusCode).toBe(201);
      const json = res.json();
      expect(json.error).toBeNull();
      expect(json.data.tenant).toEqual({ id: expect.stringMatching(/^ten_/), name: 'Acme Corp' });
      expect(json.data.user).toMatchObject({ firstName: 'John', lastName: 'Doe', email: 'john@acme.com', role: 'owner', isExistingUser: false });
      expect(json.data.apiKey).toMatchObject({ name: 'Acme Corp - API Key', expiresAt: null, allowedDomains: ['acme.com'] });
      expect(json.data.apiKey.key).toMatch(/^dsk_/);
      const tenant = await inject('GET', '/v1/tenant', { headers: { 'x-api-key': json.data.apiKey.key } });
      expect(tenant.json().tenant).toMatchObject({ tenant_id: json.data.tenant.id, name: 'Acme Corp', credits_balance: null });
    });

    it('answers 401 for a missing or wrong setup key, before reading the body', async () => {
      const missing = await inject('POST', '/v1/onboard', { headers: {}, body: {} });
      expect(missing.statusCode).toBe(401);
      expect(missing.json().error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/X-Setup-Key/) });
      const wrong = await inject('POST', '/v1/onboard', { headers: { 'x-setup-key': 'nope' }, body });
      expect(wrong.statusCode).toBe(401);
      // An API key is not a setup key.
      expect((await inject('POST', '/v1/onboard', { headers: key(), body })).statusCode).toBe(401);
    });

    it('answers 400 with per-field details for an invalid body', async () => {
      const res = await inject('POST', '/v1/onboard', { headers: { 'x-setup-key': SETUP_KEY }, body: { organizationName: 'X', email: 'bad' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.json().error.details)).toEqual(expect.arrayContaining(['firstName', 'lastName']));
    });

    it('creates a new tenant on each onboarding', async () => {
      const again = await inject('POST', '/v1/onboard', { headers: { 'x-setup-key': SETUP_KEY }, body });
      expect(again.statusCode).toBe(201);
    });
  });

  describe('POST /v1/auth/token', () => {
    it('issues a 1-hour bearer token for a user of the tenant', async () => {
      const res = await inject('POST', '/v1/auth/token', { body: { email: 'admin@localhost' } });
      expect(res.statusCode).toBe(200);
      const { data } = res.json();
      expect(data).toEqual({ access_token: expect.stringMatching(/^dst_/), token_type: 'Bearer', expires_in: 3600 });
      const tenant = await inject('GET', '/v1/tenant', { headers: { authorization: `Bearer ${data.access_token}` } });
      expect(tenant.statusCode).toBe(200);
      // The Extraly scheme: Bearer token plus X-API-Key.
      const both = await inject('GET', '/v1/tenant', { headers: { authorization: `Bearer ${data.access_token}`, ...key() } });
      expect(both.statusCode).toBe(200);
    });

    it('answers 404 for an email outside the tenant and 400 without one', async () => {
      expect((await inject('POST', '/v1/auth/token', { body: { email: 'john@acme.com' } })).statusCode).toBe(404);
      expect((await inject('POST', '/v1/auth/token', { body: {} })).statusCode).toBe(400);
    });
  });

  it('mounts the token endpoint for another surface with its own API-key auth', async () => {
    const surface = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    installErrorHandler(surface, []);
    registerAccessTokenRoute(surface, t.core, { prefix: '/api/v1' });
    try {
      const ok = await surface.inject({ method: 'POST', url: '/api/v1/auth/token', headers: key(), payload: { email: 'admin@localhost' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().data).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      const denied = await surface.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { email: 'admin@localhost' } });
      expect(denied.statusCode).toBe(401);
      expect(denied.json().error.code).toBe('UNAUTHORIZED');
    } finally {
      await surface.close();
    }
  });

  describe('authentication', () => {
    it('accepts the key as Bearer and explains what is wrong', async () => {
      expect((await inject('GET', '/v1/tenant', { headers: { authorization: `Bearer ${t.apiKey}` } })).statusCode).toBe(200);
      const none = await inject('GET', '/v1/tenant', { headers: {} });
      expect(none.statusCode).toBe(401);
      expect(none.json().error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/X-API-Key/) });
      const basic = await inject('GET', '/v1/tenant', { headers: { authorization: 'Basic Zm9vOmJhcg==' } });
      expect(basic.json().error.message).toMatch(/Bearer/);
      const wrong = await inject('GET', '/v1/tenant', { headers: { 'x-api-key': 'dsk_wrong' } });
      expect(wrong.json().error.message).toBe('Invalid API key.');
    });
  });

  describe('/v1/api-keys', () => {
    it('creates a key shown once, lists, reads, updates, disables and deletes it', async () => {
      const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const created = await inject('POST', '/v1/api-keys', { body: { name: 'Staging', expires_at: expiresAt, allowed_domains: ['staging.example.com'] } });
      expect(created.statusCode).toBe(201);
      const apiKey = created.json().api_key;
      expect(apiKey).toMatchObject({ name: 'Staging', active: true, expires_at: expiresAt, allowed_domains: ['staging.example.com'], usage_count: 0, last_used_at: null });
      expect(apiKey.key.startsWith(apiKey.prefix)).toBe(true);

      const list = await inject('GET', '/v1/api-keys');
      expect(list.statusCode).toBe(200);
      const listed = list.json().api_keys.find((k: { api_key_id: string }) => k.api_key_id === apiKey.api_key_id);
      expect(listed).toBeDefined();
      expect(listed).not.toHaveProperty('key');
      expect(JSON.stringify(list.json())).not.toContain(t.apiKey);

      expect((await inject('GET', '/v1/tenant', { headers: { 'x-api-key': apiKey.key } })).statusCode).toBe(200);
      const got = await inject('GET', `/v1/api-keys/${apiKey.api_key_id}`);
      expect(got.json().api_key).toMatchObject({ usage_count: 1, last_used_at: expect.any(String) });

      const patched = await inject('PATCH', `/v1/api-keys/${apiKey.api_key_id}`, { body: { name: 'Renamed', expires_at: null, active: false } });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().api_key).toMatchObject({ name: 'Renamed', expires_at: null, active: false });
      expect((await inject('GET', '/v1/tenant', { headers: { 'x-api-key': apiKey.key } })).json().error.message).toBe('This API key is disabled.');

      const deleted = await inject('DELETE', `/v1/api-keys/${apiKey.api_key_id}`);
      expect(deleted.json()).toEqual({ deleted: true, api_key_id: apiKey.api_key_id });
      expect((await inject('GET', `/v1/api-keys/${apiKey.api_key_id}`)).statusCode).toBe(404);
    });

    it('rejects a past expiry, bad domains and unknown fields', async () => {
      const past = await inject('POST', '/v1/api-keys', { body: { name: 'x', expires_at: '2020-01-01T00:00:00Z' } });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.details).toHaveProperty('expires_at');
      expect((await inject('POST', '/v1/api-keys', { body: { name: 'x', allowed_domains: ['https://x.com/path'] } })).statusCode).toBe(400);
      expect((await inject('POST', '/v1/api-keys', { body: { name: 'x', is_active: true } })).statusCode).toBe(400);
      expect((await inject('POST', '/v1/api-keys', { body: {} })).statusCode).toBe(400);
    });

    it('will not disable or delete the key making the request', async () => {
      const self = (await inject('GET', '/v1/api-keys')).json().api_keys[0].api_key_id as string;
      expect((await inject('PATCH', `/v1/api-keys/${self}`, { body: { active: false } })).statusCode).toBe(400);
      expect((await inject('DELETE', `/v1/api-keys/${self}`)).statusCode).toBe(400);
    });
  });

  describe('/v1/users', () => {
    it('creates, lists, reads, updates and deletes users', async () => {
      const created = await inject('POST', '/v1/users', { body: { email: 'Jane@Acme.com', first_name: 'Jane', last_name: 'Smith' } });
      expect(created.statusCode).toBe(201);
      const user = created.json().user;
      expect(user).toMatchObject({ user_id: expect.stringMatching(/^usr_/), email: 'jane@acme.com', name: 'Jane Smith', role: 'member' });
      expect((await inject('POST', '/v1/users', { body: { email: 'jane@acme.com' } })).statusCode).toBe(409);

      const list = await inject('GET', '/v1/users?per_page=1&page=2');
      expect(list.json().pagination).toEqual({ page: 2, per_page: 1, total: 2, total_pages: 2 });
      expect(list.json().users).toHaveLength(1);
      expect((await inject('GET', '/v1/users?search=smith')).json().users.map((u: { user_id: string }) => u.user_id)).toEqual([user.user_id]);

      expect((await inject('GET', `/v1/users/${user.user_id}`)).json().user.email).toBe('jane@acme.com');
      const patched = await inject('PATCH', `/v1/users/${user.user_id}`, { body: { role: 'admin', name: null } });
      expect(patched.json().user).toMatchObject({ role: 'admin', name: null });
      const deleted = await inject('DELETE', `/v1/users/${user.user_id}`);
      expect(deleted.json()).toEqual({ deleted: true, user_id: user.user_id, revoked_api_keys: 0 });
      expect((await inject('GET', `/v1/users/${user.user_id}`)).statusCode).toBe(404);
    });

    it('lets a member read but not manage', async () => {
      await inject('POST', '/v1/users', { body: { email: 'member@acme.com' } });
      const token = (await inject('POST', '/v1/auth/token', { body: { email: 'member@acme.com' } })).json().data.access_token;
      const asMember = { authorization: `Bearer ${token}` };
      expect((await inject('GET', '/v1/users', { headers: asMember })).statusCode).toBe(200);
      const denied = await inject('POST', '/v1/users', { headers: asMember, body: { email: 'x@acme.com' } });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.code).toBe('FORBIDDEN');
      expect((await inject('GET', '/v1/api-keys', { headers: asMember })).statusCode).toBe(403);
      expect((await inject('POST', '/v1/auth/token', { headers: asMember, body: { email: 'admin@localhost' } })).statusCode).toBe(403);
    });
  });

  it('lists every accounts route in /openapi.json', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const p of ['/v1/onboard', '/v1/auth/token', '/v1/tenant', '/v1/api-keys', '/v1/api-keys/{api_key_id}', '/v1/users', '/v1/users/{user_id}']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
