import { createHmac } from 'node:crypto';
import type { WebhookScheme } from '../../webhooks/delivery-types.js';
import type { SigningKeyVault } from './signing-key-vault.js';

export const EXTRALY_SCHEME = 'extraly-v1';
export const EXTRALY_SIGNATURE_HEADER = 'X-Extraly-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body keyed by the API key>`, as Extraly's docs verify it. */
export function signExtralyBody(body: string | Buffer, apiKey: string): string {
  return `sha256=${createHmac('sha256', apiKey).update(body).digest('hex')}`;
}

/**
 * The delivery's secret is the sealed API key together with the API key id it is bound to
 * (`<api key id>:<sealed>`), opened at each attempt so the key never sits in clear in the database.
 */
export function extralyScheme(vault: SigningKeyVault): WebhookScheme {
  return {
    name: EXTRALY_SCHEME,
    headers: (ctx) => {
      const secret = ctx.secrets[0] ?? '';
      const split = secret.indexOf(':');
      const apiKey = split > 0 ? vault.open(secret.slice(split + 1), secret.slice(0, split)) : null;
      // Unreachable unless the installation key file was replaced: send no signature rather than a wrong one.
      if (!apiKey) return { 'X-Extraly-Event': ctx.event.type };
      return {
        [EXTRALY_SIGNATURE_HEADER]: signExtralyBody(ctx.body, apiKey),
        'X-Extraly-Event': ctx.event.type,
        'X-Extraly-Delivery': ctx.deliveryId,
      };
    },
  };
}
