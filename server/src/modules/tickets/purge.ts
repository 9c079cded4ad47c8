import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/helpers.js';
import { type Clock, DAY } from '../../platform/clock.js';

export const RESTORE_WINDOW = 30 * DAY;

/** Removes tickets for good: their comments, audits, tags and CCs go with them. */
export async function eraseTickets(db: Db, accountId: number, rowIds: number[]): Promise<void> {
  if (rowIds.length === 0) {
    return;
  }
  const niceIds = await db.selectFrom('tickets').select('nice_id').where('account_id', '=', accountId).where('id', 'in', rowIds).execute();
  // Incidents of an erased problem stay, unlinked.
  await db
    .updateTable('tickets')
    .set({ problem_id: null })
    .where('account_id', '=', accountId)
    .where('problem_id', 'in', niceIds.map((r) => r.nice_id))
    .execute();
  if (dialectOf(db) === 'sqlite') {
    await sql`delete from ticket_search where rowid in (${sql.join(rowIds)})`.execute(db);
  }
  // Notifications are not tied to tickets by a foreign key; they quote them, so they go too.
  await db.deleteFrom('notifications').where('account_id', '=', accountId).where('ticket_id', 'in', rowIds).execute();
  await db.deleteFrom('tickets').where('account_id', '=', accountId).where('id', 'in', rowIds).execute();
}

/**
 * The scheduled purge: tickets deleted more than 30 days ago are erased, in batches.
 * Running it twice at once (two processes) is harmless: each erases what is still there.
 */
export async function purgeDeletedTickets(db: Db, clock: Clock, batch = 500): Promise<number> {
  let erased = 0;
  for (;;) {
    const due = await db
      .selectFrom('tickets')
      .select(['account_id', 'id'])
      .where('deleted_at', 'is not', null)
      .where('deleted_at', '<', clock.now() - RESTORE_WINDOW)
      .limit(batch)
      .execute();
    if (due.length === 0) {
      return erased;
    }
    const byAccount = new Map<number, number[]>();
    for (const row of due) {
      byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row.id]);
    }
    for (const [accountId, ids] of byAccount) {
      await db.transaction().execute((trx) => eraseTickets(trx, accountId, ids));
    }
    erased += due.length;
  }
}

/** Erasing one deleted ticket now, before its 30 days are up. */
export async function eraseDeletedTicket(ctx: Ctx, rowId: number): Promise<void> {
  await eraseTickets(ctx.db, ctx.account.id, [rowId]);
}
