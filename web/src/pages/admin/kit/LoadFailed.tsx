import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../../components/form-errors';

/** Data a section needs could not be read: says so (with the server's reason when given) and offers to try again. */
export function LoadFailed({ onRetry, error }: { onRetry: () => unknown; error?: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('admin.kit.loadFailed')}
      description={error === undefined ? undefined : apiErrorMessage(error, t)}
      action={
        <Button size="small" onClick={() => void onRetry()}>
          {t('admin.kit.retry')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
