import type { Kysely } from 'kysely';
import type { Db } from '../internal/db/database.js';
import type { Database, WebhookAttemptRow, WebhookDeliveryRow } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { newId, nowIso } from '../internal/ids.js';
import type { JobQueue } from '../internal/queue/types.js';
import { normalizePage, pageInfo, type PageInfo, type PageRequest } from '../documents/pagination.js';
import type { NewDelivery } from './delivery-types.js';
import { DELIVER_WEBHOOK } from './deliver-webhook-job.js';

export interface DeliveryFilters extends PageRequest {
  webhookId?: string;
  extractionId?: string;
  eventId?: string;
  eventType?: string;
  status?: WebhookDeliveryRow['status'];
}

export interface DeliveryWithAttempts {
  delivery: WebhookDeliveryRow;
  attempts: WebhookAttemptRow[];
}

/**
 * Creates, lists and redelivers deliveries. Any surface can create one with `enqueue` inside its own
 * transaction; sending, retrying and recording attempts is the `webhook.deliver` job's work
 * (WebhookSender).
 */
export class WebhookDeliveries {
  private readonly db: Db;
  private readonly queue: JobQueue;
  private readonly maxAttempts: number;
  private readonly priority: number;

  constructor(deps: {
    db: Db;
    queue: JobQueue;
    /** Tries per delivery: DOCSIFT_WEBHOOK_MAX_RETRIES + 1. */
    maxAttempts: number;
    /**
     * Queue priority of delivery jobs (default 5: ahead of documents, which default to 50). A delivery
     * is one short request, and a finished document's event should not wait behind a backlog of scans.
     */
    priority?: number;
  }) {
    this.db = deps.db;
    this.queue = deps.queue;
    this.maxAttempts = deps.maxAttempts;
    this.priority = deps.priority ?? 5;
  }

  /**
   * Stores a delivery and enqueues its job through `db`: pass the transaction that records the event's
   * cause, so the delivery exists exactly when the outcome it reports does.
   */
  async enqueue(db: Kysely<Database>, delivery: NewDelivery, options: { redeliveryOf?: string } = {}): Promise<WebhookDeliveryRow> {
    const now = nowIso();
    const row: WebhookDeliveryRow = {
      id: newId('dlv'),
      tenant_id: delivery.tenantId,
      webhook_id: delivery.webhookId ?? null,
      event_id: delivery.event.id,
      event_type: delivery.event.type,
      extraction_id: delivery.event.extractionId ?? null,
      document_id: delivery.event.documentId ?? null,
      url: delivery.url,
      headers: JSON.stringify(delivery.headers ?? { 'content-type': 'application/json' }),
      body: delivery.body,
      signing: JSON.stringify(delivery.signing),
      status: 'pending',
      attempt_count: 0,
      max_attempts: this.maxAttempts,
      last_status_code: null,
      last_error: null,
      redelivery_of: options.redeliveryOf ?? null,
      created_at: now,
      updated_at: now,
      completed_at: null,
    };
    await db.insertInto('webhook_deliveries').values(row).execute();
    await this.queue.enqueue(db, DELIVER_WEBHOOK, { delivery_id: row.id }, { priority: this.priority, maxAttempts: this.maxAttempts });
    return row;
  }

  /**
   * Sends a finished delivery again as a new delivery with the same event id and body (receivers
   * deduplicate by event id). A subscription's delivery goes to the subscription's current URL.
   */
  async redeliver(tenantId: string, deliveryId: string): Promise<WebhookDeliveryRow> {
    return this.db.transaction().execute(async (trx) => {
      const original = await trx
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', deliveryId)
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      if (!original) throw errors.notFound('webhook delivery', deliveryId);
      if (original.status === 'pending') {
        throw errors.conflict(`The delivery '${deliveryId}' is still being attempted; redeliver it once it has succeeded or failed.`);
      }
      let url = original.url;
      if (original.webhook_id) {
        const subscription = await trx
          .selectFrom('webhooks')
          .select('url')
          .where('id', '=', original.webhook_id)
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst();
        if (!subscription) throw errors.conflict(`The webhook '${original.webhook_id}' of this delivery was deleted.`);
        url = subscription.url;
      }
      return this.enqueue(
        trx,
        {
          tenantId,
          event: { id: original.event_id, type: original.event_type, extractionId: original.extraction_id, documentId: original.document_id },
          url,
          webhookId: original.webhook_id,
          body: original.body,
          headers: JSON.parse(original.headers) as Record<string, string>,
          signing: JSON.parse(original.signing) as NewDelivery['signing'],
        },
        { redeliveryOf: original.id },
      );
    });
  }

  async list(tenantId: string, filters: DeliveryFilters): Promise<{ items: WebhookDeliveryRow[]; page: PageInfo }> {
    const { page, perPage, offset } = normalizePage(filters);
    let query = this.db.selectFrom('webhook_deliveries').where('tenant_id', '=', tenantId);
    if (filters.webhookId) query = query.where('webhook_id', '=', filters.webhookId);
    if (filters.extractionId) query = query.where('extraction_id', '=', filters.extractionId);
    if (filters.eventId) query = query.where('event_id', '=', filters.eventId);
    if (filters.eventType) query = query.where('event_type', '=', filters.eventType);
    if (filters.status) query = query.where('status', '=', filters.status);
    const [items, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(perPage).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, page: pageInfo(page, perPage, Number(count.n)) };
  }

  async get(tenantId: string, deliveryId: string): Promise<DeliveryWithAttempts> {
    const delivery = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', deliveryId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!delivery) throw errors.notFound('webhook delivery', deliveryId);
    const attempts = await this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy('attempt', 'asc')
      .execute();
    return { delivery, attempts };
  }
}
