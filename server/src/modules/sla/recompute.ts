import { type Ctx, systemCtx } from '../../context.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from 'pino';
import { writeOutbox } from '../../platform/outbox/outbox.js';
import { findAccountById } from '../accounts/repo.js';
import { currentSequence, nextSequence, ticketColumns, toTicket } from '../tickets/repo.js';
import { updateSlaTimers } from './timers.js';

/** Tickets re-timed per transaction: about 35 ms of work at a time, then others go first. */
const CHUNK = 50;
/** Tickets per outbox message, so a retried message repeats little. */
const PER_MESSAGE = 500;

const GENERATION = 'sla_recompute';

/**
 * Asks for every unsolved ticket to be re-timed, after this transaction commits. Each request
 * is numbered, and a re-timing still running for an older request stops at its next chunk: the
 * new one starts from the first ticket and covers it (three policies saved in a row re-timed a
 * million-ticket helpdesk three times over, side by side).
 */
export async function requestSlaRecompute(ctx: Ctx): Promise<void> {
  const generation = await nextSequence(ctx, GENERATION);
  await writeOutbox(ctx, { topic: 'sla.recompute', payload: { after_ticket_id: 0, generation } });
}

/**
 * After a policy or calendar edit, re-times every unsolved ticket of the account: a chunk per
 * transaction, yielding to requests between chunks (500 tickets in one transaction held the
 * connection and the event loop for ~350 ms at a time, every request of a million-ticket
 * helpdesk waited behind it), and a new outbox message every PER_MESSAGE tickets. Re-timing a
 * ticket twice, after a crash, is harmless.
 */
export async function recomputeSlas(deps: { db: Db; clock: Clock; log: Logger; config: Config }, accountId: number, afterTicketId: number, generation: number): Promise<void> {
  const account = await findAccountById(deps.db, accountId);
  if (!account) {
    return;
  }
  const ctx = systemCtx({ db: deps.db, clock: deps.clock, log: deps.log, config: deps.config, request: { ip: null, userAgent: null, origin: null } }, account, 'SLA');
  let after = afterTicketId;
  let done = 0;
  for (;;) {
    const more = await deps.db.transaction().execute(async (trx) => {
      const tx = { ...ctx, db: trx };
      if ((await currentSequence(tx, GENERATION)) > generation) {
        return false;
      }
      const rows = await trx
        .selectFrom('tickets')
        .select(ticketColumns)
        .where('tickets.account_id', '=', accountId)
        .where('tickets.id', '>', after)
        .where('tickets.deleted_at', 'is', null)
        .where('tickets.status', 'not in', ['solved', 'closed'])
        .orderBy('tickets.id')
        .limit(CHUNK)
        .execute();
      for (const row of rows) {
        await updateSlaTimers(tx, toTicket(row), { comment: null, created: false });
      }
      const last = rows.at(-1);
      if (rows.length < CHUNK || !last) {
        return false;
      }
      after = last.id;
      done += rows.length;
      if (done >= PER_MESSAGE) {
        await writeOutbox(tx, { topic: 'sla.recompute', payload: { after_ticket_id: last.id, generation } });
        return false;
      }
      return true;
    });
    if (!more) {
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
