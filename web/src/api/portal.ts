import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { FieldValue } from '../components/custom-fields/types';
import type { Attachment, Author, Request } from './types';

/** A request with the answers the portal shows its requester, and the form it was made with. */
export type PortalRequest = Request & { custom_fields?: FieldValue[]; ticket_form_id?: number | null };

export type RequestComment = { id: number; author_id: number; html_body: string; attachments: Attachment[]; created_at: string };
export type RequestScope = 'mine' | 'organization';

export const portalKeys = {
  requests: (scope: RequestScope) => ['requests', scope] as const,
  request: (id: number) => ['request', id] as const,
  comments: (id: number) => ['request-comments', id] as const,
};

export function useRequests(scope: RequestScope) {
  return useQuery({
    queryKey: portalKeys.requests(scope),
    queryFn: async () => (await api<{ requests: Request[] }>('GET', `/api/v2/requests?scope=${scope}&per_page=100&sort_order=desc`)).requests,
  });
}

export function useRequest(id: number) {
  return useQuery({ queryKey: portalKeys.request(id), queryFn: async () => (await api<{ request: PortalRequest }>('GET', `/api/v2/requests/${id}`)).request });
}

/** The public conversation with its authors' names (sideloaded, as Zendesk does for requests). */
export function useRequestComments(id: number) {
  return useQuery({
    queryKey: portalKeys.comments(id),
    queryFn: () => api<{ comments: RequestComment[]; users: Author[] }>('GET', `/api/v2/requests/${id}/comments?per_page=100`),
  });
}
