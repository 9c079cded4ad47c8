import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';

export type AgentNotification = { id: number; kind: 'assigned' | 'reply' | 'mention'; ticket_id: number; subject: string; actor_name: string | null; excerpt: string; read: boolean; created_at: string };
export const notificationKeys = { list: ['notifications'] as const };

/** The agent's bell: unread count, the latest notifications, refreshed live by useLiveUpdates. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: notificationKeys.list,
    queryFn: () => api<{ notifications: AgentNotification[]; unread_count: number }>('GET', '/api/v2/notifications?per_page=20'),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.list });
  const markRead = useMutation({ mutationFn: (id: number) => api('PUT', `/api/v2/notifications/${id}/read`), onSettled: refresh });
  const readAll = useMutation({ mutationFn: () => api('PUT', '/api/v2/notifications/read_all'), onSettled: refresh });
  const items = list.data?.notifications ?? [];
  const when = new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

  const content = (
    <div style={{ width: 360 }} data-testid="notification-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: 'pointer', background: n.read ? undefined : '#f0f7ff' }}
              onClick={() => {
                setOpen(false);
                if (!n.read) {
                  markRead.mutate(n.id);
                }
                void navigate(`/tickets/${n.ticket_id}`);
              }}
            >
              <List.Item.Meta
                title={
                  <span>
                    {t(`bell.${n.kind}`, { actor: n.actor_name ?? t('bell.someone') })} · #{n.ticket_id} {n.subject}
                  </span>
                }
                description={
                  <Typography.Text type="secondary" ellipsis>
                    {when.format(new Date(n.created_at))} {n.excerpt}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <span>{t('bell.title')}</span>
          <Button size="small" type="link" disabled={!list.data?.unread_count} onClick={() => readAll.mutate()}>
            {t('bell.readAll')}
          </Button>
        </div>
      }
      content={content}
    >
      <Badge count={list.data?.unread_count ?? 0} size="small">
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('bell.title')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
