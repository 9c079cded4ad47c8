import { HistoryOutlined, MergeCellsOutlined, MoreOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';

/** The ticket's action menu: its history, merging it into another, printing it. */
export function TicketActions({ canMerge, onHistory, onMerge, onPrint, className }: { canMerge: boolean; onHistory: () => void; onMerge: () => void; onPrint: () => void; className?: string }) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'history', icon: <HistoryOutlined />, label: t('tickets.actions.history') },
          { key: 'merge', icon: <MergeCellsOutlined />, label: t('tickets.actions.merge'), disabled: !canMerge },
          { key: 'print', icon: <PrinterOutlined />, label: t('tickets.actions.print') },
        ],
        onClick: ({ key }) => (key === 'history' ? onHistory() : key === 'merge' ? onMerge() : onPrint()),
      }}
    >
      <Button className={className} icon={<MoreOutlined />} data-testid="ticket-actions">
        {t('tickets.actions.more')}
      </Button>
    </Dropdown>
  );
}
