import { afterAll, describe, expect, it } from 'vitest';
import { fromExtendId } from '../src/surfaces/extend/extend-ids.js';
import { createTestApp } from './helpers/test-core.js';

/**
 * Extend's API reference (docs/api-notes.md) shows its own id prefixes: "id": "ex_Xj8mK2pL9nR4vT7qY5wZ" (extractor),
 * "exv_xK9mLPqRtN3vS8wF5hB2cQ" (extractor_version), "exr_Xj8mK2pL9nR4vT7qY5wZ" (extract_run) and
 * "file_xK9mLPqRtN3vS8wF5hB2cQ" (file). Ids in docsift's own form keep working.
 */
const t = await createTestApp({ startWorkers: false });
afterAll(() => t.close());
const headers = { authorization: `Bearer ${t.apiKey}` };
const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
  return { status: res.statusCode, json: res.json() };
};
const schema = { type: 'object', properties: { invoice_number: { type: ['string', 'null'] } } };

describe('Extend ids', () => {
  it('extractors ex_, versions exv_, runs exr_, files file_; the core ids still find them', async () => {
    const extractor = await call('POST', '/extractors', { name: 'Invoices', config: { schema } });
    expect(extractor.json.id).toMatch(/^ex_[a-z2-7]{20}$/);
    expect(extractor.json.draftVersion.id).toMatch(/^exv_[a-z2-7]{20}_draft$/);
    const version = await call('POST', `/extractors/${extractor.json.id}/versions`, { releaseType: 'major' });
    expect(version.json.id).toMatch(/^exv_[a-z2-7]{20}$/);
    expect(version.json.extractorId).toBe(extractor.json.id);
    expect((await call('GET', `/extractors/${extractor.json.id}/versions/${version.json.id}`)).json.version).toBe('1.0');
    expect((await call('GET', `/extractors/${extractor.json.id}/versions/${extractor.json.draftVersion.id}`)).json.version).toBe('draft');

    const run = await call('POST', '/extract_runs', { extractor: { id: extractor.json.id }, file: { text: 'Invoice number: INV-1' } });
    expect(run.status).toBe(200);
    expect(run.json.id).toMatch(/^exr_[a-z2-7]{20}$/);
    expect(run.json.file.id).toMatch(/^file_[a-z2-7]{20}$/);
    expect(run.json.extractor.id).toBe(extractor.json.id);

    // docsift's own ids (as the native API and earlier answers show them) find the same objects.
    expect((await call('GET', `/extractors/${fromExtendId(extractor.json.id)}`)).json.id).toBe(extractor.json.id);
    expect((await call('GET', `/extract_runs/${fromExtendId(run.json.id)}`)).json.id).toBe(run.json.id);
    expect((await call('GET', `/files/${fromExtendId(run.json.file.id)}`)).json.id).toBe(run.json.file.id);
    expect((await call('GET', `/extract_runs/${run.json.id}`)).status).toBe(200);
  });
});
