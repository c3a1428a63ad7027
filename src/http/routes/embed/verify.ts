import type { App } from '../../app-type.js';
import { ok, TAGS } from './schemas.js';

export function registerVerify(app: App): void {
  app.get('/verify', { schema: { summary: 'Verify the API key and user; get the tenant', tags: TAGS } }, async (request) =>
    ok({
      valid: true,
      tenantId: request.auth.tenantId,
      apiKeyName: request.auth.apiKeyName,
      userEmail: request.embedCaller.user?.email ?? null,
      message: 'API key is valid',
    }),
  );
}
