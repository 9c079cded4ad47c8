import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { apiErrorMessage } from '../../../components/form-errors';
import { AdminList } from '../kit/AdminList';
import { ItemActions, ItemTitle } from './ItemActions';
import { MacroEditor, type MacroDraft } from './MacroEditor';
import type { Definition, Macro } from './types';
import { useAuthor, useGroups } from './use-groups';

const key = ['admin-rules', 'macros'] as const;

/**
 * Shared and personal macros: who may use each, how often it is used, and its reply and actions.
 * An agent who is not an admin keeps their own macros here and sees the shared ones read-only.
 */
export default function MacrosAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const macros = useQuery({ queryKey: key, queryFn: () => api<{ macros: Macro[] }>('GET', '/api/v2/macros'), select: (d) => d.macros });
  const definitions = useQuery({ queryKey: ['admin-rules', 'macros', 'definitions'], queryFn: () => api<{ actions: Definition[] }>('GET', '/api/v2/macros/actions'), staleTime: 30_000 });
  const groups = useGroups();
  const author = useAuthor();
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
      void message.error(apiErrorMessage(e, t));
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
    <AdminList
      title={t('admin.nav.macros')}
      help={author.personalOnly ? t('admin.rules.macros.personalHelp') : t('admin.rules.macros.help')}
      newLabel={t('admin.rules.macros.new')}
      onNew={() => setDraft({ macro: { actions: [], restriction: author.newRestriction() } })}
      newDisabled={!definitions.data}
      failed={macros.isError || definitions.isError}
      onRetry={() => Promise.all([macros.refetch(), definitions.refetch()])}
      toolbar={
        <Segmented
          value={scope}
          onChange={(v) => setScope(v as typeof scope)}
          options={[
            { value: 'all', label: t('admin.rules.macros.filterAll') },
            { value: 'shared', label: t('admin.rules.macros.filterShared') },
            { value: 'personal', label: t('admin.rules.macros.filterPersonal') },
          ]}
        />
      }
      dialogs={
        <MacroEditor
          draft={draft}
          definitions={definitions.data?.actions ?? []}
          personalOnly={author.personalOnly}
          onClose={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            void message.success(t('admin.kit.saved'));
            void refresh();
          }}
        />
      }
    >
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
                <ItemTitle title={m.title} active={m.active} editable={author.mayEdit(m.restriction)} onOpen={() => setDraft({ id: m.id, macro: m })} />
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
          { title: t('admin.rules.list.active'), width: 80, render: (_: unknown, m: Macro) => <Switch size="small" checked={m.active} disabled={!author.mayEdit(m.restriction)} aria-label={t('admin.rules.list.activeOf', { title: m.title })} onChange={(v) => void setActive(m, v)} /> },
          {
            title: t('admin.kit.actions'),
            width: 180,
            render: (_: unknown, m: Macro) => (
              <ItemActions
                editable={author.mayEdit(m.restriction)}
                onEdit={() => setDraft({ id: m.id, macro: m })}
                onClone={() => setDraft({ macro: author.copy(m) })}
                deleteTitle={t('admin.rules.macros.deleteConfirm', { title: m.title })}
                onDelete={async () => {
                  await api('DELETE', `/api/v2/macros/${m.id}`);
                  await refresh();
                }}
              />
            ),
          },
        ]}
      />
    </AdminList>
  );
}
