import type { AuthUser } from '../../context.js';
import type { Db } from '../../db/database.js';
import { parseConfiguration } from '../custom-roles/repo.js';
import type { RoleConfiguration } from '../../platform/permissions.js';

export type AuthRecord = { user: AuthUser; role: RoleConfiguration | null; suspended: boolean };

/** An active user of the account with what permission checks need, in one query. */
export async function loadAuthUser(db: Db, accountId: number, userId: number): Promise<AuthRecord | null> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('organization_memberships as om', (j) => j.onRef('om.account_id', '=', 'u.account_id').onRef('om.user_id', '=', 'u.id'))
    .leftJoin('custom_roles as r', (j) => j.onRef('r.account_id', '=', 'u.account_id').onRef('r.id', '=', 'u.custom_role_id'))
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'u.is_owner',
      'u.custom_role_id',
      'u.locale',
      'u.suspended',
      'om.organization_id',
      'r.configuration',
    ])
    .where('u.account_id', '=', accountId)
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  return {
    user: {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      isOwner: row.is_owner === 1,
      customRoleId: row.custom_role_id,
      organizationId: row.organization_id,
      locale: row.locale,
    },
    role: row.configuration ? parseConfiguration(row.configuration) : null,
    suspended: row.suspended === 1,
  };
}

export async function findSession(db: Db, accountId: number, tokenHash: string, now: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'last_seen_at', 'expires_at'])
    .where('account_id', '=', accountId)
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function insertSession(
  db: Db,
  values: { accountId: number; userId: number; tokenHash: string; ip: string | null; userAgent: string | null; now: number; expiresAt: number },
): Promise<number> {
  const row = await db
    .insertInto('sessions')
    .values({
      account_id: values.accountId,
      user_id: values.userId,
      token_hash: values.tokenHash,
      ip: values.ip,
      user_agent: values.userAgent?.slice(0, 500) ?? null,
      created_at: values.now,
      last_seen_at: values.now,
      expires_at: values.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function touchSession(db: Db, accountId: number, id: number, now: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, accountId: number, id: number): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function findApiToken(db: Db, accountId: number, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'created_by_id', 'last_used_at'])
    .where('account_id', '=', accountId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function markApiTokenUsed(db: Db, accountId: number, id: number, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('account_id', '=', accountId).where('id', '=', id).execute();
}
