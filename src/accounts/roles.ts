import type { AuthContext } from './auth-context.js';
import { errors } from '../internal/errors/errors.js';

export type Role = 'owner' | 'admin' | 'member';

const rank: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/** True when `role` carries at least the rights of `than`. */
export function roleAtLeast(role: Role, than: Role): boolean {
  return rank[role] >= rank[than];
}

/** Users and API keys are managed by owners and admins; members use the API. */
export function assertCanManageAccounts(auth: AuthContext): void {
  if (!roleAtLeast(auth.role, 'admin')) {
    throw errors.forbidden('Only owners and admins can manage users and API keys.');
  }
}

/** Nobody hands out more power than they hold: only an owner can create, promote or change an owner. */
export function assertCanActOnRole(auth: AuthContext, role: Role): void {
  if (!roleAtLeast(auth.role, role)) {
    throw errors.forbidden(`A ${auth.role} cannot create or change a user with the ${role} role.`);
  }
}
