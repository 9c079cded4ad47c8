import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConditionValue, CustomField, FormCondition } from './types';

/** A field that can decide what else shows: one with a fixed set of answers. */
export const canBeParent = (f: CustomField) => f.type === 'tagger' || f.type === 'multiselect' || f.type === 'checkbox';

/**
 * "When <field> is <value>, show <fields> (some of them required)": the conditions of one
 * audience (agents or customers), as the server models them. `errors` are the server's
 * messages per condition index.
 */
export function ConditionsEditor({
  conditions,
  onChange,
  formFields,
  errors,
  audience,
}: {
  conditions: FormCondition[];
  onChange: (next: FormCondition[]) => void;
  formFields: CustomField[];
  errors: Record<number, string[]>;
  audience: 'agent' | 'end_user';
}) {
  const { t } = useTranslation();
  const parents = formFields.filter(canBeParent);
  const byId = new Map(formFields.map((f) => [f.id, f]));
  const update = (i: number, change: Partial<FormCondition>) => onChange(conditions.map((c, n) => (n === i ? { ...c, ...change } : c)));
  const add = () => {
    const parent = parents[0];
    if (parent) {
      onChange([...conditions, { parent_field_id: parent.id, value: firstValue(parent), child_fields: [] }]);
    }
  };
  if (parents.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.fields.forms.noParents')} />;
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {conditions.length === 0 ? <Typography.Text type="secondary">{t(`admin.fields.forms.noConditions.${audience}`)}</Typography.Text> : null}
      {conditions.map((c, i) => {
        const parent = byId.get(c.parent_field_id);
        const children = formFields.filter((f) => f.id !== c.parent_field_id);
        const shown = c.child_fields.map((f) => f.id);
        return (
          <Card key={i} size="small" styles={{ body: { padding: 12 } }} data-testid={`condition-${audience}-${i}`}>
            <div style={{ display: 'grid', gridTemplateColumns: '40px 1fr 40px 1fr 32px', gap: 8, alignItems: 'center' }}>
              <Typography.Text strong>{t('admin.fields.forms.when')}</Typography.Text>
              <Select
                aria-label={t('admin.fields.forms.parentField')}
                value={c.parent_field_id}
                options={parents.map((f) => ({ value: f.id, label: f.title }))}
                onChange={(id: number) => {
                  const p = byId.get(id);
                  update(i, { parent_field_id: id, value: p ? firstValue(p) : '', child_fields: c.child_fields.filter((f) => f.id !== id) });
                }}
              />
              <Typography.Text strong style={{ textAlign: 'center' }}>
                {t('admin.fields.forms.is')}
              </Typography.Text>
              <ValuePicker field={parent} value={c.value} onChange={(value) => update(i, { value })} />
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('admin.fields.forms.removeCondition')} onClick={() => onChange(conditions.filter((_, n) => n !== i))} />
              <Typography.Text strong>{t('admin.fields.forms.show')}</Typography.Text>
              <div style={{ gridColumn: '2 / 5' }}>
                <Select
                  mode="multiple"
                  aria-label={t('admin.fields.forms.childFields')}
                  style={{ width: '100%' }}
                  placeholder={t('admin.fields.forms.childPlaceholder')}
                  value={shown}
                  options={children.map((f) => ({ value: f.id, label: f.title }))}
                  onChange={(ids: number[]) => update(i, { child_fields: ids.map((id) => ({ id, is_required: c.child_fields.find((f) => f.id === id)?.is_required ?? false })) })}
                />
              </div>
              <span />
              <Typography.Text type="secondary">{t('admin.fields.forms.requiredShort')}</Typography.Text>
              <div style={{ gridColumn: '2 / 5' }}>
                <Select
                  mode="multiple"
                  aria-label={t('admin.fields.forms.requiredChildren')}
                  style={{ width: '100%' }}
                  placeholder={t('admin.fields.forms.requiredPlaceholder')}
                  disabled={shown.length === 0}
                  value={c.child_fields.filter((f) => f.is_required).map((f) => f.id)}
                  options={c.child_fields.map((f) => ({ value: f.id, label: byId.get(f.id)?.title ?? `#${f.id}` }))}
                  onChange={(ids: number[]) => update(i, { child_fields: c.child_fields.map((f) => ({ id: f.id, is_required: ids.includes(f.id) })) })}
                />
              </div>
            </div>
            {errors[i]?.length ? <Alert type="error" showIcon style={{ marginTop: 8 }} title={errors[i].join('；')} /> : null}
          </Card>
        );
      })}
      <Button type="dashed" icon={<PlusOutlined />} onClick={add} block>
        {t('admin.fields.forms.addCondition')}
      </Button>
    </Space>
  );
}

function firstValue(f: CustomField): ConditionValue {
  return f.type === 'checkbox' ? true : (f.custom_field_options?.[0]?.value ?? '');
}

function ValuePicker({ field, value, onChange }: { field: CustomField | undefined; value: ConditionValue; onChange: (v: ConditionValue) => void }) {
  const { t } = useTranslation();
  if (field?.type === 'checkbox') {
    return (
      <Select
        aria-label={t('admin.fields.forms.value')}
        value={value === true || value === 'true'}
        onChange={(v: boolean) => onChange(v)}
        options={[
          { value: true, label: t('admin.fields.forms.checked') },
          { value: false, label: t('admin.fields.forms.unchecked') },
        ]}
      />
    );
  }
  if (field?.custom_field_options) {
    return <Select aria-label={t('admin.fields.forms.value')} value={String(value)} onChange={(v: string) => onChange(v)} options={field.custom_field_options.map((o) => ({ value: o.value, label: o.name }))} />;
  }
  return <Input aria-label={t('admin.fields.forms.value')} value={String(value)} onChange={(e) => onChange(e.target.value)} />;
}
