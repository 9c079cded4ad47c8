import type { Ctx } from '../../context.js';
import { RulesCache } from '../../rules/rules-version.js';
import type { FormCondition } from './fields.js';

export type TicketForm = {
  id: number;
  name: string;
  displayName: string;
  position: number;
  active: boolean;
  isDefault: boolean;
  endUserVisible: boolean;
  fieldIds: number[];
  agentConditions: FormCondition[];
  endUserConditions: FormCondition[];
  createdAt: number;
  updatedAt: number;
};

export async function loadForms(ctx: Ctx): Promise<TicketForm[]> {
  const rows = await ctx.db.selectFrom('ticket_forms').selectAll().where('account_id', '=', ctx.account.id).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    displayName: r.display_name,
    position: r.position,
    active: r.active === 1,
    isDefault: r.is_default === 1,
    endUserVisible: r.end_user_visible === 1,
    fieldIds: JSON.parse(r.ticket_field_ids) as number[],
    agentConditions: JSON.parse(r.agent_conditions) as FormCondition[],
    endUserConditions: JSON.parse(r.end_user_conditions) as FormCondition[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

const cache = new RulesCache(loadForms);

export function cachedForms(ctx: Ctx): Promise<TicketForm[]> {
  return cache.get(ctx);
}
