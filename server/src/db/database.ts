import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { ReadPool } from './read-pool.js';
import { DurableSqliteDialect, SqliteCore } from './sqlite-driver.js';
import { type Fsync, WalSync } from './wal-sync.js';

/** The SQLite `synchronous` level Kysely runs with (a bulk load lowers it for its duration). */
export const sqliteSynchronous = 'normal';

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
  /** SQLite only: worker threads for heavy reads (default 1; 0 runs every query on the one connection). */
  readWorkers?: number;
  /** SQLite only: how the write-ahead log is flushed (tests count or delay flushes). */
  fsync?: Fsync;
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
  // NORMAL: COMMIT writes the log without flushing it; `WalSync` flushes it off the event loop
  // and no query's result is returned before the commits it could see are on disk.
  sqlite.pragma(`synchronous = ${sqliteSynchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB of page cache instead of SQLite's 2 MB: at a million tickets the queue indexes and
  // the search index's hot pages no longer fit in 2 MB, and every view page re-read them.
  sqlite.pragma('cache_size = -65536');
  const wal = new WalSync(`${file}-wal`, options.fsync);
  const workers = options.readWorkers ?? 1;
  const core = new SqliteCore(sqlite, wal, workers > 0 ? new ReadPool(file, workers) : null);
  const db = new Kysely<Database>({ dialect: new DurableSqliteDialect(core, false), ...queryLog(options) });
  readers.set(db, new Kysely<Database>({ dialect: new DurableSqliteDialect(core, true), ...queryLog(options) }));
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}

const readers = new WeakMap<Db, Db>();

/**
 * The Kysely for heavy reads (view pages and counts, search): on SQLite, outside a
 * transaction, its SELECTs run on worker threads' connections; anywhere else it is `db`.
 */
export function readerOf(db: Db): Db {
  return readers.get(db) ?? db;
}

function queryLog(options: DatabaseOptions): { log?: (event: LogEvent) => void } {
  const onQuery = options.onQuery;
  return onQuery ? { log: (event) => onQuery(event.query.sql, event.queryDurationMillis) } : {};
}
