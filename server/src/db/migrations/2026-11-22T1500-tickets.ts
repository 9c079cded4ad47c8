// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { createTenantTable, idType, millis, tenantReference } from '../helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const int = idType(db);
  const ms = millis(db);

  // Per-account counters (ticket numbers #1, #2, …), bumped with UPDATE … RETURNING.
  await db.schema
    .createTable('account_sequences')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('account_sequences_pkey', ['account_id', 'name'])
    .execute();

  let tickets = createTenantTable(db, 'tickets')
    .addColumn('nice_id', int, (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('new', 'open', 'pending', 'hold', 'solved', 'closed')`),
    )
    .addColumn('type', 'text', (c) => c.check(sql`type in ('question', 'incident', 'problem', 'task')`))
    .addColumn('priority', 'text', (c) => c.check(sql`priority in ('low', 'normal', 'high', 'urgent')`))
    .addColumn('requester_id', int, (c) => c.notNull())
    .addColumn('submitter_id', int, (c) => c.notNull())
    .addColumn('assignee_id', int)
    .addColumn('group_id', int)
    .addColumn('organization_id', int)
    .addColumn('problem_id', int)
    .addColumn('followup_source_id', int)
    .addColumn('due_at', ms)
    .addColumn('external_id', 'text')
    .addColumn('via_channel', 'text', (c) => c.notNull())
    .addColumn('via_source', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('assigned_at', ms)
    .addColumn('initially_assigned_at', ms)
    .addColumn('first_solved_at', ms)
    .addColumn('solved_at', ms)
    .addColumn('status_updated_at', ms, (c) => c.notNull())
    .addColumn('requester_updated_at', ms)
    .addColumn('assignee_updated_at', ms)
    .addColumn('deleted_at', ms)
    .addUniqueConstraint('tickets_nice_id_key', ['account_id', 'nice_id']);
  tickets = tenantReference(tickets, 'requester_id', 'users');
  tickets = tenantReference(tickets, 'submitter_id', 'users');
  tickets = tenantReference(tickets, 'assignee_id', 'users');
  tickets = tenantReference(tickets, 'group_id', 'groups');
  tickets = tenantReference(tickets, 'organization_id', 'organizations');
  // Tickets point at each other by number (problem_id, followup_source_id), as the API does.
  tickets = tickets.addForeignKeyConstraint('tickets_problem_id_fkey', ['account_id', 'problem_id'], 'tickets', ['account_id', 'nice_id']);
  await tickets.execute();
  // The access rules and the export each read one of these.
  await db.schema.createIndex('tickets_requester_idx').on('tickets').columns(['account_id', 'requester_id', 'id']).execute();
  await db.schema.createIndex('tickets_organization_idx').on('tickets').columns(['account_id', 'organization_id', 'id']).execute();
  await db.schema.createIndex('tickets_assignee_idx').on('tickets').columns(['account_id', 'assignee_id', 'status', 'id']).execute();
  await db.schema.createIndex('tickets_group_idx').on('tickets').columns(['account_id', 'group_id', 'status', 'id']).execute();
  await db.schema.createIndex('tickets_updated_idx').on('tickets').columns(['account_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('tickets_problem_idx').on('tickets').columns(['account_id', 'problem_id']).execute();
  await db.schema
    .createIndex('tickets_external_id_idx')
    .on('tickets')
    .columns(['account_id', 'external_id'])
    .where(sql.ref('external_id'), 'is not', null)
    .execute();

  let audits = createTenantTable(db, 'ticket_audits')
    .addColumn('ticket_id', int, (c) => c.notNull())
    .addColumn('author_id', int)
    .addColumn('via_channel', 'text', (c) => c.notNull())
    .addColumn('via_source', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull());
  audits = tenantReference(audits, 'ticket_id', 'tickets', 'cascade');
  await audits.execute();
  await db.schema.createIndex('ticket_audits_ticket_idx').on('ticket_audits').columns(['account_id', 'ticket_id', 'id']).execute();

  let comments = createTenantTable(db, 'ticket_comments')
    .addColumn('ticket_id', int, (c) => c.notNull())
    .addColumn('audit_id', int, (c) => c.notNull())
    .addColumn('author_id', int, (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('plain_body', 'text', (c) => c.notNull())
    .addColumn('via_channel', 'text', (c) => c.notNull())
    .addColumn('redacted_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull());
  comments = tenantReference(comments, 'ticket_id', 'tickets', 'cascade');
  comments = tenantReference(comments, 'audit_id', 'ticket_audits', 'cascade');
  comments = tenantReference(comments, 'author_id', 'users');
  await comments.execute();
  await db.schema.createIndex('ticket_comments_ticket_idx').on('ticket_comments').columns(['account_id', 'ticket_id', 'id']).execute();

  await db.schema
    .createTable('ticket_tags')
    .addColumn('account_id', int, (c) => c.notNull())
    .addColumn('ticket_id', int, (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pkey', ['account_id', 'ticket_id', 'tag'])
    .addForeignKeyConstraint('ticket_tags_ticket_fkey', ['account_id', 'ticket_id'], 'tickets', ['account_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('ticket_tags_tag_idx').on('ticket_tags').columns(['account_id', 'tag', 'ticket_id']).execute();

  // CCs and followers: who else hears about a ticket.
  await db.schema
    .createTable('ticket_collaborators')
    .addColumn('account_id', int, (c) => c.notNull())
    .addColumn('ticket_id', int, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cc', 'follower')`))
    .addColumn('user_id', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_collaborators_pkey', ['account_id', 'ticket_id', 'kind', 'user_id'])
    .addForeignKeyConstraint('ticket_collaborators_ticket_fkey', ['account_id', 'ticket_id'], 'tickets', ['account_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('ticket_collaborators_user_fkey', ['account_id', 'user_id'], 'users', ['account_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('ticket_collaborators_user_idx')
    .on('ticket_collaborators')
    .columns(['account_id', 'user_id', 'kind', 'ticket_id'])
    .execute();

  // A retried POST with the same Idempotency-Key gets the first answer back.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('user_id', int, (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['account_id', 'user_id', 'key'])
    .execute();
}

