import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminSection } from './AdminSection';

/** Stands in for a section not built yet, so the menu is whole and says so honestly. */
export function ComingSoon({ section }: { section: string }) {
  const { t } = useTranslation();
  return (
    <AdminSection title={t(`admin.nav.${section}`)}>
      <Empty description={t('admin.kit.comingSoon')} />
    </AdminSection>
  );
}
