import { Type } from 'typebox';
import type { App } from '../../app-type.js';
import type { Core } from '../../../core.js';
import { readCredentials } from '../../plugins/auth.js';
import { readMultipart } from '../../multipart.js';
import { documentDetailView } from '../../../surfaces/extraly/document-view.js';
import { checkExtralyFormat, extralySubmitInput } from '../../../surfaces/extraly/submit-form.js';
import { DocumentDetail, ExtralyError } from './schemas.js';
import { errors } from '../../../internal/errors/errors.js';
import { assertAllowedUrl } from '../../../internal/net/ssrf-guard.js';
import { EXTRALY_METADATA_KEY, type ExtralyAttributes } from '../../../surfaces/extraly/document-view.js';

/** `POST /api/v1/documents`: one file (`document` or `file`) becomes a one-document extraction. */
export function registerSubmitDocument(app: App, core: Core): void {
  app.post(
    '/documents',
    {
      config: { rateLimit: 'submit' },
      schema: {
        summary: 'Extraly: submit a document (multipart `document` or `file`, detection_type, custom_fields, webhook_url, metadata).',
        tags: ['extraly'],
        consumes: ['multipart/form-data'],
        response: {
          201: Type.Object({ data: DocumentDetail }),
          400: ExtralyError,
          401: ExtralyError,
          402: ExtralyError,
          413: ExtralyError,
          415: ExtralyError,
          429: ExtralyError,
        },
      },
    },
    async (request, reply) => {
      const form = await readMultipart(request, ['document', 'file']);
      const input = extralySubmitInput(form, {
        auth: request.auth,
        apiKey: readCredentials(request).apiKey ?? '',
        vault: core.extralySigningKeys,
      });
      await checkExtralyFormat(input.files ?? []);
      // Extraly's webhook_url is kept apart from the core's (which would get the native payload), so it
      // gets the same submit-time check here: a private, loopback or link-local target is refused.
      const webhookUrl = (input.reservedMetadata as Record<string, ExtralyAttributes | undefined> | undefined)?.[EXTRALY_METADATA_KEY]?.webhook_url;
      if (webhookUrl) {
        try {
          await assertAllowedUrl(webhookUrl, { allowPrivateNetwork: core.config.allowPrivateNetwork });
        } catch (err) {
          throw errors.validation(`The webhook_url is not usable: ${(err as Error).message}`, { webhook_url: [(err as Error).message] });
        }
      }
      const { extraction, documents } = await core.extractions.submit(request.auth, input);
      return reply.status(201).send({ data: documentDetailView(extraction, documents) });
    },
  );
}
