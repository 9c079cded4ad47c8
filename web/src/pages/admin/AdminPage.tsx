import { Layout, Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/hooks';
import i18n from '../../i18n';
import { addAdminCatalogue } from '../../i18n/admin';
import { adminGroups, sectionsFor } from './sections';

// Before the first render of anything in this chunk: no raw keys flash on screen.
addAdminCatalogue(i18n);

/**
 * Settings (管理设置): a menu of sections grouped by what they govern, the open section beside it.
 * An agent who is not an admin sees only their views and macros; any other section sends them there.
 */
export default function AdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { section } = useParams();
  const me = useMe();
  const sections = sectionsFor(me.data?.role);
  const current = sections.find((s) => s.key === section);
  if (!current) {
    return <Navigate to={`/admin/${sections[0]?.key ?? ''}`} replace />;
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
          items={adminGroups
            .filter((group) => sections.some((s) => s.group === group))
            .map((group) => ({
              type: 'group' as const,
              key: group,
              label: t(`admin.nav.areas.${group}`),
              children: sections.filter((s) => s.group === group).map((s) => ({ key: s.key, label: t(`admin.nav.${s.key}`) })),
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
