import type { Ctx } from '../../context.js';

const groupsOfRequest = new WeakMap<object, Promise<ReadonlySet<number>>>();

/**
 * The signed-in person's groups, read once per request: views, their counts and search all ask,
 * each through its own copy of the context (`forReading`), which shares the request's actor.
 */
export function myGroupIds(ctx: Ctx): Promise<ReadonlySet<number>> {
  if (ctx.actor.kind !== 'user') {
    return Promise.resolve(new Set());
  }
  const actor = ctx.actor;
  let groups = groupsOfRequest.get(actor);
  if (!groups) {
    groups = ctx.db
      .selectFrom('group_memberships')
      .select('group_id')
      .where('account_id', '=', ctx.account.id)
      .where('user_id', '=', actor.user.id)
      .execute()
      .then((rows) => new Set(rows.map((r) => r.group_id)));
    groupsOfRequest.set(actor, groups);
  }
  return groups;
}
