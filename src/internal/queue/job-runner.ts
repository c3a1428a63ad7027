import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Kysely } from 'kysely';
import Value from 'typebox/value';
import type { Database } from '../db/schema.js';
import { newId } from '../ids.js';
import { computeRetryDelayMs } from './backoff.js';
import { PermanentJobError } from './permanent-job-error.js';
import type { JobStore, LeasedJob, LeaseFence } from './job-store.js';
import type { JobFinishedEvent, JobOutcome, JobRunnerOptions, QueueLogger } from './job-runner-options.js';
import type { DeadJob, EnqueueOptions, JobCompletion, JobDefinition, JobQueue, QueueStats } from './types.js';

export type { JobFinishedEvent, JobOutcome, JobRunnerOptions, QueueLogger } from './job-runner-options.js';

const DEFAULT_PRIORITY = 50;
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_BACKOFF_MS = 1000;
const DEFAULT_GRACE_MS = 10_000;
const MAX_ERROR_LENGTH = 2000;

const silentLogger: QueueLogger = { info: () => {}, warn: () => {}, error: () => {} };

interface RunningJob {
  fence: LeaseFence;
  name: string;
  groupKey: string | null;
  controller: AbortController;
  heartbeat: NodeJS.Timeout;
  /** A heartbeat write is in flight; skip overlapping ones. */
  beating: boolean;
  /** The handler is completing the job in its transaction: a heartbeat now would only wait for its row lock. */
  completing: boolean;
  /** stop() handed the job back; whatever the handler does next must not touch the row. */
  released: boolean;
  done: Promise<void>;
}

/**
 * docsift's one JobQueue, on either database (the JobStore, job-store.ts): jobs are leased, kept alive
 * by heartbeats and taken over by any worker once their lease expires. Delivery is at-least-once, so
 * handlers must be idempotent. One fill loop per instance leases, in one statement, as many jobs as it
 * has free slots (up to `concurrency`); it runs again when a job finishes, when this process enqueues,
 * and every pollMs while idle. Handlers run as promises on this event loop, which is enough because
 * the heavy work they call (OCR, PDF parsing) is asynchronous or in native code. A handler that blocks
 * the event loop for longer than a lease stops its own heartbeat, and another process may then take
 * the job over.
 */
export class JobRunner implements JobQueue {
  readonly workerId: string;
  private readonly store: JobStore;
  private readonly names: string[];
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly reapEveryMs: number;
  private readonly logger: QueueLogger;
  private readonly onJobFinished?: (event: JobFinishedEvent) => void;

  private readonly running = new Map<string, RunningJob>();
  private accepting = false;
  private pollTimer: NodeJS.Timeout | undefined;
  /** The fill pass in progress, if any; there is never more than one, so slots are never overbooked. */
  private filling: Promise<void> | undefined;
  private wakeRequested = false;
  private lastReapMs = 0;
  /** The store's watch on new jobs while started, resolving to the function that ends it. */
  private watching: Promise<(() => Promise<void>) | undefined> | undefined;

  constructor(options: JobRunnerOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 0) {
      throw new Error(`queue concurrency must be a whole number, got ${options.concurrency}`);
    }
    this.store = options.store;
    this.concurrency = options.concurrency;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.heartbeatMs = options.heartbeatMs ?? Math.floor(this.leaseMs / 3);
    if (this.heartbeatMs <= 0 || this.heartbeatMs >= this.leaseMs) {
      throw new Error(`queue heartbeatMs (${this.heartbeatMs}) must be positive and shorter than leaseMs (${this.leaseMs})`);
    }
    this.pollMs = options.pollMs ?? 200;
    // Expired leases are rare; looking for them at half a lease keeps takeover prompt without a write
    // statement on every poll.
    this.reapEveryMs = Math.min(Math.floor(this.leaseMs / 2), 5000);
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.logger = options.logger ?? silentLogger;
    this.onJobFinished = options.onJobFinished;
    for (const definition of options.definitions) {
      if (this.definitions.has(definition.name)) throw new Error(`job '${definition.name}' is defined twice`);
      this.definitions.set(definition.name, definition);
    }
    this.names = [...this.definitions.keys()];
  }

  async enqueue(db: Kysely<Database>, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`cannot enqueue unknown job '${name}'`);
    if (!Value.Check(definition.payloadSchema, payload)) {
      const problems = [...Value.Errors(definition.payloadSchema, payload)]
        .slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message}`);
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
    const id = newId('job');
    const nowMs = Date.now();
    // Written through the caller's handle: inside their transaction the job commits or rolls back
    // with the rows it belongs to.
    await this.store.insert(db, {
      id,
      name,
      payload,
      priority,
      maxAttempts,
      runAtMs: options.runAt ? options.runAt.getTime() : nowMs,
      groupKey: options.groupKey ?? null,
      nowMs,
    });
    // Waking now is right on SQLite even inside an uncommitted transaction: Kysely's SQLite driver has
    // one connection, so the fill's queries wait for the transaction to end and then see the job. On
    // Postgres an uncommitted job is invisible to the fill; the store's watch wakes it after the commit.
    this.wake();
    return id;
  }

  start(): void {
    if (this.accepting || this.concurrency === 0) return;
    this.accepting = true;
    // Once the watch is up, one more look: a job committed before it was up was not notified.
    this.watching = this.store
      .watch?.(() => this.wake())
      .then((unwatch) => (this.wake(), unwatch))
      .catch((err) => {
        this.logger.warn({ err }, 'cannot watch for new jobs; polling only');
        return undefined;
      });
    this.wake();
  }

  async stop(options: { graceMs?: number } = {}): Promise<void> {
    const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.accepting = false;
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    const unwatch = await this.watching;
    this.watching = undefined;
    await unwatch?.();
    // A lease may be in flight; once it lands it is either running (and waited for) or handed back.
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
    // Hand the rows back before aborting, so that by the time a handler reacts to its signal the job is
    // already queued again and a restarted worker (or another process) can take it immediately.
    await Promise.all(unfinished.map((job) => this.release(job)));
    for (const job of unfinished) job.controller.abort(new Error('job queue is stopping'));
    if (unfinished.length > 0) {
      this.logger.info({ jobs: unfinished.map((job) => job.fence.id) }, 'released unfinished jobs on stop');
    }
  }

  async cancelGroup(db: Kysely<Database>, groupKey: string): Promise<number> {
    const cancelled = await this.store.cancelGroup(db, { groupKey, nowMs: Date.now() });
    // Running jobs in other processes find out at their next heartbeat, when the fenced UPDATE no
    // longer matches; ours are aborted at once.
    for (const job of this.running.values()) {
      if (job.groupKey === groupKey && !job.controller.signal.aborted) {
        job.controller.abort(new Error(`job group '${groupKey}' was cancelled`));
      }
    }
    return cancelled;
  }

  stats(): Promise<QueueStats> {
    return this.store.countByState();
  }

  listDead(options: { limit?: number } = {}): Promise<DeadJob[]> {
    return this.store.listDead(options.limit ?? 50);
  }

  ping(): Promise<boolean> {
    return this.store.ping();
  }

  /** Jobs this instance is running right now. */
  get activeCount(): number {
    return this.running.size;
  }

  /** Runs a fill pass now (or right after the current one) instead of at the next poll. */
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

  /**
   * Leases jobs until every slot is busy or nothing is runnable: one statement for all free slots, and
   * a batch smaller than asked for means nothing else is runnable now, so no further query is made.
   */
  private async fill(): Promise<void> {
    if (this.names.length === 0 || this.concurrency === 0) return;
    try {
      await this.reapIfDue();
      while (this.accepting && this.running.size < this.concurrency) {
        const free = this.concurrency - this.running.size;
        const jobs = await this.store.lease({ names: this.names, owner: this.workerId, limit: free, leaseMs: this.leaseMs, nowMs: Date.now() });
        for (const job of jobs) this.launch(job);
        if (jobs.length < free) return;
      }
    } catch (err) {
      this.logger.error({ err }, 'job queue poll failed');
    }
  }

  private async reapIfDue(): Promise<void> {
    const nowMs = Date.now();
    if (nowMs - this.lastReapMs < this.reapEveryMs) return;
    this.lastReapMs = nowMs;
    const reaped = await this.store.reapExpired({ names: this.names, nowMs, exceptOwner: this.workerId });
    if (reaped.requeued > 0 || reaped.dead.length > 0) {
      this.logger.warn({ requeued: reaped.requeued, dead: reaped.dead.length }, 'took over jobs whose lease expired');
    }
    for (const job of reaped.dead) {
      const definition = this.definitions.get(job.name);
      if (!definition?.onDead || !Value.Check(definition.payloadSchema, job.payload)) continue;
      try {
        await definition.onDead(job.payload, { jobId: job.id });
      } catch (err) {
        this.logger.error({ err, jobId: job.id, job: job.name }, 'could not record the end of a job whose lease expired on its last try');
      }
    }
  }

  private launch(leased: LeasedJob): void {
    const job: RunningJob = {
      fence: { id: leased.id, owner: this.workerId, attempt: leased.attempt },
      name: leased.name,
      groupKey: leased.groupKey,
      controller: new AbortController(),
      heartbeat: setInterval(() => void this.beat(job), this.heartbeatMs),
      beating: false,
      completing: false,
      released: false,
      done: Promise.resolve(),
    };
    this.running.set(leased.id, job);
    job.done = this.execute(job, leased)
      .catch((err) => this.logger.error({ err, jobId: leased.id }, 'job bookkeeping failed'))
      .finally(() => {
        clearInterval(job.heartbeat);
        this.running.delete(leased.id);
        this.wake(); // a slot is free
      });
  }

  private async execute(job: RunningJob, leased: LeasedJob): Promise<void> {
    const definition = this.definitions.get(leased.name)!;
    const { attempt, maxAttempts } = leased;
    const started = performance.now();
    const log = { jobId: leased.id, job: leased.name, attempt };

    let failure: unknown;
    let ok = false;
    let completion: JobCompletion | void = undefined;
    const complete = (db: Kysely<Database>) => {
      job.completing = true;
      return this.store.complete(job.fence, Date.now(), db);
    };
    if (!Value.Check(definition.payloadSchema, leased.payload)) {
      // Stored before a schema change; no retry can fix it.
      failure = new PermanentJobError(`payload no longer matches the schema of job '${leased.name}'`);
    } else {
      try {
        completion = await definition.handler(leased.payload, { jobId: leased.id, attempt, maxAttempts, signal: job.controller.signal, complete });
        ok = true;
      } catch (err) {
        failure = err;
      }
    }
    if (job.released) return; // stop() gave the row back; it is no longer ours to write
    const durationMs = performance.now() - started;
    const nowMs = Date.now();

    let outcome: JobOutcome | undefined;
    if (ok) {
      const completed = completion ? completion.completed : await this.store.complete(job.fence, nowMs);
      outcome = completed ? 'completed' : await this.lostLease(job);
    } else {
      const lastTry = failure instanceof PermanentJobError || attempt >= maxAttempts;
      const retryAtMs = lastTry ? null : nowMs + computeRetryDelayMs({ attempt, baseMs: definition.backoffMs ?? DEFAULT_BACKOFF_MS });
      const written = await this.store.fail(job.fence, { error: describeError(failure), retryAtMs, nowMs });
      outcome = written ? (lastTry ? 'dead' : 'retry') : await this.lostLease(job);
      if (outcome === 'dead') this.logger.error({ ...log, err: failure }, 'job failed for the last time');
      else if (outcome === 'retry') this.logger.warn({ ...log, err: failure, retryAtMs }, 'job failed; will retry');
    }
    if (outcome) this.onJobFinished?.({ name: leased.name, durationMs, outcome });
  }

  /** The fenced write matched nothing: the job was cancelled, or another worker took it over. */
  private async lostLease(job: RunningJob): Promise<JobOutcome | undefined> {
    const state = await this.store.state(job.fence.id);
    if (state === 'cancelled') return 'cancelled';
    this.logger.warn({ jobId: job.fence.id, state }, 'job lease was lost before it finished; result discarded');
    return undefined;
  }

  private async beat(job: RunningJob): Promise<void> {
    if (job.beating || job.released || job.completing) return;
    job.beating = true;
    try {
      const held = await this.store.extend(job.fence, { leaseMs: this.leaseMs, nowMs: Date.now() });
      if (!held && !job.released) {
        // Cancelled, or taken over after we missed heartbeats: stop the handler, it no longer owns the job.
        clearInterval(job.heartbeat);
        job.controller.abort(new Error('job lease was lost'));
      }
    } catch (err) {
      // Transient (e.g. the database was busy past busy_timeout): the next beat tries again.
      this.logger.warn({ err, jobId: job.fence.id }, 'job heartbeat failed');
    } finally {
      job.beating = false;
    }
  }

  private async release(job: RunningJob): Promise<void> {
    try {
      await this.store.release(job.fence, Date.now());
    } catch (err) {
      // The lease will simply expire and the job be taken over then.
      this.logger.error({ err, jobId: job.fence.id }, 'could not release job lease on stop');
    }
  }
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
