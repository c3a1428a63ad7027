import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DeadJob, QueueStats } from './types.js';

/**
 * Where the job runner (job-runner.ts) keeps its jobs: the one seam between the runner's scheduling
 * (slots, heartbeats, backoff, stop) and a database. pg-boss has the same shape: one worker over a
 * database layer. Implementations: sqlite-job-store.ts and postgres-job-store.ts, both over the `jobs`
 * table (jobs-table-store.ts holds the statements they share).
 *
 * Every method that touches a leased job is fenced: it only matches while the row is still active under
 * the same owner and the same attempt number. Attempts grow by one on every lease, so they act as a
 * fencing token: a worker whose lease expired and was taken over can never complete, fail or extend the
 * new holder's run, even if both share an owner id. Those methods answer false when the fence failed.
 */
export interface JobStore {
  /** Adds a queued job through the caller's handle, so it commits or rolls back with their rows. */
  insert(db: Kysely<Database>, job: NewStoredJob): Promise<void>;
  /** Leases up to `limit` runnable jobs of these names, lowest priority number first, then oldest. */
  lease(options: { names: string[]; owner: string; limit: number; leaseMs: number; nowMs: number }): Promise<LeasedJob[]>;
  extend(fence: LeaseFence, options: { leaseMs: number; nowMs: number }): Promise<boolean>;
  /**
   * Marks the job completed; through `db` (the caller's transaction) when given, so the completion
   * commits or rolls back with the rows the job wrote (one commit per job instead of two).
   */
  complete(fence: LeaseFence, nowMs: number, db?: Kysely<Database>): Promise<boolean>;
  /** Records a failed try: queued again at retryAtMs, or dead when retryAtMs is null. */
  fail(fence: LeaseFence, options: { error: string; retryAtMs: number | null; nowMs: number }): Promise<boolean>;
  /** Hands a job back unfinished (on stop), runnable at once, its interrupted try not counted. */
  release(fence: LeaseFence, nowMs: number): Promise<boolean>;
  /**
   * Queues again (or kills, on their last try) the jobs of these names whose workers stopped
   * heartbeating; answers how many were queued again and the jobs it killed, so that their owners can be
   * told (JobDefinition.onDead).
   */
  reapExpired(options: { names: string[]; nowMs: number; exceptOwner: string }): Promise<{ requeued: number; dead: ReapedJob[] }>;
  /** Cancels a group's queued and running jobs through the caller's handle; returns how many. */
  cancelGroup(db: Kysely<Database>, options: { groupKey: string; nowMs: number }): Promise<number>;
  state(id: string): Promise<JobState | undefined>;
  countByState(): Promise<QueueStats>;
  listDead(limit: number): Promise<DeadJob[]>;
  ping(): Promise<boolean>;
  /**
   * Optional: calls `onJob` soon after any connection commits a new job, so an idle runner picks it up
   * at once instead of at its next poll. Resolves to a function that stops watching.
   */
  watch?(onJob: () => void): Promise<() => Promise<void>>;
}

export type JobState = 'queued' | 'active' | 'completed' | 'dead' | 'cancelled';

export interface NewStoredJob {
  id: string;
  name: string;
  payload: unknown;
  priority: number;
  maxAttempts: number;
  runAtMs: number;
  groupKey: string | null;
  nowMs: number;
}

/** A job as a lease hands it out: `attempt` is this try (1 on the first). */
export interface LeasedJob {
  id: string;
  name: string;
  /** Parsed JSON; undefined when the stored text is not JSON. */
  payload: unknown;
  attempt: number;
  maxAttempts: number;
  groupKey: string | null;
}

/** A job the reaper killed: its lease expired on its last try. */
export interface ReapedJob {
  id: string;
  name: string;
  /** Parsed JSON; undefined when the stored text is not JSON. */
  payload: unknown;
}

/** Identifies one lease of one job: the row, who holds it, and which attempt it is. */
export interface LeaseFence {
  id: string;
  owner: string;
  attempt: number;
}
