import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../api/tickets';
import { valuesOf } from '../../components/custom-fields/conditions';
import { displayValue, fieldTitle } from '../../components/custom-fields/labels';
import type { TicketField, TicketForm } from '../../components/custom-fields/types';
import { useTimeFormat } from '../../components/use-time-format';

type Props = { ticket: TicketDetail; fields: TicketField[]; forms: TicketForm[]; name: (id: number) => string; group: (id: number) => string };

/** The ticket's properties as a plain table, shown only on paper (the editors do not print well). */
export function PrintSummary({ ticket: tk, fields, forms, name, group }: Props) {
  const { t, i18n } = useTranslation();
  const time = useTimeFormat('medium');
  const answers = valuesOf(tk.custom_fields);
  const words = { yes: t('customFields.yes'), no: t('customFields.no'), empty: t('tickets.none') };
  const none = t('tickets.none');
  const answered = fields.filter((f) => answers[String(f.id)] !== undefined && answers[String(f.id)] !== null);
  return (
    <div className="kefu-print-only" style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">{t('tickets.print.printed', { when: time.format(new Date()) })}</Typography.Text>
      <Descriptions size="small" bordered column={2} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('tickets.status')}>{t(`tickets.statuses.${tk.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.requester')}>{name(tk.requester_id)}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.assignee')}>{tk.assignee_id === null ? none : name(tk.assignee_id)}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.group')}>{tk.group_id === null ? none : group(tk.group_id)}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.priority')}>{tk.priority ? t(`tickets.priorities.${tk.priority}`) : none}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.type')}>{tk.type ? t(`tickets.types.${tk.type}`) : none}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.form')}>{forms.find((f) => f.id === tk.ticket_form_id)?.display_name ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.tags')}>{tk.tags.length ? tk.tags.join(' ') : none}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.ccs')}>{tk.collaborator_ids.length ? tk.collaborator_ids.map(name).join('、') : none}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.print.created')}>{time.format(new Date(tk.created_at))}</Descriptions.Item>
        {answered.map((f) => (
          <Descriptions.Item key={f.id} label={fieldTitle(f, i18n.language)}>
            {displayValue(f, answers[String(f.id)], words)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </div>
  );
}
