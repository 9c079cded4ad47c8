import type { Ctx } from '../../context.js';
import { type Message, msg } from '../../platform/messages.js';
import { cachedFields, checkValue, type CustomField, type FormCondition, visibleFields } from './fields.js';
import { cachedForms, type TicketForm } from './forms.js';

/** changeTicket's collector: these join its own, so one 422 names every bad field. */
type Fail = (field: string, message: Message, code?: string) => void;

/**
 * Applies and checks a change's custom field values on every ticket write path: each
 * value against its field (type, options, pattern), end users only on fields the portal
 * lets them edit, defaults on create, and the fields a form requires on create or solve
 * (only those its conditions show).
 */
export async function applyTicketFieldValues(
  ctx: Ctx,
  input: {
    given: { id: number | string; value: unknown }[] | undefined;
    stored: Record<string, unknown>;
    formId: number | null | undefined;
    storedFormId: number | null;
    creating: boolean;
    solving: boolean;
    byAgent: boolean;
  },
  fail: Fail,
): Promise<{ values: Record<string, unknown>; formId: number | null }> {
  const fields = await cachedFields(ctx, 'ticket');
  const forms = await cachedForms(ctx);
  const values: Record<string, unknown> = { ...input.stored };
  const byId = new Map(fields.map((f) => [String(f.id), f]));

  let formId = input.formId === undefined ? input.storedFormId : input.formId;
  if (input.creating && formId === null && input.formId === undefined) {
    formId = forms.find((f) => f.isDefault && f.active)?.id ?? null;
  }
  let form: TicketForm | undefined;
  if (formId !== null) {
    form = forms.find((f) => f.id === formId);
    if (!form || !form.active || (!input.byAgent && !form.endUserVisible)) {
      fail('ticket_form_id', msg('field.no_such_form'), 'NotFound');
      form = undefined;
    }
  }

  for (const { id, value } of input.given ?? []) {
    const field = byId.get(String(id));
    const at = `custom_fields[${String(id)}]`;
    if (!field) {
      fail(at, msg('field.no_such_ticket_field'), 'NotFound');
      continue;
    }
    if (!field.active) {
      fail(at, msg('field.inactive'), 'InvalidValue');
      continue;
    }
    if (!input.byAgent && !(field.visibleInPortal && field.editableInPortal)) {
      fail(at, msg('field.end_user_forbidden'), 'Forbidden');
      continue;
    }
    const checked = checkValue(field, value, input.stored[String(field.id)]);
    if (!checked.ok) {
      fail(at, checked.reason);
      continue;
    }
    values[String(field.id)] = checked.value;
  }
  if (input.creating) {
    for (const f of fields) {
      if (f.active && f.defaultValue !== null && values[String(f.id)] === undefined && (!form || form.fieldIds.includes(f.id))) {
        values[String(f.id)] = f.defaultValue;
      }
    }
  }

  const relevant = (f: CustomField) => f.active && (input.byAgent || f.visibleInPortal);
  let shown: Set<number> = new Set(fields.filter(relevant).map((f) => f.id));
  let requiredByCondition = new Set<number>();
  if (form) {
    const conditions: FormCondition[] = input.byAgent ? form.agentConditions : form.endUserConditions;
    ({ visible: shown, requiredByCondition } = visibleFields(form.fieldIds, conditions, values));
  }
  // A form's conditional requirement is asked for when the answers are given (create, a change
  // to the fields or the form) or the ticket is solved; a reply or an assignment on a ticket
  // whose answers predate the form's conditions must still go through (an inbound email too).
  const conditionsChecked = input.creating || input.solving || (input.given?.length ?? 0) > 0 || (input.formId !== undefined && input.formId !== input.storedFormId);
  for (const f of fields) {
    if (!relevant(f) || !shown.has(f.id)) {
      continue;
    }
    const empty = values[String(f.id)] === undefined || values[String(f.id)] === null || values[String(f.id)] === '';
    const required =
      (requiredByCondition.has(f.id) && conditionsChecked) ||
      (input.byAgent && input.creating && f.requiredOnCreate) ||
      (input.byAgent && input.solving && f.required) ||
      (!input.byAgent && input.creating && f.requiredInPortal);
    if (required && empty) {
      fail(`custom_fields[${f.id}]`, msg(input.solving && f.required ? 'field.required_to_solve' : 'field.required'), 'Required');
    }
  }
  return { values, formId: form?.id ?? (input.formId === null ? null : formId) };
}
