import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Action, Definition, RowErrors } from '../types';
import { groupedSubjects, useRuleLabels } from './labels';
import { NotificationEditor } from './NotificationEditor';
import { ValueEditor } from './ValueEditor';
import styles from './builder.module.css';

const isNotification = (d: Definition) => d.type.startsWith('notification_');

export function blankAction(d: Definition): Action {
  if (isNotification(d)) {
    return { field: d.subject, value: d.type === 'notification_webhook' ? ['', ''] : ['', '', ''] };
  }
  const first = d.values.find((v) => v.value !== '');
  return { field: d.subject, value: d.type === 'list' || d.type === 'checkbox' ? (first?.value ?? '') : '' };
}

/** The actions of a rule or macro: what to set, and whom to tell. Actions that may not repeat are offered once. */
export function ActionBuilder({ value, onChange, definitions, errors = {}, wholeError }: { value: Action[]; onChange: (v: Action[]) => void; definitions: Definition[]; errors?: RowErrors; wholeError?: string | null }) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const used = new Set(value.map((a) => a.field));
  const set = (i: number, a: Action) => onChange(value.map((x, j) => (j === i ? a : x)));
  return (
    <div className={styles.builder}>
      <section className={styles.group} data-testid="actions">
        {wholeError ? <Alert type="error" showIcon title={wholeError} className={styles.groupError} /> : null}
        {value.map((action, i) => {
          const d = definitions.find((x) => x.subject === action.field);
          const rowErrors = errors[String(i)];
          const message = rowErrors?.field ?? rowErrors?.value;
          const offered = definitions.filter((x) => x.repeatable || x.subject === action.field || !used.has(x.subject));
          return (
            <div key={i} className={styles.row} data-testid={`action-${i}`}>
              <div className={styles.cells}>
                <Select
                  className={styles.subject}
                  showSearch={{ optionFilterProp: 'label' }}
                  value={action.field || undefined}
                  placeholder={t('admin.rules.builder.chooseAction')}
                  options={groupedSubjects(offered, labels, 'action')}
                  status={rowErrors?.field ? 'error' : undefined}
                  onChange={(field: string) => {
                    const next = definitions.find((x) => x.subject === field);
                    if (next) {
                      set(i, blankAction(next));
                    }
                  }}
                  popupMatchSelectWidth={false}
                />
                {d && isNotification(d) ? (
                  <NotificationEditor definition={d} value={Array.isArray(action.value) ? action.value : []} onChange={(v) => set(i, { ...action, value: v })} error={Boolean(rowErrors?.value)} />
                ) : (
                  <div className={styles.value}>
                    {d ? <ValueEditor definition={d} value={Array.isArray(action.value) ? action.value.join(' ') : action.value} onChange={(v) => set(i, { ...action, value: v })} status={rowErrors?.value ? 'error' : undefined} /> : null}
                    {!d && action.field ? <Typography.Text type="warning">{t('admin.rules.builder.unknownField', { field: action.field })}</Typography.Text> : null}
                  </div>
                )}
                <Button type="text" aria-label={t('admin.rules.builder.removeRow')} icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, j) => j !== i))} />
              </div>
              {message ? (
                <Typography.Text type="danger" className={styles.error} role="alert">
                  {message}
                </Typography.Text>
              ) : null}
            </div>
          );
        })}
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...value, { field: '', value: '' }])}>
          {t('admin.rules.builder.addAction')}
        </Button>
      </section>
    </div>
  );
}
