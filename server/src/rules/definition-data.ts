import type { Ctx } from '../context.js';
import type { CustomFieldEntity } from '../db/schema.js';

/** One choice a rule's value may take: a stable value, and a name only where the account named it. */
export type Choice = { value: string; title?: string };

export type AccountField = { id: number; key: string | null; type: string; title: string; options: Choice[] };

/** The account's own things a rule can point at, read once per definitions request. */
export type DefinitionData = {
  groups: Choice[];
  agents: Choice[];
  forms: Choice[];
  webhooks: Choice[];
  ticketFields: AccountField[];
  userFields: AccountField[];
  organizationFields: AccountField[];
};

function localized(ctx: Ctx, texts: Record<string, string>): string {
  const locale = (ctx.actor.kind === 'user' ? ctx.actor.user.locale : null) ?? ctx.account.locale;
  return texts[locale] ?? texts[ctx.account.locale] ?? Object.values(texts)[0] ?? '';
}

async function activeFields(ctx: Ctx, entity: CustomFieldEntity): Promise<AccountField[]> {
  const rows = await ctx.db
    .selectFrom('custom_fields')
    .select(['id', 'key', 'type', 'titles'])
    .where('account_id', '=', ctx.account.id)
    .where('entity', '=', entity)
    .where('active', '=', 1)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => r.id);
  const options = ids.length
    ? await ctx.db
        .selectFrom('custom_field_options')
        .select(['field_id', 'name', 'value'])
        .where('account_id', '=', ctx.account.id)
        .where('field_id', 'in', ids)
        .where('retired', '=', 0)
        .orderBy('position')
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    type: r.type,
    title: localized(ctx, JSON.parse(r.titles) as Record<string, string>),
    options: options.filter((o) => o.field_id === r.id).map((o) => ({ value: o.value, title: o.name })),
  }));
}

export async function loadDefinitionData(ctx: Ctx): Promise<DefinitionData> {
  const account = ctx.account.id;
  const [groups, agents, forms, webhooks, ticketFields, userFields, organizationFields] = await Promise.all([
    ctx.db.selectFrom('groups').select(['id', 'name']).where('account_id', '=', account).where('deleted', '=', 0).orderBy('name').execute(),
    ctx.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('account_id', '=', account)
      .where('role', 'in', ['agent', 'admin'])
      .where('active', '=', 1)
      .where('suspended', '=', 0)
      .orderBy('name')
      .limit(1000)
      .execute(),
    ctx.db.selectFrom('ticket_forms').select(['id', 'name']).where('account_id', '=', account).where('active', '=', 1).orderBy('position').execute(),
    ctx.db.selectFrom('webhooks').select(['id', 'name']).where('account_id', '=', account).where('status', '=', 'active').orderBy('name').execute(),
    activeFields(ctx, 'ticket'),
    activeFields(ctx, 'user'),
    activeFields(ctx, 'organization'),
  ]);
  const named = (rows: { id: number; name: string }[]): Choice[] => rows.map((r) => ({ value: String(r.id), title: r.name }));
  return { groups: named(groups), agents: named(agents), forms: named(forms), webhooks: named(webhooks), ticketFields, userFields, organizationFields };
}
