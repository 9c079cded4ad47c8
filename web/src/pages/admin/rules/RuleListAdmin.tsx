import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { apiErrorMessage } from '../../../components/form-errors';
import { AdminList } from '../kit/AdminList';
import { DeleteButton } from '../kit/DeleteButton';
import { orderColumn } from '../kit/orderColumn';
import { useReorder } from '../kit/reorder';
import { TriggerCategoriesButton } from './TriggerCategories';
import { blankRule, draftOf, RuleEditor, type RuleDraft } from './RuleEditor';
import type { Rule } from './types';
import { type RuleTable, ruleKeys, singular, useRules, useTriggerCategories } from './use-rules';

/**
 * Triggers and automations as one ordered list: they run top to bottom, so the order is
 * editable here; each can be switched off, edited, cloned, tested on a ticket or deleted.
 */
export function RuleListAdmin({ table }: { table: RuleTable }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useRules(table);
  const categories = useTriggerCategories(table === 'triggers');
  const [draft, setDraft] = useState<RuleDraft | null>(null);
  const [category, setCategory] = useState<string>('all');
  const when = useTimeFormat('short');
  const name = singular[table];
  const refresh = () => queryClient.invalidateQueries({ queryKey: ruleKeys.list(table) });

  const all = rules.data ?? [];
  const shown = category === 'all' ? all : all.filter((r) => (r.category_id ?? 'none') === category);
  const categoryName = (id: string | null | undefined) => categories.data?.find((c) => c.id === id)?.name;

  const { moving, onMove } = useReorder(all, async (order) => {
    const next = await api<Record<string, Rule[]>>('PUT', `/api/v2/${table}/reorder`, { [`${name}_ids`]: order.map((r) => r.id) });
    queryClient.setQueryData(ruleKeys.list(table), next);
  });

  const setActive = async (rule: Rule, active: boolean) => {
    try {
      await api('PUT', `/api/v2/${table}/${rule.id}`, { [name]: { active } });
      void message.success(active ? t('admin.rules.list.activated', { title: rule.title }) : t('admin.rules.list.deactivated', { title: rule.title }));
      await refresh();
    } catch (e) {
      void message.error(apiErrorMessage(e, t));
    }
  };

  const summary = (r: Rule) => t('admin.rules.list.summary', { conditions: r.conditions.all.length + r.conditions.any.length, actions: r.actions.length });

  return (
    <AdminList
      title={t(`admin.nav.${table}`)}
      help={t(`admin.rules.${table}.help`)}
      actions={table === 'triggers' ? <TriggerCategoriesButton categories={categories.data ?? []} /> : null}
      newLabel={t(`admin.rules.${table}.new`)}
      onNew={() => setDraft(blankRule(table))}
      failed={rules.isError}
      onRetry={() => rules.refetch()}
      toolbar={
        table === 'triggers' && (categories.data?.length ?? 0) > 0 ? (
          <Segmented
            value={category}
            onChange={(v) => setCategory(String(v))}
            options={[{ value: 'all', label: t('admin.rules.triggers.allCategories') }, ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name })), { value: 'none', label: t('admin.rules.triggers.noCategory') }]}
          />
        ) : undefined
      }
      dialogs={
        <RuleEditor
          table={table}
          draft={draft}
          categories={categories.data ?? []}
          onClose={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            void message.success(t('admin.kit.saved'));
            void refresh();
          }}
        />
      }
    >
      <Table<Rule>
        rowKey="id"
        loading={rules.isLoading || moving}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: t(`admin.rules.${table}.empty`) }}
        rowClassName={(r) => (r.active ? '' : 'kefu-row-inactive')}
        columns={[
          // A filtered list shows each rule's place in the whole order, which only the whole list can change.
          orderColumn<Rule>(t, { count: all.length, onMove, indexOf: (r) => all.findIndex((x) => x.id === r.id), disabled: moving || category !== 'all', disabledReason: category === 'all' ? undefined : t('admin.rules.list.reorderAll') }),
          {
            title: t('admin.rules.list.title'),
            render: (_: unknown, r: Rule) => (
              <Space direction="vertical" size={0}>
                <Typography.Link onClick={() => setDraft(draftOf(r))} strong={r.active} type={r.active ? undefined : 'secondary'}>
                  {r.title}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.description || summary(r)}
                </Typography.Text>
              </Space>
            ),
          },
          ...(table === 'triggers' ? [{ title: t('admin.rules.triggers.category'), width: 140, render: (_: unknown, r: Rule) => (categoryName(r.category_id) ? <Tag>{categoryName(r.category_id)}</Tag> : <Typography.Text type="secondary">—</Typography.Text>) }] : []),
          { title: t('admin.rules.list.updated'), width: 150, render: (_: unknown, r: Rule) => <Typography.Text type="secondary">{when.format(new Date(r.updated_at))}</Typography.Text> },
          { title: t('admin.rules.list.active'), width: 80, render: (_: unknown, r: Rule) => <Switch size="small" checked={r.active} aria-label={t('admin.rules.list.activeOf', { title: r.title })} onChange={(v) => void setActive(r, v)} /> },
          {
            title: t('admin.kit.actions'),
            width: 190,
            render: (_: unknown, r: Rule) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDraft(draftOf(r))}>
                  {t('admin.kit.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setDraft({ ...draftOf(r), id: undefined, title: t('admin.rules.list.copyOf', { title: r.title }) })}>
                  {t('admin.rules.list.clone')}
                </Button>
                <DeleteButton
                  title={t(`admin.rules.${table}.deleteConfirm`, { title: r.title })}
                  onConfirm={async () => {
                    await api('DELETE', `/api/v2/${table}/${r.id}`);
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
