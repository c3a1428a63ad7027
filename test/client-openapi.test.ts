import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTypes } from '../packages/client/scripts/generate-types.js';
import { DocsiftClient } from '../packages/client/src/index.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const TYPES_FILE = path.join(ROOT, 'packages/client/src/openapi-types.ts');

let t: TestApp;
let doc: { paths: Record<string, Record<string, unknown>> };

beforeAll(async () => {
  t = await createTestApp({ startWorkers: false });
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => {
  await t?.close();
});

/** Every "METHOD /v1/…" operation of the served OpenAPI document. */
function operations(): string[] {
  const ops: string[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    if (!p.startsWith('/v1/')) continue;
    for (const m of Object.keys(methods)) if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) ops.push(`${m.toUpperCase()} ${p}`);
  }
  return ops.sort();
}

describe('@docsift/client against /openapi.json', () => {
  it('its types are generated from the served document (no drift)', () => {
    const generated = generateTypes(doc as never);
    if (process.env.DOCSIFT_UPDATE_OPENAPI_TYPES === '1') fs.writeFileSync(TYPES_FILE, generated);
    // On failure: DOCSIFT_UPDATE_OPENAPI_TYPES=1 npx vitest run test/client-openapi.test.ts, then fix what no longer type-checks.
    expect(fs.readFileSync(TYPES_FILE, 'utf8')).toBe(generated);
  });

  it('has a method for every /v1 operation', async () => {
    const calls: string[] = [];
    const recorder: typeof fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const c = new DocsiftClient({ baseUrl: 'http://docsift.test', apiKey: 'k', setupKey: 's', fetch: recorder });
    const e = 'ext_1';
    const d = 'doc_1';
    const calling = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch {
        // The recorder answers {} to everything; unwrapping may fail after the request was made.
      }
    };
    const all: Array<() => Promise<unknown>> = [
      () => c.onboard({ organizationName: 'o', firstName: 'f', lastName: 'l', email: 'e@x.test' }),
      () => c.admin.getTenant('ten_1'),
      () => c.admin.setCredits('ten_1', 5),
      () => c.admin.createOwnerKey('ten_1'),
      () => c.auth.token({ email: 'e@x.test' }),
      () => c.tenant.get(),
      () => c.apiKeys.list(),
      () => c.apiKeys.create({ name: 'n' }),
      () => c.apiKeys.get('key_1'),
      () => c.apiKeys.update('key_1', { name: 'm' }),
      () => c.apiKeys.delete('key_1'),
      () => c.users.list(),
      () => c.users.create({ email: 'u@x.test' }),
      () => c.users.get('usr_1'),
      () => c.users.update('usr_1', { name: 'u' }),
      () => c.users.delete('usr_1'),
      () => c.parsers.create({ name: 'p' }),
      () => c.parsers.list(),
      () => c.parsers.get('prs_1'),
      () => c.parsers.update('prs_1', { name: 'q' }),
      () => c.parsers.delete('prs_1'),
      () => c.parsers.versions.publish('prs_1'),
      () => c.parsers.versions.list('prs_1'),
      () => c.parsers.versions.get('prs_1', 1),
      () => c.files.upload(Buffer.from('hello')),
      () => c.files.list(),
      () => c.files.get('fil_1'),
      () => c.files.delete('fil_1'),
      () => c.files.content('fil_1'),
      () => c.files.pages('fil_1'),
      () => c.files.pageImage('fil_1', 1),
      () => c.extractions.create({ text: 'x' }),
      () => c.extractions.list(),
      () => c.extractions.get(e),
      () => c.extractions.delete(e),
      () => c.extractions.results(e),
      () => c.extractions.document(e, d),
      () => c.extractions.cancel(e),
      () => c.extractions.retry(e),
      () => c.extractions.retryDocument(e, d),
      () => c.extractions.export(e, { format: 'csv' }),
      () => c.extractions.export(e, { format: 'csv', document_id: d }),
      () => c.extractions.review(e, d, { data: {} }),
      () => c.webhooks.create({ url: 'https://x.test' }),
      () => c.webhooks.list(),
      () => c.webhooks.get('whk_1'),
      () => c.webhooks.update('whk_1', { name: 'w' }),
      () => c.webhooks.delete('whk_1'),
      () => c.webhooks.rotateSecret('whk_1'),
      () => c.webhooks.test('whk_1'),
      () => c.webhooks.deliveries.list(),
      () => c.webhooks.deliveries.listFor('whk_1'),
      () => c.webhooks.deliveries.get('dlv_1'),
      () => c.webhooks.deliveries.redeliver('dlv_1'),
      () => c.usage.get(),
      () => c.usage.records(),
      () => c.evaluations.createSet({ name: 's' }),
      () => c.evaluations.listSets(),
      () => c.evaluations.getSet('evs_1'),
      () => c.evaluations.deleteSet('evs_1'),
      () => c.evaluations.addItem('evs_1', { document_id: d }),
      () => c.evaluations.deleteItem('evs_1', 'evi_1'),
      () => c.evaluations.run('evs_1', { parser_version: 1 }),
      () => c.evaluations.listRuns('evs_1'),
      () => c.evaluations.getRun('evr_1'),
      () => c.evaluations.compare('evr_1', 'evr_2'),
    ];
    for (const fn of all) await calling(fn);

    // Match each recorded call to the OpenAPI path template it fits (literal segments beat parameters).
    const templates = operations().map((op) => {
      const [method, p] = op.split(' ');
      const re = new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      return { op, method, re, literal: p.split('/').filter((s) => !s.startsWith('{')).length };
    });
    const covered = new Set<string>();
    for (const call of calls) {
      const [method, p] = call.split(' ');
      const match = templates.filter((x) => x.method === method && x.re.test(p)).sort((a, b) => b.literal - a.literal)[0];
      expect(match, `no OpenAPI operation for ${call}`).toBeDefined();
      covered.add(match!.op);
    }
    expect(operations().filter((op) => !covered.has(op))).toEqual([]);
  });

  it('the client package imports nothing from the server', () => {
    const dir = path.join(ROOT, 'packages/client/src');
    for (const file of fs.readdirSync(dir)) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of source.matchAll(/from '([^']+)'/g)) {
        expect(m[1].startsWith('./') || m[1].startsWith('node:'), `${file} imports ${m[1]}`).toBe(true);
      }
    }
  });
});
