/** The ticket's properties as rules read and write them, under Zendesk's field names. */
export type TicketState = {
  subject: string;
  status: string;
  type: string | null;
  priority: string | null;
  requester_id: number | null;
  assignee_id: number | null;
  group_id: number | null;
  organization_id: number | null;
  problem_id: number | null;
  due_at: number | null;
  external_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  ticket_form_id: number | null;
};

export const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TYPES = ['question', 'incident', 'problem', 'task'] as const;

/** Tags as rules write them: space-separated, lower-cased. */
export function tagList(value: string): string[] {
  return value.toLowerCase().split(/[\s,]+/).filter(Boolean);
}
