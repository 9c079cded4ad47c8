import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program. Kept as source text rather than a module file so the same
 * code runs from the TypeScript sources (tests, tsx) and from the build without a loader.
 * Each worker has its own connection to the database file; `query_only` makes a write
 * sent here by mistake an error instead of a second writer.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('query_only = 1');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = ' + workerData.cacheKb);
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
      if (statements.size > 500) statements.delete(statements.keys().next().value);
    }
    parentPort.postMessage({ id, rows: stmt.all(params) });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: String(e && e.message), code: e && e.code } });
  }
});
`;

type Pending = { resolve: (rows: unknown[]) => void; reject: (error: Error) => void };
type Reply = { id: number; rows?: unknown[]; error?: { message: string; code?: string } };
type Member = { worker: Worker; pending: Map<number, Pending> };

/**
 * SQLite connections in worker threads for the heavy reads (view pages and counts, search):
 * on a two-core machine a search no longer holds the one connection, and the event loop,
 * while other requests wait. WAL mode lets these readers run beside the writer.
 */
export class ReadPool {
  private readonly members: Member[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly cacheKb = -16384,
  ) {}

  all(sql: string, params: readonly unknown[]): Promise<unknown[]> {
    // Started on first use: most databases a test opens never run a heavy read.
    while (this.members.length < this.size) {
      this.members.push(this.spawn());
    }
    const member = this.members.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      member.pending.set(id, { resolve, reject });
      member.worker.postMessage({ id, sql, params });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.members.map((m) => m.worker.terminate()));
  }

  private spawn(): Member {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { file: this.file, driver, cacheKb: this.cacheKb },
      // The worker only runs statements and hands rows over; left to V8's defaults its heap grew
      // like the main thread's (search hands it 1,000 candidates' text at a time).
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 },
    });
    // A pool nobody closed must not keep the process alive.
    worker.unref();
    const member: Member = { worker, pending: new Map() };
    worker.on('message', (reply: Reply) => {
      const waiting = member.pending.get(reply.id);
      member.pending.delete(reply.id);
      if (reply.error) {
        waiting?.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      } else {
        waiting?.resolve(reply.rows ?? []);
      }
    });
    const lost = (error: Error): void => {
      for (const waiting of member.pending.values()) {
        waiting.reject(error);
      }
      member.pending.clear();
      const at = this.members.indexOf(member);
      if (!this.closed && at !== -1) {
        this.members[at] = this.spawn();
      }
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`read worker exited (${code})`)));
    return member;
  }
}
