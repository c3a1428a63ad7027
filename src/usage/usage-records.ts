import { sql, type Kysely } from 'kysely';
import type { DocumentFinishedEvent, DocumentListener } from '../documents/document-lifecycle.js';
import type { Database } from '../internal/db/schema.js';
import { newId, nowIso } from '../internal/ids.js';
import { usageTagsFromMetadata } from './usage-tags.js';
import type { StoredResult } from '../documents/result-view.js';

/**
 * Writes one usage record per finished document (completed or failed), inside the transaction that
 * finishes it, so a document is never finished without its record (or recorded twice for one finish).
 *
 * Credits are what the submit charged for the document (credit_charges). A document finished again
 * after a retry gets another record with 0 credits: the retry is not charged again.
 */
export class UsageRecordWriter implements DocumentListener {
  private readonly engine: string;
  private readonly cost: (inputTokens: number, outputTokens: number) => number | null;

  /**
   * `engine` names what extracts by default ("local", the built-in engine). A document whose values
   * came in part from an LLM records `<mode>:<provider>:<model>` instead, with its tokens, and their
   * cost when `cost` prices them.
   */
  constructor(options: { engine: string; cost?: (inputTokens: number, outputTokens: number) => number | null }) {
    this.engine = options.engine;
    this.cost = options.cost ?? (() => null);
  }

  async documentFinished(trx: Kysely<Database>, event: DocumentFinishedEvent): Promise<void> {
    const { document, extraction } = event;
    if (document.status !== 'completed' && document.status !== 'failed') return;
    const tags = usageTagsFromMetadata(parseJson(extraction.metadata));
    const llm = event.llm ?? (document.result ? ((parseJson(document.result) as StoredResult | null)?.llm ?? null) : null);
    const createdAt = nowIso();
    const id = newId('use');
    // The document's charge (none for a free one) and whether a usage record was written for it before
    // (a document finished again after a retry bills nothing twice) are read by the INSERT itself.
    const charge = (column: 'pages' | 'credits' | 'refunded_credits') =>
      sql`(select c.${sql.ref(column)} from credit_charges as c where c.document_id = ${document.id})`;
    const earlier = sql`exists (select 1 from usage_records as u where u.document_id = ${document.id})`;
    await trx
      .insertInto('usage_records')
      .values({
        id,
        tenant_id: document.tenant_id,
        extraction_id: extraction.id,
        document_id: document.id,
        api_key_id: extraction.api_key_id,
        status: document.status,
        pages: sql<number>`coalesce(${document.pages}, ${charge('pages')}, 1)`,
        // A refunded document (it failed before a page was read) bills nothing and says what it gave back.
        credits: sql<number>`case when ${earlier} then 0 else coalesce(${charge('credits')}, 0) - coalesce(${charge('refunded_credits')}, 0) end`,
        refunded_credits: sql<number>`case when ${earlier} then 0 else coalesce(${charge('refunded_credits')}, 0) end`,
        duration_ms: event.durationMs === null ? null : Math.round(event.durationMs),
        engine: llm ? `${llm.mode}:${llm.engine}` : this.engine,
        llm_input_tokens: llm ? llm.input_tokens : null,
        llm_output_tokens: llm ? llm.output_tokens : null,
        llm_cost: llm ? this.cost(llm.input_tokens, llm.output_tokens) : null,
        parser_id: extraction.template_id,
        parser_version: extraction.template_version,
        tags: JSON.stringify(tags),
        created_at: createdAt,
      })
      .execute();
    if (tags.length > 0) {
      await trx
        .insertInto('usage_record_tags')
        .values(tags.map((tag) => ({ usage_record_id: id, tenant_id: document.tenant_id, tag, created_at: createdAt })))
        .execute();
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
