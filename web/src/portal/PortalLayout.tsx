import { DownOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Flex, Layout, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useLiveUpdates } from '../api/realtime';
import type { AccountSettings, User } from '../api/types';
import { type Language, languageNames, languages, setLanguage } from '../i18n';
import { portalAccess } from './portal-access';

/** The customer portal's frame: the helpdesk's brand, its own CSS, and a layout that fits a phone. */
export function PortalLayout({ me, settings, hero, children }: { me: User | null; settings: AccountSettings | undefined; hero?: ReactNode; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useLiveUpdates(me !== null);
  const brand = settings?.brand_color ?? '#1677ff';

  const signOut = async () => {
    await api('DELETE', '/api/v2/sessions/current');
    queryClient.clear();
    void navigate('/portal', { replace: true });
  };

  return (
    <Layout className="kefu-portal" style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      {settings?.portal_css ? <style>{settings.portal_css}</style> : null}
      <Layout.Header style={{ background: '#fff', borderBottom: '1px solid #eef0f3', padding: '0 16px', height: 'auto', lineHeight: 'normal' }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ maxWidth: 960, margin: '0 auto', minHeight: 60 }}>
          <Link to="/portal" style={{ display: 'flex', alignItems: 'center', gap: 10, color: 'inherit' }}>
            {settings?.logo_url ? <img src={settings.logo_url} alt="" style={{ height: 32 }} /> : null}
            <Typography.Text strong style={{ fontSize: 17 }}>
              {t('portal.brand', { name: settings?.name ?? t('app.name') })}
            </Typography.Text>
          </Link>
          <Space size="middle" wrap>
            <Link to="/portal/requests/new">{t('portal.submit')}</Link>
            {me ? <Link to="/portal/requests">{t('portal.myRequests')}</Link> : null}
            {me ? (
              <Dropdown
                menu={{
                  items: [
                    ...(me.role === 'end-user' ? [] : [{ key: 'console', label: t('portal.console') }]),
                    ...languages.map((l) => ({ key: l, label: languageNames[l] })),
                    { type: 'divider' as const },
                    { key: 'sign-out', label: t('menu.signOut') },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'sign-out') {
                      void signOut();
                    } else if (key === 'console') {
                      void navigate('/');
                    } else {
                      void setLanguage(key as Language);
                    }
                  },
                }}
              >
                <a onClick={(e) => e.preventDefault()} href="#account" data-testid="portal-user-menu">
                  {me.name} <DownOutlined />
                </a>
              </Dropdown>
            ) : (
              <>
                <Select
                  size="small"
                  aria-label={t('app.language')}
                  value={i18n.language as Language}
                  onChange={(value: Language) => void setLanguage(value)}
                  options={languages.map((l) => ({ value: l, label: languageNames[l] }))}
                  style={{ width: 100 }}
                />
                <Link to="/portal/signin">{t('portal.signIn')}</Link>
                {portalAccess(settings).signUp ? (
                  <Button type="primary" size="small" onClick={() => void navigate('/portal/signup')}>
                    {t('portal.signUp')}
                  </Button>
                ) : null}
              </>
            )}
          </Space>
        </Flex>
      </Layout.Header>
      {hero ? (
        <div style={{ background: `linear-gradient(135deg, ${brand}, ${brand}cc)`, color: '#fff', padding: '40px 16px' }}>
          <div style={{ maxWidth: 960, margin: '0 auto' }}>{hero}</div>
        </div>
      ) : null}
      <Layout.Content style={{ padding: '24px 16px', width: '100%', maxWidth: 992, margin: '0 auto' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: 'transparent', color: '#8c8c8c' }}>{t('portal.footer', { name: settings?.name ?? t('app.name') })}</Layout.Footer>
    </Layout>
  );
}
