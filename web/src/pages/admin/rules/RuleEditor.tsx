import { Alert, Button, Divider, Drawer, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { LoadFailed } from '../kit/LoadFailed';
import { ActionBuilder } from './builder/ActionBuilder';
import { ConditionBuilder } from './builder/ConditionBuilder';
import { DryRunPanel } from './builder/DryRunPanel';
import { type SortedErrors, sortErrors } from './builder/server-errors';
import type { Action, Conditions, Rule, TriggerCategory } from './types';
import { type RuleTable, singular, useDefinitions } from './use-rules';

export type RuleDraft = { id?: number; title: string; description: string; active: boolean; category_id: string | null; conditions: Conditions; actions: Action[] };

export const blankRule = (table: RuleTable): RuleDraft => ({
  title: '',
  description: '',
  active: true,
  category_id: null,
  conditions: table === 'automations' ? { all: [{ field: 'created_at', operator: 'greater_than', value: '' }], any: [] } : { all: [{ field: 'update_type', operator: 'is', value: 'Create' }], any: [] },
  actions: [{ field: '', value: '' }],
});

export const draftOf = (r: Rule): RuleDraft => ({ id: r.id, title: r.title, description: r.description, active: r.active, category_id: r.category_id ?? null, conditions: r.conditions, actions: r.actions });

const noErrors: SortedErrors = { conditions: {}, conditionGroups: {}, actions: {}, actionsWhole: null, fields: {} };

/** Create or edit a trigger or automation: the builders, the server's refusals at their rows, and a dry run. */
export function RuleEditor({ table, draft, categories, onClose, onSaved }: { table: RuleTable; draft: RuleDraft | null; categories: TriggerCategory[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const name = singular[table];
  const definitions = useDefinitions(table);
  const [form] = Form.useForm<{ title: string; description: string; active: boolean; category_id: string | null }>();
  const [conditions, setConditions] = useState<Conditions>({ all: [], any: [] });
  const [actions, setActions] = useState<Action[]>([]);
  const [errors, setErrors] = useState<SortedErrors>(noErrors);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (draft) {
      form.setFieldsValue({ title: draft.title, description: draft.description, active: draft.active, category_id: draft.category_id });
      setConditions(draft.conditions);
      setActions(draft.actions);
      setErrors(noErrors);
      setAlert(null);
    }
  }, [draft, form]);

  const body = (values: { title: string; description: string; active: boolean; category_id: string | null }) => ({
    [name]: {
      title: values.title ?? '',
      description: values.description ?? '',
      active: values.active,
      ...(table === 'triggers' ? { category_id: values.category_id ?? null } : {}),
      conditions,
      actions,
    },
  });

  const save = async (values: { title: string; description: string; active: boolean; category_id: string | null }) => {
    setBusy(true);
    setAlert(null);
    setErrors(noErrors);
    try {
      await api(draft?.id ? 'PUT' : 'POST', draft?.id ? `/api/v2/${table}/${draft.id}` : `/api/v2/${table}`, body(values));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.details).length) {
        const sorted = sortErrors(t, e.details, name);
        setErrors(sorted);
        form.setFields(Object.entries(sorted.fields).map(([f, m]) => ({ name: f as 'title', errors: [m] })));
        const rest = Object.entries(sorted.fields).filter(([f]) => !['title', 'description', 'category_id'].includes(f));
        setAlert(rest.length ? rest.map(([, m]) => m).join('；') : t('admin.rules.editor.fixRows'));
      } else {
        setAlert(e instanceof ApiError ? e.description : t('errors.network'));
      }
    } finally {
      setBusy(false);
    }
  };

  const defs = definitions.data?.definitions;
  return (
    <Drawer
      open={draft !== null}
      onClose={onClose}
      size={920}
      destroyOnHidden
      title={draft?.id ? t(`admin.rules.${table}.editTitle`) : t(`admin.rules.${table}.newTitle`)}
      extra={
        <Space>
          <Button onClick={onClose}>{t('admin.kit.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} disabled={!defs}>
            {t('admin.kit.save')}
          </Button>
        </Space>
      }
    >
      {definitions.isError ? <LoadFailed onRetry={() => definitions.refetch()} /> : null}
      {alert ? <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} data-testid="editor-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false} initialValues={{ active: true }}>
        <Space align="start" style={{ width: '100%' }} styles={{ item: { flex: 1 } }}>
          <Form.Item name="title" label={t('admin.rules.editor.title')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input placeholder={t(`admin.rules.${table}.titlePlaceholder`)} maxLength={255} />
          </Form.Item>
          {table === 'triggers' ? (
            <Form.Item name="category_id" label={t('admin.rules.triggers.category')} style={{ width: 220 }}>
              <Select allowClear placeholder={t('admin.rules.triggers.noCategory')} options={categories.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="active" label={t('admin.rules.editor.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('admin.rules.editor.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('admin.rules.editor.descriptionPlaceholder')} />
        </Form.Item>
      </Form>
      <Divider titlePlacement="start">{t('admin.rules.editor.conditions')}</Divider>
      <Typography.Paragraph type="secondary">{t(`admin.rules.${table}.conditionsHelp`)}</Typography.Paragraph>
      {defs ? (
        <ConditionBuilder value={conditions} onChange={setConditions} definitions={defs.conditions_all} errors={errors.conditions} groupErrors={errors.conditionGroups} />
      ) : (
        <Typography.Text type="secondary">{t('admin.rules.editor.loading')}</Typography.Text>
      )}
      <Divider titlePlacement="start">{t('admin.rules.editor.actions')}</Divider>
      <Typography.Paragraph type="secondary">{t(`admin.rules.${table}.actionsHelp`)}</Typography.Paragraph>
      {defs ? <ActionBuilder value={actions} onChange={setActions} definitions={defs.actions} errors={errors.actions} wholeError={errors.actionsWhole} /> : null}
      <Divider titlePlacement="start">{t('admin.rules.dryRun.title')}</Divider>
      {defs ? <DryRunPanel table={table} body={() => body({ ...form.getFieldsValue(), title: (form.getFieldValue('title') as string | undefined) || t('admin.rules.dryRun.untitled') })} conditionDefs={defs.conditions_all} actionDefs={defs.actions} /> : null}
    </Drawer>
  );
}
