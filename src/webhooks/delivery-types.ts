/**
 * What a delivery is, independent of any API surface: a URL, fixed headers, a body sent byte for byte,
 * and how to sign it. Surfaces build the body and choose a scheme (their header names and signature
 * format); the delivery machinery stores, sends, retries, records and redelivers.
 */

/** Where the signing secret comes from. It is looked up at send time, so a rotated secret applies to retries. */
export type SecretSource =
  /** A webhook subscription's secret (and its previous one while a rotation overlap lasts). */
  | { kind: 'subscription'; webhookId: string }
  /** The tenant's webhook_secret (per-request webhook_url targets). */
  | { kind: 'tenant' }
  /** A secret the surface supplies itself (stored with the delivery). */
  | { kind: 'literal'; secret: string };

export interface SigningSpec {
  /** The name of a registered WebhookScheme, e.g. 'docsift-v1'. */
  scheme: string;
  secret: SecretSource;
}

export interface DeliveryEvent {
  /** `evt_…`, shared by every delivery (and redelivery) of the same occurrence. */
  id: string;
  /** e.g. 'document.completed'. */
  type: string;
  extractionId?: string | null;
  documentId?: string | null;
}

/** Everything needed to create a delivery; see WebhookDeliveries.enqueue. */
export interface NewDelivery {
  tenantId: string;
  event: DeliveryEvent;
  url: string;
  /** The subscription this delivery belongs to, if any (null: a per-request URL). */
  webhookId?: string | null;
  /** The raw body; JSON text for every surface so far. */
  body: string;
  /** Fixed headers (default `content-type: application/json`); the scheme adds the signed ones per attempt. */
  headers?: Record<string, string>;
  signing: SigningSpec;
}

/** What a scheme gets to produce the per-attempt headers. */
export interface SignContext {
  /** Valid secrets, current first (more than one only during a rotation overlap). */
  secrets: string[];
  body: string;
  /** Unix seconds at this attempt. */
  timestamp: number;
  deliveryId: string;
  event: { id: string; type: string };
  /** 1 for the first attempt of this delivery. */
  attempt: number;
}

/**
 * A surface's signing and identification headers. The native scheme sends X-Docsift-Signature,
 * X-Docsift-Event, X-Docsift-Event-Id and X-Docsift-Delivery-Id; an Extraly scheme would send
 * `X-Extraly-Signature: sha256=<hex>`.
 */
export interface WebhookScheme {
  name: string;
  /** Headers for this attempt; an undefined value leaves the header out. */
  headers(context: SignContext): Record<string, string | undefined>;
}
