import type { Db } from '../../db/database.js';
import type { EventBus, LiveEvent } from '../../platform/realtime/bus.js';

export function toLiveEvent(accountId: number, row: { seq: number; type: string; audience: string; data: string }): LiveEvent {
  return { accountId, seq: row.seq, type: row.type, audience: JSON.parse(row.audience) as unknown, data: JSON.parse(row.data) as unknown };
}

/** Sends a committed event to every process's sockets (at least once; clients drop repeats by seq). */
export async function publishEvent(db: Db, bus: EventBus, accountId: number, seq: number): Promise<void> {
  const row = await db
    .selectFrom('realtime_events')
    .select(['seq', 'type', 'audience', 'data'])
    .where('account_id', '=', accountId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (row) {
    await bus.publish(toLiveEvent(accountId, row));
  }
}
