import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { AdminList } from '../kit/AdminList';
import { DeleteButton } from '../kit/DeleteButton';
import { GroupFormModal } from './GroupFormModal';
import { GroupMembersDrawer } from './GroupMembersDrawer';
import { explainRefusal, peopleKeys, useGroupMemberships, useGroups } from './people-api';
import type { Group, GroupRouting } from './types';

type Editing = { group: Group | null; routing: GroupRouting | null };

/** Groups (客服组): who works which tickets; the default group, members and routing. */
export default function GroupsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const groups = useGroups();
  const memberships = useGroupMemberships();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [members, setMembers] = useState<Group | null>(null);

  const countOf = (id: number) => (memberships.data ?? []).filter((m) => m.group_id === id).length;
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: peopleKeys.groups }), queryClient.invalidateQueries({ queryKey: peopleKeys.memberships })]);

  const edit = async (group: Group) => {
    try {
      const { group_routing } = await queryClient.fetchQuery({
        queryKey: ['admin-people', 'group-routing', group.id],
        queryFn: () => api<{ group_routing: GroupRouting }>('GET', `/api/v2/routing/groups/${group.id}`),
        staleTime: 0,
      });
      setEditing({ group, routing: group_routing });
    } catch (e) {
      void message.error(explainRefusal(e, t));
    }
  };

  const makeDefault = async (group: Group) => {
    try {
      await api('PUT', `/api/v2/groups/${group.id}`, { group: { default: true } });
      void message.success(t('admin.people.groups.nowDefault', { name: group.name }));
      await refresh();
    } catch (e) {
      void message.error(explainRefusal(e, t));
    }
  };

  const remove = async (group: Group) => {
    await api('DELETE', `/api/v2/groups/${group.id}`);
    void message.success(t('admin.kit.deleted'));
    await refresh();
  };

  return (
    <AdminList
      title={t('admin.nav.groups')}
      help={t('admin.people.groups.help')}
      newLabel={t('admin.people.groups.new')}
      onNew={() => setEditing({ group: null, routing: null })}
      failed={groups.isError}
      onRetry={() => groups.refetch()}
      dialogs={
        <>
          <GroupFormModal
            key={editing?.group?.id ?? (editing ? 'new' : 'none')}
            group={editing?.group ?? null}
            routing={editing?.routing ?? null}
            open={editing !== null}
            onClose={() => setEditing(null)}
            onSaved={() => {
              void message.success(t('admin.kit.saved'));
              setEditing(null);
              void refresh();
            }}
          />
          <GroupMembersDrawer group={members} onClose={() => setMembers(null)} />
        </>
      }
    >
      <Table<Group>
        rowKey="id"
        loading={groups.isLoading}
        dataSource={groups.data ?? []}
        pagination={false}
        locale={{ emptyText: t('admin.people.groups.empty') }}
        columns={[
          {
            title: t('admin.people.groups.name'),
            render: (_: unknown, g: Group) => (
              <div>
                <Space size={6}>
                  <Typography.Text strong>{g.name}</Typography.Text>
                  {g.default ? <Tag color="blue">{t('admin.people.groups.defaultTag')}</Tag> : null}
                </Space>
                {g.description ? (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {g.description}
                    </Typography.Text>
                  </div>
                ) : null}
              </div>
            ),
          },
          {
            title: t('admin.people.groups.members'),
            width: 110,
            render: (_: unknown, g: Group) => (
              <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setMembers(g)}>
                {t('admin.people.groups.memberCount', { count: countOf(g.id) })}
              </Button>
            ),
          },
          {
            title: t('admin.kit.actions'),
            width: 260,
            render: (_: unknown, g: Group) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => void edit(g)}>
                  {t('admin.kit.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setMembers(g)}>
                  {t('admin.people.groups.manageMembers')}
                </Button>
                {g.default ? null : (
                  <Button type="link" size="small" onClick={() => void makeDefault(g)}>
                    {t('admin.people.groups.makeDefault')}
                  </Button>
                )}
                {g.default ? null : <DeleteButton explain={(e) => explainRefusal(e, t)} title={t('admin.people.groups.deleteConfirm', { name: g.name })} description={t('admin.people.groups.deleteHelp')} onConfirm={() => remove(g)} />}
              </Space>
            ),
          },
        ]}
      />
    </AdminList>
  );
}
