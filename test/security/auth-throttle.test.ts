import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Core } from '../../src/core.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/app-type.js';
import { createCore } from '../../src/start/core.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { createTestApp, sharedDatabaseEnv, type TestApp } from '../helpers/test-core.js';

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

describe('failed authentication is throttled across processes', () => {
  let t: TestApp;
  let second: { core: Core; app: App } | undefined;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false, env: { DOCSIFT_AUTH_FAILURES_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await server?.kill();
    await second?.app.close();
    await second?.core.close();
    await t.close();
  });
  const guess = (app: App, i: number, ip: string) =>
    app.inject({ method: 'GET', url: '/v1/tenant', headers: { 'x-api-key': `dsk_spread_${i}_${'q'.repeat(30)}` }, remoteAddress: ip });

  it('counts failures at two app instances on one database into one count per address', async () => {
    const env = { ...sharedDatabaseEnv(t), DOCSIFT_LOG_LEVEL: 'silent', DOCSIFT_WORKER_CONCURRENCY: '0', DOCSIFT_AUTH_FAILURES_PER_MINUTE: '5' };
    const core = await createCore(loadConfig(env), { logger: pino({ level: 'silent' }) });
    second = { core, app: await buildApp(core, { logger: false }) };
    const ip = '203.0.113.50';
    // 3 failures at one instance and 2 at the other: in memory, each would still allow 2 or 3 more.
    for (let i = 0; i < 3; i++) expect((await guess(t.app, i, ip)).statusCode).toBe(401);
    for (let i = 3; i < 5; i++) expect((await guess(second.app, i, ip)).statusCode).toBe(401);
    const atSecond = await guess(second.app, 5, ip);
    expect(atSecond.statusCode).toBe(429);
    // The first instance read its count a moment ago; within a second it reads the shared one again.
    await new Promise((r) => setTimeout(r, 1100));
    const atFirst = await guess(t.app, 6, ip);
    expect(atFirst.statusCode).toBe(429);
    expect(Number(atFirst.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right key is refused from that address, at either instance; other addresses are not affected.
    expect((await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: { 'x-api-key': t.apiKey }, remoteAddress: ip })).statusCode).toBe(429);
    expect((await second.app.inject({ method: 'GET', url: '/v1/tenant', headers: { 'x-api-key': t.apiKey }, remoteAddress: '198.51.100.9' })).statusCode).toBe(200);
    const rows = await t.core.db.selectFrom('auth_failures').selectAll().where('subject', '=', `ip:${ip}`).execute();
    expect(rows).toMatchObject([{ count: 5 }]);
  });

  it('refuses a key prefix at a server process after it failed at another process', async () => {
    server = await startServer({ dataDir: t.dataDir, env: { ...sharedDatabaseEnv(t), DOCSIFT_WORKER_CONCURRENCY: '0', DOCSIFT_AUTH_FAILURES_PER_MINUTE: '5' } });
    const prefix = 'dsk_prefix42';
    // Five addresses, one prefix, all at this process.
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: { 'x-api-key': `${prefix}${'r'.repeat(20)}${i}` }, remoteAddress: `192.0.2.${60 + i}` });
      expect(res.statusCode).toBe(401);
    }
    const res = await fetch(`${server.url}/v1/tenant`, { headers: { 'x-api-key': `${prefix}${'s'.repeat(21)}` } });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
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
