import { asText } from './labels';
import type { FieldValue, FieldValues, FormCondition, ShownField, TicketField, TicketForm } from './types';

/**
 * Which of a form's fields show for the answers given, and which a condition makes required:
 * a field that is a condition's child shows only while its parent has that value. The same
 * rule as the server's (`custom-fields/fields.ts`), so the page hides what the API ignores.
 */
export function visibleFieldIds(fieldIds: number[], conditions: FormCondition[], values: FieldValues): { visible: Set<number>; requiredByCondition: Set<number> } {
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
      const matches = Array.isArray(v) ? v.includes(c.value) : v === c.value || (v !== undefined && v !== null && asText(v) === String(c.value));
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

export type Audience = 'agent' | 'end_user';

/**
 * The fields to show, in the form's order (or every field's, without a form), for agents or
 * for requesters in the portal (only the fields the portal shows and lets them edit).
 */
export function shownFields(fields: TicketField[], form: TicketForm | null, audience: Audience, values: FieldValues): ShownField[] {
  const usable = (f: TicketField) => f.active && (audience === 'agent' || (f.visible_in_portal && f.editable_in_portal));
  const byId = new Map(fields.map((f) => [f.id, f]));
  if (!form) {
    return fields.filter(usable).map((field) => ({ field, requiredByCondition: false }));
  }
  const { visible, requiredByCondition } = visibleFieldIds(form.ticket_field_ids, audience === 'agent' ? form.agent_conditions : form.end_user_conditions, values);
  return form.ticket_field_ids.flatMap((id) => {
    const field = byId.get(id);
    return field && usable(field) && visible.has(id) ? [{ field, requiredByCondition: requiredByCondition.has(id) }] : [];
  });
}

/** The API's list of answers as the form's map, and back (only the fields shown are sent). */
export const valuesOf = (list: FieldValue[] | undefined): FieldValues => Object.fromEntries((list ?? []).map((v) => [String(v.id), v.value]));

export function answersFor(shown: ShownField[], values: FieldValues | undefined): FieldValue[] {
  return shown.map(({ field }) => ({ id: field.id, value: normalize(values?.[String(field.id)]) }));
}

/** Empty editors send null, which the API stores as "no answer". */
function normalize(value: unknown): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return null;
  }
  return value;
}

/** Active forms for this audience, in their order; the default first among equals. */
export function formsFor(forms: TicketForm[], audience: Audience): TicketForm[] {
  return forms.filter((f) => f.active && (audience === 'agent' || f.end_user_visible)).sort((a, b) => a.position - b.position || a.id - b.id);
}
