import { z } from 'zod';
import { type FieldErrors, fieldError, invalidFields } from '../platform/errors.js';
import { type Message, msg } from '../platform/messages.js';
import { templateProblem } from './placeholders.js';
import { PRIORITIES, STATUSES, TYPES } from './ticket-state.js';

/**
 * The names inside rules, as Zendesk writes them, so rules exported from Zendesk
 * import unchanged. One table says which fields each kind of rule may test or set,
 * with which operators and values; every rule is checked against it on save.
 */
export type RuleKind = 'trigger' | 'automation' | 'sla' | 'macro';

export type Condition = { field: string; operator: string; value: string };
export type Conditions = { all: Condition[]; any: Condition[] };
export type Action = { field: string; value: string | string[] };

export const CHANGE_OPERATORS = ['changed', 'not_changed', 'value', 'not_value', 'value_previous', 'not_value_previous'] as const;
const EQUALITY = ['is', 'is_not'] as const;
const ORDERED = ['is', 'is_not', 'less_than', 'greater_than'] as const;
const HOURS_OPERATORS = ['is', 'less_than', 'greater_than'] as const;

/** What a condition's or action's value must be. */
export type ValueRule =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'id'; words: readonly string[] }
  | { kind: 'text' }
  | { kind: 'hours' };

export type ConditionSpec = { operators: readonly string[]; changeOperators: boolean; value: ValueRule; kinds: readonly RuleKind[] };

const PROPERTY_KINDS: readonly RuleKind[] = ['trigger', 'automation', 'sla'];
const enumOf = (values: readonly string[]): ValueRule => ({ kind: 'enum', values });
const idOr = (...words: string[]): ValueRule => ({ kind: 'id', words });

/** Hours-since fields for automations: which timestamp each counts from (and the status it needs). */
export const HOURS_FIELDS = {
  created_at: { column: 'created_at', status: null },
  updated_at: { column: 'updated_at', status: null },
  assigned_at: { column: 'assigned_at', status: null },
  requester_updated_at: { column: 'requester_updated_at', status: null },
  assignee_updated_at: { column: 'assignee_updated_at', status: null },
  NEW: { column: 'status_updated_at', status: 'new' },
  OPEN: { column: 'status_updated_at', status: 'open' },
  PENDING: { column: 'status_updated_at', status: 'pending' },
  HOLD: { column: 'status_updated_at', status: 'hold' },
  SOLVED: { column: 'solved_at', status: 'solved' },
  CLOSED: { column: 'status_updated_at', status: 'closed' },
  due_date: { column: 'due_at', status: null },
  sla_next_breach_at: { column: 'sla_next_breach_at', status: null },
} as const;
/** Hours until a future instant, rather than since a past one. */
export const UNTIL_FIELDS = { until_due_date: 'due_at', until_sla_next_breach_at: 'sla_next_breach_at' } as const;

export const CONDITIONS: Record<string, ConditionSpec> = {
  status: { operators: ORDERED, changeOperators: true, value: enumOf(STATUSES), kinds: PROPERTY_KINDS },
  priority: { operators: ORDERED, changeOperators: true, value: enumOf(['', ...PRIORITIES]), kinds: PROPERTY_KINDS },
  type: { operators: EQUALITY, changeOperators: true, value: enumOf(['', ...TYPES]), kinds: PROPERTY_KINDS },
  assignee_id: { operators: EQUALITY, changeOperators: true, value: idOr('', 'current_user'), kinds: PROPERTY_KINDS },
  group_id: { operators: EQUALITY, changeOperators: true, value: idOr(''), kinds: PROPERTY_KINDS },
  organization_id: { operators: EQUALITY, changeOperators: true, value: idOr(''), kinds: PROPERTY_KINDS },
  requester_id: { operators: EQUALITY, changeOperators: true, value: idOr('current_user'), kinds: PROPERTY_KINDS },
  ticket_form_id: { operators: EQUALITY, changeOperators: true, value: idOr(''), kinds: PROPERTY_KINDS },
  current_tags: { operators: ['includes', 'not_includes'], changeOperators: false, value: { kind: 'text' }, kinds: PROPERTY_KINDS },
  via_id: { operators: EQUALITY, changeOperators: false, value: { kind: 'text' }, kinds: PROPERTY_KINDS },
  subject_includes_word: { operators: ['includes', 'not_includes'], changeOperators: false, value: { kind: 'text' }, kinds: ['trigger', 'automation'] },
  update_type: { operators: ['is'], changeOperators: false, value: enumOf(['Create', 'Change']), kinds: ['trigger'] },
  current_via_id: { operators: EQUALITY, changeOperators: false, value: { kind: 'text' }, kinds: ['trigger'] },
  comment_is_public: { operators: ['is'], changeOperators: false, value: enumOf(['true', 'false', 'not_relevant']), kinds: ['trigger'] },
  comment_includes_word: { operators: ['includes', 'not_includes'], changeOperators: false, value: { kind: 'text' }, kinds: ['trigger'] },
  role: { operators: EQUALITY, changeOperators: false, value: enumOf(['end_user', 'agent']), kinds: ['trigger'] },
  within_business_hours: { operators: ['is'], changeOperators: false, value: enumOf(['true', 'false']), kinds: ['trigger', 'automation'] },
  /** This change records the breach of an SLA metric (Kefu's; fires once, at the breach instant). */
  sla_metric_breached: { operators: ['is'], changeOperators: false, value: enumOf(['any', 'first_reply_time', 'next_reply_time', 'periodic_update_time', 'pausable_update_time', 'requester_wait_time', 'agent_work_time', 'total_resolution_time']), kinds: ['trigger'] },
  ...Object.fromEntries([...Object.keys(HOURS_FIELDS), ...Object.keys(UNTIL_FIELDS)].map((f) => [f, { operators: HOURS_OPERATORS, changeOperators: false, value: { kind: 'hours' }, kinds: ['automation'] } satisfies ConditionSpec])),
};

const CUSTOM_FIELD = /^custom_fields_(\d{1,12})$/;
/** The requester's or their organization's custom field, by key (Zendesk's names). */
export const PERSON_FIELD = /^(requester|organization)\.custom_fields\.([a-z][a-z0-9_]{0,62})$/;
export const personCondition: ConditionSpec = { operators: [...EQUALITY, 'present', 'not_present'], changeOperators: false, value: { kind: 'text' }, kinds: ['trigger', 'automation', 'sla'] };
export const customCondition: ConditionSpec = { operators: [...EQUALITY, 'present', 'not_present'], changeOperators: true, value: { kind: 'text' }, kinds: PROPERTY_KINDS };

function conditionSpec(field: string): ConditionSpec | undefined {
  return Object.hasOwn(CONDITIONS, field) ? CONDITIONS[field] : CUSTOM_FIELD.test(field) ? customCondition : PERSON_FIELD.test(field) ? personCondition : undefined;
}

export type ActionSpec = { value: ValueRule | 'notification'; kinds: readonly RuleKind[] };
const SETTING_KINDS: readonly RuleKind[] = ['trigger', 'automation', 'macro'];

export const ACTIONS: Record<string, ActionSpec> = {
  status: { value: enumOf(STATUSES), kinds: SETTING_KINDS },
  priority: { value: enumOf(['', ...PRIORITIES]), kinds: SETTING_KINDS },
  type: { value: enumOf(['', ...TYPES]), kinds: SETTING_KINDS },
  group_id: { value: idOr(''), kinds: SETTING_KINDS },
  assignee_id: { value: idOr('', 'current_user'), kinds: SETTING_KINDS },
  set_tags: { value: { kind: 'text' }, kinds: SETTING_KINDS },
  current_tags: { value: { kind: 'text' }, kinds: SETTING_KINDS },
  remove_tags: { value: { kind: 'text' }, kinds: SETTING_KINDS },
  cc: { value: idOr('current_user'), kinds: SETTING_KINDS },
  ticket_form_id: { value: idOr(''), kinds: SETTING_KINDS },
  follower: { value: idOr('current_user'), kinds: SETTING_KINDS },
  /** Assign within the ticket's group by the group's routing (round robin, least open, skills). */
  route: { value: enumOf(['group']), kinds: ['trigger', 'automation'] },
  notification_user: { value: 'notification', kinds: ['trigger', 'automation'] },
  notification_group: { value: 'notification', kinds: ['trigger', 'automation'] },
  notification_email: { value: 'notification', kinds: ['trigger', 'automation'] },
  notification_webhook: { value: 'notification', kinds: ['trigger', 'automation'] },
  subject: { value: { kind: 'text' }, kinds: ['macro'] },
  comment_value: { value: { kind: 'text' }, kinds: ['macro'] },
  comment_value_html: { value: { kind: 'text' }, kinds: ['macro'] },
  comment_mode_is_public: { value: enumOf(['true', 'false']), kinds: ['macro'] },
};

function actionSpec(field: string): ActionSpec | undefined {
  return Object.hasOwn(ACTIONS, field) ? ACTIONS[field] : CUSTOM_FIELD.test(field) ? { value: { kind: 'text' }, kinds: SETTING_KINDS } : undefined;
}

/** Recipients a user notification may name besides a user id. */
export const USER_RECIPIENTS = ['requester_id', 'assignee_id', 'current_user', 'requester_and_ccs'] as const;

const scalar = z.union([z.string().max(10_000), z.number(), z.boolean()]).transform(String);
const rawCondition = z.object({ field: z.string().max(100), operator: z.string().max(40), value: z.union([scalar, z.null()]).optional() });
const rawAction = z.object({ field: z.string().max(100), value: z.union([scalar, z.array(scalar).max(5), z.null()]).optional() });

export const rawConditionsSchema = z.object({ all: z.array(rawCondition).max(100).default([]), any: z.array(rawCondition).max(100).default([]) });
export const rawActionsSchema = z.array(rawAction).max(50);

function checkValue(rule: ValueRule, value: string, fail: (message: Message) => void): void {
  switch (rule.kind) {
    case 'enum':
      if (!rule.values.includes(value)) {
        fail(msg('field.one_of', { values: rule.values.map((v) => (v === '' ? '""' : v)) }));
      }
      return;
    case 'id':
      if (!rule.words.includes(value) && !/^[1-9]\d{0,15}$/.test(value)) {
        fail(rule.words.length ? msg('rule.id_or', { words: rule.words.map((v) => (v === '' ? '""' : v)) }) : msg('rule.id'));
      }
      return;
    case 'hours':
      if (!/^\d{1,6}(\.\d+)?$/.test(value)) {
        fail(msg('rule.hours'));
      }
      return;
    case 'text':
      return;
  }
}

/** Checks conditions against the table for this kind of rule; errors name the part. */
export function parseConditions(input: z.input<typeof rawConditionsSchema> | undefined, kind: RuleKind, path: string, errors: FieldErrors): Conditions {
  const parsed = rawConditionsSchema.parse(input ?? {});
  const result: Conditions = { all: [], any: [] };
  for (const group of ['all', 'any'] as const) {
    parsed[group].forEach((c, i) => {
      const at = `${path}.${group}[${i}]`;
      const fail = (part: string, message: Message, error = 'InvalidValue') => (errors[`${at}.${part}`] ??= []).push(fieldError(message, error));
      const spec = conditionSpec(c.field);
      if (!spec || !spec.kinds.includes(kind)) {
        fail('field', msg('rule.unknown_condition', { field: c.field, kind: msg(`rule_kind.${kind}`) }), 'UnknownField');
        return;
      }
      const operators = [...spec.operators, ...(spec.changeOperators && kind === 'trigger' ? CHANGE_OPERATORS : [])];
      if (!operators.includes(c.operator)) {
        fail('operator', msg('rule.unknown_operator', { operator: c.operator, field: c.field, operators }), 'UnknownOperator');
        return;
      }
      const value = c.value ?? '';
      if (c.operator !== 'changed' && c.operator !== 'not_changed' && c.operator !== 'present' && c.operator !== 'not_present') {
        checkValue(spec.value, value, (m) => fail('value', m));
        if ((c.operator === 'less_than' || c.operator === 'greater_than') && value === '') {
          fail('value', msg('rule.ordering_value'));
        }
      }
      result[group].push({ field: c.field, operator: c.operator, value });
    });
  }
  return result;
}

/** Actions whose value is a text with placeholders, rendered by Liquid when the rule runs. */
const TEXT_ACTIONS = new Set(['subject', 'comment_value', 'comment_value_html']);

export function parseActions(input: z.input<typeof rawActionsSchema> | undefined, kind: RuleKind, path: string, errors: FieldErrors): Action[] {
  const parsed = rawActionsSchema.parse(input ?? []);
  const actions: Action[] = [];
  parsed.forEach((a, i) => {
    const at = `${path}[${i}]`;
    const fail = (part: string, message: Message, error = 'InvalidValue') => (errors[`${at}.${part}`] ??= []).push(fieldError(message, error));
    const spec = actionSpec(a.field);
    if (!spec || !spec.kinds.includes(kind)) {
      fail('field', msg('rule.unknown_action', { field: a.field, kind: msg(`rule_kind.${kind}`) }), 'UnknownField');
      return;
    }
    if (spec.value === 'notification') {
      const parts = Array.isArray(a.value) ? a.value : [];
      const want = a.field === 'notification_webhook' ? 2 : 3;
      if (parts.length !== want) {
        fail('value', msg(a.field === 'notification_webhook' ? 'rule.webhook_value' : 'rule.notification_value'));
        return;
      }
      const recipient = parts[0] ?? '';
      if (a.field === 'notification_user' && !(USER_RECIPIENTS as readonly string[]).includes(recipient) && !/^[1-9]\d*$/.test(recipient)) {
        fail('value', msg('rule.user_recipient', { words: [...USER_RECIPIENTS] }));
      }
      if (a.field === 'notification_group' && recipient !== 'group_id' && !/^[1-9]\d*$/.test(recipient)) {
        fail('value', msg('rule.group_recipient'));
      }
      if (a.field === 'notification_email' && !z.email().safeParse(recipient).success) {
        fail('value', msg('rule.email_recipient'));
      }
      if (a.field === 'notification_webhook' && !/^[1-9]\d*$/.test(recipient)) {
        fail('value', msg('rule.webhook_id'));
      }
      for (const text of parts.slice(1)) {
        const problem = templateProblem(text);
        if (problem) {
          fail('value', problem);
        }
      }
      actions.push({ field: a.field, value: parts });
      return;
    }
    const value = Array.isArray(a.value) ? (a.field === 'comment_value' ? (a.value.at(-1) ?? '') : '\u0000') : (a.value ?? '');
    if (value === '\u0000') {
      fail('value', msg('rule.single_value'));
      return;
    }
    checkValue(spec.value, value, (m) => fail('value', m));
    const problem = TEXT_ACTIONS.has(a.field) ? templateProblem(value) : null;
    if (problem) {
      fail('value', problem);
    }
    actions.push({ field: a.field, value });
  });
  return actions;
}

/** Throws one 422 naming every bad part, or returns quietly. */
export function throwIfErrors(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) {
    throw invalidFields(errors);
  }
}
