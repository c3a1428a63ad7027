import type { Kysely } from 'kysely';
import type { DocumentFinishedEvent, DocumentListener } from '../documents/document-lifecycle.js';
import type { Database } from '../internal/db/schema.js';
import { newId, nowIso } from '../internal/ids.js';
import { DOCSIFT_SCHEME } from '../webhooks/docsift-scheme.js';
import type { WebhookDeliveries } from '../webhooks/webhook-deliveries.js';
import type { WebhookSubscriptions } from '../webhooks/webhook-subscriptions.js';
import { scoreRun, type RunSummary } from './score-run.js';

/** The reserved metadata key a run's extraction carries: {run_id, set_id}. */
export const EVALUATION_METADATA_KEY = '_evaluation';

/**
 * Scores an evaluation run when its extraction finishes, inside the transaction that records the last
 * document: the results, the summary and the `evaluation_run.completed` event commit together, so a
 * crash never leaves a finished run unscored or scored without its event.
 */
export class EvaluationRunListener implements DocumentListener {
  private readonly subscriptions: WebhookSubscriptions;
  private readonly deliveries: WebhookDeliveries;

  constructor(deps: { subscriptions: WebhookSubscriptions; deliveries: WebhookDeliveries }) {
    this.subscriptions = deps.subscriptions;
    this.deliveries = deps.deliveries;
  }

  async documentFinished(trx: Kysely<Database>, event: DocumentFinishedEvent): Promise<void> {
    if (!event.extractionFinished) return;
    const { extraction } = event;
    const tag = (JSON.parse(extraction.metadata) as Record<string, { run_id?: string } | undefined>)[EVALUATION_METADATA_KEY];
    if (!tag?.run_id) return;
    const run = await trx
      .selectFrom('evaluation_runs')
      .selectAll()
      .where('tenant_id', '=', extraction.tenant_id)
      .where('id', '=', tag.run_id)
      .executeTakeFirst();
    if (!run || run.summary !== null) return;
    const [items, documents] = await Promise.all([
      trx.selectFrom('evaluation_items').selectAll().where('set_id', '=', run.set_id).orderBy('created_at').orderBy('id').execute(),
      event.documents(),
    ]);
    // Items of the set the run extracted (an item added after the run started is not part of it).
    const files = new Set(documents.map((d) => d.file_id));
    const { results, summary } = scoreRun({ runId: run.id, tenantId: run.tenant_id, items: items.filter((i) => files.has(i.file_id)), documents });
    if (results.length) await trx.insertInto('evaluation_results').values(results).execute();
    const now = nowIso();
    await trx
      .updateTable('evaluation_runs')
      .set({ status: 'completed', summary: JSON.stringify(summary), extraction_id: extraction.id, updated_at: now, completed_at: now })
      .where('id', '=', run.id)
      .execute();
    await this.notify(trx, { ...run, completed_at: now }, summary);
  }

  private async notify(trx: Kysely<Database>, run: { id: string; tenant_id: string; set_id: string; parser_id: string | null; parser_version: number | null; mode: string | null; completed_at: string }, summary: RunSummary) {
    const type = 'evaluation_run.completed';
    const event = {
      id: newId('evt'),
      type,
      created_at: run.completed_at,
      data: {
        evaluation_run_id: run.id,
        evaluation_set_id: run.set_id,
        status: 'completed',
        parser_id: run.parser_id,
        parser_version: run.parser_version,
        mode: run.mode,
        overall_f1: summary.overall_f1,
        overall_scalar_f1: summary.overall_scalar_f1,
        items: summary.items,
        ms_per_page: summary.ms_per_page,
        fields: summary.fields.map((f) => ({ field: f.field, f1: f.f1, accuracy: f.accuracy })),
      },
    };
    const body = JSON.stringify(event);
    const targets = await this.subscriptions.matching(trx, { tenantId: run.tenant_id, surface: 'native', eventType: type, templateId: run.parser_id });
    for (const subscription of targets) {
      await this.deliveries.enqueue(trx, {
        tenantId: run.tenant_id,
        event: { id: event.id, type },
        url: subscription.url,
        webhookId: subscription.id,
        body,
        signing: { scheme: DOCSIFT_SCHEME, secret: { kind: 'subscription', webhookId: subscription.id } },
      });
    }
  }
}
