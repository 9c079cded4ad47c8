import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Drawer, Empty, Flex, List, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { explainRefusal, fetchAll, peopleKeys, useGroupMemberships } from './people-api';
import type { Group, Person } from './types';

/** A group's members: add agents to it or take them out (an agent keeps at least one group). */
export function GroupMembersDrawer({ group, onClose }: { group: Group | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const agents = useQuery({ queryKey: peopleKeys.agents, queryFn: () => fetchAll<'users', Person>('/api/v2/users?role[]=agent&role[]=admin', 'users') });
  const memberships = useGroupMemberships();
  const [adding, setAdding] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);

  const members = (memberships.data ?? []).filter((m) => m.group_id === group?.id);
  const memberIds = new Set(members.map((m) => m.user_id));
  const personOf = (id: number) => agents.data?.find((a) => a.id === id);

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: peopleKeys.memberships }), queryClient.invalidateQueries({ queryKey: peopleKeys.agents })]);

  const add = async () => {
    if (!group) {
      return;
    }
    setBusy(true);
    try {
      for (const userId of adding) {
        await api('POST', '/api/v2/group_memberships', { group_membership: { user_id: userId, group_id: group.id } });
      }
      void message.success(t('admin.people.groups.added', { count: adding.length }));
      setAdding([]);
    } catch (e) {
      void message.error(explainRefusal(e, t), 6);
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const remove = async (membershipId: number) => {
    try {
      await api('DELETE', `/api/v2/group_memberships/${membershipId}`);
      await refresh();
    } catch (e) {
      void message.error(explainRefusal(e, t), 6);
    }
  };

  return (
    <Drawer title={group ? t('admin.people.groups.membersOf', { name: group.name }) : null} open={group !== null} onClose={onClose} size={480} destroyOnHidden>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Select
          mode="multiple"
          style={{ flex: 1 }}
          value={adding}
          onChange={setAdding}
          placeholder={t('admin.people.groups.addPlaceholder')}
          optionFilterProp="label"
          aria-label={t('admin.people.groups.addPlaceholder')}
          options={(agents.data ?? []).filter((a) => !memberIds.has(a.id)).map((a) => ({ value: a.id, label: a.email ? `${a.name} · ${a.email}` : a.name }))}
        />
        <Button type="primary" disabled={adding.length === 0} loading={busy} onClick={() => void add()}>
          {t('admin.people.groups.add')}
        </Button>
      </Flex>
      <List
        loading={memberships.isLoading || agents.isLoading}
        dataSource={members}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.people.groups.noMembers')} /> }}
        renderItem={(m) => {
          const person = personOf(m.user_id);
          return (
            <List.Item
              actions={[
                <Popconfirm
                  key="remove"
                  title={t('admin.people.groups.removeConfirm', { name: person?.name ?? '' })}
                  okText={t('admin.people.groups.remove')}
                  cancelText={t('admin.kit.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => void remove(m.id)}
                >
                  <Button type="link" size="small" danger>
                    {t('admin.people.groups.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                avatar={<Avatar>{person?.name.slice(0, 1)}</Avatar>}
                title={
                  <Flex gap={6} align="center">
                    {person?.name ?? `#${m.user_id}`}
                    {m.default ? <Tag color="geekblue">{t('admin.people.fields.defaultGroup')}</Tag> : null}
                  </Flex>
                }
                description={<Typography.Text type="secondary">{person?.email}</Typography.Text>}
              />
            </List.Item>
          );
        }}
      />
    </Drawer>
  );
}
