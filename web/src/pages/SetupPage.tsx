import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { applyApiError } from '../components/form-errors';

type SetupForm = {
  account: { name: string; subdomain: string };
  owner: { name: string; email: string; password: string; confirm: string };
};

export default function SetupPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SetupForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const submit = async (values: SetupForm) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v2/setup', {
        account: { ...values.account, locale: i18n.language === 'en' ? 'en' : 'zh-CN' },
        owner: { name: values.owner.name, email: values.owner.email, password: values.owner.password },
      });
      await queryClient.invalidateQueries();
      void navigate('/', { replace: true });
    } catch (e) {
      setError(applyApiError(form, e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('setup.title')} intro={t('setup.intro')}>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Divider titlePlacement="start" plain>
          {t('setup.accountSection')}
        </Divider>
        <Form.Item name={['account', 'name']} label={t('setup.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
          <Input placeholder={t('setup.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item
          name={['account', 'subdomain']}
          label={t('setup.subdomain')}
          extra={t('setup.subdomainHelp')}
          rules={[
            { required: true, message: t('errors.required') },
            { pattern: /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, message: t('errors.subdomain') },
          ]}
        >
          <Input placeholder="yunfan" />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('setup.ownerSection')}
        </Divider>
        <Form.Item name={['owner', 'name']} label={t('setup.ownerName')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name={['owner', 'email']} label={t('setup.email')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
          <Input autoComplete="email" />
        </Form.Item>
        <Form.Item name={['owner', 'password']} label={t('setup.password')} rules={[{ required: true, min: 8, message: t('errors.passwordShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name={['owner', 'confirm']}
          label={t('setup.confirm')}
          dependencies={[['owner', 'password']]}
          rules={[
            { required: true, message: t('errors.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string) =>
                value === getFieldValue(['owner', 'password']) ? Promise.resolve() : Promise.reject(new Error(t('errors.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
