/** The shapes of the custom-field, ticket-form and business-hours APIs these settings pages use. */

export const FIELD_TYPES = ['text', 'textarea', 'tagger', 'multiselect', 'checkbox', 'date', 'integer', 'decimal', 'regexp', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type FieldEntity = 'ticket' | 'user' | 'organization';

export type FieldOption = { id: number; name: string; value: string; position: number };

export type CustomField = {
  id: number;
  type: FieldType;
  key?: string;
  title: string;
  raw_title: string;
  titles: Partial<Record<'zh-CN' | 'en', string>>;
  description: string;
  descriptions: Partial<Record<'zh-CN' | 'en', string>>;
  position: number;
  active: boolean;
  required: boolean;
  required_on_create: boolean;
  required_in_portal: boolean;
  visible_in_portal: boolean;
  editable_in_portal: boolean;
  regexp_for_validation: string | null;
  default_value: unknown;
  custom_field_options?: FieldOption[];
};

/** Where each entity's fields live in the API, and the name of one in a request body. */
export const fieldResources: Record<FieldEntity, { path: string; one: string; many: string }> = {
  ticket: { path: 'ticket_fields', one: 'ticket_field', many: 'ticket_fields' },
  user: { path: 'user_fields', one: 'user_field', many: 'user_fields' },
  organization: { path: 'organization_fields', one: 'organization_field', many: 'organization_fields' },
};

export const hasOptions = (type: FieldType) => type === 'tagger' || type === 'multiselect';

export type ConditionValue = string | number | boolean;
export type FormCondition = { parent_field_id: number; value: ConditionValue; child_fields: { id: number; is_required: boolean }[] };

export type TicketForm = {
  id: number;
  name: string;
  display_name: string;
  position: number;
  active: boolean;
  default: boolean;
  end_user_visible: boolean;
  ticket_field_ids: number[];
  agent_conditions: FormCondition[];
  end_user_conditions: FormCondition[];
};

export type TicketFormInput = Omit<TicketForm, 'id'>;

export type WeeklyInterval = { start_time: number; end_time: number };

export type Schedule = {
  id: number;
  name: string;
  time_zone: string;
  intervals: WeeklyInterval[];
  default: boolean;
  official_calendar: { region: string; source: string; first_year: number; last_year: number; warning: string | null } | null;
};

export type Holiday = { id: number; name: string; start_date: string; end_date: string; kind: 'holiday' | 'workday' };

export type OfficialCalendar = { region: string; source: string; first_year: number; last_year: number };

export type SchedulePreview = { now: string; open_now: boolean; next_open: string | null; targets: { minutes: number; at: string; uncertain: boolean }[] };
