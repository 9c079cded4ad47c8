// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { createTenantTable, idType, millis } from '../helpers.js';

/** Ticket templates created on a schedule (定期任务). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const ms = millis(db);
  await createTenantTable(db, 'recurring_tickets')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // {"kind":"weekly","time":"09:00","weekdays":[1]} or {"kind":"cron","cron":"0 9 1 * *"}
    .addColumn('recurrence', 'text', (c) => c.notNull())
    // The ticket to create, as the Tickets API takes it.
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('next_run_at', ms)
    .addColumn('last_run_at', ms)
    .addColumn('last_ticket_id', idType(db))
    .addColumn('created_by_id', idType(db))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recurring_tickets_due_idx').on('recurring_tickets').columns(['next_run_at']).where(sql.ref('active'), '=', 1).execute();
}
