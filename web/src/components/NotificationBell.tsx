import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Modal, Popover, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useTimeFormat } from './use-time-format';

export type AgentNotification = { id: number; kind: 'assigned' | 'reply' | 'mention'; ticket_id: number; subject: string; actor_name: string | null; excerpt: string; read: boolean; created_at: string };
export const notificationKeys = { list: ['notifications'] as const, preferences: ['notification-preferences'] as const };

type Kind = AgentNotification['kind'];
type Preferences = { in_app: Record<Kind, boolean>; email: Record<Kind, boolean> };
const kinds: Kind[] = ['assigned', 'reply', 'mention'];

/** The agent's own choices: which notifications reach the bell and which their mailbox. */
function PreferencesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: notificationKeys.preferences, enabled: open, queryFn: () => api<{ notification_preferences: Preferences }>('GET', '/api/v2/notification_preferences') });
  const save = useMutation({
    mutationFn: (patch: Partial<Record<'in_app' | 'email', Partial<Record<Kind, boolean>>>>) => api<{ notification_preferences: Preferences }>('PUT', '/api/v2/notification_preferences', { notification_preferences: patch }),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.preferences, data),
  });
  const current = prefs.data?.notification_preferences;
  return (
    <Modal title={t('bell.preferences')} open={open} onCancel={onClose} footer={null} destroyOnHidden>
      <Table<{ kind: Kind }>
        rowKey="kind"
        pagination={false}
        loading={prefs.isLoading}
        dataSource={kinds.map((kind) => ({ kind }))}
        columns={[
          { title: t('bell.kind'), render: (_: unknown, r) => t(`bell.kinds.${r.kind}`) },
          ...(['in_app', 'email'] as const).map((channel) => ({
            title: t(`bell.channels.${channel}`),
            render: (_: unknown, r: { kind: Kind }) => (
              <Switch
                aria-label={`${t(`bell.kinds.${r.kind}`)} ${t(`bell.channels.${channel}`)}`}
                checked={current?.[channel][r.kind] ?? true}
                loading={save.isPending}
                onChange={(on) => save.mutate({ [channel]: { [r.kind]: on } })}
              />
            ),
          })),
        ]}
      />
    </Modal>
  );
}

/** The agent's bell: unread count, the latest notifications, refreshed live by useLiveUpdates. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const list = useQuery({
    queryKey: notificationKeys.list,
    queryFn: () => api<{ notifications: AgentNotification[]; unread_count: number }>('GET', '/api/v2/notifications?per_page=20'),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.list });
  const markRead = useMutation({ mutationFn: (id: number) => api('PUT', `/api/v2/notifications/${id}/read`), onSettled: refresh });
  const readAll = useMutation({ mutationFn: () => api('PUT', '/api/v2/notifications/read_all'), onSettled: refresh });
  const items = list.data?.notifications ?? [];
  const when = useTimeFormat('compact');

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
    <>
      <PreferencesDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <Popover
        trigger="click"
        placement="bottomRight"
        open={open}
        onOpenChange={setOpen}
        title={
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <span>{t('bell.title')}</span>
            <Space size={0}>
              <Button size="small" type="link" disabled={!list.data?.unread_count} onClick={() => readAll.mutate()}>
                {t('bell.readAll')}
              </Button>
              <Button size="small" type="link" onClick={() => (setOpen(false), setSettingsOpen(true))}>
                {t('bell.preferences')}
              </Button>
            </Space>
          </div>
        }
        content={content}
      >
        <Badge count={list.data?.unread_count ?? 0} size="small">
          <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('bell.title')} data-testid="notification-bell" />
        </Badge>
      </Popover>
    </>
  );
}
