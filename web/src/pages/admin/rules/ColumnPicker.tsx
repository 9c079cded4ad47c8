import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, List, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { MoveButtons } from '../kit/orderColumn';
import { move } from '../kit/reorder';

/** A view's columns: the chosen ones in their order, moved with arrows, and a picker for the rest. */
export function ColumnPicker({ value = [], onChange, available }: { value?: string[]; onChange?: (v: string[]) => void; available: string[] }) {
  const { t } = useTranslation();
  const name = (c: string) => t(`admin.rules.views.columnNames.${c}`, { defaultValue: c });
  const rest = available.filter((c) => !value.includes(c));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        bordered
        dataSource={value}
        data-testid="view-columns"
        renderItem={(c, i) => (
          <List.Item
            actions={[
              <MoveButtons key="move" index={i} count={value.length} onMove={(index, by) => onChange?.(move(value, index, by))} />,
              <Button key="remove" size="small" type="text" icon={<CloseOutlined />} aria-label={t('admin.rules.builder.removeRow')} disabled={value.length === 1} onClick={() => onChange?.(value.filter((x) => x !== c))} />,
            ]}
          >
            {name(c)}
          </List.Item>
        )}
      />
      {rest.length ? (
        <Select<string>
          value={null}
          placeholder={
            <Space size={4}>
              <PlusOutlined />
              {t('admin.rules.views.addColumn')}
            </Space>
          }
          options={rest.map((c) => ({ value: c, label: name(c) }))}
          onChange={(c) => onChange?.([...value, c])}
          style={{ width: 220 }}
        />
      ) : null}
    </Space>
  );
}
