import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import { useTicketFields, useTicketForms } from '../api/tickets';
import type { AccountSettings, Request, User } from '../api/types';
import { answersFor } from '../components/custom-fields/conditions';
import { applyCustomFieldErrors } from '../components/custom-fields/field-errors';
import type { FieldValues } from '../components/custom-fields/types';
import { applyApiError } from '../components/form-errors';
import { RequestFields, requestFieldsShown } from './RequestFields';
import { useUploads } from '../components/uploads';
import { PortalLayout } from './PortalLayout';
import { portalAccess, SignInToSubmit } from './portal-access';

type Values = { name?: string; email?: string; subject: string; body: string; ticket_form_id?: number; custom_fields?: FieldValues };

/**
 * Submit a request: signed in (with the request type's fields, as its form's customer
 * conditions show them), or with a name and email (the address then gets a verification mail).
 */
export default function NewRequestPage({ me, settings }: { me: User | null; settings: AccountSettings | undefined }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const files = useUploads();
  // Visitors get the form's fields too where the helpdesk takes their requests (the API lists them then).
  const canAsk = me !== null || portalAccess(settings).anonymousRequests;
  const fields = useTicketFields(canAsk);
  const forms = useTicketForms(canAsk);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const values = form.getFieldsValue(true) as Values;
    const answers = answersFor(requestFieldsShown(fields.data ?? [], forms.data ?? [], values.ticket_form_id, values.custom_fields ?? {}), values.custom_fields).filter((a) => a.value !== null);
    try {
      const { request } = await api<{ request: Request }>('POST', '/api/v2/requests', {
        request: {
          ...(me ? {} : { requester: { name: v.name, email: v.email } }),
          ...(values.ticket_form_id !== undefined ? { ticket_form_id: values.ticket_form_id } : {}),
          ...(answers.length > 0 ? { custom_fields: answers } : {}),
          subject: v.subject,
          comment: { body: v.body, ...(files.uploads ? { uploads: files.uploads } : {}) },
        },
      });
      void queryClient.invalidateQueries({ queryKey: ['requests'] });
      if (me) {
        void navigate(`/portal/requests/${request.id}`);
      } else {
        setSentTo(v.email ?? '');
      }
    } catch (e) {
      // The server names nested fields (request.requester.email); the form's are flat.
      const rest = applyCustomFieldErrors(form, e);
      const onFields = e instanceof ApiError && Object.keys(rest).length < Object.keys(e.details).length;
      const leftover = applyApiError(form, e instanceof ApiError ? new ApiError(e.status, e.code, e.description, rest) : e, t, {
        'request.requester.name': 'name',
        'request.requester.email': 'email',
        'request.subject': 'subject',
        'request.comment.body': 'body',
        'request.ticket_form_id': 'ticket_form_id',
      });
      setError(onFields && Object.keys(rest).length === 0 ? t('portal.fixFields') : leftover);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PortalLayout me={me} settings={settings}>
      <Card title={t('portal.submit')} style={{ maxWidth: 720, margin: '0 auto' }}>
        {!canAsk ? (
          <SignInToSubmit canSignUp={portalAccess(settings).signUp} />
        ) : sentTo !== null ? (
          <Result status="success" title={t('portal.received')} subTitle={t('portal.receivedAnonymous', { email: sentTo })} />
        ) : (
          <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
            {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" /> : null}
            {me ? null : (
              <>
                <Alert type="info" showIcon message={t('portal.anonymousHelp')} style={{ marginBottom: 16 }} />
                <Form.Item name="name" label={t('portal.yourName')} rules={[{ required: true, message: t('errors.required') }]}>
                  <Input autoComplete="name" />
                </Form.Item>
                <Form.Item name="email" label={t('portal.yourEmail')} rules={[{ required: true, type: 'email', message: t('errors.email') }]}>
                  <Input autoComplete="email" />
                </Form.Item>
              </>
            )}
            <RequestFields form={form} part="type" />
            <Form.Item name="subject" label={t('portal.subject')} rules={[{ required: true, message: t('errors.required') }]}>
              <Input maxLength={255} />
            </Form.Item>
            <Form.Item name="body" label={t('portal.description')} rules={[{ required: true, message: t('errors.required') }]}>
              <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} placeholder={t('portal.descriptionHelp')} />
            </Form.Item>
            <RequestFields form={form} part="fields" />
            {me ? <Form.Item label={t('portal.attachments')}>{files.upload}</Form.Item> : null}
            <Button type="primary" htmlType="submit" loading={busy} disabled={files.busy} size="large">
              {t('portal.send')}
            </Button>
          </Form>
        )}
      </Card>
    </PortalLayout>
  );
}
