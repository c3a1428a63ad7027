import { mapIds, toExtendId } from './extend-ids.js';
import { finishBatchIfDone, type BatchWithRuns } from '../../documents/batches.js';
import type { DocumentFinishedEvent, DocumentListener } from '../../documents/document-lifecycle.js';
import { loadExtractionDetails } from '../../documents/extraction-details.js';
import type { Db } from '../../internal/db/database.js';
import type { ExtractionRow } from '../../internal/db/schema.js';
import { newId } from '../../internal/ids.js';
import type { WebhookDeliveries } from '../../webhooks/webhook-deliveries.js';
import type { WebhookSubscriptions } from '../../webhooks/webhook-subscriptions.js';
import type { TemplateChange, TemplateListener } from '../../templates/template-listener.js';
import { batchView } from './batch-runs.js';
import { extractorView, versionView } from './extractor-view.js';
import { runView } from './run-view.js';
import { EXTEND_SCHEME, EXTEND_SURFACE } from './webhooks.js';

/**
 * Extend's webhook events, sent to the tenant's Extend webhook endpoints whichever surface caused them.
 * Every body is `{eventId, eventType, payload}`, enqueued inside the transaction that made the change,
 * so an event is sent exactly when its change commits.
 */
export class ExtendEvents implements DocumentListener, TemplateListener {
  constructor(private readonly deps: { subscriptions: WebhookSubscriptions; deliveries: WebhookDeliveries; dashboardBase: string }) {}

  /** `extract_run.processed|failed` when a run finishes; then `batch_processor_run.*` if it was its batch's last. */
  async documentFinished(trx: Db, event: DocumentFinishedEvent): Promise<void> {
    const { extraction } = event;
    if (!event.extractionFinished) return;
    const eventType =
      extraction.status === 'completed' ? 'extract_run.processed' : extraction.status === 'failed' || extraction.status === 'partial' ? 'extract_run.failed' : null;
    if (eventType) await this.runEvent(trx, extraction, eventType, event.documents);
    if (extraction.batch_id) {
      const finished = await finishBatchIfDone(trx, extraction.batch_id);
      if (finished) await this.batchFinished(trx, extraction.tenant_id, finished, extraction.template_id);
    }
  }

  /**
   * `extractor.created`, `extractor.updated` (name), `extractor.draft.updated` (the draft's config),
   * `extractor.deleted` (payload: the Extractor) and `extractor.version.published` (payload: the
   * ExtractorVersion), for templates changed on any surface (an Extend extractor is a /v1 parser).
   */
  async templateChanged(trx: Db, tenantId: string, change: TemplateChange): Promise<void> {
    const templateId = change.template.id;
    const send = (eventType: string, payload: unknown) => this.send(trx, { tenantId, eventType, templateId, payload });
    switch (change.type) {
      case 'created':
        return send('extractor.created', extractorView(change.template));
      case 'updated':
        if (change.attributesChanged) await send('extractor.updated', extractorView(change.template));
        if (change.draftChanged) await send('extractor.draft.updated', extractorView(change.template));
        return;
      case 'deleted':
        return send('extractor.deleted', extractorView(change.template));
      case 'version_published':
        return send('extractor.version.published', versionView(change.version));
    }
  }

  /**
   * `batch_processor_run.processed` once every run of the batch has finished with the batch PROCESSED,
   * `batch_processor_run.failed` when it ended FAILED or CANCELLED (the payload's status says which).
   * Also called after a run is cancelled, since a cancellation finishes no document.
   */
  async batchFinished(trx: Db, tenantId: string, finished: BatchWithRuns, templateId: string | null): Promise<void> {
    const batch = batchView(finished);
    const eventType = batch.status === 'PROCESSED' ? 'batch_processor_run.processed' : 'batch_processor_run.failed';
    await this.send(trx, { tenantId, eventType, templateId, payload: batch });
  }

  private async runEvent(trx: Db, extraction: ExtractionRow, eventType: string, documentsOf: DocumentFinishedEvent['documents']): Promise<void> {
    const targets = await this.targets(trx, extraction.tenant_id, eventType, extraction.template_id);
    if (targets.length === 0) return;
    const documents = await documentsOf();
    let payload: unknown;
    try {
      const [record] = await loadExtractionDetails(trx, [{ extraction, documents }]);
      payload = runView(record, this.deps.dashboardBase);
    } catch {
      // This runs in the transaction that finishes the document: a run that can't be rendered (a
      // malformed stored definition) must not undo its outcome; the event still says what happened.
      payload = { object: 'extract_run', id: extraction.id, status: eventType === 'extract_run.processed' ? 'PROCESSED' : 'FAILED' };
    }
    await this.send(trx, { tenantId: extraction.tenant_id, eventType, templateId: extraction.template_id, payload, extractionId: extraction.id, documentId: documents[0]?.id ?? null }, targets);
  }

  /** Enqueues one signed delivery per matching endpoint (`selected`-scope endpoints match by extractor). */
  async send(
    trx: Db,
    event: { tenantId: string; eventType: string; templateId: string | null; payload: unknown; extractionId?: string | null; documentId?: string | null },
    known?: Awaited<ReturnType<ExtendEvents['targets']>>,
  ): Promise<void> {
    const targets = known ?? (await this.targets(trx, event.tenantId, event.eventType, event.templateId));
    if (targets.length === 0) return;
    const eventId = newId('evt');
    const body = JSON.stringify({ eventId, eventType: event.eventType, payload: mapIds(event.payload, toExtendId) });
    for (const target of targets) {
      await this.deps.deliveries.enqueue(trx, {
        tenantId: event.tenantId,
        event: { id: eventId, type: event.eventType, extractionId: event.extractionId ?? null, documentId: event.documentId ?? null },
        url: target.url,
        webhookId: target.id,
        body,
        signing: { scheme: EXTEND_SCHEME, secret: { kind: 'subscription', webhookId: target.id } },
      });
    }
  }

  private targets(trx: Db, tenantId: string, eventType: string, templateId: string | null) {
    return this.deps.subscriptions.matching(trx, { tenantId, surface: EXTEND_SURFACE, eventType, templateId });
  }
}
