import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export type Fsync = (file: FileHandle) => Promise<void>;

/**
 * Makes SQLite's write-ahead log durable off the event loop, one fsync for every commit made
 * while the previous fsync ran (group commit).
 *
 * Under `synchronous = FULL` SQLite fsyncs the log inside COMMIT, on the thread that runs
 * JavaScript: every request in the process waited for every other request's disk flush
 * (1–6 ms each, most of a ticket create). Under `synchronous = NORMAL` the commit only writes
 * the log; a commit is then numbered here (`mark`), and whoever must not answer before it is on
 * disk waits for `durable(point)`, which flushes the log file on libuv's thread pool. Commits
 * that land during a flush share the next one.
 */
export class WalSync {
  private marked = 0;
  private synced = 0;
  private running: Promise<void> | null = null;
  private file: Promise<FileHandle> | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly walPath: string,
    private readonly fsync: Fsync = (file) => file.datasync(),
  ) {}

  /** Numbers a commit that has been written to the log but perhaps not yet flushed. */
  mark(): number {
    this.marked += 1;
    return this.marked;
  }

  /** The newest commit numbered so far: what any query run now could have read. */
  get latest(): number {
    return this.marked;
  }

  isDurable(point: number): boolean {
    return point <= this.synced;
  }

  /** Resolves once every commit up to `point` is on disk. A failed flush fails every later wait too. */
  async durable(point: number): Promise<void> {
    while (this.synced < point) {
      if (this.failure !== null) {
        throw this.failure;
      }
      this.running ??= this.flush().finally(() => {
        this.running = null;
      });
      await this.running;
    }
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined);
    const file = this.file;
    this.file = null;
    if (file) {
      await (await file).close();
    }
  }

  private async flush(): Promise<void> {
    const covers = this.marked;
    try {
      await this.fsync(await this.openLog());
      this.synced = Math.max(this.synced, covers);
    } catch (error) {
      // After a failed fsync the kernel may have dropped the dirty pages: retrying could report
      // success for data that is gone, so nothing is acknowledged again until a restart.
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw this.failure;
    }
  }

  private openLog(): Promise<FileHandle> {
    this.file ??= (async () => {
      const file = await open(this.walPath, 'r+');
      // The log file's own directory entry must survive too.
      const dir = await open(path.dirname(this.walPath), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      return file;
    })();
    return this.file;
  }
}
