import { Checkbox, Col, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import { defaultConfiguration, permissionGroups, ticketAccessLevels } from './role-permissions';
import type { CustomRole, RoleConfiguration } from './types';

type RoleForm = { name: string; description: string; configuration: RoleConfiguration };

/** Creates or edits a custom role: its name, what it is for, and each permission, grouped. */
export function RoleFormModal({ role, open, onClose, onSaved }: { role: CustomRole | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const initial: RoleForm = role
    ? { name: role.name, description: role.description, configuration: { ...defaultConfiguration, ...role.configuration } }
    : { name: '', description: '', configuration: defaultConfiguration };

  const submit = async (v: RoleForm) => {
    const body = { custom_role: { name: v.name, description: v.description ?? '', configuration: v.configuration } };
    await (role ? api('PUT', `/api/v2/custom_roles/${role.id}`, body) : api('POST', '/api/v2/custom_roles', body));
    onSaved();
  };

  return (
    <FormModal<RoleForm>
      title={role ? t('admin.people.roles.editTitle', { name: role.name }) : t('admin.people.roles.newTitle')}
      open={open}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      width={720}
      aliases={{ 'custom_role.name': 'name', 'custom_role.description': 'description' }}
    >
      {() => (
        <>
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item name="name" label={t('admin.people.roles.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
                <Input maxLength={255} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="description" label={t('admin.people.roles.description')}>
                <Input placeholder={t('admin.people.roles.descriptionPlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('admin.people.roles.groups.ticketAccess')}
          </Typography.Title>
          <Form.Item name={['configuration', 'ticket_access']}>
            <Radio.Group>
              <Space direction="vertical" size={4}>
                {ticketAccessLevels.map((level) => (
                  <Radio key={level} value={level}>
                    {t(`admin.people.roles.access.${level}`)}
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 13 }}>
                      {t(`admin.people.roles.accessHelp.${level}`)}
                    </Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Row gutter={[24, 8]}>
            {permissionGroups.map((group) => (
              <Col span={12} key={group.key}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t(`admin.people.roles.groups.${group.key}`)}
                </Typography.Title>
                {group.flags.map((flag) => (
                  <Form.Item key={flag} name={['configuration', flag]} valuePropName="checked" style={{ marginBottom: 6 }}>
                    <Checkbox>
                      {t(`admin.people.roles.perm.${flag}`)}
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t(`admin.people.roles.permHelp.${flag}`)}</div>
                    </Checkbox>
                  </Form.Item>
                ))}
              </Col>
            ))}
          </Row>
        </>
      )}
    </FormModal>
  );
}
