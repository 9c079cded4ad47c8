import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { systemCtx } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { KefuError } from '../../platform/errors.js';
import { findAccountById } from '../accounts/repo.js';
import { changeTicket } from '../tickets/change-ticket.js';

type Deps = { db: Db; clock: Clock; log: Logger; config: Config };

/**
 * Records every SLA breach that is due: the timer the ticket changes set is the
 * metric's breach instant, so this runs when the earliest one comes (see nextBreachAt),
 * not as a sweep over open tickets. Each breach is marked on its metric and written to
 * the ticket's audit through the one door, where triggers can react to it. Returns how
 * many it recorded.
 */
export async function recordDueBreaches(deps: Deps, limit = 500): Promise<number> {
  const { db, clock } = deps;
  const now = clock.now();
  const due = await db
    .selectFrom('ticket_sla_metrics')
    .innerJoin('tickets', (j) => j.onRef('tickets.account_id', '=', 'ticket_sla_metrics.account_id').onRef('tickets.id', '=', 'ticket_sla_metrics.ticket_id'))
    .select(['ticket_sla_metrics.account_id', 'ticket_sla_metrics.ticket_id', 'ticket_sla_metrics.metric', 'ticket_sla_metrics.policy_id', 'ticket_sla_metrics.breach_at', 'ticket_sla_metrics.timeline', 'tickets.nice_id'])
    .where('ticket_sla_metrics.breached_at', 'is', null)
    .where('ticket_sla_metrics.breach_at', '<=', now)
    .orderBy('ticket_sla_metrics.breach_at')
    .limit(limit)
    .execute();
  for (const row of due) {
    const timeline = JSON.parse(row.timeline) as unknown[];
    timeline.push({ at: row.breach_at, stage: 'breached', status: '', note: 'target missed' });
    const marked = await db
      .updateTable('ticket_sla_metrics')
      .set({ breached_at: row.breach_at, timeline: JSON.stringify(timeline.slice(-50)) })
      .where('account_id', '=', row.account_id)
      .where('ticket_id', '=', row.ticket_id)
      .where('metric', '=', row.metric)
      .where('breached_at', 'is', null)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) {
      continue; // another process recorded it
    }
    const account = await findAccountById(db, row.account_id);
    if (!account) {
      continue;
    }
    const ctx = systemCtx({ db, clock, log: deps.log, config: deps.config, request: { ip: null, userAgent: null, origin: null } }, account, 'SLA');
    try {
      await changeTicket(ctx, row.nice_id, { systemEvents: [{ type: 'SlaBreach', metric: row.metric, policy_id: row.policy_id, breach_at: new Date(row.breach_at ?? now).toISOString() }] }, { via: { channel: 'rule', source: { rel: 'sla' } } });
    } catch (error) {
      // A deleted or closed ticket keeps the breach on its metric only.
      if (!(error instanceof KefuError)) {
        throw error;
      }
    }
  }
  return due.length;
}

/** The earliest breach still to record, for the timer to sleep until. */
export async function nextBreachAt(db: Db): Promise<number | null> {
  const row = await db.selectFrom('ticket_sla_metrics').select((eb) => eb.fn.min('breach_at').as('at')).where('breached_at', 'is', null).executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
