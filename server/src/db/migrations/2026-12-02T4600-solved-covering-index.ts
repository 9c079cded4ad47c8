// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';

/**
 * "Recently solved" (solved in the last N hours, newest update first) read every matching
 * ticket's row to test its status and deletion and to sort it: at 1,000,000 tickets 35,000
 * rows, 0.2–4 s a page. The solved-time index now carries those columns, so the page's ids
 * come from the index alone (7 ms). It replaces the narrower index it extends.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tickets_solved_cover_idx')
    .on('tickets')
    .columns(['account_id', 'solved_at', 'id', 'status', 'deleted_at', 'updated_at'])
    .where(sql.ref('solved_at'), 'is not', null)
    .execute();
  await db.schema.dropIndex('tickets_solved_idx').execute();
}
