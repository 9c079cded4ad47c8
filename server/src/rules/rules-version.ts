import { randomInt } from 'node:crypto';
import type { Ctx } from '../context.js';
import { currentSequence } from '../modules/tickets/repo.js';

/**
 * A stamp that changes whenever an account's rules change, read once per ticket change,
 * so every process keeps its parsed rules cached and still sees an edit at once. Random
 * rather than counted, so caches of two databases never mistake one for the other.
 */
const stampInTransaction = new WeakMap<object, number>();

export async function rulesStamp(ctx: Ctx): Promise<number> {
  // Within one transaction the stamp cannot change underneath us: read it once.
  const memo = ctx.db.isTransaction ? stampInTransaction.get(ctx.db) : undefined;
  if (memo !== undefined) {
    return memo;
  }
  const stamp = await currentSequence(ctx, 'rules');
  if (ctx.db.isTransaction) {
    stampInTransaction.set(ctx.db, stamp);
  }
  return stamp;
}

export async function touchRules(ctx: Ctx): Promise<void> {
  const value = randomInt(1, 2 ** 31);
  await ctx.db
    .insertInto('account_sequences')
    .values({ account_id: ctx.account.id, name: 'rules', value })
    .onConflict((oc) => oc.columns(['account_id', 'name']).doUpdateSet({ value }))
    .execute();
  if (ctx.db.isTransaction) {
    stampInTransaction.set(ctx.db, value);
  }
}

/** A per-process cache of something derived from an account's rules. */
export class RulesCache<T> {
  private readonly entries = new Map<number, { stamp: number; value: T }>();

  constructor(private readonly load: (ctx: Ctx) => Promise<T>) {}

  async get(ctx: Ctx): Promise<T> {
    const stamp = await rulesStamp(ctx);
    const hit = this.entries.get(ctx.account.id);
    if (hit && hit.stamp === stamp && stamp !== 0) {
      return hit.value;
    }
    const value = await this.load(ctx);
    this.entries.set(ctx.account.id, { stamp, value });
    return value;
  }
}
