import { type AccountField, type Choice, type DefinitionData } from './definition-data.js';
import { ACTIONS, type ActionSpec, CHANGE_OPERATORS, CONDITIONS, type ConditionSpec, customCondition, personCondition, HOURS_FIELDS, type RuleKind, UNTIL_FIELDS, USER_RECIPIENTS, type ValueRule } from './definitions.js';

/**
 * The rule definitions as the settings screens need them, generated from the table the
 * validator checks against (definitions.ts), so a screen can never offer what a save refuses.
 * Subjects, operators and built-in values are stable words the web app translates; only the
 * account's own things (groups, agents, custom fields, their options) carry a title.
 */
export type ValueType =
  | 'list'
  | 'text'
  | 'textarea'
  | 'tags'
  | 'hours'
  | 'number'
  | 'date'
  | 'checkbox'
  | 'user'
  | 'organization'
  | 'notification_user'
  | 'notification_group'
  | 'notification_email'
  | 'notification_webhook';

export type DefinitionGroup = 'ticket' | 'update' | 'time' | 'requester' | 'organization' | 'custom_fields' | 'notification' | 'comment';

export type Definition = {
  subject: string;
  /** Set only for the account's own fields; the web app names the rest. */
  title: string | null;
  type: ValueType;
  group: DefinitionGroup;
  nullable: boolean;
  repeatable: boolean;
  operators: { value: string; terminal: boolean }[];
  values: Choice[];
};

const TERMINAL = new Set(['changed', 'not_changed', 'present', 'not_present']);
/** The channels a ticket can arrive or change through, as the tickets module records them. */
export const VIA_CHANNELS = ['web', 'email', 'api', 'chat', 'in_app', 'rule', 'recurring', 'merge'] as const;
const TAG_SUBJECTS = new Set(['current_tags', 'set_tags', 'remove_tags']);
const REPEATABLE_ACTIONS = new Set(['notification_user', 'notification_group', 'notification_email', 'notification_webhook', 'cc', 'follower', 'current_tags', 'remove_tags']);

const words = (list: readonly string[]): Choice[] => list.map((value) => ({ value }));

/** The account's things an id-valued subject points at. */
function idChoices(subject: string, data: DefinitionData): { type: ValueType; values: Choice[] } {
  switch (subject) {
    case 'group_id':
      return { type: 'list', values: data.groups };
    case 'assignee_id':
    case 'cc':
    case 'follower':
      return { type: 'list', values: data.agents };
    case 'ticket_form_id':
      return { type: 'list', values: data.forms };
    case 'organization_id':
      return { type: 'organization', values: [] };
    default:
      return { type: 'user', values: [] };
  }
}

function valueOf(subject: string, rule: ValueRule, data: DefinitionData): { type: ValueType; values: Choice[] } {
  switch (rule.kind) {
    case 'enum':
      return { type: 'list', values: words(rule.values) };
    case 'id': {
      const found = idChoices(subject, data);
      return { type: found.type, values: [...words(rule.words), ...found.values] };
    }
    case 'hours':
      return { type: 'hours', values: [] };
    case 'text':
      if (subject === 'via_id' || subject === 'current_via_id') {
        return { type: 'list', values: words(VIA_CHANNELS) };
      }
      if (TAG_SUBJECTS.has(subject)) {
        return { type: 'tags', values: [] };
      }
      if (subject === 'comment_value' || subject === 'comment_value_html') {
        return { type: 'textarea', values: [] };
      }
      return { type: 'text', values: [] };
  }
}

/** A custom field's editor: its options for dropdowns, yes/no for checkboxes, else by kind. */
export function fieldValue(field: AccountField): { type: ValueType; values: Choice[] } {
  switch (field.type) {
    case 'tagger':
    case 'multiselect':
      return { type: 'list', values: field.options };
    case 'checkbox':
      return { type: 'checkbox', values: words(['true', 'false']) };
    case 'integer':
    case 'decimal':
      return { type: 'number', values: [] };
    case 'date':
      return { type: 'date', values: [] };
    case 'textarea':
      return { type: 'textarea', values: [] };
    default:
      return { type: 'text', values: [] };
  }
}

function conditionGroup(subject: string): DefinitionGroup {
  if (subject in HOURS_FIELDS || subject in UNTIL_FIELDS) {
    return 'time';
  }
  if (['update_type', 'current_via_id', 'comment_is_public', 'comment_includes_word', 'role', 'within_business_hours', 'sla_metric_breached'].includes(subject)) {
    return 'update';
  }
  return subject === 'requester_id' ? 'requester' : subject === 'organization_id' ? 'organization' : 'ticket';
}

function operatorsOf(spec: ConditionSpec, kind: RuleKind) {
  const all = [...spec.operators, ...(spec.changeOperators && kind === 'trigger' ? CHANGE_OPERATORS : [])];
  return all.map((value) => ({ value, terminal: TERMINAL.has(value) }));
}

/** The conditions a kind of rule may test, built-in and the account's fields. */
export function conditionDefinitions(kind: RuleKind, data: DefinitionData): Definition[] {
  const builtIn = Object.entries(CONDITIONS)
    .filter(([, spec]) => spec.kinds.includes(kind))
    .map(([subject, spec]): Definition => {
      const value = valueOf(subject, spec.value, data);
      return { subject, title: null, ...value, group: conditionGroup(subject), nullable: value.values.some((v) => v.value === ''), repeatable: true, operators: operatorsOf(spec, kind) };
    });
  const custom = (group: DefinitionGroup, fields: AccountField[], subjectOf: (f: AccountField) => string | null, spec: ConditionSpec): Definition[] =>
    spec.kinds.includes(kind)
      ? fields.flatMap((f) => {
          const subject = subjectOf(f);
          return subject === null ? [] : [{ subject, title: f.title, ...fieldValue(f), group, nullable: true, repeatable: true, operators: operatorsOf(spec, kind) }];
        })
      : [];
  return [
    ...builtIn,
    ...custom('custom_fields', data.ticketFields, (f) => `custom_fields_${f.id}`, customCondition),
    ...custom('requester', data.userFields, (f) => (f.key ? `requester.custom_fields.${f.key}` : null), personCondition),
    ...custom('organization', data.organizationFields, (f) => (f.key ? `organization.custom_fields.${f.key}` : null), personCondition),
  ];
}

function notificationValues(subject: string, data: DefinitionData): Choice[] {
  switch (subject) {
    case 'notification_user':
      return [...words(USER_RECIPIENTS), ...data.agents];
    case 'notification_group':
      return [{ value: 'group_id' }, ...data.groups];
    case 'notification_webhook':
      return data.webhooks;
    default:
      return [];
  }
}

function actionGroup(subject: string): DefinitionGroup {
  return subject.startsWith('notification_') ? 'notification' : subject.startsWith('comment_') || subject === 'subject' ? 'comment' : 'ticket';
}

/** The actions a kind of rule may take, built-in and setting the account's ticket fields. */
export function actionDefinitions(kind: RuleKind, data: DefinitionData): Definition[] {
  const builtIn = Object.entries(ACTIONS)
    .filter(([, spec]: [string, ActionSpec]) => spec.kinds.includes(kind))
    .map(([subject, spec]): Definition => {
      const value = spec.value === 'notification' ? { type: subject as ValueType, values: notificationValues(subject, data) } : valueOf(subject, spec.value, data);
      return { subject, title: null, ...value, group: actionGroup(subject), nullable: value.values.some((v) => v.value === ''), repeatable: REPEATABLE_ACTIONS.has(subject), operators: [] };
    });
  const custom = data.ticketFields.map((f): Definition => ({ subject: `custom_fields_${f.id}`, title: f.title, ...fieldValue(f), group: 'custom_fields', nullable: true, repeatable: false, operators: [] }));
  return [...builtIn, ...custom];
}

/** Zendesk's definitions envelope for triggers, automations and SLA policies. */
export function presentRuleDefinitions(kind: Exclude<RuleKind, 'macro'>, data: DefinitionData) {
  const conditions = conditionDefinitions(kind, data);
  return {
    definitions: {
      conditions_all: conditions,
      conditions_any: conditions,
      ...(kind === 'sla' ? {} : { actions: actionDefinitions(kind, data) }),
      custom_fields: data.ticketFields.map((f) => ({ id: f.id, key: f.key, type: f.type, title: f.title, options: f.options })),
    },
  };
}
