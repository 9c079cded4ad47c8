import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export type DatabaseHandle = {
  db: Db;
  dialect: DialectName;
  destroy: () => Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl: string | null;
  dataDir: string;
  /** SQLite only: an explicit file, used by tests. */
  sqliteFile?: string;
  /** PostgreSQL only: the schema to work in, used by tests. */
  pgSchema?: string;
  pgPoolSize?: number;
  /** Called after every query (the benchmark and query-count checks use it). */
  onQuery?: (sql: string, ms: number) => void;
};

// bigint (int8) columns hold ids, epoch milliseconds and counts, all far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...queryLog(options) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  const file = options.sqliteFile ?? path.join(options.dataDir, 'kefu.sqlite');
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a transaction is on disk before the request that made it is answered.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB of page cache instead of SQLite's 2 MB: at a million tickets the queue indexes and
  // the search index's hot pages no longer fit in 2 MB, and every view page re-read them.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: preparingOnce(sqlite) }), ...queryLog(options) });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}

/**
 * better-sqlite3 as Kysely sees it, with each distinct statement prepared once and kept (the
 * most recently used 1,000): Kysely prepares on every query, and preparing was a fifth of
 * the time a ticket change spent in SQLite. A statement still being iterated is not reused.
 */
function preparingOnce(sqlite: SqliteDatabase.Database, capacity = 1000): { close: () => void; prepare: (sql: string) => SqliteDatabase.Statement } {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const kept = cache.get(sql);
      if (kept && !kept.busy) {
        cache.delete(sql);
        cache.set(sql, kept);
        return kept;
      }
      const fresh = sqlite.prepare(sql);
      cache.set(sql, fresh);
      if (cache.size > capacity) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) {
          cache.delete(oldest);
        }
      }
      return fresh;
    },
  };
}

function queryLog(options: DatabaseOptions): { log?: (event: LogEvent) => void } {
  const onQuery = options.onQuery;
  return onQuery ? { log: (event) => onQuery(event.query.sql, event.queryDurationMillis) } : {};
}
