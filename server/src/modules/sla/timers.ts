import type { Ctx } from '../../context.js';
import type { TicketSlaMetricsTable } from '../../db/schema.js';
import { addBusinessMinutes, alwaysOpen, type BusinessCalendar, businessMinutesBetween, NoBusinessHoursError } from '../../rules/business-time.js';
import { conditionsHold, type Facts } from '../../rules/evaluate.js';
import { PERSON_FIELD } from '../../rules/definitions.js';
import { peopleFields } from '../../rules/run-triggers.js';
import { RulesCache } from '../../rules/rules-version.js';
import type { TicketState } from '../../rules/ticket-state.js';
import { defaultScheduleId, loadCalendar } from '../schedules/calendar.js';
import type { TicketRecord } from '../tickets/repo.js';
import { listPolicies, type PolicyMetric, SLA_METRICS, type SlaMetric, type SlaPolicy } from './policies.js';

type Row = Omit<TicketSlaMetricsTable, 'uncertain' | 'timeline'> & { uncertain: number; timeline: string };
type TimelineEntry = { at: number; stage: string; status: string; note?: string };

const slaSet = new RulesCache<{ policies: SlaPolicy[]; calendar: BusinessCalendar | null }>(async (ctx) => {
  const policies = await listPolicies(ctx);
  const scheduleId = policies.length > 0 ? await defaultScheduleId(ctx) : null;
  return { policies, calendar: scheduleId === null ? null : await loadCalendar(ctx, scheduleId) };
});

export type SlaEvent = { comment: { public: boolean; byAgent: boolean } | null; created: boolean };

const UPDATE_METRICS = new Set<SlaMetric>(['periodic_update_time', 'pausable_update_time']);
const DONE = new Set(['solved', 'closed']);

/** Whether a metric's clock stops in this status (Zendesk's pauses). */
function pausedIn(metric: SlaMetric, status: string): boolean {
  switch (metric) {
    case 'requester_wait_time':
      return status === 'pending';
    case 'agent_work_time':
    case 'pausable_update_time':
      return status === 'pending' || status === 'hold';
    default:
      return false;
  }
}

export function ticketState(t: TicketRecord): TicketState {
  return {
    subject: t.subject, status: t.status, type: t.type, priority: t.priority, requester_id: t.requesterId, assignee_id: t.assigneeId,
    group_id: t.groupId, organization_id: t.organizationId, problem_id: t.problemId, due_at: t.dueAt, external_id: t.externalId,
    tags: t.tags, custom_fields: t.customFields, ticket_form_id: t.formId,
  };
}

/** The policy that covers a ticket: the first, in order, whose filter it matches. */
export function matchingPolicy(ctx: Ctx, policies: SlaPolicy[], ticket: TicketRecord, people?: Facts['people']): SlaPolicy | null {
  const facts: Facts = { now: ctx.clock.now(), ticket: ticketState(ticket), previous: null, ticketVia: ticket.via.channel, times: null, update: null, withinBusinessHours: null, ...(people ? { people } : {}) };
  return policies.find((p) => conditionsHold(p.filter, facts)) ?? null;
}

/**
 * Brings one metric's timer up to now: adds the time it ran, applies what happened
 * (a reply fulfils or restarts it, solving fulfils it, reopening resumes it), pauses or
 * runs it by the status, and sets the exact instant it will breach.
 */
function advance(metric: SlaMetric, row: Row | null, target: PolicyMetric, policyId: number, ticket: TicketRecord, event: SlaEvent, calendar: BusinessCalendar, now: number): Row | null {
  const agentReply = event.comment?.public === true && event.comment.byAgent;
  const requesterReply = event.comment?.public === true && !event.comment.byAgent;
  const done = DONE.has(ticket.status);
  let r: Row | null = row ? { ...row, policy_id: policyId, target_minutes: target.target, business_hours: target.business_hours ? 1 : 0 } : null;
  const timeline: TimelineEntry[] = r ? (JSON.parse(r.timeline) as TimelineEntry[]) : [];
  const fresh = (note: string): Row => {
    timeline.push({ at: now, stage: 'active', status: ticket.status, note });
    return {
      account_id: 0, ticket_id: ticket.id, metric, policy_id: policyId, target_minutes: target.target, business_hours: target.business_hours ? 1 : 0,
      stage: 'active', elapsed_minutes: 0, running_since: now, breach_at: null, breached_at: null, fulfilled_at: null, uncertain: 0, timeline: '[]',
    };
  };

  if (r && r.running_since !== null) {
    const ran = businessMinutesBetween(calendar, r.running_since, now);
    r.elapsed_minutes += ran.minutes;
    r.uncertain = r.uncertain || ran.uncertain ? 1 : 0;
  }
  const fulfil = (note: string) => {
    if (r && r.stage !== 'fulfilled') {
      r.stage = 'fulfilled';
      r.fulfilled_at = now;
      timeline.push({ at: now, stage: 'fulfilled', status: ticket.status, note });
    }
  };

  if (metric === 'first_reply_time') {
    if (!r && event.created && !agentReply) {
      r = fresh('ticket created');
    } else if (r && agentReply && !event.created) {
      fulfil('first public reply by an agent');
    }
  } else if (metric === 'next_reply_time') {
    if (requesterReply && !event.created && (!r || r.stage === 'fulfilled')) {
      r = fresh('requester replied');
    } else if (r && agentReply) {
      fulfil('public reply by an agent');
    }
  } else if (UPDATE_METRICS.has(metric)) {
    if (!r && event.created) {
      r = fresh('ticket created');
    } else if (r && agentReply && !done) {
      fulfil('public update by an agent');
      r = fresh('waiting for the next update');
    }
  } else if (!r && event.created) {
    r = fresh('ticket created');
  } else if (r && r.stage === 'fulfilled' && !done) {
    r.stage = 'active';
    r.fulfilled_at = null;
    timeline.push({ at: now, stage: 'active', status: ticket.status, note: 'ticket reopened' });
  }
  if (!r) {
    return null;
  }
  if (done) {
    fulfil(`ticket ${ticket.status}`);
  }

  if (r.stage !== 'fulfilled') {
    const paused = pausedIn(metric, ticket.status);
    const stage = paused ? 'paused' : 'active';
    if (stage !== r.stage) {
      timeline.push({ at: now, stage, status: ticket.status, note: paused ? `paused while ${ticket.status}` : `resumed in ${ticket.status}` });
    }
    r.stage = stage;
    r.running_since = paused ? null : now;
    if (paused) {
      r.breach_at = null;
    } else if (r.breached_at === null || r.breach_at === null) {
      const remaining = r.target_minutes - r.elapsed_minutes;
      try {
        const due = remaining > 0 ? addBusinessMinutes(calendar, now, remaining) : { at: r.breach_at ?? now, uncertain: false };
        r.breach_at = due.at;
        r.uncertain = r.uncertain || due.uncertain ? 1 : 0;
      } catch (error) {
        if (!(error instanceof NoBusinessHoursError)) {
          throw error;
        }
        r.breach_at = null;
      }
    }
  } else {
    r.running_since = null;
    r.breach_at = r.breached_at === null ? null : r.breach_at;
  }
  r.timeline = JSON.stringify(timeline.slice(-50));
  return r;
}

/**
 * Re-times a ticket's SLA metrics after a change, in the change's transaction. Runs
 * once per ticket change: the policies are cached per account until a rule changes.
 */
export async function updateSlaTimers(ctx: Ctx, ticket: TicketRecord, event: SlaEvent): Promise<void> {
  const { policies, calendar } = await slaSet.get(ctx);
  const existing = policies.length === 0 && !event.created
    ? []
    : ((await ctx.db.selectFrom('ticket_sla_metrics').selectAll().where('account_id', '=', ctx.account.id).where('ticket_id', '=', ticket.id).execute()) as Row[]);
  if (policies.length === 0 && existing.length === 0) {
    return;
  }
  const needsPeople = policies.some((p) => [...p.filter.all, ...p.filter.any].some((c) => PERSON_FIELD.test(c.field)));
  const policy = matchingPolicy(ctx, policies, ticket, needsPeople ? await peopleFields(ctx, ticket.requesterId, ticket.organizationId) : undefined);
  const targets = policy && ticket.priority ? policy.metrics.filter((m) => m.priority === ticket.priority) : [];
  const rows = new Map(existing.map((r) => [r.metric, r]));
  const now = ctx.clock.now();
  for (const metric of SLA_METRICS) {
    const target = targets.find((t) => t.metric === metric);
    const row = rows.get(metric) ?? null;
    if (!target || !policy) {
      if (row && row.stage !== 'fulfilled') {
        await ctx.db.deleteFrom('ticket_sla_metrics').where('account_id', '=', ctx.account.id).where('ticket_id', '=', ticket.id).where('metric', '=', metric).execute();
      }
      continue;
    }
    const cal = target.business_hours ? (calendar ?? alwaysOpen) : alwaysOpen;
    const next = advance(metric, row, target, policy.id, ticket, row ? event : { ...event, created: event.created || !row }, cal, now);
    if (!next) {
      continue;
    }
    const values = { ...next, account_id: ctx.account.id, ticket_id: ticket.id, stage: next.stage, uncertain: next.uncertain ? (1 as const) : (0 as const) };
    const update = { policy_id: values.policy_id, target_minutes: values.target_minutes, business_hours: values.business_hours, stage: values.stage, elapsed_minutes: values.elapsed_minutes, running_since: values.running_since, breach_at: values.breach_at, breached_at: values.breached_at, fulfilled_at: values.fulfilled_at, uncertain: values.uncertain, timeline: values.timeline };
    await ctx.db
      .insertInto('ticket_sla_metrics')
      .values(values)
      .onConflict((oc) => oc.columns(['account_id', 'ticket_id', 'metric']).doUpdateSet(update))
      .execute();
  }
}

/** Each metric of a ticket as Zendesk's `include=slas` shows it. */
export async function ticketSlas(ctx: Ctx, ticketId: number) {
  const rows = await ctx.db.selectFrom('ticket_sla_metrics').selectAll().where('account_id', '=', ctx.account.id).where('ticket_id', '=', ticketId).orderBy('metric').execute();
  return rows.map((r) => ({
    metric: r.metric,
    policy_id: r.policy_id,
    stage: r.stage === 'fulfilled' ? 'achieved' : r.stage,
    breach_at: r.breach_at === null ? null : new Date(r.breach_at).toISOString(),
    breached: r.breached_at !== null,
    minutes: r.target_minutes,
    business_hours: r.business_hours === 1,
    elapsed_minutes: Math.round(r.elapsed_minutes * 100) / 100,
    uncertain: r.uncertain === 1,
    timeline: (JSON.parse(r.timeline) as TimelineEntry[]).map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
  }));
}
