import { createHmac } from 'node:crypto';
import type { WebhookRow } from '../../internal/db/schema.js';
import { errors } from '../../internal/errors/errors.js';
import type { WebhookScheme } from '../../webhooks/delivery-types.js';
import type { WebhookSubscriptions } from '../../webhooks/webhook-subscriptions.js';
import { nextPageToken, readPageRequest } from './page-token.js';

export const EXTEND_SURFACE = 'extend';
export const EXTEND_SCHEME = 'extend-v0';
export const EXTEND_API_VERSION = '2026-02-09';

/** The event types an Extend webhook endpoint can subscribe to (the SDK's WebhookEndpointEventType). */
export const EXTEND_EVENT_TYPES = [
  'extract_run.processed',
  'extract_run.failed',
  'batch_processor_run.processed',
  'batch_processor_run.failed',
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

  async list(tenantId: string, query: { status?: string; sortDir?: 'asc' | 'desc'; nextPageToken?: string; maxPageSize?: number }) {
    const cursor = readPageRequest(query);
    // Filtered in the query, so pages and nextPageToken count only the endpoints asked for.
    const active = checkStatus(query.status);
    const { items, page } = await this.subscriptions.list(tenantId, { page: cursor.page, per_page: cursor.perPage, active, order: query.sortDir }, EXTEND_SURFACE);
    const token = nextPageToken(cursor, page.total);
    return { object: 'list' as const, data: items.map(endpointView), ...(token ? { nextPageToken: token } : {}) };
  }
}
