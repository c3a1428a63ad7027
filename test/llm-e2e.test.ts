import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { loadLlmFixture, type ReplayServer, startReplayServer } from './helpers/llm-replay-server.js';
import { waitForExtraction } from './helpers/poll.js';

const INVOICE = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'llm', 'invoice.txt'), 'utf8');

describe('LLM extraction through the app (OpenAI-compatible server replayed on 127.0.0.1)', () => {
  let t: TestApp;
  let llm: ReplayServer;
  const auth = () => ({ 'x-api-key': t.apiKey });

  beforeAll(async () => {
    llm = await startReplayServer(loadLlmFixture('e2e-hybrid-invoice'));
    t = await createTestApp({
      env: {
        DOCSIFT_LLM_BASE_URL: `${llm.url}/v1`,
        DOCSIFT_LLM_MODEL: 'qwen2.5-7b-instruct',
        DOCSIFT_LLM_API_KEY: 'sk-local-test',
        DOCSIFT_LLM_BACKOFF_MS: '5',
        DOCSIFT_LLM_COST_PER_1K_INPUT: '0.15',
        DOCSIFT_LLM_COST_PER_1K_OUTPUT: '0.6',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  async function extract(payload: Record<string, unknown>) {
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload });
    expect(res.statusCode, res.body).toBe(202);
    const extraction = res.json().extraction;
    const done = await waitForExtraction(t.app, t.apiKey, extraction.extraction_id);
    expect(done.status).toBe('completed');
    const documentId = extraction.documents[0].document_id as string;
    const doc = await t.app.inject({ method: 'GET', url: `/v1/extractions/${extraction.extraction_id}/documents/${documentId}`, headers: auth() });
    return { documentId, document: doc.json().document as Record<string, any>, extraction: done };
  }

  it('hybrid: the engine reads what it can, the LLM fills the rest with citations, and an invented value is flagged', async () => {
    const parser = await t.app.inject({
      method: 'POST',
      url: '/v1/parsers',
      headers: auth(),
      payload: {
        name: 'Invoice with terms',
        description: 'x',
        fields: [
          { name: 'invoice_number', type: 'String', description: 'the invoice number' },
          { name: 'total', type: 'Number', description: 'the invoice total' },
          { name: 'delivery_terms', type: 'String', description: 'the Incoterms delivery terms, e.g. FCA Berlin' },
          { name: 'project_code', type: 'String', description: "the customer's project code" },
        ],
      },
    });
    expect(parser.statusCode, parser.body).toBe(201);
    const { documentId, document, extraction } = await extract({ text: INVOICE, parser_id: parser.json().parser.parser_id, extraction_mode: 'hybrid' });
    expect(extraction.extraction_mode).toBe('hybrid');

    // One request, for the two fields the engine could not read.
    expect(llm.requests).toHaveLength(1);
    const sent = llm.requests[0];
    expect(sent.headers.authorization).toBe('Bearer sk-local-test');
    const schema = (sent.body.response_format as { json_schema: { schema: { properties: Record<string, { description?: string }> } } }).json_schema.schema;
    expect(Object.keys(schema.properties).sort()).toEqual(['delivery_terms', 'project_code']);
    expect(schema.properties.delivery_terms.description).toContain('Incoterms');

    expect(document.fields.invoice_number).toMatchObject({ value: 'INV-2041', source: 'page' });
    expect(document.fields.total).toMatchObject({ value: 41.65, source: 'page' });
    expect(document.fields.delivery_terms).toMatchObject({ value: 'FCA Berlin', source: 'llm', confidence: 0.85 });
    expect(document.fields.delivery_terms.citations).toEqual([
      { page: 1, bbox: expect.any(Array), text: 'Shipped FCA Berlin, goods remain our property until paid in full.' },
    ]);
    expect(document.fields.project_code).toMatchObject({ value: 'PRJ-7781', source: 'llm', confidence: 0.3, citations: [] });
    expect(document.warnings).toContainEqual({ code: 'LLM_VALUE_UNGROUNDED', message: 'project_code: "PRJ-7781" from the LLM was not found in the document; it may be invented' });

    const records = (await t.app.inject({ method: 'GET', url: '/v1/usage/records', headers: auth() })).json().usage_records as Record<string, any>[];
    const record = records.find((r) => r.document_id === documentId);
    expect(record).toMatchObject({ engine: 'hybrid:openai:qwen2.5-7b-instruct', llm_input_tokens: 1200, llm_output_tokens: 40 });
    // 1.2K input tokens at 0.15 + 0.04K output tokens at 0.6.
    expect(record!.llm_cost).toBeCloseTo(0.18 + 0.024, 6);
    const summary = (await t.app.inject({ method: 'GET', url: '/v1/usage', headers: auth() })).json();
    expect(summary.usage.totals).toMatchObject({ llm_input_tokens: 1200, llm_output_tokens: 40, llm_cost: 0.204 });
  });

  it('the local engine stays the default: no extraction_mode, no LLM call', async () => {
    const before = llm.requests.length;
    const { documentId, document } = await extract({ text: INVOICE });
    expect(llm.requests.length).toBe(before);
    expect(document.fields.invoice_number.source).toBe('page');
    expect(document.warnings.filter((w: { code: string }) => w.code.startsWith('LLM_'))).toEqual([]);
    const records = (await t.app.inject({ method: 'GET', url: '/v1/usage/records', headers: auth() })).json().usage_records as Record<string, any>[];
    expect(records.find((r) => r.document_id === documentId)).toMatchObject({ engine: 'local', llm_input_tokens: null, llm_cost: null });
  });

  it("a parser's extraction_mode applies to its runs, and an extraction's own mode overrides it", async () => {
    const parser = await t.app.inject({
      method: 'POST',
      url: '/v1/parsers',
      headers: auth(),
      payload: { name: 'Hybrid terms', extraction_mode: 'hybrid', fields: [{ name: 'delivery_terms', type: 'String', description: 'the Incoterms delivery terms' }] },
    });
    expect(parser.statusCode, parser.body).toBe(201);
    expect(parser.json().parser.extraction_mode).toBe('hybrid');
    const parserId = parser.json().parser.parser_id as string;
    llm.enqueue(loadLlmFixture('e2e-hybrid-invoice'));
    const before = llm.requests.length;
    const viaParser = await extract({ text: INVOICE, parser_id: parserId });
    expect(llm.requests.length).toBe(before + 1);
    expect(viaParser.document.fields.delivery_terms).toMatchObject({ value: 'FCA Berlin', source: 'llm' });

    const overridden = await extract({ text: INVOICE, parser_id: parserId, extraction_mode: 'local' });
    expect(llm.requests.length).toBe(before + 1);
    expect(overridden.document.fields.delivery_terms.value).toBeNull();

    const cleared = await t.app.inject({ method: 'PUT', url: `/v1/parsers/${parserId}`, headers: auth(), payload: { extraction_mode: null } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().parser).toMatchObject({ extraction_mode: null, fields: [expect.objectContaining({ name: 'delivery_terms' })] });
    const bad = await t.app.inject({ method: 'PUT', url: `/v1/parsers/${parserId}`, headers: auth(), payload: { extraction_mode: 'gpt' } });
    expect(bad.statusCode).toBe(400);
  });

  it('llm mode: a model that gives nothing usable fails the document with a clear message, and its tokens are recorded', async () => {
    llm.enqueue(loadLlmFixture('openai-empty-twice'));
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: INVOICE, extraction_mode: 'llm' } });
    expect(res.statusCode, res.body).toBe(202);
    const extraction = res.json().extraction;
    expect((await waitForExtraction(t.app, t.apiKey, extraction.extraction_id)).status).toBe('failed');
    const documentId = extraction.documents[0].document_id as string;
    const doc = (await t.app.inject({ method: 'GET', url: `/v1/extractions/${extraction.extraction_id}/documents/${documentId}`, headers: auth() })).json().document;
    expect(doc.error).toEqual({ code: 'PROCESSING_ERROR', message: 'LLM extraction failed: the model answered with empty content', reason: 'LLM_FAILED' });
    const records = (await t.app.inject({ method: 'GET', url: '/v1/usage/records', headers: auth() })).json().usage_records as Record<string, any>[];
    expect(records.find((r) => r.document_id === documentId)).toMatchObject({ status: 'failed', engine: 'llm:openai:qwen2.5-7b-instruct', llm_input_tokens: 2 * 812, llm_output_tokens: 2 * 96 });
  });

  it('refuses an unknown extraction_mode', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: auth(), payload: { text: INVOICE, extraction_mode: 'gpt' } });
    expect(res.statusCode).toBe(400);
    // The multipart form reads it too.
    const form = new FormData();
    form.append('file', new Blob([INVOICE], { type: 'text/plain' }), 'invoice.txt');
    form.append('extraction_mode', 'gpt');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const multipart = await t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      headers: { ...auth(), 'content-type': req.headers.get('content-type')! },
      payload: Buffer.from(await req.arrayBuffer()),
    });
    expect(multipart.statusCode).toBe(400);
    expect(multipart.json().error.details).toEqual({ extraction_mode: ['extraction_mode must be one of local, llm, hybrid.'] });
  });
});

describe('extraction_mode without a configured LLM', () => {
  it('is refused at submit with a clear message', async () => {
    const t = await createTestApp({ startWorkers: false });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { text: 'Invoice 1', extraction_mode: 'hybrid' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('needs an LLM; this server has none configured') });
      // A parser asking for an LLM still runs, on the local engine, and says so.
      const parser = await t.app.inject({
        method: 'POST',
        url: '/v1/parsers',
        headers: { 'x-api-key': t.apiKey },
        payload: { name: 'Wants an LLM', extraction_mode: 'llm', fields: [{ name: 'invoice_number', type: 'String' }] },
      });
      const submitted = await t.app.inject({
        method: 'POST',
        url: '/v1/extractions',
        headers: { 'x-api-key': t.apiKey },
        payload: { text: 'Invoice number: INV-9', parser_id: parser.json().parser.parser_id },
      });
      expect(submitted.statusCode, submitted.body).toBe(202);
      t.core.queue.start();
      const extraction = submitted.json().extraction;
      await waitForExtraction(t.app, t.apiKey, extraction.extraction_id);
      const doc = await t.app.inject({ method: 'GET', url: `/v1/extractions/${extraction.extraction_id}/documents/${extraction.documents[0].document_id}`, headers: { 'x-api-key': t.apiKey } });
      expect(doc.json().document.data).toEqual({ invoice_number: 'INV-9' });
      expect(doc.json().document.warnings).toContainEqual({ code: 'LLM_NOT_CONFIGURED', message: expect.stringContaining('extraction mode llm was asked for') });
    } finally {
      await t.close();
    }
  });
});
