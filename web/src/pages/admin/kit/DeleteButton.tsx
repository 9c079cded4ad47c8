import { App, Button, Popconfirm } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../../components/form-errors';

/**
 * An action asked about first (a delete unless `label` says otherwise: 解除, 撤销, 永久删除); the
 * confirm button says the same as the link. The server's refusal is shown, not swallowed:
 * `explain` words it where a section knows its refusals better than the server's text.
 */
export function DeleteButton({
  onConfirm,
  title,
  description,
  label,
  danger = true,
  explain,
}: {
  onConfirm: () => Promise<unknown>;
  title: ReactNode;
  description?: ReactNode;
  label?: string;
  danger?: boolean;
  explain?: (error: unknown) => string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (e) {
      void message.error(explain ? explain(e) : apiErrorMessage(e, t), 6);
    } finally {
      setBusy(false);
    }
  };
  const text = label ?? t('admin.kit.delete');
  return (
    <Popconfirm title={title} description={description} okText={text} cancelText={t('admin.kit.cancel')} okButtonProps={{ danger }} onConfirm={() => void confirm()}>
      <Button type="link" danger={danger} size="small" loading={busy}>
        {text}
      </Button>
    </Popconfirm>
  );
}
