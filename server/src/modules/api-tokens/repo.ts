import type { Ctx } from '../../context.js';

export type ApiTokenRecord = {
  id: number;
  description: string;
  lastFour: string;
  createdById: number;
  lastUsedAt: number | null;
  createdAt: number;
};

export function queryApiTokens(ctx: Ctx) {
  return ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'description', 'last_four', 'created_by_id', 'last_used_at', 'created_at'])
    .where('account_id', '=', ctx.account.id);
}

type ApiTokenRow = Awaited<ReturnType<ReturnType<typeof queryApiTokens>['executeTakeFirstOrThrow']>>;

export function toApiToken(r: ApiTokenRow): ApiTokenRecord {
  return {
    id: r.id,
    description: r.description,
    lastFour: r.last_four,
    createdById: r.created_by_id,
    lastUsedAt: r.last_used_at,
    createdAt: r.created_at,
  };
}

export async function findApiTokenById(ctx: Ctx, id: number): Promise<ApiTokenRecord | null> {
  const row = await queryApiTokens(ctx).where('id', '=', id).executeTakeFirst();
  return row ? toApiToken(row) : null;
}

export async function insertApiToken(
  ctx: Ctx,
  values: { description: string; tokenHash: string; lastFour: string; createdById: number },
): Promise<number> {
  const row = await ctx.db
    .insertInto('api_tokens')
    .values({
      account_id: ctx.account.id,
      description: values.description,
      token_hash: values.tokenHash,
      last_four: values.lastFour,
      created_by_id: values.createdById,
      last_used_at: null,
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteApiTokenRow(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.deleteFrom('api_tokens').where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
}
