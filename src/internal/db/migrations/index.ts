import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as templates from './0003-templates.js';
import * as webhooks from './0004-webhooks.js';
import * as limitsUsage from './0006-limits-usage.js';
import * as llm from './0010-llm.js';
import * as batchesFileNotes from './0012-batches-file-notes.js';
import * as keyAppName from './0012-key-app-name.js';
import * as documentErrorReason from './0013-document-error-reason.js';
import * as evaluations from './0014-evaluations.js';
import * as creditRefunds from './0015-credit-refunds.js';
import * as templateMatching from './0016-template-matching.js';
import * as authFailures from './0017-auth-failures.js';
import * as postgresJobsTable from './0018-postgres-jobs-table.js';

/** Migrations are listed in code (not read from a folder) so they work the same from src and a bundle. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0003-templates': templates,
  '0004-webhooks': webhooks,
  '0006-limits-usage': limitsUsage,
  '0010-llm': llm,
  '0012-batches-file-notes': batchesFileNotes,
  '0012-key-app-name': keyAppName,
  '0013-document-error-reason': documentErrorReason,
  '0014-evaluations': evaluations,
  '0015-credit-refunds': creditRefunds,
  '0016-template-matching': templateMatching,
  '0017-auth-failures': authFailures,
  '0018-postgres-jobs-table': postgresJobsTable,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
