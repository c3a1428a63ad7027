import type { JobStore } from './job-store.js';
import type { JobDefinition } from './types.js';

/** The subset of a pino logger the queue uses. */
export interface QueueLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** completed; retry: failed and queued again; dead: failed for the last time; cancelled: its group was cancelled. */
export type JobOutcome = 'completed' | 'retry' | 'dead' | 'cancelled';

export interface JobFinishedEvent {
  name: string;
  durationMs: number;
  outcome: JobOutcome;
}

export interface JobRunnerOptions {
  /** Where the jobs are kept: createSqliteJobStore or createPostgresJobStore. */
  store: JobStore;
  definitions: JobDefinition[];
  /** Handlers run at once by this process; 0 makes an enqueue-only instance (an API node: start() runs nothing). */
  concurrency: number;
  /** How long a lease lasts without a heartbeat (default 30 s). */
  leaseMs?: number;
  /** How often a running job's lease is extended (default leaseMs / 3). */
  heartbeatMs?: number;
  /** How often to look for jobs when idle (default 200 ms); enqueues in this process wake it at once. */
  pollMs?: number;
  /** Recorded as lease_owner; defaults to host:pid:random, unique per queue instance. */
  workerId?: string;
  logger?: QueueLogger;
  /** Called once per finished try, for metrics. */
  onJobFinished?: (event: JobFinishedEvent) => void;
}
