import { afterAll, describe, expect, it } from 'vitest';
import { RateLimits } from '../src/usage/rate-limits.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/**
 * Leased slots: far from its limit a process writes the shared count once per lease, not once per
 * request, and the shared count still never lets more than the limit through, across instances.
 */
const opened: TestApp[] = [];
afterAll(async () => {
  for (const t of opened) await t.close();
});

async function database(): Promise<TestApp> {
  const t = await createTestApp({ startWorkers: false });
  opened.push(t);
  return t;
}

async function sharedCount(t: TestApp, apiKeyId: string): Promise<number> {
  const row = await t.core.db.selectFrom('rate_limit_windows').select('count').where('api_key_id', '=', apiKeyId).where('bucket', '=', 'hour').executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('RateLimits leases', () => {
  it('hands out consecutive counts from leases that grow, writing far less than once per request', async () => {
    const t = await database();
    const now = () => Date.UTC(2030, 0, 1, 10, 0, 30);
    const limits = new RateLimits({ db: t.core.db, perHour: 100_000, submitPerMinute: 10, now });
    const counts: number[] = [];
    const shared = new Set<number>();
    for (let i = 0; i < 3000; i++) {
      const decision = await limits.hit('key_lease');
      expect(decision.allowed).toBe(true);
      counts.push(decision.reported.count);
      shared.add(await sharedCount(t, 'key_lease'));
    }
    expect(counts).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    // Each distinct value of the shared count is one write: leases of 1, 2, 4 … up to 1% of the limit.
    expect(shared.size).toBeLessThan(50);
    const final = await sharedCount(t, 'key_lease');
    expect(final).toBeGreaterThanOrEqual(3000);
    expect(final - 3000).toBeLessThanOrEqual(1000); // at most one lease (1% of the limit) unused
  });

  it('never admits more than the limit across two instances, and wastes at most a lease each', async () => {
    const t = await database();
    const now = () => Date.UTC(2030, 0, 1, 10, 0, 30);
    const a = new RateLimits({ db: t.core.db, perHour: 1000, submitPerMinute: 10, now });
    const b = new RateLimits({ db: t.core.db, perHour: 1000, submitPerMinute: 10, now });
    let allowed = 0;
    for (let i = 0; i < 1300; i++) {
      const burst = await Promise.all([a.hit('key_two'), b.hit('key_two'), i % 3 === 0 ? a.hit('key_two') : null]);
      allowed += burst.filter((d) => d?.allowed).length;
    }
    expect(allowed).toBeLessThanOrEqual(1000);
    expect(allowed).toBeGreaterThanOrEqual(1000 - 2 * 10);
    const last = await Promise.all([a.hit('key_two'), b.hit('key_two')]);
    expect(last.map((d) => d.allowed)).toEqual([false, false]);
    expect(last[0].retryAfterSeconds).toBe(3600 - 30);
  });

  it('counts exactly, one write per request, when the limit is near', async () => {
    const t = await database();
    const now = () => Date.UTC(2030, 0, 1, 10, 0, 30);
    const a = new RateLimits({ db: t.core.db, perHour: 50, submitPerMinute: 10, now });
    const b = new RateLimits({ db: t.core.db, perHour: 50, submitPerMinute: 10, now });
    for (let i = 1; i <= 50; i++) {
      const decision = await (i % 2 ? a : b).hit('key_near');
      expect(decision).toMatchObject({ allowed: true, reported: { count: i, remaining: 50 - i } });
      expect(await sharedCount(t, 'key_near')).toBe(i);
    }
    expect((await a.hit('key_near')).allowed).toBe(false);
    expect((await b.hit('key_near')).allowed).toBe(false);
  });

  it('starts a fresh lease when the window turns', async () => {
    const t = await database();
    let now = Date.UTC(2030, 0, 1, 10, 59, 59);
    const limits = new RateLimits({ db: t.core.db, perHour: 10_000, submitPerMinute: 10, now: () => now });
    for (let i = 0; i < 200; i++) await limits.hit('key_turn');
    now = Date.UTC(2030, 0, 1, 11, 0, 0);
    const first = await limits.hit('key_turn');
    expect(first.reported).toMatchObject({ count: 1, resetAt: Date.UTC(2030, 0, 1, 12) / 1000 });
  });
});
