import type { Ctx } from '../../context.js';
import type { CustomFieldEntity } from '../../db/schema.js';
import { KefuError } from '../../platform/errors.js';
import type { CustomField } from './fields.js';
import { loadForms } from './forms.js';

/** What can hold a field: a ticket form's list (or its conditions), or a rule's conditions and actions. */
export type FieldUsage = { kind: 'ticket_form' | 'trigger' | 'automation' | 'macro' | 'view' | 'sla_policy'; id: number; name: string };

/**
 * Where a field is still used. Rules store their conditions and actions as JSON, naming a
 * ticket field `custom_fields_<id>` and a user or organization field
 * `requester.custom_fields.<key>` / `organization.custom_fields.<key>`: a text match on the
 * quoted name finds them without loading every rule.
 */
export async function fieldUsages(ctx: Ctx, entity: CustomFieldEntity, field: CustomField): Promise<FieldUsage[]> {
  const usages: FieldUsage[] = [];
  let needle: string;
  if (entity === 'ticket') {
    for (const form of await loadForms(ctx)) {
      if (form.fieldIds.includes(field.id)) {
        usages.push({ kind: 'ticket_form', id: form.id, name: form.name });
      }
    }
    needle = `%"custom_fields_${field.id}"%`;
  } else if (field.key !== null) {
    needle = `%"${entity === 'user' ? 'requester' : 'organization'}.custom_fields.${field.key}"%`;
  } else {
    return usages;
  }
  const triggers = await ctx.db.selectFrom('triggers').select(['id', 'title']).where('account_id', '=', ctx.account.id).where((eb) => eb.or([eb('conditions', 'like', needle), eb('actions', 'like', needle)])).execute();
  const automations = await ctx.db.selectFrom('automations').select(['id', 'title']).where('account_id', '=', ctx.account.id).where((eb) => eb.or([eb('conditions', 'like', needle), eb('actions', 'like', needle)])).execute();
  const macros = await ctx.db.selectFrom('macros').select(['id', 'title']).where('account_id', '=', ctx.account.id).where('actions', 'like', needle).execute();
  const views = await ctx.db.selectFrom('views').select(['id', 'title']).where('account_id', '=', ctx.account.id).where('conditions', 'like', needle).execute();
  const policies = await ctx.db.selectFrom('sla_policies').select(['id', 'title']).where('account_id', '=', ctx.account.id).where('filter', 'like', needle).execute();
  const add = (kind: FieldUsage['kind'], rows: { id: number; title: string }[]) => rows.forEach((r) => usages.push({ kind, id: r.id, name: r.title }));
  add('trigger', triggers);
  add('automation', automations);
  add('macro', macros);
  add('view', views);
  add('sla_policy', policies);
  return usages;
}

/**
 * A field still in use is not deleted: tickets would keep a value no form shows and rules
 * would test a field that is gone. The 422 names each user, so the admin knows what to edit
 * first (`error` says which kind, `description` its name); deactivating is the alternative.
 */
export function fieldInUse(one: string, usages: FieldUsage[]): KefuError {
  const kinds: Record<FieldUsage['kind'], string> = { ticket_form: 'ticket form', trigger: 'trigger', automation: 'automation', macro: 'macro', view: 'view', sla_policy: 'SLA policy' };
  return new KefuError('RecordInvalid', {
    description: `This field is in use and cannot be deleted: ${usages.map((u) => `${kinds[u.kind]} "${u.name}"`).join(', ')}. Remove it there first, or deactivate it.`,
    details: { [one]: usages.map((u) => ({ description: u.name, error: `UsedBy:${u.kind}:${u.id}` })) },
  });
}
