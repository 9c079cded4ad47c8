import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { dialectOf } from '../db/helpers.js';
import type { Database } from '../db/schema.js';
import { HOUR } from '../platform/clock.js';

/**
 * Ticket conditions as Zendesk writes them for views (and, later, triggers and
 * automations): `{ all: [...], any: [...] }`, each `{ field, operator, value }`.
 * Here they compile to SQL over `tickets`; the rules engine evaluates the same model
 * against a ticket in memory.
 */
const statuses = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
const priorities = ['low', 'normal', 'high', 'urgent'] as const;

const ordered = <T extends readonly string[]>(values: T) => z.enum(values);
const idOr = (...words: string[]) => z.union([z.coerce.number().int().positive(), z.enum(words as [string, ...string[]])]);

const builtIn = z.discriminatedUnion('field', [
  z.strictObject({ field: z.literal('status'), operator: z.enum(['is', 'is_not', 'less_than', 'greater_than']), value: ordered(statuses) }),
  z.strictObject({ field: z.literal('priority'), operator: z.enum(['is', 'is_not', 'less_than', 'greater_than']), value: z.union([ordered(priorities), z.literal('')]) }),
  z.strictObject({ field: z.literal('type'), operator: z.enum(['is', 'is_not']), value: z.union([z.enum(['question', 'incident', 'problem', 'task']), z.literal('')]) }),
  z.strictObject({ field: z.literal('assignee_id'), operator: z.enum(['is', 'is_not']), value: idOr('current_user', '') }),
  z.strictObject({ field: z.literal('requester_id'), operator: z.enum(['is', 'is_not']), value: idOr('current_user') }),
  z.strictObject({ field: z.literal('group_id'), operator: z.enum(['is', 'is_not']), value: idOr('current_groups', '') }),
  z.strictObject({ field: z.literal('organization_id'), operator: z.enum(['is', 'is_not']), value: idOr('') }),
  z.strictObject({ field: z.literal('current_tags'), operator: z.enum(['includes', 'not_includes']), value: z.string().trim().min(1).max(1000) }),
  z.strictObject({ field: z.literal('via'), operator: z.enum(['is', 'is_not']), value: z.string().min(1).max(40) }),
  z.strictObject({ field: z.enum(['hours_since_created', 'hours_since_updated', 'hours_since_solved']), operator: z.enum(['less_than', 'greater_than']), value: z.coerce.number().min(0).max(100_000) }),
  z.strictObject({ field: z.enum(['follower', 'cc']), operator: z.literal('is'), value: z.union([z.literal('current_user'), z.coerce.number().int().positive()]) }),
  // Hours until the next SLA breach (already breached counts as less than any number).
  z.strictObject({ field: z.literal('until_sla_next_breach_at'), operator: z.literal('less_than'), value: z.coerce.number().min(0).max(100_000) }),
  z.strictObject({ field: z.literal('sla_breached'), operator: z.literal('is'), value: z.enum(['true', 'false']) }),
]);
const customField = z.strictObject({
  field: z.custom<`custom_fields_${string}`>((v) => typeof v === 'string' && /^custom_fields_[\w-]{1,64}$/.test(v), 'is not a known field'),
  operator: z.enum(['is', 'is_not']),
  value: z.string().max(1000),
});

export const conditionSchema = z.union([builtIn, customField]);
export type Condition = z.infer<typeof conditionSchema>;

export const conditionsSchema = z.strictObject({
  all: z.array(conditionSchema).max(50).default([]),
  any: z.array(conditionSchema).max(50).default([]),
});
export type Conditions = z.infer<typeof conditionsSchema>;

type Eb = ExpressionBuilder<Database, 'tickets'>;

const none = sql<SqlBool>`1 = 0`;

function me(ctx: Ctx): number {
  return ctx.actor.kind === 'user' ? ctx.actor.user.id : 0;
}

function inOrder(column: 'tickets.status' | 'tickets.priority', order: readonly string[], operator: string, value: string): Expression<SqlBool> {
  const i = order.indexOf(value);
  const pick = operator === 'less_than' ? order.slice(0, i) : order.slice(i + 1);
  return pick.length === 0 ? none : sql<SqlBool>`${sql.ref(column)} in (${sql.join(pick)})`;
}

function isOrNot(eb: Eb, positive: Expression<SqlBool>, operator: string): Expression<SqlBool> {
  return operator === 'is_not' || operator === 'not_includes' ? eb.not(positive) : positive;
}

function nullableEquals(eb: Eb, column: 'tickets.assignee_id' | 'tickets.group_id' | 'tickets.organization_id' | 'tickets.priority' | 'tickets.type', value: unknown, operator: string): Expression<SqlBool> {
  if (value === '') {
    return operator === 'is' ? eb(column, 'is', null) : eb(column, 'is not', null);
  }
  // "is not X" includes tickets with nothing set, as people read it.
  const equals = sql<SqlBool>`${sql.ref(column)} = ${value}`;
  return operator === 'is' ? equals : eb.or([eb(column, 'is', null), eb.not(equals)]);
}

/** What conditions about "me" need, resolved once per request. */
export type ConditionScope = { myGroupIds: number[] };

function compileOne(ctx: Ctx, scope: ConditionScope, eb: Eb, c: Condition): Expression<SqlBool> {
  const now = ctx.clock.now();
  switch (c.field) {
    case 'status':
      return c.operator === 'is' || c.operator === 'is_not'
        ? isOrNot(eb, eb('tickets.status', '=', c.value), c.operator)
        : inOrder('tickets.status', statuses, c.operator, c.value);
    case 'priority':
      if (c.operator === 'is' || c.operator === 'is_not') {
        return nullableEquals(eb, 'tickets.priority', c.value, c.operator);
      }
      return c.value === '' ? none : inOrder('tickets.priority', priorities, c.operator, c.value);
    case 'type':
      return nullableEquals(eb, 'tickets.type', c.value, c.operator);
    case 'assignee_id':
      return nullableEquals(eb, 'tickets.assignee_id', c.value === 'current_user' ? me(ctx) : c.value, c.operator);
    case 'requester_id':
      return isOrNot(eb, eb('tickets.requester_id', '=', c.value === 'current_user' ? me(ctx) : Number(c.value)), c.operator);
    case 'group_id':
      if (c.value === 'current_groups') {
        // The agent's groups as literal ids, so the planner can walk the group index per group.
        const mine = scope.myGroupIds.length > 0 ? scope.myGroupIds : [0];
        return c.operator === 'is' ? eb('tickets.group_id', 'in', mine) : eb.or([eb('tickets.group_id', 'is', null), eb('tickets.group_id', 'not in', mine)]);
      }
      return nullableEquals(eb, 'tickets.group_id', c.value, c.operator);
    case 'organization_id':
      return nullableEquals(eb, 'tickets.organization_id', c.value, c.operator);
    case 'current_tags': {
      const tags = c.value.toLowerCase().split(/\s+/).filter(Boolean);
      const has = eb.exists(
        eb
          .selectFrom('ticket_tags')
          .select('ticket_tags.tag')
          .whereRef('ticket_tags.account_id', '=', 'tickets.account_id')
          .whereRef('ticket_tags.ticket_id', '=', 'tickets.id')
          .where('ticket_tags.tag', 'in', tags),
      );
      return isOrNot(eb, has, c.operator);
    }
    case 'via':
      return isOrNot(eb, eb('tickets.via_channel', '=', c.value), c.operator);
    case 'hours_since_created':
    case 'hours_since_updated':
    case 'hours_since_solved': {
      const column = ({ hours_since_created: 'tickets.created_at', hours_since_updated: 'tickets.updated_at', hours_since_solved: 'tickets.solved_at' } as const)[c.field];
      const at = now - c.value * HOUR;
      // Fewer hours since X means X is later than the cut-off.
      return c.operator === 'less_than' ? eb(column, '>', at) : eb(column, '<', at);
    }
    case 'follower':
    case 'cc':
      // Driven from the person's side (their index), not probed once per ticket.
      return eb(
        'tickets.id',
        'in',
        eb
          .selectFrom('ticket_collaborators')
          .select('ticket_collaborators.ticket_id')
          .where('ticket_collaborators.account_id', '=', ctx.account.id)
          .where('ticket_collaborators.user_id', '=', c.value === 'current_user' ? me(ctx) : c.value)
          .where('ticket_collaborators.kind', '=', c.field),
      );
    case 'until_sla_next_breach_at':
    case 'sla_breached': {
      let metrics = eb
        .selectFrom('ticket_sla_metrics')
        .select('ticket_sla_metrics.ticket_id')
        .whereRef('ticket_sla_metrics.account_id', '=', 'tickets.account_id')
        .whereRef('ticket_sla_metrics.ticket_id', '=', 'tickets.id')
        .where('ticket_sla_metrics.stage', '!=', 'fulfilled');
      metrics =
        c.field === 'sla_breached'
          ? metrics.where('ticket_sla_metrics.breached_at', 'is not', null)
          : metrics.where('ticket_sla_metrics.stage', '=', 'active').where('ticket_sla_metrics.breach_at', '<', now + c.value * HOUR);
      const has = eb.exists(metrics);
      return c.field === 'sla_breached' && c.value === 'false' ? eb.not(has) : has;
    }
    default: {
      const key = c.field.slice('custom_fields_'.length);
      const read =
        dialectOf(ctx.db) === 'postgres'
          ? sql<string>`(tickets.custom_fields::jsonb ->> ${key})`
          : sql<string>`json_extract(tickets.custom_fields, ${`$."${key}"`})`;
      return isOrNot(eb, sql<SqlBool>`coalesce(${read} = ${c.value}, false)`, c.operator);
    }
  }
}

/** The conditions as one SQL condition on `tickets`: every `all`, and at least one `any`. */
export function compileConditions(ctx: Ctx, conditions: Conditions, scope: ConditionScope) {
  return (eb: Eb): Expression<SqlBool> => {
    const parts = conditions.all.map((c) => compileOne(ctx, scope, eb, c));
    if (conditions.any.length > 0) {
      parts.push(eb.or(conditions.any.map((c) => compileOne(ctx, scope, eb, c))));
    }
    return parts.length === 0 ? sql<SqlBool>`1 = 1` : eb.and(parts);
  };
}
