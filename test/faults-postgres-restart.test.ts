import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { startPgCluster, type PgCluster } from './helpers/pg-cluster.js';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.js';
import { canRun, postgresBinariesMissing, postgresServerMissing } from './helpers/requirements.js';
import { startServer, type ServerProcess } from './helpers/server-process.js';
import { startWorker, type WorkerProcess } from './helpers/worker-process.js';

/**
 * Postgres restarted mid-run: one API process and two worker processes on a cluster of the test's own
 * (initdb'd in a temp dir on a free loopback port; the shared cluster of `.ci/run` can't be restarted
 * under the other suites). It runs in `.ci/run`'s Postgres pass (DOCSIFT_TEST_DATABASE_URL set) and is
 * skipped, saying why, in the SQLite pass and wherever the PostgreSQL binaries are missing.
 */
const runs = canRun('test/faults-postgres-restart.test.ts (Postgres restarted mid-run)', 'postgres', postgresServerMissing(), postgresBinariesMissing());

type Extraction = { extraction_id: string; status: string; documents: Array<{ document_id: string; status: string }> };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!runs)('Postgres restarted mid-run (fault test)', () => {
  let cluster: PgCluster;
  let database: TestDatabase;
  let api: ServerProcess;
  const workers: WorkerProcess[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-fault-pg-restart-'));

  beforeAll(async () => {
    cluster = await startPgCluster();
    database = await createTestDatabase(cluster.url);
    // One machine: the API and the workers share the data dir, hence the fs blob store.
    // A short lease, so a job whose completion was cut off by the restart is taken over within seconds.
    const env = { DATABASE_URL: database.url, DOCSIFT_JOB_LEASE_SECONDS: '3', DOCSIFT_WORKER_CONCURRENCY: '2' };
    api = await startServer({ dataDir, env: { ...env, DOCSIFT_WORKER_CONCURRENCY: '0' } });
    for (let i = 0; i < 2; i++) workers.push(await startWorker({ ...env, DOCSIFT_DATA_DIR: dataDir }));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await api?.kill('SIGKILL');
    await database?.drop().catch(() => undefined);
    await cluster?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const auth = () => ({ 'x-api-key': api.apiKey! });
  const submit = async (count: number, label: string) => {
    const form = new FormData();
    for (let i = 0; i < count; i++) {
      // Several pages each, so documents are still being worked on when the server goes away.
      const pdf = await makePdf(Array.from({ length: 6 }, (_, p) => sampleInvoiceLines(1000 + i * 10 + p)));
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), `${label}-${i}.pdf`);
    }
    return fetch(`${api.url}/v1/extractions`, { method: 'POST', body: form, headers: auth() });
  };
  const getExtraction = async (id: string) => {
    const res = await fetch(`${api.url}/v1/extractions/${id}`, { headers: auth() });
    return { status: res.status, extraction: res.status === 200 ? ((await res.json()) as { extraction: Extraction }).extraction : undefined };
  };
  const waitFinal = async (id: string, timeoutMs: number): Promise<Extraction> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { extraction } = await getExtraction(id);
      if (extraction && !['queued', 'processing'].includes(extraction.status)) return extraction;
      if (Date.now() > deadline) throw new Error(`extraction ${id} still ${extraction?.status ?? 'unreadable'}\n${workers[0]!.output().slice(-3000)}`);
      await sleep(200);
    }
  };

  it('the API and the workers recover without a restart, and every document completes', async () => {
    const first = await submit(24, 'before');
    expect(first.status, await first.clone().text()).toBe(202);
    const firstId = ((await first.json()) as { extraction: Extraction }).extraction.extraction_id;

    // Restart once work is under way and some is still waiting: jobs are in flight when the server goes.
    const underWay = Date.now() + 60_000;
    for (;;) {
      const { extraction } = await getExtraction(firstId);
      const states = extraction!.documents.map((d) => d.status);
      if (states.some((s) => s !== 'queued') && states.filter((s) => s === 'queued').length >= 4) break;
      if (Date.now() > underWay) throw new Error(`the batch never got under way: ${states.join(',')}`);
      await sleep(50);
    }
    await cluster.stop();

    // While the database is down the API answers, with clear 503s: nothing hangs and nothing crashes.
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    const during = await submit(1, 'during');
    expect(during.status, await during.clone().text()).toBe(503);
    expect(((await during.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    expect((await getExtraction(firstId)).status).toBe(503);
    // Long enough for heartbeats, polls and maintenance of every process to fail at least once.
    await sleep(4_000);
    await cluster.start();

    // Every process is the one started before the restart.
    for (const p of [api, ...workers]) expect(p.proc.exitCode, p.output().slice(-4000)).toBeNull();
    const readyDeadline = Date.now() + 30_000;
    while ((await fetch(`${api.url}/readyz`)).status !== 200) {
      if (Date.now() > readyDeadline) throw new Error('the API did not become ready again within 30 s');
      await sleep(200);
    }

    // New work is accepted and done, and the batch cut off by the restart finishes: no document lost.
    const second = await submit(4, 'after');
    expect(second.status, await second.clone().text()).toBe(202);
    const secondId = ((await second.json()) as { extraction: Extraction }).extraction.extraction_id;
    const done = [await waitFinal(firstId, 150_000), await waitFinal(secondId, 60_000)];
    for (const extraction of done) {
      expect(extraction.status, JSON.stringify(extraction.documents)).toBe('completed');
      expect(extraction.documents.every((d) => d.status === 'completed')).toBe(true);
    }
    expect(done[0]!.documents).toHaveLength(24);
    expect(done[1]!.documents).toHaveLength(4);
    // Each document billed exactly once, though some ran twice (a job whose lease ran out during the outage).
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      const { rows } = await sql.query(
        `SELECT d.id, (SELECT count(*)::int FROM usage_records u WHERE u.document_id = d.id) AS records
         FROM documents d WHERE d.extraction_id = ANY($1)`,
        [[firstId, secondId]],
      );
      expect(rows).toHaveLength(28);
      expect(rows.filter((r) => r.records !== 1)).toEqual([]);
    } finally {
      await sql.end();
    }
    for (const p of [api, ...workers]) expect(p.proc.exitCode, p.output().slice(-4000)).toBeNull();
  }, 300_000);
});
