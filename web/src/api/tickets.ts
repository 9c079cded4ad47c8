import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { FieldValue, TicketField, TicketForm } from '../components/custom-fields/types';
import type { Comment, Group, Ticket, User, View, ViewCount, ViewExecution } from './types';

/** A ticket with what its page edits beyond the basics: the form, its answers, CCs and followers. */
export type TicketDetail = Ticket & { custom_fields: FieldValue[]; ticket_form_id: number | null; follower_ids: number[]; email_cc_ids: number[] };

/** One audit event: a field set or changed, a comment, or what Kefu itself recorded. */
export type AuditEvent =
  | { type: 'Create'; field: string; value: unknown; via?: RuleVia }
  | { type: 'Change'; field: string; value: unknown; previous_value: unknown; via?: RuleVia }
  | { type: 'Comment'; id: number; public: boolean; author_id: number; body: string; html_body: string; attachments: { id: number; file_name: string }[] }
  | { type: 'FollowUp'; source_id: number }
  | { type: 'SlaBreach'; metric: string; policy_id: number; breach_at: string };
export type RuleVia = { channel: 'rule'; source: { from: { id: number; title: string }; rel: 'trigger' | 'automation' | 'macro' } };
export type FiredRule = { kind: 'trigger' | 'automation' | 'macro'; id: number; title: string; actions: { field: string; value: string | string[]; result: 'applied' | 'skipped'; reason?: string }[] };
/** One change to a ticket (Zendesk's audit): who, when, through which channel, and what happened. */
export type Audit = {
  id: number;
  author_id: number | null;
  created_at: string;
  via: { channel: string; source: { rel?: string | null; from?: { ticket_id?: number; id?: number; title?: string }; to?: { ticket_id?: number } } };
  metadata: { rules?: FiredRule[] };
  events: AuditEvent[];
};

export const ticketKeys = {
  views: ['views'] as const,
  counts: (ids: number[]) => ['view-counts', ids.join(',')] as const,
  viewRows: (id: number) => ['view-rows', id] as const,
  ticket: (id: number) => ['ticket', id] as const,
  comments: (id: number) => ['comments', id] as const,
  people: (ids: number[]) => ['people', [...ids].sort((a, b) => a - b).join(',')] as const,
  agents: ['assignable-agents'] as const,
  groups: ['groups'] as const,
  audits: (id: number) => ['audits', id] as const,
  fields: ['ticket-fields'] as const,
  forms: ['ticket-forms'] as const,
  requested: (userId: number) => ['requested-tickets', userId] as const,
};

export function useViews() {
  return useQuery({ queryKey: ticketKeys.views, queryFn: async () => (await api<{ views: View[] }>('GET', '/api/v2/views?active=true')).views });
}

export function useViewCounts(ids: number[]) {
  return useQuery({
    queryKey: ticketKeys.counts(ids),
    enabled: ids.length > 0,
    queryFn: async () => (await api<{ view_counts: ViewCount[] }>('GET', `/api/v2/views/count_many?ids=${ids.join(',')}`)).view_counts,
    // A slow view's count may come back remembered while the server recounts it.
    refetchInterval: (query) => (query.state.data?.some((c) => !c.fresh) ? 2000 : false),
  });
}

/** A view's rows, page by page along its keyset cursor. */
export function useViewRows(viewId: number | null) {
  return useInfiniteQuery({
    queryKey: ticketKeys.viewRows(viewId ?? 0),
    enabled: viewId !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<ViewExecution>('GET', `/api/v2/views/${viewId}/execute?page[size]=30${pageParam ? `&page[after]=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => (last.meta.has_more ? last.meta.after_cursor : null),
  });
}

export function useTicket(id: number) {
  return useQuery({ queryKey: ticketKeys.ticket(id), queryFn: async () => (await api<{ ticket: TicketDetail }>('GET', `/api/v2/tickets/${id}`)).ticket });
}

/** The ticket's audits, oldest first, page by page (Zendesk's cursor-less next_page links). */
export function useAudits(id: number, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ticketKeys.audits(id),
    enabled,
    initialPageParam: `/api/v2/tickets/${id}/audits?per_page=100`,
    queryFn: ({ pageParam }) => api<{ audits: Audit[]; next_page: string | null }>('GET', pageParam),
    getNextPageParam: (last) => (last.next_page ? new URL(last.next_page, window.location.origin).pathname + new URL(last.next_page, window.location.origin).search : null),
  });
}

/** Ticket fields (agents get every one; requesters those the portal shows). */
export function useTicketFields(enabled = true) {
  return useQuery({ queryKey: ticketKeys.fields, enabled, queryFn: async () => (await api<{ ticket_fields: TicketField[] }>('GET', '/api/v2/ticket_fields')).ticket_fields });
}

/** Ticket forms (agents get every one; requesters the active ones shown in the portal). */
export function useTicketForms(enabled = true) {
  return useQuery({ queryKey: ticketKeys.forms, enabled, queryFn: async () => (await api<{ ticket_forms: TicketForm[] }>('GET', '/api/v2/ticket_forms')).ticket_forms });
}

/** A requester's tickets, newest first (the ticket page shows a few beside the conversation). */
export function useRequestedTickets(userId: number | undefined) {
  return useQuery({
    queryKey: ticketKeys.requested(userId ?? 0),
    enabled: userId !== undefined,
    queryFn: async () => (await api<{ tickets: Ticket[]; count: number }>('GET', `/api/v2/users/${userId}/tickets/requested?per_page=6&sort_order=desc`)),
  });
}

export function useComments(id: number) {
  return useQuery({
    queryKey: ticketKeys.comments(id),
    queryFn: async () => (await api<{ comments: Comment[] }>('GET', `/api/v2/tickets/${id}/comments?per_page=100`)).comments,
  });
}

/** Names for the people a page mentions, fetched together. */
export function usePeople(ids: number[]) {
  const unique = [...new Set(ids)];
  return useQuery({
    queryKey: ticketKeys.people(unique),
    enabled: unique.length > 0,
    // A new name (a reply just sent) keeps the others shown while it is fetched.
    placeholderData: (previous) => previous,
    queryFn: async () => (await api<{ users: User[] }>('GET', `/api/v2/users/show_many?ids=${unique.join(',')}`)).users,
  });
}

export function useAgents() {
  return useQuery({
    queryKey: ticketKeys.agents,
    queryFn: async () => (await api<{ users: User[] }>('GET', '/api/v2/users?role[]=agent&role[]=admin&per_page=100')).users,
  });
}

export function useGroups() {
  return useQuery({ queryKey: ticketKeys.groups, queryFn: async () => (await api<{ groups: Group[] }>('GET', '/api/v2/groups?per_page=100')).groups });
}
