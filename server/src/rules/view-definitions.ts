import { z } from 'zod';
import { type DefinitionData } from './definition-data.js';
import { conditionSchema } from './conditions.js';
import { type Definition, fieldValue, VIA_CHANNELS, type ValueType } from './definitions-presenter.js';
import type { Choice } from './definition-data.js';

/**
 * View conditions compile to SQL (conditions.ts) and have their own zod table; the
 * subjects and operators here are read from that schema, so the view editor offers exactly
 * what a save accepts. Only the value editors and choices are added.
 */
function literals(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodLiteral) {
    return [...schema.values].map(String);
  }
  if (schema instanceof z.ZodEnum) {
    return schema.options.map(String);
  }
  return [];
}

const words = (list: readonly string[]): Choice[] => list.map((value) => ({ value }));

function viewValue(subject: string, data: DefinitionData): { type: ValueType; values: Choice[] } {
  switch (subject) {
    case 'status':
      return { type: 'list', values: words(['new', 'open', 'pending', 'hold', 'solved', 'closed']) };
    case 'priority':
      return { type: 'list', values: words(['', 'low', 'normal', 'high', 'urgent']) };
    case 'type':
      return { type: 'list', values: words(['', 'question', 'incident', 'problem', 'task']) };
    case 'assignee_id':
      return { type: 'list', values: [...words(['current_user', '']), ...data.agents] };
    case 'group_id':
      return { type: 'list', values: [...words(['current_groups', '']), ...data.groups] };
    case 'follower':
    case 'cc':
      return { type: 'list', values: [...words(['current_user']), ...data.agents] };
    case 'requester_id':
      return { type: 'user', values: words(['current_user']) };
    case 'organization_id':
      return { type: 'organization', values: words(['']) };
    case 'current_tags':
      return { type: 'tags', values: [] };
    case 'via':
      return { type: 'list', values: words(VIA_CHANNELS) };
    case 'sla_breached':
      return { type: 'list', values: words(['true', 'false']) };
    default:
      return { type: 'hours', values: [] };
  }
}

type ObjectSchema = z.ZodObject<{ field: z.ZodType; operator: z.ZodType }>;

export function viewConditionDefinitions(data: DefinitionData): Definition[] {
  const [builtIn, custom] = conditionSchema.options as unknown as [z.ZodDiscriminatedUnion<ObjectSchema[]>, ObjectSchema];
  const fixed = builtIn.options.flatMap((option) =>
    literals(option.shape.field).map((subject): Definition => {
      const value = viewValue(subject, data);
      const operators = literals(option.shape.operator).map((v) => ({ value: v, terminal: false }));
      const group = subject.startsWith('hours_') || subject.startsWith('until_') || subject === 'sla_breached' ? 'time' : 'ticket';
      return { subject, title: null, ...value, group, nullable: value.values.some((v) => v.value === ''), repeatable: true, operators };
    }),
  );
  const customOperators = literals(custom.shape.operator).map((v) => ({ value: v, terminal: false }));
  const fields = data.ticketFields.map((f): Definition => ({ subject: `custom_fields_${f.id}`, title: f.title, ...fieldValue(f), group: 'custom_fields', nullable: true, repeatable: true, operators: customOperators }));
  return [...fixed, ...fields];
}

/** What a view can show, and sort by (the views module's own lists). */
export function presentViewDefinitions(data: DefinitionData, columns: readonly string[], sortColumns: readonly string[]) {
  const conditions = viewConditionDefinitions(data);
  return {
    definitions: {
      conditions_all: conditions,
      conditions_any: conditions,
      columns: columns.map((value) => ({ value })),
      sort_by: sortColumns.map((value) => ({ value })),
      custom_fields: data.ticketFields.map((f) => ({ id: f.id, key: f.key, type: f.type, title: f.title, options: f.options })),
    },
  };
}
