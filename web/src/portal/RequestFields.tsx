import { Alert, Form, type FormInstance, Select, Skeleton } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useTicketFields, useTicketForms } from '../api/tickets';
import { formsFor, shownFields } from '../components/custom-fields/conditions';
import { CustomFieldItems } from '../components/custom-fields/CustomFieldItems';
import type { FieldValues, ShownField, TicketField, TicketForm } from '../components/custom-fields/types';

/** The fields a new request shows now, given the form chosen and the answers so far. */
export function requestFieldsShown(fields: TicketField[], forms: TicketForm[], formId: number | undefined, answers: FieldValues): ShownField[] {
  const form = formsFor(forms, 'end_user').find((f) => f.id === formId) ?? null;
  return shownFields(fields, form, 'end_user', answers);
}

/** Asterisked: what a condition requires, or what the portal always asks for. */
export const requiredInPortal = (s: ShownField): boolean => s.requiredByCondition || s.field.required_in_portal;

/**
 * The request type (when the helpdesk offers several forms to customers) and the fields it
 * asks for, shown and required by the form's customer conditions as the answers change.
 */
export function RequestFields({ form, part }: { form: FormInstance; part: 'type' | 'fields' }) {
  const { t } = useTranslation();
  const fields = useTicketFields();
  const forms = useTicketForms();
  const choices = formsFor(forms.data ?? [], 'end_user');
  const formId = Form.useWatch('ticket_form_id', form) as number | undefined;
  const answers = (Form.useWatch('custom_fields', form) as FieldValues | undefined) ?? {};
  const fallback = choices.find((f) => f.default) ?? choices[0];
  useEffect(() => {
    // Start on the helpdesk's default form (or the only one) so its fields show at once.
    if (formId === undefined && fallback) {
      form.setFieldValue('ticket_form_id', fallback.id);
    }
  }, [formId, fallback, form]);

  if (fields.isLoading || forms.isLoading) {
    return part === 'fields' ? <Skeleton active paragraph={{ rows: 2 }} title={false} /> : null;
  }
  if (fields.isError || forms.isError) {
    return part === 'fields' ? <Alert type="warning" showIcon message={t('portal.fieldsUnavailable')} style={{ marginBottom: 16 }} /> : null;
  }
  if (part === 'fields') {
    return <CustomFieldItems shown={requestFieldsShown(fields.data ?? [], forms.data ?? [], formId, answers)} audience="end_user" requiredNow={requiredInPortal} checkRequired />;
  }
  return (
    <>
      {choices.length > 1 ? (
        <Form.Item name="ticket_form_id" label={t('portal.requestType')} rules={[{ required: true, message: t('errors.required') }]}>
          <Select options={choices.map((f) => ({ value: f.id, label: f.display_name || f.name }))} placeholder={t('portal.chooseType')} />
        </Form.Item>
      ) : (
        <Form.Item name="ticket_form_id" hidden>
          <Select />
        </Form.Item>
      )}
    </>
  );
}
