import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { ticketKeys } from '../../../api/tickets';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { DeleteButton } from '../kit/DeleteButton';
import { useGroups } from './use-groups';
import { type ViewDefinitions, type ViewDraft, ViewEditor, type ViewRecord } from './ViewEditor';

const key = ['admin-rules', 'views'] as const;

/** The agents' ticket lists: order, who sees each, and each one's conditions, columns and sort. */
export default function ViewsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const views = useQuery({ queryKey: key, queryFn: () => api<{ views: ViewRecord[] }>('GET', '/api/v2/views'), select: (d) => d.views });
  const definitions = useQuery({ queryKey: ['admin-rules', 'views', 'definitions'], queryFn: () => api<ViewDefinitions>('GET', '/api/v2/views/definitions'), staleTime: 30_000 });
  const groups = useGroups();
  const [draft, setDraft] = useState<ViewDraft | null>(null);
  const [moving, setMoving] = useState(false);
  const when = useTimeFormat('short');
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const all = views.data ?? [];

  // Views have no reorder call: each one whose place changes gets its new position.
  const move = async (index: number, by: -1 | 1) => {
    const order = [...all];
    const [view] = order.splice(index, 1);
    if (!view) {
      return;
    }
    order.splice(index + by, 0, view);
    setMoving(true);
    try {
      for (const [position, v] of order.entries()) {
        if (v.position !== position) {
          await api('PUT', `/api/v2/views/${v.id}`, { view: { position } });
        }
      }
      await refresh();
      await queryClient.invalidateQueries({ queryKey: ticketKeys.views });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    } finally {
      setMoving(false);
    }
  };

  const setActive = async (v: ViewRecord, active: boolean) => {
    try {
      await api('PUT', `/api/v2/views/${v.id}`, { view: { active } });
      await refresh();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    }
  };

  const audience = (v: ViewRecord) => {
    const r = v.restriction;
    if (r === null) {
      return <Tag color="blue">{t('admin.rules.views.everyone')}</Tag>;
    }
    if (r.type === 'User') {
      return <Tag>{t('admin.rules.views.me')}</Tag>;
    }
    return r.ids.map((id) => (
      <Tag key={id} color="geekblue">
        {groups.data?.find((g) => g.id === id)?.name ?? `#${id}`}
      </Tag>
    ));
  };

  return (
    <AdminSection
      title={t('admin.nav.views')}
      help={t('admin.rules.views.help')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ view: {} })}>
          {t('admin.rules.views.new')}
        </Button>
      }
    >
      {views.isError || definitions.isError ? (
        <Alert type="error" showIcon title={t('admin.kit.loadFailed')} action={<Button onClick={() => void Promise.all([views.refetch(), definitions.refetch()])}>{t('admin.kit.retry')}</Button>} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<ViewRecord>
        rowKey="id"
        loading={views.isLoading || moving}
        dataSource={all}
        pagination={false}
        locale={{ emptyText: t('admin.rules.views.empty') }}
        columns={[
          {
            title: t('admin.rules.list.order'),
            width: 96,
            render: (_: unknown, v: ViewRecord, index: number) => (
              <Space size={2}>
                <Typography.Text type="secondary" style={{ width: 22, display: 'inline-block' }}>
                  {index + 1}
                </Typography.Text>
                <Button size="small" type="text" aria-label={t('admin.rules.list.up')} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => void move(index, -1)} />
                <Button size="small" type="text" aria-label={t('admin.rules.list.down')} icon={<ArrowDownOutlined />} disabled={index === all.length - 1} onClick={() => void move(index, 1)} />
              </Space>
            ),
          },
          {
            title: t('admin.rules.list.title'),
            render: (_: unknown, v: ViewRecord) => (
              <Space>
                <Typography.Link onClick={() => setDraft({ id: v.id, view: v })} type={v.active ? undefined : 'secondary'}>
                  {v.title}
                </Typography.Link>
                {v.default ? <Tag>{t('admin.rules.views.default')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('admin.rules.views.visibilityCol'), width: 200, render: (_: unknown, v: ViewRecord) => audience(v) },
          { title: t('admin.rules.list.updated'), width: 150, render: (_: unknown, v: ViewRecord) => <Typography.Text type="secondary">{when.format(new Date(v.updated_at))}</Typography.Text> },
          { title: t('admin.rules.list.active'), width: 80, render: (_: unknown, v: ViewRecord) => <Switch size="small" checked={v.active} aria-label={t('admin.rules.list.activeOf', { title: v.title })} onChange={(on) => void setActive(v, on)} /> },
          {
            title: t('admin.kit.actions'),
            width: 180,
            render: (_: unknown, v: ViewRecord) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDraft({ id: v.id, view: v })}>
                  {t('admin.kit.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setDraft({ view: { ...v, title: t('admin.rules.list.copyOf', { title: v.title }) } })}>
                  {t('admin.rules.list.clone')}
                </Button>
                <DeleteButton
                  title={t('admin.rules.views.deleteConfirm', { title: v.title })}
                  onConfirm={async () => {
                    await api('DELETE', `/api/v2/views/${v.id}`);
                    void message.success(t('admin.kit.deleted'));
                    await refresh();
                  }}
                />
              </Space>
            ),
          },
        ]}
      />
      <ViewEditor
        draft={draft}
        definitions={definitions.data?.definitions}
        onClose={() => setDraft(null)}
        onSaved={() => {
          setDraft(null);
          void message.success(t('admin.kit.saved'));
          void refresh();
          void queryClient.invalidateQueries({ queryKey: ticketKeys.views });
        }}
      />
    </AdminSection>
  );
}
