import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { DeleteButton } from '../kit/DeleteButton';
import { LoadFailed } from '../kit/LoadFailed';
import { SuspendedDrawer } from './SuspendedDrawer';
import type { SuspendedTicket } from './types';

const key = ['suspended-tickets'];
const causeColor: Record<string, string> = { automatic: 'default', too_many: 'orange', staff_unverified: 'gold', own_address: 'purple', sender_suspended: 'red', no_sender: 'red', unreadable: 'red', other: 'default' };

const recoverOne = (id: number) => api('PUT', `/api/v2/suspended_tickets/${id}/recover`);
const deleteOne = (id: number) => api('DELETE', `/api/v2/suspended_tickets/${id}`);

/** Held mail: who sent it, why it was held; recover it as a ticket or delete it, one at a time or selected together. */
export default function SuspendedAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const when = useTimeFormat('short');
  const list = useQuery({ queryKey: key, queryFn: () => api<{ suspended_tickets: SuspendedTicket[] }>('GET', '/api/v2/suspended_tickets'), refetchInterval: 30_000 });
  const [selected, setSelected] = useState<number[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [partly, setPartly] = useState<number | null>(null);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: key });
  };
  const cause = (s: SuspendedTicket) => (
    <Tooltip title={s.cause}>
      <Tag color={causeColor[s.cause_code] ?? 'default'}>{t(`admin.channels.suspended.causes.${s.cause_code}` as 'admin.channels.suspended.causes.other')}</Tag>
    </Tooltip>
  );
  const recover = async (id: number) => {
    await recoverOne(id);
    void message.success(t('admin.channels.suspended.recovered'));
    setViewing(null);
    await refresh();
  };
  const remove = async (id: number) => {
    await deleteOne(id);
    void message.success(t('admin.kit.deleted'));
    setViewing(null);
    await refresh();
  };
  // One request per message (the API has no bulk call); those another agent handled meanwhile are counted, not fatal.
  const bulk = async (action: (id: number) => Promise<unknown>, done: 'recoveredMany' | 'deletedMany') => {
    setBulkBusy(true);
    setPartly(null);
    const results = await Promise.allSettled(selected.map((id) => action(id)));
    const failed = results.filter((r) => r.status === 'rejected');
    const ok = results.length - failed.length;
    if (ok > 0) {
      void message.success(t(`admin.channels.suspended.${done}`, { count: ok }));
    }
    if (failed.length > 0) {
      const first = failed[0];
      setPartly(failed.length);
      if (first?.status === 'rejected' && !(first.reason instanceof ApiError)) {
        void message.error(t('errors.network'));
      }
    }
    setSelected([]);
    setBulkBusy(false);
    await refresh();
  };

  const rows = list.data?.suspended_tickets ?? [];
  return (
    <AdminSection title={t('admin.nav.suspended')} help={t('admin.channels.suspended.help')}>
      {partly ? <Alert type="warning" showIcon closable onClose={() => setPartly(null)} title={t('admin.channels.suspended.partly', { failed: partly })} style={{ marginBottom: 12 }} /> : null}
      {selected.length > 0 ? (
        <Space style={{ marginBottom: 12, padding: '8px 12px', background: '#f0f5ff', borderRadius: 6, width: '100%' }}>
          <Typography.Text strong>{t('admin.channels.suspended.selected', { count: selected.length })}</Typography.Text>
          <Button size="small" type="primary" loading={bulkBusy} onClick={() => void bulk(recoverOne, 'recoveredMany')}>
            {t('admin.channels.suspended.recover')}
          </Button>
          <Popconfirm title={t('admin.channels.suspended.deleteManyConfirm', { count: selected.length })} okText={t('admin.kit.delete')} cancelText={t('admin.kit.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void bulk(deleteOne, 'deletedMany')}>
            <Button size="small" danger loading={bulkBusy}>
              {t('admin.channels.suspended.delete')}
            </Button>
          </Popconfirm>
          <Button size="small" type="text" onClick={() => setSelected([])}>
            {t('admin.kit.cancel')}
          </Button>
        </Space>
      ) : null}
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<SuspendedTicket>
          rowKey="id"
          loading={list.isLoading}
          dataSource={rows}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          locale={{ emptyText: t('admin.channels.suspended.empty') }}
          columns={[
            { title: t('admin.channels.suspended.from'), render: (_: unknown, s: SuspendedTicket) => s.author.email ?? '—', width: 240, ellipsis: true },
            {
              title: t('admin.channels.suspended.subject'),
              render: (_: unknown, s: SuspendedTicket) => (
                <Typography.Link onClick={() => setViewing(s.id)}>
                  {s.subject || t('admin.channels.suspended.noSubject')}
                </Typography.Link>
              ),
            },
            { title: t('admin.channels.suspended.cause'), render: (_: unknown, s: SuspendedTicket) => cause(s), width: 260 },
            { title: t('admin.channels.suspended.received'), render: (_: unknown, s: SuspendedTicket) => when.format(new Date(s.created_at)), width: 150 },
            {
              title: t('admin.kit.actions'),
              width: 250,
              render: (_: unknown, s: SuspendedTicket) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setViewing(s.id)}>
                    {t('admin.channels.suspended.view')}
                  </Button>
                  <Button type="link" size="small" onClick={() => void recover(s.id).catch(() => void message.error(t('errors.generic')))}>
                    {t('admin.channels.suspended.recover')}
                  </Button>
                  <DeleteButton title={t('admin.channels.suspended.deleteConfirm')} onConfirm={() => remove(s.id)} />
                </Space>
              ),
            },
          ]}
        />
      )}
      <SuspendedDrawer id={viewing} onClose={() => setViewing(null)} onRecover={recover} onDelete={remove} cause={cause} />
    </AdminSection>
  );
}
