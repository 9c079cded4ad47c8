import { DownOutlined, HomeOutlined, BookOutlined, BarChartOutlined, SettingOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Dropdown, Input, Layout, Menu, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useLiveUpdates } from '../api/realtime';
import type { AccountSettings, User } from '../api/types';
import { AvailabilitySwitch } from '../components/AvailabilitySwitch';
import { NotificationBell } from '../components/NotificationBell';
import { ShortcutHelp } from '../components/shortcuts';
import { type Language, languageNames, languages, setLanguage } from '../i18n';

export function AppLayout({ me, settings, children }: { me: User; settings: AccountSettings | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  const signOut = async () => {
    await api('DELETE', '/api/v2/sessions/current');
    queryClient.clear();
    void navigate('/signin', { replace: true });
  };

  useLiveUpdates(me.role !== 'end-user');

  const soon = (key: string, icon: ReactNode) => ({ key, icon, label: t(`nav.${key}` as 'nav.tickets'), disabled: true, title: t('app.comingSoon') });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: 16 }}>
          <Typography.Text strong>{settings?.name ?? t('app.name')}</Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[location.pathname === '/' ? 'home' : location.pathname.startsWith('/admin') ? 'settings' : (location.pathname.split('/')[1] ?? '')]}
          onClick={({ key }) => void navigate(key === 'home' ? '/' : key === 'settings' ? '/admin' : `/${key}`)}
          items={[
            { key: 'home', icon: <HomeOutlined />, label: t('nav.home') },
            ...(me.role === 'end-user' ? [] : [{ key: 'tickets', icon: <InboxOutlined />, label: t('nav.tickets') }]),
            soon('knowledge', <BookOutlined />),
            soon('reports', <BarChartOutlined />),
            // Agents find their own views and macros there; admins everything.
            me.role === 'end-user' ? soon('settings', <SettingOutlined />) : { key: 'settings', icon: <SettingOutlined />, label: t('nav.settings') },
          ]}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16, borderBottom: '1px solid #f0f0f0' }}>
          {me.role === 'end-user' ? null : (
            <Input.Search
              data-shortcut="search"
              aria-label={t('search.placeholder')}
              placeholder={t('search.placeholder')}
              style={{ maxWidth: 360 }}
              onSearch={(q) => q.trim() && void navigate(`/search?q=${encodeURIComponent(q)}`)}
            />
          )}
          {me.role === 'end-user' ? null : <AvailabilitySwitch />}
          {me.role === 'end-user' ? null : <NotificationBell />}
          <Dropdown
            menu={{
              items: [
                ...languages.map((l) => ({ key: l, label: languageNames[l] })),
                { type: 'divider' as const },
                { key: 'sign-out', label: t('menu.signOut') },
              ],
              onClick: ({ key }) => {
                if (key === 'sign-out') {
                  void signOut();
                } else {
                  void setLanguage(key as Language);
                }
              },
            }}
          >
            <a onClick={(e) => e.preventDefault()} href="#account" data-testid="user-menu">
              {me.name} <DownOutlined />
            </a>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
        {me.role === 'end-user' ? null : <ShortcutHelp />}
      </Layout>
    </Layout>
  );
}
