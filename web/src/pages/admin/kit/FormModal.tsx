import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../../components/form-errors';

/**
 * A dialog holding a form whose submit calls the API: the server's field errors land on the
 * fields (`aliases` maps a server path such as `group.name` to a form field), anything else in
 * an alert above them, and the dialog stays open until the write succeeds.
 */
export function FormModal<T extends object>({
  title,
  open,
  initialValues,
  onCancel,
  onSubmit,
  okText,
  width,
  aliases,
  children,
}: {
  title: ReactNode;
  open: boolean;
  initialValues?: Partial<T>;
  onCancel: () => void;
  onSubmit: (values: T) => Promise<unknown>;
  okText?: string;
  width?: number;
  aliases?: Record<string, string>;
  children: (form: FormInstance<T>) => ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The form instance outlives the dialog, so each opening starts again from the values it
  // is opened with (else an edit shows the previous opening's values).
  const initial = useRef(initialValues);
  initial.current = initialValues;
  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
      form.setFieldsValue(initial.current ?? {});
    }
  }, [open, form]);
  const submit = async (values: T) => {
    setError(null);
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (e) {
      setError(applyApiError(form, e, t, aliases));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={title} open={open} onCancel={onCancel} onOk={() => form.submit()} okText={okText ?? t('admin.kit.save')} cancelText={t('admin.kit.cancel')} confirmLoading={busy} width={width} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} requiredMark="optional" preserve={false}>
        {children(form)}
      </Form>
    </Modal>
  );
}
