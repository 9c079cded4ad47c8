import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from './client';
import type { AccountSettings, User } from './types';

export const keys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
  settings: ['settings'] as const,
  agents: ['agents'] as const,
};

export function useSetupRequired() {
  return useQuery({ queryKey: keys.setup, queryFn: () => api<{ setup_required: boolean }>('GET', '/api/v2/setup') });
}

/** The signed-in user, or null for a visitor. */
export function useMe(enabled = true) {
  return useQuery({
    queryKey: keys.me,
    enabled,
    queryFn: async () => {
      const { user } = await api<{ user: User }>('GET', '/api/v2/users/me');
      return user.id === null ? null : user;
    },
  });
}

export function useSettings(enabled = true) {
  return useQuery({
    queryKey: keys.settings,
    enabled,
    queryFn: async () => (await api<{ settings: AccountSettings }>('GET', '/api/v2/account/settings')).settings,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}
