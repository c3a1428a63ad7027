import type { Kysely } from 'kysely';
import type { Database } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { nowIso } from '../internal/ids.js';

/**
 * Throws 409 unless some owner of the tenant keeps an active, unexpired API key once the given keys
 * (or the given user's keys) stop working. With none left the owner gets 401 everywhere and only the
 * operator can help (`docsift admin create-key`). Run it in the transaction that makes the change.
 */
export async function assertOwnersKeepAKey(trx: Kysely<Database>, tenantId: string, losing: { keyIds?: string[]; userId?: string }): Promise<void> {
  let query = trx
    .selectFrom('api_keys as k')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'k.user_id').onRef('u.tenant_id', '=', 'k.tenant_id'))
    .select('k.id')
    .where('k.tenant_id', '=', tenantId)
    .where('u.role', '=', 'owner')
    .where('k.active', '=', 1)
    .where((eb) => eb.or([eb('k.expires_at', 'is', null), eb('k.expires_at', '>', nowIso())]));
  if (losing.keyIds?.length) query = query.where('k.id', 'not in', losing.keyIds);
  if (losing.userId) query = query.where('k.user_id', '!=', losing.userId);
  const before = await isOwnerKeyNow(trx, tenantId, losing);
  // Only a change that takes away an owner's working key can lock the owners out.
  if (!before) return;
  const left = await query.limit(1).executeTakeFirst();
  if (!left) {
    throw errors.conflict("This is the tenant's last active owner API key: disabling or deleting it would lock every owner out. Create another owner key first.");
  }
}

/** Whether the change touches at least one owner key that works now. */
async function isOwnerKeyNow(trx: Kysely<Database>, tenantId: string, losing: { keyIds?: string[]; userId?: string }): Promise<boolean> {
  let query = trx
    .selectFrom('api_keys as k')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'k.user_id').onRef('u.tenant_id', '=', 'k.tenant_id'))
    .select('k.id')
    .where('k.tenant_id', '=', tenantId)
    .where('u.role', '=', 'owner')
    .where('k.active', '=', 1)
    .where((eb) => eb.or([eb('k.expires_at', 'is', null), eb('k.expires_at', '>', nowIso())]));
  if (losing.keyIds?.length) query = query.where('k.id', 'in', losing.keyIds);
  else if (losing.userId) query = query.where('k.user_id', '=', losing.userId);
  else return false;
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}
