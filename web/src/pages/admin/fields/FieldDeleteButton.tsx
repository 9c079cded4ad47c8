import { App, Button, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { type CustomField, type FieldEntity, fieldResources } from './types';

const usageKinds = ['ticket_form', 'trigger', 'automation', 'macro', 'view', 'sla_policy'] as const;
type UsageKind = (typeof usageKinds)[number];

/** The server names what still uses a field as `UsedBy:<kind>:<id>` errors: read them back. */
function usagesOf(error: ApiError, one: string): { kind: UsageKind; name: string }[] {
  return (error.details[one] ?? []).flatMap((d) => {
    const kind = /^UsedBy:(\w+):\d+$/.exec(d.error)?.[1];
    return usageKinds.includes(kind as UsageKind) ? [{ kind: kind as UsageKind, name: d.description }] : [];
  });
}

/**
 * Deletes a field after asking. When forms or rules still use it the server refuses; the
 * admin is told exactly where, and offered to deactivate it instead (tickets keep their values).
 */
export function FieldDeleteButton({ entity, field, onDone }: { entity: FieldEntity; field: CustomField; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const r = fieldResources[entity];
  const deactivate = async () => {
    await api('PUT', `/api/v2/${r.path}/${field.id}`, { [r.one]: { active: false } });
    void message.success(t('admin.fields.deactivated'));
    await onDone();
  };
  const remove = async () => {
    setBusy(true);
    try {
      await api('DELETE', `/api/v2/${r.path}/${field.id}`);
      void message.success(t('admin.kit.deleted'));
      await onDone();
    } catch (e) {
      const usages = e instanceof ApiError ? usagesOf(e, r.one) : [];
      if (usages.length === 0) {
        void message.error(e instanceof ApiError ? e.description : t('errors.network'));
        return;
      }
      modal.confirm({
        title: t('admin.fields.inUseTitle', { name: field.title }),
        width: 480,
        content: (
          <>
            <Typography.Paragraph>{t('admin.fields.inUseIntro')}</Typography.Paragraph>
            <ul style={{ paddingInlineStart: 20 }} data-testid="field-usages">
              {usages.map((u, i) => (
                <li key={i}>
                  <Typography.Text type="secondary">{t(`admin.fields.usage.${u.kind}`)}：</Typography.Text>
                  {u.name}
                </li>
              ))}
            </ul>
            <Typography.Paragraph type="secondary">{field.active ? t('admin.fields.inUseHint') : t('admin.fields.inUseHintInactive')}</Typography.Paragraph>
          </>
        ),
        okText: field.active ? t('admin.fields.deactivateInstead') : t('admin.fields.understood'),
        cancelText: t('admin.kit.cancel'),
        onOk: field.active ? deactivate : undefined,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm
      title={t('admin.fields.deleteConfirm', { name: field.title })}
      description={t('admin.fields.deleteWarning')}
      okText={t('admin.kit.delete')}
      cancelText={t('admin.kit.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={() => void remove()}
    >
      <Button type="link" danger size="small" loading={busy}>
        {t('admin.kit.delete')}
      </Button>
    </Popconfirm>
  );
}
