import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../components/form-errors';
import { useTimeFormat } from '../../../components/use-time-format';

type Address = { id: number; email: string; name: string; default: boolean; smtp: { host: string } | null };
type Mailbox = { id: number; recipient_address_id: number; host: string; port: number; username: string; folder: string; active: boolean; state: string; last_error: string | null; last_synced_at: string | null };
type MailboxForm = { mailbox: { recipient_address_id: number; host: string; port: number; secure: boolean; username: string; password: string; folder: string } };

const stateColor: Record<string, string> = { idle: 'green', polling: 'green', connecting: 'blue', error: 'red', disabled: 'default' };

/** Admin settings for the email channel: support addresses and the IMAP mailboxes connected to them. */
export default function EmailSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const addresses = useQuery({ queryKey: ['recipient-addresses'], queryFn: () => api<{ recipient_addresses: Address[] }>('GET', '/api/v2/recipient_addresses') });
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: () => api<{ mailboxes: Mailbox[] }>('GET', '/api/v2/mailboxes'), refetchInterval: 15_000 });
  const [addressOpen, setAddressOpen] = useState(false);
  const [mailboxOpen, setMailboxOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [addressForm] = Form.useForm<{ recipient_address: { email: string; name: string } }>();
  const [mailboxForm] = Form.useForm<MailboxForm>();
  const when = useTimeFormat('short');
  const addressOf = (id: number) => addresses.data?.recipient_addresses.find((a) => a.id === id)?.email ?? `#${id}`;

  const save = async (path: string, body: object, form: Parameters<typeof applyApiError>[0], done: () => void) => {
    setError(null);
    setSaving(true);
    try {
      await api('POST', path, body);
      done();
      void message.success(t('emailSettings.saved'));
      await queryClient.invalidateQueries({ queryKey: ['recipient-addresses'] });
      await queryClient.invalidateQueries({ queryKey: ['mailboxes'] });
    } catch (e) {
      setError(applyApiError(form, e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('emailSettings.addresses')}
        extra={
          <Button type="primary" onClick={() => (setError(null), setAddressOpen(true))}>
            {t('emailSettings.addAddress')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('emailSettings.addressesHelp')}</Typography.Paragraph>
        <Table<Address>
          rowKey={(a) => String(a.id)}
          loading={addresses.isLoading}
          dataSource={addresses.data?.recipient_addresses ?? []}
          pagination={false}
          locale={{ emptyText: t('emailSettings.noAddresses') }}
          columns={[
            { title: t('emailSettings.email'), dataIndex: 'email', render: (v: string, a: Address) => (a.default ? <Space>{v}<Tag color="blue">{t('emailSettings.default')}</Tag></Space> : v) },
            { title: t('emailSettings.name'), dataIndex: 'name' },
            { title: t('emailSettings.sending'), render: (_: unknown, a: Address) => (a.smtp ? a.smtp.host : t('emailSettings.relay')) },
          ]}
        />
      </Card>
      <Card
        title={t('emailSettings.mailboxes')}
        extra={
          <Button onClick={() => (setError(null), setMailboxOpen(true))} disabled={!addresses.data?.recipient_addresses.length}>
            {t('emailSettings.connect')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('emailSettings.mailboxesHelp')}</Typography.Paragraph>
        <Table<Mailbox>
          rowKey={(m) => String(m.id)}
          loading={mailboxes.isLoading}
          dataSource={mailboxes.data?.mailboxes ?? []}
          pagination={false}
          locale={{ emptyText: t('emailSettings.noMailboxes') }}
          columns={[
            { title: t('emailSettings.address'), render: (_: unknown, m: Mailbox) => addressOf(m.recipient_address_id) },
            { title: t('emailSettings.server'), render: (_: unknown, m: Mailbox) => `${m.username} @ ${m.host}:${m.port} / ${m.folder}` },
            {
              title: t('emailSettings.state'),
              render: (_: unknown, m: Mailbox) => (
                <Space direction="vertical" size={0}>
                  <Tag color={stateColor[m.state] ?? 'default'}>{t(`emailSettings.states.${m.state}` as 'emailSettings.states.idle')}</Tag>
                  {m.state === 'error' && m.last_error ? <Typography.Text type="danger">{m.last_error}</Typography.Text> : null}
                </Space>
              ),
            },
            { title: t('emailSettings.lastSync'), render: (_: unknown, m: Mailbox) => (m.last_synced_at ? when.format(new Date(m.last_synced_at)) : '—') },
          ]}
        />
      </Card>

      <Modal title={t('emailSettings.addAddress')} open={addressOpen} onCancel={() => setAddressOpen(false)} onOk={() => addressForm.submit()} confirmLoading={saving} destroyOnHidden>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form form={addressForm} layout="vertical" requiredMark={false} onFinish={(v) => void save('/api/v2/recipient_addresses', v, addressForm, () => (setAddressOpen(false), addressForm.resetFields()))}>
          <Form.Item name={['recipient_address', 'email']} label={t('emailSettings.email')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
            <Input placeholder="support@example.com" />
          </Form.Item>
          <Form.Item name={['recipient_address', 'name']} label={t('emailSettings.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input placeholder={t('emailSettings.namePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal title={t('emailSettings.connect')} open={mailboxOpen} onCancel={() => setMailboxOpen(false)} onOk={() => mailboxForm.submit()} confirmLoading={saving} okText={t('emailSettings.verifyAndSave')} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('emailSettings.connectHelp')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form
          form={mailboxForm}
          layout="vertical"
          requiredMark={false}
          initialValues={{ mailbox: { port: 993, secure: true, folder: 'INBOX', recipient_address_id: addresses.data?.recipient_addresses[0]?.id } }}
          onFinish={(v) => void save('/api/v2/mailboxes', v, mailboxForm, () => (setMailboxOpen(false), mailboxForm.resetFields()))}
        >
          <Form.Item name={['mailbox', 'recipient_address_id']} label={t('emailSettings.address')} rules={[{ required: true, message: t('errors.required') }]}>
            <Select options={(addresses.data?.recipient_addresses ?? []).map((a) => ({ value: a.id, label: a.email }))} />
          </Form.Item>
          <Space align="start">
            <Form.Item name={['mailbox', 'host']} label={t('emailSettings.host')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]} style={{ width: 260 }}>
              <Input placeholder="imap.exmail.qq.com" />
            </Form.Item>
            <Form.Item name={['mailbox', 'port']} label={t('emailSettings.port')} rules={[{ required: true, message: t('errors.required') }]}>
              <InputNumber min={1} max={65535} />
            </Form.Item>
            <Form.Item name={['mailbox', 'secure']} label="TLS" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name={['mailbox', 'username']} label={t('emailSettings.username')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name={['mailbox', 'password']} label={t('emailSettings.password')} extra={t('emailSettings.passwordHelp')} rules={[{ required: true, message: t('errors.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name={['mailbox', 'folder']} label={t('emailSettings.folder')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
