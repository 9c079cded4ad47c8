// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../helpers.js';

/**
 * Three queue indexes reshaped after counting views at 1,000,000 tickets:
 * - The assignee index now holds assigned tickets only. With unassigned ones in it, SQLite's
 *   planner took it for "unassigned in my groups" (it expects few tickets per assignee, and
 *   "nobody" is the largest assignee of all): it read every unassigned unsolved ticket's row to
 *   test the group, 0.3–0.7 s per count, where the group index answers from the index alone.
 *   "Assigned to X" still matches it, as `assignee_id = ?` implies the index's condition.
 * - The update-time index carries deletion, status and solved time, so "updated in the last N
 *   hours" tests deletion in the index instead of reading each row (10,000 rows: 38 ms per
 *   count), and "recently solved" and "all unsolved", newest update first, walk it in order
 *   testing status and solved time in the index, where SQLite read each row (3.3 ms a page).
 * - The status index carries the priority, so "urgent unsolved tickets", a view most teams
 *   keep, is counted from the index (239 → 6 ms) instead of reading every unsolved row.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_live_assignee_idx').execute();
  await db.schema
    .createIndex('tickets_live_assignee_idx')
    .on('tickets')
    .columns(['account_id', 'assignee_id', 'status', 'updated_at', 'id'])
    .where(sql<boolean>`deleted_at is null and assignee_id is not null`)
    .execute();
  await db.schema
    .createIndex('tickets_updated_cover_idx')
    .on('tickets')
    .columns(['account_id', 'updated_at', 'id', 'deleted_at', 'status', 'solved_at'])
    .execute();
  await db.schema.dropIndex('tickets_updated_idx').execute();
  await db.schema.dropIndex('tickets_live_status_idx').execute();
  await db.schema
    .createIndex('tickets_live_status_idx')
    .on('tickets')
    .columns(['account_id', 'status', 'updated_at', 'id', 'priority'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  if (dialectOf(db) === 'sqlite') {
    // Without statistics for the new indexes the planner guesses, and guessed wrong before.
    await sql`analyze tickets_live_assignee_idx`.execute(db);
    await sql`analyze tickets_updated_cover_idx`.execute(db);
    await sql`analyze tickets_live_status_idx`.execute(db);
  }
}
