// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';

/**
 * Two account settings for the customer portal: whether people may submit requests without
 * signing in, and whether they may create a portal account themselves. Both on, as before.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('allow_anonymous_requests', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('accounts').addColumn('allow_portal_sign_up', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}
