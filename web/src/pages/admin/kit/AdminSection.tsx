import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The frame of every settings section: a title, a line on what it is for, its actions. */
export function AdminSection({ title, help, extra, children }: { title: ReactNode; help?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} styles={{ body: { paddingTop: help ? 12 : undefined } }}>
      {help ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
          {help}
        </Typography.Paragraph>
      ) : null}
      {children}
    </Card>
  );
}
