// Frozen once landed: change the schema with a new migration, never by editing this one.
import { type Kysely, sql } from 'kysely';
import { dialectOf, idType } from '../helpers.js';

/**
 * The full-text index of tickets. Kefu segments text itself (CJK bigrams plus jieba
 * words, see platform/search/segment.ts), so both engines only split on spaces:
 * SQLite FTS5 with unicode61 (rowid = tickets.id), PostgreSQL tsvector('simple') + GIN.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration contract
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`create virtual table ticket_search using fts5(grams, words, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    return;
  }
  const int = idType(db);
  await db.schema
    .createTable('ticket_search')
    .addColumn('account_id', int, (c) => c.notNull())
    .addColumn('ticket_id', int, (c) => c.notNull())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_search_pkey', ['account_id', 'ticket_id'])
    .addForeignKeyConstraint('ticket_search_ticket_fkey', ['account_id', 'ticket_id'], 'tickets', ['account_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await sql`create index ticket_search_document_idx on ticket_search using gin (document)`.execute(db);
}
