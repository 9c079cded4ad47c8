// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { createTenantTable, idType, millis, tenantReference } from '../helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const int = idType(db);
  const ms = millis(db);

  await createAccounts(db, int, ms);

  await db.schema
    .createTable('installation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('completed_at', ms, (c) => c.notNull())
    .execute();

  await createTenantTable(db, 'custom_roles')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('configuration', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('custom_roles_name_key', ['account_id', 'name'])
    .execute();

  await createTenantTable(db, 'groups')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('groups_name_key')
    .on('groups')
    .columns(['account_id', 'name'])
    .unique()
    .where(sql.ref('deleted'), '=', 0)
    .execute();

  let users = createTenantTable(db, 'users')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('end-user', 'agent', 'admin')`))
    .addColumn('is_owner', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('custom_role_id', int)
    .addColumn('default_group_id', int)
    .addColumn('external_id', 'text')
    .addColumn('locale', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signature', 'text')
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('password_hash', 'text')
    .addColumn('last_login_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull());
  users = tenantReference(users, 'custom_role_id', 'custom_roles');
  users = tenantReference(users, 'default_group_id', 'groups');
  await users.execute();
  await db.schema.createIndex('users_role_idx').on('users').columns(['account_id', 'role', 'id']).execute();
  await db.schema
    .createIndex('users_owner_key')
    .on('users')
    .column('account_id')
    .unique()
    .where(sql.ref('is_owner'), '=', 1)
    .execute();
  await db.schema
    .createIndex('users_external_id_key')
    .on('users')
    .columns(['account_id', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();

  await tenantReference(
    createTenantTable(db, 'user_identities')
      .addColumn('user_id', int, (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('email', 'phone_number')`))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('updated_at', ms, (c) => c.notNull()),
    'user_id',
    'users',
    'cascade',
  ).execute();
  await db.schema.createIndex('user_identities_user_idx').on('user_identities').columns(['account_id', 'user_id']).execute();
  await db.schema
    .createIndex('user_identities_email_key')
    .on('user_identities')
    .columns(['account_id', 'value'])
    .unique()
    .where(sql.ref('type'), '=', 'email')
    .execute();

  await createTenantTable(db, 'organizations')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('external_id', 'text')
    .addColumn('shared_tickets', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shared_comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('group_id', int)
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('organizations_name_key', ['account_id', 'name_key'])
    .addForeignKeyConstraint('organizations_group_id_fkey', ['account_id', 'group_id'], 'groups', ['account_id', 'id'])
    .execute();

  await db.schema
    .createTable('organization_domains')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('organization_id', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_domains_pkey', ['account_id', 'domain'])
    .addForeignKeyConstraint(
      'organization_domains_organization_id_fkey',
      ['account_id', 'organization_id'],
      'organizations',
      ['account_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  let orgMemberships = createTenantTable(db, 'organization_memberships')
    .addColumn('user_id', int, (c) => c.notNull())
    .addColumn('organization_id', int, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('organization_memberships_user_key', ['account_id', 'user_id']);
  orgMemberships = tenantReference(orgMemberships, 'user_id', 'users', 'cascade');
  orgMemberships = tenantReference(orgMemberships, 'organization_id', 'organizations', 'cascade');
  await orgMemberships.execute();
  await db.schema
    .createIndex('organization_memberships_org_idx')
    .on('organization_memberships')
    .columns(['account_id', 'organization_id', 'user_id'])
    .execute();

  let groupMemberships = createTenantTable(db, 'group_memberships')
    .addColumn('user_id', int, (c) => c.notNull())
    .addColumn('group_id', int, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('group_memberships_user_group_key', ['account_id', 'user_id', 'group_id']);
  groupMemberships = tenantReference(groupMemberships, 'user_id', 'users', 'cascade');
  groupMemberships = tenantReference(groupMemberships, 'group_id', 'groups', 'cascade');
  await groupMemberships.execute();
  await db.schema
    .createIndex('group_memberships_group_idx')
    .on('group_memberships')
    .columns(['account_id', 'group_id', 'user_id'])
    .execute();

  await tenantReference(
    createTenantTable(db, 'api_tokens')
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('last_four', 'text', (c) => c.notNull())
      .addColumn('created_by_id', int, (c) => c.notNull())
      .addColumn('last_used_at', ms)
      .addColumn('created_at', ms, (c) => c.notNull())
      .addUniqueConstraint('api_tokens_token_hash_key', ['account_id', 'token_hash']),
    'created_by_id',
    'users',
    'cascade',
  ).execute();

  await tenantReference(
    createTenantTable(db, 'sessions')
      .addColumn('user_id', int, (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('last_seen_at', ms, (c) => c.notNull())
      .addColumn('expires_at', ms, (c) => c.notNull())
      .addUniqueConstraint('sessions_token_hash_key', ['account_id', 'token_hash']),
    'user_id',
    'users',
    'cascade',
  ).execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['account_id', 'user_id']).execute();

  await tenantReference(
    createTenantTable(db, 'user_tokens')
      .addColumn('user_id', int, (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('password_reset', 'invitation')`))
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('expires_at', ms, (c) => c.notNull())
      .addColumn('used_at', ms)
      .addColumn('created_at', ms, (c) => c.notNull())
      .addUniqueConstraint('user_tokens_token_hash_key', ['account_id', 'token_hash']),
    'user_id',
    'users',
    'cascade',
  ).execute();
  await db.schema.createIndex('user_tokens_user_idx').on('user_tokens').columns(['account_id', 'user_id']).execute();

  await db.schema
    .createTable('throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', ms, (c) => c.notNull())
    .addColumn('locked_until', ms)
    .execute();

  await createTenantTable(db, 'audit_logs')
    .addColumn('actor_id', int)
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', int)
    .addColumn('source_label', 'text', (c) => c.notNull())
    .addColumn('change_description', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('ip_address', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_logs_source_idx').on('audit_logs').columns(['account_id', 'source_type', 'id']).execute();

  await createTenantTable(db, 'outbox')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'dead')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', ms, (c) => c.notNull())
    .addColumn('locked_until', ms)
    .addColumn('last_error', 'text')
    .addColumn('is_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('delivered_at', ms)
    .execute();
  await db.schema.createIndex('outbox_queue_idx').on('outbox').columns(['status', 'available_at', 'id']).execute();

  await tenantReference(
    createTenantTable(db, 'job_statuses')
      .addColumn('job_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('message', 'text')
      .addColumn('results', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_by_id', int)
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('updated_at', ms, (c) => c.notNull()),
    'created_by_id',
    'users',
  ).execute();
}

async function createAccounts(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
  db: Kysely<any>,
  int: ReturnType<typeof idType>,
  ms: ReturnType<typeof millis>,
): Promise<void> {
  const table = db.schema.createTable('accounts');
  const withId =
    int === 'bigint'
      ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await withId
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subdomain', 'text', (c) => c.notNull().unique())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('brand_color', 'text')
    .addColumn('logo_url', 'text')
    .addColumn('favicon_url', 'text')
    .addColumn('portal_css', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
}
