import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Ticket } from '../../api/types';
import { StatusTag } from '../../components/StatusTag';
import { useTimeFormat } from '../../components/use-time-format';

/** A person's or an organization's tickets, newest first (the first 100). */
export function TicketList({ path }: { path: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const time = useTimeFormat('short');
  const tickets = useQuery({ queryKey: ['ticket-list', path], queryFn: async () => (await api<{ tickets: Ticket[]; count: number }>('GET', `${path}?per_page=100&sort_order=desc`)).tickets });
  return (
    <Table<Ticket>
      rowKey="id"
      size="small"
      loading={tickets.isLoading}
      dataSource={tickets.data ?? []}
      pagination={false}
      locale={{ emptyText: <Empty description={t('tickets.empty')} /> }}
      onRow={(r) => ({ onClick: () => void navigate(`/tickets/${r.id}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('tickets.status'), width: 100, render: (_: unknown, r) => <StatusTag status={r.status} /> },
        {
          title: t('tickets.subject'),
          render: (_: unknown, r) => (
            <Typography.Text>
              <Typography.Text type="secondary">#{r.id} </Typography.Text>
              {r.subject}
            </Typography.Text>
          ),
        },
        { title: t('tickets.updated'), width: 170, render: (_: unknown, r) => time.format(new Date(r.updated_at)) },
      ]}
    />
  );
}
