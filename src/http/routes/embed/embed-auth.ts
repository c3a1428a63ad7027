import type { FastifyRequest } from 'fastify';
import type { AccountsService } from '../../../accounts/accounts-service.js';
import type { AuthContext } from '../../../accounts/auth-context.js';
import { isOriginAllowed } from '../../../accounts/domains.js';
import type { UserAccount } from '../../../accounts/users.js';
import { errors } from '../../../internal/errors/errors.js';
import type { App } from '../../app-type.js';
import { readCredentials } from '../../plugins/auth.js';

/** The embed caller beyond the API key: the acting user (X-User-Email) and the host app's name. */
export interface EmbedCaller {
  /** Null only on routes that do not need a user (POST /api/embed/users). */
  user: UserAccount | null;
  /** As the request names it (X-App-Name or ?appName=); routes may also take a form field. */
  appName: string | null;
  /** The app the key was onboarded for: what a request that names no app is recorded with. */
  keyAppName(): Promise<string | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    embedCaller: EmbedCaller;
  }
  interface FastifyContextConfig {
    /** The route works without X-User-Email (the docs' POST /api/embed/users). */
    embedUserOptional?: boolean;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first.trim() : undefined;
}

/**
 * The embed docs' three ways to authenticate: `X-API-Key` + `X-User-Email`, `Authorization: Bearer`
 * (+ `X-User-Email`), or `?apiKey=&userEmail=` (iframes). The user must belong to the key's tenant
 * (403 otherwise). A Bearer access token already names its user, so it needs no email. A key with
 * allowed domains refuses requests whose Origin is neither one of them nor docsift itself (403).
 */
export function requireEmbedAuth(app: App, accounts: AccountsService): void {
  if (!app.hasRequestDecorator('auth')) app.decorateRequest('auth', null as unknown as AuthContext);
  app.decorateRequest('embedCaller', null as unknown as EmbedCaller);
  app.addHook('onRequest', async (request) => {
    const creds = readCredentials(request);
    if (!creds.apiKey && !creds.bearer) creds.apiKey = queryParam(request, 'apiKey');
    const auth = await accounts.authenticate(creds);
    request.auth = auth;
    const origin = header(request, 'origin');
    // docsift's own pages (the /embed iframe, the dashboard) call the API from docsift's origin; the
    // allowed domains say which other sites may use the key.
    if (origin && origin !== baseUrl(request) && !isOriginAllowed(auth.allowedDomains, origin)) {
      throw errors.forbidden(`Domain not allowed: ${origin} is not in this API key's allowedDomains.`);
    }
    const email = header(request, 'x-user-email') ?? queryParam(request, 'userEmail');
    let user: UserAccount | null = null;
    if (email) {
      user = (await accounts.findUserByEmail(auth, email)) ?? null;
      if (!user) throw errors.forbidden(`User ${email} is not a member of this organization.`);
    } else if (auth.via === 'access_token' && auth.userId) {
      user = await accounts.getUser(auth, auth.userId);
    } else if (!request.routeOptions.config?.embedUserOptional) {
      throw errors.fieldInvalid('X-User-Email', 'Missing user email: send it in the X-User-Email header or the userEmail query parameter.');
    }
    const appName = header(request, 'x-app-name') ?? queryParam(request, 'appName') ?? null;
    request.embedCaller = { user, appName, keyAppName: () => accounts.keyAppName(auth) };
  });
}

/** The origin clients reached this server at, for absolute file URLs. */
export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
