import type { Ctx } from '../../context.js';
import { containsText, parseStringList } from '../../db/helpers.js';
import type { Flag, IdentityType, UserRole, UsersTable } from '../../db/schema.js';

export type UserRecord = {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  role: UserRole;
  isOwner: boolean;
  customRoleId: number | null;
  defaultGroupId: number | null;
  organizationId: number | null;
  externalId: string | null;
  locale: string | null;
  timeZone: string | null;
  tags: string[];
  notes: string;
  customFields: Record<string, unknown>;
  details: string;
  signature: string | null;
  verified: boolean;
  suspended: boolean;
  active: boolean;
  hasPassword: boolean;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
};

export type IdentityRecord = {
  id: number;
  userId: number;
  type: IdentityType;
  value: string;
  isPrimary: boolean;
  verified: boolean;
  createdAt: number;
  updatedAt: number;
};

/** The users of the context's account, each with their organization. */
export function selectUsers(ctx: Ctx) {
  return ctx.db
    .selectFrom('users as u')
    .leftJoin('organization_memberships as om', (join) =>
      join.onRef('om.account_id', '=', 'u.account_id').onRef('om.user_id', '=', 'u.id'),
    )
    .where('u.account_id', '=', ctx.account.id)
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.phone',
      'u.role',
      'u.is_owner',
      'u.custom_role_id',
      'u.default_group_id',
      'om.organization_id',
      'u.external_id',
      'u.locale',
      'u.time_zone',
      'u.tags',
      'u.notes',
      'u.custom_fields',
      'u.details',
      'u.signature',
      'u.verified',
      'u.suspended',
      'u.active',
      'u.password_hash',
      'u.last_login_at',
      'u.created_at',
      'u.updated_at',
    ]);
}

export type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;
export type UserQuery = ReturnType<typeof selectUsers>;

export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    role: row.role,
    isOwner: row.is_owner === 1,
    customRoleId: row.custom_role_id,
    defaultGroupId: row.default_group_id,
    organizationId: row.organization_id,
    externalId: row.external_id,
    locale: row.locale,
    timeZone: row.time_zone,
    tags: parseStringList(row.tags),
    notes: row.notes,
    customFields: JSON.parse(row.custom_fields) as Record<string, unknown>,
    details: row.details,
    signature: row.signature,
    verified: row.verified === 1,
    suspended: row.suspended === 1,
    active: row.active === 1,
    hasPassword: row.password_hash !== null,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findUser(ctx: Ctx, id: number): Promise<UserRecord | null> {
  const row = await selectUsers(ctx).where('u.id', '=', id).where('u.active', '=', 1).executeTakeFirst();
  return row ? toUserRecord(row) : null;
}

export async function findUsers(ctx: Ctx, ids: number[]): Promise<UserRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await selectUsers(ctx).where('u.id', 'in', ids).where('u.active', '=', 1).execute();
  return rows.map(toUserRecord);
}

export async function findUserIdByEmail(ctx: Ctx, address: string): Promise<number | null> {
  const row = await ctx.db
    .selectFrom('user_identities')
    .select('user_id')
    .where('account_id', '=', ctx.account.id)
    .where('type', '=', 'email')
    .where('value', '=', address.toLowerCase())
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function findUserByExternalId(ctx: Ctx, externalId: string): Promise<UserRecord | null> {
  const row = await selectUsers(ctx).where('u.external_id', '=', externalId).where('u.active', '=', 1).executeTakeFirst();
  return row ? toUserRecord(row) : null;
}

export async function findPasswordHash(ctx: Ctx, userId: number): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.password_hash ?? null;
}

export type UserFilter = { roles?: UserRole[]; customRoleId?: number; externalId?: string; text?: string; groupId?: number; organizationId?: number };

/** Active users matching the filter, for pagination by u.id. */
export function queryUsers(ctx: Ctx, filter: UserFilter): UserQuery {
  let q = selectUsers(ctx).where('u.active', '=', 1);
  if (filter.roles && filter.roles.length > 0) {
    q = q.where('u.role', 'in', filter.roles);
  }
  if (filter.customRoleId !== undefined) {
    q = q.where('u.custom_role_id', '=', filter.customRoleId);
  }
  if (filter.externalId !== undefined) {
    q = q.where('u.external_id', '=', filter.externalId);
  }
  if (filter.organizationId !== undefined) {
    q = q.where('om.organization_id', '=', filter.organizationId);
  }
  if (filter.groupId !== undefined) {
    const groupId = filter.groupId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('group_memberships as gm')
          .select('gm.id')
          .whereRef('gm.account_id', '=', 'u.account_id')
          .whereRef('gm.user_id', '=', 'u.id')
          .where('gm.group_id', '=', groupId),
      ),
    );
  }
  if (filter.text !== undefined) {
    const text = filter.text;
    q = q.where((eb) =>
      eb.or([
        containsText('u.name', text),
        containsText('u.email', text),
        containsText('u.phone', text),
        eb('u.external_id', '=', text),
        eb.exists(
          eb
            .selectFrom('user_identities as ui')
            .select('ui.id')
            .whereRef('ui.account_id', '=', 'u.account_id')
            .whereRef('ui.user_id', '=', 'u.id')
            .where('ui.value', '=', text.toLowerCase()),
        ),
      ]),
    );
  }
  return q;
}

export type UserInsert = Omit<UsersTable, 'id' | 'account_id' | 'created_at' | 'updated_at' | 'custom_fields'> & { custom_fields?: string };

export async function insertUser(ctx: Ctx, values: UserInsert): Promise<number> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('users')
    .values({ ...values, account_id: ctx.account.id, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUserRow(ctx: Ctx, id: number, patch: Partial<UserInsert>): Promise<void> {
  await ctx.db
    .updateTable('users')
    .set({ ...patch, updated_at: ctx.clock.now() })
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .execute();
}

export async function countOtherUsersWithRole(ctx: Ctx, roleName: UserRole): Promise<number> {
  const row = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', ctx.account.id)
    .where('role', '=', roleName)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- identities ----

const identityColumns = ['id', 'user_id', 'type', 'value', 'is_primary', 'verified', 'created_at', 'updated_at'] as const;

export async function listIdentities(ctx: Ctx, userId: number): Promise<IdentityRecord[]> {
  const rows = await ctx.db
    .selectFrom('user_identities')
    .select(identityColumns)
    .where('account_id', '=', ctx.account.id)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    type: r.type,
    value: r.value,
    isPrimary: r.is_primary === 1,
    verified: r.verified === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function insertIdentity(
  ctx: Ctx,
  values: { userId: number; type: IdentityType; value: string; isPrimary: boolean; verified: boolean },
): Promise<number> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('user_identities')
    .values({
      account_id: ctx.account.id,
      user_id: values.userId,
      type: values.type,
      value: values.type === 'email' ? values.value.toLowerCase() : values.value,
      is_primary: values.isPrimary ? 1 : 0,
      verified: values.verified ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteIdentity(ctx: Ctx, userId: number, identityId: number): Promise<void> {
  await ctx.db
    .deleteFrom('user_identities')
    .where('account_id', '=', ctx.account.id)
    .where('user_id', '=', userId)
    .where('id', '=', identityId)
    .execute();
}

export async function deleteIdentitiesOf(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.deleteFrom('user_identities').where('account_id', '=', ctx.account.id).where('user_id', '=', userId).execute();
}

/** Makes one of the user's identities of a type the primary one, the others not. */
export async function setPrimaryIdentity(ctx: Ctx, userId: number, type: IdentityType, identityId: number): Promise<void> {
  await ctx.db
    .updateTable('user_identities')
    .set((eb) => ({
      is_primary: eb.case().when('id', '=', identityId).then(1).else(0).end().$castTo<Flag>(),
      updated_at: ctx.clock.now(),
    }))
    .where('account_id', '=', ctx.account.id)
    .where('user_id', '=', userId)
    .where('type', '=', type)
    .execute();
}

export async function moveIdentities(ctx: Ctx, fromUserId: number, toUserId: number): Promise<void> {
  await ctx.db
    .updateTable('user_identities')
    .set({ user_id: toUserId, is_primary: 0, updated_at: ctx.clock.now() })
    .where('account_id', '=', ctx.account.id)
    .where('user_id', '=', fromUserId)
    .execute();
}

// ---- sessions and tokens that die with the user's access ----

export async function revokeSessions(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('account_id', '=', ctx.account.id).where('user_id', '=', userId).execute();
}

