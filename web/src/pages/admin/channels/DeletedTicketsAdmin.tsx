import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { DeleteButton } from '../kit/DeleteButton';
import { LoadFailed } from '../kit/LoadFailed';
import type { DeletedTicket, Page } from './types';

const PER_PAGE = 25;
const statusColor: Record<DeletedTicket['previous_state'], string> = { new: 'gold', open: 'red', pending: 'blue', hold: 'default', solved: 'green', closed: 'default' };

/** Deleted tickets, kept for 30 days: restore one, or erase it for good (asked first, and it says so). */
export default function DeletedTicketsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const when = useTimeFormat('short');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['deleted-tickets', page],
    queryFn: () => api<Page<'deleted_tickets', DeletedTicket>>('GET', `/api/v2/deleted_tickets?page=${page}&per_page=${PER_PAGE}&sort_order=desc`),
    placeholderData: (previous) => previous,
  });
  const [restoring, setRestoring] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['deleted-tickets'] });

  const restore = async (ticket: DeletedTicket) => {
    setRestoring(ticket.id);
    try {
      await api('PUT', `/api/v2/deleted_tickets/${ticket.id}/restore`);
      void message.success(t('admin.channels.deleted.restored', { id: ticket.id }));
      await refresh();
    } catch {
      void message.error(t('errors.generic'));
    } finally {
      setRestoring(null);
    }
  };
  const erase = async (ticket: DeletedTicket) => {
    await api('DELETE', `/api/v2/deleted_tickets/${ticket.id}`);
    void message.success(t('admin.channels.deleted.erased', { id: ticket.id }));
    await refresh();
  };

  return (
    <AdminSection title={t('admin.nav.deleted')} help={t('admin.channels.deleted.help')}>
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<DeletedTicket>
          rowKey="id"
          loading={list.isLoading || list.isFetching}
          dataSource={list.data?.deleted_tickets ?? []}
          locale={{ emptyText: t('admin.channels.deleted.empty') }}
          pagination={{ current: page, pageSize: PER_PAGE, total: list.data?.count ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            {
              title: t('admin.channels.deleted.ticket'),
              render: (_: unknown, d: DeletedTicket) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text>
                    <Typography.Text type="secondary">#{d.id}</Typography.Text> {d.subject}
                  </Typography.Text>
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 520 }}>
                    {d.description}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('admin.channels.deleted.previous'), render: (_: unknown, d: DeletedTicket) => <Tag color={statusColor[d.previous_state]}>{t(`admin.channels.deleted.statuses.${d.previous_state}`)}</Tag>, width: 120 },
            { title: t('admin.channels.deleted.deletedAt'), render: (_: unknown, d: DeletedTicket) => when.format(new Date(d.deleted_at)), width: 160 },
            {
              title: t('admin.kit.actions'),
              width: 180,
              render: (_: unknown, d: DeletedTicket) => (
                <Space size={0}>
                  <Button type="link" size="small" loading={restoring === d.id} onClick={() => void restore(d)}>
                    {t('admin.channels.deleted.restore')}
                  </Button>
                  <DeleteButton title={t('admin.channels.deleted.eraseConfirm', { id: d.id })} label={t('admin.channels.deleted.erase')} onConfirm={() => erase(d)} />
                </Space>
              ),
            },
          ]}
        />
      )}
    </AdminSection>
  );
}
