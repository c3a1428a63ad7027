import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  /** Printed on the first start only. */
  apiKey: string | null;
  proc: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartServerOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** Extra node flags before the entry point, e.g. `--cpu-prof` (benchmarks profiling the server). */
  nodeArgs?: string[];
  /** Another checkout's root to run its server instead of this one (comparing two commits). */
  root?: string;
}

/** Starts `src/start/server.ts` as a real process (as `npm start` does) and waits until it listens. */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/start/server.ts'], {
    cwd: options.root ?? ROOT,
    env: {
      ...process.env,
      DOCSIFT_DATA_DIR: options.dataDir,
      DOCSIFT_PORT: '0',
      DOCSIFT_LOG_LEVEL: 'info',
      // Generous limits: tests poll fast; rate-limit tests pass their own.
      DOCSIFT_RATE_LIMIT_PER_HOUR: '1000000',
      DOCSIFT_SUBMIT_LIMIT_PER_MINUTE: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the start of the output (key, ready line) and a bounded tail, so a long benchmark with
  // request logs doesn't grow this string without limit.
  let out = '';
  const append = (d: Buffer) => {
    out += d;
    if (out.length > 256 * 1024) out = out.slice(0, 16 * 1024) + out.slice(-128 * 1024);
  };
  proc.stdout!.on('data', append);
  proc.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    // Generous: on 2 shared cores a start (module graph, migrations, pdfjs warm-up) can take long under load.
    const timer = setTimeout(() => reject(new Error(`server did not start in 90 s:\n${out}`)), 90_000);
    const check = () => {
      const ready = /docsift listening on (\S+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        // Not once per chunk for the rest of the run: a benchmark's request logs would make this
        // process rescan its buffer on every line, and slow the server through its stdout pipe.
        proc.stdout!.off('data', check);
        resolve(ready[1]);
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const key = /API key \(shown only now, keep it\): (\S+)/.exec(out)?.[1] ?? null;
  return {
    url,
    apiKey: key,
    proc,
    output: () => out,
    kill: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}
