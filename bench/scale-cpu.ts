import fs from 'node:fs';
import os from 'node:os';
import type pg from 'pg';

/**
 * bench:scale's CPU budget: where the machine's CPU went while a run was timed, read from /proc (Linux;
 * Postgres on this machine). Every figure is a difference between two snapshots, one when the clock
 * starts and one when it stops:
 *
 *   machine   /proc/stat's first line: busy (user, nice, system, irq, softirq, steal) against all of it
 *             (busy + idle + iowait), for all cores together; `nice` apart, as CPU that niced processes
 *             (other sessions' background work) got, which docsift's processes could mostly have taken
 *   postgres  the postmaster, its background processes (walwriter, checkpointer, autovacuum, …) and the
 *             client backends of the run's own database, the bench's sampler and poller left out: other
 *             databases on the same server (other sessions' tests) count as "other"
 *   workers   the worker processes (all their threads), split into the main thread (where JavaScript
 *             runs), their other live threads (V8's GC and compiler helpers, libuv's pool: zlib,
 *             fs, crypto; worker threads) and threads that ended between the snapshots
 *   api       the API process (idle while timed: the documents were submitted before)
 *   driver    this bench process (its pg clients and sampling loop) and its two Postgres backends
 *   other     what is left of the machine's busy time: other sessions, the kernel's own threads
 */
const TICKS = 100; // USER_HZ on Linux

export interface CpuBudget {
  seconds: number;
  cores: number;
  /** Busy share of all cores, 0..1. */
  machineBusy: number;
  /** The part of machineBusy that niced processes got. */
  machineNiced: number;
  /** CPU seconds in the window, per consumer. */
  postgres: number;
  workers: number;
  workerMain: number;
  workerOtherThreads: number;
  workerEndedThreads: number;
  api: number;
  driver: number;
  other: number;
}

export interface Snapshot {
  at: number;
  machine: { busy: number; niced: number; total: number };
  postgres: Map<number, number>;
  postmaster: number;
  workers: Array<{ total: number; threads: Map<number, number> }>;
  api: number;
  driver: number;
  driverBackends: number;
}

/** utime + stime of a process or thread from its stat file, in seconds; undefined once it is gone. */
function cpuOf(statFile: string): number | undefined {
  try {
    const fields = fs.readFileSync(statFile, 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command and state: utime is field 14, stime 15 (1-based, of the whole line).
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

function machineTicks(): Snapshot['machine'] {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
  return { busy, niced: nice!, total: busy + idle! + iowait! };
}

function threadsOf(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const cpu = cpuOf(`/proc/${pid}/task/${tid}/stat`);
      if (cpu !== undefined) threads.set(Number(tid), cpu);
    }
  } catch {
    // the process is gone
  }
  return threads;
}

export interface CpuMeterOptions {
  /** A client of the run's database (the poller): finds its backends and the postmaster. */
  client: pg.Client;
  database: string;
  workerPids: number[];
  apiPid: number;
  /** The bench's own backends (sampler, poller): counted as the driver's. */
  driverBackends: number[];
}

export class CpuMeter {
  private constructor(
    private readonly options: CpuMeterOptions,
    private readonly postmasterPid: number,
  ) {}

  /** Undefined where /proc can't be read or Postgres runs elsewhere. */
  static async create(options: CpuMeterOptions): Promise<CpuMeter | undefined> {
    try {
      const status = fs.readFileSync(`/proc/${options.driverBackends[0]}/status`, 'utf8');
      machineTicks();
      return new CpuMeter(options, Number(/PPid:\s+(\d+)/.exec(status)![1]));
    } catch {
      return undefined;
    }
  }

  async snapshot(): Promise<Snapshot> {
    // Background processes have no database; client backends of other databases are left out.
    const { rows } = await this.options.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE (datname = $1 OR backend_type <> 'client backend') AND NOT (pid = ANY($2::int[]))`,
      [this.options.database, this.options.driverBackends],
    );
    const postgres = new Map<number, number>();
    for (const { pid } of rows) {
      const cpu = cpuOf(`/proc/${pid}/stat`);
      if (cpu !== undefined) postgres.set(pid, cpu);
    }
    const usage = process.cpuUsage();
    return {
      at: performance.now(),
      machine: machineTicks(),
      postgres,
      postmaster: cpuOf(`/proc/${this.postmasterPid}/stat`) ?? 0,
      workers: this.options.workerPids.map((pid) => ({ total: cpuOf(`/proc/${pid}/stat`) ?? 0, threads: threadsOf(pid) })),
      api: cpuOf(`/proc/${this.options.apiPid}/stat`) ?? 0,
      driver: (usage.user + usage.system) / 1e6,
      driverBackends: this.options.driverBackends.reduce((sum, pid) => sum + (cpuOf(`/proc/${pid}/stat`) ?? 0), 0),
    };
  }

  budget(start: Snapshot, end: Snapshot): CpuBudget {
    return cpuBudget(start, end, this.options.workerPids, os.cpus().length);
  }
}

/**
 * The budget between two snapshots. A backend seen only at the end started in between (all its time
 * counts); one seen only at the start ended in between, and its last part is lost (pools keep their
 * connections while busy, so this is rare during a timed run).
 */
export function cpuBudget(start: Snapshot, end: Snapshot, workerPids: number[], cores: number): CpuBudget {
  const seconds = (end.at - start.at) / 1000;
  let postgres = end.postmaster - start.postmaster;
  for (const [pid, cpu] of end.postgres) postgres += cpu - (start.postgres.get(pid) ?? 0);
  let workers = 0;
  let workerMain = 0;
  let workerOtherThreads = 0;
  let workerEndedThreads = 0;
  workerPids.forEach((pid, i) => {
    const [before, after] = [start.workers[i]!, end.workers[i]!];
    workers += after.total - before.total;
    let live = 0;
    for (const [tid, cpu] of after.threads) {
      const spent = cpu - (before.threads.get(tid) ?? 0);
      live += spent;
      if (tid === pid) workerMain += spent;
      else workerOtherThreads += spent;
    }
    // Threads that ended: the process's total keeps their time, the live threads don't show it.
    workerEndedThreads += after.total - before.total - live;
  });
  const machineTotal = end.machine.total - start.machine.total;
  const busy = (end.machine.busy - start.machine.busy) / TICKS;
  const api = end.api - start.api;
  const driver = end.driver - start.driver + end.driverBackends - start.driverBackends;
  return {
    seconds,
    cores,
    machineBusy: (end.machine.busy - start.machine.busy) / Math.max(1, machineTotal),
    machineNiced: (end.machine.niced - start.machine.niced) / Math.max(1, machineTotal),
    postgres,
    workers,
    workerMain,
    workerOtherThreads,
    workerEndedThreads,
    api,
    driver,
    other: busy - postgres - workers - api - driver,
  };
}
