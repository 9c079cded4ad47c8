import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { AdminList } from '../kit/AdminList';
import { DeleteButton } from '../kit/DeleteButton';
import { useEditor, useSearchPage } from '../kit/use-editor';
import { OrganizationFormModal } from './OrganizationFormModal';
import { OrganizationMembersDrawer } from './OrganizationMembersDrawer';
import { explainRefusal, peopleKeys, useGroups } from './people-api';
import type { OffsetPage, Organization } from './types';

const PAGE_SIZE = 25;

/** Organizations (客户组织): companies customers belong to, by email domain or by hand. */
export default function OrganizationsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const groups = useGroups();
  const { query, page, setPage, search } = useSearchPage();
  const [members, setMembers] = useState<Organization | null>(null);

  const orgs = useQuery({
    queryKey: [...peopleKeys.organizations, query, page],
    placeholderData: keepPreviousData,
    queryFn: () => {
      const paging = `per_page=${PAGE_SIZE}&page=${page}`;
      return api<OffsetPage<'organizations', Organization>>('GET', query ? `/api/v2/organizations/search?${paging}&name=${encodeURIComponent(query)}` : `/api/v2/organizations?${paging}`);
    },
  });
  const groupName = (id: number | null) => (id === null ? null : (groups.data?.find((g) => g.id === id)?.name ?? `#${id}`));
  const refresh = () => queryClient.invalidateQueries({ queryKey: peopleKeys.organizations });
  const editor = useEditor<Organization>(refresh);

  const remove = async (o: Organization) => {
    await api('DELETE', `/api/v2/organizations/${o.id}`);
    void message.success(t('admin.kit.deleted'));
    await refresh();
  };

  return (
    <AdminList
      title={t('admin.nav.organizations')}
      help={t('admin.people.organizations.help')}
      newLabel={t('admin.people.organizations.new')}
      onNew={() => editor.edit('new')}
      search={{
        placeholder: t('admin.people.organizations.searchPlaceholder'),
        width: 360,
        onSearch: search,
      }}
      count={orgs.data ? t('admin.people.organizations.count', { count: orgs.data.count }) : null}
      failed={orgs.isError}
      onRetry={() => orgs.refetch()}
      dialogs={
        <>
          <OrganizationFormModal {...editor.dialog} organization={editor.record} />
          <OrganizationMembersDrawer organization={members} onClose={() => setMembers(null)} />
        </>
      }
    >
      <Table<Organization>
        rowKey="id"
        loading={orgs.isFetching}
        dataSource={orgs.data?.organizations ?? []}
        locale={{ emptyText: query ? t('admin.people.noMatch') : t('admin.people.organizations.empty') }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: orgs.data?.count ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage }}
        columns={[
          {
            title: t('admin.people.organizations.name'),
            render: (_: unknown, o: Organization) => (
              <div>
                <Link to={`/organizations/${o.id}`}>{o.name}</Link>
                {o.notes ? (
                  <div>
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 13, maxWidth: 280 }}>
                      {o.notes}
                    </Typography.Text>
                  </div>
                ) : null}
              </div>
            ),
          },
          {
            title: t('admin.people.organizations.domains'),
            render: (_: unknown, o: Organization) =>
              o.domain_names.length ? (
                <Space size={[4, 4]} wrap>
                  {o.domain_names.map((d) => (
                    <Tag key={d}>@{d}</Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('admin.people.organizations.sharing'),
            width: 150,
            render: (_: unknown, o: Organization) =>
              o.shared_tickets ? (
                <Space size={4} wrap>
                  <Tag color="cyan">{t('admin.people.organizations.sharedTicketsShort')}</Tag>
                  {o.shared_comments ? <Tag color="cyan">{t('admin.people.organizations.sharedCommentsShort')}</Tag> : null}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('admin.people.organizations.notShared')}</Typography.Text>
              ),
          },
          { title: t('admin.people.organizations.group'), width: 130, render: (_: unknown, o: Organization) => groupName(o.group_id) ?? <Typography.Text type="secondary">—</Typography.Text> },
          {
            title: t('admin.people.fields.tags'),
            render: (_: unknown, o: Organization) => (
              <Space size={[4, 4]} wrap>
                {o.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('admin.kit.actions'),
            width: 190,
            render: (_: unknown, o: Organization) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => editor.edit(o)}>
                  {t('admin.kit.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setMembers(o)}>
                  {t('admin.people.organizations.members')}
                </Button>
                <DeleteButton explain={(e) => explainRefusal(e, t)} title={t('admin.people.organizations.deleteConfirm', { name: o.name })} description={t('admin.people.organizations.deleteHelp')} onConfirm={() => remove(o)} />
              </Space>
            ),
          },
        ]}
      />
    </AdminList>
  );
}
