import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Dropdown, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { AdminList } from '../kit/AdminList';
import { useEditor, useSearchPage } from '../kit/use-editor';
import { CustomerFormModal } from './CustomerFormModal';
import { IdentitiesModal } from './IdentitiesModal';
import { MergeCustomerModal } from './MergeCustomerModal';
import { explainRefusal, peopleKeys, useAllOrganizations } from './people-api';
import type { OffsetPage, Person } from './types';

const PAGE_SIZE = 25;

/** Customers (end users): search and page through them, create, edit, identities, merge, delete. */
export default function CustomersAdmin() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const orgs = useAllOrganizations();
  const { query, page, setPage, search } = useSearchPage();
  const [identitiesOf, setIdentitiesOf] = useState<Person | null>(null);
  const [merging, setMerging] = useState<Person | null>(null);

  // Newest first: an admin usually looks for someone who just wrote in or was just added.
  const customers = useQuery({
    queryKey: [...peopleKeys.customers, query, page],
    placeholderData: keepPreviousData,
    queryFn: () => {
      const paging = `role=end-user&sort_order=desc&per_page=${PAGE_SIZE}&page=${page}`;
      const url = query ? `/api/v2/users/search?${paging}&query=${encodeURIComponent(query)}` : `/api/v2/users?${paging}`;
      return api<OffsetPage<'users', Person>>('GET', url);
    },
  });

  const orgName = (id: number | null) => (id === null ? null : (orgs.data?.find((o) => o.id === id)?.name ?? `#${id}`));
  const refresh = () => queryClient.invalidateQueries({ queryKey: peopleKeys.customers });
  const editor = useEditor<Person>(refresh);

  const confirmDelete = (c: Person) => {
    void modal.confirm({
      title: t('admin.people.customers.deleteConfirm', { name: c.name }),
      content: t('admin.people.customers.deleteHelp'),
      okText: t('admin.kit.delete'),
      okButtonProps: { danger: true },
      cancelText: t('admin.kit.cancel'),
      onOk: async () => {
        try {
          await api('DELETE', `/api/v2/users/${c.id}`);
          void message.success(t('admin.kit.deleted'));
          await refresh();
        } catch (e) {
          void message.error(explainRefusal(e, t), 6);
        }
      },
    });
  };

  return (
    <AdminList
      title={t('admin.nav.customers')}
      help={t('admin.people.customers.help')}
      newLabel={t('admin.people.customers.new')}
      onNew={() => editor.edit('new')}
      search={{
        placeholder: t('admin.people.customers.searchPlaceholder'),
        onSearch: search,
      }}
      count={customers.data ? t('admin.people.customers.count', { count: customers.data.count }) : null}
      failed={customers.isError}
      onRetry={() => customers.refetch()}
      dialogs={
        <>
          <CustomerFormModal {...editor.dialog} customer={editor.record} />
          <IdentitiesModal person={identitiesOf} onClose={() => setIdentitiesOf(null)} onChanged={() => void refresh()} />
          <MergeCustomerModal
            source={merging}
            onClose={() => setMerging(null)}
            onMerged={(target) => {
              void message.success(t('admin.people.merge.done', { name: target.name }));
              setMerging(null);
              void refresh();
            }}
          />
        </>
      }
    >
      <Table<Person>
        rowKey="id"
        loading={customers.isFetching}
        dataSource={customers.data?.users ?? []}
        locale={{ emptyText: query ? t('admin.people.noMatch') : t('admin.people.customers.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: customers.data?.count ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        columns={[
          {
            title: t('admin.people.fields.name'),
            width: 170,
            render: (_: unknown, c: Person) => (
              <Flex gap={10} align="center" style={{ whiteSpace: 'nowrap' }}>
                <Avatar size="small" style={{ flex: 'none', background: '#87a9d6' }}>
                  {c.name.slice(0, 1)}
                </Avatar>
                <Link to={`/users/${c.id}`}>{c.name}</Link>
              </Flex>
            ),
          },
          {
            title: t('admin.people.customers.contact'),
            ellipsis: true,
            // Email and phone share a column: the table must fit beside the settings menu.
            render: (_: unknown, c: Person) => (
              <div style={{ minWidth: 0 }}>
                <Typography.Text ellipsis={{ tooltip: c.email }} style={{ display: 'block' }}>
                  {c.email ?? '—'}
                </Typography.Text>
                {c.phone ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.phone}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          },
          {
            title: t('admin.people.fields.organization'),
            width: 140,
            ellipsis: true,
            render: (_: unknown, c: Person) => (c.organization_id ? <Link to={`/organizations/${c.organization_id}`}>{orgName(c.organization_id)}</Link> : <Typography.Text type="secondary">—</Typography.Text>),
          },
          {
            title: t('admin.people.fields.tags'),
            width: 130,
            render: (_: unknown, c: Person) => (
              <Space size={[4, 4]} wrap>
                {c.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('admin.kit.actions'),
            width: 160,
            render: (_: unknown, c: Person) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => editor.edit(c)}>
                  {t('admin.kit.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setIdentitiesOf(c)}>
                  {t('admin.people.customers.identities')}
                </Button>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'merge', label: t('admin.people.customers.merge') },
                      { type: 'divider' },
                      { key: 'delete', label: t('admin.kit.delete'), danger: true },
                    ],
                    onClick: ({ key }) => (key === 'merge' ? setMerging(c) : confirmDelete(c)),
                  }}
                >
                  <Button type="link" size="small" aria-label={t('admin.people.more')}>
                    {t('admin.people.more')}
                  </Button>
                </Dropdown>
              </Space>
            ),
          },
        ]}
      />
    </AdminList>
  );
}
