import type { Ctx } from '../../../context.js';
import { moveIdentities } from '../repo.js';

/**
 * Moves everything that points at one user to another, for merges. Each capability
 * that keeps user references adds its move here, so a merge leaves nothing behind.
 */
export async function moveUserReferences(ctx: Ctx, fromUserId: number, toUserId: number): Promise<void> {
  const account = ctx.account.id;
  await moveIdentities(ctx, fromUserId, toUserId);
  for (const column of ['requester_id', 'submitter_id'] as const) {
    await ctx.db.updateTable('tickets').set({ [column]: toUserId }).where('account_id', '=', account).where(column, '=', fromUserId).execute();
  }
  await ctx.db.updateTable('ticket_comments').set({ author_id: toUserId }).where('account_id', '=', account).where('author_id', '=', fromUserId).execute();
  // A CC of both keeps one row: drop the source's where the survivor is already there.
  await ctx.db
    .deleteFrom('ticket_collaborators')
    .where('account_id', '=', account)
    .where('user_id', '=', fromUserId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('ticket_collaborators as other')
          .select('other.user_id')
          .whereRef('other.account_id', '=', 'ticket_collaborators.account_id')
          .whereRef('other.ticket_id', '=', 'ticket_collaborators.ticket_id')
          .whereRef('other.kind', '=', 'ticket_collaborators.kind')
          .where('other.user_id', '=', toUserId),
      ),
    )
    .execute();
  await ctx.db.updateTable('ticket_collaborators').set({ user_id: toUserId }).where('account_id', '=', account).where('user_id', '=', fromUserId).execute();
}
