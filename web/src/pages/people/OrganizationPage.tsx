import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { TicketList } from './TicketList';

type Organization = { id: number; name: string; domain_names: string[]; shared_tickets: boolean; tags: string[]; notes: string | null };

/** A customer organization and its tickets. */
export default function OrganizationPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const org = useQuery({ queryKey: ['organization', id], queryFn: async () => (await api<{ organization: Organization }>('GET', `/api/v2/organizations/${id}`)).organization });
  if (org.isLoading) {
    return <Skeleton active />;
  }
  if (!org.data) {
    return <Alert type="error" showIcon message={t('errors.generic')} />;
  }
  const o = org.data;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {o.name}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('profile.domains')}>{o.domain_names.join(', ') || t('tickets.none')}</Descriptions.Item>
          <Descriptions.Item label={t('profile.shared')}>{o.shared_tickets ? t('profile.yes') : t('profile.no')}</Descriptions.Item>
          <Descriptions.Item label={t('tickets.tags')}>{o.tags.length ? o.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : t('tickets.none')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('profile.orgTickets')}>
        <TicketList path={`/api/v2/organizations/${id}/tickets`} />
      </Card>
    </Flex>
  );
}
