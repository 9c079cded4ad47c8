import { FileAddOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AccountSettings, User } from '../api/types';
import { PortalLayout } from './PortalLayout';
import { RequestList } from './RequestList';

/** The portal's front page: what the customer can do, and their latest requests once signed in. */
export default function PortalHome({ me, settings }: { me: User | null; settings: AccountSettings | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const hero = (
    <>
      <Typography.Title level={2} style={{ color: '#fff', marginTop: 0 }}>
        {t('portal.heroTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16, marginBottom: 0 }}>{t('portal.heroText', { name: settings?.name ?? '' })}</Typography.Paragraph>
    </>
  );
  return (
    <PortalLayout me={me} settings={settings} hero={hero}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card hoverable onClick={() => void navigate('/portal/requests/new')} style={{ height: '100%' }}>
            <Card.Meta avatar={<FileAddOutlined style={{ fontSize: 28, color: settings?.brand_color ?? '#1677ff' }} />} title={t('portal.submit')} description={t('portal.submitHelp')} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card hoverable onClick={() => void navigate(me ? '/portal/requests' : '/portal/signin')} style={{ height: '100%' }}>
            <Card.Meta avatar={<UnorderedListOutlined style={{ fontSize: 28, color: settings?.brand_color ?? '#1677ff' }} />} title={t('portal.myRequests')} description={t('portal.myRequestsHelp')} />
          </Card>
        </Col>
      </Row>
      {me ? (
        <Card title={t('portal.recent')} style={{ marginTop: 16 }}>
          <RequestList scope="mine" limit={5} />
        </Card>
      ) : null}
    </PortalLayout>
  );
}
