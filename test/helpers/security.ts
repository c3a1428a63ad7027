import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';

/**
 * The shared security checks every authenticated route must pass (STYLE.md practice 9, after unkey's
 * `runCommonRouteTests`): no key, wrong key, disabled key and expired key → 401; another tenant's
 * object → 404, never 403 and never the object.
 */

export interface Route {
  method: string;
  /** The route pattern, e.g. `/v1/api-keys/:api_key_id`. */
  url: string;
}

/**
 * Every route the app serves (except HEAD/OPTIONS), read from `printRoutes()` so that routes added
 * later are covered without anyone listing them. The tree prints one path segment per node, four
 * columns per level; a route's path is its ancestors' segments concatenated.
 */
export function listRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const marker = line.search(/[├└]── /);
    if (marker < 0) continue;
    const depth = marker / 4;
    const rest = line.slice(marker + 4);
    const open = rest.lastIndexOf(' (');
    const segment = open >= 0 && rest.endsWith(')') ? rest.slice(0, open) : rest;
    stack.length = depth;
    stack.push(segment);
    if (open < 0 || !rest.endsWith(')')) continue;
    const url = stack.join('');
    for (const method of rest.slice(open + 2, -1).split(',').map((m) => m.trim())) {
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, url });
    }
  }
  return routes;
}

/** The names of a pattern's path parameters, in order (`*` counts as one named `*`). */
export function routeParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((m) => m[1] ?? '*');
}

/** Fills a pattern's parameters from `values` (name → value); missing ones come from `fallback`. */
export function fillRoute(url: string, values: Record<string, string>, fallback: (param: string, url: string) => string): string {
  return url.replace(/:([A-Za-z0-9_]+)|\*/g, (_m, name: string | undefined) =>
    encodeURIComponent(values[name ?? '*'] ?? fallback(name ?? '*', url)),
  );
}

/** An id that looks real but exists nowhere: the prefix the param's resource would have, and random text. */
export function madeUpId(param: string, url: string): string {
  const prefixes: Array<[RegExp, string]> = [
    [/api[-_]?key/i, 'key'],
    [/user/i, 'usr'],
    [/file/i, 'fil'],
    [/extraction|run|job/i, 'ext'],
    [/document/i, 'doc'],
    [/parser|extractor|workflow|template/i, 'prs'],
    [/webhook/i, 'whk'],
    [/deliver/i, 'dlv'],
    [/tenant/i, 'ten'],
    [/version/i, ''],
  ];
  // A param named just `id` takes its kind from the path segment in front of it.
  const before = url.split(`:${param}`)[0]?.split('/').filter(Boolean).pop() ?? '';
  const subject = param === 'id' || param === '*' ? before : param;
  const prefix = prefixes.find(([re]) => re.test(subject))?.[1];
  if (prefix === '') return '999999';
  return `${prefix ?? 'obj'}_${randomBytes(10).toString('hex')}`;
}

/**
 * The ways a surface accepts credentials, as header sets (X-API-Key alone, Bearer key alone, Bearer
 * token, …). Each is tried on its own, so a check that one header path forgets is caught. The first
 * is the surface's main scheme, used for the other-tenant requests.
 */
export type PresentCredentials = (route: Route, who: Principal) => Array<Record<string, string>>;

/** A caller: an API key, plus what some surfaces also want (an access token, a user email). */
export interface Principal {
  apiKey: string;
  accessToken?: string;
  email?: string;
}

export interface Injector {
  inject(options: { method: string; url: string; headers: Record<string, string>; payload?: string }): Promise<{ statusCode: number; body: string }>;
}

export interface CommonRouteTestOptions {
  /** Resolved when the tests run, after the fixtures exist. */
  context: () => {
    app: Injector;
    present: PresentCredentials;
    wrong: Principal;
    disabled: Principal;
    expired: Principal;
    /** A valid caller of another tenant. */
    otherTenant: Principal;
    /** Param name → an object of the first tenant (keyed `METHOD url` first, then by param name). */
    ownedIds: (route: Route) => Record<string, string>;
    /** A body that passes validation, for routes that have one; else `{}` is sent. */
    sampleBody: (route: Route) => unknown;
    /** Every id of the first tenant's objects: none may show up in another tenant's GET responses. */
    firstTenantIds: string[];
  };
  /** Expected status for a rejected credential (every surface answers 401). */
  unauthorizedStatus?: number;
}

function request(route: Route, url: string, headers: Record<string, string>, body?: unknown) {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return {
    method: route.method,
    url,
    headers: hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(hasBody ? { payload: JSON.stringify(body ?? {}) } : {}),
  };
}

/** Registers the common checks for one route as vitest tests. Call it inside a describe block. */
export function runCommonRouteTests(route: Route, options: CommonRouteTestOptions): void {
  const unauthorized = options.unauthorizedStatus ?? 401;
  const target = (ids: Record<string, string> = {}) => fillRoute(route.url, ids, madeUpId);

  it('rejects a request without credentials', async () => {
    const { app } = options.context();
    const res = await app.inject(request(route, target(), {}));
    expect(res.statusCode, res.body).toBe(unauthorized);
  });

  const labels = { wrong: 'a wrong key', disabled: 'a disabled key', expired: 'an expired key' } as const;
  for (const kind of ['wrong', 'disabled', 'expired'] as const) {
    it(`rejects ${labels[kind]}`, async () => {
      const ctx = options.context();
      for (const headers of ctx.present(route, ctx[kind])) {
        const res = await ctx.app.inject(request(route, target(), headers));
        expect(res.statusCode, `with ${Object.keys(headers).join(' + ')}: ${res.body}`).toBe(unauthorized);
      }
    });
  }

  if (routeParams(route.url).length > 0) {
    it("answers 404 to another tenant asking for the first tenant's object", async () => {
      const ctx = options.context();
      const url = target(ctx.ownedIds(route));
      const [headers] = ctx.present(route, ctx.otherTenant);
      const res = await ctx.app.inject(request(route, url, headers!, ctx.sampleBody(route)));
      expect(
        res.statusCode,
        `${route.method} ${url} by another tenant answered ${res.statusCode}: ${res.body.slice(0, 300)}` +
          (res.statusCode === 400 ? ' (add a valid sample body for this route in test/security.test.ts)' : ''),
      ).toBe(404);
    });
  } else if (route.method === 'GET') {
    it("shows another tenant none of the first tenant's objects", async () => {
      const ctx = options.context();
      const [headers] = ctx.present(route, ctx.otherTenant);
      const res = await ctx.app.inject(request(route, route.url, headers!));
      expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
      for (const id of ctx.firstTenantIds) expect(res.body).not.toContain(id);
    });
  }
}
