import type { FastifyRequest } from 'fastify';
import type { AccountsService } from '../../accounts/accounts-service.js';
import type { AuthContext } from '../../accounts/auth-context.js';
import type { Credentials } from '../../accounts/authenticator.js';
import { errors } from '../../internal/errors/errors.js';
import type { App } from '../app-type.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireAuth's onRequest hook; only routes in an authenticated scope may read it. */
    auth: AuthContext;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `X-API-Key` and `Authorization: Bearer …`; another Authorization scheme alone is refused. */
export function readCredentials(request: FastifyRequest): Credentials {
  const apiKey = header(request, 'x-api-key');
  const authorization = header(request, 'authorization')?.trim();
  let bearer: string | undefined;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match) bearer = match[1];
    else if (!apiKey) throw errors.unauthorized('The Authorization header must be "Bearer <API key or access token>".');
  }
  return { apiKey, bearer, ip: request.ip };
}

/**
 * Authenticates every request of this (encapsulated) scope before its body is read, so an
 * unauthenticated upload is refused without being buffered, and sets `request.auth`.
 */
export function requireAuth(app: App, accounts: AccountsService): void {
  if (!app.hasRequestDecorator('auth')) app.decorateRequest('auth', null as unknown as AuthContext);
  app.addHook('onRequest', async (request) => {
    request.auth = await accounts.authenticate(readCredentials(request));
  });
}

/** Throws unless the request carries the operator's `X-Setup-Key` (DOCSIFT_SETUP_KEY). */
export function checkSetupKey(request: FastifyRequest, accounts: AccountsService): void {
  accounts.verifySetupKey(header(request, 'x-setup-key'));
}

/** Guards every route of this (encapsulated) scope with the operator's `X-Setup-Key`. */
export function requireSetupKey(app: App, accounts: AccountsService): void {
  app.addHook('onRequest', async (request) => {
    checkSetupKey(request, accounts);
  });
}
