import type { DocumentFinishedEvent, DocumentListener } from '../../documents/document-lifecycle.js';
import type { Db } from '../../internal/db/database.js';
import { newId } from '../../internal/ids.js';
import type { WebhookDeliveries } from '../../webhooks/webhook-deliveries.js';
import { documentError, documentResults, readAttributes } from './document-view.js';
import type { SigningKeyVault } from './signing-key-vault.js';
import { EXTRALY_SCHEME } from './webhook-scheme.js';

/**
 * Sends Extraly's `document.completed` / `document.failed` callback to the webhook_url given at
 * submit, through the core delivery queue (10 s timeout, retries with backoff, every attempt
 * recorded). Runs in the transaction that finishes the document, like the native listener; the
 * extraction's core `webhook_url` stays empty so the native payload is not sent there as well.
 */
export class ExtralyWebhookListener implements DocumentListener {
  private readonly deliveries: WebhookDeliveries;
  private readonly vault: SigningKeyVault;

  constructor(deps: { deliveries: WebhookDeliveries; vault: SigningKeyVault }) {
    this.deliveries = deps.deliveries;
    this.vault = deps.vault;
  }

  async documentFinished(trx: Db, event: DocumentFinishedEvent): Promise<void> {
    const { document, extraction } = event;
    if (!event.extractionFinished || (document.status !== 'completed' && document.status !== 'failed')) return;
    const { metadata, extraly } = readAttributes(extraction);
    if (!extraly || !extraction.api_key_id) return;
    // Only a key this installation sealed for this extraction's API key signs; anything else is ignored.
    if (this.vault.open(extraly.signing_key, extraction.api_key_id) === null) return;
    const completed = document.status === 'completed';
    const type = completed ? 'document.completed' : 'document.failed';
    const payload = {
      event: type,
      document_id: extraction.id,
      status: completed ? 'completed' : 'failed',
      ...(completed ? { results: documentResults(document) ?? {} } : { error: documentError(extraction, document) }),
      metadata,
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    await this.deliveries.enqueue(trx, {
      tenantId: extraction.tenant_id,
      event: { id: newId('evt'), type, extractionId: extraction.id, documentId: document.id },
      url: extraly.webhook_url,
      body: JSON.stringify(payload),
      signing: { scheme: EXTRALY_SCHEME, secret: { kind: 'literal', secret: `${extraction.api_key_id}:${extraly.signing_key}` } },
    });
  }
}
