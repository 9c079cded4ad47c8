import { systemCtx } from '../../context.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from 'pino';
import { writeOutbox } from '../../platform/outbox/outbox.js';
import { findAccountById } from '../accounts/repo.js';
import { ticketColumns, toTicket } from '../tickets/repo.js';
import { updateSlaTimers } from './timers.js';

const PAGE = 500;

/**
 * After a policy or calendar edit, re-times every unsolved ticket of the account, a
 * page per outbox message so a large account never holds one long transaction.
 */
export async function recomputeSlas(deps: { db: Db; clock: Clock; log: Logger; config: Config }, accountId: number, afterTicketId: number): Promise<void> {
  const account = await findAccountById(deps.db, accountId);
  if (!account) {
    return;
  }
  const ctx = systemCtx({ db: deps.db, clock: deps.clock, log: deps.log, config: deps.config, request: { ip: null, userAgent: null, origin: null } }, account, 'SLA');
  await deps.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx };
    const rows = await trx
      .selectFrom('tickets')
      .select(ticketColumns)
      .where('tickets.account_id', '=', accountId)
      .where('tickets.id', '>', afterTicketId)
      .where('tickets.deleted_at', 'is', null)
      .where('tickets.status', 'not in', ['solved', 'closed'])
      .orderBy('tickets.id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      await updateSlaTimers(tx, toTicket(row), { comment: null, created: false });
    }
    const last = rows.at(-1);
    if (rows.length === PAGE && last) {
      await writeOutbox(tx, { topic: 'sla.recompute', payload: { after_ticket_id: last.id } });
    }
  });
}
