import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Group } from '../../../api/types';

/** The account's groups, for "who may use it" pickers. */
export function useGroups() {
  return useQuery({ queryKey: ['admin-rules', 'groups'], queryFn: () => api<{ groups: Group[] }>('GET', '/api/v2/groups?per_page=100'), select: (d) => d.groups, staleTime: 30_000 });
}

export type Audience = 'everyone' | 'groups' | 'personal';
export type Restriction = { type: 'Group'; ids: number[] } | { type: 'User'; id: number } | null;

export const audienceOf = (r: Restriction): Audience => (r === null ? 'everyone' : r.type === 'User' ? 'personal' : 'groups');

export function restrictionOf(audience: Audience, groupIds: number[] | undefined, me: number | null | undefined): Restriction {
  if (audience === 'groups') {
    return { type: 'Group', ids: groupIds ?? [] };
  }
  return audience === 'personal' && me ? { type: 'User', id: me } : null;
}
