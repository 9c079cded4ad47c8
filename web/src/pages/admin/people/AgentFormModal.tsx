import { Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import { useCustomRoles, useGroups } from './people-api';
import { timeZoneOptions } from './time-zones';
import type { GroupMembership, Person, StaffRole } from './types';

export type AgentForm = {
  name: string;
  email: string;
  role: StaffRole;
  custom_role_id?: number | null;
  group_ids: number[];
  default_group_id?: number | null;
  time_zone?: string | null;
};

const aliases: Record<string, string> = {
  'user.name': 'name',
  'user.email': 'email',
  'user.role': 'role',
  'user.custom_role_id': 'custom_role_id',
  'user.group_ids': 'group_ids',
  'user.default_group_id': 'default_group_id',
  'user.time_zone': 'time_zone',
  'group_membership.group_id': 'group_ids',
  'group_membership': 'group_ids',
};

/**
 * Invites a member of staff, or edits one: role, custom role, groups and default group, time zone.
 * Groups are memberships on the server, so an edit adds the new ones before removing the old
 * (an agent must always keep one group).
 */
export function AgentFormModal({
  agent,
  memberships,
  open,
  onClose,
  onSaved,
}: {
  agent: Person | null;
  memberships: GroupMembership[];
  open: boolean;
  onClose: () => void;
  onSaved: (values: AgentForm) => void;
}) {
  const { t } = useTranslation();
  const groups = useGroups();
  const roles = useCustomRoles();
  const mine = agent ? memberships.filter((m) => m.user_id === agent.id) : [];
  const initial: Partial<AgentForm> = agent
    ? {
        name: agent.name,
        email: agent.email ?? '',
        role: agent.role === 'admin' ? 'admin' : 'agent',
        custom_role_id: agent.custom_role_id,
        group_ids: mine.map((m) => m.group_id),
        default_group_id: agent.default_group_id,
        time_zone: agent.time_zone,
      }
    : { role: 'agent', custom_role_id: roles.data?.[0]?.id ?? null, group_ids: groups.data?.filter((g) => g.default).map((g) => g.id) ?? [] };

  const submit = async (v: AgentForm) => {
    const role = v.role;
    const defaultGroup = v.default_group_id && v.group_ids.includes(v.default_group_id) ? v.default_group_id : (v.group_ids[0] ?? null);
    if (!agent) {
      await api('POST', '/api/v2/users', {
        user: {
          name: v.name,
          email: v.email,
          role,
          ...(role === 'agent' && v.custom_role_id ? { custom_role_id: v.custom_role_id } : {}),
          group_ids: v.group_ids,
          ...(defaultGroup ? { default_group_id: defaultGroup } : {}),
          ...(v.time_zone ? { time_zone: v.time_zone } : {}),
        },
      });
      onSaved(v);
      return;
    }
    const before = new Set(mine.map((m) => m.group_id));
    for (const groupId of v.group_ids.filter((g) => !before.has(g))) {
      await api('POST', '/api/v2/group_memberships', { group_membership: { user_id: agent.id, group_id: groupId } });
    }
    await api('PUT', `/api/v2/users/${agent.id}`, {
      user: {
        name: v.name,
        ...(v.email !== (agent.email ?? '') ? { email: v.email } : {}),
        ...(role !== agent.role ? { role } : {}),
        ...(role === 'agent' && v.custom_role_id && v.custom_role_id !== agent.custom_role_id ? { custom_role_id: v.custom_role_id } : {}),
        ...(defaultGroup ? { default_group_id: defaultGroup } : {}),
        time_zone: v.time_zone ?? null,
      },
    });
    for (const m of mine.filter((m) => !v.group_ids.includes(m.group_id))) {
      await api('DELETE', `/api/v2/group_memberships/${m.id}`);
    }
    onSaved(v);
  };

  return (
    <FormModal<AgentForm>
      title={agent ? t('admin.people.agents.editTitle', { name: agent.name }) : t('admin.people.agents.inviteTitle')}
      open={open}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      okText={agent ? undefined : t('admin.people.agents.send')}
      width={560}
      aliases={aliases}
    >
      {(form) => (
        <>
          {agent ? null : <Typography.Paragraph type="secondary">{t('admin.people.agents.inviteHelp')}</Typography.Paragraph>}
          <Form.Item name="name" label={t('admin.people.fields.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input maxLength={255} />
          </Form.Item>
          <Form.Item name="email" label={t('admin.people.fields.email')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
            <Input type="email" autoComplete="off" />
          </Form.Item>
          <Form.Item name="role" label={t('admin.people.fields.role')} extra={t('admin.people.agents.roleHelp')}>
            <Radio.Group
              disabled={agent?.owner}
              options={[
                { value: 'agent', label: t('admin.people.roleNames.agent') },
                { value: 'admin', label: t('admin.people.roleNames.admin') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['role']}>
            {() =>
              form.getFieldValue('role') === 'agent' ? (
                <Form.Item name="custom_role_id" label={t('admin.people.fields.customRole')} rules={[{ required: true, message: t('errors.required') }]}>
                  <Select
                    loading={roles.isLoading}
                    options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
                    optionRender={(o) => {
                      const role = roles.data?.find((r) => r.id === o.value);
                      return (
                        <div>
                          <div>{role?.name}</div>
                          {role?.description ? <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>{role.description}</Typography.Text> : null}
                        </div>
                      );
                    }}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="group_ids" label={t('admin.people.fields.groups')} rules={[{ required: true, type: 'array', min: 1, message: t('admin.people.agents.oneGroup') }]}>
            <Select mode="multiple" loading={groups.isLoading} options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} optionFilterProp="label" />
          </Form.Item>
          <Form.Item noStyle dependencies={['group_ids']}>
            {() => {
              const chosen = (form.getFieldValue('group_ids') as number[] | undefined) ?? [];
              return (
                <Form.Item name="default_group_id" label={t('admin.people.fields.defaultGroup')} extra={t('admin.people.agents.defaultGroupHelp')}>
                  <Select
                    allowClear
                    options={(groups.data ?? []).filter((g) => chosen.includes(g.id)).map((g) => ({ value: g.id, label: g.name }))}
                    placeholder={t('admin.people.agents.firstGroup')}
                  />
                </Form.Item>
              );
            }}
          </Form.Item>
          <Form.Item name="time_zone" label={t('admin.people.fields.timeZone')}>
            <Select showSearch allowClear options={timeZoneOptions()} placeholder={t('admin.people.fields.accountTimeZone')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
