import http from 'node:http';
import { fromExtendId } from '../src/surfaces/extend/extend-ids.js';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtendClient, ExtendError, Webhooks } from 'extend-ai';
import { listenOnLoopback, startRecordingReceiver } from './helpers/recording-receiver.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';

/**
 * The official `extend-ai` SDK (1.17.0) pointed at a real docsift server on 127.0.0.1: every call
 * here is the SDK's own request (paths, bodies, headers, retries) and its own response parsing.
 */

let t: TestApp;
let client: ExtendClient;
let baseUrl: string;
let fileServer: http.Server;
let fileBase: string;
let receiver: Awaited<ReturnType<typeof startRecordingReceiver>> | undefined;
let receiverUrl: string;

const INVOICE_SCHEMA = {
  type: 'object',
  properties: {
    invoice_number: { type: ['string', 'null'], description: 'The invoice number' },
    total_amount: { type: ['number', 'null'], description: 'The invoice total' },
    currency: { type: ['string', 'null'], enum: ['GBP', 'EUR', 'USD', null], 'extend:type': 'currency' },
  },
  required: ['invoice_number', 'total_amount', 'currency'],
  additionalProperties: false,
};

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  client = new ExtendClient({ token: t.apiKey, baseUrl });

  const pdf = await makePdf([sampleInvoiceLines(1042)]);
  fileServer = http.createServer((req, res) => {
    if (req.url === '/invoice.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    } else if (req.url === '/moved') {
      res.writeHead(302, { location: '/invoice.pdf' }).end();
    } else {
      res.writeHead(404).end('not found');
    }
  });
  fileBase = await listenOnLoopback(fileServer);

  receiver = await startRecordingReceiver();
  receiverUrl = receiver.url;
});

afterAll(async () => {
  await t?.close();
  await new Promise((r) => fileServer?.close(r));
  await receiver?.close();
});

async function expectExtendError(promise: Promise<unknown>, status: number, code: string): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ExtendError);
    const e = err as ExtendError;
    expect(e.statusCode).toBe(status);
    const body = e.body as Record<string, unknown>;
    expect(body).toMatchObject({ code, retryable: false });
    expect(typeof body.message).toBe('string');
    expect(typeof body.requestId).toBe('string');
    return body;
  }
  throw new Error('expected the SDK call to fail');
}

describe('extractors and versions', () => {
  let extractorId: string;

  it('creates, gets, updates (a POST) and lists extractors', async () => {
    const created = await client.extractors.create({ name: 'Invoice Extractor', config: { schema: INVOICE_SCHEMA, extractionRules: 'Amounts are numbers.' } });
    expect(created).toMatchObject({ object: 'extractor', name: 'Invoice Extractor' });
    expect(created.draftVersion).toMatchObject({ object: 'extractor_version', version: 'draft', extractorId: created.id });
    expect(created.draftVersion.config).toMatchObject({ schema: INVOICE_SCHEMA, extractionRules: 'Amounts are numbers.' });
    extractorId = created.id;

    const got = await client.extractors.retrieve(extractorId);
    expect(got.id).toBe(extractorId);

    const updated = await client.extractors.update(extractorId, { name: 'Invoices v2' });
    expect(updated.name).toBe('Invoices v2');
    expect(updated.draftVersion.config).toMatchObject({ schema: INVOICE_SCHEMA });

    // The same object on the native surface.
    const native = await t.app.inject({ method: 'GET', url: `/v1/parsers/${fromExtendId(extractorId)}`, headers: { 'x-api-key': t.apiKey } });
    expect(native.statusCode).toBe(200);
    expect(native.json().parser.name).toBe('Invoices v2');

    await client.extractors.create({ name: 'Second' });
    await client.extractors.create({ name: 'Third', cloneExtractorId: extractorId });
    const first = await client.extractors.list({ maxPageSize: 2 });
    expect(first.object).toBe('list');
    expect(first.data).toHaveLength(2);
    expect(first.nextPageToken).toBeTruthy();
    const second = await client.extractors.list({ maxPageSize: 2, nextPageToken: first.nextPageToken });
    expect(second.data.length).toBeGreaterThanOrEqual(1);
    const ids = [...first.data, ...second.data].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(extractorId);
    // Oldest first with sortDir asc; by updatedAt the renamed first extractor is among the newest.
    expect((await client.extractors.list({ sortDir: 'asc', maxPageSize: 1 })).data[0].id).toBe(extractorId);
    await client.extractors.update(extractorId, { name: 'Invoices v2' });
    expect((await client.extractors.list({ sortBy: 'updatedAt', sortDir: 'desc', maxPageSize: 1 })).data[0].id).toBe(extractorId);
    await expectExtendError(client.extractors.list({ sortBy: 'name' as never }), 400, 'INVALID_REQUEST');
  });

  it('publishes major and minor versions and reads them back', async () => {
    const v1 = await client.extractorVersions.create(extractorId, { releaseType: 'major', description: 'First release' });
    expect(v1).toMatchObject({ object: 'extractor_version', version: '1.0', description: 'First release', extractorId });
    const v11 = await client.extractorVersions.create(extractorId, {
      releaseType: 'minor',
      config: { schema: { ...INVOICE_SCHEMA, properties: { ...INVOICE_SCHEMA.properties, due_date: { type: ['string', 'null'], format: 'date' } } } },
    });
    expect(v11.version).toBe('1.1');
    expect(Object.keys((v11.config as { schema: { properties: object } }).schema.properties)).toContain('due_date');
    const v2 = await client.extractorVersions.create(extractorId, { releaseType: 'major' });
    expect(v2.version).toBe('2.0');

    const list = await client.extractorVersions.list(extractorId, { maxPageSize: 2 });
    expect(list.data.map((v) => v.version)).toEqual(['2.0', '1.1']);
    expect((await client.extractorVersions.list(extractorId, { sortDir: 'asc' })).data.map((v) => v.version)).toEqual(['1.0', '1.1', '2.0']);
    const rest = await client.extractorVersions.list(extractorId, { maxPageSize: 2, nextPageToken: list.nextPageToken });
    expect(rest.data.map((v) => v.version)).toEqual(['1.0']);
    expect(rest.nextPageToken).toBeUndefined();

    expect((await client.extractorVersions.retrieve(extractorId, v1.id)).version).toBe('1.0');
    expect((await client.extractorVersions.retrieve(extractorId, '1.1')).id).toBe(v11.id);
    expect((await client.extractorVersions.retrieve(extractorId, 'draft')).version).toBe('draft');
    await expectExtendError(client.extractorVersions.retrieve(extractorId, '9.9'), 404, 'NOT_FOUND');
    await expectExtendError(client.extractorVersions.create(extractorId, { releaseType: 'patch' as 'major' }), 400, 'INVALID_REQUEST');
  });

  describe('extract runs', () => {
    it('createAndPoll: file by URL with an extractor reference, pinned version, priority and usage tags', async () => {
      const run = await client.extractRuns.createAndPoll(
        {
          extractor: { id: extractorId, version: '1.0' },
          file: { url: `${fileBase}/invoice.pdf` },
          priority: 10,
          metadata: { customer: 'acme', 'extend:usage_tags': ['production', 'team-eng'] },
        },
        { initialDelayMs: 100, maxDelayMs: 500, maxWaitMs: 60_000 } as never,
      );
      expect(run).toMatchObject({ object: 'extract_run', status: 'PROCESSED', failureReason: null, reviewed: false, edited: false });
      expect(run.metadata).toEqual({ customer: 'acme', 'extend:usage_tags': ['production', 'team-eng'] });
      expect(run.extractor).toMatchObject({ object: 'extractor', id: extractorId });
      expect(run.extractorVersion).toMatchObject({ object: 'extractor_version', version: '1.0' });
      expect(run.file).toMatchObject({ object: 'file', name: 'invoice.pdf', type: 'PDF', metadata: { pageCount: 1 } });
      const output = run.output as { value: Record<string, unknown>; metadata: Record<string, { citations?: unknown[]; logprobsConfidence?: number }> };
      expect(Object.keys(output.value)).toEqual(['invoice_number', 'total_amount', 'currency']);
      expect(output.value.invoice_number).toBe('INV-1042');
      expect(output.value.total_amount).toBe(240);
      expect(output.metadata.invoice_number.logprobsConfidence).toBeGreaterThan(0);
      expect(output.metadata.invoice_number.citations?.[0]).toMatchObject({ page: { number: 1 }, referenceText: expect.stringContaining('INV-1042') });
      expect(run.usage).toMatchObject({ credits: 1, totalCredits: 1 });
      expect(run.config).toMatchObject({ schema: INVOICE_SCHEMA });

      // One object, two surfaces: the run is the native extraction with the same id.
      // Extend shows it under its own prefixes (ext_X is exr_X, prs_X is ex_X).
      const native = await t.app.inject({ method: 'GET', url: `/v1/extractions/${fromExtendId(run.id)}`, headers: { 'x-api-key': t.apiKey } });
      expect(native.json().extraction).toMatchObject({ extraction_id: fromExtendId(run.id), status: 'completed', parser_id: fromExtendId(extractorId), priority: 10 });
    });

    it('creates a run from raw text with an inline JSON Schema config and follows redirects for URLs', async () => {
      const created = await client.extractRuns.create({
        config: { schema: { type: 'object', properties: { invoice_number: { type: ['string', 'null'] } } } },
        file: { text: 'Invoice number: INV-77\nTotal: EUR 12.00', name: 'note.txt' },
      });
      expect(['PENDING', 'PROCESSING', 'PROCESSED']).toContain(created.status);
      expect(created.extractor).toBeNull();
      expect(created.file?.name).toBe('note.txt');
      const redirected = await client.extractRuns.create({ config: { schema: INVOICE_SCHEMA }, file: { url: `${fileBase}/moved` } });
      expect(redirected.file?.type).toBe('PDF');
    });

    it('runs an uploaded file by id (files.upload)', async () => {
      const uploaded = await client.files.upload(new Blob([await makePdf([sampleInvoiceLines(2001)])], { type: 'application/pdf' }) as never, {});
      expect(uploaded).toMatchObject({ object: 'file', type: 'PDF' });
      const got = await client.files.retrieve(uploaded.id);
      expect(got.id).toBe(uploaded.id);
      const run = await client.extractRuns.createAndPoll({ extractor: { id: extractorId }, file: { id: uploaded.id } }, {
        initialDelayMs: 100,
        maxDelayMs: 500,
      } as never);
      expect(run.status).toBe('PROCESSED');
      expect(run.file?.id).toBe(uploaded.id);
      // Latest published version: 2.0.
      expect(run.extractorVersion?.version).toBe('2.0');
      expect((run.output as { value: Record<string, unknown> }).value.invoice_number).toBe('INV-2001');
      // Once parsed by a run, the file's (deprecated) contents are served when asked for.
      const parsed = await client.files.retrieve(uploaded.id, { rawText: true, markdown: true });
      expect(parsed.contents?.rawText).toContain('Invoice number: INV-2001');
      expect(parsed.contents?.rawText).not.toContain('<!-- page');
      expect(parsed.contents?.pages).toEqual([{ pageNumber: 1, markdown: expect.stringContaining('INV-2001') }]);
      expect((await client.files.retrieve(uploaded.id, { rawText: true })).contents?.pages?.[0]).toEqual({ pageNumber: 1 });
      expect((await client.files.retrieve(uploaded.id)).contents).toBeNull();
    });

    it('extract (sync): answers the finished run, typed by the schema', async () => {
      const run = await client.extract({ config: { schema: INVOICE_SCHEMA }, file: { url: `${fileBase}/invoice.pdf` } });
      expect(run.status).toBe('PROCESSED');
      expect((run.output as { value: Record<string, unknown> }).value).toMatchObject({ invoice_number: 'INV-1042', total_amount: 240 });
      await client.extractRuns.delete(run.id);
    });

    it('lists runs with nextPageToken paging and filters', async () => {
      const first = await client.extractRuns.list({ maxPageSize: 2 });
      expect(first.object).toBe('list');
      expect(first.data).toHaveLength(2);
      expect(first.data[0]).not.toHaveProperty('output');
      const all = [...first.data];
      let token = first.nextPageToken;
      while (token) {
        const page = await client.extractRuns.list({ maxPageSize: 2, nextPageToken: token });
        all.push(...page.data);
        token = page.nextPageToken;
      }
      expect(all.length).toBe(4);
      expect(new Set(all.map((r) => r.id)).size).toBe(4);
      const byExtractor = await client.extractRuns.list({ extractorId });
      expect(byExtractor.data.every((r) => r.extractor?.id === extractorId)).toBe(true);
      expect(byExtractor.data).toHaveLength(2);
      const processed = await client.extractRuns.list({ status: 'PROCESSED' });
      expect(processed.data.every((r) => r.status === 'PROCESSED')).toBe(true);
    });

    it('cancels a run in progress, refuses to cancel a finished one, and deletes runs', async () => {
      await t.core.queue.stop({ graceMs: 1000 });
      try {
        const run = await client.extractRuns.create({ extractor: { id: extractorId }, file: { text: 'Invoice number: INV-9' } });
        expect(run.status).toBe('PENDING');
        const cancelled = await client.extractRuns.cancel(run.id);
        expect(cancelled.status).toBe('CANCELLED');
        await expectExtendError(client.extractRuns.cancel(run.id), 400, 'INVALID_REQUEST');
        expect(await client.extractRuns.delete(run.id)).toEqual({ id: run.id });
        await expectExtendError(client.extractRuns.retrieve(run.id), 404, 'NOT_FOUND');
      } finally {
        t.core.queue.start();
      }
    });

    it('answers errors in Extend shape and leaves no run behind on a refused create', async () => {
      const before = (await client.extractRuns.list({ maxPageSize: 100 })).data.length;
      await expectExtendError(client.extractRuns.create({ extractor: { id: 'prs_doesnotexist' }, file: { url: `${fileBase}/invoice.pdf` } }), 404, 'NOT_FOUND');
      await expectExtendError(client.extractRuns.create({ extractor: { id: extractorId }, file: { url: `${fileBase}/missing.pdf` } }), 400, 'INVALID_REQUEST');
      await expectExtendError(client.extractRuns.create({ file: { text: 'x' }, package: { files: [] } } as never), 400, 'INVALID_REQUEST');
      await expectExtendError(client.extractRuns.create({ config: { schema: { type: 'string' } }, file: { text: 'x' } }), 400, 'INVALID_REQUEST');
      await expectExtendError(client.extractRuns.create({ extractor: { id: extractorId }, file: { text: 'x' }, priority: 0 }), 400, 'INVALID_REQUEST');
      await expectExtendError(client.extractRuns.retrieve('ext_doesnotexist'), 404, 'NOT_FOUND');
      expect((await client.extractRuns.list({ maxPageSize: 100 })).data.length).toBe(before);

      const bad = new ExtendClient({ token: 'dsk_wrong', baseUrl });
      await expectExtendError(bad.extractRuns.list(), 401, 'UNAUTHORIZED');
    });
  });

  describe('webhook endpoints', () => {
    it('creates (secret shown once), retrieves, updates, lists and deletes; signed extract_run events verify with the SDK', async () => {
      const created = await client.webhookEndpoints.create({
        url: `${receiverUrl}/extend`,
        name: 'Receiver',
        enabledEvents: ['extract_run.processed', 'extract_run.failed'],
        apiVersion: '2026-02-09',
      });
      expect(created).toMatchObject({ object: 'webhook_endpoint', status: 'enabled', enabledEvents: ['extract_run.processed', 'extract_run.failed'] });
      expect(created.signingSecret).toMatch(/\S{20,}/);
      const got = await client.webhookEndpoints.retrieve(created.id);
      expect(got).not.toHaveProperty('signingSecret');
      const updated = await client.webhookEndpoints.update(created.id, { name: 'Renamed' });
      expect(updated.name).toBe('Renamed');
      expect((await client.webhookEndpoints.list()).data.map((e) => e.id)).toContain(created.id);
      // The status filter is applied before paging: one disabled endpoint, found on the first page of one.
      const off = await client.webhookEndpoints.create({ url: `${receiverUrl}/off`, name: 'Off', enabledEvents: ['extract_run.failed'], apiVersion: '2026-02-09', status: 'disabled' } as never);
      const disabled = await client.webhookEndpoints.list({ status: 'disabled', maxPageSize: 1 });
      expect(disabled.data.map((e) => e.id)).toEqual([off.id]);
      expect(disabled.nextPageToken).toBeUndefined();
      const enabled = await client.webhookEndpoints.list({ status: 'enabled', maxPageSize: 1 });
      expect(enabled.data.map((e) => e.id)).toEqual([created.id]);
      await client.webhookEndpoints.delete(off.id);
      await expectExtendError(client.webhookEndpoints.create({ url: `${receiverUrl}/x`, name: 'x', enabledEvents: ['nope'], apiVersion: '2026-02-09' }), 400, 'INVALID_REQUEST');

      const run = await client.extractRuns.createAndPoll({ extractor: { id: extractorId }, file: { url: `${fileBase}/invoice.pdf` } }, {
        initialDelayMs: 100,
        maxDelayMs: 500,
      } as never);
      expect(run.status).toBe('PROCESSED');
      const deadline = Date.now() + 15_000;
      while (!receiver!.received.some((r) => r.body.includes(run.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const delivery = receiver!.received.find((r) => r.body.includes(run.id));
      expect(delivery, 'the webhook arrived').toBeDefined();
      const event = new Webhooks().verifyAndParse(delivery!.body, delivery!.headers as Record<string, string>, created.signingSecret) as unknown as {
        eventType: string;
        payload: { id: string; status: string };
      };
      expect(event.eventType).toBe('extract_run.processed');
      expect(event.payload).toMatchObject({ id: run.id, status: 'PROCESSED' });
      expect(() => new Webhooks().verifyAndParse(delivery!.body, delivery!.headers as Record<string, string>, 'whsec_wrong')).toThrow();

      expect(await client.webhookEndpoints.delete(created.id)).toEqual({ id: created.id });
      await expectExtendError(client.webhookEndpoints.retrieve(created.id), 404, 'NOT_FOUND');
    });
  });
});

describe('files', () => {
  it('uploads, lists with paging, retrieves and deletes files', async () => {
    const a = await client.files.upload(new Blob(['Invoice INV-1 total 10.00\n'], { type: 'text/plain' }) as never, {});
    expect(a).toMatchObject({ object: 'file', type: 'TXT', contents: null });
    // Never parsed: no contents even when asked for.
    expect((await client.files.retrieve(a.id, { rawText: true })).contents).toBeNull();
    const list = await client.files.list({ maxPageSize: 1 });
    expect(list.data).toHaveLength(1);
    expect(list.nextPageToken).toBeTruthy();
    expect(await client.files.delete(a.id)).toEqual({ id: a.id });
    await expectExtendError(client.files.retrieve(a.id), 404, 'NOT_FOUND');
  });

  it('filters by nameContains and orders by sortDir', async () => {
    const alpha = await client.files.upload(new File(['Invoice INV-2 total 20.00\n'], 'Alpha-Invoice.txt', { type: 'text/plain' }), {});
    const beta = await client.files.upload(new File(['Invoice INV-3 total 30.00\n'], 'beta.txt', { type: 'text/plain' }), {});
    expect(alpha.name).toBe('Alpha-Invoice.txt');
    const named = await client.files.list({ nameContains: 'alpha-inv' });
    expect(named.data.map((f) => f.id)).toEqual([alpha.id]);
    const desc = (await client.files.list({ maxPageSize: 100 })).data.map((f) => f.id);
    const asc = (await client.files.list({ maxPageSize: 100, sortDir: 'asc' })).data.map((f) => f.id);
    expect(desc.indexOf(beta.id)).toBeLessThan(desc.indexOf(alpha.id));
    expect(asc).toEqual([...desc].reverse());
  });
});
