import { App, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../kit/DeleteButton';

/** An ordered rule's, view's or macro's name: a link to its editor where the reader may change it. */
export function ItemTitle({ title, active, editable = true, onOpen }: { title: string; active: boolean; editable?: boolean; onOpen: () => void }) {
  return editable ? (
    <Typography.Link onClick={onOpen} type={active ? undefined : 'secondary'}>
      {title}
    </Typography.Link>
  ) : (
    <Typography.Text type={active ? undefined : 'secondary'}>{title}</Typography.Text>
  );
}

/** Edit, clone and delete for one row: a copy is anyone's to make, the rest only for who may write it. */
export function ItemActions({ editable = true, onEdit, onClone, deleteTitle, onDelete }: { editable?: boolean; onEdit: () => void; onClone: () => void; deleteTitle: string; onDelete: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Space size={0}>
      {editable ? (
        <Button type="link" size="small" onClick={onEdit}>
          {t('admin.kit.edit')}
        </Button>
      ) : null}
      <Button type="link" size="small" onClick={onClone}>
        {t('admin.rules.list.clone')}
      </Button>
      {editable ? (
        <DeleteButton
          title={deleteTitle}
          onConfirm={async () => {
            await onDelete();
            void message.success(t('admin.kit.deleted'));
          }}
        />
      ) : null}
    </Space>
  );
}
