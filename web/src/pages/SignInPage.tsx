import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import { keys } from '../api/hooks';
import type { User } from '../api/types';
import { AuthCard } from '../components/AuthCard';
import { applyApiError } from '../components/form-errors';

/** Sign in; customers land in the portal, staff in the console (or where they were going). */
export default function SignInPage({ portal = false }: { portal?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ email: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  const submit = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await api<{ user: User }>('POST', '/api/v2/sessions', values);
      queryClient.setQueryData(keys.me, user);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from ?? (user.role === 'end-user' || portal ? '/portal' : '/'), { replace: true });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('signIn.invalid') : applyApiError(form, e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('signIn.title')}>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="email" label={t('signIn.email')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('signIn.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/password/reset">{t('signIn.forgot')}</Link>
        {portal ? (
          <div style={{ marginTop: 8 }}>
            <Link to="/portal/signup">{t('portal.noAccount')}</Link>
          </div>
        ) : null}
      </div>
    </AuthCard>
  );
}
