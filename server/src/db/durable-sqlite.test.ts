import { mkdtempSync, rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase, readerOf } from './database.js';

/** A flush the test lets finish when it chooses, counting how many were asked for. */
function heldFsync(): { fsync: (file: FileHandle) => Promise<void>; calls: () => number; finish: () => void; fail: (error: Error) => void } {
  let calls = 0;
  let waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  return {
    fsync: async (file) => {
      calls += 1;
      await new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
      await file.datasync();
    },
    calls: () => calls,
    finish: () => {
      const now = waiting;
      waiting = [];
      now.forEach((w) => w.resolve());
    },
    fail: (error) => {
      const now = waiting;
      waiting = [];
      now.forEach((w) => w.reject(error));
    },
  };
}

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 30));
  return done;
};

describe('SQLite durability (group commit off the event loop)', () => {
  let handle: DatabaseHandle | null = null;
  let dir = '';
  afterEach(async () => {
    await handle?.destroy();
    handle = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(fsync: (file: FileHandle) => Promise<void>): Promise<DatabaseHandle> {
    dir = mkdtempSync(path.join(tmpdir(), 'kefu-durable-'));
    handle = openDatabase({ databaseUrl: null, dataDir: dir, fsync: (file) => fsync(file) });
    return handle;
  }

  it('answers a write, and a read that saw it, only after the log is flushed; commits during a flush share the next', async () => {
    let hold: ReturnType<typeof heldFsync> | null = null;
    const { db } = await open((file) => (hold ? hold.fsync(file) : file.datasync()));
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    hold = heldFsync();

    const write = db.transaction().execute((trx) => sql`insert into notes (body) values ('first')`.execute(trx));
    expect(await settled(write)).toBe(false);
    expect(hold.calls()).toBe(1);

    // The connection is free while the disk works: another query runs, and it saw the commit,
    // so its answer waits for the same flush.
    const read = sql<{ n: number }>`select count(*) as n from notes`.execute(db);
    expect(await settled(read)).toBe(false);

    // Writes landing during the flush wait for one more flush, all together.
    const more = Array.from({ length: 10 }, (_, i) => sql`insert into notes (body) values (${`more ${i}`})`.execute(db));
    await new Promise((r) => setTimeout(r, 20));
    hold.finish();
    await write;
    expect((await read).rows[0]?.n).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(hold.calls()).toBe(2);
    hold.finish();
    await Promise.all(more);
    expect(hold.calls()).toBe(2);

    // Reading with nothing unflushed asks the disk for nothing.
    await sql`select count(*) from notes`.execute(db);
    expect(hold.calls()).toBe(2);
  });

  it('fails the write whose flush failed, and every write after it', async () => {
    let hold: ReturnType<typeof heldFsync> | null = null;
    const { db } = await open((file) => (hold ? hold.fsync(file) : file.datasync()));
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    hold = heldFsync();
    const write = sql`insert into notes (body) values ('lost?')`.execute(db);
    await new Promise((r) => setTimeout(r, 20));
    hold.fail(new Error('EIO: disk gone'));
    await expect(write).rejects.toThrow('EIO');
    await expect(sql`insert into notes (body) values ('after')`.execute(db)).rejects.toThrow('EIO');
  });

  it('rolled-back and read-only work flushes nothing', async () => {
    let flushes = 0;
    const { db } = await open(async (file) => {
      flushes += 1;
      await file.datasync();
    });
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    const before = flushes;
    await sql`select * from notes`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into notes (body) values ('undone')`.execute(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // A rollback ends a transaction too; one flush for it is harmless but nothing else is.
    expect(flushes - before).toBeLessThanOrEqual(1);
    expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]?.n).toBe(0);
  });

  it('runs heavy reads on worker connections beside an open write transaction, and writes through the reader on the one connection', async () => {
    const { db } = await open((file) => file.datasync());
    await sql`create table notes (id integer primary key, body text)`.execute(db);
    await sql`insert into notes (body) values ('kept')`.execute(db);
    const reader = readerOf(db);
    expect(reader).not.toBe(db);
    await db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values ('not yet')`.execute(trx);
      // On the one connection this would wait for the transaction that is waiting for it.
      const seen = await sql<{ n: number }>`select count(*) as n from notes`.execute(reader);
      expect(seen.rows[0]?.n).toBe(1);
      expect(readerOf(trx)).toBe(trx);
    });
    expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(reader)).rows[0]?.n).toBe(2);
    await sql`insert into notes (body) values ('via the reader')`.execute(reader);
    expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]?.n).toBe(3);
    await expect(sql`select * from no_such_table`.execute(reader)).rejects.toThrow('no such table');
  });
});
