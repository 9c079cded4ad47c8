import { useQuery } from '@tanstack/react-query';
import { App, Avatar, Button, Drawer, Empty, Flex, List, Popconfirm, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { explainRefusal, fetchAll } from './people-api';
import type { Organization, OrgMembership, Person } from './types';

/** An organization's members: add a customer (moving them from any other organization) or take one out. */
export function OrganizationMembersDrawer({ organization, onClose }: { organization: Organization | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = organization?.id;
  const members = useQuery({
    queryKey: ['admin-people', 'org-members', id],
    enabled: id !== undefined,
    queryFn: async () => {
      const [users, memberships] = await Promise.all([
        fetchAll<'users', Person>(`/api/v2/organizations/${id}/users`, 'users'),
        fetchAll<'organization_memberships', OrgMembership>(`/api/v2/organizations/${id}/organization_memberships`, 'organization_memberships'),
      ]);
      return users.map((u) => ({ user: u, membershipId: memberships.find((m) => m.user_id === u.id)?.id ?? null }));
    },
  });
  const [options, setOptions] = useState<Person[]>([]);
  const [searching, setSearching] = useState(false);
  const [adding, setAdding] = useState<number | null>(null);

  const search = async (text: string) => {
    if (!text.trim()) {
      return;
    }
    setSearching(true);
    try {
      setOptions((await api<{ users: Person[] }>('GET', `/api/v2/users/search?role=end-user&per_page=20&query=${encodeURIComponent(text.trim())}`)).users);
    } finally {
      setSearching(false);
    }
  };

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await members.refetch();
    } catch (e) {
      void message.error(explainRefusal(e, t), 6);
    }
  };

  return (
    <Drawer title={organization ? t('admin.people.organizations.membersOf', { name: organization.name }) : null} open={organization !== null} onClose={onClose} size={480} destroyOnHidden>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Select
          showSearch
          style={{ flex: 1 }}
          value={adding}
          onChange={setAdding}
          filterOption={false}
          onSearch={(text) => void search(text)}
          notFoundContent={searching ? <Spin size="small" /> : t('admin.people.merge.typeToSearch')}
          placeholder={t('admin.people.organizations.addPlaceholder')}
          aria-label={t('admin.people.organizations.addPlaceholder')}
          options={options.map((u) => ({ value: u.id, label: u.email ? `${u.name} · ${u.email}` : u.name }))}
        />
        <Button
          type="primary"
          disabled={adding === null}
          onClick={() =>
            void act(async () => {
              await api('POST', '/api/v2/organization_memberships', { organization_membership: { user_id: adding, organization_id: id } });
              setAdding(null);
            })
          }
        >
          {t('admin.people.groups.add')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('admin.people.organizations.membersHelp')}
      </Typography.Paragraph>
      {members.isLoading ? (
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      ) : (
        <List
          dataSource={members.data ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.people.organizations.noMembers')} /> }}
          renderItem={({ user, membershipId }) => (
            <List.Item
              actions={
                membershipId === null
                  ? []
                  : [
                      <Popconfirm
                        key="remove"
                        title={t('admin.people.organizations.removeConfirm', { name: user.name })}
                        okText={t('admin.people.groups.remove')}
                        cancelText={t('admin.kit.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => void act(() => api('DELETE', `/api/v2/organization_memberships/${membershipId}`))}
                      >
                        <Button type="link" size="small" danger>
                          {t('admin.people.groups.remove')}
                        </Button>
                      </Popconfirm>,
                    ]
              }
            >
              <List.Item.Meta avatar={<Avatar>{user.name.slice(0, 1)}</Avatar>} title={<Link to={`/users/${user.id}`}>{user.name}</Link>} description={user.email} />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
