import type { Ctx } from '../../context.js';
import type { GroupsTable } from '../../db/schema.js';

export type GroupRecord = {
  id: number;
  name: string;
  description: string;
  isPublic: boolean;
  isDefault: boolean;
  deleted: boolean;
  createdAt: number;
  updatedAt: number;
};

export type GroupMembershipRecord = {
  id: number;
  userId: number;
  groupId: number;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
};

const groupColumns = ['id', 'name', 'description', 'is_public', 'is_default', 'deleted', 'created_at', 'updated_at'] as const;

type GroupRow = Pick<GroupsTable, Exclude<(typeof groupColumns)[number], 'id'>> & { id: number };

function toGroup(r: GroupRow): GroupRecord {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    isPublic: r.is_public === 1,
    isDefault: r.is_default === 1,
    deleted: r.deleted === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function queryGroups(ctx: Ctx, options: { userId?: number } = {}) {
  let q = ctx.db.selectFrom('groups').select(groupColumns).where('account_id', '=', ctx.account.id).where('deleted', '=', 0);
  if (options.userId !== undefined) {
    const userId = options.userId;
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('group_memberships')
        .select('group_id')
        .where('account_id', '=', ctx.account.id)
        .where('user_id', '=', userId),
    );
  }
  return q;
}

export { toGroup };

export async function findGroup(ctx: Ctx, id: number): Promise<GroupRecord | null> {
  const row = await queryGroups(ctx).where('id', '=', id).executeTakeFirst();
  return row ? toGroup(row) : null;
}

export async function findGroupsByIds(ctx: Ctx, ids: number[]): Promise<GroupRecord[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await queryGroups(ctx).where('id', 'in', ids).execute();
  return rows.map(toGroup);
}

export async function findDefaultGroup(ctx: Ctx): Promise<GroupRecord | null> {
  const row = await queryGroups(ctx).orderBy('is_default', 'desc').orderBy('id').limit(1).executeTakeFirst();
  return row ? toGroup(row) : null;
}

export async function insertGroup(
  ctx: Ctx,
  values: { name: string; description: string; isPublic: boolean; isDefault: boolean },
): Promise<number> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('groups')
    .values({
      account_id: ctx.account.id,
      name: values.name,
      description: values.description,
      is_public: values.isPublic ? 1 : 0,
      is_default: values.isDefault ? 1 : 0,
      deleted: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateGroupRow(
  ctx: Ctx,
  id: number,
  patch: Partial<Pick<GroupsTable, 'name' | 'description' | 'is_public' | 'is_default' | 'deleted'>>,
): Promise<void> {
  await ctx.db
    .updateTable('groups')
    .set({ ...patch, updated_at: ctx.clock.now() })
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .execute();
}

export async function clearDefaultGroup(ctx: Ctx): Promise<void> {
  await ctx.db
    .updateTable('groups')
    .set({ is_default: 0 })
    .where('account_id', '=', ctx.account.id)
    .where('is_default', '=', 1)
    .execute();
}

// ---- memberships ----

/** Memberships with `is_default` derived from the member's default_group_id. */
export function queryMemberships(ctx: Ctx, filter: { userId?: number; groupId?: number } = {}) {
  let q = ctx.db
    .selectFrom('group_memberships as gm')
    .innerJoin('users as u', (join) => join.onRef('u.account_id', '=', 'gm.account_id').onRef('u.id', '=', 'gm.user_id'))
    .select((eb) => [
      'gm.id',
      'gm.user_id',
      'gm.group_id',
      eb.case().when('u.default_group_id', '=', eb.ref('gm.group_id')).then(1).else(0).end().as('is_default'),
      'gm.created_at',
      'gm.updated_at',
    ])
    .where('gm.account_id', '=', ctx.account.id);
  if (filter.userId !== undefined) {
    q = q.where('gm.user_id', '=', filter.userId);
  }
  if (filter.groupId !== undefined) {
    q = q.where('gm.group_id', '=', filter.groupId);
  }
  return q;
}

export function toMembership(r: {
  id: number;
  user_id: number;
  group_id: number;
  is_default: number;
  created_at: number;
  updated_at: number;
}): GroupMembershipRecord {
  return {
    id: r.id,
    userId: r.user_id,
    groupId: r.group_id,
    isDefault: Number(r.is_default) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findMembership(ctx: Ctx, id: number): Promise<GroupMembershipRecord | null> {
  const row = await queryMemberships(ctx).where('gm.id', '=', id).executeTakeFirst();
  return row ? toMembership(row) : null;
}

/** The ids of the groups a user belongs to (what visibility and views need, without the rows). */
export async function listGroupIdsOfUser(ctx: Ctx, userId: number): Promise<number[]> {
  const rows = await ctx.db.selectFrom('group_memberships').select('group_id').where('account_id', '=', ctx.account.id).where('user_id', '=', userId).execute();
  return rows.map((r) => r.group_id);
}

export async function listMembershipsOfUser(ctx: Ctx, userId: number): Promise<GroupMembershipRecord[]> {
  const rows = await queryMemberships(ctx, { userId }).orderBy('gm.id').execute();
  return rows.map(toMembership);
}

export async function insertMembership(ctx: Ctx, userId: number, groupId: number): Promise<number> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('group_memberships')
    .values({ account_id: ctx.account.id, user_id: userId, group_id: groupId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'user_id', 'group_id']).doUpdateSet({ updated_at: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteMembership(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.deleteFrom('group_memberships').where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
}

export async function deleteMembershipsOfUser(ctx: Ctx, userId: number): Promise<void> {
  await ctx.db.deleteFrom('group_memberships').where('account_id', '=', ctx.account.id).where('user_id', '=', userId).execute();
}

export async function deleteMembershipsOfGroup(ctx: Ctx, groupId: number): Promise<void> {
  await ctx.db.deleteFrom('group_memberships').where('account_id', '=', ctx.account.id).where('group_id', '=', groupId).execute();
}

export async function setDefaultGroup(ctx: Ctx, userId: number, groupId: number | null): Promise<void> {
  await ctx.db
    .updateTable('users')
    .set({ default_group_id: groupId, updated_at: ctx.clock.now() })
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', userId)
    .execute();
}

/** Clears default_group_id of every user whose default was this group. */
export async function clearDefaultGroupOfMembers(ctx: Ctx, groupId: number): Promise<void> {
  await ctx.db
    .updateTable('users')
    .set({ default_group_id: null })
    .where('account_id', '=', ctx.account.id)
    .where('default_group_id', '=', groupId)
    .execute();
}
