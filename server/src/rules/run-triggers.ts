import type { Ctx } from '../context.js';
import { defaultScheduleId, loadCalendar } from '../modules/schedules/calendar.js';
import { type ActionOutcome, applyActions, type Draft, type FiredRule } from './apply-actions.js';
import { type BusinessCalendar, isWithinBusinessHours } from './business-time.js';
import { conditionsHold, type Facts, type UpdateFacts } from './evaluate.js';
import { listRules, type StoredRule } from './rule-store.js';
import { RulesCache } from './rules-version.js';
import type { TicketState } from './ticket-state.js';
import { PERSON_FIELD } from './definitions.js';

type TriggerInput = { previous: TicketState | null; ticketVia: string; update: UpdateFacts };
type TriggerSet = { triggers: StoredRule[]; calendar: BusinessCalendar | null; needsPeople: boolean };

const usesBusinessHours = (t: StoredRule) => [...t.conditions.all, ...t.conditions.any].some((c) => c.field === 'within_business_hours');

const activeTriggers = new RulesCache<TriggerSet>(async (ctx) => {
  const triggers = await listRules(ctx, 'triggers', { active: true });
  const scheduleId = triggers.some(usesBusinessHours) ? await defaultScheduleId(ctx) : null;
  const needsPeople = triggers.some((t) => [...t.conditions.all, ...t.conditions.any].some((c) => PERSON_FIELD.test(c.field)));
  return { triggers, calendar: scheduleId === null ? null : await loadCalendar(ctx, scheduleId), needsPeople };
});

/** The requester's and organization's field values, read only when some trigger tests them. */
export async function peopleFields(ctx: Ctx, requesterId: number | null, organizationId: number | null) {
  const requester = requesterId === null ? undefined : await ctx.db.selectFrom('users').select('custom_fields').where('account_id', '=', ctx.account.id).where('id', '=', requesterId).executeTakeFirst();
  const organization = organizationId === null ? undefined : await ctx.db.selectFrom('organizations').select('custom_fields').where('account_id', '=', ctx.account.id).where('id', '=', organizationId).executeTakeFirst();
  return {
    requester: requester ? (JSON.parse(requester.custom_fields) as Record<string, unknown>) : {},
    organization: organization ? (JSON.parse(organization.custom_fields) as Record<string, unknown>) : {},
  };
}

/**
 * Runs the account's active triggers on a ticket change, in order, to a fixed point:
 * after any trigger fires the pass starts again from the top, because its actions may
 * make an earlier trigger match; each trigger fires at most once per change, so two
 * triggers that undo each other stop. "changed" conditions compare with the ticket as
 * it was before the change. Returns what fired and what each action did.
 */
export async function runTriggers(ctx: Ctx, draft: Draft, input: TriggerInput): Promise<FiredRule[]> {
  const timing = ctx.request.timing;
  return timing ? timing.measure('triggers', () => evaluateTriggers(ctx, draft, input)) : evaluateTriggers(ctx, draft, input);
}

async function evaluateTriggers(ctx: Ctx, draft: Draft, input: TriggerInput): Promise<FiredRule[]> {
  const { triggers, calendar, needsPeople } = await activeTriggers.get(ctx);
  if (triggers.length === 0) {
    return [];
  }
  const now = ctx.clock.now();
  const facts: Facts = {
    now,
    ticket: draft.state,
    previous: input.previous,
    ticketVia: input.ticketVia,
    times: null,
    update: input.update,
    withinBusinessHours: calendar ? () => isWithinBusinessHours(calendar, now) : null,
    ...(needsPeople ? { people: await peopleFields(ctx, draft.state.requester_id, draft.state.organization_id) } : {}),
  };
  const fired = new Set<number>();
  const result: FiredRule[] = [];
  for (let pass = 0; pass <= triggers.length; pass++) {
    const next = triggers.find((t) => !fired.has(t.id) && conditionsHold(t.conditions, { ...facts, ticket: draft.state }));
    if (!next) {
      break;
    }
    fired.add(next.id);
    const ref = { kind: 'trigger' as const, id: next.id, title: next.title };
    const actions: ActionOutcome[] = await applyActions(ctx, draft, next.actions, ref);
    result.push({ ...ref, actions });
  }
  return result;
}
