import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { FormModal } from '../kit/FormModal';
import { useAllOrganizations } from './people-api';
import { timeZoneOptions } from './time-zones';
import type { Person } from './types';

type CustomerForm = {
  name: string;
  email?: string;
  phone?: string;
  organization_id?: number | null;
  tags: string[];
  notes: string;
  locale?: string;
  time_zone?: string | null;
};

/** Creates a customer (end user) or edits one's profile: contact, organization, tags, notes, language and time zone. */
export function CustomerFormModal({ customer, open, onClose, onSaved }: { customer: Person | null; open: boolean; onClose: () => void; onSaved: (p: Person) => void }) {
  const { t } = useTranslation();
  const orgs = useAllOrganizations();
  const initial: Partial<CustomerForm> = customer
    ? {
        name: customer.name,
        email: customer.email ?? undefined,
        phone: customer.phone ?? undefined,
        organization_id: customer.organization_id,
        tags: customer.tags,
        notes: customer.notes,
        locale: customer.locale,
        time_zone: customer.time_zone,
      }
    : { tags: [], notes: '' };

  const submit = async (v: CustomerForm) => {
    const email = v.email?.trim() ? v.email.trim() : undefined;
    const phone = v.phone?.trim() ? v.phone.trim() : null;
    const common = {
      name: v.name,
      phone,
      organization_id: v.organization_id ?? null,
      tags: v.tags ?? [],
      notes: v.notes ?? '',
      ...(v.locale ? { locale: v.locale } : {}),
      time_zone: v.time_zone ?? null,
    };
    const res = customer
      ? await api<{ user: Person }>('PUT', `/api/v2/users/${customer.id}`, { user: { ...common, ...(email !== undefined && email !== customer.email ? { email } : {}) } })
      : await api<{ user: Person }>('POST', '/api/v2/users', { user: { ...common, role: 'end-user', ...(email ? { email } : {}) } });
    onSaved(res.user);
  };

  return (
    <FormModal<CustomerForm>
      title={customer ? t('admin.people.customers.editTitle', { name: customer.name }) : t('admin.people.customers.newTitle')}
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
              <Form.Item name="name" label={t('admin.people.fields.name')} rules={[{ required: true, whitespace: true, message: t('errors.required') }]}>
                <Input maxLength={255} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="organization_id" label={t('admin.people.fields.organization')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  loading={orgs.isLoading}
                  placeholder={t('admin.people.customers.noOrganization')}
                  options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="email" label={t('admin.people.fields.email')} rules={[{ type: 'email', message: t('errors.email') }]} extra={customer ? undefined : t('admin.people.customers.emailHelp')}>
                <Input type="email" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="phone" label={t('admin.people.fields.phone')}>
                <Input autoComplete="off" placeholder="138 0000 0000" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="locale" label={t('admin.people.fields.language')}>
                <Select
                  allowClear
                  placeholder={t('admin.people.fields.accountLanguage')}
                  options={[
                    { value: 'zh-CN', label: '简体中文' },
                    { value: 'en', label: 'English' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="time_zone" label={t('admin.people.fields.timeZone')}>
                <Select showSearch allowClear options={timeZoneOptions()} placeholder={t('admin.people.fields.accountTimeZone')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="tags" rules={[{ type: 'array' }]} label={t('admin.people.fields.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder={t('admin.people.fields.tagsPlaceholder')} />
          </Form.Item>
          <Form.Item name="notes" label={t('admin.people.fields.notes')} extra={t('admin.people.customers.notesHelp')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
