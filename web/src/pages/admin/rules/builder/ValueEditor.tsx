import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Definition } from '../types';
import { useRuleLabels } from './labels';
import { RemoteSelect } from './RemoteSelect';

const tagsOf = (v: string) => v.split(/[\s,，]+/).filter(Boolean);

/** The value part of a row, chosen by the definition's type: what an administrator would expect to pick. */
export function ValueEditor({ definition, value, onChange, status }: { definition: Definition; value: string; onChange: (v: string) => void; status?: 'error' }) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const d = definition;
  const wordLabel = (c: { value: string; title?: string }) => labels.value(d.subject, c);
  switch (d.type) {
    case 'list':
    case 'checkbox':
      return (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={d.values.some((c) => c.value === value) ? value : value || undefined}
          onChange={onChange}
          options={d.values.map((c) => ({ value: c.value, label: wordLabel(c) }))}
          placeholder={t('admin.rules.builder.choose')}
          status={status}
          style={{ width: '100%' }}
          data-testid="value-select"
        />
      );
    case 'user':
    case 'organization':
      return <RemoteSelect kind={d.type} value={value} onChange={onChange} words={d.values} wordLabel={wordLabel} status={status} />;
    case 'tags':
      return (
        <Select
          mode="tags"
          value={tagsOf(value)}
          onChange={(tags: string[]) => onChange(tags.flatMap(tagsOf).join(' '))}
          tokenSeparators={[' ', ',', '，']}
          open={false}
          suffixIcon={null}
          placeholder={t('admin.rules.builder.tagsPlaceholder')}
          status={status}
          style={{ width: '100%' }}
        />
      );
    case 'hours':
      return (
        <Space.Compact style={{ width: '100%' }}>
          <InputNumber min={0} max={100_000} value={value === '' ? null : Number(value)} onChange={(v) => onChange(v === null ? '' : String(v))} status={status} style={{ width: '100%' }} />
          <Space.Addon>{t('admin.rules.builder.hours')}</Space.Addon>
        </Space.Compact>
      );
    case 'number':
      return <InputNumber value={value === '' ? null : Number(value)} onChange={(v) => onChange(v === null ? '' : String(v))} status={status} style={{ width: '100%' }} />;
    case 'date':
      return <DatePicker value={value && dayjs(value).isValid() ? dayjs(value) : null} onChange={(v) => onChange(v ? v.format('YYYY-MM-DD') : '')} status={status} style={{ width: '100%' }} />;
    case 'textarea':
      return <Input.TextArea value={value} onChange={(e) => onChange(e.target.value)} autoSize={{ minRows: 3, maxRows: 10 }} status={status} />;
    default:
      return <Input value={value} onChange={(e) => onChange(e.target.value)} placeholder={d.subject.endsWith('_word') ? t('admin.rules.builder.wordsPlaceholder') : undefined} status={status} />;
  }
}
