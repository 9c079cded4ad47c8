import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { Config } from '../../config.js';
import type { MailboxState } from '../../db/schema.js';
import { connectMailbox, MailboxProblem, openFolder, sealedSettings } from './imap-connect.js';
import { type SyncDeps, syncFolder } from './imap-sync.js';

export type WatchOptions = {
  /** How often the supervisor looks for mailboxes to take or give up, and renews its leases. */
  scanMs: number;
  /** How often a watched folder is checked even when IDLE says nothing (the watchdog). */
  checkMs: number;
  /** A check that takes longer than this means the connection is dead: it is dropped and reopened. */
  checkTimeoutMs: number;
  /** First and longest wait between reconnects. */
  backoffMs: readonly [number, number];
  leaseMs: number;
};

export const DEFAULT_WATCH: WatchOptions = { scanMs: 30_000, checkMs: 5 * 60_000, checkTimeoutMs: 2 * 60_000, backoffMs: [2_000, 5 * 60_000], leaseMs: 3 * 60_000 };

type Deps = SyncDeps & { config: Config };
type Watched = { accountId: number; mailboxId: number; updatedAt: number; watcher: MailboxWatcher };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Keeps one IMAP folder imported: connects, syncs, then waits in IDLE for the server to
 * announce new mail; a watchdog checks the folder anyway every checkMs and drops a
 * connection that does not answer, and every drop is followed by a reconnect with
 * growing backoff. The mailbox row shows the state and the last error to the admin.
 */
class MailboxWatcher {
  private readonly abort = new AbortController();
  private client: ImapFlow | null = null;
  readonly done: Promise<void>;

  constructor(
    private readonly deps: Deps,
    private readonly accountId: number,
    private readonly mailboxId: number,
    private readonly options: WatchOptions,
  ) {
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.client?.close();
    await this.done;
  }

  private async setState(state: MailboxState, error?: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.db
      .updateTable('mailboxes')
      .set(error === undefined ? { state } : { state, last_error: error, last_error_at: now })
      .where('account_id', '=', this.accountId)
      .where('id', '=', this.mailboxId)
      .execute();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        await this.watchOnce(() => {
          failures = 0;
        });
      } catch (error) {
        if (this.abort.signal.aborted) {
          break;
        }
        failures++;
        const message = error instanceof MailboxProblem ? `${error.field}: ${error.message}` : error instanceof Error ? error.message : String(error);
        this.deps.log.warn({ mailboxId: this.mailboxId, err: message, failures }, 'mailbox watch failed; reconnecting');
        // The watcher keeps going without the row, but says why the admin's view is stale.
        await this.setState('error', message).catch((err: unknown) => this.deps.log.error({ mailboxId: this.mailboxId, err }, 'could not record the mailbox error'));
      }
      const [first, longest] = this.options.backoffMs;
      await sleep(failures === 0 ? first : Math.min(first * 2 ** (failures - 1), longest), this.abort.signal);
    }
    this.client?.close();
  }

  private async watchOnce(onHealthy: () => void): Promise<void> {
    const row = await this.deps.db
      .selectFrom('mailboxes')
      .select(['mailboxes.host', 'mailboxes.port', 'mailboxes.secure', 'mailboxes.username', 'mailboxes.password', 'mailboxes.folder', 'mailboxes.recipient_address_id'])
      .where('mailboxes.account_id', '=', this.accountId)
      .where('mailboxes.id', '=', this.mailboxId)
      .executeTakeFirst();
    if (!row) {
      this.abort.abort();
      return;
    }
    await this.setState('connecting');
    const client = await connectMailbox(sealedSettings(this.deps.config, row), this.deps);
    // Stopped while connecting: stop() found no client to close, so close it here.
    if (this.abort.signal.aborted) {
      client.close();
      return;
    }
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    try {
      await openFolder(client, row.folder);
      const target = { accountId: this.accountId, mailboxId: this.mailboxId, addressId: row.recipient_address_id };
      // Checks run one at a time: IDLE's "new mail" and the watchdog may ask together.
      let chain = Promise.resolve();
      const failure: { error: Error | null } = { error: null };
      const check = () => {
        chain = chain
          .then(() => withTimeout(syncFolder(client, this.deps, target), this.options.checkTimeoutMs, 'checking the folder'))
          .then(({ imported, quarantined }) => {
            if (imported + quarantined > 0) {
              this.deps.log.info({ mailboxId: this.mailboxId, imported, quarantined }, 'mail imported over IMAP');
            }
          })
          .catch((error: unknown) => {
            failure.error = error instanceof Error ? error : new Error(String(error));
            client.close();
          });
        return chain;
      };
      // Listening before the first check: mail announced during it must not go unheard.
      client.on('exists', () => void check());
      await check();
      if (failure.error) {
        throw failure.error;
      }
      await this.setState(client.capabilities.has('IDLE') ? 'idle' : 'polling', undefined);
      onHealthy();
      const watchdog = setInterval(() => void check(), this.options.checkMs);
      try {
        await Promise.race([closed, new Promise<void>((resolve) => (this.abort.signal.aborted ? resolve() : this.abort.signal.addEventListener('abort', () => resolve(), { once: true })))]);
      } finally {
        clearInterval(watchdog);
      }
      // Set by a check that failed while we waited (TypeScript cannot see the callback assign it).
      const lost = failure.error as Error | null;
      if (lost) {
        throw lost;
      }
      if (!this.abort.signal.aborted) {
        throw new Error('the server closed the connection');
      }
    } finally {
      client.close();
      this.client = null;
    }
  }
}

/**
 * Watches every active mailbox of every helpdesk, each in at most one process: a watcher
 * runs only while its process holds the mailbox's lease, renewed on every scan; a process
 * that dies gives its mailboxes to another within one lease. An edited mailbox is
 * reconnected with its new settings; a deleted or disabled one is let go.
 */
export class MailboxSupervisor {
  private readonly owner = randomUUID();
  private readonly watched = new Map<number, Watched>();
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly deps: Deps,
    private readonly options: WatchOptions = DEFAULT_WATCH,
  ) {}

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.scanning = this.scan()
        .catch((err: unknown) => this.deps.log.error({ err }, 'mailbox scan failed'))
        .finally(() => {
          if (!this.stopped) {
            this.timer = setTimeout(tick, this.options.scanMs);
          }
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    await this.scanning;
    const all = [...this.watched.values()];
    this.watched.clear();
    await Promise.all(all.map((w) => w.watcher.stop()));
    const { db } = this.deps;
    await db.updateTable('mailboxes').set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', this.owner).execute();
  }

  /** Takes free mailboxes, renews the ones held, lets go of the ones gone or changed. */
  async scan(): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const until = now + this.options.leaseMs;
    // Renew what is held, and take what nobody holds (or whose holder stopped renewing).
    await db
      .updateTable('mailboxes')
      .set({ lease_owner: this.owner, lease_until: until })
      .where('active', '=', 1)
      .where((eb) => eb.or([eb('lease_owner', '=', this.owner), eb('lease_owner', 'is', null), eb('lease_until', '<', now)]))
      .execute();
    const mine = await db.selectFrom('mailboxes').select(['account_id', 'id', 'updated_at']).where('lease_owner', '=', this.owner).where('active', '=', 1).execute();
    const keep = new Map(mine.map((m) => [m.id, m]));
    for (const [id, w] of this.watched) {
      const current = keep.get(id);
      if (!current || current.updated_at !== w.updatedAt) {
        this.watched.delete(id);
        await w.watcher.stop();
      }
    }
    for (const m of mine) {
      if (!this.watched.has(m.id) && !this.stopped) {
        this.watched.set(m.id, { accountId: m.account_id, mailboxId: m.id, updatedAt: m.updated_at, watcher: new MailboxWatcher(this.deps, m.account_id, m.id, this.options) });
      }
    }
    // Inactive mailboxes this process held are released for good measure.
    await db.updateTable('mailboxes').set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', this.owner).where('active', '=', 0).execute();
  }
}
