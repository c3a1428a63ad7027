import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import Value from 'typebox/value';
import type { Database } from '../db/schema.js';
import { computeRetryDelayMs } from './backoff.js';
import type { JobFinishedEvent, JobOutcome, QueueLogger } from './embedded-queue-options.js';
import { PermanentJobError } from './permanent-job-error.js';
import {
  assertSchemaName,
  cancelJobGroup,
  completeJob,
  countJobsByState,
  extendJobLease,
  failJob,
  jobState,
  listFailedJobs,
  reapExpiredJobs,
  releaseJob,
  type JobFence,
} from './pg-boss-job-sql.js';
import type { DeadJob, EnqueueOptions, JobDefinition, JobQueue, QueueStats } from './types.js';

const DEFAULT_PRIORITY = 50;
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_BACKOFF_MS = 1000;
const DEFAULT_GRACE_MS = 10_000;
const MAX_ERROR_LENGTH = 2000;

const silentLogger: QueueLogger = { info: () => {}, warn: () => {}, error: () => {} };

export interface PgBossJobQueueOptions {
  /** The Postgres database pg-boss keeps its schema in (the same one as docsift's tables). */
  connectionString: string;
  definitions: JobDefinition[];
  /** Handlers run at once by this process; 0 makes an enqueue-only instance (an API node). */
  concurrency: number;
  /** How long a job may run without a heartbeat before another worker takes it (default 30 s). */
  leaseMs?: number;
  heartbeatMs?: number;
  /** How often to look for jobs when idle (default 250 ms). */
  pollMs?: number;
  /** pg-boss's schema (default 'pgboss'). */
  schema?: string;
  /** Connections in pg-boss's own pool (default 4). */
  maxConnections?: number;
  workerId?: string;
  logger?: QueueLogger;
  onJobFinished?: (event: JobFinishedEvent) => void;
}

interface RunningJob {
  fence: JobFence;
  groupKey: string | null;
  controller: AbortController;
  heartbeat: NodeJS.Timeout;
  beating: boolean;
  released: boolean;
  done: Promise<void>;
}

/**
 * The JobQueue for Postgres deployments, on pg-boss 10: jobs live in pg-boss's schema, are inserted by
 * pg-boss's `send` through the caller's transaction and handed out by its `fetch` (FOR UPDATE SKIP
 * LOCKED, so any number of worker processes each take a job once). Running them is done here rather than
 * with pg-boss's `work()`, to keep the embedded queue's contract: a concurrency of slots, an abort signal
 * per job, leases kept alive by heartbeats (started_on + expire_in), fenced completion, the same retry
 * backoff, PermanentJobError going straight to dead, and stop() handing unfinished jobs back.
 * Delivery is at-least-once; handlers are idempotent.
 */
export class PgBossJobQueue implements JobQueue {
  readonly workerId: string;
  private readonly boss: PgBoss;
  private readonly schema: string;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly names: string[];
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly reapEveryMs: number;
  private readonly logger: QueueLogger;
  private readonly onJobFinished?: (event: JobFinishedEvent) => void;

  private readonly running = new Map<string, RunningJob>();
  private ready = false;
  private closed = false;
  private accepting = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private filling: Promise<void> | undefined;
  private wakeRequested = false;
  private lastReapMs = 0;
  /** Rotates which job name is fetched first, so one busy name doesn't starve the others. */
  private nextName = 0;

  constructor(options: PgBossJobQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 0) {
      throw new Error(`queue concurrency must be a whole number, got ${options.concurrency}`);
    }
    this.schema = assertSchemaName(options.schema ?? 'pgboss');
    this.concurrency = options.concurrency;
    this.leaseMs = Math.max(1000, options.leaseMs ?? 30_000);
    this.heartbeatMs = options.heartbeatMs ?? Math.floor(this.leaseMs / 3);
    this.pollMs = options.pollMs ?? 250;
    this.reapEveryMs = Math.min(Math.floor(this.leaseMs / 2), 5000);
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.logger = options.logger ?? silentLogger;
    this.onJobFinished = options.onJobFinished;
    for (const definition of options.definitions) {
      if (this.definitions.has(definition.name)) throw new Error(`job '${definition.name}' is defined twice`);
      this.definitions.set(definition.name, definition);
    }
    this.names = [...this.definitions.keys()];
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: this.schema,
      max: options.maxConnections ?? 4,
      application_name: 'docsift-queue',
      schedule: false,
      // Maintenance (archiving, expiring, deleting old jobs) runs in one process at a time under an
      // advisory lock; every process offers to do it.
      supervise: true,
      maintenanceIntervalSeconds: 60,
      // Passed through to pg-boss's pg.Pool (its types don't list it): while Postgres is down or restarting,
      // a fetch, heartbeat or completion fails within 10 s instead of waiting for a connection forever,
      // and the next poll or beat tries again (see test/faults-postgres-restart.test.ts).
      ...({ connectionTimeoutMillis: 10_000 } as object),
    });
    // Unhandled, an EventEmitter 'error' would crash the process; pg-boss reports lost connections here.
    this.boss.on('error', (err: unknown) => this.logger.warn({ err }, 'pg-boss reported an error'));
  }

  /** Creates or migrates pg-boss's schema and one pg-boss queue per job name. Call once before use. */
  async init(): Promise<void> {
    if (this.ready) return;
    await this.boss.start();
    for (const name of this.names) {
      if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, { name, policy: 'standard' });
    }
    this.ready = true;
  }

  async enqueue(db: Kysely<Database>, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`cannot enqueue unknown job '${name}'`);
    if (!Value.Check(definition.payloadSchema, payload)) {
      const problems = [...Value.Errors(definition.payloadSchema, payload)].slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
      throw new Error(`invalid payload for job '${name}': ${problems.join('; ')}`);
    }
    const priority = options.priority ?? DEFAULT_PRIORITY;
    if (!Number.isInteger(priority) || priority < 1 || priority > 100) {
      throw new Error(`job priority must be an integer from 1 to 100, got ${priority}`);
    }
    const maxAttempts = options.maxAttempts ?? definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new Error(`job maxAttempts must be a positive integer, got ${maxAttempts}`);
    }
    this.assertReady();
    const id = await this.boss.send(name, payload as object, {
      // docsift's priority runs lower numbers first; pg-boss runs higher first.
      priority: 101 - priority,
      ...(options.runAt ? { startAfter: options.runAt } : {}),
      ...(options.groupKey ? { singletonKey: options.groupKey } : {}),
      retryLimit: maxAttempts - 1,
      // Failures are rescheduled by this queue with its own backoff; pg-boss's retry delay only applies
      // when its maintenance expires a job, and then the job should run again promptly.
      retryDelay: 1,
      retryBackoff: false,
      expireInSeconds: Math.ceil(this.leaseMs / 1000),
      // Inserted through the caller's handle: inside their transaction the job commits or rolls back
      // with the rows it belongs to.
      db: executorFor(db),
    });
    if (!id) throw new Error(`pg-boss did not create job '${name}'`);
    // The caller's transaction may not have committed yet; look shortly after, not at once.
    if (this.accepting) setTimeout(() => this.wake(), 20).unref();
    return id;
  }

  start(): void {
    if (this.accepting || this.concurrency === 0) return;
    this.assertReady();
    this.accepting = true;
    this.wake();
  }

  async stop(options: { graceMs?: number } = {}): Promise<void> {
    const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.accepting = false;
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await this.filling;
    const waiting = [...this.running.values()];
    if (waiting.length > 0) {
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled(waiting.map((job) => job.done)), graceOver]);
      clearTimeout(graceTimer);
    }
    const unfinished = [...this.running.values()].filter((job) => !job.released);
    for (const job of unfinished) {
      job.released = true;
      clearInterval(job.heartbeat);
    }
    // Handed back before the abort, so a restarted or other worker can take them at once.
    await Promise.all(
      unfinished.map((job) =>
        releaseJob(this.boss.getDb(), this.schema, job.fence).catch((err) =>
          this.logger.error({ err, jobId: job.fence.id }, 'could not release job on stop'),
        ),
      ),
    );
    for (const job of unfinished) job.controller.abort(new Error('job queue is stopping'));
    if (unfinished.length > 0) this.logger.info({ jobs: unfinished.map((job) => job.fence.id) }, 'released unfinished jobs on stop');
  }

  /** Stops pg-boss and closes its pool; the queue can't be used afterwards. */
  async close(): Promise<void> {
    await this.stop({ graceMs: 0 });
    if (this.closed) return;
    this.closed = true;
    if (this.ready) await this.boss.stop({ graceful: false, close: true, wait: true });
  }

  async cancelGroup(db: Kysely<Database>, groupKey: string): Promise<number> {
    const cancelled = await cancelJobGroup(executorFor(db), this.schema, { names: this.names, groupKey });
    // Other processes' running jobs find out at their next heartbeat (the fenced UPDATE no longer matches).
    for (const job of this.running.values()) {
      if (job.groupKey === groupKey && !job.controller.signal.aborted) job.controller.abort(new Error(`job group '${groupKey}' was cancelled`));
    }
    return cancelled;
  }

  async stats(): Promise<QueueStats> {
    const counts: QueueStats = { queued: 0, active: 0, completed: 0, dead: 0, cancelled: 0 };
    for (const { state, n } of await countJobsByState(this.boss.getDb(), this.schema, this.names)) {
      if (state === 'created' || state === 'retry') counts.queued += n;
      else if (state === 'failed') counts.dead += n;
      else if (state === 'active' || state === 'completed' || state === 'cancelled') counts[state] += n;
    }
    return counts;
  }

  async listDead(options: { limit?: number } = {}): Promise<DeadJob[]> {
    const rows = await listFailedJobs(this.boss.getDb(), this.schema, { names: this.names, limit: options.limit ?? 50 });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      payload: row.data,
      attempts: Number(row.retry_count) + 1,
      lastError: row.output?.message ?? null,
      finishedAt: row.completed_on ? new Date(row.completed_on).toISOString() : null,
    }));
  }

  async ping(): Promise<boolean> {
    try {
      await this.boss.getDb().executeSql('SELECT 1', []);
      return true;
    } catch {
      return false;
    }
  }

  get activeCount(): number {
    return this.running.size;
  }

  private assertReady(): void {
    if (!this.ready) throw new Error('the pg-boss queue is not initialised: await queue.init() first');
    if (this.closed) throw new Error('the pg-boss queue is closed');
  }

  private wake(): void {
    if (!this.accepting) return;
    if (this.filling) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.filling = this.fill().finally(() => {
      this.filling = undefined;
      if (!this.accepting) return;
      if (this.wakeRequested) {
        this.wakeRequested = false;
        this.wake();
      } else {
        this.pollTimer = setTimeout(() => this.wake(), this.pollMs);
      }
    });
  }

  /** Fetches jobs until every slot is busy or no name has a runnable job. */
  private async fill(): Promise<void> {
    try {
      await this.reapIfDue();
      let emptyInARow = 0;
      while (this.accepting && this.running.size < this.concurrency && emptyInARow < this.names.length) {
        const name = this.names[this.nextName++ % this.names.length]!;
        const [job] = await this.boss.fetch<unknown>(name, { batchSize: 1, includeMetadata: true });
        if (!job) {
          emptyInARow++;
          continue;
        }
        emptyInARow = 0;
        if (!this.accepting) {
          // stop() began while the fetch was in flight: give the job straight back.
          await releaseJob(this.boss.getDb(), this.schema, { name, id: job.id, retryCount: job.retryCount });
          return;
        }
        this.launch(job);
      }
    } catch (err) {
      this.logger.error({ err }, 'job queue poll failed');
    }
  }

  private async reapIfDue(): Promise<void> {
    const nowMs = Date.now();
    if (nowMs - this.lastReapMs < this.reapEveryMs) return;
    this.lastReapMs = nowMs;
    const reaped = await reapExpiredJobs(this.boss.getDb(), this.schema, { names: this.names, exceptIds: [...this.running.keys()] });
    if (reaped.requeued > 0 || reaped.dead > 0) this.logger.warn(reaped, 'took over jobs whose lease expired');
  }

  private launch(job: PgBoss.JobWithMetadata<unknown>): void {
    const running: RunningJob = {
      fence: { name: job.name, id: job.id, retryCount: job.retryCount },
      groupKey: job.singletonKey ?? null,
      controller: new AbortController(),
      heartbeat: setInterval(() => void this.beat(running), this.heartbeatMs),
      beating: false,
      released: false,
      done: Promise.resolve(),
    };
    this.running.set(job.id, running);
    running.done = this.execute(running, job)
      .catch((err) => this.logger.error({ err, jobId: job.id }, 'job bookkeeping failed'))
      .finally(() => {
        clearInterval(running.heartbeat);
        this.running.delete(job.id);
        this.wake();
      });
  }

  private async execute(running: RunningJob, job: PgBoss.JobWithMetadata<unknown>): Promise<void> {
    const definition = this.definitions.get(job.name)!;
    const attempt = job.retryCount + 1;
    const maxAttempts = job.retryLimit + 1;
    const started = performance.now();
    const log = { jobId: job.id, job: job.name, attempt };
    let failure: unknown;
    let ok = false;
    if (!Value.Check(definition.payloadSchema, job.data)) {
      failure = new PermanentJobError(`payload no longer matches the schema of job '${job.name}'`);
    } else {
      try {
        await definition.handler(job.data, { jobId: job.id, attempt, maxAttempts, signal: running.controller.signal });
        ok = true;
      } catch (err) {
        failure = err;
      }
    }
    if (running.released) return;
    const durationMs = performance.now() - started;
    const db = this.boss.getDb();
    let outcome: JobOutcome | undefined;
    if (ok) {
      outcome = (await completeJob(db, this.schema, running.fence)) ? 'completed' : await this.lostLease(running);
    } else {
      const lastTry = failure instanceof PermanentJobError || attempt >= maxAttempts;
      const retryAfterMs = lastTry ? null : computeRetryDelayMs({ attempt, baseMs: definition.backoffMs ?? DEFAULT_BACKOFF_MS });
      const written = await failJob(db, this.schema, running.fence, { error: describeError(failure), retryAfterMs });
      outcome = written ? (lastTry ? 'dead' : 'retry') : await this.lostLease(running);
      if (outcome === 'dead') this.logger.error({ ...log, err: failure }, 'job failed for the last time');
      else if (outcome === 'retry') this.logger.warn({ ...log, err: failure, retryAfterMs }, 'job failed; will retry');
    }
    if (outcome) this.onJobFinished?.({ name: job.name, durationMs, outcome });
  }

  private async lostLease(running: RunningJob): Promise<JobOutcome | undefined> {
    const state = await jobState(this.boss.getDb(), this.schema, running.fence);
    if (state === 'cancelled') return 'cancelled';
    this.logger.warn({ jobId: running.fence.id, state }, 'job lease was lost before it finished; result discarded');
    return undefined;
  }

  private async beat(running: RunningJob): Promise<void> {
    if (running.beating || running.released) return;
    running.beating = true;
    try {
      const held = await extendJobLease(this.boss.getDb(), this.schema, running.fence);
      if (!held && !running.released) {
        clearInterval(running.heartbeat);
        running.controller.abort(new Error('job lease was lost'));
      }
    } catch (err) {
      // Transient (e.g. Postgres restarting): the next beat tries again.
      this.logger.warn({ err, jobId: running.fence.id }, 'job heartbeat failed');
    } finally {
      running.beating = false;
    }
  }
}

/** pg-boss's `db` option over a Kysely handle: inside a transaction, pg-boss's SQL joins it. */
function executorFor(db: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as any[] };
    },
  };
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
