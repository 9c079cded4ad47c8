import { sendAccountMail } from './modules/email/outbound-smtp.js';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { runJob } from './modules/job-statuses/jobs.js';
import { publishEvent } from './modules/realtime/publish.js';
import { runAutomationsFor } from './modules/automations/run-automations.js';
import { recomputeSlas } from './modules/sla/recompute.js';
import { deliverWebhook } from './modules/webhooks/deliver.js';
import { processInbound } from './modules/email/process.js';
import { rawMailStorage } from './modules/email/receive.js';
import './modules/tickets/bulk.js';
import type { Clock } from './platform/clock.js';
import type { MailTransport } from './platform/mail/transport.js';
import type { OutboxHandlers } from './platform/outbox/dispatcher.js';
import type { EventBus } from './platform/realtime/bus.js';

/** What each outbox topic does when delivered; the server and the tests use the same set. */
export function outboxHandlers(deps: { db: Db; clock: Clock; log: Logger; config: Config; mail: MailTransport; bus: EventBus }): OutboxHandlers {
  return {
    'mail.send': (payload, accountId) => sendAccountMail(deps, accountId, payload),
    'job.run': (payload, accountId) => runJob(deps, accountId, payload.job_id),
    'realtime.publish': (payload, accountId) => publishEvent(deps.db, deps.bus, accountId, payload.seq),
    'webhook.deliver': (payload, accountId) => deliverWebhook(deps, accountId, payload),
    'sla.recompute': (payload, accountId) => recomputeSlas(deps, accountId, payload.after_ticket_id, payload.generation ?? 0),
    'automations.run': (_payload, accountId) => runAutomationsFor(deps, accountId),
    'email.process': (payload, accountId) => processInbound({ ...deps, blobs: rawMailStorage(deps.config) }, accountId, payload.inbound_id),
  };
}
