import { CompiledQuery, type Kysely } from 'kysely';
import type { Database, DocumentRow, ExtractionRow } from '../internal/db/schema.js';
import { nowIso } from '../internal/ids.js';
import { isPostgres, lockRows } from '../internal/db/row-locks.js';
import { preparedSql } from '../internal/db/prepared-statements.js';

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

/**
 * Locks the extraction's row until the caller's transaction ends (Postgres; SQLite's transaction
 * already runs alone) and returns it, or undefined when it is gone. Every transaction that changes the
 * status of an extraction's documents takes this lock first, before touching a document: they then run
 * one at a time per extraction, so the status derived from the documents (and "this document was the
 * last one", which sends the extraction's event) comes from one consistent set of them. Extractions
 * apart don't wait for each other.
 */
export async function lockExtraction(trx: Kysely<Database>, extractionId: string): Promise<Pick<ExtractionRow, 'id' | 'status'> | undefined> {
  return trx.selectFrom('extractions').select(['id', 'status']).where('id', '=', extractionId).$call(lockRows(trx)).executeTakeFirst();
}

/**
 * Recomputes and stores an extraction's status from its documents; returns the extraction as stored
 * (undefined when it is gone). Call it in a transaction that took lockExtraction before changing any
 * document: the documents are then read under that lock. completed_at is kept once set, in the UPDATE
 * itself, so the row needs no read first.
 */
export async function refreshExtractionStatus(db: Kysely<Database>, extractionId: string): Promise<ExtractionRow | undefined> {
  return (await recomputeExtractionStatus(db, extractionId))?.extraction;
}

/** refreshExtractionStatus, also answering the ids of the extraction's documents (as read under the lock). */
export async function recomputeExtractionStatus(
  db: Kysely<Database>,
  extractionId: string,
): Promise<{ extraction: ExtractionRow; documentIds: string[] } | undefined> {
  if (isPostgres(db)) {
    const { rows } = await db.executeQuery<ExtractionRow & { run_document_ids: string[] }>(CompiledQuery.raw(RECOMPUTE_SQL, [extractionId, nowIso()]));
    if (!rows[0]) return undefined;
    const { run_document_ids: documentIds, ...extraction } = rows[0];
    return { extraction, documentIds };
  }
  const docs = await db.selectFrom('documents').select(['id', 'status']).where('extraction_id', '=', extractionId).execute();
  const status = deriveExtractionStatus(docs.map((d) => d.status));
  const final = status !== 'queued' && status !== 'processing';
  const now = nowIso();
  const extraction = await db
    .updateTable('extractions')
    .set((eb) => ({ status, updated_at: now, completed_at: final ? eb.fn.coalesce('completed_at', eb.val(now)) : null }))
    .where('id', '=', extractionId)
    .returningAll()
    .executeTakeFirst();
  return extraction && { extraction, documentIds: docs.map((d) => d.id) };
}

/**
 * recomputeExtractionStatus on Postgres, in one statement: deriveExtractionStatus written in SQL (the
 * same order of rules; test/extraction-status-sql.test.ts holds the two to the same answers), the
 * documents read and the extraction written with one round trip. DERIVED_STATUS_CTES answers the
 * status (`derived.status`) and document ids of extraction $1.
 */
export const DERIVED_STATUS_CTES = `docs AS (
  SELECT coalesce(array_agg(id), '{}') AS ids,
    count(*) AS total,
    count(*) FILTER (WHERE status = 'queued') AS queued,
    count(*) FILTER (WHERE status = 'processing') AS processing,
    count(*) FILTER (WHERE status = 'completed') AS completed,
    count(*) FILTER (WHERE status = 'failed') AS failed,
    count(*) FILTER (WHERE status = 'cancelled') AS cancelled
  FROM documents WHERE extraction_id = $1
), derived AS (
  SELECT ids, CASE
    WHEN total = 0 THEN 'completed'
    WHEN queued + processing > 0 THEN CASE WHEN queued = total THEN 'queued' ELSE 'processing' END
    WHEN cancelled > 0 THEN 'cancelled'
    WHEN failed = 0 THEN 'completed'
    WHEN completed = 0 THEN 'failed'
    ELSE 'partial'
  END AS status FROM docs
)`;

const RECOMPUTE_SQL = preparedSql(`WITH ${DERIVED_STATUS_CTES}
UPDATE extractions AS e SET status = derived.status, updated_at = $2,
  completed_at = CASE WHEN derived.status IN ('queued', 'processing') THEN NULL ELSE coalesce(e.completed_at, $2) END
FROM derived WHERE e.id = $1
RETURNING e.*, derived.ids AS run_document_ids`);

/**
 * The status write when one of the extraction's documents has just started (moved to processing under
 * the extraction's lock): with a document processing, deriveExtractionStatus answers 'processing'
 * whatever the others are, so the documents need no read.
 */
export async function markExtractionProcessing(db: Kysely<Database>, extractionId: string): Promise<void> {
  await db.updateTable('extractions').set({ status: 'processing', updated_at: nowIso(), completed_at: null }).where('id', '=', extractionId).execute();
}
