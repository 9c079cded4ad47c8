import { Empty, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type RequestScope, useRequests } from '../api/portal';
import { StatusTag } from '../components/StatusTag';
import { useTimeFormat } from '../components/use-time-format';

/** The requester's requests, newest first, each with its status. */
export function RequestList({ scope, limit }: { scope: RequestScope; limit?: number }) {
  const { t } = useTranslation();
  const requests = useRequests(scope);
  const when = useTimeFormat('medium');
  if (requests.isLoading) {
    return <Skeleton active />;
  }
  if (requests.isError) {
    return <Typography.Text type="danger">{t('errors.generic')}</Typography.Text>;
  }
  const rows = (requests.data ?? []).slice(0, limit ?? Infinity);
  if (rows.length === 0) {
    return <Empty description={scope === 'mine' ? t('portal.noRequests') : t('portal.noOrgRequests')} />;
  }
  return (
    <List
      data-testid={`requests-${scope}`}
      dataSource={rows}
      renderItem={(r) => (
        <List.Item extra={<StatusTag status={r.status} />}>
          <List.Item.Meta
            title={
              <Link to={`/portal/requests/${r.id}`}>
                <Typography.Text type="secondary">#{r.id} </Typography.Text>
                {r.subject}
              </Link>
            }
            description={t('portal.updated', { when: when.format(new Date(r.updated_at)) })}
          />
        </List.Item>
      )}
    />
  );
}
