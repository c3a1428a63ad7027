import type { Kysely } from 'kysely';
import type { Database, DocumentRow, ExtractionRow } from '../internal/db/schema.js';
import { nowIso } from '../internal/ids.js';

type DocStatus = DocumentRow['status'];

/**
 * An extraction's status follows from its documents': queued until one starts, processing until all
 * are final, then completed / failed / partial (some failed) / cancelled.
 */
export function deriveExtractionStatus(statuses: DocStatus[]): ExtractionRow['status'] {
  if (statuses.length === 0) return 'completed';
  const count = (s: DocStatus) => statuses.filter((x) => x === s).length;
  const [queued, processing, completed, failed, cancelled] = (['queued', 'processing', 'completed', 'failed', 'cancelled'] as const).map(count);
  if (queued + processing > 0) return queued === statuses.length ? 'queued' : 'processing';
  if (cancelled > 0) return 'cancelled';
  if (failed === 0) return 'completed';
  if (completed === 0) return 'failed';
  return 'partial';
}

/** Recomputes and stores an extraction's status from its documents; returns the new status. */
export async function refreshExtractionStatus(db: Kysely<Database>, extractionId: string): Promise<ExtractionRow['status'] | null> {
  const docs = await db.selectFrom('documents').select('status').where('extraction_id', '=', extractionId).execute();
  const extraction = await db.selectFrom('extractions').select(['status', 'completed_at']).where('id', '=', extractionId).executeTakeFirst();
  if (!extraction) return null;
  const status = deriveExtractionStatus(docs.map((d) => d.status));
  const final = status !== 'queued' && status !== 'processing';
  const now = nowIso();
  await db
    .updateTable('extractions')
    .set({ status, updated_at: now, completed_at: final ? (extraction.completed_at ?? now) : null })
    .where('id', '=', extractionId)
    .execute();
  return status;
}
