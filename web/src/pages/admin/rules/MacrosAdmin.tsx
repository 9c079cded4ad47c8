import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { DeleteButton } from '../kit/DeleteButton';
import { MacroEditor, type MacroDraft } from './MacroEditor';
import type { Definition, Macro } from './types';
import { useGroups } from './use-groups';

const key = ['admin-rules', 'macros'] as const;

/** Shared and personal macros: who may use each, how often it is used, and its reply and actions. */
export default function MacrosAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const macros = useQuery({ queryKey: key, queryFn: () => api<{ macros: Macro[] }>('GET', '/api/v2/macros'), select: (d) => d.macros });
  const definitions = useQuery({ queryKey: ['admin-rules', 'macros', 'definitions'], queryFn: () => api<{ actions: Definition[] }>('GET', '/api/v2/macros/actions'), staleTime: 30_000 });
  const groups = useGroups();
  const [draft, setDraft] = useState<MacroDraft | null>(null);
  const [scope, setScope] = useState<'all' | 'shared' | 'personal'>('all');
  const when = useTimeFormat('short');
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const groupName = (id: number) => groups.data?.find((g) => g.id === id)?.name ?? `#${id}`;

  const shown = (macros.data ?? []).filter((m) => scope === 'all' || (scope === 'personal') === (m.restriction?.type === 'User'));

  const setActive = async (m: Macro, active: boolean) => {
    try {
      await api('PUT', `/api/v2/macros/${m.id}`, { macro: { active } });
      await refresh();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    }
  };

  const audience = (m: Macro) => {
    if (m.restriction === null) {
      return <Tag color="blue">{t('admin.rules.macros.everyone')}</Tag>;
    }
    if (m.restriction.type === 'User') {
      return <Tag>{t('admin.rules.macros.personal')}</Tag>;
    }
    return m.restriction.ids.map((id) => (
      <Tag key={id} color="geekblue">
        {groupName(id)}
      </Tag>
    ));
  };

  return (
    <AdminSection
      title={t('admin.nav.macros')}
      help={t('admin.rules.macros.help')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDraft({ macro: { actions: [] } })} disabled={!definitions.data}>
          {t('admin.rules.macros.new')}
        </Button>
      }
    >
      {macros.isError || definitions.isError ? (
        <Alert type="error" showIcon title={t('admin.kit.loadFailed')} action={<Button onClick={() => void Promise.all([macros.refetch(), definitions.refetch()])}>{t('admin.kit.retry')}</Button>} style={{ marginBottom: 16 }} />
      ) : null}
      <Segmented
        style={{ marginBottom: 16 }}
        value={scope}
        onChange={(v) => setScope(v as typeof scope)}
        options={[
          { value: 'all', label: t('admin.rules.macros.filterAll') },
          { value: 'shared', label: t('admin.rules.macros.filterShared') },
          { value: 'personal', label: t('admin.rules.macros.filterPersonal') },
        ]}
      />
      <Table<Macro>
        rowKey="id"
        loading={macros.isLoading}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t('admin.rules.macros.empty') }}
        columns={[
          {
            title: t('admin.rules.list.title'),
            sorter: (a, b) => a.title.localeCompare(b.title, 'zh-CN'),
            render: (_: unknown, m: Macro) => (
              <Space direction="vertical" size={0}>
                <Typography.Link onClick={() => setDraft({ id: m.id, macro: m })} type={m.active ? undefined : 'secondary'}>
                  {m.title}
                </Typography.Link>
                {m.description ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.description}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          { title: t('admin.rules.macros.availability'), width: 220, render: (_: unknown, m: Macro) => audience(m) },
          { title: t('admin.rules.macros.usage'), width: 110, sorter: (a, b) => a.usage_count - b.usage_count, render: (_: unknown, m: Macro) => t('admin.rules.macros.usageCount', { count: m.usage_count }) },
          { title: t('admin.rules.list.updated'), width: 150, render: (_: unknown, m: Macro) => <Typography.Text type="secondary">{when.format(new Date(m.updated_at))}</Typography.Text> },
          { title: t('admin.rules.list.active'), width: 80, render: (_: unknown, m: Macro) => <Switch size="small" checked={m.active} aria-label={t('admin.rules.list.activeOf', { title: m.title })} onChange={(v) => void setActive(m, v)} /> },
          {
            title: t('admin.kit.actions'),
            width: 180,
            render: (_: unknown, m: Macro) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDraft({ id: m.id, macro: m })}>
                  {t('admin.kit.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setDraft({ macro: { ...m, title: t('admin.rules.list.copyOf', { title: m.title }) } })}>
                  {t('admin.rules.list.clone')}
                </Button>
                <DeleteButton
                  title={t('admin.rules.macros.deleteConfirm', { title: m.title })}
                  onConfirm={async () => {
                    await api('DELETE', `/api/v2/macros/${m.id}`);
                    void message.success(t('admin.kit.deleted'));
                    await refresh();
                  }}
                />
              </Space>
            ),
          },
        ]}
      />
      <MacroEditor
        draft={draft}
        definitions={definitions.data?.actions ?? []}
        onClose={() => setDraft(null)}
        onSaved={() => {
          setDraft(null);
          void message.success(t('admin.kit.saved'));
          void refresh();
        }}
      />
    </AdminSection>
  );
}
