import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../src/internal/db/schema.js';
import { JobRunner } from '../src/internal/queue/job-runner.js';
import { queueSuiteDatabase } from './helpers/queue-database.js';
import { RECORDED_JOB, makeTempDir, readRuns, recordedJob, sleep, storeFor, storeKinds, waitFor } from './fixtures/queue-helpers.js';

/**
 * Queue behaviour across real OS processes sharing one database (a SQLite file, or a Postgres database
 * when DOCSIFT_TEST_DATABASE_URL is set): a SIGKILLed worker, and two racing workers.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workerScript = path.join('test', 'fixtures', 'queue-crash-worker.ts');

describe.each(storeKinds('test/queue-processes.test.ts'))('worker processes on %s', (kind) => {
  let dir: string;
  let db: Kysely<Database>;
  const database = queueSuiteDatabase(kind);
  const children: ChildProcess[] = [];
  const queues: JobRunner[] = [];

  beforeEach(async () => {
    dir = makeTempDir('queue-proc');
    db = await database.open(dir);
  });

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const queue of queues.splice(0)) await queue.stop({ graceMs: 200 });
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  interface Worker {
    child: ChildProcess;
    /** Resolves when the worker printed this line. */
    printed(line: string): Promise<void>;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  }

  function startWorker(args: { holdMs: number; leaseMs: number; concurrency: number; exitWhenIdle?: boolean }): Worker {
    const argv = [String(args.holdMs), String(args.leaseMs), String(args.concurrency), ...(args.exitWhenIdle ? ['exitWhenIdle'] : [])];
    const child = spawn(process.execPath, ['--import', 'tsx', workerScript, dir, ...argv], {
      cwd: repoRoot,
      env: { ...process.env, QUEUE_TEST_DATABASE_URL: database.url() ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    return {
      child,
      exited,
      printed: async (line) => {
        await waitFor(() => {
          if (child.exitCode !== null && !stdout.includes(`${line}\n`)) throw new Error(`worker exited early: ${stderr}`);
          return stdout.includes(`${line}\n`);
        }, `worker to print '${line}'`, 10_000);
      },
    };
  }

  function jobRow(id: string) {
    return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  describe('a worker process killed with SIGKILL mid-job', () => {
    it('loses nothing: after its lease expires another worker completes the job exactly once', async () => {
      // Long enough that a loaded machine (vitest runs files side by side on two cores) still gets the
      // child's heartbeat (every leaseMs / 3) in before the lease ends: with 500 ms a starved child
      // lost its lease while alive, and the survivor rightly took the job over (at-least-once).
      const leaseMs = 1500;
      // The queue that enqueues (as the API would) and later takes over; it does not run jobs yet.
      const survivor = new JobRunner({
        store: storeFor(db, database.url()),
        definitions: [recordedJob({ dir, holdMs: 0 })],
        concurrency: 1,
        leaseMs,
        pollMs: 20,
      });
      queues.push(survivor);
      const id = await db.transaction().execute((trx) => survivor.enqueue(trx, RECORDED_JOB, { label: 'document' }));

      const doomed = startWorker({ holdMs: 60_000, leaseMs, concurrency: 1 });
      await doomed.printed('ready');
      await waitFor(() => readRuns(dir).some((r) => r.kind === 'start'), 'the child to start the job', 10_000);
      expect(await jobRow(id)).toMatchObject({ state: 'active', attempts: 1 });

      // While the child is alive its heartbeat keeps the lease, even for three lease lengths: the
      // survivor, already polling, must not touch the job.
      survivor.start();
      await sleep(3 * leaseMs);
      expect(readRuns(dir)).toHaveLength(1);
      expect((await jobRow(id)).lease_owner).toContain(`:${doomed.child.pid}:`);

      doomed.child.kill('SIGKILL');
      expect((await doomed.exited).signal).toBe('SIGKILL');
      await waitFor(async () => (await jobRow(id)).state === 'completed', 'the survivor to complete the job', 10_000);

      await sleep(2 * leaseMs); // long enough for any second takeover to show up
      const runs = readRuns(dir);
      expect(runs).toEqual([
        { kind: 'start', jobId: id, attempt: 1, pid: doomed.child.pid },
        { kind: 'start', jobId: id, attempt: 2, pid: process.pid },
        { kind: 'done', jobId: id, pid: process.pid },
      ]);
      expect(await jobRow(id)).toMatchObject({ state: 'completed', attempts: 2, lease_owner: null, lease_until: null });
      expect(await survivor.stats()).toEqual({ queued: 0, active: 0, completed: 1, dead: 0, cancelled: 0 });
    });
  });

  describe('two worker processes on the same database file', () => {
    it('never run the same job twice', async () => {
      const jobs = 80;
      const local = new JobRunner({
        store: storeFor(db, database.url()),
        definitions: [recordedJob({ dir, holdMs: 20 })],
        concurrency: 4,
        leaseMs: 2000,
        pollMs: 10,
      });
      queues.push(local);
      const ids = new Set<string>();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < jobs; i++) ids.add(await local.enqueue(trx, RECORDED_JOB, { label: `job ${i}` }));
      });

      const other = startWorker({ holdMs: 20, leaseMs: 2000, concurrency: 4, exitWhenIdle: true });
      await other.printed('ready');
      local.start();
      await other.printed('idle');
      await waitFor(async () => (await local.stats()).completed === jobs, 'every job to complete', 10_000);
      expect((await other.exited).code).toBe(0);

      const runs = readRuns(dir);
      const starts = runs.filter((r) => r.kind === 'start');
      expect(starts).toHaveLength(jobs);
      expect(new Set(starts.map((r) => r.jobId))).toEqual(ids);
      expect(starts.every((r) => r.attempt === 1)).toBe(true);
      // Both processes took part, so the race was real.
      const byPid = new Set(starts.map((r) => r.pid));
      expect(byPid).toEqual(new Set([process.pid, other.child.pid]));
    });
  });
});
