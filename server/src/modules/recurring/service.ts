import { z } from 'zod';
import { type Ctx, inTransaction, systemCtx } from '../../context.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { apiUrl } from '../../platform/http/urls.js';
import type { Logger } from 'pino';
import { findAccountById } from '../accounts/repo.js';
import { changeTicket } from '../tickets/change-ticket.js';
import { ticketCreateInput } from '../tickets/schema.js';
import { nextRun, type Recurrence, recurrenceSchema } from './recurrence.js';

export const recurringInput = z.object({
  title: z.string().trim().min(1, 'cannot be blank').max(255),
  active: z.boolean().optional(),
  recurrence: recurrenceSchema,
  ticket: ticketCreateInput,
});
type RecurringInput = z.infer<typeof recurringInput>;

type Row = { id: number; title: string; active: number; recurrence: string; template: string; next_run_at: number | null; last_run_at: number | null; last_ticket_id: number | null; created_at: number; updated_at: number };

export function present(ctx: Ctx, r: Row) {
  return {
    url: apiUrl(ctx, `recurring_tickets/${r.id}`),
    id: r.id,
    title: r.title,
    active: r.active === 1,
    recurrence: JSON.parse(r.recurrence) as Recurrence,
    ticket: JSON.parse(r.template) as unknown,
    time_zone: ctx.account.timeZone,
    next_run_at: isoTime(r.next_run_at),
    last_run_at: isoTime(r.last_run_at),
    last_ticket_id: r.last_ticket_id,
    created_at: isoTime(r.created_at),
    updated_at: isoTime(r.updated_at),
  };
}

export async function getRecurring(ctx: Ctx, id: number): Promise<Row> {
  const row = await ctx.db.selectFrom('recurring_tickets').selectAll().where('account_id', '=', ctx.account.id).where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw notFound();
  }
  return row;
}

/** The template must make a valid ticket now: checked by creating it in a rolled-back transaction. */
async function checkTemplate(ctx: Ctx, template: RecurringInput['ticket']): Promise<void> {
  class Rollback extends Error {}
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await changeTicket({ ...ctx, db: trx }, null, template, { via: { channel: 'recurring', source: {} }, field: 'recurring_ticket.ticket' });
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) {
        throw e;
      }
    });
}

export async function saveRecurring(ctx: Ctx, id: number | null, input: RecurringInput): Promise<number> {
  await checkTemplate(ctx, input.ticket);
  const now = ctx.clock.now();
  const active = input.active ?? true;
  const values = {
    title: input.title,
    active: active ? (1 as const) : (0 as const),
    recurrence: JSON.stringify(input.recurrence),
    template: JSON.stringify(input.ticket),
    next_run_at: active ? nextRun(input.recurrence, now, ctx.account.timeZone) : null,
    updated_at: now,
  };
  return inTransaction(ctx, async (tx) => {
    if (id === null) {
      const row = await tx.db
        .insertInto('recurring_tickets')
        .values({ account_id: tx.account.id, ...values, last_run_at: null, last_ticket_id: null, created_by_id: tx.actor.kind === 'user' ? tx.actor.user.id : null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }
    await getRecurring(tx, id);
    await tx.db.updateTable('recurring_tickets').set(values).where('account_id', '=', tx.account.id).where('id', '=', id).execute();
    return id;
  });
}

/**
 * Creates the tickets whose time has come. Each run is claimed by moving next_run_at
 * forward with a conditional update in the same transaction as the ticket, so two
 * processes never make it twice and a crash makes it neither half nor twice. A helpdesk
 * that was down for a week gets one ticket, not seven.
 */
export async function runDueRecurring(deps: { db: Db; clock: Clock; log: Logger; config: Config }): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db.selectFrom('recurring_tickets').selectAll().where('active', '=', 1).where('next_run_at', '<=', now).orderBy('next_run_at').limit(100).execute();
  let made = 0;
  for (const row of due) {
    const account = await findAccountById(deps.db, row.account_id);
    if (!account) {
      continue;
    }
    const ctx = systemCtx({ db: deps.db, clock: deps.clock, log: deps.log, config: deps.config, request: { ip: null, userAgent: null, origin: null } }, account, 'Recurring tickets');
    const recurrence = recurrenceSchema.parse(JSON.parse(row.recurrence));
    try {
      await inTransaction(ctx, async (tx) => {
        const claimed = await tx.db
          .updateTable('recurring_tickets')
          .set({ next_run_at: nextRun(recurrence, now, account.timeZone), last_run_at: now })
          .where('account_id', '=', row.account_id)
          .where('id', '=', row.id)
          .where('next_run_at', '=', row.next_run_at)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) {
          return;
        }
        const template = ticketCreateInput.parse(JSON.parse(row.template));
        const result = await changeTicket(tx, null, template, { via: { channel: 'recurring', source: { from: { id: row.id, title: row.title }, rel: 'recurring_ticket' } } });
        await tx.db.updateTable('recurring_tickets').set({ last_ticket_id: result.ticket.niceId }).where('account_id', '=', row.account_id).where('id', '=', row.id).execute();
        made++;
      });
    } catch (error) {
      // A template that no longer fits (a deleted group, a retired option) is logged and skipped to its next run.
      deps.log.warn({ err: error, recurring: row.id }, 'recurring ticket could not be created');
      await deps.db.updateTable('recurring_tickets').set({ next_run_at: nextRun(recurrence, now, account.timeZone) }).where('account_id', '=', row.account_id).where('id', '=', row.id).execute();
    }
  }
  return made;
}

