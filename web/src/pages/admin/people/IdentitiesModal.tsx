import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyApiError } from '../../../components/form-errors';
import { explainRefusal } from './people-api';
import type { Identity, Person } from './types';

type NewIdentity = { type: Identity['type']; value: string };

/** A customer's identities (email addresses and phone numbers): add one, make one primary, remove one. */
export function IdentitiesModal({ person, onClose, onChanged }: { person: Person | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewIdentity>();
  const [error, setError] = useState<string | null>(null);
  const identities = useQuery({
    queryKey: ['admin-people', 'identities', person?.id],
    enabled: person !== null,
    queryFn: async () => (await api<{ identities: Identity[] }>('GET', `/api/v2/users/${person?.id}/identities`)).identities,
  });

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await identities.refetch();
      onChanged();
    } catch (e) {
      void message.error(explainRefusal(e, t), 6);
    }
  };

  const add = async (v: NewIdentity) => {
    setError(null);
    try {
      await api('POST', `/api/v2/users/${person?.id}/identities`, { identity: { type: v.type, value: v.value } });
      form.resetFields(['value']);
      await identities.refetch();
      onChanged();
    } catch (e) {
      setError(applyApiError(form, e, t, { 'identity.value': 'value', 'identity.type': 'type' }));
    }
  };

  return (
    <Modal title={person ? t('admin.people.identities.title', { name: person.name }) : null} open={person !== null} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('admin.people.identities.help')}</Typography.Paragraph>
      <List
        bordered
        size="small"
        loading={identities.isLoading}
        dataSource={identities.data ?? []}
        locale={{ emptyText: t('admin.people.identities.empty') }}
        renderItem={(i) => (
          <List.Item
            actions={[
              i.primary ? null : (
                <Button key="primary" type="link" size="small" onClick={() => void act(() => api('PUT', `/api/v2/users/${i.user_id}/identities/${i.id}/make_primary`))}>
                  {t('admin.people.identities.makePrimary')}
                </Button>
              ),
              <Popconfirm
                key="remove"
                title={t('admin.people.identities.removeConfirm', { value: i.value })}
                okText={t('admin.kit.delete')}
                cancelText={t('admin.kit.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => void act(() => api('DELETE', `/api/v2/users/${i.user_id}/identities/${i.id}`))}
              >
                <Button type="link" size="small" danger>
                  {t('admin.kit.delete')}
                </Button>
              </Popconfirm>,
            ].filter(Boolean)}
          >
            <Space size={6}>
              <Tag>{t(`admin.people.identities.types.${i.type}`)}</Tag>
              <span>{i.value}</span>
              {i.primary ? <Tag color="blue">{t('admin.people.identities.primary')}</Tag> : null}
              {i.verified ? <Tag color="green">{t('admin.people.identities.verified')}</Tag> : null}
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('admin.people.identities.add')}
      </Typography.Title>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<NewIdentity> form={form} layout="vertical" initialValues={{ type: 'email' }} onFinish={(v) => void add(v)}>
        <Flex gap={8} align="start">
          <Form.Item name="type" style={{ width: 120, marginBottom: 0 }}>
            <Select
              options={[
                { value: 'email', label: t('admin.people.identities.types.email') },
                { value: 'phone_number', label: t('admin.people.identities.types.phone_number') },
              ]}
            />
          </Form.Item>
          <Form.Item name="value" style={{ flex: 1, marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input aria-label={t('admin.people.identities.value')} placeholder={t('admin.people.identities.value')} />
          </Form.Item>
          <Button htmlType="submit">{t('admin.people.identities.addButton')}</Button>
        </Flex>
      </Form>
    </Modal>
  );
}
