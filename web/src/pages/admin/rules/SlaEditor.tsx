import { Alert, Button, Divider, Drawer, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { ConditionBuilder } from './builder/ConditionBuilder';
import { messageOf, type SortedErrors, sortErrors } from './builder/server-errors';
import { metricCellKey, metricsOf, type PolicyMetric, SlaTargets, type Targets, targetsOf } from './SlaTargets';
import type { Conditions, Definition } from './types';

export type SlaPolicy = { id: number; title: string; description: string; position: number; filter: Conditions; policy_metrics: PolicyMetric[]; updated_at: string };
export type SlaDraft = { id?: number; policy: Partial<SlaPolicy> };

const noErrors: SortedErrors = { conditions: {}, conditionGroups: {}, actions: {}, actionsWhole: null, fields: {} };

/** An SLA policy: which tickets it covers (the same condition builder) and its targets. */
export function SlaEditor({ draft, definitions, onClose, onSaved }: { draft: SlaDraft | null; definitions: Definition[] | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; description: string }>();
  const [filter, setFilter] = useState<Conditions>({ all: [], any: [] });
  const [targets, setTargets] = useState<Targets>({ cells: {}, business: {} });
  const [errors, setErrors] = useState<SortedErrors>(noErrors);
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (draft) {
      form.setFieldsValue({ title: draft.policy.title ?? '', description: draft.policy.description ?? '' });
      setFilter(draft.policy.filter ?? { all: [], any: [] });
      setTargets(targetsOf(draft.policy.policy_metrics ?? []));
      setErrors(noErrors);
      setCellErrors({});
      setAlert(null);
    }
  }, [draft, form]);

  const save = async (v: { title: string; description: string }) => {
    const metrics = metricsOf(targets);
    setAlert(null);
    setErrors(noErrors);
    setCellErrors({});
    if (metrics.length === 0) {
      setAlert(t('admin.rules.sla.needTarget'));
      return;
    }
    setBusy(true);
    try {
      const body = { sla_policy: { title: v.title, description: v.description ?? '', filter, policy_metrics: metrics, ...(draft?.policy.position !== undefined ? { position: draft.policy.position } : {}) } };
      await api(draft?.id ? 'PUT' : 'POST', draft?.id ? `/api/v2/slas/policies/${draft.id}` : '/api/v2/slas/policies', body);
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError) || Object.keys(e.details).length === 0) {
        setAlert(e instanceof ApiError ? e.description : t('errors.network'));
        return;
      }
      const cells: Record<string, string> = {};
      const rest: Record<string, typeof e.details[string]> = {};
      for (const [path, list] of Object.entries(e.details)) {
        // policy_metrics[3] or policy_metrics.3.target: the index is the order metricsOf built.
        const m = /policy_metrics(?:\[|\.)(\d+)/.exec(path);
        const target = m ? metrics[Number(m[1])] : undefined;
        if (target) {
          cells[metricCellKey(target.metric, target.priority)] = list.map((x) => messageOf(t, x)).join('；');
        } else {
          rest[path] = list;
        }
      }
      const sorted = sortErrors(t, rest, 'sla_policy', 'filter');
      setErrors(sorted);
      setCellErrors(cells);
      form.setFields(Object.entries(sorted.fields).filter(([f]) => f === 'title' || f === 'description').map(([f, msg]) => ({ name: f as 'title', errors: [msg] })));
      const other = Object.entries(sorted.fields).filter(([f]) => f !== 'title' && f !== 'description');
      setAlert(other.length ? other.map(([, msg]) => msg).join('；') : t('admin.rules.editor.fixRows'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={draft !== null}
      onClose={onClose}
      size={960}
      destroyOnHidden
      title={draft?.id ? t('admin.rules.sla.editTitle') : t('admin.rules.sla.newTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('admin.kit.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} disabled={!definitions}>
            {t('admin.kit.save')}
          </Button>
        </Space>
      }
    >
      {alert ? <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} data-testid="editor-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item name="title" label={t('admin.rules.editor.title')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
          <Input placeholder={t('admin.rules.sla.titlePlaceholder')} maxLength={255} />
        </Form.Item>
        <Form.Item name="description" label={t('admin.rules.editor.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('admin.rules.editor.descriptionPlaceholder')} />
        </Form.Item>
      </Form>
      <Divider titlePlacement="start">{t('admin.rules.editor.conditions')}</Divider>
      <Typography.Paragraph type="secondary">{t('admin.rules.sla.conditionsHelp')}</Typography.Paragraph>
      {definitions ? <ConditionBuilder value={filter} onChange={setFilter} definitions={definitions} errors={errors.conditions} groupErrors={errors.conditionGroups} /> : null}
      <Divider titlePlacement="start">{t('admin.rules.sla.targets')}</Divider>
      <Typography.Paragraph type="secondary">{t('admin.rules.sla.targetsHelp')}</Typography.Paragraph>
      <SlaTargets value={targets} onChange={setTargets} errors={cellErrors} />
    </Drawer>
  );
}
