import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoveButtons } from '../kit/orderColumn';

export type OptionRow = { id?: number; name: string; value?: string };

/**
 * The options of a drop-down or multi-select: a name people read and a tag (the stored value
 * rules, views and the API use). A saved option's tag is fixed, so tickets keep their answer;
 * a removed option is retired by the server, not deleted. "a::b" names make a cascading list.
 */
export function FieldOptionsEditor() {
  const { t } = useTranslation();
  return (
    <Form.List
      name="custom_field_options"
      rules={[{ validator: async (_, rows: OptionRow[] | undefined) => (rows && rows.length > 0 ? undefined : Promise.reject(new Error(t('admin.fields.options.atLeastOne')))) }]}
    >
      {(rows, { add, remove, move }, { errors }) => (
        <div>
          <div style={{ display: 'grid', gridTemplateColumns: '28px 1fr 1fr 96px', gap: 8, marginBottom: 6 }}>
            <span />
            <Typography.Text type="secondary">{t('admin.fields.options.name')}</Typography.Text>
            <Typography.Text type="secondary">{t('admin.fields.options.tag')}</Typography.Text>
            <span />
          </div>
          {rows.map((row, index) => (
            <div key={row.key} style={{ display: 'grid', gridTemplateColumns: '28px 1fr 1fr 96px', gap: 8, alignItems: 'start' }}>
              <Typography.Text type="secondary" style={{ lineHeight: '32px', textAlign: 'right' }}>
                {index + 1}.
              </Typography.Text>
              <Form.Item name={[row.name, 'name']} rules={[{ required: true, whitespace: true, message: t('admin.fields.options.nameRequired') }]} style={{ marginBottom: 8 }}>
                <Input aria-label={t('admin.fields.options.nameOf', { n: index + 1 })} placeholder={t('admin.fields.options.namePlaceholder')} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const saved = getFieldValue(['custom_field_options', row.name, 'id']) !== undefined;
                  return (
                    <Form.Item name={[row.name, 'value']} style={{ marginBottom: 8 }} rules={[{ pattern: /^[^\s,]*$/, message: t('admin.fields.options.tagPattern') }]}>
                      <Input aria-label={t('admin.fields.options.tagOf', { n: index + 1 })} disabled={saved} placeholder={t('admin.fields.options.tagPlaceholder')} />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Space size={0}>
                <MoveButtons index={index} count={rows.length} onMove={(i, by) => move(i, i + by)} />
                <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('admin.fields.options.remove')} />
              </Space>
            </div>
          ))}
          <Space>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
              {t('admin.fields.options.add')}
            </Button>
            <BulkAdd onAdd={(names) => names.forEach((name) => add({ name }))} />
          </Space>
          <Form.ErrorList errors={errors} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {t('admin.fields.options.help')}
          </Typography.Paragraph>
        </div>
      )}
    </Form.List>
  );
}

/** Pasting a list is how people bring options over from a spreadsheet: one per line. */
function BulkAdd({ onAdd }: { onAdd: (names: string[]) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const apply = () => {
    onAdd(
      text
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    setText('');
    setOpen(false);
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('admin.fields.options.bulkTitle')}
      content={
        <Space direction="vertical" style={{ width: 280 }}>
          <Input.TextArea rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('admin.fields.options.bulkPlaceholder')} />
          <Button type="primary" size="small" onClick={apply} disabled={!text.trim()}>
            {t('admin.fields.options.bulkAdd')}
          </Button>
        </Space>
      }
    >
      <Button type="link">{t('admin.fields.options.bulk')}</Button>
    </Popover>
  );
}
