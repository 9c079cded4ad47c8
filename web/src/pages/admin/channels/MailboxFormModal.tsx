import { Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import type { RecipientAddress } from './types';

type Values = { mailbox: { recipient_address_id: number; host: string; port: number; secure: boolean; username: string; password: string; folder: string } };

/** Connects an IMAP mailbox to a support address; the server signs in first and names the field that is wrong. */
export function MailboxFormModal({ addresses, open, onClose, onSaved }: { addresses: RecipientAddress[]; open: boolean; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    await api('POST', '/api/v2/mailboxes', v);
    await onSaved();
  };
  return (
    <FormModal<Values>
      title={t('admin.channels.email.connect')}
      open={open}
      onCancel={onClose}
      onSubmit={submit}
      okText={t('admin.channels.email.verifyAndSave')}
      width={560}
      initialValues={{ mailbox: { port: 993, secure: true, folder: 'INBOX', recipient_address_id: addresses[0]?.id ?? 0, host: '', username: '', password: '' } }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('admin.channels.email.connectHelp')}</Typography.Paragraph>
          <Form.Item name={['mailbox', 'recipient_address_id']} label={t('admin.channels.email.address')} rules={[{ required: true, message: t('errors.required') }]}>
            <Select options={addresses.map((a) => ({ value: a.id, label: a.email }))} />
          </Form.Item>
          <Flex gap={12} align="start">
            <Form.Item name={['mailbox', 'host']} label={t('admin.channels.email.host')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]} style={{ flex: 1 }}>
              <Input placeholder="imap.exmail.qq.com" />
            </Form.Item>
            <Form.Item name={['mailbox', 'port']} label={t('admin.channels.email.port')} rules={[{ required: true, message: t('errors.required') }]}>
              <InputNumber min={1} max={65535} />
            </Form.Item>
            <Form.Item required name={['mailbox', 'secure']} label="TLS" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
          <Form.Item name={['mailbox', 'username']} label={t('admin.channels.email.username')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name={['mailbox', 'password']} label={t('admin.channels.email.password')} extra={t('admin.channels.email.passwordHelp')} rules={[{ required: true, message: t('errors.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name={['mailbox', 'folder']} label={t('admin.channels.email.folder')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
