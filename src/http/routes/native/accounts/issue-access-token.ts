import { Type } from 'typebox';
import type { App } from '../../../app-type.js';
import type { Core } from '../../../../core.js';
import { ErrorResponse } from '../schemas.js';

const Body = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254, description: 'A user of the tenant.' }) });

const TokenResponse = Type.Object({
  data: Type.Object({
    access_token: Type.String(),
    token_type: Type.Literal('Bearer'),
    expires_in: Type.Integer({ description: 'Seconds.' }),
  }),
});

/** `POST /auth/token`: an API key buys a 1-hour access token acting as one user of its tenant. */
export function registerIssueAccessToken(app: App, core: Core): void {
  app.post(
    '/auth/token',
    {
      schema: {
        summary: 'Issue a 1-hour access token for a user of the tenant (authenticate with X-API-Key).',
        tags: ['auth'],
        body: Body,
        response: { 200: TokenResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const issued = await core.accounts.issueAccessToken(request.auth, request.body.email);
      return { data: { access_token: issued.accessToken, token_type: issued.tokenType, expires_in: issued.expiresIn } };
    },
  );
}
