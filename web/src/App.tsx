import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useMe, useSetupRequired, useSettings } from './api/hooks';
import { setLanguage } from './i18n';
import { AppLayout } from './layout/AppLayout';

const SetupPage = lazy(() => import('./pages/SetupPage'));
const SignInPage = lazy(() => import('./pages/SignInPage'));
const PasswordResetPage = lazy(() => import('./pages/PasswordResetPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage'));
const TicketsPage = lazy(() => import('./pages/tickets/TicketsPage'));
const TicketPage = lazy(() => import('./pages/tickets/TicketPage'));
const SearchPage = lazy(() => import('./pages/tickets/SearchPage'));
const UserPage = lazy(() => import('./pages/people/UserPage'));
const OrganizationPage = lazy(() => import('./pages/people/OrganizationPage'));
const PortalHome = lazy(() => import('./portal/PortalHome'));
const NewRequestPage = lazy(() => import('./portal/NewRequestPage'));
const RequestsPage = lazy(() => import('./portal/RequestsPage'));
const RequestPage = lazy(() => import('./portal/RequestPage'));
const SignUpPage = lazy(() => import('./portal/SignUpPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', minHeight: '60vh', alignItems: 'center', justifyContent: 'center' }}>
      <Spin description={t('app.loading')} />
    </div>
  );
}

/** Decides between first-run setup, the public pages and the signed-in workspace. */
function Screens() {
  const setup = useSetupRequired();
  const setupRequired = setup.data?.setup_required;
  const me = useMe(setupRequired === false);
  const settings = useSettings(setupRequired === false);
  const location = useLocation();

  useEffect(() => {
    const preferred = me.data?.locale;
    if (!localStorage.getItem('kefu.language') && (preferred === 'en' || preferred === 'zh-CN')) {
      void setLanguage(preferred, false);
    }
  }, [me.data?.locale]);

  if (setup.isLoading) {
    return <Loading />;
  }
  if (setupRequired) {
    return (
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="*" element={<Navigate to="/setup" replace />} />
      </Routes>
    );
  }
  if (me.isLoading) {
    return <Loading />;
  }
  const user = me.data ?? null;
  const customer = user?.role === 'end-user';
  const toSignIn = <Navigate to={location.pathname.startsWith('/portal') ? '/portal/signin' : '/signin'} replace state={{ from: location.pathname }} />;
  const inPortal = (page: (me: NonNullable<typeof user>) => ReactNode) => (user ? page(user) : toSignIn);
  // The console is for staff; customers who reach it are sent to the portal.
  const signedIn = (page: ReactNode) =>
    customer ? (
      <Navigate to="/portal" replace />
    ) : user ? (
      <AppLayout me={user} settings={settings.data}>
        {page}
      </AppLayout>
    ) : (
      toSignIn
    );
  return (
    <Routes>
      <Route path="/setup" element={<Navigate to={user ? '/' : '/signin'} replace />} />
      <Route path="/signin" element={user ? <Navigate to={customer ? '/portal' : '/'} replace /> : <SignInPage />} />
      <Route path="/portal" element={<PortalHome me={user} settings={settings.data} />} />
      <Route path="/portal/signin" element={user ? <Navigate to="/portal" replace /> : <SignInPage portal />} />
      <Route path="/portal/signup" element={user ? <Navigate to="/portal" replace /> : <SignUpPage />} />
      <Route path="/portal/requests/new" element={<NewRequestPage me={user} settings={settings.data} />} />
      <Route path="/portal/requests" element={inPortal((me) => <RequestsPage me={me} settings={settings.data} />)} />
      <Route path="/portal/requests/:id" element={inPortal((me) => <RequestPage me={me} settings={settings.data} />)} />
      <Route path="/password/reset" element={<PasswordResetPage />} />
      <Route path="/password/set" element={<PasswordResetPage invite />} />
      <Route path="/" element={signedIn(user ? <HomePage me={user} settings={settings.data} /> : null)} />
      {/* Every agent may open settings: a non-admin finds only their own views and macros there. */}
      <Route path="/admin/:section?/*" element={signedIn(<AdminPage />)} />
      <Route path="/people" element={<Navigate to="/admin/agents" replace />} />
      <Route path="/settings/email" element={<Navigate to="/admin/email" replace />} />
      <Route path="/tickets" element={signedIn(<TicketsPage />)} />
      <Route path="/tickets/views/:viewId" element={signedIn(<TicketsPage />)} />
      <Route path="/tickets/:id" element={signedIn(<TicketPage />)} />
      <Route path="/search" element={signedIn(<SearchPage />)} />
      <Route path="/users/:id" element={signedIn(<UserPage />)} />
      <Route path="/organizations/:id" element={signedIn(<OrganizationPage />)} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

/** People who ask their system for less motion get no opening and closing animations. */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export function App() {
  const { i18n } = useTranslation();
  const settings = useSettings(false);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: settings.data?.brand_color ?? '#1677ff', motion: !reducedMotion } }}
    >
      <AntApp>
        <Suspense fallback={<Loading />}>
          <Screens />
        </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}
