import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import { dialectOf } from '../../db/helpers.js';
import type { OutboxStatus } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { OutboxMessage, OutboxTopic } from './outbox.js';

export type OutboxHandlers = {
  [T in OutboxTopic]: (payload: Extract<OutboxMessage, { topic: T }>['payload'], accountId: number) => Promise<void>;
};

type Options = {
  db: Db;
  clock: Clock;
  log: Logger;
  handlers: OutboxHandlers;
  batchSize?: number;
  maxAttempts?: number;
  leaseMs?: number;
  pollMs?: number;
};

const BASE_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 3_600_000;
const MAX_HOLD_MS = 15 * 60_000;
const PARALLEL_TOPICS: ReadonlySet<string> = new Set(['email.process', 'mail.send', 'webhook.deliver']);
const PARALLELISM = 4;

/**
 * Delivers outbox rows at least once: claims a batch under a lease (so several
 * processes can run it), calls the topic's handler, and marks each row delivered,
 * retried with exponential backoff, or dead after maxAttempts.
 *
 * The lease is short and renewed while the batch is being delivered, so a slow
 * handler keeps its rows while a crashed process gives them up within one lease.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: Options) {
    this.batchSize = options.batchSize ?? 20;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.pollMs = options.pollMs ?? 250;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    await this.running;
  }

  /** Delivers what is due now; returns how many rows it handled. */
  async runOnce(): Promise<number> {
    // UPDATE … RETURNING gives no order on PostgreSQL; deliver oldest first, so live
    // events reach sockets in sequence order.
    const batch = (await this.claim()).sort((a, b) => a.id - b.id);
    if (batch.length === 0) {
      return 0;
    }
    const held = new Set(batch.map((row) => row.id));
    // A handler that hangs must not hold its rows forever: renewals stop after MAX_HOLD_MS.
    const giveUpAt = Date.now() + MAX_HOLD_MS;
    const renewal = setInterval(() => {
      if (Date.now() > giveUpAt) {
        clearInterval(renewal);
        return;
      }
      this.renew([...held]).catch((error: unknown) => this.options.log.warn({ err: error }, 'outbox lease renewal failed'));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    renewal.unref();
    try {
      // Live events and jobs keep their order. Independent work runs a few lanes at a time,
      // which PostgreSQL turns into parallel transactions (SQLite's one connection serializes
      // them anyway): each mail sent or webhook called is its own lane, but one helpdesk's
      // inbound mail stays in order in one lane (a reply must find the ticket its original made).
      const lanes = new Map<string, typeof batch>();
      const ordered: typeof batch = [];
      for (const row of batch) {
        if (!PARALLEL_TOPICS.has(row.topic)) {
          ordered.push(row);
          continue;
        }
        const key = row.topic === 'email.process' ? `mail-in:${row.account_id}` : `row:${row.id}`;
        const lane = lanes.get(key);
        if (lane) {
          lane.push(row);
        } else {
          lanes.set(key, [row]);
        }
      }
      const queue = [...lanes.values()];
      const failures: unknown[] = [];
      const deliverAll = async (rows: typeof batch) => {
        for (const row of rows) {
          try {
            await this.deliver(row);
            held.delete(row.id);
          } catch (error) {
            // Bookkeeping failed (the database): leave the row to its lease, keep the others going.
            failures.push(error);
          }
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(PARALLELISM, queue.length) }, async () => {
          for (let lane = queue.shift(); lane; lane = queue.shift()) {
            await deliverAll(lane);
          }
        }),
      );
      await deliverAll(ordered);
      if (failures.length > 0) {
        throw failures[0];
      }
    } finally {
      clearInterval(renewal);
    }
    return batch.length;
  }

  private async renew(ids: number[]): Promise<void> {
    if (ids.length === 0) {
      return;
    }
    await this.options.db
      .updateTable('outbox')
      .set({ locked_until: this.options.clock.now() + this.leaseMs })
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .where('locked_until', 'is not', null)
      .execute();
  }

  private schedule(delay: number): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then((n) => this.schedule(n === this.batchSize ? 0 : this.pollMs))
        .catch((error: unknown) => {
          this.options.log.error({ err: error }, 'outbox dispatch failed');
          this.schedule(this.pollMs * 4);
        });
    }, delay);
  }

  private async claim(): Promise<{ id: number; account_id: number; topic: string; payload: string; attempts: number; is_sensitive: number }[]> {
    const { db, clock } = this.options;
    const now = clock.now();
    const isPostgres = dialectOf(db) === 'postgres';
    const due = db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('available_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('available_at')
      .orderBy('id')
      .limit(this.batchSize);
    // The lease conditions are repeated outside the subquery so PostgreSQL re-checks
    // them on rows another process claimed meanwhile; SKIP LOCKED avoids waiting.
    return db
      .updateTable('outbox')
      .set({ locked_until: now + this.leaseMs })
      .where('id', 'in', isPostgres ? due.forUpdate().skipLocked() : due)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .returning(['id', 'account_id', 'topic', 'payload', 'attempts', 'is_sensitive'])
      .execute();
  }

  private async deliver(row: { id: number; account_id: number; topic: string; payload: string; attempts: number; is_sensitive: number }): Promise<void> {
    const { db, clock, log, handlers } = this.options;
    const where = { account_id: row.account_id, id: row.id };
    try {
      const handler = handlers[row.topic as OutboxTopic];
      if (!handler) {
        throw new Error(`no handler for outbox topic ${row.topic}`);
      }
      await handler(JSON.parse(row.payload) as never, row.account_id);
      await db
        .updateTable('outbox')
        .set({
          status: 'delivered',
          delivered_at: clock.now(),
          locked_until: null,
          attempts: row.attempts + 1,
          ...(row.is_sensitive ? { payload: '{}' } : {}),
        })
        .where('account_id', '=', where.account_id)
        .where('id', '=', where.id)
        .execute();
    } catch (error) {
      const attempts = row.attempts + 1;
      const status: OutboxStatus = attempts >= this.maxAttempts ? 'dead' : 'pending';
      const backoff = Math.min(BASE_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ outboxId: row.id, topic: row.topic, attempts, status, err: message }, 'outbox delivery failed');
      await db
        .updateTable('outbox')
        .set({ status, attempts, last_error: message.slice(0, 2000), available_at: clock.now() + backoff, locked_until: null })
        .where('account_id', '=', where.account_id)
        .where('id', '=', where.id)
        .execute();
    }
  }
}
