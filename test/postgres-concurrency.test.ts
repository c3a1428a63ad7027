import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveExtractionStatus } from '../src/documents/extraction-status.js';
import { makePdf, sampleInvoiceLines } from './helpers/make-pdf.js';
import { testDatabaseUrl } from './helpers/postgres.js';
import { startProcessCluster, type ProcessCluster } from './helpers/process-cluster.js';
import { startRecordingReceiver } from './helpers/recording-receiver.js';
import { startWorker } from './helpers/worker-process.js';

/**
 * The invariants docsift keeps on Postgres without a global lock (ARCHITECTURE.md, "Concurrency on
 * Postgres"), checked with real processes racing on one database: two API nodes and three worker
 * processes. Postgres only: runs when DOCSIFT_TEST_DATABASE_URL is set (.ci/run's second pass).
 */
const serverUrl = testDatabaseUrl();
/**
 * DOCSIFT_TEST_REPEATS=20 runs each test 20 more times in a row on the same processes (how BENCHMARKS.md's
 * "20 times in a row" was measured); unset, each runs once.
 */
const REPEATS = Number(process.env.DOCSIFT_TEST_REPEATS ?? 0);
const runs = (timeoutMs: number) => ({ repeats: REPEATS, timeout: timeoutMs * (REPEATS + 1) });

type File = { name: string; bytes: Buffer };
const note = (i: number): File => ({ name: `note-${i}.txt`, bytes: Buffer.from(`Invoice INV-${i}\nTotal: ${i + 1}.00 EUR\n`) });
const corrupt = (i: number): File => ({ name: `broken-${i}.pdf`, bytes: Buffer.from('%PDF-1.7\nthis is not a PDF body at all\n%%EOF\n') });

describe.skipIf(!serverUrl)('concurrency invariants on Postgres, several processes on one database', () => {
  let cluster: ProcessCluster;
  let receiver: Awaited<ReturnType<typeof startRecordingReceiver>>;

  beforeAll(async () => {
    receiver = await startRecordingReceiver();
    cluster = await startProcessCluster(serverUrl!, {
      apis: 2,
      workers: 3,
      env: { DOCSIFT_WORKER_CONCURRENCY: '2', DOCSIFT_JOB_LEASE_SECONDS: '3', DOCSIFT_ALLOW_PRIVATE_NETWORK: 'true' },
    });
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    await receiver?.close();
  });

  /** POST /v1/extractions on the i-th API node (round robin), answering the status and the body. */
  async function submit(i: number, files: File[], headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const form = new FormData();
    for (const f of files) form.append('file', new Blob([f.bytes]), f.name);
    form.append('webhook_url', `${receiver.url}/hooks`);
    const api = cluster.apis[i % cluster.apis.length]!;
    const res = await fetch(`${api.url}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': cluster.apiKey, ...headers } });
    return { status: res.status, body: await res.json() };
  }

  async function waitAllFinal(ids: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await cluster.sql.query(`SELECT count(*)::int AS n FROM extractions WHERE id = ANY($1) AND status IN ('queued', 'processing')`, [ids]);
      if (rows[0].n === 0) return;
      if (Date.now() > deadline) throw new Error(`${rows[0].n} of ${ids.length} extractions still unfinished`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Every extraction's stored status is the one its documents give; every finished document has exactly
   * one usage record and one document event; every extraction that ended (other than cancelled) has
   * exactly one extraction event; no job is left queued or running.
   */
  async function expectConsistent(ids: string[]): Promise<void> {
    const { rows: docs } = await cluster.sql.query(
      `SELECT d.id, d.extraction_id, d.status,
         (SELECT count(*)::int FROM usage_records u WHERE u.document_id = d.id) AS records,
         (SELECT count(*)::int FROM webhook_deliveries w WHERE w.document_id = d.id AND w.event_type LIKE 'document.%') AS events
       FROM documents d WHERE d.extraction_id = ANY($1)`,
      [ids],
    );
    const { rows: extractions } = await cluster.sql.query(
      `SELECT e.id, e.status, e.completed_at,
         (SELECT count(*)::int FROM webhook_deliveries w WHERE w.extraction_id = e.id AND w.event_type LIKE 'extraction.%') AS events
       FROM extractions e WHERE e.id = ANY($1)`,
      [ids],
    );
    expect(extractions).toHaveLength(ids.length);
    for (const extraction of extractions) {
      const mine = docs.filter((d) => d.extraction_id === extraction.id);
      expect(extraction.status).toBe(deriveExtractionStatus(mine.map((d) => d.status)));
      expect(extraction.completed_at).not.toBeNull();
      expect(extraction.events).toBe(extraction.status === 'cancelled' ? 0 : 1);
    }
    for (const doc of docs) {
      const finished = doc.status === 'completed' || doc.status === 'failed';
      expect({ id: doc.id, records: doc.records, events: doc.events }).toEqual({ id: doc.id, records: finished ? 1 : 0, events: finished ? 1 : 0 });
    }
    // A job is marked completed just after its document's transaction commits (or, when its lease ran
    // out under load, after another worker found the document finished and did nothing): wait for it.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { rows: open } = await cluster.sql.query(
        `SELECT count(*)::int AS n FROM jobs WHERE name = 'document.process' AND payload::jsonb->>'documentId' = ANY($1) AND state IN ('queued', 'active')`,
        [docs.map((d) => d.id)],
      );
      if (open[0].n === 0) break;
      if (Date.now() > deadline) throw new Error(`${open[0].n} jobs of finished documents are still open`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // ...and a job run late changed nothing: the counts above still hold.
    const { rows: again } = await cluster.sql.query(
      `SELECT count(*)::int AS n FROM usage_records WHERE document_id = ANY($1)`,
      [docs.map((d) => d.id)],
    );
    expect(again[0].n).toBe(docs.filter((d) => d.status === 'completed' || d.status === 'failed').length);
  }

  it('accepts exactly 10 of 50 concurrent 1-page submits against a balance of 10, across two API nodes', runs(120_000), async () => {
    const { rows } = await cluster.sql.query(`UPDATE tenants SET credits_balance = 10 RETURNING id`);
    const tenantId = rows[0].id as string;
    try {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => submit(i, [note(i)])));
      const accepted = answers.filter((a) => a.status === 202);
      const refused = answers.filter((a) => a.status === 402);
      expect(accepted).toHaveLength(10);
      expect(refused).toHaveLength(40);
      expect(refused.every((a) => a.body.error.code === 'INSUFFICIENT_CREDITS')).toBe(true);
      const ids = accepted.map((a) => a.body.extraction.extraction_id as string);
      const balance = await cluster.sql.query(`SELECT credits_balance FROM tenants WHERE id = $1`, [tenantId]);
      expect(Number(balance.rows[0].credits_balance)).toBe(0);
      // Every accepted submit is charged once and only accepted submits left rows.
      const charges = await cluster.sql.query(`SELECT extraction_id, sum(credits)::int AS credits FROM credit_charges WHERE extraction_id = ANY($1) GROUP BY extraction_id`, [ids]);
      expect(charges.rows).toHaveLength(10);
      expect(charges.rows.every((r) => r.credits === 1)).toBe(true);
      const names = answers.map((_, i) => `note-${i}.txt`);
      const docs = await cluster.sql.query(`SELECT count(*)::int AS n FROM documents d JOIN extractions e ON e.id = d.extraction_id WHERE d.filename = ANY($1) AND e.id = ANY($2)`, [names, ids]);
      expect(docs.rows[0].n).toBe(10);
      await waitAllFinal(ids, 60_000);
      await expectConsistent(ids);
    } finally {
      await cluster.sql.query(`UPDATE tenants SET credits_balance = NULL WHERE id = $1`, [tenantId]);
    }
  });

  it('creates one extraction for 20 concurrent requests with the same Idempotency-Key, replaying it to the rest', runs(120_000), async () => {
    const key = `race-${randomBytes(6).toString('hex')}`;
    const files = [{ name: `${key}.txt`, bytes: Buffer.from(`Invoice ${key}\nTotal: 9.00 EUR\n`) }];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(i, files, { 'idempotency-key': key })));
    // A duplicate waits for the first and replays it; 409 only if the first took longer than 10 s.
    expect(answers.every((a) => a.status === 202 || a.status === 409)).toBe(true);
    const ids = new Set(answers.filter((a) => a.status === 202).map((a) => a.body.extraction.extraction_id as string));
    expect(ids.size).toBe(1);
    const { rows } = await cluster.sql.query(`SELECT extraction_id FROM documents WHERE filename = $1`, [`${key}.txt`]);
    expect(rows.map((r) => r.extraction_id)).toEqual([...ids]);
    const keys = await cluster.sql.query(`SELECT state FROM idempotency_keys WHERE idempotency_key = $1`, [key]);
    expect(keys.rows).toEqual([{ state: 'completed' }]);
    await waitAllFinal([...ids], 60_000);
    await expectConsistent([...ids]);
  });

  it('derives each extraction status once from all its documents when workers finish them at the same time', runs(150_000), async () => {
    // One wide extraction (documents of it finish side by side on all six slots), some narrower ones,
    // and one cancelled from the other API node while its documents are being finished.
    const wide = await submit(0, [...Array.from({ length: 14 }, (_, i) => note(i)), corrupt(1), corrupt(2)]);
    const narrow = await Promise.all(Array.from({ length: 4 }, (_, i) => submit(i, Array.from({ length: 4 }, (_, j) => note(10 * i + j)))));
    const cancelled = await submit(1, Array.from({ length: 10 }, (_, i) => note(100 + i)));
    const cancelledId = cancelled.body.extraction.extraction_id as string;
    await new Promise((r) => setTimeout(r, 150));
    const cancel = await fetch(`${cluster.apis[1]!.url}/v1/extractions/${cancelledId}/cancel`, { method: 'POST', headers: { 'x-api-key': cluster.apiKey } });
    // 409 when every document finished before the cancel came.
    expect([200, 409]).toContain(cancel.status);
    const ids = [wide, ...narrow, cancelled].map((a) => a.body.extraction.extraction_id as string);
    await waitAllFinal(ids, 90_000);
    await expectConsistent(ids);
    const { rows } = await cluster.sql.query(`SELECT status FROM extractions WHERE id = $1`, [ids[0]]);
    expect(rows[0].status).toBe('partial');
  });

  it('loses nothing and does nothing twice when a worker is SIGKILLed mid-job', runs(240_000), async () => {
    const pdf = await makePdf(Array.from({ length: 120 }, (_, i) => sampleInvoiceLines(i)));
    // The other workers are paused (SIGSTOP) so the victim takes both documents in its two slots; they
    // resume once it is dead and take the jobs over when the leases run out.
    const [victim, ...others] = cluster.workers;
    for (const worker of others) worker.proc.kill('SIGSTOP');
    let id: string;
    try {
      const submitted = await submit(0, Array.from({ length: 2 }, (_, i) => ({ name: `long-${i}.pdf`, bytes: pdf })));
      id = submitted.body.extraction.extraction_id as string;
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { rows } = await cluster.sql.query(`SELECT count(*)::int AS n FROM documents WHERE extraction_id = $1 AND status = 'processing'`, [id]);
        if (rows[0].n === 2) break;
        if (Date.now() > deadline) throw new Error(`only ${rows[0].n} documents started processing`);
        await new Promise((r) => setTimeout(r, 10));
      }
      await victim!.kill('SIGKILL');
    } finally {
      for (const worker of others) worker.proc.kill('SIGCONT');
    }
    // A replacement, so the pool stays three workers (another process, as a restarted machine would be).
    // In place: the cluster's close() stops the processes of this same array.
    cluster.workers.splice(0, cluster.workers.length, ...others, await startWorker(cluster.env));
    await waitAllFinal([id], 180_000);
    const { rows } = await cluster.sql.query(`SELECT status, attempts FROM documents WHERE extraction_id = $1`, [id]);
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed']);
    // Both ran again after the kill; none finished twice (expectConsistent counts records and events).
    expect(rows.every((r) => r.attempts >= 2)).toBe(true);
    await expectConsistent([id]);
  });
});
