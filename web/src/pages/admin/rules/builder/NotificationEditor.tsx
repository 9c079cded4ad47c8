import { Input, Select, Tag, Typography } from 'antd';
import { useRef } from 'react';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import type { Definition } from '../types';
import { useRuleLabels } from './labels';
import styles from './builder.module.css';

/** Placeholders the notification renderer fills in (rules/notify.ts), offered to click into the body. */
export const PLACEHOLDERS = [
  'ticket.id',
  'ticket.title',
  'ticket.description',
  'ticket.status',
  'ticket.priority',
  'ticket.url',
  'ticket.requester.name',
  'ticket.requester.email',
  'ticket.assignee.name',
  'ticket.group.name',
] as const;

/** Inserts `{{name}}` where the cursor is, or at the end. */
export function PlaceholderBar({ onInsert }: { onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className={styles.placeholders}>
      <Typography.Text type="secondary">{t('admin.rules.notify.placeholders')}</Typography.Text>
      {PLACEHOLDERS.map((p) => (
        <Tag key={p} style={{ cursor: 'pointer', marginInlineEnd: 0 }} onClick={() => onInsert(`{{${p}}}`)} title={`{{${p}}}`}>
          {t(`admin.rules.notify.placeholder.${p.replaceAll('.', '_')}`)}
        </Tag>
      ))}
    </div>
  );
}

function insertAt(area: TextAreaRef | null, text: string, current: string): string {
  const el = area?.resizableTextArea?.textArea;
  if (!el) {
    return current + text;
  }
  const start = el.selectionStart;
  return current.slice(0, start) + text + current.slice(el.selectionEnd);
}

/**
 * Email to a person, a group or an address ([recipient, subject, body]), or a webhook call
 * ([webhook, payload]): the parts as a small form rather than one opaque value.
 */
export function NotificationEditor({ definition, value, onChange, error }: { definition: Definition; value: string[]; onChange: (v: string[]) => void; error?: boolean }) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const body = useRef<TextAreaRef>(null);
  const webhook = definition.type === 'notification_webhook';
  const parts = webhook ? [value[0] ?? '', value[1] ?? ''] : [value[0] ?? '', value[1] ?? '', value[2] ?? ''];
  const set = (i: number, v: string) => onChange(parts.map((p, j) => (j === i ? v : p)));
  const bodyIndex = webhook ? 1 : 2;
  const status = error ? ('error' as const) : undefined;
  return (
    <div className={styles.notification} data-testid="notification-editor">
      {definition.type === 'notification_email' ? (
        <Input value={parts[0]} onChange={(e) => set(0, e.target.value)} placeholder={t('admin.rules.notify.emailPlaceholder')} addonBefore={t('admin.rules.notify.to')} status={status} />
      ) : (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={parts[0] || undefined}
          onChange={(v: string) => set(0, v)}
          options={definition.values.map((c) => ({ value: c.value, label: labels.value(definition.subject, c) }))}
          placeholder={webhook ? t('admin.rules.notify.chooseWebhook') : t('admin.rules.notify.chooseRecipient')}
          notFoundContent={webhook ? t('admin.rules.notify.noWebhooks') : undefined}
          status={status}
          style={{ width: '100%' }}
        />
      )}
      {webhook ? null : <Input value={parts[1]} onChange={(e) => set(1, e.target.value)} placeholder={t('admin.rules.notify.subject')} addonBefore={t('admin.rules.notify.subjectLabel')} />}
      <Input.TextArea
        ref={body}
        value={parts[bodyIndex]}
        onChange={(e) => set(bodyIndex, e.target.value)}
        autoSize={{ minRows: 3, maxRows: 12 }}
        placeholder={webhook ? t('admin.rules.notify.payloadPlaceholder', { example: '{{ticket.id}}' }) : t('admin.rules.notify.body')}
        style={webhook ? { fontFamily: 'var(--ant-font-family-code, monospace)' } : undefined}
      />
      <PlaceholderBar onInsert={(text) => set(bodyIndex, insertAt(body.current, text, parts[bodyIndex] ?? ''))} />
    </div>
  );
}
