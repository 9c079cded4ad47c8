import { Alert, Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { applyApiError } from '../components/form-errors';
import i18n from '../i18n';
import { useSettings } from '../api/hooks';
import { portalAccess, SignUpClosed } from './portal-access';

type Values = { name: string; email: string };

/** Customer sign-up: the mailed link proves the address and sets the password. */
export default function SignUpPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const settings = useSettings();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v2/portal/registrations', { user: { ...v, locale: i18n.language === 'en' ? 'en' : 'zh-CN' } });
      setSentTo(v.email);
    } catch (e) {
      setError(applyApiError(form, e, t, { 'user.name': 'name', 'user.email': 'email' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('portal.signUpTitle')}>
      {!portalAccess(settings.data).signUp ? (
        <SignUpClosed />
      ) : sentTo !== null ? (
        <Result status="success" title={t('portal.checkMail')} subTitle={t('portal.checkMailText', { email: sentTo })} />
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
          <Form.Item name="name" label={t('portal.yourName')} rules={[{ required: true, message: t('errors.required') }]}>
            <Input autoComplete="name" autoFocus />
          </Form.Item>
          <Form.Item name="email" label={t('portal.yourEmail')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
            <Input autoComplete="email" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('portal.signUp')}
          </Button>
        </Form>
      )}
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/portal/signin">{t('portal.haveAccount')}</Link>
      </div>
    </AuthCard>
  );
}
