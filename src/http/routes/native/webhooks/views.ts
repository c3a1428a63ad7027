import { Type } from 'typebox';
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from '../../../../internal/db/schema.js';
import { NATIVE_EVENT_TYPES } from '../../../../webhooks/event-types.js';

/** JSON shapes of webhook subscriptions and deliveries in the native API, and their mappers. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const EventType = Type.Union(NATIVE_EVENT_TYPES.map((e) => Type.Literal(e)));

export const WebhookParams = Type.Object({ webhook_id: Type.String() });
export const DeliveryParams = Type.Object({ delivery_id: Type.String() });

export const WebhookView = Type.Object({
  webhook_id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  scope: Type.Union([Type.Literal('all'), Type.Literal('selected')]),
  parser_ids: Type.Array(Type.String(), { description: 'With scope "selected": only extractions run with one of these parsers fire.' }),
  active: Type.Boolean(),
  secret_prefix: Type.String({ description: 'The first characters of the signing secret, to tell secrets apart.' }),
  previous_secret_expires_at: Nullable(Type.String({ description: 'After a rotation with overlap: until when the old secret also signs.' })),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const WebhookWithSecretView = Type.Object({
  ...WebhookView.properties,
  secret: Type.String({
    description:
      'The signing secret. Shown only in this response. Deliveries carry X-Docsift-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> keyed by this string.',
  }),
});

export function webhookView(row: WebhookRow) {
  const overlapping = row.previous_secret_expires_at !== null && row.previous_secret_expires_at > new Date().toISOString();
  return {
    webhook_id: row.id,
    name: row.name,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    scope: row.scope,
    parser_ids: JSON.parse(row.template_ids) as string[],
    active: row.active === 1,
    secret_prefix: row.secret.slice(0, 12),
    previous_secret_expires_at: overlapping ? row.previous_secret_expires_at : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]);

export const DeliveryView = Type.Object({
  delivery_id: Type.String(),
  webhook_id: Nullable(Type.String({ description: 'Null for a per-request webhook_url.' })),
  event_id: Type.String({ description: 'The same for every delivery and redelivery of one event: deduplicate by it.' }),
  event_type: Type.String(),
  extraction_id: Nullable(Type.String()),
  document_id: Nullable(Type.String()),
  url: Type.String(),
  status: DeliveryStatus,
  attempt_count: Type.Integer(),
  max_attempts: Type.Integer(),
  last_status_code: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  redelivery_of: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
  completed_at: Nullable(Type.String()),
});

export const AttemptView = Type.Object({
  attempt: Type.Integer(),
  url: Type.String(),
  started_at: Type.String(),
  latency_ms: Type.Integer(),
  status_code: Nullable(Type.Integer()),
  response_excerpt: Nullable(Type.String({ description: 'The first 1 KB of the response body.' })),
  error: Nullable(Type.String()),
  succeeded: Type.Boolean(),
});

export const DeliveryDetailView = Type.Object({
  ...DeliveryView.properties,
  payload: Type.Unknown({ description: 'The body that was sent (JSON).' }),
  attempts: Type.Array(AttemptView),
});

export function deliveryView(row: WebhookDeliveryRow) {
  return {
    delivery_id: row.id,
    webhook_id: row.webhook_id,
    event_id: row.event_id,
    event_type: row.event_type,
    extraction_id: row.extraction_id,
    document_id: row.document_id,
    url: row.url,
    status: row.status,
    attempt_count: row.attempt_count,
    max_attempts: row.max_attempts,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    redelivery_of: row.redelivery_of,
    created_at: row.created_at,
    updated_at: row.updated_at,
    completed_at: row.completed_at,
  };
}

export function deliveryDetailView(row: WebhookDeliveryRow, attempts: WebhookAttemptRow[]) {
  let payload: unknown;
  try {
    payload = JSON.parse(row.body);
  } catch {
    payload = row.body;
  }
  return {
    ...deliveryView(row),
    payload,
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      url: a.url,
      started_at: a.started_at,
      latency_ms: a.latency_ms,
      status_code: a.status_code,
      response_excerpt: a.response_excerpt,
      error: a.error,
      succeeded: a.succeeded === 1,
    })),
  };
}
