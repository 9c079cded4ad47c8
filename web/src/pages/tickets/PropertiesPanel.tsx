import { Divider, Form, type FormInstance, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../api/tickets';
import type { Group, TicketPriority, TicketType, User } from '../../api/types';
import { formsFor, shownFields, valuesOf } from '../../components/custom-fields/conditions';
import { CustomFieldItems } from '../../components/custom-fields/CustomFieldItems';
import type { FieldValues, TicketField, TicketForm } from '../../components/custom-fields/types';
import { PeopleSelect } from './PeopleSelect';

export type Properties = {
  assignee_id: number | null;
  group_id: number | null;
  priority: TicketPriority | null;
  type: TicketType | null;
  tags: string[];
  ticket_form_id: number | null;
  custom_fields: FieldValues;
  collaborator_ids: number[];
  follower_ids: number[];
};

const priorities: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const types: TicketType[] = ['question', 'incident', 'problem', 'task'];

export const initialProperties = (tk: TicketDetail): Properties => ({
  assignee_id: tk.assignee_id,
  group_id: tk.group_id,
  priority: tk.priority,
  type: tk.type,
  tags: tk.tags,
  ticket_form_id: tk.ticket_form_id,
  custom_fields: valuesOf(tk.custom_fields),
  collaborator_ids: tk.collaborator_ids,
  follower_ids: tk.follower_ids,
});

/** `version` changes when the page wants the panel to start again from the ticket as saved (after a submit or a conflict). */
type Props = { form: FormInstance<Properties>; ticket: TicketDetail; version: number; agents: User[]; groups: Group[]; fields: TicketField[]; forms: TicketForm[] };

/**
 * The ticket's properties, saved with the next "submit as": the form and its fields (only
 * those its conditions show now), the standard properties, and who is copied or following.
 */
export function PropertiesPanel({ form, ticket: tk, version, agents, groups, fields, forms }: Props) {
  const { t } = useTranslation();
  const formId = Form.useWatch('ticket_form_id', form) as number | null | undefined;
  const answers = (Form.useWatch('custom_fields', form) as FieldValues | undefined) ?? valuesOf(tk.custom_fields);
  const choices = formsFor(forms, 'agent');
  const current = forms.find((f) => f.id === (formId === undefined ? tk.ticket_form_id : formId)) ?? null;
  const shown = shownFields(fields, current, 'agent', answers);
  const none = t('tickets.none');
  // The page's form instance outlives this Form, and a remounted Form keeps the values it
  // holds over its new initial ones: start again from the ticket explicitly.
  useEffect(() => form.resetFields(), [form, tk.id, version]);
  return (
    <Form<Properties> form={form} layout="vertical" key={`${tk.updated_at}:${version}`} initialValues={initialProperties(tk)} requiredMark className="kefu-properties">
      {choices.length > 0 || tk.ticket_form_id !== null ? (
        <Form.Item name="ticket_form_id" label={t('tickets.form')}>
          <Select
            options={[...choices, ...(current && !choices.includes(current) ? [current] : [])].map((f) => ({ value: f.id, label: f.display_name || f.name }))}
            placeholder={none}
            allowClear
          />
        </Form.Item>
      ) : null}
      <Form.Item name="assignee_id" label={t('tickets.assignee')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={agents.map((a) => ({ value: a.id, label: a.name }))} placeholder={none} />
      </Form.Item>
      <Form.Item name="group_id" label={t('tickets.group')}>
        <Select allowClear options={groups.map((g) => ({ value: g.id, label: g.name }))} placeholder={none} />
      </Form.Item>
      <Form.Item name="priority" label={t('tickets.priority')}>
        <Select allowClear options={priorities.map((p) => ({ value: p, label: t(`tickets.priorities.${p}`) }))} placeholder={none} />
      </Form.Item>
      <Form.Item name="type" label={t('tickets.type')}>
        <Select allowClear options={types.map((p) => ({ value: p, label: t(`tickets.types.${p}`) }))} placeholder={none} />
      </Form.Item>
      <Form.Item name="tags" label={t('tickets.tags')}>
        <Select mode="tags" tokenSeparators={[' ', ',']} placeholder={t('tickets.addTags')} />
      </Form.Item>
      {shown.length > 0 ? (
        <>
          <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {current ? current.display_name || current.name : t('tickets.customFields')}
            </Typography.Text>
          </Divider>
          <CustomFieldItems shown={shown} audience="agent" />
        </>
      ) : null}
      <Divider plain style={{ margin: '4px 0 12px' }} />
      <Form.Item name="collaborator_ids" label={t('tickets.ccs')} tooltip={t('tickets.ccsHelp')}>
        <PeopleSelect placeholder={t('tickets.people.addCc')} />
      </Form.Item>
      <Form.Item name="follower_ids" label={t('tickets.followers')} tooltip={t('tickets.followersHelp')} style={{ marginBottom: 0 }}>
        <Select<number[]> mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={agents.flatMap((a) => (a.id === null ? [] : [{ value: a.id, label: a.name }]))} placeholder={t('tickets.people.addFollower')} />
      </Form.Item>
    </Form>
  );
}
