import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The Postgres server the integration suite runs against, when set (.ci/run sets it). */
export function testDatabaseUrl(): string | undefined {
  return process.env.DOCSIFT_TEST_DATABASE_URL || undefined;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the test server for one test app, so suites running in parallel never see
 * each other's rows (or jobs). Dropped WITH (FORCE) on close, which ends leftover connections.
 */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `docsift_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await runAdmin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => runAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function runAdmin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
