import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, commandMissing, pythonModuleMissing } from './helpers/requirements.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';

/**
 * Walks anyformat's API documentation (docs/api-notes.md, "anyformat") over real HTTP against the real server: the curl and the Python
 * quick start translated step by step, every endpoint of the two tables with its trailing slash,
 * x-api-key auth, the 10 documents per minute limit, /schema/ and /docs/ without auth. And one
 * template made on one surface and run from the others.
 */

type Json = Record<string, any>;

let t: TestApp;
let ROOT: string;
let BASE_URL: string;
let API_KEY: string;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  ROOT = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  BASE_URL = ROOT;
  API_KEY = t.apiKey;
  headers = { 'x-api-key': API_KEY };
}, 60_000);
afterAll(async () => t?.close());

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function fileForm(bytes: Buffer, name = 'invoice.pdf', field = 'file'): FormData {
  const f = new FormData();
  f.append(field, new Blob([bytes], { type: 'application/pdf' }), name);
  return f;
}

async function createWorkflow(body: unknown, key = API_KEY) {
  const res = await fetch(`${BASE_URL}/workflows/`, { method: 'POST', headers: { 'x-api-key': key, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { res, json: (await res.json()) as Json };
}

const INVOICE_WORKFLOW = {
  name: 'Invoice Extraction',
  fields: [
    { name: 'invoice_number', description: 'Invoice ID', data_type: 'string' },
    { name: 'total', description: 'Total amount', data_type: 'float' },
  ],
};

describe('Authentication: x-api-key on every endpoint except /docs/ and /schema/', () => {
  it('curl -H "x-api-key: YOUR_API_KEY" /workflows/ → 200', async () => {
    const res = await fetch(`${BASE_URL}/workflows/`, { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toEqual({ count: expect.any(Number), next: null, previous: null, results: expect.any(Array) });
  });

  it('answers 401 with {"detail"} without a key, with a wrong key, and with only a Bearer key', async () => {
    for (const h of [{}, { 'x-api-key': `dsk_${'x'.repeat(43)}` }, { authorization: `Bearer ${API_KEY}` }] as Array<Record<string, string>>) {
      for (const path of ['/workflows/', '/jobs/ext_00000000000000000000/']) {
        const res = await fetch(`${BASE_URL}${path}`, { headers: h });
        expect(res.status).toBe(401);
        const body = (await res.json()) as Json;
        expect(body).toEqual({ detail: expect.any(String), code: 'unauthorized' });
      }
    }
  });

  it('GET /schema/ (and ?format=json) is the OpenAPI JSON of the anyformat endpoints, without auth', async () => {
    for (const url of [`${BASE_URL}/schema/`, `${BASE_URL}/schema/?format=json`]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const doc = (await res.json()) as Json;
      expect(doc.openapi).toMatch(/^3\./);
      const paths = Object.keys(doc.paths);
      for (const p of ['/workflows/', '/workflows/{id}/', '/workflows/{id}/run/', '/workflows/{id}/upload/', '/workflows/{id}/results/', '/jobs/{id}/', '/jobs/{id}/file/']) {
        expect(paths).toContain(p);
      }
      expect(paths.every((p) => /^\/(workflows|jobs)\//.test(p))).toBe(true);
      expect(doc.components.securitySchemes.anyformatKey).toEqual({ type: 'apiKey', in: 'header', name: 'x-api-key' });
      expect(Object.keys(doc.paths['/workflows/'])).toEqual(expect.arrayContaining(['get', 'post']));
    }
  });

  it('GET /docs/ is the Swagger UI, without auth', async () => {
    const res = await fetch(`${BASE_URL}/docs/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/swagger/i);
  });
});

describe('Quick start (Python): create a workflow, run it, poll the job until processed', () => {
  let workflow: Json;
  let job: Json;

  it('1. POST /workflows/ with name and fields → 201 with the workflow id', async () => {
    const { res, json } = await createWorkflow(INVOICE_WORKFLOW);
    expect(res.status).toBe(201);
    expect(json).toEqual({
      id: expect.any(String),
      name: 'Invoice Extraction',
      description: '',
      fields: [
        { name: 'invoice_number', description: 'Invoice ID', data_type: 'string' },
        { name: 'total', description: 'Total amount', data_type: 'float' },
      ],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    workflow = json;
  });

  it('2. POST /workflows/{id}/run/ with files={"file": f} → a job with extraction_id', async () => {
    const res = await fetch(`${BASE_URL}/workflows/${workflow.id}/run/`, { method: 'POST', headers, body: fileForm(await makePdf([sampleInvoiceLines(3141)])) });
    expect(res.status).toBe(201);
    job = (await res.json()) as Json;
    expect(job).toMatchObject({ extraction_id: expect.any(String), workflow_id: workflow.id, file_name: 'invoice.pdf', results: null });
    expect(['queued', 'processing']).toContain(job.status);
  });

  it('3–4. GET /jobs/{extraction_id}/ until status is processed; results hold the fields', async () => {
    const result = await until('processed', async () => {
      const res = await fetch(`${BASE_URL}/jobs/${job.extraction_id}/`, { headers });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Json;
      expect(body.status).not.toBe('failed');
      return body.status === 'processed' ? body : undefined;
    });
    expect(result.results).toEqual({ invoice_number: 'INV-3141', total: expect.any(Number) });
    expect(result).toMatchObject({ id: job.extraction_id, extraction_id: job.extraction_id, workflow_id: workflow.id, error: null });
  });

  it('GET /jobs/{id}/file/ downloads the original file', async () => {
    const res = await fetch(`${BASE_URL}/jobs/${job.extraction_id}/file/`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice\.pdf"/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('GET /workflows/{id}/results/ lists every job of the workflow with its results', async () => {
    const res = await fetch(`${BASE_URL}/workflows/${workflow.id}/results/`, { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ count: 1, next: null, previous: null });
    expect(body.results[0]).toMatchObject({ extraction_id: job.extraction_id, status: 'processed', results: { invoice_number: 'INV-3141' } });
  });

  it('POST /workflows/{id}/upload/ stores a file without running an extraction', async () => {
    const before = (await (await fetch(`${BASE_URL}/workflows/${workflow.id}/results/`, { headers })).json()) as Json;
    const res = await fetch(`${BASE_URL}/workflows/${workflow.id}/upload/`, { method: 'POST', headers, body: fileForm(await makePdf([['hello']]), 'later.pdf') });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ id: expect.stringMatching(/^fil_/), workflow_id: workflow.id, file_name: 'later.pdf', size: expect.any(Number) });
    const after = (await (await fetch(`${BASE_URL}/workflows/${workflow.id}/results/`, { headers })).json()) as Json;
    expect(after.count).toBe(before.count);
    // The same file on the native API.
    expect((await fetch(`${ROOT}/v1/files/${body.id}`, { headers })).status).toBe(200);
  });

  it('GET /workflows/ lists it and GET /workflows/{id}/ reads it', async () => {
    const list = (await (await fetch(`${BASE_URL}/workflows/`, { headers })).json()) as Json;
    expect(list.results.map((w: Json) => w.id)).toContain(workflow.id);
    const res = await fetch(`${BASE_URL}/workflows/${workflow.id}/`, { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(workflow);
  });

  it('DELETE /workflows/{id}/ → 204, then 404 {"detail"}', async () => {
    const { json: w } = await createWorkflow({ name: 'Throwaway', description: 'to delete', fields: [{ name: 'x', description: 'x', data_type: 'string' }] });
    const res = await fetch(`${BASE_URL}/workflows/${w.id}/`, { method: 'DELETE', headers });
    expect(res.status).toBe(204);
    const gone = await fetch(`${BASE_URL}/workflows/${w.id}/`, { headers });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ detail: expect.any(String), code: 'not_found' });
  });
});

describe('Workflows: fields, data types and errors', () => {
  it('accepts the data types, nested object and table fields, and reads them back', async () => {
    const { res, json } = await createWorkflow({
      name: 'Typed',
      description: 'every type',
      fields: [
        { name: 'a', description: 'a', data_type: 'string' },
        { name: 'b', description: 'b', data_type: 'integer' },
        { name: 'c', description: 'c', data_type: 'boolean' },
        { name: 'd', description: 'd', data_type: 'date' },
        { name: 'e', description: 'e', data_type: 'list' },
        { name: 'f', description: 'f', data_type: 'object', fields: [{ name: 'g', description: 'g', data_type: 'string' }] },
        { name: 'h', description: 'h', data_type: 'table', fields: [{ name: 'i', description: 'i', data_type: 'float' }] },
      ],
    });
    expect(res.status).toBe(201);
    expect(json.description).toBe('every type');
    expect(json.fields.map((f: Json) => f.data_type)).toEqual(['string', 'float', 'boolean', 'date', 'list', 'object', 'table']);
    expect(json.fields[5].fields).toEqual([{ name: 'g', description: 'g', data_type: 'string' }]);
  });

  it('400 with {"detail", "errors"} for a missing name, no fields or an unknown data_type', async () => {
    for (const body of [{ fields: INVOICE_WORKFLOW.fields }, { name: 'x', fields: [] }, { name: 'x', fields: [{ name: 'y', data_type: 'hologram' }] }]) {
      const { res, json } = await createWorkflow(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(json).toEqual({ detail: expect.any(String), code: 'validation_error', errors: expect.any(Object) });
    }
  });

  it('run/ without a file is 400, with an unknown workflow 404, and an unknown job 404', async () => {
    const { json: w } = await createWorkflow(INVOICE_WORKFLOW);
    const empty = new FormData();
    empty.append('note', 'no file');
    const res = await fetch(`${BASE_URL}/workflows/${w.id}/run/`, { method: 'POST', headers, body: empty });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).code).toBe('validation_error');
    const missing = await fetch(`${BASE_URL}/workflows/prs_doesnotexist/run/`, { method: 'POST', headers, body: fileForm(Buffer.from('%PDF-1.4')) });
    expect(missing.status).toBe(404);
    expect((await fetch(`${BASE_URL}/jobs/ext_doesnotexist/`, { headers })).status).toBe(404);
  });

  it('paths without the trailing slash are not served', async () => {
    expect((await fetch(`${BASE_URL}/workflows`, { headers })).status).toBe(404);
  });
});

describe('Rate limit: 10 documents per minute', () => {
  it('the 11th run within a minute is 429 with Retry-After; reads are not limited by it', async () => {
    const created = await fetch(`${ROOT}/v1/api-keys`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'rate' }) });
    const key = ((await created.json()) as Json).api_key.key as string;
    const { json: w } = await createWorkflow(INVOICE_WORKFLOW, key);
    const text = Buffer.from('Invoice INV-1 total 1.00\n');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      const f = new FormData();
      f.append('file', new Blob([text], { type: 'text/plain' }), `n${i}.txt`);
      last = await fetch(`${BASE_URL}/workflows/${w.id}/run/`, { method: 'POST', headers: { 'x-api-key': key }, body: f });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toEqual({ detail: expect.any(String), code: 'rate_limited' });
    expect((await fetch(`${BASE_URL}/workflows/${w.id}/`, { headers: { 'x-api-key': key } })).status).toBe(200);
  });

  it('a file the engine refuses ends failed with error {code, message, reason}', async () => {
    // Its own key and workflow: the per-minute run limit and the workflow's job list of the tests above stay as they are.
    const created = await fetch(`${ROOT}/v1/api-keys`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'refused' }) });
    const key = ((await created.json()) as Json).api_key.key as string;
    const { json: w } = await createWorkflow(INVOICE_WORKFLOW, key);
    const locked = await makePdf([sampleInvoiceLines(2718)], { userPassword: 'secret' });
    const run = await fetch(`${BASE_URL}/workflows/${w.id}/run/`, { method: 'POST', headers: { 'x-api-key': key }, body: fileForm(locked, 'locked.pdf') });
    expect(run.status).toBe(201);
    const id = ((await run.json()) as Json).extraction_id as string;
    const failed = await until('failed', async () => {
      const body = (await (await fetch(`${BASE_URL}/jobs/${id}/`, { headers: { 'x-api-key': key } })).json()) as Json;
      return body.status === 'failed' ? body : undefined;
    });
    expect(failed.error).toEqual({ code: 'PROCESSING_ERROR', message: expect.stringMatching(/encrypted/), reason: 'FILE_ENCRYPTED' });
    expect(failed.results).toBeNull();
  });
});

describe('One template, every surface', () => {
  it('a workflow made on anyformat is a parser on /v1 and runs from /v1/extractions and from Extraly; the jobs show on anyformat', async () => {
    const { json: w } = await createWorkflow({ name: 'Cross-surface', fields: [{ name: 'invoice_number', description: 'Invoice ID', data_type: 'string' }] });
    // The same object on the native API.
    const parser = (await (await fetch(`${ROOT}/v1/parsers/${w.id}`, { headers })).json()) as Json;
    expect(parser.parser).toMatchObject({ parser_id: w.id, name: 'Cross-surface' });

    // Run natively with parser_id.
    const form = new FormData();
    form.append('file', new Blob([await makePdf([sampleInvoiceLines(2718)])], { type: 'application/pdf' }), 'native.pdf');
    form.append('parser_id', w.id);
    const submitted = await fetch(`${ROOT}/v1/extractions`, { method: 'POST', headers, body: form });
    expect(submitted.status).toBe(202);
    const extractionId = ((await submitted.json()) as Json).extraction.extraction_id as string;

    // The native extraction is an anyformat job of the workflow, with the workflow's fields.
    const job = await until('processed', async () => {
      const body = (await (await fetch(`${BASE_URL}/jobs/${extractionId}/`, { headers })).json()) as Json;
      return body.status === 'processed' ? body : undefined;
    });
    expect(job).toMatchObject({ workflow_id: w.id, results: { invoice_number: 'INV-2718' } });

    // Extraly sees the same extraction as a document with the same results.
    const token = (await (await fetch(`${ROOT}/api/v1/auth/token`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@localhost' }) })).json()) as Json;
    const extraly = await fetch(`${ROOT}/api/v1/documents/${extractionId}`, { headers: { ...headers, authorization: `Bearer ${token.data.access_token}` } });
    expect(extraly.status).toBe(200);
    expect(((await extraly.json()) as Json).data).toMatchObject({ id: extractionId, status: 'completed', results: { invoice_number: 'INV-2718' } });

    const results = (await (await fetch(`${BASE_URL}/workflows/${w.id}/results/`, { headers })).json()) as Json;
    expect(results.results.map((j: Json) => j.extraction_id)).toContain(extractionId);
  });
});

describe('The documented curl and Python quick start, run as written', () => {
  const run = promisify(execFile);
  const hasCurl = canRun('the curl quick start (test/anyformat-conformance.test.ts)', 'tools', commandMissing('curl', 'apt-get install curl'));
  const hasRequests = canRun('the Python quick start (test/anyformat-conformance.test.ts)', 'tools', pythonModuleMissing('requests', 'apt-get install python3-requests'));

  it.skipIf(!hasCurl)('curl -H "x-api-key: YOUR_API_KEY" https://api.anyformat.ai/workflows/', async () => {
    const { stdout } = await run('curl', ['-s', '-H', `x-api-key: ${API_KEY}`, `${BASE_URL}/workflows/`]);
    expect(JSON.parse(stdout)).toMatchObject({ count: expect.any(Number), results: expect.any(Array) });
  });

  it.skipIf(!hasRequests)('Python (requests): create a workflow, run it on invoice.pdf, poll until processed, print the results', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'anyformat-examples-'));
    try {
      writeFileSync(path.join(dir, 'invoice.pdf'), await makePdf([sampleInvoiceLines(4242)]));
      const script = `import requests
import time

API_KEY = "${API_KEY}"
BASE_URL = "${BASE_URL}"
headers = {"x-api-key": API_KEY}

# 1. Create a workflow
workflow = requests.post(
    f"{BASE_URL}/workflows/",
    headers={**headers, "Content-Type": "application/json"},
    json={
        "name": "Invoice Extraction",
        "fields": [
            {"name": "invoice_number", "description": "Invoice ID", "data_type": "string"},
            {"name": "total", "description": "Total amount", "data_type": "float"}
        ]
    }
).json()

# 2. Run extraction
with open("invoice.pdf", "rb") as f:
    job = requests.post(
        f"{BASE_URL}/workflows/{workflow['id']}/run/",
        headers=headers,
        files={"file": f}
    ).json()

# 3. Poll for results
while True:
    result = requests.get(
        f"{BASE_URL}/jobs/{job['extraction_id']}/",
        headers=headers
    ).json()

    if result["status"] == "processed":
        print(result["results"])
        break

    time.sleep(5)
`;
      writeFileSync(path.join(dir, 'quickstart.py'), script);
      const { stdout } = await run('python3', ['quickstart.py'], { cwd: dir, timeout: 60_000 });
      expect(stdout.trim()).toMatch(/^\{'invoice_number': 'INV-4242', 'total': [\d.]+\}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
