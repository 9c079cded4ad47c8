import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../db/helpers.js';
import { sqliteSynchronous } from '../db/database.js';
import type { Database } from '../db/schema.js';

type IndexDefinition = { name: string; definition: string };

/** The secondary indexes of these tables that can be dropped and made again from their SQL. */
async function secondaryIndexes(db: Kysely<Database>, tables: string[]): Promise<IndexDefinition[]> {
  if (dialectOf(db) === 'sqlite') {
    // Indexes behind PRIMARY KEY / UNIQUE constraints have no SQL of their own and stay.
    const rows = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)})`.execute(db);
    return rows.rows.map((r) => ({ name: r.name, definition: r.sql }));
  }
  const rows = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename in (${sql.join(tables)})
      and indexname not in (select conname from pg_constraint where connamespace = current_schema()::regnamespace)`.execute(db);
  return rows.rows.map((r) => ({ name: r.indexname, definition: r.indexdef }));
}

/**
 * Runs a bulk load with the big tables' secondary indexes dropped, then builds them again.
 * Inserting a million rows into a dozen B-trees keyed by time and status touches pages all
 * over the file once the tables outgrow the cache (the seed slowed from ~1,000 to ~550
 * tickets a second by 400,000); building an index afterwards is one sort. SQLite also
 * skips fsyncs and gets a large page cache for the load: a seed that dies is simply re-run.
 * If the load throws, the indexes are still built again, so the schema is never left short.
 */
export async function withIndexesBuiltAfter<T>(db: Kysely<Database>, tables: string[], load: () => Promise<T>, progress: (line: string) => void): Promise<T> {
  const sqlite = dialectOf(db) === 'sqlite';
  if (sqlite) {
    await sql`pragma synchronous = off`.execute(db);
    await sql`pragma cache_size = -262144`.execute(db);
    await sql`pragma temp_store = memory`.execute(db);
  }
  const indexes = await secondaryIndexes(db, tables);
  for (const index of indexes) {
    await sql`drop index ${sql.ref(index.name)}`.execute(db);
  }
  try {
    return await load();
  } finally {
    const started = Date.now();
    await db.connection().execute(async (one) => {
      if (!sqlite) {
        // Index builds sort in memory up to this much (this session only).
        await sql`set maintenance_work_mem = '256MB'`.execute(one);
      }
      for (const index of indexes) {
        await sql.raw(index.definition).execute(one);
      }
    });
    progress(`  ${indexes.length} indexes built in ${Math.round((Date.now() - started) / 1000)} s\n`);
    if (sqlite) {
      await sql.raw(`pragma synchronous = ${sqliteSynchronous}`).execute(db);
      await sql`pragma cache_size = -65536`.execute(db);
    }
  }
}
