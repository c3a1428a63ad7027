import type { BlobStores } from '../internal/blobs/blob-stores.js';
import type { Db } from '../internal/db/database.js';
import type { Kysely } from 'kysely';
import type { Database, DocumentRow, ExtractionRow } from '../internal/db/schema.js';
import { nowIso } from '../internal/ids.js';
import { refundDocumentCredits } from '../accounts/credit-refunds.js';
import type { Logger } from '../internal/logging/logger.js';
import type { JobCompletion, JobContext } from '../internal/queue/types.js';
import type { PipelineResult } from '../extraction/model/result.js';
import { runPipeline, type PipelineInput } from '../extraction/pipeline.js';
import type { OcrEngine } from '../extraction/ocr/ocr-engine.js';
import type { TemplatesService } from '../templates/templates-service.js';
import { recomputeExtractionStatus } from './extraction-status.js';
import { documentFinishStatements } from './document-finish-statements.js';
import { startDocumentRun } from './document-start.js';
import { DocumentProgress } from './document-progress.js';
import { transact } from '../internal/db/row-locks.js';
import type { DocumentFinishedEvent, DocumentListener, LlmSpend } from './document-lifecycle.js';
import type { StoredResult } from './result-view.js';
import { llmUsageOf } from '../extraction/llm/llm-extraction.js';
import type { LlmSettings } from '../llm/llm-settings.js';

/** Error codes that mean "this document cannot be processed": retrying would fail the same way. */
const PERMANENT_CODES = new Set(['PROCESSING_ERROR', 'UNSUPPORTED_FORMAT', 'VALIDATION_ERROR']);

export type RunPipeline = (input: PipelineInput) => Promise<PipelineResult>;

/** Runs one document through the extraction pipeline and records the outcome; the queue job's body. */
export class DocumentProcessor {
  private readonly db: Db;
  private readonly blobs: BlobStores;
  private readonly templates: TemplatesService;
  private readonly logger: Logger;
  private readonly pipeline: RunPipeline;
  private readonly ocr: OcrEngine | undefined;
  private readonly listeners: DocumentListener[];
  private readonly llm: LlmSettings | undefined;
  private readonly maxPixels: number | undefined;
  private readonly statements: ReturnType<typeof documentFinishStatements>;

  constructor(deps: {
    db: Db;
    blobs: BlobStores;
    templates: TemplatesService;
    logger: Logger;
    ocr?: OcrEngine;
    pipeline?: RunPipeline;
    listeners?: DocumentListener[];
    llm?: LlmSettings;
    /** DOCSIFT_MAX_PIXELS: the most pixels a page is rendered or decoded at. */
    maxPixels?: number;
  }) {
    this.maxPixels = deps.maxPixels;
    this.llm = deps.llm;
    this.ocr = deps.ocr;
    this.listeners = deps.listeners ?? [];
    this.db = deps.db;
    this.blobs = deps.blobs;
    this.templates = deps.templates;
    this.logger = deps.logger;
    this.pipeline = deps.pipeline ?? runPipeline;
    this.statements = documentFinishStatements(deps.db);
  }

  /**
   * Resolves to the job's completion when it was written inside the document's finishing transaction
   * (ctx.complete; see JobContext), once that transaction committed; otherwise to nothing.
   */
  async process(documentId: string, ctx: JobContext): Promise<JobCompletion | void> {
    // The document moves to processing under its extraction's lock (document-start.ts), which also
    // reads what the run needs: one statement on Postgres.
    const started = await startDocumentRun(this.db, documentId);
    if (!started) return;
    const { doc, extraction, file, autoMatchTemplates } = started;
    if (!file) {
      return this.fail(doc, ctx, { code: 'PROCESSING_ERROR', message: 'The file of this document no longer exists.', reason: null, refund: true });
    }

    const startedMs = Date.now();
    // A document that fails before any page is read (corrupt, encrypted, refused) is refunded.
    let pagesRead = 0;
    let mode: LlmSettings['mode'] = 'local';
    const progress = new DocumentProgress(this.db, doc.id, doc.stage);
    try {
      const chosen = extraction.template_id
        ? await this.templates.resolveForRun(doc.tenant_id, extraction.template_id, extraction.template_version ?? 'draft')
        : null;
      // Without a chosen template the document is matched to one of the tenant's own (or none); a
      // detection_type the client forced is a choice too, and the built-in model then applies.
      const candidates = chosen || extraction.detection_type !== 'auto' || !autoMatchTemplates ? [] : await this.templates.listMatchCandidates(doc.tenant_id);
      mode = this.modeFor(extraction, chosen?.definition.extractionMode);
      const llm = mode !== 'local' && this.llm?.provider ? { ...this.llm, mode } : undefined;
      const result = await this.pipeline({
        // The store the file row names, which may not be today's DOCSIFT_BLOB_STORE.
        bytes: await this.blobs.of(file.blob_store).get(file.blob_key),
        mediaType: file.media_type,
        filename: doc.filename,
        detectionType: extraction.detection_type as PipelineInput['detectionType'],
        customFields: extraction.custom_fields ? JSON.parse(extraction.custom_fields) : undefined,
        schema: chosen?.definition,
        templates: candidates.map((t) => ({ id: t.templateId, name: t.name, description: t.description, documentType: t.documentType, fields: t.fields, definition: t.definition })),
        pageRanges: extraction.page_ranges ?? undefined,
        signal: ctx.signal,
        ocr: this.ocr,
        maxPixels: this.maxPixels,
        llm,
        onStage: (stage) => progress.stage(stage),
        onPagesRead: (count) => {
          pagesRead += count;
        },
        onIdentified: (found) => progress.identified(found),
      });
      await progress.settled();
      const matched = result.template_match ? candidates.find((t) => t.templateId === result.template_match?.template_id) : undefined;
      const template = chosen ?? matched ?? null;
      // A parser (or an old extraction) may ask for an LLM this server no longer has: say so rather than hide it.
      const warnings = mode !== 'local' && !llm
        ? [...result.warnings, { code: 'LLM_NOT_CONFIGURED', message: `extraction mode ${mode} was asked for, but no LLM is configured; the local engine extracted the values` }]
        : result.warnings;
      const stored: StoredResult = {
        data: result.data,
        fields: result.fields,
        warnings,
        text: result.text,
        duration_ms: Date.now() - startedMs,
        ...(result.ocr_engine ? { ocr_engine: result.ocr_engine } : {}),
        parser: template ? { parser_id: template.templateId, version: template.version, version_label: template.versionLabel } : null,
        template_match: result.template_match,
        llm: result.llm
          ? { engine: result.llm.engine, mode, input_tokens: result.llm.inputTokens, output_tokens: result.llm.outputTokens, calls: result.llm.calls }
          : null,
      };
      // Finished once: under the extraction's lock, and only from processing, so of two runs of one job
      // (a lease taken over from a stalled worker) the second changes nothing and sends no event. A
      // document cancelled while the pipeline ran is no longer processing and stays cancelled.
      return await transact(this.db, async (trx) => {
        const locked = await this.statements.lockExtraction(trx, doc.extraction_id);
        if (!locked) return; // deleted meanwhile
        const document = await this.statements.completeDocument(trx, doc.id, {
          pages: result.pages,
          document_type: result.document_type,
          document_type_confidence: result.document_type_confidence,
          matched_template_id: result.template_match?.template_id ?? null,
          template_match_confidence: result.template_match?.confidence ?? null,
          result: JSON.stringify(stored),
          completed_at: nowIso(),
        });
        if (!document) return; // cancelled or deleted meanwhile
        // The page count made at submit is usually the one the pipeline found: then there is nothing to write.
        if (file.pages !== result.pages) await trx.updateTable('files').set({ pages: result.pages }).where('id', '=', file.id).execute();
        return this.finish(trx, ctx, { locked, document, durationMs: stored.duration_ms });
      });
    } catch (err) {
      await progress.settled();
      if (await this.wasCancelled(doc.id)) return;
      // The queue took the job away (its lease was lost, e.g. across a database restart, or the queue is
      // stopping): the pipeline's "cancelled" is not the document's fault and the job runs again, here or
      // on another worker. Failing the document now would lose it; leave it to the job's next run.
      if (ctx.signal.aborted) throw err;
      const code = (err as { code?: unknown }).code;
      const message = err instanceof Error ? err.message : String(err);
      const usage = llmUsageOf(err);
      const spent: LlmSpend | null = usage
        ? { engine: usage.engine, mode, input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, calls: usage.calls }
        : null;
      if (typeof code === 'string' && PERMANENT_CODES.has(code)) {
        return this.fail(doc, ctx, { code, message, reason: failureReason(err), refund: pagesRead === 0 }, Date.now() - startedMs, spent);
      }
      if (ctx.attempt >= ctx.maxAttempts) {
        this.logger.error({ err, documentId: doc.id }, 'document failed after its last attempt');
        const failure = { code: 'PROCESSING_ERROR', message: `Processing failed after ${ctx.attempt} attempts: ${message}`, reason: null, refund: pagesRead === 0 };
        return this.fail(doc, ctx, failure, Date.now() - startedMs, spent);
      }
      // Unexpected (maybe transient) failure: put the document back and let the queue retry it (unless
      // another run finished it meanwhile). A queued document leaves the extraction's status as it is.
      await this.db
        .updateTable('documents')
        .set({ status: 'queued', stage: null, error_message: message })
        .where('id', '=', doc.id)
        .where('status', '=', 'processing')
        .execute();
      throw err;
    }
  }

  /**
   * The document's job died without a run that ended (jobs.ts, onDead): every try's worker was killed or
   * stalled past its lease. Nothing else will ever finish the document, so it fails here, and its
   * credits go back: no result was delivered, and how far the killed runs read is not known.
   */
  async abandon(documentId: string, attempts: number): Promise<void> {
    const doc = await this.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
    if (!doc) return;
    const message = `Processing failed after ${attempts} attempts: the worker running it stopped (killed or stalled) each time.`;
    await this.fail(doc, {}, { code: 'PROCESSING_ERROR', message, reason: null, refund: true });
  }

  /**
   * The mode an extraction runs in, the most specific first: the extraction's own, its parser's, the
   * server's default. With the configured model; undefined for the local engine.
   */
  private modeFor(extraction: ExtractionRow, parserMode: string | undefined): LlmSettings['mode'] {
    return (extraction.extraction_mode ?? parserMode ?? this.llm?.mode ?? 'local') as LlmSettings['mode'];
  }

  private async fail(doc: DocumentRow, ctx: Pick<JobContext, 'complete'>, failure: Failure, durationMs: number | null = null, llm: LlmSpend | null = null): Promise<JobCompletion | void> {
    const { code, message, reason, refund } = failure;
    return transact(this.db, async (trx) => {
      const locked = await this.statements.lockExtraction(trx, doc.extraction_id);
      if (!locked) return;
      const document = await trx
        .updateTable('documents')
        .set({ status: 'failed', stage: null, error_code: code, error_message: message, error_reason: reason, completed_at: nowIso() })
        .where('id', '=', doc.id)
        .where('status', 'in', ['queued', 'processing'])
        .returningAll()
        .executeTakeFirst();
      if (!document) return;
      if (refund) await refundDocumentCredits(trx, doc.id);
      return this.finish(trx, ctx, { locked, document, durationMs, llm });
    });
  }

  /**
   * Recomputes the extraction's status and tells the listeners, in the caller's transaction, which holds
   * the extraction's lock: the status before (as the lock read it; only this document changed since)
   * and the new one are both read under it, so exactly one document's transaction sees the extraction
   * become final and sends its event. `document` is the row as the caller's UPDATE returned it. Last,
   * the job is completed in the same transaction (when the runner offers it): the document's outcome
   * and its job's completion commit together, one commit instead of two.
   */
  private async finish(
    trx: Kysely<Database>,
    ctx: Pick<JobContext, 'complete'>,
    done: { locked: Pick<ExtractionRow, 'status'>; document: DocumentRow; durationMs: number | null; llm?: LlmSpend | null },
  ): Promise<JobCompletion | void> {
    const { document, durationMs, llm = null } = done;
    const recomputed = await recomputeExtractionStatus(trx, document.extraction_id);
    if (!recomputed) throw new Error(`extraction ${document.extraction_id} vanished under its lock`);
    const { extraction, documentIds } = recomputed;
    const extractionFinished = !isFinal(done.locked.status) && isFinal(extraction.status);
    let documents: Promise<DocumentRow[]> | undefined;
    const event: DocumentFinishedEvent = {
      document,
      extraction,
      extractionFinished,
      durationMs,
      llm,
      // The only document is the one this transaction just wrote; others are read once, for all listeners.
      documents: () =>
        (documents ??=
          documentIds.length === 1 && documentIds[0] === document.id
            ? Promise.resolve([document])
            : trx.selectFrom('documents').selectAll().where('extraction_id', '=', extraction.id).orderBy('position', 'asc').execute()),
    };
    for (const listener of this.listeners) await listener.documentFinished(trx, event);
    if (ctx.complete) return { completed: await ctx.complete(trx) };
  }

  private async wasCancelled(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('documents').select('status').where('id', '=', id).executeTakeFirst();
    return !row || row.status === 'cancelled';
  }

}

/** A document's recorded failure: the broad code, the message, and the precise reason when the engine gave one. */
interface Failure {
  code: string;
  message: string;
  reason: string | null;
  /** Give the document's credits back: it failed before any page was read. */
  refund?: boolean;
}

/** The engine's precise reason (FILE_ENCRYPTED, FILE_CORRUPT, ...), which `documentError` puts in `details.reason`. */
function failureReason(err: unknown): string | null {
  const reason = (err as { details?: { reason?: unknown } }).details?.reason;
  return typeof reason === 'string' ? reason : null;
}

function isFinal(status: ExtractionRow['status']): boolean {
  return status !== 'queued' && status !== 'processing';
}
