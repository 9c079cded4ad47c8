import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Avatar, Button, Card, Descriptions, Flex, Form, Input, Modal, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Ticket, User } from '../../api/types';
import { applyApiError } from '../../components/form-errors';
import { TicketList } from './TicketList';

type Person = User & { id: number; phone: string | null; tags: string[]; organization_id: number | null };
type NewTicket = { subject: string; body: string };

/** One customer (or agent): who they are, their organization, their tickets; open a ticket for them. */
export default function UserPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = useQuery({ queryKey: ['user', id], queryFn: async () => (await api<{ user: Person }>('GET', `/api/v2/users/${id}`)).user });
  const org = useQuery({
    queryKey: ['organization', user.data?.organization_id],
    enabled: !!user.data?.organization_id,
    queryFn: async () => (await api<{ organization: { id: number; name: string } }>('GET', `/api/v2/organizations/${user.data?.organization_id}`)).organization,
  });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewTicket>();
  const [error, setError] = useState<string | null>(null);

  const create = async (v: NewTicket) => {
    setError(null);
    try {
      const { ticket } = await api<{ ticket: Ticket }>('POST', '/api/v2/tickets', { ticket: { requester_id: id, subject: v.subject, comment: { body: v.body } } });
      void queryClient.invalidateQueries({ queryKey: ['ticket-list'] });
      setCreating(false);
      void navigate(`/tickets/${ticket.id}`);
    } catch (e) {
      setError(applyApiError(form, e, t, { 'ticket.subject': 'subject', 'ticket.comment.body': 'body' }));
    }
  };

  if (user.isLoading) {
    return <Skeleton active />;
  }
  if (!user.data) {
    return <Alert type="error" showIcon message={t('errors.generic')} />;
  }
  const u = user.data;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Flex gap={12} align="center">
            <Avatar size={48}>{u.name.slice(0, 1)}</Avatar>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {u.name}
              </Typography.Title>
              <Typography.Text type="secondary">{u.email}</Typography.Text>
            </div>
          </Flex>
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('profile.newTicket')}
          </Button>
        </Flex>
        <Descriptions style={{ marginTop: 16 }} column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('people.role')}>{t(`people.roles.${u.role}`)}</Descriptions.Item>
          <Descriptions.Item label={t('profile.organization')}>{org.data ? <Link to={`/organizations/${org.data.id}`}>{org.data.name}</Link> : t('tickets.none')}</Descriptions.Item>
          <Descriptions.Item label={t('profile.phone')}>{u.phone ?? t('tickets.none')}</Descriptions.Item>
          <Descriptions.Item label={t('tickets.tags')}>{u.tags.length ? u.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : t('tickets.none')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('profile.requested')}>
        <TicketList path={`/api/v2/users/${id}/tickets/requested`} />
      </Card>
      <Modal open={creating} title={t('profile.newTicketFor', { name: u.name })} okText={t('profile.create')} cancelText={t('macros.cancel')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form<NewTicket> form={form} layout="vertical" onFinish={(v) => void create(v)} preserve={false}>
          <Form.Item name="subject" label={t('portal.subject')} rules={[{ required: true, message: t('errors.required') }]}>
            <Input maxLength={255} />
          </Form.Item>
          <Form.Item name="body" label={t('portal.description')} rules={[{ required: true, message: t('errors.required') }]}>
            <Input.TextArea autoSize={{ minRows: 4 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
