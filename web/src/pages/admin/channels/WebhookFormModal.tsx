import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import type { Webhook, WebhookKind } from './types';

type AuthType = 'none' | 'basic_auth' | 'bearer_token';
type Values = {
  name: string;
  description: string;
  kind: WebhookKind;
  endpoint: string;
  http_method: Webhook['http_method'];
  request_format: Webhook['request_format'];
  active: boolean;
  auth_type: AuthType;
  username?: string;
  password?: string;
  token?: string;
  signing_secret?: string;
  headers: { name: string; value: string }[];
};

const kinds: WebhookKind[] = ['webhook', 'dingtalk', 'feishu', 'wecom'];
const methods = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
const formats = ['json', 'form_encoded', 'xml'] as const;

// The server names fields under webhook.*; the form's are flat, and credentials sit under authentication.data.
const aliases = {
  'webhook.name': 'name',
  'webhook.description': 'description',
  'webhook.endpoint': 'endpoint',
  'webhook.signing_secret': 'signing_secret',
  'webhook.authentication.data.username': 'username',
  'webhook.authentication.data.password': 'password',
  'webhook.authentication.data.token': 'token',
  'webhook.custom_headers': 'headers',
};

/** Creates or edits a webhook. Credentials are write-only: left empty while editing, the saved ones are kept. */
export function WebhookFormModal({ webhook, open, onClose, onSaved }: { webhook: Webhook | null; open: boolean; onClose: () => void; onSaved: (saved: Webhook) => Promise<void> }) {
  const { t } = useTranslation();
  const savedAuth: AuthType = webhook?.authentication?.type ?? 'none';
  const initial: Values = {
    name: webhook?.name ?? '',
    description: webhook?.description ?? '',
    kind: webhook?.kind ?? 'webhook',
    endpoint: webhook?.endpoint ?? '',
    http_method: webhook?.http_method ?? 'POST',
    request_format: webhook?.request_format ?? 'json',
    active: (webhook?.status ?? 'active') === 'active',
    auth_type: savedAuth,
    headers: Object.entries(webhook?.custom_headers ?? {}).map(([name, value]) => ({ name, value })),
  };

  const authentication = (v: Values) => {
    if (v.auth_type === 'none') {
      return null;
    }
    const blank = v.auth_type === 'basic_auth' ? !v.username && !v.password : !v.token;
    if (webhook && v.auth_type === savedAuth && blank) {
      return undefined; // keep what is saved
    }
    return v.auth_type === 'basic_auth'
      ? { type: 'basic_auth' as const, add_position: 'header' as const, data: { username: v.username ?? '', password: v.password ?? '' } }
      : { type: 'bearer_token' as const, add_position: 'header' as const, data: { token: v.token ?? '' } };
  };
  const submit = async (v: Values) => {
    const auth = authentication(v);
    const body = {
      webhook: {
        name: v.name,
        description: v.description,
        kind: v.kind,
        endpoint: v.endpoint,
        http_method: v.http_method,
        request_format: v.request_format,
        status: v.active ? 'active' : 'inactive',
        custom_headers: Object.fromEntries(v.headers.filter((h) => h.name).map((h) => [h.name.trim(), h.value ?? ''])),
        ...(auth === undefined ? {} : { authentication: auth }),
        ...(v.signing_secret ? { signing_secret: v.signing_secret } : {}),
      },
    };
    const saved = await api<{ webhook: Webhook }>(webhook ? 'PUT' : 'POST', webhook ? `/api/v2/webhooks/${webhook.id}` : '/api/v2/webhooks', body);
    await onSaved(saved.webhook);
  };

  return (
    <FormModal<Values> title={t(webhook ? 'admin.channels.webhooks.edit' : 'admin.channels.webhooks.add')} open={open} onCancel={onClose} onSubmit={submit} initialValues={initial} aliases={aliases} width={640}>
      {(form) => (
        <>
          <Flex gap={12}>
            <Form.Item name="name" label={t('admin.channels.webhooks.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]} style={{ flex: 1 }}>
              <Input maxLength={255} />
            </Form.Item>
            <Form.Item required name="kind" label={t('admin.channels.webhooks.kind')} style={{ width: 180 }}>
              <Select options={kinds.map((k) => ({ value: k, label: t(`admin.channels.webhooks.kinds.${k}`) }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="description" label={t('admin.channels.webhooks.description')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
          </Form.Item>
          <Flex gap={12} align="start">
            <Form.Item required name="http_method" label={t('admin.channels.webhooks.method')} style={{ width: 110 }}>
              <Select options={methods.map((m) => ({ value: m, label: m }))} />
            </Form.Item>
            <Form.Item name="endpoint" label={t('admin.channels.webhooks.endpoint')} extra={t('admin.channels.webhooks.endpointHelp')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]} style={{ flex: 1 }}>
              <Input placeholder="https://example.com/kefu/events" />
            </Form.Item>
          </Flex>
          <Flex gap={24}>
            <Form.Item required name="request_format" label={t('admin.channels.webhooks.format')} style={{ width: 200 }}>
              <Select options={formats.map((f) => ({ value: f, label: t(`admin.channels.webhooks.formats.${f}`) }))} />
            </Form.Item>
            <Form.Item required name="active" label={t('admin.channels.webhooks.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
          <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.kind !== b.kind}>
            {() =>
              form.getFieldValue('kind') === 'dingtalk' || form.getFieldValue('kind') === 'feishu' ? (
                <Form.Item name="signing_secret" label={t('admin.channels.webhooks.robotSecret')} extra={webhook ? t('admin.channels.webhooks.robotSecretKept') : t('admin.channels.webhooks.robotSecretHelp')}>
                  <Input.Password autoComplete="off" />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item required name="auth_type" label={t('admin.channels.webhooks.auth')} extra={webhook && savedAuth !== 'none' ? t('admin.channels.webhooks.authKept') : undefined}>
            <Radio.Group optionType="button" options={(['none', 'basic_auth', 'bearer_token'] as const).map((a) => ({ value: a, label: t(`admin.channels.webhooks.auths.${a}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.auth_type !== b.auth_type}>
            {() => {
              const type = form.getFieldValue('auth_type') as AuthType;
              const keep = webhook !== null && type === savedAuth;
              if (type === 'basic_auth') {
                return (
                  <Flex gap={12}>
                    <Form.Item name="username" label={t('admin.channels.webhooks.username')} rules={keep ? [] : [{ required: true, message: t('errors.required') }]} style={{ flex: 1 }}>
                      <Input autoComplete="off" />
                    </Form.Item>
                    <Form.Item name="password" label={t('admin.channels.webhooks.password')} rules={keep ? [] : [{ required: true, message: t('errors.required') }]} style={{ flex: 1 }}>
                      <Input.Password autoComplete="new-password" />
                    </Form.Item>
                  </Flex>
                );
              }
              if (type === 'bearer_token') {
                return (
                  <Form.Item name="token" label={t('admin.channels.webhooks.token')} rules={keep ? [] : [{ required: true, message: t('errors.required') }]}>
                    <Input.Password autoComplete="off" />
                  </Form.Item>
                );
              }
              return null;
            }}
          </Form.Item>
          <Typography.Text strong>{t('admin.channels.webhooks.headers')}</Typography.Text>
          <Form.List name="headers">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Form.Item name={[f.name, 'name']} rules={[{ pattern: /^[A-Za-z0-9-]{1,64}$/, message: 'A-Z a-z 0-9 -' }]} style={{ flex: 1, marginBottom: 8 }}>
                      <Input placeholder={t('admin.channels.webhooks.headerName')} aria-label={t('admin.channels.webhooks.headerName')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} style={{ flex: 2, marginBottom: 8 }}>
                      <Input placeholder={t('admin.channels.webhooks.headerValue')} aria-label={t('admin.channels.webhooks.headerValue')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('admin.kit.delete')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })} size="small">
                  {t('admin.channels.webhooks.addHeader')}
                </Button>
              </div>
            )}
          </Form.List>
        </>
      )}
    </FormModal>
  );
}
