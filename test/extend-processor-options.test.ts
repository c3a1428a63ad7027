import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtendClient, ExtendError } from 'extend-ai';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';

/**
 * Extend's processor settings (baseProcessor, baseVersion, advancedOptions, parseConfig) through the
 * official SDK on a real server: stored as given on extractors, frozen with their versions, echoed on
 * runs, and advancedOptions.pageRanges really selecting the pages a run reads.
 */

let t: TestApp;
let client: ExtendClient;
let twoInvoices: Buffer;

const SCHEMA = {
  type: 'object',
  properties: { invoice_number: { type: ['string', 'null'] } },
  required: ['invoice_number'],
  additionalProperties: false,
};

const ADVANCED = {
  citationsEnabled: false,
  citationMode: 'line',
  arrayStrategy: { type: 'large_array_heuristics' },
  pageRanges: [{ start: 2, end: 2 }],
  reviewAgent: { enabled: true },
};
const PARSE = { target: 'markdown', engine: 'parse_performance', blockOptions: { tables: { enabled: true, targetFormat: 'html' } } };

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  client = new ExtendClient({ token: t.apiKey, baseUrl: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}` });
  twoInvoices = await makePdf([sampleInvoiceLines(1111), sampleInvoiceLines(2222)]);
});

afterAll(async () => {
  await t?.close();
});

async function upload(): Promise<string> {
  return (await client.files.upload(new Blob([twoInvoices], { type: 'application/pdf' }) as never, {})).id;
}

const poll = { initialDelayMs: 100, maxDelayMs: 500, maxWaitMs: 60_000 } as never;

describe('processor settings', () => {
  it('are stored as given on an extractor, merged on update, frozen with a version', async () => {
    const created = await client.extractors.create({
      name: 'Settings',
      config: { baseProcessor: 'extraction_light', baseVersion: '3.2.0', schema: SCHEMA, advancedOptions: ADVANCED as never, parseConfig: PARSE as never },
    });
    expect(created.draftVersion.config).toEqual({ baseProcessor: 'extraction_light', baseVersion: '3.2.0', schema: SCHEMA, advancedOptions: ADVANCED, parseConfig: PARSE });

    // Only advancedOptions given: it replaces the draft's, the rest stays.
    const updated = await client.extractors.update(created.id, { config: { advancedOptions: { citationsEnabled: true } } as never });
    expect(updated.draftVersion.config).toMatchObject({ baseProcessor: 'extraction_light', baseVersion: '3.2.0', advancedOptions: { citationsEnabled: true }, parseConfig: PARSE });

    const v1 = await client.extractorVersions.create(created.id, { releaseType: 'major', config: { advancedOptions: ADVANCED } as never });
    expect(v1.config).toMatchObject({ baseProcessor: 'extraction_light', advancedOptions: ADVANCED, parseConfig: PARSE });
    await client.extractors.update(created.id, { config: { baseProcessor: 'extraction_performance' } as never });
    // The published version keeps what it froze; the draft moved on.
    expect((await client.extractorVersions.retrieve(created.id, '1.0')).config).toMatchObject({ baseProcessor: 'extraction_light' });
    expect((await client.extractors.retrieve(created.id)).draftVersion.config).toMatchObject({ baseProcessor: 'extraction_performance' });
  });

  it('a run echoes its config and reads only advancedOptions.pageRanges', async () => {
    const extractor = await client.extractors.create({ name: 'Page two', config: { schema: SCHEMA, advancedOptions: ADVANCED as never, parseConfig: PARSE as never } });
    const run = await client.extractRuns.createAndPoll({ extractor: { id: extractor.id }, file: { id: await upload() } }, poll);
    expect(run.status).toBe('PROCESSED');
    expect(run.config).toMatchObject({ advancedOptions: ADVANCED, parseConfig: PARSE });
    expect((run.output as { value: Record<string, unknown> }).value.invoice_number).toBe('INV-2222');
    expect(run.usage).toMatchObject({ credits: 1 });
    // citationsEnabled: false leaves citations out; the confidence stays.
    const fieldMeta = (run.output as unknown as { metadata: Record<string, Record<string, unknown>> }).metadata.invoice_number;
    expect(fieldMeta).toEqual({ logprobsConfidence: expect.any(Number) });

    // An override replaces only the settings it gives: page 1 now, the parse config kept.
    const first = await client.extractRuns.createAndPoll(
      { extractor: { id: extractor.id, overrideConfig: { baseProcessor: 'extraction_light', advancedOptions: { pageRanges: [{ start: 1, end: 1 }] } } as never }, file: { id: await upload() } },
      poll,
    );
    expect(first.config).toMatchObject({ baseProcessor: 'extraction_light', advancedOptions: { pageRanges: [{ start: 1, end: 1 }] }, parseConfig: PARSE });
    expect((first.output as { value: Record<string, unknown> }).value.invoice_number).toBe('INV-1111');
    // Its advancedOptions replaced the extractor's, citationsEnabled: false among them: citations are back.
    const citations = (first.output as unknown as { metadata: Record<string, { citations?: Array<{ referenceText: string }> }> }).metadata.invoice_number.citations;
    expect(citations?.[0]?.referenceText).toContain('INV-1111');
  });

  it('an inline config is echoed as given', async () => {
    const run = await client.extractRuns.createAndPoll(
      { config: { baseProcessor: 'extraction_light', baseVersion: '3.2.0', schema: SCHEMA, parseConfig: PARSE as never }, file: { text: 'Invoice number: INV-5' } },
      poll,
    );
    expect(run.config).toEqual({ baseProcessor: 'extraction_light', baseVersion: '3.2.0', schema: SCHEMA, advancedOptions: { citationsEnabled: true }, parseConfig: PARSE });
    const summary = (await client.extractRuns.retrieve(run.id)).config;
    expect(summary).toEqual(run.config);
  });

  it('neither extractor nor config: the document is classified and its built-in model\'s fields returned', async () => {
    const run = await client.extractRuns.createAndPoll({ file: { id: await upload() } }, poll);
    expect(run.status).toBe('PROCESSED');
    expect(run.extractor).toBeNull();
    const value = (run.output as { value: Record<string, unknown> }).value;
    expect(value.invoice_number).toBe('INV-1111');
    expect(Object.keys(value).length).toBeGreaterThan(3);
    expect(run.config).toMatchObject({ baseProcessor: 'extraction_performance', schema: { type: 'object', properties: {} } });

    // A config with settings but no schema also infers, and echoes the settings.
    const ruled = await client.extractRuns.createAndPoll(
      { config: { extractionRules: 'Invoices only.', advancedOptions: { pageRanges: [{ start: 2, end: 2 }] } } as never, file: { id: await upload() } },
      poll,
    );
    expect(ruled.config).toMatchObject({ extractionRules: 'Invoices only.', advancedOptions: { pageRanges: [{ start: 2, end: 2 }] } });
    expect((ruled.output as { value: Record<string, unknown> }).value.invoice_number).toBe('INV-2222');
  });

  it('package (multi-file) runs and generated schemas are a documented 400 in Extend shape, creating nothing', async () => {
    const before = (await client.extractors.list({ maxPageSize: 100 })).data.length;
    const runsBefore = (await client.extractRuns.list({ maxPageSize: 100 })).data.length;
    // Thunks: a request started before the previous one is awaited would reject unhandled.
    const attempts: Array<[() => Promise<unknown>, string]> = [
      [() => client.extractRuns.create({ package: { files: [{ file: { text: 'a' } }, { file: { text: 'b' } }] } } as never), 'Multi-file packages are not supported'],
      [() => client.extractors.create({ name: 'Generated', generate: { files: [{ text: 'Invoice INV-1' }] } } as never), 'Generating a schema from files is not supported'],
    ];
    for (const [attempt, message] of attempts) {
      try {
        await attempt();
        throw new Error('expected a 400');
      } catch (err) {
        expect(err).toBeInstanceOf(ExtendError);
        expect((err as ExtendError).statusCode).toBe(400);
        expect((err as ExtendError).body).toMatchObject({ code: 'INVALID_REQUEST', retryable: false, message: expect.stringContaining(message) });
      }
    }
    expect((await client.extractors.list({ maxPageSize: 100 })).data.length).toBe(before);
    expect((await client.extractRuns.list({ maxPageSize: 100 })).data.length).toBe(runsBefore);
  });

  it('malformed settings are a 400 in Extend shape naming the path', async () => {
    const cases: Array<[unknown, string]> = [
      [{ schema: SCHEMA, baseProcessor: 'nope' }, 'config.baseProcessor'],
      [{ schema: SCHEMA, advancedOptions: { pageRanges: [{ start: 3, end: 1 }] } }, 'config.advancedOptions.pageRanges'],
      [{ schema: SCHEMA, parseConfig: 'markdown' }, 'config.parseConfig'],
    ];
    for (const [config, path] of cases) {
      try {
        await client.extractors.create({ name: 'Bad', config: config as never });
        throw new Error('expected a 400');
      } catch (err) {
        expect(err).toBeInstanceOf(ExtendError);
        expect((err as ExtendError).statusCode).toBe(400);
        expect((err as ExtendError).body).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining(path) });
      }
    }
  });
});
