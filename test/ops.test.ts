import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-core.js';
import { waitForExtraction } from './helpers/poll.js';

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz and /readyz without a key, checking the database and the queue', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  });

  it('exposes request, queue, job and document metrics in Prometheus format', async () => {
    const submit = await t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { 'x-api-key': t.apiKey }, payload: { text: 'Receipt\nTotal 3.00' } });
    await waitForExtraction(t.app, t.apiKey, submit.json().extraction.extraction_id);
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const body = res.body;
    expect(body).toMatch(/docsift_http_requests_total\{method="POST",route="\/v1\/extractions",status="202"\} 1/);
    expect(body).toMatch(/docsift_queue_jobs\{state="completed"\} [1-9]/);
    expect(body).toMatch(/docsift_job_duration_seconds_count\{name="document.process",outcome="completed"\} 1/);
    expect(body).toMatch(/docsift_documents\{status="completed"\} 1/);
  });

  it('serves an OpenAPI document generated from the route schemas, and /docs with no external request', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/v1/extractions', '/v1/extractions/{extraction_id}', '/v1/files', '/v1/parsers', '/v1/api-keys']) {
      expect(spec.paths).toHaveProperty([path]);
    }
    const submit = spec.paths['/v1/extractions'].post;
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['202', '400', '413', '415']));
    expect(spec.components.securitySchemes).toHaveProperty('apiKey');

    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    const page = docs.statusCode === 302 ? await t.app.inject({ method: 'GET', url: docs.headers.location as string }) : docs;
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
    // Every script, style and image the page loads comes from docsift itself.
    const refs = [...page.body.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => /^(https?:)?\/\//.test(r))).toEqual([]);
    const init = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    const code = init.body.replace(/\/\/ .*$/gm, ''); // links in comments load nothing
    expect(code).not.toMatch(/https?:\/\//);
  });

  it('stamps a request id on every response, reusing a sane one from the client', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers['x-request-id']).toBe('trace-123');
    const generated = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
