import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { useTimeFormat } from '../../../components/use-time-format';
import { LoadFailed } from '../kit/LoadFailed';
import type { Invocation, Webhook } from './types';

/** A webhook's particulars, its signing secret (shown on request), a test call and the log of recent calls. */
export function WebhookDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const when = useTimeFormat('short');
  const [secret, setSecret] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [watchUntil, setWatchUntil] = useState(0);
  const id = webhook?.id;
  const log = useQuery({
    queryKey: ['webhook-invocations', id],
    enabled: id !== undefined,
    queryFn: () => api<{ invocations: Invocation[] }>('GET', `/api/v2/webhooks/${id ?? ''}/invocations`),
    // A test goes through the outbox: look again every second for a while after sending one.
    refetchInterval: () => (Date.now() < watchUntil ? 1000 : false),
  });
  const reveal = async () => {
    try {
      const r = await api<{ signing_secret: { secret: string } }>('GET', `/api/v2/webhooks/${id ?? ''}/signing_secret`);
      setSecret(r.signing_secret.secret);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    }
  };
  const test = async () => {
    setTesting(true);
    try {
      const payload = JSON.stringify({ test: true, webhook: webhook?.name, sent_at: new Date().toISOString() });
      await api('POST', `/api/v2/webhooks/${id ?? ''}/test`, { request: { payload } });
      void message.success(t('admin.channels.webhooks.testSent'));
      setWatchUntil(Date.now() + 15_000);
      void log.refetch();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    } finally {
      setTesting(false);
    }
  };
  const close = () => {
    setSecret(null);
    onClose();
  };
  return (
    <Drawer open={webhook !== null} onClose={close} width={760} title={webhook?.name} extra={<Button type="primary" icon={<SendOutlined />} loading={testing} onClick={() => void test()}>{t('admin.channels.webhooks.test')}</Button>}>
      {webhook ? (
        <>
          <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
            <Descriptions.Item label={t('admin.channels.webhooks.endpoint')}>
              <Space>
                <Tag>{webhook.http_method}</Tag>
                <Typography.Text copyable>{webhook.endpoint}</Typography.Text>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('admin.channels.webhooks.kind')}>{t(`admin.channels.webhooks.kinds.${webhook.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('admin.channels.webhooks.format')}>{t(`admin.channels.webhooks.formats.${webhook.request_format}`)}</Descriptions.Item>
            <Descriptions.Item label={t('admin.channels.webhooks.auth')}>{t(`admin.channels.webhooks.auths.${webhook.authentication?.type ?? 'none'}`)}</Descriptions.Item>
            <Descriptions.Item label={t('admin.channels.webhooks.secret')}>
              <Space direction="vertical" size={2}>
                {secret ? (
                  <Typography.Text code copyable data-testid="webhook-secret">
                    {secret}
                  </Typography.Text>
                ) : (
                  <Button size="small" onClick={() => void reveal()}>
                    {t('admin.channels.webhooks.reveal')}
                  </Button>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('admin.channels.webhooks.secretHelp')}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Space style={{ justifyContent: 'space-between', width: '100%', margin: '16px 0 8px' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('admin.channels.webhooks.invocations')}
            </Typography.Title>
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void log.refetch()} loading={log.isFetching}>
              {t('admin.channels.webhooks.refresh')}
            </Button>
          </Space>
          {log.isError ? (
            <LoadFailed error={log.error} onRetry={() => void log.refetch()} />
          ) : (
            <Table<Invocation>
              rowKey="id"
              size="small"
              loading={log.isLoading}
              dataSource={log.data?.invocations ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: t('admin.channels.webhooks.invocationsEmpty') }}
              columns={[
                { title: t('admin.channels.webhooks.time'), render: (_: unknown, i: Invocation) => when.format(new Date(i.created_at)), width: 140 },
                { title: t('admin.channels.webhooks.source'), render: (_: unknown, i: Invocation) => (i.ticket_id ? t('admin.channels.webhooks.fromTicket', { id: i.ticket_id }) : t('admin.channels.webhooks.testCall')), width: 100 },
                {
                  title: t('admin.channels.webhooks.result'),
                  render: (_: unknown, i: Invocation) => (
                    <Space direction="vertical" size={0}>
                      <Space size={4}>
                        <Tag color={i.status === 'success' ? 'green' : 'red'}>{t(`admin.channels.webhooks.results.${i.status}`)}</Tag>
                        {i.status_code ? <Typography.Text code>{i.status_code}</Typography.Text> : null}
                      </Space>
                      {i.error ? (
                        <Typography.Text type="danger" style={{ fontSize: 12 }} ellipsis={{ tooltip: i.error }}>
                          {i.error}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                { title: t('admin.channels.webhooks.duration'), render: (_: unknown, i: Invocation) => (i.duration_ms === null ? '—' : t('admin.channels.webhooks.ms', { ms: i.duration_ms })), width: 90 },
                { title: '', render: (_: unknown, i: Invocation) => <Typography.Text type="secondary">{t('admin.channels.webhooks.attempt', { n: i.attempt })}</Typography.Text>, width: 80 },
              ]}
            />
          )}
        </>
      ) : null}
    </Drawer>
  );
}
