import type { Kysely } from 'kysely';
import type { Database } from '../internal/db/schema.js';

/**
 * Gives a document's credits back, once: for a document that failed before any of its pages was read
 * (a corrupt, encrypted or refused file), which cost the server nothing it should bill. Runs in the
 * transaction that fails the document, so the refund, the failure and its usage record commit together.
 * Returns the credits refunded (0 when there was no charge or it was refunded already).
 */
export async function refundDocumentCredits(trx: Kysely<Database>, documentId: string): Promise<number> {
  const charge = await trx.selectFrom('credit_charges').select(['tenant_id', 'credits', 'refunded_credits']).where('document_id', '=', documentId).executeTakeFirst();
  if (!charge || charge.credits <= 0 || charge.refunded_credits > 0) return 0;
  const marked = await trx
    .updateTable('credit_charges')
    .set({ refunded_credits: charge.credits })
    .where('document_id', '=', documentId)
    .where('refunded_credits', '=', 0)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return 0;
  // An unlimited tenant (null balance) has nothing to give back to; the charge is still marked.
  await trx
    .updateTable('tenants')
    .set((eb) => ({ credits_balance: eb('credits_balance', '+', charge.credits) }))
    .where('id', '=', charge.tenant_id)
    .where('credits_balance', 'is not', null)
    .execute();
  return charge.credits;
}
