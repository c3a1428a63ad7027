import type { Kysely } from 'kysely';
import type { DocumentFinishedEvent, DocumentListener } from '../documents/document-lifecycle.js';
import type { Database } from '../internal/db/schema.js';
import { newId, nowIso } from '../internal/ids.js';
import { usageTagsFromMetadata } from './usage-tags.js';

/**
 * Writes one usage record per finished document (completed or failed), inside the transaction that
 * finishes it, so a document is never finished without its record (or recorded twice for one finish).
 *
 * Credits are what the submit charged for the document (credit_charges). A document finished again
 * after a retry gets another record with 0 credits: the retry is not charged again.
 */
export class UsageRecordWriter implements DocumentListener {
  private readonly engine: string;

  /** `engine` names what extracted the data: "local" (the built-in engine), or an LLM's name. */
  constructor(options: { engine: string }) {
    this.engine = options.engine;
  }

  async documentFinished(trx: Kysely<Database>, event: DocumentFinishedEvent): Promise<void> {
    const { document, extraction } = event;
    if (document.status !== 'completed' && document.status !== 'failed') return;
    const charge = await trx.selectFrom('credit_charges').select(['pages', 'credits']).where('document_id', '=', document.id).executeTakeFirst();
    const earlier = await trx.selectFrom('usage_records').select('id').where('document_id', '=', document.id).limit(1).executeTakeFirst();
    const tags = usageTagsFromMetadata(parseJson(extraction.metadata));
    const createdAt = nowIso();
    const id = newId('use');
    await trx
      .insertInto('usage_records')
      .values({
        id,
        tenant_id: document.tenant_id,
        extraction_id: extraction.id,
        document_id: document.id,
        api_key_id: extraction.api_key_id,
        status: document.status,
        pages: document.pages ?? charge?.pages ?? 1,
        credits: earlier ? 0 : (charge?.credits ?? 0),
        duration_ms: event.durationMs === null ? null : Math.round(event.durationMs),
        engine: this.engine,
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
