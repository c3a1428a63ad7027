import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin as adminCommand } from '../../src/start/admin-command.js';
import { createTestApp, type TestApp } from '../helpers/test-core.js';

const SETUP_KEY = 'test-setup-key-0123456789';

describe('an owner cannot be locked out', () => {
  let t: TestApp;
  let ownerKeyId: string;
  let adminToken: string;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const call = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
    t.app.inject({ method: method as 'GET', url, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false });
    const keys = await call('GET', '/v1/api-keys', as(t.apiKey));
    ownerKeyId = keys.json().api_keys[0].api_key_id;
    expect((await call('POST', '/v1/users', as(t.apiKey), { email: 'ada@example.com', role: 'admin' })).statusCode).toBe(201);
    const token = await call('POST', '/v1/auth/token', as(t.apiKey), { email: 'ada@example.com' });
    adminToken = token.json().data.access_token;
  });
  afterAll(() => t.close());

  it("refuses an admin disabling or deleting the owner's key (403); the owner keeps working", async () => {
    const disable = await call('PATCH', `/v1/api-keys/${ownerKeyId}`, as(adminToken), { active: false });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().error.message).toMatch(/owner's API key/);
    expect((await call('DELETE', `/v1/api-keys/${ownerKeyId}`, as(adminToken))).statusCode).toBe(403);
    expect((await call('PATCH', `/v1/api-keys/${ownerKeyId}`, as(adminToken), { expires_at: new Date(Date.now() + 60_000).toISOString() })).statusCode).toBe(403);
    expect((await call('GET', '/v1/tenant', as(t.apiKey))).statusCode).toBe(200);
  });

  it('still lets an admin manage keys that are not an owner’s', async () => {
    const created = await call('POST', '/v1/api-keys', as(adminToken), { name: 'ada ci' });
    expect(created.statusCode).toBe(201);
    const id = created.json().api_key.api_key_id;
    expect((await call('PATCH', `/v1/api-keys/${id}`, as(adminToken), { active: false })).statusCode).toBe(200);
    expect((await call('DELETE', `/v1/api-keys/${id}`, as(adminToken))).statusCode).toBe(200);
  });

  it("answers 409 when a change would leave no owner with a working key", async () => {
    // A second owner without any key: the first demoting themselves would leave owners but no owner key.
    expect((await call('POST', '/v1/users', as(t.apiKey), { email: 'bo@example.com', role: 'owner' })).statusCode).toBe(201);
    const me = (await call('GET', '/v1/users', as(t.apiKey))).json().users.find((u: { email: string }) => u.email === 'admin@localhost');
    const demote = await call('PATCH', `/v1/users/${me.user_id ?? me.id}`, as(t.apiKey), { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/last active owner API key/);
  });

  it('lets the operator mint an owner key with the setup key, over the API and from the CLI', async () => {
    // The owner's key is lost (disabled outside the API, as a leaked key revoked in a hurry would be).
    await t.core.db.updateTable('api_keys').set({ active: 0 }).where('id', '=', ownerKeyId).execute();
    t.core.accounts.invalidateKeys();
    expect((await call('GET', '/v1/tenant', as(t.apiKey))).statusCode).toBe(401);

    const minted = await call('POST', `/v1/admin/tenants/${t.tenantId}/api-keys`, { 'x-setup-key': SETUP_KEY }, {});
    expect(minted.statusCode).toBe(201);
    const key = minted.json().api_key.key as string;
    const tenant = await call('GET', '/v1/tenant', as(key));
    expect(tenant.statusCode).toBe(200);
    expect((await call('POST', `/v1/admin/tenants/${t.tenantId}/api-keys`, { 'x-setup-key': 'wrong-setup-key-0000000' }, {})).statusCode).toBe(401);

    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), writeBytes: () => undefined, writeErr: () => undefined, stderrIsTTY: false, stdoutIsTTY: false };
    const code = await adminCommand.run({ argv: ['create-key', '--tenant', t.tenantId, '--url', url, '--json'], env: { DOCSIFT_SETUP_KEY: SETUP_KEY }, io });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const cliKey = JSON.parse(out.join('\n')).key as string;
    expect((await call('GET', '/v1/tenant', as(cliKey))).statusCode).toBe(200);
  });
});
