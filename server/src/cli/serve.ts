import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { refreshPlannerStats } from '../db/helpers.js';
import { hasAnyAccount } from '../modules/accounts/repo.js';
import { purgeOldEvents } from '../modules/realtime/routes.js';
import { purgeDeletedTickets } from '../modules/tickets/purge.js';
import { createDispatcher, openRuntime } from '../runtime.js';
import { scheduleAutomationRuns } from '../modules/automations/run-automations.js';
import { SlaTimer } from '../modules/sla/sla-timer.js';
import { runDueRecurring } from '../modules/recurring/service.js';
import { createInboundSmtp } from '../modules/email/smtp-inbound.js';
import { rawMailStorage } from '../modules/email/receive.js';
import { MailboxSupervisor } from '../modules/email/imap-watcher.js';

/** Serves the API and web app, delivers the outbox, and stops cleanly on SIGINT/SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const runtime = await openRuntime(config);
  const app = await buildApp({ config, database: runtime.database, clock: runtime.clock, log: runtime.log, bus: runtime.bus });
  const dispatcher = createDispatcher(runtime);
  await app.listen({ port: config.port, host: config.host });
  dispatcher.start();
  // Deleted tickets past their 30 days are erased hourly; several processes may all run it.
  const purge = setInterval(() => {
    purgeDeletedTickets(runtime.database.db, runtime.clock)
      .then(() => purgeOldEvents(runtime.database.db, runtime.clock))
      .then(() => refreshPlannerStats(runtime.database.db))
      .catch((err: unknown) => runtime.log.error({ err }, 'hourly purge failed'));
  }, 60 * 60 * 1000);
  purge.unref();
  // Automations run hourly (one process claims each account's hour and queues it);
  // recurring tickets are checked each minute.
  const automations = setInterval(() => {
    scheduleAutomationRuns({ db: runtime.database.db, clock: runtime.clock })
      .then(() => runDueRecurring({ db: runtime.database.db, clock: runtime.clock, log: runtime.log, config }))
      .catch((err: unknown) => runtime.log.error({ err }, 'scheduling automations or recurring tickets failed'));
  }, 60 * 1000);
  automations.unref();
  // Inbound mail: Kefu's own SMTP receiver for the support addresses.
  const smtp = createInboundSmtp({ db: runtime.database.db, clock: runtime.clock, blobs: rawMailStorage(config), log: runtime.log }, { maxBytes: config.smtp.maxBytes });
  smtp.on('error', (err: unknown) => runtime.log.error({ err }, 'SMTP receiver error'));
  await new Promise<void>((resolve) => smtp.listen(config.smtp.port, config.host, resolve));
  // …and the external mailboxes admins connected over IMAP.
  const mailboxes = new MailboxSupervisor({ db: runtime.database.db, clock: runtime.clock, blobs: rawMailStorage(config), log: runtime.log, maxBytes: config.smtp.maxBytes, config });
  mailboxes.start();
  const slaTimer = new SlaTimer(runtime.database.db, runtime.clock, runtime.log, config);
  slaTimer.start();

  const shown = config.publicUrl ?? `http://localhost:${config.port}`;
  if (!(await hasAnyAccount(runtime.database.db))) {
    process.stdout.write(`\nKefu is running on ${runtime.database.dialect}. Create your helpdesk at ${shown}/setup\n\n`);
  } else {
    process.stdout.write(`\nKefu is running on ${runtime.database.dialect} at ${shown}\n\n`);
  }

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    runtime.log.info({ signal }, 'shutting down');
    clearInterval(purge);
    clearInterval(automations);
    slaTimer.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await mailboxes.stop();
    await app.close();
    await dispatcher.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
