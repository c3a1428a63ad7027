import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPath } from './fixtures/documents.js';
import {
  DocsiftApiError,
  DocsiftClient,
  DocsiftNetworkError,
  constructWebhookEvent,
  signWebhookPayload,
  verifyWebhookSignature,
} from '../packages/client/src/index.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

const INVOICE_PDF = documentPath('data/extractthinker/invoice.pdf');
const INVOICE_TEXT = 'INVOICE\nInvoice number: INV-7001\nInvoice date: 2024-03-01\nVendor: Acme GmbH\nTotal: 120.00 EUR\n';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
};

interface Recorded {
  method: string;
  pathname: string;
  status: number;
  contentType: string;
  body: unknown;
}

let t: TestApp;
let baseUrl: string;
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components?: object };
const recorded: Recorded[] = [];

/** A fetch that keeps every JSON answer of the real server, to check it against the OpenAPI schemas. */
const recordingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const contentType = res.headers.get('content-type') ?? '';
  if (url.pathname.startsWith('/v1/') && contentType.includes('application/json')) {
    const body = await res.clone().json();
    recorded.push({ method: init?.method ?? 'GET', pathname: url.pathname, status: res.status, contentType, body });
  }
  return res;
};

function client(extra: Partial<ConstructorParameters<typeof DocsiftClient>[0]> = {}): DocsiftClient {
  return new DocsiftClient({ baseUrl, apiKey: t.apiKey, setupKey: 'test-setup-key-0123456789', fetch: recordingFetch, ...extra });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  return `http://127.0.0.1:${addr.port}`;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = t.app.server.address() as { port: number };
  baseUrl = `http://127.0.0.1:${addr.port}`;
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => {
  await t?.close();
});

describe('@docsift/client against a real server', () => {
  it('createAndPoll: uploads from a path, a Buffer, a stream and a URL, and waits with backoff', async () => {
    const files = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.end(INVOICE_TEXT);
    });
    const filesUrl = await listen(files);
    try {
      const c = client();
      const seen: string[] = [];
      const results = await c.extractions.createAndPoll(
        {
          files: [
            INVOICE_PDF,
            { data: Buffer.from(INVOICE_TEXT), filename: 'buffer.txt' },
            { data: Readable.from([Buffer.from(INVOICE_TEXT)]), filename: 'stream.txt' },
            new URL(`${filesUrl}/remote-invoice.txt`),
          ],
          detection_type: 'invoice',
          metadata: { source: 'sdk-test' },
        },
        { intervalMs: 100, maxIntervalMs: 500, timeoutMs: 120_000, onProgress: (e) => seen.push(e.status) },
      );
      expect(results.extraction.status).toBe('completed');
      expect(results.extraction.metadata).toEqual({ source: 'sdk-test' });
      expect(results.documents.map((d) => d.filename).sort()).toEqual(['buffer.txt', 'invoice.pdf', 'remote-invoice.txt', 'stream.txt']);
      expect(results.documents.every((d) => d.status === 'completed' && d.document_type === 'invoice')).toBe(true);
      expect(results.documents.find((d) => d.filename === 'invoice.pdf')!.data!.invoice_number).toBe('00012');
      expect(seen.at(-1)).toBe('completed');
    } finally {
      files.close();
    }
  });

  it('walks every endpoint family; every JSON answer matches its OpenAPI response schema', async () => {
    const c = client();
    // files
    const file = await c.files.upload({ data: new Blob([INVOICE_TEXT]), filename: 'blob.txt' });
    expect(file.filename).toBe('blob.txt');
    expect(await c.files.get(file.file_id)).toMatchObject({ file_id: file.file_id });
    const content = await c.files.content(file.file_id);
    expect(new TextDecoder().decode(content.bytes)).toBe(INVOICE_TEXT);
    expect((await c.files.list({ per_page: 10 })).files.some((f) => f.file_id === file.file_id)).toBe(true);
    const pdf = await c.files.upload(INVOICE_PDF);
    const pages = await c.files.pages(pdf.file_id);
    expect(pages.pages.length).toBe(1);
    const png = await c.files.pageImage(pdf.file_id, 1);
    expect(png.contentType).toContain('image/png');

    // parsers and versions
    const parser = await c.parsers.create({ name: 'PO', description: 'purchase orders', fields: [{ name: 'po_number', type: 'String', description: 'The PO number' }] });
    await c.parsers.update(parser.parser_id, { description: 'purchase orders v1' });
    const v1 = await c.parsers.versions.publish(parser.parser_id, { description: 'first' });
    expect(await c.parsers.versions.get(parser.parser_id, v1.version)).toMatchObject({ version: v1.version });
    expect((await c.parsers.versions.list(parser.parser_id)).versions).toHaveLength(1);
    expect((await c.parsers.get(parser.parser_id)).parser_id).toBe(parser.parser_id);
    expect((await c.parsers.list()).parsers.some((p) => p.parser_id === parser.parser_id)).toBe(true);

    // extractions from uploaded files and text
    const ext = await c.extractions.create({ file_ids: [file.file_id], detection_type: 'invoice' });
    expect(ext.status).toBe('queued');
    const done = await c.extractions.waitFor(ext.extraction_id, { intervalMs: 100, timeoutMs: 60_000 });
    expect(done.status).toBe('completed');
    const docId = done.documents[0].document_id;
    expect((await c.extractions.results(ext.extraction_id)).documents[0].data!.invoice_number).toBe('INV-7001');
    expect((await c.extractions.document(ext.extraction_id, docId)).status).toBe('completed');
    const csv = await c.extractions.export(ext.extraction_id, { format: 'csv' });
    expect(csv.contentType).toContain('text/csv');
    expect(csv.text()).toContain('INV-7001');
    const xml = await c.extractions.export(ext.extraction_id, { format: 'xml', document_id: docId });
    expect(xml.text()).toContain('<');
    const asJson = await c.extractions.export(ext.extraction_id, { format: 'json' });
    expect(JSON.parse(asJson.text())).toBeTruthy();
    const reviewed = await c.extractions.review(ext.extraction_id, docId, { edits: [{ path: 'invoice_number', value: 'INV-7002' }] });
    expect(reviewed.reviewed).toBe(true);
    await expect(c.extractions.retryDocument(ext.extraction_id, docId)).rejects.toMatchObject({ status: 409 });
    await expect(c.extractions.retry(ext.extraction_id)).rejects.toMatchObject({ status: 409 });
    await expect(c.extractions.cancel(ext.extraction_id)).rejects.toMatchObject({ status: 409 });
    const listed = await c.extractions.list({ per_page: 5, status: 'completed' });
    expect(listed.extractions.length).toBeGreaterThan(0);
    const queued = await c.extractions.create({ text: INVOICE_TEXT, priority: 100 });
    await c.extractions.waitFor(queued.extraction_id, { intervalMs: 100, timeoutMs: 60_000 });
    expect(await c.extractions.delete(queued.extraction_id)).toMatchObject({ deleted: true });

    // webhooks and deliveries
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const receiverUrl = await listen(receiver);
    try {
      const hook = await c.webhooks.create({ url: `${receiverUrl}/hook`, name: 'sdk', events: ['extraction.completed'] });
      expect(hook.secret).toMatch(/^whsec_/);
      await c.webhooks.update(hook.webhook_id, { name: 'sdk-renamed' });
      expect((await c.webhooks.get(hook.webhook_id)).name).toBe('sdk-renamed');
      expect((await c.webhooks.list()).webhooks.length).toBeGreaterThan(0);
      const test = await c.webhooks.test(hook.webhook_id);
      let delivery = await c.webhooks.deliveries.get(test.delivery_id);
      for (let i = 0; i < 100 && delivery.status === 'pending'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        delivery = await c.webhooks.deliveries.get(test.delivery_id);
      }
      expect(delivery.status).toBe('succeeded');
      expect((await c.webhooks.deliveries.listFor(hook.webhook_id)).deliveries.length).toBeGreaterThan(0);
      expect((await c.webhooks.deliveries.list({ webhook_id: hook.webhook_id })).deliveries.length).toBeGreaterThan(0);
      expect((await c.webhooks.deliveries.redeliver(test.delivery_id)).redelivery_of).toBe(test.delivery_id);
      const rotated = await c.webhooks.rotateSecret(hook.webhook_id, { previous_secret_expires_in: 0 });
      expect(rotated.secret).not.toBe(hook.secret);
      expect(await c.webhooks.delete(hook.webhook_id)).toMatchObject({ deleted: true });
    } finally {
      receiver.close();
    }

    // accounts
    const tenant = await c.tenant.get();
    expect(tenant.tenant_id).toBe(t.tenantId);
    const user = await c.users.create({ email: 'sdk-user@example.com', name: 'SDK User', role: 'member' });
    await c.users.update(user.user_id, { name: 'SDK U.' });
    expect((await c.users.get(user.user_id)).name).toBe('SDK U.');
    expect((await c.users.list()).users.length).toBeGreaterThan(1);
    const key = await c.apiKeys.create({ name: 'sdk key' });
    expect(key.key).toBeTruthy();
    await c.apiKeys.update(key.api_key_id, { name: 'sdk key 2' });
    expect((await c.apiKeys.get(key.api_key_id)).name).toBe('sdk key 2');
    expect((await c.apiKeys.list()).some((k) => k.api_key_id === key.api_key_id)).toBe(true);
    const withNewKey = new DocsiftClient({ baseUrl, apiKey: key.key, fetch: recordingFetch });
    expect((await withNewKey.tenant.get()).tenant_id).toBe(t.tenantId);
    expect(await c.apiKeys.delete(key.api_key_id)).toMatchObject({ deleted: true });
    await expect(withNewKey.tenant.get()).rejects.toMatchObject({ status: 401 });
    expect(await c.users.delete(user.user_id)).toMatchObject({ deleted: true });
    const token = await c.auth.token({ email: 'admin@localhost' });
    expect((await client({ apiKey: undefined, accessToken: token.access_token }).tenant.get()).tenant_id).toBe(t.tenantId);

    // evaluation sets and runs
    const set = await c.evaluations.createSet({ name: 'sdk set', document_type: 'invoice' });
    const item = await c.evaluations.addItem(set.evaluation_set_id, { file: { data: Buffer.from(INVOICE_TEXT), filename: 'gold.txt' }, expected: { invoice_number: 'INV-7001', total_amount: 120 } });
    const extra = await c.evaluations.addItem(set.evaluation_set_id, { file: { data: Buffer.from(INVOICE_TEXT), filename: 'extra.txt' }, expected: { total_amount: 1 } });
    expect(await c.evaluations.deleteItem(set.evaluation_set_id, extra.item_id)).toMatchObject({ deleted: true });
    expect((await c.evaluations.getSet(set.evaluation_set_id)).item_count).toBe(1);
    expect((await c.evaluations.listSets()).evaluation_sets.some((s) => s.evaluation_set_id === set.evaluation_set_id)).toBe(true);
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const run = await c.evaluations.run(set.evaluation_set_id, { mode: 'local' });
      runs.push(await c.evaluations.waitForRun(run.evaluation_run_id, { intervalMs: 100, timeoutMs: 60_000 }));
    }
    expect(runs[0].status).toBe('completed');
    expect(item.item_id).toBeTruthy();
    expect((await c.evaluations.getRun(runs[0].evaluation_run_id)).evaluation_run_id).toBe(runs[0].evaluation_run_id);
    expect((await c.evaluations.listRuns(set.evaluation_set_id)).evaluation_runs).toHaveLength(2);
    expect(await c.evaluations.compare(runs[0].evaluation_run_id, runs[1].evaluation_run_id)).toBeTruthy();
    expect(await c.evaluations.deleteSet(set.evaluation_set_id)).toMatchObject({ deleted: true });

    // usage, admin, onboarding
    const usage = await c.usage.get();
    expect(usage.usage.totals.documents).toBeGreaterThan(0);
    expect((await c.usage.records({ per_page: 2 })).usage_records.length).toBeGreaterThan(0);
    expect(await c.admin.setCredits(t.tenantId, null)).toBeTruthy();
    expect(await c.admin.getTenant(t.tenantId)).toBeTruthy();
    const recovery = await c.admin.createOwnerKey(t.tenantId, { name: 'sdk recovery' });
    expect((await client({ apiKey: recovery.key }).tenant.get()).tenant_id).toBe(t.tenantId);
    const onboarded = await c.onboard({ organizationName: 'SDK Org', firstName: 'Ada', lastName: 'L', email: 'ada@sdk-org.example' });
    const other = new DocsiftClient({ baseUrl, apiKey: onboarded.data.apiKey.key, fetch: recordingFetch });
    // Another tenant's objects are 404, with the error's code.
    await expect(other.parsers.get(parser.parser_id)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await c.parsers.delete(parser.parser_id)).toMatchObject({ deleted: true });
    expect(await c.files.delete(file.file_id)).toMatchObject({ deleted: true });

    // Every JSON answer (2xx and errors) against the served document's schema for that operation and status.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const templates = Object.keys(doc.paths).filter((p) => p.startsWith('/v1/'));
    const validated = new Set<string>();
    for (const r of recorded) {
      const candidates = templates
        .filter((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(r.pathname) && doc.paths[p][r.method.toLowerCase()])
        .sort((a, b) => b.split('/').filter((s) => !s.startsWith('{')).length - a.split('/').filter((s) => !s.startsWith('{')).length);
      const template = candidates[0];
      expect(template, `${r.method} ${r.pathname} is not in /openapi.json`).toBeDefined();
      // Success answers must be documented. Error answers use their documented schema, or the common
      // error body when the operation doesn't list that status (e.g. 401, which no operation lists yet).
      const listed = doc.paths[template][r.method.toLowerCase()].responses[String(r.status)]?.content?.['application/json']?.schema;
      if (r.status < 300) expect(listed, `${r.method} ${template} answered ${r.status}, which its OpenAPI entry does not list`).toBeDefined();
      const schema = listed ?? ERROR_SCHEMA;
      const validate = ajv.compile({ ...schema, components: doc.components });
      expect(validate(r.body), `${r.method} ${template} ${r.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      validated.add(`${r.method} ${template}`);
    }
    // The walk above reached every JSON operation of the native API.
    const jsonOps = templates.flatMap((p) =>
      Object.entries(doc.paths[p])
        .filter(([, op]) => Object.values(op.responses).some((res) => res.content?.['application/json']) && !String(p).endsWith('/export'))
        .map(([m]) => `${m.toUpperCase()} ${p}`),
    );
    expect(jsonOps.filter((op) => !validated.has(op))).toEqual([]);
  });

  it('lists through async iterators across pages', async () => {
    const c = client();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await c.files.upload({ data: Buffer.from(`page test ${i}`), filename: `p${i}.txt` })).file_id);
    const seen: string[] = [];
    for await (const f of c.files.listAll({ per_page: 2 })) seen.push(f.file_id);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('throws typed errors with the code, status and details', async () => {
    const c = client();
    const err = await c.extractions.get('ext_doesnotexist').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocsiftApiError);
    expect(err).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const bad = await c.extractions.create({ priority: 500 } as never).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect((bad as DocsiftApiError).details).toBeTruthy();
    const unsupported = await c.extractions.create({ files: [{ data: Buffer.from([0, 1, 2, 3, 250, 251]), filename: 'x.bin' }] }).catch((e: unknown) => e);
    expect(unsupported).toMatchObject({ status: 415, code: 'UNSUPPORTED_FORMAT' });
    const down = new DocsiftClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k', maxRetries: 1, retryBaseDelayMs: 10 });
    await expect(down.tenant.get()).rejects.toBeInstanceOf(DocsiftNetworkError);
  });

  it('retries 429 and 503 after Retry-After with the same Idempotency-Key, and the server creates once', async () => {
    const seen: Array<{ key: string | null; at: number }> = [];
    let refusals = 2;
    const flaky: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ key: headers.get('idempotency-key'), at: Date.now() });
      if (refusals-- > 0) {
        const status = refusals === 1 ? 429 : 503;
        const code = status === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE';
        return new Response(JSON.stringify({ error: { code, message: 'try later' } }), { status, headers: { 'retry-after': '1', 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const retries: number[] = [];
    const c = new DocsiftClient({ baseUrl, apiKey: t.apiKey, fetch: flaky, onRetry: (r) => retries.push(r.delayMs) });
    const created = await c.extractions.create({ files: [{ data: Buffer.from(INVOICE_TEXT), filename: 'retry.txt' }] });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    expect(seen[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(retries).toEqual([1000, 1000]);
    expect(seen[2].at - seen[0].at).toBeGreaterThanOrEqual(1900);

    // The same key again (a retry after a lost answer) gets the same extraction back, not a second one.
    const key = seen[0].key!;
    const again = await client().extractions.create({ files: [{ data: Buffer.from(INVOICE_TEXT), filename: 'retry.txt' }] }, { idempotencyKey: key });
    expect(again.extraction_id).toBe(created.extraction_id);
    // Each call without an explicit key gets its own.
    const other = await client().extractions.create({ text: INVOICE_TEXT });
    expect(other.extraction_id).not.toBe(created.extraction_id);
    // Past maxRetries the error surfaces with its Retry-After.
    const always429: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down' } }), { status: 429, headers: { 'retry-after': '0' } });
    const err = await new DocsiftClient({ baseUrl, apiKey: 'k', fetch: always429, maxRetries: 2 }).tenant.get().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfter: 0 });
  });

  it('verifies signed webhook deliveries, refusing a stale timestamp or another secret', async () => {
    const bodies: Array<{ raw: Buffer; signature: string | undefined }> = [];
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ raw: Buffer.concat(chunks), signature: req.headers['x-docsift-signature'] as string | undefined });
        res.end('ok');
      });
    });
    const url = await listen(receiver);
    try {
      const c = client();
      const hook = await c.webhooks.create({ url: `${url}/hooks`, events: ['extraction.completed'] });
      await c.extractions.createAndPoll({ text: INVOICE_TEXT }, { intervalMs: 100 });
      for (let i = 0; i < 100 && bodies.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(bodies.length).toBeGreaterThan(0);
      const { raw, signature } = bodies[0];
      expect(verifyWebhookSignature({ header: signature, body: raw, secret: hook.secret })).toMatchObject({ ok: true });
      const event = constructWebhookEvent<{ type?: string; event?: string }>({ header: signature, body: raw, secret: hook.secret });
      expect(JSON.stringify(event)).toContain('extraction.completed');
      expect(verifyWebhookSignature({ header: signature, body: raw, secret: 'whsec_other' })).toEqual({ ok: false, reason: 'signature_mismatch' });
      expect(verifyWebhookSignature({ header: signature, body: Buffer.concat([raw, Buffer.from(' ')]), secret: hook.secret })).toMatchObject({ ok: false });
      const t0 = Number(/t=(\d+)/.exec(signature!)![1]);
      expect(verifyWebhookSignature({ header: signature, body: raw, secret: hook.secret, now: t0 + 301 })).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
      expect(verifyWebhookSignature({ header: signature, body: raw, secret: hook.secret, now: t0 + 301, toleranceSeconds: 600 })).toMatchObject({ ok: true });
      expect(verifyWebhookSignature({ header: undefined, body: raw, secret: hook.secret })).toEqual({ ok: false, reason: 'missing_header' });
      expect(verifyWebhookSignature({ header: 't=abc', body: raw, secret: hook.secret })).toEqual({ ok: false, reason: 'malformed_header' });
      // During a rotation either secret passes; the helper signs as the server does.
      const own = signWebhookPayload('whsec_new', '{"a":1}');
      expect(verifyWebhookSignature({ header: own, body: '{"a":1}', secret: ['whsec_old', 'whsec_new'] })).toMatchObject({ ok: true });
    } finally {
      receiver.close();
    }
  });

  it('builds and runs as plain JavaScript with declarations (npm pack contents)', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-client-build-'));
    // Asynchronous children: this process serves the API the built client calls.
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const run = promisify(execFile);
    const root = path.resolve(import.meta.dirname, '..');
    await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'packages/client/tsconfig.build.json', '--outDir', out], { cwd: root });
    expect(fs.existsSync(path.join(out, 'index.d.ts'))).toBe(true);
    const script = `import('${path.join(out, 'index.js')}').then(async (m) => { const c = new m.DocsiftClient({ baseUrl: '${baseUrl}', apiKey: '${t.apiKey}' }); console.log((await c.tenant.get()).tenant_id); })`;
    const { stdout } = await run(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(stdout.trim()).toBe(t.tenantId);
    fs.rmSync(out, { recursive: true, force: true });
  });
});
