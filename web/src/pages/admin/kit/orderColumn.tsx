import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Space, type TableColumnType, Tooltip, Typography } from 'antd';

import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

type MoveProps = {
  index: number;
  count: number;
  onMove: (index: number, by: -1 | 1) => void;
  disabled?: boolean;
  /** Why the arrows are off, as their tooltip (e.g. a filtered list cannot be reordered). */
  disabledReason?: string;
};

/** The up and down arrows that move one item of an ordered list. */
export function MoveButtons({ index, count, onMove, disabled = false, disabledReason }: MoveProps) {
  const { t } = useTranslation();
  const arrow = (by: -1 | 1) => {
    const label = by === -1 ? t('admin.kit.moveUp') : t('admin.kit.moveDown');
    const edge = by === -1 ? index === 0 : index === count - 1;
    return (
      <Tooltip title={disabled && disabledReason ? disabledReason : label}>
        <Button size="small" type="text" aria-label={label} icon={by === -1 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} disabled={disabled || edge} onClick={() => onMove(index, by)} />
      </Tooltip>
    );
  };
  return (
    <Space size={0}>
      {arrow(-1)}
      {arrow(1)}
    </Space>
  );
}

/** An item's place in an ordered list (counted from 1), then its arrows. */
export function OrderCell(props: MoveProps) {
  return (
    <Space size={2}>
      <Typography.Text type="secondary" style={{ width: 22, display: 'inline-block', textAlign: 'right' }}>
        {props.index + 1}
      </Typography.Text>
      <MoveButtons {...props} />
    </Space>
  );
}

/**
 * The 顺序 column of a table whose rows run in order (views, triggers, SLA policies, fields):
 * `indexOf` finds a row in the whole list when the table shows only part of it.
 */
export function orderColumn<T>(
  t: TFunction,
  { count, onMove, indexOf, disabled, disabledReason }: { count: number; onMove: MoveProps['onMove']; indexOf?: (row: T) => number; disabled?: boolean; disabledReason?: string },
): TableColumnType<T> {
  return {
    title: t('admin.kit.order'),
    width: 110,
    render: (_: unknown, row: T, index: number) => <OrderCell index={indexOf ? indexOf(row) : index} count={count} onMove={onMove} disabled={disabled} disabledReason={disabledReason} />,
  };
}
