import os from 'node:os';
import type { CpuBudget } from './scale-cpu.js';

/** bench:scale's tables (bench/scale.ts runs, this prints). */
export type Pipeline = 'noop' | 'real';
export type Locks = 'row' | 'global';

export interface LockSample {
  /** Backend-samples waiting for a heavyweight lock / backend-samples in a statement or open transaction. */
  waitShare: number;
  /** The part of waitShare spent on advisory locks (the old global lock, or a migration's). */
  advisoryShare: number;
  /** Samples in which at least one backend waited for a lock. */
  anyWait: number;
  /** Worker backends running a statement, on average over the samples: on a CPU or runnable. */
  workerActive: number;
  /** Worker backends in a statement but waiting (IO such as a WAL flush, an LWLock, a lock), on average. */
  workerWaiting: number;
}

export interface Row extends LockSample {
  pipeline: Pipeline;
  locks: Locks;
  workers: number;
  docs: number;
  /** Documents in the timed part (after --warm). */
  timed: number;
  /** Where the machine's CPU went in the timed part (undefined when Postgres is not on this machine). */
  budget: CpuBudget | undefined;
  perSecond: number;
  /** Postgres CPU milliseconds per document while workers ran (loopback only; its own database's backends). */
  pgCpuMs: number | undefined;
  /** CPU milliseconds per document of the worker processes together. */
  workerCpuMs: number;
  failed: number;
  load: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function printReport(rows: Row[], meta: { rounds: number; concurrency: string; warm: number; prime: number }): void {
  const keyOf = (r: Pick<Row, 'pipeline' | 'locks' | 'workers'>) => `${r.pipeline}/${r.locks}/${r.workers}`;
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  const medianRate = (pipeline: Pipeline, locks: Locks, workers: number) => {
    const group = groups.get(keyOf({ pipeline, locks, workers }));
    return group ? median(group.map((r) => r.perSecond)) : undefined;
  };
  process.stdout.write(`\n${os.cpus().length} CPU cores; ${meta.concurrency} document(s) at once per worker process; one API process; ${meta.rounds} round(s); the first ${meta.warm * 100} % of the documents untimed (--warm); real-pipeline workers primed with ${meta.prime} runs (--prime)\n\n`);
  process.stdout.write(
    '| pipeline | transactions | worker processes | documents/s (median of rounds) | each round | vs 1 worker | vs 2 workers | lock waits / busy backend time | of which advisory | samples with a lock wait | Postgres CPU ms/document | worker CPU ms/document | ms per document per worker | of which in Postgres (running) | (waiting) | failed | load avg (1 min) |\n' +
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const group of groups.values()) {
    const { pipeline, locks, workers } = group[0]!;
    const rate = medianRate(pipeline, locks, workers)!;
    const ratio = (w: number) => {
      const other = medianRate(pipeline, locks, w);
      return other ? `${(rate / other).toFixed(2)}×` : '–';
    };
    const med = (pick: (r: Row) => number) => median(group.map(pick));
    const pgCpu = group.every((r) => r.pgCpuMs !== undefined) ? med((r) => r.pgCpuMs!).toFixed(2) : '–';
    process.stdout.write(
      `| ${pipeline} | ${locks === 'row' ? 'row locks' : 'global advisory lock'} | ${workers} | ${rate.toFixed(1)} | ${group.map((r) => r.perSecond.toFixed(1)).join(', ')} | ${ratio(1)} | ${ratio(2)} | ` +
        `${pct(med((r) => r.waitShare))} | ${pct(med((r) => r.advisoryShare))} | ${pct(med((r) => r.anyWait))} | ${pgCpu} | ${med((r) => r.workerCpuMs).toFixed(2)} | ` +
        `${med((r) => (r.workers * 1000) / r.perSecond).toFixed(1)} | ${med((r) => (r.workerActive * 1000) / r.perSecond).toFixed(1)} | ${med((r) => (r.workerWaiting * 1000) / r.perSecond).toFixed(1)} | ` +
        `${group.reduce((n, r) => n + r.failed, 0)} | ${group.map((r) => r.load.toFixed(1)).join(', ')} |\n`,
    );
  }
  printBudget(rows);
}

/**
 * One line per run: where the machine's CPU went while it was timed (bench/scale-cpu.ts), and what
 * that makes of the ceiling. "docsift CPU ms/document" is Postgres + workers + API; a machine with C
 * cores can't finish more than C × 1000 / that documents a second, however many workers run, and
 * when the machine was busy most of the time the run was bound by the CPU, not by locks or waits.
 */
function printBudget(rows: Row[]): void {
  const measured = rows.filter((r) => r.budget);
  if (measured.length === 0) return;
  const cores = measured[0]!.budget!.cores;
  process.stdout.write(
    `\nCPU budget of each timed run (${cores} cores; from /proc: "cores" = CPU seconds / wall seconds, "ms/doc" = CPU ms per timed document)\n\n` +
      '| pipeline | transactions | workers | documents/s | machine busy (of all cores) | of which niced | cores: Postgres | workers | API | bench driver | other | Postgres ms/doc | worker ms/doc | main thread | other threads | ended threads | API ms/doc | driver ms/doc | docsift ms/doc | ceiling: documents/s on all cores | CPU-bound |\n' +
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const r of measured) {
    const b = r.budget!;
    const core = (s: number) => (s / b.seconds).toFixed(2);
    const perDoc = (s: number) => ((s * 1000) / r.timed).toFixed(2);
    const docsiftMs = ((b.postgres + b.workers + b.api) * 1000) / r.timed;
    process.stdout.write(
      `| ${r.pipeline} | ${r.locks === 'row' ? 'row locks' : 'global advisory lock'} | ${r.workers} | ${r.perSecond.toFixed(1)} | ${pct(b.machineBusy)} | ${pct(b.machineNiced)} | ` +
        `${core(b.postgres)} | ${core(b.workers)} | ${core(b.api)} | ${core(b.driver)} | ${core(b.other)} | ` +
        `${perDoc(b.postgres)} | ${perDoc(b.workers)} | ${perDoc(b.workerMain)} | ${perDoc(b.workerOtherThreads)} | ${perDoc(b.workerEndedThreads)} | ${perDoc(b.api)} | ${perDoc(b.driver)} | ` +
        `${docsiftMs.toFixed(2)} | ${((cores * 1000) / docsiftMs).toFixed(0)} | ${b.machineBusy >= 0.9 ? 'yes' : 'no'} |\n`,
    );
  }
}
