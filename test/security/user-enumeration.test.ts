import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-core.js';

const SETUP_KEY = 'test-setup-key-0123456789';

describe('creating a user tells another tenant nothing it should not know', () => {
  let t: TestApp;
  const owner = () => ({ 'x-api-key': t.apiKey });
  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false });
    // Another tenant, whose owner's email is the one probed below.
    const other = await t.app.inject({
      method: 'POST',
      url: '/v1/onboard',
      headers: { 'x-setup-key': SETUP_KEY },
      payload: { organizationName: 'Other Co', firstName: 'Olga', lastName: 'Other', email: 'olga@other.example' },
    });
    expect(other.statusCode).toBeLessThan(300);
  });
  afterAll(() => t.close());

  it('native POST /v1/users answers the same for an email known elsewhere and a new one', async () => {
    const known = await t.app.inject({ method: 'POST', url: '/v1/users', headers: owner(), payload: { email: 'olga@other.example' } });
    const fresh = await t.app.inject({ method: 'POST', url: '/v1/users', headers: owner(), payload: { email: 'nobody@new.example' } });
    expect([known.statusCode, fresh.statusCode]).toEqual([201, 201]);
    const shape = (r: typeof known) => Object.keys(r.json().user).sort();
    expect(shape(known)).toEqual(shape(fresh));
    expect(JSON.stringify(known.json())).not.toMatch(/exist|added/i);
  });

  it('the embed surface keeps its documented 200 "added" / 201 "created", for owner and admin keys only', async () => {
    await t.app.inject({ method: 'POST', url: '/v1/onboard', headers: { 'x-setup-key': SETUP_KEY }, payload: { organizationName: 'Third', firstName: 'T', lastName: 'T', email: 'tom@third.example' } });
    // A member cannot probe at all: refused before anything is looked up.
    await t.app.inject({ method: 'POST', url: '/v1/users', headers: owner(), payload: { email: 'mia@here.example' } });
    const token = (await t.app.inject({ method: 'POST', url: '/v1/auth/token', headers: owner(), payload: { email: 'mia@here.example' } })).json().data.access_token;
    const byMember = await t.app.inject({
      method: 'POST',
      url: '/api/embed/users',
      headers: { authorization: `Bearer ${token}` },
      payload: { firstName: 'T', lastName: 'T', email: 'tom@third.example' },
    });
    expect(byMember.statusCode).toBe(403);
    // Nor about its own tenant: an email already here is the same 403 (it answered 409 "already exists" to a member).
    const sameTenant = await t.app.inject({
      method: 'POST',
      url: '/api/embed/users',
      headers: { authorization: `Bearer ${token}` },
      payload: { firstName: 'T', lastName: 'T', email: 'admin@localhost' },
    });
    expect(sameTenant.statusCode).toBe(403);

    const embed = (email: string) =>
      t.app.inject({ method: 'POST', url: '/api/embed/users', headers: owner(), payload: { firstName: 'A', lastName: 'B', email } });
    const added = await embed('tom@third.example');
    expect(added.statusCode).toBe(200);
    expect(added.json().data.message).toBe('User added to tenant successfully');
    const created = await embed('new-person@new.example');
    expect(created.statusCode).toBe(201);
    expect(created.json().data.message).toBe('User created successfully');
  });
});
