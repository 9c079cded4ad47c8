import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, type DialectName, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const testDialect: DialectName = process.env.KEFU_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
const pgUrl = process.env.KEFU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = DatabaseHandle & {
  dataDir: string;
  /** What a child process (the CLI) sets as DATABASE_URL to reach this database; null for SQLite. */
  databaseUrl: string | null;
  cleanup: () => Promise<void>;
};

/**
 * A fresh, migrated database on the dialect under test: a new SQLite file, or a new
 * PostgreSQL schema that is dropped afterwards.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kefu-db-'));
  if (testDialect === 'sqlite') {
    const handle = openDatabase({ databaseUrl: null, dataDir });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      dataDir,
      databaseUrl: null,
      cleanup: async () => {
        await handle.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `kefu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDatabase({ databaseUrl: pgUrl, dataDir, pgSchema: schema, pgPoolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    dataDir,
    databaseUrl: `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    cleanup: async () => {
      await handle.destroy();
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
