// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { createTenantTable, millis } from '../helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const ms = millis(db);
  await createTenantTable(db, 'views')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull())
    // null: everyone; {"type":"Group","ids":[…]} or {"type":"User","id":…}
    .addColumn('restriction', 'text')
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('execution', 'text', (c) => c.notNull())
    .addColumn('default_key', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('views_position_idx').on('views').columns(['account_id', 'position', 'id']).execute();

  // Indexes behind the default views (see modules/views/defaults.ts): each view's
  // conditions and sort are answered from one of these and from those made with tickets.
  await db.schema.createIndex('tickets_status_updated_idx').on('tickets').columns(['account_id', 'status', 'updated_at', 'id']).execute();
  await db.schema.createIndex('tickets_solved_idx').on('tickets').columns(['account_id', 'solved_at', 'id']).where(sql.ref('solved_at'), 'is not', null).execute();
  await db.schema
    .createIndex('tickets_unassigned_idx')
    .on('tickets')
    .columns(['account_id', 'group_id', 'status', 'updated_at', 'id'])
    .where(sql.ref('assignee_id'), 'is', null)
    .execute();
  await db.schema.createIndex('tickets_deleted_idx').on('tickets').columns(['account_id', 'deleted_at', 'id']).where(sql.ref('deleted_at'), 'is not', null).execute();
}
