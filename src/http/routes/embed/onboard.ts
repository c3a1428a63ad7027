import { EMBED_API_KEY_PREFIX } from '../../../accounts/secrets.js';
import type { Core } from '../../../core.js';
import type { App } from '../../app-type.js';
import { checkSetupKey } from '../../plugins/auth.js';
import { OnboardBody, onboardData } from '../native/accounts/onboard.js';
import { ok, TAGS } from './schemas.js';

/** The same onboarding as POST /v1/onboard; the key is named "<organization> - Embed API Key" by default. */
export function registerOnboard(app: App, core: Core): void {
  app.post(
    '/onboard',
    {
      // The setup key is checked before the body is read or validated.
      onRequest: async (request) => checkSetupKey(request, core.accounts),
      schema: { summary: 'Create a tenant, its owner and an API key (X-Setup-Key)', tags: TAGS, security: [], body: OnboardBody },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await core.accounts.onboard({
        ...body,
        apiKeyName: body.apiKeyName ?? `${body.organizationName.trim()} - Embed API Key`,
        secretPrefix: EMBED_API_KEY_PREFIX,
      });
      return reply.status(201).send(ok(onboardData(result)));
    },
  );
}
