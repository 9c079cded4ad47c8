// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { createTenantTable, idType, millis, tenantReference } from '../helpers.js';

/**
 * The rules: triggers (with categories), automations, macros, webhooks and their
 * delivery log, business-hours schedules with holidays, the official calendar,
 * SLA policies with each ticket's metric timers, and routing state.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const ms = millis(db);
  const int = idType(db);

  await createTenantTable(db, 'trigger_categories')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  for (const name of ['triggers', 'automations', 'macros']) {
    let table = createTenantTable(db, name)
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('actions', 'text', (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('updated_at', ms, (c) => c.notNull());
    if (name !== 'macros') {
      table = table.addColumn('conditions', 'text', (c) => c.notNull());
    }
    if (name === 'triggers') {
      table = table.addColumn('category_id', int);
    }
    if (name === 'macros') {
      // null: everyone; {"type":"Group","ids":[…]} or {"type":"User","id":…}
      table = table.addColumn('restriction', 'text').addColumn('usage_count', int, (c) => c.notNull().defaultTo(0));
    }
    await table.execute();
    await db.schema.createIndex(`${name}_position_idx`).on(name).columns(['account_id', 'position', 'id']).execute();
  }

  await createTenantTable(db, 'webhooks')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('http_method', 'text', (c) => c.notNull())
    .addColumn('request_format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Sealed with SECRET_KEY: shown to admins on request, so it cannot be a one-way hash.
    .addColumn('signing_secret', 'text', (c) => c.notNull())
    .addColumn('authentication', 'text')
    .addColumn('custom_headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await tenantReference(
    createTenantTable(db, 'webhook_deliveries')
      .addColumn('webhook_id', int, (c) => c.notNull())
      .addColumn('ticket_id', int)
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('created_at', ms, (c) => c.notNull()),
    'webhook_id',
    'webhooks',
    'cascade',
  ).execute();
  await db.schema.createIndex('webhook_deliveries_webhook_idx').on('webhook_deliveries').columns(['account_id', 'webhook_id', 'id']).execute();

  await createTenantTable(db, 'schedules')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // [{start_time, end_time}] in minutes from Sunday 00:00, as Zendesk writes them.
    .addColumn('intervals', 'text', (c) => c.notNull())
    // 'CN': follow the official mainland-China calendar; null: holidays below only.
    .addColumn('official_calendar', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await tenantReference(
    createTenantTable(db, 'schedule_holidays')
      .addColumn('schedule_id', int, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text', (c) => c.notNull())
      // 'holiday' closes the days; 'workday' opens them (调休 make-up days).
      .addColumn('kind', 'text', (c) => c.notNull()),
    'schedule_id',
    'schedules',
    'cascade',
  ).execute();
  await db.schema.createIndex('schedule_holidays_schedule_idx').on('schedule_holidays').columns(['account_id', 'schedule_id', 'start_date']).execute();

  // Shared by every account: the days an official calendar closes or opens, and the
  // years each source covers, so days past them are flagged rather than guessed.
  await db.schema
    .createTable('official_calendar_days')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('official_calendar_days_pkey', ['region', 'day'])
    .execute();
  await db.schema
    .createTable('official_calendars')
    .addColumn('region', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('first_year', 'integer', (c) => c.notNull())
    .addColumn('last_year', 'integer', (c) => c.notNull())
    .addColumn('loaded_at', ms, (c) => c.notNull())
    .execute();

  await createTenantTable(db, 'sla_policies')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('policy_metrics', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ticket_sla_metrics')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('ticket_id', int, (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('policy_id', int, (c) => c.notNull())
    .addColumn('target_minutes', 'integer', (c) => c.notNull())
    .addColumn('business_hours', 'integer', (c) => c.notNull())
    // 'active', 'paused', 'fulfilled'; breached_at says whether the target was missed.
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('elapsed_minutes', 'real', (c) => c.notNull())
    .addColumn('running_since', ms)
    .addColumn('breach_at', ms)
    .addColumn('breached_at', ms)
    .addColumn('fulfilled_at', ms)
    // 1 when the breach time lies past the years the official calendar covers.
    .addColumn('uncertain', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('timeline', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('ticket_sla_metrics_pkey', ['account_id', 'ticket_id', 'metric'])
    .addForeignKeyConstraint('ticket_sla_metrics_ticket_fkey', ['account_id', 'ticket_id'], 'tickets', ['account_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  // The timer: the next breach to record is the smallest breach_at not yet breached.
  await db.schema
    .createIndex('ticket_sla_metrics_due_idx')
    .on('ticket_sla_metrics')
    .columns(['breach_at'])
    .where(sql.ref('breached_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('agent_routing')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('user_id', int, (c) => c.notNull())
    // 'online', 'away', 'offline'
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('max_open', 'integer')
    // A per-account turn number: the agent with the smallest was assigned longest ago.
    .addColumn('last_turn', int)
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_routing_pkey', ['account_id', 'user_id'])
    .addForeignKeyConstraint('agent_routing_user_fkey', ['account_id', 'user_id'], 'users', ['account_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema
    .createTable('group_routing')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('group_id', int, (c) => c.notNull())
    // 'round_robin', 'least_open', 'skills'
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('max_open', 'integer')
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('group_routing_pkey', ['account_id', 'group_id'])
    .addForeignKeyConstraint('group_routing_group_fkey', ['account_id', 'group_id'], 'groups', ['account_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
}
