/** The shapes of the rules API this area reads and writes (Zendesk's, plus the definitions). */
export type Choice = { value: string; title?: string };

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

export type Definition = {
  subject: string;
  title: string | null;
  type: ValueType;
  group: string;
  nullable: boolean;
  repeatable: boolean;
  operators: { value: string; terminal: boolean }[];
  values: Choice[];
};

export type Condition = { field: string; operator: string; value: string };
export type Conditions = { all: Condition[]; any: Condition[] };
export type Action = { field: string; value: string | string[] };

export type RuleDefinitions = { definitions: { conditions_all: Definition[]; conditions_any: Definition[]; actions: Definition[] } };

export type Rule = {
  id: number;
  title: string;
  description: string;
  active: boolean;
  position: number;
  conditions: Conditions;
  actions: Action[];
  category_id?: string | null;
  updated_at: string;
};

export type Macro = Omit<Rule, 'conditions' | 'category_id'> & { restriction: Restriction; usage_count: number };
export type Restriction = { type: 'Group'; ids: number[] } | { type: 'User'; id: number } | null;

export type TriggerCategory = { id: string; name: string; position: number };

export type DryRun = {
  dry_run: {
    ticket_id: number;
    matches: boolean;
    conditions: (Condition & { group: 'all' | 'any'; holds: boolean })[];
    actions: { field: string; value?: unknown; result?: string }[];
    ticket_after: Record<string, unknown>;
  };
};

/** Server field errors for one builder, keyed `all.0` (conditions) or `0` (actions), then the part. */
export type RowErrors = Record<string, Partial<Record<'field' | 'operator' | 'value', string>>>;
