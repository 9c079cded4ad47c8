import { z } from 'zod';
import type { Ctx } from '../context.js';
import { isoTime } from '../platform/clock.js';
import { type FieldErrors, fieldError, notFound } from '../platform/errors.js';
import { apiUrl } from '../platform/http/urls.js';
import { type Action, type Conditions, parseActions, parseConditions, rawActionsSchema, rawConditionsSchema, type RuleKind, throwIfErrors } from './definitions.js';
import { touchRules } from './rules-version.js';
import { msg } from '../platform/messages.js';

/**
 * Triggers, automations and macros are stored alike: a title, an order, conditions
 * (not for macros) and actions, checked against the rule definitions on every save.
 */
export type RuleTable = 'triggers' | 'automations' | 'macros';

export type StoredRule = {
  id: number;
  title: string;
  description: string;
  active: boolean;
  position: number;
  conditions: Conditions;
  actions: Action[];
  categoryId: number | null;
  restriction: { type: 'Group'; ids: number[] } | { type: 'User'; id: number } | null;
  usageCount: number;
  createdAt: number;
  updatedAt: number;
};

const kindOf: Record<RuleTable, RuleKind> = { triggers: 'trigger', automations: 'automation', macros: 'macro' };
const singular: Record<RuleTable, string> = { triggers: 'trigger', automations: 'automation', macros: 'macro' };

export const restrictionSchema = z
  .union([z.strictObject({ type: z.literal('Group'), ids: z.array(z.number().int().positive()).min(1).max(100) }), z.strictObject({ type: z.literal('User'), id: z.number().int().positive() })])
  .nullable();

export const ruleInput = z.object({
  title: z.string().trim().min(1, 'cannot be blank').max(255),
  description: z.string().max(65_535).optional(),
  active: z.boolean().optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
  conditions: rawConditionsSchema.optional(),
  actions: rawActionsSchema,
  category_id: z.coerce.number().int().positive().nullable().optional(),
  restriction: restrictionSchema.optional(),
});
export type RuleInput = z.infer<typeof ruleInput>;

type RuleRow = {
  id: number;
  title: string;
  description: string;
  active: number;
  position: number;
  actions: string;
  created_at: number;
  updated_at: number;
  conditions?: string;
  category_id?: number | null;
  restriction?: string | null;
  usage_count?: number;
};

function toRule(r: RuleRow): StoredRule {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    active: r.active === 1,
    position: r.position,
    conditions: r.conditions ? (JSON.parse(r.conditions) as Conditions) : { all: [], any: [] },
    actions: JSON.parse(r.actions) as Action[],
    categoryId: r.category_id ?? null,
    restriction: r.restriction ? (JSON.parse(r.restriction) as StoredRule['restriction']) : null,
    usageCount: Number(r.usage_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listRules(ctx: Ctx, table: RuleTable, options: { active?: boolean } = {}): Promise<StoredRule[]> {
  let q = ctx.db.selectFrom(table).selectAll().where('account_id', '=', ctx.account.id);
  if (options.active !== undefined) {
    q = q.where('active', '=', options.active ? 1 : 0);
  }
  const rows = (await q.orderBy('position').orderBy('id').execute()) as RuleRow[];
  return rows.map(toRule);
}

export async function getRule(ctx: Ctx, table: RuleTable, id: number): Promise<StoredRule> {
  const row = (await ctx.db.selectFrom(table).selectAll().where('account_id', '=', ctx.account.id).where('id', '=', id).executeTakeFirst()) as RuleRow | undefined;
  if (!row) {
    throw notFound();
  }
  return toRule(row);
}

/** Validates a rule for its kind; `extra` adds the checks only that kind needs. */
export function validateRule(table: RuleTable, input: RuleInput, extra?: (rule: { conditions: Conditions; actions: Action[] }, errors: FieldErrors) => void): { conditions: Conditions; actions: Action[] } {
  const kind = kindOf[table];
  const name = singular[table];
  const errors: FieldErrors = {};
  const conditions = kind === 'macro' ? { all: [], any: [] } : parseConditions(input.conditions, kind, `${name}.conditions`, errors);
  const actions = parseActions(input.actions, kind, `${name}.actions`, errors);
  if (actions.length === 0 && !errors[`${name}.actions`]) {
    errors[`${name}.actions`] = [fieldError(msg('rule.needs_action'), 'Blank')];
  }
  if (kind !== 'macro' && conditions.all.length + conditions.any.length === 0) {
    errors[`${name}.conditions`] = [fieldError(msg('rule.needs_condition'), 'Blank')];
  }
  extra?.({ conditions, actions }, errors);
  throwIfErrors(errors);
  return { conditions, actions };
}

function columnsFor(table: RuleTable, input: Partial<RuleInput>, parsed: { conditions: Conditions; actions: Action[] } | null) {
  return {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.active !== undefined ? { active: input.active ? (1 as const) : (0 as const) } : {}),
    ...(input.position !== undefined ? { position: input.position } : {}),
    ...(parsed ? { actions: JSON.stringify(parsed.actions) } : {}),
    ...(parsed && table !== 'macros' ? { conditions: JSON.stringify(parsed.conditions) } : {}),
    ...(table === 'triggers' && input.category_id !== undefined ? { category_id: input.category_id } : {}),
    ...(table === 'macros' && input.restriction !== undefined ? { restriction: input.restriction === null ? null : JSON.stringify(input.restriction) } : {}),
  };
}

export async function insertRule(ctx: Ctx, table: RuleTable, input: RuleInput, parsed: { conditions: Conditions; actions: Action[] }): Promise<StoredRule> {
  const now = ctx.clock.now();
  const last = await ctx.db.selectFrom(table).select((eb) => eb.fn.max('position').as('p')).where('account_id', '=', ctx.account.id).executeTakeFirst();
  const row = await ctx.db
    .insertInto(table)
    .values({
      account_id: ctx.account.id,
      title: input.title,
      position: Number(last?.p ?? -1) + 1,
      actions: '[]',
      created_at: now,
      updated_at: now,
      ...columnsFor(table, input, parsed),
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await touchRules(ctx);
  return getRule(ctx, table, row.id);
}

export async function updateRule(ctx: Ctx, table: RuleTable, id: number, input: Partial<RuleInput>, parsed: { conditions: Conditions; actions: Action[] } | null): Promise<StoredRule> {
  await getRule(ctx, table, id);
  await ctx.db
    .updateTable(table)
    .set({ ...columnsFor(table, input, parsed), updated_at: ctx.clock.now() } as never)
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .execute();
  await touchRules(ctx);
  return getRule(ctx, table, id);
}

export async function deleteRule(ctx: Ctx, table: RuleTable, id: number): Promise<void> {
  await getRule(ctx, table, id);
  await ctx.db.deleteFrom(table).where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
  await touchRules(ctx);
}

/** Sets the order of all rules of a table at once (the ids in their new order). */
export async function reorderRules(ctx: Ctx, table: RuleTable, ids: number[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await ctx.db.updateTable(table).set({ position }).where('account_id', '=', ctx.account.id).where('id', '=', id).execute();
  }
  await touchRules(ctx);
}

/** A rule as Zendesk's API shows it. */
export function presentRule(ctx: Ctx, table: RuleTable, r: StoredRule) {
  return {
    url: apiUrl(ctx, `${table}/${r.id}`),
    id: r.id,
    title: r.title,
    description: r.description,
    active: r.active,
    position: r.position,
    ...(table !== 'macros' ? { conditions: r.conditions } : {}),
    actions: r.actions,
    ...(table === 'triggers' ? { category_id: r.categoryId === null ? null : String(r.categoryId) } : {}),
    ...(table === 'macros' ? { restriction: r.restriction, usage_count: r.usageCount } : {}),
    created_at: isoTime(r.createdAt),
    updated_at: isoTime(r.updatedAt),
  };
}
