import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely';
import type { ReadPool } from './read-pool.js';
import type { WalSync } from './wal-sync.js';

/**
 * Kysely's SQLite dialect with three changes to its driver:
 * - a query's promise settles only once every commit it could have read is on disk
 *   (`WalSync`): a write is never acknowledged before it is durable, nor is a read that saw it,
 *   yet no fsync runs on the event loop;
 * - each distinct statement is prepared once and kept (the most recently used 1,000): Kysely
 *   prepares on every query, and preparing was a fifth of a ticket change's time in SQLite;
 * - a Kysely made with `offloadReads` sends plain SELECTs outside a transaction to the
 *   worker threads' connections (`ReadPool`); everything else still takes its turn on the one
 *   writing connection. `readerOf` in database.ts hands that Kysely to the heavy reads.
 */
export class DurableSqliteDialect extends SqliteDialect {
  constructor(
    private readonly core: SqliteCore,
    private readonly offloadReads: boolean,
  ) {
    super({ database: core.sqlite });
  }

  override createDriver(): Driver {
    return new DurableSqliteDriver(this.core, this.offloadReads);
  }
}

/** The one writing connection, its turn queue and statement cache, shared by both Kyselys. */
export class SqliteCore {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly sqlite: SqliteDatabase.Database,
    readonly wal: WalSync | null,
    readonly pool: ReadPool | null,
    private readonly capacity = 1000,
  ) {}

  /** Callers take turns on the connection in the order they asked; resolves to the release. */
  async turn(): Promise<() => void> {
    const previous = this.queue;
    let release = (): void => undefined;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    return release;
  }

  /** A statement that only reads and needs no connection state: a worker can run it. */
  isPlainRead(sql: string): boolean {
    return /^\s*(select|with)\b/i.test(sql) && this.prepare(sql).readonly;
  }

  run<R>(compiled: CompiledQuery): QueryResult<R> {
    const stmt = this.prepare(compiled.sql);
    const wasInTransaction = this.sqlite.inTransaction;
    if (stmt.reader) {
      const rows = stmt.all(compiled.parameters) as R[];
      this.noteCommit(wasInTransaction, stmt);
      return { rows };
    }
    const { changes, lastInsertRowid } = stmt.run(compiled.parameters);
    this.noteCommit(wasInTransaction, stmt);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  *iterate<R>(compiled: CompiledQuery): IterableIterator<R> {
    const stmt = this.prepare(compiled.sql);
    if (!stmt.reader) {
      throw new Error('SQLite streams only queries that return rows');
    }
    yield* stmt.iterate(compiled.parameters) as IterableIterator<R>;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    await this.wal?.close();
    this.sqlite.close();
  }

  /** A transaction ended, or a write ran outside one: the log holds a commit to flush. */
  private noteCommit(wasInTransaction: boolean, stmt: SqliteDatabase.Statement): void {
    if (this.wal && !this.sqlite.inTransaction && (wasInTransaction || !stmt.readonly)) {
      this.wal.mark();
    }
  }

  private prepare(sql: string): SqliteDatabase.Statement {
    const kept = this.statements.get(sql);
    if (kept && !kept.busy) {
      this.statements.delete(sql);
      this.statements.set(sql, kept);
      return kept;
    }
    const fresh = this.sqlite.prepare(sql);
    this.statements.set(sql, fresh);
    if (this.statements.size > this.capacity) {
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) {
        this.statements.delete(oldest);
      }
    }
    return fresh;
  }
}

class DurableSqliteDriver implements Driver {
  constructor(
    private readonly core: SqliteCore,
    private readonly offloadReads: boolean,
  ) {}

  async init(): Promise<void> {}

  /** The connection's turn is taken at the first statement that needs it, not here. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this.core, this.offloadReads);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  /** Hands the connection on first, then waits for the disk, so the next caller need not. */
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof Lease) {
      connection.giveBack();
    }
    const wal = this.core.wal;
    if (wal) {
      const point = wal.latest;
      if (!wal.isDurable(point)) {
        await wal.durable(point);
      }
    }
  }

  async destroy(): Promise<void> {
    // Only the writing Kysely closes the shared connection; the reader's has nothing of its own.
    if (!this.offloadReads) {
      await this.core.close();
    }
  }
}

/** One caller's use of the database, from acquire to release. */
class Lease implements DatabaseConnection {
  private release: (() => void) | null = null;

  constructor(
    private readonly core: SqliteCore,
    private readonly offloadReads: boolean,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const pool = this.core.pool;
    if (this.release === null && this.offloadReads && pool && this.core.isPlainRead(compiled.sql)) {
      return { rows: (await pool.all(compiled.sql, compiled.parameters)) as R[] };
    }
    this.release ??= await this.core.turn();
    return this.core.run<R>(compiled);
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    this.release ??= await this.core.turn();
    for (const row of this.core.iterate<R>(compiled)) {
      yield { rows: [row] };
    }
  }

  giveBack(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
