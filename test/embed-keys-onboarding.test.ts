import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/test-core.js';

/** The embed API's keys (`ext_…`; docs/api-notes.md, "Extractor embed") and onboarding of an email that already has a user elsewhere. */
const t = await createTestApp({ startWorkers: false });
afterAll(() => t.close());
const SETUP = { 'x-setup-key': 'test-setup-key-0123456789' };

const onboard = (email: string, organizationName = 'Acme Corp') =>
  t.app.inject({ method: 'POST', url: '/api/embed/onboard', headers: SETUP, payload: { organizationName, firstName: 'John', lastName: 'Doe', email } });

describe('embed API keys', () => {
  // The docs' onboarding response: "key": "ext_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
  it('onboarding answers a key that starts with ext_, and it works on every surface', async () => {
    const res = await onboard('john@acme.example');
    expect([200, 201]).toContain(res.statusCode);
    const key: string = res.json().data.apiKey.key;
    expect(key).toMatch(/^ext_[A-Za-z0-9_-]{40,}$/);
    const email = 'john@acme.example';
    expect((await t.app.inject({ method: 'GET', url: '/api/embed/verify', headers: { 'x-api-key': key, 'x-user-email': email } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/parsers', headers: { 'x-api-key': key } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/extractors', headers: { authorization: `Bearer ${key}` } })).statusCode).toBe(200);
    const token = await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'x-api-key': key }, payload: { email } });
    expect(token.statusCode).toBe(200);

    // POST /api/embed/api-keys: "created API key object with full key value (HTTP 201)", shaped like "key": "ext_abc123..."
    const created = await t.app.inject({ method: 'POST', url: '/api/embed/api-keys', headers: { 'x-api-key': key, 'x-user-email': email }, payload: { name: 'Staging Key' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().data.key).toMatch(/^ext_/);
    // Natively created keys keep docsift's own prefix; both kinds authenticate anywhere.
    const native = await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: { 'x-api-key': created.json().data.key }, payload: { name: 'native' } });
    expect(native.statusCode).toBe(201);
    expect(JSON.stringify(native.json())).toMatch(/"dsk_/);
  });
});

describe('embed onboarding of an existing user', () => {
  // The docs' onboarding response carries "isExistingUser": false for a new email; an email that already
  // has a user (in another tenant) is an existing user.
  it('answers isExistingUser true for an email with a user in another tenant, false otherwise', async () => {
    const first = await onboard('jane@globex.example', 'Globex');
    expect(first.json().data.user.isExistingUser).toBe(false);
    const again = await onboard('Jane@Globex.example', 'Globex Europe');
    expect([200, 201]).toContain(again.statusCode);
    expect(again.json().data.user.isExistingUser).toBe(true);
    expect(again.json().data.tenant.id).not.toBe(first.json().data.tenant.id);
    // The bootstrap owner (admin@localhost) exists in the default tenant.
    expect((await onboard('admin@localhost', 'Third')).json().data.user.isExistingUser).toBe(true);
  });
});
