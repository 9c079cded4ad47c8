import { Alert, Button, Col, Divider, Drawer, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { useMe } from '../../../api/hooks';
import { AudienceField } from './AudienceField';
import { ConditionBuilder } from './builder/ConditionBuilder';
import { type SortedErrors, sortErrors } from './builder/server-errors';
import { ColumnPicker } from './ColumnPicker';
import type { Conditions, Definition } from './types';
import { type Audience, audienceOf, restrictionOf, type Restriction } from './use-groups';

export type ViewRecord = {
  id: number;
  title: string;
  description: string;
  active: boolean;
  position: number;
  default: boolean;
  restriction: Restriction;
  conditions: Conditions;
  execution: { columns: { id: string }[]; sort_by: string; sort_order: 'asc' | 'desc' };
  updated_at: string;
};
export type ViewDefinitions = { definitions: { conditions_all: Definition[]; columns: { value: string }[]; sort_by: { value: string }[] } };
export type ViewDraft = { id?: number; view: Partial<ViewRecord> };

type Values = { title: string; description: string; active: boolean; audience: Audience; group_ids: number[]; columns: string[]; sort_by: string; sort_order: 'asc' | 'desc' };

const noErrors: SortedErrors = { conditions: {}, conditionGroups: {}, actions: {}, actionsWhole: null, fields: {} };
const PREVIEW_SIZE = 100;

/** A view: which tickets (conditions), how they show (columns, sort) and who sees it; with a live count. */
export function ViewEditor({
  draft,
  definitions,
  personalOnly = false,
  onClose,
  onSaved,
}: {
  draft: ViewDraft | null;
  definitions: ViewDefinitions['definitions'] | undefined;
  /** An agent's own view: the audience is fixed to "only me". */
  personalOnly?: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [conditions, setConditions] = useState<Conditions>({ all: [], any: [] });
  const [errors, setErrors] = useState<SortedErrors>(noErrors);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ state: 'idle' | 'busy' | 'failed' } | { state: 'done'; count: number; more: boolean }>({ state: 'idle' });

  useEffect(() => {
    if (draft) {
      const v = draft.view;
      const r = v.restriction ?? null;
      form.setFieldsValue({
        title: v.title ?? '',
        description: v.description ?? '',
        active: v.active ?? true,
        audience: personalOnly ? 'personal' : audienceOf(r),
        group_ids: r?.type === 'Group' ? r.ids : [],
        columns: v.execution?.columns.map((c) => c.id) ?? ['status', 'subject', 'requester', 'updated', 'assignee'],
        sort_by: v.execution?.sort_by ?? 'updated_at',
        sort_order: v.execution?.sort_order ?? 'desc',
      });
      setConditions(v.conditions ?? { all: [{ field: 'status', operator: 'less_than', value: 'solved' }], any: [] });
      setErrors(noErrors);
      setAlert(null);
      setPreview({ state: 'idle' });
    }
  }, [draft, form, personalOnly]);

  const runPreview = async () => {
    setPreview({ state: 'busy' });
    try {
      const res = await api<{ rows: unknown[]; meta: { has_more: boolean } }>('POST', `/api/v2/views/preview?page[size]=${PREVIEW_SIZE}`, { view: { conditions } });
      setPreview({ state: 'done', count: res.rows.length, more: res.meta.has_more });
    } catch (e) {
      setPreview({ state: 'failed' });
      if (e instanceof ApiError && Object.keys(e.details).length) {
        setErrors(sortErrors(t, e.details, 'view'));
      }
    }
  };

  const save = async (v: Values) => {
    setBusy(true);
    setAlert(null);
    setErrors(noErrors);
    try {
      const body = {
        view: {
          title: v.title,
          description: v.description ?? '',
          active: v.active,
          restriction: restrictionOf(v.audience, v.group_ids, me.data?.id),
          conditions,
          execution: { columns: v.columns, sort_by: v.sort_by, sort_order: v.sort_order },
        },
      };
      await api(draft?.id ? 'PUT' : 'POST', draft?.id ? `/api/v2/views/${draft.id}` : '/api/v2/views', body);
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.details).length) {
        const sorted = sortErrors(t, e.details, 'view');
        setErrors(sorted);
        const known: Record<string, keyof Values> = { title: 'title', description: 'description', 'execution.columns': 'columns', 'execution.sort_by': 'sort_by', restriction: v.audience === 'groups' ? 'group_ids' : 'audience' };
        const placed = Object.entries(sorted.fields).filter(([f]) => Object.keys(known).some((k) => f.startsWith(k)));
        form.setFields(placed.map(([f, m]) => ({ name: known[Object.keys(known).find((k) => f.startsWith(k)) ?? 'title'] ?? 'title', errors: [m] })));
        const rest = Object.entries(sorted.fields).filter(([f]) => !placed.some(([p]) => p === f));
        setAlert(rest.length ? rest.map(([, m]) => m).join('；') : t('admin.rules.editor.fixRows'));
      } else {
        setAlert(e instanceof ApiError ? e.description : t('errors.network'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={draft !== null}
      onClose={onClose}
      size={900}
      destroyOnHidden
      title={draft?.id ? t('admin.rules.views.editTitle') : t('admin.rules.views.newTitle')}
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
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false} initialValues={{ active: true, audience: 'everyone', group_ids: [] }}>
        <Space align="start" style={{ width: '100%' }} styles={{ item: { flex: 1 } }}>
          <Form.Item name="title" label={t('admin.rules.editor.title')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input placeholder={t('admin.rules.views.titlePlaceholder')} maxLength={255} />
          </Form.Item>
          <Form.Item name="active" label={t('admin.rules.editor.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <AudienceField kind="views" personalOnly={personalOnly} />
        <Divider titlePlacement="start">{t('admin.rules.editor.conditions')}</Divider>
        <Typography.Paragraph type="secondary">{t('admin.rules.views.conditionsHelp')}</Typography.Paragraph>
        {definitions ? <ConditionBuilder value={conditions} onChange={setConditions} definitions={definitions.conditions_all} errors={errors.conditions} groupErrors={errors.conditionGroups} /> : null}
        <Space style={{ marginTop: 12 }} data-testid="view-preview">
          <Button onClick={() => void runPreview()} loading={preview.state === 'busy'}>
            {t('admin.rules.views.preview')}
          </Button>
          {preview.state === 'done' ? (
            <Typography.Text>{preview.count === 0 ? t('admin.rules.views.previewEmpty') : preview.more ? t('admin.rules.views.previewMore', { count: preview.count }) : t('admin.rules.views.previewCount', { count: preview.count })}</Typography.Text>
          ) : null}
          {preview.state === 'failed' ? <Typography.Text type="danger">{t('admin.rules.views.previewFailed')}</Typography.Text> : null}
        </Space>
        <Divider titlePlacement="start">{t('admin.rules.views.columns')}</Divider>
        <Row gutter={24}>
          <Col span={12}>
            <Form.Item name="columns" extra={t('admin.rules.views.columnsHelp')}>
              <ColumnPicker available={definitions?.columns.map((c) => c.value) ?? []} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('admin.rules.views.sortBy')}>
              <Space.Compact>
                <Form.Item name="sort_by" noStyle>
                  <Select style={{ width: 160 }} options={(definitions?.sort_by ?? []).map((s) => ({ value: s.value, label: t(`admin.rules.views.sortNames.${s.value}`, { defaultValue: s.value }) }))} />
                </Form.Item>
                <Form.Item name="sort_order" noStyle>
                  <Select
                    style={{ width: 110 }}
                    options={[
                      { value: 'desc', label: t('admin.rules.views.desc') },
                      { value: 'asc', label: t('admin.rules.views.asc') },
                    ]}
                  />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
            <Form.Item name="description" label={t('admin.rules.editor.description')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('admin.rules.editor.descriptionPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
