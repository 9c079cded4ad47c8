// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';
import { idType, millis } from '../helpers.js';

/**
 * Live events with a per-account sequence number, kept a day so a browser that
 * reconnects can ask for everything after the last number it saw.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const int = idType(db);
  await db.schema
    .createTable('realtime_events')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('seq', int, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', millis(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('realtime_events_pkey', ['account_id', 'seq'])
    .execute();
  await db.schema.createIndex('realtime_events_created_idx').on('realtime_events').columns(['created_at']).execute();
}
