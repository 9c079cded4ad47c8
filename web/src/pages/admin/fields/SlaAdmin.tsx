import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminList } from '../kit/AdminList';
import { DeleteButton } from '../kit/DeleteButton';
import { orderColumn } from '../kit/orderColumn';
import { savePositions, useReorder } from '../kit/reorder';
import { type SlaDraft, SlaEditor, type SlaPolicy } from '../rules/SlaEditor';
import type { Definition } from '../rules/types';

const key = ['admin-rules', 'sla'] as const;

/** SLA policies in the order tickets are matched against them, each with its conditions and targets. */
export default function SlaAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const policies = useQuery({ queryKey: key, queryFn: () => api<{ sla_policies: SlaPolicy[] }>('GET', '/api/v2/slas/policies'), select: (d) => d.sla_policies });
  const definitions = useQuery({ queryKey: ['admin-rules', 'sla', 'definitions'], queryFn: () => api<{ definitions: { all: Definition[] } }>('GET', '/api/v2/slas/policies/definitions'), staleTime: 30_000 });
  const [draft, setDraft] = useState<SlaDraft | null>(null);
  const when = useTimeFormat('short');
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const all = policies.data ?? [];

  const { moving, onMove } = useReorder(all, (order) => savePositions(order, (p, position) => api('PUT', `/api/v2/slas/policies/${p.id}`, { sla_policy: { title: p.title, description: p.description, position, filter: p.filter, policy_metrics: p.policy_metrics } })), refresh);

  return (
    <AdminList
      title={t('admin.nav.sla')}
      help={t('admin.rules.sla.help')}
      newLabel={t('admin.rules.sla.new')}
      onNew={() => setDraft({ policy: {} })}
      failed={policies.isError || definitions.isError}
      onRetry={() => Promise.all([policies.refetch(), definitions.refetch()])}
      dialogs={
        <SlaEditor
          draft={draft}
          definitions={definitions.data?.definitions.all}
          onClose={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            void message.success(t('admin.kit.saved'));
            void refresh();
          }}
        />
      }
    >
      <Table<SlaPolicy>
        rowKey="id"
        loading={policies.isLoading || moving}
        dataSource={all}
        pagination={false}
        locale={{ emptyText: t('admin.rules.sla.empty') }}
        columns={[
          orderColumn<SlaPolicy>(t, { count: all.length, onMove, disabled: moving }),
          {
            title: t('admin.rules.list.title'),
            render: (_: unknown, p: SlaPolicy) => (
              <Space direction="vertical" size={0}>
                <Typography.Link onClick={() => setDraft({ id: p.id, policy: p })}>{p.title}</Typography.Link>
                {p.description ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.description}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('admin.rules.sla.targets'),
            render: (_: unknown, p: SlaPolicy) => (
              <Space size={[4, 4]} wrap>
                {[...new Set(p.policy_metrics.map((m) => m.metric))].map((m) => (
                  <Tag key={m}>{t(`admin.rules.values.${m}`)}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('admin.rules.list.updated'), width: 150, render: (_: unknown, p: SlaPolicy) => <Typography.Text type="secondary">{when.format(new Date(p.updated_at))}</Typography.Text> },
          {
            title: t('admin.kit.actions'),
            width: 180,
            render: (_: unknown, p: SlaPolicy) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDraft({ id: p.id, policy: p })}>
                  {t('admin.kit.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setDraft({ policy: { ...p, position: undefined, title: t('admin.rules.list.copyOf', { title: p.title }) } })}>
                  {t('admin.rules.list.clone')}
                </Button>
                <DeleteButton
                  title={t('admin.rules.sla.deleteConfirm', { title: p.title })}
                  onConfirm={async () => {
                    await api('DELETE', `/api/v2/slas/policies/${p.id}`);
                    void message.success(t('admin.kit.deleted'));
                    await refresh();
                  }}
                />
              </Space>
            ),
          },
        ]}
      />
    </AdminList>
  );
}
