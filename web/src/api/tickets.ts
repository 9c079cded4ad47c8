import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Comment, Group, Ticket, User, View, ViewCount, ViewExecution } from './types';

export const ticketKeys = {
  views: ['views'] as const,
  counts: (ids: number[]) => ['view-counts', ids.join(',')] as const,
  viewRows: (id: number) => ['view-rows', id] as const,
  ticket: (id: number) => ['ticket', id] as const,
  comments: (id: number) => ['comments', id] as const,
  people: (ids: number[]) => ['people', [...ids].sort((a, b) => a - b).join(',')] as const,
  agents: ['assignable-agents'] as const,
  groups: ['groups'] as const,
};

export function useViews() {
  return useQuery({ queryKey: ticketKeys.views, queryFn: async () => (await api<{ views: View[] }>('GET', '/api/v2/views?active=true')).views });
}

export function useViewCounts(ids: number[]) {
  return useQuery({
    queryKey: ticketKeys.counts(ids),
    enabled: ids.length > 0,
    queryFn: async () => (await api<{ view_counts: ViewCount[] }>('GET', `/api/v2/views/count_many?ids=${ids.join(',')}`)).view_counts,
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
  return useQuery({ queryKey: ticketKeys.ticket(id), queryFn: async () => (await api<{ ticket: Ticket }>('GET', `/api/v2/tickets/${id}`)).ticket });
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
