import { z } from 'zod';
import type { Ctx } from '../../context.js';
import { isoTime } from '../../platform/clock.js';
import { type FieldErrors, fieldError, notFound } from '../../platform/errors.js';
import { apiUrl } from '../../platform/http/urls.js';
import { type Conditions, parseConditions, rawConditionsSchema, throwIfErrors } from '../../rules/definitions.js';
import { touchRules } from '../../rules/rules-version.js';
import { PRIORITIES } from '../../rules/ticket-state.js';
import { requestSlaRecompute } from './recompute.js';
import { msg } from '../../platform/messages.js';

export const SLA_METRICS = ['first_reply_time', 'next_reply_time', 'periodic_update_time', 'pausable_update_time', 'requester_wait_time', 'agent_work_time', 'total_resolution_time'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

const policyMetric = z.strictObject({
  priority: z.enum(PRIORITIES),
  metric: z.enum(SLA_METRICS),
  target: z.number().int().min(1).max(525_600),
  business_hours: z.boolean().default(false),
});
export type PolicyMetric = z.infer<typeof policyMetric>;

export const slaPolicyInput = z.object({
  title: z.string().trim().min(1, 'cannot be blank').max(255),
  description: z.string().max(65_535).optional(),
  position: z.number().int().min(0).optional(),
  filter: rawConditionsSchema.optional(),
  policy_metrics: z.array(policyMetric).max(SLA_METRICS.length * PRIORITIES.length),
});

export type SlaPolicy = { id: number; title: string; description: string; position: number; filter: Conditions; metrics: PolicyMetric[]; createdAt: number; updatedAt: number };

function toPolicy(r: { id: number; title: string; description: string; position: number; filter: string; policy_metrics: string; created_at: number; updated_at: number }): SlaPolicy {
  return { id: r.id, title: r.title, description: r.description, position: r.position, filter: JSON.parse(r.filter) as Conditions, metrics: JSON.parse(r.policy_metrics) as PolicyMetric[], createdAt: r.created_at, updatedAt: r.updated_at };
}

export async function listPolicies(ctx: Ctx): Promise<SlaPolicy[]> {
  const rows = await ctx.db.selectFrom('sla_policies').selectAll().where('account_id', '=', ctx.account.id).orderBy('position').orderBy('id').execute();
  return rows.map(toPolicy);
}

async function getPolicy(ctx: Ctx, id: number): Promise<SlaPolicy> {
  const row = await ctx.db.selectFrom('sla_policies').selectAll().where('account_id', '=', ctx.account.id).where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw notFound();
  }
  return toPolicy(row);
}

function validate(input: z.infer<typeof slaPolicyInput>): Conditions {
  const errors: FieldErrors = {};
  const filter = parseConditions(input.filter, 'sla', 'sla_policy.filter', errors);
  const seen = new Set<string>();
  input.policy_metrics.forEach((m, i) => {
    const key = `${m.priority}/${m.metric}`;
    if (seen.has(key)) {
      (errors[`sla_policy.policy_metrics[${i}]`] ??= []).push(fieldError(msg('sla.metric_twice', { metric: m.metric, priority: m.priority }), 'DuplicateValue'));
    }
    seen.add(key);
  });
  throwIfErrors(errors);
  return filter;
}

/** Policy edits re-time the tickets they cover, in the background. */
async function policiesChanged(ctx: Ctx): Promise<void> {
  await touchRules(ctx);
  await requestSlaRecompute(ctx);
}

export async function createPolicy(ctx: Ctx, input: z.infer<typeof slaPolicyInput>): Promise<SlaPolicy> {
  const filter = validate(input);
  const now = ctx.clock.now();
  const last = await ctx.db.selectFrom('sla_policies').select((eb) => eb.fn.max('position').as('p')).where('account_id', '=', ctx.account.id).executeTakeFirst();
  const row = await ctx.db
    .insertInto('sla_policies')
    .values({
      account_id: ctx.account.id,
      title: input.title,
      description: input.description ?? '',
      position: input.position ?? Number(last?.p ?? 0) + 1,
      filter: JSON.stringify(filter),
      policy_metrics: JSON.stringify(input.policy_metrics),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await policiesChanged(ctx);
  return getPolicy(ctx, row.id);
}

export async function updatePolicy(ctx: Ctx, id: number, input: z.infer<typeof slaPolicyInput>): Promise<SlaPolicy> {
  await getPolicy(ctx, id);
  const filter = validate(input);
  await ctx.db
    .updateTable('sla_policies')
    .set({
      title: input.title,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      filter: JSON.stringify(filter),
      policy_metrics: JSON.stringify(input.policy_metrics),
      updated_at: ctx.clock.now(),
    })
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .execute();
  await policiesChanged(ctx);
  return getPolicy(ctx, id);
}

export async function deletePolicy(ctx: Ctx, id: number): Promise<void> {
  await getPolicy(ctx, id);
  await ctx.db.deleteFrom('sla_policies').where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
  await policiesChanged(ctx);
}

export { getPolicy };

export function presentPolicy(ctx: Ctx, p: SlaPolicy) {
  return {
    url: apiUrl(ctx, `slas/policies/${p.id}`),
    id: p.id,
    title: p.title,
    description: p.description,
    position: p.position,
    filter: p.filter,
    policy_metrics: p.metrics,
    created_at: isoTime(p.createdAt),
    updated_at: isoTime(p.updatedAt),
  };
}
