import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Some suites need more than Node and the build tools: a browser, a PostgreSQL server and its
 * binaries, or a command-line tool (curl, Python's requests) that runs a documented example. They ask here. When it is missing the suite is skipped, with one printed line that says
 * what is missing and how to get it, so `npm test` passes on a fresh machine. When
 * DOCSIFT_TEST_REQUIRE names it (comma-separated: `browser`, `postgres`, `tools`), a missing one fails the suite
 * instead: `.ci/run` installs everything and sets it, so nothing there passes by skipping.
 */
export type Requirement = 'browser' | 'postgres' | 'tools';

/** Debian's chromium (`apt-get install chromium`), never a downloaded browser; DOCSIFT_TEST_CHROMIUM overrides. */
export const CHROMIUM_PATH = process.env.DOCSIFT_TEST_CHROMIUM || '/usr/bin/chromium';

/** Debian's PostgreSQL 15 binaries, the ones `.ci/run` installs; DOCSIFT_TEST_PG_BIN overrides. */
export const PG_BIN = process.env.DOCSIFT_TEST_PG_BIN || '/usr/lib/postgresql/15/bin';

export function requiredByEnv(): Set<string> {
  return new Set((process.env.DOCSIFT_TEST_REQUIRE ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** Why the browser can't be used here, or undefined when it can. */
export function browserMissing(): string | undefined {
  if (fs.existsSync(CHROMIUM_PATH)) return undefined;
  return `no chromium at ${CHROMIUM_PATH} (install it: apt-get install chromium; or set DOCSIFT_TEST_CHROMIUM to its path)`;
}

/** Why a test Postgres server can't be used here, or undefined when it can. */
export function postgresServerMissing(): string | undefined {
  if (process.env.DOCSIFT_TEST_DATABASE_URL) return undefined;
  return 'no Postgres server (set DOCSIFT_TEST_DATABASE_URL=postgres://user@127.0.0.1:5432/postgres, a server where the tests may create databases; .ci/run starts one)';
}

/** Why a throwaway Postgres cluster can't be made here, or undefined when it can. */
export function postgresBinariesMissing(): string | undefined {
  if (['initdb', 'pg_ctl'].every((b) => fs.existsSync(path.join(PG_BIN, b)))) return undefined;
  return `no PostgreSQL binaries in ${PG_BIN} (install them: apt-get install postgresql; or set DOCSIFT_TEST_PG_BIN)`;
}

/** Why `command` can't be run here, or undefined when it can. */
export function commandMissing(command: string, install: string): string | undefined {
  const r = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return r.error ? `no ${command} on PATH (install it: ${install})` : undefined;
}

/** Why a Python 3 module can't be imported here, or undefined when it can. */
export function pythonModuleMissing(module: string, install: string): string | undefined {
  const python = commandMissing('python3', 'apt-get install python3');
  if (python) return python;
  const r = spawnSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' });
  return r.status === 0 ? undefined : `no Python module ${module} (install it: ${install})`;
}

/**
 * True when the suite can run. Otherwise prints `skipped <suite>: <why, and how to get it>` and
 * returns false, or throws when DOCSIFT_TEST_REQUIRE names the requirement.
 */
export function canRun(suite: string, need: Requirement, ...missing: Array<string | undefined>): boolean {
  const why = missing.filter((m): m is string => m !== undefined);
  if (why.length === 0) return true;
  if (requiredByEnv().has(need)) {
    throw new Error(`${suite} can't run: ${why.join('; ')}. DOCSIFT_TEST_REQUIRE=${process.env.DOCSIFT_TEST_REQUIRE} makes this a failure.`);
  }
  console.warn(`skipped ${suite}: ${why.join('; ')}`);
  return false;
}
