// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';
import { createTenantTable, idType, millis } from '../helpers.js';

/** In-app notifications for agents (assigned, a reply on a ticket they follow or own, a mention) and their preferences. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const ms = millis(db);
  const int = idType(db);
  await createTenantTable(db, 'notifications')
    .addColumn('user_id', int, (c) => c.notNull())
    // assigned | reply | mention
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ticket_id', int, (c) => c.notNull())
    .addColumn('audit_id', int)
    .addColumn('actor_id', int)
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('read_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  // A user's list, newest first, and their unread count.
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['account_id', 'user_id', 'id']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['account_id', 'user_id', 'read_at']).execute();
  await db.schema
    .createTable('notification_preferences')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('user_id', int, (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pkey', ['account_id', 'user_id'])
    .execute();
}
