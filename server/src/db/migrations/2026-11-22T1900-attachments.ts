// Frozen once landed: change the schema with a new migration, never by editing this one.
import type { Kysely } from 'kysely';
import { createTenantTable, idType, millis, tenantReference } from '../helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  const int = idType(db);
  const ms = millis(db);
  let attachments = createTenantTable(db, 'attachments')
    // The upload token (keyed hash) groups files uploaded together until a comment takes them.
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('uploader_id', int, (c) => c.notNull())
    .addColumn('ticket_id', int)
    .addColumn('comment_id', int)
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', int, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull());
  attachments = tenantReference(attachments, 'uploader_id', 'users');
  attachments = tenantReference(attachments, 'ticket_id', 'tickets', 'cascade');
  attachments = tenantReference(attachments, 'comment_id', 'ticket_comments', 'cascade');
  await attachments.execute();
  await db.schema.createIndex('attachments_token_idx').on('attachments').columns(['account_id', 'token_hash']).execute();
  await db.schema.createIndex('attachments_comment_idx').on('attachments').columns(['account_id', 'comment_id']).execute();
}
