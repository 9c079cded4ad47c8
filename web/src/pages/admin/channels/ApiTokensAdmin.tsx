import { KeyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useMe } from '../../../api/hooks';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminSection } from '../kit/AdminSection';
import { FormModal } from '../kit/FormModal';
import { DeleteButton } from '../kit/DeleteButton';
import { LoadFailed } from '../kit/LoadFailed';
import type { ApiToken, Page } from './types';

const key = ['api-tokens'];
type Values = { api_token: { description: string } };

/** API tokens for other systems: made here (the value shown once), listed by what they are for and when last used, revoked. */
export default function ApiTokensAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const when = useTimeFormat('short');
  const list = useQuery({ queryKey: key, queryFn: () => api<Page<'api_tokens', ApiToken>>('GET', '/api/v2/api_tokens?per_page=100') });
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const email = me.data?.email ?? 'you@example.com';

  const create = async (v: Values) => {
    const r = await api<{ api_token: ApiToken & { token: string } }>('POST', '/api/v2/api_tokens', v);
    setCreating(false);
    setMade(r.api_token.token);
    await queryClient.invalidateQueries({ queryKey: key });
  };
  const revoke = async (token: ApiToken) => {
    await api('DELETE', `/api/v2/api_tokens/${token.id}`);
    void message.success(t('admin.channels.apiTokens.revoked'));
    await queryClient.invalidateQueries({ queryKey: key });
  };
  const label = (token: ApiToken) => token.description || `…${token.token_last_four}`;

  return (
    <AdminSection
      title={t('admin.nav.api-tokens')}
      help={t('admin.channels.apiTokens.help')}
      extra={
        <Button type="primary" icon={<KeyOutlined />} onClick={() => setCreating(true)}>
          {t('admin.channels.apiTokens.add')}
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('admin.channels.apiTokens.usage')}
        description={
          <Typography.Paragraph copyable style={{ margin: 0, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12.5 }}>
            {`curl -u ${email}/token:<TOKEN> ${window.location.origin}/api/v2/tickets.json`}
          </Typography.Paragraph>
        }
      />
      {list.isError ? (
        <LoadFailed error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.api_tokens ?? []}
          pagination={false}
          locale={{ emptyText: t('admin.channels.apiTokens.empty') }}
          columns={[
            { title: t('admin.channels.apiTokens.description'), render: (_: unknown, k: ApiToken) => k.description || <Typography.Text type="secondary">{t('admin.channels.apiTokens.noDescription')}</Typography.Text> },
            { title: t('admin.channels.apiTokens.token'), render: (_: unknown, k: ApiToken) => <Typography.Text code>{`••••••••${k.token_last_four}`}</Typography.Text>, width: 160 },
            { title: t('admin.channels.apiTokens.created'), render: (_: unknown, k: ApiToken) => when.format(new Date(k.created_at)), width: 160 },
            {
              title: t('admin.channels.apiTokens.lastUsed'),
              render: (_: unknown, k: ApiToken) => (k.last_used_at ? when.format(new Date(k.last_used_at)) : <Typography.Text type="secondary">{t('admin.channels.apiTokens.never')}</Typography.Text>),
              width: 160,
            },
            {
              title: t('admin.kit.actions'),
              width: 90,
              render: (_: unknown, k: ApiToken) => <DeleteButton title={t('admin.channels.apiTokens.revokeConfirm', { name: label(k) })} label={t('admin.channels.apiTokens.revoke')} onConfirm={() => revoke(k)} />,
            },
          ]}
        />
      )}
      <FormModal<Values> title={t('admin.channels.apiTokens.add')} open={creating} onCancel={() => setCreating(false)} onSubmit={create} okText={t('admin.kit.create')} initialValues={{ api_token: { description: '' } }}>
        {() => (
          <Form.Item name={['api_token', 'description']} label={t('admin.channels.apiTokens.description')}>
            <Input placeholder={t('admin.channels.apiTokens.descriptionPlaceholder')} maxLength={255} autoFocus />
          </Form.Item>
        )}
      </FormModal>
      <Modal
        open={made !== null}
        title={t('admin.channels.apiTokens.createdTitle')}
        closable={false}
        maskClosable={false}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setMade(null)}>
            {t('admin.channels.apiTokens.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('admin.channels.apiTokens.createdWarning')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: made ?? '' }} code data-testid="new-api-token" style={{ fontSize: 14, wordBreak: 'break-all' }}>
          {made}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('admin.channels.apiTokens.usage')}</Typography.Text>
      </Modal>
    </AdminSection>
  );
}
