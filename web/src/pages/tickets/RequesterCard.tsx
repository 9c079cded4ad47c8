import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useRequestedTickets } from '../../api/tickets';
import type { User } from '../../api/types';
import { StatusTag } from '../../components/StatusTag';

type Person = User & { id: number; organization_id: number | null };

/** Who is asking: their contact, organization and their other recent tickets, one click away. */
export function RequesterCard({ requesterId, ticketId }: { requesterId: number; ticketId: number }) {
  const { t } = useTranslation();
  const user = useQuery({ queryKey: ['user', requesterId], queryFn: async () => (await api<{ user: Person }>('GET', `/api/v2/users/${requesterId}`)).user });
  const orgId = user.data?.organization_id ?? null;
  const org = useQuery({
    queryKey: ['organization', orgId],
    enabled: orgId !== null,
    queryFn: async () => (await api<{ organization: { id: number; name: string } }>('GET', `/api/v2/organizations/${orgId}`)).organization,
  });
  const tickets = useRequestedTickets(requesterId);
  const others = (tickets.data?.tickets ?? []).filter((tk) => tk.id !== ticketId).slice(0, 5);
  const more = Math.max(0, (tickets.data?.count ?? 0) - 1 - others.length);
  return (
    <Card size="small" title={t('tickets.requesterCard.title')} className="kefu-no-print">
      {user.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : user.data ? (
        <Flex vertical gap={2}>
          <Link to={`/users/${requesterId}`} data-testid="requester-link">
            <Typography.Text strong>{user.data.name}</Typography.Text>
          </Link>
          {user.data.email ? <Typography.Text type="secondary">{user.data.email}</Typography.Text> : null}
          <Typography.Text type="secondary">
            {t('tickets.requesterCard.organization')}{orgId === null ? t('tickets.none') : <Link to={`/organizations/${orgId}`}>{org.data?.name ?? `#${orgId}`}</Link>}
          </Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('errors.generic')}</Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 6px', fontSize: 12 }}>
        {t('tickets.requesterCard.otherTickets')}
      </Typography.Text>
      {tickets.isLoading ? (
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      ) : others.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.requesterCard.noOthers')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          {others.map((tk) => (
            <Flex key={tk.id} gap={6} align="center">
              <StatusTag status={tk.status} />
              <Link to={`/tickets/${tk.id}`} style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                  #{tk.id} {tk.subject}
                </Typography.Text>
              </Link>
            </Flex>
          ))}
          {more > 0 ? <Link to={`/users/${requesterId}`}>{t('tickets.requesterCard.more', { count: more })}</Link> : null}
        </Flex>
      )}
    </Card>
  );
}
