import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { keys } from '../../../api/hooks';
import type { User, UserList } from '../../../api/types';
import { applyApiError } from '../../../components/form-errors';

export default function PeoplePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; email: string }>();
  const agents = useQuery({
    queryKey: keys.agents,
    queryFn: () => api<UserList>('GET', '/api/v2/users?role[]=agent&role[]=admin&per_page=100'),
  });

  const invite = async (values: { name: string; email: string }) => {
    setError(null);
    try {
      await api('POST', '/api/v2/users', { user: { ...values, role: 'agent' } });
      void message.success(t('people.invited', { email: values.email }));
      setOpen(false);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: keys.agents });
    } catch (e) {
      setError(applyApiError(form, e, t));
    }
  };

  return (
    <Card
      title={t('people.title')}
      extra={
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('people.invite')}
        </Button>
      }
    >
      <Table<User>
        rowKey={(u) => String(u.id)}
        loading={agents.isLoading}
        dataSource={agents.data?.users ?? []}
        pagination={false}
        locale={{ emptyText: t('people.empty') }}
        columns={[
          { title: t('people.name'), dataIndex: 'name' },
          { title: t('people.email'), dataIndex: 'email' },
          {
            title: t('people.role'),
            render: (_: unknown, u: User) => (
              <>
                <Tag>{t(`people.roles.${u.role}`)}</Tag>
                {u.owner ? <Tag color="gold">{t('people.owner')}</Tag> : null}
              </>
            ),
          },
        ]}
      />
      <Modal title={t('people.inviteTitle')} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('people.send')} destroyOnHidden>
        <p>{t('people.inviteHelp')}</p>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => void invite(v)} requiredMark={false}>
          <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('people.email')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
