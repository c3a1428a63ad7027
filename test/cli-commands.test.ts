import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentPath } from './fixtures/documents.js';
import { type CliRun, runDocsift } from './helpers/run-cli.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

const INVOICE_PDF = documentPath('data/extractthinker/invoice.pdf');

let t: TestApp;
let baseUrl: string;
let dir: string;


/** Runs `bin/docsift.mjs` as a real child process (not a pipe-blocking exec: this process serves the API). */
function docsift(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runDocsift(args, { cwd: dir, env: { DOCSIFT_URL: baseUrl, DOCSIFT_API_KEY: t.apiKey, ...env } });
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-cli-'));
  fs.writeFileSync(path.join(dir, 'invoice.txt'), 'INVOICE\nInvoice number: INV-8100\nInvoice date: 2024-05-02\nTotal: 99.50 EUR\n');
  fs.writeFileSync(path.join(dir, 'corrupt.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 7)]));
  fs.writeFileSync(
    path.join(dir, 'parser.json'),
    JSON.stringify({ name: 'CLI parser', description: 'orders', fields: [{ name: 'order_id', type: 'String', description: 'The order id' }] }),
  );
});
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('docsift CLI (child process against a real server)', () => {
  it('exit 1 on usage errors: no command, unknown command, bad option; the help lists every exit code', async () => {
    const none = await docsift([]);
    expect(none.code).toBe(1);
    const codes = (help: string) => [...help.matchAll(/^ {2}(\d) {2}\S/gm)].map((m) => Number(m[1]));
    expect(codes(none.stdout)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(none.stdout).toMatch(/^ {2}5 {2}not authenticated /m);
    expect(none.stdout).toMatch(/^ {2}6 {2}not found /m);
    expect(codes((await docsift(['status', '--help'])).stdout)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect((await docsift(['frobnicate'])).code).toBe(1);
    const badOption = await docsift(['status', '--nope']);
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toMatch(/Unknown option '--nope'/);
    expect((await docsift(['submit', 'missing.pdf'])).code).toBe(1);
    expect((await docsift(['submit', '--help'])).code).toBe(0);
  });

  it('submit --wait --json: progress on stderr, results on stdout, exit 0', async () => {
    const r = await docsift(['submit', INVOICE_PDF, 'invoice.txt', '--type', 'invoice', '--wait', '--json']);
    expect(r.stderr).toMatch(/progress: \d+\/2 documents finished/);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results.extraction.status).toBe('completed');
    const byName = Object.fromEntries(results.documents.map((d: { filename: string; data: Record<string, unknown> }) => [d.filename, d.data]));
    expect(byName['invoice.pdf'].invoice_number).toBe('00012');
    expect(byName['invoice.txt'].invoice_number).toBe('INV-8100');
  });

  it('submit, status, results and export by id; a batch split into several extractions', async () => {
    const submitted = await docsift(['submit', 'invoice.txt', 'invoice.txt', 'invoice.txt', '--batch-size', '2', '--json']);
    expect(submitted.code).toBe(0);
    const extractions = JSON.parse(submitted.stdout) as Array<{ extraction_id: string; documents: unknown[] }>;
    expect(extractions.map((e) => e.documents.length)).toEqual([2, 1]);
    const ids = extractions.map((e) => e.extraction_id);

    const status = await docsift(['status', ...ids, '--wait']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`${ids[0]}\\s+completed\\s+2\\s+2\\s+0`));

    const results = await docsift(['results', ids[0], '--data-only']);
    expect(results.code).toBe(0);
    expect(JSON.parse(results.stdout)[0].data.invoice_number).toBe('INV-8100');

    const csv = await docsift(['export', ids[0], '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('INV-8100');
    const xlsx = await docsift(['export', ids[1], '--format', 'xlsx', '--out', 'out.xlsx']);
    expect(xlsx.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect((await docsift(['export', ids[0], '--format', 'pdf'])).code).toBe(1);

    const recent = await docsift(['status', '--json']);
    expect(JSON.parse(recent.stdout).map((e: { extraction_id: string }) => e.extraction_id)).toEqual(expect.arrayContaining(ids));
  });

  it('exit 3 when a document fails, 6 when not found, 5 when not authenticated, 2 on another API error, 4 when the server is unreachable', async () => {
    const failed = await docsift(['submit', 'corrupt.pdf', 'invoice.txt', '--wait']);
    expect(failed.code).toBe(3);
    expect(failed.stdout).toMatch(/corrupt\.pdf\s+failed.*PROCESSING_ERROR \(FILE_CORRUPT\): /);
    const id = /(ext_\w+)/.exec((await docsift(['status', '--status', 'partial', '--json'])).stdout)?.[1];
    expect(id).toBeTruthy();
    expect((await docsift(['status', id!])).code).toBe(3);
    expect((await docsift(['results', id!])).code).toBe(3);

    const notFound = await docsift(['status', 'ext_doesnotexist']);
    expect(notFound.code).toBe(6);
    expect(notFound.stderr).toContain('NOT_FOUND (HTTP 404)');
    expect((await docsift(['results', 'ext_doesnotexist'])).code).toBe(6);
    const badKey = await docsift(['usage'], { DOCSIFT_API_KEY: 'dsk_wrong' });
    expect(badKey.code).toBe(5);
    expect(badKey.stderr).toContain('(HTTP 401)');
    // A wrong key for a missing extraction is "not authenticated": the server never looks it up.
    expect((await docsift(['status', 'ext_doesnotexist'], { DOCSIFT_API_KEY: 'dsk_wrong' })).code).toBe(5);
    const noKey = await docsift(['status'], { DOCSIFT_API_KEY: '' });
    expect(noKey.code).toBe(5);
    expect(noKey.stderr).toContain('DOCSIFT_API_KEY');
    // Any other error the server answers stays 2.
    fs.writeFileSync(path.join(dir, 'bad-parser.json'), JSON.stringify({ name: 'bad', fields: [{ name: 'x', type: 'NoSuchType' }] }));
    const invalid = await docsift(['parsers', 'create', 'bad-parser.json']);
    expect(invalid.stderr).toMatch(/\(HTTP 4(00|22)\)/);
    expect(invalid.code).toBe(2);

    const down = await docsift(['status', '--timeout', '2'], { DOCSIFT_URL: 'http://127.0.0.1:1' });
    expect(down.code).toBe(4);
    expect(down.stderr).toContain('retrying');
  });

  it('parsers, keys, webhooks and usage', async () => {
    const created = await docsift(['parsers', 'create', 'parser.json', '--json']);
    expect(created.code).toBe(0);
    const parserId = JSON.parse(created.stdout).parser_id as string;
    expect((await docsift(['parsers', 'list'])).stdout).toContain(parserId);
    const published = await docsift(['parsers', 'publish', parserId, '--description', 'first']);
    expect(published.stdout).toContain(`published ${parserId}`);
    expect(JSON.parse((await docsift(['parsers', 'versions', parserId, '--json'])).stdout)).toHaveLength(1);
    expect((await docsift(['parsers', 'frob'])).code).toBe(1);

    const key = JSON.parse((await docsift(['keys', 'create', 'ci key', '--json'])).stdout) as { api_key_id: string; key: string };
    expect(key.key).toBeTruthy();
    expect((await docsift(['keys', 'list'], { DOCSIFT_API_KEY: key.key })).stdout).toContain(key.api_key_id);
    expect((await docsift(['keys', 'revoke', key.api_key_id])).code).toBe(0);
    expect((await docsift(['keys', 'list'], { DOCSIFT_API_KEY: key.key })).code).toBe(5);

    const hook = JSON.parse((await docsift(['webhooks', 'create', 'http://127.0.0.1:9/hook', '--events', 'extraction.completed,extraction.failed', '--json'])).stdout);
    expect(hook.secret).toMatch(/^whsec_/);
    expect((await docsift(['webhooks'])).stdout).toContain(hook.webhook_id);
    const test = await docsift(['webhooks', 'test', hook.webhook_id]);
    expect(test.stdout).toMatch(/queued test delivery/);
    expect((await docsift(['webhooks', 'deliveries', hook.webhook_id, '--json'])).code).toBe(0);
    expect((await docsift(['webhooks', 'delete', hook.webhook_id])).code).toBe(0);

    const usage = await docsift(['usage', '--json']);
    expect(usage.code).toBe(0);
    expect(JSON.parse(usage.stdout).usage.totals.documents).toBeGreaterThan(0);
    expect((await docsift(['usage'])).stdout).toMatch(/\d+ documents/);
  });

  it('extract runs the local pipeline offline (no server, no key)', async () => {
    const r = await docsift(['extract', INVOICE_PDF], { DOCSIFT_URL: 'http://127.0.0.1:1', DOCSIFT_API_KEY: '' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ filename: 'invoice.pdf', document_type: 'invoice' });
    expect((await docsift(['extract'])).code).toBe(1);
    expect((await docsift(['extract', 'corrupt.pdf'])).code).toBe(3);
  });
});
