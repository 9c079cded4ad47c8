// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';

/** Background jobs keep what they were asked to do beside their status, so a retry can resume. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('job_statuses').addColumn('input', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}
