import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { AdminList } from '../kit/AdminList';
import { DeleteButton } from '../kit/DeleteButton';
import { useEditor } from '../kit/use-editor';
import { explainRefusal, peopleKeys, useCustomRoles } from './people-api';
import { permissionGroups } from './role-permissions';
import { RoleFormModal } from './RoleFormModal';
import type { CustomRole } from './types';

/** Custom roles: what an agent holding each may see and do (admins may do everything). */
export default function RolesAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useCustomRoles();

  const refresh = () => queryClient.invalidateQueries({ queryKey: peopleKeys.roles });
  const editor = useEditor<CustomRole>(refresh);
  const remove = async (role: CustomRole) => {
    await api('DELETE', `/api/v2/custom_roles/${role.id}`);
    void message.success(t('admin.kit.deleted'));
    await refresh();
  };

  return (
    <AdminList
      title={t('admin.nav.roles')}
      help={t('admin.people.roles.help')}
      newLabel={t('admin.people.roles.new')}
      onNew={() => editor.edit('new')}
      failed={roles.isError}
      onRetry={() => roles.refetch()}
      dialogs={<RoleFormModal {...editor.dialog} role={editor.record} />}
    >
      <Table<CustomRole>
        rowKey="id"
        loading={roles.isLoading}
        dataSource={roles.data ?? []}
        pagination={false}
        locale={{ emptyText: t('admin.people.roles.empty') }}
        columns={[
          {
            title: t('admin.people.roles.name'),
            width: 260,
            render: (_: unknown, r: CustomRole) => (
              <div>
                <Typography.Text strong>{r.name}</Typography.Text>
                {r.description ? (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {r.description}
                    </Typography.Text>
                  </div>
                ) : null}
              </div>
            ),
          },
          {
            title: t('admin.people.roles.groups.ticketAccess'),
            width: 150,
            render: (_: unknown, r: CustomRole) => t(`admin.people.roles.access.${r.configuration.ticket_access}`),
          },
          {
            title: t('admin.people.roles.granted'),
            render: (_: unknown, r: CustomRole) => {
              const granted = permissionGroups.flatMap((g) => g.flags).filter((f) => r.configuration[f]);
              return granted.length === 0 ? (
                <Typography.Text type="secondary">{t('admin.people.roles.nothingGranted')}</Typography.Text>
              ) : (
                <Space size={[4, 4]} wrap>
                  {granted.map((f) => (
                    <Tag key={f}>{t(`admin.people.roles.perm.${f}`)}</Tag>
                  ))}
                </Space>
              );
            },
          },
          {
            title: t('admin.people.roles.members'),
            width: 90,
            align: 'right',
            render: (_: unknown, r: CustomRole) => r.team_member_count,
          },
          {
            title: t('admin.kit.actions'),
            width: 130,
            render: (_: unknown, r: CustomRole) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => editor.edit(r)}>
                  {t('admin.kit.edit')}
                </Button>
                <DeleteButton
                  explain={(e) => explainRefusal(e, t)}
                  title={t('admin.people.roles.deleteConfirm', { name: r.name })}
                  description={r.team_member_count > 0 ? t('admin.people.roles.deleteInUse', { count: r.team_member_count }) : undefined}
                  onConfirm={() => remove(r)}
                />
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('admin.people.roles.adminNote')}
      </Typography.Paragraph>
    </AdminList>
  );
}
