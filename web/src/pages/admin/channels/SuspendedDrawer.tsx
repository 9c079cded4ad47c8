import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Empty, Popconfirm, Space, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { LoadFailed } from '../kit/LoadFailed';
import type { SuspendedDetail, SuspendedTicket } from './types';

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

/** One held message as it arrived (text only: nothing in it runs or loads), to judge before recovering it. */
export function SuspendedDrawer({
  id,
  onClose,
  onRecover,
  onDelete,
  cause,
}: {
  id: number | null;
  onClose: () => void;
  onRecover: (id: number) => Promise<void>;
  onDelete: (id: number) => Promise<void>;
  cause: (s: SuspendedTicket) => ReactNode;
}) {
  const { t } = useTranslation();
  const when = useTimeFormat('medium');
  const [busy, setBusy] = useState(false);
  const detail = useQuery({
    queryKey: ['suspended-ticket', id],
    enabled: id !== null,
    queryFn: async () => (await api<{ suspended_ticket: SuspendedDetail }>('GET', `/api/v2/suspended_tickets/${id ?? 0}`)).suspended_ticket,
  });
  const run = async (action: (id: number) => Promise<void>) => {
    if (id === null) {
      return;
    }
    setBusy(true);
    try {
      await action(id);
    } finally {
      setBusy(false);
    }
  };
  const s = detail.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={640}
      title={s ? s.subject || t('admin.channels.suspended.noSubject') : t('admin.channels.suspended.view')}
      extra={
        <Space>
          <Popconfirm title={t('admin.channels.suspended.deleteConfirm')} okText={t('admin.kit.delete')} cancelText={t('admin.kit.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void run(onDelete)}>
            <Button danger disabled={!s} loading={busy}>
              {t('admin.channels.suspended.delete')}
            </Button>
          </Popconfirm>
          <Button type="primary" disabled={!s} loading={busy} onClick={() => void run(onRecover)}>
            {t('admin.channels.suspended.recover')}
          </Button>
        </Space>
      }
    >
      {detail.isError ? (
        <LoadFailed error={detail.error} onRetry={() => void detail.refetch()} />
      ) : !s ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <>
          <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
            <Descriptions.Item label={t('admin.channels.suspended.from')}>{s.author.name ? `${s.author.name} <${s.author.email ?? ''}>` : (s.author.email ?? '—')}</Descriptions.Item>
            <Descriptions.Item label={t('admin.channels.suspended.to')}>{s.recipients.join(', ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('admin.channels.suspended.received')}>{when.format(new Date(s.created_at))}</Descriptions.Item>
            <Descriptions.Item label={t('admin.channels.suspended.cause')}>
              <Space direction="vertical" size={2}>
                {cause(s)}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.cause}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('admin.channels.suspended.content')}</Typography.Title>
          {s.content === null ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.channels.suspended.noContent')} />
          ) : (
            <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, fontFamily: 'inherit', maxHeight: 420, overflow: 'auto' }}>{s.content}</pre>
          )}
          {s.attachments.length > 0 ? (
            <>
              <Typography.Title level={5}>{t('admin.channels.suspended.attachments')}</Typography.Title>
              {s.attachments.map((a) => (
                <div key={a.file_name}>
                  <PaperClipOutlined /> {a.file_name} <Typography.Text type="secondary">({kb(a.size)})</Typography.Text>
                </div>
              ))}
            </>
          ) : null}
        </>
      )}
    </Drawer>
  );
}
