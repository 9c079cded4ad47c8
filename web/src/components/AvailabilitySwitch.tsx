import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

export type Availability = 'online' | 'away' | 'offline';
type AgentRouting = { user_id: number; availability: Availability };

export const availabilityKey = ['availability', 'me'] as const;
const colors: Record<Availability, 'success' | 'warning' | 'default'> = { online: 'success', away: 'warning', offline: 'default' };

/** The agent's own availability; automatic assignment only picks agents who are online. */
export function AvailabilitySwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: availabilityKey, queryFn: async () => (await api<{ agent_routing: AgentRouting }>('GET', '/api/v2/routing/agents/me')).agent_routing.availability });
  const change = useMutation({
    mutationFn: (availability: Availability) => api<{ agent_routing: AgentRouting }>('PUT', '/api/v2/routing/agents/me', { agent_routing: { availability } }),
    // Shown at once; put back if the server refuses.
    onMutate: async (availability) => {
      await queryClient.cancelQueries({ queryKey: availabilityKey });
      const before = queryClient.getQueryData<Availability>(availabilityKey);
      queryClient.setQueryData(availabilityKey, availability);
      return { before };
    },
    onError: (_e, _v, context) => {
      queryClient.setQueryData(availabilityKey, context?.before);
      void message.error(t('errors.generic'));
    },
    onSuccess: (data) => queryClient.setQueryData(availabilityKey, data.agent_routing.availability),
  });
  return (
    <Select<Availability>
      aria-label={t('availability.label')}
      data-testid="availability"
      variant="borderless"
      value={current.data ?? 'offline'}
      loading={current.isLoading}
      onChange={(v) => change.mutate(v)}
      options={(['online', 'away', 'offline'] as const).map((a) => ({ value: a, label: <Badge status={colors[a]} text={t(`availability.${a}`)} /> }))}
      style={{ width: 110 }}
    />
  );
}
