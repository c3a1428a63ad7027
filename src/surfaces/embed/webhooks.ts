import type { DocumentFinishedEvent, DocumentListener } from '../../documents/document-lifecycle.js';
import { loadExtractionDetails } from '../../documents/extraction-details.js';
import type { Db } from '../../internal/db/database.js';
import type { WebhookRow } from '../../internal/db/schema.js';
import { errors } from '../../internal/errors/errors.js';
import { newId, nowIso } from '../../internal/ids.js';
import { DOCSIFT_SCHEME } from '../../webhooks/docsift-scheme.js';
import type { WebhookDeliveries } from '../../webhooks/webhook-deliveries.js';
import type { WebhookSubscriptions } from '../../webhooks/webhook-subscriptions.js';
import { extractionDetail, templateIdOf } from './extraction-view.js';
import { embedStatus } from './status-flow.js';

export const EMBED_SURFACE = 'embed';

/**
 * The docs only say a webhook is notified "when extractions complete"; docsift sends both outcomes.
 * Deliveries are signed like native ones (X-Docsift-Signature, keyed by the secret returned on create).
 */
export const EMBED_EVENT_TYPES = ['extraction.completed', 'extraction.failed'] as const;

export function webhookView(row: WebhookRow) {
  return {
    _id: row.id,
    id: row.id,
    name: row.name,
    url: row.url,
    scope: row.scope,
    documentIds: JSON.parse(row.template_ids) as string[],
    isActive: row.active === 1,
    tenantId: row.tenant_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface WebhookBody {
  name?: string;
  url?: string;
  scope?: 'all' | 'selected';
  documentIds?: string[];
  isActive?: boolean;
}

/** Embed webhooks: the core's webhook subscriptions of the `embed` surface (documentIds = template ids). */
export class EmbedWebhooks {
  constructor(private readonly subscriptions: WebhookSubscriptions) {}

  async list(tenantId: string): Promise<WebhookRow[]> {
    const out: WebhookRow[] = [];
    for (let page = 1; ; page++) {
      const { items, page: info } = await this.subscriptions.list(tenantId, { page, per_page: 100 }, EMBED_SURFACE);
      out.push(...items);
      if (page >= info.total_pages) return out;
    }
  }

  /** The only answer with the signing `secret`. */
  async create(tenantId: string, body: WebhookBody): Promise<{ webhook: WebhookRow; secret: string }> {
    if (!body.name?.trim()) throw errors.fieldInvalid('name', 'name is required.');
    if (!body.url?.trim()) throw errors.fieldInvalid('url', 'url is required.');
    return this.subscriptions.create(
      tenantId,
      { name: body.name.trim(), url: body.url.trim(), scope: body.scope ?? 'all', templateIds: body.documentIds ?? [], active: body.isActive ?? true },
      EMBED_SURFACE,
    );
  }

  async update(tenantId: string, id: string, body: WebhookBody): Promise<WebhookRow> {
    await this.subscriptions.get(tenantId, id, EMBED_SURFACE);
    if (body.name !== undefined && !body.name.trim()) throw errors.fieldInvalid('name', 'name must not be empty.');
    return this.subscriptions.update(
      tenantId,
      id,
      {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.url !== undefined ? { url: body.url.trim() } : {}),
        ...(body.scope !== undefined ? { scope: body.scope } : {}),
        ...(body.documentIds !== undefined ? { templateIds: body.documentIds } : {}),
        ...(body.isActive !== undefined ? { active: body.isActive } : {}),
      },
      EMBED_SURFACE,
    );
  }

  delete(tenantId: string, id: string): Promise<void> {
    return this.subscriptions.delete(tenantId, id, EMBED_SURFACE);
  }
}

/**
 * Sends `extraction.completed` / `extraction.failed` to the tenant's embed webhooks when an extraction
 * (from any surface) finishes. Body: `{event, timestamp, data: <extraction detail>}`.
 */
export class EmbedWebhookListener implements DocumentListener {
  constructor(private readonly deps: { subscriptions: WebhookSubscriptions; deliveries: WebhookDeliveries; baseUrl: string }) {}

  async documentFinished(trx: Db, event: DocumentFinishedEvent): Promise<void> {
    const { extraction } = event;
    if (!event.extractionFinished) return;
    const eventType = extraction.status === 'completed' ? 'extraction.completed' : 'extraction.failed';
    const [document] = await event.documents();
    // A subscription to selected templates hears of documents matched to one of them too.
    const templateId = templateIdOf({ extraction, document });
    const targets = await this.deps.subscriptions.matching(trx, {
      tenantId: extraction.tenant_id,
      surface: EMBED_SURFACE,
      eventType,
      templateId,
    });
    if (targets.length === 0) return;
    // Read in this transaction: a read outside it would wait on the lock it holds.
    const [{ file, template }] = await loadExtractionDetails(trx, [{ extraction, documents: document ? [document] : [] }], templateIdOf);
    const data = {
      ...extractionDetail({ extraction, document, file, template: null }, this.deps.baseUrl),
      status: embedStatus(extraction, document),
      documentName: template?.name ?? null,
    };
    const eventId = newId('evt');
    const body = JSON.stringify({ id: eventId, event: eventType, timestamp: nowIso(), data });
    for (const target of targets) {
      await this.deps.deliveries.enqueue(trx, {
        tenantId: extraction.tenant_id,
        event: { id: eventId, type: eventType, extractionId: extraction.id, documentId: document?.id ?? null },
        url: target.url,
        webhookId: target.id,
        body,
        signing: { scheme: DOCSIFT_SCHEME, secret: { kind: 'subscription', webhookId: target.id } },
      });
    }
  }
}
