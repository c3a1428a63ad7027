import { Type } from 'typebox';
import type { OnboardResult } from '../../../../accounts/onboarding.js';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { checkSetupKey } from '../../../plugins/auth.js';
import { ErrorResponse } from '../schemas.js';

/** The embed API's onboarding body (docs/api-notes.md, "Extractor embed"), shared with `POST /api/embed/onboard`. */
export const OnboardBody = Type.Object({
  organizationName: Type.String({ minLength: 1, maxLength: 200 }),
  firstName: Type.String({ minLength: 1, maxLength: 100 }),
  lastName: Type.String({ minLength: 1, maxLength: 100 }),
  email: Type.String({ minLength: 3, maxLength: 254 }),
  apiKeyName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  allowedDomains: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  hasExpiry: Type.Optional(Type.Boolean()),
  expiryDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  appName: Type.Optional(Type.String({ maxLength: 100 })),
});

export const OnboardData = Type.Object({
  message: Type.String(),
  tenant: Type.Object({ id: Type.String(), name: Type.String() }),
  user: Type.Object({
    id: Type.String(),
    firstName: Type.Union([Type.String(), Type.Null()]),
    lastName: Type.Union([Type.String(), Type.Null()]),
    email: Type.String(),
    role: Type.String(),
    isExistingUser: Type.Boolean(),
  }),
  apiKey: Type.Object({
    id: Type.String(),
    name: Type.String(),
    key: Type.String(),
    expiresAt: Type.Union([Type.String(), Type.Null()]),
    allowedDomains: Type.Array(Type.String()),
  }),
});

/** The `data` block of the onboarding response (embed docs' field names). */
export function onboardData(result: OnboardResult) {
  return {
    message: "Successfully onboarded. Store the API key securely - it won't be shown again.",
    tenant: { id: result.tenant.id, name: result.tenant.name },
    user: {
      id: result.user.id,
      firstName: result.user.firstName,
      lastName: result.user.lastName,
      email: result.user.email,
      role: result.user.role,
      isExistingUser: result.isExistingUser,
    },
    apiKey: {
      id: result.apiKey.apiKey.id,
      name: result.apiKey.apiKey.name,
      key: result.apiKey.key,
      expiresAt: result.apiKey.apiKey.expiresAt,
      allowedDomains: result.apiKey.apiKey.allowedDomains,
    },
  };
}

export function registerOnboard(app: App, core: Core): void {
  app.post(
    '/onboard',
    {
      // The setup key is checked before the body is read or validated.
      onRequest: async (request) => checkSetupKey(request, core.accounts),
      schema: {
        summary: 'Create a tenant, its owner and an API key (operator only: X-Setup-Key).',
        tags: ['onboarding'],
        security: [],
        headers: Type.Object({ 'x-setup-key': Type.Optional(Type.String()) }),
        body: OnboardBody,
        response: {
          201: Type.Object({ data: OnboardData, error: Type.Null() }),
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const result = await core.accounts.onboard(request.body);
      return reply.status(201).send({ data: onboardData(result), error: null });
    },
  );
}
