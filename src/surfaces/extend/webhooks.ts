import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DocumentFinishedEvent, DocumentListener } from '../../documents/document-lifecycle.js';
import type { Database, WebhookRow } from '../../internal/db/schema.js';
import { errors } from '../../internal/errors/errors.js';
import { newId } from '../../internal/ids.js';
import type { WebhookScheme } from '../../webhooks/delivery-types.js';
import type { WebhookDeliveries } from '../../webhooks/webhook-deliveries.js';
import type { WebhookSubscriptions } from '../../webhooks/webhook-subscriptions.js';
import { nextPageToken, readPageRequest } from './page-token.js';
import { loadRunRecords } from './run-records.js';
import { runView } from './run-view.js';

export const EXTEND_SURFACE = 'extend';
export const EXTEND_SCHEME = 'extend-v0';
export const EXTEND_API_VERSION = '2026-02-09';

/** The event types an Extend webhook endpoint can subscribe to (the SDK's WebhookEndpointEventType). */
export const EXTEND_EVENT_TYPES = [
  'extract_run.processed',
  'extract_run.failed',
  'extractor.created',
  'extractor.updated',
  'extractor.deleted',
  'extractor.draft.updated',
  'extractor.version.published',
] as const;

/** Extend's signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}`, hex, keyed by the endpoint's signing secret. */
export function signExtendPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export const extendScheme: WebhookScheme = {
  name: EXTEND_SCHEME,
  headers: (ctx) => ({
    'x-extend-request-timestamp': String(ctx.timestamp),
    'x-extend-request-signature': signExtendPayload(ctx.secrets[0] ?? '', ctx.timestamp, ctx.body),
    'x-extend-event-id': ctx.event.id,
    'x-extend-api-version': EXTEND_API_VERSION,
  }),
};

/**
 * Sends `extract_run.processed` / `extract_run.failed` to the tenant's Extend webhook endpoints when a
 * run (an extraction of one document) finishes, whichever surface created it. The body is
 * `{eventId, eventType, payload: <ExtractRun>}`, built inside the transaction that finished it.
 */
export class ExtendWebhookListener implements DocumentListener {
  constructor(private readonly deps: { subscriptions: WebhookSubscriptions; deliveries: WebhookDeliveries; dashboardBase: string }) {}

  async documentFinished(trx: Kysely<Database>, event: DocumentFinishedEvent): Promise<void> {
    const { extraction } = event;
    if (!event.extractionFinished) return;
    const eventType =
      extraction.status === 'completed' ? 'extract_run.processed' : extraction.status === 'failed' || extraction.status === 'partial' ? 'extract_run.failed' : null;
    if (!eventType) return;
    const targets = await this.deps.subscriptions.matching(trx, {
      tenantId: extraction.tenant_id,
      surface: EXTEND_SURFACE,
      eventType,
      templateId: extraction.template_id,
    });
    if (targets.length === 0) return;
    const documents = await trx.selectFrom('documents').selectAll().where('extraction_id', '=', extraction.id).orderBy('position').execute();
    const eventId = newId('evt');
    let payload: unknown;
    try {
      const [record] = await loadRunRecords(trx, [{ extraction, documents }]);
      payload = runView(record, this.deps.dashboardBase);
    } catch {
      // This runs in the transaction that finishes the document: a run that can't be rendered (a
      // malformed stored definition) must not undo its outcome; the event still says what happened.
      payload = { object: 'extract_run', id: extraction.id, status: eventType === 'extract_run.processed' ? 'PROCESSED' : 'FAILED' };
    }
    const body = JSON.stringify({ eventId, eventType, payload });
    for (const target of targets) {
      await this.deps.deliveries.enqueue(trx, {
        tenantId: extraction.tenant_id,
        event: { id: eventId, type: eventType, extractionId: extraction.id, documentId: documents[0]?.id ?? null },
        url: target.url,
        webhookId: target.id,
        body,
        signing: { scheme: EXTEND_SCHEME, secret: { kind: 'subscription', webhookId: target.id } },
      });
    }
  }
}

function endpointView(row: WebhookRow) {
  return {
    object: 'webhook_endpoint' as const,
    id: row.id,
    url: row.url,
    name: row.name,
    status: row.active ? 'enabled' : 'disabled',
    enabledEvents: JSON.parse(row.events) as string[],
    apiVersion: EXTEND_API_VERSION,
    advancedOptions: null,
    createdAt: row.created_at,
    createdBy: null,
  };
}

interface EndpointBody {
  url?: unknown;
  name?: unknown;
  status?: unknown;
  enabledEvents?: unknown;
  apiVersion?: unknown;
  advancedOptions?: unknown;
}

function checkStatus(status: unknown): boolean | undefined {
  if (status === undefined) return undefined;
  if (status !== 'enabled' && status !== 'disabled') throw errors.fieldInvalid('status', 'status must be "enabled" or "disabled".');
  return status === 'enabled';
}

function checkEvents(events: unknown, required: boolean): string[] | undefined {
  if (events === undefined && !required) return undefined;
  if (!Array.isArray(events) || events.length === 0 || events.some((e) => typeof e !== 'string')) {
    throw errors.fieldInvalid('enabledEvents', 'enabledEvents must be a non-empty array of event types.');
  }
  const unknown = events.filter((e) => !(EXTEND_EVENT_TYPES as readonly string[]).includes(e as string));
  if (unknown.length > 0) {
    throw errors.fieldInvalid('enabledEvents', `Unsupported event type(s): ${unknown.join(', ')}. Supported: ${EXTEND_EVENT_TYPES.join(', ')}.`);
  }
  return events as string[];
}

/** Extend's webhook endpoints: the core's webhook subscriptions of the `extend` surface. */
export class WebhookEndpoints {
  constructor(private readonly subscriptions: WebhookSubscriptions) {}

  /** The only answer that carries `signingSecret`. */
  async create(tenantId: string, body: EndpointBody) {
    if (typeof body.url !== 'string') throw errors.fieldInvalid('url', 'url is required.');
    if (typeof body.name !== 'string') throw errors.fieldInvalid('name', 'name is required.');
    if (body.apiVersion !== undefined && typeof body.apiVersion !== 'string') throw errors.fieldInvalid('apiVersion', 'apiVersion must be a string.');
    const events = checkEvents(body.enabledEvents, true);
    const active = checkStatus(body.status);
    const { webhook, secret } = await this.subscriptions.create(tenantId, { url: body.url, name: body.name, events, active }, EXTEND_SURFACE);
    return { ...endpointView(webhook), signingSecret: secret };
  }

  async get(tenantId: string, id: string) {
    return endpointView(await this.subscriptions.get(tenantId, id, EXTEND_SURFACE));
  }

  async update(tenantId: string, id: string, body: EndpointBody) {
    await this.subscriptions.get(tenantId, id, EXTEND_SURFACE);
    if (body.url !== undefined && typeof body.url !== 'string') throw errors.fieldInvalid('url', 'url must be a string.');
    if (body.name !== undefined && typeof body.name !== 'string') throw errors.fieldInvalid('name', 'name must be a string.');
    const row = await this.subscriptions.update(
      tenantId,
      id,
      {
        ...(typeof body.url === 'string' ? { url: body.url } : {}),
        ...(typeof body.name === 'string' ? { name: body.name } : {}),
        ...(body.enabledEvents !== undefined ? { events: checkEvents(body.enabledEvents, false) } : {}),
        ...(body.status !== undefined ? { active: checkStatus(body.status) } : {}),
      },
      EXTEND_SURFACE,
    );
    return endpointView(row);
  }

  async delete(tenantId: string, id: string): Promise<{ id: string }> {
    await this.subscriptions.delete(tenantId, id, EXTEND_SURFACE);
    return { id };
  }

  async list(tenantId: string, query: { status?: string; nextPageToken?: string; maxPageSize?: number }) {
    const cursor = readPageRequest(query);
    const wanted = checkStatus(query.status);
    const { items, page } = await this.subscriptions.list(tenantId, { page: cursor.page, per_page: cursor.perPage }, EXTEND_SURFACE);
    const token = nextPageToken(cursor, page.total);
    const data = items.map(endpointView).filter((e) => wanted === undefined || (e.status === 'enabled') === wanted);
    return { object: 'list' as const, data, ...(token ? { nextPageToken: token } : {}) };
  }
}
