/** Ticket fields and forms as the API presents them (`/api/v2/ticket_fields`, `/api/v2/ticket_forms`). */
export type TicketFieldType = 'text' | 'textarea' | 'integer' | 'decimal' | 'date' | 'checkbox' | 'tagger' | 'multiselect' | 'regexp' | 'url';

export type FieldOption = { id: number; name: string; value: string };

export type TicketField = {
  id: number;
  type: TicketFieldType;
  title: string;
  titles: Partial<Record<string, string>>;
  description: string;
  descriptions: Partial<Record<string, string>>;
  active: boolean;
  /** Agents must fill it to solve the ticket. */
  required: boolean;
  required_on_create: boolean;
  required_in_portal: boolean;
  visible_in_portal: boolean;
  editable_in_portal: boolean;
  regexp_for_validation: string | null;
  custom_field_options?: FieldOption[];
  retired_options?: FieldOption[];
};

export type FormCondition = { parent_field_id: number; value: string | number | boolean; child_fields: { id: number; is_required: boolean }[] };

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

export type FieldValue = { id: number; value: unknown };

/** The answers on a form, keyed by field id as a string (the form's `custom_fields` group). */
export type FieldValues = Record<string, unknown>;

/** A field as a form shows it now: whether a condition makes it required. */
export type ShownField = { field: TicketField; requiredByCondition: boolean };
