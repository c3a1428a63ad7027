import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { loadLlmFixture, type ReplayServer, startReplayServer } from './helpers/llm-replay-server.js';
import { multipartBody } from './helpers/multipart-body.js';

/**
 * Evaluation runs by extraction mode: the same set run `local` and `hybrid` (a recorded
 * OpenAI-compatible answer replayed on 127.0.0.1), and the comparison naming the field the LLM fixed.
 */
const INVOICE = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'llm', 'invoice.txt'));

describe('evaluation runs by mode', () => {
  let t: TestApp;
  let llm: ReplayServer;
  const h = () => ({ 'x-api-key': t.apiKey });
  const req = (method: 'GET' | 'POST', url: string, body?: unknown) => t.app.inject({ method, url, headers: h(), ...(body !== undefined ? { payload: body as object } : {}) });
  async function scored(runId: string) {
    for (let i = 0; i < 600; i++) {
      const run = (await req('GET', `/v1/evaluation-runs/${runId}`)).json().evaluation_run;
      if (run.status === 'completed') return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`run ${runId} not scored`);
  }

  beforeAll(async () => {
    llm = await startReplayServer(loadLlmFixture('e2e-hybrid-invoice'));
    t = await createTestApp({
      env: { DOCSIFT_LLM_BASE_URL: `${llm.url}/v1`, DOCSIFT_LLM_MODEL: 'qwen2.5-7b-instruct', DOCSIFT_LLM_API_KEY: 'sk-local-test', DOCSIFT_LLM_BACKOFF_MS: '5' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  it('runs a set local and hybrid and shows which fields the LLM made right', async () => {
    const parser = await req('POST', '/v1/parsers', {
      name: 'Invoice with terms',
      description: 'x',
      fields: [
        { name: 'invoice_number', type: 'String', description: 'the invoice number' },
        { name: 'total', type: 'Number', description: 'the invoice total' },
        { name: 'delivery_terms', type: 'String', description: 'the Incoterms delivery terms, e.g. FCA Berlin' },
        { name: 'project_code', type: 'String', description: "the customer's project code" },
      ],
    });
    const setId = (await req('POST', '/v1/evaluation-sets', { name: 'terms', parser_id: parser.json().parser.parser_id })).json().evaluation_set.evaluation_set_id;
    // The project code is not in the document: the model's invented PRJ-7781 is scored wrong.
    const expected = { invoice_number: 'INV-2041', total: 41.65, delivery_terms: 'FCA Berlin', project_code: 'PRJ-0001' };
    const body = multipartBody([
      { name: 'file', filename: 'invoice.txt', content: INVOICE, contentType: 'text/plain' },
      { name: 'expected', value: JSON.stringify(expected) },
    ]);
    const item = await t.app.inject({ method: 'POST', url: `/v1/evaluation-sets/${setId}/items`, payload: body.payload, headers: { ...h(), ...body.headers } });
    expect(item.statusCode, item.body).toBe(201);

    const local = await scored((await req('POST', `/v1/evaluation-sets/${setId}/runs`, { mode: 'local' })).json().evaluation_run.evaluation_run_id);
    expect(llm.requests).toHaveLength(0);
    const hybridStart = await req('POST', `/v1/evaluation-sets/${setId}/runs`, { mode: 'hybrid' });
    expect(hybridStart.statusCode, hybridStart.body).toBe(202);
    const hybrid = await scored(hybridStart.json().evaluation_run.evaluation_run_id);
    expect(llm.requests).toHaveLength(1);
    expect([local.mode, hybrid.mode]).toEqual(['local', 'hybrid']);
    const extraction = (await req('GET', `/v1/extractions/${hybrid.extraction_id}`)).json().extraction;
    expect(extraction.extraction_mode).toBe('hybrid');

    const counts = (run: { summary: { fields: Array<{ field: string; tp: number; fp: number; fn: number }> } }) =>
      Object.fromEntries(run.summary.fields.map((f) => [f.field, [f.tp, f.fp, f.fn]]));
    expect(counts(local)).toEqual({ delivery_terms: [0, 0, 1], invoice_number: [1, 0, 0], project_code: [0, 0, 1], total: [1, 0, 0] });
    expect(counts(hybrid)).toEqual({ delivery_terms: [1, 0, 0], invoice_number: [1, 0, 0], project_code: [0, 1, 1], total: [1, 0, 0] });
    // The model's values carry its confidences (0.85: found in the document; 0.3: not found, and wrong); the
    // engine's own are whatever it reports. Calibration counts each value in its band, and the wrong one as wrong.
    const confidences = Object.fromEntries(hybrid.results[0].fields.map((f: { field: string; confidence: number }) => [f.field, f.confidence]));
    expect(confidences).toMatchObject({ delivery_terms: 0.85, project_code: 0.3 });
    const expectedBands = hybrid.summary.calibration.map((b: { min: number; max: number }) => {
      const inBand = Object.entries(confidences).filter(([, c]) => (c as number) >= b.min && ((c as number) < b.max || b.max === 1));
      return [inBand.length, inBand.filter(([f]) => f !== 'project_code').length];
    });
    expect(hybrid.summary.calibration.map((b: { values: number; correct: number }) => [b.values, b.correct])).toEqual(expectedBands);
    expect(hybrid.summary.calibration.find((b: { min: number }) => b.min === 0.3)).toMatchObject({ values: 1, correct: 0, accuracy: 0 });

    const c = (await req('GET', `/v1/evaluation-runs/${local.evaluation_run_id}/compare/${hybrid.evaluation_run_id}`)).json().comparison;
    expect(c.better).toEqual(['delivery_terms']);
    expect(c.worse).toEqual([]);
    expect(c.items).toEqual([{ item_id: item.json().item.item_id, filename: 'invoice.txt', better: ['delivery_terms'], worse: [] }]);
  }, 60_000);
});
