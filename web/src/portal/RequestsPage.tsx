import { Button, Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AccountSettings, User } from '../api/types';
import { PortalLayout } from './PortalLayout';
import { RequestList } from './RequestList';

export default function RequestsPage({ me, settings }: { me: User; settings: AccountSettings | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <PortalLayout me={me} settings={settings}>
      <Card
        title={t('portal.myRequests')}
        extra={
          <Button type="primary" onClick={() => void navigate('/portal/requests/new')}>
            {t('portal.submit')}
          </Button>
        }
      >
        <Tabs
          items={[
            { key: 'mine', label: t('portal.tabs.mine'), children: <RequestList scope="mine" /> },
            ...(me.organization_id ? [{ key: 'organization', label: t('portal.tabs.organization'), children: <RequestList scope="organization" /> }] : []),
          ]}
        />
      </Card>
    </PortalLayout>
  );
}
