import { Col, Divider, Form, type FormInstance, Input, Radio, Row, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import { fieldTypeIcons } from './field-types';
import { FieldOptionsEditor, type OptionRow } from './FieldOptionsEditor';
import { type CustomField, FIELD_TYPES, type FieldEntity, fieldResources, type FieldType, hasOptions } from './types';

type Values = {
  type: FieldType;
  title: string;
  title_en: string;
  key: string;
  description: string;
  regexp_for_validation: string;
  custom_field_options: OptionRow[];
  active: boolean;
  required_on_create: boolean;
  required: boolean;
  visible_in_portal: boolean;
  editable_in_portal: boolean;
  required_in_portal: boolean;
};

/** Each form name is where the server's errors for `<resource>.<name>` land. */
const names = ['type', 'title', 'key', 'description', 'regexp_for_validation', 'custom_field_options', 'active', 'required', 'required_on_create', 'visible_in_portal', 'editable_in_portal', 'required_in_portal'];

function initialValues(field: CustomField | null): Values {
  return {
    type: field?.type ?? 'text',
    title: field?.titles['zh-CN'] ?? field?.raw_title ?? '',
    title_en: field && field.titles.en !== field.titles['zh-CN'] ? (field.titles.en ?? '') : '',
    key: field?.key ?? '',
    description: field?.descriptions['zh-CN'] ?? field?.description ?? '',
    regexp_for_validation: field?.regexp_for_validation ?? '',
    custom_field_options: field?.custom_field_options?.map((o) => ({ id: o.id, name: o.name, value: o.value })) ?? [],
    active: field?.active ?? true,
    required_on_create: field?.required_on_create ?? false,
    required: field?.required ?? false,
    visible_in_portal: field?.visible_in_portal ?? false,
    editable_in_portal: field?.editable_in_portal ?? false,
    required_in_portal: field?.required_in_portal ?? false,
  };
}

function body(entity: FieldEntity, v: Values, creating: boolean) {
  const options = hasOptions(v.type) ? v.custom_field_options.map((o) => ({ ...(o.id !== undefined ? { id: o.id } : {}), name: o.name, ...(o.value?.trim() && o.id === undefined ? { value: o.value.trim() } : {}) })) : undefined;
  return {
    ...(creating ? { type: v.type } : {}),
    title: v.title,
    // English falls back to the Chinese name until someone translates it.
    titles: { en: v.title_en.trim() || v.title },
    description: v.description,
    ...(entity !== 'ticket' ? { key: v.key } : {}),
    active: v.active,
    ...(v.type === 'regexp' ? { regexp_for_validation: v.regexp_for_validation } : {}),
    ...(options ? { custom_field_options: options } : {}),
    ...(entity === 'ticket'
      ? {
          required_on_create: v.required_on_create,
          required: v.required,
          visible_in_portal: v.visible_in_portal,
          editable_in_portal: v.visible_in_portal && v.editable_in_portal,
          required_in_portal: v.visible_in_portal && v.editable_in_portal && v.required_in_portal,
        }
      : {}),
  };
}

/** Creates or edits one custom field of any type the server knows. */
export function FieldEditor({ entity, field, open, onClose, onSaved }: { entity: FieldEntity; field: CustomField | null; open: boolean; onClose: () => void; onSaved: (f: CustomField) => void }) {
  const { t } = useTranslation();
  const r = fieldResources[entity];
  const creating = field === null;
  const aliases: Record<string, string> = Object.fromEntries([...names.map((n): [string, string] => [`${r.one}.${n}`, n]), [`${r.one}.titles.en`, 'title_en'], [`${r.one}.titles`, 'title_en']]);
  const save = async (v: Values) => {
    const payload = { [r.one]: body(entity, v, creating) };
    const res = creating ? await api<Record<string, CustomField>>('POST', `/api/v2/${r.path}`, payload) : await api<Record<string, CustomField>>('PUT', `/api/v2/${r.path}/${field.id}`, payload);
    const saved = res[r.one];
    if (saved) {
      onSaved(saved);
    }
  };
  return (
    <FormModal<Values>
      title={creating ? t('admin.fields.createTitle') : t('admin.fields.editTitle', { name: field.title })}
      open={open}
      width={760}
      initialValues={initialValues(field)}
      onCancel={onClose}
      onSubmit={save}
      aliases={aliases}
    >
      {(form) => <FieldFormBody form={form} entity={entity} creating={creating} />}
    </FormModal>
  );
}

function FieldFormBody({ form, entity, creating }: { form: FormInstance<Values>; entity: FieldEntity; creating: boolean }) {
  const { t } = useTranslation();
  const type = Form.useWatch('type', form) ?? 'text';
  const visible = Form.useWatch('visible_in_portal', form) ?? false;
  const editable = Form.useWatch('editable_in_portal', form) ?? false;
  return (
    <>
      <Form.Item name="type" label={t('admin.fields.type')} hidden={!creating} rules={[{ required: true }]}>
        <Radio.Group style={{ width: '100%' }}>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', gap: 8 }}>
            {FIELD_TYPES.map((ft) => (
              <Radio.Button key={ft} value={ft} style={{ height: 'auto', padding: '8px 4px', textAlign: 'center', borderRadius: 6, borderInlineStartWidth: 1, lineHeight: 1.4 }}>
                <div style={{ fontSize: 18 }}>{fieldTypeIcons[ft]}</div>
                <div style={{ fontSize: 12 }}>{t(`admin.fields.types.${ft}`)}</div>
              </Radio.Button>
            ))}
          </div>
        </Radio.Group>
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ marginTop: creating ? -12 : 0 }}>
        {!creating ? `${t('admin.fields.type')}：${t(`admin.fields.types.${type}`)} · ` : null}
        {t(`admin.fields.typeHelp.${type}`)}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="title" label={t('admin.fields.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input maxLength={255} placeholder={t('admin.fields.namePlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="title_en" label={t('admin.fields.nameEn')} extra={t('admin.fields.nameEnHelp')}>
            <Input maxLength={255} placeholder="Product line" />
          </Form.Item>
        </Col>
      </Row>
      {entity !== 'ticket' ? (
        <Form.Item name="key" label={t('admin.fields.key')} extra={t('admin.fields.keyHelp')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input placeholder="member_level" disabled={!creating} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      ) : null}
      <Form.Item name="description" label={t('admin.fields.description')} extra={entity === 'ticket' ? t('admin.fields.descriptionHelp') : undefined}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {type === 'regexp' ? (
        <Form.Item name="regexp_for_validation" label={t('admin.fields.pattern')} extra={t('admin.fields.patternHelp')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input placeholder="^\d{8,14}$" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      ) : null}
      {hasOptions(type) ? (
        <Form.Item label={t('admin.fields.options.title')} required>
          <FieldOptionsEditor />
        </Form.Item>
      ) : null}
      {entity === 'ticket' ? (
        <>
          <Divider titlePlacement="start" plain style={{ marginTop: 8 }}>
            {t('admin.fields.forAgents')}
          </Divider>
          <Row gutter={16}>
            <Col span={12}>
              <SwitchItem name="required_on_create" label={t('admin.fields.requiredOnCreate')} />
            </Col>
            <Col span={12}>
              <SwitchItem name="required" label={t('admin.fields.requiredToSolve')} />
            </Col>
          </Row>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
            {t('admin.fields.forCustomers')}
          </Divider>
          <Row gutter={16}>
            <Col span={8}>
              <SwitchItem name="visible_in_portal" label={t('admin.fields.visibleInPortal')} />
            </Col>
            <Col span={8}>
              <SwitchItem name="editable_in_portal" label={t('admin.fields.editableInPortal')} disabled={!visible} />
            </Col>
            <Col span={8}>
              <SwitchItem name="required_in_portal" label={t('admin.fields.requiredInPortal')} disabled={!visible || !editable} />
            </Col>
          </Row>
        </>
      ) : null}
      <Divider style={{ margin: '0 0 16px' }} />
      <SwitchItem name="active" label={t('admin.fields.activeLabel')} extra={t('admin.fields.activeHelp')} />
    </>
  );
}

function SwitchItem({ name, label, disabled, extra }: { name: keyof Values; label: string; disabled?: boolean; extra?: string }) {
  return (
    <Form.Item name={name} valuePropName="checked" style={{ marginBottom: 12 }} extra={extra}>
      <SwitchWithLabel label={label} disabled={disabled} />
    </Form.Item>
  );
}

/** A switch with its words beside it (clickable), as settings pages lay them out. */
function SwitchWithLabel({ label, disabled, checked, onChange }: { label: string; disabled?: boolean; checked?: boolean; onChange?: (v: boolean) => void }) {
  return (
    <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', cursor: disabled ? 'not-allowed' : 'pointer', color: disabled ? '#bfbfbf' : undefined }}>
      <Switch size="small" checked={checked} onChange={onChange} disabled={disabled} aria-label={label} />
      {label}
    </label>
  );
}
