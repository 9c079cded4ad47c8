import type { Ctx } from '../../context.js';
import { type Conditions, conditionsSchema } from '../../rules/conditions.js';
import { type Execution, executionSchema, type Restriction, restrictionSchema } from './schema.js';

export type ViewRecord = {
  id: number;
  title: string;
  description: string;
  active: boolean;
  position: number;
  restriction: Restriction;
  conditions: Conditions;
  execution: Execution;
  defaultKey: string | null;
  createdAt: number;
  updatedAt: number;
};

export function queryViews(ctx: Ctx) {
  return ctx.db
    .selectFrom('views')
    .select(['id', 'title', 'description', 'active', 'position', 'restriction', 'conditions', 'execution', 'default_key', 'created_at', 'updated_at'])
    .where('account_id', '=', ctx.account.id);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof queryViews>['executeTakeFirstOrThrow']>>;

export function toView(r: ViewRow): ViewRecord {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    active: r.active === 1,
    position: r.position,
    restriction: restrictionSchema.parse(r.restriction === null ? null : JSON.parse(r.restriction)),
    conditions: conditionsSchema.parse(JSON.parse(r.conditions)),
    execution: executionSchema.parse(JSON.parse(r.execution)),
    defaultKey: r.default_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findView(ctx: Ctx, id: number): Promise<ViewRecord | null> {
  const row = await queryViews(ctx).where('id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

export async function insertView(
  ctx: Ctx,
  v: { title: string; description: string; active: boolean; position: number; restriction: Restriction; conditions: Conditions; execution: Execution; defaultKey: string | null },
): Promise<number> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('views')
    .values({
      account_id: ctx.account.id,
      title: v.title,
      description: v.description,
      active: v.active ? 1 : 0,
      position: v.position,
      restriction: v.restriction === null ? null : JSON.stringify(v.restriction),
      conditions: JSON.stringify(v.conditions),
      execution: JSON.stringify(v.execution),
      default_key: v.defaultKey,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function nextViewPosition(ctx: Ctx): Promise<number> {
  const row = await ctx.db.selectFrom('views').select((eb) => eb.fn.max('position').as('p')).where('account_id', '=', ctx.account.id).executeTakeFirst();
  return (row?.p ?? -1) + 1;
}
