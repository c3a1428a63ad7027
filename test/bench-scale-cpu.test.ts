import { describe, expect, it } from 'vitest';
import { cpuBudget, type Snapshot } from '../bench/scale-cpu.js';

/** bench:scale's CPU budget (bench/scale-cpu.ts) from two made-up snapshots: the arithmetic, not /proc. */
describe('bench:scale CPU budget', () => {
  const snapshot = (s: Partial<Snapshot>): Snapshot => ({
    at: 0,
    machine: { busy: 0, niced: 0, total: 0 },
    postgres: new Map(),
    postmaster: 0,
    workers: [],
    api: 0,
    driver: 0,
    driverBackends: 0,
    ...s,
  });

  it('splits the machine’s busy time among Postgres, workers (by thread), API, the bench and the rest', () => {
    // Two workers (pids 10 and 20) over 2 s on 2 cores: 400 ticks in all, 360 busy, 100 of them niced.
    const start = snapshot({
      at: 1000,
      machine: { busy: 1000, niced: 500, total: 2000 },
      // Backend 7 ends before the end snapshot; backend 9 starts after the start one.
      postgres: new Map([[5, 1.0], [7, 2.0]]),
      postmaster: 0.5,
      workers: [
        { total: 3.0, threads: new Map([[10, 2.0], [11, 0.5], [12, 0.5]]) },
        { total: 1.0, threads: new Map([[20, 1.0]]) },
      ],
      api: 4.0,
      driver: 2.0,
      driverBackends: 1.0,
    });
    const end = snapshot({
      at: 3000,
      machine: { busy: 1360, niced: 600, total: 2400 },
      postgres: new Map([[5, 1.4], [9, 0.2]]),
      postmaster: 0.55,
      workers: [
        // Thread 12 ended, having used 0.1 s more: only the process total still shows it.
        { total: 3.9, threads: new Map([[10, 2.5], [11, 0.8]]) },
        { total: 1.5, threads: new Map([[20, 1.4], [21, 0.1]]) },
      ],
      api: 4.05,
      driver: 2.2,
      driverBackends: 1.05,
    });
    const b = cpuBudget(start, end, [10, 20], 2);
    expect(b.seconds).toBe(2);
    expect(b.machineBusy).toBeCloseTo(0.9);
    expect(b.machineNiced).toBeCloseTo(0.25);
    expect(b.postgres).toBeCloseTo(0.05 + 0.4 + 0.2);
    expect(b.workers).toBeCloseTo(1.4);
    expect(b.workerMain).toBeCloseTo(0.5 + 0.4);
    expect(b.workerOtherThreads).toBeCloseTo(0.3 + 0.1);
    expect(b.workerEndedThreads).toBeCloseTo(0.1);
    expect(b.api).toBeCloseTo(0.05);
    expect(b.driver).toBeCloseTo(0.25);
    expect(b.other).toBeCloseTo(3.6 - 0.65 - 1.4 - 0.05 - 0.25);
  });
});
