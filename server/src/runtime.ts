import { mkdirSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { refreshPlannerStats } from './db/helpers.js';
import { migrateToLatest } from './db/migrate.js';
import { type Clock, systemClock } from './platform/clock.js';
import { createMailTransport, type MailTransport } from './platform/mail/transport.js';
import { outboxHandlers } from './outbox-handlers.js';
import { OutboxDispatcher } from './platform/outbox/dispatcher.js';
import { type EventBus, InProcessBus, RedisBus } from './platform/realtime/bus.js';

export type Runtime = {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  log: Logger;
  mail: MailTransport;
  /** Live events: in-process alone, through Redis pub/sub when REDIS_URL is set. */
  bus: EventBus;
  close: () => Promise<void>;
};

/** Opens the database (migrated to the latest version) and the mail transport. */
export async function openRuntime(config: Config, log: Logger = pino({ level: config.logLevel })): Promise<Runtime> {
  mkdirSync(config.dataDir, { recursive: true });
  const profile = new Map<string, { count: number; ms: number }>();
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    readWorkers: config.sqliteReadWorkers,
    ...(config.profileSql
      ? {
          onQuery: (text: string, ms: number) => {
            const key = text.slice(0, 60);
            const entry = profile.get(key) ?? { count: 0, ms: 0 };
            entry.count++;
            entry.ms += ms;
            profile.set(key, entry);
          },
        }
      : {}),
  });
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) {
    log.info({ applied, dialect: database.dialect }, 'database migrated');
  }
  await refreshPlannerStats(database.db);
  const mail = createMailTransport({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, dataDir: config.dataDir, log });
  const bus: EventBus = config.redisUrl ? new RedisBus(config.redisUrl, log) : new InProcessBus();
  return {
    config,
    database,
    clock: systemClock,
    log,
    mail,
    bus,
    close: async () => {
      if (config.profileSql) {
        const top = [...profile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
        log.warn({ sqlProfile: top.map(([sqlText, v]) => `${v.ms.toFixed(0)} ms ${v.count}× ${sqlText}`) }, 'SQL time by statement');
      }
      mail.close();
      await bus.close();
      await database.destroy();
    },
  };
}

/** The outbox dispatcher with every topic's handler. */
export function createDispatcher(runtime: Pick<Runtime, 'database' | 'clock' | 'log' | 'mail' | 'config' | 'bus'>): OutboxDispatcher {
  const { database, clock, log, mail, config, bus } = runtime;
  return new OutboxDispatcher({ db: database.db, clock, log, handlers: outboxHandlers({ db: database.db, clock, log, config, mail, bus }) });
}
