import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyKeys } from '../src/usage/idempotency-keys.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { multipartBody } from './helpers/multipart-body.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

describe('Idempotency-Key on creating POSTs', () => {
  let t: TestApp;
  let pdf: Buffer;
  const auth = () => ({ 'x-api-key': t.apiKey });

  beforeAll(async () => {
    // No workers: jobs stay queued, so the number of queued jobs shows how many submits really ran.
    t = await createTestApp({ startWorkers: false });
    pdf = await makePdf([sampleInvoiceLines()]);
  });
  afterAll(() => t.close());

  const submitJson = (key: string | undefined, payload: Record<string, unknown>, apiKey = t.apiKey) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/extractions',
      headers: { 'x-api-key': apiKey, ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });

  const submitPdf = (key: string, content: Buffer) => {
    // A fresh random boundary each time, as a client rebuilding its form would send.
    const body = multipartBody([
      { name: 'file', filename: 'invoice.pdf', content, contentType: 'application/pdf' },
      { name: 'metadata', value: '{"order":"A-1"}' },
    ]);
    return t.app.inject({ method: 'POST', url: '/v1/extractions', headers: { ...auth(), ...body.headers, 'idempotency-key': key }, payload: body.payload });
  };

  const countRows = async (table: 'extractions' | 'templates' | 'files') =>
    Number((await t.core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  // Through the queue's own count, whichever store holds the jobs.
  const countJobs = async () => Object.values(await t.core.queue.stats()).reduce((a, b) => a + b, 0);

  it('replays the first response for the same key and body, without a second extraction or job', async () => {
    const [extractionsBefore, jobsBefore] = [await countRows('extractions'), await countJobs()];
    const first = await submitJson('submit-1', { text: 'Invoice INV-7 total 70.00', metadata: { a: 1, b: 2 } });
    expect(first.statusCode).toBe(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same object with its keys in another order is the same request.
    const again = await submitJson('submit-1', { metadata: { b: 2, a: 1 }, text: 'Invoice INV-7 total 70.00' });
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/application\/json/);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['x-ratelimit-limit']).toBeDefined();
    expect(await countRows('extractions')).toBe(extractionsBefore + 1);
    expect(await countJobs()).toBe(jobsBefore + 1);
  });

  it('answers 422 IDEMPOTENCY_MISMATCH when the key comes back with another body', async () => {
    expect((await submitJson('submit-2', { text: 'Invoice INV-8 total 80.00' })).statusCode).toBe(202);
    const other = await submitJson('submit-2', { text: 'Invoice INV-9 total 90.00' });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(other.json().error.message).toMatch(/different request body/);
    // Another route with the same key is another request too.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/v1/parsers',
      headers: { ...auth(), 'idempotency-key': 'submit-2' },
      payload: { name: 'x', description: 'x', fields: [{ name: 'total', type: 'Number', description: 'Total' }] },
    });
    expect(elsewhere.statusCode).toBe(422);
  });

  it('hashes multipart bodies by their bytes, whatever boundary the client picked', async () => {
    const before = await countRows('extractions');
    const first = await submitPdf('upload-1', pdf);
    expect(first.statusCode, first.body).toBe(202);
    const again = await submitPdf('upload-1', pdf);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().extraction.extraction_id).toBe(first.json().extraction.extraction_id);
    expect(await countRows('extractions')).toBe(before + 1);

    const otherFile = await submitPdf('upload-1', await makePdf([sampleInvoiceLines(2001)]));
    expect(otherFile.statusCode).toBe(422);
    expect(otherFile.json().error.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('covers other creating POSTs: parsers and files', async () => {
    const parsers = await countRows('templates');
    const body = { name: 'Idempotent parser', description: 'x', fields: [{ name: 'total', type: 'Number', description: 'Total' }] };
    const create = () => t.app.inject({ method: 'POST', url: '/v1/parsers', headers: { ...auth(), 'idempotency-key': 'parser-1' }, payload: body });
    const [a, b] = [await create(), await create()];
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().parser.parser_id).toBe(a.json().parser.parser_id);
    expect(await countRows('templates')).toBe(parsers + 1);

    const files = await countRows('files');
    const upload = () => {
      const form = multipartBody([{ name: 'file', filename: 'note.txt', content: Buffer.from('Receipt total 5.00\n'), contentType: 'text/plain' }]);
      return t.app.inject({ method: 'POST', url: '/v1/files', headers: { ...auth(), ...form.headers, 'idempotency-key': 'file-1' }, payload: form.payload });
    };
    const [f1, f2] = [await upload(), await upload()];
    expect(f1.statusCode, f1.body).toBeLessThan(300);
    expect(f2.json().file.file_id).toBe(f1.json().file.file_id);
    expect(await countRows('files')).toBe(files + 1);
  });

  it('releases the key when the request fails, so a corrected retry can use it', async () => {
    const bad = await submitJson('fix-me', { text: 'Invoice', detection_type: 'passport' });
    expect(bad.statusCode).toBe(400);
    const fixed = await submitJson('fix-me', { text: 'Invoice', detection_type: 'invoice' });
    expect(fixed.statusCode).toBe(202);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('scopes keys to the API key: another key may reuse the same key string', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: auth(), payload: { name: 'second' } });
    const second = created.json().api_key.key as string;
    const a = await submitJson('shared-key', { text: 'Invoice INV-10' });
    const b = await submitJson('shared-key', { text: 'Invoice INV-10' }, second);
    expect(b.statusCode).toBe(202);
    expect(b.json().extraction.extraction_id).not.toBe(a.json().extraction.extraction_id);
  });

  it('refuses a malformed key and ignores the header on GET', async () => {
    const tooLong = await submitJson('k'.repeat(256), { text: 'x' });
    expect(tooLong.statusCode).toBe(400);
    const read = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: { ...auth(), 'idempotency-key': 'k'.repeat(300) } });
    expect(read.statusCode).toBe(200);
  });

  it('creates one extraction for two concurrent identical submits over real HTTP', async () => {
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const before = await countRows('extractions');
    const send = () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'invoice.pdf');
      form.append('metadata', '{"batch":"concurrent"}');
      return fetch(`${address}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': t.apiKey, 'idempotency-key': 'race-1' } });
    };
    const [a, b] = await Promise.all([send(), send()]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as Array<{ extraction: { extraction_id: string } }>;
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(ja.extraction.extraction_id).toBe(jb.extraction.extraction_id);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].filter(Boolean)).toEqual(['true']);
    expect(await countRows('extractions')).toBe(before + 1);
  });
});

describe('IdempotencyKeys (store)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ startWorkers: false });
  });
  afterAll(() => t.close());

  const scope = (key: string) => ({ tenantId: 'ten_a', apiKeyId: 'key_a', key });
  const response = { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };

  it('makes a concurrent duplicate wait and replay, or 409 when the first runs too long', async () => {
    const keys = new IdempotencyKeys({ db: t.core.db, waitMs: 300 });
    const first = await keys.reserve(scope('slow'), 'h1');
    expect(first.kind).toBe('run');
    await expect(keys.reserve(scope('slow'), 'h1')).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });

    const waiting = keys.reserve(scope('slow'), 'h1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await keys.complete(scope('slow'), (first as { lockToken: string }).lockToken, response);
    expect(await waiting).toEqual({ kind: 'replay', response });
  });

  it('lets a new request take over a pending key whose holder died', async () => {
    let now = Date.UTC(2030, 0, 1);
    const keys = new IdempotencyKeys({ db: t.core.db, lockMs: 1000, waitMs: 0, now: () => now });
    const dead = await keys.reserve(scope('orphan'), 'h');
    now += 1500;
    const taken = await keys.reserve(scope('orphan'), 'h');
    expect(taken.kind).toBe('run');
    // The dead holder can no longer complete it.
    await keys.complete(scope('orphan'), (dead as { lockToken: string }).lockToken, response);
    const row = await t.core.db.selectFrom('idempotency_keys').select('state').where('idempotency_key', '=', 'orphan').executeTakeFirstOrThrow();
    expect(row.state).toBe('pending');
  });

  it('forgets keys after 24 hours and purges expired rows', async () => {
    let now = Date.UTC(2030, 0, 2);
    const keys = new IdempotencyKeys({ db: t.core.db, now: () => now });
    const first = await keys.reserve(scope('daily'), 'h-old');
    await keys.complete(scope('daily'), (first as { lockToken: string }).lockToken, response);
    now += 23 * 3600_000;
    await expect(keys.reserve(scope('daily'), 'h-new')).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    now += 2 * 3600_000;
    expect((await keys.reserve(scope('daily'), 'h-new')).kind).toBe('run');

    const stale = await keys.reserve(scope('stale'), 'h');
    await keys.complete(scope('stale'), (stale as { lockToken: string }).lockToken, response);
    now += 25 * 3600_000;
    expect(await keys.purgeExpired()).toBeGreaterThanOrEqual(2);
    const left = await t.core.db.selectFrom('idempotency_keys').select('idempotency_key').where('idempotency_key', 'in', ['daily', 'stale']).execute();
    expect(left).toEqual([]);
  });
});
