import { type Ctx, systemCtx } from '../../context.js';
import type { Db } from '../../db/database.js';
import { HOUR } from '../../platform/clock.js';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import { applyActions, newDraft } from '../../rules/apply-actions.js';
import { type Condition, HOURS_FIELDS, PERSON_FIELD } from '../../rules/definitions.js';
import { peopleFields } from '../../rules/run-triggers.js';
import { changeFromDraft } from '../../rules/draft-change.js';
import { conditionsHold, type Facts } from '../../rules/evaluate.js';
import { listRules, type StoredRule } from '../../rules/rule-store.js';
import { findAccountById } from '../accounts/repo.js';
import { ticketState } from '../sla/timers.js';
import { changeTicket } from '../tickets/change-ticket.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { listCollaborators, ticketColumns, type TicketRecord, toTicket } from '../tickets/repo.js';

/** Tickets one automation looks at per run; the rest wait for the next hour. */
const BATCH = 1000;

/** A narrowing SQL filter from the conditions that index well; the engine checks them all after. */
function candidates(ctx: Ctx, automation: StoredRule) {
  const now = ctx.clock.now();
  let q = ctx.db
    .selectFrom('tickets')
    .select(ticketColumns)
    .where('tickets.account_id', '=', ctx.account.id)
    .where('tickets.deleted_at', 'is', null)
    .where('tickets.status', '!=', 'closed');
  for (const c of automation.conditions.all) {
    if (c.field === 'status' && c.operator === 'is') {
      q = q.where('tickets.status', '=', c.value as TicketRecord['status']);
    }
    const spec = (HOURS_FIELDS as Record<string, { column: string; status: string | null }>)[c.field];
    if (spec && spec.column !== 'sla_next_breach_at' && (c.operator === 'greater_than' || c.operator === 'is')) {
      const column = `tickets.${spec.column}` as 'tickets.created_at';
      q = q.where(column, '<', now - Number(c.value) * HOUR);
      if (spec.status) {
        q = q.where('tickets.status', '=', spec.status as TicketRecord['status']);
      }
    }
  }
  return q.orderBy('tickets.id').limit(BATCH);
}

async function nextBreach(ctx: Ctx, ticketId: number): Promise<number | null> {
  const row = await ctx.db
    .selectFrom('ticket_sla_metrics')
    .select((eb) => eb.fn.min('breach_at').as('at'))
    .where('account_id', '=', ctx.account.id)
    .where('ticket_id', '=', ticketId)
    .where('stage', '=', 'active')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

const needsPeople = (a: StoredRule) => [...a.conditions.all, ...a.conditions.any].some((c: Condition) => PERSON_FIELD.test(c.field));
const needsSla = (a: StoredRule) => [...a.conditions.all, ...a.conditions.any].some((c: Condition) => c.field.includes('sla_'));

/**
 * One hourly run of an account's automations: each active automation, in order, acts
 * on the tickets that match it now, through the one door, as Kefu. Its nullifying
 * condition (checked on save) keeps it from acting on the same ticket again.
 */
export async function runAutomations(ctx: Ctx): Promise<{ automation: number; tickets: number[] }[]> {
  const report: { automation: number; tickets: number[] }[] = [];
  for (const automation of await listRules(ctx, 'automations', { active: true })) {
    const acted: number[] = [];
    for (const row of await candidates(ctx, automation).execute()) {
      const ticket = toTicket(row);
      const facts: Facts = {
        now: ctx.clock.now(),
        ticket: ticketState(ticket),
        previous: null,
        ticketVia: ticket.via.channel,
        times: {
          created_at: ticket.createdAt,
          updated_at: ticket.updatedAt,
          assigned_at: ticket.assignedAt,
          requester_updated_at: ticket.requesterUpdatedAt,
          assignee_updated_at: ticket.assigneeUpdatedAt,
          status_updated_at: ticket.statusUpdatedAt,
          solved_at: ticket.solvedAt,
          due_at: ticket.dueAt,
          sla_next_breach_at: needsSla(automation) ? await nextBreach(ctx, ticket.id) : null,
        },
        update: null,
        withinBusinessHours: null,
        ...(needsPeople(automation) ? { people: await peopleFields(ctx, ticket.requesterId, ticket.organizationId) } : {}),
      };
      if (!conditionsHold(automation.conditions, facts)) {
        continue;
      }
      const ref = { kind: 'automation' as const, id: automation.id, title: automation.title };
      const draft = newDraft(facts.ticket);
      const outcomes = await applyActions(ctx, draft, automation.actions, ref);
      const change = changeFromDraft(facts.ticket, draft, await listCollaborators(ctx, ticket.id, 'cc'), await listCollaborators(ctx, ticket.id, 'follower'));
      try {
        await changeTicket(ctx, ticket.niceId, { ...change, appliedRules: [{ ...ref, actions: outcomes }] }, { via: { channel: 'rule', source: { from: { id: automation.id, title: automation.title }, rel: 'automation' } } });
        acted.push(ticket.niceId);
      } catch (error) {
        ctx.log.warn({ err: error, automation: automation.id, ticket: ticket.niceId }, 'automation could not change a ticket');
      }
    }
    report.push({ automation: automation.id, tickets: acted });
  }
  return report;
}

/**
 * Claims this hour's automation run for each account (one process wins each hour, by
 * a conditional update) and queues it on the outbox, whose lease runs it once.
 */
export async function scheduleAutomationRuns(deps: { db: Db; clock: Clock }): Promise<number> {
  const hour = Math.floor(deps.clock.now() / HOUR);
  const accounts = await deps.db.selectFrom('accounts').select('id').execute();
  let queued = 0;
  for (const { id } of accounts) {
    await deps.db.insertInto('account_sequences').values({ account_id: id, name: 'automation_hour', value: 0 }).onConflict((oc) => oc.columns(['account_id', 'name']).doNothing()).execute();
    const won = await deps.db
      .updateTable('account_sequences')
      .set({ value: hour })
      .where('account_id', '=', id)
      .where('name', '=', 'automation_hour')
      .where('value', '<', hour)
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) === 1) {
      await enqueue(deps.db, id, deps.clock.now(), { topic: 'automations.run', payload: { hour } });
      queued++;
    }
  }
  return queued;
}

/** The outbox handler: runs one account's automations as Kefu. */
export async function runAutomationsFor(deps: { db: Db; clock: Clock; log: Logger; config: Config }, accountId: number): Promise<void> {
  const account = await findAccountById(deps.db, accountId);
  if (!account) {
    return;
  }
  const ctx = systemCtx({ db: deps.db, clock: deps.clock, log: deps.log, config: deps.config, request: { ip: null, userAgent: null, origin: null } }, account, 'Automations');
  await runAutomations(ctx);
}

