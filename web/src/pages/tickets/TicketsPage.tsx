import { Badge, Button, Card, Empty, Flex, Layout, Menu, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useViewCounts, useViewRows, useViews } from '../../api/tickets';
import type { ViewRow } from '../../api/types';
import { StatusTag } from '../../components/StatusTag';
import { useTimeFormat } from '../../components/use-time-format';
import { BulkBar } from './BulkBar';
import { usePendingBulkIds } from './use-bulk-change';
import { preloadComposer } from '../../components/Composer';
import { queue, useShortcuts } from '../../components/shortcuts';

/** The queue: views with live counts on the left, the chosen view's tickets on the right. */
export default function TicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const views = useViews();
  const list = views.data ?? [];
  const viewId = params.viewId ? Number(params.viewId) : (list[0]?.id ?? null);
  const counts = useViewCounts(list.map((v) => v.id));
  const rows = useViewRows(viewId);
  const pages = rows.data?.pages ?? [];
  const names = new Map(pages.flatMap((p) => p.users).map((u) => [u.id, u.name]));
  const groups = new Map(pages.flatMap((p) => p.groups).map((g) => [g.id, g.name]));
  const data = pages.flatMap((p) => p.rows);
  const countOf = new Map((counts.data ?? []).map((c) => [c.view_id, c.pretty]));
  const time = useTimeFormat('short');
  const saving = usePendingBulkIds();
  const [selected, setSelected] = useState<number[]>([]);
  const [cursor, setCursor] = useState(0);
  const ids = data.map((r) => r.ticket.id);
  useEffect(() => queue.remember(ids), [ids.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  // An agent in the queue opens a ticket next: fetch its page and the editor while they read.
  useEffect(() => {
    void import('./TicketPage').catch(() => undefined);
    preloadComposer();
  }, []);
  useShortcuts({
    j: () => setCursor((c) => Math.min(c + 1, Math.max(ids.length - 1, 0))),
    k: () => setCursor((c) => Math.max(c - 1, 0)),
    Enter: () => ids[cursor] !== undefined && void navigate(`/tickets/${ids[cursor]}`),
  });
  const chosen = data.filter((r) => selected.includes(r.ticket.id)).map((r) => ({ id: r.ticket.id, subject: r.ticket.subject }));

  return (
    <Layout style={{ background: 'transparent', gap: 16, flexDirection: 'row' }}>
      <Card size="small" title={t('tickets.views')} style={{ width: 280, flex: 'none' }} styles={{ body: { padding: 0 } }}>
        <Menu
          mode="inline"
          selectedKeys={viewId ? [String(viewId)] : []}
          onClick={({ key }) => void navigate(`/tickets/views/${key}`)}
          items={list.map((v) => ({
            key: String(v.id),
            label: (
              <Flex justify="space-between" align="center" data-testid={`view-${v.id}`} data-count={counts.data ? countOf.get(v.id) : undefined}>
                <span>{v.title}</span>
                <Badge count={countOf.get(v.id) ?? '…'} showZero overflowCount={1e9} color="#8c8c8c" data-testid={`view-count-${v.id}`} />
              </Flex>
            ),
          }))}
        />
      </Card>
      <Card style={{ flex: 1, minWidth: 0 }} title={list.find((v) => v.id === viewId)?.title}>
        {chosen.length > 0 ? <BulkBar selected={chosen} onDone={() => setSelected([])} /> : null}
        <Table<ViewRow>
          rowKey={(r) => String(r.ticket.id)}
          rowSelection={{ selectedRowKeys: selected.map(String), onChange: (keys) => setSelected(keys.map(Number)), columnWidth: 40 }}
          loading={rows.isLoading}
          dataSource={data}
          pagination={false}
          locale={{ emptyText: <Empty description={t('tickets.empty')} /> }}
          onRow={(r) => ({
            // The checkbox column selects; anywhere else on the row opens the ticket.
            onClick: (e) => !(e.target as HTMLElement).closest('.ant-table-selection-column') && void navigate(`/tickets/${r.ticket.id}`),
            style: { cursor: 'pointer', ...(r.ticket.id === ids[cursor] ? { boxShadow: 'inset 3px 0 0 #1677ff' } : {}), ...(saving.has(r.ticket.id) ? { opacity: 0.6 } : {}) },
            'data-cursor': r.ticket.id === ids[cursor] ? 'true' : undefined,
            // Shown before the server confirmed it; rolled back if it refuses.
            'data-saving': saving.has(r.ticket.id) ? 'true' : undefined,
          })}
          columns={[
            { title: t('tickets.status'), width: 100, render: (_: unknown, r) => <StatusTag status={r.ticket.status} /> },
            {
              title: t('tickets.subject'),
              render: (_: unknown, r) => (
                <Typography.Text>
                  <Typography.Text type="secondary">#{r.ticket.id} </Typography.Text>
                  {r.ticket.subject}
                </Typography.Text>
              ),
            },
            { title: t('tickets.requester'), width: 140, render: (_: unknown, r) => names.get(r.requester_id) ?? '' },
            { title: t('tickets.assignee'), width: 140, render: (_: unknown, r) => (r.assignee_id ? (names.get(r.assignee_id) ?? '') : t('tickets.none')) },
            { title: t('tickets.group'), width: 140, render: (_: unknown, r) => (r.group_id ? (groups.get(r.group_id) ?? '') : '') },
            { title: t('tickets.updated'), width: 160, render: (_: unknown, r) => time.format(new Date(r.updated)) },
          ]}
        />
        {rows.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => void rows.fetchNextPage()} loading={rows.isFetchingNextPage}>
              {t('tickets.loadMore')}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </Layout>
  );
}
