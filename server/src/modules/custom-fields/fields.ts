import { z } from 'zod';
import type { Ctx } from '../../context.js';
import type { CustomFieldEntity } from '../../db/schema.js';
import { RulesCache } from '../../rules/rules-version.js';
import { type Message, msg } from '../../platform/messages.js';

/** Zendesk's field types, plus url; a tagger whose option names contain "::" is a cascading dropdown (级联). */
export const FIELD_TYPES = ['text', 'textarea', 'integer', 'decimal', 'date', 'checkbox', 'tagger', 'multiselect', 'regexp', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type FieldOption = { id: number; name: string; value: string; position: number; retired: boolean };

export type CustomField = {
  id: number;
  entity: CustomFieldEntity;
  type: FieldType;
  key: string | null;
  titles: Record<string, string>;
  descriptions: Record<string, string>;
  position: number;
  active: boolean;
  /** Agents must fill it to solve the ticket (Zendesk's "required"). */
  required: boolean;
  /** Agents must fill it when they create the ticket. */
  requiredOnCreate: boolean;
  requiredInPortal: boolean;
  visibleInPortal: boolean;
  editableInPortal: boolean;
  regexp: string | null;
  defaultValue: unknown;
  options: FieldOption[];
  createdAt: number;
  updatedAt: number;
};

export async function loadFields(ctx: Ctx, entity: CustomFieldEntity): Promise<CustomField[]> {
  const rows = await ctx.db.selectFrom('custom_fields').selectAll().where('account_id', '=', ctx.account.id).where('entity', '=', entity).orderBy('position').orderBy('id').execute();
  const ids = rows.map((r) => r.id);
  const options = ids.length
    ? await ctx.db.selectFrom('custom_field_options').selectAll().where('account_id', '=', ctx.account.id).where('field_id', 'in', ids).orderBy('position').orderBy('id').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    entity: r.entity,
    type: r.type as FieldType,
    key: r.key,
    titles: JSON.parse(r.titles) as Record<string, string>,
    descriptions: JSON.parse(r.descriptions) as Record<string, string>,
    position: r.position,
    active: r.active === 1,
    required: r.required === 1,
    requiredOnCreate: r.required_on_create === 1,
    requiredInPortal: r.required_in_portal === 1,
    visibleInPortal: r.visible_in_portal === 1,
    editableInPortal: r.editable_in_portal === 1,
    regexp: r.regexp_for_validation,
    defaultValue: r.default_value === null ? null : (JSON.parse(r.default_value) as unknown),
    options: options.filter((o) => o.field_id === r.id).map((o) => ({ id: o.id, name: o.name, value: o.value, position: o.position, retired: o.retired === 1 })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** Field definitions, cached per account until a field, form or rule changes. */
const cache = { ticket: new RulesCache((ctx) => loadFields(ctx, 'ticket')), user: new RulesCache((ctx) => loadFields(ctx, 'user')), organization: new RulesCache((ctx) => loadFields(ctx, 'organization')) };

export function cachedFields(ctx: Ctx, entity: CustomFieldEntity): Promise<CustomField[]> {
  return cache[entity].get(ctx);
}

const MAX_TEXT = { text: 255, regexp: 255, url: 2000, textarea: 65_535 } as const;

/**
 * Checks one value against its field and returns it in stored form, or the reason it is
 * refused. Retired options stay valid only where they are already stored.
 */
export function checkValue(field: CustomField, value: unknown, stored?: unknown): { ok: true; value: unknown } | { ok: false; reason: Message } {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return { ok: true, value: null };
  }
  const fail = (reason: Message) => ({ ok: false as const, reason });
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'regexp':
    case 'url': {
      if (typeof value !== 'string') {
        return fail(msg('value.text'));
      }
      if (value.length > MAX_TEXT[field.type]) {
        return fail(msg('field.too_long', { maximum: MAX_TEXT[field.type] }));
      }
      if (field.type === 'text' && /[\r\n]/.test(value)) {
        return fail(msg('value.single_line'));
      }
      if (field.type === 'regexp' && field.regexp && !new RegExp(field.regexp, 'u').test(value)) {
        // The pattern itself means nothing to the customer who reads this in the portal.
        return fail(msg('field.bad_format'));
      }
      if (field.type === 'url' && !z.url({ protocol: /^https?$/ }).safeParse(value).success) {
        return fail(msg('value.http_url'));
      }
      return { ok: true, value };
    }
    case 'integer': {
      const n = typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isSafeInteger(n) ? { ok: true, value: n } : fail(msg('value.whole_number'));
    }
    case 'decimal': {
      const n = typeof value === 'string' && /^-?\d{1,15}(\.\d{1,10})?$/.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? { ok: true, value: n } : fail(msg('value.number'));
    }
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        return fail(msg('field.not_date'));
      }
      return { ok: true, value };
    }
    case 'checkbox':
      return typeof value === 'boolean' ? { ok: true, value } : value === 'true' || value === 'false' ? { ok: true, value: value === 'true' } : fail(msg('common.true_or_false'));
    case 'tagger': {
      if (typeof value !== 'string') {
        return fail(msg('value.one_option'));
      }
      const option = field.options.find((o) => o.value === value);
      if (!option || (option.retired && stored !== value)) {
        return fail(msg('value.not_an_option', { value }));
      }
      return { ok: true, value };
    }
    case 'multiselect': {
      const list = Array.isArray(value) ? value : [value];
      const kept = new Set(Array.isArray(stored) ? stored : []);
      for (const v of list) {
        const option = field.options.find((o) => o.value === v);
        if (typeof v !== 'string' || !option || (option.retired && !kept.has(v))) {
          return fail(msg('value.not_an_option', { value: String(v) }));
        }
      }
      return { ok: true, value: [...new Set(list as string[])] };
    }
  }
}

export type FormCondition = { parent_field_id: number; value: unknown; child_fields: { id: number; is_required: boolean }[] };

/**
 * Which fields a form shows for the values given, and which of those are required:
 * a field that is a child of a condition shows only when its parent has that value.
 */
export function visibleFields(fieldIds: number[], conditions: FormCondition[], values: Record<string, unknown>): { visible: Set<number>; requiredByCondition: Set<number> } {
  const children = new Set(conditions.flatMap((c) => c.child_fields.map((f) => f.id)));
  const visible = new Set(fieldIds.filter((id) => !children.has(id)));
  const requiredByCondition = new Set<number>();
  // Conditions can chain (A shows B, B shows C): repeat until nothing new shows.
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of conditions) {
      if (!visible.has(c.parent_field_id)) {
        continue;
      }
      const v = values[String(c.parent_field_id)];
      const matches = Array.isArray(v) ? v.includes(c.value) : v === c.value || String(v) === String(c.value);
      if (!matches) {
        continue;
      }
      for (const child of c.child_fields) {
        if (!visible.has(child.id)) {
          visible.add(child.id);
          changed = true;
        }
        if (child.is_required) {
          requiredByCondition.add(child.id);
        }
      }
    }
  }
  return { visible, requiredByCondition };
}
