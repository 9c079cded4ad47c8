import { type FieldErrors, fieldError } from '../platform/errors.js';
import { type Action, type Condition, type Conditions, HOURS_FIELDS, UNTIL_FIELDS } from './definitions.js';
import { PRIORITIES, STATUSES, tagList } from './ticket-state.js';
import { msg } from '../platform/messages.js';

function valueOf(actions: Action[], field: string): string | undefined {
  const a = actions.findLast((x) => x.field === field);
  return a === undefined ? undefined : String(a.value);
}

/** Whether, after the actions run, the condition can no longer hold. */
function nullifies(c: Condition, actions: Action[]): boolean {
  if (c.field === 'current_tags') {
    const tags = tagList(c.value);
    const added = actions.filter((a) => a.field === 'current_tags' || a.field === 'set_tags').flatMap((a) => tagList(String(a.value)));
    const removed = actions.filter((a) => a.field === 'remove_tags').flatMap((a) => tagList(String(a.value)));
    const replaced = actions.some((a) => a.field === 'set_tags');
    return c.operator === 'not_includes' ? tags.some((t) => added.includes(t)) : tags.every((t) => removed.includes(t) || (replaced && !added.includes(t)));
  }
  const hours = (HOURS_FIELDS as Record<string, { status: string | null }>)[c.field];
  if (hours?.status) {
    const status = valueOf(actions, 'status');
    return status !== undefined && status !== hours.status;
  }
  const set = valueOf(actions, c.field);
  if (set === undefined) {
    return false;
  }
  switch (c.operator) {
    case 'is':
      return set !== c.value;
    case 'is_not':
      return set === c.value;
    case 'less_than':
    case 'greater_than': {
      const order: readonly string[] = c.field === 'status' ? STATUSES : PRIORITIES;
      const a = order.indexOf(set);
      const b = order.indexOf(c.value);
      return c.operator === 'less_than' ? a >= b : a <= b;
    }
    default:
      return false;
  }
}

/**
 * An automation runs every hour on every ticket that matches, so, as Zendesk requires,
 * it must test time and contain a condition its own actions make false; otherwise it
 * would act on the same ticket hour after hour.
 */
export function checkAutomation(rule: { conditions: Conditions; actions: Action[] }, errors: FieldErrors): void {
  const timed = rule.conditions.all.some((c) => c.field in HOURS_FIELDS || c.field in UNTIL_FIELDS);
  if (!timed) {
    (errors['automation.conditions.all'] ??= []).push(fieldError(msg('rule.time_condition'), 'MissingTimeCondition'));
  }
  if (!rule.conditions.all.some((c) => nullifies(c, rule.actions))) {
    (errors['automation.conditions.all'] ??= []).push(fieldError(msg('rule.nullifying_condition'), 'MissingNullifyingCondition'));
  }
}
