import type { BatchWithRuns } from '../../documents/batches.js';
import type { ExtractionRow } from '../../internal/db/schema.js';

/**
 * Extend's batch runs (`POST /extract_runs/batch`, `GET /batch_runs/{id}`) over the core's extraction
 * batches (documents/batches.ts): one batch row, one extraction (extract run) per input. The batch's
 * status is derived from its runs every time it is read, so it can never disagree with them.
 */

export type BatchRunStatus = 'PENDING' | 'PROCESSING' | 'PROCESSED' | 'FAILED' | 'CANCELLED';

/** Extend allows 1 to 1,000 inputs per batch. */
export const MAX_BATCH_INPUTS = 1000;

export interface BatchRunView {
  object: 'batch_run';
  id: string;
  status: BatchRunStatus;
  runCount: number;
  createdAt: string;
}

/**
 * PENDING while no run has started (cancelled ones aside), PROCESSING while any is unfinished. Once all are finished:
 * CANCELLED if every run was cancelled, FAILED if none was processed and some failed, else PROCESSED
 * (a batch with some failed runs is processed; each run's own status says how it ended).
 */
export function batchStatus(statuses: Array<ExtractionRow['status']>): BatchRunStatus {
  if (statuses.some((s) => s === 'queued' || s === 'processing')) {
    return statuses.every((s) => s === 'queued' || s === 'cancelled') ? 'PENDING' : 'PROCESSING';
  }
  if (statuses.length > 0 && statuses.every((s) => s === 'cancelled')) return 'CANCELLED';
  if (statuses.length > 0 && !statuses.includes('completed') && statuses.some((s) => s === 'failed' || s === 'partial')) return 'FAILED';
  return 'PROCESSED';
}

export function batchView({ batch, statuses }: BatchWithRuns): BatchRunView {
  return { object: 'batch_run', id: batch.id, status: batchStatus(statuses), runCount: batch.run_count, createdAt: batch.created_at };
}
