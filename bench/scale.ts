import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { makePdf, sampleInvoiceLines } from '../test/helpers/make-pdf.js';
import { createTestDatabase, type TestDatabase } from '../test/helpers/postgres.js';
import { CpuMeter, type CpuBudget } from './scale-cpu.js';
import { printReport, type LockSample, type Locks, type Pipeline, type Row } from './scale-report.js';

/**
 * `npm run bench:scale`: documents per second with 1, 2 and 4 worker processes on one Postgres (one API
 * process with no workers of its own, every process its own connection pool), and the share of time
 * transactions spend waiting for locks, sampled from pg_stat_activity. Two pipelines:
 *
 *   noop  the extraction stage returns a fixed empty result at once (bench/scale-node.ts --noop), so the
 *         database and the queue are the only work: the coordination ceiling
 *   real  the real pipeline on one-page text PDFs
 *
 * and two ways of coordinating: `row` (docsift's row locks, conditional updates) and `global` (the
 * one advisory lock every transaction took before, kept for this comparison). Every combination runs in
 * the same invocation, interleaved, so the ratios share the machine's load of the moment.
 *
 * Each run: a fresh database; DOCS one-document extractions submitted first (the queue is full, the
 * workers wait); then all workers are told "go" at once and the clock runs until every document is
 * final. Needs DOCSIFT_BENCH_DATABASE_URL (or DOCSIFT_TEST_DATABASE_URL): a Postgres server where it may
 * create databases.
 *
 *   npm run bench:scale -- [--pipelines noop,real] [--locks row,global] [--workers 1,2,4]
 *                          [--noop-docs 600] [--real-docs 80] [--concurrency 1] [--rounds 1] [--warm 0]
 *                          [--prime 0] [--sample-ms 10] [--cpu-prof-dir DIR]   (worker processes write `node --cpu-prof` profiles there)
 *
 * --warm F leaves the first fraction F of the documents out of the clock and the CPU figures: they are
 * done (all workers running), then the counters start. A worker process's first documents cost far more
 * CPU (JIT, first connections, first compiles) and with 4 workers each runs only a quarter of them, so
 * without it the per-process warm-up weighs 4 times as much at 4 workers as at 1.
 *
 * After the summary, a CPU budget per run (bench/scale-cpu.ts, Postgres on this machine): how busy the
 * machine's cores were while the run was timed, how much of that went to Postgres (the run's database
 * and the server's background processes), the workers (main thread, other threads), the API process,
 * this bench and everything else, and the documents/second all cores would allow at that CPU per
 * document: a run whose machine was busy nearly all the time was bound by the CPU.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const serverUrl = process.env.DOCSIFT_BENCH_DATABASE_URL ?? process.env.DOCSIFT_TEST_DATABASE_URL;
if (!serverUrl) throw new Error('set DOCSIFT_BENCH_DATABASE_URL (or DOCSIFT_TEST_DATABASE_URL) to a Postgres server');
const { values: args } = parseArgs({
  options: {
    pipelines: { type: 'string', default: 'noop,real' },
    locks: { type: 'string', default: 'row,global' },
    workers: { type: 'string', default: '1,2,4' },
    'noop-docs': { type: 'string', default: '600' },
    'real-docs': { type: 'string', default: '80' },
    // Documents each worker process runs at once (DOCSIFT_WORKER_CONCURRENCY).
    concurrency: { type: 'string', default: '1' },
    // Rounds of the whole matrix, interleaved: on a shared machine the medians say more than one run.
    rounds: { type: 'string', default: '1' },
    warm: { type: 'string', default: '0' },
    // Real pipeline: each worker process runs it this many times on the bench's PDF before it says ready
    // (bench/scale-node.ts --prime), so the timed documents see a compiled pipeline, not the JIT's warm-up.
    prime: { type: 'string', default: '0' },
    // pg_stat_activity sampling period: the sampler and its backend are CPU the bench takes from the
    // processes it measures (the budget's "bench driver" column).
    'sample-ms': { type: 'string', default: '10' },
    // A directory: worker processes run with `node --cpu-prof` and write their profiles there.
    'cpu-prof-dir': { type: 'string' },
  },
});
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

interface Node {
  proc: ChildProcess;
  output: () => string;
}

/** Starts bench/scale-node.ts and resolves once its output matches `ready`. */
function startNode(role: 'api' | 'worker', flags: string[], env: Record<string, string>, ready: RegExp): Promise<Node> {
  const profile = role === 'worker' && args['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(args['cpu-prof-dir'])}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/scale-node.ts', role, ...flags], {
    cwd: ROOT,
    env: { ...process.env, DOCSIFT_LOG_LEVEL: 'warn', DOCSIFT_RATE_LIMIT_PER_HOUR: '100000000', DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '10000000', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const append = (d: Buffer) => {
    if (out.length < 64 * 1024) out += d;
  };
  proc.stdout!.on('data', append);
  proc.stderr!.on('data', append);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start in 120 s:\n${out}`)), 120_000);
    const check = () => {
      if (!ready.test(out)) return;
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      resolve({ proc, output: () => out });
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${role} exited with ${code}:\n${out}`));
    });
  });
}

async function stop(node: Node): Promise<void> {
  if (node.proc.exitCode !== null || node.proc.signalCode !== null) return;
  const exited = new Promise((resolve) => node.proc.on('exit', resolve));
  node.proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (node.proc.exitCode === null) node.proc.kill('SIGKILL');
}

/** Submits `docs` one-document extractions, 8 requests in flight. */
async function preload(url: string, apiKey: string, file: { name: string; bytes: Buffer }, docs: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < docs) {
      next++;
      const form = new FormData();
      form.append('file', new Blob([file.bytes]), file.name);
      const res = await fetch(`${url}/v1/extractions`, { method: 'POST', body: form, headers: { 'x-api-key': apiKey } });
      if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
}


/**
 * Samples pg_stat_activity every --sample-ms (10) while `run` goes. A backend is busy when it runs a statement or
 * holds a transaction open; it waits for a lock when wait_event_type is 'Lock' (row, tuple, transaction
 * id, advisory: every heavyweight lock).
 */
async function sampleLocks<T>(databaseUrl: string, run: (samplerPid: number, restart: () => void) => Promise<T>): Promise<{ result: T } & LockSample> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let sampling = true;
  let samples = 0;
  let anyWait = 0;
  let waiting = 0;
  let advisory = 0;
  let busy = 0;
  let workerActive = 0;
  let workerWaiting = 0;
  const samplerPid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
  const loop = (async () => {
    while (sampling) {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS waiting,
                count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory')::int AS advisory,
                count(*) FILTER (WHERE state IN ('active', 'idle in transaction'))::int AS busy,
                count(*) FILTER (WHERE state = 'active' AND application_name = 'docsift-bench-worker' AND wait_event IS NULL)::int AS worker_active,
                count(*) FILTER (WHERE state = 'active' AND application_name = 'docsift-bench-worker' AND wait_event IS NOT NULL)::int AS worker_waiting
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      samples++;
      waiting += rows[0].waiting;
      advisory += rows[0].advisory;
      busy += rows[0].busy;
      workerActive += rows[0].worker_active;
      workerWaiting += rows[0].worker_waiting;
      if (rows[0].waiting > 0) anyWait++;
      await new Promise((r) => setTimeout(r, Number(args['sample-ms'])));
    }
  })();
  try {
    // restart(): the samples so far (the untimed warm-up) are dropped.
    const restart = () => {
      samples = anyWait = waiting = advisory = busy = workerActive = workerWaiting = 0;
    };
    const result = await run(samplerPid, restart);
    const perSample = (n: number) => n / Math.max(1, samples);
    return {
      result,
      waitShare: waiting / Math.max(1, busy),
      advisoryShare: advisory / Math.max(1, busy),
      anyWait: perSample(anyWait),
      workerActive: perSample(workerActive),
      workerWaiting: perSample(workerWaiting),
    };
  } finally {
    sampling = false;
    await loop;
    await client.end();
  }
}

/** CPU seconds a local process has used (utime + stime), or 0 once it is gone or elsewhere. */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ').map(Number);
    return (f[11]! + f[12]!) / 100;
  } catch {
    return 0;
  }
}

async function waitAllFinal(client: pg.Client, docs: number): Promise<void> {
  for (;;) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM documents WHERE status IN ('completed', 'failed')`);
    if (rows[0].n >= docs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}


async function runOnce(pipeline: Pipeline, locks: Locks, workers: number, docs: number, file: { name: string; bytes: Buffer }): Promise<Row> {
  const database: TestDatabase = await createTestDatabase(serverUrl!);
  // One shared data dir stands in for a shared bucket: the blob store is not what is measured.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-bench-scale-'));
  const flags = [...(pipeline === 'noop' ? ['--noop'] : [`--prime=${Number(args.prime)}`]), ...(locks === 'global' ? ['--global-lock'] : [])];
  // Each role names itself to Postgres (pg_stat_activity, and the statement log's %a when counting
  // statements per document as ARCHITECTURE.md did).
  const named = (role: string) => `${database.url}?application_name=docsift-bench-${role}`;
  const env = { DATABASE_URL: named('worker'), DOCSIFT_DATA_DIR: dir, DOCSIFT_WORKER_CONCURRENCY: args.concurrency! };
  const nodes: Node[] = [];
  const client = new pg.Client({ connectionString: database.url });
  try {
    const api = await startNode('api', flags, { ...env, DATABASE_URL: named('api'), DOCSIFT_WORKER_CONCURRENCY: '0' }, /docsift listening on \S+/);
    nodes.push(api);
    const url = /docsift listening on (\S+)/.exec(api.output())![1]!;
    const apiKey = /API key \(shown only now, keep it\): (\S+)/.exec(api.output())![1]!;
    await preload(url, apiKey, file, docs);
    nodes.push(...(await Promise.all(Array.from({ length: workers }, () => startNode('worker', flags, env, /bench worker ready/)))));
    await client.connect();
    const load = os.loadavg()[0]!;
    const pollerPid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const workerPids = nodes.slice(1).map((node) => node.proc.pid!);
    const workerCpu = () => workerPids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
    let meter: CpuMeter | undefined;
    let before: Awaited<ReturnType<CpuMeter['snapshot']>> | undefined;
    let budget: CpuBudget | undefined;
    let workerCpuBefore = 0;
    let started = 0;
    let seconds = 0;
    let workerCpuMs = 0;
    const warm = Math.floor(docs * Number(args.warm));
    const timed = docs - warm;
    const sampled = await sampleLocks(database.url, async (samplerPid, restartSampling) => {
      meter = await CpuMeter.create({ client, database: database.name, workerPids, apiPid: api.proc.pid!, driverBackends: [pollerPid, samplerPid] });
      const startClock = async () => {
        restartSampling();
        before = await meter?.snapshot();
        workerCpuBefore = workerCpu();
        started = performance.now();
      };
      if (warm === 0) await startClock();
      for (const worker of nodes.slice(1)) worker.proc.stdin!.write('go\n');
      if (warm > 0) {
        await waitAllFinal(client, warm);
        await startClock();
      }
      await waitAllFinal(client, docs);
      seconds = (performance.now() - started) / 1000;
      workerCpuMs = ((workerCpu() - workerCpuBefore) * 1000) / timed;
      if (meter && before) budget = meter.budget(before, await meter.snapshot());
    });
    const pgCpuMs = budget && (budget.postgres * 1000) / timed;
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM documents WHERE status = 'failed'`);
    return { pipeline, locks, workers, docs, timed, budget, perSecond: timed / seconds, pgCpuMs, workerCpuMs, failed: rows[0].n, load, waitShare: sampled.waitShare, advisoryShare: sampled.advisoryShare, anyWait: sampled.anyWait, workerActive: sampled.workerActive, workerWaiting: sampled.workerWaiting };
  } finally {
    await client.end().catch(() => undefined);
    await Promise.all(nodes.map(stop));
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const files: Record<Pipeline, { name: string; bytes: Buffer }> = {
  noop: { name: 'note.txt', bytes: Buffer.from('Invoice INV-1\nTotal: 1.00 EUR\n') },
  real: { name: 'invoice.pdf', bytes: await makePdf([sampleInvoiceLines()]) },
};
const rows: Row[] = [];
const rounds = Number(args.rounds);
for (let round = 1; round <= rounds; round++) {
  for (const pipeline of list(args.pipelines!) as Pipeline[]) {
    const docs = Number(pipeline === 'noop' ? args['noop-docs'] : args['real-docs']);
    for (const workers of list(args.workers!).map(Number)) {
      for (const locks of list(args.locks!) as Locks[]) {
        const row = await runOnce(pipeline, locks, workers, docs, files[pipeline]);
        rows.push(row);
        const busy = row.budget ? `, machine ${(row.budget.machineBusy * 100).toFixed(0)} % busy` : '';
        process.stderr.write(`round ${round}: ${pipeline} ${locks} ${workers} worker(s): ${row.perSecond.toFixed(1)} documents/s (load ${row.load.toFixed(2)}${busy})\n`);
      }
    }
  }
}

printReport(rows, { rounds, concurrency: args.concurrency!, warm: Number(args.warm), prime: Number(args.prime) });
