import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';

/**
 * Records every SLA breach that is due: the timer the ticket changes set is the
 * metric's breach instant, so this runs when the earliest one comes (see nextBreachAt),
 * not as a sweep over open tickets. Returns how many it recorded.
 */
export async function recordDueBreaches(db: Db, clock: Clock, limit = 500): Promise<number> {
  const now = clock.now();
  const due = await db
    .selectFrom('ticket_sla_metrics')
    .select(['account_id', 'ticket_id', 'metric', 'breach_at', 'timeline'])
    .where('breached_at', 'is', null)
    .where('breach_at', '<=', now)
    .orderBy('breach_at')
    .limit(limit)
    .execute();
  for (const row of due) {
    const timeline = JSON.parse(row.timeline) as unknown[];
    timeline.push({ at: row.breach_at, stage: 'breached', status: '', note: 'target missed' });
    await db
      .updateTable('ticket_sla_metrics')
      .set({ breached_at: row.breach_at, timeline: JSON.stringify(timeline.slice(-50)) })
      .where('account_id', '=', row.account_id)
      .where('ticket_id', '=', row.ticket_id)
      .where('metric', '=', row.metric)
      .where('breached_at', 'is', null)
      .execute();
  }
  return due.length;
}

/** The earliest breach still to record, for the timer to sleep until. */
export async function nextBreachAt(db: Db): Promise<number | null> {
  const row = await db.selectFrom('ticket_sla_metrics').select((eb) => eb.fn.min('breach_at').as('at')).where('breached_at', 'is', null).executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}
