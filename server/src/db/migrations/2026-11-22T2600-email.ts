// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';
import { createTenantTable, idType, millis } from '../helpers.js';

/** Support addresses, inbound mail kept before it is answered, and the Message-IDs that thread replies. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const ms = millis(db);
  const int = idType(db);
  await createTenantTable(db, 'recipient_addresses')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('default_group_id', int)
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    // Outbound SMTP for this address (host, port, secure, user, sealed password); null: the server relay.
    .addColumn('smtp', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  // An address belongs to one helpdesk: inbound mail is routed by it.
  await db.schema.createIndex('recipient_addresses_email_idx').on('recipient_addresses').column('email').unique().execute();

  await createTenantTable(db, 'inbound_emails')
    .addColumn('recipient_address_id', int)
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('raw_sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mail_from', 'text')
    // received → processed | suspended | quarantined | deleted
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text')
    // Which header or token threaded it where, for agents to see.
    .addColumn('thread_reason', 'text')
    .addColumn('ticket_id', int)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('processed_at', ms)
    .execute();
  await db.schema.createIndex('inbound_emails_message_idx').on('inbound_emails').columns(['account_id', 'message_id']).unique().execute();
  await db.schema.createIndex('inbound_emails_status_idx').on('inbound_emails').columns(['account_id', 'status', 'id']).execute();
  await db.schema.createIndex('inbound_emails_sender_idx').on('inbound_emails').columns(['account_id', 'from_address', 'created_at']).execute();

  await db.schema
    .createTable('email_message_ids')
    .addColumn('account_id', int, (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', int, (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('email_message_ids_pkey', ['account_id', 'message_id'])
    .execute();
  await db.schema.createIndex('email_message_ids_ticket_idx').on('email_message_ids').columns(['account_id', 'ticket_id', 'created_at']).execute();
}
