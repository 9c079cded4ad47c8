import type { Ctx } from '../../context.js';
import type { OutgoingMail } from '../mail/transport.js';

/** A background job: the work is described in the job status row it reports to. */
export type JobRun = { job_id: number };

/** Every side effect that leaves Kefu, by topic. */
export type OutboxMessage =
  | { topic: 'mail.send'; payload: OutgoingMail; sensitive?: boolean }
  | { topic: 'job.run'; payload: JobRun; sensitive?: boolean }
  | { topic: 'realtime.publish'; payload: { seq: number }; sensitive?: boolean }
  | { topic: 'webhook.deliver'; payload: WebhookDelivery; sensitive?: boolean }
  | { topic: 'sla.recompute'; payload: { after_ticket_id: number; generation?: number }; sensitive?: boolean }
  | { topic: 'automations.run'; payload: { hour: number }; sensitive?: boolean }
  | { topic: 'email.process'; payload: { inbound_id: number }; sensitive?: boolean };

/** A webhook call a rule asked for, with its body already rendered. */
export type WebhookDelivery = { webhook_id: number; ticket_id: number | null; body: string; rule: { id: number; title: string } | null };

export type OutboxTopic = OutboxMessage['topic'];

/** Writes a side effect in the caller's transaction; the dispatcher delivers it after commit. */
export async function writeOutbox(ctx: Ctx, message: OutboxMessage): Promise<void> {
  await enqueue(ctx.db, ctx.account.id, ctx.clock.now(), message);
}

/** The same, where no account context exists yet (the SMTP receiver, the schedulers). */
export async function enqueue(db: Ctx['db'], accountId: number, now: number, message: OutboxMessage): Promise<void> {
  await enqueueMany(db, accountId, now, [message]);
}

/** Several messages in one statement (a notification to many people). */
export async function enqueueMany(db: Ctx['db'], accountId: number, now: number, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) {
    return;
  }
  await db
    .insertInto('outbox')
    .values(
      messages.map((message) => ({
        account_id: accountId,
        topic: message.topic,
        payload: JSON.stringify(message.payload),
        status: 'pending' as const,
        attempts: 0,
        available_at: now,
        locked_until: null,
        last_error: null,
        is_sensitive: message.sensitive ? (1 as const) : (0 as const),
        created_at: now,
        delivered_at: null,
      })),
    )
    .execute();
}
