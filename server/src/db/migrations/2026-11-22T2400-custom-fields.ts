// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { createTenantTable, idType, millis, tenantReference } from '../helpers.js';

/** Custom fields for tickets, users and organizations, their options, and ticket forms. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const ms = millis(db);
  const int = idType(db);
  await createTenantTable(db, 'custom_fields')
    // 'ticket', 'user', 'organization'
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    // User and organization fields are addressed by key, as Zendesk's user_fields are.
    .addColumn('key', 'text')
    // {"zh-CN": …, "en": …}
    .addColumn('titles', 'text', (c) => c.notNull())
    .addColumn('descriptions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('required_on_create', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('required_in_portal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visible_in_portal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('editable_in_portal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('regexp_for_validation', 'text')
    .addColumn('default_value', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('custom_fields_entity_idx').on('custom_fields').columns(['account_id', 'entity', 'position', 'id']).execute();
  await db.schema.createIndex('custom_fields_key_idx').on('custom_fields').columns(['account_id', 'entity', 'key']).unique().where(sql.ref('key'), 'is not', null).execute();

  await tenantReference(
    createTenantTable(db, 'custom_field_options')
      .addColumn('field_id', int, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // The stored value (Zendesk's tag); it never changes, so renaming keeps stored values.
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      // Retired options stay readable on old tickets but cannot be chosen again.
      .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0)),
    'field_id',
    'custom_fields',
    'cascade',
  ).execute();
  await db.schema.createIndex('custom_field_options_field_idx').on('custom_field_options').columns(['account_id', 'field_id', 'position']).execute();

  await createTenantTable(db, 'ticket_forms')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('end_user_visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('ticket_field_ids', 'text', (c) => c.notNull())
    .addColumn('agent_conditions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('end_user_conditions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema.alterTable('tickets').addColumn('ticket_form_id', int).execute();
  await db.schema.alterTable('users').addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('organizations').addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}
