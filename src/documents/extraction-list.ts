import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../internal/db/database.js';
import type { Database, DocumentRow, ExtractionRow } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { containsIgnoringCase } from '../templates/list-queries.js';
import { normalizePage, pageInfo, type PageInfo, type PageRequest } from './pagination.js';

/**
 * The start of the message the document processor stores when a document's tries ran out on an
 * unexpected error (document-processor.ts): a general failure, not a property of the file.
 */
export const RETRIES_EXHAUSTED_PREFIX = 'Processing failed after';

/**
 * One state an extraction can be in, seen through its first document; every part given must hold.
 * A surface with a status vocabulary of its own (the embed API's status flow) names each of its
 * statuses as a list of these, so filtering by one is a query and pages correctly.
 */
export interface FirstDocumentState {
  status?: Array<ExtractionRow['status']>;
  /** The first document's stage; null: none (not started, between stages, finished, or no document). */
  stage?: Array<DocumentRow['stage']>;
  /** Whether the first document's type has been identified (classification records it before extraction). */
  typeIdentified?: boolean;
  /** The first document's error code is one of these; null: it has none. */
  errorCode?: Array<string | null>;
  /** The first document has an error code, and not one of these. */
  errorCodeNotIn?: string[];
  /** Whether the first document's error message says its tries ran out (RETRIES_EXHAUSTED_PREFIX). */
  retriesExhausted?: boolean;
}

/** Filters on each extraction's first document: for lists that show an extraction through it (the embed API). */
export interface FirstDocumentFilter {
  /** The template chosen at submit, or the one the first document was matched to. */
  template_id?: string;
  /** A case-insensitive substring of the first document's file name. */
  filename?: string;
  /** Any of these states. */
  states?: FirstDocumentState[];
}

export interface ExtractionFilters extends PageRequest {
  status?: ExtractionRow['status'];
  detection_type?: string;
  parser_id?: string;
  /** Only extractions with a document matched to this template (submitted without one). */
  matched_parser_id?: string;
  created_after?: string;
  created_before?: string;
  filename?: string;
  /** Only the extractions of this batch (extraction_batches). */
  batch_id?: string;
  /** true: only extractions submitted in a batch; false: only those submitted alone. */
  in_batch?: boolean;
  first_document?: FirstDocumentFilter;
  sort?: 'created_at' | 'updated_at' | 'status';
  order?: 'asc' | 'desc';
}

/** A tenant's extractions, each with its documents in order, newest first unless the filters say otherwise. */
export async function listExtractions(
  db: Db,
  tenantId: string,
  filters: ExtractionFilters,
): Promise<{ items: Array<{ extraction: ExtractionRow; documents: DocumentRow[] }>; pagination: PageInfo }> {
  const { page, perPage, offset } = normalizePage(filters);
  // Columns are named with their table: the first-document filter joins `documents as first_doc`.
  let query = db.selectFrom('extractions').where('extractions.tenant_id', '=', tenantId);
  if (filters.status) query = query.where('extractions.status', '=', filters.status);
  if (filters.detection_type) query = query.where('extractions.detection_type', '=', filters.detection_type);
  if (filters.parser_id) query = query.where('extractions.template_id', '=', filters.parser_id);
  if (filters.matched_parser_id) {
    const id = filters.matched_parser_id;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('documents')
          .select('documents.id')
          .whereRef('documents.extraction_id', '=', 'extractions.id')
          .where('documents.tenant_id', '=', tenantId)
          .where('documents.matched_template_id', '=', id),
      ),
    );
  }
  if (filters.batch_id) query = query.where('extractions.batch_id', '=', filters.batch_id);
  if (filters.in_batch !== undefined) query = query.where('extractions.batch_id', filters.in_batch ? 'is not' : 'is', null);
  if (filters.created_after) query = query.where('extractions.created_at', '>=', toIso(filters.created_after, 'created_after'));
  if (filters.created_before) query = query.where('extractions.created_at', '<', toIso(filters.created_before, 'created_before'));
  if (filters.filename) {
    // LIKE with the client's text escaped, so % and _ in a file name match literally.
    const pattern = `%${filters.filename.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('documents')
          .select('documents.id')
          .whereRef('documents.extraction_id', '=', 'extractions.id')
          .where(sql<boolean>`lower(documents.filename) like lower(${pattern}) escape '\\'`),
      ),
    );
  }
  const first = filters.first_document;
  if (first) query = query.$if(true, (qb) => whereFirstDocument(qb, first));
  const sort = `extractions.${filters.sort ?? 'created_at'}` as const;
  const order = filters.order ?? 'desc';
  const [rows, count] = await Promise.all([
    query.selectAll('extractions').orderBy(sort, order).orderBy('extractions.id', order).limit(perPage).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const docs = rows.length
    ? await db.selectFrom('documents').selectAll().where('extraction_id', 'in', rows.map((r) => r.id)).orderBy('position').execute()
    : [];
  const items = rows.map((extraction) => ({ extraction, documents: docs.filter((d) => d.extraction_id === extraction.id) }));
  return { items, pagination: pageInfo(page, perPage, Number(count.n)) };
}

// A query over extractions that has selected nothing yet.
type ExtractionQuery = SelectQueryBuilder<Database, 'extractions', {}>;

/** Joins each extraction's first document (left join: an extraction without one still counts) and filters on it. */
function whereFirstDocument(qb: ExtractionQuery, filter: FirstDocumentFilter) {
  let q = qb.leftJoin('documents as first_doc', (j) => j.onRef('first_doc.extraction_id', '=', 'extractions.id').on('first_doc.position', '=', 0));
  const { template_id: templateId, states } = filter;
  if (templateId) q = q.where((eb) => eb.or([eb('extractions.template_id', '=', templateId), eb('first_doc.matched_template_id', '=', templateId)]));
  if (filter.filename?.trim()) q = q.where(containsIgnoringCase('first_doc.filename', filter.filename.trim()));
  if (states) {
    q = q.where((eb) =>
      eb.or(
        states.map((state) => {
          const parts = [];
          if (state.status) parts.push(eb('extractions.status', 'in', state.status));
          if (state.stage) {
            const named = state.stage.filter((s): s is NonNullable<typeof s> => s !== null);
            const either = [];
            if (named.length > 0) either.push(eb('first_doc.stage', 'in', named));
            if (state.stage.includes(null)) either.push(eb('first_doc.stage', 'is', null));
            parts.push(eb.or(either));
          }
          if (state.typeIdentified !== undefined) parts.push(eb('first_doc.document_type', state.typeIdentified ? 'is not' : 'is', null));
          if (state.errorCode) {
            const named = state.errorCode.filter((c): c is string => c !== null);
            const either = [];
            if (named.length > 0) either.push(eb('first_doc.error_code', 'in', named));
            if (state.errorCode.includes(null)) either.push(eb('first_doc.error_code', 'is', null));
            parts.push(eb.or(either));
          }
          if (state.errorCodeNotIn) {
            parts.push(eb.and([eb('first_doc.error_code', 'is not', null), eb('first_doc.error_code', 'not in', state.errorCodeNotIn)]));
          }
          if (state.retriesExhausted !== undefined) {
            // coalesce: a document without a message did not run out of tries.
            const message = sql<string>`coalesce(${sql.ref('first_doc.error_message')}, '')`;
            parts.push(eb(message, state.retriesExhausted ? 'like' : 'not like', `${RETRIES_EXHAUSTED_PREFIX}%`));
          }
          return eb.and(parts);
        }),
      ),
    );
  }
  return q;
}

function toIso(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw errors.fieldInvalid(field, `${field} must be an ISO-8601 date or date-time.`);
  return new Date(time).toISOString();
}
