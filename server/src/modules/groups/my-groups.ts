import type { Ctx } from '../../context.js';
import { listGroupIdsOfUser } from './repo.js';

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
    groups = listGroupIdsOfUser(ctx, actor.user.id).then((ids) => new Set(ids));
    groupsOfRequest.set(actor, groups);
  }
  return groups;
}
