import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { DeleteButton } from '../kit/DeleteButton';
import { LoadFailed } from '../kit/LoadFailed';
import type { Suppression } from './types';

const key = ['email-suppressions'];

/** Addresses that bounced for good and are not mailed for a while; an agent lifts one by hand. */
export function SuppressionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const when = useTimeFormat('short');
  const list = useQuery({ queryKey: key, queryFn: () => api<{ email_suppressions: Suppression[] }>('GET', '/api/v2/email_suppressions') });
  const lift = async (email: string) => {
    await api('DELETE', `/api/v2/email_suppressions/${encodeURIComponent(email)}`);
    void message.success(t('admin.channels.email.lifted', { email }));
    await queryClient.invalidateQueries({ queryKey: key });
  };
  return (
    <AdminSection title={t('admin.channels.email.suppressions')} help={t('admin.channels.email.suppressionsHelp')}>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Suppression>
          rowKey="email"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.email_suppressions ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('admin.channels.email.noSuppressions') }}
          columns={[
            { title: t('admin.channels.email.recipient'), dataIndex: 'email' },
            {
              title: t('admin.channels.email.bounce'),
              render: (_: unknown, s: Suppression) => (
                <Typography.Text type="secondary" ellipsis={{ tooltip: s.diagnostic }} style={{ maxWidth: 320 }}>
                  {[s.status, s.diagnostic].filter(Boolean).join(' · ') || '—'}
                </Typography.Text>
              ),
            },
            { title: t('admin.channels.email.since'), render: (_: unknown, s: Suppression) => when.format(new Date(s.created_at)) },
            { title: t('admin.channels.email.until'), render: (_: unknown, s: Suppression) => when.format(new Date(s.until)) },
            {
              title: t('admin.kit.actions'),
              width: 90,
              render: (_: unknown, s: Suppression) => <DeleteButton danger={false} title={t('admin.channels.email.liftConfirm', { email: s.email })} label={t('admin.channels.email.lift')} onConfirm={() => lift(s.email)} />,
            },
          ]}
        />
      )}
    </AdminSection>
  );
}
