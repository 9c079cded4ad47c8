import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Badge, Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useMe } from '../../../api/hooks';
import { useTimeFormat } from '../../../components/use-time-format';
import { AdminList } from '../kit/AdminList';
import { type AgentForm, AgentFormModal } from './AgentFormModal';
import { explainRefusal, fetchAll, peopleKeys, useCustomRoles, useGroupMemberships, useGroups } from './people-api';
import type { Person } from './types';

type Filters = { text: string; role: 'all' | 'agent' | 'admin'; status: 'all' | 'active' | 'suspended'; group: number | null };

/** Agents and admins: who they are, their role and groups; invite, edit, suspend or downgrade them. */
export default function AgentsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const when = useTimeFormat('short');
  const agents = useQuery({ queryKey: peopleKeys.agents, queryFn: () => fetchAll<'users', Person>('/api/v2/users?role[]=agent&role[]=admin', 'users') });
  const groups = useGroups();
  const memberships = useGroupMemberships();
  const roles = useCustomRoles();
  const [filters, setFilters] = useState<Filters>({ text: '', role: 'all', status: 'all', group: null });
  const [editing, setEditing] = useState<Person | 'new' | null>(null);

  const groupName = (id: number) => groups.data?.find((g) => g.id === id)?.name ?? `#${id}`;
  const roleName = (id: number | null) => roles.data?.find((r) => r.id === id)?.name;
  const groupsOf = (userId: number) => (memberships.data ?? []).filter((m) => m.user_id === userId);

  const shown = useMemo(() => {
    const text = filters.text.trim().toLowerCase();
    return (agents.data ?? []).filter(
      (a) =>
        (!text || a.name.toLowerCase().includes(text) || (a.email ?? '').includes(text)) &&
        (filters.role === 'all' || a.role === filters.role) &&
        (filters.status === 'all' || a.suspended === (filters.status === 'suspended')) &&
        (filters.group === null || (memberships.data ?? []).some((m) => m.user_id === a.id && m.group_id === filters.group)),
    );
  }, [agents.data, memberships.data, filters]);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: peopleKeys.agents }),
      queryClient.invalidateQueries({ queryKey: peopleKeys.memberships }),
      queryClient.invalidateQueries({ queryKey: peopleKeys.roles }),
    ]);
  };

  const change = async (agent: Person, patch: Partial<Pick<Person, 'suspended' | 'role'>>, done: string) => {
    try {
      await api('PUT', `/api/v2/users/${agent.id}`, { user: patch });
      void message.success(done);
      await refresh();
    } catch (e) {
      void message.error(explainRefusal(e, t));
    }
  };

  const saved = (values: AgentForm) => {
    void message.success(editing === 'new' ? t('admin.people.agents.invited', { email: values.email }) : t('admin.kit.saved'));
    setEditing(null);
    void refresh();
  };

  const protectedReason = (a: Person): string | null => (a.owner ? t('admin.people.agents.ownerProtected') : a.id === me.data?.id ? t('admin.people.agents.selfProtected') : null);

  return (
    <AdminList
      title={t('admin.nav.agents')}
      help={t('admin.people.agents.help')}
      newLabel={t('admin.people.agents.invite')}
      onNew={() => setEditing('new')}
      count={t('admin.people.agents.count', { count: shown.length })}
      failed={agents.isError}
      onRetry={() => agents.refetch()}
      toolbar={
        <Flex gap={12} wrap>
          <Input.Search
            allowClear
            placeholder={t('admin.people.agents.searchPlaceholder')}
            style={{ width: 260 }}
            onChange={(e) => setFilters((f) => ({ ...f, text: e.target.value }))}
            aria-label={t('admin.people.agents.searchPlaceholder')}
          />
          <Select
            style={{ width: 140 }}
            value={filters.role}
            onChange={(role) => setFilters((f) => ({ ...f, role }))}
            options={[
              { value: 'all', label: t('admin.people.agents.allRoles') },
              { value: 'agent', label: t('admin.people.roleNames.agent') },
              { value: 'admin', label: t('admin.people.roleNames.admin') },
            ]}
          />
          <Select
            style={{ width: 160 }}
            value={filters.group}
            onChange={(group) => setFilters((f) => ({ ...f, group }))}
            options={[{ value: null, label: t('admin.people.agents.allGroups') }, ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
          />
          <Select
            style={{ width: 140 }}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            options={[
              { value: 'all', label: t('admin.people.agents.allStatuses') },
              { value: 'active', label: t('admin.people.status.active') },
              { value: 'suspended', label: t('admin.people.status.suspended') },
            ]}
          />
        </Flex>
      }
      dialogs={
        <>
          <AgentFormModal
            key={editing === 'new' ? 'new' : (editing?.id ?? 'none')}
            agent={editing === 'new' ? null : editing}
            memberships={memberships.data ?? []}
            open={editing !== null}
            onClose={() => setEditing(null)}
            onSaved={saved}
          />
        </>
      }
    >
      <Table<Person>
        rowKey="id"
        loading={agents.isLoading}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: agents.data?.length ? t('admin.people.noMatch') : t('admin.people.agents.empty') }}
        columns={[
          {
            title: t('admin.people.fields.name'),
            width: 280,
            render: (_: unknown, a: Person) => (
              <Flex gap={10} align="center">
                <Avatar style={{ background: a.suspended ? '#bfbfbf' : '#1677ff', flex: 'none' }}>{a.name.slice(0, 1)}</Avatar>
                <div style={{ minWidth: 0 }}>
                  <Flex gap={4} align="center" wrap={false}>
                    <Link to={`/users/${a.id}`} style={{ whiteSpace: 'nowrap' }}>
                      {a.name}
                    </Link>
                    {a.owner ? <Tag color="gold">{t('admin.people.agents.owner')}</Tag> : null}
                    {a.id === me.data?.id ? <Tag>{t('admin.people.agents.you')}</Tag> : null}
                  </Flex>
                  <Typography.Text type="secondary" ellipsis={{ tooltip: a.email }} style={{ maxWidth: 230, display: 'block' }}>
                    {a.email}
                  </Typography.Text>
                </div>
              </Flex>
            ),
          },
          {
            title: t('admin.people.fields.role'),
            width: 150,
            // An agent's custom role says more than "agent"; admins have none.
            render: (_: unknown, a: Person) =>
              a.role === 'admin' ? (
                <Tag color="purple">{t('admin.people.roleNames.admin')}</Tag>
              ) : (
                <Tag color="blue">{roleName(a.custom_role_id) ?? t('admin.people.roleNames.agent')}</Tag>
              ),
          },
          {
            title: t('admin.people.fields.groups'),
            render: (_: unknown, a: Person) => (
              <Space size={[4, 4]} wrap>
                {groupsOf(a.id).map((m) => (
                  <Tooltip key={m.id} title={m.default ? t('admin.people.fields.defaultGroup') : undefined}>
                    <Tag color={m.default ? 'geekblue' : undefined}>{groupName(m.group_id)}</Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          {
            title: t('admin.people.agents.status'),
            width: 150,
            // The state, and under it when they last signed in: one column, so names keep their room.
            render: (_: unknown, a: Person) => (
              <div style={{ whiteSpace: 'nowrap' }}>
                {a.suspended ? (
                  <Badge status="error" text={t('admin.people.status.suspended')} />
                ) : a.last_login_at ? (
                  <Badge status="success" text={t('admin.people.status.active')} />
                ) : (
                  <Tooltip title={t('admin.people.status.invitedHelp')}>
                    <Badge status="default" text={t('admin.people.status.invited')} />
                  </Tooltip>
                )}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.last_login_at ? t('admin.people.agents.lastLoginAt', { when: when.format(new Date(a.last_login_at)) }) : t('admin.people.never')}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            title: t('admin.kit.actions'),
            width: 190,
            render: (_: unknown, a: Person) => {
              const reason = protectedReason(a);
              return (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(a)}>
                    {t('admin.kit.edit')}
                  </Button>
                  {reason ? (
                    <Tooltip title={reason}>
                      <Button type="link" size="small" disabled>
                        {a.suspended ? t('admin.people.agents.unsuspend') : t('admin.people.agents.suspend')}
                      </Button>
                    </Tooltip>
                  ) : a.suspended ? (
                    <Button type="link" size="small" onClick={() => void change(a, { suspended: false }, t('admin.people.agents.unsuspended', { name: a.name }))}>
                      {t('admin.people.agents.unsuspend')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('admin.people.agents.suspendConfirm', { name: a.name })}
                      description={t('admin.people.agents.suspendHelp')}
                      okText={t('admin.people.agents.suspend')}
                      cancelText={t('admin.kit.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => void change(a, { suspended: true }, t('admin.people.agents.suspended', { name: a.name }))}
                    >
                      <Button type="link" size="small" danger>
                        {t('admin.people.agents.suspend')}
                      </Button>
                    </Popconfirm>
                  )}
                  {reason ? null : (
                    <Popconfirm
                      title={t('admin.people.agents.downgradeConfirm', { name: a.name })}
                      description={t('admin.people.agents.downgradeHelp')}
                      okText={t('admin.people.agents.downgrade')}
                      cancelText={t('admin.kit.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => void change(a, { role: 'end-user' }, t('admin.people.agents.downgraded', { name: a.name }))}
                    >
                      <Button type="link" size="small" danger>
                        {t('admin.people.agents.downgrade')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </AdminList>
  );
}
