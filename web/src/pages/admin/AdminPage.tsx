import { Layout, Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import i18n from '../../i18n';
import { addAdminCatalogue } from '../../i18n/admin';
import { adminGroups, adminSections } from './sections';

// Before the first render of anything in this chunk: no raw keys flash on screen.
addAdminCatalogue(i18n);

/** Settings (管理设置): a menu of sections grouped by what they govern, the open section beside it. */
export default function AdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { section } = useParams();
  const current = adminSections.find((s) => s.key === section);
  if (!current) {
    return <Navigate to="/admin/agents" replace />;
  }
  const Section = current.component;
  return (
    <Layout style={{ background: 'transparent', gap: 24 }} hasSider>
      <Layout.Sider width={200} theme="light" style={{ background: 'transparent' }}>
        <Menu
          aria-label={t('admin.title')}
          mode="inline"
          style={{ borderInlineEnd: 'none', background: 'transparent' }}
          selectedKeys={[current.key]}
          onClick={({ key }) => void navigate(`/admin/${key}`)}
          items={adminGroups.map((group) => ({
            type: 'group' as const,
            key: group,
            label: t(`admin.nav.areas.${group}`),
            children: adminSections.filter((s) => s.group === group).map((s) => ({ key: s.key, label: t(`admin.nav.${s.key}`) })),
          }))}
        />
      </Layout.Sider>
      <Layout.Content style={{ minWidth: 0 }}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
          <Section key={current.key} />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
