export { DocsiftClient, Extractions, Files, Parsers, ParserVersions, Webhooks, WebhookDeliveries, ApiKeys, Users, Usage, Admin } from './client.js';
export type { CreateExtractionParams, PollOptions, ExportResult, FileContent } from './client.js';
export { Evaluations } from './evaluations.js';
export type * from './evaluations.js';
export { DocsiftError, DocsiftApiError, DocsiftNetworkError, DocsiftPollTimeoutError } from './errors.js';
export { HttpClient, parseRetryAfter } from './http.js';
export type { ClientOptions, RequestOptions, RateLimitInfo } from './http.js';
export { paginate } from './pagination.js';
export type { FileInput, FileSource } from './uploads.js';
export {
  SIGNATURE_HEADER,
  DEFAULT_TOLERANCE_SECONDS,
  verifyWebhookSignature,
  constructWebhookEvent,
  computeWebhookSignature,
  signWebhookPayload,
  WebhookSignatureError,
} from './webhooks.js';
export type { VerifyWebhookOptions, WebhookVerifyResult, WebhookVerifyFailure } from './webhooks.js';
export type * from './types.js';
export type { Operations } from './openapi-types.js';
