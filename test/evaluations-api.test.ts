import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { textToPdf } from './fixtures/text-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { waitForExtraction } from './helpers/poll.js';
import { startRecordingReceiver } from './helpers/recording-receiver.js';

/**
 * Evaluation sets through the real server: a set built from three reviewed documents, runs that
 * extract them through the queue and pipeline and score them, and a comparison of two parser
 * versions where one field regresses.
 */

const ORDERS = [
  { number: 'PO-1001', date: '2025-03-01', total: '120.50' },
  { number: 'PO-1002', date: '2025-03-02', total: '75.00' },
  { number: 'PO-1003', date: '2025-03-03', total: '310.25' },
];
const FIELDS = [
  { name: 'order_number', type: 'String', description: 'Order number' },
  { name: 'order_date', type: 'Date', description: 'Order date' },
  { name: 'total', type: 'Number', description: 'Total' },
];

describe('evaluation sets', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startRecordingReceiver>>;
  const h = () => ({ 'x-api-key': t.apiKey });
  const req = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({ method, url, headers: h(), ...(body !== undefined ? { payload: body as object } : {}) });
  const runUntilScored = async (runId: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const run = (await req('GET', `/v1/evaluation-runs/${runId}`)).json().evaluation_run;
      if (run.status !== 'queued' && run.status !== 'processing') return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  let parserId: string;
  const reviewed: Array<{ extractionId: string; documentId: string }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    receiver = await startRecordingReceiver();
    const parser = await req('POST', '/v1/parsers', { name: 'Orders', description: 'purchase orders', fields: FIELDS });
    expect(parser.statusCode, parser.body).toBe(201);
    parserId = parser.json().parser.parser_id;
    expect((await req('POST', `/v1/parsers/${parserId}/versions`, {})).statusCode).toBe(201);

    // Three documents extracted with version 1 and reviewed; the third's order number is corrected in
    // review, so version 1 misses exactly that value.
    for (const [i, o] of ORDERS.entries()) {
      const pdf = textToPdf(`PURCHASE ORDER\n\nOrder number: ${o.number}\nOrder date: ${o.date}\n\nTotal: ${o.total}\n`);
      const body = multipartBody([
        { name: 'file', filename: `order-${i + 1}.pdf`, content: pdf, contentType: 'application/pdf' },
        { name: 'parser_id', value: parserId },
      ]);
      const res = await t.app.inject({ method: 'POST', url: '/v1/extractions', payload: body.payload, headers: { ...h(), ...body.headers } });
      expect(res.statusCode, res.body).toBe(202);
      const done = await waitForExtraction(t.app, t.apiKey, res.json().extraction.extraction_id);
      const documentId = done.documents[0].document_id;
      const doc = (await req('GET', `/v1/extractions/${done.extraction_id}/documents/${documentId}`)).json().document;
      expect(doc.data, JSON.stringify(doc)).toEqual({ order_number: o.number, order_date: o.date, total: Number(o.total) });
      const edits = i === 2 ? [{ path: 'order_number', value: 'PO-1003-B' }] : [];
      const review = await req('PUT', `/v1/extractions/${done.extraction_id}/documents/${documentId}/review`, { edits });
      expect(review.statusCode, review.body).toBe(200);
      reviewed.push({ extractionId: done.extraction_id, documentId });
    }
  }, 120_000);
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  it('builds a set from reviewed documents, scores runs of two parser versions and compares them', async () => {
    const hook = await req('POST', '/v1/webhooks', { url: receiver.url, events: ['evaluation_run.completed'] });
    expect(hook.statusCode, hook.body).toBe(201);

    const created = await req('POST', '/v1/evaluation-sets', { name: 'Orders gold', parser_id: parserId });
    expect(created.statusCode, created.body).toBe(201);
    const setId: string = created.json().evaluation_set.evaluation_set_id;
    for (const r of reviewed) {
      const added = await req('POST', `/v1/evaluation-sets/${setId}/items`, { document_id: r.documentId });
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json().item).toMatchObject({ source_document_id: r.documentId, source_extraction_id: r.extractionId });
    }
    const set = (await req('GET', `/v1/evaluation-sets/${setId}`)).json().evaluation_set;
    expect(set.item_count).toBe(3);
    expect(set.items.map((i: { expected: unknown }) => i.expected)).toEqual([
      { order_number: 'PO-1001', order_date: '2025-03-01', total: 120.5 },
      { order_number: 'PO-1002', order_date: '2025-03-02', total: 75 },
      { order_number: 'PO-1003-B', order_date: '2025-03-03', total: 310.25 },
    ]);

    // Version 1: every value right but the corrected order number.
    const started = await req('POST', `/v1/evaluation-sets/${setId}/runs`, { parser_version: 1 });
    expect(started.statusCode, started.body).toBe(202);
    // A run submits an extraction: it counts against the per-minute submit limit (the test app's is 100000).
    expect(started.headers['x-ratelimit-limit']).toBe('100000');
    const first = started.json().evaluation_run;
    expect(first).toMatchObject({ status: expect.stringMatching(/^(queued|processing|completed)$/), parser_id: parserId, parser_version: 1, progress: { total: 3 } });
    expect(first.extraction_id).toMatch(/^ext_/);
    const v1 = await runUntilScored(first.evaluation_run_id);
    expect(v1.status).toBe('completed');
    expect(v1.progress).toMatchObject({ total: 3, completed: 3, failed: 0 });
    const figures = (run: { summary: { fields: Array<Record<string, unknown>> } }) =>
      Object.fromEntries(run.summary.fields.map((f) => [f.field, [f.gold, f.tp, f.fp, f.fn, f.accuracy]]));
    expect(figures(v1)).toEqual({ order_date: [3, 3, 0, 0, 1], order_number: [3, 2, 1, 1, 2 / 3], total: [3, 3, 0, 0, 1] });
    // tp 8, fp 1, fn 1: F1 = 16 / 18.
    expect(v1.summary.overall_f1).toBeCloseTo(8 / 9, 12);
    expect(v1.summary.items).toEqual({ total: 3, completed: 3, failed: 0 });
    expect(v1.summary.pages).toBe(3);
    expect(v1.summary.ms_per_page).toBeGreaterThan(0);
    const bands = v1.summary.calibration as Array<{ values: number; correct: number }>;
    expect(bands.reduce((n, b) => n + b.values, 0)).toBe(9);
    expect(bands.reduce((n, b) => n + b.correct, 0)).toBe(8);
    const third = v1.results[2];
    expect(third.fields.find((f: { field: string }) => f.field === 'order_number')).toMatchObject({ expected: 'PO-1003-B', predicted: 'PO-1003', tp: 0 });
    // The run went through a real extraction, visible like any other.
    expect((await req('GET', `/v1/extractions/${v1.extraction_id}`)).json().extraction.status).toBe('completed');

    // Version 2 reads `total` as a date: that field regresses, the others stay.
    const edited = await req('PUT', `/v1/parsers/${parserId}`, { fields: [FIELDS[0], FIELDS[1], { ...FIELDS[2], type: 'Date' }] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await req('POST', `/v1/parsers/${parserId}/versions`, {})).statusCode).toBe(201);
    const second = await req('POST', `/v1/evaluation-sets/${setId}/runs`, { parser_version: 2 });
    expect(second.statusCode, second.body).toBe(202);
    const v2 = await runUntilScored(second.json().evaluation_run.evaluation_run_id);
    expect(figures(v2).total).toEqual([3, 0, 0, 3, 0]);
    expect(figures(v2).order_date).toEqual([3, 3, 0, 0, 1]);

    const compared = await req('GET', `/v1/evaluation-runs/${v1.evaluation_run_id}/compare/${v2.evaluation_run_id}`);
    expect(compared.statusCode, compared.body).toBe(200);
    const c = compared.json().comparison;
    expect(c.worse).toEqual(['total']);
    expect(c.better).toEqual([]);
    expect(c.fields.find((f: { field: string }) => f.field === 'total')).toMatchObject({ a: { f1: 1, accuracy: 1 }, b: { f1: 0, accuracy: 0 }, delta_f1: -1, change: 'worse' });
    expect(c.fields.find((f: { field: string }) => f.field === 'order_number').change).toBe('same');
    expect(c.items.map((i: { filename: string; worse: string[]; better: string[] }) => [i.filename, i.worse, i.better])).toEqual([
      ['order-1.pdf', ['total'], []],
      ['order-2.pdf', ['total'], []],
      ['order-3.pdf', ['total'], []],
    ]);
    expect(c.overall.delta_f1).toBeLessThan(0);

    const runs = (await req('GET', `/v1/evaluation-sets/${setId}/runs`)).json().evaluation_runs;
    expect(runs.map((r: { evaluation_run_id: string }) => r.evaluation_run_id)).toEqual([v2.evaluation_run_id, v1.evaluation_run_id]);

    // One signed evaluation_run.completed event per run.
    const deadline = Date.now() + 15_000;
    while (receiver.received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const events = receiver.received.map((r) => ({ type: r.headers['x-docsift-event'], body: JSON.parse(r.body) }));
    expect(events.map((e) => e.body.data.evaluation_run_id).sort()).toEqual([v1.evaluation_run_id, v2.evaluation_run_id].sort());
    expect(events[0].type).toBe('evaluation_run.completed');
    expect(events.find((e) => e.body.data.evaluation_run_id === v1.evaluation_run_id)!.body.data).toMatchObject({ evaluation_set_id: setId, status: 'completed', items: { total: 3 } });
    expect(receiver.received[0].headers['x-docsift-signature']).toMatch(/^t=\d+,v1=[0-9a-f]+$/);

    // Deleting the set removes its items' file copies and its runs' extractions, never the source documents.
    const itemFile = set.items[0].file_id;
    expect((await req('DELETE', `/v1/evaluation-sets/${setId}`)).statusCode).toBe(200);
    expect((await req('GET', `/v1/evaluation-sets/${setId}`)).statusCode).toBe(404);
    expect((await req('GET', `/v1/evaluation-runs/${v1.evaluation_run_id}`)).statusCode).toBe(404);
    expect((await req('GET', `/v1/extractions/${v1.extraction_id}`)).statusCode).toBe(404);
    expect((await req('GET', `/v1/files/${itemFile}`)).statusCode).toBe(404);
    for (const r of reviewed) {
      const doc = await req('GET', `/v1/extractions/${r.extractionId}/documents/${r.documentId}`);
      expect(doc.statusCode).toBe(200);
      expect(doc.json().document.reviewed).toBe(true);
    }
  }, 120_000);

  it('adds an uploaded file with its expected output, and refuses what cannot become an item', async () => {
    const setId = (await req('POST', '/v1/evaluation-sets', { name: 'uploads', document_type: 'invoice' })).json().evaluation_set.evaluation_set_id;
    const pdf = textToPdf('INVOICE\nInvoice number: INV-9\nTotal: 10.00\n');
    const upload = (expected: string) => {
      const body = multipartBody([
        { name: 'file', filename: 'inv.pdf', content: pdf, contentType: 'application/pdf' },
        { name: 'expected', value: expected },
      ]);
      return t.app.inject({ method: 'POST', url: `/v1/evaluation-sets/${setId}/items`, payload: body.payload, headers: { ...h(), ...body.headers } });
    };
    const ok = await upload('{"invoice_number": "INV-9", "total_amount": 10}');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().item).toMatchObject({ filename: 'inv.pdf', expected: { invoice_number: 'INV-9', total_amount: 10 }, source_document_id: null });

    const bad = await upload('[1, 2]');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_ERROR', details: { expected: [expect.any(String)] } });
    expect((await upload('{not json')).statusCode).toBe(400);

    // An uploaded file by id, copied into the item.
    const file = await (async () => {
      const body = multipartBody([{ name: 'file', filename: 'up.pdf', content: pdf, contentType: 'application/pdf' }]);
      return (await t.app.inject({ method: 'POST', url: '/v1/files', payload: body.payload, headers: { ...h(), ...body.headers } })).json().file;
    })();
    const byId = await req('POST', `/v1/evaluation-sets/${setId}/items`, { file_id: file.file_id, expected: { total_amount: 10 } });
    expect(byId.statusCode, byId.body).toBe(201);
    expect(byId.json().item.file_id).not.toBe(file.file_id);
    expect((await req('POST', `/v1/evaluation-sets/${setId}/items`, { file_id: file.file_id })).statusCode).toBe(400);

    // Unreviewed documents can't become gold; unknown ones are 404.
    const plain = await req('POST', '/v1/extractions', { text: 'Invoice INV-1' });
    const done = await waitForExtraction(t.app, t.apiKey, plain.json().extraction.extraction_id);
    const unreviewed = await req('POST', `/v1/evaluation-sets/${setId}/items`, { document_id: done.documents[0].document_id });
    expect(unreviewed.statusCode).toBe(409);
    expect(unreviewed.json().error.message).toMatch(/not been reviewed/);
    expect((await req('POST', `/v1/evaluation-sets/${setId}/items`, { document_id: 'doc_missing' })).statusCode).toBe(404);
    expect((await req('POST', `/v1/evaluation-sets/${setId}/items`, {})).statusCode).toBe(400);

    // An item can be removed; its file copy goes with it.
    const itemId = byId.json().item.item_id;
    expect((await req('DELETE', `/v1/evaluation-sets/${setId}/items/${itemId}`)).statusCode).toBe(200);
    expect((await req('GET', `/v1/files/${byId.json().item.file_id}`)).statusCode).toBe(404);
    expect((await req('GET', `/v1/files/${file.file_id}`)).statusCode).toBe(200);
    expect((await req('GET', `/v1/evaluation-sets/${setId}`)).json().evaluation_set.item_count).toBe(1);

    // Runs of an empty set, an unknown parser, a mode that needs an LLM: clear refusals.
    const empty = (await req('POST', '/v1/evaluation-sets', { name: 'empty' })).json().evaluation_set.evaluation_set_id;
    expect((await req('POST', `/v1/evaluation-sets/${empty}/runs`, {})).statusCode).toBe(409);
    expect((await req('POST', `/v1/evaluation-sets/${setId}/runs`, { parser_id: 'prs_missing' })).statusCode).toBe(404);
    const hybrid = await req('POST', `/v1/evaluation-sets/${setId}/runs`, { mode: 'hybrid' });
    expect(hybrid.statusCode).toBe(400);
    expect((await req('GET', `/v1/evaluation-sets/${setId}/runs`)).json().evaluation_runs).toEqual([]);
    expect((await req('POST', '/v1/evaluation-sets', { name: 'x', document_type: 'passport' })).statusCode).toBe(400);

    const listed = (await req('GET', '/v1/evaluation-sets')).json();
    expect(listed.evaluation_sets.find((s: { evaluation_set_id: string }) => s.evaluation_set_id === setId).item_count).toBe(1);
  }, 60_000);

  it('documents its routes in /openapi.json', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/v1/evaluation-sets', '/v1/evaluation-sets/{set_id}', '/v1/evaluation-sets/{set_id}/items', '/v1/evaluation-sets/{set_id}/runs', '/v1/evaluation-runs/{run_id}', '/v1/evaluation-runs/{run_id}/compare/{other_run_id}']) {
      expect(spec.paths[path], path).toBeDefined();
    }
    expect(spec.paths['/v1/evaluation-sets/{set_id}/runs'].post.requestBody).toBeDefined();
  });
});

describe('evaluation run progress', () => {
  let t: TestApp;
  const h = () => ({ 'x-api-key': t.apiKey });
  const req = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => t.app.inject({ method, url, headers: h(), ...(body !== undefined ? { payload: body as object } : {}) });
  beforeAll(async () => {
    // No workers: the run's documents stay queued, so its in-progress states can be read.
    t = await createTestApp({ startWorkers: false });
  });
  afterAll(() => t?.close());

  it("follows its extraction: queued with per-status counts, items locked while it runs, cancelled with its extraction", async () => {
    const setId = (await req('POST', '/v1/evaluation-sets', { name: 'progress', document_type: 'invoice' })).json().evaluation_set.evaluation_set_id;
    const body = multipartBody([
      { name: 'file', filename: 'a.txt', content: Buffer.from('Invoice number: INV-1\nTotal: 5.00\n'), contentType: 'text/plain' },
      { name: 'expected', value: '{"invoice_number": "INV-1"}' },
    ]);
    const item = (await t.app.inject({ method: 'POST', url: `/v1/evaluation-sets/${setId}/items`, payload: body.payload, headers: { ...h(), ...body.headers } })).json().item;
    const started = (await req('POST', `/v1/evaluation-sets/${setId}/runs`, {})).json().evaluation_run;
    expect(started).toMatchObject({ status: 'queued', detection_type: 'invoice', progress: { total: 1, queued: 1, processing: 0, completed: 0 }, summary: null, results: [] });

    const locked = await req('DELETE', `/v1/evaluation-sets/${setId}/items/${item.item_id}`);
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toContain(started.evaluation_run_id);

    expect((await req('POST', `/v1/extractions/${started.extraction_id}/cancel`)).statusCode).toBe(200);
    const cancelled = (await req('GET', `/v1/evaluation-runs/${started.evaluation_run_id}`)).json().evaluation_run;
    expect(cancelled).toMatchObject({ status: 'cancelled', progress: { total: 1, cancelled: 1 }, summary: null });
    expect(cancelled.completed_at).not.toBeNull();
    const compared = await req('GET', `/v1/evaluation-runs/${started.evaluation_run_id}/compare/${started.evaluation_run_id}`);
    expect(compared.statusCode).toBe(409);
    expect((await req('GET', `/v1/evaluation-sets/${setId}/runs`)).json().evaluation_runs[0].status).toBe('cancelled');
    expect((await req('DELETE', `/v1/evaluation-sets/${setId}/items/${item.item_id}`)).statusCode).toBe(200);
  });
});
