import { Type } from 'typebox';
import { EMBED_API_KEY_PREFIX } from '../../../accounts/secrets.js';
import type { Core } from '../../../core.js';
import { apiKeyView, createdApiKeyView } from '../../../surfaces/embed/account-views.js';
import type { App } from '../../app-type.js';
import { IdParams, ok, TAGS } from './schemas.js';
import { nullable } from '../../nullable.js';

const Domains = Type.Array(Type.String({ maxLength: 253 }), { maxItems: 50 });
const CreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  expiresAt: Type.Optional(nullable(Type.String())),
  allowedDomains: Type.Optional(Domains),
});
const UpdateBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  isActive: Type.Optional(Type.Boolean()),
  expiresAt: Type.Optional(nullable(Type.String())),
  allowedDomains: Type.Optional(Domains),
});

/** The tenant's API keys (the core's); the key in use can't be deactivated or deleted (400). */
export function registerApiKeyRoutes(app: App, core: Core): void {
  app.get('/api-keys', { schema: { summary: 'List API keys', tags: TAGS } }, async (request) =>
    ok((await core.accounts.listApiKeys(request.auth)).map(apiKeyView)),
  );

  app.post('/api-keys', { schema: { summary: 'Create an API key (the full key is shown once)', tags: TAGS, body: CreateBody } }, async (request, reply) => {
    const created = await core.accounts.createApiKey(request.auth, { ...request.body, secretPrefix: EMBED_API_KEY_PREFIX });
    return reply.status(201).send(ok(createdApiKeyView(created)));
  });

  app.put('/api-keys/:id', { schema: { summary: 'Update an API key', tags: TAGS, params: IdParams, body: UpdateBody } }, async (request) => {
    const { name, isActive, expiresAt, allowedDomains } = request.body;
    const updated = await core.accounts.updateApiKey(request.auth, request.params.id, {
      ...(name !== undefined ? { name } : {}),
      ...(isActive !== undefined ? { active: isActive } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(allowedDomains !== undefined ? { allowedDomains } : {}),
    });
    return ok(apiKeyView(updated));
  });

  app.delete('/api-keys/:id', { schema: { summary: 'Delete an API key', tags: TAGS, params: IdParams } }, async (request) => {
    await core.accounts.deleteApiKey(request.auth, request.params.id);
    return ok({ message: 'API key deleted successfully', deletedId: request.params.id });
  });
}
