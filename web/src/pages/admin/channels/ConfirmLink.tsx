import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';

/**
 * An action asked about first whose confirm button says what it does (解除, 撤销, 永久删除), unlike the
 * kit's DeleteButton which always says 删除; the server's refusal is shown, not swallowed.
 */
export function ConfirmLink({ title, label, onConfirm, danger = false }: { title: string; label: string; onConfirm: () => Promise<unknown>; danger?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.description : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={title} okText={label} cancelText={t('admin.kit.cancel')} okButtonProps={{ danger }} onConfirm={() => void confirm()}>
      <Button type="link" size="small" danger={danger} loading={busy} style={{ paddingInline: 4 }}>
        {label}
      </Button>
    </Popconfirm>
  );
}
