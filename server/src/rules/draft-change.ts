import type { TicketChange } from '../modules/tickets/change-ticket.js';
import type { Draft } from './apply-actions.js';
import type { TicketState } from './ticket-state.js';

/** What a rule's draft changes on a ticket, as a change for the one door. */
export function changeFromDraft(before: TicketState, draft: Draft, ccs: number[], followers: number[]): TicketChange {
  const s = draft.state;
  const change: TicketChange = {};
  if (s.subject !== before.subject) {change.subject = s.subject;}
  if (s.status !== before.status) {change.status = s.status as NonNullable<TicketChange['status']>;}
  if (s.priority !== before.priority) {change.priority = s.priority as TicketChange['priority'];}
  if (s.type !== before.type) {change.type = s.type as TicketChange['type'];}
  if (s.group_id !== before.group_id) {change.group_id = s.group_id;}
  if (s.assignee_id !== before.assignee_id) {change.assignee_id = s.assignee_id;}
  if (s.ticket_form_id !== before.ticket_form_id) {change.ticket_form_id = s.ticket_form_id;}
  if (JSON.stringify(s.tags) !== JSON.stringify(before.tags)) {change.tags = s.tags;}
  const fields = Object.entries(s.custom_fields).filter(([k, v]) => JSON.stringify(before.custom_fields[k]) !== JSON.stringify(v));
  if (fields.length > 0) {change.custom_fields = fields.map(([id, value]) => ({ id: Number(id), value: value as never }));}
  if (draft.ccAdds.size > 0) {change.collaborator_ids = [...new Set([...ccs, ...draft.ccAdds])];}
  if (draft.followerAdds.size > 0) {change.follower_ids = [...new Set([...followers, ...draft.followerAdds])];}
  if (draft.notifications.length > 0) {change.notifications = draft.notifications;}
  return change;
}
