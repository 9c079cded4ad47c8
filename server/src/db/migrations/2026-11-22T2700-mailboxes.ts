// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';
import { createTenantTable, idType, millis, tenantReference } from '../helpers.js';

/** External IMAP mailboxes Kefu polls for a support address, with their UID checkpoint. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const ms = millis(db);
  const int = idType(db);
  await tenantReference(
    createTenantTable(db, 'mailboxes')
      .addColumn('recipient_address_id', int, (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull())
      .addColumn('secure', 'integer', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      // Sealed with SECRET_KEY: Kefu must present it again, so it cannot be a one-way hash.
      .addColumn('password', 'text', (c) => c.notNull())
      .addColumn('folder', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      // The checkpoint: UIDs above last_uid in this UIDVALIDITY are new. Null until the first sync.
      .addColumn('uid_validity', 'text')
      .addColumn('last_uid', 'integer')
      .addColumn('last_synced_at', ms)
      // connecting | idle | polling | error | disabled, with the last error for the admin.
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', ms)
      // One process watches a mailbox at a time: it holds this lease and renews it.
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', ms)
      .addColumn('created_at', ms, (c) => c.notNull())
      .addColumn('updated_at', ms, (c) => c.notNull()),
    'recipient_address_id',
    'recipient_addresses',
    'cascade',
  ).execute();
  await db.schema.createIndex('mailboxes_address_idx').on('mailboxes').columns(['account_id', 'recipient_address_id']).execute();
  // The same remote folder connected twice in one helpdesk would import everything twice over
  // (across helpdesks the index would let one block, and learn of, another's mailbox).
  await db.schema.createIndex('mailboxes_remote_idx').on('mailboxes').columns(['account_id', 'host', 'username', 'folder']).unique().execute();
}
