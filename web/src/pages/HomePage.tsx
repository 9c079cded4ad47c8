import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountSettings, User } from '../api/types';

export default function HomePage({ me, settings }: { me: User; settings: AccountSettings | undefined }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={3}>{t('home.welcome', { name: me.name })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro', { account: settings?.name ?? '' })}</Typography.Paragraph>
      <Typography.Text strong>{t('home.nextSteps')}</Typography.Text>
      <Space direction="vertical" style={{ display: 'flex', marginTop: 8 }}>
        {me.role === 'admin' ? <Link to="/admin/agents">{t('home.inviteAgents')}</Link> : null}
        <a href="/api/docs" target="_blank" rel="noreferrer">
          {t('home.apiDocs')}
        </a>
      </Space>
    </Card>
  );
}
