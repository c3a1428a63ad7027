import { CompiledQuery, type Kysely } from 'kysely';
import { preparedSql } from '../internal/db/prepared-statements.js';
import { isPostgres, isRetryableTransactionError, lockRows, transact } from '../internal/db/row-locks.js';
import type { Database, DocumentRow, ExtractionRow, FileRow } from '../internal/db/schema.js';
import { nowIso } from '../internal/ids.js';
import { markExtractionProcessing } from './extraction-status.js';

/** What a document's run needs from its file row. */
export type RunFile = Pick<FileRow, 'id' | 'blob_store' | 'blob_key' | 'media_type' | 'pages'>;

/** A run that started: the document as it is now (processing), its extraction as locked, its file. */
export interface StartedRun {
  doc: DocumentRow;
  extraction: ExtractionRow;
  /** Null when the file is gone. */
  file: RunFile | null;
  /** The tenant has templates that take part in matching: without, the run has nothing to match against. */
  autoMatchTemplates: boolean;
}

/**
 * Starts a document's run: under its extraction's row lock, the document moves to processing (only
 * from queued, or from processing when an earlier run died mid-job: a finished, cancelled or deleted
 * document is left alone and the answer is undefined) and the extraction becomes processing, which
 * needs no read of its documents (one processing document makes it processing). The lock also reads
 * what the run needs: the extraction, the file, whether the tenant has templates to match.
 *
 * On Postgres this is one statement, so one round trip and no BEGIN/COMMIT (START_SQL); on SQLite a
 * transaction of three, whose single writer makes the lock unnecessary.
 */
export async function startDocumentRun(db: Kysely<Database>, documentId: string): Promise<StartedRun | undefined> {
  if (isPostgres(db)) return startOnPostgres(db, documentId);
  return transact(db, async (trx) => {
    const locked = await lockDocumentExtraction(trx, documentId);
    if (!locked) return undefined;
    const doc = await trx
      .updateTable('documents')
      .set((eb) => ({ ...RESTART, attempts: eb('attempts', '+', 1), started_at: nowIso() }))
      .where('id', '=', documentId)
      .where('status', 'in', ['queued', 'processing'])
      .returningAll()
      .executeTakeFirst();
    if (!doc) return undefined;
    await markExtractionProcessing(trx, locked.extraction.id);
    return { doc, ...locked };
  });
}

/** What a start resets: what an earlier attempt identified is forgotten, this run identifies it again. */
const RESTART = {
  status: 'processing',
  stage: 'parsing',
  error_code: null,
  error_message: null,
  error_reason: null,
  document_type: null,
  document_type_confidence: null,
  matched_template_id: null,
  template_match_confidence: null,
} as const;

/**
 * The start on Postgres, in one statement. Its parts run in the order their references force: the
 * document's UPDATE needs `locked` (an uncorrelated EXISTS, evaluated once before the document is
 * scanned), the extraction's needs `started`. The statement's snapshot may predate the lock (it was
 * taken before waiting for it), but every row it changes is re-read at its newest version before it is
 * changed (READ COMMITTED re-checks an UPDATE's WHERE against a row a committed transaction changed), and
 * the lock answers the newest extraction row: a document the lock holder cancelled or finished is not
 * restarted, just as in a transaction of separate statements.
 */
const START_SQL = preparedSql(`WITH locked AS (
  SELECT e.*, f.id AS run_file_id, f.blob_store AS run_file_blob_store, f.blob_key AS run_file_blob_key,
    f.media_type AS run_file_media_type, f.pages AS run_file_pages,
    EXISTS (SELECT 1 FROM templates t WHERE t.tenant_id = e.tenant_id AND t.auto_match = 1) AS run_auto_match
  FROM documents d
  JOIN extractions e ON e.id = d.extraction_id
  LEFT JOIN files f ON f.id = d.file_id
  WHERE d.id = $1
  FOR NO KEY UPDATE OF e
), started AS (
  UPDATE documents SET status = 'processing', stage = 'parsing', attempts = attempts + 1, started_at = $2,
    error_code = NULL, error_message = NULL, error_reason = NULL, document_type = NULL,
    document_type_confidence = NULL, matched_template_id = NULL, template_match_confidence = NULL
  WHERE id = $1 AND status IN ('queued', 'processing') AND EXISTS (SELECT 1 FROM locked)
  RETURNING *
), marked AS (
  UPDATE extractions SET status = 'processing', updated_at = $2, completed_at = NULL
  WHERE id = (SELECT extraction_id FROM started)
)
SELECT locked.*, (SELECT row_to_json(started) FROM started) AS run_document FROM locked`);

type LockedRow = ExtractionRow & {
  run_file_id: string | null;
  run_file_blob_store: string | null;
  run_file_blob_key: string | null;
  run_file_media_type: string | null;
  run_file_pages: number | null;
  run_auto_match: boolean | number;
};

async function startOnPostgres(db: Kysely<Database>, documentId: string): Promise<StartedRun | undefined> {
  // As `transact` does for a transaction: a deadlock victim or serialization failure is run again.
  const run = () => db.executeQuery<LockedRow & { run_document: DocumentRow | null }>(CompiledQuery.raw(START_SQL, [documentId, nowIso()]));
  const { rows } = await run().catch((err) => {
    if (!isRetryableTransactionError(err)) throw err;
    return new Promise((resolve) => setTimeout(resolve, Math.random() * 10)).then(run);
  });
  const row = rows[0];
  if (!row?.run_document) return undefined;
  const { run_document: doc, ...locked } = row;
  return { doc, ...splitLocked(locked) };
}

/**
 * Locks the document's extraction (as lockExtraction does) and answers it, with the document's file
 * and whether the tenant has templates to match; undefined when the document or its extraction is gone.
 */
async function lockDocumentExtraction(trx: Kysely<Database>, documentId: string): Promise<Omit<StartedRun, 'doc'> | undefined> {
  const row = await trx
    .selectFrom('documents as d')
    .innerJoin('extractions as e', 'e.id', 'd.extraction_id')
    .leftJoin('files as f', 'f.id', 'd.file_id')
    .selectAll('e')
    .select(['f.id as run_file_id', 'f.blob_store as run_file_blob_store', 'f.blob_key as run_file_blob_key', 'f.media_type as run_file_media_type', 'f.pages as run_file_pages'])
    .select((eb) =>
      eb.exists(eb.selectFrom('templates as t').select('t.id').whereRef('t.tenant_id', '=', 'e.tenant_id').where('t.auto_match', '=', 1)).as('run_auto_match'),
    )
    .where('d.id', '=', documentId)
    .$call(lockRows(trx, 'e'))
    .executeTakeFirst();
  return row && splitLocked(row as LockedRow);
}

function splitLocked(row: LockedRow): Omit<StartedRun, 'doc'> {
  const { run_file_id: id, run_file_blob_store: blobStore, run_file_blob_key: blobKey, run_file_media_type: mediaType, run_file_pages: pages, run_auto_match: autoMatch, ...extraction } = row;
  const file = id === null ? null : { id, blob_store: blobStore!, blob_key: blobKey!, media_type: mediaType!, pages };
  // A boolean on Postgres, 0 or 1 on SQLite.
  return { extraction, file, autoMatchTemplates: Boolean(autoMatch) };
}
