import { App, Button, Popconfirm } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { explainRefusal } from './people-api';

/**
 * A destructive action asked about first. Unlike the kit's DeleteButton it explains a refusal
 * from the field details (a role still in use, the default group), where the server says why.
 */
export function ConfirmAction({
  onConfirm,
  title,
  description,
  label,
  okText,
}: {
  onConfirm: () => Promise<unknown>;
  title: ReactNode;
  description?: ReactNode;
  label?: string;
  okText?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (e) {
      void message.error(explainRefusal(e, t), 6);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm
      title={title}
      description={description}
      okText={okText ?? t('admin.kit.delete')}
      cancelText={t('admin.kit.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={() => void confirm()}
    >
      <Button type="link" danger size="small" loading={busy}>
        {label ?? t('admin.kit.delete')}
      </Button>
    </Popconfirm>
  );
}
