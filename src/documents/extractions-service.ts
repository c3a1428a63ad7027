import type { Kysely } from 'kysely';
import type { AuthContext } from '../accounts/auth-context.js';
import { chargeCredits } from '../accounts/credits.js';
import type { Db } from '../internal/db/database.js';
import { precompile } from '../internal/db/precompiled-query.js';
import type { DocumentSummaryRow } from './result-view.js';
import { loadExtractionDetails, type ExtractionDetails } from './extraction-details.js';
import type { Database, DocumentRow, ExtractionBatchRow, ExtractionRow, FileRow } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';
import type { JobQueue } from '../internal/queue/types.js';
import type { TemplatesService } from '../templates/templates-service.js';
import { lockExtraction, refreshExtractionStatus } from './extraction-status.js';
import { transact } from '../internal/db/row-locks.js';
import type { FilesService, StoredFile } from './files-service.js';
import { PROCESS_DOCUMENT } from './jobs.js';
import type { PageInfo } from './pagination.js';
import { listExtractions, type ExtractionFilters } from './extraction-list.js';
import { validateSubmitInput, type SubmitInput } from './submit-input.js';
import { fetchDocumentUrl } from './fetch-document-url.js';
import { DEFAULT_MAX_PAGES } from '../extraction/pipeline.js';
import { documentError } from '../extraction/extraction-errors.js';
import { assertAllowedUrl, BlockedAddressError, type NetworkPolicy } from '../internal/net/ssrf-guard.js';

export type { ExtractionFilters } from './extraction-list.js';

/** A submission checked and its files stored, ready to be inserted in a transaction. */
interface SubmitPlan {
  webhookUrl: string | null;
  checked: ReturnType<typeof validateSubmitInput>;
  template: { templateId: string; version: number | null } | null;
  existing: FileRow[];
  /** Without their bytes (they are in the blob store), so a large batch does not hold every file in memory. */
  prepared: StoredFile[];
}

export interface ExtractionWithDocuments {
  extraction: ExtractionRow;
  documents: DocumentRow[];
}

/** An extraction with its documents' status, without their results (`getStatus`). */
export interface ExtractionStatus {
  extraction: ExtractionRow;
  documents: DocumentSummaryRow[];
}

/** Extractions and their documents: submit, read, cancel, retry, delete. Every call is tenant-scoped. */
export class ExtractionsService {
  private readonly db: Db;
  private readonly queue: JobQueue;
  private readonly files: FilesService;
  private readonly templates: TemplatesService;

  private readonly network: NetworkPolicy & { maxUploadBytes: number };
  private readonly llmConfigured: boolean;

  constructor(deps: {
    db: Db;
    queue: JobQueue;
    files: FilesService;
    templates: TemplatesService;
    /** Where document URLs and webhook_url may point, and the size limit for downloads. */
    network: NetworkPolicy & { maxUploadBytes: number };
    /** Whether DOCSIFT_LLM_* names a model: without one, extraction_mode llm or hybrid is refused at submit. */
    llmConfigured?: boolean;
  }) {
    this.network = deps.network;
    this.llmConfigured = deps.llmConfigured ?? false;
    this.db = deps.db;
    this.queue = deps.queue;
    this.files = deps.files;
    this.templates = deps.templates;
  }

  /**
   * Stores the files, then creates the extraction, its documents and one queue job per document in a
   * single transaction: either the whole batch is accepted and will run, or nothing is.
   */
  async submit(auth: AuthContext, input: SubmitInput): Promise<ExtractionWithDocuments> {
    const plan = await this.plan(auth, input);
    try {
      return await transact(this.db, (trx) => this.insertPlanned(trx, auth, plan, null));
    } catch (err) {
      await this.files.discard(plan.prepared);
      throw err;
    }
  }

  /**
   * Several extractions submitted together as one batch (`extraction_batches`): every input is checked
   * and its files stored first, then the batch row and all extractions are created in one transaction,
   * so a refused or failed request (a bad input, 402, a crash) leaves no extraction of it behind.
   */
  async submitBatch(
    auth: AuthContext,
    inputs: Iterable<SubmitInput> | AsyncIterable<SubmitInput>,
  ): Promise<{ batch: ExtractionBatchRow; items: ExtractionWithDocuments[] }> {
    const plans: SubmitPlan[] = [];
    try {
      // One input at a time: a lazily built input (a download) can be dropped once its files are stored.
      for await (const input of inputs) plans.push(await this.plan(auth, input));
      const batch: ExtractionBatchRow = { id: newId('bat'), tenant_id: auth.tenantId, run_count: plans.length, finished_at: null, created_at: nowIso() };
      const items = await transact(this.db, async (trx) => {
        await trx.insertInto('extraction_batches').values(batch).execute();
        const created: ExtractionWithDocuments[] = [];
        for (const plan of plans) created.push(await this.insertPlanned(trx, auth, plan, batch.id));
        return created;
      });
      return { batch, items };
    } catch (err) {
      await Promise.all(plans.map((p) => this.files.discard(p.prepared)));
      throw err;
    }
  }

  /** Every check and download of a submission, and its files put in the blob store; no rows yet. */
  private async plan(auth: AuthContext, input: SubmitInput): Promise<SubmitPlan> {
    const checked = validateSubmitInput(input);
    if (checked.extractionMode && checked.extractionMode !== 'local' && !this.llmConfigured) {
      throw errors.validation(`extraction_mode ${checked.extractionMode} needs an LLM; this server has none configured (DOCSIFT_LLM_BASE_URL, DOCSIFT_LLM_MODEL).`, {
        extraction_mode: ['No LLM is configured.'],
      });
    }
    const tenantId = auth.tenantId;
    let template: { templateId: string; version: number | null } | null = null;
    if (input.parserId) {
      const resolved = await this.templates.resolveForRun(tenantId, input.parserId, input.parserVersion);
      template = { templateId: resolved.templateId, version: resolved.version };
    }
    const existing = await this.files.getMany(tenantId, input.fileIds ?? []);
    if (input.webhookUrl) await this.checkWebhookUrl(input.webhookUrl);
    const incoming = [...(input.files ?? [])];
    for (const url of input.urls ?? []) {
      incoming.push(await fetchDocumentUrl(url, 'urls', { policy: this.network, maxBytes: this.network.maxUploadBytes }));
    }
    if (input.text !== undefined) incoming.push({ filename: 'text.txt', bytes: Buffer.from(input.text, 'utf8') });
    const prepared = await this.files.prepare(incoming);
    // A document the pipeline would refuse for its length is refused now, before a credit is debited.
    const tooLong = [...existing.map((f) => ({ filename: f.filename, pages: f.pages })), ...prepared].find((f) => f.pages !== null && f.pages > DEFAULT_MAX_PAGES);
    if (tooLong) {
      await this.files.discard(prepared);
      throw documentError('TOO_MANY_PAGES', `The file '${tooLong.filename}' has ${tooLong.pages} pages; the limit is ${DEFAULT_MAX_PAGES}. Nothing was charged.`);
    }
    return { webhookUrl: input.webhookUrl ?? null, checked, template, existing, prepared };
  }

  /** Creates a planned extraction's rows, credit charges and jobs inside the caller's transaction. */
  private async insertPlanned(trx: Kysely<Database>, auth: AuthContext, plan: SubmitPlan, batchId: string | null): Promise<ExtractionWithDocuments> {
    const { webhookUrl, checked, template, existing, prepared } = plan;
    const tenantId = auth.tenantId;
    const now = nowIso();
    const extraction: ExtractionRow = {
      id: newId('ext'),
      tenant_id: tenantId,
      status: 'queued',
      template_id: template?.templateId ?? null,
      template_version: template?.version ?? null,
      detection_type: checked.detectionType,
      custom_fields: checked.customFields ? JSON.stringify(checked.customFields) : null,
      metadata: JSON.stringify(checked.metadata),
      webhook_url: webhookUrl,
      page_ranges: checked.pageRanges,
      priority: checked.priority,
      extraction_mode: checked.extractionMode,
      api_key_id: auth.apiKeyId,
      created_at: now,
      updated_at: now,
      completed_at: null,
      batch_id: batchId,
    };
    const created = await this.files.insert(trx, tenantId, prepared, 'extraction');
    const sources: FileRow[] = [...existing, ...created];
    await trx.insertInto('extractions').values(extraction).execute();
    const docs: DocumentRow[] = sources.map((file, position) => ({
      id: newId('doc'),
      tenant_id: tenantId,
      extraction_id: extraction.id,
      file_id: file.id,
      filename: file.filename,
      position,
      status: 'queued',
      stage: null,
      pages: file.pages,
      document_type: null,
      document_type_confidence: null,
      result: null,
      error_code: null,
      error_message: null,
      error_reason: null,
      matched_template_id: null,
      template_match_confidence: null,
      attempts: 0,
      created_at: now,
      started_at: null,
      completed_at: null,
    }));
    await trx.insertInto('documents').values(docs).execute();
    // Before any job is queued: a refusal (402) rolls back every row, and the blobs are discarded by the caller.
    await chargeCredits(trx, {
      tenantId,
      extractionId: extraction.id,
      pageRanges: checked.pageRanges,
      documents: docs.map((d) => ({ documentId: d.id, pages: d.pages })),
    });
    for (const doc of docs) {
      await this.queue.enqueue(trx, PROCESS_DOCUMENT, { documentId: doc.id }, { priority: checked.priority, groupKey: extraction.id });
    }
    return { extraction, documents: docs };
  }

  /** A per-request webhook target is checked now, so a private address is a 400 rather than a failed delivery. */
  private async checkWebhookUrl(url: string): Promise<void> {
    try {
      await assertAllowedUrl(url, this.network);
    } catch (err) {
      if (err instanceof BlockedAddressError) throw errors.fieldInvalid('webhook_url', err.message);
      throw errors.fieldInvalid('webhook_url', `webhook_url is not usable: ${(err as Error).message}`);
    }
  }

  async get(tenantId: string, id: string): Promise<ExtractionWithDocuments> {
    const [extraction] = await this.reads().extraction({ tenantId, id });
    if (!extraction) throw errors.notFound('extraction', id);
    const documents = await this.reads().documents({ id });
    return { extraction, documents };
  }

  /** An extraction with its documents' status but not their results: what every status poll reads. */
  async getStatus(tenantId: string, id: string): Promise<ExtractionStatus> {
    // One statement, so the extraction and its documents come from one snapshot (and a poll pays for
    // one read: in a busy server each statement costs several times its cost in a tight loop).
    const rows = await this.reads().status({ tenantId, id });
    if (rows.length === 0) throw errors.notFound('extraction', id);
    const { doc_id, doc_filename, doc_status, doc_stage, doc_pages, doc_document_type, doc_error_code, doc_error_message, doc_error_reason, doc_matched_template_id, doc_template_match_confidence, ...extraction } = rows[0];
    const documents: DocumentSummaryRow[] = [];
    for (const row of rows) {
      if (row.doc_id === null) continue; // the left join's row of an extraction without documents
      documents.push({
        id: row.doc_id,
        filename: row.doc_filename!,
        status: row.doc_status!,
        stage: row.doc_stage,
        pages: row.doc_pages,
        document_type: row.doc_document_type,
        error_code: row.doc_error_code,
        error_message: row.doc_error_message,
        error_reason: row.doc_error_reason,
        matched_template_id: row.doc_matched_template_id,
        template_match_confidence: row.doc_template_match_confidence,
      });
    }
    return { extraction, documents };
  }

  /** The reads behind every poll, compiled once (building a query cost as much as running it). */
  private reads() {
    return (this.compiledReads ??= this.buildReads());
  }

  private buildReads() {
    const db = this.db;
    return {
      extraction: precompile(db, ['tenantId', 'id'], (p) => db.selectFrom('extractions').selectAll().where('tenant_id', '=', p.tenantId).where('id', '=', p.id)),
      documents: precompile(db, ['id'], (p) => db.selectFrom('documents').selectAll().where('extraction_id', '=', p.id).orderBy('position')),
      status: precompile(db, ['tenantId', 'id'], (p) =>
        db
          .selectFrom('extractions')
          .leftJoin('documents', 'documents.extraction_id', 'extractions.id')
          .selectAll('extractions')
          .select([
            'documents.id as doc_id',
            'documents.filename as doc_filename',
            'documents.status as doc_status',
            'documents.stage as doc_stage',
            'documents.pages as doc_pages',
            'documents.document_type as doc_document_type',
            'documents.error_code as doc_error_code',
            'documents.error_message as doc_error_message',
            'documents.error_reason as doc_error_reason',
            'documents.matched_template_id as doc_matched_template_id',
            'documents.template_match_confidence as doc_template_match_confidence',
          ])
          .where('extractions.tenant_id', '=', p.tenantId)
          .where('extractions.id', '=', p.id)
          .orderBy('documents.position'),
      ),
    };
  }

  private compiledReads?: ReturnType<ExtractionsService['buildReads']>;

  /** Extractions with the rows a view shows beside them: the first document's file, the template and version, the credits. */
  details(items: ExtractionWithDocuments[]): Promise<ExtractionDetails[]> {
    return loadExtractionDetails(this.db, items);
  }

  async getDocument(tenantId: string, extractionId: string, documentId: string): Promise<DocumentRow> {
    const doc = await this.db
      .selectFrom('documents')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('extraction_id', '=', extractionId)
      .where('id', '=', documentId)
      .executeTakeFirst();
    if (!doc) throw errors.notFound('document', documentId);
    return doc;
  }

  list(tenantId: string, filters: ExtractionFilters): Promise<{ items: ExtractionWithDocuments[]; pagination: PageInfo }> {
    return listExtractions(this.db, tenantId, filters);
  }

  /** Cancels documents not yet finished; finished ones keep their results. */
  async cancel(tenantId: string, id: string): Promise<ExtractionWithDocuments> {
    const { extraction } = await this.get(tenantId, id);
    if (!['queued', 'processing'].includes(extraction.status)) {
      throw errors.conflict(`The extraction is already ${extraction.status} and cannot be cancelled.`);
    }
    await transact(this.db, async (trx) => {
      // The extraction's lock first, as every transaction changing its documents takes it: a worker
      // finishing a document waits, or has finished it and the update below leaves it alone.
      if (!(await lockExtraction(trx, id))) throw errors.notFound('extraction', id);
      await trx
        .updateTable('documents')
        .set({ status: 'cancelled', stage: null, completed_at: nowIso() })
        .where('extraction_id', '=', id)
        .where('status', 'in', ['queued', 'processing'])
        .execute();
      await this.queue.cancelGroup(trx, id);
      await refreshExtractionStatus(trx, id);
    });
    return this.get(tenantId, id);
  }

  /** Queues the failed (and cancelled) documents of a finished extraction again. */
  async retry(tenantId: string, id: string): Promise<ExtractionWithDocuments> {
    const { extraction, documents } = await this.get(tenantId, id);
    const again = documents.filter((d) => d.status === 'failed' || d.status === 'cancelled');
    if (again.length === 0 || ['queued', 'processing'].includes(extraction.status)) {
      throw errors.conflict('Only a finished extraction with failed or cancelled documents can be retried.');
    }
    await this.requeue(extraction, again);
    return this.get(tenantId, id);
  }

  /** Queues one failed or cancelled document again; the rest of its extraction is left as it is. */
  async retryDocument(tenantId: string, extractionId: string, documentId: string): Promise<ExtractionWithDocuments> {
    const doc = await this.getDocument(tenantId, extractionId, documentId);
    if (doc.status !== 'failed' && doc.status !== 'cancelled') {
      throw errors.conflict(`The document is ${doc.status}; only failed or cancelled documents can be retried.`);
    }
    const { extraction } = await this.get(tenantId, extractionId);
    await this.requeue(extraction, [doc]);
    return this.get(tenantId, extractionId);
  }

  private async requeue(extraction: ExtractionRow, docs: DocumentRow[]): Promise<void> {
    await transact(this.db, async (trx) => {
      if (!(await lockExtraction(trx, extraction.id))) throw errors.notFound('extraction', extraction.id);
      for (const doc of docs) {
        // Only a document still failed or cancelled: of two concurrent retries, one queues it (one job).
        const requeued = await trx
          .updateTable('documents')
          .set({ status: 'queued', stage: null, error_code: null, error_message: null, error_reason: null, result: null, completed_at: null, matched_template_id: null, template_match_confidence: null })
          .where('id', '=', doc.id)
          .where('status', 'in', ['failed', 'cancelled'])
          .executeTakeFirst();
        if (Number(requeued.numUpdatedRows) === 0) continue;
        await this.queue.enqueue(trx, PROCESS_DOCUMENT, { documentId: doc.id }, { priority: extraction.priority, groupKey: extraction.id });
      }
      await refreshExtractionStatus(trx, extraction.id);
    });
  }

  /** Deletes the extraction, its documents and results, its jobs, and the files sent with it. */
  async delete(tenantId: string, id: string): Promise<void> {
    const { documents } = await this.get(tenantId, id);
    const fileIds = [...new Set(documents.map((d) => d.file_id))];
    const owned = fileIds.length
      ? await this.db.selectFrom('files').selectAll().where('id', 'in', fileIds).where('origin', '=', 'extraction').execute()
      : [];
    await transact(this.db, async (trx) => {
      // Locked first, in the order every document transaction takes (extraction, then documents).
      await lockExtraction(trx, id);
      await this.queue.cancelGroup(trx, id);
      await trx.deleteFrom('documents').where('extraction_id', '=', id).execute();
      await trx.deleteFrom('extractions').where('id', '=', id).execute();
    });
    await this.files.deleteRows(owned);
  }
}
