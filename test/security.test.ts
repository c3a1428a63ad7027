import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers/test-core.js';
import { multipartBody } from './helpers/multipart-body.js';
import { listRoutes, runCommonRouteTests, type Principal, type Route } from './helpers/security.js';

/**
 * The shared security test: every route of the app that is not explicitly public must refuse missing,
 * wrong, disabled and expired credentials, and answer 404 when another tenant asks for an object.
 * Routes are discovered from the running app, so a new route is covered the moment it exists.
 */

const SETUP_KEY = 'test-setup-key-0123456789';

/** Routes reachable without an API key. Anything added here must be public on purpose. */
const PUBLIC_ROUTES: RegExp[] = [
  /^\/healthz$/,
  /^\/readyz$/,
  /^\/metrics$/,
  /^\/openapi\.json$/,
  /^\/docs(\/|$)/, // the OpenAPI UI
  /^\/schema\/?$/, // anyformat's API description
  /^\/embed(\/|$)/, // embed pages authenticate with ?apiKey=&userEmail= and render their own error page
  /^\/$/, // the dashboard's page: the web UI signs in with an API key of its own (assets are under /embed/assets/)
];

/** Operator routes, guarded by X-Setup-Key instead of an API key. */
const SETUP_KEY_ROUTES: RegExp[] = [/^\/v1\/onboard$/, /^\/v1\/admin\//, /^\/api\/embed\/onboard$/];

/** Bodies that pass validation, so that a cross-tenant request reaches the tenant check. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'PATCH /v1/api-keys/:api_key_id': { name: 'renamed by another tenant' },
  'PATCH /v1/users/:user_id': { name: 'renamed by another tenant' },
  'PUT /v1/parsers/:parser_id': { name: 'x', description: 'x', fields: [{ name: 'x', type: 'String', description: 'x' }] },
  'PUT /v1/extractions/:extraction_id/documents/:document_id/review': { data: {} },
};

const t = await createTestApp({
  startWorkers: false,
  env: { DOCSIFT_SETUP_KEY: SETUP_KEY, DOCSIFT_RATE_LIMIT_PER_HOUR: '1000000', DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '100000' },
});
afterAll(() => t.close());
await t.app.ready();

// Response bodies of many surfaces are read loosely here; the routes' own tests check their shapes.
type Json = Record<string, any>;

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  let json: Json = {};
  try {
    json = res.json();
  } catch {
    // Not JSON (e.g. a file's content): the status is what matters here.
  }
  return { status: res.statusCode, json };
}

const ownerA = { 'x-api-key': t.apiKey };

async function token(apiKey: string, email: string): Promise<string> {
  const res = await call('POST', '/v1/auth/token', { 'x-api-key': apiKey }, { email });
  if (res.status !== 200) throw new Error(`could not issue a token: ${JSON.stringify(res.json)}`);
  return res.json.data.access_token as string;
}

// --- fixtures: the first tenant's objects, and callers that must all be refused --------------------

const ids: Record<string, string> = {};
ids.api_key_id = (await call('GET', '/v1/api-keys', ownerA)).json.api_keys[0].api_key_id;
ids.user_id = (await call('POST', '/v1/users', ownerA, { email: 'victim@first.test', role: 'member' })).json.user.user_id;

/**
 * Creates an object through a route others may still be building; skipped while the route is missing.
 * An `optional` fixture is also skipped when its route refuses the sample body (the made-up ids still
 * cover that route); the others must work.
 */
async function tryCreate(
  what: string,
  create: () => Promise<{ status: number; json: Json }>,
  pick: (json: Json) => Record<string, unknown>,
  options: { optional?: boolean } = {},
) {
  const res = await create();
  if (res.status === 404 && /Route .* does not exist/.test(String(res.json.error?.message))) return;
  if (res.status >= 300) {
    if (options.optional && res.status < 500) return;
    throw new Error(`security fixtures: creating a ${what} failed with ${res.status}: ${JSON.stringify(res.json)}`);
  }
  for (const [param, id] of Object.entries(pick(res.json))) if (typeof id === 'string') ids[param] = id;
}

await tryCreate(
  'file',
  async () => {
    const body = multipartBody([{ name: 'file', filename: 'note.txt', content: Buffer.from('Invoice INV-1 total 10.00\n'), contentType: 'text/plain' }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/files', headers: { ...ownerA, ...body.headers }, payload: body.payload });
    return { status: res.statusCode, json: res.json() };
  },
  (json) => ({ file_id: json.file.file_id }),
);
await tryCreate(
  'extraction',
  () => call('POST', '/v1/extractions', ownerA, { text: 'Invoice INV-2 total 20.00' }),
  (json) => ({ extraction_id: json.extraction.extraction_id, document_id: json.extraction.documents[0].document_id }),
);
await tryCreate(
  'parser',
  () => call('POST', '/v1/parsers', ownerA, { name: 'Security parser', description: 'x', fields: [{ name: 'total', type: 'Number', description: 'Total' }] }),
  (json) => ({ parser_id: json.parser.parser_id }),
);
await tryCreate(
  'webhook',
  () => call('POST', '/v1/webhooks', ownerA, { url: 'http://127.0.0.1:9/hook' }),
  (json) => ({ webhook_id: (json.webhook ?? json.subscription ?? json).webhook_id }),
  { optional: true },
);

await tryCreate(
  'evaluation set',
  () => call('POST', '/v1/evaluation-sets', ownerA, { name: 'Security set' }),
  (json) => ({ set_id: json.evaluation_set.evaluation_set_id }),
);
if (ids.set_id && ids.file_id) {
  await tryCreate(
    'evaluation item',
    () => call('POST', `/v1/evaluation-sets/${ids.set_id}/items`, ownerA, { file_id: ids.file_id, expected: { total: 10 } }),
    (json) => ({ item_id: json.item.item_id }),
  );
  await tryCreate(
    'evaluation run',
    () => call('POST', `/v1/evaluation-sets/${ids.set_id}/runs`, ownerA, {}),
    (json) => ({ run_id: json.evaluation_run.evaluation_run_id, other_run_id: json.evaluation_run.evaluation_run_id }),
  );
}

async function createKey(name: string, expiresAt?: string): Promise<{ id: string; key: string }> {
  const res = await call('POST', '/v1/api-keys', ownerA, { name, ...(expiresAt ? { expires_at: expiresAt } : {}) });
  return { id: res.json.api_key.api_key_id, key: res.json.api_key.key };
}

// Tokens are minted while the keys still work, then the keys are disabled or expired: the tokens must die with them.
const disabledKey = await createKey('disabled');
const disabled: Principal = { apiKey: disabledKey.key, accessToken: await token(disabledKey.key, 'admin@localhost'), email: 'admin@localhost' };
await call('PATCH', `/v1/api-keys/${disabledKey.id}`, ownerA, { active: false });

// Expiry is real time passing: the key is made to expire in a moment, used once, then waited out.
const expiresAt = Date.now() + 1500;
const expiredKey = await createKey('expired', new Date(expiresAt).toISOString());
const expired: Principal = { apiKey: expiredKey.key, accessToken: await token(expiredKey.key, 'admin@localhost'), email: 'admin@localhost' };
await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 50));

const wrong: Principal = { apiKey: `dsk_${'x'.repeat(43)}`, accessToken: `dst_${'x'.repeat(43)}`, email: 'admin@localhost' };

const onboarded = await call('POST', '/v1/onboard', { 'x-setup-key': SETUP_KEY }, { organizationName: 'Second', firstName: 'Eve', lastName: 'Other', email: 'eve@second.test' });
const otherKey = onboarded.json.data.apiKey.key as string;
const otherTenant: Principal = { apiKey: otherKey, accessToken: await token(otherKey, 'eve@second.test'), email: 'eve@second.test' };

/** How each surface takes credentials (docs/product.md, "Where each API answers"); the first entry is its main scheme. */
function present(route: Route, who: Principal): Array<Record<string, string>> {
  const key = { 'x-api-key': who.apiKey };
  const bearerKey = { authorization: `Bearer ${who.apiKey}` };
  const bearerToken = who.accessToken ? [{ authorization: `Bearer ${who.accessToken}` }] : [];
  const email = { 'x-user-email': who.email ?? '' };
  if (route.url.startsWith('/api/v1/auth/token')) return [key];
  if (route.url.startsWith('/api/v1/')) return [{ ...key, authorization: `Bearer ${who.accessToken ?? who.apiKey}` }];
  if (route.url.startsWith('/api/embed/')) return [{ ...key, ...email }, { ...bearerKey, ...email }];
  if (/^\/(extract_runs|extractors|processors|evaluation_sets)(\/|$)/.test(route.url)) return [bearerKey];
  if (/^\/(workflows|jobs)(\/|$)/.test(route.url)) return [key];
  return [key, bearerKey, ...bearerToken];
}

/** For params named just `id` (other surfaces), the object kind comes from the path segment before it. */
function ownedIds(route: Route): Record<string, string> {
  const out: Record<string, string> = { ...ids, version: '1' };
  const before = route.url.split('/:id')[0]?.split('/').filter(Boolean).pop() ?? '';
  const bySegment: Array<[RegExp, string]> = [
    [/extraction|run|job|document/i, 'extraction_id'],
    [/file/i, 'file_id'],
    [/parser|extractor|workflow|template/i, 'parser_id'],
    [/api-keys/i, 'api_key_id'],
    [/user/i, 'user_id'],
    [/webhook/i, 'webhook_id'],
  ];
  const match = bySegment.find(([re]) => re.test(before));
  if (match && ids[match[1]]) out.id = ids[match[1]];
  return out;
}

const allRoutes = listRoutes(t.app);
const isPublic = (r: Route) => PUBLIC_ROUTES.some((re) => re.test(r.url));
const needsSetupKey = (r: Route) => SETUP_KEY_ROUTES.some((re) => re.test(r.url));
const authenticated = allRoutes.filter((r) => !isPublic(r) && !needsSetupKey(r));

const context = () => ({
  app: t.app,
  present,
  wrong,
  disabled,
  expired,
  otherTenant,
  ownedIds,
  sampleBody: (r: Route) => SAMPLE_BODIES[`${r.method} ${r.url}`] ?? {},
  firstTenantIds: Object.values(ids),
});

describe('route discovery', () => {
  it('finds the routes, including every route in /openapi.json', async () => {
    expect(authenticated.length).toBeGreaterThan(10);
    const doc = (await call('GET', '/openapi.json', {})).json;
    const found = new Set(allRoutes.map((r) => `${r.method} ${r.url}`));
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        if (method === 'head') continue;
        expect(found).toContain(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
      }
    }
  });

  it("has real objects of the first tenant for the other tenant's requests", () => {
    expect(ids.api_key_id).toMatch(/^key_/);
    expect(ids.user_id).toMatch(/^usr_/);
    expect([ids.set_id, ids.item_id, ids.run_id]).toEqual([expect.stringMatching(/^evs_/), expect.stringMatching(/^evi_/), expect.stringMatching(/^evr_/)]);
  });
});

for (const route of authenticated) {
  describe(`${route.method} ${route.url}`, () => runCommonRouteTests(route, { context }));
}

describe.each(allRoutes.filter(needsSetupKey))('$method $url (operator)', (route) => {
  it('refuses a missing or wrong setup key, and an API key in its place', async () => {
    const url = route.url.replace(/:[A-Za-z0-9_]+/g, 'ten_doesnotexist');
    const attempts: Array<Record<string, string>> = [{}, { 'x-setup-key': 'wrong-setup-key-0000000' }, { 'x-api-key': t.apiKey }, { authorization: `Bearer ${t.apiKey}` }];
    for (const headers of attempts) {
      const res = await call(route.method, url, headers, ['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined);
      expect(res.status, JSON.stringify(res.json)).toBe(401);
    }
  });
});

describe("after all of the other tenant's requests", () => {
  it("the first tenant's objects are intact", async () => {
    expect((await call('GET', `/v1/api-keys/${ids.api_key_id}`, ownerA)).json.api_key.name).toBe('Bootstrap key');
    expect((await call('GET', `/v1/users/${ids.user_id}`, ownerA)).json.user.name).toBeNull();
    if (ids.file_id) expect((await call('GET', `/v1/files/${ids.file_id}`, ownerA)).status).toBe(200);
    if (ids.extraction_id) {
      const extraction = await call('GET', `/v1/extractions/${ids.extraction_id}`, ownerA);
      expect(extraction.status).toBe(200);
      expect(extraction.json.extraction.status).not.toBe('cancelled');
    }
    if (ids.parser_id) expect((await call('GET', `/v1/parsers/${ids.parser_id}`, ownerA)).status).toBe(200);
    if (ids.set_id) expect((await call('GET', `/v1/evaluation-sets/${ids.set_id}`, ownerA)).json.evaluation_set.item_count).toBe(ids.item_id ? 1 : 0);
    if (ids.run_id) expect((await call('GET', `/v1/evaluation-runs/${ids.run_id}`, ownerA)).status).toBe(200);
  });
});
