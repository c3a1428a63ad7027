import type { Kysely } from 'kysely';
import type { Database, User } from '../internal/db/schema.js';
import { errors } from '../internal/errors/errors.js';
import { lockRows } from '../internal/db/row-locks.js';
import { newId, nowIso } from '../internal/ids.js';
import type { Role } from './roles.js';

export interface UserAccount {
  id: string;
  tenantId: string;
  email: string;
  /** The full name as given; firstName/lastName split it at the first space. */
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  role: Role;
  createdAt: string;
}

export interface NewUser {
  email: string;
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  role?: Role;
}

const EMAIL_PATTERN = /^[^\s@"<>(),;:\\]+@[^\s@"<>(),;:\\]+$/;
const MAX_NAME_LENGTH = 200;

/** Emails are compared case-insensitively, so they are stored trimmed and lower-cased. */
export function normalizeEmail(email: string, field = 'email'): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 254 || !EMAIL_PATTERN.test(normalized)) {
    throw errors.fieldInvalid(field, `'${email.slice(0, 100)}' is not a valid email address.`);
  }
  return normalized;
}

/** One stored name from either `name` or `firstName` + `lastName`. */
export function composeName(input: { name?: string | null; firstName?: string | null; lastName?: string | null }): string | null {
  const name = input.name ?? [input.firstName, input.lastName].map((p) => p?.trim()).filter(Boolean).join(' ');
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) throw errors.fieldInvalid('name', `A name has at most ${MAX_NAME_LENGTH} characters.`);
  return trimmed || null;
}

export function splitName(name: string | null): { firstName: string | null; lastName: string | null } {
  if (!name) return { firstName: null, lastName: null };
  const space = name.indexOf(' ');
  if (space < 0) return { firstName: name, lastName: null };
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}

export function toUserAccount(row: User): UserAccount {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    name: row.name,
    ...splitName(row.name),
    role: row.role,
    createdAt: row.created_at,
  };
}

/** SQLite and Postgres report a unique-constraint violation differently. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Data access for users; every query takes the tenant id, so no caller can reach another tenant's rows. */
export class UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(tenantId: string, input: NewUser, db: Kysely<Database> = this.db): Promise<UserAccount> {
    const row: User = {
      id: newId('usr'),
      tenant_id: tenantId,
      email: normalizeEmail(input.email),
      name: composeName(input),
      role: input.role ?? 'member',
      created_at: nowIso(),
    };
    try {
      await db.insertInto('users').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.conflict(`A user with the email '${row.email}' already exists in this tenant.`);
      throw err;
    }
    return toUserAccount(row);
  }

  async list(
    tenantId: string,
    options: { offset: number; limit: number; search?: string },
  ): Promise<{ users: UserAccount[]; total: number }> {
    let query = this.db.selectFrom('users').where('tenant_id', '=', tenantId);
    const search = options.search?.trim().toLowerCase();
    if (search) {
      // LIKE wildcards in the search text are escaped so they match literally.
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['email']), 'like', eb.val(pattern)),
          eb(eb.fn('lower', ['name']), 'like', eb.val(pattern)),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'asc').orderBy('id', 'asc').limit(options.limit).offset(options.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { users: rows.map(toUserAccount), total: Number(count.n) };
  }

  async get(tenantId: string, id: string): Promise<UserAccount> {
    const row = await this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw errors.notFound('user', id);
    return toUserAccount(row);
  }

  /** Whether a tenant other than this one has a user with this (normalized) email. */
  async existsInOtherTenant(tenantId: string, email: string): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').where('email', '=', email).where('tenant_id', '!=', tenantId).executeTakeFirst();
    return row !== undefined;
  }

  async findByEmail(tenantId: string, email: string): Promise<UserAccount | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row ? toUserAccount(row) : undefined;
  }

  /** The tenant's earliest owner, or the owner with `email`. */
  async firstOwner(tenantId: string, email?: string): Promise<UserAccount | undefined> {
    let query = this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('role', '=', 'owner');
    if (email) query = query.where('email', '=', email);
    const row = await query.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(1).executeTakeFirst();
    return row ? toUserAccount(row) : undefined;
  }

  /**
   * The tenant's owners, counted by locking their rows (Postgres) until the caller's transaction ends:
   * of two concurrent demotions or deletions of the last two owners, the second waits, then no longer
   * finds the first's user among the owners, and refuses.
   */
  async countOwners(tenantId: string, db: Kysely<Database> = this.db): Promise<number> {
    const owners = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('role', '=', 'owner').$call(lockRows(db)).execute();
    return owners.length;
  }

  async update(
    tenantId: string,
    id: string,
    patch: { email?: string; name?: string | null; role?: Role },
    db: Kysely<Database> = this.db,
  ): Promise<void> {
    const values: Partial<User> = {};
    if (patch.email !== undefined) values.email = normalizeEmail(patch.email);
    if (patch.name !== undefined) values.name = composeName({ name: patch.name ?? '' });
    if (patch.role !== undefined) values.role = patch.role;
    if (Object.keys(values).length === 0) return;
    try {
      await db.updateTable('users').set(values).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw errors.conflict(`A user with the email '${values.email}' already exists in this tenant.`);
      throw err;
    }
  }

  /** Removes the user with their access tokens and API keys: a departed user's credentials stop working. */
  async delete(tenantId: string, id: string, db: Kysely<Database> = this.db): Promise<{ revokedApiKeys: number }> {
    await db.deleteFrom('access_tokens').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
    const keys = await db.selectFrom('api_keys').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
    if (keys.length > 0) {
      const keyIds = keys.map((k) => k.id);
      await db.deleteFrom('access_tokens').where('tenant_id', '=', tenantId).where('api_key_id', 'in', keyIds).execute();
      await db.deleteFrom('api_keys').where('tenant_id', '=', tenantId).where('id', 'in', keyIds).execute();
    }
    await db.deleteFrom('users').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    return { revokedApiKeys: keys.length };
  }
}
