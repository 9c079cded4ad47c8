import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';

/** A section whose data could not be read: says why (the server's words when it gave some) and offers to try again. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('admin.kit.loadFailed')}
      subTitle={error instanceof ApiError ? error.description : t('errors.network')}
      extra={<Button onClick={onRetry}>{t('admin.kit.retry')}</Button>}
    />
  );
}
