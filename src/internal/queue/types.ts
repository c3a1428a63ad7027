import type { Kysely } from 'kysely';
import type { TSchema, Static } from 'typebox';
import type { Database } from '../db/schema.js';

/** What a handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** Aborted when the queue stops or the job's group is cancelled; long handlers should check it. */
  signal: AbortSignal;
  /**
   * Completes the job through the handler's own transaction, as its last statement, so the job's
   * completion commits with the handler's outcome: one commit per job instead of two. Answers false
   * when the lease was lost (the fenced update matched nothing). A handler that uses it resolves to
   * `{ completed }` with that answer once the transaction has committed (never for one that rolled
   * back); the runner then writes nothing more for the run. Absent when a handler is called directly.
   */
  complete?: (db: Kysely<Database>) => Promise<boolean>;
}

/** What a handler resolves to when it completed its job in its own transaction (JobContext.complete). */
export interface JobCompletion {
  completed: boolean;
}

/** A job type: a name, the schema its payload must match, and the code that runs it. */
export interface JobDefinition<S extends TSchema = TSchema> {
  name: string;
  payloadSchema: S;
  handler: (payload: Static<S>, ctx: JobContext) => Promise<JobCompletion | void>;
  /** Tries before the job is dead (default 5). */
  maxAttempts?: number;
  /**
   * Called when the job died without its handler ending: its lease expired on the last try (the worker
   * was killed or stalled), so no handler code ran to record the outcome. A handler's own failure on
   * its last try is the handler's to record. Called at most once, by the process whose reaper killed
   * the job; an error is logged and not retried.
   */
  onDead?: (payload: Static<S>, info: { jobId: string }) => Promise<void>;
  /** First retry delay; doubles each try, with jitter (default 1000 ms). */
  backoffMs?: number;
}

export interface EnqueueOptions {
  /** 1–100, lower runs first (default 50). */
  priority?: number;
  runAt?: Date;
  maxAttempts?: number;
  /** Ties the job to an entity (e.g. an extraction id) so its jobs can be cancelled together. */
  groupKey?: string;
}

export interface QueueStats {
  queued: number;
  active: number;
  completed: number;
  dead: number;
  cancelled: number;
}

export interface DeadJob {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  lastError: string | null;
  finishedAt: string | null;
}

/**
 * A durable job queue. `enqueue` takes the caller's database handle (a transaction or the db), so a job
 * commits or rolls back with the rows it belongs to. One implementation, JobRunner (job-runner.ts), over
 * a JobStore for SQLite or Postgres (job-store.ts).
 */
export interface JobQueue {
  enqueue(db: Kysely<Database>, name: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  /** Starts leasing and running jobs with the configured concurrency. */
  start(): void;
  /** Stops taking jobs, waits up to graceMs for running ones, then releases their leases. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Cancels queued jobs of a group and aborts running ones. Returns how many were cancelled. */
  cancelGroup(db: Kysely<Database>, groupKey: string): Promise<number>;
  stats(): Promise<QueueStats>;
  listDead(options?: { limit?: number }): Promise<DeadJob[]>;
  /** True when the queue's storage answers (for /readyz). */
  ping(): Promise<boolean>;
}
