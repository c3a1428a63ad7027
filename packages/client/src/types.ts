import type { Operations } from './openapi-types.js';

/** The JSON body of an operation's response with the given status (from /openapi.json). */
export type ResponseOf<K extends keyof Operations, S extends keyof Operations[K]['responses']> = Operations[K]['responses'][S];
export type BodyOf<K extends keyof Operations> = Operations[K]['body'];
export type QueryOf<K extends keyof Operations> = Operations[K]['query'];

export type Pagination = ResponseOf<'GET /v1/extractions', 200>['pagination'];
export type Extraction = ResponseOf<'GET /v1/extractions/{extraction_id}', 200>['extraction'];
export type ExtractionStatus = 'queued' | 'processing' | 'completed' | 'failed' | 'partial' | 'cancelled';
export type DocumentResult = ResponseOf<'GET /v1/extractions/{extraction_id}/documents/{document_id}', 200>['document'];
export type ExtractionResults = ResponseOf<'GET /v1/extractions/{extraction_id}/results', 200>;
export type ListExtractionsQuery = NonNullable<QueryOf<'GET /v1/extractions'>>;
export type CreateExtractionJson = BodyOf<'POST /v1/extractions'>;
export type ReviewInput = BodyOf<'PUT /v1/extractions/{extraction_id}/documents/{document_id}/review'>;
export type ExportFormat = 'json' | 'csv' | 'xlsx' | 'xml';

export type FileObject = ResponseOf<'GET /v1/files/{file_id}', 200>['file'];
export type Parser = ResponseOf<'GET /v1/parsers/{parser_id}', 200>['parser'];
export type ParserVersion = ResponseOf<'GET /v1/parsers/{parser_id}/versions/{version}', 200>['version'];
export type CreateParserInput = BodyOf<'POST /v1/parsers'>;
export type UpdateParserInput = BodyOf<'PUT /v1/parsers/{parser_id}'>;
export type PublishVersionInput = NonNullable<BodyOf<'POST /v1/parsers/{parser_id}/versions'>>;

export type Webhook = ResponseOf<'GET /v1/webhooks/{webhook_id}', 200>['webhook'];
export type WebhookWithSecret = ResponseOf<'POST /v1/webhooks', 201>['webhook'];
export type CreateWebhookInput = BodyOf<'POST /v1/webhooks'>;
export type UpdateWebhookInput = BodyOf<'PATCH /v1/webhooks/{webhook_id}'>;
export type WebhookDelivery = ResponseOf<'GET /v1/webhooks/deliveries', 200>['deliveries'][number];
export type WebhookDeliveryDetail = ResponseOf<'GET /v1/webhooks/deliveries/{delivery_id}', 200>['delivery'];
export type ListDeliveriesQuery = NonNullable<QueryOf<'GET /v1/webhooks/deliveries'>>;

export type ApiKey = ResponseOf<'GET /v1/api-keys/{api_key_id}', 200>['api_key'];
export type ApiKeyWithSecret = ResponseOf<'POST /v1/api-keys', 201>['api_key'];
export type CreateApiKeyInput = BodyOf<'POST /v1/api-keys'>;
export type UpdateApiKeyInput = BodyOf<'PATCH /v1/api-keys/{api_key_id}'>;

export type User = ResponseOf<'GET /v1/users/{user_id}', 200>['user'];
export type CreateUserInput = BodyOf<'POST /v1/users'>;
export type UpdateUserInput = BodyOf<'PATCH /v1/users/{user_id}'>;

export type Tenant = ResponseOf<'GET /v1/tenant', 200>['tenant'];
export type AccessToken = ResponseOf<'POST /v1/auth/token', 200>['data'];
export type UsageReport = ResponseOf<'GET /v1/usage', 200>;
export type UsageQuery = NonNullable<QueryOf<'GET /v1/usage'>>;
export type UsageRecord = ResponseOf<'GET /v1/usage/records', 200>['usage_records'][number];
export type OnboardInput = BodyOf<'POST /v1/onboard'>;
export type OnboardResult = ResponseOf<'POST /v1/onboard', 201>;
export type AdminTenant = ResponseOf<'GET /v1/admin/tenants/{tenant_id}', 200>;

/** One page of a list: its items and the pagination block. */
export interface Page<T> {
  items: T[];
  pagination: Pagination;
}
export interface PageQuery {
  page?: number;
  per_page?: number;
}
