// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';
import { idType, millis } from '../helpers.js';

/** A helpdesk's own layout for the mail it sends (HTML and text), around each message's content. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_templates')
    .addColumn('account_id', idType(db), (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', millis(db), (c) => c.notNull())
    .execute();
}
