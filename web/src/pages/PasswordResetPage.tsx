import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { keys } from '../api/hooks';
import type { User } from '../api/types';
import { AuthCard } from '../components/AuthCard';
import { applyApiError } from '../components/form-errors';

/** Asks for a reset link. */
function RequestLink() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ email: string }>();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: { email: string }) => {
    setError(null);
    try {
      await api('POST', '/api/v2/password_resets', values);
      setSent(true);
    } catch (e) {
      setError(applyApiError(form, e, t));
    }
  };

  return (
    <AuthCard title={t('reset.title')} intro={sent ? undefined : t('reset.intro')}>
      {sent ? (
        <Result status="success" subTitle={t('reset.sent')} extra={<Link to="/signin">{t('reset.back')}</Link>} />
      ) : (
        <>
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item name="email" label={t('reset.email')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
              <Input autoComplete="email" autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              {t('reset.submit')}
            </Button>
          </Form>
          <div style={{ marginTop: 16, textAlign: 'center' }}>
            <Link to="/signin">{t('reset.back')}</Link>
          </div>
        </>
      )}
    </AuthCard>
  );
}

/** Sets a password from an emailed link: a reset, or an invitation (`invite`). */
export function ChoosePassword({ token, invite }: { token: string; invite: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const submit = async (values: { password: string }) => {
    setError(null);
    try {
      const { user } = await api<{ user: User }>('POST', '/api/v2/password_resets/complete', { token, password: values.password });
      queryClient.setQueryData(keys.me, user);
      void navigate('/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 422 && e.details['token'] ? t('reset.invalidLink') : applyApiError(form, e, t));
    }
  };

  return (
    <AuthCard title={invite ? t('reset.inviteTitle') : t('reset.newTitle')}>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="password" label={t('reset.password')} rules={[{ required: true, min: 8, message: t('errors.passwordShort') }]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('reset.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('errors.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string) =>
                value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('errors.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {t('reset.save')}
        </Button>
      </Form>
    </AuthCard>
  );
}

export default function PasswordResetPage({ invite = false }: { invite?: boolean }) {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <ChoosePassword token={token} invite={invite} /> : <RequestLink />;
}
