import {
  AlignLeftOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CodeOutlined,
  DownSquareOutlined,
  FieldNumberOutlined,
  FontSizeOutlined,
  LinkOutlined,
  NumberOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldType } from './types';

/** One icon per field type, so a long list of fields reads at a glance. */
export const fieldTypeIcons: Record<FieldType, ReactNode> = {
  text: <FontSizeOutlined />,
  textarea: <AlignLeftOutlined />,
  tagger: <DownSquareOutlined />,
  multiselect: <UnorderedListOutlined />,
  checkbox: <CheckSquareOutlined />,
  date: <CalendarOutlined />,
  integer: <NumberOutlined />,
  decimal: <FieldNumberOutlined />,
  regexp: <CodeOutlined />,
  url: <LinkOutlined />,
};

export function FieldTypeLabel({ type }: { type: FieldType }) {
  const { t } = useTranslation();
  return (
    <Space size={6}>
      <span style={{ color: '#8c8c8c' }}>{fieldTypeIcons[type]}</span>
      {t(`admin.fields.types.${type}`)}
    </Space>
  );
}
