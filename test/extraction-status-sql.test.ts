import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DERIVED_STATUS_CTES, deriveExtractionStatus } from '../src/documents/extraction-status.js';
import type { DocumentRow } from '../src/internal/db/schema.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './helpers/postgres.js';

const serverUrl = testDatabaseUrl();
const STATUSES: DocumentRow['status'][] = ['queued', 'processing', 'completed', 'failed', 'cancelled'];

/** Every multiset of document statuses with at most `max` documents (the empty extraction included). */
function multisets(max: number, from = 0): DocumentRow['status'][][] {
  const out: DocumentRow['status'][][] = [[]];
  if (max === 0) return out;
  for (let i = from; i < STATUSES.length; i++) for (const rest of multisets(max - 1, i)) out.push([STATUSES[i]!, ...rest]);
  return out;
}

// recomputeExtractionStatus derives the status in SQL on Postgres and in TypeScript on SQLite: the two
// must agree on every mix of document statuses.
describe.skipIf(!serverUrl)('the SQL status derivation (Postgres) agrees with deriveExtractionStatus', () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl!);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('CREATE TABLE documents (id text PRIMARY KEY, extraction_id text NOT NULL, status text NOT NULL)');
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('for every mix of up to four documents', async () => {
    const cases = multisets(4);
    expect(cases.length).toBe(126); // C(5+4, 4): multisets of 0..4 statuses
    for (const [n, statuses] of cases.entries()) {
      const extractionId = `ext_${n}`;
      for (const [i, status] of statuses.entries()) {
        await client.query('INSERT INTO documents VALUES ($1, $2, $3)', [`${extractionId}_${i}`, extractionId, status]);
      }
      const { rows } = await client.query(`WITH ${DERIVED_STATUS_CTES} SELECT status, ids FROM derived`, [extractionId]);
      expect({ statuses, status: rows[0].status }).toEqual({ statuses, status: deriveExtractionStatus(statuses) });
      expect([...rows[0].ids].sort()).toEqual(statuses.map((_, i) => `${extractionId}_${i}`).sort());
    }
  });
});
