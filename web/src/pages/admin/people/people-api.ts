import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../../../api/client';
import type { CustomRole, Group, GroupMembership, OffsetPage, Organization } from './types';

export const peopleKeys = {
  agents: ['agents'] as const,
  groups: ['admin-people', 'groups'] as const,
  memberships: ['admin-people', 'group-memberships'] as const,
  roles: ['admin-people', 'custom-roles'] as const,
  customers: ['admin-people', 'customers'] as const,
  organizations: ['admin-people', 'organizations'] as const,
};

/** Every page of an offset-paged list. Settings lists are small (agents, groups), so the whole list is fetched once. */
export async function fetchAll<K extends string, T>(url: string, key: K): Promise<T[]> {
  const out: T[] = [];
  const separator = url.includes('?') ? '&' : '?';
  // A hundred pages of a hundred is far beyond any team; the bound keeps a server bug from looping.
  for (let page = 1; page <= 100; page++) {
    const res = await api<OffsetPage<K, T>>('GET', `${url}${separator}per_page=100&page=${page}`);
    out.push(...res[key]);
    if (!res.next_page) {
      break;
    }
  }
  return out;
}

export function useGroups() {
  return useQuery({ queryKey: peopleKeys.groups, queryFn: () => fetchAll<'groups', Group>('/api/v2/groups', 'groups') });
}

export function useGroupMemberships() {
  return useQuery({ queryKey: peopleKeys.memberships, queryFn: () => fetchAll<'group_memberships', GroupMembership>('/api/v2/group_memberships', 'group_memberships') });
}

export function useCustomRoles() {
  return useQuery({ queryKey: peopleKeys.roles, queryFn: async () => (await api<{ custom_roles: CustomRole[] }>('GET', '/api/v2/custom_roles')).custom_roles });
}

/**
 * Why the server refused, in the reader's language where the refusal is one we know (its
 * error code), else the server's own words.
 */
export function explainRefusal(e: unknown, t: TFunction): string {
  if (!(e instanceof ApiError)) {
    return t('errors.network');
  }
  const codes = Object.values(e.details).flatMap((list) => list.map((d) => d.error));
  const known = codes.find((code) => refusalCodes.has(code));
  if (known) {
    return t(`admin.people.refusals.${known}`);
  }
  const first = Object.values(e.details)[0]?.[0]?.description;
  return first ?? e.description;
}

const refusalCodes = new Set(['RoleInUse', 'DefaultGroup', 'AgentsWithoutGroup', 'LastGroup', 'DefaultRequired', 'NotAnEndUser']);

export function useAllOrganizations() {
  return useQuery({
    queryKey: [...peopleKeys.organizations, 'all'],
    queryFn: () => fetchAll<'organizations', Organization>('/api/v2/organizations', 'organizations'),
  });
}
