import type { Db } from '../internal/db/database.js';
import type { ExtractionBatchRow, ExtractionRow } from '../internal/db/schema.js';
import { nowIso } from '../internal/ids.js';
import { lockRows, transact } from '../internal/db/row-locks.js';

/**
 * Extraction batches (`extraction_batches`): extractions submitted together in one request (created by
 * ExtractionsService.submitBatch). A batch stores no status: whoever shows one derives it from its
 * extractions' statuses, read with it, so it can never disagree with them. `finished_at` is set once,
 * when its last extraction ends, and is what lets a batch's "finished" event be sent exactly once.
 */

/** A batch with its extractions' statuses. */
export interface BatchWithRuns {
  batch: ExtractionBatchRow;
  statuses: Array<ExtractionRow['status']>;
}

async function runStatuses(db: Db, batchId: string): Promise<Array<ExtractionRow['status']>> {
  const rows = await db.selectFrom('extractions').select('status').where('batch_id', '=', batchId).execute();
  return rows.map((r) => r.status);
}

/**
 * Marks the batch finished when none of its extractions is still queued or processing, and answers
 * it the one time that happens (null otherwise). The batch's row is locked before its extractions are
 * read (callers hold their extraction's lock already: extraction, then batch): of two transactions
 * finishing the last two extractions at once, the second reads them after the first committed, so
 * one of them sees the batch done (with the other's extraction final too), and the conditional update
 * lets only that one report it. Runs inside the caller's transaction (a document listener's).
 */
export async function finishBatchIfDone(trx: Db, batchId: string): Promise<BatchWithRuns | null> {
  await trx.selectFrom('extraction_batches').select('id').where('id', '=', batchId).$call(lockRows(trx)).executeTakeFirst();
  const statuses = await runStatuses(trx, batchId);
  if (statuses.some((s) => s === 'queued' || s === 'processing')) return null;
  const updated = await trx.updateTable('extraction_batches').set({ finished_at: nowIso() }).where('id', '=', batchId).where('finished_at', 'is', null).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return null;
  const batch = await trx.selectFrom('extraction_batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
  return { batch, statuses };
}

export class ExtractionBatches {
  constructor(private readonly deps: { db: Db }) {}

  /** The tenant's batch with its extractions' statuses; undefined for an unknown id or another tenant's. */
  async find(tenantId: string, id: string): Promise<BatchWithRuns | undefined> {
    const batch = await this.deps.db.selectFrom('extraction_batches').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!batch) return undefined;
    return { batch, statuses: await runStatuses(this.deps.db, id) };
  }

  /**
   * After one of the batch's extractions ended outside a document's transaction (a cancellation
   * finishes no document, so no document listener hears it): finishes the batch if that was its last
   * one and calls `onFinished` in the same transaction, so what it enqueues commits with `finished_at`.
   */
  async finishIfDone(batchId: string, onFinished: (trx: Db, finished: BatchWithRuns) => Promise<void>): Promise<void> {
    await transact(this.deps.db, async (trx) => {
      const finished = await finishBatchIfDone(trx, batchId);
      if (finished) await onFinished(trx, finished);
    });
  }
}
