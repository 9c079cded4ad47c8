import { CheckCircleFilled, CloseCircleFilled, ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../../api/client';
import type { Definition, DryRun } from '../types';
import { useRuleLabels } from './labels';

/** "Test against ticket #": which conditions hold on that ticket now, and what the actions would do (nothing is saved). */
export function DryRunPanel({ table, body, conditionDefs, actionDefs }: { table: string; body: () => object; conditionDefs: Definition[]; actionDefs: Definition[] }) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const [ticket, setTicket] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DryRun['dry_run'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    if (ticket === null) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult((await api<DryRun>('POST', `/api/v2/${table}/dry_run`, { ticket_id: ticket, ...body() })).dry_run);
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError ? (e.status === 404 ? t('admin.rules.dryRun.noTicket', { id: ticket }) : e.status === 422 ? t('admin.rules.dryRun.invalid') : e.description) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };
  const describeValue = (subject: string, defs: Definition[], value: unknown) => {
    const d = defs.find((x) => x.subject === subject);
    const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : JSON.stringify(value);
    const choice = d?.values.find((v) => v.value === text);
    return choice ? labels.value(subject, choice) : text;
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="dry-run">
      <Space wrap>
        <Typography.Text>{t('admin.rules.dryRun.label')}</Typography.Text>
        <InputNumber min={1} prefix="#" value={ticket} onChange={setTicket} onPressEnter={() => void run()} placeholder={t('admin.rules.dryRun.ticket')} style={{ width: 160 }} />
        <Button icon={<ExperimentOutlined />} onClick={() => void run()} loading={busy} disabled={ticket === null}>
          {t('admin.rules.dryRun.run')}
        </Button>
      </Space>
      {error ? <Alert type="warning" showIcon title={error} /> : null}
      {result ? (
        <>
          <Alert type={result.matches ? 'success' : 'info'} showIcon title={result.matches ? t('admin.rules.dryRun.matches', { id: result.ticket_id }) : t('admin.rules.dryRun.noMatch', { id: result.ticket_id })} />
          <List
            size="small"
            header={<Typography.Text strong>{t('admin.rules.dryRun.conditions')}</Typography.Text>}
            dataSource={result.conditions}
            renderItem={(c) => {
              const d = conditionDefs.find((x) => x.subject === c.field);
              return (
                <List.Item>
                  <Space>
                    {c.holds ? <CheckCircleFilled style={{ color: 'var(--ant-color-success, #52c41a)' }} /> : <CloseCircleFilled style={{ color: 'var(--ant-color-text-quaternary, #bfbfbf)' }} />}
                    <Tag>{t(`admin.rules.builder.${c.group}Short`)}</Tag>
                    <span>
                      {labels.subject(d ?? { subject: c.field, title: null })} {labels.operator(c.operator, d)} {c.value === '' && d?.operators.find((o) => o.value === c.operator)?.terminal ? '' : describeValue(c.field, conditionDefs, c.value)}
                    </span>
                    <Typography.Text type={c.holds ? 'success' : 'secondary'}>{c.holds ? t('admin.rules.dryRun.holds') : t('admin.rules.dryRun.fails')}</Typography.Text>
                  </Space>
                </List.Item>
              );
            }}
          />
          {result.matches ? (
            <List
              size="small"
              header={<Typography.Text strong>{t('admin.rules.dryRun.actions')}</Typography.Text>}
              dataSource={result.actions}
              locale={{ emptyText: t('admin.rules.dryRun.noActions') }}
              renderItem={(a) => (
                <List.Item>
                  <Space>
                    <span>
                      {labels.subject(actionDefs.find((x) => x.subject === a.field) ?? { subject: a.field, title: null }, 'action')}
                      {a.field.startsWith('notification_') ? '' : ` → ${describeValue(a.field, actionDefs, a.value)}`}
                    </span>
                    <Tag color={a.result === 'skipped' ? 'default' : 'blue'}>{t(`admin.rules.dryRun.result.${a.result ?? 'applied'}`)}</Tag>
                  </Space>
                </List.Item>
              )}
            />
          ) : null}
        </>
      ) : null}
    </Space>
  );
}
