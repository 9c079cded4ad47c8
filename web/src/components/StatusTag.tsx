import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../api/types';

const colors: Record<TicketStatus, string> = { new: 'gold', open: 'red', pending: 'blue', hold: 'default', solved: 'green', closed: 'default' };

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`tickets.statuses.${status}`)}</Tag>;
}
