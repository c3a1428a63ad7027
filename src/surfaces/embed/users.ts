import type { AccountsService } from '../../accounts/accounts-service.js';
import type { AuthContext } from '../../accounts/auth-context.js';
import { assertCanManageAccounts, type Role } from '../../accounts/roles.js';
import { normalizeEmail, type UserAccount } from '../../accounts/users.js';
import { errors } from '../../internal/errors/errors.js';

export interface NewEmbedUser {
  firstName: string;
  lastName: string;
  email: string;
  role?: Role;
}

/**
 * POST /api/embed/users. docsift users belong to one tenant each, so "a user that already exists
 * globally" is an email known in another tenant: the user is then added to this tenant (200, "User
 * added to tenant successfully"); a new email is created (201); an email already in this tenant is 409.
 */
export async function addUser(
  deps: { accounts: AccountsService },
  auth: AuthContext,
  input: NewEmbedUser,
): Promise<{ user: UserAccount; existedElsewhere: boolean }> {
  // The answer says whether the email is known in another tenant: only those who may add users ask.
  assertCanManageAccounts(auth);
  if (!input.firstName.trim()) throw errors.fieldInvalid('firstName', 'firstName is required');
  if (!input.lastName.trim()) throw errors.fieldInvalid('lastName', 'lastName is required');
  let email: string;
  try {
    email = normalizeEmail(input.email);
  } catch {
    throw errors.fieldInvalid('email', 'Invalid email format');
  }
  if (await deps.accounts.findUserByEmail(auth, email)) {
    throw errors.conflict('User with this email already exists in this tenant');
  }
  const existedElsewhere = await deps.accounts.isEmailInOtherTenant(auth, email);
  const user = await deps.accounts.createUser(auth, {
    email,
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    role: input.role ?? 'member',
  });
  return { user, existedElsewhere };
}
