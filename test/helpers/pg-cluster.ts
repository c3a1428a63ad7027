import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PG_BIN, postgresBinariesMissing } from './requirements.js';

const run = promisify(execFile);


export interface PgCluster {
  /** postgres://…/postgres on this cluster. */
  url: string;
  port: number;
  /** Shuts the server down (fast mode: every connection is terminated, as in a real restart). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server for good and removes its files. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of its own, initdb'd in a temp dir and listening on a free loopback port, for tests
 * that must stop and start the server (the shared one of `.ci/run` can't be restarted under other suites).
 * As root, the server runs as the `postgres` user (initdb refuses root), as `.ci/run` does.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const missing = postgresBinariesMissing();
  if (missing) throw new Error(missing);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docsift-pg-cluster-'));
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : os.userInfo().username;
  if (asRoot) await run('chown', ['postgres', dir]);
  const port = await freePort();
  const data = path.join(dir, 'data');
  const pg = async (binary: string, args: string[]) => {
    const command = [path.join(PG_BIN, binary), ...args].map(shellQuote).join(' ');
    try {
      await (asRoot ? run('su', ['postgres', '-s', '/bin/sh', '-c', command]) : run('/bin/sh', ['-c', command]));
    } catch (err) {
      const log = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000) : '';
      throw new Error(`${binary} ${args[0]} failed: ${(err as Error).message}\n${log}`);
    }
  };
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', user, '--no-sync']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=100`;
  const start = () => pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start']);
  const stop = () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  await start();
  let running = true;
  return {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await stop();
      running = false;
    },
    start: async () => {
      await start();
      running = true;
    },
    destroy: async () => {
      if (running) await stop().catch(() => undefined);
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
