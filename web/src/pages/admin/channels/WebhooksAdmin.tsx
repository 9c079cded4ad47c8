import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { AdminSection } from '../kit/AdminSection';
import { DeleteButton } from '../kit/DeleteButton';
import { LoadFailed } from '../kit/LoadFailed';
import type { Webhook } from './types';
import { WebhookDrawer } from './WebhookDrawer';
import { WebhookFormModal } from './WebhookFormModal';

const key = ['webhooks'];

/** Webhooks the rules call: what they call and how, a test, and the log of what happened. */
export default function WebhooksAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: key, queryFn: () => api<{ webhooks: Webhook[] }>('GET', '/api/v2/webhooks') });
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [viewing, setViewing] = useState<Webhook | null>(null);

  const saved = async (w: Webhook) => {
    const isNew = editing === 'new';
    setEditing(null);
    void message.success(t('admin.kit.saved'));
    await queryClient.invalidateQueries({ queryKey: key });
    if (isNew) {
      setViewing(w); // next: reveal the secret, send a test
    }
  };

  return (
    <AdminSection
      title={t('admin.nav.webhooks')}
      help={t('admin.channels.webhooks.help')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.channels.webhooks.add')}
        </Button>
      }
    >
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Webhook>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.webhooks ?? []}
          pagination={false}
          locale={{ emptyText: t('admin.channels.webhooks.empty') }}
          columns={[
            {
              title: t('admin.channels.webhooks.name'),
              render: (_: unknown, w: Webhook) => (
                <Space direction="vertical" size={0}>
                  <Typography.Link onClick={() => setViewing(w)}>{w.name}</Typography.Link>
                  {w.description ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {w.description}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('admin.channels.webhooks.endpoint'),
              render: (_: unknown, w: Webhook) => (
                <Space size={4}>
                  <Tag>{w.http_method}</Tag>
                  <Typography.Text ellipsis={{ tooltip: w.endpoint }} style={{ maxWidth: 300 }}>
                    {w.endpoint}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('admin.channels.webhooks.kind'), render: (_: unknown, w: Webhook) => t(`admin.channels.webhooks.kinds.${w.kind}`), width: 130 },
            { title: t('admin.channels.webhooks.status'), render: (_: unknown, w: Webhook) => <Tag color={w.status === 'active' ? 'green' : 'default'}>{t(`admin.channels.webhooks.statuses.${w.status}`)}</Tag>, width: 90 },
            {
              title: t('admin.kit.actions'),
              width: 200,
              render: (_: unknown, w: Webhook) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setViewing(w)}>
                    {t('admin.channels.webhooks.details')}
                  </Button>
                  <Button type="link" size="small" onClick={() => setEditing(w)}>
                    {t('admin.kit.edit')}
                  </Button>
                  <DeleteButton
                    title={t('admin.channels.webhooks.deleteConfirm', { name: w.name })}
                    onConfirm={async () => {
                      await api('DELETE', `/api/v2/webhooks/${w.id}`);
                      void message.success(t('admin.kit.deleted'));
                      await queryClient.invalidateQueries({ queryKey: key });
                    }}
                  />
                </Space>
              ),
            },
          ]}
        />
      )}
      <WebhookFormModal key={editing === 'new' ? 'new' : (editing?.id ?? 'none')} webhook={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} onSaved={saved} />
      <WebhookDrawer key={viewing?.id ?? 'none'} webhook={viewing} onClose={() => setViewing(null)} />
    </AdminSection>
  );
}
