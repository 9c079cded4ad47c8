import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PortalRequest } from '../api/portal';
import { useTicketFields } from '../api/tickets';
import { displayValue, fieldTitle } from '../components/custom-fields/labels';

/** The answers the requester gave (and may see) on their request, read-only; nothing when there are none. */
export function RequestFieldValues({ request }: { request: PortalRequest }) {
  const { t, i18n } = useTranslation();
  const fields = useTicketFields();
  const byId = new Map((fields.data ?? []).map((f) => [f.id, f]));
  const words = { yes: t('customFields.yes'), no: t('customFields.no'), empty: t('tickets.none') };
  const order = (id: number) => (fields.data ?? []).findIndex((f) => f.id === id);
  const answered = (request.custom_fields ?? [])
    .filter((v) => byId.has(v.id) && v.value !== null && v.value !== '' && !(Array.isArray(v.value) && v.value.length === 0))
    .sort((a, b) => order(a.id) - order(b.id));
  if (answered.length === 0) {
    return null;
  }
  return (
    <Card title={t('portal.details')} data-testid="request-fields">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        {answered.map((v) => {
          const field = byId.get(v.id);
          return field ? (
            <Descriptions.Item key={v.id} label={fieldTitle(field, i18n.language)}>
              {displayValue(field, v.value, words)}
            </Descriptions.Item>
          ) : null;
        })}
      </Descriptions>
    </Card>
  );
}
