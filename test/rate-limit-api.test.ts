import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import type { App } from '../src/http/app-type.js';
import { createCore } from '../src/start/core.js';
import type { Core } from '../src/core.js';
import { RateLimits } from '../src/usage/rate-limits.js';
import { startServer, type ServerProcess } from './helpers/server-process.js';
import { createTestApp, sharedDatabaseEnv, type TestApp } from './helpers/test-core.js';

const opened: TestApp[] = [];
afterAll(async () => {
  for (const t of opened) await t.close();
});

async function appWithLimits(perHour: number, submitPerMinute: number): Promise<TestApp> {
  const t = await createTestApp({
    startWorkers: false,
    env: { DOCSIFT_RATE_LIMIT_PER_HOUR: String(perHour), DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: String(submitPerMinute) },
  });
  opened.push(t);
  return t;
}

/** Waits out the last seconds of a minute, so a sequence of requests lands in one fixed window. */
async function clearOfWindowEdge(seconds = 8): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

const get = (t: { app: App }, apiKey: string, url = '/v1/tenant') => t.app.inject({ method: 'GET', url, headers: { 'x-api-key': apiKey } });
const submitText = (t: { app: App }, apiKey: string) =>
  t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': apiKey }, payload: { text: 'Invoice INV-1 total 10.00' } });

describe('rate limits (HTTP)', () => {
  it('puts X-RateLimit-* headers on every authenticated response, counting down within the hour', async () => {
    const t = await appWithLimits(100, 10);
    await clearOfWindowEdge();
    const hourEnd = Math.floor(Date.now() / 3_600_000) * 3600 + 3600;
    const first = await get(t, t.apiKey);
    const second = await get(t, t.apiKey, '/v1/extractions');
    const notFound = await get(t, t.apiKey, '/v1/extractions/ext_doesnotexist');
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-ratelimit-limit']).toBe('100');
    expect(first.headers['x-ratelimit-remaining']).toBe('99');
    expect(second.headers['x-ratelimit-remaining']).toBe('98');
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(hourEnd - 1);
    expect(Number(first.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(hourEnd + 3600);
    // Error responses carry them too; unauthenticated ones have no key to count against.
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['x-ratelimit-remaining']).toBe('97');
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/tenant' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('answers 429 RATE_LIMITED with Retry-After once the hourly limit is used up, per API key', async () => {
    const t = await appWithLimits(5, 5);
    await clearOfWindowEdge();
    for (let i = 0; i < 5; i++) expect((await get(t, t.apiKey)).statusCode).toBe(200);
    const refused = await get(t, t.apiKey);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    expect(refused.headers['x-ratelimit-limit']).toBe('5');
    // Another key of the same tenant has its own window (created with the first tenant's owner key
    // through the core, since the HTTP route is already refused).
    const other = await t.core.accounts.createApiKey(
      { tenantId: t.tenantId, userId: null, apiKeyId: 'key_x', apiKeyName: 'x', allowedDomains: [], role: 'owner', via: 'api_key' },
      { name: 'second key' },
    );
    expect((await get(t, other.key)).statusCode).toBe(200);
  });

  it('limits submit routes per minute, tighter than the hourly limit, and reports the tighter window there', async () => {
    const t = await appWithLimits(50, 3);
    await clearOfWindowEdge();
    for (let i = 0; i < 3; i++) {
      const res = await submitText(t, t.apiKey);
      expect(res.statusCode, res.body).toBe(202);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      expect(Number(res.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 60);
    }
    const refused = await submitText(t, t.apiKey);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['x-ratelimit-limit']).toBe('3');
    // Nothing was queued for the refused submit.
    const extractions = await t.core.db.selectFrom('extractions').select('id').execute();
    expect(extractions).toHaveLength(3);
    // Reads still work: they only count against the hourly limit (4 submits + this read = 5 of 50).
    const read = await get(t, t.apiKey);
    expect(read.statusCode).toBe(200);
    expect(read.headers['x-ratelimit-limit']).toBe('50');
    expect(read.headers['x-ratelimit-remaining']).toBe('45');
  });
});

describe('rate limits shared across app instances on one database', () => {
  let second: { app: App; core: Core } | null = null;
  let server: ServerProcess | null = null;
  afterEach(async () => {
    await second?.app.close();
    await second?.core.close();
    await server?.kill('SIGKILL');
    second = null;
    server = null;
  });

  it('counts requests to two app instances on the same SQLite file into one window', async () => {
    const t = await appWithLimits(6, 6);
    const config = loadConfig({
      ...sharedDatabaseEnv(t),
      DOCSIFT_LOG_LEVEL: 'silent',
      DOCSIFT_WORKER_CONCURRENCY: '0',
      DOCSIFT_RATE_LIMIT_PER_HOUR: '6',
      DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '6',
    });
    const core = await createCore(config, { logger: pino({ level: 'silent' }) });
    second = { core, app: await buildApp(core, { logger: false }) };
    await clearOfWindowEdge();
    const remaining: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await get(i % 2 === 0 ? t : second, t.apiKey);
      expect(res.statusCode).toBe(200);
      remaining.push(String(res.headers['x-ratelimit-remaining']));
    }
    expect(remaining).toEqual(['5', '4', '3', '2', '1', '0']);
    expect((await get(second, t.apiKey)).statusCode).toBe(429);
    expect((await get(t, t.apiKey)).statusCode).toBe(429);
  });

  it('counts requests to a separate server process into the same window', async () => {
    const t = await appWithLimits(4, 4);
    server = await startServer({
      dataDir: t.dataDir,
      env: { ...sharedDatabaseEnv(t), DOCSIFT_RATE_LIMIT_PER_HOUR: '4', DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '4', DOCSIFT_WORKER_CONCURRENCY: '0' },
    });
    await clearOfWindowEdge();
    const overHttp = () => fetch(`${server!.url}/v1/tenant`, { headers: { 'x-api-key': t.apiKey } });
    expect((await get(t, t.apiKey)).headers['x-ratelimit-remaining']).toBe('3');
    const a = await overHttp();
    expect(a.status).toBe(200);
    expect(a.headers.get('x-ratelimit-remaining')).toBe('2');
    expect((await get(t, t.apiKey)).headers['x-ratelimit-remaining']).toBe('1');
    expect((await overHttp()).headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await overHttp();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await get(t, t.apiKey)).statusCode).toBe(429);
  }, 60_000);
});

describe('RateLimits (fixed windows)', () => {
  it('starts a new window at 1 and never moves a window back for a lagging clock', async () => {
    const t = await appWithLimits(1000, 1000);
    let now = Date.UTC(2030, 0, 1, 10, 59, 58);
    const limits = new RateLimits({ db: t.core.db, perHour: 2, submitPerMinute: 1, now: () => now });
    expect((await limits.hit('key_a')).allowed).toBe(true);
    expect((await limits.hit('key_a')).allowed).toBe(true);
    const third = await limits.hit('key_a');
    expect(third.allowed).toBe(false);
    expect(third.retryAfterSeconds).toBe(2);
    expect(third.reported.resetAt).toBe(Date.UTC(2030, 0, 1, 11) / 1000);

    now = Date.UTC(2030, 0, 1, 11, 0, 1); // the next hour
    const fresh = await limits.hit('key_a');
    expect(fresh).toMatchObject({ allowed: true, reported: { count: 1, remaining: 1 } });
    now = Date.UTC(2030, 0, 1, 10, 59, 59); // a process whose clock lags counts into the newer window
    expect((await limits.hit('key_a')).reported).toMatchObject({ count: 2, resetAt: Date.UTC(2030, 0, 1, 12) / 1000 });
  });

  it('refuses a second submit in the same minute while the hourly limit has room', async () => {
    const t = await appWithLimits(1000, 1000);
    const now = Date.UTC(2030, 0, 1, 10, 0, 30);
    const limits = new RateLimits({ db: t.core.db, perHour: 100, submitPerMinute: 1, now: () => now });
    expect((await limits.hit('key_b', { submit: true })).reported).toMatchObject({ bucket: 'submit', limit: 1, remaining: 0 });
    const refused = await limits.hit('key_b', { submit: true });
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 30, reported: { bucket: 'submit' } });
    expect((await limits.hit('key_b')).reported).toMatchObject({ bucket: 'hour', count: 3, remaining: 97 });
  });

  it('gives concurrent hits in one batch distinct slots, so exactly the limit is let through', async () => {
    const t = await appWithLimits(1000, 1000);
    const now = Date.UTC(2030, 0, 1, 10, 0, 30);
    const limits = new RateLimits({ db: t.core.db, perHour: 5, submitPerMinute: 2, now: () => now });
    const hits = await Promise.all([
      ...Array.from({ length: 8 }, () => limits.hit('key_c')),
      limits.hit('key_d', { submit: true }),
      limits.hit('key_d', { submit: true }),
      limits.hit('key_d', { submit: true }),
    ]);
    const c = hits.slice(0, 8);
    expect(c.map((h) => h.reported.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(c.filter((h) => h.allowed)).toHaveLength(5);
    expect(c.map((h) => h.reported.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0, 0]);
    const d = hits.slice(8);
    expect(d.map((h) => h.allowed)).toEqual([true, true, false]);
    expect(d[2]).toMatchObject({ retryAfterSeconds: 30, reported: { bucket: 'submit', count: 3 } });
    expect((await limits.hit('key_c')).reported.count).toBe(9);
  });
});
