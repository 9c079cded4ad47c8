// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';
import { idType, millis } from '../helpers.js';

/** Addresses that bounced: Kefu stops mailing them for a while. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const ms = millis(db);
  const int = idType(db);
  await db.schema
    .createTable('email_suppressions')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('diagnostic', 'text')
    .addColumn('ticket_id', int)
    .addColumn('until', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('email_suppressions_pkey', ['account_id', 'email'])
    .execute();
}
