import { CloseOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Empty, Form, Input, Row, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../components/form-errors';
import { MoveButtons } from '../kit/orderColumn';
import { move } from '../kit/reorder';
import { ConditionsEditor } from './ConditionsEditor';
import { FieldTypeLabel } from './field-types';
import type { CustomField, FormCondition, TicketForm, TicketFormInput } from './types';

type Basics = { name: string; display_name: string; active: boolean; end_user_visible: boolean; default: boolean };
type Group = 'agent_conditions' | 'end_user_conditions';
type ConditionErrors = Record<Group, Record<number, string[]>>;

const noErrors: ConditionErrors = { agent_conditions: {}, end_user_conditions: {} };

/** Server paths such as ticket_form.agent_conditions[0].child_fields[1].id, read back to the condition they belong to. */
function splitErrors(error: ApiError): { conditions: ConditionErrors; rest: string[] } {
  const conditions: ConditionErrors = { agent_conditions: {}, end_user_conditions: {} };
  const rest: string[] = [];
  for (const [path, list] of Object.entries(error.details)) {
    const m = /^ticket_form\.(agent_conditions|end_user_conditions)\[(\d+)\]/.exec(path);
    const messages = list.map((e) => e.description);
    if (m) {
      const group = m[1] as Group;
      const index = Number(m[2]);
      conditions[group][index] = [...(conditions[group][index] ?? []), ...messages];
    } else if (path.startsWith('ticket_form.ticket_field_ids')) {
      rest.push(...messages);
    }
  }
  return { conditions, rest };
}

/**
 * Creates or edits a ticket form: its names, which fields it holds and in what order, and
 * the conditions that show further fields to agents and to customers.
 */
export function FormEditor({ form: editing, fields, open, onClose, onSaved }: { form: TicketForm | null; fields: CustomField[]; open: boolean; onClose: () => void; onSaved: (f: TicketForm) => void }) {
  const { t } = useTranslation();
  const [basics] = Form.useForm<Basics>();
  const [fieldIds, setFieldIds] = useState<number[]>([]);
  const [agent, setAgent] = useState<FormCondition[]>([]);
  const [endUser, setEndUser] = useState<FormCondition[]>([]);
  const [errors, setErrors] = useState<ConditionErrors>(noErrors);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setFieldIds(editing?.ticket_field_ids ?? []);
      setAgent(editing?.agent_conditions ?? []);
      setEndUser(editing?.end_user_conditions ?? []);
      setErrors(noErrors);
      setAlert(null);
      basics.setFieldsValue({ name: editing?.name ?? '', display_name: editing?.display_name ?? '', active: editing?.active ?? true, end_user_visible: editing?.end_user_visible ?? true, default: editing?.default ?? false });
    }
  }, [open, editing, basics]);

  const byId = new Map(fields.map((f) => [f.id, f]));
  const onForm = fieldIds.map((id) => byId.get(id)).filter((f): f is CustomField => f !== undefined);
  const available = fields.filter((f) => f.active && !fieldIds.includes(f.id));
  const remove = (id: number) => {
    setFieldIds(fieldIds.filter((f) => f !== id));
    // A condition about a field that left the form cannot stand.
    const prune = (list: FormCondition[]) => list.filter((c) => c.parent_field_id !== id).map((c) => ({ ...c, child_fields: c.child_fields.filter((f) => f.id !== id) }));
    setAgent(prune(agent));
    setEndUser(prune(endUser));
  };

  const save = async (b: Basics) => {
    setBusy(true);
    setAlert(null);
    setErrors(noErrors);
    const input: Omit<TicketFormInput, 'position'> = {
      name: b.name,
      display_name: b.display_name.trim() || b.name,
      active: b.active,
      end_user_visible: b.end_user_visible,
      default: b.default,
      ticket_field_ids: fieldIds,
      agent_conditions: agent,
      end_user_conditions: endUser,
    };
    try {
      const res = editing ? await api<{ ticket_form: TicketForm }>('PUT', `/api/v2/ticket_forms/${editing.id}`, { ticket_form: input }) : await api<{ ticket_form: TicketForm }>('POST', '/api/v2/ticket_forms', { ticket_form: input });
      onSaved(res.ticket_form);
    } catch (e) {
      const leftover = applyApiError(basics, e, t, { 'ticket_form.name': 'name', 'ticket_form.display_name': 'display_name' });
      if (e instanceof ApiError) {
        const split = splitErrors(e);
        setErrors(split.conditions);
        const conditionCount = Object.keys(split.conditions.agent_conditions).length + Object.keys(split.conditions.end_user_conditions).length;
        setAlert(split.rest.length ? split.rest.join('；') : conditionCount ? t('admin.fields.forms.fixConditions') : leftover);
      } else {
        setAlert(leftover);
      }
    } finally {
      setBusy(false);
    }
  };

  const count = (list: FormCondition[]) => (list.length ? <Tag style={{ marginInlineStart: 6 }}>{list.length}</Tag> : null);
  return (
    <Drawer
      title={editing ? t('admin.fields.forms.editTitle', { name: editing.name }) : t('admin.fields.forms.createTitle')}
      open={open}
      onClose={onClose}
      size={920}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('admin.kit.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => basics.submit()}>
            {t('admin.kit.save')}
          </Button>
        </Space>
      }
    >
      {alert ? <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} /> : null}
      <Form<Basics> form={basics} layout="vertical" onFinish={(v) => void save(v)} requiredMark="optional">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('admin.fields.forms.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
              <Input maxLength={255} placeholder={t('admin.fields.forms.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="display_name" label={t('admin.fields.forms.displayName')} extra={t('admin.fields.forms.displayNameHelp')}>
              <Input maxLength={255} />
            </Form.Item>
          </Col>
        </Row>
        <Space size={32} style={{ marginBottom: 8 }}>
          <Form.Item name="active" valuePropName="checked" noStyle>
            <LabeledSwitch label={t('admin.fields.forms.active')} />
          </Form.Item>
          <Form.Item name="end_user_visible" valuePropName="checked" noStyle>
            <LabeledSwitch label={t('admin.fields.forms.endUserVisible')} />
          </Form.Item>
          <Form.Item name="default" valuePropName="checked" noStyle>
            <LabeledSwitch label={t('admin.fields.forms.default')} />
          </Form.Item>
        </Space>
      </Form>

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('admin.fields.forms.fieldsTitle')}
      </Typography.Title>
      <Row gutter={16}>
        <Col span={14}>
          <div style={{ border: '1px solid #f0f0f0', borderRadius: 8 }} data-testid="form-fields">
            <FieldRow muted>
              <Space>
                <LockOutlined />
                {t('admin.fields.forms.systemFields')}
              </Space>
            </FieldRow>
            {onForm.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.fields.forms.noFields')} style={{ margin: '16px 0' }} /> : null}
            {onForm.map((f, i) => (
              <FieldRow key={f.id}>
                <Space>
                  <Typography.Text type="secondary" style={{ width: 20, display: 'inline-block', textAlign: 'right' }}>
                    {i + 1}
                  </Typography.Text>
                  <span>{f.title}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <FieldTypeLabel type={f.type} />
                  </Typography.Text>
                  {!f.active ? <Tag>{t('admin.kit.inactive')}</Tag> : null}
                </Space>
                <Space size={0}>
                  <MoveButtons index={i} count={onForm.length} onMove={(index, by) => setFieldIds(move(onForm, index, by).map((x) => x.id))} />
                  <Button type="text" size="small" icon={<CloseOutlined />} onClick={() => remove(f.id)} aria-label={t('admin.fields.forms.removeField', { name: f.title })} />
                </Space>
              </FieldRow>
            ))}
          </div>
        </Col>
        <Col span={10}>
          <Typography.Text type="secondary">{t('admin.fields.forms.available')}</Typography.Text>
          <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {available.length === 0 ? <Typography.Text type="secondary">{t('admin.fields.forms.allAdded')}</Typography.Text> : null}
            {available.map((f) => (
              <Button key={f.id} size="small" icon={<PlusOutlined />} onClick={() => setFieldIds([...fieldIds, f.id])} aria-label={t('admin.fields.forms.addField', { name: f.title })}>
                {f.title}
              </Button>
            ))}
          </div>
        </Col>
      </Row>

      <Typography.Title level={5} style={{ marginTop: 24, marginBottom: 4 }}>
        {t('admin.fields.forms.conditionsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.fields.forms.conditionsHelp')}</Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'agent',
            label: (
              <span>
                {t('admin.fields.forms.agentConditions')}
                {count(agent)}
              </span>
            ),
            children: <ConditionsEditor audience="agent" conditions={agent} onChange={setAgent} formFields={onForm} errors={errors.agent_conditions} />,
          },
          {
            key: 'end_user',
            label: (
              <span>
                {t('admin.fields.forms.endUserConditions')}
                {count(endUser)}
              </span>
            ),
            children: <ConditionsEditor audience="end_user" conditions={endUser} onChange={setEndUser} formFields={onForm.filter((f) => f.visible_in_portal)} errors={errors.end_user_conditions} />,
          },
        ]}
      />
    </Drawer>
  );
}

function FieldRow({ children, muted }: { children: ReactNode; muted?: boolean }) {
  return <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '8px 12px', borderBottom: '1px solid #f0f0f0', background: muted ? '#fafafa' : undefined, color: muted ? '#8c8c8c' : undefined }}>{children}</div>;
}

function LabeledSwitch({ label, checked, onChange }: { label: string; checked?: boolean; onChange?: (v: boolean) => void }) {
  return (
    <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', cursor: 'pointer' }}>
      <Switch size="small" checked={checked} onChange={onChange} aria-label={label} />
      {label}
    </label>
  );
}
