import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { Type } from 'typebox';
import type { Database } from '../src/internal/db/schema.js';
import { JobRunner, type JobFinishedEvent, type JobRunnerOptions } from '../src/internal/queue/job-runner.js';
import { PermanentJobError } from '../src/internal/queue/permanent-job-error.js';
import type { JobCompletion, JobContext, JobDefinition } from '../src/internal/queue/types.js';
import { queueSuiteDatabase } from './helpers/queue-database.js';
import { makeTempDir, openTestDb, sleep, sleepUnlessAborted, storeFor, storeKinds, waitFor } from './fixtures/queue-helpers.js';

/**
 * The job runner (src/internal/queue/job-runner.ts) on each of its stores: every test runs on SQLite,
 * and again on Postgres when DOCSIFT_TEST_DATABASE_URL names a server (postgresServerMissing says how).
 */

const payloadSchema = Type.Object({ n: Type.Number() });
type Handler = (payload: { n: number }, ctx: JobContext) => Promise<JobCompletion | void>;

function job(name: string, handler: Handler, extra: Partial<JobDefinition<typeof payloadSchema>> = {}): JobDefinition<typeof payloadSchema> {
  return { name, payloadSchema, handler, ...extra };
}

describe.each(storeKinds('test/queue-runner.test.ts'))('the job runner on %s', (kind) => {
  let dir: string;
  let db: Kysely<Database>;
  const database = queueSuiteDatabase(kind);
  const cleanups: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    dir = makeTempDir('queue');
    db = await database.open(dir);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A queue on `db` (or another connection) that the test tears down afterwards. */
  function makeQueue(options: Partial<JobRunnerOptions> & Pick<JobRunnerOptions, 'definitions'> & { db?: Kysely<Database> }): JobRunner {
    const { db: on = db, ...rest } = options;
    const queue = new JobRunner({ store: storeFor(on, database.url()), concurrency: 1, leaseMs: 500, pollMs: 20, ...rest });
    cleanups.push(() => queue.stop({ graceMs: 200 }));
    return queue;
  }

  function jobRow(id: string) {
    return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  describe('enqueue', () => {
    it('joins the caller transaction: a rolled-back transaction leaves no job, a committed one does', async () => {
      const queue = makeQueue({ definitions: [job('noop', async () => {})] });
      const insertTenant = (trx: Kysely<Database>, id: string) =>
        trx.insertInto('tenants').values({ id, name: id, credits_balance: null, webhook_secret: 's', created_at: new Date().toISOString() }).execute();

      await expect(
        db.transaction().execute(async (trx) => {
          await insertTenant(trx, 'ten_rolled_back');
          await queue.enqueue(trx, 'noop', { n: 1 });
          throw new Error('abort the transaction');
        }),
      ).rejects.toThrow('abort the transaction');
      expect(await db.selectFrom('jobs').selectAll().execute()).toHaveLength(0);
      expect(await db.selectFrom('tenants').selectAll().execute()).toHaveLength(0);

      const id = await db.transaction().execute(async (trx) => {
        await insertTenant(trx, 'ten_committed');
        return queue.enqueue(trx, 'noop', { n: 2 }, { priority: 7, groupKey: 'doc_1', maxAttempts: 2 });
      });
      const row = await jobRow(id);
      expect(row).toMatchObject({ name: 'noop', state: 'queued', priority: 7, group_key: 'doc_1', max_attempts: 2, attempts: 0 });
      expect(JSON.parse(row.payload)).toEqual({ n: 2 });
      expect(await db.selectFrom('tenants').selectAll().execute()).toHaveLength(1);
    });

    // SQLite: the fill woken by the enqueue waits for the commit (one connection). Postgres: the fill runs
    // beside the open transaction and finds nothing; the commit's notification wakes it again.
    it('wakes this process at once when a job is enqueued inside a transaction', async () => {
      const ran: number[] = [];
      const queue = makeQueue({ definitions: [job('noop', async (p) => void ran.push(p.n))], pollMs: 60_000 });
      queue.start();
      await sleep(50); // the first (empty) poll is over; the next timed one is a minute away
      await db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, 'noop', { n: 1 });
        await sleep(50); // the woken poll must wait for the commit, then see the job
      });
      await waitFor(() => ran.length === 1, 'the job to run without waiting for the poll interval', 2000);
    });

    it('rejects unknown job names, invalid payloads and out-of-range options', async () => {
      const queue = makeQueue({ definitions: [job('noop', async () => {})] });
      await expect(queue.enqueue(db, 'nope', { n: 1 })).rejects.toThrow(/unknown job 'nope'/);
      await expect(queue.enqueue(db, 'noop', { n: 'one' })).rejects.toThrow(/invalid payload for job 'noop': \/n/);
      await expect(queue.enqueue(db, 'noop', {})).rejects.toThrow(/invalid payload/);
      await expect(queue.enqueue(db, 'noop', { n: 1 }, { priority: 0 })).rejects.toThrow(/priority/);
      await expect(queue.enqueue(db, 'noop', { n: 1 }, { priority: 101 })).rejects.toThrow(/priority/);
      await expect(queue.enqueue(db, 'noop', { n: 1 }, { maxAttempts: 0 })).rejects.toThrow(/maxAttempts/);
      expect(await db.selectFrom('jobs').selectAll().execute()).toHaveLength(0);
    });
  });

  describe('running jobs', () => {
    it('runs lower priority numbers first, then earlier run_at, then insertion order; future jobs wait', async () => {
      const order: number[] = [];
      const queue = makeQueue({ definitions: [job('ordered', async (p) => void order.push(p.n))] });
      const past = new Date(Date.now() - 60_000);
      await queue.enqueue(db, 'ordered', { n: 1 }, { priority: 50 });
      await queue.enqueue(db, 'ordered', { n: 2 }, { priority: 10 });
      await queue.enqueue(db, 'ordered', { n: 3 }, { priority: 90 });
      await queue.enqueue(db, 'ordered', { n: 4 }, { priority: 10 });
      await queue.enqueue(db, 'ordered', { n: 5 }, { priority: 10, runAt: past });
      await queue.enqueue(db, 'ordered', { n: 6 }); // default priority 50, after n=1
      await queue.enqueue(db, 'ordered', { n: 7 }, { priority: 1, runAt: new Date(Date.now() + 400) });
      queue.start();
      await waitFor(() => order.length === 6, 'the six due jobs');
      expect(order).toEqual([5, 2, 4, 1, 6, 3]);
      await waitFor(() => order.length === 7, 'the delayed job');
      expect(order[6]).toBe(7);
    });

    it('leases a batch for all free slots at once and starts it in priority, then insertion, order', async () => {
      const started: number[] = [];
      const release: Array<() => void> = [];
      const queue = makeQueue({
        concurrency: 3,
        definitions: [job('batch', (p) => new Promise<void>((resolve) => void (started.push(p.n), release.push(resolve))))],
      });
      for (const [n, priority] of [[1, 30], [2, 10], [3, 20], [4, 10]] as const) await queue.enqueue(db, 'batch', { n }, { priority });
      queue.start();
      await waitFor(() => started.length === 3, 'the first batch');
      expect(started).toEqual([2, 4, 3]);
      expect((await queue.stats()).active).toBe(3);
      for (const done of release.splice(0)) done();
      await waitFor(() => started.length === 4, 'the last job');
      expect(started[3]).toBe(1);
      release[0]!();
      await waitFor(async () => (await queue.stats()).completed === 4, 'all four jobs');
    });

    it('never runs more than `concurrency` handlers at once', async () => {
      let current = 0;
      let peak = 0;
      const queue = makeQueue({
        concurrency: 3,
        definitions: [
          job('busy', async () => {
            current++;
            peak = Math.max(peak, current);
            await sleep(60);
            current--;
          }),
        ],
      });
      for (let n = 0; n < 10; n++) await queue.enqueue(db, 'busy', { n });
      queue.start();
      await waitFor(async () => (await queue.stats()).completed === 10, 'all ten jobs', 5000);
      expect(peak).toBe(3);
    });

    it('retries with exponential backoff, then keeps the job dead with its last error', async () => {
      const attempts: Array<{ attempt: number; at: number }> = [];
      const events: JobFinishedEvent[] = [];
      const queue = makeQueue({
        definitions: [
          job(
            'flaky',
            async (_p, ctx) => {
              attempts.push({ attempt: ctx.attempt, at: Date.now() });
              throw new Error(`boom ${ctx.attempt}`);
            },
            { maxAttempts: 3, backoffMs: 100 },
          ),
        ],
        onJobFinished: (e) => events.push(e),
      });
      const id = await queue.enqueue(db, 'flaky', { n: 1 });
      queue.start();
      await waitFor(async () => (await jobRow(id)).state === 'dead', 'the job to die', 5000);

      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      // Delays are in [base/2, base] * 2^(attempt-1): 50–100 ms, then 100–200 ms.
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(45);
      expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(95);
      expect(events.map((e) => e.outcome)).toEqual(['retry', 'retry', 'dead']);
      expect(events.every((e) => e.name === 'flaky' && e.durationMs >= 0)).toBe(true);

      const row = await jobRow(id);
      expect(row).toMatchObject({ attempts: 3, last_error: 'Error: boom 3', lease_owner: null });
      expect(row.finished_at).not.toBeNull();
      const dead = await queue.listDead();
      expect(dead).toEqual([{ id, name: 'flaky', payload: { n: 1 }, attempts: 3, lastError: 'Error: boom 3', finishedAt: row.finished_at }]);
      expect(await queue.stats()).toEqual({ queued: 0, active: 0, completed: 0, dead: 1, cancelled: 0 });
    });

    it('completes a job that succeeds on a retry, and sends permanent errors straight to dead', async () => {
      const queue = makeQueue({
        definitions: [
          job('second-time-lucky', async (_p, ctx) => {
            if (ctx.attempt === 1) throw new Error('transient');
          }, { backoffMs: 20 }),
          job('hopeless', async () => {
            throw new PermanentJobError('corrupt input');
          }),
        ],
      });
      const lucky = await queue.enqueue(db, 'second-time-lucky', { n: 1 });
      const hopeless = await queue.enqueue(db, 'hopeless', { n: 2 });
      queue.start();
      await waitFor(async () => (await jobRow(lucky)).state === 'completed', 'the retry to succeed');
      expect(await jobRow(lucky)).toMatchObject({ attempts: 2, last_error: 'Error: transient' });
      await waitFor(async () => (await jobRow(hopeless)).state === 'dead', 'the permanent failure');
      expect(await jobRow(hopeless)).toMatchObject({ attempts: 1, last_error: 'PermanentJobError: corrupt input' });
    });

    it('completes a job inside the handler\'s own transaction, which commits or rolls back with the completion', async () => {
      const finished: Array<JobFinishedEvent['outcome']> = [];
      const seenInside: string[] = [];
      const queue = makeQueue({
        onJobFinished: (event) => finished.push(event.outcome),
        definitions: [
          job('in-transaction', (p, ctx) =>
            db.transaction().execute(async (trx) => {
              await trx.insertInto('tenants').values({ id: `ten_${p.n}_${ctx.attempt}`, name: 't', credits_balance: null, webhook_secret: 's', created_at: new Date().toISOString() }).execute();
              const completed = await ctx.complete!(trx);
              seenInside.push((await trx.selectFrom('jobs').select('state').where('id', '=', ctx.jobId).executeTakeFirstOrThrow()).state);
              // The first try fails after completing: its completion must roll back with its other rows.
              if (ctx.attempt === 1) throw new Error('failed after completing');
              return { completed };
            }), { backoffMs: 20 }),
        ],
      });
      const id = await queue.enqueue(db, 'in-transaction', { n: 1 });
      queue.start();
      await waitFor(async () => (await jobRow(id)).state === 'completed', 'the second try to complete the job');
      await waitFor(() => finished.length === 2, 'both tries to be reported');
      expect(seenInside).toEqual(['completed', 'completed']);
      // The runner took the handler's answer: a second, separate completion would have found the row no
      // longer active and reported no outcome.
      expect(finished).toEqual(['retry', 'completed']);
      expect(await jobRow(id)).toMatchObject({ attempts: 2, last_error: 'Error: failed after completing', lease_owner: null });
      expect((await db.selectFrom('tenants').select('id').execute()).map((r) => r.id)).toEqual(['ten_1_2']);
    });

    it('extends a running job\'s lease by heartbeat, so a second instance never runs it twice', async () => {
      const runs: string[] = [];
      const slow = (who: string) => job('slow', async () => {
        runs.push(who);
        await sleep(1200); // four leases long
      });
      const otherDb = await openTestDb(dir, database.url()); // a second connection, as another process would have
      cleanups.push(() => otherDb.destroy());
      const first = makeQueue({ definitions: [slow('first')], leaseMs: 300 });
      const second = makeQueue({ db: otherDb, definitions: [slow('second')], leaseMs: 300 });
      const id = await first.enqueue(db, 'slow', { n: 1 });
      first.start();
      await waitFor(() => runs.length === 1, 'the first instance to lease the job');
      second.start();
      await waitFor(async () => (await jobRow(id)).state === 'completed', 'the job to complete', 5000);
      expect(runs).toEqual(['first']);
      expect((await jobRow(id)).attempts).toBe(1);
    });

    it('takes over an expired lease, and marks a job dead when its last attempt\'s lease expired, telling its onDead', async () => {
      const ran: number[] = [];
      const died: Array<{ n: number; jobId: string }> = [];
      const onDead = async (p: { n: number }, info: { jobId: string }) => void died.push({ n: p.n, jobId: info.jobId });
      const queue = makeQueue({ definitions: [job('orphan', async (p) => void ran.push(p.n), { onDead })] });
      const retryable = await queue.enqueue(db, 'orphan', { n: 1 }, { maxAttempts: 3 });
      const exhausted = await queue.enqueue(db, 'orphan', { n: 2 }, { maxAttempts: 1 });
      // A job of a name this runner does not run: its reaper leaves it to a runner that knows its onDead.
      const foreign = new JobRunner({ store: storeFor(db, database.url()), concurrency: 0, definitions: [job('foreign', async () => {})] });
      const stranger = await foreign.enqueue(db, 'foreign', { n: 3 }, { maxAttempts: 1 });
      // As a worker that died mid-job leaves them: active, leased by someone gone, lease in the past.
      await db
        .updateTable('jobs')
        .set({ state: 'active', attempts: 1, lease_owner: 'ghost:1', lease_until: new Date(Date.now() - 1000).toISOString() })
        .execute();
      queue.start();
      await waitFor(async () => (await jobRow(retryable)).state === 'completed', 'the orphan to be taken over');
      expect(ran).toEqual([1]);
      expect((await jobRow(retryable)).attempts).toBe(2);
      expect(await jobRow(exhausted)).toMatchObject({ state: 'dead', attempts: 1 });
      expect((await jobRow(exhausted)).last_error).toMatch(/lease expired/);
      expect(died).toEqual([{ n: 2, jobId: exhausted }]);
      expect(await jobRow(stranger)).toMatchObject({ state: 'active', lease_owner: 'ghost:1' });
    });
  });

  describe('cancelGroup', () => {
    it('cancels queued jobs of the group, aborts its running one, and leaves other groups alone', async () => {
      const aborted: string[] = [];
      const events: JobFinishedEvent[] = [];
      const ran: number[] = [];
      const queue = makeQueue({
        concurrency: 1,
        onJobFinished: (e) => events.push(e),
        definitions: [
          job('long', async (p, ctx) => {
            ran.push(p.n);
            try {
              await sleepUnlessAborted(p.n === 1 ? 10_000 : 10, ctx.signal);
            } catch (err) {
              aborted.push((err as Error).message);
              throw err;
            }
          }),
        ],
      });
      const running = await queue.enqueue(db, 'long', { n: 1 }, { groupKey: 'ext_a', priority: 1 });
      const queuedA = await queue.enqueue(db, 'long', { n: 2 }, { groupKey: 'ext_a' });
      const queuedB = await queue.enqueue(db, 'long', { n: 3 }, { groupKey: 'ext_b' });
      queue.start();
      await waitFor(() => ran.length === 1, 'the first job to start');

      const cancelled = await db.transaction().execute((trx) => queue.cancelGroup(trx, 'ext_a'));
      expect(cancelled).toBe(2);
      await waitFor(async () => (await jobRow(queuedB)).state === 'completed', 'the other group to run');
      expect(aborted).toEqual(["job group 'ext_a' was cancelled"]);
      expect(ran).toEqual([1, 3]);
      expect((await jobRow(running)).state).toBe('cancelled');
      expect((await jobRow(queuedA)).state).toBe('cancelled');
      expect(events.map((e) => e.outcome)).toEqual(['cancelled', 'completed']);
      expect(await queue.cancelGroup(db, 'ext_a')).toBe(0);
      expect(await queue.stats()).toEqual({ queued: 0, active: 0, completed: 1, dead: 0, cancelled: 2 });
    });
  });

  describe('stop', () => {
    it('waits for handlers that finish within the grace period', async () => {
      const queue = makeQueue({ definitions: [job('short', async () => sleep(100))] });
      const id = await queue.enqueue(db, 'short', { n: 1 });
      queue.start();
      await waitFor(() => queue.activeCount === 1, 'the job to start');
      await queue.stop({ graceMs: 2000 });
      expect((await jobRow(id)).state).toBe('completed');
    });

    it('stops fetching, aborts overdue handlers and releases their leases for an immediate restart', async () => {
      let signal: AbortSignal | undefined;
      const started: number[] = [];
      const stubborn = job('stubborn', async (p, ctx) => {
        started.push(p.n);
        signal = ctx.signal;
        await sleepUnlessAborted(10_000, ctx.signal);
      });
      const queue = makeQueue({ definitions: [stubborn], leaseMs: 30_000 });
      const id = await queue.enqueue(db, 'stubborn', { n: 1 });
      queue.start();
      await waitFor(() => started.length === 1, 'the job to start');

      const stopStarted = Date.now();
      await queue.stop({ graceMs: 150 });
      expect(Date.now() - stopStarted).toBeLessThan(1000);
      expect(signal?.aborted).toBe(true);
      // Back in the queue with no lease and the interrupted try not counted, although the 30 s lease
      // would otherwise have blocked it.
      expect(await jobRow(id)).toMatchObject({ state: 'queued', lease_owner: null, lease_until: null, attempts: 0 });

      await queue.enqueue(db, 'stubborn', { n: 2 });
      await sleep(100);
      expect(started).toEqual([1]); // a stopped queue fetches nothing

      const done: number[] = [];
      const restarted = makeQueue({ definitions: [job('stubborn', async (p) => void done.push(p.n))], leaseMs: 30_000 });
      restarted.start();
      await waitFor(() => done.length === 2, 'the restarted queue to run both jobs', 2000);
      expect(await jobRow(id)).toMatchObject({ state: 'completed', attempts: 1 });
    });
  });

  describe('operations', () => {
    it('answers ping, counts by state, and accepts a pino logger', async () => {
      const queue = makeQueue({ definitions: [job('noop', async () => {})], logger: pino({ level: 'silent' }) });
      expect(await queue.ping()).toBe(true);
      expect(await queue.stats()).toEqual({ queued: 0, active: 0, completed: 0, dead: 0, cancelled: 0 });
      await queue.enqueue(db, 'noop', { n: 1 });
      await queue.enqueue(db, 'noop', { n: 2 });
      expect((await queue.stats()).queued).toBe(2);
      expect(await queue.listDead()).toEqual([]);

      const closedDir = makeTempDir('queue-closed');
      const closedDb = await openTestDb(closedDir, database.url());
      const closed = new JobRunner({ store: storeFor(closedDb), definitions: [], concurrency: 1 });
      await closedDb.destroy();
      expect(await closed.ping()).toBe(false);
      fs.rmSync(closedDir, { recursive: true, force: true });
    });

    it('rejects bad settings and duplicate job names', () => {
      const noop = job('noop', async () => {});
      const store = storeFor(db);
      expect(() => new JobRunner({ store, definitions: [noop], concurrency: -1 })).toThrow(/concurrency/);
      expect(() => new JobRunner({ store, definitions: [noop], concurrency: 1, leaseMs: 100, heartbeatMs: 100 })).toThrow(/heartbeatMs/);
      expect(() => new JobRunner({ store, definitions: [noop, noop], concurrency: 1 })).toThrow(/defined twice/);
    });
  });
});
