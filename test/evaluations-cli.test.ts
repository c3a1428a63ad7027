import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocsiftApiError, DocsiftClient } from '../packages/client/src/index.js';
import { type CliRun, runDocsift } from './helpers/run-cli.js';
import { createTestApp, type TestApp } from './helpers/test-core.js';

/** `docsift eval …` as a child process and the client's `evaluations` methods, against a real listening server. */

const FIELDS = [
  { name: 'order_number', type: 'String', description: 'Order number' },
  { name: 'total', type: 'Number', description: 'Total' },
];

let t: TestApp;
let baseUrl: string;
let dir: string;
let api: DocsiftClient;
let parserId: string;
const documentIds: string[] = [];
const extractionIds: string[] = [];

function docsift(args: string[]): Promise<CliRun> {
  return runDocsift(args, { cwd: dir, env: { DOCSIFT_URL: baseUrl, DOCSIFT_API_KEY: t.apiKey } });
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  api = new DocsiftClient({ baseUrl, apiKey: t.apiKey });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-eval-cli-'));
  parserId = (await api.parsers.create({ name: 'Orders', description: 'orders', fields: FIELDS } as never)).parser_id;
  await api.parsers.versions.publish(parserId);
  // Two reviewed documents (reviewed unchanged: the engine reads them right).
  for (const [n, total] of [['PO-2001', '12.50'], ['PO-2002', '40.00']]) {
    const { documents } = await api.extractions.createAndPoll({ text: `Order number: ${n}\nTotal: ${total}\n`, parser_id: parserId }, { intervalMs: 50 });
    await api.extractions.review(documents[0].extraction_id, documents[0].document_id, {});
    documentIds.push(documents[0].document_id);
    extractionIds.push(documents[0].extraction_id);
  }
  fs.writeFileSync(path.join(dir, 'order.txt'), 'Order number: PO-2003\nTotal: 99.00\n');
  fs.writeFileSync(path.join(dir, 'expected.json'), JSON.stringify({ order_number: 'PO-2003', total: 99 }));
}, 60_000);
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('docsift eval and the client', () => {
  it('creates a set, adds reviewed documents and a file, runs two versions and compares them', async () => {
    const created = await docsift(['eval', 'create', 'CLI set', '--parser', parserId, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const setId: string = JSON.parse(created.stdout).evaluation_set_id;

    const added = await docsift(['eval', 'add', setId, '--document', documentIds[0], '--document', documentIds[1], 'order.txt', '--expected', 'expected.json']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim().split('\n')).toHaveLength(3);
    expect(added.stdout).toContain('order.txt');

    const first = await docsift(['eval', 'run', setId, '--version', '1', '--wait', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const v1 = JSON.parse(first.stdout);
    expect(v1.status).toBe('completed');
    expect(v1.summary.fields.map((f: { field: string; accuracy: number }) => [f.field, f.accuracy])).toEqual([['order_number', 1], ['total', 1]]);

    // Version 2 reads total as a Boolean: that field regresses.
    await api.parsers.update(parserId, { fields: [FIELDS[0], { ...FIELDS[1], type: 'Boolean' }] } as never);
    await api.parsers.versions.publish(parserId);
    // Through the client this time: start, wait, compare.
    const started = await api.evaluations.run(setId, { parser_version: 2 });
    const v2 = await api.evaluations.waitForRun(started.evaluation_run_id, { intervalMs: 50 });
    expect(v2.summary?.fields.find((f) => f.field === 'total')?.accuracy).toBe(0);
    const comparison = await api.evaluations.compare(v1.evaluation_run_id, v2.evaluation_run_id);
    expect(comparison.worse).toEqual(['total']);

    const shown = await docsift(['eval', 'show', v1.evaluation_run_id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/overall F1 100\.0%/);
    expect(shown.stdout).toMatch(/order_number\s+string\s+3\s+3\s+0\s+0/);
    expect(shown.stdout).toContain('CONFIDENCE');

    const compared = await docsift(['eval', 'compare', v1.evaluation_run_id, v2.evaluation_run_id]);
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stdout).toContain('better: none; worse: total');
    expect(compared.stdout).toMatch(/total\s+100\.0%\s+0\.0%\s+-100\.0/);
    const comparedJson = JSON.parse((await docsift(['eval', 'compare', v1.evaluation_run_id, v2.evaluation_run_id, '--json'])).stdout);
    expect(comparedJson.items).toHaveLength(3);

    const set = await docsift(['eval', 'show', setId, '--json']);
    expect(JSON.parse(set.stdout)).toMatchObject({ item_count: 3, runs: [{ evaluation_run_id: v2.evaluation_run_id }, { evaluation_run_id: v1.evaluation_run_id }] });
    const list = await docsift(['eval', 'list']);
    expect(list.stdout).toContain('CLI set');

    // Errors: a missing object is exit 6 (not found), bad arguments exit 1.
    const missing = await docsift(['eval', 'show', 'evr_missing']);
    expect(missing.code).toBe(6);
    expect(missing.stderr).toContain('NOT_FOUND');
    expect((await docsift(['eval', 'add', setId, 'order.txt'])).code).toBe(1);
    await expect(api.evaluations.getSet('evs_missing')).rejects.toBeInstanceOf(DocsiftApiError);

    const deleted = await docsift(['eval', 'delete', setId]);
    expect(deleted.code, deleted.stderr).toBe(0);
    // The set's source documents stay.
    for (const [i, id] of documentIds.entries()) expect((await api.extractions.document(extractionIds[i], id)).reviewed).toBe(true);
  }, 120_000);
});
