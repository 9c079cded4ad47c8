import { useQuery } from '@tanstack/react-query';
import { Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import type { RecipientAddress } from './types';

type SmtpValues = { host: string; port: number; secure: boolean; username: string; password?: string };
type Values = { recipient_address: { email: string; name: string; default_group_id?: number | null; default: boolean; own_smtp: boolean; smtp?: SmtpValues } };

/** Adds or edits a support address, with its own outgoing SMTP server where the mail provider insists on one. */
export function AddressFormModal({ address, open, onClose, onSaved }: { address: RecipientAddress | null; open: boolean; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => api<{ groups: { id: number; name: string }[] }>('GET', '/api/v2/groups'), enabled: open });
  const editing = address !== null;
  const initial: Values = {
    recipient_address: {
      email: address?.email ?? '',
      name: address?.name ?? '',
      default_group_id: address?.default_group_id ?? null,
      default: address?.default ?? false,
      own_smtp: Boolean(address?.smtp),
      smtp: address?.smtp ?? { host: '', port: 465, secure: true, username: address?.email ?? '' },
    },
  };

  const submit = async (v: Values) => {
    const { own_smtp, smtp, ...rest } = v.recipient_address;
    const password = smtp?.password ? { password: smtp.password } : {};
    const body = { recipient_address: { ...rest, default_group_id: rest.default_group_id ?? null, smtp: own_smtp && smtp ? { host: smtp.host, port: smtp.port, secure: smtp.secure, username: smtp.username, ...password } : null } };
    await api(editing ? 'PUT' : 'POST', editing ? `/api/v2/recipient_addresses/${address.id}` : '/api/v2/recipient_addresses', body);
    await onSaved();
  };

  return (
    <FormModal<Values> title={t(editing ? 'admin.channels.email.editAddress' : 'admin.channels.email.addAddress')} open={open} onCancel={onClose} onSubmit={submit} initialValues={initial} okText={t('admin.channels.email.confirm')} width={560}>
      {() => (
        <>
          <Form.Item name={['recipient_address', 'email']} label={t('admin.channels.email.email')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
            <Input placeholder="support@example.com" />
          </Form.Item>
          <Form.Item name={['recipient_address', 'name']} label={t('admin.channels.email.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input placeholder={t('admin.channels.email.namePlaceholder')} />
          </Form.Item>
          <Form.Item name={['recipient_address', 'default_group_id']} label={t('admin.channels.email.defaultGroup')} extra={t('admin.channels.email.defaultGroupHelp')}>
            <Select allowClear loading={groups.isLoading} placeholder={t('admin.channels.email.anyGroup')} options={(groups.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
          <Form.Item required name={['recipient_address', 'default']} label={t('admin.channels.email.makeDefault')} extra={t('admin.channels.email.makeDefaultHelp')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name={['recipient_address', 'own_smtp']} valuePropName="checked" style={{ marginBottom: 4 }}>
            <Switch size="small" />
          </Form.Item>
          <Typography.Text strong>{t('admin.channels.email.ownSmtp')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('admin.channels.email.ownSmtpHelp')}
          </Typography.Paragraph>
          <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.recipient_address.own_smtp !== b.recipient_address.own_smtp}>
            {({ getFieldValue }) =>
              getFieldValue(['recipient_address', 'own_smtp']) ? (
                <>
                  <Flex gap={12} align="start">
                    <Form.Item name={['recipient_address', 'smtp', 'host']} label={t('admin.channels.email.smtpHost')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]} style={{ flex: 1 }}>
                      <Input placeholder="smtp.exmail.qq.com" />
                    </Form.Item>
                    <Form.Item name={['recipient_address', 'smtp', 'port']} label={t('admin.channels.email.port')} rules={[{ required: true, message: t('errors.required') }]}>
                      <InputNumber min={1} max={65535} />
                    </Form.Item>
                    <Form.Item required name={['recipient_address', 'smtp', 'secure']} label="TLS" valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Flex>
                  <Form.Item name={['recipient_address', 'smtp', 'username']} label={t('admin.channels.email.username')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                  <Form.Item
                    name={['recipient_address', 'smtp', 'password']}
                    label={t('admin.channels.email.smtpPassword')}
                    extra={address?.smtp ? t('admin.channels.email.smtpPasswordKeep') : t('admin.channels.email.passwordHelp')}
                    rules={address?.smtp ? [] : [{ required: true, message: t('errors.required') }]}
                  >
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                </>
              ) : null
            }
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
