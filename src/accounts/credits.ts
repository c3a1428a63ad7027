import type { Kysely } from 'kysely';
import { parsePageRanges } from '../extraction/parse/page-ranges.js';
import type { Database } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { nowIso } from '../internal/ids.js';

/**
 * Credits: 1 page = 1 credit, charged when a document is submitted. A tenant's balance is null
 * (unlimited) until an operator sets one; charges are recorded either way so usage shows them.
 */

export interface DocumentCharge {
  documentId: string;
  /** Pages counted at submit; null when the file couldn't be opened (it then costs 1 credit). */
  pages: number | null;
}

/**
 * The credits one document costs: its counted pages, or only those its page range selects. A file
 * whose pages couldn't be counted costs 1 (it will most likely fail, and failing is not free work).
 */
export function creditsForDocument(pages: number | null, pageRanges: string | null | undefined): number {
  if (pages === null || pages < 1) return 1;
  if (!pageRanges) return pages;
  try {
    return Math.max(1, parsePageRanges(pageRanges, pages).length);
  } catch {
    return 1; // a range that selects nothing fails the document; it costs what an unreadable file does
  }
}

/**
 * Debits the documents' credits from the tenant and records the charges. Call it inside the
 * transaction that queues the documents, before any job is enqueued: the conditional UPDATE is atomic
 * (and on SQLite the transaction already holds the write lock), so concurrent submits can never spend
 * more than the balance, and a refusal rolls back everything the submit wrote.
 */
export async function chargeCredits(
  trx: Kysely<Database>,
  options: { tenantId: string; extractionId: string; pageRanges: string | null; documents: DocumentCharge[] },
): Promise<number> {
  const charges = options.documents.map((d) => ({
    document_id: d.documentId,
    tenant_id: options.tenantId,
    extraction_id: options.extractionId,
    pages: d.pages ?? 1,
    credits: creditsForDocument(d.pages, options.pageRanges),
    created_at: nowIso(),
  }));
  const needed = charges.reduce((sum, c) => sum + c.credits, 0);
  if (needed === 0) return 0;
  const debited = await trx
    .updateTable('tenants')
    .set((eb) => ({ credits_balance: eb('credits_balance', '-', needed) }))
    .where('id', '=', options.tenantId)
    .where('credits_balance', 'is not', null)
    .where('credits_balance', '>=', needed)
    .executeTakeFirst();
  if (Number(debited.numUpdatedRows) === 0) {
    const tenant = await trx.selectFrom('tenants').select('credits_balance').where('id', '=', options.tenantId).executeTakeFirst();
    if (!tenant) throw errors.notFound('tenant', options.tenantId);
    if (tenant.credits_balance !== null) throw errors.insufficientCredits(needed, tenant.credits_balance);
  }
  await trx.insertInto('credit_charges').values(charges).execute();
  return needed;
}
