import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { AdminSection } from './AdminSection';
import { LoadFailed } from './LoadFailed';

/**
 * A settings section that is a list: its frame, the "new" button (beside any other actions),
 * an optional search box and count above the list, and the load failure in place of the list.
 */
export function AdminList({
  title,
  help,
  newLabel,
  onNew,
  newDisabled,
  actions,
  search,
  count,
  toolbar,
  failed,
  onRetry,
  dialogs,
  children,
}: {
  title: ReactNode;
  help?: ReactNode;
  /** Without it the section has no "new" button (a reader who may not create). */
  newLabel?: string;
  onNew?: () => void;
  newDisabled?: boolean;
  actions?: ReactNode;
  search?: { placeholder: string; onSearch: (query: string) => void; width?: number };
  count?: ReactNode;
  /** Shown where the search box would be (a filter such as 全部 / 共享 / 个人). */
  toolbar?: ReactNode;
  failed?: boolean;
  onRetry?: () => unknown;
  /** The section's editors and drawers: mounted whether or not the list loaded. */
  dialogs?: ReactNode;
  children: ReactNode;
}) {
  const create =
    newLabel && onNew ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={onNew} disabled={newDisabled}>
        {newLabel}
      </Button>
    ) : null;
  return (
    <AdminSection
      title={title}
      help={help}
      extra={
        actions ? (
          <Space>
            {actions}
            {create}
          </Space>
        ) : (
          create
        )
      }
    >
      {search || toolbar || count !== undefined ? (
        <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
          {search ? (
            <Input.Search
              allowClear
              enterButton
              placeholder={search.placeholder}
              aria-label={search.placeholder}
              style={{ maxWidth: search.width ?? 380 }}
              onSearch={(v) => search.onSearch(v.trim())}
            />
          ) : null}
          {toolbar}
          {count !== undefined && count !== null ? (
            <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
              {count}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : null}
      {failed ? <LoadFailed onRetry={onRetry ?? (() => undefined)} /> : children}
      {dialogs}
    </AdminSection>
  );
}
