import type { Kysely } from 'kysely';
import type { Database, ExtractionBatchRow, ExtractionRow } from '../../internal/db/schema.js';
import { errors } from '../../internal/errors/errors.js';
import { nowIso } from '../../internal/ids.js';
import { lockRows } from '../../internal/db/row-locks.js';

/**
 * Extend's batch runs (`POST /extract_runs/batch`, `GET /batch_runs/{id}`) over the core's extraction
 * batches: one batch row, one extraction (extract run) per input. The batch's status is derived from
 * its runs every time it is read, so it can never disagree with them.
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

export function batchView(batch: ExtractionBatchRow, statuses: Array<ExtractionRow['status']>): BatchRunView {
  return { object: 'batch_run', id: batch.id, status: batchStatus(statuses), runCount: batch.run_count, createdAt: batch.created_at };
}

async function runStatuses(db: Kysely<Database>, batchId: string): Promise<Array<ExtractionRow['status']>> {
  const rows = await db.selectFrom('extractions').select('status').where('batch_id', '=', batchId).execute();
  return rows.map((r) => r.status);
}

/** `GET /batch_runs/{id}`: another tenant's batch is not found. */
export async function getBatchRun(db: Kysely<Database>, tenantId: string, id: string): Promise<BatchRunView> {
  const batch = await db.selectFrom('extraction_batches').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!batch) throw errors.notFound('batch run', id);
  return batchView(batch, await runStatuses(db, id));
}

/**
 * Marks the batch finished when none of its runs is still queued or processing, and answers its view
 * the one time that happens (null otherwise). The batch's row is locked before its runs are read
 * (callers hold their run's extraction lock already: extraction, then batch): of two transactions
 * finishing the last two runs at once, the second reads the runs after the first committed, so one of
 * them sees the batch done (with the other's run final too), and the conditional update lets only that
 * one send the event.
 */
export async function finishBatchIfDone(trx: Kysely<Database>, batchId: string): Promise<BatchRunView | null> {
  await trx.selectFrom('extraction_batches').select('id').where('id', '=', batchId).$call(lockRows(trx)).executeTakeFirst();
  const statuses = await runStatuses(trx, batchId);
  if (statuses.some((s) => s === 'queued' || s === 'processing')) return null;
  const updated = await trx.updateTable('extraction_batches').set({ finished_at: nowIso() }).where('id', '=', batchId).where('finished_at', 'is', null).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return null;
  const batch = await trx.selectFrom('extraction_batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
  return batchView(batch, statuses);
}
