import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pino from 'pino';
import { hashSecret } from '../src/accounts/secrets.js';

/**
 * A second reference for bench:api: the least work an authenticated status read can do, in its own
 * process, over docsift's own database file. One Fastify route hashes the presented key and finds it
 * in a map, reads the extraction and its documents in one indexed statement, writes one log line and
 * answers JSON: no hooks, limits, metrics or schemas. What it leaves to docsift's route is the price
 * of those; what separates it from the trivial route is the price of the read itself.
 */
const db = new Database(path.join(process.argv[2], 'docsift.db'), { readonly: true });
const keys = new Map<string, { tenantId: string }>();
for (const row of db.prepare('select key_hash, tenant_id from api_keys where active = 1').all() as Array<{ key_hash: string; tenant_id: string }>) {
  keys.set(row.key_hash, { tenantId: row.tenant_id });
}
const status = db.prepare(
  `select e.*, d.id as doc_id, d.filename as doc_filename, d.status as doc_status, d.stage as doc_stage, d.pages as doc_pages,
     d.document_type as doc_document_type, d.error_code as doc_error_code, d.error_message as doc_error_message
   from extractions e left join documents d on d.extraction_id = e.id
   where e.tenant_id = ? and e.id = ? order by d.position`,
);
// To standard output, as docsift's request log, which bench:api reads and drops.
const log = pino();
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/v1/extractions/:id', async (request, reply) => {
  const given = request.headers['x-api-key'];
  const auth = typeof given === 'string' ? keys.get(hashSecret(given)) : undefined;
  if (!auth) return reply.code(401).send({ error: { code: 'UNAUTHORIZED' } });
  const rows = status.all(auth.tenantId, request.params.id) as Array<Record<string, unknown>>;
  if (rows.length === 0) return reply.code(404).send({ error: { code: 'NOT_FOUND' } });
  log.info({ reqId: request.id, method: request.method, url: request.url, statusCode: 200 }, 'request completed');
  return { extraction: { ...rows[0], documents: rows.filter((r) => r.doc_id !== null) } };
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on ${address}\n`);
