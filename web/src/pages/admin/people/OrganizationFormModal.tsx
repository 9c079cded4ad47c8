import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import { useGroups } from './people-api';
import type { Organization } from './types';

type OrganizationForm = {
  name: string;
  domain_names: string[];
  group_id?: number | null;
  shared_tickets: boolean;
  shared_comments: boolean;
  tags: string[];
  details: string;
  notes: string;
};

/** Creates or edits an organization: its email domains (for automatic membership), sharing, group, tags and notes. */
export function OrganizationFormModal({ organization, open, onClose, onSaved }: { organization: Organization | null; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const groups = useGroups();
  const initial: OrganizationForm = {
    name: organization?.name ?? '',
    domain_names: organization?.domain_names ?? [],
    group_id: organization?.group_id ?? null,
    shared_tickets: organization?.shared_tickets ?? false,
    shared_comments: organization?.shared_comments ?? false,
    tags: organization?.tags ?? [],
    details: organization?.details ?? '',
    notes: organization?.notes ?? '',
  };

  const submit = async (v: OrganizationForm) => {
    const body = {
      organization: {
        name: v.name,
        domain_names: v.domain_names ?? [],
        group_id: v.group_id ?? null,
        shared_tickets: v.shared_tickets,
        shared_comments: v.shared_comments,
        tags: v.tags ?? [],
        details: v.details ?? '',
        notes: v.notes ?? '',
      },
    };
    await (organization ? api('PUT', `/api/v2/organizations/${organization.id}`, body) : api('POST', '/api/v2/organizations', body));
    onSaved();
  };

  return (
    <FormModal<OrganizationForm>
      title={organization ? t('admin.people.organizations.editTitle', { name: organization.name }) : t('admin.people.organizations.newTitle')}
      open={open}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      width={640}
    >
      {() => (
        <>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="name" label={t('admin.people.organizations.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
                <Input maxLength={255} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="group_id" label={t('admin.people.organizations.group')} extra={t('admin.people.organizations.groupHelp')}>
                <Select allowClear placeholder={t('admin.people.organizations.noGroup')} options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="domain_names" rules={[{ type: 'array' }]} label={t('admin.people.organizations.domains')} extra={t('admin.people.organizations.domainsHelp')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ', ';']} placeholder="example.com" />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="shared_tickets" label={t('admin.people.organizations.sharedTickets')} valuePropName="checked" extra={t('admin.people.organizations.sharedTicketsHelp')}>
                <Switch />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="shared_comments" label={t('admin.people.organizations.sharedComments')} valuePropName="checked" extra={t('admin.people.organizations.sharedCommentsHelp')}>
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="tags" rules={[{ type: 'array' }]} label={t('admin.people.fields.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder={t('admin.people.fields.tagsPlaceholder')} />
          </Form.Item>
          <Form.Item name="details" label={t('admin.people.organizations.details')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
          <Form.Item name="notes" label={t('admin.people.fields.notes')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
