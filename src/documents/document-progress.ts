import type { Updateable } from 'kysely';
import type { Db } from '../internal/db/database.js';
import type { DocumentRow, DocumentsTable } from '../internal/db/schema.js';
import type { Identified, PipelineStage } from '../extraction/pipeline.js';

/**
 * A running document's progress as a status read shows it: its stage, and what it was identified as
 * ("analyzed": type and template known before extraction starts). Written one statement at a time,
 * in order, and only while the document is processing. What arrives while a write is pending or in
 * flight joins the next one (the pipeline reports "identified" and "extracting" back to back: one
 * statement), and a stage the row already has is not written again (the start set 'parsing').
 * `settled()` is awaited before the outcome is recorded: a write still in flight would otherwise wait
 * for the finishing transaction's lock on the same row (bench:scale saw it as lock waits of a single
 * worker). A failed write is dropped: progress is for display, the outcome is what counts.
 */
export class DocumentProgress {
  private pending: Updateable<DocumentsTable> | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly documentId: string,
    private stageNow: DocumentRow['stage'],
  ) {}

  stage(stage: PipelineStage): void {
    if (stage === this.stageNow) return;
    this.stageNow = stage;
    this.set({ stage });
  }

  identified(found: Identified): void {
    this.set({
      document_type: found.document_type,
      document_type_confidence: found.document_type_confidence,
      matched_template_id: found.template_match?.template_id ?? null,
      template_match_confidence: found.template_match?.confidence ?? null,
    });
  }

  settled(): Promise<void> {
    return this.chain;
  }

  private set(values: Updateable<DocumentsTable>): void {
    const scheduled = this.pending !== undefined;
    this.pending = { ...this.pending, ...values };
    if (!scheduled) this.chain = this.chain.then(() => this.write()).catch(() => undefined);
  }

  private async write(): Promise<void> {
    const values = this.pending!;
    this.pending = undefined;
    await this.db.updateTable('documents').set(values).where('id', '=', this.documentId).where('status', '=', 'processing').execute();
  }
}
