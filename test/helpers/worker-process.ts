import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface WorkerProcess {
  proc: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** A `docsift worker` process (src/start/worker.ts), ready once it logs that it runs. */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/start/worker.ts'], {
    cwd: ROOT,
    env: { ...process.env, DOCSIFT_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const append = (d: Buffer) => {
    out += d;
    if (out.length > 256 * 1024) out = out.slice(0, 16 * 1024) + out.slice(-128 * 1024);
  };
  proc.stdout!.on('data', append);
  proc.stderr!.on('data', append);
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    // Generous: several processes starting at once on 2 shared cores each load the module graph and warm pdfjs.
    const timer = setTimeout(() => reject(new Error(`worker did not start in 90 s:\n${out}`)), 90_000);
    proc.stdout!.on('data', () => {
      if (out.includes('docsift worker is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${out}`));
    });
  });
  return {
    proc,
    output: () => out,
    kill: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}
