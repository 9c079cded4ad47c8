import type { Ctx } from '../../context.js';
import { type RoleConfiguration, roleConfigurationSchema } from '../../platform/permissions.js';

export type CustomRoleRecord = {
  id: number;
  name: string;
  description: string;
  configuration: RoleConfiguration;
  memberCount: number;
  createdAt: number;
  updatedAt: number;
};

export function queryRoles(ctx: Ctx) {
  return ctx.db
    .selectFrom('custom_roles as r')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.description',
      'r.configuration',
      'r.created_at',
      'r.updated_at',
      eb
        .selectFrom('users as u')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('u.account_id', '=', 'r.account_id')
        .whereRef('u.custom_role_id', '=', 'r.id')
        .where('u.active', '=', 1)
        .as('member_count'),
    ])
    .where('r.account_id', '=', ctx.account.id);
}

export function toRole(r: {
  id: number;
  name: string;
  description: string;
  configuration: string;
  member_count: number | string | null;
  created_at: number;
  updated_at: number;
}): CustomRoleRecord {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    configuration: parseConfiguration(r.configuration),
    memberCount: Number(r.member_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function parseConfiguration(text: string): RoleConfiguration {
  return roleConfigurationSchema.parse(JSON.parse(text));
}

export async function findRole(ctx: Ctx, id: number): Promise<CustomRoleRecord | null> {
  const row = await queryRoles(ctx).where('r.id', '=', id).executeTakeFirst();
  return row ? toRole(row) : null;
}

/** The role new agents get: the account's first. */
export async function findDefaultRoleId(ctx: Ctx): Promise<number | null> {
  const row = await ctx.db.selectFrom('custom_roles').select('id').where('account_id', '=', ctx.account.id).orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertRole(ctx: Ctx, values: { name: string; description: string; configuration: RoleConfiguration }): Promise<number> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('custom_roles')
    .values({
      account_id: ctx.account.id,
      name: values.name,
      description: values.description,
      configuration: JSON.stringify(values.configuration),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRoleRow(
  ctx: Ctx,
  id: number,
  patch: { name?: string; description?: string; configuration?: RoleConfiguration },
): Promise<void> {
  await ctx.db
    .updateTable('custom_roles')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.configuration !== undefined ? { configuration: JSON.stringify(patch.configuration) } : {}),
      updated_at: ctx.clock.now(),
    })
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .execute();
}

export async function deleteRoleRow(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.deleteFrom('custom_roles').where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
}
