import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ticketKeys } from '../../../api/tickets';
import { useTimeFormat } from '../../../components/use-time-format';
import { apiErrorMessage } from '../../../components/form-errors';
import { AdminList } from '../kit/AdminList';
import { orderColumn } from '../kit/orderColumn';
import { savePositions, useReorder } from '../kit/reorder';
import { ItemActions, ItemTitle } from './ItemActions';
import { useAuthor, useGroups } from './use-groups';
import { type ViewDefinitions, type ViewDraft, ViewEditor, type ViewRecord } from './ViewEditor';

const key = ['admin-rules', 'views'] as const;

/**
 * The agents' ticket lists: order, who sees each, and each one's conditions, columns and sort.
 * An agent who is not an admin keeps their own views here and sees the shared ones read-only.
 */
export default function ViewsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const views = useQuery({ queryKey: key, queryFn: () => api<{ views: ViewRecord[] }>('GET', '/api/v2/views'), select: (d) => d.views });
  const definitions = useQuery({ queryKey: ['admin-rules', 'views', 'definitions'], queryFn: () => api<ViewDefinitions>('GET', '/api/v2/views/definitions'), staleTime: 30_000 });
  const groups = useGroups();
  const author = useAuthor();
  const [draft, setDraft] = useState<ViewDraft | null>(null);
  const when = useTimeFormat('short');
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const all = views.data ?? [];

  const { moving, onMove } = useReorder(
    all,
    (order) => savePositions(order, (v, position) => api('PUT', `/api/v2/views/${v.id}`, { view: { position } })),
    () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ticketKeys.views })]),
  );

  const setActive = async (v: ViewRecord, active: boolean) => {
    try {
      await api('PUT', `/api/v2/views/${v.id}`, { view: { active } });
      await refresh();
    } catch (e) {
      void message.error(apiErrorMessage(e, t));
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
    <AdminList
      title={t('admin.nav.views')}
      help={author.personalOnly ? t('admin.rules.views.personalHelp') : t('admin.rules.views.help')}
      newLabel={t('admin.rules.views.new')}
      onNew={() => setDraft({ view: { restriction: author.newRestriction() } })}
      failed={views.isError || definitions.isError}
      onRetry={() => Promise.all([views.refetch(), definitions.refetch()])}
      dialogs={
        <ViewEditor
          draft={draft}
          definitions={definitions.data?.definitions}
          personalOnly={author.personalOnly}
          onClose={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            void message.success(t('admin.kit.saved'));
            void refresh();
            void queryClient.invalidateQueries({ queryKey: ticketKeys.views });
          }}
        />
      }
    >
      <Table<ViewRecord>
        rowKey="id"
        loading={views.isLoading || moving}
        dataSource={all}
        pagination={false}
        locale={{ emptyText: t('admin.rules.views.empty') }}
        columns={[
          // The order is everyone's: only an admin changes it.
          ...(author.personalOnly ? [] : [orderColumn<ViewRecord>(t, { count: all.length, onMove, disabled: moving })]),
          {
            title: t('admin.rules.list.title'),
            render: (_: unknown, v: ViewRecord) => (
              <Space>
                <ItemTitle title={v.title} active={v.active} editable={author.mayEdit(v.restriction)} onOpen={() => setDraft({ id: v.id, view: v })} />
                {v.default ? <Tag>{t('admin.rules.views.default')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('admin.rules.views.visibilityCol'), width: 200, render: (_: unknown, v: ViewRecord) => audience(v) },
          { title: t('admin.rules.list.updated'), width: 150, render: (_: unknown, v: ViewRecord) => <Typography.Text type="secondary">{when.format(new Date(v.updated_at))}</Typography.Text> },
          { title: t('admin.rules.list.active'), width: 80, render: (_: unknown, v: ViewRecord) => <Switch size="small" checked={v.active} disabled={!author.mayEdit(v.restriction)} aria-label={t('admin.rules.list.activeOf', { title: v.title })} onChange={(on) => void setActive(v, on)} /> },
          {
            title: t('admin.kit.actions'),
            width: 180,
            render: (_: unknown, v: ViewRecord) => (
              <ItemActions
                editable={author.mayEdit(v.restriction)}
                onEdit={() => setDraft({ id: v.id, view: v })}
                onClone={() => setDraft({ view: author.copy(v) })}
                deleteTitle={t('admin.rules.views.deleteConfirm', { title: v.title })}
                onDelete={async () => {
                  await api('DELETE', `/api/v2/views/${v.id}`);
                  await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ticketKeys.views })]);
                }}
              />
            ),
          },
        ]}
      />
    </AdminList>
  );
}
