import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Ticket } from '../../api/types';
import { StatusTag } from '../../components/StatusTag';
import { useTimeFormat } from '../../components/use-time-format';

export default function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const query = params.get('q') ?? '';
  const results = useQuery({
    queryKey: ['search', query],
    enabled: query.trim().length > 0,
    queryFn: () => api<{ results: Ticket[]; count: number }>('GET', `/api/v2/search?query=${encodeURIComponent(query)}&per_page=50`),
  });
  const time = useTimeFormat('short');
  return (
    <Card title={t('search.title')}>
      <Input.Search
        defaultValue={query}
        placeholder={t('search.placeholder')}
        enterButton
        allowClear
        onSearch={(q) => setParams(q ? { q } : {})}
        style={{ marginBottom: 16 }}
      />
      {results.data ? <Typography.Paragraph type="secondary">{t('search.count', { count: results.data.count })}</Typography.Paragraph> : null}
      <Table<Ticket>
        rowKey={(r) => String(r.id)}
        loading={results.isFetching}
        dataSource={results.data?.results ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('search.empty')} /> }}
        onRow={(r) => ({ onClick: () => void navigate(`/tickets/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('tickets.status'), width: 100, render: (_: unknown, r) => <StatusTag status={r.status} /> },
          { title: t('tickets.subject'), render: (_: unknown, r) => `#${r.id} ${r.subject}` },
          { title: t('tickets.updated'), width: 160, render: (_: unknown, r) => time.format(new Date(r.updated_at)) },
        ]}
      />
    </Card>
  );
}
