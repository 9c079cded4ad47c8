import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../../components/form-errors';

/** A destructive action, asked about first; the server's refusal is shown, not swallowed. */
export function DeleteButton({ onConfirm, title, label }: { onConfirm: () => Promise<unknown>; title: string; label?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (e) {
      void message.error(apiErrorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={title} okText={t('admin.kit.delete')} cancelText={t('admin.kit.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void confirm()}>
      <Button type="link" danger size="small" loading={busy}>
        {label ?? t('admin.kit.delete')}
      </Button>
    </Popconfirm>
  );
}
