import type { Kysely } from 'kysely';
import type { Database, DocumentRow, ExtractionRow } from '../internal/db/schema.js';
import { lockRows } from '../internal/db/row-locks.js';
import { precompile } from '../internal/db/precompiled-query.js';
import { rememberNoActiveSubscriptions } from '../webhooks/webhook-subscriptions.js';

/** A completed document's values, as the pipeline found them. */
export interface CompletedValues {
  pages: number;
  document_type: string | null;
  document_type_confidence: number | null;
  matched_template_id: string | null;
  template_match_confidence: number | null;
  /** The stored result, JSON. */
  result: string;
  completed_at: string;
}

const COMPLETED_COLUMNS = ['pages', 'document_type', 'document_type_confidence', 'matched_template_id', 'template_match_confidence', 'result', 'completed_at'] as const;

/**
 * The two statements every finishing document runs, built and compiled once per database
 * (precompiled-query.ts): building a Kysely query costs about as much worker CPU as its round trip.
 * Both run in the caller's transaction (`trx`).
 */
export function documentFinishStatements(db: Kysely<Database>) {
  const lock = precompile(db, ['id'], (p) =>
    db
      .selectFrom('extractions as e')
      .select(['e.id', 'e.status', 'e.tenant_id'])
      .select((eb) => eb.exists(eb.selectFrom('webhooks as w').select('w.id').whereRef('w.tenant_id', '=', 'e.tenant_id').where('w.active', '=', 1)).as('webhooks'))
      .where('e.id', '=', p.id)
      .$call(lockRows(db, 'e')),
  );
  const complete = precompile(db, ['id', ...COMPLETED_COLUMNS], ({ id, ...values }) =>
    db
      .updateTable('documents')
      .set({ ...(values as Record<keyof CompletedValues, never>), status: 'completed', stage: null })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .returningAll(),
  );
  return {
    /**
     * lockExtraction (extraction-status.ts), precompiled, reading along whether the tenant has active
     * webhook subscriptions: when it has none, the listeners' matching() is told so and reads nothing.
     */
    lockExtraction: async (trx: Kysely<Database>, extractionId: string): Promise<Pick<ExtractionRow, 'id' | 'status'> | undefined> => {
      const row = (await lock({ id: extractionId }, trx))[0];
      // A boolean on Postgres, 0 or 1 on SQLite.
      if (row && !row.webhooks) rememberNoActiveSubscriptions(trx, row.tenant_id);
      return row && { id: row.id, status: row.status };
    },
    /** The document → completed, only from processing; undefined when it no longer was (cancelled or deleted meanwhile). */
    completeDocument: async (trx: Kysely<Database>, id: string, values: CompletedValues): Promise<DocumentRow | undefined> =>
      (await complete({ id, ...values }, trx))[0],
  };
}
