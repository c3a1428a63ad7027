import type { Kysely } from 'kysely';
import type { DocumentFinishedEvent, DocumentListener } from '../documents/document-lifecycle.js';
import type { Database } from '../internal/db/schema.js';
import { newId, nowIso } from '../internal/ids.js';
import type { NewDelivery } from './delivery-types.js';
import { DOCSIFT_SCHEME } from './docsift-scheme.js';
import { documentEvent, extractionEvent, type NativeEvent } from './native-events.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';
import type { WebhookSubscriptions } from './webhook-subscriptions.js';

/**
 * Turns finished documents into native webhook events: document.completed|failed for the document and,
 * when it was the extraction's last, extraction.completed|failed|partial. Each event gets one id and
 * one delivery per target: every active native subscription that wants the event (scope all, or the
 * extraction's parser among the selected ones) and the extraction's own webhook_url, which is signed
 * with the tenant's webhook_secret. Runs in the transaction that finalizes the document.
 */
export class NativeWebhookListener implements DocumentListener {
  private readonly subscriptions: WebhookSubscriptions;
  private readonly deliveries: WebhookDeliveries;

  constructor(deps: { subscriptions: WebhookSubscriptions; deliveries: WebhookDeliveries }) {
    this.subscriptions = deps.subscriptions;
    this.deliveries = deps.deliveries;
  }

  async documentFinished(trx: Kysely<Database>, event: DocumentFinishedEvent): Promise<void> {
    const { document, extraction } = event;
    if (document.status !== 'completed' && document.status !== 'failed') return;
    const createdAt = nowIso();
    const events: NativeEvent[] = [documentEvent({ id: newId('evt'), createdAt, extraction, document })];
    if (event.extractionFinished) {
      const documents = await event.documents();
      const finished = extractionEvent({ id: newId('evt'), createdAt, extraction, documents });
      if (finished) events.push(finished);
    }
    for (const e of events) await this.deliver(trx, extraction.tenant_id, extraction.template_id, extraction.webhook_url, e);
  }

  private async deliver(
    trx: Kysely<Database>,
    tenantId: string,
    templateId: string | null,
    webhookUrl: string | null,
    event: NativeEvent,
  ): Promise<void> {
    const body = JSON.stringify(event);
    const base = {
      tenantId,
      event: {
        id: event.id,
        type: event.type,
        extractionId: event.data.extraction_id as string,
        documentId: (event.data.document_id as string | undefined) ?? null,
      },
      body,
    } satisfies Partial<NewDelivery>;
    const targets = await this.subscriptions.matching(trx, { tenantId, surface: 'native', eventType: event.type, templateId });
    for (const subscription of targets) {
      await this.deliveries.enqueue(trx, {
        ...base,
        url: subscription.url,
        webhookId: subscription.id,
        signing: { scheme: DOCSIFT_SCHEME, secret: { kind: 'subscription', webhookId: subscription.id } },
      });
    }
    if (webhookUrl) {
      await this.deliveries.enqueue(trx, { ...base, url: webhookUrl, signing: { scheme: DOCSIFT_SCHEME, secret: { kind: 'tenant' } } });
    }
  }
}
