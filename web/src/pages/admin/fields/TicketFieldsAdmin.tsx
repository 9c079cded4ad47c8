import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminSection } from '../kit/AdminSection';
import { FieldList } from './FieldList';

/** 工单字段: the ticket's built-in and custom fields, and the custom fields of customers and organizations. */
export default function TicketFieldsAdmin() {
  const { t } = useTranslation();
  return (
    <AdminSection title={t('admin.nav.fields')} help={t('admin.fields.help')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'ticket', label: t('admin.fields.tabs.ticket'), children: <FieldList entity="ticket" /> },
          { key: 'user', label: t('admin.fields.tabs.user'), children: <FieldList entity="user" /> },
          { key: 'organization', label: t('admin.fields.tabs.organization'), children: <FieldList entity="organization" /> },
        ]}
      />
    </AdminSection>
  );
}
