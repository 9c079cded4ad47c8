import { Checkbox, DatePicker, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { asText, optionLabel } from './labels';
import type { TicketField } from './types';

type Props = { field: TicketField; value?: unknown; onChange?: (value: unknown) => void; id?: string; disabled?: boolean };

/**
 * The editor for one custom field, by its type; a Form.Item's child, so it takes and gives
 * the value in the API's shape (dates as YYYY-MM-DD, numbers as numbers, options by value).
 */
export function FieldInput({ field, value, onChange, id, disabled }: Props) {
  const { t } = useTranslation();
  const change = (v: unknown) => onChange?.(v);
  const text = value === null || value === undefined ? '' : asText(value);
  switch (field.type) {
    case 'text':
    case 'regexp':
      return <Input id={id} disabled={disabled} value={text} onChange={(e) => change(e.target.value)} maxLength={255} placeholder={field.type === 'regexp' && field.regexp_for_validation ? t('customFields.patternHint') : undefined} />;
    case 'url':
      return <Input id={id} disabled={disabled} value={text} onChange={(e) => change(e.target.value)} inputMode="url" placeholder="https://" />;
    case 'textarea':
      return <Input.TextArea id={id} disabled={disabled} value={text} onChange={(e) => change(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} />;
    case 'integer':
    case 'decimal':
      return (
        <InputNumber
          id={id}
          disabled={disabled}
          style={{ width: '100%' }}
          value={typeof value === 'number' ? value : null}
          precision={field.type === 'integer' ? 0 : undefined}
          onChange={(v) => change(v)}
        />
      );
    case 'date':
      return (
        <DatePicker
          id={id}
          disabled={disabled}
          style={{ width: '100%' }}
          value={typeof value === 'string' && value ? dayjs(value) : null}
          onChange={(d) => change(d ? d.format('YYYY-MM-DD') : null)}
          placeholder={t('customFields.pickDate')}
        />
      );
    case 'checkbox':
      return (
        <Checkbox id={id} disabled={disabled} checked={value === true} onChange={(e) => change(e.target.checked)}>
          {t('customFields.yes')}
        </Checkbox>
      );
    case 'tagger':
    case 'multiselect': {
      const options = (field.custom_field_options ?? []).map((o) => ({ value: o.value, label: optionLabel(o.name) }));
      // A retired option stays shown where it is still the answer, so saving keeps it.
      const kept = (field.retired_options ?? []).filter((o) => (Array.isArray(value) ? value.includes(o.value) : value === o.value)).map((o) => ({ value: o.value, label: optionLabel(o.name) }));
      return (
        <Select
          id={id}
          disabled={disabled}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          mode={field.type === 'multiselect' ? 'multiple' : undefined}
          value={field.type === 'multiselect' ? (Array.isArray(value) ? value : []) : (value ?? undefined)}
          onChange={(v: unknown) => change(v ?? null)}
          options={[...options, ...kept]}
          placeholder={t('customFields.choose')}
        />
      );
    }
  }
}
