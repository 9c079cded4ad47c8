import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect } from 'kysely';
import type { WalSync } from './wal-sync.js';

/**
 * Kysely's SQLite dialect with two changes to its driver:
 * - a query's promise settles only once every commit it could have read is on disk
 *   (`WalSync`): a write is never acknowledged before it is durable, nor is a read that saw it,
 *   yet no fsync runs on the event loop;
 * - each distinct statement is prepared once and kept (the most recently used 1,000): Kysely
 *   prepares on every query, and preparing was a fifth of a ticket change's time in SQLite.
 */
export class DurableSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly wal: WalSync | null,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new DurableSqliteDriver(new DurableConnection(this.sqlite, this.wal), this.wal, () => this.sqlite.close());
  }
}

class DurableSqliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: DurableConnection,
    private readonly wal: WalSync | null,
    private readonly close: () => void,
  ) {}

  async init(): Promise<void> {}

  /** SQLite has one connection: callers take turns, in the order they asked. */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release = (): void => undefined;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.connection.lease(release);
    return this.connection;
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
  async releaseConnection(): Promise<void> {
    this.connection.giveBack();
    const wal = this.wal;
    if (wal) {
      const point = wal.latest;
      if (!wal.isDurable(point)) {
        await wal.durable(point);
      }
    }
  }

  async destroy(): Promise<void> {
    await this.wal?.close();
    this.close();
  }
}

class DurableConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  private release: (() => void) | null = null;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly wal: WalSync | null,
    private readonly capacity = 1000,
  ) {}

  lease(release: () => void): void {
    this.release = release;
  }

  giveBack(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.prepare(compiled.sql);
    const wasInTransaction = this.sqlite.inTransaction;
    if (stmt.reader) {
      const rows = stmt.all(compiled.parameters) as R[];
      this.noteCommit(wasInTransaction, stmt);
      return Promise.resolve({ rows });
    }
    const { changes, lastInsertRowid } = stmt.run(compiled.parameters);
    this.noteCommit(wasInTransaction, stmt);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.prepare(compiled.sql);
    if (!stmt.reader) {
      throw new Error('SQLite streams only queries that return rows');
    }
    for (const row of stmt.iterate(compiled.parameters)) {
      yield { rows: [row as R] };
    }
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

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
