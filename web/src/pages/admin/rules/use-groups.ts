import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useMe } from '../../../api/hooks';
import type { Group } from '../../../api/types';

/** The account's groups, for "who may use it" pickers. */
export function useGroups(enabled = true) {
  return useQuery({ queryKey: ['admin-rules', 'groups'], queryFn: () => api<{ groups: Group[] }>('GET', '/api/v2/groups?per_page=100'), select: (d) => d.groups, staleTime: 30_000, enabled });
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

/**
 * Who is editing: an admin writes any view or macro; another agent only their own (the server
 * refuses them the rest), so the lists show shared ones read-only and the editors fix "only me".
 */
export function useAuthor() {
  const { t } = useTranslation();
  const me = useMe();
  const id = me.data?.id ?? null;
  const personalOnly = me.data?.role !== 'admin';
  /** A new item's restriction: nobody's for an admin, the author's own for an agent. */
  const newRestriction = (): Restriction => (personalOnly && id !== null ? { type: 'User', id } : null);
  return {
    personalOnly,
    mayEdit: (r: Restriction) => !personalOnly || (r?.type === 'User' && r.id === id),
    newRestriction,
    /** A copy to edit: named as one; an agent's copy of a shared item becomes their own. */
    copy: <T extends { title: string }>(item: T): T => ({ ...item, title: t('admin.rules.list.copyOf', { title: item.title }), ...(personalOnly ? { restriction: newRestriction() } : {}) }),
  };
}
